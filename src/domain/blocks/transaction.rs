//! Orders and returns as a columnar block.

use super::{
    codes_ok, compact_ids, days_ok, dict_ok, indices_ok, money_ok, same_length, text_ok, Block,
    BlockBuilder, BlockError, BlockKind,
};
use crate::domain::day::{date_of_day, day_number, Day};
use crate::domain::money::NO_MONEY;
use crate::domain::text::{retain_by, Dict, DictBuilder, Interner, Strings};
use crate::domain::{Money, Transaction, TransactionKind};
use serde::{Deserialize, Serialize};

/// One block of transactions.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TransactionBlock {
    /// The block's customer ids; `customer[i]` indexes this list.
    pub ids: Strings,
    /// Each row's customer (an index into `ids`).
    pub customer: Vec<u32>,
    /// Each row's day number.
    pub day: Vec<Day>,
    /// Each row's amount in minor units (positive for orders and returns alike).
    pub amount: Vec<i64>,
    /// Each row's cost of goods in minor units, [`NO_MONEY`] when not given.
    pub cost: Vec<i64>,
    /// Each row's kind code ([`TransactionKind::code`]).
    pub kind: Vec<u8>,
    /// Each row's product.
    pub product: Dict,
    /// Each row's quantity, NaN when not given.
    pub quantity: Vec<f64>,
}

/// Float columns compare by their bits, so that NaN (no quantity) equals NaN and a block
/// equals its decoded copy exactly.
impl PartialEq for TransactionBlock {
    fn eq(&self, other: &Self) -> bool {
        self.ids == other.ids
            && self.customer == other.customer
            && self.day == other.day
            && self.amount == other.amount
            && self.cost == other.cost
            && self.kind == other.kind
            && self.product == other.product
            && self.quantity.len() == other.quantity.len()
            && self
                .quantity
                .iter()
                .zip(&other.quantity)
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }
}

impl TransactionBlock {
    /// Row `i`'s kind.
    #[inline]
    pub fn kind_at(&self, i: usize) -> TransactionKind {
        match self.kind.get(i) {
            Some(1) => TransactionKind::Return,
            _ => TransactionKind::Order,
        }
    }

    /// Row `i`'s cost, when given.
    #[inline]
    pub fn cost_at(&self, i: usize) -> Option<Money> {
        Money::from_column(self.cost.get(i).copied().unwrap_or(NO_MONEY))
    }
}

impl Block for TransactionBlock {
    const KIND: BlockKind = BlockKind::Transactions;
    type Record = Transaction;
    type Builder = TransactionBlockBuilder;

    super::rows_name_customers!();

    fn record(&self, i: usize) -> Option<Transaction> {
        let customer = *self.customer.get(i)?;
        Some(Transaction {
            customer_id: self.ids.get(customer).to_owned(),
            kind: self.kind_at(i),
            date: date_of_day(*self.day.get(i)?)?,
            amount: Money(*self.amount.get(i)?),
            cost: self.cost_at(i),
            product: self.product.get(i).map(str::to_owned),
            quantity: self.quantity.get(i).copied().filter(|q| !q.is_nan()),
        })
    }

    fn retain_rows(&mut self, keep: &[bool]) {
        retain_by(&mut self.customer, keep);
        retain_by(&mut self.day, keep);
        retain_by(&mut self.amount, keep);
        retain_by(&mut self.cost, keep);
        retain_by(&mut self.kind, keep);
        self.product.retain_rows(keep);
        retain_by(&mut self.quantity, keep);
        compact_ids(&mut self.ids, &mut self.customer);
    }

    fn validate(&self) -> Result<(), BlockError> {
        let n = self.len();
        same_length("day", self.day.len(), n)?;
        same_length("amount", self.amount.len(), n)?;
        same_length("cost", self.cost.len(), n)?;
        same_length("kind", self.kind.len(), n)?;
        same_length("quantity", self.quantity.len(), n)?;
        text_ok("ids", &self.ids)?;
        indices_ok("customer", &self.customer, self.ids.len())?;
        dict_ok("product", &self.product, n)?;
        days_ok("day", &self.day, false)?;
        money_ok("amount", &self.amount, false)?;
        money_ok("cost", &self.cost, true)?;
        codes_ok("kind", &self.kind, TransactionKind::ALL.len())?;
        if self.quantity.iter().any(|q| q.is_infinite()) {
            return Err(BlockError::BadNumber { column: "quantity" });
        }
        Ok(())
    }
}

/// Builds a [`TransactionBlock`] from raw values (the import's hot path) or records.
#[derive(Debug, Default)]
pub struct TransactionBlockBuilder {
    ids: Interner,
    customer: Vec<u32>,
    day: Vec<Day>,
    amount: Vec<i64>,
    cost: Vec<i64>,
    kind: Vec<u8>,
    product: DictBuilder,
    quantity: Vec<f64>,
}

impl TransactionBlockBuilder {
    /// Appends one row from its values.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub fn push_values(
        &mut self,
        customer_id: &str,
        day: Day,
        amount: Money,
        cost: Option<Money>,
        kind: TransactionKind,
        product: Option<&str>,
        quantity: Option<f64>,
    ) {
        self.customer.push(self.ids.intern(customer_id));
        self.day.push(day);
        self.amount.push(amount.minor());
        self.cost.push(Money::to_column(cost));
        self.kind.push(kind.code());
        self.product.push(product);
        self.quantity.push(quantity.unwrap_or(f64::NAN));
    }
}

impl BlockBuilder<TransactionBlock> for TransactionBlockBuilder {
    fn from_block(b: TransactionBlock) -> Self {
        TransactionBlockBuilder {
            ids: Interner::from_strings(b.ids),
            customer: b.customer,
            day: b.day,
            amount: b.amount,
            cost: b.cost,
            kind: b.kind,
            product: DictBuilder::from_dict(b.product),
            quantity: b.quantity,
        }
    }

    fn push(&mut self, t: &Transaction) {
        self.push_values(
            &t.customer_id,
            day_number(t.date),
            t.amount,
            t.cost,
            t.kind,
            t.product.as_deref(),
            t.quantity,
        );
    }

    fn len(&self) -> usize {
        self.customer.len()
    }

    fn finish(self) -> TransactionBlock {
        TransactionBlock {
            ids: self.ids.finish(),
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
