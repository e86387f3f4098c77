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
