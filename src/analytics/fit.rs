//! What every model fit reports (diagnostics) and accepts (options).

use serde::{Deserialize, Serialize};

/// How a maximum-likelihood fit went. Part of every fit's result.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FitDiagnostics {
    /// The log-likelihood at the estimate, as a full sum over customers in the data's own time
    /// unit (Fader, Hardie & Lee 2005, eq. 6; not `lifetimes`' per-customer mean).
    pub log_likelihood: f64,
    /// Whether the minimiser met its convergence rule.
    pub converged: bool,
    /// BFGS iterations.
    pub iterations: u32,
    /// Likelihood evaluations.
    pub evaluations: u32,
    /// Largest absolute gradient component of the mean negative log-likelihood in
    /// log-parameter space at the estimate.
    pub gradient_norm: f64,
}

/// Options of a model fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FitOptions {
    /// Gradient tolerance on the mean negative log-likelihood (`lifetimes` passes 1e-7 to scipy).
    pub gradient_tolerance: f64,
    /// Iteration cap.
    pub max_iterations: u32,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            gradient_tolerance: 1e-7,
            max_iterations: 500,
        }
    }
}

/// The log-parameters are kept in [−LOG_PARAM_BOUND, LOG_PARAM_BOUND]: beyond it a fit is
/// running away to a boundary of the parameter space (degenerate data), and stopping there keeps
/// every prediction finite.
pub(crate) const LOG_PARAM_BOUND: f64 = 30.0;

/// An objective given by its value alone, with the gradient by central differences (step
/// 1e-6 in log-parameters): for likelihoods whose parameter derivatives have no closed form
/// (hypergeometric terms) or are not worth writing out for three or four parameters. Values
/// that are not finite mark points outside the domain.
pub(crate) struct CentralDifferences<F>(pub F);

impl<F: Fn(&[f64]) -> f64> super::optimize::Objective for CentralDifferences<F> {
    fn value_and_gradient(&mut self, theta: &[f64], grad: &mut [f64]) -> f64 {
        const STEP: f64 = 1e-6;
        let value = (self.0)(theta);
        if !value.is_finite() {
            return f64::INFINITY;
        }
        let mut point = theta.to_vec();
        for i in 0..theta.len() {
            point[i] = theta[i] + STEP;
            let plus = (self.0)(&point);
            point[i] = theta[i] - STEP;
            let minus = (self.0)(&point);
            point[i] = theta[i];
            grad[i] = (plus - minus) / (2.0 * STEP);
        }
        value
    }
}

/// The mean negative log-likelihood of per-history log-likelihoods `ll` (weighted, weights
/// summing to `customers`), ∞ outside the log-parameter box or where any history's is NaN.
pub(crate) fn mean_nll<H>(theta: &[f64], histories: &[H], weight: impl Fn(&H) -> f64, customers: f64, ll: impl Fn(&H) -> f64) -> f64 {
    if theta.iter().any(|v| !v.is_finite() || v.abs() > LOG_PARAM_BOUND) {
        return f64::INFINITY;
    }
    let total: f64 = histories.iter().map(|h| weight(h) * ll(h)).sum();
    let v = -total / customers;
    if v.is_nan() {
        f64::INFINITY
    } else {
        v
    }
}

/// A maximum-likelihood estimate in log-parameters, as the models without an exact gradient
/// reach it.
pub(crate) struct Estimate {
    /// The log-parameters at the estimate.
    pub theta: Vec<f64>,
    /// The mean negative log-likelihood there.
    pub value: f64,
    /// Standard errors of the natural parameters (`None` at a boundary).
    pub standard_errors: Option<Vec<f64>>,
    /// How the search went; the log-likelihood is the full sum plus `ll_shift`.
    pub diagnostics: FitDiagnostics,
}

/// Minimises `mean_nll` (a mean over `customers`) by BFGS from `start` with central-difference
/// gradients, then takes the standard errors there. `ll_shift` turns −mean·customers into the
/// reported log-likelihood (the Jacobian of a time rescaling, 0 without one). An error
/// sentence for `model` when the likelihood cannot be evaluated.
pub(crate) fn estimate(
    model: &'static str,
    start: &[f64],
    options: &FitOptions,
    customers: f64,
    ll_shift: f64,
    mean_nll: impl Fn(&[f64]) -> f64,
) -> Result<Estimate, super::error::AnalyticsError> {
    let bfgs = super::optimize::BfgsOptions {
        gradient_tolerance: options.gradient_tolerance,
        max_iterations: options.max_iterations,
        ..super::optimize::BfgsOptions::default()
    };
    let result = super::optimize::minimize(&mut CentralDifferences(&mean_nll), start, &bfgs);
    if !result.value.is_finite() || result.x.iter().any(|v| !v.is_finite()) {
        return Err(super::error::AnalyticsError::CannotFit {
            model,
            reason: "the likelihood could not be evaluated on these data; check for extreme values.".into(),
        });
    }
    let standard_errors = standard_errors(&mean_nll, &result.x, customers);
    Ok(Estimate {
        diagnostics: FitDiagnostics {
            log_likelihood: -result.value * customers + ll_shift,
            converged: result.converged,
            iterations: result.iterations,
            evaluations: result.evaluations,
            gradient_norm: result.gradient_norm,
        },
        theta: result.x,
        value: result.value,
        standard_errors,
    })
}

/// Validated model parameters: `values` when all are finite and positive, else the sentence
/// naming them.
pub(crate) fn positive<const N: usize>(model: &str, names: &str, values: [f64; N]) -> Result<[f64; N], super::error::AnalyticsError> {
    if values.iter().all(|v| v.is_finite() && *v > 0.0) {
        Ok(values)
    } else {
        Err(super::error::AnalyticsError::InvalidInput(format!("{model} parameters {names} must all be positive numbers.")))
    }
}

/// Standard errors of fitted parameters from the curvature of the log-likelihood at the
/// estimate, as `lifetimes`' `summary` computes them: H is the Hessian of the full-sum negative
/// log-likelihood in log-parameters, and se(pᵢ) = pᵢ·√(H⁻¹)ᵢᵢ (the delta method back to the
/// natural parameter). The same in any time unit: rescaling time shifts a log-scale parameter
/// and the log-likelihood by constants only.
///
/// `mean_nll` is the mean negative log-likelihood per customer in log-parameters (what the fits
/// minimise) and `customers` the weight it is a mean over. The Hessian is taken by central
/// differences: every model here has an exact gradient or none, and second derivatives of the
/// hypergeometric terms in their parameters have no closed form. `None` when the curvature is
/// not positive definite (a boundary estimate: the error is not defined) or not finite.
pub fn standard_errors(
    mean_nll: impl Fn(&[f64]) -> f64,
    theta: &[f64],
    customers: f64,
) -> Option<Vec<f64>> {
    let k = theta.len();
    let h = 1e-4;
    let mut point = theta.to_vec();
    let at = |point: &mut Vec<f64>, moves: &[(usize, f64)]| {
        for &(i, d) in moves {
            point[i] += d;
        }
        let v = mean_nll(point);
        for &(i, d) in moves {
            point[i] -= d;
        }
        v
    };
    let centre = at(&mut point, &[]);
    let mut hessian = vec![vec![0.0; k]; k];
    for i in 0..k {
        let plus = at(&mut point, &[(i, h)]);
        let minus = at(&mut point, &[(i, -h)]);
        hessian[i][i] = (plus - 2.0 * centre + minus) / (h * h) * customers;
        for j in 0..i {
            let pp = at(&mut point, &[(i, h), (j, h)]);
            let pm = at(&mut point, &[(i, h), (j, -h)]);
            let mp = at(&mut point, &[(i, -h), (j, h)]);
            let mm = at(&mut point, &[(i, -h), (j, -h)]);
            let v = (pp - pm - mp + mm) / (4.0 * h * h) * customers;
            hessian[i][j] = v;
            hessian[j][i] = v;
        }
    }
    errors_from_hessian(&hessian, theta)
}

/// [`standard_errors`] for a model with an exact gradient: the Hessian by central differences
/// of the gradient, 2k evaluations instead of the 2k² + 1 of second differences of the value
/// (a quarter of the time at four parameters, and no cancellation of two tiny differences).
/// `mean_gradient` writes the gradient of the mean negative log-likelihood at a point in
/// log-parameters into its second argument.
pub fn standard_errors_from_gradient(
    mut mean_gradient: impl FnMut(&[f64], &mut [f64]),
    theta: &[f64],
    customers: f64,
) -> Option<Vec<f64>> {
    let k = theta.len();
    let h = 1e-5;
    let mut point = theta.to_vec();
    let (mut plus, mut minus) = (vec![0.0; k], vec![0.0; k]);
    let mut hessian = vec![vec![0.0; k]; k];
    for j in 0..k {
        point[j] = theta[j] + h;
        mean_gradient(&point, &mut plus);
        point[j] = theta[j] - h;
        mean_gradient(&point, &mut minus);
        point[j] = theta[j];
        for i in 0..k {
            hessian[i][j] = (plus[i] - minus[i]) / (2.0 * h) * customers;
        }
    }
    // The two halves estimate the same second derivative: take their mean.
    for i in 0..k {
        for j in 0..i {
            let v = 0.5 * (hessian[i][j] + hessian[j][i]);
            hessian[i][j] = v;
            hessian[j][i] = v;
        }
    }
    errors_from_hessian(&hessian, theta)
}

/// se(pᵢ) = pᵢ·√(H⁻¹)ᵢᵢ from the Hessian `hessian` of the log-likelihood in the
/// log-parameters `theta`; `None` unless H is positive definite and every error finite.
fn errors_from_hessian(hessian: &[Vec<f64>], theta: &[f64]) -> Option<Vec<f64>> {
    let inverse = invert_positive_definite(hessian)?;
    let se: Vec<f64> = (0..theta.len())
        .map(|i| theta[i].exp() * inverse[i][i].sqrt())
        .collect();
    se.iter().all(|v| v.is_finite() && *v > 0.0).then_some(se)
}

/// The inverse of a small symmetric positive-definite matrix by Cholesky factorisation; `None`
/// when it is not positive definite.
fn invert_positive_definite(m: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let k = m.len();
    let mut l = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..=i {
            let sum: f64 = (0..j).map(|p| l[i][p] * l[j][p]).sum();
            if i == j {
                let d = m[i][i] - sum;
                if !(d.is_finite() && d > 0.0) {
                    return None;
                }
                l[i][j] = d.sqrt();
            } else {
                l[i][j] = (m[i][j] - sum) / l[j][j];
            }
        }
    }
    // Columns of L⁻¹ by forward substitution, then M⁻¹ = L⁻ᵀ L⁻¹.
    let mut inv_l = vec![vec![0.0; k]; k];
    for c in 0..k {
        for i in c..k {
            let rhs = if i == c { 1.0 } else { 0.0 };
            let sum: f64 = (c..i).map(|p| l[i][p] * inv_l[p][c]).sum();
            inv_l[i][c] = (rhs - sum) / l[i][i];
        }
    }
    let mut out = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..k {
            out[i][j] = (i.max(j)..k).map(|p| inv_l[p][i] * inv_l[p][j]).sum();
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inverse_of_a_positive_definite_matrix_gives_the_identity() {
        let m = vec![vec![4.0, 1.0, 0.5], vec![1.0, 3.0, 0.2], vec![0.5, 0.2, 2.0]];
        let inv = invert_positive_definite(&m).expect("positive definite");
        for i in 0..3 {
            for j in 0..3 {
                let v: f64 = (0..3).map(|p| m[i][p] * inv[p][j]).sum();
                assert!((v - if i == j { 1.0 } else { 0.0 }).abs() < 1e-12);
            }
        }
        assert!(invert_positive_definite(&[vec![1.0, 2.0], vec![2.0, 1.0]]).is_none());
    }

    #[test]
    fn standard_errors_of_a_normal_mean_are_sigma_over_root_n() {
        // n draws from N(μ, 1) with μ = e^θ: −ℓ/n = ½(e^θ − x̄)² + c, so se(μ) = 1/√n.
        let (mean, n) = (2.5f64, 400.0);
        let se = standard_errors(|t| 0.5 * (t[0].exp() - mean).powi(2), &[mean.ln()], n).expect("se");
        assert!((se[0] - 1.0 / n.sqrt()).abs() < 1e-6, "{se:?}");
    }

    #[test]
    fn the_gradient_hessian_gives_the_value_hessian_errors() {
        // Two correlated parameters: −ℓ/n = ½(e^θ₀ − 2)² + ½(e^θ₁ − 3)² + 0.3(e^θ₀ − 2)(e^θ₁ − 3).
        let value = |t: &[f64]| {
            let (u, v) = (t[0].exp() - 2.0, t[1].exp() - 3.0);
            0.5 * u * u + 0.5 * v * v + 0.3 * u * v
        };
        let gradient = |t: &[f64], g: &mut [f64]| {
            let (u, v) = (t[0].exp() - 2.0, t[1].exp() - 3.0);
            g[0] = (u + 0.3 * v) * t[0].exp();
            g[1] = (v + 0.3 * u) * t[1].exp();
        };
        let theta = [2f64.ln(), 3f64.ln()];
        let by_value = standard_errors(value, &theta, 250.0).expect("se");
        let by_gradient = standard_errors_from_gradient(gradient, &theta, 250.0).expect("se");
        for (a, b) in by_value.iter().zip(&by_gradient) {
            assert!((a - b).abs() < 1e-6 * a, "{by_value:?} {by_gradient:?}");
        }
        // A point that is no minimum (curvature not positive definite) has no errors.
        let saddle = |t: &[f64], g: &mut [f64]| {
            g[0] = t[0];
            g[1] = -t[1];
        };
        assert!(standard_errors_from_gradient(saddle, &[0.0, 0.0], 10.0).is_none());
    }
}
