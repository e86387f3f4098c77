//! One user action = one IndexedDB transaction: a `Changes` list collects every put and
//! delete of the action, and `WorkspaceDb::apply` writes them all or none, bumping the
//! workspace's revision in the same transaction and telling other tabs afterwards.

use super::blocks::{self, Block};
use super::error::{self, StorageError};
use super::{schema, sync, to_js, Record, WorkspaceDb};
use rexie::{Transaction, TransactionMode};
use wasm_bindgen::JsValue;

pub(crate) enum Op {
    Put { store: &'static str, value: JsValue },
    Delete { store: &'static str, key: JsValue },
}

/// The writes of one user action.
pub struct Changes {
    what: String,
    ops: Vec<Op>,
}

impl Changes {
    /// An empty list; `what` names the action in error sentences ("the customer Ann Lee").
    pub fn new(what: impl Into<String>) -> Changes {
        Changes {
            what: what.into(),
            ops: Vec::new(),
        }
    }

    /// Adds or replaces a record.
    pub fn put<T: Record>(&mut self, record: &T) -> Result<&mut Changes, StorageError> {
        let value = to_js(record, T::WHAT)?;
        self.ops.push(Op::Put {
            store: T::STORE,
            value,
        });
        Ok(self)
    }

    /// Deletes a record by key (nothing happens if it does not exist).
    pub fn delete<T: Record>(&mut self, key: &str) -> &mut Changes {
        self.ops.push(Op::Delete {
            store: T::STORE,
            key: JsValue::from_str(key),
        });
        self
    }

    /// Adds a block of transactions.
    pub fn put_block(&mut self, block: &Block) -> &mut Changes {
        self.ops.push(Op::Put {
            store: schema::TRANSACTIONS,
            value: blocks::to_js(block),
        });
        self
    }

    /// Deletes a block of transactions by key.
    pub fn delete_block(&mut self, key: &str) -> &mut Changes {
        self.ops.push(Op::Delete {
            store: schema::TRANSACTIONS,
            key: JsValue::from_str(key),
        });
        self
    }

    /// Whether nothing is to be written.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    fn stores(&self) -> Vec<&'static str> {
        let mut stores = vec![schema::META];
        for op in &self.ops {
            let s = match op {
                Op::Put { store, .. } | Op::Delete { store, .. } => *store,
            };
            if !stores.contains(&s) {
                stores.push(s);
            }
        }
        stores
    }
}

impl WorkspaceDb {
    /// Writes every change in one transaction and returns the new revision.
    pub async fn apply(&self, changes: Changes) -> Result<u64, StorageError> {
        let what = changes.what.clone();
        let stores = changes.stores();
        let tx = self
            .rexie
            .transaction(&stores, TransactionMode::ReadWrite)
            .map_err(|e| error::write_error(&what, &e))?;
        let result = async {
            run_ops(&tx, changes.ops, &what).await?;
            bump_revision(&tx, &what).await
        }
        .await;
        let revision = finish(tx, result, &what).await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }

    /// The workspace's revision: bumped by every write, so caches know when to refresh.
    pub async fn revision(&self) -> Result<u64, StorageError> {
        let tx = self
            .rexie
            .transaction(&[schema::META], TransactionMode::ReadOnly)
            .map_err(|e| error::read_error("the revision", &e))?;
        let meta = tx
            .store(schema::META)
            .map_err(|e| error::read_error("the revision", &e))?;
        read_revision(&meta).await
    }
}

/// Commits a write transaction whose work succeeded, or aborts it — so a failure part-way
/// through an action (a refused record, a full disk) leaves nothing of it behind. Some
/// failures are thrown before a request exists, which would otherwise let the
/// transaction commit the writes made so far.
pub(crate) async fn finish<T>(
    tx: Transaction,
    result: Result<T, StorageError>,
    what: &str,
) -> Result<T, StorageError> {
    match result {
        Ok(value) => {
            tx.done().await.map_err(|e| error::write_error(what, &e))?;
            Ok(value)
        }
        Err(err) => {
            // The transaction may already be aborted by the failed request; either way
            // nothing of it is committed.
            let _ = tx.abort().await;
            Err(err)
        }
    }
}

/// Runs puts and deletes in order, sending consecutive puts to a store in one go.
pub(crate) async fn run_ops(
    tx: &Transaction,
    ops: Vec<Op>,
    what: &str,
) -> Result<(), StorageError> {
    let mut pending: Vec<JsValue> = Vec::new();
    let mut pending_store: Option<&'static str> = None;
    async fn flush(
        tx: &Transaction,
        store: Option<&'static str>,
        values: &mut Vec<JsValue>,
        what: &str,
    ) -> Result<(), StorageError> {
        if let Some(store) = store {
            if !values.is_empty() {
                let s = tx.store(store).map_err(|e| error::write_error(what, &e))?;
                s.put_all(values.drain(..).map(|v| (v, None)))
                    .await
                    .map_err(|e| error::write_error(what, &e))?;
            }
        }
        Ok(())
    }
    for op in ops {
        match op {
            Op::Put { store, value } => {
                if pending_store != Some(store) {
                    flush(tx, pending_store, &mut pending, what).await?;
                    pending_store = Some(store);
                }
                pending.push(value);
            }
            Op::Delete { store, key } => {
                flush(tx, pending_store, &mut pending, what).await?;
                let s = tx.store(store).map_err(|e| error::write_error(what, &e))?;
                delete_keys(&s, [key], what).await?;
            }
        }
    }
    flush(tx, pending_store, &mut pending, what).await
}

/// Deletes keys from a store, sending every request before awaiting any: requests of one
/// transaction run in order anyway, and awaiting each in turn costs a trip through the
/// event loop per key (tens of seconds for the demo company's records).
pub(crate) async fn delete_keys(
    store: &rexie::Store,
    keys: impl IntoIterator<Item = JsValue>,
    what: &str,
) -> Result<(), StorageError> {
    let results = futures_util::future::join_all(keys.into_iter().map(|k| store.delete(k))).await;
    for result in results {
        result.map_err(|e| error::write_error(what, &e))?;
    }
    Ok(())
}

const REVISION_KEY: &str = "revision";

pub(crate) async fn read_revision(meta: &rexie::Store) -> Result<u64, StorageError> {
    let record = meta
        .get(JsValue::from_str(REVISION_KEY))
        .await
        .map_err(|e| error::read_error("the revision", &e))?;
    Ok(record
        .and_then(|r| js_sys::Reflect::get(&r, &JsValue::from_str("value")).ok())
        .and_then(|v| v.as_f64())
        .map_or(0, |v| v as u64))
}

/// Increments the revision inside the caller's transaction.
pub(crate) async fn bump_revision(tx: &Transaction, what: &str) -> Result<u64, StorageError> {
    let meta = tx
        .store(schema::META)
        .map_err(|e| error::write_error(what, &e))?;
    let next = read_revision(&meta).await? + 1;
    let record = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &record,
        &JsValue::from_str("key"),
        &JsValue::from_str(REVISION_KEY),
    );
    let _ = js_sys::Reflect::set(
        &record,
        &JsValue::from_str("value"),
        &JsValue::from_f64(next as f64),
    );
    meta.put(&record.into(), None)
        .await
        .map_err(|e| error::write_error(what, &e))?;
    Ok(next)
}
