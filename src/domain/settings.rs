//! Workspace settings: every knob of METRICS.md with its default, and their validation.

use super::enums::named_enum;
use super::{InteractionKind, Money};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

named_enum! {
    /// The time unit of the RFM summary and the models.
    pub enum TimeUnit {
        /// Days (the default).
        Days => "days",
        /// Weeks = days / 7 as a fraction.
        Weeks => "weeks",
    }
}

impl TimeUnit {
    /// Days in one period of this unit.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Days => 1.0,
            TimeUnit::Weeks => 7.0,
        }
    }

    /// Periods per month as `lifetimes` counts them: 30 days or 4.345 weeks.
    pub fn periods_per_month(self) -> f64 {
        match self {
            TimeUnit::Days => 30.0,
            TimeUnit::Weeks => 4.345,
        }
    }
}

named_enum! {
    /// What ranks customers in the pyramid.
    pub enum PyramidBasis {
        /// Revenue over the analysis window (the default).
        Revenue => "revenue",
        /// Current profit.
        Profit => "profit",
        /// Customer lifetime value.
        Clv => "clv",
    }
}

/// A threshold separating "high" from "low" (value ≥ threshold is high).
///
/// Serde: `{"kind": "median"}` / `{"kind": "value", "value": 2.5}` in human-readable formats (the
/// objects IndexedDB keeps), plain variants in compact ones (see `domain::tagged`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Threshold {
    /// The median over the customers being classified (the default).
    #[default]
    Median,
    /// A fixed value in currency units.
    Value(f64),
}

/// The four thresholds of the two quadrant charts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct QuadrantThresholds {
    /// Current quadrant: gross margin.
    pub gross_margin: Threshold,
    /// Current quadrant: cost to serve.
    pub cost_to_serve: Threshold,
    /// Future quadrant: current profit.
    pub profit: Threshold,
    /// Future quadrant: future profit.
    pub future_profit: Threshold,
}

/// The analysis window: transactions on or after `start` (if set) and up to `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AnalysisWindow {
    /// First day included; `None` = all history.
    pub start: Option<NaiveDate>,
}

/// Cost of serving one interaction, per kind (default 0 each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct InteractionCosts {
    /// (kind, cost) pairs; kinds not listed cost 0.
    pub costs: Vec<(InteractionKind, Money)>,
}

impl InteractionCosts {
    /// The cost of one interaction of `kind`.
    pub fn cost(&self, kind: InteractionKind) -> Money {
        self.costs
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, c)| *c)
            .unwrap_or(Money::ZERO)
    }

    /// Sets the cost of `kind`.
    pub fn set(&mut self, kind: InteractionKind, cost: Money) {
        match self.costs.iter_mut().find(|(k, _)| *k == kind) {
            Some(entry) => entry.1 = cost,
            None => self.costs.push((kind, cost)),
        }
    }
}

/// Every setting of METRICS.md, with its default (see `Default`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Analysis date; `None` = the latest day of any record (order, return, interaction, exit).
    pub as_of: Option<NaiveDate>,
    /// Analysis window (default: all history).
    pub window: AnalysisWindow,
    /// Gross margin rate applied to a transaction without a cost (default 0.30).
    pub default_margin: f64,
    /// Cost of serving one order (default 0).
    pub cost_per_order: Money,
    /// Cost of one interaction, per kind (default 0 each).
    pub interaction_costs: InteractionCosts,
    /// Annual discount rate (default 0.10).
    pub annual_discount_rate: f64,
    /// CLV horizon in months (default 12).
    pub clv_horizon_months: u32,
    /// Time unit of the summary and models (default days).
    pub time_unit: TimeUnit,
    /// Quadrant thresholds (default: medians).
    pub quadrant_thresholds: QuadrantThresholds,
    /// Pyramid ranking basis (default revenue).
    pub pyramid_basis: PyramidBasis,
    /// A customer without a recorded exit is at risk when p_alive is below this (default 0.5).
    pub at_risk_p_alive: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            as_of: None,
            window: AnalysisWindow::default(),
            default_margin: 0.30,
            cost_per_order: Money::ZERO,
            interaction_costs: InteractionCosts::default(),
            annual_discount_rate: 0.10,
            clv_horizon_months: 12,
            time_unit: TimeUnit::Days,
            quadrant_thresholds: QuadrantThresholds::default(),
            pyramid_basis: PyramidBasis::Revenue,
            at_risk_p_alive: 0.5,
        }
    }
}

/// One problem with one setting: the field's name and a sentence a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingIssue {
    /// The field, as named in `Settings`.
    pub field: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

impl Settings {
    /// The monthly discount rate (1 + annual)^(1/12) − 1 (METRICS.md, "Settings").
    pub fn monthly_discount_rate(&self) -> f64 {
        (1.0 + self.annual_discount_rate).powf(1.0 / 12.0) - 1.0
    }

    /// Every problem with these settings; empty when they are usable.
    pub fn validate(&self) -> Vec<SettingIssue> {
        let mut issues = Vec::new();
        let mut push =
            |field: &'static str, message: String| issues.push(SettingIssue { field, message });
        if !(self.default_margin.is_finite() && (0.0..=1.0).contains(&self.default_margin)) {
            push(
                "default_margin",
                "The default margin must be between 0% and 100%.".into(),
            );
        }
        if self.cost_per_order.minor() < 0 {
            push(
                "cost_per_order",
                "The cost per order cannot be negative.".into(),
            );
        }
        for (kind, cost) in &self.interaction_costs.costs {
            if cost.minor() < 0 {
                push(
                    "interaction_costs",
                    format!("The cost of an interaction of kind {kind} cannot be negative."),
                );
            }
        }
        if !(self.annual_discount_rate.is_finite()
            && (0.0..=1.0).contains(&self.annual_discount_rate))
        {
            push(
                "annual_discount_rate",
                "The annual discount rate must be between 0% and 100%.".into(),
            );
        }
        if !(1..=120).contains(&self.clv_horizon_months) {
            push(
                "clv_horizon_months",
                "The CLV horizon must be between 1 and 120 months.".into(),
            );
        }
        if !(self.at_risk_p_alive.is_finite() && (0.0..=1.0).contains(&self.at_risk_p_alive)) {
            push(
                "at_risk_p_alive",
                "The at-risk threshold is a probability between 0 and 1.".into(),
            );
        }
        if let (Some(start), Some(as_of)) = (self.window.start, self.as_of) {
            if start > as_of {
                push(
                    "window",
                    "The analysis window starts after the analysis date; move its start earlier."
                        .into(),
                );
            }
        }
        let t = &self.quadrant_thresholds;
        for (field, threshold) in [
            ("quadrant_thresholds.gross_margin", t.gross_margin),
            ("quadrant_thresholds.cost_to_serve", t.cost_to_serve),
            ("quadrant_thresholds.profit", t.profit),
            ("quadrant_thresholds.future_profit", t.future_profit),
        ] {
            if let Threshold::Value(v) = threshold {
                if !v.is_finite() {
                    push(
                        field,
                        "A threshold must be a number; leave it empty to use the median.".into(),
                    );
                }
            }
        }
        issues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_settings_are_valid_and_match_metrics_md() {
        let s = Settings::default();
        assert!(s.validate().is_empty());
        assert_eq!(s.default_margin, 0.30);
        assert_eq!(s.clv_horizon_months, 12);
        assert!((s.monthly_discount_rate() - 0.007_974_140_428).abs() < 1e-9);
    }

    #[test]
    fn validate_names_each_bad_field() {
        let s = Settings {
            default_margin: 1.5,
            annual_discount_rate: f64::NAN,
            clv_horizon_months: 0,
            at_risk_p_alive: -0.1,
            ..Settings::default()
        };
        let fields: Vec<_> = s.validate().iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            [
                "default_margin",
                "annual_discount_rate",
                "clv_horizon_months",
                "at_risk_p_alive"
            ]
        );
    }

    #[test]
    fn settings_round_trip_through_json() {
        let mut s = Settings::default();
        s.interaction_costs.set(InteractionKind::Visit, Money(2500));
        s.quadrant_thresholds.profit = Threshold::Value(120.0);
        let json = serde_json::to_string(&s).unwrap();
        let back: Settings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert_eq!(
            back.interaction_costs.cost(InteractionKind::Visit),
            Money(2500)
        );
        assert_eq!(
            back.interaction_costs.cost(InteractionKind::Call),
            Money::ZERO
        );
    }
}
