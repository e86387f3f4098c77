//! Prints a 64-bit FNV-1a fingerprint of the postcard bytes of `generate`'s output for
//! several sizes, seeds and windows (to prove a change leaves the demo byte-identical), and
//! with `--blocks` checks that `generate_blocks` equals the conversion of `generate`.
//!
//! cargo run --release --example demo_fingerprint [sizes...]
use customer_insight::demo::{generate, DemoOptions};

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1, 7, 99, 5_000, 30_000]
    } else {
        args.iter().filter_map(|a| a.parse().ok()).collect()
    };
    let end2 = chrono::NaiveDate::from_ymd_opt(2025, 2, 28).unwrap();
    for &n in &sizes {
        for (seed, years, end) in [(2026u64, 3u32, None), (7, 1, Some(end2)), (99, 5, None)] {
            if n > 5_000 && seed != 2026 {
                continue;
            }
            let mut o = DemoOptions { customers: n, seed, years, ..DemoOptions::default() };
            if let Some(e) = end {
                o.end = e;
            }
            let d = generate(&o).unwrap();
            let bytes = postcard::to_stdvec(&d).unwrap();
            println!("n={n} seed={seed} years={years} end={} bytes={} fp={:016x}", o.end, bytes.len(), fnv(&bytes));
        }
    }
}
