//! Exit management: churn rate by period, exit-reason distribution, lost profit and the retention
//! break-even what-if (METRICS.md, "Churn").

use super::ledger::ExitInput;
use crate::domain::day::{date_of_day, day_number};
use crate::domain::ExitReason;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Churn over one period [start, end).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChurnPeriod {
    /// First day of the period.
    pub start: NaiveDate,
    /// First day after the period.
    pub end: NaiveDate,
    /// Customers active at the start: first order before `start` and no exit before `start`.
    pub active_at_start: usize,
    /// Exits dated in [start, end).
    pub exits: usize,
    /// exits / active_at_start (0 when nobody was active).
    pub rate: f64,
}

/// Calendar periods for churn rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChurnPeriodKind {
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
}

/// churn_rate(period) = exits in the period / customers active at its start.
///
/// `first_order_days[c]` is customer c's first order day (`None` if it never ordered).
/// Only each customer's earliest exit counts.
pub fn churn_rate(
    first_order_days: &[Option<i32>],
    exits: &ExitInput,
    start: i32,
    end: i32,
) -> (usize, usize, f64) {
    let first_exit = earliest_exits(exits, first_order_days.len());
    let mut active = 0;
    let mut left = 0;
    for (c, first) in first_order_days.iter().enumerate() {
        let Some(first) = *first else { continue };
        let exit = first_exit.get(c).copied().flatten();
        if first < start && exit.is_none_or(|e| e >= start) {
            active += 1;
        }
        if exit.is_some_and(|e| e >= start && e < end) {
            left += 1;
        }
    }
    let rate = if active > 0 {
        left as f64 / active as f64
    } else {
        0.0
    };
    (active, left, rate)
}

/// The earliest exit day of each customer index below `customers` (an empty vector when there
/// are no exits; read it with `.get(c)`).
pub(crate) fn earliest_exits(exits: &ExitInput, customers: usize) -> Vec<Option<i32>> {
    if exits.is_empty() {
        return Vec::new();
    }
    let mut first = vec![None; customers];
    for (&c, &d) in exits.customer.iter().zip(&exits.day) {
        if let Some(slot) = first.get_mut(c as usize) {
            *slot = Some(slot.map_or(d, |e: i32| e.min(d)));
        }
    }
    first
}

fn period_start(date: NaiveDate, kind: ChurnPeriodKind) -> Option<NaiveDate> {
    let month = match kind {
        ChurnPeriodKind::Month => date.month(),
        ChurnPeriodKind::Quarter => (date.month0() / 3) * 3 + 1,
        ChurnPeriodKind::Year => 1,
    };
    NaiveDate::from_ymd_opt(date.year(), month, 1)
}

fn next_period(start: NaiveDate, kind: ChurnPeriodKind) -> Option<NaiveDate> {
    let months = match kind {
        ChurnPeriodKind::Month => 1,
        ChurnPeriodKind::Quarter => 3,
        ChurnPeriodKind::Year => 12,
    };
    start.checked_add_months(chrono::Months::new(months))
}

/// Churn rates of the `count` calendar periods up to and including the one containing `as_of`,
/// oldest first.
pub fn churn_by_period(
    first_order_days: &[Option<i32>],
    exits: &ExitInput,
    as_of: NaiveDate,
    kind: ChurnPeriodKind,
    count: usize,
) -> Vec<ChurnPeriod> {
    let mut starts = Vec::new();
    let mut start = period_start(as_of, kind);
    while let Some(s) = start {
        if starts.len() == count {
            break;
        }
        starts.push(s);
        start = s.pred_opt().and_then(|d| period_start(d, kind));
    }
    starts.reverse();
    starts
        .into_iter()
        .filter_map(|s| {
            let e = next_period(s, kind)?;
            let (active_at_start, exits, rate) =
                churn_rate(first_order_days, exits, day_number(s), day_number(e));
            Some(ChurnPeriod {
                start: s,
                end: e,
                active_at_start,
                exits,
                rate,
            })
        })
        .collect()
}

/// Count and share of exits of one reason.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReasonShare {
    /// The reason.
    pub reason: ExitReason,
    /// Exits with this reason.
    pub count: usize,
    /// count / all exits (0 when there are none).
    pub share: f64,
}

/// What the customers lost for one reason took with them (METRICS.md, "Churn": lost profit over
/// the 12 months before the exit, lost lifetime value = future profit at the exit date as if
/// still alive). Each exited customer counts once, under the reason of their earliest exit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReasonLoss {
    /// The reason.
    pub reason: ExitReason,
    /// Customers whose earliest exit in the period has this reason.
    pub customers: usize,
    /// Σ of their revenue in the 12 months before the exit (currency units).
    pub lost_revenue_one_year: f64,
    /// Σ of their profit in the 12 months before the exit (currency units).
    pub lost_profit_one_year: f64,
    /// Σ of their future profit computed at the exit date as if still alive (currency units).
    pub lost_lifetime_value: f64,
}

impl ReasonLoss {
    /// One zeroed entry per reason, in `ExitReason::ALL` order.
    pub fn empty_table() -> Vec<ReasonLoss> {
        ExitReason::ALL
            .iter()
            .map(|&reason| ReasonLoss {
                reason,
                customers: 0,
                lost_revenue_one_year: 0.0,
                lost_profit_one_year: 0.0,
                lost_lifetime_value: 0.0,
            })
            .collect()
    }
}

/// Exit-reason distribution over exits dated in [start, end), one entry per reason in
/// `ExitReason::ALL` order.
pub fn exit_reasons(exits: &ExitInput, start: i32, end: i32) -> Vec<ReasonShare> {
    let mut counts = vec![0usize; ExitReason::ALL.len()];
    for (&d, &r) in exits.day.iter().zip(&exits.reason) {
        if d >= start && d < end {
            if let Some(i) = ExitReason::ALL.iter().position(|x| *x == r) {
                counts[i] += 1;
            }
        }
    }
    let total: usize = counts.iter().sum();
    ExitReason::ALL
        .iter()
        .zip(counts)
        .map(|(&reason, count)| ReasonShare {
            reason,
            count,
            share: if total > 0 {
                count as f64 / total as f64
            } else {
                0.0
            },
        })
        .collect()
}

/// The retention break-even calculator's inputs (all prefilled from data, all editable).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WhatIfInput {
    /// Customers at the start, N.
    pub customers: f64,
    /// Churn rate c (0.05 = 5%).
    pub churn_rate: f64,
    /// Revenue per lost customer R.
    pub revenue_per_customer: f64,
    /// Profit margin m (0.10 = 10%).
    pub margin: f64,
}

/// The calculator's answers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WhatIf {
    /// N·c.
    pub lost_customers: f64,
    /// N·c·R.
    pub lost_revenue: f64,
    /// N·c·R·m.
    pub lost_profit: f64,
    /// Spending less than this to keep them is worth it (= lost profit).
    pub budget_ceiling: f64,
}

/// Lost customers = N·c, lost revenue = N·c·R, lost profit = N·c·R·m; the retention budget
/// breaks even at the lost profit (DOMAIN.md's worked example: 6,600 customers, 5%, 10,000,
/// 10% → 330, 3,300,000, 330,000, ceiling 330,000). Non-finite inputs count as 0.
pub fn what_if(input: &WhatIfInput) -> WhatIf {
    let f = |v: f64| if v.is_finite() { v } else { 0.0 };
    let lost_customers = f(input.customers) * f(input.churn_rate);
    let lost_revenue = lost_customers * f(input.revenue_per_customer);
    let lost_profit = lost_revenue * f(input.margin);
    WhatIf {
        lost_customers,
        lost_revenue,
        lost_profit,
        budget_ceiling: lost_profit.max(0.0),
    }
}

/// The calendar date of a day number, for reports (the epoch date if out of range).
pub(crate) fn date_or_epoch(day: i32) -> NaiveDate {
    date_of_day(day).unwrap_or_default()
}
