//! Timing of the scoring pipeline on a synthetic base of 1M customers (~4M rows). Ignored by
//! default; run in release mode:
//! `cargo test --release --test analytics_performance -- --ignored --nocapture`.

use customer_insight::analytics::{score, ExitInput, InteractionInput, Ledger, ScoreOptions, Stage};
use customer_insight::domain::{Money, Settings, TransactionKind};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts live heap bytes and their peak, to measure the pipeline's memory.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// xorshift64*: a tiny seeded generator so the test needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A BG/NBD-like base: births over 600 days, exponential gaps, dropout after each purchase.
pub fn synthetic_ledger(customers: usize, seed: u64) -> Ledger {
    let mut rng = Rng(seed.max(1));
    let mut b = Ledger::builder();
    let base_day = 738_000; // 2021-07
    let horizon = 730.0;
    for c in 0..customers {
        let id = format!("C{c:07}");
        let idx = b.customer(&id);
        let rate = 0.004 + 0.04 * rng.uniform() * rng.uniform();
        let dropout = 0.05 + 0.3 * rng.uniform();
        let mean = 20.0 + 80.0 * rng.uniform();
        let mut t = 600.0 * rng.uniform();
        loop {
            let amount = (mean * (0.5 + rng.uniform()) * 100.0) as i64;
            b.push_day(idx, base_day + t as i32, Money(amount), None, TransactionKind::Order);
            if rng.uniform() < dropout {
                break;
            }
            t += -(1.0 - rng.uniform()).ln() / rate;
            if t >= horizon {
                break;
            }
        }
    }
    b.finish()
}

#[test]
#[ignore]
fn score_one_million_customers() {
    let customers: usize = std::env::var("CUSTOMERS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let t0 = Instant::now();
    let ledger = synthetic_ledger(customers, 42);
    eprintln!("generated {} rows for {} customers in {:?}", ledger.len(), ledger.customer_count(), t0.elapsed());
    // BY_DATE=1 reorders the rows by date, as many exports are, to time the grouping sort.
    let ledger = if std::env::var("BY_DATE").is_ok() {
        let mut rows: Vec<_> = (0..ledger.len()).filter_map(|i| ledger.row(i)).collect();
        rows.sort_by_key(|r| r.day);
        let mut b = Ledger::builder();
        for r in rows {
            let c = b.customer(ledger.customer_id(r.customer));
            b.push_day(c, r.day, r.amount, r.cost, r.kind);
        }
        b.finish()
    } else {
        ledger
    };
    let settings = Settings::default();
    let options = ScoreOptions::from_settings(&settings);
    // REPEAT=n scores n extra times first (for profiling the pipeline, not the generator).
    let repeat: usize = std::env::var("REPEAT").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    for _ in 0..repeat {
        score(&ledger, &InteractionInput::default(), &ExitInput::default(), &settings, &options, &mut |_| {}).unwrap();
    }
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let mut last = Instant::now();
    let mut stage_times: Vec<(Stage, f64, usize)> = Vec::new();
    let mut stage_peak = 0usize;
    let mut current: Option<Stage> = None;
    let start = Instant::now();
    let scoring = score(&ledger, &InteractionInput::default(), &ExitInput::default(), &settings, &options, &mut |s| {
        if let Some(c) = current {
            let peak = PEAK.load(Ordering::Relaxed).max(stage_peak);
            stage_times.push((c, last.elapsed().as_secs_f64(), peak));
            stage_peak = stage_peak.max(peak);
        }
        PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
        current = Some(s);
        last = Instant::now();
    })
    .unwrap();
    let total = start.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).max(stage_peak);
    eprintln!(
        "heap: ledger {:.0} MB before scoring, peak {:.0} MB during (+{:.0} MB), scoring result {:.0} MB",
        mb(before),
        mb(peak),
        mb(peak - before),
        mb(LIVE.load(Ordering::Relaxed) - before)
    );
    for (s, t, p) in &stage_times {
        eprintln!("{:>16}: {:8.1} ms, heap peak {:5.0} MB", s.as_str(), t * 1000.0, mb(*p));
    }
    eprintln!("total score(): {:.1} ms for {} customers", total.as_secs_f64() * 1000.0, scoring.len());
    eprintln!("bg/nbd: {:?}", scoring.report.bg_nbd);
    eprintln!("gamma-gamma: {:?}", scoring.report.gamma_gamma);
    let t1 = Instant::now();
    let clv: f64 = scoring.iter().map(|s| s.clv).sum();
    eprintln!("materialised all rows in {:?} (Σ clv {clv:.0})", t1.elapsed());
    assert!(scoring.report.bg_nbd.converged);
}
