//! Reading an interactions file: `customer_id,date,kind` and optionally `cost`, `note`,
//! `outcome`.

use std::io::Read;

use chrono::NaiveDate;

use super::columns::FieldSpec;
use super::error::ImportError;
use super::records::{ImportOptions, Records};
use crate::domain::{Interaction, InteractionKind, Money};

/// The columns of an interactions file, with the header names accepted for each.
pub static INTERACTION_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        name: "customer_id",
        required: true,
        aliases: &["customer", "client_id", "customerid"],
    },
    FieldSpec {
        name: "date",
        required: true,
        aliases: &["interaction_date", "contact_date"],
    },
    FieldSpec {
        name: "kind",
        required: true,
        aliases: &["type"],
    },
    FieldSpec {
        name: "cost",
        required: false,
        aliases: &[],
    },
    FieldSpec {
        name: "note",
        required: false,
        aliases: &["notes"],
    },
    FieldSpec {
        name: "outcome",
        required: false,
        aliases: &["result"],
    },
];

/// One interaction row, borrowing its text from the reader (valid until the next row).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InteractionRow<'a> {
    /// 1-based row number, the header being row 1.
    pub row: u64,
    /// Customer id (trimmed, non-empty).
    pub customer_id: &'a str,
    /// Day of the contact.
    pub date: NaiveDate,
    /// What kind of contact.
    pub kind: InteractionKind,
    /// Its own cost, when given.
    pub cost: Option<Money>,
    /// Free note, when given.
    pub note: Option<&'a str>,
    /// Outcome, when given.
    pub outcome: Option<&'a str>,
}

impl InteractionRow<'_> {
    /// The row as an owned domain record.
    pub fn to_interaction(&self) -> Interaction {
        Interaction {
            customer_id: self.customer_id.to_owned(),
            kind: self.kind,
            date: self.date,
            cost: self.cost,
            note: self.note.unwrap_or_default().to_owned(),
            outcome: self.outcome.map(str::to_owned),
        }
    }
}

/// A streaming reader of an interactions file.
pub struct InteractionReader<R> {
    records: Records<R>,
    positions: [Option<usize>; 6],
}

impl<R: Read> InteractionReader<R> {
    /// Reads the header of `input` (named `file` in error messages) and maps its columns.
    pub fn new(file: &str, input: R, options: &ImportOptions) -> Result<Self, ImportError> {
        let (records, map) = Records::open(file, input, options, INTERACTION_FIELDS)?;
        let mut positions = [None; 6];
        for (slot, (_, pos)) in positions.iter_mut().zip(map.positions()) {
            *slot = pos;
        }
        Ok(Self { records, positions })
    }

    /// The next row, `None` at the end, or the first problem in it.
    pub fn next_row(&mut self) -> Result<Option<InteractionRow<'_>>, ImportError> {
        if !self.records.advance()? {
            return Ok(None);
        }
        let r = &self.records;
        let [customer_id, date, kind, cost, note, outcome] = self.positions;
        Ok(Some(InteractionRow {
            row: r.row(),
            customer_id: r.text(customer_id, "customer_id")?,
            date: r.date(date, "date")?,
            kind: r.name(
                kind,
                "kind",
                "interaction kind",
                InteractionKind::ALL,
                InteractionKind::as_str,
                None,
            )?,
            cost: r.optional_money(cost, "cost")?,
            note: r.optional_text(note, "note")?,
            outcome: r.optional_text(outcome, "outcome")?,
        }))
    }

    /// Data rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.records.row().saturating_sub(1)
    }
}

/// Reads a whole interactions file into owned records.
pub fn read_interactions(
    file: &str,
    input: impl Read,
    options: &ImportOptions,
) -> Result<Vec<Interaction>, ImportError> {
    let mut reader = InteractionReader::new(file, input, options)?;
    let mut out = Vec::new();
    while let Some(row) = reader.next_row()? {
        out.push(row.to_interaction());
    }
    Ok(out)
}
