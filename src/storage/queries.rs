//! What the rest of the app asks of a workspace: typed reads (one customer's records, the
//! current customers, every block of a kind) and the actions that touch several stores at
//! once (deleting a customer, reverting an import, assigning a manager, the analysis cache).

use super::blocks::{self, append_layer, ids_of};
use super::changes::{put_revision, read_revision, Changes};
use super::db::{Record, WorkspaceDb};
use super::objects::{from_js, to_js};
use super::error::{StorageError, Subject};
use super::records::SettingsRecord;
use super::tx::{self, Tx};
use super::{schema, sync};
use crate::domain::blocks::{
    Block, CustomerBlock, ExitBlock, InteractionBlock, PlanBlock, ResponseBlock, Stored, TransactionBlock,
};
use crate::domain::bundle::{current_customer_count, current_customers, current_plans, current_responses, current_responses_where, Bundle, ImportBatch, WorkspaceSettings};
use crate::domain::{CampaignResponse, ContactPlan, Customer, Exit, Interaction, Transaction};
use std::collections::HashSet;
use wasm_bindgen::{JsCast, JsValue};

/// Everything a worker job reads to analyse a workspace, from one transaction.
#[derive(Clone)]
pub struct WorkspaceRecords {
    pub settings: WorkspaceSettings,
    pub customers: Vec<Stored<CustomerBlock>>,
    pub transactions: Vec<Stored<TransactionBlock>>,
    pub interactions: Vec<Stored<InteractionBlock>>,
    pub exits: Vec<Stored<ExitBlock>>,
    pub responses: Vec<Stored<ResponseBlock>>,
    pub managers: Vec<crate::domain::Manager>,
    pub campaigns: Vec<crate::domain::Campaign>,
    pub plans: Vec<ContactPlan>,
    pub revision: u64,
}

impl WorkspaceRecords {
    /// The records once `bundle` was added (see [`WorkspaceDb::add`]) by the write that made
    /// `revision`: its blocks after the ones there (so its customers are the current ones),
    /// its managers, campaigns and contact plans replacing theirs by id, its settings the
    /// workspace's — what reading the workspace again would give, without reading it.
    pub fn absorb(&mut self, bundle: Bundle, batch: &str, revision: u64) {
        fn append<B>(to: &mut Vec<Stored<B>>, from: Vec<Stored<B>>, batch: &str) {
            to.extend(from.into_iter().map(|mut s| {
                s.batch.get_or_insert_with(|| batch.to_string());
                s
            }));
        }
        // By a hash index of the ids there: the demo brings 10,000 contact plans, and a
        // search of the list for each was 50 million comparisons.
        fn replace<T>(to: &mut Vec<T>, from: Vec<T>, id: impl Fn(&T) -> &str) {
            let mut at: rustc_hash::FxHashMap<String, usize> =
                to.iter().enumerate().map(|(i, x)| (id(x).to_string(), i)).collect();
            for r in from {
                match at.get(id(&r)) {
                    Some(&i) => to[i] = r,
                    None => {
                        at.insert(id(&r).to_string(), to.len());
                        to.push(r);
                    }
                }
            }
        }
        append(&mut self.customers, bundle.customers, batch);
        append(&mut self.transactions, bundle.transactions, batch);
        append(&mut self.interactions, bundle.interactions, batch);
        append(&mut self.exits, bundle.exits, batch);
        append(&mut self.responses, bundle.responses, batch);
        replace(&mut self.managers, bundle.managers, |m| &m.id);
        replace(&mut self.campaigns, bundle.campaigns, |c| &c.id);
        replace(&mut self.plans, bundle.plans, |p| &p.customer_id);
        if let Some(settings) = bundle.settings {
            self.settings = settings;
        }
        self.revision = revision;
    }

    /// Every customer id the records know: customer records and the customers of
    /// transactions.
    pub fn known_customer_ids(&self) -> rustc_hash::FxHashSet<&str> {
        // Fx, not SipHash: hundreds of thousands of short ids, hashed in the import's check.
        let mut known = rustc_hash::FxHashSet::default();
        known.reserve(self.customers.iter().map(|s| s.block.ids.len()).sum());
        for s in &self.customers {
            known.extend(s.block.ids.iter());
        }
        for s in &self.transactions {
            known.extend(s.block.ids.iter());
        }
        known
    }

    /// Rows of every kind, for deciding whether keeping the records in memory is worth it.
    pub fn rows(&self) -> usize {
        fn sum<B: Block>(list: &[Stored<B>]) -> usize {
            list.iter().map(|s| s.block.len()).sum()
        }
        sum(&self.customers) + sum(&self.transactions) + sum(&self.interactions) + sum(&self.exits) + sum(&self.responses)
    }
}

impl WorkspaceDb {
    /// The workspace's settings (the defaults until they are first saved).
    pub async fn settings(&self) -> Result<WorkspaceSettings, StorageError> {
        Ok(self
            .get::<SettingsRecord>(schema::SETTINGS_KEY)
            .await?
            .map(|r| r.value)
            .unwrap_or_default())
    }

    /// Every record the analysis needs, read in one transaction (so they agree with each
    /// other and with the revision they are tagged with).
    pub async fn records(&self) -> Result<WorkspaceRecords, StorageError> {
        let tx = self.read(&schema::current_store_names(), Subject::Customers)?;
        let settings = match tx
            .store(schema::SETTINGS)?
            .get(&JsValue::from_str(schema::SETTINGS_KEY))
            .await?
        {
            Some(v) => from_js::<SettingsRecord>(v, &Subject::Settings)?.value,
            None => WorkspaceSettings::default(),
        };
        Ok(WorkspaceRecords {
            settings,
            transactions: blocks::all(&tx).await?,
            customers: blocks::all(&tx).await?,
            interactions: blocks::all(&tx).await?,
            exits: blocks::all(&tx).await?,
            responses: blocks::all(&tx).await?,
            managers: all_records(&tx).await?,
            campaigns: all_records(&tx).await?,
            plans: current_plans(blocks::all::<PlanBlock>(&tx).await?.iter().map(|s| &s.block)),
            revision: read_revision(&tx).await?,
        })
    }

    /// Every block of transactions, decoded.
    pub async fn transaction_blocks(&self) -> Result<Vec<Stored<TransactionBlock>>, StorageError> {
        let tx = self.read(&[schema::TRANSACTION_BLOCKS], Subject::Records(TransactionBlock::KIND))?;
        blocks::all(&tx).await
    }

    /// Every block of a kind, decoded, in write order.
    pub async fn blocks<B: Block>(&self) -> Result<Vec<Stored<B>>, StorageError> {
        let tx = self.read(&[schema::block_store(B::KIND)], Subject::Records(B::KIND))?;
        blocks::all(&tx).await
    }

    /// The current customer records (each customer's latest version).
    pub async fn customers(&self) -> Result<Vec<Customer>, StorageError> {
        let blocks = self.blocks::<CustomerBlock>().await?;
        Ok(current_customers(blocks.iter().map(|s| &s.block)))
    }

    /// A customer's current record, if they have one (customers may be known only from
    /// their transactions).
    pub async fn customer(&self, id: &str) -> Result<Option<Customer>, StorageError> {
        let tx = self.read(&[schema::CUSTOMER_BLOCKS], Subject::Customer(id.to_string()))?;
        let values = tx.store(schema::CUSTOMER_BLOCKS)?.all().await?;
        // The newest block that holds the customer has their current record.
        for value in values.iter().rev() {
            let Some(row) = ids_of::<CustomerBlock>(value)?.iter().position(|c| c == id) else {
                continue;
            };
            return Ok(blocks::from_record::<CustomerBlock>(value)?.block.record(row));
        }
        Ok(None)
    }

    /// How many customers have a record.
    pub async fn count_customers(&self) -> Result<u32, StorageError> {
        let tx = self.read(&[schema::CUSTOMER_BLOCKS], Subject::Customers)?;
        let values = tx.store(schema::CUSTOMER_BLOCKS)?.all().await?;
        let ids = values
            .iter()
            .map(ids_of::<CustomerBlock>)
            .collect::<Result<Vec<_>, _>>()?;
        let mut seen: HashSet<&str> = HashSet::new();
        for list in &ids {
            seen.extend(list.iter());
        }
        Ok(seen.len() as u32)
    }

    /// Whether the workspace holds any customer or transaction (customers may be known
    /// only from imported transactions).
    pub async fn has_data(&self) -> Result<bool, StorageError> {
        let tx = self.read(&[schema::CUSTOMER_BLOCKS, schema::TRANSACTION_BLOCKS], Subject::Customers)?;
        for name in [schema::CUSTOMER_BLOCKS, schema::TRANSACTION_BLOCKS] {
            if tx.store(name)?.count().await? > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Every customer id the workspace knows: customer records and the customers of stored
    /// transactions.
    pub async fn known_customer_ids(&self) -> Result<HashSet<String>, StorageError> {
        let tx = self.read(&[schema::CUSTOMER_BLOCKS, schema::TRANSACTION_BLOCKS], Subject::Customers)?;
        let mut known = HashSet::new();
        for value in tx.store(schema::CUSTOMER_BLOCKS)?.all().await? {
            known.extend(ids_of::<CustomerBlock>(&value)?.iter().map(str::to_owned));
        }
        for value in tx.store(schema::TRANSACTION_BLOCKS)?.all().await? {
            known.extend(ids_of::<TransactionBlock>(&value)?.iter().map(str::to_owned));
        }
        Ok(known)
    }

    /// A customer's orders and returns, newest first.
    pub async fn transactions_of(&self, customer_id: &str) -> Result<Vec<Transaction>, StorageError> {
        let mut out: Vec<Transaction> = self.rows_of::<TransactionBlock>(customer_id).await?;
        out.sort_by(|a, b| b.date.cmp(&a.date));
        Ok(out)
    }

    /// A customer's interactions, newest first.
    pub async fn interactions_of(&self, customer_id: &str) -> Result<Vec<Interaction>, StorageError> {
        let mut out: Vec<Interaction> = self.rows_of::<InteractionBlock>(customer_id).await?;
        out.sort_by(|a, b| b.date.cmp(&a.date));
        Ok(out)
    }

    /// A customer's exits, newest first (a reactivated customer may have left before).
    pub async fn exits_of(&self, customer_id: &str) -> Result<Vec<Exit>, StorageError> {
        let mut out: Vec<Exit> = self.rows_of::<ExitBlock>(customer_id).await?;
        out.sort_by(|a, b| b.date.cmp(&a.date));
        Ok(out)
    }

    /// A customer's campaign responses (the latest per campaign).
    pub async fn responses_of(&self, customer_id: &str) -> Result<Vec<CampaignResponse>, StorageError> {
        let tx = self.read(&[schema::RESPONSE_BLOCKS], Subject::Response)?;
        let values = tx.store(schema::RESPONSE_BLOCKS)?.all().await?;
        let mut layers = Vec::new();
        for value in &values {
            if ids_of::<ResponseBlock>(value)?.iter().any(|id| id == customer_id) {
                let mut stored = blocks::from_record::<ResponseBlock>(value)?;
                stored.block.retain_customers(|id| id == customer_id);
                layers.push(stored.block);
            }
        }
        Ok(current_responses(layers.iter()))
    }

    /// A campaign's responses (the latest per customer).
    pub async fn responses_to(&self, campaign_id: &str) -> Result<Vec<CampaignResponse>, StorageError> {
        let blocks = self.blocks::<ResponseBlock>().await?;
        Ok(current_responses_where(blocks.iter().map(|s| &s.block), Some(campaign_id)))
    }

    async fn rows_of<B: Block>(&self, customer_id: &str) -> Result<Vec<B::Record>, StorageError> {
        let tx = self.read(&[schema::block_store(B::KIND)], Subject::Records(B::KIND))?;
        blocks::rows_of::<B>(&tx, customer_id).await
    }

    /// The customers a manager looks after.
    pub async fn customers_of_manager(&self, manager_id: &str) -> Result<Vec<Customer>, StorageError> {
        Ok(self
            .customers()
            .await?
            .into_iter()
            .filter(|c| c.manager_id.as_deref() == Some(manager_id))
            .collect())
    }

    /// Deletes a customer and every record of theirs (transactions, interactions, exits,
    /// responses, contact plan) in one transaction.
    pub async fn delete_customer(&self, customer_id: &str) -> Result<u64, StorageError> {
        let mut stores = vec![schema::META];
        stores.extend(schema::BLOCK_STORES);
        let revision = tx::write(&self.raw, &stores, Subject::CustomerDeletion(customer_id.to_string()), async |tx| {
            let revision = read_revision(tx).await? + 1;
            blocks::remove_customer::<CustomerBlock>(tx, customer_id).await?;
            blocks::remove_customer::<PlanBlock>(tx, customer_id).await?;
            blocks::remove_customer::<TransactionBlock>(tx, customer_id).await?;
            blocks::remove_customer::<InteractionBlock>(tx, customer_id).await?;
            blocks::remove_customer::<ExitBlock>(tx, customer_id).await?;
            blocks::remove_customer::<ResponseBlock>(tx, customer_id).await?;
            put_revision(tx, revision)?;
            Ok(revision)
        })
        .await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }

    /// Every import, newest first.
    pub async fn import_batches(&self) -> Result<Vec<ImportBatch>, StorageError> {
        let mut list = self.all::<ImportBatch>().await?;
        list.sort_by(|a, b| b.imported_at.cmp(&a.imported_at));
        Ok(list)
    }

    /// Undoes an import in one transaction: removes the blocks it wrote and the records it
    /// created, restores the settings it replaced, and marks the batch reverted. An import
    /// reverted already (in another tab, say) is [`StorageError::AlreadyReverted`].
    pub async fn revert_import(&self, batch_id: &str) -> Result<u64, StorageError> {
        let stores = schema::current_store_names();
        let revision = tx::write(&self.raw, &stores, Subject::Revert, async |tx| {
            let batches = tx.store(schema::IMPORT_BATCHES)?;
            let Some(value) = batches.get(&JsValue::from_str(batch_id)).await? else {
                return Err(StorageError::NotFound {
                    subject: Subject::ImportHistory,
                });
            };
            let mut batch: ImportBatch = from_js(value, tx.subject())?;
            if batch.reverted {
                return Err(StorageError::AlreadyReverted);
            }
            let revision = read_revision(tx).await? + 1;
            for name in schema::BLOCK_STORES {
                let store = tx.store(name)?;
                for key in store.keys_where("by_batch", batch_id).await? {
                    store.delete(&key)?;
                }
            }
            revert_legacy_customers(tx, revision, &batch).await?;
            // (Its contact plans went with its blocks.)
            for (name, keys) in [
                (schema::MANAGERS, &batch.created_managers),
                (schema::CAMPAIGNS, &batch.created_campaigns),
            ] {
                let store = tx.store(name)?;
                for k in keys {
                    store.delete(&JsValue::from_str(k))?;
                }
            }
            if let Some(previous) = &batch.previous_settings {
                tx.store(schema::SETTINGS)?
                    .put(&to_js(&SettingsRecord::new(previous.clone()), tx.subject())?)?;
            }
            batch.reverted = true;
            batches.put(&to_js(&batch, tx.subject())?)?;
            put_revision(tx, revision)?;
            Ok(revision)
        })
        .await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }

    /// Sets (or clears) the manager of many customers in one transaction. Customers known
    /// only from their transactions get a record of their own.
    pub async fn assign_manager(&self, customer_ids: &[String], manager_id: Option<&str>) -> Result<u64, StorageError> {
        let current = self.customers().await?;
        let mut by_id: std::collections::HashMap<&str, &Customer> =
            current.iter().map(|c| (c.id.as_str(), c)).collect();
        let edited: Vec<Customer> = customer_ids
            .iter()
            .map(|id| {
                let mut c = by_id.remove(id.as_str()).cloned().unwrap_or_else(|| Customer {
                    id: id.clone(),
                    name: id.clone(),
                    ..Customer::default()
                });
                c.manager_id = manager_id.map(str::to_string);
                c
            })
            .collect();
        let mut changes = Changes::new(Subject::ManagerAssignment);
        changes.customers(edited);
        self.apply(changes).await
    }

    /// Keeps a packed analysis for this revision, so that reopening the workspace shows
    /// it at once. Written only if the data is still at `revision`; never bumps it.
    pub async fn save_analysis_cache(&self, revision: u64, parts: &[Vec<u8>]) -> Result<(), StorageError> {
        tx::write(&self.raw, &[schema::META], Subject::AnalysisCache, async |tx| {
            if read_revision(tx).await? != revision {
                return Ok(());
            }
            // As blobs: reading the cache back then hands the page file handles, and each
            // part's bytes arrive later on their own, instead of one 18 MB structured clone
            // decoded in a single main-thread task (100,000 customers).
            let list = js_sys::Array::new();
            for part in parts {
                let bytes = js_sys::Array::of1(&js_sys::Uint8Array::from(part.as_slice()));
                let blob = web_sys::Blob::new_with_u8_array_sequence(&bytes).map_err(|e| StorageError::Write {
                    subject: Subject::AnalysisCache,
                    detail: super::classify::describe(&e),
                })?;
                list.push(&blob);
            }
            let record = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&record, &"key".into(), &JsValue::from_str(schema::ANALYSIS_CACHE_KEY));
            let _ = js_sys::Reflect::set(&record, &"revision".into(), &JsValue::from_f64(revision as f64));
            let _ = js_sys::Reflect::set(&record, &"parts".into(), &list);
            tx.store(schema::META)?.put(&record.into())
        })
        .await
    }

    /// The cached packed analysis and the revision it was computed for, if any: the parts
    /// as blobs, read with [`blob_bytes`] one at a time. A cache in another form (an older
    /// version's) counts as none.
    pub async fn analysis_cache(&self) -> Result<Option<(u64, Vec<web_sys::Blob>)>, StorageError> {
        let tx = self.read(&[schema::META], Subject::AnalysisCache)?;
        let Some(record) = tx
            .store(schema::META)?
            .get(&JsValue::from_str(schema::ANALYSIS_CACHE_KEY))
            .await?
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
        let tx = self.read(&[schema::SETTINGS], Subject::Sheet)?;
        let Some(record) = tx
            .store(schema::SETTINGS)?
            .get(&JsValue::from_str(&format!("{}{key}", schema::SHEET_PREFIX)))
            .await?
        else {
            return Ok(None);
        };
        let value = js_sys::Reflect::get(&record, &"value".into()).unwrap_or(JsValue::UNDEFINED);
        from_js(value, &Subject::Sheet).map(Some)
    }

    /// Saves a sheet under `key` in one transaction, bumping the revision.
    pub async fn save_sheet<T: serde::Serialize>(&self, key: &str, value: &T) -> Result<u64, StorageError> {
        let record = super::bundle::sheet_record(key, &to_js(value, &Subject::Sheet)?);
        let revision = tx::write(&self.raw, &[schema::META, schema::SETTINGS], Subject::Sheet, async |tx| {
            let revision = read_revision(tx).await? + 1;
            tx.store(schema::SETTINGS)?.put(&record)?;
            put_revision(tx, revision)?;
            Ok(revision)
        })
        .await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }

    /// Every contact plan (the current one of each customer).
    pub async fn contact_plans(&self) -> Result<Vec<ContactPlan>, StorageError> {
        let tx = self.read(&[schema::PLAN_BLOCKS], Subject::ContactPlan)?;
        Ok(current_plans(blocks::all::<PlanBlock>(&tx).await?.iter().map(|s| &s.block)))
    }

    /// A customer's contact plan, if they have one (only the blocks that name them are
    /// decoded).
    pub async fn contact_plan(&self, customer_id: &str) -> Result<Option<ContactPlan>, StorageError> {
        let tx = self.read(&[schema::PLAN_BLOCKS], Subject::ContactPlan)?;
        Ok(blocks::rows_of::<PlanBlock>(&tx, customer_id).await?.pop())
    }
}

/// Customers an import of a release before the columnar store created (removed) or
/// updated (their previous versions laid back on top).
async fn revert_legacy_customers(tx: &Tx, seq: u64, batch: &ImportBatch) -> Result<(), StorageError> {
    if batch.created_customers.is_empty() && batch.previous_customers.is_empty() {
        return Ok(());
    }
    let created: HashSet<&str> = batch.created_customers.iter().map(String::as_str).collect();
    let store = tx.store(schema::CUSTOMER_BLOCKS)?;
    for value in store.all().await? {
        if !ids_of::<CustomerBlock>(&value)?.iter().any(|id| created.contains(id)) {
            continue;
        }
        let mut stored = blocks::from_record::<CustomerBlock>(&value)?;
        stored.block.retain_customers(|id| !created.contains(id));
        blocks::rewrite(&store, &stored)?;
    }
    append_layer::<CustomerBlock>(tx, seq, &batch.previous_customers, |a, b| a.id == b.id).await
}

async fn all_records<T: Record>(tx: &Tx) -> Result<Vec<T>, StorageError> {
    tx.store(T::STORE)?
        .all()
        .await?
        .into_iter()
        .map(|v| from_js(v, &T::subjects()))
        .collect()
}

/// A convenience for single-record actions.
pub fn single_put<T: Record>(record: &T) -> Result<Changes, StorageError> {
    let mut changes = Changes::new(record.subject());
    changes.put(record)?;
    Ok(changes)
}

/// The bytes of a blob (a part of the cached analysis), read off the main thread.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, StorageError> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| StorageError::Read {
            subject: Subject::AnalysisCache,
            detail: super::classify::describe(&e),
        })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The number of distinct customers in customer blocks (for counts without decoding rows).
pub fn customer_count(blocks: &[Stored<CustomerBlock>]) -> usize {
    current_customer_count(blocks.iter().map(|s| &s.block))
}
