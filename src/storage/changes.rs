//! One user action = one IndexedDB transaction: a `Changes` list collects every write of the
//! action, and `WorkspaceDb::apply` writes them all or none, bumping the workspace's revision
//! in the same transaction and, once the browser has committed it, telling other tabs.

use super::blocks::{self, append_layer};
use super::db::{Record, WorkspaceDb};
use super::objects::to_js;
use super::error::{StorageError, Subject};
use super::tx::{self, Tx};
use super::{schema, sync};
use crate::domain::blocks::{Block, CustomerBlock, ExitBlock, InteractionBlock, PlanBlock, ResponseBlock};
use crate::domain::{CampaignResponse, ContactPlan, Customer, Exit, Interaction};
use wasm_bindgen::JsValue;

enum Op {
    Put { store: &'static str, value: JsValue },
    Delete { store: &'static str, key: JsValue },
    Customers(Vec<Customer>),
    Interactions(Vec<Interaction>),
    Exits(Vec<Exit>),
    Responses(Vec<CampaignResponse>),
    Plans(Vec<ContactPlan>),
    RemoveExit(Exit),
}

impl Op {
    fn store(&self) -> &'static str {
        match self {
            Op::Put { store, .. } | Op::Delete { store, .. } => store,
            Op::Customers(_) => schema::CUSTOMER_BLOCKS,
            Op::Interactions(_) => schema::INTERACTION_BLOCKS,
            Op::Exits(_) | Op::RemoveExit(_) => schema::EXIT_BLOCKS,
            Op::Responses(_) => schema::RESPONSE_BLOCKS,
            Op::Plans(_) => schema::PLAN_BLOCKS,
        }
    }
}

/// The writes of one user action.
pub struct Changes {
    subject: Subject,
    ops: Vec<Op>,
}

impl Changes {
    /// An empty list; `subject` names the action in error sentences.
    pub fn new(subject: Subject) -> Changes {
        Changes {
            subject,
            ops: Vec::new(),
        }
    }

    /// Adds or replaces a small record.
    pub fn put<T: Record>(&mut self, record: &T) -> Result<&mut Changes, StorageError> {
        let value = to_js(record, &self.subject)?;
        self.ops.push(Op::Put {
            store: T::STORE,
            value,
        });
        Ok(self)
    }

    /// Deletes a small record by key (nothing happens if it does not exist).
    pub fn delete<T: Record>(&mut self, key: &str) -> &mut Changes {
        self.ops.push(Op::Delete {
            store: T::STORE,
            key: JsValue::from_str(key),
        });
        self
    }

    /// Saves customers as a person edited them: their records become the current ones.
    pub fn customers(&mut self, customers: Vec<Customer>) -> &mut Changes {
        self.ops.push(Op::Customers(customers));
        self
    }

    /// Adds interactions.
    pub fn interactions(&mut self, interactions: Vec<Interaction>) -> &mut Changes {
        self.ops.push(Op::Interactions(interactions));
        self
    }

    /// Adds exits.
    pub fn exits(&mut self, exits: Vec<Exit>) -> &mut Changes {
        self.ops.push(Op::Exits(exits));
        self
    }

    /// Records campaign responses: each replaces the customer's earlier response to the
    /// same campaign.
    pub fn responses(&mut self, responses: Vec<CampaignResponse>) -> &mut Changes {
        self.ops.push(Op::Responses(responses));
        self
    }

    /// Saves contact plans: each replaces the customer's plan.
    pub fn plans(&mut self, plans: Vec<ContactPlan>) -> &mut Changes {
        self.ops.push(Op::Plans(plans));
        self
    }

    /// Removes an exit (every stored row equal to it).
    pub fn remove_exit(&mut self, exit: Exit) -> &mut Changes {
        self.ops.push(Op::RemoveExit(exit));
        self
    }

    /// Whether nothing is to be written.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    fn stores(&self) -> Vec<&'static str> {
        let mut stores = vec![schema::META];
        for op in &self.ops {
            if !stores.contains(&op.store()) {
                stores.push(op.store());
            }
        }
        stores
    }
}

impl WorkspaceDb {
    /// Writes every change in one transaction and returns the new revision, once committed.
    pub async fn apply(&self, changes: Changes) -> Result<u64, StorageError> {
        let stores = changes.stores();
        let Changes { subject, ops } = changes;
        let revision = tx::write(&self.raw, &stores, subject, async |tx| {
            let revision = read_revision(tx).await? + 1;
            for op in ops {
                run(tx, revision, op).await?;
            }
            put_revision(tx, revision)?;
            Ok(revision)
        })
        .await?;
        sync::announce(self.name(), revision);
        Ok(revision)
    }

    /// The workspace's revision: bumped by every write, so caches know when to refresh.
    pub async fn revision(&self) -> Result<u64, StorageError> {
        let tx = self.read(&[schema::META], Subject::Revision)?;
        read_revision(&tx).await
    }
}

async fn run(tx: &Tx, seq: u64, op: Op) -> Result<(), StorageError> {
    match op {
        Op::Put { store, value } => tx.store(store)?.put(&value),
        Op::Delete { store, key } => tx.store(store)?.delete(&key),
        Op::Customers(list) => {
            append_layer::<CustomerBlock>(tx, seq, &list, |a, b| a.id == b.id).await
        }
        Op::Interactions(list) => append_layer::<InteractionBlock>(tx, seq, &list, |_, _| false).await,
        Op::Plans(list) => append_layer::<PlanBlock>(tx, seq, &list, |a, b| a.customer_id == b.customer_id).await,
        Op::Exits(list) => append_layer::<ExitBlock>(tx, seq, &list, |_, _| false).await,
        Op::Responses(list) => {
            append_layer::<ResponseBlock>(tx, seq, &list, |a, b| {
                a.campaign_id == b.campaign_id && a.customer_id == b.customer_id
            })
            .await
        }
        Op::RemoveExit(exit) => {
            let store = tx.store(schema::EXIT_BLOCKS)?;
            for value in store.all().await? {
                if !blocks::ids_of::<ExitBlock>(&value)?
                    .iter()
                    .any(|id| id == exit.customer_id)
                {
                    continue;
                }
                let mut stored = blocks::from_record::<ExitBlock>(&value)?;
                let keep: Vec<bool> = stored.block.records().map(|e| e != exit).collect();
                if keep.iter().all(|&k| k) {
                    continue;
                }
                stored.block.retain_rows(&keep);
                blocks::rewrite(&store, &stored)?;
            }
            Ok(())
        }
    }
}

/// The revision inside a transaction over `meta`.
pub(crate) async fn read_revision(tx: &Tx) -> Result<u64, StorageError> {
    let record = tx
        .store(schema::META)?
        .get(&JsValue::from_str(schema::REVISION_KEY))
        .await?;
    Ok(record
        .and_then(|r| js_sys::Reflect::get(&r, &JsValue::from_str("value")).ok())
        .and_then(|v| v.as_f64())
        .map_or(0, |v| v as u64))
}

/// Sets the revision inside the caller's transaction.
pub(crate) fn put_revision(tx: &Tx, revision: u64) -> Result<(), StorageError> {
    let record = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &record,
        &JsValue::from_str("key"),
        &JsValue::from_str(schema::REVISION_KEY),
    );
    let _ = js_sys::Reflect::set(
        &record,
        &JsValue::from_str("value"),
        &JsValue::from_f64(revision as f64),
    );
    tx.store(schema::META)?.put(&record.into())
}
