//! The workspace analysis on the demo company: what every page shows, and that it
//! survives the trip from the worker to the page (postcard bytes) unchanged.
#![cfg(not(target_arch = "wasm32"))]

use customer_insight::analytics::ledger::{InteractionInput, Ledger};
use customer_insight::domain::day::day_number;
use customer_insight::analytics::workspace::dashboard::cells_agree;
use customer_insight::analytics::workspace::models_view::{holdout_check, HoldoutOptions};
use customer_insight::analytics::workspace::query::{self, CustomerQuery};
use customer_insight::analytics::workspace::{analyze, WorkspaceAnalysis, WorkspaceInput};
use customer_insight::demo::{generate, DemoData, DemoOptions};
use customer_insight::domain::{CurrentQuadrant, FutureQuadrant, Tier, TransactionKind};
use std::sync::OnceLock;

fn analyse(demo: &DemoData, ledger: &Ledger) -> WorkspaceAnalysis {
    analyse_with(demo, ledger, &demo.settings)
}

/// The analysis of the demo under other settings.
fn analyse_with(demo: &DemoData, ledger: &Ledger, settings: &customer_insight::domain::Settings) -> WorkspaceAnalysis {
    let (interactions, _) = InteractionInput::from_interactions(ledger, &demo.interactions);
    let input = WorkspaceInput {
        ledger,
        customers: &demo.customers,
        interactions: &interactions,
        exits: &demo.exits,
        managers: &demo.managers,
        plans: &demo.plans,
        campaigns: &demo.campaigns,
        responses: &demo.responses,
        settings,
        currency: &demo.currency,
    };
    analyze(&input, &mut |_| {})
}

/// The demo company, its ledger and its analysis, built once for every test here.
fn demo() -> &'static (DemoData, Ledger, WorkspaceAnalysis) {
    static DEMO: OnceLock<(DemoData, Ledger, WorkspaceAnalysis)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let demo = generate(&DemoOptions::default()).expect("demo generates");
        let ledger = Ledger::from_transactions(&demo.transactions);
        let analysis = analyse(&demo, &ledger);
        (demo, ledger, analysis)
    })
}

fn demo_analysis() -> WorkspaceAnalysis {
    demo().2.clone()
}

fn count(a: &WorkspaceAnalysis, pairs: &[(&str, &str)]) -> usize {
    query::select(
        &a.customers,
        &CustomerQuery::from_pairs(pairs.iter().copied()),
    )
    .len()
}

#[test]
fn the_analysis_survives_the_trip_to_the_page_unchanged() {
    let analysis = demo_analysis();
    let bytes = postcard::to_stdvec(&analysis).expect("encodes");
    let back: WorkspaceAnalysis = postcard::from_bytes(&bytes).expect("decodes");
    assert_eq!(back, analysis);
}

#[test]
fn an_earlier_analysis_date_counts_the_records_it_leaves_out() {
    let (demo, ledger, full) = demo();
    assert!(!full.after_as_of.any(), "the default date leaves nothing out: {:?}", full.after_as_of);
    let as_of = full.as_of.expect("an analysis date") - chrono::Duration::days(90);
    let mut settings = demo.settings.clone();
    settings.as_of = Some(as_of);
    let a = analyse_with(demo, ledger, &settings);
    assert_eq!(a.as_of, Some(as_of));
    let known = |id: &str| ledger.customer_index(id).is_some();
    let after = a.after_as_of;
    assert_eq!(after.transactions, demo.transactions.iter().filter(|t| t.date > as_of).count() as u64);
    assert_eq!(
        after.interactions,
        demo.interactions.iter().filter(|i| i.date > as_of && known(&i.customer_id)).count() as u64
    );
    assert_eq!(after.exits, demo.exits.iter().filter(|e| e.date > as_of && known(&e.customer_id)).count() as u64);
    assert!(after.transactions > 0 && after.interactions > 0, "{after:?}");
}

#[test]
fn the_next_order_is_expected_one_purchase_gap_after_the_last_only_for_active_customers() {
    let (demo, _, a) = demo();
    let report = a.report.as_ref().expect("a report");
    let (as_of, unit_days, threshold) = (report.as_of, report.unit.days(), demo.settings.at_risk_p_alive);
    let (mut dated, mut lapsed, mut late) = (0, 0, 0);
    for row in &a.customers {
        let Some(s) = &row.scores else { continue };
        if row.exit.is_some_and(|(day, _)| day <= as_of) || s.p_alive < threshold {
            assert_eq!(s.expected_next_order, None, "{} (P(alive) {})", row.id, s.p_alive);
            lapsed += 1;
            continue;
        }
        let next = s.expected_next_order.unwrap_or_else(|| panic!("{} has no next order", row.id));
        // The last purchase, T − recency periods before the analysis date.
        let last = as_of - chrono::Duration::days(((s.t - s.recency) * unit_days).round() as i64);
        let rate = (report.bg_nbd.r + f64::from(s.frequency)) / (report.bg_nbd.alpha + s.t);
        let expected = last + chrono::Duration::days((unit_days / rate).round() as i64);
        assert!((next - expected).num_days().abs() <= 1, "{}: {next} vs {expected}", row.id);
        assert!(next > last, "{}", row.id);
        dated += 1;
        late += usize::from(next < as_of);
    }
    assert!(dated > 1_000 && lapsed > 100 && late > 0, "{dated} dated, {lapsed} lapsed, {late} late");
}

#[test]
fn every_demo_customer_is_listed_with_scores_and_the_report_is_complete() {
    let a = demo_analysis();
    assert_eq!(a.customers.len(), 5_000);
    assert!(a.problem.is_none(), "{:?}", a.problem);
    let report = a.report.as_ref().expect("a report");
    assert!(report.bg_nbd.converged && report.gamma_gamma.converged);
    let scored = a.customers.iter().filter(|c| c.scores.is_some()).count();
    assert!(scored >= 4_900, "{scored} scored");
    assert!(a.customers.iter().any(|c| c.exit.is_some()));
    assert!(a.customers.iter().any(|c| c.at_risk));
    assert!(a.customers.iter().any(|c| c.next_contact.is_some()));
    assert_eq!(a.campaigns.len(), 8);
    assert!(a.campaigns.iter().all(|c| c.responses > 0));
    assert_eq!(a.currency, "GBP");
    for c in &a.customers {
        if let Some(s) = &c.scores {
            assert!(s.clv.is_finite() && s.clv >= 0.0, "{} clv {}", c.id, s.clv);
            assert!((0.0..=1.0).contains(&s.p_alive));
        }
    }
}

#[test]
fn quadrant_filters_select_exactly_the_report_counts() {
    let a = demo_analysis();
    let report = a.report.as_ref().expect("a report");
    let count = |pairs: &[(&str, &str)]| {
        query::select(
            &a.customers,
            &CustomerQuery::from_pairs(pairs.iter().copied()),
        )
        .len()
    };
    assert_eq!(
        count(&[("current", "most_profitable")]),
        report.current_quadrants.most_profitable
    );
    assert_eq!(
        count(&[("current", "least_profitable")]),
        report.current_quadrants.least_profitable
    );
    assert_eq!(
        count(&[("future", "invest")]),
        report.future_quadrants.invest
    );
    assert_eq!(count(&[("tier", "gold")]), report.pyramid.gold);
}

#[test]
fn every_dashboard_cell_counts_the_customers_its_filter_selects() {
    let a = &demo().2;
    let report = a.report.as_ref().expect("a report");
    let d = a.dashboard.as_ref().expect("a dashboard");
    let current = &report.current_quadrants;
    let expected_current = [
        current.most_profitable,
        current.profitable_high_cost,
        current.profitable_low_margin,
        current.least_profitable,
    ];
    for (cell, expected) in d.current.cells.iter().zip(expected_current) {
        assert_eq!(cell.customers, expected, "{:?}", cell.quadrant);
        assert_eq!(
            cell.customers,
            count(a, &[("current", cell.quadrant.as_str())])
        );
    }
    let future = &report.future_quadrants;
    let expected_future = [future.best, future.invest, future.retain, future.worst];
    for (cell, expected) in d.future.cells.iter().zip(expected_future) {
        assert_eq!(cell.customers, expected, "{:?}", cell.quadrant);
        assert_eq!(
            cell.customers,
            count(a, &[("future", cell.quadrant.as_str())])
        );
    }
    assert_eq!(
        d.current
            .cells
            .iter()
            .map(|c| c.quadrant)
            .collect::<Vec<_>>(),
        CurrentQuadrant::ALL
    );
    assert_eq!(
        d.future
            .cells
            .iter()
            .map(|c| c.quadrant)
            .collect::<Vec<_>>(),
        FutureQuadrant::ALL
    );
    // The thresholds shown are the ones that put every customer in their cell.
    assert!(a
        .customers
        .iter()
        .all(|c| cells_agree(c, &d.current, &d.future)));
    let revenue: i64 = d.current.cells.iter().map(|c| c.revenue).sum();
    assert_eq!(revenue, d.kpis.revenue);
    let profit: i64 = d.future.cells.iter().map(|c| c.profit).sum();
    assert_eq!(profit, d.kpis.profit);
    for (row, expected) in d.pyramid.iter().zip([
        report.pyramid.gold,
        report.pyramid.silver,
        report.pyramid.iron,
        report.pyramid.lead,
    ]) {
        assert_eq!(row.customers, expected, "{:?}", row.tier);
        assert_eq!(row.customers, count(a, &[("tier", row.tier.as_str())]));
    }
    assert!((d.pyramid.iter().map(|p| p.revenue_share).sum::<f64>() - 1.0).abs() < 1e-9);
    assert_eq!(d.kpis.at_risk, count(a, &[("status", "at_risk")]));
    assert_eq!(d.kpis.at_risk, report.churn.at_risk);
    assert_eq!(d.kpis.scored, report.customers);
    assert!(d.kpis.active < d.kpis.scored && d.kpis.active > 0);
    assert!(
        (d.kpis.average_lifetime_value * d.kpis.active as f64 - report.total_future_profit).abs()
            < 1e-6 * report.total_clv.max(1.0)
    );
    // Exited customers are worth nothing from their exit on.
    let exited: Vec<_> = a.customers.iter().filter(|r| r.exit.is_some()).filter_map(|r| r.scores.as_ref()).collect();
    assert!(!exited.is_empty());
    for s in &exited {
        assert_eq!((s.p_alive, s.expected_purchases, s.clv, s.future_profit), (0.0, 0.0, 0.0, 0.0));
    }
    for sample in [d.current.sample.len(), d.future.sample.len()] {
        assert_eq!(sample, 2_000);
    }
    for p in &d.current.sample {
        let s = a.customers[p.customer as usize]
            .scores
            .as_ref()
            .expect("sampled customers are scored");
        assert_eq!(p.quadrant, s.current_quadrant);
        assert_eq!(p.x, s.gross_margin as f64 / 100.0);
    }
}

#[test]
fn the_whale_curve_ends_at_one_and_stays_compact() {
    let a = &demo().2;
    let w = &a.dashboard.as_ref().expect("a dashboard").whale;
    for curve in [&w.profit, &w.revenue] {
        assert!(
            curve.len() <= 300 && curve.len() > 100,
            "{} points",
            curve.len()
        );
        let last = curve.last().expect("points");
        assert_eq!((last.customer_share, last.profit_share), (1.0, 1.0));
        assert_eq!(curve[0].customer_share, 0.0);
        assert!(curve
            .windows(2)
            .all(|p| p[0].customer_share < p[1].customer_share));
    }
    assert!(
        w.peak.profit_share >= 1.0,
        "the demo has loss-making customers: {:?}",
        w.peak
    );
    let top = w.profit.iter().map(|p| p.profit_share).fold(0.0, f64::max);
    assert!(
        (top - w.peak.profit_share).abs() < 1e-9,
        "the curve holds the peak: {top} vs {:?}",
        w.peak
    );
    assert!(w.top20_profit_share > w.top20_revenue_share);
}

#[test]
fn the_churn_page_has_rates_reasons_losses_and_a_ranked_at_risk_list() {
    let a = &demo().2;
    let report = a.report.as_ref().expect("a report");
    let c = a.churn.as_ref().expect("a churn view");
    assert!(
        c.by_month.len() >= 30 && c.by_month.len() <= 37,
        "{} months",
        c.by_month.len()
    );
    assert!(c.by_quarter.len() >= 10 && c.by_quarter.len() <= 13);
    let last = c.by_month.last().expect("months");
    assert!(last.start <= report.as_of && report.as_of < last.end);
    assert!(c.by_month.iter().any(|m| m.exits > 0 && m.rate > 0.0));
    // Losses per reason add up to the report's totals.
    let sum = |f: &dyn Fn(
        &customer_insight::analytics::workspace::churn_view::ReasonRow,
    ) -> f64|
     -> f64 { c.reasons.iter().map(f).sum() };
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-6 * y.abs().max(1.0);
    assert!(close(
        sum(&|r| r.lost_profit_one_year),
        report.churn.lost_profit_one_year
    ));
    assert!(close(
        sum(&|r| r.lost_lifetime_value),
        report.churn.lost_lifetime_value
    ));
    assert_eq!(
        c.reasons.iter().map(|r| r.lost_customers).sum::<usize>(),
        report.churn.lost_customers
    );
    assert_eq!(
        c.reasons.iter().map(|r| r.exits).sum::<usize>(),
        report.churn.reasons.iter().map(|r| r.count).sum::<usize>()
    );
    assert!(c.reasons.iter().filter(|r| r.lost_customers > 0).count() >= 5);
    assert!(
        c.reasons_all_time.iter().map(|r| r.count).sum::<usize>()
            >= c.reasons.iter().map(|r| r.exits).sum::<usize>()
    );
    // The calculator is prefilled so that its lost profit is about what the report measured.
    let w = c.what_if;
    assert_eq!(w.customers, report.churn.active_at_start as f64);
    assert_eq!(w.churn_rate, report.churn.churn_rate);
    assert!(w.revenue_per_customer > 0.0 && w.margin.is_finite());
    let answer = customer_insight::analytics::churn::what_if(&w);
    let per_customer = report.churn.lost_profit_one_year / report.churn.lost_customers as f64;
    assert!(close(
        answer.lost_profit,
        answer.lost_customers * per_customer
    ));
    // The at-risk list.
    assert_eq!(c.at_risk_customers, count(a, &[("status", "at_risk")]));
    assert_eq!(c.at_risk.len(), c.at_risk_customers.min(200));
    assert!(c
        .at_risk
        .windows(2)
        .all(|p| p[0].value_at_stake >= p[1].value_at_stake));
    for r in &c.at_risk {
        let row = &a.customers[r.customer as usize];
        assert!(
            row.at_risk && row.exit.is_none() && row.id == r.id && row.manager_id == r.manager_id
        );
        assert!((r.value_at_stake - r.future_profit * (1.0 - r.p_alive)).abs() < 1e-9);
    }
    assert!(c.at_risk.iter().any(|r| r.manager_id.is_some()));
}

#[test]
fn cohort_sizes_sum_to_the_customers_with_orders_in_the_window() {
    let a = &demo().2;
    let report = a.report.as_ref().expect("a report");
    let v = a.cohorts.as_ref().expect("cohorts");
    assert_eq!(v.customers, report.customers);
    assert_eq!(v.omitted_cohorts, 0);
    assert_eq!(
        v.cohorts.iter().map(|c| c.size).sum::<usize>(),
        report.customers
    );
    assert!(v
        .cohorts
        .windows(2)
        .all(|w| w[0].month < w[1].month && w[0].retention.len() == w[1].retention.len() + 1));
    assert!(v
        .cohorts
        .iter()
        .all(|c| c.retention[0] == 1.0 && c.retention.iter().all(|r| (0.0..=1.0).contains(r))));
    assert_eq!(v.cohorts.last().expect("cohorts").retention.len(), 1);
}

#[test]
fn the_models_page_has_both_matrices_and_a_holdout_range() {
    let a = &demo().2;
    let m = a.models.as_ref().expect("models");
    let x = m.matrix.as_ref().expect("BG/NBD is fitted on the demo");
    assert!(x.frequencies.len() <= 40 && x.recencies.len() <= 40 && x.frequencies.len() >= 5);
    let cells = x.frequencies.len() * x.recencies.len();
    assert_eq!(
        (x.expected.len(), x.p_alive.len(), x.customers.len()),
        (cells, cells, cells)
    );
    assert!(x.p_alive.iter().all(|p| (0.0..=1.0).contains(p)));
    assert!(x.expected.iter().all(|e| e.is_finite() && *e >= 0.0));
    assert_eq!(
        x.customers.iter().map(|&c| c as usize).sum::<usize>(),
        a.report.as_ref().expect("report").customers
    );
    // A recent buyer is likelier alive than one who stopped long ago, at the same frequency.
    let row = 3 * x.recencies.len();
    assert!(x.p_alive[row + x.recencies.len() - 1] > x.p_alive[row]);
    let h = m.holdout.expect("three years of history allow a split");
    assert!(h.earliest < h.suggested && h.suggested < h.latest);
}

#[test]
fn the_holdout_check_on_the_demo_tracks_repeat_purchases_across_the_split() {
    let (demo, ledger, a) = demo();
    let split = a
        .models
        .as_ref()
        .and_then(|m| m.holdout)
        .expect("a range")
        .suggested;
    let check = holdout_check(ledger, &demo.settings, split, &HoldoutOptions::default())
        .expect("a valid split");
    assert!(
        check.fit.fitted && check.fit.converged,
        "{:?}",
        check.problem
    );
    assert!(check.problem.is_none());
    assert!(check.tracking.len() <= 400 && check.tracking.len() > 100);
    let last = check.tracking.last().expect("points");
    assert_eq!(last.date, a.as_of.expect("as_of"));
    assert_eq!(
        last.actual as u64,
        check.calibration_repeat_purchases + check.holdout_purchases
    );
    let expected = last.expected.expect("a fit");
    assert!(
        (expected / last.actual - 1.0).abs() < 0.25,
        "expected {expected} vs actual {}",
        last.actual
    );
    assert_eq!(
        check
            .by_frequency
            .iter()
            .map(|b| b.customers)
            .sum::<usize>(),
        check.calibration_customers
    );
    // Customers who bought more in calibration buy more in the holdout, and the model says so.
    let (zero, tail) = (&check.by_frequency[0], &check.by_frequency[7]);
    assert!(tail.actual > zero.actual && tail.predicted > zero.predicted);
}

#[test]
fn the_migration_matrix_sums_to_the_customers_ranked_in_both_windows() {
    let (_, ledger, a) = demo();
    let p = a.planning.as_ref().expect("planning");
    let m = p
        .migration
        .as_ref()
        .expect("three years give a one-year shift");
    let (previous, current) = (
        p.previous_window.expect("window"),
        p.current_window.expect("window"),
    );
    assert_eq!(current.1, a.as_of.expect("as_of"));
    // The previous window ends a year earlier; over all history both start at the first order.
    assert_eq!((current.1 - previous.1).num_days(), 365);
    assert_eq!(current.0, previous.0);
    let in_window = |w: (chrono::NaiveDate, chrono::NaiveDate)| {
        let (from, to) = (day_number(w.0), day_number(w.1));
        let mut seen = vec![false; ledger.customer_count()];
        for i in 0..ledger.len() {
            if ledger.kinds()[i] == TransactionKind::Order
                && (from..=to).contains(&ledger.days()[i])
            {
                seen[ledger.customers()[i] as usize] = true;
            }
        }
        seen
    };
    let (before, now) = (in_window(previous), in_window(current));
    let both = before.iter().zip(&now).filter(|(b, n)| **b && **n).count();
    assert_eq!(m.customers, both);
    assert_eq!(m.matrix.iter().flatten().sum::<usize>(), both);
    assert_eq!(m.up + m.down + m.stayed, both);
    assert!(m.up > 0 && m.down > 0);
    assert_eq!(
        p.budget.customers,
        a.report.as_ref().expect("report").customers
    );
    assert_eq!(p.budget.rows[0].tier, Tier::Gold);
    assert!(!p.segments.is_empty());
}

#[test]
fn every_migration_cell_counts_the_customers_its_filter_selects() {
    let a = demo_analysis();
    let m = a
        .planning
        .as_ref()
        .and_then(|p| p.migration)
        .expect("a migration");
    for &from in Tier::ALL {
        for &to in Tier::ALL {
            let selected = count(
                &a,
                &[("previous_tier", from.as_str()), ("tier", to.as_str())],
            );
            assert_eq!(
                m.matrix[from.level() as usize][to.level() as usize],
                selected,
                "{from:?} -> {to:?}"
            );
        }
        let row: usize = m.matrix[from.level() as usize].iter().sum();
        assert_eq!(row, count(&a, &[("previous_tier", from.as_str())]));
    }
    let new_now = a
        .customers
        .iter()
        .filter(|r| r.scores.is_some() && r.previous_tier.is_none())
        .count();
    assert_eq!(a.planning.as_ref().map(|p| p.new_customers), Some(new_now));
}

#[test]
fn the_pages_data_stays_small_on_the_wire() {
    let a = demo_analysis();
    let pages = WorkspaceAnalysis {
        customers: Vec::new(),
        ..a
    };
    let bytes = postcard::to_stdvec(&pages).expect("encodes").len();
    assert!(bytes < 300_000, "{bytes} bytes without the customer table");
}

/// CPU time of the calling thread: on a shared machine wall time counts the other builds too.
fn thread_cpu() -> std::time::Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Timing of `analyze` at 100,000 demo customers. Run in release mode:
/// `cargo test --release --test workspace_analysis -- --ignored --nocapture`.
#[test]
#[ignore]
fn analyze_times_at_100k_customers() {
    use std::time::Instant;
    let t = Instant::now();
    let demo = generate(&DemoOptions {
        customers: 100_000,
        ..DemoOptions::default()
    })
    .expect("demo generates");
    let ledger = Ledger::from_transactions(&demo.transactions);
    println!(
        "demo: {} transactions generated in {:.2?}",
        ledger.len(),
        t.elapsed()
    );
    for run in 0..3 {
        let start = Instant::now();
        let cpu = thread_cpu();
        let mut last = start;
        let mut stages = Vec::new();
        let (interactions, _) = InteractionInput::from_interactions(&ledger, &demo.interactions);
        let input = WorkspaceInput {
            ledger: &ledger,
            customers: &demo.customers,
            interactions: &interactions,
            exits: &demo.exits,
            managers: &demo.managers,
            plans: &demo.plans,
            campaigns: &demo.campaigns,
            responses: &demo.responses,
            settings: &demo.settings,
            currency: &demo.currency,
        };
        let a = analyze(&input, &mut |stage| {
            stages.push((stage, last.elapsed()));
            last = Instant::now();
        });
        let total = start.elapsed();
        let total_cpu = thread_cpu() - cpu;
        let pages = WorkspaceAnalysis {
            customers: Vec::new(),
            ..a.clone()
        };
        println!(
            "run {run}: analyze {total:.2?} wall, {total_cpu:.2?} CPU ({} customers; {} bytes of postcard, {} without the table); scoring until done {:.2?}",
            a.customers.len(),
            postcard::to_stdvec(&a).map(|b| b.len()).unwrap_or(0),
            postcard::to_stdvec(&pages).map(|b| b.len()).unwrap_or(0),
            last.duration_since(start),
        );
        println!("  stages (time before each): {stages:?}");
        if run == 2 {
            time_pages(&demo, &ledger, &a);
        }
    }
    let split = {
        let a = analyse(&demo, &ledger);
        a.models.and_then(|m| m.holdout).expect("a range").suggested
    };
    let (t, cpu) = (Instant::now(), thread_cpu());
    let check = holdout_check(&ledger, &demo.settings, split, &HoldoutOptions::default())
        .expect("a valid split");
    println!(
        "holdout check: {:.2?} wall, {:.2?} CPU (converged {})",
        t.elapsed(),
        thread_cpu() - cpu,
        check.fit.converged
    );
}

/// Times each part of `analyze` on its own (wall and CPU time).
fn time_pages(demo: &DemoData, ledger: &Ledger, a: &WorkspaceAnalysis) {
    use customer_insight::analytics::workspace::{
        campaigns, churn_view, cohort_view, dashboard, models_view, planning,
    };
    use customer_insight::analytics::{score, ExitInput, InteractionInput, ScoreOptions};
    use std::time::Instant;
    fn measure<T>(label: &str, f: impl FnOnce() -> T) -> T {
        let (wall, cpu) = (Instant::now(), thread_cpu());
        let out = f();
        println!(
            "  {label}: {:.2?} wall, {:.2?} CPU",
            wall.elapsed(),
            thread_cpu() - cpu
        );
        out
    }
    let report = a.report.as_ref().expect("a report");
    let rows = &a.customers;
    let settings = &demo.settings;
    let options = ScoreOptions::from_settings(settings);
    let (interactions, _) = measure("interaction input", || {
        InteractionInput::from_interactions(ledger, &demo.interactions)
    });
    let (exits, _) = ExitInput::from_exits(ledger, &demo.exits);
    measure("score", || {
        score(
            ledger,
            &interactions,
            &exits,
            settings,
            &options,
            &mut |_| {},
        )
        .map(|s| s.len())
    })
    .expect("scores");
    measure("campaigns", || {
        campaigns::campaign_results(
            ledger,
            &demo.campaigns,
            &demo.responses,
            options.default_margin,
            report.as_of,
        )
    });
    let as_of = day_number(report.as_of);
    let window = settings.window.start.map(day_number);
    let first = measure("first orders", || {
        churn_view::first_order_days(ledger, window, as_of)
    });
    measure("dashboard", || {
        dashboard::dashboard(
            rows,
            report,
            &settings.quadrant_thresholds,
            &Default::default(),
        )
    });
    measure("churn", || {
        churn_view::churn_view(
            ledger,
            &exits,
            rows,
            report,
            &first,
            window,
            options.default_margin,
            &Default::default(),
        )
    });
    measure("cohorts", || {
        cohort_view::cohort_view(ledger, as_of, window, &Default::default())
    });
    measure("models", || {
        models_view::models_view(ledger, rows, report, &first, &options, &Default::default())
    });
    let earliest = first.iter().flatten().min().copied();
    measure("planning", || {
        let previous = planning::previous_pyramid(
            ledger,
            &interactions,
            &exits,
            settings,
            &options,
            report.as_of,
            earliest,
        );
        planning::planning(rows, report, &previous)
    });
}

#[test]
fn the_scores_export_writes_what_insight_score_writes() {
    use customer_insight::analytics::ledger::{ExitInput, InteractionInput};
    use customer_insight::analytics::score::{score, ScoreOptions};
    use customer_insight::export::csv::{scores_csv, scores_csv_of_rows, CsvOptions};
    let (demo, ledger, analysis) = demo();
    let (interactions, _) = InteractionInput::from_interactions(ledger, &demo.interactions);
    let (exits, _) = ExitInput::from_exits(ledger, &demo.exits);
    let options = ScoreOptions::from_settings(&demo.settings);
    let scoring = score(ledger, &interactions, &exits, &demo.settings, &options, &mut |_| {})
        .expect("the demo scores");
    let engine = String::from_utf8(scores_csv(scoring.iter(), CsvOptions::default())).unwrap();
    let (bytes, written) = scores_csv_of_rows(analysis.customers.iter(), CsvOptions::default());
    let exported = String::from_utf8(bytes).unwrap();
    assert_eq!(written, scoring.len());
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(&exported), sorted(&engine));
    // Customers without an order in the window are left out, not written as zeros.
    let unscored = analysis.customers.iter().filter(|c| c.scores.is_none()).count();
    assert_eq!(written + unscored, analysis.customers.len());
}
