//! In-browser tests of the storage foundation: real IndexedDB in headless Chromium.
#![cfg(target_arch = "wasm32")]

use customer_insight::storage::schema::{self, WORKSPACE_VERSION};
use customer_insight::storage::{Record, StorageError, WorkspaceDb};
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A minimal customer-shaped record, enough to exercise the store and its migration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Probe {
    id: String,
    name: String,
    email: String,
    revenue_minor: i64,
}

impl Record for Probe {
    const STORE: &'static str = "customers";
    const WHAT: &'static str = "customer";
}

fn probes(n: usize) -> Vec<Probe> {
    (0..n)
        .map(|i| Probe {
            id: format!("c{i:05}"),
            name: format!("Customer {i}"),
            email: format!("  Person.{i}@Example.COM "),
            revenue_minor: (i as i64) * 1_234 - 50_000,
        })
        .collect()
}

fn unique_name(tag: &str) -> String {
    format!("test-{tag}-{}", js_sys::Math::random().to_bits())
}

#[wasm_bindgen_test]
async fn records_written_in_one_transaction_read_back_identically() {
    let name = unique_name("roundtrip");
    let db = WorkspaceDb::open_named(&name, WORKSPACE_VERSION)
        .await
        .expect("open");
    assert_eq!(db.schema_version(), WORKSPACE_VERSION);
    let written = probes(2_000);
    db.put_all(&written).await.expect("write");
    assert_eq!(db.count::<Probe>().await.expect("count"), 2_000);
    assert_eq!(db.count_customers().await.expect("count customers"), 2_000);
    let one = db.get::<Probe>("c00042").await.expect("get");
    assert_eq!(one.as_ref(), Some(&written[42]));
    let mut all = db.all::<Probe>().await.expect("read all");
    all.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(all, written);
    assert_eq!(db.get::<Probe>("missing").await.expect("get missing"), None);
    db.close();
    WorkspaceDb::delete_named(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn upgrading_from_version_1_keeps_every_record_and_normalises_emails() {
    let name = unique_name("upgrade");
    let old = WorkspaceDb::open_named(&name, 1)
        .await
        .expect("open at version 1");
    assert_eq!(old.schema_version(), 1);
    let written = probes(300);
    old.put_all(&written).await.expect("write at version 1");
    old.close();

    let db = WorkspaceDb::open_named(&name, 2)
        .await
        .expect("upgrade to version 2");
    assert_eq!(db.schema_version(), 2);
    let mut all = db.all::<Probe>().await.expect("read after upgrade");
    all.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(all.len(), written.len());
    for (after, before) in all.iter().zip(&written) {
        assert_eq!(after.id, before.id);
        assert_eq!(after.name, before.name);
        assert_eq!(after.revenue_minor, before.revenue_minor);
        assert_eq!(after.email, before.email.trim().to_lowercase());
    }
    db.close();

    // Opening again at the current version changes nothing (the migration is idempotent).
    let again = WorkspaceDb::open_named(&name, 2).await.expect("reopen");
    assert_eq!(again.count::<Probe>().await.expect("count"), 300);
    again.close();
    WorkspaceDb::delete_named(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn an_older_build_opening_a_newer_database_is_told_to_reload_in_a_sentence() {
    let name = unique_name("newer");
    WorkspaceDb::open_named(&name, 2)
        .await
        .expect("open at version 2")
        .close();
    let err = match WorkspaceDb::open_named(&name, 1).await {
        Ok(_) => panic!("an older schema must not open a newer database"),
        Err(e) => e,
    };
    assert_eq!(err, StorageError::UpgradedElsewhere);
    let sentence = err.to_string();
    assert!(sentence.contains("Reload this tab"), "{sentence}");
    assert!(!sentence.contains("JsValue"), "{sentence}");
    WorkspaceDb::delete_named(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn an_unknown_schema_version_is_refused_with_a_sentence() {
    let err = match WorkspaceDb::open_named(&unique_name("unknown"), 999).await {
        Ok(_) => panic!("version 999 does not exist"),
        Err(e) => e,
    };
    let sentence = err.to_string();
    assert!(
        sentence.contains("schema version 999 is unknown"),
        "{sentence}"
    );
}

#[wasm_bindgen_test]
fn every_version_declares_the_meta_store_and_the_current_one_every_store() {
    for version in schema::WORKSPACE_HISTORY {
        assert!(
            version.stores.iter().any(|s| s.name == "meta"),
            "version {}",
            version.version
        );
    }
    let names = schema::current_store_names();
    for store in [
        "meta",
        "settings",
        "customers",
        "transactions",
        "interactions",
        "managers",
        "exits",
        "campaigns",
        "responses",
        "import_batches",
    ] {
        assert!(
            names.contains(&store),
            "{store} missing from the current schema"
        );
    }
}

#[wasm_bindgen_test]
async fn a_failed_write_leaves_the_previous_data_intact() {
    use customer_insight::storage::Changes;
    let name = unique_name("atomic");
    let db = WorkspaceDb::open_named(&name, WORKSPACE_VERSION)
        .await
        .expect("open");
    db.put_all(&probes(3)).await.expect("first write");
    let before = db.revision().await.expect("revision");

    // One action: a valid change followed by a record without its key — the whole action
    // must fail and nothing of it may be stored.
    #[derive(Serialize, Deserialize)]
    struct Keyless {
        name: String,
    }
    impl Record for Keyless {
        const STORE: &'static str = "customers";
        const WHAT: &'static str = "customer";
    }
    let mut changes = Changes::new("a broken action");
    let mut changed = probes(1).remove(0);
    changed.name = "Changed".into();
    changes.put(&changed).expect("encodes");
    changes
        .put(&Keyless {
            name: "no id".into(),
        })
        .expect("encodes");
    let err = db.apply(changes).await.expect_err("the action fails");
    let sentence = err.to_string();
    assert!(sentence.contains("nothing of it was stored"), "{sentence}");
    assert!(!sentence.contains("JsValue"), "{sentence}");

    let all = db.all::<Probe>().await.expect("read");
    assert_eq!(all.len(), 3);
    assert_eq!(
        db.get::<Probe>("c00000")
            .await
            .expect("get")
            .map(|p| p.name),
        Some("Customer 0".to_string())
    );
    assert_eq!(
        db.revision().await.expect("revision"),
        before,
        "the revision did not move"
    );
    db.close();
    WorkspaceDb::delete_named(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn a_connection_closed_by_an_upgrade_elsewhere_asks_for_a_reload() {
    let name = unique_name("versionchange");
    let old = WorkspaceDb::open_named(&name, 2)
        .await
        .expect("open at version 2");
    // Another tab (here: another connection) opens the newer schema; the old connection
    // is closed by the version change instead of blocking it.
    let new = WorkspaceDb::open_named(&name, 3)
        .await
        .expect("upgrade to version 3");
    let err = old
        .count_customers()
        .await
        .expect_err("the old connection is closed");
    assert_eq!(err, StorageError::UpgradedElsewhere);
    assert!(err.to_string().contains("Reload this tab"));
    assert_eq!(
        new.count_customers().await.expect("new connection works"),
        0
    );
    new.close();
    WorkspaceDb::delete_named(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn workspaces_are_separate_databases() {
    let a = unique_name("ws-a");
    let b = unique_name("ws-b");
    let db_a = WorkspaceDb::open_named(&a, WORKSPACE_VERSION)
        .await
        .expect("open a");
    let db_b = WorkspaceDb::open_named(&b, WORKSPACE_VERSION)
        .await
        .expect("open b");
    db_a.put_all(&probes(5)).await.expect("write a");
    assert_eq!(db_a.count::<Probe>().await.expect("count a"), 5);
    assert_eq!(db_b.count::<Probe>().await.expect("count b"), 0);
    db_a.close();
    db_b.close();
    WorkspaceDb::delete_named(&a).await.expect("delete a");
    WorkspaceDb::delete_named(&b).await.expect("delete b");
}

#[wasm_bindgen_test]
async fn transaction_blocks_round_trip_and_deleting_a_customer_rewrites_them() {
    use customer_insight::domain::{Money, Transaction, TransactionKind};
    use customer_insight::storage::blocks::{blocks_from_transactions, ledger_from_blocks};
    use customer_insight::storage::Changes;
    let name = unique_name("blocks");
    let db = WorkspaceDb::open_named(&name, WORKSPACE_VERSION)
        .await
        .expect("open");
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2025, 1, d).expect("date");
    let rows: Vec<Transaction> = (0..25_000u32)
        .map(|i| Transaction {
            customer_id: format!("C{:04}", i % 1_000),
            kind: if i % 50 == 0 {
                TransactionKind::Return
            } else {
                TransactionKind::Order
            },
            date: day(1 + i % 28),
            amount: Money(i64::from(i) * 7 + 1),
            cost: (i % 3 == 0).then(|| Money(i64::from(i))),
            product: (i % 4 != 0).then(|| format!("P{}", i % 13)),
            quantity: (i % 5 != 0).then_some(f64::from(i % 9) + 0.5),
        })
        .collect();
    let blocks = blocks_from_transactions(&rows, Some("batch-1"), "batch-1");
    assert_eq!(blocks.len(), 3);
    let mut changes = Changes::new("transactions");
    for b in &blocks {
        changes.put_block(b);
    }
    db.apply(changes).await.expect("write blocks");

    let back = db.transaction_blocks().await.expect("read blocks");
    // Rows compare as transactions: missing costs are NaN in the columns, and NaN ≠ NaN.
    let rows_of = |bs: &[customer_insight::storage::blocks::Block]| -> Vec<Transaction> {
        bs.iter()
            .flat_map(|b| (0..b.len()).filter_map(move |i| b.transaction(i)))
            .collect()
    };
    assert_eq!(back.len(), blocks.len());
    assert_eq!(rows_of(&back), rows);
    assert_eq!(
        back.iter()
            .map(|b| (&b.key, &b.batch, &b.ids))
            .collect::<Vec<_>>(),
        blocks
            .iter()
            .map(|b| (&b.key, &b.batch, &b.ids))
            .collect::<Vec<_>>()
    );
    let ledger = ledger_from_blocks(&back);
    assert_eq!(ledger.len(), 25_000);
    assert_eq!(ledger.customer_count(), 1_000);
    let mut mine = db.transactions_of("C0007").await.expect("one customer's");
    assert_eq!(mine.len(), 25);
    mine.sort_by_key(|t| t.amount);
    let mut expected: Vec<Transaction> = rows
        .iter()
        .filter(|t| t.customer_id == "C0007")
        .cloned()
        .collect();
    expected.sort_by_key(|t| t.amount);
    assert_eq!(mine, expected);

    db.delete_customer("C0007").await.expect("delete customer");
    assert!(db
        .transactions_of("C0007")
        .await
        .expect("after delete")
        .is_empty());
    let ledger = ledger_from_blocks(&db.transaction_blocks().await.expect("read again"));
    assert_eq!(ledger.len(), 25_000 - 25);
    db.close();
    WorkspaceDb::delete_named(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn the_analysis_cache_keeps_its_parts_as_blobs_for_the_current_revision_only() {
    use customer_insight::storage::blob_bytes;
    let name = unique_name("cache");
    let db = WorkspaceDb::open_named(&name, WORKSPACE_VERSION)
        .await
        .expect("open");
    assert!(db.analysis_cache().await.expect("read empty").is_none());
    let revision = db.revision().await.expect("revision");
    let parts: Vec<Vec<u8>> = vec![vec![1, 2, 3], Vec::new(), (0..=255u8).cycle().take(100_000).collect()];
    db.save_analysis_cache(revision, &parts)
        .await
        .expect("save");
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
    db.save_analysis_cache(revision + 1, &[vec![9]])
        .await
        .expect("save stale");
    let (cached_for, blobs) = db.analysis_cache().await.expect("read").expect("cached");
    assert_eq!(cached_for, revision);
    assert_eq!(read_back(blobs).await, parts);
    db.close();
    WorkspaceDb::delete_named(&name).await.expect("delete");
}
