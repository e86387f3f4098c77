//! The engine's compact columnar inputs: transactions (`Ledger`), interactions and exits.
//!
//! Customer ids are interned to dense `u32` indices; rows are parallel vectors, so 4M
//! transactions take about 100 MB and are summarised without per-row allocation.

use crate::domain::{
    Exit, ExitReason, Interaction, InteractionKind, Money, Transaction, TransactionKind,
};
use chrono::{Datelike, NaiveDate};
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::hash_map::Entry;
use std::hash::Hasher;

/// Sentinel in cost columns for "no cost given".
pub const NO_COST: i64 = i64::MIN;

/// The day number of a date: days since 0001-01-01 (day 1), as used by every column here.
pub fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The date of a day number, or `None` outside chrono's range.
pub fn date_of_day(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

/// Interned customer ids: index → id, and a sorted index for look-ups by id.
///
/// All ids live in one string buffer, so a million ids cost about 12 MB, not 60.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdTable {
    text: String,
    ends: Vec<u32>,
    sorted: Vec<u32>,
}

impl IdTable {
    fn push(&mut self, id: &str) -> u32 {
        let index = self.ends.len() as u32;
        self.text.push_str(id);
        self.ends.push(self.text.len() as u32);
        index
    }

    /// Sorts the ids. Each comparison of two ids by text chases two scattered slices of the
    /// buffer; comparing first by the ids' first eight bytes (big-endian, zero-padded, which
    /// orders like the text) held next to the index keeps most comparisons in one array, and
    /// only ties on the prefix look at the whole ids. About 2-3× faster at 250,000 ids.
    fn finish_sorting(&mut self) {
        let mut keyed: Vec<(u64, u32)> = (0..self.ends.len() as u32)
            .map(|i| {
                let bytes = self.get(i).as_bytes();
                let mut prefix = [0u8; 8];
                let n = bytes.len().min(8);
                prefix[..n].copy_from_slice(&bytes[..n]);
                (u64::from_be_bytes(prefix), i)
            })
            .collect();
        keyed.sort_unstable_by(|&(pa, a), &(pb, b)| {
            pa.cmp(&pb).then_with(|| self.get(a).cmp(self.get(b)))
        });
        self.sorted = keyed.into_iter().map(|(_, i)| i).collect();
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no ids.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The id at `index` ("" when out of range).
    pub fn get(&self, index: u32) -> &str {
        let i = index as usize;
        if i >= self.ends.len() {
            return "";
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The index of `id`, by binary search.
    pub fn find(&self, id: &str) -> Option<u32> {
        self.sorted
            .binary_search_by(|&i| self.get(i).cmp(id))
            .ok()
            .map(|pos| self.sorted[pos])
    }

    /// A hash index from id to index, for many look-ups in a row: `find` binary-searches and
    /// touches about log₂ N scattered ids each time (about a microsecond at 100,000 ids), a
    /// hash look-up one. Building it costs one pass over the ids.
    pub fn lookup(&self) -> IdLookup<'_> {
        let mut map = FxHashMap::with_capacity_and_hasher(self.len(), Default::default());
        for (i, id) in self.iter().enumerate() {
            map.entry(id).or_insert(i as u32);
        }
        IdLookup { map }
    }

    /// A copy without the look-up index (`find` then finds nothing): for holders that only
    /// need index → id.
    pub fn without_index(&self) -> IdTable {
        IdTable {
            text: self.text.clone(),
            ends: self.ends.clone(),
            sorted: Vec::new(),
        }
    }

    /// For each index, the position of its id in ascending id order (ids compare as text).
    pub fn sort_ranks(&self) -> Vec<u32> {
        let mut ranks = vec![0u32; self.len()];
        for (position, &index) in self.sorted.iter().enumerate() {
            ranks[index as usize] = position as u32;
        }
        ranks
    }

    /// Ids in ascending order (as text).
    pub fn ascending(&self) -> impl Iterator<Item = &str> + '_ {
        self.sorted.iter().map(move |&i| self.get(i))
    }

    /// Ids in index order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(move |i| self.get(i))
    }
}

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
            cost: (self.cost_at(i) != NO_COST).then_some(Money(self.cost_at(i))),
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

    /// Column of costs in minor units, `NO_COST` where none was given; `None` when no row has
    /// a cost (the column is then never allocated, saving 8 bytes a row).
    pub fn costs(&self) -> Option<&[i64]> {
        (!self.cost.is_empty()).then_some(&self.cost[..])
    }

    /// The cost of row `i` in minor units, `NO_COST` when none was given.
    #[inline]
    pub fn cost_at(&self, i: usize) -> i64 {
        self.cost.get(i).copied().unwrap_or(NO_COST)
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

/// Interns ids into an [`IdTable`].
///
/// Ids are found by a 64-bit hash whose hit is confirmed against the stored text, so interning
/// a million ids allocates nothing per id; the rare hash collision goes to a small side map.
#[derive(Debug, Default)]
pub struct IdInterner {
    map: FxHashMap<u64, u32>,
    collided: FxHashMap<Box<str>, u32>,
    table: IdTable,
}

impl IdInterner {
    /// The index of `id`, interning it on first sight.
    pub fn intern(&mut self, id: &str) -> u32 {
        match self.map.entry(hash_id(id)) {
            Entry::Vacant(slot) => *slot.insert(self.table.push(id)),
            Entry::Occupied(slot) => {
                let i = *slot.get();
                if self.table.get(i) == id {
                    return i;
                }
                if let Some(&j) = self.collided.get(id) {
                    return j;
                }
                let j = self.table.push(id);
                self.collided.insert(id.into(), j);
                j
            }
        }
    }

    /// The ids so far, in the order they were interned.
    pub fn table(&self) -> &IdTable {
        &self.table
    }

    /// Enters ids pushed to the table without the map (see `LedgerBuilder`) into the map.
    fn index_table(&mut self) {
        self.map.reserve(self.table.len());
        for i in 0..self.table.len() as u32 {
            // The ids were distinct; a hash collision goes to the side map.
            let id = self.table.get(i);
            match self.map.entry(hash_id(id)) {
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
                Entry::Occupied(_) => {
                    self.collided.insert(id.into(), i);
                }
            }
        }
    }

    /// The finished table, with its sorted index (`already_sorted` when the ids were
    /// interned in ascending order, which spares the sort).
    pub fn finish(self, already_sorted: bool) -> IdTable {
        let mut table = self.table;
        drop(self.map);
        drop(self.collided);
        if already_sorted {
            table.sorted = (0..table.len() as u32).collect();
        } else {
            table.finish_sorting();
        }
        table.text.shrink_to_fit();
        table.ends.shrink_to_fit();
        table
    }
}

/// Builds a `Ledger` row by row, interning customer ids ([`IdInterner`]).
///
/// Ids that arrive in ascending order (transactions are stored grouped by customer, see
/// `import::GroupedColumnsBuilder`) need no hashing at all: each is compared with the last
/// one only, and the finished table needs no sort. The first id out of order switches to
/// the hash map for good.
#[derive(Debug)]
pub struct LedgerBuilder {
    ids: IdInterner,
    in_order: bool,
    ledger: Ledger,
}

impl Default for LedgerBuilder {
    fn default() -> Self {
        LedgerBuilder {
            ids: IdInterner::default(),
            in_order: true,
            ledger: Ledger::default(),
        }
    }
}

fn hash_id(id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

impl LedgerBuilder {
    /// A builder with room for `rows` rows and `customers` customers.
    pub fn with_capacity(rows: usize, customers: usize) -> LedgerBuilder {
        let mut b = LedgerBuilder::default();
        b.ids.table.ends.reserve(customers);
        b.ledger.customer.reserve(rows);
        b.ledger.day.reserve(rows);
        b.ledger.amount.reserve(rows);
        b.ledger.kind.reserve(rows);
        b
    }

    /// The index of customer `id`, interning it on first sight.
    pub fn customer(&mut self, id: &str) -> u32 {
        if self.in_order {
            let table = &mut self.ids.table;
            let n = table.len() as u32;
            if n == 0 {
                return table.push(id);
            }
            match table.get(n - 1).cmp(id) {
                std::cmp::Ordering::Equal => return n - 1,
                std::cmp::Ordering::Less => return table.push(id),
                std::cmp::Ordering::Greater => {
                    self.in_order = false;
                    self.ids.index_table();
                }
            }
        }
        self.ids.intern(id)
    }

    /// Number of customers interned so far.
    pub fn customer_count(&self) -> usize {
        self.ids.table.len()
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

    /// Appends a transaction on day number `day` (see `day_number`).
    pub fn push_day(
        &mut self,
        customer: u32,
        day: i32,
        amount: Money,
        cost: Option<Money>,
        kind: TransactionKind,
    ) {
        let l = &mut self.ledger;
        l.customer.push(customer);
        l.day.push(day);
        l.amount.push(amount.0);
        // The cost column exists only once some row has a cost.
        if let Some(c) = cost {
            if l.cost.len() < l.customer.len() - 1 {
                l.cost
                    .reserve(l.customer.capacity().saturating_sub(l.cost.len()));
                l.cost.resize(l.customer.len() - 1, NO_COST);
            }
            // A real cost of i64::MIN cents cannot occur; clamp it off the sentinel.
            l.cost.push(c.0.max(NO_COST + 1));
        } else if !l.cost.is_empty() {
            l.cost.push(NO_COST);
        }
        l.kind.push(kind);
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
        ledger.ids = self.ids.finish(self.in_order);
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
    /// Own cost in minor units, `NO_COST` to use the setting for the kind.
    pub cost: Vec<i64>,
}

impl InteractionInput {
    /// Appends one interaction.
    pub fn push(&mut self, customer: u32, day: i32, kind: InteractionKind, cost: Option<Money>) {
        self.customer.push(customer);
        self.day.push(day);
        self.kind.push(kind);
        self.cost
            .push(cost.map_or(NO_COST, |c| c.0.max(NO_COST + 1)));
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

/// Look-ups of customer ids by hash; see [`IdTable::lookup`].
#[derive(Debug, Clone, Default)]
pub struct IdLookup<'a> {
    map: FxHashMap<&'a str, u32>,
}

impl IdLookup<'_> {
    /// The index of `id`.
    pub fn find(&self, id: &str) -> Option<u32> {
        self.map.get(id).copied()
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

    #[test]
    fn ids_sort_as_text_whatever_their_length_and_shared_prefixes() {
        let ids = [
            "C0000636",
            "C000063",
            "C00006360",
            "C0000636\u{0}",
            "",
            "a",
            "B",
            "Zoë",
            "Zoe",
            "C0000636A",
            "C0000636",
            "中文客户",
            "C0000635z",
            "12345678901",
            "1234567890",
        ];
        let mut b = Ledger::builder();
        for id in ids {
            b.customer(id);
        }
        let table = b.finish().ids;
        let sorted: Vec<&str> = table.sorted.iter().map(|&i| table.get(i)).collect();
        let mut expected: Vec<&str> = table.iter().collect();
        expected.sort();
        assert_eq!(sorted, expected);
        for id in ids {
            assert_eq!(table.find(id).map(|i| table.get(i)), Some(id));
        }
    }

    #[test]
    fn ids_in_order_intern_without_hashing_and_switch_when_one_comes_out_of_order() {
        let mut b = Ledger::builder();
        let got: Vec<u32> = ["A", "A", "B", "C", "C"]
            .iter()
            .map(|id| b.customer(id))
            .collect();
        assert_eq!(got, vec![0, 0, 1, 2, 2]);
        assert_eq!(b.finish().ids.sorted, vec![0, 1, 2]);

        // Out of order part-way: the ids seen so far keep their index and are found again.
        let mut b = Ledger::builder();
        let got: Vec<u32> = ["B", "D", "D", "A", "D", "B", "C", "A"]
            .iter()
            .map(|id| b.customer(id))
            .collect();
        assert_eq!(got, vec![0, 1, 1, 2, 1, 0, 3, 2]);
        let table = b.finish().ids;
        assert_eq!(table.sorted, vec![2, 0, 3, 1]);
        for id in ["A", "B", "C", "D"] {
            assert_eq!(table.find(id).map(|i| table.get(i)), Some(id));
        }
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
        assert_eq!(l.costs().unwrap(), &[NO_COST, 40, NO_COST]);
        assert_eq!(l.row(1).unwrap().cost, Some(Money(40)));
        assert_eq!(l.cost_at(2), NO_COST);
    }
}
