//! The BG/BB model for discrete transaction opportunities (Fader, Hardie & Shang 2010): at each
//! opportunity an alive customer transacts with probability p ~ Beta(α, β) and dies with
//! probability θ ~ Beta(γ, δ). Fed by (frequency, recency, periods, weight) summaries, or by
//! purchase dates bucketed into years, quarters or months. Fit, P(alive) and conditional
//! expected transactions as `lifetimes.BetaGeoBetaBinomFitter`, penalizer 0.

use super::error::AnalyticsError;
use super::fit::{estimate, mean_nll, FitDiagnostics, FitOptions};
use super::special::log_add_exp;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use statrs::function::gamma::ln_gamma;

/// Fitted BG/BB parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgBbParams {
    /// Beta shape α of the transaction probability.
    pub alpha: f64,
    /// Beta shape β of the transaction probability.
    pub beta: f64,
    /// Beta shape γ of the dropout probability.
    pub gamma: f64,
    /// Beta shape δ of the dropout probability.
    pub delta: f64,
}

/// A fit: the parameters, their standard errors and how the fit went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgBbFit {
    /// The estimate.
    pub params: BgBbParams,
    /// Standard errors of α, β, γ, δ (`None` at a boundary estimate).
    pub standard_errors: Option<[f64; 4]>,
    /// Log-likelihood (full weighted sum), convergence and iterations.
    pub diagnostics: FitDiagnostics,
}

fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

impl BgBbParams {
    /// One history's log-likelihood (FHS 2010, eq. 5, without the binomial coefficient, as
    /// lifetimes): ln[ B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
    /// + Σ_{j=0}^{n−t_x−1} B(α+x, β+t_x−x+j)/B(α,β) · B(γ+1, δ+t_x+j)/B(γ,δ) ], the sum taken
    /// in logs (lifetimes sums the Beta functions themselves, which overflows on long
    /// histories).
    pub fn log_likelihood(&self, x: u32, recency: u32, periods: u32) -> f64 {
        let BgBbParams { alpha, beta, gamma, delta } = *self;
        let (x, tx, n) = (f64::from(x), f64::from(recency), f64::from(periods));
        let base = ln_beta(alpha, beta) + ln_beta(gamma, delta);
        let mut total = ln_beta(alpha + x, beta + n - x) + ln_beta(gamma, delta + n) - base;
        for j in 0..periods.saturating_sub(recency) {
            let j = f64::from(j);
            let term = ln_beta(alpha + x, beta + tx - x + j) + ln_beta(gamma + 1.0, delta + tx + j) - base;
            total = log_add_exp(total, term);
        }
        if total.is_nan() {
            f64::NEG_INFINITY
        } else {
            total
        }
    }

    /// P(alive at opportunity n | x, t_x, n) (FHS 2010, eq. A10 with m = 0). In [0, 1].
    pub fn p_alive(&self, x: u32, recency: u32, periods: u32) -> f64 {
        let BgBbParams { alpha, beta, gamma, delta } = *self;
        let (xf, n) = (f64::from(x), f64::from(periods));
        let log = ln_beta(alpha + xf, beta + n - xf) - ln_beta(alpha, beta) + ln_beta(gamma, delta + n)
            - ln_beta(gamma, delta)
            - self.log_likelihood(x, recency, periods);
        let p = log.exp();
        if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// Expected transactions in the next `m` opportunities, E[X(n, n+m) | x, t_x, n]
    /// (FHS 2010, eq. 13; lifetimes' `conditional_expected_number_of_purchases_up_to_time`),
    /// with its removable singularity at γ = 1 bridged. Never negative or NaN.
    pub fn expected_purchases(&self, m: u32, x: u32, recency: u32, periods: u32) -> f64 {
        if m == 0 {
            return 0.0;
        }
        let at = |gamma: f64| -> f64 {
            let BgBbParams { alpha, beta, delta, .. } = *self;
            let p = BgBbParams { gamma, ..*self };
            let (xf, n, mf) = (f64::from(x), f64::from(periods), f64::from(m));
            let ll = p.log_likelihood(x, recency, periods);
            let lead = ln_beta(alpha + xf + 1.0, beta + n - xf) - ln_beta(alpha, beta) - ll
                + ln_gamma(gamma + delta)
                - ln_gamma(1.0 + delta);
            let now = ln_gamma(1.0 + delta + n) - ln_gamma(gamma + delta + n);
            let later = ln_gamma(1.0 + delta + n + mf) - ln_gamma(gamma + delta + n + mf);
            // (e^now − e^later)/(γ−1) without cancelling: e^now·(1 − e^(later−now)).
            delta / (gamma - 1.0) * (lead + now).exp() * -(later - now).exp_m1()
        };
        let g = self.gamma;
        let v = if (g - 1.0).abs() < 1e-6 { 0.5 * (at(1.0 - 1e-6) + at(1.0 + 1e-6)) } else { at(g) };
        if v.is_finite() {
            v.max(0.0)
        } else {
            0.0
        }
    }
}

/// BG/BB input: unique (frequency, recency, periods) histories with weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BgBbData {
    rows: Vec<(u32, u32, u32, f64)>,
    customers: f64,
}

/// The length of a BG/BB opportunity when purchases are bucketed from dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Opportunity {
    /// Calendar years.
    Year,
    /// Calendar quarters.
    Quarter,
    /// Calendar months.
    Month,
}

impl Opportunity {
    /// The index of the calendar period holding `day`, counted from year 0.
    fn index(self, day: NaiveDate) -> i64 {
        let (y, m) = (i64::from(day.year()), i64::from(day.month0()));
        match self {
            Opportunity::Year => y,
            Opportunity::Quarter => 4 * y + m / 3,
            Opportunity::Month => 12 * y + m,
        }
    }
}

impl BgBbData {
    /// Histories (frequency, recency, periods, weight). Rows that cannot be a BG/BB history
    /// (recency above periods, frequency above recency, frequency without recency or the
    /// reverse, a weight that is not positive) are skipped; equal histories are merged.
    pub fn new(rows: impl IntoIterator<Item = (u32, u32, u32, f64)>) -> BgBbData {
        let mut merged: std::collections::BTreeMap<(u32, u32, u32), f64> = Default::default();
        for (x, tx, n, w) in rows {
            let shape_ok = tx <= n && x <= tx && ((x == 0) == (tx == 0));
            if shape_ok && w.is_finite() && w > 0.0 {
                *merged.entry((n, x, tx)).or_default() += w;
            }
        }
        let rows: Vec<_> = merged.into_iter().map(|((n, x, tx), w)| (x, tx, n, w)).collect();
        BgBbData { customers: rows.iter().map(|r| r.3).sum(), rows }
    }

    /// Histories from each customer's purchase dates, bucketed into calendar `unit`s up to
    /// `end`: the first purchase's period is period 0 (its other purchases are not repeat
    /// transactions); periods = the periods from it to the one holding `end`; frequency = the
    /// later periods with a purchase; recency = the last of them (0 without one). Purchases
    /// after `end` are ignored, as are customers whose first purchase is after it.
    pub fn from_purchase_dates<'a>(
        customers: impl IntoIterator<Item = &'a [NaiveDate]>,
        end: NaiveDate,
        unit: Opportunity,
    ) -> BgBbData {
        let last = unit.index(end);
        BgBbData::new(customers.into_iter().filter_map(|dates| {
            let first = dates.iter().copied().filter(|d| *d <= end).min()?;
            let start = unit.index(first);
            let mut periods: Vec<i64> = dates
                .iter()
                .filter(|d| **d <= end)
                .map(|d| unit.index(*d) - start)
                .filter(|k| *k > 0)
                .collect();
            periods.sort_unstable();
            periods.dedup();
            let n = u32::try_from(last - start).ok()?;
            let x = periods.len() as u32;
            let tx = periods.last().map_or(0, |k| *k as u32);
            Some((x, tx, n, 1.0))
        }))
    }

    /// The histories as (frequency, recency, periods, weight).
    pub fn rows(&self) -> &[(u32, u32, u32, f64)] {
        &self.rows
    }

    /// Number of customers (total weight).
    pub fn customers(&self) -> f64 {
        self.customers
    }
}

fn mean_nll_at(theta: &[f64], rows: &[(u32, u32, u32, f64)], customers: f64) -> f64 {
    let p = BgBbParams { alpha: theta[0].exp(), beta: theta[1].exp(), gamma: theta[2].exp(), delta: theta[3].exp() };
    mean_nll(theta, rows, |r| r.3, customers, |&(x, tx, n, _)| p.log_likelihood(x, tx, n))
}

/// Fits BG/BB by maximum likelihood as `lifetimes.BetaGeoBetaBinomFitter.fit` does (BFGS from
/// log-parameters 0.1 on the weighted mean negative log-likelihood; no time scaling, the
/// opportunities are counts). Errors when nothing can be learnt.
pub fn fit_bg_bb(data: &BgBbData, options: &FitOptions) -> Result<BgBbFit, AnalyticsError> {
    let cannot = |reason: &str| AnalyticsError::CannotFit { model: "BG/BB", reason: reason.to_string() };
    if data.customers < 1.0 {
        return Err(cannot("there are no customers with a first purchase; import transactions first."));
    }
    if data.rows.iter().all(|r| r.0 == 0) {
        return Err(cannot("nobody transacted after their first period, so there is nothing to learn; add more history or use shorter periods."));
    }
    if data.rows.iter().all(|r| r.2 == 0) {
        return Err(cannot("every customer started in the last period, so there are no opportunities to learn from; use shorter periods or a later analysis date."));
    }
    if data.rows.len() < 2 {
        return Err(cannot("all customers have the same history, so the model cannot tell them apart; add more customers or more history."));
    }
    let customers = data.customers;
    let e = estimate("BG/BB", &[0.1; 4], options, customers, 0.0, |t| mean_nll_at(t, &data.rows, customers))?;
    // A ridge to infinity: when one Beta's shapes can grow tenfold at the same mean without
    // losing likelihood, that probability is the same for everyone and the estimate is only
    // where the search stopped (lifetimes raises ConvergenceError here).
    let ridge = |i: usize| {
        let mut far = e.theta.clone();
        far[i] += 10f64.ln();
        far[i + 1] += 10f64.ln();
        mean_nll_at(&far, &data.rows, customers) <= e.value + 1e-9
    };
    let at_bound = e.theta.iter().any(|v| v.abs() > super::fit::LOG_PARAM_BOUND - 1.0);
    if at_bound || ridge(0) || ridge(2) {
        return Err(cannot("the data are explained equally well by ever more extreme parameters (everyone drops out at the same rate), so there is no single best fit; use shorter periods or more customers."));
    }
    let x = &e.theta;
    Ok(BgBbFit {
        params: BgBbParams { alpha: x[0].exp(), beta: x[1].exp(), gamma: x[2].exp(), delta: x[3].exp() },
        standard_errors: e.standard_errors.map(|se| [se[0], se[1], se[2], se[3]]),
        diagnostics: e.diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DONATIONS: BgBbParams = BgBbParams { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 };

    #[test]
    fn the_probabilities_of_every_history_of_n_opportunities_sum_to_one() {
        // With the binomial coefficient (the number of sequences with x transactions, the last
        // at t_x: C(t_x−1, x−1)), the histories of n opportunities are a partition.
        let n = 6u32;
        let mut total = 0.0;
        for tx in 0..=n {
            for x in 0..=tx {
                if (x == 0) != (tx == 0) {
                    continue;
                }
                let sequences = if x == 0 { 1.0 } else { statrs::function::factorial::binomial(u64::from(tx - 1), u64::from(x - 1)) };
                total += sequences * DONATIONS.log_likelihood(x, tx, n).exp();
            }
        }
        assert!((total - 1.0).abs() < 1e-10, "{total}");
    }

    #[test]
    fn expected_transactions_are_continuous_at_gamma_equal_one() {
        let at = |gamma: f64| BgBbParams { gamma, ..DONATIONS }.expected_purchases(10, 3, 5, 6);
        assert!((at(1.0) - at(1.0 + 1e-5)).abs() < 1e-4 && at(1.0) > 0.0);
    }

    #[test]
    fn bucketing_counts_periods_after_the_first_with_a_purchase() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let a = [d("2024-01-05"), d("2024-01-20"), d("2024-03-02"), d("2024-03-30"), d("2024-06-01")];
        let b = [d("2024-05-31")];
        let data = BgBbData::from_purchase_dates([&a[..], &b[..]], d("2024-06-30"), Opportunity::Month);
        // a: periods 2 and 5 of 5; b: none of 1.
        assert_eq!(data.rows(), &[(0, 0, 1, 1.0), (2, 5, 5, 1.0)]);
        let q = BgBbData::from_purchase_dates([&a[..]], d("2024-06-30"), Opportunity::Quarter);
        assert_eq!(q.rows(), &[(1, 1, 1, 1.0)]);
    }
}
