//! The Pareto/NBD repeat-purchase model (Schmittlein, Morrison & Colombo 1987): purchases at
//! rate λ ~ Gamma(r, α) while alive, a lifetime at rate μ ~ Gamma(s, β) in continuous time.
//! Maximum-likelihood fit, P(alive) and conditional expected purchases in the forms of Fader,
//! Hardie & Lee's note 009 (2005) that `lifetimes.ParetoNBDFitter` uses, with penalizer 0.

use super::bg_nbd::{check_fittable, BgNbdData};
use super::error::AnalyticsError;
use super::fit::{estimate, mean_nll, positive, FitDiagnostics, FitOptions};
use super::special::{ln_hyp2f1_a_a1, log_add_exp};
use serde::{Deserialize, Serialize};
use statrs::function::gamma::ln_gamma;

/// Fitted Pareto/NBD parameters; α and β are in the data's time unit (days or weeks).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ParetoNbdParams {
    /// Shape of the purchase-rate gamma.
    pub r: f64,
    /// Scale (in periods) of the purchase-rate gamma.
    pub alpha: f64,
    /// Shape of the dropout-rate gamma.
    pub s: f64,
    /// Scale (in periods) of the dropout-rate gamma.
    pub beta: f64,
}

/// A fit: the parameters, their standard errors and how the fit went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ParetoNbdFit {
    /// The estimate.
    pub params: ParetoNbdParams,
    /// Standard errors of r, α, s, β (`None` at a boundary estimate, where they are undefined).
    pub standard_errors: Option<[f64; 4]>,
    /// Log-likelihood (full sum, data's time unit), convergence and iterations.
    pub diagnostics: FitDiagnostics,
}

impl ParetoNbdParams {
    /// Validated parameters: all four finite and positive.
    pub fn new(r: f64, alpha: f64, s: f64, beta: f64) -> Result<ParetoNbdParams, AnalyticsError> {
        let [r, alpha, s, beta] = positive("Pareto/NBD", "r, alpha, s and beta", [r, alpha, s, beta])?;
        Ok(ParetoNbdParams { r, alpha, s, beta })
    }

    /// ln A₀ of note 009 (eq. 19–20): with m = max(α, β), z(τ) = |α−β|/(m+τ) and c = r+s+x,
    /// A₀ = F(t_x)/(m+t_x)^c − F(T)/(m+T)^c, F(τ) = 2F1(c, b; c+1; z(τ)), b = r+x when α < β
    /// and s+1 otherwise. −∞ when t_x = T (A₀ = 0); `None` when the series cannot be evaluated.
    fn ln_a0(&self, x: f64, recency: f64, t_cal: f64) -> Option<f64> {
        a0_from_terms(self.ln_term(x, recency)?, self.ln_term(x, t_cal)?)
    }

    /// ln [F(τ)/(m+τ)^c] of [`ln_a0`](Self::ln_a0) for `x` repeat purchases: it depends on
    /// (x, τ) only, so a fit computes it once per distinct pair instead of twice per history.
    fn ln_term(&self, x: f64, tau: f64) -> Option<f64> {
        let ParetoNbdParams { r, alpha, s, beta } = *self;
        let (low, high, b) = if alpha < beta { (alpha, beta, r + x) } else { (beta, alpha, s + 1.0) };
        let c = r + s + x;
        Some(ln_hyp2f1_a_a1(c, b, (high - low) / (high + tau))? - c * (high + tau).ln())
    }

    /// The two parts of one customer's log-likelihood (note 009, eq. 18): A₁ = lnΓ(r+x) − lnΓ(r)
    /// + r ln α + s ln β, the "alive at T" term −(r+x) ln(α+T) − s ln(β+T) and the "died
    /// between t_x and T" term ln s − ln(r+s+x) + ln A₀.
    fn parts(&self, x: f64, recency: f64, t_cal: f64) -> Option<(f64, f64, f64)> {
        self.parts_with(x, t_cal, self.ln_a0(x, recency, t_cal)?)
    }

    /// [`parts`](Self::parts) with ln A₀ already known.
    fn parts_with(&self, x: f64, t_cal: f64, ln_a0: f64) -> Option<(f64, f64, f64)> {
        let ParetoNbdParams { r, alpha, s, beta } = *self;
        let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + s * beta.ln();
        let alive = -(r + x) * (alpha + t_cal).ln() - s * (beta + t_cal).ln();
        let died = s.ln() - (r + s + x).ln() + ln_a0;
        Some((a1, alive, died))
    }

    /// One customer's log-likelihood; −∞ where it cannot be evaluated.
    pub fn log_likelihood(&self, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        log_likelihood_of(self.parts(frequency, recency, t_cal))
    }

    /// P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀) (note 009,
    /// eq. 36–37). Always in [0, 1]; 0 where it cannot be evaluated.
    pub fn p_alive(&self, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        match self.parts(frequency, recency, t_cal) {
            Some((_, alive, died)) => {
                let p = 1.0 / (1.0 + (died - alive).exp());
                if p.is_finite() {
                    p.clamp(0.0, 1.0)
                } else {
                    0.0
                }
            }
            None => 0.0,
        }
    }

    /// E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)]
    /// (note 009, eq. 41; `lifetimes`' `conditional_expected_number_of_purchases_up_to_time`),
    /// with its limit (r+x)/(α+T)·(β+T)·ln((β+T+t)/(β+T)) at s = 1. Never negative or NaN.
    pub fn expected_purchases(&self, t: f64, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        let v = self.p_alive(frequency, recency, t_cal) * self.expected_purchases_if_alive(t, frequency, t_cal).unwrap_or(0.0);
        if v.is_finite() {
            v.max(0.0)
        } else {
            0.0
        }
    }

    /// [`expected_purchases`](Self::expected_purchases) before the P(alive) factor (it does
    /// not depend on recency); `None` where it is not finite.
    pub fn expected_purchases_if_alive(&self, t: f64, frequency: f64, t_cal: f64) -> Option<f64> {
        if t <= 0.0 {
            return Some(0.0);
        }
        let ParetoNbdParams { r, alpha, s, beta } = *self;
        let ln_ratio = ((beta + t_cal) / (beta + t_cal + t)).ln();
        let s1 = s - 1.0;
        let bracket = if s1.abs() < 1e-9 { -ln_ratio } else { -(s1 * ln_ratio).exp_m1() / s1 };
        let v = (r + frequency) * (beta + t_cal) / (alpha + t_cal) * bracket;
        v.is_finite().then_some(v.max(0.0))
    }
}

/// ln A₀ from its two terms at t_x and T: −∞ when t_x = T (A₀ = 0).
fn a0_from_terms(first: f64, second: f64) -> Option<f64> {
    let d = second - first;
    if d >= 0.0 {
        return Some(f64::NEG_INFINITY);
    }
    // ln(1 − e^d) without cancellation on either side of d = −ln 2.
    let ln_one_minus = if d > -std::f64::consts::LN_2 { (-d.exp_m1()).ln() } else { (-d.exp()).ln_1p() };
    Some(first + ln_one_minus)
}

/// One customer's log-likelihood from its parts; −∞ where they cannot be evaluated.
fn log_likelihood_of(parts: Option<(f64, f64, f64)>) -> f64 {
    match parts {
        Some((a1, alive, died)) => {
            let v = a1 + log_add_exp(alive, died);
            if v.is_nan() {
                f64::NEG_INFINITY
            } else {
                v
            }
        }
        None => f64::NEG_INFINITY,
    }
}

/// Scaled histories with the distinct (x, τ) pairs their A₀ terms need: `pairs` holds each
/// (x, τ) once, and each history (i, j, x, T, weight) points at its (x, t_x) and (x, T).
struct Histories {
    pairs: Vec<(f64, f64)>,
    rows: Vec<(u32, u32, f64, f64, f64)>,
}

impl Histories {
    fn of(histories: impl Iterator<Item = (f64, f64, f64, f64)>) -> Histories {
        let mut index: rustc_hash::FxHashMap<(u64, u64), u32> = rustc_hash::FxHashMap::default();
        let mut pairs = Vec::new();
        let mut slot = |x: f64, tau: f64| {
            *index.entry((x.to_bits(), tau.to_bits())).or_insert_with(|| {
                pairs.push((x, tau));
                (pairs.len() - 1) as u32
            })
        };
        let rows = histories.map(|(x, rec, t, w)| (slot(x, rec), slot(x, t), x, t, w)).collect();
        Histories { pairs, rows }
    }
}

/// The mean negative log-likelihood in log-parameters (r, α, s, β) of scaled histories: the
/// same sum as one `log_likelihood` per history, with each A₀ term computed once per pair.
fn mean_nll_at(theta: &[f64], h: &Histories, customers: f64) -> f64 {
    let p = ParetoNbdParams { r: theta[0].exp(), alpha: theta[1].exp(), s: theta[2].exp(), beta: theta[3].exp() };
    let terms: Vec<Option<f64>> = h.pairs.iter().map(|&(x, tau)| p.ln_term(x, tau)).collect();
    mean_nll(theta, &h.rows, |row| row.4, customers, |&(i, j, x, t, _)| {
        let a0 = match (terms[i as usize], terms[j as usize]) {
            (Some(first), Some(second)) => a0_from_terms(first, second),
            _ => None,
        };
        log_likelihood_of(a0.and_then(|a0| p.parts_with(x, t, a0)))
    })
}

/// Fits Pareto/NBD by maximum likelihood on the same footing as `lifetimes.ParetoNBDFitter`
/// (time rescaled so that the largest T is 1, α and β un-scaled afterwards, penalizer 0), by
/// BFGS from log-parameters 0.1 with gradient tolerance `options.gradient_tolerance` on the
/// mean negative log-likelihood (lifetimes runs Nelder–Mead from a random start; both stop at
/// the same maximum). Errors as BG/NBD does when the data cannot teach a model anything.
pub fn fit_pareto_nbd(data: &BgNbdData, options: &FitOptions) -> Result<ParetoNbdFit, AnalyticsError> {
    check_fittable(data, "Pareto/NBD")?;
    let scale = 1.0 / data.max_age();
    let histories = Histories::of(data.histories().map(|(x, rec, t, w)| (x, rec * scale, t * scale, w)));
    let customers = data.customers();
    // The derivatives of A₀'s hypergeometric in its parameters have no closed form: the
    // gradient is taken by central differences (eight more passes over the compressed
    // histories per step, at four parameters). Back to the data's time unit, each purchase
    // time density scales by 1/scale.
    let shift = data.total_frequency() * scale.ln();
    let e = estimate("Pareto/NBD", &[0.1; 4], options, customers, shift, |t| mean_nll_at(t, &histories, customers))?;
    let x = &e.theta;
    Ok(ParetoNbdFit {
        params: ParetoNbdParams { r: x[0].exp(), alpha: x[1].exp() / scale, s: x[2].exp(), beta: x[3].exp() / scale },
        // α and β were fitted on scaled time: their errors scale as they do.
        standard_errors: e.standard_errors.map(|se| [se[0], se[1] / scale, se[2], se[3] / scale]),
        diagnostics: e.diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CDNOW: ParetoNbdParams = ParetoNbdParams { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

    #[test]
    fn p_alive_is_one_at_a_purchase_today_and_falls_with_inactivity() {
        assert!((CDNOW.p_alive(3.0, 30.0, 30.0) - 1.0).abs() < 1e-12);
        let recent = CDNOW.p_alive(3.0, 29.0, 30.0);
        let stale = CDNOW.p_alive(3.0, 2.0, 30.0);
        assert!(recent > stale && stale > 0.0 && recent <= 1.0, "{recent} {stale}");
    }

    #[test]
    fn alpha_equal_to_beta_agrees_with_the_closed_form() {
        // α = β: A₀ = (α+t_x)^−c − (α+T)^−c exactly.
        let p = ParetoNbdParams { r: 0.7, alpha: 5.0, s: 0.9, beta: 5.0 };
        let (x, tx, t) = (4.0, 12.0, 30.0);
        let c = p.r + p.s + x;
        let exact = ((p.alpha + tx).powf(-c) - (p.alpha + t).powf(-c)).ln();
        assert!((p.ln_a0(x, tx, t).unwrap() - exact).abs() < 1e-10);
        // And the likelihood is continuous across α = β.
        let near = ParetoNbdParams { beta: 5.0 + 1e-7, ..p };
        assert!((p.log_likelihood(x, tx, t) - near.log_likelihood(x, tx, t)).abs() < 1e-6);
    }

    #[test]
    fn expected_purchases_are_continuous_at_s_equal_one() {
        let at = |s: f64| ParetoNbdParams { s, ..CDNOW }.expected_purchases(52.0, 3.0, 20.0, 40.0);
        assert!((at(1.0) - at(1.0 + 1e-6)).abs() < 1e-5);
        assert!(at(1.0) > 0.0);
    }

    #[test]
    fn frequent_buyers_stay_finite() {
        for x in [50.0, 500.0, 5000.0] {
            let ll = CDNOW.log_likelihood(x, 70.0, 78.0);
            let e = CDNOW.expected_purchases(52.0, x, 70.0, 78.0);
            let p = CDNOW.p_alive(x, 70.0, 78.0);
            assert!(ll.is_finite() && e.is_finite() && e >= 0.0 && (0.0..=1.0).contains(&p), "{x}: {ll} {e} {p}");
        }
    }
}
