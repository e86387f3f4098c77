//! Reading the transactions file into the engine's `Ledger` on two threads: one parses CSV rows
//! into batches (the import layer's streaming reader) and interns their customer ids into dense
//! indices; the other registers each new id with the ledger builder and appends the rows.
//! Batches are recycled, so the steady state allocates nothing.

use std::io::Read;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use customer_insight::domain::day::day_number;
use customer_insight::analytics::{Ledger, LedgerBuilder};
use customer_insight::domain::{Money, TransactionKind};
use customer_insight::import::{ImportError, ImportOptions, TransactionReader};

use crate::intern::Interner;
use crate::progress::Progress;
use crate::cli::CliError;

/// Rows per batch: big enough to amortise the channel, small enough to stay in cache.
const BATCH_ROWS: usize = 8192;

/// A batch of parsed rows, columnar.
#[derive(Default)]
struct Batch {
    /// Customer id of each row (before interning).
    id_text: Vec<u8>,
    id_ends: Vec<u32>,
    /// Customer index of each row (after interning).
    customer: Vec<u32>,
    /// Ids seen for the first time in this batch, in index order, starting at `first_new`.
    new_text: Vec<u8>,
    new_ends: Vec<u32>,
    first_new: u32,
    day: Vec<i32>,
    amount: Vec<Money>,
    cost: Vec<Option<Money>>,
    kind: Vec<TransactionKind>,
}

impl Batch {
    fn clear(&mut self) {
        self.id_text.clear();
        self.id_ends.clear();
        self.customer.clear();
        self.new_text.clear();
        self.new_ends.clear();
        self.day.clear();
        self.amount.clear();
        self.cost.clear();
        self.kind.clear();
    }

    fn len(&self) -> usize {
        self.day.len()
    }

    fn new_ids(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.new_ends.iter().enumerate().map(|(i, &end)| {
            let start = if i == 0 {
                0
            } else {
                self.new_ends[i - 1] as usize
            };
            &self.new_text[start..end as usize]
        })
    }
}

/// The i-th id of a batch's `id_text`/`id_ends`.
fn id_at<'a>(text: &'a [u8], ends: &[u32], i: usize) -> &'a [u8] {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &text[start..ends[i] as usize]
}

/// The parsing side: fills batches from the reader, interns their ids, and sends them until
/// the end or an error.
fn parse<R: Read>(
    mut reader: TransactionReader<R>,
    mut interner: Interner,
    full: SyncSender<Result<Batch, ImportError>>,
    empty: Receiver<Batch>,
) {
    let mut next_index: u32 = 0;
    let (mut last_date, mut last_day) =
        (chrono::NaiveDate::MIN, day_number(chrono::NaiveDate::MIN));
    loop {
        let mut batch = empty.try_recv().unwrap_or_default();
        batch.clear();
        let mut failed = None;
        while batch.len() < BATCH_ROWS {
            match reader.next_row() {
                Ok(Some(row)) => {
                    batch.id_text.extend_from_slice(row.customer_id.as_bytes());
                    batch.id_ends.push(batch.id_text.len() as u32);
                    if row.date != last_date {
                        last_date = row.date;
                        last_day = day_number(row.date);
                    }
                    batch.day.push(last_day);
                    batch.amount.push(row.amount);
                    batch.cost.push(row.cost);
                    batch.kind.push(row.kind);
                }
                Ok(None) => break,
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        batch.first_new = next_index;
        {
            let Batch {
                id_text,
                id_ends,
                customer,
                new_text,
                new_ends,
                ..
            } = &mut batch;
            interner.intern_batch(
                id_ends.len(),
                |i| id_at(id_text, id_ends, i),
                customer,
                &mut |id: &[u8]| {
                    new_text.extend_from_slice(id);
                    new_ends.push(new_text.len() as u32);
                    next_index += 1;
                    next_index - 1
                },
            );
        }
        let last = failed.is_some() || batch.len() < BATCH_ROWS;
        if batch.len() > 0 && full.send(Ok(batch)).is_err() {
            return;
        }
        if let Some(e) = failed {
            let _ = full.send(Err(e));
        }
        if last {
            return;
        }
    }
}

/// Reads every row of `input` (named `name` in messages) into a ledger. `rows_guess` sizes the
/// columns up front (reserved but untouched memory costs nothing).
pub fn read(
    name: &str,
    input: impl Read + Send,
    options: &ImportOptions,
    rows_guess: usize,
    progress: &mut Progress,
) -> Result<Ledger, CliError> {
    let reader =
        TransactionReader::new(name, input, options).map_err(|e| CliError::Data(e.to_string()))?;
    let customers_guess = (rows_guess / 4).clamp(1024, 1 << 22);
    let mut builder = LedgerBuilder::with_capacity(rows_guess, customers_guess);
    let interner = Interner::with_capacity(customers_guess);
    let (full_tx, full_rx) = sync_channel::<Result<Batch, ImportError>>(8);
    let (empty_tx, empty_rx) = sync_channel::<Batch>(16);

    std::thread::scope(|scope| {
        scope.spawn(move || parse(reader, interner, full_tx, empty_rx));
        let mut rows: u64 = 0;
        for message in full_rx {
            let batch = message.map_err(|e| CliError::Data(e.to_string()))?;
            for (offset, id) in batch.new_ids().enumerate() {
                // Ids come from `&str` rows, so they are valid UTF-8; the builder numbers new
                // ids densely in order of first sight, exactly as the interner did.
                let index = builder.customer(std::str::from_utf8(id).unwrap_or_default());
                if index != batch.first_new + offset as u32 {
                    return Err(CliError::Data(format!(
                        "{name}: customer ids could not be numbered consistently (id {:?}); this is a bug.",
                        String::from_utf8_lossy(id)
                    )));
                }
            }
            for (i, &c) in batch.customer.iter().enumerate() {
                builder.push_day(
                    c,
                    batch.day[i],
                    batch.amount[i],
                    batch.cost[i],
                    batch.kind[i],
                );
            }
            rows += batch.len() as u64;
            progress.update(rows);
            let _ = empty_tx.try_send(batch);
        }
        progress.finish(rows);
        Ok::<(), CliError>(())
    })?;
    Ok(builder.finish())
}
