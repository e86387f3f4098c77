//! The Churn (exit management) page's data: churn rates by month and quarter, exits and the
//! profit lost by reason, the what-if calculator's prefilled inputs and the at-risk list
//! (METRICS.md, "Churn"; DOMAIN.md, "Exit management").

use super::rows::CustomerRow;
use crate::analytics::churn::{
    churn_by_period, exit_reasons, ChurnPeriod, ChurnPeriodKind, ReasonShare, WhatIfInput,
};
use crate::analytics::ledger::{ExitInput, Ledger};
use crate::domain::day::{date_of_day, day_number};
use crate::analytics::score::ScoreReport;
use crate::domain::{ExitReason, Tier, TransactionKind};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Options of the Churn page's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChurnViewOptions {
    /// Most customers in the at-risk list.
    pub at_risk_list: usize,
    /// Most months in the monthly series (the latest ones).
    pub max_months: usize,
    /// Most quarters in the quarterly series.
    pub max_quarters: usize,
}

impl Default for ChurnViewOptions {
    fn default() -> Self {
        ChurnViewOptions {
            at_risk_list: 200,
            max_months: 120,
            max_quarters: 40,
        }
    }
}

/// Exits and losses of one reason over the last 12 months.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReasonRow {
    /// The reason.
    pub reason: ExitReason,
    /// Exit records with this reason dated in the period.
    pub exits: usize,
    /// exits / all exit records in the period.
    pub share: f64,
    /// Customers whose earliest exit (in the period) has this reason and who had ordered before.
    pub lost_customers: usize,
    /// Their revenue in the 12 months before the exit (currency units).
    pub lost_revenue_one_year: f64,
    /// Their profit in the 12 months before the exit (currency units).
    pub lost_profit_one_year: f64,
    /// Their future profit at the exit date, as if still alive (currency units).
    pub lost_lifetime_value: f64,
}

/// One customer of the at-risk list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AtRiskCustomer {
    /// Index of the customer in `WorkspaceAnalysis::customers`.
    pub customer: u32,
    /// The customer's id.
    pub id: String,
    /// The customer's name.
    pub name: String,
    /// The responsible manager's id, if any.
    pub manager_id: Option<String>,
    /// Pyramid tier.
    pub tier: Tier,
    /// P(alive).
    pub p_alive: f64,
    /// CLV (currency units).
    pub clv: f64,
    /// Future profit (currency units).
    pub future_profit: f64,
    /// future profit × (1 − P(alive)) (currency units).
    pub value_at_stake: f64,
}

/// Everything the Churn page shows (except the what-if answers, which `churn::what_if`
/// computes from the inputs as the person edits them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChurnView {
    /// Churn rate per calendar month, oldest first, from the first month anyone could churn
    /// in up to the month of the analysis date.
    pub by_month: Vec<ChurnPeriod>,
    /// The same per calendar quarter.
    pub by_quarter: Vec<ChurnPeriod>,
    /// First day of the last-12-months period the reasons and losses cover.
    pub period_start: Option<NaiveDate>,
    /// The analysis date (last day of that period).
    pub period_end: NaiveDate,
    /// Exits and losses per reason over the last 12 months, in `ExitReason::ALL` order.
    pub reasons: Vec<ReasonRow>,
    /// Exit records per reason over the whole history up to the analysis date.
    pub reasons_all_time: Vec<ReasonShare>,
    /// The what-if calculator's inputs, prefilled from the data (see [`churn_view`]).
    pub what_if: WhatIfInput,
    /// The customers at risk with the most value at stake, largest first.
    pub at_risk: Vec<AtRiskCustomer>,
    /// All customers at risk (the list may be shorter).
    pub at_risk_customers: usize,
    /// Σ value at stake over all customers at risk (currency units).
    pub at_risk_value: f64,
}

/// Each ledger customer's first order day in [window start, as_of] (`None` without one).
pub fn first_order_days(
    ledger: &Ledger,
    window_start: Option<i32>,
    as_of: i32,
) -> Vec<Option<i32>> {
    let start = window_start.unwrap_or(i32::MIN);
    let mut first: Vec<Option<i32>> = vec![None; ledger.customer_count()];
    let (customers, days, kinds) = (ledger.customers(), ledger.days(), ledger.kinds());
    for r in 0..ledger.len() {
        let day = days[r];
        if kinds[r] != TransactionKind::Order || day < start || day > as_of {
            continue;
        }
        if let Some(slot) = first.get_mut(customers[r] as usize) {
            *slot = Some(slot.map_or(day, |d: i32| d.min(day)));
        }
    }
    first
}

/// Calendar periods of `kind` from the one containing `from` to the one containing `to`.
fn periods_between(from: NaiveDate, to: NaiveDate, kind: ChurnPeriodKind) -> usize {
    if from > to {
        return 0;
    }
    let months = (to.year() - from.year()) * 12 + to.month0() as i32 - from.month0() as i32;
    let count = match kind {
        ChurnPeriodKind::Month => months,
        ChurnPeriodKind::Quarter => {
            (to.year() - from.year()) * 4 + (to.month0() / 3) as i32 - (from.month0() / 3) as i32
        }
        ChurnPeriodKind::Year => to.year() - from.year(),
    };
    usize::try_from(count).unwrap_or(0) + 1
}

/// The value at stake of an at-risk customer: future profit × (1 − P(alive)).
pub fn value_at_stake(future_profit: f64, p_alive: f64) -> f64 {
    let v = future_profit * (1.0 - p_alive.clamp(0.0, 1.0));
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// The Churn page's data.
///
/// - Churn rates: `churn::churn_by_period` over the customers scored in the window (first order
///   day from `first_order`), from the first period that starts after the earliest first order
///   up to the one containing `as_of` (at most `max_months` / `max_quarters`, the latest).
/// - Reasons over the last 12 months (the report's period): exit records per reason with their
///   share, and per reason the customers lost with their revenue and profit in the 12 months
///   before the exit and their lifetime value at the exit (the engine's figures; they sum to
///   the report's totals). Also the exit records per reason over the whole history.
/// - What-if inputs: N = customers active at the start of the last 12 months, c = the churn
///   rate over them (both the report's), R = lost revenue over the 12 months before exit per
///   lost customer, m = lost profit / lost revenue of those customers — so that, prefilled,
///   the calculator's lost profit N·c·R·m is the lost profit the report measured (up to N·c
///   against the count of lost customers with history). Without lost customers with revenue:
///   R = mean revenue over the last 12 months of the customers who ordered in them, and
///   m = Σ profit / Σ revenue of all scored customers (the default margin when revenue ≤ 0).
/// - At-risk list: rows flagged at risk (no exit recorded, P(alive) below the threshold),
///   ranked by value at stake = future profit × (1 − P(alive)) descending, ties by id; the
///   first `at_risk_list` of them.
#[allow(clippy::too_many_arguments)]
pub fn churn_view(
    ledger: &Ledger,
    exits: &ExitInput,
    rows: &[CustomerRow],
    report: &ScoreReport,
    first_order: &[Option<i32>],
    window_start: Option<i32>,
    default_margin: f64,
    options: &ChurnViewOptions,
) -> ChurnView {
    let as_of = report.as_of;
    let as_of_day = day_number(as_of);

    let earliest = first_order.iter().flatten().min().copied();
    let (by_month, by_quarter) = match earliest.and_then(|d| date_of_day(d + 1)) {
        Some(from) => {
            let months =
                periods_between(from, as_of, ChurnPeriodKind::Month).min(options.max_months);
            let quarters =
                periods_between(from, as_of, ChurnPeriodKind::Quarter).min(options.max_quarters);
            (
                churn_by_period(first_order, exits, as_of, ChurnPeriodKind::Month, months),
                churn_by_period(
                    first_order,
                    exits,
                    as_of,
                    ChurnPeriodKind::Quarter,
                    quarters,
                ),
            )
        }
        None => (Vec::new(), Vec::new()),
    };

    let churn = &report.churn;
    let reasons: Vec<ReasonRow> = ExitReason::ALL
        .iter()
        .map(|&reason| {
            let share = churn.reasons.iter().find(|r| r.reason == reason);
            let loss = churn.losses.iter().find(|l| l.reason == reason);
            ReasonRow {
                reason,
                exits: share.map_or(0, |s| s.count),
                share: share.map_or(0.0, |s| s.share),
                lost_customers: loss.map_or(0, |l| l.customers),
                lost_revenue_one_year: loss.map_or(0.0, |l| l.lost_revenue_one_year),
                lost_profit_one_year: loss.map_or(0.0, |l| l.lost_profit_one_year),
                lost_lifetime_value: loss.map_or(0.0, |l| l.lost_lifetime_value),
            }
        })
        .collect();
    let reasons_all_time = exit_reasons(exits, i32::MIN, as_of_day.saturating_add(1));

    let what_if = what_if_defaults(ledger, rows, report, window_start, default_margin);

    let mut risky: Vec<(f64, u32)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.at_risk)
        .filter_map(|(i, r)| {
            r.scores
                .as_ref()
                .map(|s| (value_at_stake(s.future_profit, s.p_alive), i as u32))
        })
        .collect();
    let at_risk_customers = risky.len();
    let at_risk_value: f64 = risky.iter().map(|r| r.0).sum();
    let order = |a: &(f64, u32), b: &(f64, u32)| {
        b.0.total_cmp(&a.0)
            .then_with(|| rows[a.1 as usize].id.cmp(&rows[b.1 as usize].id))
    };
    let keep = options.at_risk_list.min(risky.len());
    if keep > 0 && keep < risky.len() {
        risky.select_nth_unstable_by(keep - 1, order);
    }
    risky.truncate(keep);
    risky.sort_unstable_by(order);
    let at_risk = risky
        .into_iter()
        .filter_map(|(value, i)| {
            let r = &rows[i as usize];
            let s = r.scores.as_ref()?;
            Some(AtRiskCustomer {
                customer: i,
                id: r.id.clone(),
                name: r.name.clone(),
                manager_id: r.manager_id.clone(),
                tier: s.tier,
                p_alive: s.p_alive,
                clv: s.clv,
                future_profit: s.future_profit,
                value_at_stake: value,
            })
        })
        .collect();

    ChurnView {
        by_month,
        by_quarter,
        period_start: churn.period_start,
        period_end: as_of,
        reasons,
        reasons_all_time,
        what_if,
        at_risk,
        at_risk_customers,
        at_risk_value,
    }
}

/// The calculator's prefilled inputs (see [`churn_view`]).
fn what_if_defaults(
    ledger: &Ledger,
    rows: &[CustomerRow],
    report: &ScoreReport,
    window_start: Option<i32>,
    default_margin: f64,
) -> WhatIfInput {
    let churn = &report.churn;
    let customers = churn.active_at_start as f64;
    let churn_rate = churn.churn_rate;
    if churn.lost_customers > 0 && churn.lost_revenue_one_year > 0.0 {
        return WhatIfInput {
            customers,
            churn_rate,
            revenue_per_customer: churn.lost_revenue_one_year / churn.lost_customers as f64,
            margin: churn.lost_profit_one_year / churn.lost_revenue_one_year,
        };
    }
    // No lost customer with revenue: the typical customer of the last 12 months instead.
    let as_of = day_number(report.as_of);
    let start = (as_of - 364).max(window_start.unwrap_or(i32::MIN));
    let mut seen = vec![false; ledger.customer_count()];
    let (mut revenue, mut buyers) = (0i128, 0usize);
    let (customers_col, days, amounts, kinds) = (
        ledger.customers(),
        ledger.days(),
        ledger.amounts(),
        ledger.kinds(),
    );
    for r in 0..ledger.len() {
        if days[r] < start || days[r] > as_of {
            continue;
        }
        let sign = if kinds[r] == TransactionKind::Return {
            -1
        } else {
            1
        };
        revenue += i128::from(sign * amounts[r]);
        if kinds[r] == TransactionKind::Order {
            if let Some(s) = seen.get_mut(customers_col[r] as usize) {
                buyers += usize::from(!*s);
                *s = true;
            }
        }
    }
    let (mut total_revenue, mut total_profit) = (0i128, 0i128);
    for s in rows.iter().filter_map(|r| r.scores.as_ref()) {
        total_revenue += i128::from(s.revenue);
        total_profit += i128::from(s.profit);
    }
    WhatIfInput {
        customers,
        churn_rate,
        revenue_per_customer: if buyers > 0 {
            (revenue as f64 / 100.0 / buyers as f64).max(0.0)
        } else {
            0.0
        },
        margin: if total_revenue > 0 {
            total_profit as f64 / total_revenue as f64
        } else {
            default_margin
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::churn::what_if;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_between_counts_calendar_periods_inclusively() {
        assert_eq!(
            periods_between(d(2024, 1, 1), d(2024, 1, 31), ChurnPeriodKind::Month),
            1
        );
        assert_eq!(
            periods_between(d(2023, 11, 15), d(2024, 2, 1), ChurnPeriodKind::Month),
            4
        );
        assert_eq!(
            periods_between(d(2023, 11, 15), d(2024, 2, 1), ChurnPeriodKind::Quarter),
            2
        );
        assert_eq!(
            periods_between(d(2024, 3, 1), d(2024, 2, 1), ChurnPeriodKind::Month),
            0
        );
    }

    #[test]
    fn value_at_stake_is_future_profit_times_the_chance_of_having_left() {
        assert!((value_at_stake(1_000.0, 0.2) - 800.0).abs() < 1e-9);
        assert_eq!(value_at_stake(1_000.0, 1.5), 0.0);
        assert_eq!(value_at_stake(f64::NAN, 0.5), 0.0);
    }

    #[test]
    fn the_worked_example_reproduces_when_typed_into_the_calculator() {
        let w = what_if(&WhatIfInput {
            customers: 6_600.0,
            churn_rate: 0.05,
            revenue_per_customer: 10_000.0,
            margin: 0.10,
        });
        assert!((w.lost_customers - 330.0).abs() < 1e-9);
        assert!((w.lost_revenue - 3_300_000.0).abs() < 1e-6);
        assert!((w.lost_profit - 330_000.0).abs() < 1e-6);
        assert!((w.budget_ceiling - 330_000.0).abs() < 1e-6);
    }

    #[test]
    fn first_order_days_respect_the_window_and_skip_returns() {
        use crate::domain::Money;
        let mut b = Ledger::builder();
        let a = b.customer("a");
        let c = b.customer("c");
        b.push_day(a, 5, Money(100), None, TransactionKind::Return);
        b.push_day(a, 9, Money(100), None, TransactionKind::Order);
        b.push_day(a, 3, Money(100), None, TransactionKind::Order);
        b.push_day(c, 30, Money(100), None, TransactionKind::Order);
        let l = b.finish();
        assert_eq!(first_order_days(&l, None, 20), vec![Some(3), None]);
        assert_eq!(first_order_days(&l, Some(4), 40), vec![Some(9), Some(30)]);
    }
}
