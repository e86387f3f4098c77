//! Transactions as columnar blocks: typed arrays of up to 10,000 rows per IndexedDB
//! record, so a million rows are written and read back in a fraction of a second
//! (one record per row takes a minute; see DESIGN.md, "Storage throughput").
//!
//! A block carries its own dictionary of customer ids (joined by U+001F) and of product
//! names, and parallel columns: customer (index into the dictionary), day (days from
//! 0001-01-01), amount and cost in minor units (cost NaN when not given), kind (0 order,
//! 1 return), product (0 none, else 1 + index), quantity (NaN when not given).
//!
//! An import stores its rows grouped by customer (`import::blocks::GroupedColumnsBuilder`):
//! the blocks then name each customer about once, in ascending order, and the ledger is
//! built from them without hashing or sorting the ids.

use super::error::StorageError;
use crate::analytics::ledger::{date_of_day, day_number, Ledger, LedgerBuilder};
use crate::domain::{Money, Transaction, TransactionKind};
use js_sys::{Float64Array, Int32Array, Object, Reflect, Uint32Array, Uint8Array};
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

/// Rows per block.
pub const BLOCK_ROWS: usize = 10_000;
const SEP: char = '\u{1f}';

/// One block, decoded into Rust columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Block {
    pub key: String,
    pub batch: Option<String>,
    pub ids: Vec<String>,
    pub customer: Vec<u32>,
    pub day: Vec<i32>,
    pub amount: Vec<f64>,
    pub cost: Vec<f64>,
    pub kind: Vec<u8>,
    pub products: Vec<String>,
    pub product: Vec<u32>,
    pub quantity: Vec<f64>,
}

impl Block {
    /// A stored block from the columns the import engine (or a backup) carries.
    pub fn from_columns(
        key: String,
        batch: Option<String>,
        c: crate::import::blocks::TransactionBlock,
    ) -> Block {
        Block {
            key,
            batch,
            ids: c.ids,
            customer: c.customer,
            day: c.day,
            amount: c.amount,
            cost: c.cost,
            kind: c.kind,
            products: c.products,
            product: c.product,
            quantity: c.quantity,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether the block has no rows.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Row `i` as a domain transaction.
    pub fn transaction(&self, i: usize) -> Option<Transaction> {
        let customer_id = self.ids.get(*self.customer.get(i)? as usize)?.clone();
        let kind = if self.kind[i] == 1 {
            TransactionKind::Return
        } else {
            TransactionKind::Order
        };
        Some(Transaction {
            customer_id,
            kind,
            date: date_of_day(self.day[i])?,
            amount: Money(self.amount[i] as i64),
            cost: (!self.cost[i].is_nan()).then(|| Money(self.cost[i] as i64)),
            product: match self.product[i] {
                0 => None,
                p => self.products.get(p as usize - 1).cloned(),
            },
            quantity: (!self.quantity[i].is_nan()).then_some(self.quantity[i]),
        })
    }

    /// Keeps only the rows for which `keep(customer_id)` is true; returns how many went.
    pub fn retain_customers(&mut self, keep: impl Fn(&str) -> bool) -> usize {
        let keep_id: Vec<bool> = self.ids.iter().map(|id| keep(id)).collect();
        let before = self.len();
        let mut w = 0;
        for r in 0..before {
            if keep_id[self.customer[r] as usize] {
                self.customer[w] = self.customer[r];
                self.day[w] = self.day[r];
                self.amount[w] = self.amount[r];
                self.cost[w] = self.cost[r];
                self.kind[w] = self.kind[r];
                self.product[w] = self.product[r];
                self.quantity[w] = self.quantity[r];
                w += 1;
            }
        }
        for col in [&mut self.amount, &mut self.cost, &mut self.quantity] {
            col.truncate(w);
        }
        self.customer.truncate(w);
        self.day.truncate(w);
        self.kind.truncate(w);
        self.product.truncate(w);
        before - w
    }
}

/// Splits transactions into blocks of `BLOCK_ROWS`, keys prefixed by `key_prefix`.
pub fn blocks_from_transactions(
    transactions: &[Transaction],
    batch: Option<&str>,
    key_prefix: &str,
) -> Vec<Block> {
    transactions
        .chunks(BLOCK_ROWS)
        .enumerate()
        .map(|(n, chunk)| {
            let mut block = Block {
                key: format!("{key_prefix}-{n:06}"),
                batch: batch.map(str::to_string),
                ..Default::default()
            };
            let mut ids: HashMap<&str, u32> = HashMap::new();
            let mut products: HashMap<&str, u32> = HashMap::new();
            for t in chunk {
                let next = ids.len() as u32;
                let c = *ids.entry(t.customer_id.as_str()).or_insert_with(|| {
                    block.ids.push(t.customer_id.clone());
                    next
                });
                block.customer.push(c);
                block.day.push(day_number(t.date));
                block.amount.push(t.amount.0 as f64);
                block.cost.push(t.cost.map_or(f64::NAN, |c| c.0 as f64));
                block.kind.push(u8::from(t.kind == TransactionKind::Return));
                block.product.push(match &t.product {
                    None => 0,
                    Some(p) => {
                        let next = products.len() as u32 + 1;
                        *products.entry(p.as_str()).or_insert_with(|| {
                            block.products.push(p.clone());
                            next
                        })
                    }
                });
                block.quantity.push(t.quantity.unwrap_or(f64::NAN));
            }
            block
        })
        .collect()
}

fn set(target: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn join(items: &[String]) -> String {
    let mut out = String::with_capacity(items.iter().map(|s| s.len() + 1).sum());
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(SEP);
        }
        out.push_str(s);
    }
    out
}

fn split(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split(SEP).map(str::to_string).collect()
    }
}

/// The block as the plain object IndexedDB stores.
pub(crate) fn to_js(block: &Block) -> JsValue {
    let o = Object::new();
    set(&o, "block", &JsValue::from_str(&block.key));
    if let Some(batch) = &block.batch {
        set(&o, "batch", &JsValue::from_str(batch));
    }
    set(&o, "rows", &JsValue::from_f64(block.len() as f64));
    set(&o, "ids", &JsValue::from_str(&join(&block.ids)));
    set(
        &o,
        "cust",
        &Uint32Array::from(block.customer.as_slice()).into(),
    );
    set(&o, "day", &Int32Array::from(block.day.as_slice()).into());
    set(
        &o,
        "amount",
        &Float64Array::from(block.amount.as_slice()).into(),
    );
    set(
        &o,
        "cost",
        &Float64Array::from(block.cost.as_slice()).into(),
    );
    set(&o, "kind", &Uint8Array::from(block.kind.as_slice()).into());
    set(&o, "products", &JsValue::from_str(&join(&block.products)));
    set(
        &o,
        "product",
        &Uint32Array::from(block.product.as_slice()).into(),
    );
    set(
        &o,
        "quantity",
        &Float64Array::from(block.quantity.as_slice()).into(),
    );
    o.into()
}

fn field<T: JsCast>(value: &JsValue, key: &str) -> Result<T, StorageError> {
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.dyn_into::<T>().ok())
        .ok_or_else(|| StorageError::Corrupt {
            what: "block of transactions".into(),
            detail: format!("its \"{key}\" column is missing or of the wrong type"),
        })
}

/// Decodes a stored block, checking that its columns agree in length.
pub(crate) fn from_js(value: &JsValue) -> Result<Block, StorageError> {
    let text = |key: &str| -> Result<String, StorageError> {
        Reflect::get(value, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .ok_or_else(|| StorageError::Corrupt {
                what: "block of transactions".into(),
                detail: format!("its \"{key}\" field is missing"),
            })
    };
    let block = Block {
        key: text("block")?,
        batch: Reflect::get(value, &JsValue::from_str("batch"))
            .ok()
            .and_then(|v| v.as_string()),
        ids: split(&text("ids")?),
        customer: field::<Uint32Array>(value, "cust")?.to_vec(),
        day: field::<Int32Array>(value, "day")?.to_vec(),
        amount: field::<Float64Array>(value, "amount")?.to_vec(),
        cost: field::<Float64Array>(value, "cost")?.to_vec(),
        kind: field::<Uint8Array>(value, "kind")?.to_vec(),
        products: split(&text("products")?),
        product: field::<Uint32Array>(value, "product")?.to_vec(),
        quantity: field::<Float64Array>(value, "quantity")?.to_vec(),
    };
    let n = block.customer.len();
    let lengths_agree = [
        block.day.len(),
        block.amount.len(),
        block.cost.len(),
        block.kind.len(),
        block.product.len(),
        block.quantity.len(),
    ]
    .iter()
    .all(|&l| l == n);
    let indices_valid = block
        .customer
        .iter()
        .all(|&c| (c as usize) < block.ids.len())
        && block
            .product
            .iter()
            .all(|&p| (p as usize) <= block.products.len());
    if !lengths_agree || !indices_valid {
        return Err(StorageError::Corrupt {
            what: "block of transactions".into(),
            detail: format!(
                "block {} has columns of different lengths or ids out of range",
                block.key
            ),
        });
    }
    Ok(block)
}

/// Appends a block's rows to a ledger, interning each of its ids once.
pub fn append_to_ledger(builder: &mut LedgerBuilder, block: &Block) {
    let map: Vec<u32> = block.ids.iter().map(|id| builder.customer(id)).collect();
    for i in 0..block.len() {
        let kind = if block.kind[i] == 1 {
            TransactionKind::Return
        } else {
            TransactionKind::Order
        };
        let cost = (!block.cost[i].is_nan()).then(|| Money(block.cost[i] as i64));
        builder.push_day(
            map[block.customer[i] as usize],
            block.day[i],
            Money(block.amount[i] as i64),
            cost,
            kind,
        );
    }
}

/// A ledger from decoded blocks.
pub fn ledger_from_blocks(blocks: &[Block]) -> Ledger {
    let rows = blocks.iter().map(Block::len).sum();
    let mut builder = LedgerBuilder::with_capacity(rows, rows / 4);
    for block in blocks {
        append_to_ledger(&mut builder, block);
    }
    builder.finish()
}
