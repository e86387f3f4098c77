//! The workspace analysis on the demo company: what every page shows, and that it
//! survives the trip from the worker to the page (postcard bytes) unchanged.
#![cfg(not(target_arch = "wasm32"))]

use customer_insight::analytics::ledger::Ledger;
use customer_insight::analytics::workspace::query::{self, CustomerQuery};
use customer_insight::analytics::workspace::{analyze, WorkspaceAnalysis, WorkspaceInput};
use customer_insight::demo::{generate, DemoOptions};

fn demo_analysis() -> WorkspaceAnalysis {
    let demo = generate(&DemoOptions::default()).expect("demo generates");
    let ledger = Ledger::from_transactions(&demo.transactions);
    let input = WorkspaceInput {
        ledger: &ledger,
        customers: &demo.customers,
        interactions: &demo.interactions,
        exits: &demo.exits,
        managers: &demo.managers,
        plans: &demo.plans,
        campaigns: &demo.campaigns,
        responses: &demo.responses,
        settings: &demo.settings,
        currency: &demo.currency,
    };
    analyze(&input, &mut |_| {})
}

#[test]
fn the_analysis_survives_the_trip_to_the_page_unchanged() {
    let analysis = demo_analysis();
    let bytes = postcard::to_stdvec(&analysis).expect("encodes");
    let back: WorkspaceAnalysis = postcard::from_bytes(&bytes).expect("decodes");
    assert_eq!(back, analysis);
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
    let count = |pairs: &[(&str, &str)]| query::select(&a.customers, &CustomerQuery::from_pairs(pairs.iter().copied())).len();
    assert_eq!(count(&[("current", "most_profitable")]), report.current_quadrants.most_profitable);
    assert_eq!(count(&[("current", "least_profitable")]), report.current_quadrants.least_profitable);
    assert_eq!(count(&[("future", "invest")]), report.future_quadrants.invest);
    assert_eq!(count(&[("tier", "gold")]), report.pyramid.gold);
}
