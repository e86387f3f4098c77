//! What the rest of the app asks of a workspace: typed reads and the few actions that
//! touch several stores at once (deleting a customer, reverting an import).

use super::blocks::{self, Block};
use super::changes::{bump_revision, delete_keys, finish, Changes};
use super::error::{self, StorageError};
use super::records::{ImportBatch, Keyed, KeyedRecord, WorkspaceSettings, SETTINGS_KEY};
use super::{from_js, schema, sync, to_js, Record, WorkspaceDb};
use crate::domain::{CampaignResponse, ContactPlan, Customer, Exit, Interaction, Transaction};
use rexie::{KeyRange, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

impl WorkspaceDb {
    /// The workspace's settings (the defaults until they are first saved).
    pub async fn settings(&self) -> Result<WorkspaceSettings, StorageError> {
        Ok(self
            .get::<WorkspaceSettings>(SETTINGS_KEY)
            .await?
            .unwrap_or_default())
    }

    /// Records of a keyed kind whose `index` equals `value` (e.g. interactions by customer).
    async fn by_index<T: Record>(&self, index: &str, value: &str) -> Result<Vec<T>, StorageError> {
        let tx = self
            .rexie
            .transaction(&[T::STORE], TransactionMode::ReadOnly)
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        let store = tx
            .store(T::STORE)
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        let ix = store
            .index(index)
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        let range = key_only(&JsValue::from_str(value), T::WHAT)?;
        let values = ix
            .get_all(Some(range), None)
            .await
            .map_err(|e| error::read_error(T::WHAT, &e))?;
        values.into_iter().map(|v| from_js(v, T::WHAT)).collect()
    }

    /// A customer's interactions, newest first.
    pub async fn interactions_of(
        &self,
        customer_id: &str,
    ) -> Result<Vec<Keyed<Interaction>>, StorageError> {
        let mut list: Vec<Keyed<Interaction>> = self.by_index("by_customer", customer_id).await?;
        list.sort_by(|a, b| b.record.date.cmp(&a.record.date));
        Ok(list)
    }

    /// A customer's exits, newest first (a reactivated customer may have left before).
    pub async fn exits_of(&self, customer_id: &str) -> Result<Vec<Keyed<Exit>>, StorageError> {
        let mut list: Vec<Keyed<Exit>> = self.by_index("by_customer", customer_id).await?;
        list.sort_by(|a, b| b.record.date.cmp(&a.record.date));
        Ok(list)
    }

    /// A customer's campaign responses.
    pub async fn responses_of(
        &self,
        customer_id: &str,
    ) -> Result<Vec<Keyed<CampaignResponse>>, StorageError> {
        self.by_index("by_customer", customer_id).await
    }

    /// A campaign's responses.
    pub async fn responses_to(
        &self,
        campaign_id: &str,
    ) -> Result<Vec<Keyed<CampaignResponse>>, StorageError> {
        self.by_index("by_campaign", campaign_id).await
    }

    /// The customers a manager looks after.
    pub async fn customers_of_manager(
        &self,
        manager_id: &str,
    ) -> Result<Vec<Customer>, StorageError> {
        self.by_index("by_manager", manager_id).await
    }

    /// Every block of transactions, decoded.
    pub async fn transaction_blocks(&self) -> Result<Vec<Block>, StorageError> {
        let what = "transactions";
        let tx = self
            .rexie
            .transaction(&[schema::TRANSACTIONS], TransactionMode::ReadOnly)
            .map_err(|e| error::read_error(what, &e))?;
        let store = tx
            .store(schema::TRANSACTIONS)
            .map_err(|e| error::read_error(what, &e))?;
        let values = store
            .get_all(None, None)
            .await
            .map_err(|e| error::read_error(what, &e))?;
        values.iter().map(blocks::from_js).collect()
    }

    /// A customer's orders and returns, newest first.
    pub async fn transactions_of(
        &self,
        customer_id: &str,
    ) -> Result<Vec<Transaction>, StorageError> {
        let mut out = Vec::new();
        for block in self.transaction_blocks().await? {
            let Some(local) = block.ids.iter().position(|id| id == customer_id) else {
                continue;
            };
            for i in 0..block.len() {
                if block.customer[i] as usize == local {
                    out.extend(block.transaction(i));
                }
            }
        }
        out.sort_by(|a, b| b.date.cmp(&a.date));
        Ok(out)
    }

    /// Every interaction, exit or campaign response (for the analysis worker).
    pub async fn all_keyed<T: KeyedRecord>(&self) -> Result<Vec<T>, StorageError> {
        Ok(self
            .all::<Keyed<T>>()
            .await?
            .into_iter()
            .map(|k| k.record)
            .collect())
    }

    /// Deletes a customer and every record of theirs (transactions, interactions, exits,
    /// responses, contact plan) in one transaction.
    pub async fn delete_customer(&self, customer_id: &str) -> Result<u64, StorageError> {
        let what = format!("the deletion of customer {customer_id}");
        let stores = [
            schema::META,
            schema::CUSTOMERS,
            schema::TRANSACTIONS,
            schema::INTERACTIONS,
            schema::EXITS,
            schema::RESPONSES,
            schema::CONTACT_PLANS,
        ];
        let tx = self
            .rexie
            .transaction(&stores, TransactionMode::ReadWrite)
            .map_err(|e| error::write_error(&what, &e))?;
        let result = async {
            let key = JsValue::from_str(customer_id);
            let store = |name: &str| tx.store(name).map_err(|e| error::write_error(&what, &e));

            store(schema::CUSTOMERS)?
                .delete(key.clone())
                .await
                .map_err(|e| error::write_error(&what, &e))?;
            store(schema::CONTACT_PLANS)?
                .delete(key.clone())
                .await
                .map_err(|e| error::write_error(&what, &e))?;
            for name in [schema::INTERACTIONS, schema::EXITS, schema::RESPONSES] {
                let s = store(name)?;
                let ix = s
                    .index("by_customer")
                    .map_err(|e| error::write_error(&what, &e))?;
                let range = key_only(&key, &what)?;
                let keys = ix
                    .get_all_keys(Some(range), None)
                    .await
                    .map_err(|e| error::write_error(&what, &e))?;
                delete_keys(&s, keys, &what).await?;
            }
            let blocks_store = store(schema::TRANSACTIONS)?;
            let values = blocks_store
                .get_all(None, None)
                .await
                .map_err(|e| error::write_error(&what, &e))?;
            for value in values {
                let mut block = blocks::from_js(&value)?;
                if !block.ids.iter().any(|id| id == customer_id) {
                    continue;
                }
                block.retain_customers(|id| id != customer_id);
                if block.is_empty() {
                    blocks_store
                        .delete(JsValue::from_str(&block.key))
                        .await
                        .map_err(|e| error::write_error(&what, &e))?;
                } else {
                    blocks_store
                        .put(&blocks::to_js(&block), None)
                        .await
                        .map_err(|e| error::write_error(&what, &e))?;
                }
            }
            bump_revision(&tx, &what).await
        }
        .await;
        let revision = finish(tx, result, &what).await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }

    /// Every import, newest first.
    pub async fn import_batches(&self) -> Result<Vec<ImportBatch>, StorageError> {
        let mut list = self.all::<ImportBatch>().await?;
        list.sort_by(|a, b| b.imported_at.cmp(&a.imported_at));
        Ok(list)
    }

    /// Undoes an import in one transaction: removes what it added, restores the customers
    /// it updated, and marks the batch reverted.
    pub async fn revert_import(&self, batch_id: &str) -> Result<u64, StorageError> {
        let what = "the revert of the import".to_string();
        let stores = [
            schema::META,
            schema::CUSTOMERS,
            schema::TRANSACTIONS,
            schema::INTERACTIONS,
            schema::EXITS,
            schema::RESPONSES,
            schema::IMPORT_BATCHES,
            schema::MANAGERS,
            schema::CAMPAIGNS,
            schema::CONTACT_PLANS,
            schema::SETTINGS,
        ];
        let tx = self
            .rexie
            .transaction(&stores, TransactionMode::ReadWrite)
            .map_err(|e| error::write_error(&what, &e))?;
        let result = async {
            let store = |name: &str| tx.store(name).map_err(|e| error::write_error(&what, &e));
            let batches = store(schema::IMPORT_BATCHES)?;
            let Some(value) = batches
                .get(JsValue::from_str(batch_id))
                .await
                .map_err(|e| error::write_error(&what, &e))?
            else {
                return Err(StorageError::NotFound {
                    what: "That import".into(),
                });
            };
            let mut batch: ImportBatch = from_js(value, "import")?;
            if batch.reverted {
                return Ok(self.revision().await.unwrap_or(0));
            }
            let key = JsValue::from_str(batch_id);
            for name in [
                schema::TRANSACTIONS,
                schema::INTERACTIONS,
                schema::EXITS,
                schema::RESPONSES,
            ] {
                let s = store(name)?;
                let ix = s
                    .index("by_batch")
                    .map_err(|e| error::write_error(&what, &e))?;
                let range = key_only(&key, &what)?;
                let keys = ix
                    .get_all_keys(Some(range), None)
                    .await
                    .map_err(|e| error::write_error(&what, &e))?;
                delete_keys(&s, keys, &what).await?;
            }
            let customers = store(schema::CUSTOMERS)?;
            delete_keys(&customers, batch.created_customers.iter().map(|id| JsValue::from_str(id)), &what).await?;
            let previous = batch
                .previous_customers
                .iter()
                .map(|c| to_js(c, "customer").map(|v| (v, None)))
                .collect::<Result<Vec<_>, _>>()?;
            customers
                .put_all(previous.into_iter())
                .await
                .map_err(|e| error::write_error(&what, &e))?;
            for (name, keys) in [
                (schema::MANAGERS, &batch.created_managers),
                (schema::CAMPAIGNS, &batch.created_campaigns),
                (schema::CONTACT_PLANS, &batch.created_plans),
            ] {
                let s = store(name)?;
                delete_keys(&s, keys.iter().map(|k| JsValue::from_str(k)), &what).await?;
            }
            if let Some(previous) = &batch.previous_settings {
                store(schema::SETTINGS)?
                    .put(&to_js(previous, "settings")?, None)
                    .await
                    .map_err(|e| error::write_error(&what, &e))?;
            }
            batch.reverted = true;
            batches
                .put(&to_js(&batch, "import")?, None)
                .await
                .map_err(|e| error::write_error(&what, &e))?;
            bump_revision(&tx, &what).await
        }
        .await;
        let revision = finish(tx, result, &what).await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }

    /// Sets (or clears) the manager of many customers in one transaction. Customers known
    /// only from their transactions get a record of their own.
    pub async fn assign_manager(
        &self,
        customer_ids: &[String],
        manager_id: Option<&str>,
    ) -> Result<u64, StorageError> {
        let what = "the manager assignment".to_string();
        let tx = self
            .rexie
            .transaction(
                &[schema::META, schema::CUSTOMERS],
                TransactionMode::ReadWrite,
            )
            .map_err(|e| error::write_error(&what, &e))?;
        let result = async {
            let store = tx
                .store(schema::CUSTOMERS)
                .map_err(|e| error::write_error(&what, &e))?;
            for id in customer_ids {
                let existing = store
                    .get(JsValue::from_str(id))
                    .await
                    .map_err(|e| error::write_error(&what, &e))?;
                let mut customer: Customer = match existing {
                    Some(v) => from_js(v, "customer")?,
                    None => Customer {
                        id: id.clone(),
                        name: id.clone(),
                        ..Default::default()
                    },
                };
                customer.manager_id = manager_id.map(str::to_string);
                store
                    .put(&to_js(&customer, "customer")?, None)
                    .await
                    .map_err(|e| error::write_error(&what, &e))?;
            }
            bump_revision(&tx, &what).await
        }
        .await;
        let revision = finish(tx, result, &what).await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }

    /// Keeps a packed analysis for this revision, so that reopening the workspace shows
    /// it at once. Written only if the data is still at `revision`; never bumps it.
    pub async fn save_analysis_cache(&self, revision: u64, parts: &[Vec<u8>]) -> Result<(), StorageError> {
        let what = "the analysis cache";
        let tx = self
            .rexie
            .transaction(&[schema::META], TransactionMode::ReadWrite)
            .map_err(|e| error::write_error(what, &e))?;
        let result = async {
            let meta = tx.store(schema::META).map_err(|e| error::write_error(what, &e))?;
            if super::changes::read_revision(&meta).await? != revision {
                return Ok(());
            }
            // As blobs: reading the cache back then hands the page file handles, and each
            // part's bytes arrive later on their own, instead of one 18 MB structured clone
            // decoded in a single main-thread task (100,000 customers).
            let list = js_sys::Array::new();
            for part in parts {
                let bytes = js_sys::Array::of1(&js_sys::Uint8Array::from(part.as_slice()));
                let blob = web_sys::Blob::new_with_u8_array_sequence(&bytes).map_err(|e| StorageError::Write {
                    what: what.to_string(),
                    detail: format!("{e:?}"),
                })?;
                list.push(&blob);
            }
            let record = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&record, &"key".into(), &JsValue::from_str(ANALYSIS_CACHE_KEY));
            let _ = js_sys::Reflect::set(&record, &"revision".into(), &JsValue::from_f64(revision as f64));
            let _ = js_sys::Reflect::set(&record, &"parts".into(), &list);
            meta.put(&record.into(), None).await.map_err(|e| error::write_error(what, &e))?;
            Ok(())
        }
        .await;
        finish(tx, result, what).await
    }

    /// The cached packed analysis and the revision it was computed for, if any: the parts
    /// as blobs, read with [`blob_bytes`] one at a time. A cache in another form (an older
    /// version's) counts as none.
    pub async fn analysis_cache(&self) -> Result<Option<(u64, Vec<web_sys::Blob>)>, StorageError> {
        let what = "the analysis cache";
        let tx = self
            .rexie
            .transaction(&[schema::META], TransactionMode::ReadOnly)
            .map_err(|e| error::read_error(what, &e))?;
        let meta = tx.store(schema::META).map_err(|e| error::read_error(what, &e))?;
        let Some(record) = meta
            .get(JsValue::from_str(ANALYSIS_CACHE_KEY))
            .await
            .map_err(|e| error::read_error(what, &e))?
        else {
            return Ok(None);
        };
        let revision = js_sys::Reflect::get(&record, &"revision".into()).ok().and_then(|v| v.as_f64());
        let parts = js_sys::Reflect::get(&record, &"parts".into()).ok().and_then(|v| v.dyn_into::<js_sys::Array>().ok());
        match (revision, parts) {
            (Some(revision), Some(parts)) => Ok(Some((
                revision as u64,
                match parts.iter().map(|p| p.dyn_into::<web_sys::Blob>()).collect::<Result<Vec<_>, _>>() {
                    Ok(blobs) => blobs,
                    Err(_) => return Ok(None),
                },
            ))),
            _ => Ok(None),
        }
    }

    /// A sheet kept in the settings store under `key` (planning inputs and the like).
    pub async fn sheet<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let what = "the planning sheet";
        let tx = self
            .rexie
            .transaction(&[schema::SETTINGS], TransactionMode::ReadOnly)
            .map_err(|e| error::read_error(what, &e))?;
        let store = tx.store(schema::SETTINGS).map_err(|e| error::read_error(what, &e))?;
        let Some(record) = store
            .get(JsValue::from_str(&format!("{}{key}", super::backup::SHEET_PREFIX)))
            .await
            .map_err(|e| error::read_error(what, &e))?
        else {
            return Ok(None);
        };
        let value = js_sys::Reflect::get(&record, &"value".into()).unwrap_or(JsValue::UNDEFINED);
        from_js(value, what).map(Some)
    }

    /// Saves a sheet under `key` in one transaction, bumping the revision.
    pub async fn save_sheet<T: serde::Serialize>(&self, key: &str, value: &T) -> Result<u64, StorageError> {
        let what = "the planning sheet";
        let record = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&record, &"key".into(), &JsValue::from_str(&format!("{}{key}", super::backup::SHEET_PREFIX)));
        let _ = js_sys::Reflect::set(&record, &"value".into(), &to_js(value, what)?);
        let tx = self
            .rexie
            .transaction(&[schema::META, schema::SETTINGS], TransactionMode::ReadWrite)
            .map_err(|e| error::write_error(what, &e))?;
        let result = async {
            let store = tx.store(schema::SETTINGS).map_err(|e| error::write_error(what, &e))?;
            store.put(&record.into(), None).await.map_err(|e| error::write_error(what, &e))?;
            bump_revision(&tx, what).await
        }
        .await;
        let revision = finish(tx, result, what).await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }

    /// Every contact plan.
    pub async fn contact_plans(&self) -> Result<Vec<ContactPlan>, StorageError> {
        self.all::<ContactPlan>().await
    }
}

/// A convenience for single-record actions.
pub fn single_put<T: Record>(what: &str, record: &T) -> Result<Changes, StorageError> {
    let mut changes = Changes::new(what);
    changes.put(record)?;
    Ok(changes)
}

pub(crate) const ANALYSIS_CACHE_KEY: &str = "analysis_cache";

/// The bytes of a blob (a part of the cached analysis), read off the main thread.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, StorageError> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| StorageError::Read {
            what: "the analysis cache".to_string(),
            detail: format!("{e:?}"),
        })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The key range holding exactly `key`.
fn key_only(key: &JsValue, what: &str) -> Result<KeyRange, StorageError> {
    KeyRange::only(key).map_err(|e| error::read_error(what, &rexie::Error::from(e)))
}
