//! The drawn demo as columnar blocks ([`super::DemoBlocks`]), written column by column
//! without a record or a `String` per row: text goes straight into the blocks' buffers.
//!
//! Each kind comes out exactly as converting [`super::generate`]'s records would give it:
//! customers and interactions, exits and responses in the records' order by
//! `X::from_records`, transactions grouped by customer as `import::grouped_blocks` groups
//! them. Customer ids `C00001`, … all have the same width, so their text order is the
//! customers' order, and grouping by id is walking the customers in turn.

use super::behaviour::{Order, Past};
use super::catalogue::PRODUCTS;
use super::draw::{draw, sorted_by, CustomerRow, CustomerSink, Drawn, RowNames};
use super::people::Text;
use super::records::campaign_ranks;
use super::service::{self, NoteTexts};
use super::textset::{DictCol, StaticSet};
use super::{suggested_settings, DemoBlocks, DemoError, DemoOptions, COMPANY, CURRENCY};
use crate::domain::blocks::{
    CustomerBlock, ExitBlock, InteractionBlock, ResponseBlock, TransactionBlock, BLOCK_ROWS,
};
use crate::domain::text::Strings;
use crate::domain::{ContactPlan, Money, TransactionKind};

/// Draws the demo and lays it out as blocks.
pub(super) fn generate(
    options: &DemoOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<DemoBlocks, DemoError> {
    let mut customers = CustomerCols::default();
    let d = draw(options, progress, &mut customers)?;
    let plans = d
        .plans_due
        .iter()
        .map(|p| ContactPlan {
            customer_id: d.ids.get(p.customer).to_owned(),
            cadence: p.cadence,
            next_due: p.next_due,
            last_contact: p.last_contact,
        })
        .collect();
    let customers = customers.finish();
    let transactions = transaction_blocks(&d);
    let interactions = interaction_blocks(&d);
    let responses = response_blocks(&d);
    let exits = exit_blocks(&d);
    Ok(DemoBlocks {
        company: COMPANY.to_string(),
        currency: CURRENCY.to_string(),
        start: d.start,
        end: d.end,
        customers,
        managers: service::managers(),
        transactions,
        interactions,
        campaigns: d.campaigns.clone(),
        responses,
        exits,
        plans,
        settings: suggested_settings(),
    })
}

/// A block's table of customer ids in the order its rows first name them (what interning the
/// ids' text gives, since distinct customers have distinct ids), without hashing.
struct BlockIds {
    /// Per customer: its index in the block, or `u32::MAX`.
    slot: Vec<u32>,
    /// The customers the block names.
    named: Vec<u32>,
    ids: Strings,
}

impl BlockIds {
    fn new(n: usize) -> BlockIds {
        BlockIds {
            slot: vec![u32::MAX; n],
            named: Vec::new(),
            ids: Strings::new(),
        }
    }

    /// Customer `c`'s index in the block.
    #[inline]
    fn index(&mut self, c: u32, all: &Strings) -> u32 {
        let slot = &mut self.slot[c as usize];
        if *slot == u32::MAX {
            *slot = self.ids.push(all.get(c));
            self.named.push(c);
        }
        *slot
    }

    /// The block's ids; the table starts again empty.
    fn take(&mut self) -> Strings {
        for &c in &self.named {
            self.slot[c as usize] = u32::MAX;
        }
        self.named.clear();
        std::mem::take(&mut self.ids)
    }
}

/// Transactions grouped by customer in id order, each customer's rows in date order (orders
/// before returns on the same day, as the stable sort of the records puts them), in blocks of
/// [`BLOCK_ROWS`] rows; like `import::grouped_blocks` of the records.
fn transaction_blocks(d: &Drawn) -> Vec<TransactionBlock> {
    let timeline = &d.timeline;
    let ids = &d.ids;
    let total = d.lives.transaction_count();
    let mut blocks = Vec::with_capacity(total.div_ceil(BLOCK_ROWS));
    let mut block = TransactionCols::new();
    let mut fallback = Vec::new();
    for c in 0..d.n {
        let h = d.lives.get(c);
        let key = |o: &Order| timeline.index(o.day);
        let mut push = |kind: TransactionKind, o: &Order| {
            if block.customer.len() == BLOCK_ROWS {
                blocks.push(std::mem::replace(&mut block, TransactionCols::new()).finish());
            }
            block.push(c as u32, ids, kind, o, timeline.day_number(o.day));
        };
        if h.orders.is_sorted_by_key(key) && h.returns.is_sorted_by_key(key) {
            // A stable merge of two sorted runs.
            let (mut i, mut j) = (0, 0);
            while i < h.orders.len() || j < h.returns.len() {
                let take_order = j == h.returns.len()
                    || (i < h.orders.len() && key(&h.orders[i]) <= key(&h.returns[j]));
                if take_order {
                    push(TransactionKind::Order, &h.orders[i]);
                    i += 1;
                } else {
                    push(TransactionKind::Return, &h.returns[j]);
                    j += 1;
                }
            }
        } else {
            rows_by_date(h, &key, &mut fallback);
            for &(kind, o) in &fallback {
                push(kind, o);
            }
        }
    }
    if !block.customer.is_empty() {
        blocks.push(block.finish());
    }
    blocks
}

/// A customer's orders then returns, stably sorted by `key`.
fn rows_by_date<'a>(
    h: Past<'a>,
    key: &impl Fn(&Order) -> usize,
    out: &mut Vec<(TransactionKind, &'a Order)>,
) {
    out.clear();
    out.extend(h.orders.iter().map(|o| (TransactionKind::Order, o)));
    out.extend(h.returns.iter().map(|o| (TransactionKind::Return, o)));
    out.sort_by_key(|(_, o)| key(o));
}

/// The columns of one transaction block being filled.
struct TransactionCols {
    ids: Strings,
    /// The customer of the last row and its index in `ids`.
    last: Option<(u32, u32)>,
    customer: Vec<u32>,
    day: Vec<i32>,
    amount: Vec<i64>,
    cost: Vec<i64>,
    kind: Vec<u8>,
    product: DictCol,
    quantity: Vec<f64>,
}

impl TransactionCols {
    fn new() -> TransactionCols {
        TransactionCols {
            ids: Strings::with_capacity(BLOCK_ROWS / 4, BLOCK_ROWS * 2),
            last: None,
            customer: Vec::with_capacity(BLOCK_ROWS),
            day: Vec::with_capacity(BLOCK_ROWS),
            amount: Vec::with_capacity(BLOCK_ROWS),
            cost: Vec::with_capacity(BLOCK_ROWS),
            kind: Vec::with_capacity(BLOCK_ROWS),
            product: DictCol::with_capacity(BLOCK_ROWS, PRODUCTS.len(), 1024),
            quantity: Vec::with_capacity(BLOCK_ROWS),
        }
    }

    #[inline]
    fn push(&mut self, c: u32, all: &Strings, kind: TransactionKind, o: &Order, day: i32) {
        let index = match self.last {
            Some((last, index)) if last == c => index,
            _ => {
                let index = self.ids.push(all.get(c));
                self.last = Some((c, index));
                index
            }
        };
        self.customer.push(index);
        self.day.push(day);
        self.amount.push(o.amount);
        self.cost.push(Money::to_column(o.cost().map(Money)));
        self.kind.push(kind.code());
        match PRODUCTS.get(o.product as usize) {
            Some(p) => self.product.push_indexed(o.product as usize, p.name),
            None => self.product.push(None),
        }
        self.quantity.push(o.quantity);
    }

    fn finish(self) -> TransactionBlock {
        TransactionBlock {
            ids: self.ids,
            customer: self.customer,
            day: self.day,
            amount: self.amount,
            cost: self.cost,
            kind: self.kind,
            product: self.product.finish(),
            quantity: self.quantity,
        }
    }
}

/// Interactions in the records' order (stably by date), in blocks of [`BLOCK_ROWS`].
fn interaction_blocks(d: &Drawn) -> Vec<InteractionBlock> {
    let timeline = &d.timeline;
    let notes = NoteTexts::new(&d.plans);
    let rows = sorted_by(d.contacts.iter().copied(), timeline.len(), |c| {
        timeline.index(c.day)
    });
    let ids = &d.ids;
    let mut table = BlockIds::new(d.n);
    rows.chunks(BLOCK_ROWS)
        .map(|rows| {
            let mut b = InteractionBlock {
                customer: Vec::with_capacity(rows.len()),
                day: Vec::with_capacity(rows.len()),
                kind: Vec::with_capacity(rows.len()),
                cost: Vec::with_capacity(rows.len()),
                note: Strings::with_capacity(rows.len(), rows.len() * 24),
                ..InteractionBlock::default()
            };
            let mut outcome = DictCol::with_capacity(rows.len(), 32, 512);
            for c in rows {
                b.customer.push(table.index(c.customer, ids));
                b.day.push(timeline.day_number(c.day));
                b.kind.push(c.kind.code());
                b.cost.push(c.cost);
                b.note.push(notes.text(d.codes.note(c.note)));
                match d.codes.outcome(c.outcome) {
                    Some(text) => outcome.push_indexed(usize::from(c.outcome), text),
                    None => outcome.push(None),
                }
            }
            b.ids = table.take();
            b.outcome = outcome.finish();
            b
        })
        .collect()
}

/// Exits in the records' order (stably by date), in blocks of [`BLOCK_ROWS`].
fn exit_blocks(d: &Drawn) -> Vec<ExitBlock> {
    let timeline = &d.timeline;
    let mut rows = d.exits.clone();
    rows.sort_by_key(|e| timeline.index(e.day));
    let ids = &d.ids;
    let mut table = BlockIds::new(d.n);
    rows.chunks(BLOCK_ROWS)
        .map(|rows| {
            let mut b = ExitBlock::default();
            for e in rows {
                b.customer.push(table.index(e.customer, ids));
                b.day.push(timeline.day_number(e.day));
                b.reason.push(e.reason.code());
                b.note.push(e.note);
            }
            b.ids = table.take();
            b
        })
        .collect()
}

/// Responses in the records' order (stably by campaign id, then date), in blocks of
/// [`BLOCK_ROWS`].
fn response_blocks(d: &Drawn) -> Vec<ResponseBlock> {
    let timeline = &d.timeline;
    let days = timeline.len();
    let rank = campaign_ranks(d);
    let buckets = rank.iter().max().map_or(0, |r| r + 1) * days;
    let rows = sorted_by(d.responses.iter().copied(), buckets, |r| {
        rank[r.campaign] * days + timeline.index(r.day)
    });
    let ids = &d.ids;
    let mut table = BlockIds::new(d.n);
    rows.chunks(BLOCK_ROWS)
        .map(|rows| {
            let mut b = ResponseBlock {
                customer: Vec::with_capacity(rows.len()),
                campaign: Vec::with_capacity(rows.len()),
                day: Vec::with_capacity(rows.len()),
                responded: Vec::with_capacity(rows.len()),
                revenue: Vec::with_capacity(rows.len()),
                ..ResponseBlock::default()
            };
            let mut campaigns = StaticSet::default();
            for r in rows {
                let plan = &d.plans[r.campaign];
                b.customer.push(table.index(r.customer, ids));
                b.campaign
                    .push(campaigns.intern_keyed((r.campaign, 0), &plan.id));
                b.day.push(timeline.day_number(r.day));
                b.responded.push(u8::from(r.responded));
                b.note.push(if r.responded {
                    plan.yes_note
                } else {
                    plan.no_note
                });
                b.revenue.push(Money::to_column(r.revenue));
            }
            b.ids = table.take();
            b.campaigns = campaigns.finish();
            b
        })
        .collect()
}

/// Customers in id order, in blocks of [`BLOCK_ROWS`], filled as they are drawn.
#[derive(Default)]
struct CustomerCols {
    blocks: Vec<CustomerBlock>,
    block: CustomerBlock,
    /// Company names and e-mail addresses are distinct (see `people::Names`), so each is a
    /// new value of its column.
    company: DictCol,
    email: DictCol,
    phone: DictCol,
    address: DictCol,
    segment: DictCol,
    channel: DictCol,
    manager: DictCol,
    tag_values: StaticSet,
    text: String,
}

impl CustomerCols {
    /// Starts the next block.
    fn open(&mut self) {
        let n = BLOCK_ROWS;
        self.block = CustomerBlock {
            ids: Strings::with_capacity(n, n * 8),
            name: Strings::with_capacity(n, n * 14),
            acquired: Vec::with_capacity(n),
            tags: Vec::with_capacity(n * 2),
            tag_ends: Vec::with_capacity(n),
            notes: Strings::with_capacity(n, n * 80),
            level: Vec::with_capacity(n),
            ..CustomerBlock::default()
        };
        // Company names and e-mail addresses go in unlooked-up; phone numbers by key.
        self.company = DictCol::with_capacity(n, 0, n * 12);
        self.email = DictCol::with_capacity(n, 0, n * 28);
        self.phone = DictCol::with_capacity(n, 0, n * 13);
        self.address = DictCol::with_capacity(n, n, n * 32);
        self.segment = DictCol::with_capacity(n, 8, 64);
        self.channel = DictCol::with_capacity(n, 8, 64);
        self.manager = DictCol::with_capacity(n, 8, 32);
        self.tag_values = StaticSet::default();
    }

    /// Closes the block being filled.
    fn close(&mut self) {
        let mut b = std::mem::take(&mut self.block);
        b.company = std::mem::take(&mut self.company).finish();
        b.email = std::mem::take(&mut self.email).finish();
        b.phone = std::mem::take(&mut self.phone).finish();
        b.address = std::mem::take(&mut self.address).finish();
        b.segment = std::mem::take(&mut self.segment).finish();
        b.channel = std::mem::take(&mut self.channel).finish();
        b.manager = std::mem::take(&mut self.manager).finish();
        b.tag_values = std::mem::take(&mut self.tag_values).finish();
        self.blocks.push(b);
    }

    fn finish(mut self) -> Vec<CustomerBlock> {
        if !self.block.ids.is_empty() {
            self.close();
        }
        self.blocks
    }
}

impl CustomerSink for CustomerCols {
    fn push(&mut self, index: u32, c: &CustomerRow, names: &RowNames<'_>) {
        if self.block.ids.len() == BLOCK_ROWS {
            self.close();
        }
        if self.block.ids.is_empty() {
            self.open();
        }
        let b = &mut self.block;
        let text = &mut self.text;
        b.ids.push(names.ids.get(index));
        text.clear();
        c.who.push_to(text);
        b.name.push(text);
        match c.company {
            Some(k) => self.company.push_new(names.companies.get(k)),
            None => self.company.push(None),
        }
        self.email.push_new(names.emails.get(c.email));
        text.clear();
        c.phone.push_to(text);
        self.phone.push_indexed(c.phone.key(), text);
        text.clear();
        c.address.push_to(text);
        self.address.push(Some(text));
        self.segment.push_static(Some(c.segment));
        self.channel.push_static(c.channel);
        b.acquired.push(names.timeline.day_number(c.acquired));
        for &t in c.tags.as_slice() {
            b.tags.push(self.tag_values.intern_static(t));
        }
        b.tag_ends.push(b.tags.len() as u32);
        text.clear();
        c.notes.push_to(text);
        b.notes.push(text);
        b.level.push(c.level.map_or(0, |l| l.code() + 1));
        self.manager.push_static(c.manager);
    }
}
