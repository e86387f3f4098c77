//! The RFM summary (frequency, recency, T, monetary value), identical to `lifetimes`'
//! `summary_data_from_transaction_data` (METRICS.md, "RFM summary").

use super::group::RowGroups;
use super::ledger::Ledger;
use crate::domain::{TimeUnit, TransactionKind};
use serde::{Deserialize, Serialize};

/// Which rows the summary reads and in what unit it reports.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SummaryOptions {
    /// Analysis date as a day number; orders after it are ignored.
    pub as_of: i32,
    /// First day of the analysis window, if any; earlier orders are ignored.
    pub window_start: Option<i32>,
    /// Days or weeks (= days / 7 as a fraction).
    pub unit: TimeUnit,
}

/// One customer's summary, in the chosen unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CustomerSummary {
    /// Ledger customer index.
    pub customer: u32,
    /// Repeat purchases: distinct purchase days − 1.
    pub frequency: u32,
    /// Periods between the first and the last purchase (0 when frequency is 0).
    pub recency: f64,
    /// Periods between the first purchase and the analysis date.
    #[serde(rename = "T")]
    pub t: f64,
    /// Mean value (currency units) of the repeat purchases, the first purchase day excluded; 0
    /// when frequency is 0.
    pub monetary_value: f64,
}

/// The summary of one customer's order days, in days (integers) before unit conversion.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct DaySummary {
    pub frequency: u32,
    pub first_day: i32,
    pub last_day: i32,
    /// Σ of the repeat days' amounts, minor units.
    pub repeat_amount: i64,
}

/// Summarises one customer's orders given as (day, amount) pairs, sorting them in place.
///
/// Same-day orders are summed into one purchase (what `lifetimes` does by grouping on the
/// period). Returns `None` when the slice is empty.
pub(crate) fn summarize_days(purchases: &mut [(i32, i64)]) -> Option<DaySummary> {
    if purchases.is_empty() {
        return None;
    }
    if !purchases.windows(2).all(|w| w[0].0 <= w[1].0) {
        purchases.sort_unstable_by_key(|p| p.0);
    }
    let first_day = purchases[0].0;
    let mut last_day = first_day;
    let mut frequency = 0u32;
    let mut repeat_amount = 0i64;
    for &(day, amount) in purchases.iter() {
        if day != first_day {
            repeat_amount = repeat_amount.saturating_add(amount);
            if day != last_day {
                frequency += 1;
                last_day = day;
            }
        }
    }
    Some(DaySummary {
        frequency,
        first_day,
        last_day,
        repeat_amount,
    })
}

impl DaySummary {
    pub(crate) fn to_summary(self, customer: u32, as_of: i32, unit: TimeUnit) -> CustomerSummary {
        let per = unit.days();
        let (recency, monetary_value) = if self.frequency == 0 {
            (0.0, 0.0)
        } else {
            (
                f64::from(self.last_day - self.first_day) / per,
                self.repeat_amount as f64 / 100.0 / f64::from(self.frequency),
            )
        };
        CustomerSummary {
            customer,
            frequency: self.frequency,
            recency,
            t: f64::from(as_of - self.first_day) / per,
            monetary_value,
        }
    }
}

/// The RFM summary of every customer with at least one order in the window, by customer index.
///
/// For each customer, with d₁ < … < d_k the distinct order days in [window start, as_of]:
/// frequency = k − 1, recency = d_k − d₁, T = as_of − d₁, monetary_value = mean over days
/// d₂…d_k of that day's summed order amounts (`lifetimes.utils.summary_data_from_transaction_data`
/// with `freq='D'`, and `freq_multiplier=7` for weeks). Returns are not purchases.
pub fn summarize(ledger: &Ledger, options: &SummaryOptions) -> Vec<CustomerSummary> {
    let groups = RowGroups::of(ledger);
    let (days, amounts, kinds) = (ledger.days(), ledger.amounts(), ledger.kinds());
    let start = options.window_start.unwrap_or(i32::MIN);
    let mut buffer: Vec<(i32, i64)> = Vec::new();
    let mut out = Vec::new();
    for c in 0..groups.customers() {
        buffer.clear();
        for r in groups.rows(c) {
            if kinds[r] == TransactionKind::Order && days[r] >= start && days[r] <= options.as_of {
                buffer.push((days[r], amounts[r]));
            }
        }
        if let Some(s) = summarize_days(&mut buffer) {
            out.push(s.to_summary(c as u32, options.as_of, options.unit));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_same_day_purchases_once_and_excludes_the_first_day_from_monetary_value() {
        let mut p = vec![(10, 500), (3, 100), (10, 700), (3, 50), (7, 300)];
        let s = summarize_days(&mut p).unwrap();
        assert_eq!(s.frequency, 2);
        assert_eq!((s.first_day, s.last_day), (3, 10));
        assert_eq!(s.repeat_amount, 1500);
        let c = s.to_summary(0, 17, TimeUnit::Days);
        assert_eq!((c.recency, c.t, c.monetary_value), (7.0, 14.0, 7.5));
        let w = s.to_summary(0, 17, TimeUnit::Weeks);
        assert_eq!((w.recency, w.t), (1.0, 2.0));
    }

    #[test]
    fn summary_of_a_single_purchase_day_has_zero_recency_and_monetary_value() {
        let mut p = vec![(5, 100), (5, 200)];
        let c = summarize_days(&mut p)
            .unwrap()
            .to_summary(0, 5, TimeUnit::Days);
        assert_eq!(
            (c.frequency, c.recency, c.t, c.monetary_value),
            (0, 0.0, 0.0, 0.0)
        );
    }
}
