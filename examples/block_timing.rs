use customer_insight::domain::blocks::{Block, InteractionBlock};
use customer_insight::domain::text::{Interner, Strings, DictBuilder};
use customer_insight::domain::{Interaction, InteractionKind};
use std::time::Instant;
fn main() {
    let d = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let rows: Vec<Interaction> = (0..541_000u64).map(|i| Interaction { customer_id: format!("C{:05}", (i * 7919) % 100_000), kind: InteractionKind::Call, date: d, cost: None, note: format!("note {}", i % 50), outcome: Some(["ok", "resolved", "offer"][(i % 3) as usize].into()) }).collect();
    let t = Instant::now();
    let b = InteractionBlock::from_records(&rows);
    println!("from_records {:?} {}", t.elapsed(), b.len());
    let t = Instant::now();
    let mut n = 0;
    for chunk in rows.chunks(10_000) {
        let mut ids = Interner::default();
        for r in chunk { n += ids.intern(&r.customer_id); }
    }
    println!("ids only {:?} {n}", t.elapsed());
    let t = Instant::now();
    for chunk in rows.chunks(10_000) {
        let mut d = DictBuilder::default();
        for r in chunk { d.push(r.outcome.as_deref()); }
    }
    println!("dict only {:?}", t.elapsed());
    let t = Instant::now();
    for chunk in rows.chunks(10_000) {
        let mut s = Strings::new();
        for r in chunk { s.push(&r.note); }
    }
    println!("notes only {:?}", t.elapsed());
}
