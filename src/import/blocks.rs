//! An import's transactions as the domain's columnar blocks
//! ([`crate::domain::blocks::TransactionBlock`]), grouped by customer.

use crate::domain::blocks::{TransactionBlock, BLOCK_ROWS};
use crate::domain::ids::IdInterner;
use crate::domain::text::{Dict, Interner};
use crate::domain::{Money, TransactionKind};

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
    products: Interner,
    customer: Vec<u32>,
    day: Vec<i32>,
    amount: Vec<i64>,
    cost: Vec<i64>,
    kind: Vec<u8>,
    /// 0 for none, else 1 + the index in `products`.
    product: Vec<u32>,
    quantity: Vec<f64>,
}

impl GroupedColumnsBuilder {
    /// Appends one row.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub(crate) fn push(
        &mut self,
        customer_id: &str,
        day: i32,
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
        self.product
            .push(product.map_or(0, |p| self.products.intern(p) + 1));
        self.quantity.push(quantity.unwrap_or(f64::NAN));
    }

    pub(crate) fn finish(self) -> Vec<TransactionBlock> {
        let n = self.customer.len();
        let ids = self.ids.finish();
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

        let products = self.products.finish();
        let mut blocks = Vec::with_capacity(n.div_ceil(BLOCK_ROWS));
        let mut block_products = Interner::default();
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
                let index = block.ids.push(id);
                block
                    .customer
                    .extend(std::iter::repeat_n(index, covered));
                if to > end {
                    break; // The customer goes on in the next block.
                }
                ascending.next();
            }
            block_products.clear();
            let codes = rows
                .iter()
                .map(|&row| match self.product[row as usize] {
                    0 => 0,
                    p => block_products.intern(products.get(p - 1)) + 1,
                })
                .collect();
            block.product = Dict {
                values: std::mem::take(&mut block_products).finish(),
                codes,
            };
            blocks.push(block);
        }
        blocks
    }
}

/// Transactions as blocks grouped by customer, as an import stores them (see
/// [`GroupedColumnsBuilder`]): for data that arrives as records (the demo company).
pub fn grouped_blocks(transactions: &[crate::domain::Transaction]) -> Vec<TransactionBlock> {
    let mut builder = GroupedColumnsBuilder::default();
    for t in transactions {
        builder.push(
            &t.customer_id,
            crate::domain::day::day_number(t.date),
            t.amount,
            t.cost,
            t.kind,
            t.product.as_deref(),
            t.quantity,
        );
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::blocks::Block;
    use crate::domain::day::day_number;
    use crate::domain::Transaction;
    use chrono::NaiveDate;

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
                day_number(r.date),
                r.amount,
                r.cost,
                r.kind,
                r.product.as_deref(),
                r.quantity,
            );
        }
        let grouped = builder.finish();
        assert_eq!(grouped.iter().map(|b| b.len()).sum::<usize>(), rows.len());
        assert_eq!(grouped.len(), 3);
        assert_eq!(grouped[0].len(), BLOCK_ROWS);
        for block in &grouped {
            block.validate().unwrap();
            let ids: Vec<&str> = block.ids.iter().collect();
            assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids ascend within a block");
        }
        // Sorted by id, and each customer's rows as in the file (a stable sort).
        let mut expected = rows.clone();
        expected.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
        let back: Vec<Transaction> = grouped.iter().flat_map(|b| b.records()).collect();
        assert_eq!(back, expected);
        // Each customer in one block, or at the end of one and the start of the next.
        let named: usize = grouped.iter().map(|b| b.ids.len()).sum();
        assert!(named < 97 + grouped.len(), "{named}");
        assert!(GroupedColumnsBuilder::default().finish().is_empty());
    }
}
