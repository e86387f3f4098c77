//! The streaming CSV record source under every typed reader: one reused `ByteRecord`, the row
//! counter of error messages, and the typed field accessors that turn bad values into
//! [`ImportError`]s naming file, row and column.

use std::cell::Cell;
use std::io::Read;

use chrono::NaiveDate;

use super::columns::{normalize_header, ColumnMap, FieldSpec};
use super::error::{shorten, Expected, ImportError, ImportProblem};
use super::values::{parse_minor_units, parse_number, DateFormat};
use crate::domain::Money;

/// How a file is written: delimiter, date format, decimal separator. `Default` reads the common
/// export: comma-separated, ISO dates, a dot for decimals.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportOptions {
    /// Field delimiter byte (`b','`, `b';'`, `b'\t'`).
    pub delimiter: u8,
    /// How dates are written.
    pub date_format: DateFormat,
    /// Decimal separator of amounts (`b'.'` or `b','`).
    pub decimal_separator: u8,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            delimiter: b',',
            date_format: DateFormat::Iso,
            decimal_separator: b'.',
        }
    }
}

/// A CSV source positioned on one record at a time.
pub(crate) struct Records<R> {
    reader: csv::Reader<R>,
    record: csv::ByteRecord,
    /// 1-based number of the current record, the header being row 1.
    row: u64,
    file: String,
    options: ImportOptions,
    /// The last 10-byte date text parsed and its value.
    last_date: Cell<Option<([u8; 10], NaiveDate)>>,
}

impl<R: Read> Records<R> {
    /// Opens `input`, reads its header and maps it to `fields`.
    pub(crate) fn open(
        file: &str,
        input: R,
        options: &ImportOptions,
        fields: &'static [FieldSpec],
    ) -> Result<(Self, ColumnMap), ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(options.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut record = csv::ByteRecord::new();
        let has_header = reader
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(file, 1, e))?;
        let header_is_blank = record.iter().all(|cell| normalize_header(cell).is_empty());
        if !has_header || header_is_blank {
            return Err(ImportError::new(
                file,
                ImportProblem::Empty {
                    required: fields
                        .iter()
                        .filter(|f| f.required)
                        .map(|f| f.name)
                        .collect(),
                },
            ));
        }
        let map = ColumnMap::detect(file, record.iter(), fields)?;
        let records = Self {
            reader,
            record,
            row: 1,
            file: file.to_owned(),
            options: options.clone(),
            last_date: Cell::new(None),
        };
        Ok((records, map))
    }

    /// Moves to the next record; `false` at the end of the input.
    pub(crate) fn advance(&mut self) -> Result<bool, ImportError> {
        let more = self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|e| csv_error(&self.file, self.row + 1, e))?;
        if more {
            self.row += 1;
        }
        Ok(more)
    }

    /// The current row number (the header is row 1).
    pub(crate) fn row(&self) -> u64 {
        self.row
    }

    /// Bytes consumed from the input so far (for progress reports).
    pub(crate) fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The trimmed raw value at `pos`, empty when the column is absent or the row is short.
    #[inline]
    pub(crate) fn raw(&self, pos: Option<usize>) -> &[u8] {
        match pos.and_then(|p| self.record.get(p)) {
            Some(value) => value.trim_ascii(),
            None => b"",
        }
    }

    fn empty(&self, column: &'static str, expected: Expected) -> ImportError {
        ImportError::new(
            &self.file,
            ImportProblem::EmptyValue {
                row: self.row,
                column,
                expected,
            },
        )
    }

    fn bad(&self, column: &'static str, value: &[u8], expected: Expected) -> ImportError {
        ImportError::new(
            &self.file,
            ImportProblem::BadValue {
                row: self.row,
                column,
                value: shorten(value),
                expected,
            },
        )
    }

    /// A required non-empty UTF-8 text value.
    #[inline]
    pub(crate) fn text(
        &self,
        pos: Option<usize>,
        column: &'static str,
    ) -> Result<&str, ImportError> {
        let raw = self.raw(pos);
        if raw.is_empty() {
            return Err(self.empty(column, Expected::Text));
        }
        std::str::from_utf8(raw).map_err(|_| self.bad(column, raw, Expected::Text))
    }

    /// An optional UTF-8 text value (`None` when empty).
    pub(crate) fn optional_text(
        &self,
        pos: Option<usize>,
        column: &'static str,
    ) -> Result<Option<&str>, ImportError> {
        let raw = self.raw(pos);
        if raw.is_empty() {
            return Ok(None);
        }
        std::str::from_utf8(raw)
            .map(Some)
            .map_err(|_| self.bad(column, raw, Expected::Text))
    }

    fn date_expected(&self) -> Expected {
        Expected::Date(self.options.date_format.describe())
    }

    /// A required date. Exports are usually sorted by date, so the last parsed date is kept
    /// and reused while the text repeats.
    #[inline]
    pub(crate) fn date(
        &self,
        pos: Option<usize>,
        column: &'static str,
    ) -> Result<NaiveDate, ImportError> {
        let raw = self.raw(pos);
        if raw.is_empty() {
            return Err(self.empty(column, self.date_expected()));
        }
        if let Some((last_text, last_date)) = self.last_date.get() {
            if raw == last_text {
                return Ok(last_date);
            }
        }
        let date = self
            .options
            .date_format
            .parse(raw)
            .ok_or_else(|| self.bad(column, raw, self.date_expected()))?;
        if let Ok(text) = <[u8; 10]>::try_from(raw) {
            self.last_date.set(Some((text, date)));
        }
        Ok(date)
    }

    /// A required amount of money.
    #[inline]
    pub(crate) fn money(
        &self,
        pos: Option<usize>,
        column: &'static str,
    ) -> Result<Money, ImportError> {
        let raw = self.raw(pos);
        if raw.is_empty() {
            return Err(self.empty(column, Expected::Amount));
        }
        parse_minor_units(raw, self.options.decimal_separator)
            .map(Money::from_minor)
            .ok_or_else(|| self.bad(column, raw, Expected::Amount))
    }

    /// An optional amount of money (`None` when empty or the column is absent).
    #[inline]
    pub(crate) fn optional_money(
        &self,
        pos: Option<usize>,
        column: &'static str,
    ) -> Result<Option<Money>, ImportError> {
        if self.raw(pos).is_empty() {
            Ok(None)
        } else {
            self.money(pos, column).map(Some)
        }
    }

    /// An optional plain number.
    pub(crate) fn optional_number(
        &self,
        pos: Option<usize>,
        column: &'static str,
    ) -> Result<Option<f64>, ImportError> {
        let raw = self.raw(pos);
        if raw.is_empty() {
            return Ok(None);
        }
        parse_number(raw)
            .map(Some)
            .ok_or_else(|| self.bad(column, raw, Expected::Number))
    }

    /// A name from a fixed list (a kind or reason), read by its snake_case name, ignoring case,
    /// spaces, hyphens and underscores (`Service Consultation` reads `service_consultation`,
    /// `E-mail` reads `email`). An empty value
    /// gives `default`, or an error when there is none.
    pub(crate) fn name<T: Copy>(
        &self,
        pos: Option<usize>,
        column: &'static str,
        what: &'static str,
        all: &[T],
        as_str: fn(T) -> &'static str,
        default: Option<T>,
    ) -> Result<T, ImportError> {
        let raw = self.raw(pos);
        let expected = || Expected::OneOf {
            what,
            names: all.iter().map(|v| as_str(*v)).collect(),
        };
        if raw.is_empty() {
            return default.ok_or_else(|| self.empty(column, expected()));
        }
        if let Some(v) = all.iter().find(|v| as_str(**v).as_bytes() == raw) {
            return Ok(*v);
        }
        let normalized = normalize_header(raw);
        let squeezed: String = normalized.chars().filter(|&c| c != '_').collect();
        all.iter()
            .find(|v| as_str(**v) == normalized)
            .or_else(|| {
                all.iter()
                    .find(|v| as_str(**v).replace('_', "") == squeezed)
            })
            .copied()
            .ok_or_else(|| self.bad(column, raw, expected()))
    }
}

fn csv_error(file: &str, row: u64, error: csv::Error) -> ImportError {
    let problem = if error.is_io_error() {
        match error.into_kind() {
            csv::ErrorKind::Io(e) => ImportProblem::Io(e.to_string()),
            other => ImportProblem::Io(format!("{other:?}")),
        }
    } else {
        ImportProblem::Malformed {
            row,
            message: error.to_string(),
        }
    };
    ImportError::new(file, problem)
}
