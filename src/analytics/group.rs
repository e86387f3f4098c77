//! Grouping of ledger rows by customer with a counting sort (two passes, no per-row allocation),
//! or none at all when the rows already come grouped.

use super::ledger::Ledger;

/// Row indices grouped by customer: the rows of customer `c` are `rows(c)`, in their original
/// order.
#[derive(Debug, Clone, Default)]
pub struct RowGroups {
    /// Start of each customer's rows; length customers + 1.
    offsets: Vec<u32>,
    /// Row indices grouped by customer; `None` when the ledger is already grouped (customer
    /// indices non-decreasing, as when a file lists each customer's rows together), so that
    /// customer c's rows are simply offsets[c]..offsets[c+1].
    order: Option<Vec<u32>>,
}

/// The row indices of one customer.
#[derive(Debug, Clone)]
pub enum Rows<'a> {
    /// Rows listed by a permutation.
    Listed(std::slice::Iter<'a, u32>),
    /// Consecutive rows.
    Consecutive(std::ops::Range<usize>),
}

impl Iterator for Rows<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        match self {
            Rows::Listed(it) => it.next().map(|&r| r as usize),
            Rows::Consecutive(range) => range.next(),
        }
    }
}

impl RowGroups {
    /// Groups the ledger's rows by customer index.
    pub fn of(ledger: &Ledger) -> RowGroups {
        let customers = ledger.customer_count();
        let column = ledger.customers();
        let mut offsets = vec![0u32; customers + 1];
        let mut grouped = true;
        let mut previous = 0u32;
        for &c in column {
            if let Some(slot) = offsets.get_mut(c as usize + 1) {
                *slot += 1;
            }
            grouped &= c >= previous;
            previous = c;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        if grouped {
            return RowGroups {
                offsets,
                order: None,
            };
        }
        let mut next = offsets.clone();
        let mut order = vec![0u32; offsets[customers] as usize];
        for (row, &c) in column.iter().enumerate() {
            if let Some(slot) = next.get_mut(c as usize) {
                order[*slot as usize] = row as u32;
                *slot += 1;
            }
        }
        RowGroups {
            offsets,
            order: Some(order),
        }
    }

    /// The rows of customer `c`.
    pub fn rows(&self, c: usize) -> Rows<'_> {
        let (a, b) = match (self.offsets.get(c), self.offsets.get(c + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        };
        match &self.order {
            Some(order) => Rows::Listed(order[a..b].iter()),
            None => Rows::Consecutive(a..b),
        }
    }

    /// Number of customers.
    pub fn customers(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Money, TransactionKind};

    fn ledger(ids: &[&str]) -> Ledger {
        let mut b = Ledger::builder();
        for (day, id) in ids.iter().enumerate() {
            let c = b.customer(id);
            b.push_day(c, day as i32, Money(1), None, TransactionKind::Order);
        }
        b.finish()
    }

    #[test]
    fn grouping_lists_each_customers_rows_in_order_whether_or_not_they_come_grouped() {
        let mixed = RowGroups::of(&ledger(&["a", "b", "a", "c", "b"]));
        assert_eq!(mixed.rows(0).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(mixed.rows(1).collect::<Vec<_>>(), [1, 4]);
        assert_eq!(mixed.rows(2).collect::<Vec<_>>(), [3]);
        let grouped = RowGroups::of(&ledger(&["a", "a", "b", "c", "c"]));
        assert!(grouped.order.is_none());
        assert_eq!(grouped.rows(2).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(grouped.rows(9).count(), 0);
    }
}
