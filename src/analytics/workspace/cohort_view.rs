//! The Cohorts page's data: the retention triangle by acquisition month (month of first
//! order) as a heat map of percentages (METRICS.md, "Churn": cohort retention).

use crate::analytics::cohorts::{cohorts, Cohort};
use crate::analytics::ledger::Ledger;
use serde::{Deserialize, Serialize};

/// Options of the Cohorts page's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CohortViewOptions {
    /// Most cohorts kept (the latest ones): 120 months is ten years, 7,260 cells.
    pub max_cohorts: usize,
}

impl Default for CohortViewOptions {
    fn default() -> Self {
        CohortViewOptions { max_cohorts: 120 }
    }
}

/// The retention triangle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CohortView {
    /// One row per acquisition month, oldest first: its size and the share of it with at least
    /// one order in month 0, 1, 2, … after acquisition, up to the month of the analysis date
    /// (so each row is one month shorter than the one before: a triangle).
    pub cohorts: Vec<Cohort>,
    /// Customers in all cohorts of the whole window (= customers with an order in the window),
    /// including any cohorts left out by `max_cohorts`.
    pub customers: usize,
    /// Cohorts left out (the oldest) to keep the table small.
    pub omitted_cohorts: usize,
    /// average[i] = share active in month i over every shown cohort old enough to have a month
    /// i, weighted by cohort size (the "all cohorts" row).
    pub average: Vec<f64>,
}

/// The retention triangle from the engine's `cohorts` over orders in [window start, as_of],
/// with the size-weighted average row.
pub fn cohort_view(
    ledger: &Ledger,
    as_of: i32,
    window_start: Option<i32>,
    options: &CohortViewOptions,
) -> CohortView {
    let mut all = cohorts(ledger, as_of, window_start);
    let customers = all.iter().map(|c| c.size).sum();
    let omitted_cohorts = all.len().saturating_sub(options.max_cohorts);
    all.drain(..omitted_cohorts);
    let longest = all.iter().map(|c| c.retention.len()).max().unwrap_or(0);
    let mut active = vec![0.0; longest];
    let mut size = vec![0.0; longest];
    for c in &all {
        for (i, r) in c.retention.iter().enumerate() {
            active[i] += r * c.size as f64;
            size[i] += c.size as f64;
        }
    }
    let average = active
        .iter()
        .zip(&size)
        .map(|(a, s)| if *s > 0.0 { a / s } else { 0.0 })
        .collect();
    CohortView {
        cohorts: all,
        customers,
        omitted_cohorts,
        average,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::day::day_number;
    use crate::domain::{Money, TransactionKind};
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn the_triangle_shrinks_by_a_month_per_cohort_and_the_average_weights_by_size() {
        let mut b = Ledger::builder();
        let order = |b: &mut crate::analytics::ledger::LedgerBuilder, id: &str, d: i32| {
            let c = b.customer(id);
            b.push_day(c, d, Money(1_000), None, TransactionKind::Order);
        };
        // January: a (orders again in February), b (does not); February: c, d, e (c again in March).
        order(&mut b, "a", day(2024, 1, 3));
        order(&mut b, "a", day(2024, 2, 9));
        order(&mut b, "b", day(2024, 1, 20));
        for id in ["c", "d", "e"] {
            order(&mut b, id, day(2024, 2, 2));
        }
        order(&mut b, "c", day(2024, 3, 30));
        let l = b.finish();
        let v = cohort_view(&l, day(2024, 3, 31), None, &CohortViewOptions::default());
        assert_eq!(v.customers, 5);
        assert_eq!(v.cohorts.len(), 2);
        assert_eq!(v.cohorts[0].retention, vec![1.0, 0.5, 0.0]);
        assert_eq!(v.cohorts[1].retention.len(), 2);
        assert!((v.cohorts[1].retention[1] - 1.0 / 3.0).abs() < 1e-12);
        // Month 1: (0.5·2 + 1/3·3) / 5 = 2/5; month 2 only January is old enough.
        assert!((v.average[1] - 0.4).abs() < 1e-12);
        assert_eq!(v.average[2], 0.0);
        let capped = cohort_view(
            &l,
            day(2024, 3, 31),
            None,
            &CohortViewOptions { max_cohorts: 1 },
        );
        assert_eq!(
            (
                capped.cohorts.len(),
                capped.omitted_cohorts,
                capped.customers
            ),
            (1, 1, 5)
        );
    }
}
