//! The demo company: deterministic, consistent, and rich enough that every analysis of the real
//! engine has something to show.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{Datelike, NaiveDate};
use customer_insight::analytics::score::tier_migration;
use customer_insight::analytics::{score, ExitInput, InteractionInput, Ledger, ScoreOptions, Scoring};
use customer_insight::demo::{
    generate, generate_blocks, generate_with_progress, DemoBlocks, DemoData, DemoError, DemoOptions,
};
use customer_insight::domain::blocks::{
    Block, CustomerBlock, ExitBlock, InteractionBlock, ResponseBlock, BLOCK_ROWS,
};
use customer_insight::domain::{CampaignKind, ExitReason, InteractionKind, TransactionKind};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// The default demo, generated once for all tests.
fn demo() -> &'static DemoData {
    static DATA: OnceLock<DemoData> = OnceLock::new();
    DATA.get_or_init(|| generate(&DemoOptions::default()).expect("the default options are valid"))
}

/// Scores the demo with its suggested settings (analysis date: the latest transaction).
fn score_demo(data: &DemoData) -> Scoring {
    let ledger = Ledger::from_transactions(&data.transactions);
    let (interactions, skipped) = InteractionInput::from_interactions(&ledger, &data.interactions);
    assert_eq!(skipped, 0, "every interaction belongs to a customer with transactions");
    let (exits, skipped) = ExitInput::from_exits(&ledger, &data.exits);
    assert_eq!(skipped, 0, "every exit belongs to a customer with transactions");
    let options = ScoreOptions::from_settings(&data.settings);
    score(&ledger, &interactions, &exits, &data.settings, &options, &mut |_| {}).expect("the demo scores")
}

fn full_scoring() -> &'static Scoring {
    static SCORING: OnceLock<Scoring> = OnceLock::new();
    SCORING.get_or_init(|| score_demo(demo()))
}

#[test]
fn the_same_seed_gives_the_same_company_and_another_seed_a_different_one() {
    let small = DemoOptions {
        customers: 400,
        ..DemoOptions::default()
    };
    let one = generate(&small).unwrap();
    let two = generate(&small).unwrap();
    assert_eq!(one, two);
    let other = generate(&DemoOptions {
        seed: small.seed + 1,
        ..small.clone()
    })
    .unwrap();
    assert_ne!(one.transactions, other.transactions);
    assert_ne!(one.customers, other.customers);
}

#[test]
fn progress_rises_to_one() {
    let mut seen = Vec::new();
    let data = generate_with_progress(
        &DemoOptions {
            customers: 300,
            ..DemoOptions::default()
        },
        &mut |p| seen.push(p),
    )
    .unwrap();
    assert_eq!(data.customers.len(), 300);
    assert!(seen.len() >= 10, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(seen.first(), Some(&0.0));
    assert_eq!(seen.last(), Some(&1.0));
}

#[test]
fn options_out_of_range_are_refused_with_a_sentence() {
    let none = generate(&DemoOptions {
        customers: 0,
        ..DemoOptions::default()
    })
    .unwrap_err();
    assert_eq!(none, DemoError::CustomerCount(0));
    assert!(none.to_string().contains("choose between 1 and"), "{none}");
    assert_eq!(
        generate(&DemoOptions {
            years: 0,
            ..DemoOptions::default()
        })
        .unwrap_err(),
        DemoError::Years(0)
    );
    let early = DemoOptions {
        end: NaiveDate::MIN,
        ..DemoOptions::default()
    };
    assert!(matches!(generate(&early), Err(DemoError::Window { .. })));
}

#[test]
fn the_default_company_has_five_thousand_customers_over_three_years() {
    let data = demo();
    assert_eq!(data.customers.len(), 5_000);
    assert_eq!(data.start, NaiveDate::from_ymd_opt(2023, 11, 1).unwrap());
    assert_eq!(data.end, NaiveDate::from_ymd_opt(2026, 10, 31).unwrap());
    assert!(
        (20_000..=80_000).contains(&data.transactions.len()),
        "{} transactions",
        data.transactions.len()
    );
    assert!((6..=10).contains(&data.managers.len()));
    assert!((6..=10).contains(&data.campaigns.len()));
    let first = data.transactions.iter().map(|t| t.date).min().unwrap();
    let last = data.transactions.iter().map(|t| t.date).max().unwrap();
    assert!(first >= data.start && last <= data.end);
    assert!((last - first).num_days() > 3 * 365 - 30, "{first} to {last}");
    // Acquisitions in every year, so cohorts exist.
    let years: BTreeSet<i32> = data
        .customers
        .iter()
        .filter_map(|c| c.acquisition_date)
        .map(|d| d.year())
        .collect();
    assert_eq!(years.len(), 4, "{years:?}");
    assert_eq!(data.customers[0].id, "C00001");
    assert_eq!(data.managers[0].id, "M01");
    assert_eq!(data.campaigns[0].id, "CMP01");
}

#[test]
fn every_record_references_existing_customers_managers_and_campaigns() {
    let data = demo();
    let customers: HashSet<&str> = data.customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(customers.len(), data.customers.len(), "customer ids are unique");
    let managers: HashSet<&str> = data.managers.iter().map(|m| m.id.as_str()).collect();
    let campaigns: HashSet<&str> = data.campaigns.iter().map(|c| c.id.as_str()).collect();
    let emails: HashSet<&str> = data.customers.iter().filter_map(|c| c.email.as_deref()).collect();
    assert_eq!(emails.len(), data.customers.len(), "e-mails are unique");
    assert!(emails.iter().all(|e| e.ends_with(".example")));
    for c in &data.customers {
        if let Some(m) = &c.manager_id {
            assert!(managers.contains(m.as_str()), "{m}");
        }
        assert!(c.segment.is_some() && c.acquisition_channel.is_some() && c.acquisition_date.is_some());
    }
    assert!(data
        .transactions
        .iter()
        .all(|t| customers.contains(t.customer_id.as_str())));
    assert!(data
        .interactions
        .iter()
        .all(|i| customers.contains(i.customer_id.as_str())));
    assert!(data.exits.iter().all(|e| customers.contains(e.customer_id.as_str())));
    assert!(data.plans.iter().all(|p| customers.contains(p.customer_id.as_str())));
    for r in &data.responses {
        assert!(customers.contains(r.customer_id.as_str()) && campaigns.contains(r.campaign_id.as_str()));
    }
    let dated = data
        .interactions
        .iter()
        .map(|i| i.date)
        .chain(data.responses.iter().map(|r| r.date));
    for d in dated.chain(data.exits.iter().map(|e| e.date)) {
        assert!(d >= data.start && d <= data.end, "{d}");
    }
    // Every customer's first order is on their acquisition day.
    let mut first_order: HashMap<&str, NaiveDate> = HashMap::new();
    for t in data.transactions.iter().filter(|t| t.kind == TransactionKind::Order) {
        let slot = first_order.entry(t.customer_id.as_str()).or_insert(t.date);
        *slot = (*slot).min(t.date);
    }
    for c in &data.customers {
        assert_eq!(first_order.get(c.id.as_str()).copied(), c.acquisition_date, "{}", c.id);
    }
}

#[test]
fn exited_customers_stop_buying_after_their_exit() {
    let data = demo();
    let exit: HashMap<&str, NaiveDate> = data.exits.iter().map(|e| (e.customer_id.as_str(), e.date)).collect();
    assert_eq!(exit.len(), data.exits.len(), "one exit per customer");
    for t in &data.transactions {
        if let Some(&d) = exit.get(t.customer_id.as_str()) {
            assert!(
                t.date <= d,
                "{} bought on {} after leaving on {d}",
                t.customer_id,
                t.date
            );
        }
    }
    for i in &data.interactions {
        if let Some(&d) = exit.get(i.customer_id.as_str()) {
            assert!(
                i.date <= d,
                "{} contacted on {} after leaving on {d}",
                i.customer_id,
                i.date
            );
        }
    }
}

#[test]
fn orders_have_costs_varied_margins_and_a_few_returns() {
    let data = demo();
    let orders: Vec<_> = data
        .transactions
        .iter()
        .filter(|t| t.kind == TransactionKind::Order)
        .collect();
    let returns = data.transactions.len() - orders.len();
    let share = returns as f64 / orders.len() as f64;
    assert!((0.01..0.08).contains(&share), "returns are {share:.3} of orders");
    let with_cost: Vec<_> = orders
        .iter()
        .filter_map(|t| t.cost.map(|c| (t.amount.0, c.0)))
        .collect();
    assert!(with_cost.len() as f64 > 0.95 * orders.len() as f64);
    let negative = with_cost.iter().filter(|(a, c)| c > a).count();
    assert!(negative > 100, "{negative} negative-margin lines");
    let high = with_cost.iter().filter(|(a, c)| (*c as f64) < 0.5 * *a as f64).count();
    assert!(high > 1_000, "{high} lines above 50% margin");
    assert!(orders
        .iter()
        .all(|t| t.amount.0 > 0 && t.product.is_some() && t.quantity.is_some_and(|q| q >= 1.0)));
    // Some returns exceed the order they came back from (unsold stock of several deliveries).
    let mut last_order: HashMap<(&str, &str), i64> = HashMap::new();
    let mut larger = 0;
    for t in &data.transactions {
        let key = (t.customer_id.as_str(), t.product.as_deref().unwrap_or(""));
        match t.kind {
            TransactionKind::Order => {
                last_order.insert(key, t.amount.0);
            }
            TransactionKind::Return => {
                if last_order.get(&key).is_some_and(|&a| t.amount.0 > a) {
                    larger += 1;
                }
            }
        }
    }
    assert!(larger > 5, "{larger} returns larger than their order");
}

#[test]
fn every_kind_of_campaign_interaction_and_exit_reason_appears() {
    let data = demo();
    let kinds: HashSet<CampaignKind> = data.campaigns.iter().map(|c| c.kind).collect();
    assert_eq!(kinds.len(), CampaignKind::ALL.len());
    let interaction_kinds: HashSet<InteractionKind> = data.interactions.iter().map(|i| i.kind).collect();
    for k in InteractionKind::ALL {
        assert!(interaction_kinds.contains(k), "no {k} interaction");
    }
    let reasons: HashSet<ExitReason> = data.exits.iter().map(|e| e.reason).collect();
    assert_eq!(reasons.len(), ExitReason::ALL.len(), "{reasons:?}");
    let months: HashSet<(i32, u32)> = data.exits.iter().map(|e| (e.date.year(), e.date.month())).collect();
    assert!(months.len() >= 12, "exits in {} months", months.len());
    // Responders buy: the responses carry revenue, and every campaign got some.
    for c in &data.campaigns {
        let rs: Vec<_> = data.responses.iter().filter(|r| r.campaign_id == c.id).collect();
        let yes = rs.iter().filter(|r| r.responded).count();
        assert!(yes > 0 && yes < rs.len(), "{}: {yes} of {}", c.id, rs.len());
        assert!(c.cost.0 > 0);
    }
    assert!(data
        .responses
        .iter()
        .filter(|r| r.responded)
        .any(|r| r.revenue.is_some_and(|m| m.0 > 0)));
    // Managers look after the largest accounts, and some plans are overdue.
    let managed = data.customers.iter().filter(|c| c.manager_id.is_some()).count();
    assert!((250..=1_000).contains(&managed), "{managed} managed customers");
    let overdue = data.plans.iter().filter(|p| p.is_overdue(data.end)).count();
    assert!(
        overdue > 0 && overdue < data.plans.len(),
        "{overdue} of {} plans overdue",
        data.plans.len()
    );
}

#[test]
fn every_analysis_has_something_to_show() {
    let data = demo();
    let scoring = full_scoring();
    let r = &scoring.report;
    let n = r.customers;
    assert_eq!(n, data.customers.len());
    assert_eq!(r.as_of, data.transactions.iter().map(|t| t.date).max().unwrap());

    let cq = r.current_quadrants;
    let fq = r.future_quadrants;
    let min = (n as f64 * 0.03).ceil() as usize;
    for (name, count) in [
        ("most_profitable", cq.most_profitable),
        ("profitable_high_cost", cq.profitable_high_cost),
        ("profitable_low_margin", cq.profitable_low_margin),
        ("least_profitable", cq.least_profitable),
        ("best", fq.best),
        ("invest", fq.invest),
        ("retain", fq.retain),
        ("worst", fq.worst),
    ] {
        assert!(count >= min, "{name}: {count} customers, fewer than 3%");
    }
    assert!(r.whale_peak.profit_share > 1.0, "whale peak {:?}", r.whale_peak);
    let p = r.pyramid;
    assert!(p.gold > 0 && p.silver > 0 && p.iron > 0 && p.lead > 0, "{p:?}");
    assert!(r.bg_nbd.fitted && r.bg_nbd.converged, "{:?}", r.bg_nbd);
    assert!(r.gamma_gamma.fitted && r.gamma_gamma.converged, "{:?}", r.gamma_gamma);
    assert!(
        r.churn.at_risk > 0 && r.churn.exits > 0 && r.churn.churn_rate > 0.0,
        "{:?}",
        r.churn
    );
    assert!(
        r.churn.reasons.iter().filter(|s| s.count > 0).count() >= 5,
        "{:?}",
        r.churn.reasons
    );
    for v in [
        r.top20_profit_share,
        r.top20_revenue_share,
        r.whale_peak.customer_share,
        r.whale_peak.profit_share,
        r.total_clv,
        r.total_future_profit,
        r.churn.churn_rate,
        r.churn.lost_profit_one_year,
        r.churn.lost_lifetime_value,
    ] {
        assert!(v.is_finite(), "{r:?}");
    }
    for s in scoring.iter() {
        for v in [
            s.recency,
            s.t,
            s.monetary_value,
            s.p_alive,
            s.expected_purchases,
            s.expected_order_value,
            s.clv,
            s.future_profit,
        ] {
            assert!(v.is_finite(), "{s:?}");
        }
        assert!(s.clv >= 0.0, "{s:?}");
    }
    let losing = scoring.iter().filter(|s| s.profit.0 < 0).count();
    assert!(losing * 50 > n, "only {losing} customers lose money");
}

#[test]
fn customers_move_between_tiers_from_one_year_to_the_next() {
    let data = demo();
    let ledger = Ledger::from_transactions(&data.transactions);
    let (interactions, _) = InteractionInput::from_interactions(&ledger, &data.interactions);
    let (exits, _) = ExitInput::from_exits(&ledger, &data.exits);
    let options = ScoreOptions::from_settings(&data.settings);
    let m = tier_migration(&ledger, &interactions, &exits, &data.settings, &options, 365).expect("both years score");
    println!("migration {m:?}");
    assert!(m.customers > 1_000, "{m:?}");
    assert!(m.up_share >= 0.03 && m.down_share >= 0.03, "{m:?}");
}

/// FNV-1a (64-bit) of bytes: a fingerprint without a hashing crate.
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The default demo (5,000 customers, seed 2026) is byte for byte what it was: a fingerprint
/// of its postcard encoding, taken from the generator before it was optimised, pins every
/// record, its order and every value. A deliberate change to the demo updates the number; an
/// optimisation must leave it alone. (Native only, and computed with this platform's `ln` and
/// `exp`; see the module docs of `demo` on wasm32.)
#[test]
fn the_default_company_is_byte_for_byte_unchanged() {
    let bytes = postcard::to_stdvec(demo()).unwrap();
    assert_eq!(bytes.len(), 6_068_850);
    assert_eq!(format!("{:016x}", fingerprint(&bytes)), "637d7f9786ee3eb4");
}

/// Compares two lists of blocks one by one, naming the first that differs (a whole-list
/// `assert_eq!` would print megabytes).
fn same_blocks<B: Block + std::fmt::Debug>(what: &str, got: &[B], want: &[B]) {
    assert_eq!(got.len(), want.len(), "{what}: number of blocks");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(g == w, "{what}: block {k} of {} differs", want.len());
        g.validate().unwrap_or_else(|e| panic!("{what}: block {k}: {e:?}"));
    }
}

/// `generate_blocks` gives exactly what the worker made of `generate`'s records before: the
/// same small records, customers, interactions, exits and responses by `from_records`, and
/// transactions grouped by customer as `import::grouped_blocks` groups them; every block
/// compared column by column (floats by their bits), for several sizes, seeds and windows.
#[test]
fn the_blocks_are_exactly_the_records_converted() {
    let end = NaiveDate::from_ymd_opt(2025, 2, 28).unwrap();
    let cases = [
        DemoOptions::default(),
        DemoOptions {
            customers: 20_000,
            ..DemoOptions::default()
        },
        DemoOptions {
            customers: 1,
            ..DemoOptions::default()
        },
        DemoOptions {
            seed: 7,
            customers: 777,
            years: 1,
            end,
        },
    ];
    for options in cases {
        let data = generate(&options).unwrap();
        let mut seen = Vec::new();
        let blocks = generate_blocks(&options, &mut |p| seen.push(p)).unwrap();
        let DemoBlocks {
            company,
            currency,
            start,
            end,
            customers,
            managers,
            transactions,
            interactions,
            campaigns,
            responses,
            exits,
            plans,
            settings,
        } = &blocks;
        let what = format!("{} customers, seed {}", options.customers, options.seed);
        assert_eq!(
            (company, currency, start, end),
            (&data.company, &data.currency, &data.start, &data.end),
            "{what}"
        );
        assert_eq!(managers, &data.managers, "{what}");
        assert_eq!(campaigns, &data.campaigns, "{what}");
        assert_eq!(plans, &data.plans, "{what}");
        assert_eq!(settings, &data.settings, "{what}");
        same_blocks(&what, customers, &CustomerBlock::from_records(&data.customers));
        same_blocks(
            &what,
            transactions,
            &customer_insight::import::grouped_blocks(&data.transactions),
        );
        same_blocks(&what, interactions, &InteractionBlock::from_records(&data.interactions));
        same_blocks(&what, exits, &ExitBlock::from_records(&data.exits));
        same_blocks(&what, responses, &ResponseBlock::from_records(&data.responses));
        let rows = data.customers.len()
            + data.transactions.len()
            + data.interactions.len()
            + data.responses.len()
            + data.exits.len();
        assert_eq!(blocks.rows(), rows, "{what}");
        if options.customers >= 20_000 {
            assert!(transactions.len() > 10 && interactions.len() > 5, "{what}: several blocks");
            assert!(transactions.iter().rev().skip(1).all(|b| b.len() == BLOCK_ROWS));
        }
        // Progress as `generate_with_progress` reports it.
        assert!(seen.len() >= 6.min(options.customers), "{seen:?}");
        assert!(options.customers < 100 || seen.len() >= 10, "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        assert_eq!((seen.first(), seen.last()), (Some(&0.0), Some(&1.0)));
    }
    assert_eq!(
        generate_blocks(
            &DemoOptions {
                customers: 0,
                ..DemoOptions::default()
            },
            &mut |_| {}
        )
        .unwrap_err(),
        DemoError::CustomerCount(0)
    );
}

/// Prints the figures of the default demo (run with `--nocapture`); generation time is
/// measured here, so run it in release for a meaningful number.
#[test]
fn report_the_key_figures() {
    let started = std::time::Instant::now();
    let data = generate(&DemoOptions::default()).unwrap();
    let generated = started.elapsed();
    let scoring = score_demo(&data);
    let r = &scoring.report;
    let orders = data
        .transactions
        .iter()
        .filter(|t| t.kind == TransactionKind::Order)
        .count();
    println!("generation: {:.1} ms", generated.as_secs_f64() * 1e3);
    println!(
        "customers {} | transactions {} (orders {orders}, returns {}) | interactions {} | responses {} | exits {} | plans {} | managed {}",
        data.customers.len(),
        data.transactions.len(),
        data.transactions.len() - orders,
        data.interactions.len(),
        data.responses.len(),
        data.exits.len(),
        data.plans.len(),
        data.customers.iter().filter(|c| c.manager_id.is_some()).count(),
    );
    println!("current quadrants {:?}", r.current_quadrants);
    println!("future quadrants {:?}", r.future_quadrants);
    println!("pyramid {:?}", r.pyramid);
    println!(
        "whale peak {:?} | top 20% profit {:.3} revenue {:.3}",
        r.whale_peak, r.top20_profit_share, r.top20_revenue_share
    );
    println!("churn {:?}", r.churn);
    println!("bg/nbd {:?}", r.bg_nbd);
    println!("gamma-gamma {:?}", r.gamma_gamma);
    println!("diagnostics {:?}", r.diagnostics);
    let losing = scoring.iter().filter(|s| s.profit.0 < 0).count();
    println!("customers losing money {losing}");
    let mut reasons: HashMap<ExitReason, usize> = HashMap::new();
    for e in &data.exits {
        *reasons.entry(e.reason).or_default() += 1;
    }
    println!("exit reasons (all years) {reasons:?}");
    let mut kinds: HashMap<InteractionKind, usize> = HashMap::new();
    for i in &data.interactions {
        *kinds.entry(i.kind).or_default() += 1;
    }
    println!("interactions by kind {kinds:?}");
    let mut by_segment: HashMap<&str, (usize, usize, i64, i64)> = HashMap::new();
    let segment: HashMap<&str, &str> = data
        .customers
        .iter()
        .map(|c| (c.id.as_str(), c.segment.as_deref().unwrap_or("")))
        .collect();
    for t in data.transactions.iter().filter(|t| t.kind == TransactionKind::Order) {
        by_segment.entry(segment[t.customer_id.as_str()]).or_default().1 += 1;
    }
    for s in scoring.iter() {
        let e = by_segment.entry(segment[s.customer_id.as_str()]).or_default();
        e.0 += 1;
        e.2 += s.revenue.0 / 100;
        e.3 += s.profit.0 / 100;
    }
    println!("by segment (customers, orders, revenue, profit) {by_segment:?}");
    let positive: f64 = scoring.iter().map(|s| s.profit.to_major()).filter(|p| *p > 0.0).sum();
    let negative: f64 = scoring.iter().map(|s| s.profit.to_major()).filter(|p| *p < 0.0).sum();
    println!("profit: positive {positive:.0}, negative {negative:.0}");
    for c in &data.campaigns {
        let rs: Vec<_> = data.responses.iter().filter(|x| x.campaign_id == c.id).collect();
        let yes = rs.iter().filter(|x| x.responded).count();
        println!(
            "{} {:?} {} {}..{:?} targets {} responders {yes} cost {}",
            c.id,
            c.kind,
            c.name,
            c.start,
            c.end,
            rs.len(),
            c.cost
        );
    }
}
