//! Transactions as columnar blocks of up to 10,000 rows — exactly the column layout of the
//! browser storage's transaction blocks (`storage::blocks::Block`, less its key and batch), so
//! that an import's output turns into IndexedDB records with one typed-array copy per column.
//!
//! Each block has its own dictionary of customer ids and of products; rows hold indices into
//! them. Days count from 0001-01-01 (day 1, chrono's `num_days_from_ce`); amounts and costs
//! are minor units held in `f64` (exact up to 2^53); a missing cost or quantity is NaN.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHasher;
use serde::{Deserialize, Serialize};
use std::hash::Hasher;

use crate::analytics::ledger::IdInterner;
use crate::domain::{Money, Transaction, TransactionKind};

/// Rows per block (the storage layer's block size).
pub const BLOCK_ROWS: usize = 10_000;

/// One block of transactions, columnar.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TransactionBlock {
    /// The block's customer ids; `customer[i]` indexes this list.
    pub ids: Vec<String>,
    /// Each row's customer (index into `ids`).
    pub customer: Vec<u32>,
    /// Each row's day (days from 0001-01-01, day 1).
    pub day: Vec<i32>,
    /// Each row's amount in minor units (positive for orders and returns).
    pub amount: Vec<f64>,
    /// Each row's cost of goods in minor units, NaN when not given.
    pub cost: Vec<f64>,
    /// Each row's kind: 0 order, 1 return.
    pub kind: Vec<u8>,
    /// The block's products; `product[i]` is 0 for none, else 1 + an index into this list.
    pub products: Vec<String>,
    /// Each row's product (0 none, else 1 + index into `products`).
    pub product: Vec<u32>,
    /// Each row's quantity, NaN when not given.
    pub quantity: Vec<f64>,
}

/// Float columns compare by their bits, so that NaN (no value) equals NaN and a block equals
/// its copy exactly.
impl PartialEq for TransactionBlock {
    fn eq(&self, other: &Self) -> bool {
        fn bits_eq(a: &[f64], b: &[f64]) -> bool {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
        }
        self.ids == other.ids
            && self.customer == other.customer
            && self.day == other.day
            && bits_eq(&self.amount, &other.amount)
            && bits_eq(&self.cost, &other.cost)
            && self.kind == other.kind
            && self.products == other.products
            && self.product == other.product
            && bits_eq(&self.quantity, &other.quantity)
    }
}

impl TransactionBlock {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether the block has no rows.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Row `i` as a domain transaction (`None` past the end or for an index out of range).
    pub fn transaction(&self, i: usize) -> Option<Transaction> {
        let customer_id = self.ids.get(*self.customer.get(i)? as usize)?.clone();
        let kind = if *self.kind.get(i)? == 1 {
            TransactionKind::Return
        } else {
            TransactionKind::Order
        };
        let cost = *self.cost.get(i)?;
        let quantity = *self.quantity.get(i)?;
        Some(Transaction {
            customer_id,
            kind,
            date: NaiveDate::from_num_days_from_ce_opt(*self.day.get(i)?)?,
            amount: Money(*self.amount.get(i)? as i64),
            cost: (!cost.is_nan()).then_some(Money(cost as i64)),
            product: match *self.product.get(i)? {
                0 => None,
                p => self.products.get(p as usize - 1).cloned(),
            },
            quantity: (!quantity.is_nan()).then_some(quantity),
        })
    }

    /// Every row as a domain transaction.
    pub fn transactions(&self) -> impl Iterator<Item = Transaction> + '_ {
        (0..self.len()).filter_map(|i| self.transaction(i))
    }

    /// Checks that the columns agree in length, every index is in range, every day is a date,
    /// every amount and cost is a whole number of minor units within ±2^53 (or NaN for a
    /// missing cost), every kind is 0 or 1, and every quantity is finite or NaN. The error
    /// says what is wrong, in English.
    pub fn validate(&self) -> Result<(), String> {
        let n = self.len();
        let lengths = [
            ("day", self.day.len()),
            ("amount", self.amount.len()),
            ("cost", self.cost.len()),
            ("kind", self.kind.len()),
            ("product", self.product.len()),
            ("quantity", self.quantity.len()),
        ];
        if let Some((name, len)) = lengths.iter().find(|(_, len)| *len != n) {
            return Err(format!(
                "its {name} column has {len} rows where the customer column has {n}"
            ));
        }
        if self.customer.iter().any(|&c| c as usize >= self.ids.len()) {
            return Err("a row names a customer that is not in its list of ids".to_owned());
        }
        if self
            .product
            .iter()
            .any(|&p| p as usize > self.products.len())
        {
            return Err("a row names a product that is not in its list of products".to_owned());
        }
        if self
            .day
            .iter()
            .any(|&d| NaiveDate::from_num_days_from_ce_opt(d).is_none())
        {
            return Err("a row has a day that is not a calendar date".to_owned());
        }
        const LIMIT: f64 = 9_007_199_254_740_992.0;
        let whole = |v: f64| v.is_finite() && v.fract() == 0.0 && v.abs() <= LIMIT;
        if !self.amount.iter().all(|&a| whole(a)) {
            return Err("a row has an amount that is not a whole number of cents".to_owned());
        }
        if !self.cost.iter().all(|&c| c.is_nan() || whole(c)) {
            return Err("a row has a cost that is not a whole number of cents".to_owned());
        }
        if self.kind.iter().any(|&k| k > 1) {
            return Err("a row has a kind other than order or return".to_owned());
        }
        if self.quantity.iter().any(|q| q.is_infinite()) {
            return Err("a row has an infinite quantity".to_owned());
        }
        Ok(())
    }
}

/// Blocks of transactions, as an import produces them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TransactionColumns {
    /// Blocks of [`BLOCK_ROWS`] rows (the last one may be shorter).
    pub blocks: Vec<TransactionBlock>,
}

impl TransactionColumns {
    /// Rows in all blocks.
    pub fn len(&self) -> usize {
        self.blocks.iter().map(TransactionBlock::len).sum()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.blocks.iter().all(TransactionBlock::is_empty)
    }

    /// Every row as a domain transaction, in file order.
    pub fn transactions(&self) -> impl Iterator<Item = Transaction> + '_ {
        self.blocks.iter().flat_map(TransactionBlock::transactions)
    }

    /// The distinct customer ids, sorted.
    pub fn customer_ids(&self) -> Vec<String> {
        let mut ids: Vec<&str> = self
            .blocks
            .iter()
            .flat_map(|b| b.ids.iter().map(String::as_str))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(str::to_owned).collect()
    }

    /// Columns from domain transactions (tests, small data sets), in blocks of [`BLOCK_ROWS`].
    pub fn from_transactions(transactions: &[Transaction]) -> TransactionColumns {
        let mut builder = ColumnsBuilder::new();
        for t in transactions {
            builder.push(
                &t.customer_id,
                t.date.num_days_from_ce(),
                t.amount.minor(),
                t.cost.map(Money::minor),
                t.kind,
                t.product.as_deref(),
                t.quantity,
            );
        }
        builder.finish()
    }
}

/// An open-addressing table of a block's strings: one allocation per new string, none for a
/// string the block already has (the look-up confirms against the block's own list).
///
/// By hand rather than a `HashMap<String, u32>`: the map would hold a second copy of every
/// id, and a block is cleared and refilled a hundred times per million rows.
struct BlockInterner {
    slots: Vec<u32>,
}

/// Slots per table: a power of two above three times the most strings a block can hold.
const SLOTS: usize = 1 << 15;

impl BlockInterner {
    fn new() -> BlockInterner {
        BlockInterner {
            slots: vec![0; SLOTS],
        }
    }

    fn clear(&mut self) {
        self.slots.fill(0);
    }

    #[inline]
    fn slot_of(key: &str) -> usize {
        let mut h = FxHasher::default();
        h.write(key.as_bytes());
        (h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
    }

    /// The index of `key` in `names`, adding it when new.
    #[inline]
    fn intern(&mut self, names: &mut Vec<String>, key: &str) -> u32 {
        let mut slot = Self::slot_of(key);
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                names.push(key.to_owned());
                let index = names.len() as u32;
                self.slots[slot] = index;
                return index - 1;
            }
            if names[(entry - 1) as usize] == key {
                return entry - 1;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
    }
}

/// A row's amount, cost, kind and quantity as the columns hold them: minor units as `f64`,
/// NaN for a missing cost or quantity, 0 for an order and 1 for a return.
#[inline]
fn stored(
    amount_minor: i64,
    cost_minor: Option<i64>,
    kind: TransactionKind,
    quantity: Option<f64>,
) -> (f64, f64, u8, f64) {
    (
        amount_minor as f64,
        cost_minor.map_or(f64::NAN, |c| c as f64),
        u8::from(kind == TransactionKind::Return),
        quantity.unwrap_or(f64::NAN),
    )
}

/// Appends rows to blocks of [`BLOCK_ROWS`], interning ids and products per block.
pub(crate) struct ColumnsBuilder {
    blocks: Vec<TransactionBlock>,
    current: TransactionBlock,
    ids: BlockInterner,
    products: BlockInterner,
}

impl ColumnsBuilder {
    pub(crate) fn new() -> ColumnsBuilder {
        ColumnsBuilder {
            blocks: Vec::new(),
            current: Self::empty_block(),
            ids: BlockInterner::new(),
            products: BlockInterner::new(),
        }
    }

    fn empty_block() -> TransactionBlock {
        TransactionBlock {
            customer: Vec::with_capacity(BLOCK_ROWS),
            day: Vec::with_capacity(BLOCK_ROWS),
            amount: Vec::with_capacity(BLOCK_ROWS),
            cost: Vec::with_capacity(BLOCK_ROWS),
            kind: Vec::with_capacity(BLOCK_ROWS),
            product: Vec::with_capacity(BLOCK_ROWS),
            quantity: Vec::with_capacity(BLOCK_ROWS),
            ..TransactionBlock::default()
        }
    }

    /// Appends one row.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub(crate) fn push(
        &mut self,
        customer_id: &str,
        day: i32,
        amount_minor: i64,
        cost_minor: Option<i64>,
        kind: TransactionKind,
        product: Option<&str>,
        quantity: Option<f64>,
    ) {
        if self.current.len() == BLOCK_ROWS {
            let full = std::mem::replace(&mut self.current, Self::empty_block());
            self.blocks.push(full);
            self.ids.clear();
            self.products.clear();
        }
        let b = &mut self.current;
        let c = self.ids.intern(&mut b.ids, customer_id);
        b.customer.push(c);
        let (amount, cost, kind, quantity) = stored(amount_minor, cost_minor, kind, quantity);
        b.day.push(day);
        b.amount.push(amount);
        b.cost.push(cost);
        b.kind.push(kind);
        let p = match product {
            None => 0,
            Some(p) => self.products.intern(&mut b.products, p) + 1,
        };
        b.product.push(p);
        b.quantity.push(quantity);
    }

    pub(crate) fn finish(mut self) -> TransactionColumns {
        if !self.current.is_empty() {
            self.blocks.push(self.current);
        }
        TransactionColumns {
            blocks: self.blocks,
        }
    }
}

/// An import's rows, stored grouped by customer: the rows ordered by customer id (ids
/// compare as text; each customer's rows keep their order in the file), in blocks of
/// [`BLOCK_ROWS`].
///
/// Stored this way a block names a few thousand customers rather than up to ten thousand,
/// and the blocks name them in ascending order, so reading a million rows back for scoring
/// interns each customer about once, with no hashing and no sort (see `LedgerBuilder`).
/// The rows are kept as flat columns with the file's ids and products interned once, then
/// ordered by a counting sort on the ids' ranks. The order of the rows means nothing else:
/// every reader groups by customer or sorts by date itself.
#[derive(Default)]
pub(crate) struct GroupedColumnsBuilder {
    ids: IdInterner,
    products: IdInterner,
    customer: Vec<u32>,
    day: Vec<i32>,
    amount: Vec<f64>,
    cost: Vec<f64>,
    kind: Vec<u8>,
    /// 0 for none, else 1 + the index in `products`.
    product: Vec<u32>,
    quantity: Vec<f64>,
}

impl GroupedColumnsBuilder {
    /// Appends one row (as [`ColumnsBuilder::push`]).
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub(crate) fn push(
        &mut self,
        customer_id: &str,
        day: i32,
        amount_minor: i64,
        cost_minor: Option<i64>,
        kind: TransactionKind,
        product: Option<&str>,
        quantity: Option<f64>,
    ) {
        let (amount, cost, kind, quantity) = stored(amount_minor, cost_minor, kind, quantity);
        self.customer.push(self.ids.intern(customer_id));
        self.day.push(day);
        self.amount.push(amount);
        self.cost.push(cost);
        self.kind.push(kind);
        self.product
            .push(product.map_or(0, |p| self.products.intern(p) + 1));
        self.quantity.push(quantity);
    }

    pub(crate) fn finish(self) -> TransactionColumns {
        let n = self.customer.len();
        let ids = self.ids.finish(false);
        let rank = ids.sort_ranks();

        // A stable counting sort: `order[k]` is the row that goes to position k; the
        // customer of rank r takes positions `bounds[r]..bounds[r + 1]`.
        let mut bounds = vec![0u32; ids.len() + 1];
        for &c in &self.customer {
            bounds[rank[c as usize] as usize + 1] += 1;
        }
        for r in 1..bounds.len() {
            bounds[r] += bounds[r - 1];
        }
        let mut next = bounds.clone();
        let mut order = vec![0u32; n];
        for (row, &c) in self.customer.iter().enumerate() {
            let slot = &mut next[rank[c as usize] as usize];
            order[*slot as usize] = row as u32;
            *slot += 1;
        }
        drop(next);
        // Each block's columns read the rows in their new order.
        fn gather<T: Copy>(column: &[T], order: &[u32]) -> Vec<T> {
            order.iter().map(|&row| column[row as usize]).collect()
        }

        let mut blocks = Vec::with_capacity(n.div_ceil(BLOCK_ROWS));
        let mut products = BlockInterner::new();
        let mut ascending = ids.ascending().enumerate().peekable();
        for start in (0..n).step_by(BLOCK_ROWS) {
            let end = (start + BLOCK_ROWS).min(n);
            let rows = &order[start..end];
            let mut block = TransactionBlock {
                customer: Vec::with_capacity(rows.len()),
                day: gather(&self.day, rows),
                amount: gather(&self.amount, rows),
                cost: gather(&self.cost, rows),
                kind: gather(&self.kind, rows),
                product: Vec::with_capacity(rows.len()),
                quantity: gather(&self.quantity, rows),
                ..TransactionBlock::default()
            };
            // The customers covering these positions, in ascending order: the block's ids.
            while let Some(&(r, id)) = ascending.peek() {
                let (from, to) = (bounds[r] as usize, bounds[r + 1] as usize);
                if from >= end {
                    break;
                }
                let covered = to.min(end) - from.max(start);
                block
                    .customer
                    .extend(std::iter::repeat_n(block.ids.len() as u32, covered));
                block.ids.push(id.to_owned());
                if to > end {
                    break; // The customer goes on in the next block.
                }
                ascending.next();
            }
            products.clear();
            block
                .product
                .extend(rows.iter().map(|&row| match self.product[row as usize] {
                    0 => 0,
                    p => products.intern(&mut block.products, self.products.table().get(p - 1)) + 1,
                }));
            blocks.push(block);
        }
        TransactionColumns { blocks }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(id: &str, day: u32, amount: i64, product: Option<&str>) -> Transaction {
        Transaction {
            customer_id: id.to_owned(),
            kind: if amount < 0 {
                TransactionKind::Return
            } else {
                TransactionKind::Order
            },
            date: NaiveDate::from_ymd_opt(2024, 1, day).unwrap(),
            amount: Money(amount.abs()),
            cost: day.is_multiple_of(2).then_some(Money(10)),
            product: product.map(str::to_owned),
            quantity: day.is_multiple_of(3).then_some(1.5),
        }
    }

    #[test]
    fn blocks_intern_ids_and_products_per_block_and_round_trip() {
        let rows: Vec<Transaction> = (0..25_000)
            .map(|i| {
                t(
                    &format!("C{}", i % 37),
                    1 + (i % 28) as u32,
                    (i as i64 % 500) - 100,
                    (i % 5 == 0).then_some("tea"),
                )
            })
            .collect();
        let columns = TransactionColumns::from_transactions(&rows);
        assert_eq!(columns.blocks.len(), 3);
        assert_eq!(columns.blocks[0].len(), BLOCK_ROWS);
        assert_eq!(columns.blocks[2].len(), 5_000);
        assert_eq!(columns.blocks[0].ids.len(), 37);
        assert_eq!(columns.blocks[0].products, vec!["tea".to_owned()]);
        assert_eq!(columns.len(), 25_000);
        assert_eq!(columns.customer_ids().len(), 37);
        let back: Vec<Transaction> = columns.transactions().collect();
        assert_eq!(back, rows);
        for block in &columns.blocks {
            block.validate().unwrap();
        }
        assert_eq!(columns.clone(), columns);
    }

    #[test]
    fn grouped_blocks_order_ids_keep_each_customers_rows_in_order_and_lose_nothing() {
        // 30,000 rows over 97 customers, interleaved, spanning three blocks.
        let rows: Vec<Transaction> = (0..30_000)
            .map(|i| {
                t(
                    &format!("C{}", (i * 31) % 97),
                    1 + (i % 28) as u32,
                    (i as i64 % 500) - 100,
                    (i % 7 == 0).then_some(if i % 2 == 0 { "tea" } else { "cake" }),
                )
            })
            .collect();
        let mut builder = GroupedColumnsBuilder::default();
        for r in &rows {
            builder.push(
                &r.customer_id,
                r.date.num_days_from_ce(),
                r.amount.minor(),
                r.cost.map(Money::minor),
                r.kind,
                r.product.as_deref(),
                r.quantity,
            );
        }
        let grouped = builder.finish();
        assert_eq!(grouped.len(), rows.len());
        assert_eq!(grouped.blocks.len(), 3);
        assert_eq!(grouped.blocks[0].len(), BLOCK_ROWS);
        for block in &grouped.blocks {
            block.validate().unwrap();
            assert!(
                block.ids.windows(2).all(|w| w[0] < w[1]),
                "ids ascend within a block"
            );
        }
        // Sorted by id, and each customer's rows as in the file (a stable sort).
        let mut expected = rows.clone();
        expected.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
        assert_eq!(grouped.transactions().collect::<Vec<_>>(), expected);
        // Each customer in one block, or at the end of one and the start of the next.
        let named: usize = grouped.blocks.iter().map(|b| b.ids.len()).sum();
        assert!(named < 97 + grouped.blocks.len(), "{named}");
        assert!(GroupedColumnsBuilder::default().finish().is_empty());
    }

    #[test]
    fn validation_names_what_is_inconsistent() {
        let mut block = TransactionColumns::from_transactions(&[t("A", 1, 5, None)])
            .blocks
            .remove(0);
        block.day.push(1);
        assert!(block.validate().unwrap_err().contains("day column"));
        block.day.pop();
        block.customer[0] = 3;
        assert!(block.validate().unwrap_err().contains("customer"));
        block.customer[0] = 0;
        block.amount[0] = 0.5;
        assert!(block.validate().unwrap_err().contains("amount"));
    }
}
