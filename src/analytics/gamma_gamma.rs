//! The Gamma-Gamma spend model: maximum-likelihood fit and expected order value (Fader, Hardie
//! & Lee 2005, "RFM and CLV"; Hardie's note 025), as `lifetimes.GammaGammaFitter` with
//! penalizer 0.

use super::error::AnalyticsError;
use super::fit::{FitDiagnostics, FitOptions, LOG_PARAM_BOUND};
use super::optimize::{minimize_from, BfgsOptions, Objective};
use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

/// Fitted Gamma-Gamma parameters: spend per transaction ~ Gamma(p, ν), ν ~ Gamma(q, v).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaParams {
    /// Shape of the per-transaction spend gamma.
    pub p: f64,
    /// Shape of the gamma of ν across customers.
    pub q: f64,
    /// Scale of the gamma of ν across customers (currency units).
    pub v: f64,
}

/// A fit: the parameters and how the fit went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaFit {
    /// The estimate.
    pub params: GammaGammaParams,
    /// Log-likelihood (full sum), convergence and iterations.
    pub diagnostics: FitDiagnostics,
}

impl GammaGammaParams {
    /// Validated parameters: all finite and positive.
    pub fn new(p: f64, q: f64, v: f64) -> Result<GammaGammaParams, AnalyticsError> {
        if [p, q, v].iter().all(|x| x.is_finite() && *x > 0.0) {
            Ok(GammaGammaParams { p, q, v })
        } else {
            Err(AnalyticsError::InvalidInput(
                "Gamma-Gamma parameters p, q and v must all be positive numbers.".into(),
            ))
        }
    }

    /// The population mean spend per transaction p·v/(q − 1); `None` when q ≤ 1 (no finite mean).
    pub fn population_mean(&self) -> Option<f64> {
        (self.q > 1.0)
            .then(|| self.p * self.v / (self.q - 1.0))
            .filter(|m| m.is_finite())
    }

    /// E[M | x, m̄] = p(v + x·m̄)/(p·x + q − 1) for x > 0, the population mean p·v/(q − 1) for
    /// x = 0 (note 025, eq. 5; `lifetimes`' `conditional_expected_average_profit`).
    ///
    /// Where the formula has no finite positive value (q ≤ 1, or p·x + q ≤ 1) it returns
    /// `fallback` for x = 0 and the observed m̄ otherwise. Never negative.
    pub fn expected_order_value(&self, frequency: f64, monetary_value: f64, fallback: f64) -> f64 {
        let GammaGammaParams { p, q, v } = *self;
        let value = if frequency <= 0.0 {
            self.population_mean().unwrap_or(fallback)
        } else {
            let denominator = p * frequency + q - 1.0;
            if denominator > 0.0 {
                p * (v + frequency * monetary_value) / denominator
            } else {
                monetary_value
            }
        };
        if value.is_finite() {
            value.max(0.0)
        } else {
            fallback.max(0.0)
        }
    }

    /// One customer's log-likelihood of mean spend m̄ over x transactions (note 025, eq. 1a):
    /// lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m̄ + px ln x − (px+q) ln(x m̄ + v).
    pub fn log_likelihood(&self, frequency: f64, monetary_value: f64) -> f64 {
        let GammaGammaParams { p, q, v } = *self;
        let (x, m) = (frequency, monetary_value);
        ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)
            + q * v.ln()
            + (p * x - 1.0) * m.ln()
            + p * x * x.ln()
            - (p * x + q) * (x * m + v).ln()
    }
}

/// Gamma-Gamma input: (frequency, monetary value) of customers with frequency > 0 and a positive
/// monetary value, sorted by frequency.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GammaGammaData {
    rows: Vec<(f64, f64)>,
    skipped: usize,
}

impl GammaGammaData {
    /// Keeps rows with frequency > 0 and a finite monetary value > 0 (the model's domain;
    /// `lifetimes` raises an error on others); counts the rest as skipped.
    pub fn new(rows: impl IntoIterator<Item = (u32, f64)>) -> GammaGammaData {
        let mut data = GammaGammaData::default();
        for (x, m) in rows {
            if x > 0 && m.is_finite() && m > 0.0 {
                data.rows.push((f64::from(x), m));
            } else if x > 0 {
                data.skipped += 1;
            }
        }
        data.rows.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        data
    }

    /// Rows kept.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no row was kept.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Repeat customers left out because their monetary value was zero or negative.
    pub fn skipped(&self) -> usize {
        self.skipped
    }
}

struct Likelihood<'a> {
    data: &'a GammaGammaData,
    /// Σ x ln m̄, Σ ln m̄ and Σ x ln x over all rows; they do not depend on the parameters.
    sum_x_ln_m: f64,
    sum_ln_m: f64,
    sum_x_ln_x: f64,
}

impl<'a> Likelihood<'a> {
    fn new(data: &'a GammaGammaData) -> Likelihood<'a> {
        Likelihood {
            data,
            sum_x_ln_m: data.rows.iter().map(|(x, m)| x * m.ln()).sum(),
            sum_ln_m: data.rows.iter().map(|(_, m)| m.ln()).sum(),
            sum_x_ln_x: data.rows.iter().map(|(x, _)| x * x.ln()).sum(),
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
        let (p, q, v) = (theta[0].exp(), theta[1].exp(), theta[2].exp());
        let rows = &self.data.rows;
        let (lg_q, dg_q, ln_v) = (ln_gamma(q), digamma(q), v.ln());
        let mut total = p * self.sum_x_ln_m - self.sum_ln_m + p * self.sum_x_ln_x;
        let mut g_p = self.sum_x_ln_m + self.sum_x_ln_x;
        let mut g_q = 0.0;
        let mut g_v = 0.0;
        let mut start = 0;
        while start < rows.len() {
            let x = rows[start].0;
            let mut end = start;
            let (mut s_ln, mut s_inv) = (0.0, 0.0);
            while end < rows.len() && rows[end].0 == x {
                let u = x * rows[end].1 + v;
                s_ln += u.ln();
                s_inv += 1.0 / u;
                end += 1;
            }
            let count = (end - start) as f64;
            let px = p * x;
            let dg_pxq = digamma(px + q);
            total += count * (ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_v) - (px + q) * s_ln;
            g_p += count * x * (dg_pxq - digamma(px)) - x * s_ln;
            g_q += count * (dg_pxq - dg_q + ln_v) - s_ln;
            g_v += count * q / v - (px + q) * s_inv;
            start = end;
        }
        let n = rows.len() as f64;
        grad[0] = -g_p * p / n;
        grad[1] = -g_q * q / n;
        grad[2] = -g_v * v / n;
        -total / n
    }
}

/// Above this many rows the fit warm-starts on a subsample (see `fit_bg_nbd`).
pub const WARM_START_ROWS: usize = 40_000;

/// Fits Gamma-Gamma by maximum likelihood as `lifetimes.GammaGammaFitter.fit` does:
/// log-parameters started at 0.1, BFGS with gradient tolerance 1e-7 on the mean negative
/// log-likelihood (warm-started on a subsample for large data, as `fit_bg_nbd`). Errors when fewer than two repeat customers have a positive monetary value.
pub fn fit_gamma_gamma(
    data: &GammaGammaData,
    options: &FitOptions,
) -> Result<GammaGammaFit, AnalyticsError> {
    if data.rows.len() < 2 {
        return Err(AnalyticsError::CannotFit {
            model: "Gamma-Gamma",
            reason: "fewer than two customers bought twice with a positive amount, so spend per order cannot be modelled; the average order value is used instead.".into(),
        });
    }
    let bfgs = BfgsOptions {
        gradient_tolerance: options.gradient_tolerance,
        max_iterations: options.max_iterations,
        ..BfgsOptions::default()
    };
    let mut start = vec![0.1; 3];
    let mut start_h = None;
    if data.rows.len() > WARM_START_ROWS {
        // Every k-th row of the frequency-sorted data: a stratified subsample.
        let sub = GammaGammaData {
            rows: data
                .rows
                .iter()
                .step_by(data.rows.len().div_ceil(WARM_START_ROWS / 2))
                .copied()
                .collect(),
            skipped: 0,
        };
        let warm = minimize_from(
            &mut Likelihood::new(&sub),
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
    let mut objective = Likelihood::new(data);
    let result = minimize_from(&mut objective, &start, start_h.as_deref(), &bfgs);
    if !result.value.is_finite() || result.x.iter().any(|v| !v.is_finite()) {
        return Err(AnalyticsError::CannotFit {
            model: "Gamma-Gamma",
            reason:
                "the likelihood could not be evaluated on these amounts; check for extreme values."
                    .into(),
        });
    }
    Ok(GammaGammaFit {
        params: GammaGammaParams {
            p: result.x[0].exp(),
            q: result.x[1].exp(),
            v: result.x[2].exp(),
        },
        diagnostics: FitDiagnostics {
            log_likelihood: -result.value * data.rows.len() as f64,
            converged: result.converged,
            iterations: result.iterations,
            evaluations: result.evaluations,
            gradient_norm: result.gradient_norm,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_order_value_shrinks_toward_the_population_mean() {
        let g = GammaGammaParams {
            p: 6.25,
            q: 3.74,
            v: 15.44,
        };
        let mean = g.population_mean().unwrap();
        assert!((g.expected_order_value(0.0, 0.0, 1.0) - mean).abs() < 1e-12);
        let e = g.expected_order_value(2.0, 100.0, 1.0);
        assert!(e > mean && e < 100.0);
    }

    #[test]
    fn expected_order_value_falls_back_when_q_is_at_most_one() {
        let g = GammaGammaParams {
            p: 1.0,
            q: 0.5,
            v: 1.0,
        };
        assert_eq!(g.expected_order_value(0.0, 0.0, 42.0), 42.0);
        assert!(g.expected_order_value(1.0, 10.0, 42.0) >= 0.0);
    }
}
