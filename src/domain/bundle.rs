//! The whole-workspace bundle: everything one workspace holds, in the shapes storage keeps —
//! what a backup carries, what a restore writes, and (with blocks not yet keyed) what the demo
//! company or an import adds. Also the rules for reading layers of blocks: a later block's
//! customer replaces an earlier one's, a later response of a customer to a campaign replaces
//! an earlier one.

use super::blocks::{
    Block, CustomerBlock, ExitBlock, InteractionBlock, PlanBlock, ResponseBlock, Stored, TransactionBlock,
};
use super::{Campaign, CampaignResponse, ContactPlan, Customer, Manager, Settings};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

/// The workspace's settings: every setting of the metric definitions and the currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceSettings {
    /// Every setting of the metric definitions.
    pub settings: Settings,
    /// ISO 4217 code of the workspace's currency.
    pub currency: String,
}

impl Default for WorkspaceSettings {
    fn default() -> Self {
        WorkspaceSettings {
            settings: Settings::default(),
            currency: "USD".to_string(),
        }
    }
}

/// One import (or the demo, or a restore), as recorded so that it can be reverted in one
/// click: blocks it wrote carry its id; the small records it created or replaced are listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ImportBatch {
    /// Id, unique in a workspace.
    pub id: String,
    /// What was imported: "transactions", "customers", "interactions", "exits", "demo" or
    /// "restore".
    pub kind: String,
    /// The file's name (or "Demo data: …").
    pub file_name: String,
    /// ISO 8601 time of the import.
    pub imported_at: String,
    /// Rows read from the file.
    pub rows: u64,
    /// Rows stored.
    pub stored: u64,
    /// Rows skipped knowingly (with problems).
    pub skipped: u64,
    /// Customers a release before the columnar store created with this import (removed
    /// again on revert). Imports now write customers as blocks tagged with the batch.
    #[serde(default)]
    pub created_customers: Vec<String>,
    /// Customers a release before the columnar store updated with this import, as they were
    /// before (restored on revert).
    #[serde(default)]
    pub previous_customers: Vec<Customer>,
    /// Managers the import created (removed on revert).
    #[serde(default)]
    pub created_managers: Vec<String>,
    /// Campaigns the import created (removed on revert).
    #[serde(default)]
    pub created_campaigns: Vec<String>,
    /// The customers whose contact plans the import wrote (removed on revert with its
    /// blocks; a backup keeps the list so that a restore tags the plans again).
    #[serde(default)]
    pub created_plans: Vec<String>,
    /// The settings before the import replaced them (restored on revert).
    #[serde(default)]
    pub previous_settings: Option<WorkspaceSettings>,
    /// Whether the batch has been reverted.
    #[serde(default)]
    pub reverted: bool,
}

/// A planning sheet (budget by tier, perceived value and the like): its key and its value as
/// JSON text, so that a sheet added later travels without a new format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet's key.
    pub key: String,
    /// Its value, as JSON.
    pub json: String,
}

/// Everything in a workspace (or a part of it to add).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Bundle {
    /// The settings record, if the workspace has one.
    pub settings: Option<WorkspaceSettings>,
    /// Planning sheets.
    pub sheets: Vec<Sheet>,
    /// Relationship managers.
    pub managers: Vec<Manager>,
    /// Campaigns.
    pub campaigns: Vec<Campaign>,
    /// Contact plans.
    pub plans: Vec<ContactPlan>,
    /// Import batches.
    pub batches: Vec<ImportBatch>,
    /// Customers, as layers of blocks in key order.
    pub customers: Vec<Stored<CustomerBlock>>,
    /// Orders and returns.
    pub transactions: Vec<Stored<TransactionBlock>>,
    /// Interactions.
    pub interactions: Vec<Stored<InteractionBlock>>,
    /// Exits.
    pub exits: Vec<Stored<ExitBlock>>,
    /// Campaign responses, as layers of blocks in key order.
    pub responses: Vec<Stored<ResponseBlock>>,
}

/// How many records of each kind a bundle holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BundleCounts {
    /// Customers (after merging layers).
    pub customers: u64,
    /// Managers.
    pub managers: u64,
    /// Campaigns.
    pub campaigns: u64,
    /// Campaign responses.
    pub responses: u64,
    /// Interactions.
    pub interactions: u64,
    /// Exits.
    pub exits: u64,
    /// Contact plans.
    pub plans: u64,
    /// Import batches.
    pub batches: u64,
    /// Transaction rows.
    pub transactions: u64,
}

/// What makes a bundle impossible to store as it is (in English: what and where).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleProblem {
    /// A key appears twice in one store.
    Repeated {
        /// What kind of record ("customer block", "manager", …).
        what: &'static str,
        /// The key.
        key: String,
    },
    /// A block is damaged.
    Block {
        /// Its kind ("transactions", …).
        what: &'static str,
        /// Its key.
        key: String,
        /// What is wrong.
        error: super::blocks::BlockError,
    },
}

fn first_repeat<'a>(keys: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = FxHashSet::default();
    keys.into_iter().find(|k| !seen.insert(*k))
}

fn rows<B: Block>(blocks: &[Stored<B>]) -> u64 {
    blocks.iter().map(|b| b.block.len() as u64).sum()
}

impl Bundle {
    /// Records of each kind.
    pub fn counts(&self) -> BundleCounts {
        BundleCounts {
            customers: current_customer_count(self.customers.iter().map(|s| &s.block)) as u64,
            managers: self.managers.len() as u64,
            campaigns: self.campaigns.len() as u64,
            responses: rows(&self.responses),
            interactions: rows(&self.interactions),
            exits: rows(&self.exits),
            plans: self.plans.len() as u64,
            batches: self.batches.len() as u64,
            transactions: rows(&self.transactions),
        }
    }

    /// Rows of every kind, for progress and size estimates.
    pub fn total_rows(&self) -> u64 {
        let c = self.counts();
        rows(&self.customers)
            + c.managers
            + c.campaigns
            + c.responses
            + c.interactions
            + c.exits
            + c.plans
            + c.transactions
    }

    /// About how many bytes the bundle takes once stored, for the room check before a write:
    /// the bytes per row of each kind's blocks as measured on the demo company (customers
    /// about 150, transactions 15, interactions 40, responses and exits 30) and a few
    /// hundred per small record.
    pub fn estimated_stored_bytes(&self) -> u64 {
        let c = self.counts();
        rows(&self.customers) * 150
            + c.transactions * 15
            + c.interactions * 40
            + (c.responses + c.exits) * 30
            + (c.managers + c.campaigns + c.plans + c.batches) * 300
    }

    /// Checks what storage guarantees: keys unique in each store and every block whole.
    pub fn validate(&self) -> Result<(), BundleProblem> {
        let repeated = |what: &'static str, key: Option<&str>| match key {
            Some(k) => Err(BundleProblem::Repeated {
                what,
                key: k.to_owned(),
            }),
            None => Ok(()),
        };
        repeated("manager", first_repeat(self.managers.iter().map(|m| m.id.as_str())))?;
        repeated("campaign", first_repeat(self.campaigns.iter().map(|c| c.id.as_str())))?;
        repeated(
            "contact plan of customer",
            first_repeat(self.plans.iter().map(|p| p.customer_id.as_str())),
        )?;
        repeated("import", first_repeat(self.batches.iter().map(|b| b.id.as_str())))?;
        repeated("sheet", first_repeat(self.sheets.iter().map(|s| s.key.as_str())))?;
        fn blocks<B: Block>(what: &'static str, list: &[Stored<B>]) -> Result<(), BundleProblem> {
            if let Some(k) = first_repeat(list.iter().map(|b| b.key.as_str())) {
                return Err(BundleProblem::Repeated {
                    what,
                    key: k.to_owned(),
                });
            }
            for b in list {
                b.block.validate().map_err(|error| BundleProblem::Block {
                    what,
                    key: b.key.clone(),
                    error,
                })?;
            }
            Ok(())
        }
        blocks("customers", &self.customers)?;
        blocks("transactions", &self.transactions)?;
        blocks("interactions", &self.interactions)?;
        blocks("exits", &self.exits)?;
        blocks("responses", &self.responses)
    }

    /// The current customers (layers merged, see [`current_customers`]).
    pub fn current_customers(&self) -> Vec<Customer> {
        current_customers(self.customers.iter().map(|s| &s.block))
    }

    /// References to managers, campaigns and customers the bundle does not hold. A
    /// workspace can have them legitimately (a manager assigned to a customer and the
    /// manager's import reverted later), so they do not stop a restore.
    pub fn dangling_references(&self) -> DanglingReferences {
        let managers: FxHashSet<&str> = self.managers.iter().map(|m| m.id.as_str()).collect();
        let campaigns: FxHashSet<&str> = self.campaigns.iter().map(|c| c.id.as_str()).collect();
        let customers = self.current_customers();
        let customer_ids: FxHashSet<&str> = customers.iter().map(|c| c.id.as_str()).collect();
        let mut responses_to_unknown_campaigns = 0u64;
        for s in &self.responses {
            let known: Vec<bool> = s.block.campaigns.iter().map(|c| campaigns.contains(c)).collect();
            responses_to_unknown_campaigns += s
                .block
                .campaign
                .iter()
                .filter(|&&c| !known.get(c as usize).copied().unwrap_or(false))
                .count() as u64;
        }
        DanglingReferences {
            customers_with_unknown_manager: customers
                .iter()
                .filter(|c| c.manager_id.as_deref().is_some_and(|m| !managers.contains(m)))
                .count() as u64,
            responses_to_unknown_campaigns,
            plans_of_unknown_customers: self
                .plans
                .iter()
                .filter(|p| !customer_ids.contains(p.customer_id.as_str()))
                .count() as u64,
        }
    }
}

/// References to records a bundle does not hold (see [`Bundle::dangling_references`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DanglingReferences {
    /// Customers whose manager is not in the bundle.
    pub customers_with_unknown_manager: u64,
    /// Responses to campaigns not in the bundle.
    pub responses_to_unknown_campaigns: u64,
    /// Contact plans of customers not in the bundle.
    pub plans_of_unknown_customers: u64,
}

/// The current customers of layers of customer blocks given in key (write) order: for each
/// id, the row of the latest block that holds it. Customers are listed in the order they
/// first appeared.
///
/// Layers rather than one rewritten table: an import of customers writes its own block, so
/// reverting it is deleting that block (the earlier versions show again), and a person's edit
/// rewrites one small block instead of the customers of a whole file.
pub fn current_customers<'a>(layers: impl IntoIterator<Item = &'a CustomerBlock>) -> Vec<Customer> {
    current_rows(layers)
}

/// The current contact plans of layers of plan blocks in key (write) order: for each
/// customer, the plan of the latest block that holds one (as [`current_customers`]).
pub fn current_plans<'a>(layers: impl IntoIterator<Item = &'a PlanBlock>) -> Vec<ContactPlan> {
    current_rows(layers)
}

/// The rows of the latest layer holding each id, for the kinds whose row *is* a customer
/// (`ids[i]` names row `i`), in the order the ids first appeared.
fn current_rows<'a, B: Block + 'a>(layers: impl IntoIterator<Item = &'a B>) -> Vec<B::Record> {
    let layers: Vec<&B> = layers.into_iter().collect();
    let mut latest = Latest::default();
    for (l, block) in layers.iter().enumerate() {
        for (row, id) in block.ids().iter().enumerate() {
            latest.see(id, l, row);
        }
    }
    latest.records(&layers)
}

/// The latest (layer, row) seen for each key, in the order the keys first appeared.
struct Latest<K> {
    position: FxHashMap<K, usize>,
    rows: Vec<(usize, usize)>,
}

impl<K> Default for Latest<K> {
    fn default() -> Self {
        Latest { position: FxHashMap::default(), rows: Vec::new() }
    }
}

impl<K: Eq + std::hash::Hash> Latest<K> {
    /// Row `row` of layer `layer` holds `key` (later calls win).
    fn see(&mut self, key: K, layer: usize, row: usize) {
        match self.position.get(&key) {
            Some(&p) => self.rows[p] = (layer, row),
            None => {
                self.position.insert(key, self.rows.len());
                self.rows.push((layer, row));
            }
        }
    }

    /// The surviving rows as records.
    fn records<B: Block>(self, layers: &[&B]) -> Vec<B::Record> {
        self.rows
            .into_iter()
            .filter_map(|(l, row)| layers[l].record(row))
            .collect()
    }
}

/// Contact plans as blocks keyed for write `seq`, each tagged with the last of `batches`
/// that wrote it (its `created_plans`), so that reverting that import still takes its plans
/// away; plans no batch lists are a person's. Used where plans come as a list: a restore,
/// and the move of version 5's records.
pub fn plan_blocks(seq: u64, plans: Vec<ContactPlan>, batches: &[ImportBatch]) -> Vec<Stored<PlanBlock>> {
    let mut writer: FxHashMap<&str, &str> = FxHashMap::default();
    let mut in_order: Vec<&ImportBatch> = batches.iter().filter(|b| !b.reverted).collect();
    in_order.sort_by(|a, b| a.imported_at.cmp(&b.imported_at));
    for b in in_order {
        for id in &b.created_plans {
            writer.insert(id.as_str(), b.id.as_str());
        }
    }
    let rows: Vec<(Option<String>, ContactPlan)> = plans
        .into_iter()
        .map(|p| (writer.get(p.customer_id.as_str()).map(|b| b.to_string()), p))
        .collect();
    batch_blocks(seq, "plans", rows)
}

/// Records kept one by one (with the import batch that brought each), as blocks: one run of
/// blocks per batch, in the order the records came, keyed for write `seq` and named
/// `{prefix}-{batch}-{n}`. Used where records of an earlier release become blocks.
pub fn batch_blocks<B: Block>(
    seq: u64,
    prefix: &str,
    records: Vec<(Option<String>, B::Record)>,
) -> Vec<Stored<B>> {
    let mut groups: Vec<(Option<String>, Vec<B::Record>)> = Vec::new();
    for (batch, record) in records {
        match groups.iter_mut().find(|(b, _)| *b == batch) {
            Some((_, list)) => list.push(record),
            None => groups.push((batch, vec![record])),
        }
    }
    let mut out = Vec::new();
    for (batch, list) in groups {
        for block in B::from_records(&list) {
            let name = format!(
                "{prefix}-{}-{:06}",
                batch.as_deref().unwrap_or("manual"),
                out.len()
            );
            out.push(Stored {
                key: super::blocks::block_key(seq, &name),
                batch: batch.clone(),
                block,
            });
        }
    }
    out
}

/// How many distinct customers layers of customer blocks hold.
pub fn current_customer_count<'a>(layers: impl IntoIterator<Item = &'a CustomerBlock>) -> usize {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for block in layers {
        seen.extend(block.ids.iter());
    }
    seen.len()
}

/// The current campaign responses of layers of response blocks in key (write) order: one
/// per customer and campaign, the latest recorded.
pub fn current_responses<'a>(
    layers: impl IntoIterator<Item = &'a ResponseBlock>,
) -> Vec<CampaignResponse> {
    current_responses_where(layers, None)
}

/// [`current_responses`] of one campaign, or of all when `campaign` is `None`. Rows of other
/// campaigns are skipped by their code, never made into records (a campaign's page opens
/// without building every response of the workspace).
pub fn current_responses_where<'a>(
    layers: impl IntoIterator<Item = &'a ResponseBlock>,
    campaign: Option<&str>,
) -> Vec<CampaignResponse> {
    // Keyed by the ids as the blocks hold them; only the surviving rows become records.
    let layers: Vec<&ResponseBlock> = layers.into_iter().collect();
    let mut latest = Latest::default();
    for (l, block) in layers.iter().enumerate() {
        let wanted = match campaign {
            None => None,
            Some(id) => match block.campaigns.iter().position(|c| c == id) {
                Some(code) => Some(code as u32),
                None => continue,
            },
        };
        for i in 0..block.len().min(block.campaign.len()) {
            let code = block.campaign[i];
            if wanted.is_none_or(|w| code == w) {
                latest.see((block.campaigns.get(code), block.ids.get(block.customer[i])), l, i);
            }
        }
    }
    latest.records(&layers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::blocks::Block;

    #[test]
    fn one_campaigns_current_responses_are_the_filtered_whole() {
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
        let response = |campaign: &str, customer: &str, d: u32, responded: bool| CampaignResponse {
            campaign_id: campaign.into(),
            customer_id: customer.into(),
            date: day(d),
            responded,
            note: String::new(),
            revenue: None,
        };
        let first = ResponseBlock::from_records(&[response("A", "1", 1, false), response("B", "1", 2, true), response("A", "2", 3, true)]);
        // A later layer: customer 1 answered A again; C is a campaign the first layer lacks.
        let second = ResponseBlock::from_records(&[response("A", "1", 4, true), response("C", "2", 5, true)]);
        let layers: Vec<&ResponseBlock> = first.iter().chain(second.iter()).collect();
        let all = current_responses(layers.iter().copied());
        for campaign in ["A", "B", "C", "none"] {
            let expected: Vec<_> = all.iter().filter(|r| r.campaign_id == campaign).cloned().collect();
            assert_eq!(current_responses_where(layers.iter().copied(), Some(campaign)), expected, "{campaign}");
        }
        assert_eq!(current_responses_where(layers.iter().copied(), Some("A")).iter().map(|r| r.date).collect::<Vec<_>>(), vec![day(4), day(3)]);
    }

    fn customer(id: &str, name: &str) -> Customer {
        Customer {
            id: id.into(),
            name: name.into(),
            ..Customer::default()
        }
    }

    #[test]
    fn a_later_layer_replaces_a_customer_and_keeps_the_first_order() {
        let first = CustomerBlock::from_records(&[customer("A", "Ann"), customer("B", "Bo")]);
        let second = CustomerBlock::from_records(&[customer("B", "Bob"), customer("C", "Cy")]);
        let merged = current_customers(first.iter().chain(second.iter()));
        let names: Vec<&str> = merged.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["Ann", "Bob", "Cy"]);
        assert_eq!(current_customer_count(first.iter().chain(second.iter())), 3);
        // Without the second layer (its import reverted), the earlier version shows again.
        assert_eq!(current_customers(first.iter())[1].name, "Bo");
    }
}
