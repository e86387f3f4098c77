//! Storing an import: transactions as columnar blocks with their batch record in one
//! IndexedDB transaction (all or nothing), and the customer ids an import of interactions or
//! exits may refer to.

use super::blocks::Block;
use super::changes::Changes;
use super::error::{self, StorageError};
use super::records::ImportBatch;
use super::{schema, WorkspaceDb};
use crate::import::TransactionBlock;
use rexie::TransactionMode;
use std::collections::HashSet;

impl WorkspaceDb {
    /// Writes an import's transaction blocks (keyed `<batch id>-<n>`, each tagged with the
    /// batch so that a revert finds them) and its batch record in one transaction, bumping
    /// the revision. Only blocks and the batch are written: customers known only from their
    /// transactions appear everywhere without a record of their own.
    pub async fn import_transaction_blocks(
        &self,
        blocks: Vec<TransactionBlock>,
        batch: ImportBatch,
    ) -> Result<u64, StorageError> {
        let mut changes = Changes::new(format!("the transactions from {}", batch.file_name));
        for (n, b) in blocks.into_iter().enumerate() {
            let block = Block::from_columns(format!("{}-{n:06}", batch.id), Some(batch.id.clone()), b);
            changes.put_block(&block);
        }
        changes.put(&batch)?;
        self.apply(changes).await
    }

    /// Every customer id the workspace knows: customer records and the customers of stored
    /// transactions.
    pub async fn known_customer_ids(&self) -> Result<HashSet<String>, StorageError> {
        let what = "the customers";
        let tx = self
            .rexie
            .transaction(&[schema::CUSTOMERS], TransactionMode::ReadOnly)
            .map_err(|e| error::read_error(what, &e))?;
        let store = tx
            .store(schema::CUSTOMERS)
            .map_err(|e| error::read_error(what, &e))?;
        let mut known: HashSet<String> = store
            .get_all_keys(None, None)
            .await
            .map_err(|e| error::read_error(what, &e))?
            .iter()
            .filter_map(|k| k.as_string())
            .collect();
        for block in self.transaction_blocks().await? {
            known.extend(block.ids);
        }
        Ok(known)
    }
}
