use customer_insight::import::{parse, sniff, ImportPlan, RecordKind};
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let kind = match std::env::args().nth(2).as_deref() { Some("interactions") => RecordKind::Interactions, Some("customers") => RecordKind::Customers, _ => RecordKind::Transactions };
    let bytes = std::fs::read(&path).unwrap();
    let t = Instant::now();
    let plan = ImportPlan::from_sniff(kind, &sniff(&bytes));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let parsed = parse(&plan, &bytes, today, &mut |_| {}).unwrap();
    println!("{} rows valid {} invalid {} in {:?}", parsed.rows, parsed.valid, parsed.invalid, t.elapsed());
}
