//! The engine's compact columnar inputs: transactions (`Ledger`), interactions and exits.
//!
//! Customer ids are interned to dense `u32` indices; rows are parallel vectors, so 4M
//! transactions take about 100 MB and are summarised without per-row allocation.

use crate::domain::blocks::{Block, InteractionBlock, TransactionBlock};
use crate::domain::day::day_number;
use crate::domain::ids::{IdInterner, IdTable};
use crate::domain::{
    Exit, ExitReason, Interaction, InteractionKind, Money, Transaction, TransactionKind, NO_MONEY,
};
use chrono::NaiveDate;

/// One transaction row of a `Ledger`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerRow {
    /// Customer index (see `Ledger::customer_id`).
    pub customer: u32,
    /// Day number (see `day_number`).
    pub day: i32,
    /// Amount in minor units, positive for orders and returns alike.
    pub amount: Money,
    /// Cost of goods, when given.
    pub cost: Option<Money>,
    /// Order or return.
    pub kind: TransactionKind,
}

/// Transactions as columns. Build with `Ledger::builder()` or `Ledger::from_transactions`.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    ids: IdTable,
    customer: Vec<u32>,
    day: Vec<i32>,
    amount: Vec<i64>,
    cost: Vec<i64>,
    kind: Vec<TransactionKind>,
}

impl Ledger {
    /// A builder that interns customer ids as rows arrive.
    pub fn builder() -> LedgerBuilder {
        LedgerBuilder::default()
    }

    /// A ledger from stored blocks.
    pub fn from_blocks<'a>(blocks: impl IntoIterator<Item = &'a TransactionBlock>) -> Ledger {
        let blocks: Vec<&TransactionBlock> = blocks.into_iter().collect();
        let rows = blocks.iter().map(|b| b.len()).sum();
        let mut builder = LedgerBuilder::with_capacity(rows, rows / 4);
        for block in blocks {
            builder.append_block(block);
        }
        builder.finish()
    }

    /// A ledger from domain transactions.
    pub fn from_transactions(transactions: &[Transaction]) -> Ledger {
        let mut b = LedgerBuilder::with_capacity(transactions.len(), 0);
        for t in transactions {
            let c = b.customer(&t.customer_id);
            b.push(c, t.date, t.amount, t.cost, t.kind);
        }
        b.finish()
    }

    /// Number of transaction rows.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Number of distinct customers.
    pub fn customer_count(&self) -> usize {
        self.ids.len()
    }

    /// The id of customer `index`.
    pub fn customer_id(&self, index: u32) -> &str {
        self.ids.get(index)
    }

    /// The index of customer `id`, if it has any transaction.
    pub fn customer_index(&self, id: &str) -> Option<u32> {
        self.ids.find(id)
    }

    /// The interned ids.
    pub fn ids(&self) -> &IdTable {
        &self.ids
    }

    /// Row `i`, if it exists.
    pub fn row(&self, i: usize) -> Option<LedgerRow> {
        Some(LedgerRow {
            customer: *self.customer.get(i)?,
            day: self.day[i],
            amount: Money(self.amount[i]),
            cost: Money::from_column(self.cost_at(i)),
            kind: self.kind[i],
        })
    }

    /// Column of customer indices.
    pub fn customers(&self) -> &[u32] {
        &self.customer
    }

    /// Column of day numbers.
    pub fn days(&self) -> &[i32] {
        &self.day
    }

    /// Column of amounts in minor units.
    pub fn amounts(&self) -> &[i64] {
        &self.amount
    }

    /// Column of costs in minor units, `NO_MONEY` where none was given; `None` when no row has
    /// a cost (the column is then never allocated, saving 8 bytes a row).
    pub fn costs(&self) -> Option<&[i64]> {
        (!self.cost.is_empty()).then_some(&self.cost[..])
    }

    /// The cost of row `i` in minor units, `NO_MONEY` when none was given.
    #[inline]
    pub fn cost_at(&self, i: usize) -> i64 {
        self.cost.get(i).copied().unwrap_or(NO_MONEY)
    }

    /// Column of kinds.
    pub fn kinds(&self) -> &[TransactionKind] {
        &self.kind
    }

    /// The latest order day, if any order exists (the default analysis date).
    pub fn latest_order_day(&self) -> Option<i32> {
        self.day
            .iter()
            .zip(&self.kind)
            .filter(|(_, k)| **k == TransactionKind::Order)
            .map(|(d, _)| *d)
            .max()
    }

    /// The latest day of any transaction, if any.
    pub fn latest_day(&self) -> Option<i32> {
        self.day.iter().copied().max()
    }
}

/// Builds a `Ledger` row by row, interning customer ids ([`IdInterner`]: ids arriving in
/// ascending order, as stored blocks name them, are interned without hashing).
#[derive(Debug, Default)]
pub struct LedgerBuilder {
    ids: IdInterner,
    ledger: Ledger,
}

impl LedgerBuilder {
    /// A builder with room for `rows` rows and `customers` customers.
    pub fn with_capacity(rows: usize, customers: usize) -> LedgerBuilder {
        let mut b = LedgerBuilder {
            ids: IdInterner::with_capacity(customers),
            ledger: Ledger::default(),
        };
        b.ledger.customer.reserve(rows);
        b.ledger.day.reserve(rows);
        b.ledger.amount.reserve(rows);
        b.ledger.kind.reserve(rows);
        b
    }

    /// The index of customer `id`, interning it on first sight.
    #[inline]
    pub fn customer(&mut self, id: &str) -> u32 {
        self.ids.intern(id)
    }

    /// Number of customers interned so far.
    pub fn customer_count(&self) -> usize {
        self.ids.len()
    }

    /// Appends a transaction dated `date`.
    pub fn push(
        &mut self,
        customer: u32,
        date: NaiveDate,
        amount: Money,
        cost: Option<Money>,
        kind: TransactionKind,
    ) {
        self.push_day(customer, day_number(date), amount, cost, kind);
    }

    /// Appends a transaction on day number `day`.
    pub fn push_day(
        &mut self,
        customer: u32,
        day: i32,
        amount: Money,
        cost: Option<Money>,
        kind: TransactionKind,
    ) {
        self.push_minor(customer, day, amount.0, Money::to_column(cost), kind);
    }

    /// Appends a transaction with its cost as a column holds it ([`NO_MONEY`] for none).
    #[inline]
    fn push_minor(&mut self, customer: u32, day: i32, amount: i64, cost: i64, kind: TransactionKind) {
        let l = &mut self.ledger;
        l.customer.push(customer);
        l.day.push(day);
        l.amount.push(amount);
        // The cost column exists only once some row has a cost.
        if cost != NO_MONEY {
            if l.cost.len() < l.customer.len() - 1 {
                l.cost
                    .reserve(l.customer.capacity().saturating_sub(l.cost.len()));
                l.cost.resize(l.customer.len() - 1, NO_MONEY);
            }
            l.cost.push(cost);
        } else if !l.cost.is_empty() {
            l.cost.push(NO_MONEY);
        }
        l.kind.push(kind);
    }

    /// Appends a stored block's rows, interning each of its ids once.
    pub fn append_block(&mut self, block: &TransactionBlock) {
        let map: Vec<u32> = block.ids.iter().map(|id| self.customer(id)).collect();
        for i in 0..block.len() {
            let (Some(&c), Some(&day), Some(&amount), Some(&cost)) = (
                block.customer.get(i),
                block.day.get(i),
                block.amount.get(i),
                block.cost.get(i),
            ) else {
                continue;
            };
            let Some(&customer) = map.get(c as usize) else {
                continue;
            };
            self.push_minor(customer, day, amount, cost, block.kind_at(i));
        }
    }

    /// Number of rows so far.
    pub fn len(&self) -> usize {
        self.ledger.customer.len()
    }

    /// Whether no row was pushed.
    pub fn is_empty(&self) -> bool {
        self.ledger.customer.is_empty()
    }

    /// The finished ledger (the id map is dropped; look-ups then use a sorted index).
    pub fn finish(self) -> Ledger {
        let mut ledger = self.ledger;
        ledger.ids = self.ids.finish();
        // Growth by doubling leaves up to half the capacity unused; give it back.
        ledger.customer.shrink_to_fit();
        ledger.day.shrink_to_fit();
        ledger.amount.shrink_to_fit();
        ledger.cost.shrink_to_fit();
        ledger.kind.shrink_to_fit();
        ledger
    }
}

/// Interactions as columns, keyed by the ledger's customer indices.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InteractionInput {
    /// Customer index.
    pub customer: Vec<u32>,
    /// Day number.
    pub day: Vec<i32>,
    /// Kind of contact.
    pub kind: Vec<InteractionKind>,
    /// Own cost in minor units, `NO_MONEY` to use the setting for the kind.
    pub cost: Vec<i64>,
}

impl InteractionInput {
    /// Appends one interaction.
    pub fn push(&mut self, customer: u32, day: i32, kind: InteractionKind, cost: Option<Money>) {
        self.customer.push(customer);
        self.day.push(day);
        self.kind.push(kind);
        self.cost.push(Money::to_column(cost));
    }

    /// Interactions of customers known to `ledger`; the others are skipped and counted.
    pub fn from_interactions(
        ledger: &Ledger,
        interactions: &[Interaction],
    ) -> (InteractionInput, usize) {
        let mut input = InteractionInput::default();
        let mut skipped = 0;
        let lookup = (interactions.len() > HASHED_LOOKUPS).then(|| ledger.ids().lookup());
        let find = |id: &str| match &lookup {
            Some(l) => l.find(id),
            None => ledger.customer_index(id),
        };
        // Interactions often come grouped by customer: remember the last id.
        let mut last: Option<(&str, Option<u32>)> = None;
        for i in interactions {
            let index = match last {
                Some((id, index)) if id == i.customer_id => index,
                _ => find(&i.customer_id),
            };
            last = Some((&i.customer_id, index));
            match index {
                Some(c) => input.push(c, day_number(i.date), i.kind, i.cost),
                None => skipped += 1,
            }
        }
        (input, skipped)
    }

    /// The interactions of stored blocks (in key order) of customers known to `ledger`; the
    /// others are skipped and counted. Reads the columns as they are: each block's ids are
    /// looked up once, and no record or string is made per row.
    pub fn from_blocks<'a>(
        ledger: &Ledger,
        blocks: impl IntoIterator<Item = &'a InteractionBlock>,
    ) -> (InteractionInput, usize) {
        let mut input = InteractionInput::default();
        let mut skipped = 0;
        let lookup = ledger.ids().lookup();
        for b in blocks {
            let index: Vec<Option<u32>> = b.ids.iter().map(|id| lookup.find(id)).collect();
            for i in 0..b.len() {
                match index.get(b.customer[i] as usize).copied().flatten() {
                    Some(c) => {
                        input.customer.push(c);
                        input.day.push(b.day[i]);
                        input.kind.push(b.kind_at(i));
                        input.cost.push(b.cost[i]);
                    }
                    None => skipped += 1,
                }
            }
        }
        (input, skipped)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    pub(crate) fn check(&self) -> Result<(), crate::analytics::AnalyticsError> {
        let n = self.customer.len();
        if self.day.len() != n || self.kind.len() != n || self.cost.len() != n {
            return Err(crate::analytics::AnalyticsError::ColumnLengths {
                input: "interaction",
            });
        }
        Ok(())
    }
}

/// Above this many look-ups a hash index pays for its construction.
const HASHED_LOOKUPS: usize = 64;

/// Recorded exits as columns, keyed by the ledger's customer indices.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExitInput {
    /// Customer index.
    pub customer: Vec<u32>,
    /// Day number of the exit.
    pub day: Vec<i32>,
    /// Reason.
    pub reason: Vec<ExitReason>,
}

impl ExitInput {
    /// Appends one exit.
    pub fn push(&mut self, customer: u32, day: i32, reason: ExitReason) {
        self.customer.push(customer);
        self.day.push(day);
        self.reason.push(reason);
    }

    /// Exits of customers known to `ledger`; the others are skipped and counted.
    pub fn from_exits(ledger: &Ledger, exits: &[Exit]) -> (ExitInput, usize) {
        let mut input = ExitInput::default();
        let mut skipped = 0;
        let lookup = (exits.len() > HASHED_LOOKUPS).then(|| ledger.ids().lookup());
        let find = |id: &str| match &lookup {
            Some(l) => l.find(id),
            None => ledger.customer_index(id),
        };
        for e in exits {
            match find(&e.customer_id) {
                Some(c) => input.push(c, day_number(e.date), e.reason),
                None => skipped += 1,
            }
        }
        (input, skipped)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    pub(crate) fn check(&self) -> Result<(), crate::analytics::AnalyticsError> {
        let n = self.customer.len();
        if self.day.len() != n || self.reason.len() != n {
            return Err(crate::analytics::AnalyticsError::ColumnLengths { input: "exit" });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::day::date_of_day;

    #[test]
    fn interactions_read_from_blocks_are_the_records_read_one_by_one() {
        let mut b = Ledger::builder();
        for (i, id) in ["a", "b", "\u{1f}c", ""].iter().enumerate() {
            let c = b.customer(id);
            b.push_day(c, i as i32, Money(100), None, TransactionKind::Order);
        }
        let ledger = b.finish();
        let day = |d: i32| date_of_day(19_000 + d).expect("a day");
        let kinds = [InteractionKind::Call, InteractionKind::Complaint, InteractionKind::Visit];
        let records: Vec<Interaction> = (0..40)
            .map(|i| Interaction {
                // "z" has no transactions: skipped and counted by both.
                customer_id: ["a", "b", "\u{1f}c", "", "z"][i % 5].to_string(),
                kind: kinds[i % 3],
                date: day(i as i32),
                cost: (i % 4 == 0).then_some(Money(i as i64 * 10)),
                note: format!("note {i}"),
                outcome: None,
            })
            .collect();
        let blocks: Vec<InteractionBlock> = records
            .chunks(7)
            .flat_map(InteractionBlock::from_records)
            .collect();
        let (one_by_one, skipped) = InteractionInput::from_interactions(&ledger, &records);
        let (from_blocks, skipped_too) = InteractionInput::from_blocks(&ledger, &blocks);
        assert_eq!(from_blocks, one_by_one);
        assert_eq!((skipped, skipped_too), (8, 8));
    }

    #[test]
    fn the_hash_lookup_finds_what_the_binary_search_finds() {
        let mut b = Ledger::builder();
        for i in 0..500 {
            let c = b.customer(&format!("id-{}", (i * 7919) % 1000));
            b.push_day(c, i, Money(1), None, TransactionKind::Order);
        }
        let l = b.finish();
        let lookup = l.ids().lookup();
        for id in l.ids().iter() {
            assert_eq!(lookup.find(id), l.customer_index(id));
        }
        assert_eq!(lookup.find("id-1001"), None);
        let exits: Vec<Exit> = (0..100)
            .map(|i| Exit {
                customer_id: format!("id-{}", i * 3),
                date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                reason: ExitReason::Price,
                note: String::new(),
            })
            .collect();
        let (input, skipped) = ExitInput::from_exits(&l, &exits);
        assert_eq!(input.len() + skipped, 100);
        let known: Vec<&str> = exits
            .iter()
            .map(|e| e.customer_id.as_str())
            .filter(|id| l.customer_index(id).is_some())
            .collect();
        let found: Vec<&str> = input.customer.iter().map(|&c| l.customer_id(c)).collect();
        assert_eq!(found, known);
        assert!(skipped > 0 && !known.is_empty());
    }

    #[test]
    fn builder_interns_ids_and_finds_them_after_finishing() {
        let mut b = Ledger::builder();
        let d = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
        for id in ["b", "a", "b", "c"] {
            let c = b.customer(id);
            b.push(c, d, Money(100), None, TransactionKind::Order);
        }
        let l = b.finish();
        assert_eq!(l.customer_count(), 3);
        assert_eq!(l.customers(), &[0, 1, 0, 2]);
        assert_eq!(l.customer_index("a"), Some(1));
        assert_eq!(l.customer_index("zz"), None);
        assert_eq!(l.customer_id(2), "c");
        assert_eq!(date_of_day(l.days()[0]), Some(d));
        assert_eq!(l.row(0).unwrap().cost, None);
        assert!(l.costs().is_none(), "no cost given, no column");
    }

    #[test]
    fn the_cost_column_appears_with_the_first_cost_and_keeps_rows_aligned() {
        let mut b = Ledger::builder();
        let c = b.customer("a");
        b.push_day(c, 1, Money(100), None, TransactionKind::Order);
        b.push_day(c, 2, Money(100), Some(Money(40)), TransactionKind::Order);
        b.push_day(c, 3, Money(100), None, TransactionKind::Return);
        let l = b.finish();
        assert_eq!(l.costs().unwrap(), &[NO_MONEY, 40, NO_MONEY]);
        assert_eq!(l.row(1).unwrap().cost, Some(Money(40)));
        assert_eq!(l.cost_at(2), NO_MONEY);
    }
}
