//! The repeat-purchase model as one seam: which model ([`ModelKind`]), its fitted parameters
//! ([`RepeatModel`], through which P(alive), expected purchases and the CLV's discounted
//! purchases go whatever the model), and the fit as a modeller reads it ([`FittedModel`]:
//! parameters, standard errors, log-likelihood, AIC, BIC, convergence, iterations).

use super::bg_nbd::{fit_bg_nbd, standard_errors, BgNbdData, BgNbdParams};
use super::error::AnalyticsError;
use super::fit::{FitDiagnostics, FitOptions};
use super::mbg_nbd::{fit_mbg_nbd, MbgNbdParams};
use super::pareto_nbd::{fit_pareto_nbd, ParetoNbdParams};
use serde::{Deserialize, Serialize};

/// A repeat-purchase model for continuous time (purchases any day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ModelKind {
    /// BG/NBD (Fader, Hardie & Lee 2005): `lifetimes.BetaGeoFitter`.
    #[default]
    BgNbd,
    /// Pareto/NBD (Schmittlein, Morrison & Colombo 1987): `lifetimes.ParetoNBDFitter`.
    ParetoNbd,
    /// MBG/NBD (Batislam et al. 2007): `lifetimes.ModifiedBetaGeoFitter`.
    MbgNbd,
}

impl ModelKind {
    /// Every model, in the order they are compared.
    pub const ALL: [ModelKind; 3] = [ModelKind::BgNbd, ModelKind::ParetoNbd, ModelKind::MbgNbd];

    /// The name used by the CLI and the report (`bg-nbd`, `pareto-nbd`, `mbg-nbd`).
    pub const fn name(self) -> &'static str {
        match self {
            ModelKind::BgNbd => "bg-nbd",
            ModelKind::ParetoNbd => "pareto-nbd",
            ModelKind::MbgNbd => "mbg-nbd",
        }
    }

    /// The model as the literature writes it.
    pub const fn label(self) -> &'static str {
        match self {
            ModelKind::BgNbd => "BG/NBD",
            ModelKind::ParetoNbd => "Pareto/NBD",
            ModelKind::MbgNbd => "MBG/NBD",
        }
    }

    /// The model named `name` (as [`ModelKind::name`]).
    pub fn parse(name: &str) -> Option<ModelKind> {
        ModelKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The names of the parameters, in the order [`RepeatModel::params`] gives them.
    pub const fn parameter_names(self) -> [&'static str; 4] {
        match self {
            ModelKind::BgNbd | ModelKind::MbgNbd => ["r", "alpha", "a", "b"],
            ModelKind::ParetoNbd => ["r", "alpha", "s", "beta"],
        }
    }
}

/// A fitted repeat-purchase model: everything the predictions need.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum RepeatModel {
    /// BG/NBD parameters.
    BgNbd(BgNbdParams),
    /// Pareto/NBD parameters.
    ParetoNbd(ParetoNbdParams),
    /// MBG/NBD parameters.
    MbgNbd(MbgNbdParams),
}

impl RepeatModel {
    /// Which model.
    pub fn kind(&self) -> ModelKind {
        match self {
            RepeatModel::BgNbd(_) => ModelKind::BgNbd,
            RepeatModel::ParetoNbd(_) => ModelKind::ParetoNbd,
            RepeatModel::MbgNbd(_) => ModelKind::MbgNbd,
        }
    }

    /// The four parameters, named by [`ModelKind::parameter_names`].
    pub fn params(&self) -> [f64; 4] {
        match *self {
            RepeatModel::BgNbd(p) => [p.r, p.alpha, p.a, p.b],
            RepeatModel::ParetoNbd(p) => [p.r, p.alpha, p.s, p.beta],
            RepeatModel::MbgNbd(p) => [p.r, p.alpha, p.a, p.b],
        }
    }

    /// P(alive | x, t_x, T), in [0, 1].
    pub fn p_alive(&self, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        match self {
            RepeatModel::BgNbd(p) => p.p_alive(frequency, recency, t_cal),
            RepeatModel::ParetoNbd(p) => p.p_alive(frequency, recency, t_cal),
            RepeatModel::MbgNbd(p) => p.p_alive(frequency, recency, t_cal),
        }
    }

    /// E[Y(t) | x, t_x, T] before the P(alive) factor (it does not depend on recency);
    /// `None` where it cannot be evaluated.
    pub fn expected_purchases_if_alive(&self, t: f64, frequency: f64, t_cal: f64) -> Option<f64> {
        match self {
            RepeatModel::BgNbd(p) => p.expected_purchases_if_alive(t, frequency, t_cal),
            RepeatModel::ParetoNbd(p) => p.expected_purchases_if_alive(t, frequency, t_cal),
            RepeatModel::MbgNbd(p) => p.expected_purchases_if_alive(t, frequency, t_cal),
        }
    }

    /// E[Y(t) | x, t_x, T], the conditional expected repeat purchases in the next `t`
    /// periods; never negative or NaN.
    pub fn expected_purchases(&self, t: f64, frequency: f64, recency: f64, t_cal: f64) -> f64 {
        match self {
            RepeatModel::BgNbd(p) => p.expected_purchases(t, frequency, recency, t_cal),
            RepeatModel::ParetoNbd(p) => p.expected_purchases(t, frequency, recency, t_cal),
            RepeatModel::MbgNbd(p) => p.expected_purchases(t, frequency, recency, t_cal),
        }
    }

    /// E[X(t)], the expected repeat purchases of a customer just acquired, in `t` periods
    /// (for the aggregate tracking of the holdout check).
    pub fn unconditional_expected_purchases(&self, t: f64) -> f64 {
        self.expected_purchases(t, 0.0, 0.0, 0.0)
    }

    /// The purchase rate per period of a customer still alive after `frequency` repeat
    /// purchases over `t_cal` periods: E[λ | x, T] = (r + x) / (α + T), the mean of the
    /// Gamma posterior of the Poisson rate, which all three models share (dropout only
    /// decides whether the customer is alive, not how often they buy while they are).
    pub fn rate_if_alive(&self, frequency: f64, t_cal: f64) -> f64 {
        let (r, alpha) = match self {
            RepeatModel::BgNbd(p) => (p.r, p.alpha),
            RepeatModel::ParetoNbd(p) => (p.r, p.alpha),
            RepeatModel::MbgNbd(p) => (p.r, p.alpha),
        };
        (r + frequency) / (alpha + t_cal)
    }
}

/// A fit as a modeller reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedModel {
    /// The estimate.
    pub model: RepeatModel,
    /// Standard errors of the four parameters (`None` where the curvature of the
    /// likelihood is not positive definite, at a boundary estimate).
    pub standard_errors: Option<[f64; 4]>,
    /// Log-likelihood (full sum over customers, data's time unit), convergence, iterations.
    pub diagnostics: FitDiagnostics,
    /// Customers the fit saw.
    pub customers: f64,
}

impl FittedModel {
    /// Akaike's information criterion, 2k − 2 LL (k = 4 parameters).
    pub fn aic(&self) -> f64 {
        2.0 * 4.0 - 2.0 * self.diagnostics.log_likelihood
    }

    /// The Bayesian information criterion, k ln n − 2 LL (n customers).
    pub fn bic(&self) -> f64 {
        4.0 * self.customers.max(1.0).ln() - 2.0 * self.diagnostics.log_likelihood
    }

    /// The 95% interval of each parameter, estimate ± 1.96 standard errors (floored at 0:
    /// every parameter is positive).
    pub fn intervals(&self) -> Option<[(f64, f64); 4]> {
        let se = self.standard_errors?;
        let p = self.model.params();
        Some(std::array::from_fn(|i| ((p[i] - 1.96 * se[i]).max(0.0), p[i] + 1.96 * se[i])))
    }
}

/// Fits `kind` to `data` by maximum likelihood, with the standard errors of its estimate.
pub fn fit_model(kind: ModelKind, data: &BgNbdData, options: &FitOptions) -> Result<FittedModel, AnalyticsError> {
    let customers = data.customers();
    Ok(match kind {
        ModelKind::BgNbd => {
            let f = fit_bg_nbd(data, options)?;
            FittedModel {
                model: RepeatModel::BgNbd(f.params),
                standard_errors: standard_errors(data, &f.params),
                diagnostics: f.diagnostics,
                customers,
            }
        }
        ModelKind::ParetoNbd => {
            let f = fit_pareto_nbd(data, options)?;
            FittedModel {
                model: RepeatModel::ParetoNbd(f.params),
                standard_errors: f.standard_errors,
                diagnostics: f.diagnostics,
                customers,
            }
        }
        ModelKind::MbgNbd => {
            let f = fit_mbg_nbd(data, options)?;
            FittedModel {
                model: RepeatModel::MbgNbd(f.params),
                standard_errors: f.standard_errors,
                diagnostics: f.diagnostics,
                customers,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in ModelKind::ALL {
            assert_eq!(ModelKind::parse(k.name()), Some(k));
        }
        assert_eq!(ModelKind::parse("bgnbd"), None);
    }

    #[test]
    fn the_seam_gives_each_models_own_predictions() {
        let bg = BgNbdParams::new(0.243, 4.414, 0.793, 2.426).expect("valid");
        let m = RepeatModel::BgNbd(bg);
        assert_eq!(m.p_alive(2.0, 30.0, 39.0), bg.p_alive(2.0, 30.0, 39.0));
        assert_eq!(m.expected_purchases(39.0, 2.0, 30.0, 39.0), bg.expected_purchases(39.0, 2.0, 30.0, 39.0));
        let pareto = ParetoNbdParams::new(0.553, 10.578, 0.606, 11.669).expect("valid");
        let m = RepeatModel::ParetoNbd(pareto);
        let direct = pareto.expected_purchases(52.0, 3.0, 20.0, 40.0);
        assert!((m.expected_purchases(52.0, 3.0, 20.0, 40.0) - direct).abs() < 1e-12);
        let split = m.p_alive(3.0, 20.0, 40.0) * m.expected_purchases_if_alive(52.0, 3.0, 40.0).expect("finite");
        assert!((split - direct).abs() < 1e-12);
        // A new customer's expectation is the unconditional one: positive and growing.
        assert!(m.unconditional_expected_purchases(10.0) > 0.0);
        assert!(m.unconditional_expected_purchases(20.0) > m.unconditional_expected_purchases(10.0));
    }
}
