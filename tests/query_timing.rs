//! Timing of the Customers page's selection at 100,000 customers (ignored: a benchmark,
//! not a test). `cargo test --release --test query_timing -- --ignored --nocapture`
#![cfg(not(target_arch = "wasm32"))]

use customer_insight::analytics::ledger::{InteractionInput, Ledger};
use customer_insight::analytics::workspace::query::{select, CustomerQuery};
use customer_insight::analytics::workspace::{analyze, WorkspaceInput};
use customer_insight::demo::{generate, DemoOptions};
use std::time::Instant;

#[test]
#[ignore]
fn selection_times_at_100k_customers() {
    let demo = generate(&DemoOptions { customers: 100_000, ..DemoOptions::default() }).expect("demo");
    let ledger = Ledger::from_transactions(&demo.transactions);
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
    let a = analyze(&input, &mut |_| {});
    for pairs in [
        vec![],
        vec![("sort", "name")],
        vec![("q", "smith")],
        vec![("q", "hotel lond")],
        vec![("tier", "gold")],
        vec![("status", "at_risk"), ("sort", "future_profit")],
    ] {
        let q = CustomerQuery::from_pairs(pairs.iter().copied());
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..5 {
            n = select(&a.customers, &q).len();
        }
        println!("{pairs:?}: {n} rows in {:.1?} each", t.elapsed() / 5);
    }
}
