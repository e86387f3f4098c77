//! The whale curve of cumulative profit and the top-20% shares (METRICS.md, "Classifications").

use serde::{Deserialize, Serialize};

/// One point of the whale curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct WhalePoint {
    /// i / N: share of customers, most profitable first.
    pub customer_share: f64,
    /// Cumulative profit of the first i customers / total profit.
    pub profit_share: f64,
}

/// The whale curve and its headline numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct WhaleCurve {
    /// Points i = 0..N (0 at the origin), thinned to at most `max_points` + 3 (every
    /// ⌈N/max_points⌉-th point plus the origin, the last point and the peak), evenly spaced,
    /// always including the peak and the last point.
    pub points: Vec<WhalePoint>,
    /// The highest point (profit share > 1 when some customers lose money).
    pub peak: WhalePoint,
    /// Share of total profit from the first floor(0.2·N) customers by profit.
    pub top20_profit_share: f64,
    /// Share of total revenue from the first floor(0.2·N) customers by revenue.
    pub top20_revenue_share: f64,
    /// Σ profit.
    pub total_profit: f64,
}

/// Share of the total of `values` taken by the largest floor(0.2·N) of them (0 when the
/// total is not positive).
pub fn top20_share(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    let total: f64 = v.iter().sum();
    let k = v.len() / 5;
    if total <= 0.0 || k == 0 {
        return 0.0;
    }
    v.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
    v[..k].iter().sum::<f64>() / total
}

/// The whale curve's headline numbers without sorting (O(N)): the peak is reached exactly
/// where profits turn from positive to non-positive, so it is (number of positive profits / N,
/// Σ positive profits / total); the top-20% share uses a selection.
pub fn whale_summary(profit: &[f64]) -> (WhalePoint, f64, f64) {
    let clean = |p: f64| if p.is_finite() { p } else { 0.0 };
    let n = profit.len();
    let (mut total, mut positive_sum, mut positive) = (0.0, 0.0, 0usize);
    for &p in profit {
        let p = clean(p);
        total += p;
        if p > 0.0 {
            positive_sum += p;
            positive += 1;
        }
    }
    let peak = if n == 0 || total <= 0.0 || positive == 0 {
        WhalePoint::default()
    } else {
        WhalePoint {
            customer_share: positive as f64 / n as f64,
            profit_share: positive_sum / total,
        }
    };
    (peak, top20_share(profit), total)
}

/// The whale curve: customers sorted by profit descending; point i = (i/N, Σ first i / total).
/// The last point is always (1, 1); when total profit is 0 the other shares are 0.
pub fn whale_curve(profit: &[f64], revenue: &[f64], max_points: usize) -> WhaleCurve {
    let mut sorted: Vec<f64> = profit
        .iter()
        .map(|p| if p.is_finite() { *p } else { 0.0 })
        .collect();
    sorted.sort_unstable_by(|a, b| b.total_cmp(a));
    let n = sorted.len();
    let total: f64 = sorted.iter().sum();
    let origin = WhalePoint {
        customer_share: 0.0,
        profit_share: 0.0,
    };
    if n == 0 {
        return WhaleCurve {
            points: vec![origin],
            peak: origin,
            ..WhaleCurve::default()
        };
    }
    // Every step-th point: at most max_points of them, plus the origin, the last and the peak.
    let step = n.div_ceil(max_points.max(1)).max(1);
    let mut points = vec![origin];
    let mut peak = origin;
    let mut cumulative = 0.0;
    for (i, p) in sorted.iter().enumerate() {
        cumulative += p;
        let point = WhalePoint {
            customer_share: (i + 1) as f64 / n as f64,
            profit_share: if total != 0.0 {
                cumulative / total
            } else {
                0.0
            },
        };
        if point.profit_share > peak.profit_share {
            peak = point;
        }
        if (i + 1) % step == 0 || i + 1 == n {
            points.push(point);
        }
    }
    if !points.contains(&peak) {
        let at = points.partition_point(|p| p.customer_share < peak.customer_share);
        points.insert(at, peak);
    }
    if let Some(last) = points.last_mut() {
        // Σ of all / total is exactly 1; write it so rounding never shows 99.99…%.
        *last = WhalePoint {
            customer_share: 1.0,
            profit_share: 1.0,
        };
        if peak.customer_share == 1.0 {
            peak = *last;
        }
    }
    let top20_profit_share = top20_share(&sorted);
    WhaleCurve {
        points,
        peak,
        top20_profit_share,
        top20_revenue_share: top20_share(revenue),
        total_profit: total,
    }
}
