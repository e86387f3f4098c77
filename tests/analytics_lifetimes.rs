//! Agreement with `lifetimes` on its own CDNOW data and on seeded synthetic data, to
//! METRICS.md's tolerances. Fixtures come from scripts/fixtures/make_lifetimes_fixtures.py;
//! this test only reads them.

use chrono::NaiveDate;
use customer_insight::analytics::bg_nbd::{fit_bg_nbd, BgNbdData, BgNbdParams};
use customer_insight::analytics::fit::FitOptions;
use customer_insight::analytics::gamma_gamma::{fit_gamma_gamma, GammaGammaData};
use customer_insight::analytics::tolerance::{params_agree, values_agree, P_ALIVE_ABSOLUTE};
use customer_insight::analytics::{score, ExitInput, InteractionInput, Ledger, ScoreOptions};
use customer_insight::domain::{Money, Settings, TimeUnit, TransactionKind};
use std::collections::HashMap;

#[path = "support/lifetimes.rs"]
mod fixtures;
use fixtures::{csv, f, json, num};

#[test]
fn cdnow_bg_nbd_fit_matches_lifetimes_and_the_published_estimates() {
    let rows = csv("cdnow_summary_weeks.csv");
    let data = BgNbdData::new(rows.iter().map(|r| (num(r, "frequency") as u32, num(r, "recency"), num(r, "T"))));
    let fit = fit_bg_nbd(&data, &FitOptions::default()).unwrap();
    let reference = json("cdnow_weeks_fit.json");
    let (ours, theirs, published) = (fit.params, &reference["bg_nbd"], &reference["published"]);
    assert!(fit.diagnostics.converged, "{:?}", fit.diagnostics);
    for (name, value) in [("r", ours.r), ("alpha", ours.alpha), ("a", ours.a), ("b", ours.b)] {
        assert!(params_agree(value, f(theirs, name)), "{name}: ours {value}, lifetimes {}", f(theirs, name));
        // Published values are rounded to three decimals.
        assert!((value - f(published, name)).abs() <= 0.0006 + 0.001 * f(published, name), "{name}: {value}");
    }
    let ll = fit.diagnostics.log_likelihood;
    assert!((ll - f(published, "log_likelihood")).abs() < 0.05, "log-likelihood {ll}");
    assert!((ll - f(theirs, "log_likelihood")).abs() < 1e-3, "log-likelihood {ll}");
    for probe in reference["probes"].as_array().unwrap() {
        let (x, rec, t) = (f(probe, "frequency"), f(probe, "recency"), f(probe, "T"));
        let p = ours.p_alive(x, rec, t);
        assert!((p - f(probe, "p_alive")).abs() <= P_ALIVE_ABSOLUTE, "p_alive {x} {rec} {t}: {p}");
        for (horizon, key) in [(39.0, "expected_purchases_39"), (52.0, "expected_purchases_52")] {
            let e = ours.expected_purchases(horizon, x, rec, t);
            assert!(values_agree(e, f(probe, key)), "{key} {x} {rec} {t}: {e} vs {}", f(probe, key));
        }
    }
}

#[test]
fn cdnow_published_parameters_give_lifetimes_predictions_exactly() {
    // With lifetimes' own parameters our formulas must agree far inside the tolerance.
    let reference = json("cdnow_weeks_fit.json");
    let t = &reference["bg_nbd"];
    let params = BgNbdParams::new(f(t, "r"), f(t, "alpha"), f(t, "a"), f(t, "b")).unwrap();
    for probe in reference["probes"].as_array().unwrap() {
        let (x, rec, tt) = (f(probe, "frequency"), f(probe, "recency"), f(probe, "T"));
        assert!((params.p_alive(x, rec, tt) - f(probe, "p_alive")).abs() < 1e-9);
        let e = params.expected_purchases(52.0, x, rec, tt);
        assert!((e - f(probe, "expected_purchases_52")).abs() < 1e-8 * (1.0 + e), "{e}");
    }
}

#[test]
fn cdnow_gamma_gamma_fit_matches_lifetimes() {
    let rows = csv("cdnow_repeat_spend.csv");
    let data = GammaGammaData::new(rows.iter().map(|r| (num(r, "frequency") as u32, num(r, "monetary_value"))));
    let fit = fit_gamma_gamma(&data, &FitOptions::default()).unwrap();
    let reference = json("cdnow_gamma_gamma_fit.json");
    let theirs = &reference["gamma_gamma"];
    assert!(fit.diagnostics.converged, "{:?}", fit.diagnostics);
    for (name, value) in [("p", fit.params.p), ("q", fit.params.q), ("v", fit.params.v)] {
        assert!(params_agree(value, f(theirs, name)), "{name}: ours {value}, lifetimes {}", f(theirs, name));
    }
    assert!((fit.diagnostics.log_likelihood - f(theirs, "log_likelihood")).abs() < 1e-3);
}

/// Scores a fixture's transactions and compares every customer with lifetimes.
fn check_reference_set(name: &str, unit: TimeUnit) {
    let unit_name = unit.as_str();
    let fit_ref = json(&format!("{name}_{unit_name}_fit.json"));
    let as_of = NaiveDate::parse_from_str(fit_ref["observation_end"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let mut builder = Ledger::builder();
    for row in csv(&format!("{name}_transactions.csv")) {
        let c = builder.customer(&row["customer_id"]);
        let date = NaiveDate::parse_from_str(&row["date"], "%Y-%m-%d").unwrap();
        builder.push(c, date, Money::parse(&row["amount"]).unwrap(), None, TransactionKind::Order);
    }
    let ledger = builder.finish();
    let settings = Settings { as_of: Some(as_of), time_unit: unit, ..Settings::default() };
    let options = ScoreOptions {
        unit,
        horizon_months: fit_ref["horizon_months"].as_u64().unwrap() as u32,
        monthly_discount: f(&fit_ref, "monthly_discount"),
        default_margin: 0.3,
        predict_periods: Some(f(&fit_ref, "predict_periods")),
        ..ScoreOptions::default()
    };
    let scoring = score(&ledger, &InteractionInput::default(), &ExitInput::default(), &settings, &options, &mut |_| {}).unwrap();
    let report = &scoring.report;

    let bg = &fit_ref["bg_nbd"];
    assert!(report.bg_nbd.converged, "{name} {unit_name}: {:?}", report.bg_nbd);
    for (p, ours) in [("r", report.bg_nbd.r), ("alpha", report.bg_nbd.alpha), ("a", report.bg_nbd.a), ("b", report.bg_nbd.b)] {
        assert!(params_agree(ours, f(bg, p)), "{name} {unit_name} {p}: ours {ours}, lifetimes {}", f(bg, p));
    }
    assert!((report.bg_nbd.log_likelihood - f(bg, "log_likelihood")).abs() < 1e-3 * f(bg, "log_likelihood").abs());
    let gg = &fit_ref["gamma_gamma"];
    assert_eq!(report.gamma_gamma.customers as f64, f(gg, "customers"));
    for (p, ours) in [("p", report.gamma_gamma.p), ("q", report.gamma_gamma.q), ("v", report.gamma_gamma.v)] {
        assert!(params_agree(ours, f(gg, p)), "{name} {unit_name} {p}: ours {ours}, lifetimes {}", f(gg, p));
    }

    let expected = csv(&format!("{name}_{unit_name}_expected.csv"));
    assert_eq!(scoring.len(), expected.len(), "{name}: customer count");
    let by_id: HashMap<String, _> = scoring.iter().map(|s| (s.customer_id.clone(), s)).collect();
    for row in &expected {
        let id = &row["customer_id"];
        let s = by_id.get(id).unwrap_or_else(|| panic!("{name}: customer {id} missing"));
        let ctx = format!("{name} {unit_name} customer {id}");
        assert_eq!(f64::from(s.frequency), num(row, "frequency"), "{ctx} frequency");
        assert!((s.recency - num(row, "recency")).abs() < 1e-6, "{ctx} recency {} vs {}", s.recency, row["recency"]);
        assert!((s.t - num(row, "T")).abs() < 1e-6, "{ctx} T");
        assert!((s.monetary_value - num(row, "monetary_value")).abs() < 1e-6, "{ctx} monetary {} vs {}", s.monetary_value, row["monetary_value"]);
        assert!((s.p_alive - num(row, "p_alive")).abs() <= P_ALIVE_ABSOLUTE, "{ctx} p_alive {} vs {}", s.p_alive, row["p_alive"]);
        assert!(values_agree(s.expected_purchases, num(row, "expected_purchases")), "{ctx} expected {} vs {}", s.expected_purchases, row["expected_purchases"]);
        assert!(values_agree(s.expected_order_value, num(row, "expected_order_value")), "{ctx} order value {} vs {}", s.expected_order_value, row["expected_order_value"]);
        assert!(values_agree(s.clv, num(row, "clv")), "{ctx} clv {} vs {}", s.clv, row["clv"]);
    }
}

#[test]
fn cdnow_sample_in_days_matches_lifetimes_per_customer() {
    check_reference_set("cdnow_sample", TimeUnit::Days);
}

#[test]
fn cdnow_sample_in_weeks_matches_lifetimes_per_customer() {
    check_reference_set("cdnow_sample", TimeUnit::Weeks);
}

#[test]
fn synthetic_typical_base_matches_lifetimes_in_days_and_weeks() {
    check_reference_set("synthetic_typical", TimeUnit::Days);
    check_reference_set("synthetic_typical", TimeUnit::Weeks);
}

#[test]
fn synthetic_frequent_buyers_match_lifetimes_in_days_and_weeks() {
    check_reference_set("synthetic_frequent", TimeUnit::Days);
    check_reference_set("synthetic_frequent", TimeUnit::Weeks);
}

#[test]
fn synthetic_churny_base_matches_lifetimes_in_days_and_weeks() {
    check_reference_set("synthetic_churny", TimeUnit::Days);
    check_reference_set("synthetic_churny", TimeUnit::Weeks);
}
