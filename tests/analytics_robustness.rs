//! The data sets that break `lifetimes` give sound numbers or a clear error here: never a panic,
//! NaN, infinity or a negative CLV.

use chrono::{Days, NaiveDate};
use customer_insight::analytics::{score, AnalyticsError, ExitInput, InteractionInput, Ledger, ScoreOptions, Scoring};
use customer_insight::domain::{Money, Settings, TimeUnit, TransactionKind};

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
}

/// Customers given as lists of (day offset, amount in cents, kind).
fn ledger(customers: &[Vec<(u64, i64, TransactionKind)>]) -> Ledger {
    let mut b = Ledger::builder();
    for (i, rows) in customers.iter().enumerate() {
        let c = b.customer(&format!("c{i:05}"));
        for &(day, amount, kind) in rows {
            b.push(c, day0() + Days::new(day), Money(amount), None, kind);
        }
    }
    b.finish()
}

fn orders(days: &[u64], amount: i64) -> Vec<(u64, i64, TransactionKind)> {
    days.iter().map(|&d| (d, amount, TransactionKind::Order)).collect()
}

fn run(l: &Ledger, as_of_offset: u64, unit: TimeUnit) -> Result<Scoring, AnalyticsError> {
    let settings = Settings { as_of: Some(day0() + Days::new(as_of_offset)), time_unit: unit, ..Settings::default() };
    score(l, &InteractionInput::default(), &ExitInput::default(), &settings, &ScoreOptions::from_settings(&settings), &mut |_| {})
}

/// Every number finite, probabilities in [0, 1], CLV and expected values ≥ 0.
fn assert_sound(s: &Scoring) {
    for c in s.iter() {
        let id = &c.customer_id;
        for (name, v) in [
            ("recency", c.recency),
            ("T", c.t),
            ("monetary_value", c.monetary_value),
            ("p_alive", c.p_alive),
            ("expected_purchases", c.expected_purchases),
            ("expected_order_value", c.expected_order_value),
            ("clv", c.clv),
            ("future_profit", c.future_profit),
        ] {
            assert!(v.is_finite(), "{id} {name} = {v}");
        }
        assert!((0.0..=1.0).contains(&c.p_alive), "{id} p_alive {}", c.p_alive);
        assert!(c.clv >= 0.0 && c.expected_purchases >= 0.0 && c.expected_order_value >= 0.0, "{id}: {c:?}");
    }
    let r = &s.report;
    for v in [
        r.bg_nbd.r,
        r.bg_nbd.alpha,
        r.bg_nbd.a,
        r.bg_nbd.b,
        r.bg_nbd.log_likelihood,
        r.gamma_gamma.p,
        r.gamma_gamma.q,
        r.gamma_gamma.v,
        r.gamma_gamma.log_likelihood,
        r.top20_profit_share,
        r.top20_revenue_share,
        r.whale_peak.profit_share,
        r.total_clv,
        r.total_future_profit,
        r.churn.churn_rate,
        r.churn.lost_lifetime_value,
    ] {
        assert!(v.is_finite(), "report: {r:?}");
    }
    assert!(serde_json::to_string(r).is_ok());
}

#[test]
fn everyone_bought_once_gives_a_clear_message_and_sound_numbers() {
    let l = ledger(&(0..50).map(|i| orders(&[i], 1_000 + i as i64)).collect::<Vec<_>>());
    let s = run(&l, 100, TimeUnit::Days).unwrap();
    assert!(!s.report.bg_nbd.fitted);
    assert!(s.report.bg_nbd.message.as_deref().unwrap().contains("bought twice"), "{:?}", s.report.bg_nbd.message);
    assert!(!s.report.gamma_gamma.fitted);
    assert_sound(&s);
    assert!(s.iter().all(|c| c.p_alive == 1.0 && c.clv == 0.0));
}

#[test]
fn a_single_customer_is_scored_with_the_fallback() {
    let l = ledger(&[orders(&[0, 10, 30], 2_000)]);
    let s = run(&l, 60, TimeUnit::Days).unwrap();
    assert!(!s.report.bg_nbd.fitted);
    assert!(s.report.bg_nbd.message.is_some());
    assert_sound(&s);
    let c = s.get(0).unwrap();
    // Fallback: the historic repeat rate 2 purchases / 60 days.
    assert!((c.expected_purchases - 2.0 / 60.0 * 360.0).abs() < 1e-9, "{c:?}");
    assert!(c.clv > 0.0);
}

#[test]
fn all_purchases_on_one_day_are_handled() {
    // Everyone's purchases fall on the analysis date itself: T = 0 for all.
    let l = ledger(&(0..20).map(|_| orders(&[5, 5], 1_500)).collect::<Vec<_>>());
    let s = run(&l, 5, TimeUnit::Days).unwrap();
    assert!(!s.report.bg_nbd.fitted);
    assert_sound(&s);
    // Same, days before the analysis date.
    let s = run(&l, 40, TimeUnit::Weeks).unwrap();
    assert_sound(&s);
}

#[test]
fn zero_and_negative_amounts_do_not_break_the_models() {
    let mut customers: Vec<_> = (0..60).map(|i| orders(&[i % 7, 20 + i % 11, 40 + i % 13], 1_000 + 37 * i as i64)).collect();
    customers.push(orders(&[0, 10, 20], 0));
    customers.push(orders(&[0, 10, 20], -500));
    customers.push(vec![(0, 1_000, TransactionKind::Order), (3, 0, TransactionKind::Order), (9, -2_000, TransactionKind::Order)]);
    let s = run(&ledger(&customers), 90, TimeUnit::Days).unwrap();
    assert_sound(&s);
    assert!(s.report.diagnostics.iter().any(|d| d.contains("zero or negative")), "{:?}", s.report.diagnostics);
}

#[test]
fn returns_larger_than_orders_give_negative_revenue_but_sound_values() {
    let mut customers: Vec<_> = (0..40).map(|i| orders(&[i % 5, 30 + i % 9], 5_000)).collect();
    customers.push(vec![
        (0, 1_000, TransactionKind::Order),
        (5, 9_000, TransactionKind::Return),
        (20, 1_000, TransactionKind::Order),
    ]);
    let s = run(&ledger(&customers), 60, TimeUnit::Days).unwrap();
    assert_sound(&s);
    let c = s.iter().find(|c| c.customer_id == "c00040").unwrap();
    assert_eq!(c.revenue, Money(-7_000));
    assert!(c.profit.minor() < 0);
}

#[test]
fn extreme_frequencies_stay_finite() {
    let mut customers: Vec<_> = (0..30).map(|i| orders(&[i, 50 + i, 90 + 2 * i], 3_000)).collect();
    customers.push(orders(&(0..3_000).collect::<Vec<_>>(), 700)); // a purchase every day
    customers.push(orders(&(0..3_000).step_by(2).collect::<Vec<_>>(), 900));
    let l = ledger(&customers);
    for unit in [TimeUnit::Days, TimeUnit::Weeks] {
        let s = run(&l, 3_000, unit).unwrap();
        assert_sound(&s);
        let heavy = s.iter().find(|c| c.customer_id == "c00030").unwrap();
        assert!(heavy.expected_purchases > 100.0 / unit.days(), "{unit}: {heavy:?}");
    }
}

#[test]
fn thousands_of_identical_histories_get_a_clear_message() {
    let l = ledger(&(0..3_000).map(|_| orders(&[0, 10, 20], 2_500)).collect::<Vec<_>>());
    let s = run(&l, 100, TimeUnit::Days).unwrap();
    assert!(!s.report.bg_nbd.fitted);
    assert!(s.report.bg_nbd.message.as_deref().unwrap().contains("same purchase history"));
    assert_sound(&s);
}

#[test]
fn huge_amounts_stay_finite() {
    let mut customers: Vec<_> = (0..20).map(|i| orders(&[i, 40 + i], 1_000)).collect();
    customers.push(orders(&[0, 30, 60], 4_000_000_000_000_000)); // 40 trillion currency units
    let s = run(&ledger(&customers), 90, TimeUnit::Days).unwrap();
    assert_sound(&s);
}

#[test]
fn no_orders_and_bad_settings_are_clear_errors() {
    let empty = Ledger::default();
    assert_eq!(run(&empty, 0, TimeUnit::Days).err(), Some(AnalyticsError::NoOrders));
    let returns_only = ledger(&[vec![(0, 1_000, TransactionKind::Return)]]);
    let err = run(&returns_only, 10, TimeUnit::Days).err().unwrap();
    assert_eq!(err, AnalyticsError::NoOrders);
    assert!(err.to_string().contains("no orders"));
    let l = ledger(&[orders(&[0, 5], 100)]);
    let settings = Settings { default_margin: 2.0, ..Settings::default() };
    let err = score(&l, &InteractionInput::default(), &ExitInput::default(), &settings, &ScoreOptions::default(), &mut |_| {})
        .err()
        .unwrap();
    assert!(matches!(err, AnalyticsError::InvalidSettings(_)));
    assert!(err.to_string().contains("default margin"));
    let mut bad = InteractionInput::default();
    bad.customer.push(0);
    let err = score(&l, &bad, &ExitInput::default(), &Settings::default(), &ScoreOptions::default(), &mut |_| {}).err();
    assert_eq!(err, Some(AnalyticsError::ColumnLengths { input: "interaction" }));
}
