//! The Dashboard's data: headline figures, both profitability quadrants with their
//! thresholds and a scatter sample, the customer pyramid and the whale curve
//! (METRICS.md, "Classifications"; DOMAIN.md, "Who is the customer worth?").
//!
//! Everything is computed from the analysed customer table, so every count here is the count
//! of the Customers page filter that a click on the same cell opens (`current=`, `future=`,
//! `tier=`, `status=at_risk`).

use super::rows::CustomerRow;
use crate::analytics::quadrants::{current_quadrant, future_quadrant, threshold_value};
use crate::analytics::score::ScoreReport;
use crate::analytics::whale::{whale_curve, WhalePoint};
use crate::domain::{CurrentQuadrant, FutureQuadrant, QuadrantThresholds, Tier};
use serde::{Deserialize, Serialize};

/// Options of the Dashboard's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DashboardOptions {
    /// Most customers in each quadrant's scatter sample.
    pub scatter_points: usize,
    /// Most points of each whale curve (the origin, the peak and the last point come on top,
    /// at most three more).
    pub curve_points: usize,
}

impl Default for DashboardOptions {
    fn default() -> Self {
        DashboardOptions {
            scatter_points: 2_000,
            curve_points: 297,
        }
    }
}

/// The headline figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Kpis {
    /// Customers listed (with or without orders in the window).
    pub customers: usize,
    /// Customers with at least one order in the analysis window (scored).
    pub scored: usize,
    /// Scored customers without a recorded exit (the Customers page's `status=active` among
    /// the scored).
    pub active: usize,
    /// Σ revenue of the scored customers, minor units.
    pub revenue: i64,
    /// Σ profit of the scored customers, minor units.
    pub profit: i64,
    /// The average lifetime value: Σ future profit / scored customers still with the company
    /// (currency units; 0 when there are none; an exited customer's is 0). May be negative:
    /// customers who cost more than they bring.
    pub average_lifetime_value: f64,
    /// Σ CLV (currency units).
    pub total_clv: f64,
    /// Σ future profit (currency units).
    pub total_future_profit: f64,
    /// Churn rate over the 12 months up to the analysis date (the report's).
    pub churn_rate: f64,
    /// Customers at risk: no exit recorded and P(alive) below the threshold (`status=at_risk`).
    pub at_risk: usize,
}

/// One cell of a quadrant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuadrantCell<Q> {
    /// The cell.
    pub quadrant: Q,
    /// Customers in it.
    pub customers: usize,
    /// customers / scored customers (0 when nobody is scored).
    pub customer_share: f64,
    /// Σ revenue, minor units.
    pub revenue: i64,
    /// Σ profit, minor units.
    pub profit: i64,
}

/// One customer of a scatter sample.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScatterPoint<Q> {
    /// Index of the customer in `WorkspaceAnalysis::customers`.
    pub customer: u32,
    /// The x value (currency units).
    pub x: f64,
    /// The y value (currency units).
    pub y: f64,
    /// The customer's cell.
    pub quadrant: Q,
}

/// A 2×2 quadrant: the thresholds, the four cells and a scatter sample.
///
/// Current quadrant: x = gross margin, y = cost to serve. Future quadrant: x = current profit,
/// y = future profit. "High" means value ≥ threshold (METRICS.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuadrantView<Q> {
    /// The x threshold used (currency units): the median of x, or the value set in the settings.
    pub x_threshold: f64,
    /// The y threshold used (currency units).
    pub y_threshold: f64,
    /// One cell per quadrant, in the quadrant's declaration order.
    pub cells: Vec<QuadrantCell<Q>>,
    /// At most `DashboardOptions::scatter_points` customers, the same customers in both
    /// quadrants, chosen by a stable hash of their id (see [`stable_hash`]): the same data
    /// always give the same sample, whatever the order of the records.
    pub sample: Vec<ScatterPoint<Q>>,
    /// Smallest and largest x over all scored customers.
    pub x_range: (f64, f64),
    /// Smallest and largest y over all scored customers.
    pub y_range: (f64, f64),
}

/// The current quadrant (gross margin × cost to serve).
pub type CurrentQuadrantView = QuadrantView<CurrentQuadrant>;
/// The future quadrant (profit now × future profit).
pub type FutureQuadrantView = QuadrantView<FutureQuadrant>;

/// One tier of the customer pyramid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PyramidRow {
    /// The tier.
    pub tier: Tier,
    /// Customers in it.
    pub customers: usize,
    /// Σ revenue, minor units.
    pub revenue: i64,
    /// Σ profit, minor units.
    pub profit: i64,
    /// Σ CLV (currency units).
    pub clv: f64,
    /// revenue / total revenue (0 when the total is not positive).
    pub revenue_share: f64,
    /// profit / total profit (0 when the total is not positive).
    pub profit_share: f64,
}

/// The whale curves and their headline numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct WhaleView {
    /// Customers sorted by profit, descending: (share of customers, cumulative share of profit);
    /// starts at (0, 0), ends at (1, 1), includes the peak.
    pub profit: Vec<WhalePoint>,
    /// Customers sorted by revenue, descending: (share of customers, cumulative share of
    /// revenue — read `profit_share` as the revenue share here).
    pub revenue: Vec<WhalePoint>,
    /// The profit curve's highest point (above 1 when some customers lose money); the report's.
    pub peak: WhalePoint,
    /// Share of profit from the top floor(0.2·N) customers by profit; the report's.
    pub top20_profit_share: f64,
    /// Share of revenue from the top floor(0.2·N) customers by revenue; the report's.
    pub top20_revenue_share: f64,
}

/// Everything the Dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Headline figures.
    pub kpis: Kpis,
    /// Gross margin × cost to serve.
    pub current: CurrentQuadrantView,
    /// Profit now × future profit.
    pub future: FutureQuadrantView,
    /// Gold, silver, iron, lead.
    pub pyramid: Vec<PyramidRow>,
    /// The whale curves.
    pub whale: WhaleView,
}

/// A stable 64-bit hash of a customer id: FNV-1a over the bytes, then the splitmix64 finaliser
/// to spread the bits. Fixed by definition (no per-process seed), so samples are the same on
/// every platform and run.
pub fn stable_hash(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The indices (into `rows`) of at most `k` of the `candidates`: those with the smallest
/// `stable_hash` of their id (ties by id), in row order. O(N).
pub(crate) fn stable_sample(rows: &[CustomerRow], candidates: &[u32], k: usize) -> Vec<u32> {
    if candidates.len() <= k {
        return candidates.to_vec();
    }
    let mut keyed: Vec<(u64, u32)> = candidates
        .iter()
        .map(|&i| (stable_hash(&rows[i as usize].id), i))
        .collect();
    let order = |a: &(u64, u32), b: &(u64, u32)| {
        a.0.cmp(&b.0)
            .then_with(|| rows[a.1 as usize].id.cmp(&rows[b.1 as usize].id))
    };
    if k > 0 {
        keyed.select_nth_unstable_by(k - 1, order);
    }
    let mut picked: Vec<u32> = keyed[..k].iter().map(|&(_, i)| i).collect();
    picked.sort_unstable();
    picked
}

fn share(part: f64, total: f64) -> f64 {
    if total > 0.0 {
        part / total
    } else {
        0.0
    }
}

fn range(values: &[f64]) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for &v in values.iter().filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        (0.0, 0.0)
    } else {
        (lo, hi)
    }
}

fn cents(v: i64) -> f64 {
    v as f64 / 100.0
}

/// Builds a quadrant view from the scored rows' x and y columns and their assigned cells.
#[allow(clippy::too_many_arguments)]
fn quadrant_view<Q: Copy + PartialEq>(
    rows: &[CustomerRow],
    scored: &[u32],
    all: &[Q],
    x: &[f64],
    y: &[f64],
    (x_threshold, y_threshold): (f64, f64),
    cell_of: impl Fn(&CustomerRow) -> Q,
    sample: &[u32],
) -> QuadrantView<Q> {
    let mut cells: Vec<QuadrantCell<Q>> = all
        .iter()
        .map(|&quadrant| QuadrantCell {
            quadrant,
            customers: 0,
            customer_share: 0.0,
            revenue: 0,
            profit: 0,
        })
        .collect();
    for &i in scored {
        let row = &rows[i as usize];
        let Some(s) = &row.scores else { continue };
        let q = cell_of(row);
        if let Some(cell) = cells.iter_mut().find(|c| c.quadrant == q) {
            cell.customers += 1;
            cell.revenue = cell.revenue.saturating_add(s.revenue);
            cell.profit = cell.profit.saturating_add(s.profit);
        }
    }
    let n = scored.len() as f64;
    for c in &mut cells {
        c.customer_share = share(c.customers as f64, n);
    }
    // `sample` is a sorted subset of `scored`: walk both together to find each column position.
    let mut points = Vec::with_capacity(sample.len());
    let mut k = 0;
    for (pos, &i) in scored.iter().enumerate() {
        if k < sample.len() && sample[k] == i {
            points.push(ScatterPoint {
                customer: i,
                x: x[pos],
                y: y[pos],
                quadrant: cell_of(&rows[i as usize]),
            });
            k += 1;
        }
    }
    QuadrantView {
        x_threshold,
        y_threshold,
        cells,
        sample: points,
        x_range: range(x),
        y_range: range(y),
    }
}

/// The Dashboard's data from the analysed customer table and the run's report.
///
/// - KPIs: active = scored customers without a recorded exit; revenue and profit = Σ over the
///   scored customers; average CLV = Σ CLV / scored; churn rate = the report's (exits in the
///   last 12 months / customers active at their start); at risk = rows flagged at risk.
/// - Quadrants: thresholds recomputed exactly as the engine does (the settings' value, or the
///   median of the scored customers' column, METRICS.md "Classifications"); per cell the count,
///   revenue and profit of the customers the engine put there.
/// - Pyramid: per tier count, revenue, profit, CLV and the shares of the totals.
/// - Whale curve: `whale_curve` on profit (and on revenue), thinned to
///   `options.curve_points` (+ origin, last point and peak); the top-20% shares and the peak are
///   the report's.
pub fn dashboard(
    rows: &[CustomerRow],
    report: &ScoreReport,
    thresholds: &QuadrantThresholds,
    options: &DashboardOptions,
) -> Dashboard {
    let scored: Vec<u32> = (0..rows.len() as u32)
        .filter(|&i| rows[i as usize].scores.is_some())
        .collect();
    let column = |f: &dyn Fn(&super::rows::Scores) -> f64| -> Vec<f64> {
        scored
            .iter()
            .filter_map(|&i| rows[i as usize].scores.as_ref().map(f))
            .collect()
    };

    let mut kpis = Kpis {
        customers: rows.len(),
        scored: scored.len(),
        churn_rate: report.churn.churn_rate,
        ..Kpis::default()
    };
    for row in rows {
        kpis.at_risk += usize::from(row.at_risk);
        let Some(s) = &row.scores else { continue };
        kpis.active += usize::from(row.exit.is_none());
        kpis.revenue = kpis.revenue.saturating_add(s.revenue);
        kpis.profit = kpis.profit.saturating_add(s.profit);
        kpis.total_clv += s.clv;
        kpis.total_future_profit += s.future_profit;
    }
    // Over the customers still with the company: an exited customer's lifetime value is 0
    // and would only dilute the average.
    kpis.average_lifetime_value = if kpis.active == 0 {
        0.0
    } else {
        kpis.total_future_profit / kpis.active as f64
    };

    let sample = stable_sample(rows, &scored, options.scatter_points);

    let margin = column(&|s| cents(s.gross_margin));
    let cost = column(&|s| cents(s.cost_to_serve));
    let current = quadrant_view(
        rows,
        &scored,
        CurrentQuadrant::ALL,
        &margin,
        &cost,
        (
            threshold_value(thresholds.gross_margin, &margin),
            threshold_value(thresholds.cost_to_serve, &cost),
        ),
        |r| {
            r.scores
                .as_ref()
                .map_or(CurrentQuadrant::LeastProfitable, |s| s.current_quadrant)
        },
        &sample,
    );
    drop((margin, cost));

    let profit = column(&|s| cents(s.profit));
    let future_profit = column(&|s| s.future_profit);
    let future = quadrant_view(
        rows,
        &scored,
        FutureQuadrant::ALL,
        &profit,
        &future_profit,
        (
            threshold_value(thresholds.profit, &profit),
            threshold_value(thresholds.future_profit, &future_profit),
        ),
        |r| {
            r.scores
                .as_ref()
                .map_or(FutureQuadrant::Worst, |s| s.future_quadrant)
        },
        &sample,
    );
    drop(future_profit);

    let mut pyramid: Vec<PyramidRow> = Tier::ALL
        .iter()
        .map(|&tier| PyramidRow {
            tier,
            customers: 0,
            revenue: 0,
            profit: 0,
            clv: 0.0,
            revenue_share: 0.0,
            profit_share: 0.0,
        })
        .collect();
    for &i in &scored {
        let Some(s) = &rows[i as usize].scores else {
            continue;
        };
        if let Some(p) = pyramid.get_mut(usize::from(s.tier.level())) {
            p.customers += 1;
            p.revenue = p.revenue.saturating_add(s.revenue);
            p.profit = p.profit.saturating_add(s.profit);
            p.clv += s.clv;
        }
    }
    for p in &mut pyramid {
        p.revenue_share = share(p.revenue as f64, kpis.revenue as f64);
        p.profit_share = share(p.profit as f64, kpis.profit as f64);
    }

    let revenue = column(&|s| cents(s.revenue));
    let by_profit = whale_curve(&profit, &revenue, options.curve_points);
    let by_revenue = whale_curve(&revenue, &revenue, options.curve_points);
    let whale = WhaleView {
        profit: by_profit.points,
        revenue: by_revenue.points,
        peak: report.whale_peak,
        top20_profit_share: report.top20_profit_share,
        top20_revenue_share: report.top20_revenue_share,
    };

    Dashboard {
        kpis,
        current,
        future,
        pyramid,
        whale,
    }
}

/// Whether a customer's cells agree with the thresholds of the views (a consistency check for
/// tests: the engine and the Dashboard classify alike).
pub fn cells_agree(
    row: &CustomerRow,
    current: &CurrentQuadrantView,
    future: &FutureQuadrantView,
) -> bool {
    let Some(s) = &row.scores else { return true };
    current_quadrant(
        cents(s.gross_margin),
        cents(s.cost_to_serve),
        current.x_threshold,
        current.y_threshold,
    ) == s.current_quadrant
        && future_quadrant(
            cents(s.profit),
            s.future_profit,
            future.x_threshold,
            future.y_threshold,
        ) == s.future_quadrant
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::workspace::Scores;
    use crate::domain::{RfmSegment, Threshold};

    fn row(id: &str, revenue: i64, margin: i64, cost: i64, future: f64) -> CustomerRow {
        CustomerRow {
            id: id.into(),
            name: id.into(),
            company: None,
            email: None,
            segment: None,
            manager_id: None,
            acquisition_date: None,
            exit: None,
            next_contact: None,
            at_risk: false,
            previous_tier: None,
            scores: Some(Scores {
                orders: 1,
                revenue,
                gross_margin: margin,
                cost_to_serve: cost,
                profit: margin - cost,
                frequency: 0,
                recency: 0.0,
                t: 1.0,
                monetary_value: 0.0,
                p_alive: 1.0,
                expected_purchases: 0.0,
                expected_order_value: 0.0,
                clv: future.max(0.0),
                future_profit: future,
                current_quadrant: CurrentQuadrant::LeastProfitable,
                future_quadrant: FutureQuadrant::Worst,
                tier: Tier::Lead,
                rfm_segment: RfmSegment::Hibernating,
                rfm: crate::analytics::rfm::RfmScore { r: 1, f: 1, m: 1 },
                expected_next_order: None,
            }),
        }
    }

    fn report() -> ScoreReport {
        ScoreReport {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            unit: crate::domain::TimeUnit::Days,
            customers: 0,
            customers_without_orders: 0,
            transactions_in_window: 0,
            bg_nbd: Default::default(),
            models: Vec::new(),
            chosen_model: "none".into(),
            gamma_gamma: Default::default(),
            pyramid: Default::default(),
            top20_revenue_share: 0.0,
            top20_profit_share: 0.0,
            whale_peak: WhalePoint::default(),
            current_quadrants: Default::default(),
            future_quadrants: Default::default(),
            churn: Default::default(),
            total_clv: 0.0,
            total_future_profit: 0.0,
            diagnostics: vec![],
        }
    }

    #[test]
    fn stable_hash_is_fixed_by_definition() {
        // Values computed independently (FNV-1a 64, then splitmix64's finaliser).
        assert_eq!(stable_hash("a"), 0x02c0_bdbf_4814_20f8);
        assert_eq!(stable_hash("C0001"), 0x90b6_c600_b84b_30e5);
        assert_ne!(stable_hash("C0001"), stable_hash("C0002"));
    }

    #[test]
    fn the_sample_ignores_row_order_and_keeps_at_most_k_customers() {
        let rows: Vec<CustomerRow> = (0..50)
            .map(|i| row(&format!("C{i:02}"), 100, 50, 10, 1.0))
            .collect();
        let all: Vec<u32> = (0..50).collect();
        let picked = stable_sample(&rows, &all, 7);
        assert_eq!(picked.len(), 7);
        let mut reversed = rows.clone();
        reversed.reverse();
        let picked_rev = stable_sample(&reversed, &all, 7);
        let ids = |rs: &[CustomerRow], p: &[u32]| {
            let mut v: Vec<String> = p.iter().map(|&i| rs[i as usize].id.clone()).collect();
            v.sort();
            v
        };
        assert_eq!(ids(&rows, &picked), ids(&reversed, &picked_rev));
        assert_eq!(stable_sample(&rows, &all, 80).len(), 50);
        assert!(stable_sample(&rows, &all, 0).is_empty());
    }

    #[test]
    fn cells_sum_revenue_and_profit_and_thresholds_follow_the_settings() {
        let mut rows = vec![
            row("A", 1_000, 600, 100, 50.0),
            row("B", 2_000, 800, 900, -5.0),
            row("C", 500, 100, 50, 20.0),
            row("D", 700, 200, 400, 0.0),
        ];
        let s = |r: &mut CustomerRow, c, f| {
            let sc = r.scores.as_mut().unwrap();
            sc.current_quadrant = c;
            sc.future_quadrant = f;
        };
        s(
            &mut rows[0],
            CurrentQuadrant::MostProfitable,
            FutureQuadrant::Best,
        );
        s(
            &mut rows[1],
            CurrentQuadrant::ProfitableHighCost,
            FutureQuadrant::Retain,
        );
        s(
            &mut rows[2],
            CurrentQuadrant::ProfitableLowMargin,
            FutureQuadrant::Invest,
        );
        s(
            &mut rows[3],
            CurrentQuadrant::LeastProfitable,
            FutureQuadrant::Worst,
        );
        rows[3].at_risk = true;
        rows.push(CustomerRow {
            previous_tier: None,
            scores: None,
            ..row("E", 0, 0, 0, 0.0)
        });
        let th = QuadrantThresholds {
            cost_to_serve: Threshold::Value(250.0),
            ..Default::default()
        };
        let d = dashboard(&rows, &report(), &th, &DashboardOptions::default());
        // Gross margins 6, 8, 1, 2 → median 4; cost threshold as set.
        assert_eq!((d.current.x_threshold, d.current.y_threshold), (4.0, 250.0));
        let most = &d.current.cells[0];
        assert_eq!(
            (most.quadrant, most.customers, most.revenue, most.profit),
            (CurrentQuadrant::MostProfitable, 1, 1_000, 500)
        );
        assert!((most.customer_share - 0.25).abs() < 1e-12);
        assert_eq!(d.kpis.scored, 4);
        assert_eq!(d.kpis.customers, 5);
        assert_eq!(d.kpis.at_risk, 1);
        assert_eq!(d.kpis.revenue, 4_200);
        assert_eq!(d.future.sample.len(), 4);
        assert_eq!(d.current.x_range, (1.0, 8.0));
        let total: usize = d.pyramid.iter().map(|p| p.customers).sum();
        assert_eq!(total, 4);
        assert!((d.pyramid[3].revenue_share - 1.0).abs() < 1e-12);
        let last = d.whale.profit.last().unwrap();
        assert_eq!((last.customer_share, last.profit_share), (1.0, 1.0));
    }

    #[test]
    fn whale_curves_stay_within_the_point_budget() {
        let rows: Vec<CustomerRow> = (0..5_000)
            .map(|i| row(&format!("C{i:05}"), 100 + i, (i % 97) * 10 - 200, 5, 1.0))
            .collect();
        let d = dashboard(
            &rows,
            &report(),
            &QuadrantThresholds::default(),
            &DashboardOptions::default(),
        );
        assert!(d.whale.profit.len() <= 300, "{}", d.whale.profit.len());
        assert!(d.whale.revenue.len() <= 300);
        assert!(d
            .whale
            .profit
            .windows(2)
            .all(|w| w[0].customer_share <= w[1].customer_share));
        assert_eq!(d.current.sample.len(), 2_000);
        assert!(d
            .current
            .sample
            .windows(2)
            .all(|w| w[0].customer < w[1].customer));
    }
}
