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
    let db = WorkspaceDb::open_named(&name, WORKSPACE_VERSION).await.expect("open");
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
    let old = WorkspaceDb::open_named(&name, 1).await.expect("open at version 1");
    assert_eq!(old.schema_version(), 1);
    let written = probes(300);
    old.put_all(&written).await.expect("write at version 1");
    old.close();

    let db = WorkspaceDb::open_named(&name, 2).await.expect("upgrade to version 2");
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
    WorkspaceDb::open_named(&name, 2).await.expect("open at version 2").close();
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
    assert!(sentence.contains("schema version 999 is unknown"), "{sentence}");
}

#[wasm_bindgen_test]
fn every_version_declares_the_meta_store_and_the_current_one_every_store() {
    for version in schema::WORKSPACE_HISTORY {
        assert!(version.stores.iter().any(|s| s.name == "meta"), "version {}", version.version);
    }
    let names = schema::current_store_names();
    for store in [
        "meta", "settings", "customers", "transactions", "interactions", "managers", "exits", "campaigns",
        "responses", "import_batches",
    ] {
        assert!(names.contains(&store), "{store} missing from the current schema");
    }
}
