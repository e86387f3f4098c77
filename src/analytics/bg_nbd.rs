//! The BG/NBD repeat-purchase model: maximum-likelihood fit, P(alive) and conditional expected
//! purchases (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"), as
//! `lifetimes.BetaGeoFitter` with penalizer 0.

use super::error::AnalyticsError;
use super::fit::{FitDiagnostics, FitOptions, LOG_PARAM_BOUND};
use super::optimize::{minimize_from, BfgsOptions, Objective};
use super::special::bg_nbd_bracket;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

/// Fitted BG/NBD parameters: purchase rates λ ~ Gamma(r, α), dropout probability p ~ Beta(a, b).
/// α is in the data's time unit (days or weeks).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgNbdParams {
    /// Shape of the purchase-rate gamma.
    pub r: f64,
    /// Scale (in periods) of the purchase-rate gamma.
    pub alpha: f64,
    /// Beta shape a of the dropout probability.
    pub a: f64,
    /// Beta shape b of the dropout probability.
    pub b: f64,
}

/// A fit: the parameters and how the fit went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgNbdFit {
    /// The estimate.
    pub params: BgNbdParams,
    /// Log-likelihood (full sum), convergence and iterations.
    pub diagnostics: FitDiagnostics,
}

impl BgNbdParams {
    /// Validated parameters: all four finite and positive.
    pub fn new(r: f64, alpha: f64, a: f64, b: f64) -> Result<BgNbdParams, AnalyticsError> {
        if [r, alpha, a, b].iter().all(|v| v.is_finite() && *v > 0.0) {
            Ok(BgNbdParams { r, alpha, a, b })
        } else {
            Err(AnalyticsError::InvalidInput(
                "BG/NBD parameters r, alpha, a and b must all be positive numbers.".into(),
            ))
        }
    }

    /// One customer's log-likelihood (FHL 2005, eq. 6, in the log-sum-exp form of Hardie's note
    /// 004 that `lifetimes` uses):
    /// ln L = A₁ + A₂ + ln(e^A₃ + δ_{x>0} e^A₄) with A₁ = lnΓ(r+x) − lnΓ(r) + r ln α,
    /// A₂ = lnB(a, b+x) − lnB(a, b), A₃ = −(r+x) ln(α+T), A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
    pub fn log_likelihood(&self, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        let BgNbdParams { r, alpha, a, b } = *self;
        let x = frequency;
        let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
        let a2 = ln_gamma(a + b) + ln_gamma(b + x) - ln_gamma(b) - ln_gamma(a + b + x);
        let a3 = -(r + x) * (alpha + t_cal).ln();
        if x > 0.0 {
            let a4 = a.ln() - (b + x - 1.0).ln() - (r + x) * (alpha + recency).ln();
            a1 + a2 + super::special::log_add_exp(a3, a4)
        } else {
            a1 + a2 + a3
        }
    }

    /// P(alive | x, t_x, T) = 1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
    /// (Fader, Hardie & Lee 2008, note 021; `lifetimes`' `conditional_probability_alive`).
    /// 1 when x = 0. Always in [0, 1].
    pub fn p_alive(&self, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        if frequency <= 0.0 {
            return 1.0;
        }
        let BgNbdParams { r, alpha, a, b } = *self;
        let log_div = (r + frequency) * ((alpha + t_cal) / (alpha + recency)).ln()
            + (a / (b + frequency - 1.0)).ln();
        let p = 1.0 / (1.0 + log_div.exp());
        if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The part of E[Y(t) | x, t_x, T] that does not depend on recency:
    /// (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))].
    /// Multiplied by `p_alive` it gives the conditional expectation (FHL 2005, eq. 10).
    /// `None` when the series cannot be evaluated.
    pub fn expected_purchases_if_alive(&self, t: f64, frequency: f64, t_cal: f64) -> Option<f64> {
        if t <= 0.0 {
            return Some(0.0);
        }
        let BgNbdParams { r, alpha, a, b } = *self;
        let at = |a: f64| -> Option<f64> {
            let bracket = bg_nbd_bracket(r, alpha, a, b, frequency, t_cal, t)?;
            Some((a + b + frequency - 1.0) / (a - 1.0) * bracket)
        };
        // The expression has a removable singularity at a = 1: average the two sides.
        let value = if (a - 1.0).abs() < 1e-6 {
            0.5 * (at(1.0 - 1e-6)? + at(1.0 + 1e-6)?)
        } else {
            at(a)?
        };
        value.is_finite().then_some(value.max(0.0))
    }

    /// Conditional expected number of repeat purchases in the next `t` periods,
    /// E[Y(t) | x, t_x, T] (FHL 2005, eq. 10; `lifetimes`'
    /// `conditional_expected_number_of_purchases_up_to_time`). Never negative or NaN: where the
    /// series cannot be evaluated it returns 0.
    pub fn expected_purchases(&self, t: f64, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        self.expected_purchases_if_alive(t, frequency, t_cal)
            .unwrap_or(0.0)
            * self.p_alive(frequency, recency, t_cal)
    }
}

/// BG/NBD input compressed to unique (frequency, recency, T) triples with weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BgNbdData {
    xs: Vec<f64>,
    recencies: Vec<f64>,
    ages: Vec<f64>,
    /// (x index, recency index, T index, weight), sorted by x index.
    triples: Vec<(u32, u32, u32, f64)>,
    customers: f64,
    max_t: f64,
}

/// Index of a value in a table of unique values, keyed by its bits.
fn intern(map: &mut FxHashMap<u64, u32>, table: &mut Vec<f64>, value: f64) -> u32 {
    *map.entry(value.to_bits()).or_insert_with(|| {
        table.push(value);
        (table.len() - 1) as u32
    })
}

impl BgNbdData {
    /// Compresses (frequency, recency, T) rows, one customer each. Rows with non-finite or
    /// negative values, or recency > T, are skipped.
    pub fn new(rows: impl IntoIterator<Item = (u32, f64, f64)>) -> BgNbdData {
        BgNbdData::weighted(rows.into_iter().map(|(x, r, t)| (x, r, t, 1.0)))
    }

    /// Compresses (frequency, recency, T, weight) rows, where weight counts customers with that
    /// history. Rows with non-finite or negative values, recency > T, or a weight that is not
    /// positive are skipped.
    pub fn weighted(rows: impl IntoIterator<Item = (u32, f64, f64, f64)>) -> BgNbdData {
        let mut x_map = FxHashMap::default();
        let mut r_map = FxHashMap::default();
        let mut t_map = FxHashMap::default();
        let mut triple_map: FxHashMap<(u32, u32, u32), u32> = FxHashMap::default();
        let mut data = BgNbdData::default();
        for (x, recency, t, w) in rows {
            if !(recency.is_finite()
                && t.is_finite()
                && recency >= 0.0
                && t >= recency
                && w.is_finite()
                && w > 0.0)
            {
                continue;
            }
            let recency = if x == 0 { 0.0 } else { recency };
            let xi = intern(&mut x_map, &mut data.xs, f64::from(x));
            let ri = intern(&mut r_map, &mut data.recencies, recency);
            let ti = intern(&mut t_map, &mut data.ages, t);
            let next = data.triples.len() as u32;
            let slot = *triple_map.entry((xi, ri, ti)).or_insert(next);
            if slot == next {
                data.triples.push((xi, ri, ti, w));
            } else {
                data.triples[slot as usize].3 += w;
            }
            data.customers += w;
            data.max_t = data.max_t.max(t);
        }
        data.triples.sort_unstable_by_key(|t| (t.0, t.2, t.1));
        data
    }

    /// Builds the data from unique (frequency, recency days, T days, weight) rows, as the scoring
    /// pipeline has them: tables are indexed by day directly, no hashing of floats.
    pub(crate) fn from_day_triples(
        rows: impl Iterator<Item = (u32, i32, i32, f64)> + Clone,
        days_per_period: f64,
    ) -> BgNbdData {
        let mut data = BgNbdData::default();
        let max_day = rows.clone().map(|r| r.2.max(r.1)).max().unwrap_or(0).max(0) as usize;
        let mut r_index = vec![u32::MAX; max_day + 1];
        let mut t_index = vec![u32::MAX; max_day + 1];
        let mut x_map: FxHashMap<u32, u32> = FxHashMap::default();
        for (x, rec, t, w) in rows {
            if rec < 0 || t < rec || !(w.is_finite() && w > 0.0) {
                continue;
            }
            let rec = if x == 0 { 0 } else { rec };
            let xi = *x_map.entry(x).or_insert_with(|| {
                data.xs.push(f64::from(x));
                (data.xs.len() - 1) as u32
            });
            let ri = &mut r_index[rec as usize];
            if *ri == u32::MAX {
                data.recencies.push(f64::from(rec) / days_per_period);
                *ri = (data.recencies.len() - 1) as u32;
            }
            let ti = &mut t_index[t as usize];
            if *ti == u32::MAX {
                data.ages.push(f64::from(t) / days_per_period);
                *ti = (data.ages.len() - 1) as u32;
            }
            data.triples
                .push((xi, r_index[rec as usize], t_index[t as usize], w));
            data.customers += w;
            data.max_t = data.max_t.max(f64::from(t) / days_per_period);
        }
        data.triples.sort_unstable_by_key(|t| (t.0, t.2, t.1));
        data
    }

    /// Every `step`-th triple with its weight (a stratified subsample, since triples are sorted
    /// by frequency and T); same value tables and time scale.
    fn subsample(&self, step: usize) -> BgNbdData {
        let triples: Vec<_> = self.triples.iter().step_by(step.max(1)).copied().collect();
        BgNbdData {
            xs: self.xs.clone(),
            recencies: self.recencies.clone(),
            ages: self.ages.clone(),
            customers: triples.iter().map(|t| t.3).sum(),
            triples,
            max_t: self.max_t,
        }
    }

    /// Number of customers (rows kept).
    pub fn customers(&self) -> f64 {
        self.customers
    }

    /// Number of unique (frequency, recency, T) triples.
    pub fn unique_triples(&self) -> usize {
        self.triples.len()
    }

    /// Each unique history as (frequency, recency, T, weight), in the data's time unit.
    pub fn histories(&self) -> impl Iterator<Item = (f64, f64, f64, f64)> + '_ {
        self.triples.iter().map(|&(xi, ri, ti, w)| {
            (self.xs[xi as usize], self.recencies[ri as usize], self.ages[ti as usize], w)
        })
    }

    /// The largest T.
    pub fn max_age(&self) -> f64 {
        self.max_t
    }

    /// Σ frequency over customers.
    pub fn total_frequency(&self) -> f64 {
        self.triples
            .iter()
            .map(|t| self.xs[t.0 as usize] * t.3)
            .sum()
    }
}

/// The mean negative log-likelihood in log-parameter space on time scaled by `scale`.
struct Likelihood<'a> {
    data: &'a BgNbdData,
    scale: f64,
    /// Per unique T: ln(α+T), 1/(α+T); per unique recency the same.
    lt: Vec<(f64, f64)>,
    lr: Vec<(f64, f64)>,
}

impl<'a> Likelihood<'a> {
    fn new(data: &'a BgNbdData, scale: f64) -> Likelihood<'a> {
        Likelihood {
            data,
            scale,
            lt: vec![(0.0, 0.0); data.ages.len()],
            lr: vec![(0.0, 0.0); data.recencies.len()],
        }
    }
}

impl Objective for Likelihood<'_> {
    fn value_and_gradient(&mut self, theta: &[f64], grad: &mut [f64]) -> f64 {
        if theta
            .iter()
            .any(|v| !v.is_finite() || v.abs() > LOG_PARAM_BOUND)
        {
            return f64::INFINITY;
        }
        let (r, alpha, a, b) = (
            theta[0].exp(),
            theta[1].exp(),
            theta[2].exp(),
            theta[3].exp(),
        );
        let d = self.data;
        for (slot, &t) in self.lt.iter_mut().zip(&d.ages) {
            let v = alpha + t * self.scale;
            *slot = (v.ln(), 1.0 / v);
        }
        for (slot, &t) in self.lr.iter_mut().zip(&d.recencies) {
            let v = alpha + t * self.scale;
            *slot = (v.ln(), 1.0 / v);
        }
        let (ln_a, ln_alpha) = (a.ln(), alpha.ln());
        let (lg_r, lg_ab, lg_b) = (ln_gamma(r), ln_gamma(a + b), ln_gamma(b));
        let (dg_r, dg_ab, dg_b) = (digamma(r), digamma(a + b), digamma(b));
        let mut total = 0.0;
        let (mut g_r, mut g_alpha, mut g_a, mut g_b) = (0.0, 0.0, 0.0, 0.0);
        let mut start = 0;
        while start < d.triples.len() {
            let xi = d.triples[start].0;
            let mut end = start;
            while end < d.triples.len() && d.triples[end].0 == xi {
                end += 1;
            }
            let x = d.xs[xi as usize];
            let rx = r + x;
            let bx1 = b + x.max(1.0) - 1.0;
            let ln_bx1 = bx1.ln();
            let mut w_sum = 0.0;
            // Σ over triples of this x.
            let (mut s_ll, mut s_r, mut s_alpha, mut s_pi4) = (0.0, 0.0, 0.0, 0.0);
            for &(_, ri, ti, w) in &d.triples[start..end] {
                let (lt, it) = self.lt[ti as usize];
                let a3 = -rx * lt;
                w_sum += w;
                if x > 0.0 {
                    let (lr, ir) = self.lr[ri as usize];
                    let a4 = ln_a - ln_bx1 - rx * lr;
                    let (m, diff) = if a3 >= a4 {
                        (a3, a4 - a3)
                    } else {
                        (a4, a3 - a4)
                    };
                    let e = diff.exp();
                    // ln(1+e) rather than ln_1p(e): the absolute error is below 1e-16 either way
                    // and glibc's log is markedly faster than log1p in this, the hottest loop.
                    let ll = m + (1.0 + e).ln();
                    // Shares of the two terms: π3 = e^{A3}/(e^{A3}+e^{A4}).
                    let pi_small = e / (1.0 + e);
                    let (pi3, pi4) = if a3 >= a4 {
                        (1.0 - pi_small, pi_small)
                    } else {
                        (pi_small, 1.0 - pi_small)
                    };
                    s_ll += w * ll;
                    s_r += w * (pi3 * lt + pi4 * lr);
                    s_alpha += w * (pi3 * it + pi4 * ir);
                    s_pi4 += w * pi4;
                } else {
                    s_ll += w * a3;
                    s_r += w * lt;
                    s_alpha += w * it;
                }
            }
            let a1 = ln_gamma(rx) - lg_r + r * ln_alpha;
            let a2 = lg_ab + ln_gamma(b + x) - lg_b - ln_gamma(a + b + x);
            total += w_sum * (a1 + a2) + s_ll;
            let dg_rx = digamma(rx);
            let dg_abx = digamma(a + b + x);
            g_r += w_sum * (dg_rx - dg_r + ln_alpha) - s_r;
            g_alpha += w_sum * r / alpha - rx * s_alpha;
            g_a += w_sum * (dg_ab - dg_abx) + s_pi4 / a;
            g_b += w_sum * (dg_ab + digamma(b + x) - dg_b - dg_abx) - s_pi4 / bx1;
            start = end;
        }
        let n = d.customers;
        grad[0] = -g_r * r / n;
        grad[1] = -g_alpha * alpha / n;
        grad[2] = -g_a * a / n;
        grad[3] = -g_b * b / n;
        -total / n
    }
}

/// Above this many unique triples the fit warm-starts on a subsample.
pub const WARM_START_TRIPLES: usize = 40_000;

/// Whether a repeat-purchase model can learn anything from `data`; the reason when not.
pub(crate) fn check_fittable(data: &BgNbdData, model: &'static str) -> Result<(), AnalyticsError> {
    let cannot = |reason: &str| AnalyticsError::CannotFit {
        model,
        reason: reason.to_string(),
    };
    if data.customers < 1.0 {
        return Err(cannot(
            "there are no customers with purchases; import transactions first.",
        ));
    }
    if data.total_frequency() <= 0.0 {
        return Err(cannot(
            "nobody bought twice, so the repeat-purchase model cannot be fitted; add more history or move the analysis window start earlier.",
        ));
    }
    if data.triples.len() < 2 {
        return Err(cannot(
            "all customers have the same purchase history (or there is only one customer), so the model cannot tell them apart; add more customers or more history.",
        ));
    }
    if data.max_t <= 0.0 {
        return Err(cannot(
            "every customer's first purchase is on the analysis date, so there is no time to learn from; move the analysis date later.",
        ));
    }
    Ok(())
}

/// Fits BG/NBD by maximum likelihood as `lifetimes.BetaGeoFitter.fit` does: time rescaled so
/// that the largest T is 1, log-parameters started at 0.1, BFGS with gradient tolerance 1e-7 on
/// the mean negative log-likelihood, α un-scaled afterwards.
///
/// Errors when nothing can be learnt: no customers, nobody bought twice, a single purchase
/// history (one customer, or all identical), or every customer's T is 0 (all first purchases on
/// the analysis date).
///
/// On large data (more than `WARM_START_TRIPLES` unique triples) the search first runs on a
/// stratified subsample of the triples and continues on the full data from that point and its
/// inverse-Hessian estimate: the same estimate and convergence rule, far fewer full passes.
/// The reported iterations are those on the full data.
pub fn fit_bg_nbd(data: &BgNbdData, options: &FitOptions) -> Result<BgNbdFit, AnalyticsError> {
    let cannot = |reason: &str| AnalyticsError::CannotFit {
        model: "BG/NBD",
        reason: reason.to_string(),
    };
    check_fittable(data, "BG/NBD")?;
    let scale = 1.0 / data.max_t;
    let mut objective = Likelihood::new(data, scale);
    let bfgs = BfgsOptions {
        gradient_tolerance: options.gradient_tolerance,
        max_iterations: options.max_iterations,
        ..BfgsOptions::default()
    };
    let mut start = vec![0.1; 4];
    let mut start_h = None;
    if data.triples.len() > WARM_START_TRIPLES {
        let sub = data.subsample(data.triples.len().div_ceil(WARM_START_TRIPLES / 2));
        let mut sub_objective = Likelihood {
            data: &sub,
            scale,
            lt: objective.lt.clone(),
            lr: objective.lr.clone(),
        };
        let warm = minimize_from(
            &mut sub_objective,
            &start,
            None,
            &BfgsOptions {
                gradient_tolerance: 1e-5,
                ..bfgs
            },
        );
        if warm.value.is_finite()
            && warm
                .x
                .iter()
                .all(|v| v.is_finite() && v.abs() < LOG_PARAM_BOUND)
        {
            start = warm.x;
            start_h = Some(warm.inverse_hessian);
        }
    }
    let result = minimize_from(&mut objective, &start, start_h.as_deref(), &bfgs);
    if !result.value.is_finite() || result.x.iter().any(|v| !v.is_finite()) {
        return Err(cannot(
            "the likelihood could not be evaluated on these data; check for extreme values.",
        ));
    }
    let p = BgNbdParams {
        r: result.x[0].exp(),
        alpha: result.x[1].exp() / scale,
        a: result.x[2].exp(),
        b: result.x[3].exp(),
    };
    // Back to the data's time unit: each purchase time density scales by 1/scale.
    let log_likelihood = -result.value * data.customers + data.total_frequency() * scale.ln();
    Ok(BgNbdFit {
        params: p,
        diagnostics: FitDiagnostics {
            log_likelihood,
            converged: result.converged,
            iterations: result.iterations,
            evaluations: result.evaluations,
            gradient_norm: result.gradient_norm,
        },
    })
}

/// Standard errors of r, α, a, b at the estimate `params` (see [`super::fit::standard_errors`];
/// lifetimes' `BetaGeoFitter.summary`). `None` when the curvature is not positive definite.
pub fn standard_errors(data: &BgNbdData, params: &BgNbdParams) -> Option<[f64; 4]> {
    if data.max_t <= 0.0 || data.customers < 1.0 {
        return None;
    }
    let scale = 1.0 / data.max_t;
    let mut objective = Likelihood::new(data, scale);
    let theta = [params.r.ln(), (params.alpha * scale).ln(), params.a.ln(), params.b.ln()];
    let gradient = |t: &[f64], g: &mut [f64]| {
        objective.value_and_gradient(t, g);
    };
    let se = super::fit::standard_errors_from_gradient(gradient, &theta, data.customers)?;
    Some([se[0], se[1] / scale, se[2], se[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    const CDNOW: BgNbdParams = BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };

    #[test]
    fn p_alive_is_one_without_repeat_purchases_and_falls_with_inactivity() {
        assert_eq!(CDNOW.p_alive(0.0, 0.0, 30.0), 1.0);
        let recent = CDNOW.p_alive(3.0, 29.0, 30.0);
        let stale = CDNOW.p_alive(3.0, 2.0, 30.0);
        assert!(recent > stale && stale > 0.0 && recent <= 1.0);
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let data = BgNbdData::new([
            (0, 0.0, 30.0),
            (2, 20.0, 35.0),
            (5, 10.0, 39.0),
            (1, 3.0, 12.0),
            (2, 20.0, 35.0),
        ]);
        let mut obj = Likelihood {
            data: &data,
            scale: 1.0 / 39.0,
            lt: vec![(0.0, 0.0); data.ages.len()],
            lr: vec![(0.0, 0.0); data.recencies.len()],
        };
        let theta = [-0.3, 0.2, 0.4, -0.1];
        let mut g = [0.0; 4];
        obj.value_and_gradient(&theta, &mut g);
        for i in 0..4 {
            let h = 1e-6;
            let mut tp = theta;
            tp[i] += h;
            let mut tm = theta;
            tm[i] -= h;
            let mut scratch = [0.0; 4];
            let fd = (obj.value_and_gradient(&tp, &mut scratch)
                - obj.value_and_gradient(&tm, &mut scratch))
                / (2.0 * h);
            assert!((fd - g[i]).abs() < 1e-7, "param {i}: {fd} vs {}", g[i]);
        }
    }

    #[test]
    fn log_likelihood_of_the_objective_equals_the_per_customer_sum() {
        let rows = [(0u32, 0.0, 30.0), (2, 20.0, 35.0), (5, 10.0, 39.0)];
        let data = BgNbdData::new(rows);
        let fit = fit_bg_nbd(&data, &FitOptions::default()).unwrap();
        let sum: f64 = rows
            .iter()
            .map(|&(x, r, t)| fit.params.log_likelihood(f64::from(x), r, t))
            .sum();
        assert!(
            (sum - fit.diagnostics.log_likelihood).abs() < 1e-8,
            "{sum} vs {}",
            fit.diagnostics.log_likelihood
        );
    }
}
