//! In-browser tests of the storage foundation: real IndexedDB in headless Chromium.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use customer_insight::domain::blocks::{Block, CustomerBlock, Stored, TransactionBlock};
use customer_insight::domain::bundle::{Bundle, ImportBatch, WorkspaceSettings};
use customer_insight::domain::{
    Campaign, CampaignKind, CampaignResponse, CampaignTarget, Cadence, ContactPlan, Customer, Exit,
    ExitReason, Interaction, InteractionKind, Manager, Money, Transaction, TransactionKind,
};
use customer_insight::i18n::{Locale, Sentence};
use customer_insight::storage::schema::{self, WORKSPACE_VERSION};
use customer_insight::storage::{Changes, StorageError, Subject, WorkspaceDb};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name(tag: &str) -> String {
    format!("test-{tag}-{}", js_sys::Math::random().to_bits())
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).expect("date")
}

/// Text that broke the first release's blocks (joined by U+001F) and every quoting habit.
const AWKWARD: [&str; 5] = ["a\u{1f}b", "", "tab\there", "\"quoted\", with comma", "\u{1f}"];

fn transactions(n: u32) -> Vec<Transaction> {
    (0..n)
        .map(|i| Transaction {
            customer_id: format!("C{:04}", i % 1_000),
            kind: if i % 50 == 0 {
                TransactionKind::Return
            } else {
                TransactionKind::Order
            },
            date: day(1, 1 + i % 28),
            amount: Money(i64::from(i) * 7 + 1),
            cost: (i % 3 == 0).then(|| Money(i64::from(i))),
            product: (i % 4 != 0).then(|| format!("P{}", i % 13)),
            quantity: (i % 5 != 0).then_some(f64::from(i % 9) + 0.5),
        })
        .collect()
}

fn customer(id: &str, name: &str) -> Customer {
    Customer {
        id: id.into(),
        name: name.into(),
        ..Customer::default()
    }
}

fn batch(id: &str, kind: &str) -> ImportBatch {
    ImportBatch {
        id: id.into(),
        kind: kind.into(),
        file_name: format!("{id}.csv"),
        imported_at: "2026-12-01T10:00:00Z".into(),
        ..ImportBatch::default()
    }
}

async fn open(tag: &str) -> (String, WorkspaceDb) {
    let name = unique_name(tag);
    let db = WorkspaceDb::open_named(&name, WORKSPACE_VERSION)
        .await
        .expect("open");
    (name, db)
}

async fn drop_db(name: &str, db: WorkspaceDb) {
    db.close();
    WorkspaceDb::delete_named(name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn every_kind_of_block_round_trips_with_awkward_ids_and_text() {
    let (name, db) = open("kinds").await;
    assert_eq!(db.schema_version(), WORKSPACE_VERSION);
    let mut bundle = Bundle::default();
    let customers: Vec<Customer> = AWKWARD
        .iter()
        .map(|id| Customer {
            notes: format!("notes of {id}"),
            tags: vec![(*id).to_owned()],
            ..customer(id, &format!("name {id}"))
        })
        .collect();
    let txs: Vec<Transaction> = AWKWARD
        .iter()
        .enumerate()
        .map(|(i, id)| Transaction {
            customer_id: (*id).to_owned(),
            kind: TransactionKind::Order,
            date: day(2, 1 + i as u32),
            amount: Money(1000 + i as i64),
            cost: None,
            product: Some((*id).to_owned()),
            quantity: None,
        })
        .collect();
    let interactions: Vec<Interaction> = AWKWARD
        .iter()
        .map(|id| Interaction {
            customer_id: (*id).to_owned(),
            kind: InteractionKind::Call,
            date: day(3, 1),
            cost: Some(Money(150)),
            note: (*id).to_owned(),
            outcome: Some((*id).to_owned()),
        })
        .collect();
    let exits = vec![Exit {
        customer_id: "a\u{1f}b".into(),
        date: day(4, 1),
        reason: ExitReason::Service,
        note: "\u{1f}".into(),
    }];
    let responses = vec![CampaignResponse {
        campaign_id: "K\u{1f}1".into(),
        customer_id: "".into(),
        date: day(4, 2),
        responded: true,
        note: "tab\there".into(),
        revenue: Some(Money(990)),
    }];
    bundle.customers = Stored::all_fresh(CustomerBlock::from_records(&customers));
    bundle.transactions = Stored::all_fresh(TransactionBlock::from_records(&txs));
    bundle.interactions = Stored::all_fresh(customer_insight::domain::blocks::InteractionBlock::from_records(&interactions));
    bundle.exits = Stored::all_fresh(customer_insight::domain::blocks::ExitBlock::from_records(&exits));
    bundle.responses = Stored::all_fresh(customer_insight::domain::blocks::ResponseBlock::from_records(&responses));
    let revision = db
        .add(&bundle, batch("B1", "demo"), Subject::Demo)
        .await
        .expect("add");
    assert_eq!(db.revision().await.expect("revision"), revision);

    assert_eq!(db.customers().await.expect("customers"), customers);
    for (i, id) in AWKWARD.iter().enumerate() {
        assert_eq!(db.customer(id).await.expect("one").as_ref(), Some(&customers[i]), "{id:?}");
        assert_eq!(db.transactions_of(id).await.expect("txs"), vec![txs[i].clone()], "{id:?}");
        assert_eq!(db.interactions_of(id).await.expect("ints"), vec![interactions[i].clone()], "{id:?}");
    }
    assert_eq!(db.exits_of("a\u{1f}b").await.expect("exits"), exits);
    assert!(db.exits_of("a").await.expect("no exits").is_empty());
    assert_eq!(db.responses_of("").await.expect("responses"), responses);
    assert_eq!(db.responses_to("K\u{1f}1").await.expect("to"), responses);
    assert_eq!(db.count_customers().await.expect("count"), 5);
    let known = db.known_customer_ids().await.expect("known");
    assert_eq!(known.len(), 5);
    // Every block carries the batch that wrote it.
    let stored = db.transaction_blocks().await.expect("blocks");
    assert!(stored.iter().all(|s| s.batch.as_deref() == Some("B1")));
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn a_persons_edits_lie_over_the_imported_records_and_a_revert_takes_the_import_off() {
    let (name, db) = open("layers").await;
    let imported = vec![customer("A", "Ann"), customer("B", "Bo")];
    let mut bundle = Bundle::default();
    bundle.customers = Stored::all_fresh(CustomerBlock::from_records(&imported));
    db.add(&bundle, batch("I1", "customers"), Subject::Import("c.csv".into()))
        .await
        .expect("import");

    // A person edits Ann, then a second import updates Bo.
    let mut changes = Changes::new(Subject::Customer("Ann".into()));
    changes.customers(vec![customer("A", "Ann Lee")]);
    db.apply(changes).await.expect("edit");
    let mut changes = Changes::new(Subject::Customer("Ann".into()));
    changes.customers(vec![customer("A", "Ann Lee-Smith")]);
    db.apply(changes).await.expect("edit again");
    let mut second = Bundle::default();
    second.customers = Stored::all_fresh(CustomerBlock::from_records(&[customer("B", "Bob")]));
    db.add(&second, batch("I2", "customers"), Subject::Import("d.csv".into()))
        .await
        .expect("second import");
    let names = |list: Vec<Customer>| list.into_iter().map(|c| c.name).collect::<Vec<_>>();
    assert_eq!(names(db.customers().await.expect("now")), vec!["Ann Lee-Smith", "Bob"]);
    // Two edits of one customer went into one small block, replacing each other.
    let layers = db.blocks::<CustomerBlock>().await.expect("layers");
    assert_eq!(layers.len(), 3);

    db.revert_import("I2").await.expect("revert");
    assert_eq!(names(db.customers().await.expect("after revert")), vec!["Ann Lee-Smith", "Bo"]);
    // Reverting again (another tab did it first) says so, and changes nothing.
    let err = db.revert_import("I2").await.expect_err("reverted already");
    assert_eq!(err, StorageError::AlreadyReverted);
    assert!(err.sentence(Locale::En).contains("already reverted"));
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn a_revert_raced_from_two_tabs_ends_with_one_revert_and_one_sentence() {
    let (name, first) = open("race").await;
    let second = WorkspaceDb::open_named(&name, WORKSPACE_VERSION)
        .await
        .expect("second tab");
    let mut bundle = Bundle::default();
    bundle.transactions = Stored::all_fresh(TransactionBlock::from_records(&transactions(30_000)));
    first
        .add(&bundle, batch("R1", "transactions"), Subject::Import("t.csv".into()))
        .await
        .expect("import");
    let (a, b) = futures_util::future::join(first.revert_import("R1"), second.revert_import("R1")).await;
    let outcomes = [a.is_ok(), b.is_ok()];
    assert_eq!(outcomes.iter().filter(|&&ok| ok).count(), 1, "{a:?} {b:?}");
    let failed = if a.is_err() { a } else { b };
    assert_eq!(failed.expect_err("one fails"), StorageError::AlreadyReverted);
    assert!(first.transaction_blocks().await.expect("read").is_empty());
    second.close();
    drop_db(&name, first).await;
}

#[wasm_bindgen_test]
async fn deleting_a_customer_rewrites_every_block_that_names_them() {
    let (name, db) = open("delete").await;
    let rows = transactions(25_000);
    let mut bundle = Bundle::default();
    bundle.transactions = Stored::all_fresh(TransactionBlock::from_records(&rows));
    bundle.customers = Stored::all_fresh(CustomerBlock::from_records(&[customer("C0007", "Seven")]));
    db.add(&bundle, batch("T1", "transactions"), Subject::Import("t.csv".into()))
        .await
        .expect("add");
    let mut changes = Changes::new(Subject::Interaction);
    changes.interactions(vec![Interaction {
        customer_id: "C0007".into(),
        kind: InteractionKind::Visit,
        date: day(5, 1),
        cost: None,
        note: String::new(),
        outcome: None,
    }]);
    db.apply(changes).await.expect("interaction");
    let ledger = customer_insight::analytics::ledger::Ledger::from_blocks(
        db.transaction_blocks().await.expect("read").iter().map(|s| &s.block),
    );
    assert_eq!(ledger.len(), 25_000);
    assert_eq!(ledger.customer_count(), 1_000);
    let mut mine = db.transactions_of("C0007").await.expect("one customer's");
    assert_eq!(mine.len(), 25);
    mine.sort_by_key(|t| t.amount);
    let mut expected: Vec<Transaction> = rows.iter().filter(|t| t.customer_id == "C0007").cloned().collect();
    expected.sort_by_key(|t| t.amount);
    assert_eq!(mine, expected);

    db.delete_customer("C0007").await.expect("delete customer");
    assert!(db.transactions_of("C0007").await.expect("after").is_empty());
    assert!(db.interactions_of("C0007").await.expect("after").is_empty());
    assert_eq!(db.customer("C0007").await.expect("after"), None);
    let ledger = customer_insight::analytics::ledger::Ledger::from_blocks(
        db.transaction_blocks().await.expect("read").iter().map(|s| &s.block),
    );
    assert_eq!(ledger.len(), 25_000 - 25);
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn a_failed_write_leaves_the_previous_data_and_revision_intact() {
    let (name, db) = open("atomic").await;
    db.put_all(&[Manager {
        id: "M1".into(),
        name: "Mara".into(),
        ..Manager::default()
    }])
    .await
    .expect("first write");
    let before = db.revision().await.expect("revision");

    // One action: a valid change, then a record without its key — the whole action fails
    // and nothing of it is stored.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Keyless {
        name: String,
    }
    impl customer_insight::storage::Record for Keyless {
        const STORE: &'static str = "managers";
        fn subject(&self) -> Subject {
            Subject::Manager(self.name.clone())
        }
        fn subjects() -> Subject {
            Subject::Manager(String::new())
        }
    }
    let mut changes = Changes::new(Subject::Manager("Mara".into()));
    changes
        .put(&Manager {
            id: "M1".into(),
            name: "Changed".into(),
            ..Manager::default()
        })
        .expect("encodes");
    changes.customers(vec![customer("X", "Xavier")]);
    changes.put(&Keyless { name: "no id".into() }).expect("encodes");
    let err = db.apply(changes).await.expect_err("the action fails");
    let sentence = err.to_string();
    assert!(sentence.contains("nothing of it was stored"), "{sentence}");
    assert!(!sentence.contains("JsValue"), "{sentence}");
    assert_eq!(
        db.get::<Manager>("M1").await.expect("get").map(|m| m.name),
        Some("Mara".to_string())
    );
    assert!(db.customers().await.expect("customers").is_empty());
    assert_eq!(db.revision().await.expect("revision"), before, "the revision did not move");
    drop_db(&name, db).await;
}

/// The v3 stored form of a transaction block: typed-array columns, ids and products joined.
fn v3_block(key: &str, batch: &str, rows: &[Transaction]) -> JsValue {
    use js_sys::{Float64Array, Int32Array, Object, Reflect, Uint32Array, Uint8Array};
    let mut ids: Vec<String> = Vec::new();
    let mut products: Vec<String> = Vec::new();
    let mut cust = Vec::new();
    let mut prod = Vec::new();
    for t in rows {
        let c = ids.iter().position(|i| *i == t.customer_id).unwrap_or_else(|| {
            ids.push(t.customer_id.clone());
            ids.len() - 1
        });
        cust.push(c as u32);
        prod.push(match &t.product {
            None => 0,
            Some(p) => {
                (products.iter().position(|x| x == p).unwrap_or_else(|| {
                    products.push(p.clone());
                    products.len() - 1
                }) + 1) as u32
            }
        });
    }
    let o = Object::new();
    let set = |k: &str, v: &JsValue| {
        Reflect::set(&o, &JsValue::from_str(k), v).expect("set");
    };
    set("block", &key.into());
    set("batch", &batch.into());
    set("rows", &JsValue::from_f64(rows.len() as f64));
    set("ids", &ids.join("\u{1f}").into());
    set("cust", &Uint32Array::from(cust.as_slice()).into());
    let days: Vec<i32> = rows.iter().map(|t| customer_insight::domain::day::day_number(t.date)).collect();
    set("day", &Int32Array::from(days.as_slice()).into());
    let amounts: Vec<f64> = rows.iter().map(|t| t.amount.0 as f64).collect();
    set("amount", &Float64Array::from(amounts.as_slice()).into());
    let costs: Vec<f64> = rows.iter().map(|t| t.cost.map_or(f64::NAN, |c| c.0 as f64)).collect();
    set("cost", &Float64Array::from(costs.as_slice()).into());
    let kinds: Vec<u8> = rows.iter().map(|t| u8::from(t.kind == TransactionKind::Return)).collect();
    set("kind", &Uint8Array::from(kinds.as_slice()).into());
    set("products", &products.join("\u{1f}").into());
    set("product", &Uint32Array::from(prod.as_slice()).into());
    let q: Vec<f64> = rows.iter().map(|t| t.quantity.unwrap_or(f64::NAN)).collect();
    set("quantity", &Float64Array::from(q.as_slice()).into());
    o.into()
}

fn js(value: serde_json::Value) -> JsValue {
    use serde::Serialize;
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("to js")
}

/// A workspace exactly as the release before the columnar store (schema v3) left it, with
/// real records in every store.
async fn fill_v3(db: &WorkspaceDb, rows: &[Transaction]) {
    let customers: Vec<JsValue> = (0..300)
        .map(|i| {
            js(serde_json::json!({
                "id": format!("C{i:04}"), "name": format!("Customer {i}"),
                "email": format!("c{i}@example.com"), "segment": if i % 2 == 0 { "retail" } else { "trade" },
                "tags": ["vip", "x\u{1f}y"], "notes": "", "manager_id": "M1",
                "acquisition_date": "2023-03-15", "relationship_level": "social"
            }))
        })
        .collect();
    db.put_values("customers", &customers).await.expect("customers");
    let interactions: Vec<JsValue> = (0..120)
        .map(|i| {
            js(serde_json::json!({
                "id": format!("imp-{i:07}"), "batch": if i < 100 { Some("imp") } else { None },
                "customer_id": format!("C{:04}", i % 300), "kind": "call", "date": "2025-02-03",
                "cost": if i % 2 == 0 { Some(600) } else { None }, "note": "called\u{1f}back", "outcome": "ok"
            }))
        })
        .collect();
    db.put_values("interactions", &interactions).await.expect("interactions");
    let exits = vec![js(serde_json::json!({
        "id": "x1", "customer_id": "C0001", "date": "2025-03-01", "reason": "price", "note": "too dear"
    }))];
    db.put_values("exits", &exits).await.expect("exits");
    let responses = vec![js(serde_json::json!({
        "id": "K1/C0002", "campaign_id": "K1", "customer_id": "C0002", "date": "2025-01-10",
        "responded": true, "note": "", "revenue": 4200
    }))];
    db.put_values("responses", &responses).await.expect("responses");
    let blocks: Vec<JsValue> = rows
        .chunks(10_000)
        .enumerate()
        .map(|(n, chunk)| v3_block(&format!("imp-{n:06}"), "imp", chunk))
        .collect();
    db.put_values("transactions", &blocks).await.expect("transactions");
    db.put_values("managers", &[js(serde_json::json!({"id": "M1", "name": "Mara", "notes": ""}))])
        .await
        .expect("managers");
    db.put_values(
        "campaigns",
        &[js(serde_json::json!({
            "id": "K1", "name": "Club", "kind": "club", "start": "2025-01-01", "cost": 12345,
            "target": {"by": "tier", "value": "gold"}, "description": ""
        }))],
    )
    .await
    .expect("campaigns");
    db.put_values(
        "contact_plans",
        &[js(serde_json::json!({"customer_id": "C0003", "cadence": "monthly", "next_due": "2025-07-01"}))],
    )
    .await
    .expect("plans");
    db.put_values(
        "import_batches",
        &[js(serde_json::json!({
            "id": "imp", "kind": "transactions", "file_name": "t.csv", "imported_at": "2025-05-01T00:00:00Z",
            "rows": rows.len(), "stored": rows.len(), "skipped": 0
        }))],
    )
    .await
    .expect("batches");
    db.put_values(
        "settings",
        &[js(serde_json::json!({"key": "settings", "currency": "EUR", "settings": {"default_margin": 0.4}}))],
    )
    .await
    .expect("settings");
}

async fn check_migrated(db: &WorkspaceDb, rows: &[Transaction]) {
    assert_eq!(db.schema_version(), WORKSPACE_VERSION);
    let customers = db.customers().await.expect("customers");
    assert_eq!(customers.len(), 300);
    assert_eq!(customers[7].name, "Customer 7");
    assert_eq!(customers[7].tags, vec!["vip".to_owned(), "x\u{1f}y".to_owned()]);
    assert_eq!(customers[7].manager_id.as_deref(), Some("M1"));
    let mut back: Vec<Transaction> = db
        .transaction_blocks()
        .await
        .expect("blocks")
        .iter()
        .flat_map(|s| s.block.records())
        .collect();
    back.sort_by_key(|t| t.amount);
    let mut expected = rows.to_vec();
    expected.sort_by_key(|t| t.amount);
    assert_eq!(back, expected);
    let interactions: usize = db
        .blocks::<customer_insight::domain::blocks::InteractionBlock>()
        .await
        .expect("interaction blocks")
        .iter()
        .map(|s| s.block.len())
        .sum();
    assert_eq!(interactions, 120);
    let first = db.interactions_of("C0000").await.expect("of C0000");
    assert_eq!(first[0].note, "called\u{1f}back");
    assert_eq!(db.exits_of("C0001").await.expect("exits")[0].reason, ExitReason::Price);
    assert_eq!(db.responses_of("C0002").await.expect("responses")[0].revenue, Some(Money(4200)));
    assert_eq!(
        db.get::<Campaign>("K1").await.expect("campaign").map(|c| c.target),
        Some(CampaignTarget::Tier(customer_insight::domain::Tier::Gold))
    );
    assert_eq!(
        db.contact_plan("C0003").await.expect("plan").map(|p| p.cadence),
        Some(Cadence::Monthly)
    );
    let settings: WorkspaceSettings = db.settings().await.expect("settings");
    assert_eq!(settings.currency, "EUR");
    assert!((settings.settings.default_margin - 0.4).abs() < 1e-12);
    // The old import can still be reverted: its transactions and interactions carry its batch.
    db.revert_import("imp").await.expect("revert the migrated import");
    assert!(db.transaction_blocks().await.expect("after revert").is_empty());
    assert_eq!(db.interactions_of("C0100").await.expect("manual ones stay").len(), 1);
    let _ = CampaignKind::Club;
}

#[wasm_bindgen_test]
async fn a_version_3_database_opens_with_every_record_of_every_store_converted() {
    let name = unique_name("v3");
    let old = WorkspaceDb::open_named(&name, 3).await.expect("open at 3");
    let rows = transactions(25_000);
    fill_v3(&old, &rows).await;
    old.close();
    let db = WorkspaceDb::open_named(&name, WORKSPACE_VERSION).await.expect("upgrade");
    check_migrated(&db, &rows).await;
    drop_db(&name, db).await;
}

fn plan(id: &str, cadence: Cadence) -> ContactPlan {
    ContactPlan {
        customer_id: id.into(),
        cadence,
        next_due: Some(day(7, 1)),
        last_contact: None,
    }
}

#[wasm_bindgen_test]
async fn contact_plans_are_blocks_an_edit_lies_over_and_a_revert_or_a_deletion_takes_off() {
    let (name, db) = open("plans").await;
    let mut bundle = Bundle::default();
    bundle.plans = AWKWARD.iter().map(|id| plan(id, Cadence::Monthly)).collect();
    db.add(&bundle, batch("P1", "demo"), Subject::Demo).await.expect("add");
    assert_eq!(db.contact_plans().await.expect("plans"), bundle.plans);
    assert_eq!(db.blocks::<customer_insight::domain::blocks::PlanBlock>().await.expect("blocks").len(), 1);

    // A person's edit replaces one plan; a second import replaces another.
    let mut changes = Changes::new(Subject::ContactPlan);
    changes.plans(vec![plan("a\u{1f}b", Cadence::Weekly)]);
    db.apply(changes).await.expect("edit");
    let mut second = Bundle::default();
    second.plans = vec![plan("", Cadence::Quarterly)];
    db.add(&second, batch("P2", "demo"), Subject::Demo).await.expect("second");
    assert_eq!(db.contact_plan("a\u{1f}b").await.expect("one").map(|p| p.cadence), Some(Cadence::Weekly));
    assert_eq!(db.contact_plan("").await.expect("one").map(|p| p.cadence), Some(Cadence::Quarterly));

    // Reverting the second import shows the first one's plan again.
    db.revert_import("P2").await.expect("revert");
    assert_eq!(db.contact_plan("").await.expect("one").map(|p| p.cadence), Some(Cadence::Monthly));
    // Deleting a customer deletes their plan, in every layer.
    db.delete_customer("a\u{1f}b").await.expect("delete");
    assert_eq!(db.contact_plan("a\u{1f}b").await.expect("gone"), None);
    assert_eq!(db.contact_plans().await.expect("plans").len(), AWKWARD.len() - 1);

    // A backup restored tags each plan with the import that wrote it, so reverting that
    // import after the restore still takes its plans away.
    let snapshot = db.bundle().await.expect("snapshot");
    assert_eq!(snapshot.plans.len(), AWKWARD.len() - 1);
    db.restore(&snapshot, Subject::Restore("b.json".into())).await.expect("restore");
    assert_eq!(db.contact_plans().await.expect("restored"), snapshot.plans);
    db.revert_import("P1").await.expect("revert after restore");
    assert!(db.contact_plans().await.expect("after").is_empty(), "the demo's plans went with it");
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn a_version_5_database_keeps_its_contact_plans_as_blocks_with_their_import() {
    let name = unique_name("v5");
    let old = WorkspaceDb::open_named(&name, 5).await.expect("open at 5");
    let plans: Vec<JsValue> = (0..300)
        .map(|i| js(serde_json::json!({"customer_id": format!("C{i:03}\u{1f}"), "cadence": "weekly", "next_due": "2025-07-01"})))
        .collect();
    old.put_values("contact_plans", &plans).await.expect("plans");
    let created: Vec<String> = (0..100).map(|i| format!("C{i:03}\u{1f}")).collect();
    old.put_values(
        "import_batches",
        &[js(serde_json::json!({
            "id": "imp", "kind": "demo", "file_name": "Demo", "imported_at": "2025-05-01T00:00:00Z",
            "rows": 0, "stored": 0, "skipped": 0, "created_plans": created
        }))],
    )
    .await
    .expect("batch");
    old.close();
    let db = WorkspaceDb::open_named(&name, WORKSPACE_VERSION).await.expect("upgrade");
    let now = db.contact_plans().await.expect("plans");
    assert_eq!(now.len(), 300);
    assert!(now.iter().all(|p| p.cadence == Cadence::Weekly && p.next_due == Some(day(7, 1))));
    db.revert_import("imp").await.expect("revert");
    assert_eq!(db.contact_plans().await.expect("after revert").len(), 200, "the import's plans went");
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn a_version_1_database_opens_at_the_latest_version_directly() {
    let name = unique_name("v1");
    let old = WorkspaceDb::open_named(&name, 1).await.expect("open at 1");
    let customers: Vec<JsValue> = (0..50)
        .map(|i| js(serde_json::json!({"id": format!("C{i:02}"), "name": format!("N{i}"), "email": format!("  Person.{i}@Example.COM ")})))
        .collect();
    old.put_values("customers", &customers).await.expect("customers");
    old.put_values("transactions", &[v3_block("b-000000", "imp", &transactions(500))])
        .await
        .expect("blocks");
    old.close();
    let db = WorkspaceDb::open_named(&name, WORKSPACE_VERSION).await.expect("v1 to latest");
    let customers = db.customers().await.expect("customers");
    assert_eq!(customers.len(), 50);
    // The version-2 step ran on the way: e-mails trimmed and lower-cased.
    assert_eq!(customers[3].email.as_deref(), Some("person.3@example.com"));
    assert_eq!(
        db.transaction_blocks().await.expect("blocks").iter().map(|s| s.block.len()).sum::<usize>(),
        500
    );
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn an_older_build_opening_a_newer_database_is_told_to_reload_in_a_sentence() {
    let name = unique_name("newer");
    WorkspaceDb::open_named(&name, WORKSPACE_VERSION).await.expect("open").close();
    let err = match WorkspaceDb::open_named(&name, 3).await {
        Ok(_) => panic!("an older schema must not open a newer database"),
        Err(e) => e,
    };
    assert_eq!(err, StorageError::UpgradedElsewhere);
    let sentence = err.to_string();
    assert!(sentence.contains("Reload this tab"), "{sentence}");
    assert!(err.sentence(Locale::Es).contains("Recargue"));
    WorkspaceDb::delete_named(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn an_unknown_schema_version_is_refused_with_a_sentence() {
    let err = match WorkspaceDb::open_named(&unique_name("unknown"), 999).await {
        Ok(_) => panic!("version 999 does not exist"),
        Err(e) => e,
    };
    assert_eq!(err, StorageError::UnknownVersion { version: 999 });
    assert!(err.to_string().contains("schema version 999"), "{err}");
}

#[wasm_bindgen_test]
fn every_version_declares_the_meta_store_and_the_current_one_every_store() {
    for version in schema::WORKSPACE_HISTORY {
        assert!(version.stores.iter().any(|s| s.name == "meta"), "version {}", version.version);
    }
    let names = schema::current_store_names();
    for store in [
        "meta", "settings", "managers", "campaigns", "import_batches", "contact_plans",
        "customer_blocks", "transaction_blocks", "interaction_blocks", "exit_blocks", "response_blocks",
        "plan_blocks",
    ] {
        assert!(names.contains(&store), "{store} missing from the current schema");
    }
    assert!(!names.contains(&"customers"), "the per-record stores are gone");
}

#[wasm_bindgen_test]
async fn a_connection_closed_by_an_upgrade_elsewhere_asks_for_a_reload() {
    let name = unique_name("versionchange");
    let old = WorkspaceDb::open_named(&name, 4).await.expect("open at version 4");
    // Another tab opens the newer schema; the old connection is closed by the version change
    // instead of blocking it.
    let new = WorkspaceDb::open_named(&name, WORKSPACE_VERSION).await.expect("upgrade");
    let err = old.count::<Manager>().await.expect_err("the old connection is closed");
    assert_eq!(err, StorageError::UpgradedElsewhere);
    assert_eq!(new.count_customers().await.expect("new connection works"), 0);
    new.close();
    WorkspaceDb::delete_named(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn workspaces_are_separate_databases() {
    let (a, db_a) = open("ws-a").await;
    let (b, db_b) = open("ws-b").await;
    let mut changes = Changes::new(Subject::Customers);
    changes.customers(vec![customer("A", "Ann")]);
    db_a.apply(changes).await.expect("write a");
    assert_eq!(db_a.count_customers().await.expect("count a"), 1);
    assert_eq!(db_b.count_customers().await.expect("count b"), 0);
    drop_db(&a, db_a).await;
    drop_db(&b, db_b).await;
}

#[wasm_bindgen_test]
async fn a_restore_replaces_everything_and_later_edits_lie_over_it() {
    let (name, db) = open("restore").await;
    let mut changes = Changes::new(Subject::Customers);
    changes.customers(vec![customer("OLD", "Old")]);
    db.apply(changes).await.expect("old data");
    let mut bundle = Bundle::default();
    bundle.customers = vec![Stored {
        key: customer_insight::domain::blocks::block_key(900, "from-elsewhere"),
        batch: None,
        block: CustomerBlock::from_records(&[customer("A", "Ann")]).remove(0),
    }];
    let revision = db.restore(&bundle, Subject::Restore("x".into())).await.expect("restore");
    assert!(revision > 900, "the revision moves past the restored blocks");
    let mut changes = Changes::new(Subject::Customers);
    changes.customers(vec![customer("A", "Ann Edited")]);
    db.apply(changes).await.expect("edit");
    let now = db.customers().await.expect("now");
    assert_eq!(now.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["Ann Edited"]);
    let snapshot = db.bundle().await.expect("snapshot");
    assert_eq!(snapshot.current_customers().len(), 1);
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn the_analysis_cache_keeps_its_parts_as_blobs_for_the_current_revision_only() {
    use customer_insight::storage::blob_bytes;
    let (name, db) = open("cache").await;
    assert!(db.analysis_cache().await.expect("read empty").is_none());
    let revision = db.revision().await.expect("revision");
    let parts: Vec<Vec<u8>> = vec![vec![1, 2, 3], Vec::new(), (0..=255u8).cycle().take(100_000).collect()];
    db.save_analysis_cache(revision, &parts).await.expect("save");
    let read_back = |blobs: Vec<web_sys::Blob>| async move {
        let mut back = Vec::new();
        for blob in &blobs {
            back.push(blob_bytes(blob).await.expect("bytes"));
        }
        back
    };
    let (cached_for, blobs) = db.analysis_cache().await.expect("read").expect("cached");
    assert_eq!(cached_for, revision);
    assert_eq!(read_back(blobs).await, parts);

    // An analysis of a revision the data has moved past is not kept.
    db.save_analysis_cache(revision + 1, &[vec![9]]).await.expect("save stale");
    let (cached_for, blobs) = db.analysis_cache().await.expect("read").expect("cached");
    assert_eq!(cached_for, revision);
    assert_eq!(read_back(blobs).await, parts);
    drop_db(&name, db).await;
}
