//! Keeping data in the browser: the only code that knows object-store names, key paths,
//! indexes or `JsValue`. Nothing else calls rexie.
//!
//! One IndexedDB database per workspace keeps clients apart and makes deleting one
//! trivial; a small registry database lists the workspaces.

pub mod backup;
pub mod blocks;
pub mod changes;
pub mod dataset;
pub mod error;
pub mod import;
pub mod migrate;
pub mod prefs;
pub mod queries;
pub mod quota;
pub mod records;
pub mod schema;
pub mod sync;
pub mod workspaces;

pub use changes::Changes;
pub use error::StorageError;
pub use queries::blob_bytes;
pub use records::{ImportBatch, Keyed, WorkspaceSettings};

use rexie::{Rexie, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

/// A kind of record kept in its own object store.
pub trait Record: Serialize + DeserializeOwned {
    /// The object store that holds it.
    const STORE: &'static str;
    /// What a person calls it, for error sentences ("a customer").
    const WHAT: &'static str;
}

/// Converts a record to a plain JS object (numbers as numbers, maps as objects).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<JsValue, StorageError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StorageError::Write {
            what: what.to_string(),
            detail: e.to_string(),
        })
}

/// Reads a record back from a JS object.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StorageError::Corrupt {
        what: what.to_string(),
        detail: e.to_string(),
    })
}

/// An open workspace database.
pub struct WorkspaceDb {
    rexie: Rexie,
    name: String,
    schema_version: u32,
}

impl WorkspaceDb {
    /// Opens (creating or upgrading as needed) the database of a workspace and brings
    /// its data up to the current schema version.
    pub async fn open(workspace_id: &str) -> Result<Self, StorageError> {
        Self::open_named(
            &schema::workspace_db_name(workspace_id),
            schema::WORKSPACE_VERSION,
        )
        .await
    }

    /// Opens a database by its IndexedDB name at a given schema version. The app
    /// always uses the current version; tests open older ones to check upgrades.
    pub async fn open_named(db_name: &str, version: u32) -> Result<Self, StorageError> {
        ensure_indexed_db()?;
        let builder =
            schema::workspace_builder(db_name, version).ok_or_else(|| StorageError::Open {
                database: db_name.to_string(),
                detail: format!("schema version {version} is unknown to this build of the app"),
            })?;
        let rexie = builder
            .build()
            .await
            .map_err(|e| error::open_error(db_name, &e))?;
        let schema_version = migrate::bring_up_to(&rexie, version).await?;
        Ok(Self {
            rexie,
            name: db_name.to_string(),
            schema_version,
        })
    }

    /// Deletes a workspace database with everything in it.
    pub async fn delete_named(db_name: &str) -> Result<(), StorageError> {
        ensure_indexed_db()?;
        Rexie::delete(db_name)
            .await
            .map_err(|e| StorageError::Write {
                what: format!("the deletion of \"{db_name}\""),
                detail: error::detail(&e),
            })
    }

    /// The IndexedDB name of this database.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The schema version recorded in the database.
    pub fn schema_version(&self) -> u32 {
        self.schema_version
    }

    /// Closes the connection (so that another tab can upgrade or delete the database).
    pub fn close(self) {
        self.rexie.close();
    }

    /// How many customers the workspace holds.
    pub async fn count_customers(&self) -> Result<u32, StorageError> {
        let what = "customers";
        let tx = self
            .rexie
            .transaction(&[schema::CUSTOMERS], TransactionMode::ReadOnly)
            .map_err(|e| error::read_error(what, &e))?;
        let store = tx
            .store(schema::CUSTOMERS)
            .map_err(|e| error::read_error(what, &e))?;
        store
            .count(None)
            .await
            .map_err(|e| error::read_error(what, &e))
    }

    /// Whether the workspace holds any customer or transaction (customers may be known
    /// only from imported transactions).
    pub async fn has_data(&self) -> Result<bool, StorageError> {
        let what = "the workspace";
        let tx = self
            .rexie
            .transaction(
                &[schema::CUSTOMERS, schema::TRANSACTIONS],
                TransactionMode::ReadOnly,
            )
            .map_err(|e| error::read_error(what, &e))?;
        for name in [schema::CUSTOMERS, schema::TRANSACTIONS] {
            let store = tx.store(name).map_err(|e| error::read_error(what, &e))?;
            if store
                .count(None)
                .await
                .map_err(|e| error::read_error(what, &e))?
                > 0
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Stores (adds or replaces) records in one transaction: all of them or none.
    pub async fn put_all<T: Record>(&self, records: &[T]) -> Result<(), StorageError> {
        let values = records
            .iter()
            .map(|r| to_js(r, T::WHAT))
            .collect::<Result<Vec<_>, _>>()?;
        let tx = self
            .rexie
            .transaction(&[T::STORE], TransactionMode::ReadWrite)
            .map_err(|e| error::write_error(T::WHAT, &e))?;
        let result = async {
            let store = tx
                .store(T::STORE)
                .map_err(|e| error::write_error(T::WHAT, &e))?;
            store
                .put_all(values.into_iter().map(|v| (v, None)))
                .await
                .map_err(|e| error::write_error(T::WHAT, &e))
        }
        .await;
        changes::finish(tx, result, T::WHAT).await
    }

    /// Reads one record by key.
    pub async fn get<T: Record>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let tx = self
            .rexie
            .transaction(&[T::STORE], TransactionMode::ReadOnly)
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        let store = tx
            .store(T::STORE)
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        let value = store
            .get(JsValue::from_str(key))
            .await
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        value.map(|v| from_js(v, T::WHAT)).transpose()
    }

    /// Reads every record of a kind.
    pub async fn all<T: Record>(&self) -> Result<Vec<T>, StorageError> {
        let tx = self
            .rexie
            .transaction(&[T::STORE], TransactionMode::ReadOnly)
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        let store = tx
            .store(T::STORE)
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        let values = store
            .get_all(None, None)
            .await
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        values.into_iter().map(|v| from_js(v, T::WHAT)).collect()
    }

    /// Counts the records of a kind.
    pub async fn count<T: Record>(&self) -> Result<u32, StorageError> {
        let tx = self
            .rexie
            .transaction(&[T::STORE], TransactionMode::ReadOnly)
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        let store = tx
            .store(T::STORE)
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        store
            .count(None)
            .await
            .map_err(|e| error::read_error(T::WHAT, &e))
    }
}

/// A short random id: time plus randomness, in base 36.
pub fn new_id() -> String {
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 2f64.powi(40)) as u64;
    format!("{}{}", to_base36(now), to_base36(random))
}

fn to_base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Fails with a sentence when the browser has no IndexedDB at all.
fn ensure_indexed_db() -> Result<(), StorageError> {
    let global = js_sys::global();
    let has_idb = js_sys::Reflect::get(&global, &JsValue::from_str("indexedDB"))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false);
    if has_idb {
        Ok(())
    } else {
        Err(StorageError::Unavailable)
    }
}
