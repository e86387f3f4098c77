//! The MBG/NBD repeat-purchase model (Batislam, Denizel & Filiztekin 2007): BG/NBD in which a
//! customer may also drop out right after their first purchase, so P(alive) is below 1 even
//! with no repeat purchase. Fit, P(alive) and conditional expected purchases as
//! `lifetimes.ModifiedBetaGeoFitter`, penalizer 0.

use super::bg_nbd::{check_fittable, BgNbdData};
use super::error::AnalyticsError;
use super::fit::{estimate, mean_nll, positive, FitDiagnostics, FitOptions};
use super::special::{bg_nbd_bracket, log_add_exp};
use serde::{Deserialize, Serialize};
use statrs::function::gamma::ln_gamma;

/// Fitted MBG/NBD parameters: purchase rates λ ~ Gamma(r, α), dropout probability p ~ Beta(a, b),
/// α in the data's time unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MbgNbdParams {
    /// Shape of the purchase-rate gamma.
    pub r: f64,
    /// Scale (in periods) of the purchase-rate gamma.
    pub alpha: f64,
    /// Beta shape a of the dropout probability.
    pub a: f64,
    /// Beta shape b of the dropout probability.
    pub b: f64,
}

/// A fit: the parameters, their standard errors and how the fit went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MbgNbdFit {
    /// The estimate.
    pub params: MbgNbdParams,
    /// Standard errors of r, α, a, b (`None` at a boundary estimate).
    pub standard_errors: Option<[f64; 4]>,
    /// Log-likelihood (full sum, data's time unit), convergence and iterations.
    pub diagnostics: FitDiagnostics,
}

impl MbgNbdParams {
    /// Validated parameters: all four finite and positive.
    pub fn new(r: f64, alpha: f64, a: f64, b: f64) -> Result<MbgNbdParams, AnalyticsError> {
        let [r, alpha, a, b] = positive("MBG/NBD", "r, alpha, a and b", [r, alpha, a, b])?;
        Ok(MbgNbdParams { r, alpha, a, b })
    }

    /// One customer's log-likelihood (Batislam et al. 2007, eq. 8; lifetimes' form):
    /// A₁ + A₂ + ln(e^A₃ + e^A₄) with A₁ = lnΓ(r+x) − lnΓ(r) + r ln α,
    /// A₂ = lnB(a, b+x+1) − lnB(a, b), A₃ = −(r+x) ln(α+T), A₄ = ln a − ln(b+x) − (r+x) ln(α+t_x),
    /// the last term present for every x (a drop-out right after the first purchase).
    pub fn log_likelihood(&self, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        let MbgNbdParams { r, alpha, a, b } = *self;
        let x = frequency;
        let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
        let a2 = ln_gamma(a + b) + ln_gamma(b + x + 1.0) - ln_gamma(b) - ln_gamma(a + b + x + 1.0);
        let a3 = -(r + x) * (alpha + t_cal).ln();
        let a4 = a.ln() - (b + x).ln() - (r + x) * (alpha + recency).ln();
        let v = a1 + a2 + log_add_exp(a3, a4);
        if v.is_nan() {
            f64::NEG_INFINITY
        } else {
            v
        }
    }

    /// P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)). Always in [0, 1].
    pub fn p_alive(&self, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        let MbgNbdParams { r, alpha, a, b } = *self;
        let log_odds = (a / (b + frequency)).ln() + (r + frequency) * ((alpha + t_cal) / (alpha + recency)).ln();
        let p = 1.0 / (1.0 + log_odds.exp());
        if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// E[Y(t) | x, t_x, T] = P(alive) · (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ·
    /// 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))]: BG/NBD's bracket with b+1 for b (lifetimes'
    /// `conditional_expected_number_of_purchases_up_to_time`). Never negative or NaN.
    pub fn expected_purchases(&self, t: f64, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        let v = self.expected_purchases_if_alive(t, frequency, t_cal).unwrap_or(0.0) * self.p_alive(frequency, recency, t_cal);
        if v.is_finite() {
            v.max(0.0)
        } else {
            0.0
        }
    }

    /// [`expected_purchases`](Self::expected_purchases) before the P(alive) factor (it does
    /// not depend on recency); `None` when the series cannot be evaluated.
    pub fn expected_purchases_if_alive(&self, t: f64, frequency: f64, t_cal: f64) -> Option<f64> {
        if t <= 0.0 {
            return Some(0.0);
        }
        let MbgNbdParams { r, alpha, a, b } = *self;
        let at = |a: f64| -> Option<f64> {
            let bracket = bg_nbd_bracket(r, alpha, a, b + 1.0, frequency, t_cal, t)?;
            Some((a + b + frequency) / (a - 1.0) * bracket)
        };
        // A removable singularity at a = 1: average the two sides.
        let if_alive = if (a - 1.0).abs() < 1e-6 {
            at(1.0 - 1e-6).zip(at(1.0 + 1e-6)).map(|(l, h)| 0.5 * (l + h))
        } else {
            at(a)
        };
        if_alive.filter(|v| v.is_finite()).map(|v| v.max(0.0))
    }
}

/// The mean negative log-likelihood in log-parameters (r, α, a, b) of scaled histories.
fn mean_nll_at(theta: &[f64], histories: &[(f64, f64, f64, f64)], customers: f64) -> f64 {
    let p = MbgNbdParams { r: theta[0].exp(), alpha: theta[1].exp(), a: theta[2].exp(), b: theta[3].exp() };
    mean_nll(theta, histories, |h| h.3, customers, |&(x, rec, t, _)| p.log_likelihood(x, rec, t))
}

/// Fits MBG/NBD by maximum likelihood as `lifetimes.ModifiedBetaGeoFitter.fit` does (BG/NBD's
/// procedure: time rescaled so that the largest T is 1, BFGS from log-parameters 0.1, α
/// un-scaled afterwards). The gradient is taken by central differences (four parameters; the
/// model is fitted once per analysis beside the others).
pub fn fit_mbg_nbd(data: &BgNbdData, options: &FitOptions) -> Result<MbgNbdFit, AnalyticsError> {
    check_fittable(data, "MBG/NBD")?;
    let scale = 1.0 / data.max_age();
    let histories: Vec<_> = data.histories().map(|(x, rec, t, w)| (x, rec * scale, t * scale, w)).collect();
    let customers = data.customers();
    let shift = data.total_frequency() * scale.ln();
    let e = estimate("MBG/NBD", &[0.1; 4], options, customers, shift, |t| mean_nll_at(t, &histories, customers))?;
    let x = &e.theta;
    Ok(MbgNbdFit {
        params: MbgNbdParams { r: x[0].exp(), alpha: x[1].exp() / scale, a: x[2].exp(), b: x[3].exp() },
        standard_errors: e.standard_errors.map(|se| [se[0], se[1] / scale, se[2], se[3]]),
        diagnostics: e.diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: MbgNbdParams = MbgNbdParams { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

    #[test]
    fn p_alive_is_below_one_without_repeat_purchases_and_falls_with_inactivity() {
        let none = P.p_alive(0.0, 0.0, 30.0);
        assert!(none > 0.0 && none < 1.0);
        assert!(P.p_alive(3.0, 29.0, 30.0) > P.p_alive(3.0, 2.0, 30.0));
    }

    #[test]
    fn expected_purchases_are_continuous_at_a_equal_one() {
        let at = |a: f64| MbgNbdParams { a, ..P }.expected_purchases(52.0, 2.0, 20.0, 40.0);
        assert!((at(1.0) - at(1.0 + 1e-4)).abs() < 1e-3, "{} {}", at(1.0), at(1.0 + 1e-4));
    }

    #[test]
    fn frequent_buyers_stay_finite() {
        for x in [50.0, 500.0, 5000.0] {
            let e = P.expected_purchases(52.0, x, 70.0, 78.0);
            assert!(P.log_likelihood(x, 70.0, 78.0).is_finite() && e.is_finite() && e >= 0.0, "{x}: {e}");
        }
    }
}
