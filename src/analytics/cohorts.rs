//! Cohort retention: customers grouped by month of first order, and the share of each cohort
//! ordering again in each later month (METRICS.md, "Churn").

use super::group::RowGroups;
use super::ledger::{date_of_day, Ledger};
use crate::domain::TransactionKind;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One acquisition cohort.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    /// First day of the month of first order.
    pub month: NaiveDate,
    /// Customers acquired that month.
    pub size: usize,
    /// retention[i] = share of the cohort with at least one order in month i after acquisition
    /// (i = 0 is the acquisition month, always 1), up to the month of `as_of`.
    pub retention: Vec<f64>,
}

fn month_index(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

/// Cohort retention over orders in [window start, as_of].
pub fn cohorts(ledger: &Ledger, as_of: i32, window_start: Option<i32>) -> Vec<Cohort> {
    let groups = RowGroups::of(ledger);
    let start = window_start.unwrap_or(i32::MIN);
    let Some(last_month) = date_of_day(as_of).map(month_index) else {
        return Vec::new();
    };
    let (days, kinds) = (ledger.days(), ledger.kinds());
    // month index of first order → (size, customers active per offset)
    let mut table: std::collections::BTreeMap<i32, (usize, Vec<usize>)> = Default::default();
    let mut months: Vec<i32> = Vec::new();
    for c in 0..groups.customers() {
        months.clear();
        for r in groups.rows(c) {
            if kinds[r] == TransactionKind::Order && days[r] >= start && days[r] <= as_of {
                if let Some(d) = date_of_day(days[r]) {
                    months.push(month_index(d));
                }
            }
        }
        if months.is_empty() {
            continue;
        }
        months.sort_unstable();
        months.dedup();
        let first = months[0];
        let span = (last_month - first + 1).max(1) as usize;
        let entry = table.entry(first).or_insert_with(|| (0, vec![0; span]));
        entry.0 += 1;
        for &m in months.iter() {
            if let Some(slot) = entry.1.get_mut((m - first) as usize) {
                *slot += 1;
            }
        }
    }
    table
        .into_iter()
        .filter_map(|(m, (size, active))| {
            let month = NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1)?;
            Some(Cohort {
                month,
                size,
                retention: active.iter().map(|&a| a as f64 / size as f64).collect(),
            })
        })
        .collect()
}
