//! The calibration/holdout check against `lifetimes` (`calibration_and_holdout_data`,
//! `BetaGeoFitter`, `expected_number_of_purchases_up_to_time`) on CDNOW's classic 39-week split
//! and on seeded synthetic data. Fixtures come from scripts/fixtures/make_holdout_fixtures.py;
//! this test only reads them.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use customer_insight::analytics::bg_nbd::BgNbdParams;
use customer_insight::analytics::tolerance::{params_agree, values_agree};
use customer_insight::analytics::workspace::models_view::{
    holdout_check, unconditional_expected_purchases, HoldoutOptions,
};
use customer_insight::analytics::Ledger;
use customer_insight::domain::{Money, Settings, TimeUnit, TransactionKind};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lifetimes/");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("missing {key}"))
}

/// customer_id,date,amount rows as a ledger of orders.
fn ledger(name: &str) -> Ledger {
    let text = read(&format!("{name}_transactions.csv"));
    let mut b = Ledger::builder();
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        let c = b.customer(fields[0]);
        let amount = Money::from_major(fields[2].parse().unwrap()).unwrap();
        b.push(c, date(fields[1]), amount, None, TransactionKind::Order);
    }
    b.finish()
}

fn check(name: &str, unit: TimeUnit) {
    let reference: Value =
        serde_json::from_str(&read(&format!("holdout_{name}_{}.json", unit.as_str()))).unwrap();
    let l = ledger(name);
    let settings = Settings {
        as_of: Some(date(reference["observation_end"].as_str().unwrap())),
        time_unit: unit,
        ..Settings::default()
    };
    let split = date(reference["split"].as_str().unwrap());
    let c = holdout_check(&l, &settings, split, &HoldoutOptions::default()).expect("a valid split");
    assert!(c.fit.fitted && c.fit.converged, "{name}: {:?}", c.problem);
    assert_eq!(
        c.calibration_customers as u64,
        reference["customers"].as_u64().unwrap()
    );
    assert_eq!(
        c.calibration_repeat_purchases,
        reference["calibration_repeat_purchases"].as_u64().unwrap()
    );
    assert_eq!(
        c.holdout_purchases,
        reference["holdout_purchases"].as_u64().unwrap()
    );
    assert!((c.holdout_periods - f(&reference, "duration_holdout")).abs() < 1e-9);

    let theirs = &reference["bg_nbd"];
    for (key, ours) in [
        ("r", c.fit.r),
        ("alpha", c.fit.alpha),
        ("a", c.fit.a),
        ("b", c.fit.b),
    ] {
        assert!(
            params_agree(ours, f(theirs, key)),
            "{name} {key}: ours {ours}, lifetimes {}",
            f(theirs, key)
        );
    }
    assert!(
        (c.fit.log_likelihood - f(theirs, "log_likelihood")).abs()
            < 1e-3 * f(theirs, "log_likelihood").abs()
    );

    for bin in reference["by_frequency"].as_array().unwrap() {
        let ours = c
            .by_frequency
            .iter()
            .find(|b| u64::from(b.frequency) == bin["frequency"].as_u64().unwrap())
            .unwrap();
        assert_eq!(
            ours.customers as u64,
            bin["customers"].as_u64().unwrap(),
            "{name} bin {}",
            ours.frequency
        );
        assert!(
            (ours.actual - f(bin, "actual")).abs() < 1e-12,
            "{name} bin {}",
            ours.frequency
        );
        let predicted = ours.predicted.unwrap();
        assert!(
            values_agree(predicted, f(bin, "predicted")),
            "{name} bin {}: {predicted} vs {}",
            ours.frequency,
            f(bin, "predicted")
        );
    }

    // E[X(t)] with lifetimes' own parameters, far inside the tolerance.
    let params = BgNbdParams::new(
        f(theirs, "r"),
        f(theirs, "alpha"),
        f(theirs, "a"),
        f(theirs, "b"),
    )
    .unwrap();
    for probe in reference["unconditional"].as_array().unwrap() {
        let e = unconditional_expected_purchases(&params, f(probe, "t")).unwrap();
        assert!(
            (e - f(probe, "expected")).abs() < 1e-8 * f(probe, "expected").max(1.0),
            "E[X({})] {e}",
            f(probe, "t")
        );
    }

    for point in reference["tracking"].as_array().unwrap() {
        let day = date(point["date"].as_str().unwrap());
        let ours = c
            .tracking
            .iter()
            .find(|p| p.date == day)
            .unwrap_or_else(|| panic!("{name}: no point on {day}"));
        assert_eq!(
            ours.actual as u64,
            point["actual"].as_u64().unwrap(),
            "{name} actual on {day}"
        );
        let expected = ours.expected.unwrap();
        assert!(
            values_agree(expected, f(point, "expected")),
            "{name} expected on {day}: {expected} vs {}",
            f(point, "expected")
        );
    }
}

#[test]
fn holdout_check_matches_lifetimes_on_cdnow_in_days_and_weeks() {
    check("cdnow_sample", TimeUnit::Days);
    check("cdnow_sample", TimeUnit::Weeks);
}

#[test]
fn holdout_check_matches_lifetimes_on_synthetic_data() {
    check("synthetic_typical", TimeUnit::Days);
}
