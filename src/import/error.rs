//! The one error type of the import layer: what went wrong, in which file, row and column.
//!
//! Rows are numbered from 1 and **the header counts as row 1**, so the first data row is row 2,
//! which is the number a spreadsheet shows next to it. (A record whose quoted field spans several
//! lines still counts as one row.)

use std::fmt;

/// What a column's values were expected to look like; used in error sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A decimal amount of money such as `12.50`.
    Amount,
    /// A plain number such as `3` or `1.5`.
    Number,
    /// A calendar date in the given human description, e.g. `YYYY-MM-DD, e.g. 2024-03-31`.
    Date(String),
    /// One of a fixed list of names, e.g. the transaction kinds `order`, `return`.
    OneOf {
        /// What the names are, e.g. `transaction kind`.
        what: &'static str,
        /// The accepted names.
        names: Vec<&'static str>,
    },
    /// Non-empty UTF-8 text such as an id.
    Text,
}

impl Expected {
    /// What a bad value "is not", e.g. `a number`, `a date`, `a transaction kind`.
    fn noun(&self) -> String {
        match self {
            Expected::Amount | Expected::Number => "a number".to_owned(),
            Expected::Date(_) => "a date".to_owned(),
            Expected::OneOf { what, .. } => {
                let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!("{article} {what}")
            }
            Expected::Text => "valid text".to_owned(),
        }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Amount => f.write_str("e.g. 12.50"),
            Expected::Number => f.write_str("e.g. 3 or 1.5"),
            Expected::Date(description) => f.write_str(description),
            Expected::OneOf { names, .. } => write!(f, "one of: {}", names.join(", ")),
            Expected::Text => f.write_str("some UTF-8 text"),
        }
    }
}

/// What is wrong, without the file name (see [`ImportError`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    /// The bytes could not be read at all (an I/O error, with its message).
    Io(String),
    /// The file has no header row.
    Empty {
        /// The columns a header must name.
        required: Vec<&'static str>,
    },
    /// The header does not name a required column.
    MissingColumn {
        /// The missing column.
        column: &'static str,
        /// The columns the header does name, as written (trimmed).
        found: Vec<String>,
    },
    /// Two header cells map to the same column.
    DuplicateColumn {
        /// The column named twice.
        column: &'static str,
    },
    /// A row is not well-formed CSV (e.g. a different number of fields than the header).
    Malformed {
        /// 1-based row, the header being row 1.
        row: u64,
        /// What the CSV parser said.
        message: String,
    },
    /// A required value is empty.
    EmptyValue {
        /// 1-based row, the header being row 1.
        row: u64,
        /// Column name as known to the schema (e.g. `amount`).
        column: &'static str,
        /// What a value should look like.
        expected: Expected,
    },
    /// A value cannot be read as what its column holds.
    BadValue {
        /// 1-based row, the header being row 1.
        row: u64,
        /// Column name as known to the schema (e.g. `amount`).
        column: &'static str,
        /// The offending value (shortened to 60 characters).
        value: String,
        /// What a value should look like.
        expected: Expected,
    },
}

/// An import failure: a sentence naming the file, the row (the header is row 1), the column, the
/// offending value and what was expected, e.g.
/// `transactions.csv, row 14, column "amount": "12,5x" is not a number (expected e.g. 12.50)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file's name as the user knows it (usually the name without its folder).
    pub file: String,
    /// What went wrong.
    pub problem: ImportProblem,
}

impl ImportError {
    /// Makes an error for `file`.
    pub fn new(file: &str, problem: ImportProblem) -> Self {
        Self {
            file: file.to_owned(),
            problem,
        }
    }

    /// The 1-based row (the header is row 1) the error is about, if it is about one row.
    pub fn row(&self) -> Option<u64> {
        match &self.problem {
            ImportProblem::Malformed { row, .. }
            | ImportProblem::EmptyValue { row, .. }
            | ImportProblem::BadValue { row, .. } => Some(*row),
            ImportProblem::MissingColumn { .. } | ImportProblem::DuplicateColumn { .. } => Some(1),
            ImportProblem::Io(_) | ImportProblem::Empty { .. } => None,
        }
    }

    /// The schema column the error is about, if any.
    pub fn column(&self) -> Option<&'static str> {
        match &self.problem {
            ImportProblem::EmptyValue { column, .. }
            | ImportProblem::BadValue { column, .. }
            | ImportProblem::MissingColumn { column, .. }
            | ImportProblem::DuplicateColumn { column } => Some(column),
            _ => None,
        }
    }
}

/// Shortens a value for an error message, keeping whole characters.
pub(crate) fn shorten(value: &[u8]) -> String {
    let text = String::from_utf8_lossy(value);
    if text.chars().count() > 60 {
        let mut short: String = text.chars().take(57).collect();
        short.push_str("...");
        short
    } else {
        text.into_owned()
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = &self.file;
        match &self.problem {
            ImportProblem::Io(message) => write!(f, "{file} could not be read: {message}."),
            ImportProblem::Empty { required } => write!(
                f,
                "{file} is empty: expected a header row naming the columns {}.",
                required.join(", ")
            ),
            ImportProblem::MissingColumn { column, found } => write!(
                f,
                "{file}, row 1 (the header): there is no column \"{column}\" (found: {}); add \
                 it or rename the column that holds it.",
                if found.is_empty() { "none".to_owned() } else { found.join(", ") }
            ),
            ImportProblem::DuplicateColumn { column } => write!(
                f,
                "{file}, row 1 (the header): the column \"{column}\" appears twice; keep only one."
            ),
            ImportProblem::Malformed { row, message } => {
                write!(f, "{file}, row {row}: the row is not valid CSV ({message}).")
            }
            ImportProblem::EmptyValue { row, column, expected } => write!(
                f,
                "{file}, row {row}, column \"{column}\": the value is empty (expected {expected})"
            ),
            ImportProblem::BadValue { row, column, value, expected } => write!(
                f,
                "{file}, row {row}, column \"{column}\": \"{value}\" is not {} (expected {expected})",
                expected.noun()
            ),
        }
    }
}

impl std::error::Error for ImportError {}
