//! Reading a whole file with an [`ImportPlan`]: every row is validated, the good rows are kept —
//! transactions as columnar blocks, the other kinds as domain records — and the problems are
//! listed with their row, column and value; and the preview of the first rows as they will be
//! stored, cell by cell, through the very same checks.
//!
//! One pass over the bytes, one reused CSV record, values parsed from bytes by hand (dates and
//! amounts), and no allocation per row for ids a block already holds, so a million transaction
//! rows take a fraction of a second natively (see `tests/import_wizard.rs`, the ignored timing
//! test).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::blocks::GroupedColumnsBuilder;
use crate::domain::day::day_number;
use crate::domain::blocks::TransactionBlock;
use super::error::shorten;
use super::mapping::{self, CustomerKey, Field, RecordKind};
use super::plan::{ImportPlan, PlanError, Problem, RowProblem};
use super::sniff::{column_letter, DecimalSeparator};
use super::values::{parse_amount, parse_decimal, DateOrder};
use crate::domain::{
    Customer, Exit, ExitReason, Interaction, InteractionKind, Money, RelationshipLevel,
    TransactionKind,
};

/// The most problems [`Parsed::problems`] lists (all are counted in [`Parsed::problem_count`]).
pub const MAX_PROBLEMS: usize = 1_000;

/// Rows between two progress reports.
const PROGRESS_EVERY: u64 = 65_536;

/// How far a parse has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseProgress {
    /// Data rows read so far.
    pub rows: u64,
    /// Bytes of decoded text read so far.
    pub bytes: u64,
    /// Bytes of decoded text in all.
    pub total_bytes: u64,
}

impl ParseProgress {
    /// The share done, 0 to 1.
    pub fn fraction(&self) -> f32 {
        if self.total_bytes == 0 {
            1.0
        } else {
            (self.bytes as f64 / self.total_bytes as f64).min(1.0) as f32
        }
    }
}

/// A record with the file row it came from (1-based, the header being row 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedRow<T> {
    /// The row.
    pub row: u64,
    /// The record.
    pub record: T,
}

/// The good rows of a file, by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ParsedRecords {
    /// Transactions, columnar, in blocks of 10,000 rows, grouped by customer as they are
    /// stored (see `blocks::GroupedColumnsBuilder`).
    Transactions(Vec<TransactionBlock>),
    /// Customers as written: fields not in the file (or empty) are `None`/empty, and with
    /// the e-mail as key the id may be empty (see `import::customers::split_customers`).
    Customers(Vec<ImportedRow<Customer>>),
    /// Interactions.
    Interactions(Vec<ImportedRow<Interaction>>),
    /// Exits.
    Exits(Vec<ImportedRow<Exit>>),
}

/// The outcome of reading a whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    /// What the file holds.
    pub kind: RecordKind,
    /// The column names (header cells, or spreadsheet letters).
    pub columns: Vec<String>,
    /// Data rows read (blank rows not counted).
    pub rows: u64,
    /// Rows kept.
    pub valid: u64,
    /// Rows with at least one problem (left out).
    pub invalid: u64,
    /// Blank rows skipped (empty lines and rows of empty values).
    pub blank: u64,
    /// The first [`MAX_PROBLEMS`] problems, in file order.
    pub problems: Vec<RowProblem>,
    /// Every problem found.
    pub problem_count: u64,
    /// The good rows.
    pub records: ParsedRecords,
}

impl Parsed {
    /// Problems for interaction and exit rows whose customer `is_known` does not know (the
    /// column named as the plan maps the customer id). Empty for other kinds.
    pub fn unknown_customers(
        &self,
        plan: &ImportPlan,
        is_known: impl Fn(&str) -> bool,
    ) -> Vec<RowProblem> {
        let column = plan
            .mapping
            .column(Field::CustomerId)
            .and_then(|c| self.columns.get(c).cloned())
            .unwrap_or_default();
        let problem = |row: u64, id: &str| RowProblem {
            row,
            column: column.clone(),
            value: id.to_owned(),
            problem: Problem::UnknownCustomer,
        };
        match &self.records {
            ParsedRecords::Interactions(rows) => rows
                .iter()
                .filter(|r| !is_known(&r.record.customer_id))
                .map(|r| problem(r.row, &r.record.customer_id))
                .collect(),
            ParsedRecords::Exits(rows) => rows
                .iter()
                .filter(|r| !is_known(&r.record.customer_id))
                .map(|r| problem(r.row, &r.record.customer_id))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A value as it will be stored, for the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// Nothing (an empty optional value).
    Empty,
    /// Text.
    Text(String),
    /// A date.
    Date(NaiveDate),
    /// An amount of money.
    Money(Money),
    /// A plain number.
    Number(f64),
    /// A transaction kind.
    TransactionKind(TransactionKind),
    /// An interaction kind.
    InteractionKind(InteractionKind),
    /// An exit reason.
    ExitReason(ExitReason),
    /// A relationship level.
    Level(RelationshipLevel),
    /// A list of tags.
    Tags(Vec<String>),
}

impl Value {
    /// A plain, locale-neutral rendering (`2024-03-31`, `12.50`, `order`, `a; b`); the UI
    /// formats by locale itself.
    pub fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.clone(),
            Value::Date(d) => d.to_string(),
            Value::Money(m) => m.to_string(),
            Value::Number(n) => n.to_string(),
            Value::TransactionKind(k) => k.as_str().to_owned(),
            Value::InteractionKind(k) => k.as_str().to_owned(),
            Value::ExitReason(r) => r.as_str().to_owned(),
            Value::Level(l) => l.as_str().to_owned(),
            Value::Tags(tags) => tags.join("; "),
        }
    }
}

/// One mapped cell of a previewed row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewCell {
    /// The field.
    pub field: Field,
    /// The 0-based column it comes from.
    pub column: u32,
    /// The text as written (trimmed).
    pub raw: String,
    /// The value as it will be stored (`Empty` when it has a problem).
    pub value: Value,
    /// What is wrong with it, if anything.
    pub problem: Option<Problem>,
}

/// One previewed row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// 1-based row (the header being row 1).
    pub row: u64,
    /// One cell per mapped field, in the kind's field order.
    pub cells: Vec<PreviewCell>,
    /// Every problem of the row (cells' and the row's own), as the parse would list them.
    pub problems: Vec<RowProblem>,
}

impl PreviewRow {
    /// Whether the row would be imported.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A value read from a cell, borrowing its text from the current record.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Val<'a> {
    Empty,
    Text(&'a str),
    Date(NaiveDate),
    Minor(i64),
    Number(f64),
    Tx(TransactionKind),
    Ix(InteractionKind),
    Reason(ExitReason),
    Level(RelationshipLevel),
}

type Vals<'a> = [Val<'a>; Field::ALL.len()];

/// A short cell text kept for a one-entry cache (dates and kinds repeat down a file).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    bytes: [u8; 32],
    len: u8,
}

impl Key {
    #[inline]
    fn of(raw: &[u8]) -> Option<Key> {
        let mut bytes = [0u8; 32];
        bytes.get_mut(..raw.len())?.copy_from_slice(raw);
        Some(Key {
            bytes,
            len: raw.len() as u8,
        })
    }

    #[inline]
    fn is(&self, raw: &[u8]) -> bool {
        usize::from(self.len) == raw.len() && &self.bytes[..raw.len()] == raw
    }
}

/// Reads single values the plan's way.
struct Checker {
    kind: RecordKind,
    decimal: DecimalSeparator,
    order: DateOrder,
    today: NaiveDate,
    last_date: Option<(Key, Result<NaiveDate, Problem>)>,
    last_kind: Option<(Key, Result<TransactionKind, Problem>)>,
}

/// Whether `text` looks like an e-mail address: one `@` with text before it and a domain
/// with a dot after it, no white space.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

/// Splits a tags cell on `;`, `|` or `,`, trimmed, without empties or repeats.
fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text
        .split([';', '|', ','])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

impl Checker {
    #[inline]
    fn text<'a>(&self, raw: &'a [u8]) -> Result<&'a str, Problem> {
        std::str::from_utf8(raw).map_err(|_| Problem::InvalidText)
    }

    #[inline]
    fn date(&mut self, raw: &[u8]) -> Result<NaiveDate, Problem> {
        if let Some((key, result)) = &self.last_date {
            if key.is(raw) {
                return *result;
            }
        }
        let result = match self.order.parse(raw) {
            None => Err(Problem::NotADate {
                expected: self.order,
            }),
            Some(date) if date > self.today => Err(Problem::FutureDate),
            Some(date) => Ok(date),
        };
        if let Some(key) = Key::of(raw) {
            self.last_date = Some((key, result));
        }
        result
    }

    #[inline]
    fn money(&self, raw: &[u8]) -> Result<i64, Problem> {
        match parse_amount(raw, self.decimal.byte()) {
            None => Err(Problem::NotANumber {
                decimal: self.decimal,
            }),
            Some(v) if v < 0 => Err(Problem::Negative),
            Some(v) => Ok(v),
        }
    }

    fn number(&self, raw: &[u8]) -> Result<f64, Problem> {
        match parse_decimal(raw, self.decimal.byte()) {
            None => Err(Problem::NotANumber {
                decimal: self.decimal,
            }),
            Some(v) if v < 0.0 => Err(Problem::Negative),
            Some(v) => Ok(v),
        }
    }

    #[inline]
    fn transaction_kind(&mut self, raw: &[u8]) -> Result<TransactionKind, Problem> {
        match raw {
            b"order" => return Ok(TransactionKind::Order),
            b"return" => return Ok(TransactionKind::Return),
            _ => {}
        }
        if let Some((key, result)) = &self.last_kind {
            if key.is(raw) {
                return *result;
            }
        }
        let result = self
            .text(raw)
            .and_then(|t| mapping::transaction_kind(t).ok_or(Problem::UnknownTransactionKind));
        if let Some(key) = Key::of(raw) {
            self.last_kind = Some((key, result));
        }
        result
    }

    /// Reads a non-empty cell as `field`.
    #[inline]
    fn read<'a>(&mut self, field: Field, raw: &'a [u8]) -> Result<Val<'a>, Problem> {
        match field {
            Field::Date | Field::AcquisitionDate => self.date(raw).map(Val::Date),
            Field::Amount | Field::Cost => self.money(raw).map(Val::Minor),
            Field::Quantity => self.number(raw).map(Val::Number),
            Field::Kind if self.kind == RecordKind::Transactions => {
                self.transaction_kind(raw).map(Val::Tx)
            }
            Field::Kind => self.text(raw).and_then(|t| {
                mapping::interaction_kind(t)
                    .map(Val::Ix)
                    .ok_or(Problem::UnknownInteractionKind)
            }),
            Field::Reason => self.text(raw).and_then(|t| {
                mapping::exit_reason(t)
                    .map(Val::Reason)
                    .ok_or(Problem::UnknownExitReason)
            }),
            Field::Level => self.text(raw).and_then(|t| {
                mapping::relationship_level(t)
                    .map(Val::Level)
                    .ok_or(Problem::UnknownLevel)
            }),
            Field::Email => self.text(raw).and_then(|t| {
                if is_email(t) {
                    Ok(Val::Text(t))
                } else {
                    Err(Problem::NotAnEmail)
                }
            }),
            _ => self.text(raw).map(Val::Text),
        }
    }
}

/// A mapped field: where it is and what it is called.
struct Slot {
    field: Field,
    column: usize,
    required: bool,
    name: String,
}

/// A problem of the current row, with the slot it belongs to (`None`: the whole row).
type Found = (Option<usize>, RowProblem);

/// Validates rows cell by cell.
struct Scanner {
    slots: Vec<Slot>,
    width: usize,
    needed: usize,
    checker: Checker,
}

impl Scanner {
    fn new(plan: &ImportPlan, names: &[String], today: NaiveDate) -> Scanner {
        let slots: Vec<Slot> = plan
            .mapped()
            .into_iter()
            .map(|(field, column)| Slot {
                field,
                column,
                required: plan.is_required(field),
                name: names
                    .get(column)
                    .cloned()
                    .unwrap_or_else(|| column_letter(column)),
            })
            .collect();
        let needed = slots.iter().map(|s| s.column + 1).max().unwrap_or(0);
        Scanner {
            slots,
            width: names.len(),
            needed,
            checker: Checker {
                kind: plan.kind,
                decimal: plan.decimal_separator,
                order: plan.date_format,
                today,
                last_date: None,
                last_kind: None,
            },
        }
    }

    /// Reads every mapped cell of `record` into `vals` and its problems into `found`.
    #[inline]
    fn scan<'r>(
        &mut self,
        record: &'r csv::ByteRecord,
        row: u64,
        vals: &mut Vals<'r>,
        found: &mut Vec<Found>,
    ) {
        let fields = record.len();
        if fields > self.width
            && record
                .iter()
                .skip(self.width)
                .any(|f| !f.trim_ascii().is_empty())
        {
            found.push((
                None,
                whole_row(
                    row,
                    Problem::TooManyFields {
                        expected: self.width as u32,
                        found: fields as u32,
                    },
                ),
            ));
        } else if fields < self.needed {
            found.push((
                None,
                whole_row(
                    row,
                    Problem::TooFewFields {
                        expected: self.width as u32,
                        found: fields as u32,
                    },
                ),
            ));
        }
        for (i, slot) in self.slots.iter().enumerate() {
            let Some(cell) = record.get(slot.column) else {
                continue;
            };
            let raw = cell.trim_ascii();
            if raw.is_empty() {
                if slot.required {
                    found.push((Some(i), cell_problem(row, slot, raw, Problem::Missing)));
                }
                continue;
            }
            match self.checker.read(slot.field, raw) {
                Ok(v) => vals[slot.field as usize] = v,
                Err(problem) => found.push((Some(i), cell_problem(row, slot, raw, problem))),
            }
        }
    }

    fn slot_of(&self, field: Field) -> Option<usize> {
        self.slots.iter().position(|s| s.field == field)
    }
}

fn whole_row(row: u64, problem: Problem) -> RowProblem {
    RowProblem {
        row,
        column: String::new(),
        value: String::new(),
        problem,
    }
}

fn cell_problem(row: u64, slot: &Slot, raw: &[u8], problem: Problem) -> RowProblem {
    RowProblem {
        row,
        column: slot.name.clone(),
        value: shorten(raw),
        problem,
    }
}

#[inline]
fn text<'a>(vals: &Vals<'a>, field: Field) -> Option<&'a str> {
    match vals[field as usize] {
        Val::Text(t) => Some(t),
        _ => None,
    }
}

#[inline]
fn owned(vals: &Vals<'_>, field: Field) -> Option<String> {
    text(vals, field).map(str::to_owned)
}

#[inline]
fn date(vals: &Vals<'_>, field: Field) -> Option<NaiveDate> {
    match vals[field as usize] {
        Val::Date(d) => Some(d),
        _ => None,
    }
}

#[inline]
fn minor(vals: &Vals<'_>, field: Field) -> Option<i64> {
    match vals[field as usize] {
        Val::Minor(m) => Some(m),
        _ => None,
    }
}

/// Collects the good rows of one kind.
enum Builder {
    Transactions(Box<GroupedColumnsBuilder>),
    Customers {
        key: CustomerKey,
        seen: std::collections::HashMap<String, u64>,
        rows: Vec<ImportedRow<Customer>>,
    },
    Interactions(Vec<ImportedRow<Interaction>>),
    Exits(Vec<ImportedRow<Exit>>),
}

impl Builder {
    fn new(plan: &ImportPlan) -> Builder {
        match plan.kind {
            RecordKind::Transactions => Builder::Transactions(Box::default()),
            RecordKind::Customers => Builder::Customers {
                key: plan.customer_key,
                seen: Default::default(),
                rows: Vec::new(),
            },
            RecordKind::Interactions => Builder::Interactions(Vec::new()),
            RecordKind::Exits => Builder::Exits(Vec::new()),
        }
    }

    /// Keeps a row whose cells are all valid; a row the builder refuses (a repeated customer
    /// key) gives back the field and the problem.
    #[inline]
    fn push(&mut self, row: u64, vals: &Vals<'_>) -> Option<(Field, Problem, String)> {
        let missing = |field: Field| Some((field, Problem::Missing, String::new()));
        match self {
            Builder::Transactions(b) => {
                let Some(customer) = text(vals, Field::CustomerId) else {
                    return missing(Field::CustomerId);
                };
                let Some(day) = date(vals, Field::Date) else {
                    return missing(Field::Date);
                };
                let Some(amount) = minor(vals, Field::Amount) else {
                    return missing(Field::Amount);
                };
                let kind = match vals[Field::Kind as usize] {
                    Val::Tx(k) => k,
                    _ => TransactionKind::Order,
                };
                let quantity = match vals[Field::Quantity as usize] {
                    Val::Number(q) => Some(q),
                    _ => None,
                };
                b.push(
                    customer,
                    day_number(day),
                    Money::from_minor(amount),
                    minor(vals, Field::Cost).map(Money::from_minor),
                    kind,
                    text(vals, Field::Product),
                    quantity,
                );
                None
            }
            Builder::Customers { key, seen, rows } => {
                let (key_field, key_text) = match key {
                    CustomerKey::Id => (
                        Field::CustomerId,
                        text(vals, Field::CustomerId).map(str::to_owned),
                    ),
                    CustomerKey::Email => (
                        Field::Email,
                        text(vals, Field::Email).map(|e| e.to_lowercase()),
                    ),
                };
                let Some(key_text) = key_text else {
                    return missing(key_field);
                };
                if let Some(&first_row) = seen.get(&key_text) {
                    return Some((key_field, Problem::DuplicateKey { first_row }, key_text));
                }
                seen.insert(key_text, row);
                let customer = Customer {
                    id: owned(vals, Field::CustomerId).unwrap_or_default(),
                    name: owned(vals, Field::Name).unwrap_or_default(),
                    company: owned(vals, Field::Company),
                    email: owned(vals, Field::Email),
                    phone: owned(vals, Field::Phone),
                    address: owned(vals, Field::Address),
                    segment: owned(vals, Field::Segment),
                    acquisition_channel: owned(vals, Field::Channel),
                    acquisition_date: date(vals, Field::AcquisitionDate),
                    tags: text(vals, Field::Tags).map(split_tags).unwrap_or_default(),
                    notes: owned(vals, Field::Note).unwrap_or_default(),
                    relationship_level: match vals[Field::Level as usize] {
                        Val::Level(l) => Some(l),
                        _ => None,
                    },
                    manager_id: owned(vals, Field::Manager),
                };
                rows.push(ImportedRow {
                    row,
                    record: customer,
                });
                None
            }
            Builder::Interactions(rows) => {
                let Some(customer) = owned(vals, Field::CustomerId) else {
                    return missing(Field::CustomerId);
                };
                let Some(day) = date(vals, Field::Date) else {
                    return missing(Field::Date);
                };
                let Val::Ix(kind) = vals[Field::Kind as usize] else {
                    return missing(Field::Kind);
                };
                rows.push(ImportedRow {
                    row,
                    record: Interaction {
                        customer_id: customer,
                        kind,
                        date: day,
                        cost: minor(vals, Field::Cost).map(Money),
                        note: owned(vals, Field::Note).unwrap_or_default(),
                        outcome: owned(vals, Field::Outcome),
                    },
                });
                None
            }
            Builder::Exits(rows) => {
                let Some(customer) = owned(vals, Field::CustomerId) else {
                    return missing(Field::CustomerId);
                };
                let Some(day) = date(vals, Field::Date) else {
                    return missing(Field::Date);
                };
                let Val::Reason(reason) = vals[Field::Reason as usize] else {
                    return missing(Field::Reason);
                };
                rows.push(ImportedRow {
                    row,
                    record: Exit {
                        customer_id: customer,
                        date: day,
                        reason,
                        note: owned(vals, Field::Note).unwrap_or_default(),
                    },
                });
                None
            }
        }
    }

    fn finish(self) -> ParsedRecords {
        match self {
            Builder::Transactions(b) => ParsedRecords::Transactions(b.finish()),
            Builder::Customers { rows, .. } => ParsedRecords::Customers(rows),
            Builder::Interactions(rows) => ParsedRecords::Interactions(rows),
            Builder::Exits(rows) => ParsedRecords::Exits(rows),
        }
    }
}

/// The decoded text as CSV records, numbered as a spreadsheet numbers rows.
struct Table<'t> {
    reader: csv::Reader<&'t [u8]>,
    record: csv::ByteRecord,
    names: Vec<String>,
    text: &'t [u8],
    /// The current record's row.
    row: u64,
    /// Empty lines skipped so far.
    blank_lines: u64,
    /// Without a header the first record, already read, is the first data row.
    replay: bool,
}

impl<'t> Table<'t> {
    fn open(plan: &ImportPlan, text: &'t [u8]) -> Result<Table<'t>, PlanError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(plan.delimiter.byte())
            .has_headers(false)
            .flexible(true)
            .from_reader(text);
        let mut record = csv::ByteRecord::new();
        // Reading bytes from a slice with flexible records cannot fail.
        if !reader.read_byte_record(&mut record).unwrap_or(false) {
            return Err(PlanError::Empty);
        }
        let names: Vec<String> = if plan.has_header {
            record
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let name = String::from_utf8_lossy(cell.trim_ascii()).into_owned();
                    if name.is_empty() {
                        column_letter(i)
                    } else {
                        name
                    }
                })
                .collect()
        } else {
            (0..record.len()).map(column_letter).collect()
        };
        Ok(Table {
            reader,
            record,
            names,
            text,
            row: 1,
            blank_lines: 0,
            replay: !plan.has_header,
        })
    }

    /// Moves to the next record; `false` at the end.
    #[inline]
    fn advance(&mut self) -> bool {
        if self.replay {
            self.replay = false;
            return true;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) => {
                // Blank lines, which the CSV reader skips as part of the next record, still
                // count as rows; line breaks inside quoted values do not. A record may start
                // on the `\n` of the previous record's `\r\n`.
                let mut i = self.record.position().map_or(0, |p| p.byte() as usize);
                if i > 0 && self.text.get(i - 1) == Some(&b'\r') && self.text.get(i) == Some(&b'\n')
                {
                    i += 1;
                }
                let mut blank = 0u64;
                while let Some(&b) = self.text.get(i) {
                    match b {
                        b'\r' => {
                            blank += 1;
                            if self.text.get(i + 1) == Some(&b'\n') {
                                i += 1;
                            }
                        }
                        b'\n' => blank += 1,
                        _ => break,
                    }
                    i += 1;
                }
                self.blank_lines += blank;
                self.row += 1 + blank;
                true
            }
            _ => false,
        }
    }

    /// Whether the current record holds nothing but white space (`,,,` rows included).
    #[inline]
    fn is_blank(&self) -> bool {
        self.record.as_slice().iter().all(u8::is_ascii_whitespace)
    }

    fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }
}

/// Reads every row of `bytes` (the whole file) with `plan`, keeping the good rows and listing
/// the problems. Dates after `today` are problems. `on_progress` hears about every 65,536 rows
/// and once at the end. Fails before reading rows when the file is empty or the plan does not
/// fit it (see [`ImportPlan::check`]).
///
/// ```
/// use customer_insight::import::{parse, sniff, ImportPlan, ParsedRecords, RecordKind};
/// let bytes = "Cliente;Fecha;Importe\nC1;31/03/2024;1.234,50\nC2;01/04/2024;abc\n".as_bytes();
/// let plan = ImportPlan::from_sniff(RecordKind::Transactions, &sniff(bytes));
/// let today = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
/// let parsed = parse(&plan, bytes, today, &mut |_| {}).unwrap();
/// assert_eq!((parsed.valid, parsed.invalid), (1, 1));
/// assert_eq!(
///     parsed.problems[0].to_string(),
///     "Row 3, column \"Importe\": \"abc\" is not a number (write it like 1234,56)."
/// );
/// let ParsedRecords::Transactions(columns) = parsed.records else { unreachable!() };
/// assert_eq!(columns[0].amount, vec![123450]);
/// ```
pub fn parse(
    plan: &ImportPlan,
    bytes: &[u8],
    today: NaiveDate,
    on_progress: &mut dyn FnMut(ParseProgress),
) -> Result<Parsed, PlanError> {
    let text = plan.encoding.decode(bytes);
    let total_bytes = text.len() as u64;
    let mut table = Table::open(plan, &text)?;
    plan.check(table.names.len())?;
    let mut scanner = Scanner::new(plan, &table.names, today);
    let mut builder = Builder::new(plan);
    let mut found: Vec<Found> = Vec::new();
    let mut problems: Vec<RowProblem> = Vec::new();
    let (mut problem_count, mut rows, mut valid, mut blank) = (0u64, 0u64, 0u64, 0u64);
    while table.advance() {
        if table.is_blank() {
            blank += 1;
            continue;
        }
        rows += 1;
        let mut vals: Vals<'_> = [Val::Empty; Field::ALL.len()];
        found.clear();
        scanner.scan(&table.record, table.row, &mut vals, &mut found);
        if found.is_empty() {
            if let Some((field, problem, value)) = builder.push(table.row, &vals) {
                let column = scanner
                    .slot_of(field)
                    .map(|i| scanner.slots[i].name.clone())
                    .unwrap_or_default();
                found.push((
                    None,
                    RowProblem {
                        row: table.row,
                        column,
                        value,
                        problem,
                    },
                ));
            }
        }
        if found.is_empty() {
            valid += 1;
        } else {
            problem_count += found.len() as u64;
            let room = MAX_PROBLEMS.saturating_sub(problems.len());
            problems.extend(found.drain(..).take(room).map(|(_, p)| p));
        }
        if rows % PROGRESS_EVERY == 0 {
            on_progress(ParseProgress {
                rows,
                bytes: table.bytes_read(),
                total_bytes,
            });
        }
    }
    on_progress(ParseProgress {
        rows,
        bytes: total_bytes,
        total_bytes,
    });
    Ok(Parsed {
        kind: plan.kind,
        columns: table.names,
        rows,
        valid,
        invalid: rows - valid,
        blank: blank + table.blank_lines,
        problems,
        problem_count,
        records: builder.finish(),
    })
}

/// The column names `plan` reads in `bytes` (the header's cells, or spreadsheet letters
/// without a header), so a wizard can offer them when the person changes the delimiter.
///
/// ```
/// use customer_insight::import::{column_names, sniff, Delimiter, ImportPlan, RecordKind};
/// let bytes = b"id;date;amount\nC1;2024-01-01;5\n";
/// let mut plan = ImportPlan::from_sniff(RecordKind::Transactions, &sniff(bytes));
/// assert_eq!(column_names(&plan, bytes).unwrap(), ["id", "date", "amount"]);
/// plan.delimiter = Delimiter::Comma;
/// assert_eq!(column_names(&plan, bytes).unwrap(), ["id;date;amount"]);
/// ```
pub fn column_names(plan: &ImportPlan, bytes: &[u8]) -> Result<Vec<String>, PlanError> {
    let text = plan.encoding.decode(bytes);
    Ok(Table::open(plan, &text)?.names)
}

/// The value of a read cell as the preview shows it.
fn value_of(kind: RecordKind, field: Field, val: Val<'_>) -> Value {
    match val {
        Val::Empty if kind == RecordKind::Transactions && field == Field::Kind => {
            Value::TransactionKind(TransactionKind::Order)
        }
        Val::Empty => Value::Empty,
        Val::Text(t) if field == Field::Tags => Value::Tags(split_tags(t)),
        Val::Text(t) => Value::Text(t.to_owned()),
        Val::Date(d) => Value::Date(d),
        Val::Minor(m) => Value::Money(Money(m)),
        Val::Number(n) => Value::Number(n),
        Val::Tx(k) => Value::TransactionKind(k),
        Val::Ix(k) => Value::InteractionKind(k),
        Val::Reason(r) => Value::ExitReason(r),
        Val::Level(l) => Value::Level(l),
    }
}

/// The first `n` data rows of `bytes` as `plan` would store them: one cell per mapped field
/// with its raw text, its typed value and its problem, and the row's problems exactly as
/// [`parse`] would list them.
pub fn preview(
    plan: &ImportPlan,
    bytes: &[u8],
    n: usize,
    today: NaiveDate,
) -> Result<Vec<PreviewRow>, PlanError> {
    let text = plan.encoding.decode(bytes);
    let mut table = Table::open(plan, &text)?;
    plan.check(table.names.len())?;
    let mut scanner = Scanner::new(plan, &table.names, today);
    let mut builder = Builder::new(plan);
    let mut out = Vec::with_capacity(n);
    let mut found: Vec<Found> = Vec::new();
    while out.len() < n && table.advance() {
        if table.is_blank() {
            continue;
        }
        let mut vals: Vals<'_> = [Val::Empty; Field::ALL.len()];
        found.clear();
        scanner.scan(&table.record, table.row, &mut vals, &mut found);
        if found.is_empty() {
            if let Some((field, problem, value)) = builder.push(table.row, &vals) {
                let slot = scanner.slot_of(field);
                let column = slot
                    .map(|i| scanner.slots[i].name.clone())
                    .unwrap_or_default();
                found.push((
                    slot,
                    RowProblem {
                        row: table.row,
                        column,
                        value,
                        problem,
                    },
                ));
            }
        }
        let cells = scanner
            .slots
            .iter()
            .enumerate()
            .map(|(i, slot)| {
                let problem = found
                    .iter()
                    .find(|(s, _)| *s == Some(i))
                    .map(|(_, p)| p.problem);
                let raw = table
                    .record
                    .get(slot.column)
                    .map(|c| c.trim_ascii())
                    .unwrap_or_default();
                PreviewCell {
                    field: slot.field,
                    column: slot.column as u32,
                    raw: String::from_utf8_lossy(raw).into_owned(),
                    value: if problem.is_some() {
                        Value::Empty
                    } else {
                        value_of(plan.kind, slot.field, vals[slot.field as usize])
                    },
                    problem,
                }
            })
            .collect();
        out.push(PreviewRow {
            row: table.row,
            cells,
            problems: found.drain(..).map(|(_, p)| p).collect(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::mapping::Mapping;
    use crate::import::sniff::{Delimiter, TextEncoding};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
    }

    fn plan(kind: RecordKind, columns: &[(Field, usize)]) -> ImportPlan {
        let mut mapping = Mapping::empty(kind);
        for &(f, c) in columns {
            mapping.set(f, Some(c));
        }
        ImportPlan {
            kind,
            encoding: TextEncoding::Utf8,
            delimiter: Delimiter::Comma,
            decimal_separator: DecimalSeparator::Dot,
            date_format: DateOrder::YearMonthDay,
            has_header: true,
            mapping,
            customer_key: CustomerKey::Id,
        }
    }

    fn tx_plan() -> ImportPlan {
        plan(
            RecordKind::Transactions,
            &[(Field::CustomerId, 0), (Field::Date, 1), (Field::Amount, 2)],
        )
    }

    #[test]
    fn blank_lines_count_as_rows_and_quoted_line_breaks_do_not() {
        let text = "customer_id,date,amount\n\nC1,2024-01-02,1\n,,\n\"C\n2\",2024-01-03,x\nC3,2024-01-04,2\n";
        let parsed = parse(&tx_plan(), text.as_bytes(), today(), &mut |_| {}).unwrap();
        assert_eq!(
            (parsed.rows, parsed.valid, parsed.invalid, parsed.blank),
            (3, 2, 1, 2)
        );
        assert_eq!(parsed.problems[0].row, 5);
        let rows = preview(&tx_plan(), text.as_bytes(), 10, today()).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.row).collect::<Vec<_>>(),
            vec![3, 5, 6]
        );
    }

    #[test]
    fn crlf_files_count_rows_like_lf_files() {
        let text = "customer_id,date,amount\r\n\r\nC1,2024-01-02,1\r\n\"C\r\n2\",2024-01-03,x\r\nC3,2024-01-04,y\r\n";
        let parsed = parse(&tx_plan(), text.as_bytes(), today(), &mut |_| {}).unwrap();
        assert_eq!((parsed.rows, parsed.valid, parsed.blank), (3, 1, 1));
        assert_eq!(
            parsed.problems.iter().map(|p| p.row).collect::<Vec<_>>(),
            vec![4, 5]
        );
    }

    #[test]
    fn a_file_without_header_starts_at_row_one() {
        let mut p = tx_plan();
        p.has_header = false;
        let parsed = parse(&p, b"C1,2024-01-02,1\nC2,bad,2\n", today(), &mut |_| {}).unwrap();
        assert_eq!((parsed.rows, parsed.valid), (2, 1));
        assert_eq!(parsed.problems[0].row, 2);
        assert_eq!(parsed.problems[0].column, "B");
    }

    #[test]
    fn progress_is_reported_at_the_end() {
        let mut last = None;
        parse(
            &tx_plan(),
            b"customer_id,date,amount\nC1,2024-01-02,1\n",
            today(),
            &mut |p| last = Some(p),
        )
        .unwrap();
        let last = last.unwrap();
        assert_eq!(last.rows, 1);
        assert_eq!(last.fraction(), 1.0);
    }

    #[test]
    fn emails_and_tags_are_read_with_care() {
        assert!(is_email("ana@example.com"));
        assert!(!is_email("ana@example"));
        assert!(!is_email("ana example.com"));
        assert!(!is_email("@example.com"));
        assert!(!is_email("a@b@c.com"));
        assert_eq!(
            split_tags(" vip; wholesale |vip,, north "),
            vec!["vip", "wholesale", "north"]
        );
    }
}
