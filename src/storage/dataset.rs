//! Loading a whole data set (the demo company, an import, a restored backup) in one
//! IndexedDB transaction: all of it lands, or — if anything fails, is cancelled or the
//! tab closes mid-way — none of it does.

use super::blocks::{self, Block};
use super::changes::{bump_revision, finish, run_ops, Op};
use super::error::{self, StorageError};
use super::records::{ImportBatch, Keyed, WorkspaceSettings};
use super::{schema, sync, to_js, Record, WorkspaceDb};
use crate::domain::{
    Campaign, CampaignResponse, ContactPlan, Customer, Exit, Interaction, Manager, Transaction,
};
use rexie::TransactionMode;

/// Everything a data set may bring.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub customers: Vec<Customer>,
    pub managers: Vec<Manager>,
    pub campaigns: Vec<Campaign>,
    pub responses: Vec<CampaignResponse>,
    pub interactions: Vec<Interaction>,
    pub exits: Vec<Exit>,
    pub transactions: Vec<Transaction>,
    pub plans: Vec<ContactPlan>,
    /// Replaces the workspace's settings when given.
    pub settings: Option<WorkspaceSettings>,
}

impl Dataset {
    /// Rows in total, for progress.
    pub fn len(&self) -> usize {
        self.customers.len()
            + self.managers.len()
            + self.campaigns.len()
            + self.responses.len()
            + self.interactions.len()
            + self.exits.len()
            + self.transactions.len()
            + self.plans.len()
    }

    /// Whether there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn keyed<T: super::records::KeyedRecord>(record: T, batch: &str, n: usize) -> Keyed<T> {
    Keyed {
        id: format!("{batch}-{n:07}"),
        batch: Some(batch.to_string()),
        record,
    }
}

impl WorkspaceDb {
    /// Writes a data set and its batch record in one transaction. Customers that already
    /// exist are replaced, and their previous versions kept in the batch so that the
    /// import can be reverted. `on_progress` hears the fraction written.
    pub async fn load_dataset(
        &self,
        dataset: Dataset,
        mut batch: ImportBatch,
        on_progress: &dyn Fn(f32),
    ) -> Result<u64, StorageError> {
        let what = format!("the data from {}", batch.file_name);
        let stores = schema::current_store_names();
        let tx = self
            .rexie
            .transaction(&stores, TransactionMode::ReadWrite)
            .map_err(|e| error::write_error(&what, &e))?;
        let result = async {
            // Which customers exist already (their previous versions go into the batch).
            let customer_store = tx
                .store(schema::CUSTOMERS)
                .map_err(|e| error::write_error(&what, &e))?;
            let existing_keys = customer_store
                .get_all_keys(None, None)
                .await
                .map_err(|e| error::read_error(&what, &e))?;
            let existing: std::collections::HashSet<String> =
                existing_keys.iter().filter_map(|k| k.as_string()).collect();
            for c in &dataset.customers {
                if existing.contains(&c.id) {
                    if let Some(v) = customer_store
                        .get(wasm_bindgen::JsValue::from_str(&c.id))
                        .await
                        .map_err(|e| error::read_error(&what, &e))?
                    {
                        batch
                            .previous_customers
                            .push(super::from_js(v, "customer")?);
                    }
                } else {
                    batch.created_customers.push(c.id.clone());
                }
            }

            // Managers, campaigns and plans that are new, and the settings being replaced.
            for (store, keys, created) in [
                (
                    schema::MANAGERS,
                    dataset
                        .managers
                        .iter()
                        .map(|m| m.id.clone())
                        .collect::<Vec<_>>(),
                    &mut batch.created_managers,
                ),
                (
                    schema::CAMPAIGNS,
                    dataset.campaigns.iter().map(|c| c.id.clone()).collect(),
                    &mut batch.created_campaigns,
                ),
                (
                    schema::CONTACT_PLANS,
                    dataset
                        .plans
                        .iter()
                        .map(|p| p.customer_id.clone())
                        .collect(),
                    &mut batch.created_plans,
                ),
            ] {
                let s = tx.store(store).map_err(|e| error::write_error(&what, &e))?;
                let existing: std::collections::HashSet<String> = s
                    .get_all_keys(None, None)
                    .await
                    .map_err(|e| error::read_error(&what, &e))?
                    .iter()
                    .filter_map(|k| k.as_string())
                    .collect();
                created.extend(keys.into_iter().filter(|k| !existing.contains(k)));
            }
            if dataset.settings.is_some() {
                let s = tx
                    .store(schema::SETTINGS)
                    .map_err(|e| error::write_error(&what, &e))?;
                let previous = s
                    .get(wasm_bindgen::JsValue::from_str(
                        super::records::SETTINGS_KEY,
                    ))
                    .await
                    .map_err(|e| error::read_error(&what, &e))?;
                batch.previous_settings = Some(match previous {
                    Some(v) => super::from_js(v, "settings")?,
                    None => WorkspaceSettings::default(),
                });
            }

            let total = dataset.len().max(1) as f32;
            let mut done = 0usize;
            let batch_id = batch.id.clone();
            let mut ops: Vec<Op> = Vec::new();
            let mut push = |store: &'static str, value| ops.push(Op::Put { store, value });
            for c in &dataset.customers {
                push(Customer::STORE, to_js(c, Customer::WHAT)?);
            }
            for m in &dataset.managers {
                push(Manager::STORE, to_js(m, Manager::WHAT)?);
            }
            for c in &dataset.campaigns {
                push(Campaign::STORE, to_js(c, Campaign::WHAT)?);
            }
            for p in &dataset.plans {
                push(ContactPlan::STORE, to_js(p, ContactPlan::WHAT)?);
            }
            if let Some(settings) = &dataset.settings {
                push(
                    WorkspaceSettings::STORE,
                    to_js(settings, WorkspaceSettings::WHAT)?,
                );
            }
            for (n, r) in dataset.responses.into_iter().enumerate() {
                push(
                    schema::RESPONSES,
                    to_js(&keyed(r, &batch_id, n), "campaign response")?,
                );
            }
            for (n, i) in dataset.interactions.into_iter().enumerate() {
                push(
                    schema::INTERACTIONS,
                    to_js(&keyed(i, &batch_id, n), "interaction")?,
                );
            }
            for (n, e) in dataset.exits.into_iter().enumerate() {
                push(schema::EXITS, to_js(&keyed(e, &batch_id, n), "exit")?);
            }
            let small = ops.len();
            run_ops(&tx, ops, &what).await?;
            done += small;
            on_progress(done as f32 / total);

            let blocks: Vec<Block> =
                blocks::blocks_from_transactions(&dataset.transactions, Some(&batch_id), &batch_id);
            let block_store = tx
                .store(schema::TRANSACTIONS)
                .map_err(|e| error::write_error(&what, &e))?;
            for block in &blocks {
                block_store
                    .put(&blocks::to_js(block), None)
                    .await
                    .map_err(|e| error::write_error(&what, &e))?;
                done += block.len();
                on_progress(done as f32 / total);
            }

            let batch_store = tx
                .store(schema::IMPORT_BATCHES)
                .map_err(|e| error::write_error(&what, &e))?;
            batch_store
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
}
