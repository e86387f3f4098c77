//! Current and future profitability quadrants with median or set thresholds
//! (METRICS.md, "Classifications").

use crate::domain::{CurrentQuadrant, FutureQuadrant, Threshold};

/// The median: the middle value, or the mean of the two middle values for an even count.
/// `None` for an empty slice. Non-finite values are ignored.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    let n = v.len();
    let mid = n / 2;
    let (_, upper, _) = v.select_nth_unstable_by(mid, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = v[..mid].iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some(0.5 * (lower + upper))
}

/// The threshold value for `values`: the set value, or their median (0 when there are none).
pub fn threshold_value(threshold: Threshold, values: &[f64]) -> f64 {
    match threshold {
        Threshold::Value(v) => v,
        Threshold::Median => median(values).unwrap_or(0.0),
    }
}

/// Current quadrant: "high" means value ≥ threshold.
/// High margin & low cost → most_profitable; high margin & high cost → profitable_high_cost;
/// low margin & low cost → profitable_low_margin; low margin & high cost → least_profitable.
pub fn current_quadrant(
    gross_margin: f64,
    cost_to_serve: f64,
    margin_threshold: f64,
    cost_threshold: f64,
) -> CurrentQuadrant {
    match (
        gross_margin >= margin_threshold,
        cost_to_serve >= cost_threshold,
    ) {
        (true, false) => CurrentQuadrant::MostProfitable,
        (true, true) => CurrentQuadrant::ProfitableHighCost,
        (false, false) => CurrentQuadrant::ProfitableLowMargin,
        (false, true) => CurrentQuadrant::LeastProfitable,
    }
}

/// Future quadrant: profit (high/low) × future profit (high/low) → best (high, high),
/// invest (low, high), retain (high, low), worst (low, low).
pub fn future_quadrant(
    profit: f64,
    future_profit: f64,
    profit_threshold: f64,
    future_threshold: f64,
) -> FutureQuadrant {
    match (
        profit >= profit_threshold,
        future_profit >= future_threshold,
    ) {
        (true, true) => FutureQuadrant::Best,
        (false, true) => FutureQuadrant::Invest,
        (true, false) => FutureQuadrant::Retain,
        (false, false) => FutureQuadrant::Worst,
    }
}

/// Current quadrants of parallel gross-margin and cost-to-serve columns.
pub fn current_quadrants(
    gross_margin: &[f64],
    cost_to_serve: &[f64],
    margin: Threshold,
    cost: Threshold,
) -> Vec<CurrentQuadrant> {
    let (tm, tc) = (
        threshold_value(margin, gross_margin),
        threshold_value(cost, cost_to_serve),
    );
    gross_margin
        .iter()
        .zip(cost_to_serve)
        .map(|(&m, &c)| current_quadrant(m, c, tm, tc))
        .collect()
}

/// Future quadrants of parallel profit and future-profit columns.
pub fn future_quadrants(
    profit: &[f64],
    future_profit: &[f64],
    now: Threshold,
    future: Threshold,
) -> Vec<FutureQuadrant> {
    let (tp, tf) = (
        threshold_value(now, profit),
        threshold_value(future, future_profit),
    );
    profit
        .iter()
        .zip(future_profit)
        .map(|(&p, &f)| future_quadrant(p, f, tp, tf))
        .collect()
}
