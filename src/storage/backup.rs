//! Backups of a workspace: every record read in one read-only transaction (a consistent
//! snapshot, whatever another tab writes meanwhile), and a restore that replaces everything
//! in one read-write transaction — all of the backup lands, or nothing changes.
//!
//! The file format itself is `export::backup` (pure code); this module only moves records
//! between IndexedDB and its plain `Backup`.

use super::blocks::{self, Block};
use super::changes::{bump_revision, finish, run_ops, Op};
use super::error::{self, StorageError};
use super::records::{ImportBatch, Keyed, WorkspaceSettings, SETTINGS_KEY};
use super::{from_js, schema, sync, to_js, WorkspaceDb};
use crate::domain::{Campaign, ContactPlan, Customer, Manager};
use crate::export::backup::{Backup, BackupSettings, BatchRecord, Stored, StoredBlock};
use crate::import::blocks::TransactionBlock;
use rexie::{Transaction, TransactionMode};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// The prefix of planning sheets' keys in the settings store (see `queries::sheet`).
pub(crate) const SHEET_PREFIX: &str = "sheet:";

/// The stores a restore empties and refills: everything but `meta` (the revision lives
/// there and keeps counting up, so that every open view refreshes).
const DATA_STORES: [&str; 10] = [
    schema::SETTINGS,
    schema::CUSTOMERS,
    schema::TRANSACTIONS,
    schema::INTERACTIONS,
    schema::MANAGERS,
    schema::EXITS,
    schema::CAMPAIGNS,
    schema::RESPONSES,
    schema::IMPORT_BATCHES,
    schema::CONTACT_PLANS,
];

async fn read_all(tx: &Transaction, store: &str, what: &str) -> Result<Vec<JsValue>, StorageError> {
    tx.store(store)
        .map_err(|e| error::read_error(what, &e))?
        .get_all(None, None)
        .await
        .map_err(|e| error::read_error(what, &e))
}

async fn read_records<T: DeserializeOwned>(
    tx: &Transaction,
    store: &str,
    what: &str,
) -> Result<Vec<T>, StorageError> {
    read_all(tx, store, what)
        .await?
        .into_iter()
        .map(|v| from_js(v, what))
        .collect()
}

async fn read_keyed<T: DeserializeOwned>(
    tx: &Transaction,
    store: &str,
    what: &str,
) -> Result<Vec<Stored<T>>, StorageError> {
    Ok(read_records::<Keyed<T>>(tx, store, what)
        .await?
        .into_iter()
        .map(|k| Stored {
            id: k.id,
            batch: k.batch,
            record: k.record,
        })
        .collect())
}

fn string_field(value: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

impl WorkspaceDb {
    /// Every record of the workspace, read in one transaction. `workspace_name` and
    /// `created_at` (ISO 8601) label the backup.
    pub async fn backup(&self, workspace_name: &str, created_at: &str) -> Result<Backup, StorageError> {
        let what = "the backup";
        let stores = schema::current_store_names();
        let tx = self
            .rexie
            .transaction(&stores, TransactionMode::ReadOnly)
            .map_err(|e| error::read_error(what, &e))?;
        let mut backup = Backup::new(workspace_name, created_at);

        for value in read_all(&tx, schema::SETTINGS, "the settings").await? {
            let key = string_field(&value, "key").unwrap_or_default();
            if key == SETTINGS_KEY {
                let s: WorkspaceSettings = from_js(value, "the settings")?;
                backup.settings = Some(settings_to_backup(s));
            } else if let Some(name) = key.strip_prefix(SHEET_PREFIX) {
                let sheet = js_sys::Reflect::get(&value, &JsValue::from_str("value"))
                    .unwrap_or(JsValue::NULL);
                let json = js_sys::JSON::stringify(&sheet)
                    .ok()
                    .and_then(|s| s.as_string())
                    .ok_or_else(|| StorageError::Corrupt {
                        what: format!("the planning sheet \"{name}\""),
                        detail: "it cannot be written as JSON".into(),
                    })?;
                backup.sheets.push((name.to_string(), json));
            }
        }
        backup.customers = read_records::<Customer>(&tx, schema::CUSTOMERS, "customers").await?;
        backup.managers = read_records::<Manager>(&tx, schema::MANAGERS, "managers").await?;
        backup.campaigns = read_records::<Campaign>(&tx, schema::CAMPAIGNS, "campaigns").await?;
        backup.plans = read_records::<ContactPlan>(&tx, schema::CONTACT_PLANS, "contact plans").await?;
        backup.responses = read_keyed(&tx, schema::RESPONSES, "campaign responses").await?;
        backup.interactions = read_keyed(&tx, schema::INTERACTIONS, "interactions").await?;
        backup.exits = read_keyed(&tx, schema::EXITS, "exits").await?;
        backup.batches = read_records::<ImportBatch>(&tx, schema::IMPORT_BATCHES, "import history")
            .await?
            .into_iter()
            .map(batch_to_backup)
            .collect();
        backup.transactions = read_all(&tx, schema::TRANSACTIONS, "transactions")
            .await?
            .iter()
            .map(|v| blocks::from_js(v).map(block_to_backup))
            .collect::<Result<_, _>>()?;
        Ok(backup)
    }

    /// Replaces everything in the workspace by the backup's records, in one transaction,
    /// and returns the new revision. The analysis cache goes too (it belongs to the data
    /// that was there).
    pub async fn restore(&self, backup: &Backup) -> Result<u64, StorageError> {
        let what = format!("the restore of \"{}\"", backup.workspace_name);
        let ops = restore_ops(backup, &what)?;
        let stores = schema::current_store_names();
        let tx = self
            .rexie
            .transaction(&stores, TransactionMode::ReadWrite)
            .map_err(|e| error::write_error(&what, &e))?;
        let result = async {
            for store in DATA_STORES {
                tx.store(store)
                    .map_err(|e| error::write_error(&what, &e))?
                    .clear()
                    .await
                    .map_err(|e| error::write_error(&what, &e))?;
            }
            tx.store(schema::META)
                .map_err(|e| error::write_error(&what, &e))?
                .delete(JsValue::from_str(super::queries::ANALYSIS_CACHE_KEY))
                .await
                .map_err(|e| error::write_error(&what, &e))?;
            run_ops(&tx, ops, &what).await?;
            bump_revision(&tx, &what).await
        }
        .await;
        let revision = finish(tx, result, &what).await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }
}

/// Every put of a restore, converted before the transaction opens (so that a record that
/// cannot be stored is refused before anything is touched).
fn restore_ops(backup: &Backup, what: &str) -> Result<Vec<Op>, StorageError> {
    let mut ops = Vec::new();
    let mut put = |store: &'static str, value: JsValue| ops.push(Op::Put { store, value });
    if let Some(s) = &backup.settings {
        put(schema::SETTINGS, to_js(&settings_from_backup(s.clone()), what)?);
    }
    for (name, json) in &backup.sheets {
        let value = js_sys::JSON::parse(json).map_err(|_| StorageError::Corrupt {
            what: format!("the planning sheet \"{name}\" in the backup"),
            detail: "it is not valid JSON".into(),
        })?;
        let record = js_sys::Object::new();
        let _ = js_sys::Reflect::set(
            &record,
            &JsValue::from_str("key"),
            &JsValue::from_str(&format!("{SHEET_PREFIX}{name}")),
        );
        let _ = js_sys::Reflect::set(&record, &JsValue::from_str("value"), &value);
        put(schema::SETTINGS, record.into());
    }
    for c in &backup.customers {
        put(schema::CUSTOMERS, to_js(c, what)?);
    }
    for m in &backup.managers {
        put(schema::MANAGERS, to_js(m, what)?);
    }
    for c in &backup.campaigns {
        put(schema::CAMPAIGNS, to_js(c, what)?);
    }
    for p in &backup.plans {
        put(schema::CONTACT_PLANS, to_js(p, what)?);
    }
    fn keyed<T: Clone>(s: &Stored<T>) -> Keyed<T> {
        Keyed {
            id: s.id.clone(),
            batch: s.batch.clone(),
            record: s.record.clone(),
        }
    }
    for r in &backup.responses {
        put(schema::RESPONSES, to_js(&keyed(r), what)?);
    }
    for i in &backup.interactions {
        put(schema::INTERACTIONS, to_js(&keyed(i), what)?);
    }
    for e in &backup.exits {
        put(schema::EXITS, to_js(&keyed(e), what)?);
    }
    for b in &backup.batches {
        put(schema::IMPORT_BATCHES, to_js(&batch_from_backup(b.clone()), what)?);
    }
    for b in &backup.transactions {
        put(schema::TRANSACTIONS, blocks::to_js(&block_from_backup(b.clone())));
    }
    Ok(ops)
}

fn settings_to_backup(s: WorkspaceSettings) -> BackupSettings {
    BackupSettings {
        settings: s.settings,
        currency: s.currency,
    }
}

fn settings_from_backup(s: BackupSettings) -> WorkspaceSettings {
    WorkspaceSettings {
        key: SETTINGS_KEY.to_string(),
        settings: s.settings,
        currency: s.currency,
    }
}

fn batch_to_backup(b: ImportBatch) -> BatchRecord {
    BatchRecord {
        id: b.id,
        kind: b.kind,
        file_name: b.file_name,
        imported_at: b.imported_at,
        rows: b.rows,
        stored: b.stored,
        skipped: b.skipped,
        created_customers: b.created_customers,
        previous_customers: b.previous_customers,
        created_managers: b.created_managers,
        created_campaigns: b.created_campaigns,
        created_plans: b.created_plans,
        previous_settings: b.previous_settings.map(settings_to_backup),
        reverted: b.reverted,
    }
}

fn batch_from_backup(b: BatchRecord) -> ImportBatch {
    ImportBatch {
        id: b.id,
        kind: b.kind,
        file_name: b.file_name,
        imported_at: b.imported_at,
        rows: b.rows,
        stored: b.stored,
        skipped: b.skipped,
        created_customers: b.created_customers,
        previous_customers: b.previous_customers,
        created_managers: b.created_managers,
        created_campaigns: b.created_campaigns,
        created_plans: b.created_plans,
        previous_settings: b.previous_settings.map(settings_from_backup),
        reverted: b.reverted,
    }
}

fn block_to_backup(b: Block) -> StoredBlock {
    StoredBlock {
        key: b.key,
        batch: b.batch,
        columns: TransactionBlock {
            ids: b.ids,
            customer: b.customer,
            day: b.day,
            amount: b.amount,
            cost: b.cost,
            kind: b.kind,
            products: b.products,
            product: b.product,
            quantity: b.quantity,
        },
    }
}

fn block_from_backup(b: StoredBlock) -> Block {
    Block::from_columns(b.key, b.batch, b.columns)
}
