//! An open workspace database: opening (upgrading the schema with rexie, then the data),
//! closing, deleting, and the reads and writes of the small per-record stores.

use super::classify;
use super::error::{StorageError, Subject};
use super::tx::{self, Mode, Tx};
use super::{migrate, schema};
use serde::{de::DeserializeOwned, Serialize};
use super::objects::{from_js, to_js};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbFactory};

/// A kind of record kept one per row in its own object store (what a person edits one at a
/// time: managers, campaigns, contact plans, settings, import batches).
pub trait Record: Serialize + DeserializeOwned {
    /// The object store that holds it.
    const STORE: &'static str;
    /// What the record is, for error sentences.
    fn subject(&self) -> Subject;
    /// What records of this kind are, for error sentences about reading them.
    fn subjects() -> Subject;
}

/// An open workspace database.
pub struct WorkspaceDb {
    pub(crate) raw: IdbDatabase,
    name: String,
    schema_version: u32,
    _on_version_change: Closure<dyn FnMut()>,
}

impl Drop for WorkspaceDb {
    fn drop(&mut self) {
        self.raw.set_onversionchange(None);
    }
}

/// The browser's IndexedDB factory, in a page or a worker.
pub(crate) fn factory() -> Result<IdbFactory, StorageError> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB"))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
        .and_then(|v| v.dyn_into::<IdbFactory>().ok())
        .ok_or(StorageError::Unavailable)
}

/// The version a database is at now (0 when it does not exist): from
/// `indexedDB.databases()`, or else by opening it without a version (which creates an empty
/// database at version 1 when there was none; upgrading that loses nothing).
async fn existing_version(db_name: &str) -> Result<u32, StorageError> {
    if let Some(v) = listed_version(db_name).await {
        return Ok(v);
    }
    let request = factory()?
        .open(db_name)
        .map_err(|e| classify::failure(&e, &Subject::SchemaUpgrade, Mode::Write))?;
    let db = tx::request(request.into())
        .await
        .ok()
        .and_then(|v| v.dyn_into::<IdbDatabase>().ok())
        .ok_or_else(|| StorageError::Open {
            database: db_name.to_string(),
            detail: "the browser gave no database".into(),
        })?;
    let version = db.version() as u32;
    let empty = db.object_store_names().length() == 0;
    db.close();
    Ok(if empty { 0 } else { version })
}

async fn listed_version(db_name: &str) -> Option<u32> {
    let factory = factory().ok()?;
    let databases = js_sys::Reflect::get(&factory, &JsValue::from_str("databases"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = databases.call0(&factory).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let list = JsFuture::from(promise).await.ok()?;
    let found = js_sys::Array::from(&list).iter().find(|d| {
        js_sys::Reflect::get(d, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .as_deref()
            == Some(db_name)
    });
    Some(match found {
        Some(d) => js_sys::Reflect::get(&d, &JsValue::from_str("version"))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as u32,
        None => 0,
    })
}

/// Opens a database at exactly `version` once its schema is there (no upgrade happens).
async fn open_raw(db_name: &str, version: u32) -> Result<IdbDatabase, StorageError> {
    let request = factory()?
        .open_with_u32(db_name, version)
        .map_err(|e| classify::failure(&e, &Subject::SchemaUpgrade, Mode::Write))?;
    match tx::request(request.into()).await {
        Ok(v) => v.dyn_into::<IdbDatabase>().map_err(|_| StorageError::Open {
            database: db_name.to_string(),
            detail: "the browser gave no database".into(),
        }),
        Err(Some(e)) if e.name() == "VersionError" => Err(StorageError::UpgradedElsewhere),
        Err(e) => Err(StorageError::Open {
            database: db_name.to_string(),
            detail: e.map_or_else(|| "no reason given".into(), |e| format!("{}: {}", e.name(), e.message())),
        }),
    }
}

/// Lets rexie create or upgrade the stores of `version`, then closes its connection.
async fn upgrade_schema(db_name: &str, version: u32) -> Result<(), StorageError> {
    let builder = schema::workspace_builder(db_name, version)
        .ok_or(StorageError::UnknownVersion { version })?;
    let rexie = builder.build().await.map_err(|e| open_error(db_name, &e))?;
    rexie.close();
    Ok(())
}

fn open_error(database: &str, err: &rexie::Error) -> StorageError {
    let detail = match err {
        rexie::Error::IdbError(inner) => inner.to_string(),
        other => other.to_string(),
    };
    if detail.contains("VersionError") {
        StorageError::UpgradedElsewhere
    } else {
        StorageError::Open {
            database: database.to_string(),
            detail,
        }
    }
}

/// Opens the registry of workspaces (creating it on first use).
pub(crate) async fn open_registry() -> Result<IdbDatabase, StorageError> {
    let rexie = schema::registry_builder()
        .build()
        .await
        .map_err(|e| open_error(schema::REGISTRY_DB, &e))?;
    rexie.close();
    open_raw(schema::REGISTRY_DB, schema::REGISTRY_VERSION).await
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
        factory()?;
        if schema::workspace_stores(version).is_none() {
            return Err(StorageError::UnknownVersion { version });
        }
        // A database from before a staged version is brought through it first: its data
        // moves while the stores of both sides exist (see `schema`).
        let current = existing_version(db_name).await?;
        for &stage in schema::STAGES {
            if current > 0 && current < stage && stage < version {
                upgrade_schema(db_name, stage).await?;
                let raw = open_raw(db_name, stage).await?;
                let migrated = migrate::bring_up_to(&raw, stage).await;
                raw.close();
                migrated?;
            }
        }
        upgrade_schema(db_name, version).await?;
        let raw = open_raw(db_name, version).await?;
        // Another tab opening a newer version asks this connection to close rather than
        // wait; the next action here then says to reload.
        let on_version_change = {
            let raw = raw.clone();
            Closure::<dyn FnMut()>::new(move || raw.close())
        };
        raw.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        let schema_version = match migrate::bring_up_to(&raw, version).await {
            Ok(v) => v,
            Err(e) => {
                raw.close();
                return Err(e);
            }
        };
        Ok(Self {
            raw,
            name: db_name.to_string(),
            schema_version,
            _on_version_change: on_version_change,
        })
    }

    /// Deletes a workspace database with everything in it.
    pub async fn delete_named(db_name: &str) -> Result<(), StorageError> {
        let request = factory()?
            .delete_database(db_name)
            .map_err(|e| classify::failure(&e, &Subject::WorkspaceDeletion, Mode::Write))?;
        tx::request(request.into())
            .await
            .map(drop)
            .map_err(|e| classify::request(e.as_ref(), &Subject::WorkspaceDeletion))
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
        self.raw.close();
    }

    /// A read-only transaction.
    pub(crate) fn read(&self, stores: &[&str], subject: Subject) -> Result<Tx, StorageError> {
        Tx::new(&self.raw, stores, Mode::Read, subject)
    }

    /// Stores (adds or replaces) records in one transaction: all of them or none.
    pub async fn put_all<T: Record>(&self, records: &[T]) -> Result<(), StorageError> {
        let subject = T::subjects();
        let values = records
            .iter()
            .map(|r| to_js(r, &subject))
            .collect::<Result<Vec<_>, _>>()?;
        tx::write(&self.raw, &[T::STORE], subject, async |tx| {
            let store = tx.store(T::STORE)?;
            for v in &values {
                store.put(v)?;
            }
            Ok(())
        })
        .await
    }

    /// Reads one record by key.
    pub async fn get<T: Record>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let tx = self.read(&[T::STORE], T::subjects())?;
        let value = tx.store(T::STORE)?.get(&JsValue::from_str(key)).await?;
        value.map(|v| from_js(v, tx.subject())).transpose()
    }

    /// Reads every record of a kind.
    pub async fn all<T: Record>(&self) -> Result<Vec<T>, StorageError> {
        let tx = self.read(&[T::STORE], T::subjects())?;
        let values = tx.store(T::STORE)?.all().await?;
        values.into_iter().map(|v| from_js(v, tx.subject())).collect()
    }

    /// Counts the records of a kind.
    pub async fn count<T: Record>(&self) -> Result<u32, StorageError> {
        let tx = self.read(&[T::STORE], T::subjects())?;
        let n = tx.store(T::STORE)?.count().await?;
        Ok(n)
    }

    /// Writes raw values into a store of this database, for tests that build a database
    /// exactly as an earlier release left it. The app never calls it.
    pub async fn put_values(&self, store: &str, values: &[JsValue]) -> Result<(), StorageError> {
        tx::write(&self.raw, &[store], Subject::SchemaUpgrade, async |tx| {
            let s = tx.store(store)?;
            for v in values {
                s.put(v)?;
            }
            Ok(())
        })
        .await
    }

    /// Every raw value of a store, for tests that check what an upgrade left.
    pub async fn values(&self, store: &str) -> Result<Vec<JsValue>, StorageError> {
        let tx = self.read(&[store], Subject::SchemaUpgrade)?;
        let values = tx.store(store)?.all().await?;
        Ok(values)
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
