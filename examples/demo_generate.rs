//! Times `generate` and the drop of its records (for profiling: `perf record`).
//! cargo run --release --example demo_generate 100000
use std::time::Instant;
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let o = customer_insight::demo::DemoOptions { customers: n, ..Default::default() };
    let t = Instant::now();
    let d = customer_insight::demo::generate(&o).unwrap();
    let g = t.elapsed();
    let t = Instant::now();
    drop(d);
    println!("generate {g:?} drop {:?}", t.elapsed());
}
