//! The import wizard's plan — how to read a file and which column holds which field — and the
//! problems found in its rows (what is wrong, where, as data; the sentences, and `Display`,
//! live in `i18n::import_problems`).

use serde::{Deserialize, Serialize};

use super::mapping::{guess_mapping, CustomerKey, Field, Mapping, MappingGuess, RecordKind};
use super::sniff::{
    date_field, date_guess_for, DecimalSeparator, Delimiter, Sniffed, TextEncoding,
};
use super::values::DateOrder;

/// Everything needed to read a file: what it holds, how it is written, which column holds
/// which field, and (for customers) the key that decides create or update. Plain data
/// (fieldless enums, no tagged enums), so it travels as postcard between page and worker.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportPlan {
    /// What the file holds.
    pub kind: RecordKind,
    /// Its text encoding.
    pub encoding: TextEncoding,
    /// The character between fields.
    pub delimiter: Delimiter,
    /// The decimal separator of amounts and numbers.
    pub decimal_separator: DecimalSeparator,
    /// The order of day, month and year in dates.
    pub date_format: DateOrder,
    /// Whether the first row names the columns.
    pub has_header: bool,
    /// Which column holds each field.
    pub mapping: Mapping,
    /// For customers: create or update by id or by e-mail.
    pub customer_key: CustomerKey,
}

impl ImportPlan {
    /// The plan the sniffer's findings suggest for a file of `kind`: its encoding, delimiter,
    /// header and decimal separator, the mapping guessed from the header, and the most likely
    /// date order of the mapped date column. Check [`ImportPlan::guess_details`] for what to
    /// ask the person (an ambiguous date order, unsure columns).
    pub fn from_sniff(kind: RecordKind, sniffed: &Sniffed) -> ImportPlan {
        let guess = if sniffed.has_header {
            guess_mapping(kind, &sniffed.header())
        } else {
            MappingGuess::default()
        };
        let mut mapping = guess.mapping();
        if mapping.fields.is_empty() {
            mapping = Mapping::empty(kind);
        }
        let date = date_guess_for(sniffed, mapping.column(date_field(kind)));
        // A customers file without a customer id column but with e-mails is keyed by e-mail.
        let customer_key = if kind == RecordKind::Customers
            && mapping.column(Field::CustomerId).is_none()
            && mapping.column(Field::Email).is_some()
        {
            CustomerKey::Email
        } else {
            CustomerKey::Id
        };
        ImportPlan {
            kind,
            encoding: sniffed.encoding,
            delimiter: sniffed.delimiter,
            decimal_separator: sniffed.decimal_separator,
            date_format: date.best(),
            has_header: sniffed.has_header,
            mapping,
            customer_key,
        }
    }

    /// The mapping guess (with confidences) behind [`ImportPlan::from_sniff`].
    pub fn guess_details(kind: RecordKind, sniffed: &Sniffed) -> MappingGuess {
        if sniffed.has_header {
            guess_mapping(kind, &sniffed.header())
        } else {
            MappingGuess::default()
        }
    }

    /// Whether `field` must have a column and a value in this plan.
    pub fn is_required(&self, field: Field) -> bool {
        self.kind.is_required(field, self.customer_key)
    }

    /// The mapped (field, column) pairs of this plan's kind, in the kind's field order; fields
    /// of other kinds in the mapping are ignored.
    pub fn mapped(&self) -> Vec<(Field, usize)> {
        self.kind
            .fields()
            .iter()
            .filter_map(|&f| self.mapping.column(f).map(|c| (f, c)))
            .collect()
    }

    /// Checks the plan against a file with `columns` columns: every required field has a
    /// column, every column exists and no column serves two fields.
    pub fn check(&self, columns: usize) -> Result<(), PlanError> {
        for &field in self.kind.fields() {
            match self.mapping.column(field) {
                None if self.is_required(field) => return Err(PlanError::FieldNotMapped { field }),
                Some(column) if column >= columns => {
                    return Err(PlanError::ColumnOutOfRange {
                        field,
                        column: column as u32,
                        columns: columns as u32,
                    })
                }
                _ => {}
            }
        }
        let mapped = self.mapped();
        for (i, (first, column)) in mapped.iter().enumerate() {
            if let Some((second, _)) = mapped[i + 1..].iter().find(|(_, c)| c == column) {
                return Err(PlanError::ColumnTwice {
                    column: *column as u32,
                    first: *first,
                    second: *second,
                });
            }
        }
        Ok(())
    }
}

/// Why a plan cannot read a file at all (before any row is looked at).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanError {
    /// The file has no rows.
    Empty,
    /// A required field has no column.
    FieldNotMapped {
        /// The field.
        field: Field,
    },
    /// A field's column is beyond the file's columns.
    ColumnOutOfRange {
        /// The field.
        field: Field,
        /// Its 0-based column.
        column: u32,
        /// How many columns the file has.
        columns: u32,
    },
    /// Two fields are mapped to one column.
    ColumnTwice {
        /// The 0-based column.
        column: u32,
        /// The first field.
        first: Field,
        /// The second field.
        second: Field,
    },
}

impl std::error::Error for PlanError {}

/// What is wrong with a value or a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Problem {
    /// A required value is empty.
    Missing,
    /// Not a number in the plan's decimal format.
    NotANumber {
        /// The plan's decimal separator, for the example in the sentence.
        decimal: DecimalSeparator,
    },
    /// Not a date in the plan's date order.
    NotADate {
        /// The plan's date order, for the example in the sentence.
        expected: DateOrder,
    },
    /// A date after the import's "today".
    FutureDate,
    /// An amount, cost or quantity below zero (returns are positive amounts of kind return).
    Negative,
    /// Not a transaction kind (order or return) in any of the four languages.
    UnknownTransactionKind,
    /// Not an interaction kind.
    UnknownInteractionKind,
    /// Not an exit reason.
    UnknownExitReason,
    /// Not a relationship level.
    UnknownLevel,
    /// Not an e-mail address.
    NotAnEmail,
    /// The bytes are not valid text in the plan's encoding.
    InvalidText,
    /// The customer key (id or e-mail) already appeared in an earlier row of the file.
    DuplicateKey {
        /// The earlier row (1-based, the header being row 1).
        first_row: u64,
    },
    /// A row has more values than the header has columns (the extra ones are not empty).
    TooManyFields {
        /// The header's column count.
        expected: u32,
        /// The row's field count.
        found: u32,
    },
    /// A row ends before a mapped column.
    TooFewFields {
        /// The header's column count.
        expected: u32,
        /// The row's field count.
        found: u32,
    },
    /// A new customer's id already belongs to another customer (create-or-update by e-mail).
    IdTaken,
    /// The customer is not in the workspace (nor in the same import).
    UnknownCustomer,
}

/// One problem in one row: where (row, column), the value as written, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// 1-based row; with a header, the header is row 1 and the first data row is row 2 (the
    /// number a spreadsheet shows).
    pub row: u64,
    /// The column's header name (or spreadsheet letter); empty for a problem of the whole row.
    pub column: String,
    /// The value as written (shortened to 60 characters); empty for a whole-row problem.
    pub value: String,
    /// What is wrong.
    pub problem: Problem,
}

impl std::error::Error for RowProblem {}
