//! Whole data sets in one transaction: adding one (the demo company, an import) with the
//! batch that can revert it, reading every record of a workspace (a backup's consistent
//! snapshot), and replacing everything by a backup. All of it lands, or — if anything fails,
//! the browser runs out of room, or the tab closes mid-way — none of it does.

use super::blocks::{self, put};
use super::changes::{put_revision, read_revision};
use super::db::{Record, WorkspaceDb};
use super::objects::{from_js, to_js};
use super::error::{StorageError, Subject};
use super::records::SettingsRecord;
use super::tx::{self, Tx};
use super::{schema, sync};
use crate::domain::blocks::{block_key, seq_of_key, Block, PlanBlock, Stored};
use crate::domain::bundle::{current_plans, plan_blocks, Bundle, ImportBatch, Sheet, WorkspaceSettings};
use crate::domain::{Campaign, Manager};
use std::collections::HashSet;
use wasm_bindgen::JsValue;

/// The stores a restore empties and refills: everything but `meta` (the revision lives
/// there and keeps counting up, so that every open view refreshes).
const DATA_STORES: [&str; 11] = [
    schema::SETTINGS,
    schema::MANAGERS,
    schema::CAMPAIGNS,
    schema::IMPORT_BATCHES,
    schema::CONTACT_PLANS,
    schema::CUSTOMER_BLOCKS,
    schema::TRANSACTION_BLOCKS,
    schema::INTERACTION_BLOCKS,
    schema::EXIT_BLOCKS,
    schema::RESPONSE_BLOCKS,
    schema::PLAN_BLOCKS,
];

/// Roughly the bytes a bundle takes once stored, for the room check before a big write:
/// the blocks' encodings (what IndexedDB keeps) and a few hundred bytes per small record.
pub fn stored_size(bundle: &Bundle) -> u64 {
    fn sum<B: Block>(list: &[Stored<B>]) -> u64 {
        list.iter().map(|s| s.block.encode().len() as u64 + 64).sum()
    }
    let small = (bundle.managers.len() + bundle.campaigns.len() + bundle.plans.len() + bundle.batches.len()) as u64 * 300;
    sum(&bundle.customers)
        + sum(&bundle.transactions)
        + sum(&bundle.interactions)
        + sum(&bundle.exits)
        + sum(&bundle.responses)
        + small
}

/// Puts a list of blocks keyed for write `seq` (a block's own key is kept when it has one).
fn put_blocks<B: Block>(
    tx: &Tx,
    seq: u64,
    name: &str,
    list: &[Stored<B>],
    batch: Option<&str>,
) -> Result<(), StorageError> {
    let store = tx.store(schema::block_store(B::KIND))?;
    for (n, s) in list.iter().enumerate() {
        let key = if s.key.is_empty() {
            block_key(seq, &format!("{name}-{n:06}"))
        } else {
            s.key.clone()
        };
        put(&store, &key, batch.or(s.batch.as_deref()), &s.block)?;
    }
    Ok(())
}

fn put_records<T: Record>(tx: &Tx, list: &[T], subject: &Subject) -> Result<(), StorageError> {
    let store = tx.store(T::STORE)?;
    for r in list {
        store.put(&to_js(r, subject)?)?;
    }
    Ok(())
}

/// The keys a small store already holds.
async fn existing_keys(tx: &Tx, store: &str) -> Result<HashSet<String>, StorageError> {
    Ok(tx
        .store(store)?
        .keys()
        .await?
        .iter()
        .filter_map(|k| k.as_string())
        .collect())
}

impl WorkspaceDb {
    /// Adds a data set and its batch record in one transaction: its blocks (tagged with the
    /// batch, so that a revert finds them; customers go on top of the ones there, as a layer
    /// the revert takes off again), and its managers, campaigns, contact plans and settings
    /// (the new ones listed in the batch, the settings it replaces kept there).
    pub async fn add(&self, bundle: &Bundle, batch: ImportBatch, subject: Subject) -> Result<u64, StorageError> {
        self.add_then(bundle.clone(), batch, subject, |_, _| ()).await.map(|(revision, ())| revision)
    }

    /// [`add`](Self::add), handing `meanwhile` the new revision and the bundle once every
    /// request is sent, while the browser stores the data (see [`tx::write_then`]); its
    /// result comes back with the revision only if the transaction committed.
    pub async fn add_then<U>(
        &self,
        bundle: Bundle,
        mut batch: ImportBatch,
        subject: Subject,
        meanwhile: impl FnOnce(u64, Bundle) -> U,
    ) -> Result<(u64, U), StorageError> {
        let stores = schema::current_store_names();
        let tx_subject = subject.clone();
        let work = async move |tx: &Tx| {
            // The reads first: a read waits for every request sent before it, and the writes
            // are then sent last, for the browser to store while `meanwhile` runs.
            let seq = read_revision(tx).await? + 1;
            let managers = existing_keys(tx, schema::MANAGERS).await?;
            batch.created_managers.extend(bundle.managers.iter().map(|m| m.id.clone()).filter(|k| !managers.contains(k)));
            let campaigns = existing_keys(tx, schema::CAMPAIGNS).await?;
            batch.created_campaigns.extend(bundle.campaigns.iter().map(|c| c.id.clone()).filter(|k| !campaigns.contains(k)));
            // Plans go on top of the ones there, as a layer the revert takes off again.
            batch.created_plans.extend(bundle.plans.iter().map(|p| p.customer_id.clone()));
            if bundle.settings.is_some() {
                let previous = tx
                    .store(schema::SETTINGS)?
                    .get(&JsValue::from_str(schema::SETTINGS_KEY))
                    .await?;
                batch.previous_settings = Some(match previous {
                    Some(v) => from_js::<SettingsRecord>(v, &subject)?.value,
                    None => WorkspaceSettings::default(),
                });
            }

            let id = batch.id.clone();
            let tag = Some(id.as_str());
            put_blocks(tx, seq, &format!("{id}-c"), &bundle.customers, tag)?;
            put_blocks(tx, seq, &format!("{id}-t"), &bundle.transactions, tag)?;
            put_blocks(tx, seq, &format!("{id}-i"), &bundle.interactions, tag)?;
            put_blocks(tx, seq, &format!("{id}-e"), &bundle.exits, tag)?;
            put_blocks(tx, seq, &format!("{id}-r"), &bundle.responses, tag)?;
            let plans = Stored::all_fresh(PlanBlock::from_records(&bundle.plans));
            put_blocks(tx, seq, &format!("{id}-p"), &plans, tag)?;
            put_records::<Manager>(tx, &bundle.managers, &subject)?;
            put_records::<Campaign>(tx, &bundle.campaigns, &subject)?;
            if let Some(settings) = &bundle.settings {
                put_records(tx, &[SettingsRecord::new(settings.clone())], &subject)?;
            }
            put_records(tx, &[batch], &subject)?;
            put_revision(tx, seq)?;
            Ok((seq, bundle))
        };
        let (revision, out) = tx::write_then(&self.raw, &stores, tx_subject, work, |(seq, bundle)| {
            (seq, meanwhile(seq, bundle))
        })
        .await?;
        sync::announce(self.name(), revision);
        Ok((revision, out))
    }

    /// Every record of the workspace, read in one transaction (a consistent snapshot,
    /// whatever another tab writes meanwhile).
    pub async fn bundle(&self) -> Result<Bundle, StorageError> {
        let tx = self.read(&schema::current_store_names(), Subject::Backup)?;
        let mut out = Bundle::default();
        for value in tx.store(schema::SETTINGS)?.all().await? {
            let key = js_sys::Reflect::get(&value, &JsValue::from_str("key"))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            if key == schema::SETTINGS_KEY {
                out.settings = Some(from_js::<SettingsRecord>(value, tx.subject())?.value);
            } else if let Some(name) = key.strip_prefix(schema::SHEET_PREFIX) {
                let sheet = js_sys::Reflect::get(&value, &JsValue::from_str("value")).unwrap_or(JsValue::NULL);
                let json = js_sys::JSON::stringify(&sheet)
                    .ok()
                    .and_then(|s| s.as_string())
                    .ok_or_else(|| StorageError::Corrupt {
                        subject: Subject::Sheet,
                        detail: format!("the sheet \"{name}\" cannot be written as JSON"),
                    })?;
                out.sheets.push(Sheet {
                    key: name.to_string(),
                    json,
                });
            }
        }
        out.managers = read_records(&tx, schema::MANAGERS).await?;
        out.campaigns = read_records(&tx, schema::CAMPAIGNS).await?;
        out.plans = current_plans(blocks::all::<PlanBlock>(&tx).await?.iter().map(|s| &s.block));
        out.batches = read_records(&tx, schema::IMPORT_BATCHES).await?;
        out.customers = blocks::all(&tx).await?;
        out.transactions = blocks::all(&tx).await?;
        out.interactions = blocks::all(&tx).await?;
        out.exits = blocks::all(&tx).await?;
        out.responses = blocks::all(&tx).await?;
        Ok(out)
    }

    /// Replaces everything in the workspace by `bundle`, in one transaction, and returns the
    /// new revision, once committed. The analysis cache goes too (it belongs to the data that
    /// was there). The revision moves past every block's write sequence, so that a person's
    /// next edit lies over the restored blocks.
    pub async fn restore(&self, bundle: &Bundle, subject: Subject) -> Result<u64, StorageError> {
        let mut sheets = Vec::with_capacity(bundle.sheets.len());
        for sheet in &bundle.sheets {
            let value = js_sys::JSON::parse(&sheet.json).map_err(|_| StorageError::Corrupt {
                subject: Subject::Sheet,
                detail: format!("the sheet \"{}\" is not valid JSON", sheet.key),
            })?;
            sheets.push(sheet_record(&sheet.key, &value));
        }
        let newest = [
            bundle.customers.iter().map(|s| seq_of_key(&s.key)).max(),
            bundle.transactions.iter().map(|s| seq_of_key(&s.key)).max(),
            bundle.interactions.iter().map(|s| seq_of_key(&s.key)).max(),
            bundle.exits.iter().map(|s| seq_of_key(&s.key)).max(),
            bundle.responses.iter().map(|s| seq_of_key(&s.key)).max(),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
        let stores = schema::current_store_names();
        let revision = tx::write(&self.raw, &stores, subject.clone(), async |tx| {
            let seq = read_revision(tx).await?.max(newest) + 1;
            for store in DATA_STORES {
                tx.store(store)?.clear().await?;
            }
            tx.store(schema::META)?
                .delete(&JsValue::from_str(schema::ANALYSIS_CACHE_KEY))?;
            if let Some(s) = &bundle.settings {
                put_records(tx, &[SettingsRecord::new(s.clone())], &subject)?;
            }
            let settings = tx.store(schema::SETTINGS)?;
            for record in &sheets {
                settings.put(record)?;
            }
            put_records::<Manager>(tx, &bundle.managers, &subject)?;
            put_records::<Campaign>(tx, &bundle.campaigns, &subject)?;
            put_records::<ImportBatch>(tx, &bundle.batches, &subject)?;
            put_blocks(tx, seq, "", &plan_blocks(seq, bundle.plans.clone(), &bundle.batches), None)?;
            put_blocks(tx, seq, "restored-c", &bundle.customers, None)?;
            put_blocks(tx, seq, "restored-t", &bundle.transactions, None)?;
            put_blocks(tx, seq, "restored-i", &bundle.interactions, None)?;
            put_blocks(tx, seq, "restored-e", &bundle.exits, None)?;
            put_blocks(tx, seq, "restored-r", &bundle.responses, None)?;
            put_revision(tx, seq)?;
            Ok(seq)
        })
        .await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }
}

/// The stored form of a planning sheet.
pub(crate) fn sheet_record(key: &str, value: &JsValue) -> JsValue {
    let record = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &record,
        &JsValue::from_str("key"),
        &JsValue::from_str(&format!("{}{key}", schema::SHEET_PREFIX)),
    );
    let _ = js_sys::Reflect::set(&record, &JsValue::from_str("value"), value);
    record.into()
}

async fn read_records<T: Record>(tx: &Tx, store: &str) -> Result<Vec<T>, StorageError> {
    tx.store(store)?
        .all()
        .await?
        .into_iter()
        .map(|v| from_js(v, &T::subjects()))
        .collect()
}
