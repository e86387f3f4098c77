//! Data migrations: ordered, idempotent steps keyed by the schema-version record.
//!
//! IndexedDB's own version upgrade only creates and deletes stores and indexes (see
//! `schema`); changes to the records themselves happen here, after the open, in one
//! read-write transaction over every store, so a migration is applied whole or not at
//! all, and the version record moves with it.
//!
//! Step 4 moves the per-record stores of versions 1 to 3 (customers, interactions, exits,
//! responses) and the first transaction blocks (text joined by U+001F, money as `f64`) into
//! today's block stores; the readers of those old records live here and nowhere else. Step 6
//! moves the contact plans, one record each until then, into plan blocks.

use super::blocks::put;
use super::error::{StorageError, Subject};
use super::schema;
use super::tx::{self, Tx};
use crate::domain::blocks::{block_key, Block, Stored, CustomerBlock, ExitBlock, InteractionBlock, ResponseBlock, TransactionBlock};
use crate::domain::bundle::{batch_blocks, plan_blocks, ImportBatch};
use crate::domain::text::{Dict, Strings};
use crate::domain::{ContactPlan, Customer, Money};
use js_sys::{Float64Array, Int32Array, Reflect, Uint32Array, Uint8Array};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::IdbDatabase;

/// Brings the data of an open database up to `target` and returns the recorded version.
pub(crate) async fn bring_up_to(db: &IdbDatabase, target: u32) -> Result<u32, StorageError> {
    let stores = schema::store_names(target);
    tx::write(db, &stores, Subject::SchemaUpgrade, async |tx| {
        let meta = tx.store(schema::META)?;
        let record = meta.get(&JsValue::from_str(schema::SCHEMA_RECORD_KEY)).await?;
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
                apply(step, tx).await?;
            }
        }
        if recorded != Some(target) {
            let value = js_sys::Object::new();
            let _ = Reflect::set(&value, &"key".into(), &JsValue::from_str(schema::SCHEMA_RECORD_KEY));
            let _ = Reflect::set(&value, &"version".into(), &JsValue::from_f64(f64::from(target)));
            let _ = Reflect::set(&value, &"updated_at".into(), &js_sys::Date::new_0().to_iso_string().into());
            meta.put(&value.into())?;
        }
        Ok(target)
    })
    .await
}

/// The data step that leads to schema version `version` (none for most versions).
async fn apply(version: u32, tx: &Tx) -> Result<(), StorageError> {
    match version {
        2 => normalise_emails(tx).await,
        4 => records_to_blocks(tx).await,
        6 => plans_to_blocks(tx).await,
        _ => Ok(()),
    }
}

/// Version 2 looks customers up by e-mail, so stored addresses are trimmed and
/// lower-cased once; running it again changes nothing.
async fn normalise_emails(tx: &Tx) -> Result<(), StorageError> {
    let customers = tx.store(schema::CUSTOMERS)?;
    for value in customers.all().await? {
        let Some(email) = Reflect::get(&value, &JsValue::from_str("email"))
            .ok()
            .and_then(|v| v.as_string())
        else {
            continue;
        };
        let normalised = email.trim().to_lowercase();
        if normalised != email {
            let _ = Reflect::set(&value, &JsValue::from_str("email"), &JsValue::from_str(&normalised));
            customers.put(&value)?;
        }
    }
    Ok(())
}

/// A record of versions 1 to 3 kept under a generated id, with the batch that brought it.
#[derive(Deserialize)]
struct Kept<T> {
    #[serde(default)]
    batch: Option<String>,
    #[serde(flatten)]
    record: T,
}

fn legacy<T: serde::de::DeserializeOwned>(value: JsValue, subject: &Subject) -> Result<T, StorageError> {
    super::objects::from_js(value, subject)
}

/// Every record of a store, read as an earlier release wrote it.
async fn legacy_all<T: serde::de::DeserializeOwned>(tx: &Tx, store: &str, subject: &Subject) -> Result<Vec<T>, StorageError> {
    tx.store(store)?.all().await?.into_iter().map(|v| legacy(v, subject)).collect()
}

/// Moves every per-record store into blocks, and the first transaction blocks into today's
/// encoding; the old stores are left empty (version 5 drops them).
async fn records_to_blocks(tx: &Tx) -> Result<(), StorageError> {
    let subject = Subject::SchemaUpgrade;

    let customers: Vec<Customer> = legacy_all(tx, schema::CUSTOMERS, &subject).await?;
    let store = tx.store(schema::CUSTOMER_BLOCKS)?;
    for (n, block) in CustomerBlock::from_records(&customers).into_iter().enumerate() {
        put(&store, &block_key(0, &format!("customers-{n:06}")), None, &block)?;
    }

    move_kept::<InteractionBlock>(tx, schema::INTERACTIONS, "interactions").await?;
    move_kept::<ExitBlock>(tx, schema::EXITS, "exits").await?;
    move_kept::<ResponseBlock>(tx, schema::RESPONSES, "responses").await?;

    let store = tx.store(schema::TRANSACTION_BLOCKS)?;
    for value in tx.store(schema::TRANSACTIONS)?.all().await? {
        let (key, batch, block) = first_block(&value)?;
        put(&store, &block_key(0, &key), batch.as_deref(), &block)?;
    }

    for old in [
        schema::CUSTOMERS,
        schema::INTERACTIONS,
        schema::EXITS,
        schema::RESPONSES,
        schema::TRANSACTIONS,
    ] {
        tx.store(old)?.clear().await?;
    }
    Ok(())
}

/// Moves the contact plans (one record each until version 5) into plan blocks, each tagged
/// with the import that created it so that reverting the import still removes it; the old
/// store is left empty.
async fn plans_to_blocks(tx: &Tx) -> Result<(), StorageError> {
    let plans: Vec<ContactPlan> = legacy_all(tx, schema::CONTACT_PLANS, &Subject::ContactPlan).await?;
    if plans.is_empty() {
        return Ok(());
    }
    let batches: Vec<ImportBatch> = legacy_all(tx, schema::IMPORT_BATCHES, &Subject::ImportHistory).await?;
    put_all(tx, &plan_blocks(0, plans, &batches))?;
    tx.store(schema::CONTACT_PLANS)?.clear().await
}

async fn move_kept<B: Block>(tx: &Tx, from: &str, name: &str) -> Result<(), StorageError>
where
    B::Record: serde::de::DeserializeOwned,
{
    let subject = Subject::Records(B::KIND);
    let kept: Vec<Kept<B::Record>> = legacy_all(tx, from, &subject).await?;
    let rows: Vec<(Option<String>, B::Record)> = kept.into_iter().map(|k| (k.batch, k.record)).collect();
    put_all(tx, &batch_blocks::<B>(0, name, rows))
}

/// Puts keyed blocks into their store.
fn put_all<B: Block>(tx: &Tx, blocks: &[Stored<B>]) -> Result<(), StorageError> {
    let store = tx.store(schema::block_store(B::KIND))?;
    for stored in blocks {
        put(&store, &stored.key, stored.batch.as_deref(), &stored.block)?;
    }
    Ok(())
}

/// Reads a transaction block as versions 1 to 4 stored it: typed-array columns, the ids and
/// products joined by U+001F, amounts and costs as `f64` minor units (cost NaN for none).
fn first_block(value: &JsValue) -> Result<(String, Option<String>, TransactionBlock), StorageError> {
    let bad = |what: &str| StorageError::Corrupt {
        subject: Subject::Records(TransactionBlock::KIND),
        detail: format!("a block of the first release has no valid \"{what}\""),
    };
    let text = |key: &str| {
        Reflect::get(value, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
    };
    fn column<T: JsCast>(value: &JsValue, key: &str) -> Option<T> {
        Reflect::get(value, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.dyn_into::<T>().ok())
    }
    // The first release joined texts with U+001F, and wrote nothing for an empty list.
    let split = |joined: String| -> Strings {
        if joined.is_empty() {
            Strings::new()
        } else {
            joined.split('\u{1f}').collect()
        }
    };
    let key = text("block").ok_or_else(|| bad("block"))?;
    let batch = text("batch");
    let ids = split(text("ids").ok_or_else(|| bad("ids"))?);
    let products = split(text("products").ok_or_else(|| bad("products"))?);
    let to_minor = |v: f64| if v.is_nan() { crate::domain::NO_MONEY } else { Money::to_column(Some(Money(v as i64))) };
    let block = TransactionBlock {
        ids,
        customer: column::<Uint32Array>(value, "cust").ok_or_else(|| bad("cust"))?.to_vec(),
        day: column::<Int32Array>(value, "day").ok_or_else(|| bad("day"))?.to_vec(),
        amount: column::<Float64Array>(value, "amount")
            .ok_or_else(|| bad("amount"))?
            .to_vec()
            .into_iter()
            .map(|a| a as i64)
            .collect(),
        cost: column::<Float64Array>(value, "cost")
            .ok_or_else(|| bad("cost"))?
            .to_vec()
            .into_iter()
            .map(to_minor)
            .collect(),
        kind: column::<Uint8Array>(value, "kind").ok_or_else(|| bad("kind"))?.to_vec(),
        product: Dict {
            values: products,
            codes: column::<Uint32Array>(value, "product").ok_or_else(|| bad("product"))?.to_vec(),
        },
        quantity: column::<Float64Array>(value, "quantity").ok_or_else(|| bad("quantity"))?.to_vec(),
    };
    // A block whose joined ids no longer split into its count (an id held the separator)
    // cannot be read back as it was meant; say which instead of filing rows wrongly.
    block.validate().map_err(|error| StorageError::DamagedBlock {
        kind: TransactionBlock::KIND,
        key: key.clone(),
        error,
    })?;
    Ok((key, batch, block))
}
