//! Blocks in IndexedDB: one record per block, `{ key, batch, rows, data }`, where `data` is
//! the block's encoding ([`crate::domain::blocks`]) as a `Uint8Array` — one copy in and out
//! of the wasm memory, and the structured clone of one buffer instead of a field per column.

use super::error::{StorageError, Subject};
use super::schema;
use super::tx::{Store, Tx};
use crate::domain::blocks::{block_key, peek_ids, Block, Stored};
use crate::domain::text::Strings;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// Rows at most in the block a person's edits go to (see [`append_layer`]): past it a new
/// block starts, so an edit never rewrites more than this.
pub const EDIT_BLOCK_ROWS: usize = 2_000;

fn set(target: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn text_field(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

/// The stored form of a block.
pub(crate) fn to_record<B: Block>(key: &str, batch: Option<&str>, block: &B) -> JsValue {
    let o = Object::new();
    set(&o, "key", &JsValue::from_str(key));
    if let Some(batch) = batch {
        set(&o, "batch", &JsValue::from_str(batch));
    }
    set(&o, "rows", &JsValue::from_f64(block.len() as f64));
    set(&o, "data", &Uint8Array::from(block.encode().as_slice()).into());
    o.into()
}

/// The key of a stored block record.
pub(crate) fn key_of(value: &JsValue) -> String {
    text_field(value, "key").unwrap_or_default()
}

fn data_of<B: Block>(value: &JsValue) -> Result<Vec<u8>, StorageError> {
    Reflect::get(value, &JsValue::from_str("data"))
        .ok()
        .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        .map(|a| a.to_vec())
        .ok_or_else(|| StorageError::Corrupt {
            subject: Subject::Records(B::KIND),
            detail: format!("the block \"{}\" has no data", key_of(value)),
        })
}

/// Decodes a stored block record.
pub(crate) fn from_record<B: Block>(value: &JsValue) -> Result<Stored<B>, StorageError> {
    let key = key_of(value);
    let block = B::decode(&data_of::<B>(value)?).map_err(|error| StorageError::DamagedBlock {
        kind: B::KIND,
        key: key.clone(),
        error,
    })?;
    Ok(Stored {
        batch: text_field(value, "batch"),
        key,
        block,
    })
}

/// The customer ids a stored block record names, without decoding its rows.
pub(crate) fn ids_of<B: Block>(value: &JsValue) -> Result<Strings, StorageError> {
    peek_ids(&data_of::<B>(value)?, B::KIND).map_err(|error| StorageError::DamagedBlock {
        kind: B::KIND,
        key: key_of(value),
        error,
    })
}

/// Every block of a kind, decoded, in key (write) order.
pub(crate) async fn all<B: Block>(tx: &Tx) -> Result<Vec<Stored<B>>, StorageError> {
    let values = tx.store(schema::block_store(B::KIND))?.all().await?;
    values.iter().map(from_record::<B>).collect()
}

/// The rows of one customer in blocks of a kind (only the blocks that name them are decoded).
pub(crate) async fn rows_of<B: Block>(tx: &Tx, customer_id: &str) -> Result<Vec<B::Record>, StorageError> {
    let values = tx.store(schema::block_store(B::KIND))?.all().await?;
    let mut out = Vec::new();
    for value in &values {
        let ids = ids_of::<B>(value)?;
        let Some(local) = ids.iter().position(|id| id == customer_id) else {
            continue;
        };
        let stored = from_record::<B>(value)?;
        let block = &stored.block;
        out.extend(
            (0..block.len())
                .filter(|&i| block.customer_index(i) as usize == local)
                .filter_map(|i| block.record(i)),
        );
    }
    Ok(out)
}

/// Puts a block (without waiting: a failure aborts the transaction, which its end reports).
pub(crate) fn put<B: Block>(store: &Store<'_>, key: &str, batch: Option<&str>, block: &B) -> Result<(), StorageError> {
    store.put(&to_record(key, batch, block))
}

/// Removes every row of `customer_id` from the blocks of a kind, rewriting the blocks that
/// held any (a block left empty is deleted).
pub(crate) async fn remove_customer<B: Block>(tx: &Tx, customer_id: &str) -> Result<(), StorageError> {
    let store = tx.store(schema::block_store(B::KIND))?;
    for value in store.all().await? {
        if !ids_of::<B>(&value)?.iter().any(|id| id == customer_id) {
            continue;
        }
        let mut stored = from_record::<B>(&value)?;
        stored.block.retain_customers(|id| id != customer_id);
        rewrite(&store, &stored)?;
    }
    Ok(())
}

/// Writes a block back under its key, or deletes it when it has no rows left.
pub(crate) fn rewrite<B: Block>(store: &Store<'_>, stored: &Stored<B>) -> Result<(), StorageError> {
    if stored.block.is_empty() {
        store.delete(&JsValue::from_str(&stored.key))
    } else {
        put(store, &stored.key, stored.batch.as_deref(), &stored.block)
    }
}

/// Lays `records` over the blocks of a kind as a person's edit: they go into the newest block
/// when that block holds edits too (no batch) and has room, replacing its rows that `same`
/// says are the same record; otherwise into new blocks keyed for write `seq`. The newest
/// block is the last in key order, so the edit is the current version of what it replaces.
pub(crate) async fn append_layer<B: Block>(
    tx: &Tx,
    seq: u64,
    records: &[B::Record],
    same: impl Fn(&B::Record, &B::Record) -> bool,
) -> Result<(), StorageError> {
    if records.is_empty() {
        return Ok(());
    }
    let store = tx.store(schema::block_store(B::KIND))?;
    if records.len() < EDIT_BLOCK_ROWS {
        if let Some(last) = store.last().await? {
            if text_field(&last, "batch").is_none() {
                let mut stored = from_record::<B>(&last)?;
                if stored.block.len() + records.len() <= EDIT_BLOCK_ROWS {
                    let keep: Vec<bool> = stored
                        .block
                        .records()
                        .map(|old| !records.iter().any(|new| same(&old, new)))
                        .collect();
                    stored.block.retain_rows(&keep);
                    stored.block.extend(records);
                    return put(&store, &stored.key, None, &stored.block);
                }
            }
        }
    }
    for (n, block) in B::from_records(records).into_iter().enumerate() {
        put(&store, &block_key(seq, &format!("edit-{n:04}")), None, &block)?;
    }
    Ok(())
}
