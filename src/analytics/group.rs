//! Grouping of ledger rows by customer with a counting sort (two passes, no per-row allocation).

use super::ledger::Ledger;

/// Row indices grouped by customer: the rows of customer `c` are
/// `order[offsets[c]..offsets[c + 1]]`, in their original order.
#[derive(Debug, Clone, Default)]
pub struct RowGroups {
    /// Start of each customer's rows in `order`; length customers + 1.
    pub offsets: Vec<u32>,
    /// Row indices, grouped by customer.
    pub order: Vec<u32>,
}

impl RowGroups {
    /// Groups the ledger's rows by customer index.
    pub fn of(ledger: &Ledger) -> RowGroups {
        let customers = ledger.customer_count();
        let column = ledger.customers();
        let mut offsets = vec![0u32; customers + 1];
        for &c in column {
            if let Some(slot) = offsets.get_mut(c as usize + 1) {
                *slot += 1;
            }
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut next = offsets.clone();
        let mut order = vec![0u32; offsets[customers] as usize];
        for (row, &c) in column.iter().enumerate() {
            if let Some(slot) = next.get_mut(c as usize) {
                order[*slot as usize] = row as u32;
                *slot += 1;
            }
        }
        RowGroups { offsets, order }
    }

    /// The rows of customer `c`.
    pub fn rows(&self, c: usize) -> &[u32] {
        match (self.offsets.get(c), self.offsets.get(c + 1)) {
            (Some(&a), Some(&b)) => &self.order[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Number of customers.
    pub fn customers(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
}
