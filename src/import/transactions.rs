//! Reading a transactions file: `customer_id,date,amount` and optionally `cost`, `kind`
//! (`order`/`return`, default `order`), `product`, `quantity`.

use std::io::Read;

use chrono::NaiveDate;

use super::columns::{ColumnMap, FieldSpec};
use super::error::ImportError;
use super::records::{ImportOptions, Records};
use crate::domain::{Money, Transaction, TransactionKind};

/// The columns of a transactions file, with the header names accepted for each.
pub static TRANSACTION_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        name: "customer_id",
        required: true,
        aliases: &["customer", "client_id", "customerid"],
    },
    FieldSpec {
        name: "date",
        required: true,
        aliases: &["order_date", "transaction_date"],
    },
    FieldSpec {
        name: "amount",
        required: true,
        aliases: &["value", "total"],
    },
    FieldSpec {
        name: "cost",
        required: false,
        aliases: &["cogs", "cost_of_goods"],
    },
    FieldSpec {
        name: "kind",
        required: false,
        aliases: &["type"],
    },
    FieldSpec {
        name: "product",
        required: false,
        aliases: &["product_id", "sku"],
    },
    FieldSpec {
        name: "quantity",
        required: false,
        aliases: &["qty"],
    },
];

/// One transaction row, borrowing its text from the reader (valid until the next row).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransactionRow<'a> {
    /// 1-based row number, the header being row 1.
    pub row: u64,
    /// Customer id (trimmed, non-empty).
    pub customer_id: &'a str,
    /// Day of the transaction.
    pub date: NaiveDate,
    /// Amount as written (a return's amount is subtracted by the analytics).
    pub amount: Money,
    /// Cost of goods, when given.
    pub cost: Option<Money>,
    /// Order (default when the column is absent or empty) or return.
    pub kind: TransactionKind,
    /// Product, when given.
    pub product: Option<&'a str>,
    /// Quantity, when given.
    pub quantity: Option<f64>,
}

impl TransactionRow<'_> {
    /// The row as an owned domain record.
    pub fn to_transaction(&self) -> Transaction {
        Transaction {
            customer_id: self.customer_id.to_owned(),
            kind: self.kind,
            date: self.date,
            amount: self.amount,
            cost: self.cost,
            product: self.product.map(str::to_owned),
            quantity: self.quantity,
        }
    }
}

/// A streaming reader of a transactions file: `while let Some(row) = reader.next_row()? {…}`.
pub struct TransactionReader<R> {
    records: Records<R>,
    customer_id: Option<usize>,
    date: Option<usize>,
    amount: Option<usize>,
    cost: Option<usize>,
    kind: Option<usize>,
    product: Option<usize>,
    quantity: Option<usize>,
}

impl<R: Read> TransactionReader<R> {
    /// Reads the header of `input` (named `file` in error messages) and maps its columns.
    pub fn new(file: &str, input: R, options: &ImportOptions) -> Result<Self, ImportError> {
        let (records, map) = Records::open(file, input, options, TRANSACTION_FIELDS)?;
        Ok(Self::with_map(records, &map))
    }

    fn with_map(records: Records<R>, map: &ColumnMap) -> Self {
        Self {
            records,
            customer_id: map.position("customer_id"),
            date: map.position("date"),
            amount: map.position("amount"),
            cost: map.position("cost"),
            kind: map.position("kind"),
            product: map.position("product"),
            quantity: map.position("quantity"),
        }
    }

    /// Whether the file has a `cost` column.
    pub fn has_cost(&self) -> bool {
        self.cost.is_some()
    }

    /// The next row, `None` at the end, or the first problem in it.
    pub fn next_row(&mut self) -> Result<Option<TransactionRow<'_>>, ImportError> {
        if !self.records.advance()? {
            return Ok(None);
        }
        let r = &self.records;
        Ok(Some(TransactionRow {
            row: r.row(),
            customer_id: r.text(self.customer_id, "customer_id")?,
            date: r.date(self.date, "date")?,
            amount: r.money(self.amount, "amount")?,
            cost: r.optional_money(self.cost, "cost")?,
            kind: match self.kind {
                None => TransactionKind::Order,
                pos => r.name(
                    pos,
                    "kind",
                    "transaction kind",
                    TransactionKind::ALL,
                    TransactionKind::as_str,
                    Some(TransactionKind::Order),
                )?,
            },
            product: r.optional_text(self.product, "product")?,
            quantity: r.optional_number(self.quantity, "quantity")?,
        }))
    }

    /// Data rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.records.row().saturating_sub(1)
    }

    /// Bytes consumed so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.records.bytes_read()
    }
}

/// Reads a whole transactions file into owned records (small files, tests, the import preview).
pub fn read_transactions(
    file: &str,
    input: impl Read,
    options: &ImportOptions,
) -> Result<Vec<Transaction>, ImportError> {
    let mut reader = TransactionReader::new(file, input, options)?;
    let mut out = Vec::new();
    while let Some(row) = reader.next_row()? {
        out.push(row.to_transaction());
    }
    Ok(out)
}
