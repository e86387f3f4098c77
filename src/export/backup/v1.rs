//! The reader of backup format 1 (written by releases before the columnar store): its body as
//! it was written, frozen, and its conversion into today's [`Bundle`]. Nothing writes this
//! format any more.
//!
//! Format 1 kept customers, interactions, exits and responses one record each (with their
//! storage ids), transactions in blocks whose text lists were `Vec<String>`, and wrote the two
//! tagged domain enums in plain forms of its own.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::blocks::{
    block_key, Block, CustomerBlock, ExitBlock, InteractionBlock, ResponseBlock, Stored,
    TransactionBlock,
};
use crate::domain::bundle::{batch_blocks, Bundle, ImportBatch, Sheet, WorkspaceSettings};
use crate::domain::text::{Dict, Strings};
use crate::domain::{
    AnalysisWindow, Campaign, CampaignKind, CampaignResponse, CampaignTarget, ContactPlan,
    CurrentQuadrant, Customer, Exit, FutureQuadrant, Interaction, InteractionCosts, Manager, Money,
    PyramidBasis, QuadrantThresholds, Settings, Threshold, Tier, TimeUnit,
};

#[derive(Deserialize)]
enum Threshold1 {
    Median,
    Value(f64),
}

impl From<Threshold1> for Threshold {
    fn from(t: Threshold1) -> Self {
        match t {
            Threshold1::Median => Threshold::Median,
            Threshold1::Value(v) => Threshold::Value(v),
        }
    }
}

#[derive(Deserialize)]
struct Settings1 {
    as_of: Option<NaiveDate>,
    window_start: Option<NaiveDate>,
    default_margin: f64,
    cost_per_order: Money,
    interaction_costs: Vec<(crate::domain::InteractionKind, Money)>,
    annual_discount_rate: f64,
    clv_horizon_months: u32,
    time_unit: TimeUnit,
    thresholds: [Threshold1; 4],
    pyramid_basis: PyramidBasis,
    at_risk_p_alive: f64,
    currency: String,
}

impl From<Settings1> for WorkspaceSettings {
    fn from(w: Settings1) -> Self {
        let [gross_margin, cost_to_serve, profit, future_profit] = w.thresholds;
        WorkspaceSettings {
            settings: Settings {
                as_of: w.as_of,
                window: AnalysisWindow {
                    start: w.window_start,
                },
                default_margin: w.default_margin,
                cost_per_order: w.cost_per_order,
                interaction_costs: InteractionCosts {
                    costs: w.interaction_costs,
                },
                annual_discount_rate: w.annual_discount_rate,
                clv_horizon_months: w.clv_horizon_months,
                time_unit: w.time_unit,
                quadrant_thresholds: QuadrantThresholds {
                    gross_margin: gross_margin.into(),
                    cost_to_serve: cost_to_serve.into(),
                    profit: profit.into(),
                    future_profit: future_profit.into(),
                },
                pyramid_basis: w.pyramid_basis,
                at_risk_p_alive: w.at_risk_p_alive,
            },
            currency: w.currency,
        }
    }
}

#[derive(Deserialize)]
enum Target1 {
    All,
    Tier(Tier),
    Segment(String),
    CurrentQuadrant(CurrentQuadrant),
    FutureQuadrant(FutureQuadrant),
}

#[derive(Deserialize)]
struct Campaign1 {
    id: String,
    name: String,
    kind: CampaignKind,
    start: NaiveDate,
    end: Option<NaiveDate>,
    cost: Money,
    target: Target1,
    description: String,
}

impl From<Campaign1> for Campaign {
    fn from(w: Campaign1) -> Self {
        Campaign {
            id: w.id,
            name: w.name,
            kind: w.kind,
            start: w.start,
            end: w.end,
            cost: w.cost,
            target: match w.target {
                Target1::All => CampaignTarget::All,
                Target1::Tier(t) => CampaignTarget::Tier(t),
                Target1::Segment(s) => CampaignTarget::Segment(s),
                Target1::CurrentQuadrant(q) => CampaignTarget::CurrentQuadrant(q),
                Target1::FutureQuadrant(q) => CampaignTarget::FutureQuadrant(q),
            },
            description: w.description,
        }
    }
}

#[derive(Deserialize)]
struct Batch1 {
    id: String,
    kind: String,
    file_name: String,
    imported_at: String,
    rows: u64,
    stored: u64,
    skipped: u64,
    created_customers: Vec<String>,
    previous_customers: Vec<Customer>,
    created_managers: Vec<String>,
    created_campaigns: Vec<String>,
    created_plans: Vec<String>,
    previous_settings: Option<Settings1>,
    reverted: bool,
}

impl From<Batch1> for ImportBatch {
    fn from(w: Batch1) -> Self {
        ImportBatch {
            id: w.id,
            kind: w.kind,
            file_name: w.file_name,
            imported_at: w.imported_at,
            rows: w.rows,
            stored: w.stored,
            skipped: w.skipped,
            created_customers: w.created_customers,
            previous_customers: w.previous_customers,
            created_managers: w.created_managers,
            created_campaigns: w.created_campaigns,
            created_plans: w.created_plans,
            previous_settings: w.previous_settings.map(WorkspaceSettings::from),
            reverted: w.reverted,
        }
    }
}

/// A block as format 1 wrote it: days as differences from the row before, a missing cost or
/// quantity as `None`.
#[derive(Deserialize)]
struct Block1 {
    key: String,
    batch: Option<String>,
    ids: Vec<String>,
    customer: Vec<u32>,
    day_delta: Vec<i32>,
    amount: Vec<i64>,
    cost: Vec<Option<i64>>,
    kind: Vec<u8>,
    products: Vec<String>,
    product: Vec<u32>,
    quantity: Vec<Option<f64>>,
}

impl From<Block1> for Stored<TransactionBlock> {
    fn from(w: Block1) -> Self {
        let mut day = 0i32;
        Stored {
            key: w.key,
            batch: w.batch,
            block: TransactionBlock {
                ids: w.ids.iter().map(String::as_str).collect(),
                customer: w.customer,
                day: w
                    .day_delta
                    .iter()
                    .map(|&d| {
                        day = day.wrapping_add(d);
                        day
                    })
                    .collect(),
                amount: w.amount,
                cost: w.cost.iter().map(|c| Money::to_column(c.map(Money))).collect(),
                kind: w.kind,
                product: Dict {
                    values: w.products.iter().map(String::as_str).collect::<Strings>(),
                    codes: w.product,
                },
                quantity: w.quantity.iter().map(|q| q.unwrap_or(f64::NAN)).collect(),
            },
        }
    }
}

/// A record format 1 kept under a generated id.
#[derive(Deserialize)]
struct Record1<T> {
    #[allow(dead_code)]
    id: String,
    batch: Option<String>,
    record: T,
}

/// The body of a format-1 file.
#[derive(Deserialize)]
pub(super) struct Body1 {
    pub workspace_name: String,
    pub created_at: String,
    pub app_version: String,
    settings: Option<Settings1>,
    customers: Vec<Customer>,
    managers: Vec<Manager>,
    campaigns: Vec<Campaign1>,
    responses: Vec<Record1<CampaignResponse>>,
    interactions: Vec<Record1<Interaction>>,
    exits: Vec<Record1<Exit>>,
    plans: Vec<ContactPlan>,
    batches: Vec<Batch1>,
    blocks: Vec<Block1>,
    sheets: Vec<(String, String)>,
}

fn to_blocks<B: Block>(prefix: &str, records: Vec<Record1<B::Record>>) -> Vec<Stored<B>> {
    batch_blocks(0, prefix, records.into_iter().map(|r| (r.batch, r.record)).collect())
}

impl Body1 {
    /// Today's bundle of the same records.
    pub(super) fn into_bundle(self) -> Bundle {
        let customers = CustomerBlock::from_records(&self.customers)
            .into_iter()
            .enumerate()
            .map(|(n, block)| Stored {
                key: block_key(0, &format!("customers-{n:06}")),
                batch: None,
                block,
            })
            .collect();
        Bundle {
            settings: self.settings.map(WorkspaceSettings::from),
            sheets: self
                .sheets
                .into_iter()
                .map(|(key, json)| Sheet { key, json })
                .collect(),
            managers: self.managers,
            campaigns: self.campaigns.into_iter().map(Campaign::from).collect(),
            plans: self.plans,
            batches: self.batches.into_iter().map(ImportBatch::from).collect(),
            customers,
            transactions: self.blocks.into_iter().map(Stored::from).collect(),
            interactions: to_blocks::<InteractionBlock>("interactions", self.interactions),
            exits: to_blocks::<ExitBlock>("exits", self.exits),
            responses: to_blocks::<ResponseBlock>("responses", self.responses),
        }
    }
}
