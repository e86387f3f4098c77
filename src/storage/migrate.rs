//! Data migrations: ordered, idempotent steps keyed by the schema-version record.
//!
//! IndexedDB's own version upgrade only creates and deletes stores and indexes (see
//! `schema`); changes to the records themselves happen here, after the open, in one
//! read-write transaction over every store, so a migration is applied whole or not at
//! all, and the version record moves with it.

use super::error::{self, StorageError};
use super::schema;
use js_sys::Reflect;
use rexie::{Rexie, Store, TransactionMode};
use wasm_bindgen::JsValue;

/// Brings the data of an open database up to `target` and returns the recorded version.
pub(crate) async fn bring_up_to(rexie: &Rexie, target: u32) -> Result<u32, StorageError> {
    let stores: Vec<&str> = schema::workspace_stores(target)
        .unwrap_or(&[])
        .iter()
        .map(|s| s.name)
        .collect();
    let what = "the schema upgrade";
    let tx = rexie
        .transaction(&stores, TransactionMode::ReadWrite)
        .map_err(|e| error::write_error(what, &e))?;
    let result = async {
        let meta = tx
            .store(schema::META)
            .map_err(|e| error::write_error(what, &e))?;
        let record = meta
            .get(JsValue::from_str(schema::SCHEMA_RECORD_KEY))
            .await
            .map_err(|e| error::read_error("the schema version", &e))?;
        let recorded = record
            .as_ref()
            .and_then(|r| Reflect::get(r, &JsValue::from_str("version")).ok())
            .and_then(|v| v.as_f64())
            .map(|v| v as u32);
        if let Some(from) = recorded {
            if from > target {
                return Err(StorageError::UpgradedElsewhere);
            }
            for step in (from + 1)..=target {
                apply(step, &tx).await?;
            }
        }
        if recorded != Some(target) {
            let value = js_sys::Object::new();
            set(&value, "key", &JsValue::from_str(schema::SCHEMA_RECORD_KEY))?;
            set(&value, "version", &JsValue::from_f64(f64::from(target)))?;
            set(
                &value,
                "updated_at",
                &js_sys::Date::new_0().to_iso_string().into(),
            )?;
            meta.put(&value.into(), None)
                .await
                .map_err(|e| error::write_error(what, &e))?;
        }
        Ok(target)
    }
    .await;
    super::changes::finish(tx, result, what).await
}

/// The data step that leads to schema version `version` (none for most versions).
async fn apply(version: u32, tx: &rexie::Transaction) -> Result<(), StorageError> {
    match version {
        2 => {
            normalise_emails(
                &tx.store(schema::CUSTOMERS)
                    .map_err(|e| error::write_error("customers", &e))?,
            )
            .await
        }
        _ => Ok(()),
    }
}

/// Version 2 looks customers up by e-mail, so stored addresses are trimmed and
/// lower-cased once; running it again changes nothing.
async fn normalise_emails(customers: &Store) -> Result<(), StorageError> {
    let what = "customers";
    let rows = customers
        .scan(None, None, None, None)
        .await
        .map_err(|e| error::read_error(what, &e))?;
    for (_key, value) in rows {
        let Some(email) = Reflect::get(&value, &JsValue::from_str("email"))
            .ok()
            .and_then(|v| v.as_string())
        else {
            continue;
        };
        let normalised = email.trim().to_lowercase();
        if normalised != email {
            set(&value, "email", &JsValue::from_str(&normalised))?;
            customers
                .put(&value, None)
                .await
                .map_err(|e| error::write_error(what, &e))?;
        }
    }
    Ok(())
}

fn set(target: &JsValue, key: &str, value: &JsValue) -> Result<(), StorageError> {
    Reflect::set(target, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(|_| StorageError::Write {
            what: "the schema record".into(),
            detail: format!("could not set {key}"),
        })
}
