use customer_insight::domain::text::Interner;
use customer_insight::domain::ids::IdInterner;
use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("target/tmp/four_files_100000/transactions.csv").unwrap();
    let ids: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    let prods: Vec<&str> = text.lines().skip(1).map(|l| l.rsplit(',').next().unwrap()).collect();
    let t = Instant::now();
    let mut it = Interner::default();
    let mut sum = 0u64;
    for id in &ids { sum += it.intern(id) as u64; }
    println!("Interner ids {}: {:?} {}", ids.len(), t.elapsed(), sum);
    let t = Instant::now();
    let mut it = IdInterner::default();
    for id in &ids { sum += it.intern(id) as u64; }
    println!("IdInterner ids: {:?} {}", t.elapsed(), sum);
    let t = Instant::now();
    let mut it = Interner::default();
    for p in &prods { sum += it.intern(p) as u64; }
    println!("Interner products: {:?} {} distinct {}", t.elapsed(), sum, it.len());
    let mut m = rustc_hash::FxHashMap::<&str, u32>::default();
    let t = Instant::now();
    for id in &ids { let n = m.len() as u32; sum += *m.entry(id).or_insert(n) as u64; }
    println!("FxHashMap<&str> ids: {:?} {}", t.elapsed(), sum);
}
