//! Reading an exits file: `customer_id,date,reason` and optionally `note`.

use std::io::Read;

use chrono::NaiveDate;

use super::columns::FieldSpec;
use super::error::ImportError;
use super::records::{ImportOptions, Records};
use crate::domain::{Exit, ExitReason};

/// The columns of an exits file, with the header names accepted for each.
pub static EXIT_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        name: "customer_id",
        required: true,
        aliases: &["customer", "client_id", "customerid"],
    },
    FieldSpec {
        name: "date",
        required: true,
        aliases: &["exit_date", "churn_date"],
    },
    FieldSpec {
        name: "reason",
        required: true,
        aliases: &["exit_reason"],
    },
    FieldSpec {
        name: "note",
        required: false,
        aliases: &["notes"],
    },
];

/// One exit row, borrowing its text from the reader (valid until the next row).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExitRow<'a> {
    /// 1-based row number, the header being row 1.
    pub row: u64,
    /// Customer id (trimmed, non-empty).
    pub customer_id: &'a str,
    /// Day of the exit.
    pub date: NaiveDate,
    /// Why the customer left.
    pub reason: ExitReason,
    /// Free note, when given.
    pub note: Option<&'a str>,
}

impl ExitRow<'_> {
    /// The row as an owned domain record.
    pub fn to_exit(&self) -> Exit {
        Exit {
            customer_id: self.customer_id.to_owned(),
            date: self.date,
            reason: self.reason,
            note: self.note.unwrap_or_default().to_owned(),
        }
    }
}

/// A streaming reader of an exits file.
pub struct ExitReader<R> {
    records: Records<R>,
    positions: [Option<usize>; 4],
}

impl<R: Read> ExitReader<R> {
    /// Reads the header of `input` (named `file` in error messages) and maps its columns.
    pub fn new(file: &str, input: R, options: &ImportOptions) -> Result<Self, ImportError> {
        let (records, map) = Records::open(file, input, options, EXIT_FIELDS)?;
        let mut positions = [None; 4];
        for (slot, (_, pos)) in positions.iter_mut().zip(map.positions()) {
            *slot = pos;
        }
        Ok(Self { records, positions })
    }

    /// The next row, `None` at the end, or the first problem in it.
    pub fn next_row(&mut self) -> Result<Option<ExitRow<'_>>, ImportError> {
        if !self.records.advance()? {
            return Ok(None);
        }
        let r = &self.records;
        let [customer_id, date, reason, note] = self.positions;
        Ok(Some(ExitRow {
            row: r.row(),
            customer_id: r.text(customer_id, "customer_id")?,
            date: r.date(date, "date")?,
            reason: r.name(
                reason,
                "reason",
                "exit reason",
                ExitReason::ALL,
                ExitReason::as_str,
                None,
            )?,
            note: r.optional_text(note, "note")?,
        }))
    }

    /// Data rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.records.row().saturating_sub(1)
    }
}

/// Reads a whole exits file into owned records.
pub fn read_exits(
    file: &str,
    input: impl Read,
    options: &ImportOptions,
) -> Result<Vec<Exit>, ImportError> {
    let mut reader = ExitReader::new(file, input, options)?;
    let mut out = Vec::new();
    while let Some(row) = reader.next_row()? {
        out.push(row.to_exit());
    }
    Ok(out)
}
