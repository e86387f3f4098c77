//! Table-driven tests of every metric of METRICS.md on small hand-made data.

use chrono::NaiveDate;
use customer_insight::analytics::churn::{churn_by_period, churn_rate, exit_reasons, what_if, ChurnPeriodKind, WhatIfInput};
use customer_insight::analytics::cohorts::cohorts;
use customer_insight::domain::day::day_number;
use customer_insight::analytics::profit::{customer_profits, ProfitOptions};
use customer_insight::analytics::pyramid::{migration, pyramid, tier_of_rank, PyramidCounts};
use customer_insight::analytics::quadrants::{current_quadrant, current_quadrants, future_quadrants, median};
use customer_insight::analytics::rfm::{quintiles, rfm_scores, segment};
use customer_insight::analytics::summary::{summarize, SummaryOptions};
use customer_insight::analytics::whale::{top20_share, whale_curve, whale_summary};
use customer_insight::analytics::{score, ExitInput, InteractionInput, Ledger, ScoreOptions, Stage};
use customer_insight::domain::{
    CurrentQuadrant, ExitReason, FutureQuadrant, InteractionCosts, InteractionKind, Money, RfmSegment, Settings, Threshold,
    Tier, TimeUnit, TransactionKind,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// (customer, date, amount in cents, cost, kind)
type Tx<'a> = (&'a str, NaiveDate, i64, Option<i64>, TransactionKind);

fn ledger(rows: &[Tx]) -> Ledger {
    let mut b = Ledger::builder();
    for &(id, date, amount, cost, kind) in rows {
        let c = b.customer(id);
        b.push(c, date, Money(amount), cost.map(Money), kind);
    }
    b.finish()
}

use TransactionKind::{Order as O, Return as R};

#[test]
fn profit_reverses_returned_cost_uses_default_margin_and_adds_serving_costs() {
    let l = ledger(&[
        ("a", d(2024, 1, 1), 10_000, Some(7_000), O),
        ("a", d(2024, 1, 5), 5_000, None, O),
        ("a", d(2024, 1, 9), 5_000, None, R),
        ("a", d(2023, 1, 1), 99_999, None, O), // before the window
        ("b", d(2024, 2, 1), 2_000, Some(2_500), O),
        ("b", d(2024, 7, 1), 2_000, None, O), // after as_of
    ]);
    let mut interactions = InteractionInput::default();
    interactions.push(0, day_number(d(2024, 1, 2)), InteractionKind::Visit, None); // 15.00 by kind
    interactions.push(0, day_number(d(2024, 1, 3)), InteractionKind::Call, Some(Money(120))); // own cost
    interactions.push(1, day_number(d(2024, 8, 1)), InteractionKind::Visit, None); // after as_of
    let mut costs = InteractionCosts::default();
    costs.set(InteractionKind::Visit, Money(1_500));
    let options = ProfitOptions {
        as_of: day_number(d(2024, 6, 30)),
        window_start: Some(day_number(d(2024, 1, 1))),
        default_margin: 0.3,
        cost_per_order: Money(200),
        interaction_costs: costs,
    };
    let p = customer_profits(&l, &interactions, &options);
    // a: revenue 10,000 + 5,000 − 5,000; cogs 7,000 + 3,500 − 3,500; serve 2×200 + 1,500 + 120.
    assert_eq!(p[0].orders, 2);
    assert_eq!(p[0].revenue, Money(10_000));
    assert_eq!(p[0].cogs, Money(7_000));
    assert_eq!(p[0].gross_margin, Money(3_000));
    assert_eq!(p[0].cost_to_serve, Money(2_020));
    assert_eq!(p[0].profit, Money(980));
    // b: a sale below cost loses money.
    assert_eq!((p[1].revenue, p[1].gross_margin, p[1].profit), (Money(2_000), Money(-500), Money(-700)));
}

#[test]
fn summary_counts_same_day_purchases_once_ignores_returns_and_later_orders() {
    let l = ledger(&[
        ("a", d(2024, 1, 1), 1_000, None, O),
        ("a", d(2024, 1, 1), 500, None, O),
        ("a", d(2024, 1, 11), 2_000, None, O),
        ("a", d(2024, 1, 11), 1_000, None, O),
        ("a", d(2024, 1, 15), 9_999, None, R),
        ("a", d(2024, 1, 22), 4_000, None, O),
        ("a", d(2024, 3, 1), 7_000, None, O), // after as_of
        ("b", d(2024, 1, 29), 100, None, O),
    ]);
    let as_of = day_number(d(2024, 1, 29));
    let s = summarize(&l, &SummaryOptions { as_of, window_start: None, unit: TimeUnit::Days });
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].frequency, s[0].recency, s[0].t, s[0].monetary_value), (2, 21.0, 28.0, 35.0));
    assert_eq!((s[1].frequency, s[1].recency, s[1].t, s[1].monetary_value), (0, 0.0, 0.0, 0.0));
    let w = summarize(&l, &SummaryOptions { as_of, window_start: None, unit: TimeUnit::Weeks });
    assert_eq!((w[0].recency, w[0].t), (3.0, 4.0));
}

#[test]
fn rfm_quintiles_and_segments_follow_the_grid() {
    let recency = [1.0, 5.0, 10.0, 30.0, 90.0, 200.0, 300.0, 365.0, 400.0, 500.0];
    let frequency = [10.0, 9.0, 1.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0];
    let monetary = [100.0; 10];
    let s = rfm_scores(&recency, &frequency, &monetary);
    assert_eq!(s[0].r, 5);
    assert_eq!(s[9].r, 1);
    assert_eq!(s[0].f, 5);
    assert!(s.iter().all(|x| x.m == 1), "ties share the lowest score");
    assert_eq!(segment(s[0].r, s[0].f), RfmSegment::Champions);
    assert_eq!(segment(s[2].r, s[2].f), RfmSegment::Promising);
    assert_eq!(segment(s[9].r, s[9].f), RfmSegment::Hibernating);
    assert_eq!(quintiles(&[], false), Vec::<u8>::new());
}

#[test]
fn quadrants_use_median_of_even_counts_and_set_thresholds() {
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
    assert_eq!(median(&[]), None);
    // "high" means ≥ threshold.
    assert_eq!(current_quadrant(2.5, 1.0, 2.5, 2.0), CurrentQuadrant::MostProfitable);
    let margin = [1.0, 2.0, 3.0, 4.0];
    let cost = [4.0, 1.0, 3.0, 2.0];
    let q = current_quadrants(&margin, &cost, Threshold::Median, Threshold::Median);
    assert_eq!(
        q,
        [
            CurrentQuadrant::LeastProfitable,
            CurrentQuadrant::ProfitableLowMargin,
            CurrentQuadrant::ProfitableHighCost,
            CurrentQuadrant::MostProfitable
        ]
    );
    let f = future_quadrants(&[10.0, 10.0, -5.0, -5.0], &[50.0, 0.0, 50.0, 0.0], Threshold::Value(0.0), Threshold::Value(20.0));
    assert_eq!(f, [FutureQuadrant::Best, FutureQuadrant::Retain, FutureQuadrant::Invest, FutureQuadrant::Worst]);
}

#[test]
fn pyramid_boundary_ranks_and_ties_by_id() {
    for (k, n, tier) in [
        (1, 100, Tier::Gold),
        (2, 100, Tier::Silver),
        (5, 100, Tier::Silver),
        (6, 100, Tier::Iron),
        (20, 100, Tier::Iron),
        (21, 100, Tier::Lead),
        (1, 99, Tier::Silver),
        (2, 200, Tier::Gold),
        (3, 200, Tier::Silver),
    ] {
        assert_eq!(tier_of_rank(k, n), tier, "rank {k} of {n}");
    }
    let values: Vec<f64> = (0..100).map(|i| f64::from(100 - i)).collect();
    let ids: Vec<String> = (0..100).map(|i| format!("c{i:03}")).collect();
    let tiers = pyramid(&values, &ids);
    assert_eq!(PyramidCounts::of(&tiers), PyramidCounts { gold: 1, silver: 4, iron: 15, lead: 80 });
    assert_eq!(tiers[0], Tier::Gold);
    assert_eq!(tiers[19], Tier::Iron);
    assert_eq!(tiers[20], Tier::Lead);
    // All equal: ties broken by id ascending.
    let flat = vec![1.0; 100];
    let ids_rev: Vec<String> = (0..100).map(|i| format!("c{:03}", 99 - i)).collect();
    let tiers = pyramid(&flat, &ids_rev);
    assert_eq!(tiers[99], Tier::Gold, "c000 ranks first");
    assert_eq!(tiers[0], Tier::Lead);
}

#[test]
fn whale_curve_ends_at_one_peaks_above_one_with_loss_makers_and_reports_top20() {
    let profit = [50.0, 30.0, 20.0, 10.0, 5.0, -5.0, -10.0, 0.0, 0.0, 0.0];
    let revenue = [100.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0];
    let w = whale_curve(&profit, &revenue, 1000);
    let last = w.points.last().unwrap();
    assert_eq!((last.customer_share, last.profit_share), (1.0, 1.0));
    assert_eq!(w.points.len(), 11);
    assert!((w.peak.profit_share - 115.0 / 100.0).abs() < 1e-12);
    assert!((w.peak.customer_share - 0.5).abs() < 1e-12);
    // top 20% = first floor(0.2 × 10) = 2 customers.
    assert!((w.top20_profit_share - 0.8).abs() < 1e-12);
    assert!((w.top20_revenue_share - 110.0 / 190.0).abs() < 1e-12);
    let (peak, top20, total) = whale_summary(&profit);
    assert_eq!((peak, top20, total), (w.peak, w.top20_profit_share, 100.0));
    assert_eq!(top20_share(&[1.0, 2.0, 3.0, 4.0]), 0.0, "floor(0.8) = 0 customers");
}

#[test]
fn tier_migration_counts_up_down_and_stayed() {
    let m = migration([(Tier::Lead, Tier::Iron), (Tier::Gold, Tier::Silver), (Tier::Iron, Tier::Iron), (Tier::Lead, Tier::Gold)]);
    assert_eq!((m.customers, m.up, m.down, m.stayed), (4, 2, 1, 1));
    assert_eq!((m.up_share, m.down_share, m.stayed_share), (0.5, 0.25, 0.25));
    assert_eq!(m.matrix[3][0], 1);
}

#[test]
fn churn_rate_by_month_and_quarter_counts_exits_over_customers_active_at_start() {
    // Four customers first ordering in 2023; two exits in February 2024, one in April.
    let first = vec![Some(day_number(d(2023, 1, 1))); 4];
    let mut exits = ExitInput::default();
    exits.push(0, day_number(d(2024, 2, 3)), ExitReason::Price);
    exits.push(1, day_number(d(2024, 2, 20)), ExitReason::Service);
    exits.push(2, day_number(d(2024, 4, 2)), ExitReason::Price);
    exits.push(2, day_number(d(2024, 5, 2)), ExitReason::Other); // a later duplicate is ignored
    let (active, left, rate) = churn_rate(&first, &exits, day_number(d(2024, 2, 1)), day_number(d(2024, 3, 1)));
    assert_eq!((active, left, rate), (4, 2, 0.5));
    let months = churn_by_period(&first, &exits, d(2024, 4, 15), ChurnPeriodKind::Month, 3);
    assert_eq!(months.iter().map(|p| (p.exits, p.active_at_start)).collect::<Vec<_>>(), [(2, 4), (0, 2), (1, 2)]);
    assert_eq!(months[0].start, d(2024, 2, 1));
    let quarters = churn_by_period(&first, &exits, d(2024, 4, 15), ChurnPeriodKind::Quarter, 2);
    assert_eq!((quarters[0].exits, quarters[0].rate), (2, 0.5));
    assert_eq!((quarters[1].exits, quarters[1].active_at_start), (1, 2));
    let reasons = exit_reasons(&exits, day_number(d(2024, 1, 1)), day_number(d(2025, 1, 1)));
    let price = reasons.iter().find(|r| r.reason == ExitReason::Price).unwrap();
    assert_eq!((price.count, price.share), (2, 0.5));
    assert_eq!(reasons.len(), ExitReason::ALL.len());
}

#[test]
fn what_if_reproduces_the_transport_company_example() {
    let w = what_if(&WhatIfInput { customers: 6_600.0, churn_rate: 0.05, revenue_per_customer: 10_000.0, margin: 0.10 });
    assert!((w.lost_customers - 330.0).abs() < 1e-9);
    assert!((w.lost_revenue - 3_300_000.0).abs() < 1e-6);
    assert!((w.lost_profit - 330_000.0).abs() < 1e-6);
    assert!((w.budget_ceiling - 330_000.0).abs() < 1e-6);
}

#[test]
fn cohorts_group_by_first_order_month_and_measure_monthly_retention() {
    let l = ledger(&[
        ("a", d(2024, 1, 5), 100, None, O),
        ("a", d(2024, 2, 5), 100, None, O),
        ("b", d(2024, 1, 20), 100, None, O),
        ("b", d(2024, 3, 1), 100, None, O),
        ("c", d(2024, 2, 10), 100, None, O),
        ("c", d(2024, 2, 11), 100, None, R),
    ]);
    let c = cohorts(&l, day_number(d(2024, 3, 31)), None);
    assert_eq!(c.len(), 2);
    assert_eq!((c[0].month, c[0].size), (d(2024, 1, 1), 2));
    assert_eq!(c[0].retention, [1.0, 0.5, 0.5]);
    assert_eq!((c[1].month, c[1].size, c[1].retention.clone()), (d(2024, 2, 1), 1, vec![1.0, 0.0]));
}

fn small_base() -> Ledger {
    let mut rows = Vec::new();
    for (i, (id, gaps)) in [
        ("a", vec![0, 10, 30, 31]),
        ("b", vec![0]),
        ("c", vec![0, 100]),
        ("d", vec![0, 5, 9, 50, 90, 120]),
        ("e", vec![0, 60]),
        ("f", vec![0]),
    ]
    .into_iter()
    .enumerate()
    {
        let start = d(2024, 1, 1) + chrono::Days::new(i as u64 * 7);
        for (k, g) in gaps.iter().enumerate() {
            rows.push((id, start + chrono::Days::new(*g as u64), 1_000 + 250 * k as i64 + 100 * i as i64, None, O));
        }
    }
    ledger(&rows)
}

#[test]
fn score_future_profit_equals_clv_with_full_margin_and_no_serving_costs() {
    let l = small_base();
    let settings = Settings { as_of: Some(d(2024, 7, 1)), default_margin: 1.0, ..Settings::default() };
    let options = ScoreOptions::from_settings(&settings);
    let mut stages = Vec::new();
    let s = score(&l, &InteractionInput::default(), &ExitInput::default(), &settings, &options, &mut |st| stages.push(st)).unwrap();
    assert_eq!(stages, [Stage::Summarise, Stage::FitBgNbd, Stage::FitGammaGamma, Stage::Predict, Stage::Classify, Stage::Done]);
    assert_eq!(s.len(), 6);
    for c in s.iter() {
        assert_eq!(c.future_profit, c.clv, "{}", c.customer_id);
        assert_eq!(c.gross_margin, c.revenue);
        assert_eq!(c.profit, c.revenue);
    }
}

#[test]
fn score_reports_churn_lost_profit_and_at_risk() {
    let l = small_base();
    let settings = Settings { as_of: Some(d(2024, 7, 1)), ..Settings::default() };
    let options = ScoreOptions::from_settings(&settings);
    let mut exits = ExitInput::default();
    let a = l.customer_index("a").unwrap();
    exits.push(a, day_number(d(2024, 3, 1)), ExitReason::Price);
    let s = score(&l, &InteractionInput::default(), &exits, &settings, &options, &mut |_| {}).unwrap();
    let churn = &s.report.churn;
    assert_eq!(churn.exits, 1);
    assert_eq!(churn.active_at_start, 0, "nobody ordered before the 12-month period");
    // a's profit in the year before exit: revenue 1,000+1,250+1,500+1,750 = 55.00 at 30% margin.
    assert!((churn.lost_profit_one_year - 16.5).abs() < 1e-9, "{}", churn.lost_profit_one_year);
    assert!(churn.lost_lifetime_value > 0.0, "{:?} {:?}", s.report, s.to_vec());
    assert_eq!(churn.reasons.iter().find(|r| r.reason == ExitReason::Price).unwrap().count, 1);
    let counts = &s.report.pyramid;
    assert_eq!(counts.total(), 6);
    assert_eq!(counts.gold + counts.silver + counts.iron, 1, "floor(6/5) = 1 customer above lead");
}

#[test]
fn score_is_the_same_whatever_the_row_order() {
    let ordered = small_base();
    let mut rows: Vec<_> = (0..ordered.len()).filter_map(|i| ordered.row(i)).collect();
    rows.reverse(); // days now go backwards within each customer: the grouping path
    let mut b = Ledger::builder();
    for id in ordered.ids().iter() {
        b.customer(id); // same customer indices
    }
    for r in &rows {
        b.push_day(r.customer, r.day, r.amount, r.cost, r.kind);
    }
    let reversed = b.finish();
    let settings = Settings { as_of: Some(d(2024, 7, 1)), ..Settings::default() };
    let options = ScoreOptions::from_settings(&settings);
    let run = |l: &Ledger| score(l, &InteractionInput::default(), &ExitInput::default(), &settings, &options, &mut |_| {}).unwrap();
    let (a, b) = (run(&ordered), run(&reversed));
    assert_eq!(a.to_vec(), b.to_vec());
    assert_eq!(a.report, b.report);
}

#[test]
fn tier_migration_compares_the_previous_window_with_the_current_one() {
    use customer_insight::analytics::score::tier_migration;
    // Ten customers; "c09" buys a lot only in the current half-year and climbs to gold.
    let mut rows = Vec::new();
    let ids: Vec<String> = (0..10).map(|i| format!("c{i:02}")).collect();
    for (i, id) in ids.iter().enumerate() {
        let before = if i == 9 { 100 } else { 1_000 * (i as i64 + 1) };
        let after = if i == 9 { 1_000_000 } else { 1_000 * (i as i64 + 1) };
        rows.push((id.as_str(), d(2023, 9, 1), before, None, O));
        rows.push((id.as_str(), d(2024, 3, 1), after, None, O));
    }
    let l = ledger(&rows);
    let settings = Settings { as_of: Some(d(2024, 6, 30)), ..Settings::default() };
    let m = tier_migration(&l, &InteractionInput::default(), &ExitInput::default(), &settings, &ScoreOptions::from_settings(&settings), 182)
        .unwrap();
    assert_eq!(m.customers, 10);
    // N = 10: only ranks 1 and 2 (k/N ≤ 0.20) are above lead; c09 moves lead → iron, c07 iron → lead.
    assert_eq!((m.up, m.down, m.stayed), (1, 1, 8));
}

#[test]
fn score_adds_interaction_and_order_costs_to_cost_to_serve() {
    let l = small_base();
    let mut costs = InteractionCosts::default();
    costs.set(InteractionKind::Visit, Money(2_000));
    let settings = Settings {
        as_of: Some(d(2024, 7, 1)),
        cost_per_order: Money(100),
        interaction_costs: costs,
        ..Settings::default()
    };
    let mut interactions = InteractionInput::default();
    let b = l.customer_index("b").unwrap();
    interactions.push(b, day_number(d(2024, 2, 1)), InteractionKind::Visit, None);
    interactions.push(b, day_number(d(2024, 2, 2)), InteractionKind::Complaint, Some(Money(550)));
    interactions.push(b, day_number(d(2024, 8, 2)), InteractionKind::Visit, None); // after as_of
    let s = score(&l, &interactions, &ExitInput::default(), &settings, &ScoreOptions::from_settings(&settings), &mut |_| {}).unwrap();
    let c = s.iter().find(|c| c.customer_id == "b").unwrap();
    assert_eq!(c.cost_to_serve, Money(100 + 2_000 + 550));
    assert_eq!(c.profit, c.gross_margin - c.cost_to_serve);
    assert!(c.future_profit < c.clv);
}
