//! The Settings page's raw input → validated `Settings` (and the workspace currency),
//! with a problem per field.

use super::{InteractionKind, Money, PyramidBasis, Settings, Threshold, TimeUnit};
use chrono::NaiveDate;

/// What is wrong with a settings field.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingProblem {
    /// Not a number.
    NotANumber(String),
    /// A number outside its range (bounds in the units the person typed).
    OutOfRange { min: f64, max: f64 },
    /// Not a date.
    NotADate(String),
    /// The analysis window starts after the analysis date.
    WindowAfterAsOf,
    /// Not a three-letter currency code.
    Currency(String),
}

/// A settings field and its problem.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingError {
    pub field: String,
    pub problem: SettingProblem,
}

/// Every setting as typed: percentages as percentages, money in currency units, an
/// empty threshold meaning "the median".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SettingsForm {
    pub as_of: String,
    pub window_start: String,
    pub default_margin_pct: String,
    pub cost_per_order: String,
    /// (kind, cost) for every interaction kind.
    pub interaction_costs: Vec<(InteractionKind, String)>,
    pub annual_discount_pct: String,
    pub horizon_months: String,
    pub time_unit: String,
    pub threshold_gross_margin: String,
    pub threshold_cost_to_serve: String,
    pub threshold_profit: String,
    pub threshold_future_profit: String,
    pub pyramid_basis: String,
    pub at_risk_pct: String,
    pub currency: String,
}

fn number_text(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

fn threshold_text(t: Threshold) -> String {
    match t {
        Threshold::Median => String::new(),
        Threshold::Value(v) => number_text(v),
    }
}

impl SettingsForm {
    /// The form filled from settings.
    pub fn from_settings(s: &Settings, currency: &str) -> SettingsForm {
        let date = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        SettingsForm {
            as_of: date(s.as_of),
            window_start: date(s.window.start),
            default_margin_pct: number_text(s.default_margin * 100.0),
            cost_per_order: number_text(s.cost_per_order.to_major()),
            interaction_costs: InteractionKind::ALL
                .iter()
                .map(|k| (*k, number_text(s.interaction_costs.cost(*k).to_major())))
                .collect(),
            annual_discount_pct: number_text(s.annual_discount_rate * 100.0),
            horizon_months: s.clv_horizon_months.to_string(),
            time_unit: s.time_unit.as_str().to_string(),
            threshold_gross_margin: threshold_text(s.quadrant_thresholds.gross_margin),
            threshold_cost_to_serve: threshold_text(s.quadrant_thresholds.cost_to_serve),
            threshold_profit: threshold_text(s.quadrant_thresholds.profit),
            threshold_future_profit: threshold_text(s.quadrant_thresholds.future_profit),
            pyramid_basis: s.pyramid_basis.as_str().to_string(),
            at_risk_pct: number_text(s.at_risk_p_alive * 100.0),
            currency: currency.to_string(),
        }
    }

    /// The settings and currency, or every field's problem.
    pub fn validate(&self) -> Result<(Settings, String), Vec<SettingError>> {
        let mut errors: Vec<SettingError> = Vec::new();
        let mut err = |field: &str, problem: SettingProblem| {
            errors.push(SettingError {
                field: field.to_string(),
                problem,
            })
        };
        let mut number = |field: &str, text: &str, min: f64, max: f64| -> Option<f64> {
            let t = text.trim().replace(',', ".");
            match t.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= min && v <= max => Some(v),
                Ok(v) if v.is_finite() => {
                    err(field, SettingProblem::OutOfRange { min, max });
                    None
                }
                _ => {
                    err(field, SettingProblem::NotANumber(text.trim().to_string()));
                    None
                }
            }
        };
        let margin = number("default_margin_pct", &self.default_margin_pct, 0.0, 100.0);
        let cost_per_order = number("cost_per_order", &self.cost_per_order, 0.0, 1e9);
        let discount = number("annual_discount_pct", &self.annual_discount_pct, 0.0, 100.0);
        let horizon = number("horizon_months", &self.horizon_months, 1.0, 120.0);
        let at_risk = number("at_risk_pct", &self.at_risk_pct, 0.0, 100.0);
        let mut kind_costs = Vec::new();
        for (kind, text) in &self.interaction_costs {
            if text.trim().is_empty() {
                kind_costs.push((*kind, Money::ZERO));
            } else if let Some(v) = number(
                &format!("interaction_cost.{}", kind.as_str()),
                text,
                0.0,
                1e9,
            ) {
                kind_costs.push((*kind, Money::from_major(v).unwrap_or(Money::ZERO)));
            }
        }
        let mut threshold = |field: &str, text: &str| -> Option<Threshold> {
            if text.trim().is_empty() {
                return Some(Threshold::Median);
            }
            number(field, text, -1e12, 1e12).map(Threshold::Value)
        };
        let thresholds = (
            threshold("threshold_gross_margin", &self.threshold_gross_margin),
            threshold("threshold_cost_to_serve", &self.threshold_cost_to_serve),
            threshold("threshold_profit", &self.threshold_profit),
            threshold("threshold_future_profit", &self.threshold_future_profit),
        );
        let mut date = |field: &str, text: &str| -> Option<Option<NaiveDate>> {
            let t = text.trim();
            if t.is_empty() {
                return Some(None);
            }
            match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
                Ok(d) => Some(Some(d)),
                Err(_) => {
                    errors.push(SettingError {
                        field: field.to_string(),
                        problem: SettingProblem::NotADate(t.to_string()),
                    });
                    None
                }
            }
        };
        let as_of = date("as_of", &self.as_of);
        let window_start = date("window_start", &self.window_start);
        if let (Some(Some(start)), Some(Some(as_of))) = (window_start, as_of) {
            if start > as_of {
                errors.push(SettingError {
                    field: "window_start".into(),
                    problem: SettingProblem::WindowAfterAsOf,
                });
            }
        }
        let currency = self.currency.trim().to_uppercase();
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            errors.push(SettingError {
                field: "currency".into(),
                problem: SettingProblem::Currency(self.currency.trim().to_string()),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (Some(margin), Some(cost_per_order), Some(discount), Some(horizon), Some(at_risk)) =
            (margin, cost_per_order, discount, horizon, at_risk)
        else {
            return Err(errors);
        };
        let (Some(gm), Some(cts), Some(p), Some(fp)) = thresholds else {
            return Err(errors);
        };
        let mut settings = Settings {
            as_of: as_of.flatten(),
            default_margin: margin / 100.0,
            cost_per_order: Money::from_major(cost_per_order).unwrap_or(Money::ZERO),
            annual_discount_rate: discount / 100.0,
            clv_horizon_months: horizon.round() as u32,
            time_unit: TimeUnit::parse(self.time_unit.trim()).unwrap_or(TimeUnit::Days),
            pyramid_basis: PyramidBasis::parse(self.pyramid_basis.trim())
                .unwrap_or(PyramidBasis::Revenue),
            at_risk_p_alive: at_risk / 100.0,
            ..Settings::default()
        };
        settings.window.start = window_start.flatten();
        for (kind, cost) in kind_costs {
            settings.interaction_costs.set(kind, cost);
        }
        settings.quadrant_thresholds.gross_margin = gm;
        settings.quadrant_thresholds.cost_to_serve = cts;
        settings.quadrant_thresholds.profit = p;
        settings.quadrant_thresholds.future_profit = fp;
        Ok((settings, currency))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_survive_a_round_trip_through_the_form() {
        let s = Settings::default();
        let form = SettingsForm::from_settings(&s, "EUR");
        assert_eq!(form.default_margin_pct, "30");
        assert_eq!(form.annual_discount_pct, "10");
        let (back, currency) = form.validate().expect("valid");
        assert_eq!(currency, "EUR");
        assert_eq!(back.default_margin, s.default_margin);
        assert_eq!(back.clv_horizon_months, 12);
        assert!((back.annual_discount_rate - 0.10).abs() < 1e-12);
        assert_eq!(back.quadrant_thresholds.profit, Threshold::Median);
    }

    #[test]
    fn bad_fields_are_named_and_decimal_commas_accepted() {
        let mut form = SettingsForm::from_settings(&Settings::default(), "usd");
        form.default_margin_pct = "12,5".into();
        form.horizon_months = "0".into();
        form.annual_discount_pct = "ten".into();
        form.window_start = "2026-12-01".into();
        form.as_of = "2026-11-01".into();
        form.currency = "dollars".into();
        form.threshold_profit = "150".into();
        let errors = form.validate().expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "annual_discount_pct",
                "horizon_months",
                "window_start",
                "currency"
            ]
        );
        assert_eq!(
            errors[1].problem,
            SettingProblem::OutOfRange {
                min: 1.0,
                max: 120.0
            }
        );
        form.horizon_months = "24".into();
        form.annual_discount_pct = "8".into();
        form.window_start = "".into();
        form.currency = "gbp".into();
        let (s, c) = form.validate().expect("valid now");
        assert_eq!(s.default_margin, 0.125);
        assert_eq!(s.quadrant_thresholds.profit, Threshold::Value(150.0));
        assert_eq!(c, "GBP");
    }
}
