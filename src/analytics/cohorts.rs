//! Cohort retention: customers grouped by month of first order, and the share of each cohort
//! ordering again in each later month (METRICS.md, "Churn").

use super::group::RowGroups;
use super::ledger::Ledger;
use crate::domain::day::date_of_day;
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
///
/// When each customer's rows come in day order (files sorted by date) this is two passes over
/// the rows with a day → month table, no grouping and no date conversion per row; otherwise
/// the rows are grouped by customer first.
pub fn cohorts(ledger: &Ledger, as_of: i32, window_start: Option<i32>) -> Vec<Cohort> {
    let start = window_start.unwrap_or(i32::MIN);
    let Some(last_month) = date_of_day(as_of).map(month_index) else {
        return Vec::new();
    };
    let (customers, days, kinds) = (ledger.customers(), ledger.days(), ledger.kinds());
    let in_window =
        |r: usize| kinds[r] == TransactionKind::Order && days[r] >= start && days[r] <= as_of;
    // Pass 1: each customer's first order day.
    let mut first: Vec<i32> = vec![i32::MAX; ledger.customer_count()];
    for r in (0..ledger.len()).filter(|&r| in_window(r)) {
        if let Some(f) = first.get_mut(customers[r] as usize) {
            *f = (*f).min(days[r]);
        }
    }
    let Some(&earliest) = first.iter().min().filter(|&&d| d != i32::MAX) else {
        return Vec::new();
    };
    // The month index of every day from the earliest order to as_of.
    let Some(first_date) = date_of_day(earliest) else {
        return cohorts_grouped(ledger, as_of, start, last_month);
    };
    let month_of: Vec<i32> = first_date
        .iter_days()
        .take((as_of - earliest) as usize + 1)
        .map(month_index)
        .collect();
    let month = |day: i32| month_of[(day - earliest) as usize];
    let first_month = month(earliest);
    let months = (last_month - first_month + 1).max(1) as usize;
    // Pass 2: count each customer once per month offset, given non-decreasing days per customer.
    let mut size = vec![0usize; months];
    let mut active = vec![vec![0usize; 0]; months];
    for (cohort, row) in active.iter_mut().enumerate() {
        row.resize(months - cohort, 0);
    }
    let mut last_offset: Vec<i32> = vec![-1; ledger.customer_count()];
    let mut last_day: Vec<i32> = vec![i32::MIN; ledger.customer_count()];
    for r in (0..ledger.len()).filter(|&r| in_window(r)) {
        let c = customers[r] as usize;
        let day = days[r];
        if day < last_day[c] {
            return cohorts_grouped(ledger, as_of, start, last_month);
        }
        last_day[c] = day;
        let cohort = (month(first[c]) - first_month) as usize;
        let offset = month(day) - month(first[c]);
        if offset != last_offset[c] {
            last_offset[c] = offset;
            if offset == 0 {
                size[cohort] += 1;
            }
            active[cohort][offset as usize] += 1;
        }
    }
    size.iter()
        .zip(active)
        .enumerate()
        .filter(|(_, (&n, _))| n > 0)
        .filter_map(|(cohort, (&n, counts))| {
            let m = first_month + cohort as i32;
            Some(Cohort {
                month: NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1)?,
                size: n,
                retention: counts.iter().map(|&a| a as f64 / n as f64).collect(),
            })
        })
        .collect()
}

/// `cohorts` for rows in any order: group by customer, sort each customer's months.
fn cohorts_grouped(ledger: &Ledger, as_of: i32, start: i32, last_month: i32) -> Vec<Cohort> {
    let groups = RowGroups::of(ledger);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::day::day_number;
    use crate::domain::Money;

    #[test]
    fn the_day_ordered_pass_counts_like_the_grouped_one() {
        let as_of = day_number(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
        let mut b = Ledger::builder();
        let mut rows = Vec::new();
        for c in 0..200i32 {
            let mut day = as_of - 700 + (c * 37) % 500;
            while day <= as_of + 20 {
                rows.push((c, day));
                day += 5 + (c * 11) % 60;
            }
        }
        rows.sort_by_key(|&(c, d)| (d, c));
        for &(c, d) in &rows {
            let id = b.customer(&format!("C{c}"));
            let kind = if (c + d) % 13 == 0 {
                TransactionKind::Return
            } else {
                TransactionKind::Order
            };
            b.push_day(id, d, Money(100), None, kind);
        }
        let l = b.finish();
        let last_month = month_index(date_of_day(as_of).unwrap());
        for start in [None, Some(as_of - 400)] {
            let fast = cohorts(&l, as_of, start);
            let grouped = cohorts_grouped(&l, as_of, start.unwrap_or(i32::MIN), last_month);
            assert_eq!(fast, grouped);
            assert!(fast.len() > 5, "{start:?} {}", fast.len());
        }
    }
}
