//! Discounted customer lifetime value and future profit (METRICS.md, "BG/NBD and Gamma-Gamma"),
//! as `lifetimes`' `customer_lifetime_value`.

use super::model::RepeatModel;
use crate::domain::TimeUnit;
use serde::{Deserialize, Serialize};

/// Horizon, discounting and time unit of a CLV.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClvOptions {
    /// Unit of recency, T and the model's scale parameters.
    pub unit: TimeUnit,
    /// Months summed.
    pub horizon_months: u32,
    /// Monthly discount rate.
    pub monthly_discount: f64,
}

impl Default for ClvOptions {
    fn default() -> Self {
        ClvOptions {
            unit: TimeUnit::Days,
            horizon_months: 12,
            monthly_discount: 1.1f64.powf(1.0 / 12.0) - 1.0,
        }
    }
}

/// Σ over months i = 1..H of [E(i·k) − E((i−1)·k)] / (1 + d)^i, with E the repeat-purchase
/// model's conditional expected purchases and k the periods per month (30 days or 4.345 weeks): the discounted
/// number of purchases that, times an order value, gives the CLV. Increments are floored at 0
/// so rounding can never make it negative.
pub fn discounted_purchases(
    params: &RepeatModel,
    frequency: f64,
    recency: f64,
    t_cal: f64,
    options: &ClvOptions,
) -> f64 {
    let p_alive = params.p_alive(frequency, recency, t_cal);
    discounted_purchases_if_alive(params, frequency, t_cal, options) * p_alive
}

/// `discounted_purchases` before the P(alive) factor (it does not depend on recency).
pub fn discounted_purchases_if_alive(
    params: &RepeatModel,
    frequency: f64,
    t_cal: f64,
    options: &ClvOptions,
) -> f64 {
    let k = options.unit.periods_per_month();
    let factor = 1.0 / (1.0 + options.monthly_discount.max(0.0));
    let mut previous = 0.0;
    let mut discount = 1.0;
    let mut total = 0.0;
    for i in 1..=options.horizon_months {
        discount *= factor;
        let e = params
            .expected_purchases_if_alive(f64::from(i) * k, frequency, t_cal)
            .unwrap_or(previous);
        total += (e - previous).max(0.0) * discount;
        previous = e.max(previous);
    }
    total
}

/// CLV (revenue basis) = expected order value × discounted purchases; never negative.
pub fn clv(expected_order_value: f64, discounted_purchases: f64) -> f64 {
    let v = expected_order_value * discounted_purchases;
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}

/// Future profit = (expected order value × margin ratio − cost to serve per order) × discounted
/// purchases. May be negative (a customer who costs more than they bring).
pub fn future_profit(
    expected_order_value: f64,
    margin_ratio: f64,
    cost_per_order: f64,
    discounted_purchases: f64,
) -> f64 {
    let v = (expected_order_value * margin_ratio - cost_per_order) * discounted_purchases;
    if v.is_finite() {
        v
    } else {
        0.0
    }
}
