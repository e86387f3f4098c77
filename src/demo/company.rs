//! What the demo company is, as its generators share it: its name, currency and limits, the
//! options, the error, the two shapes it comes in (records and blocks), the settings it is
//! meant to be analysed with, and two small helpers of the drawing.

use crate::domain::blocks::{
    Block, CustomerBlock, ExitBlock, InteractionBlock, ResponseBlock, TransactionBlock,
};
use crate::domain::{
    Campaign, CampaignResponse, ContactPlan, Customer, Exit, Interaction, Manager, Money, Settings,
    Transaction,
};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::service;

/// The demo company's name.
pub const COMPANY: &str = "Hearth & Harvest Provisions";
/// The demo's currency (ISO 4217).
pub const CURRENCY: &str = "GBP";
/// Most customers `generate` accepts.
pub const MAX_CUSTOMERS: usize = 200_000;
/// Most years of history `generate` accepts.
pub const MAX_YEARS: u32 = 10;

/// What to generate. `Default`: seed 2026, 5,000 customers, three years ending 2026-10-31.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoOptions {
    /// Seed of the random streams: the same options give the same data.
    pub seed: u64,
    /// Number of customers, 1 to [`MAX_CUSTOMERS`].
    pub customers: usize,
    /// Last day of the history (no record is dated later).
    pub end: NaiveDate,
    /// Years of history before `end`, 1 to [`MAX_YEARS`].
    pub years: u32,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            seed: 2026,
            customers: 5_000,
            end: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default(),
            years: 3,
        }
    }
}

impl DemoOptions {
    /// The first and last day of the history: `years` whole years ending on `end`.
    pub fn window(&self) -> Result<(NaiveDate, NaiveDate), DemoError> {
        if self.customers == 0 || self.customers > MAX_CUSTOMERS {
            return Err(DemoError::CustomerCount(self.customers));
        }
        if self.years == 0 || self.years > MAX_YEARS {
            return Err(DemoError::Years(self.years));
        }
        let start = self
            .end
            .checked_sub_months(Months::new(12 * self.years))
            .and_then(|d| d.succ_opt())
            .ok_or(DemoError::Window {
                end: self.end,
                years: self.years,
            })?;
        Ok((start, self.end))
    }
}

/// Why the demo data could not be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoError {
    /// The number of customers is zero or above [`MAX_CUSTOMERS`].
    CustomerCount(usize),
    /// The number of years is zero or above [`MAX_YEARS`].
    Years(u32),
    /// The history would start before the earliest date the calendar handles.
    Window {
        /// Requested last day.
        end: NaiveDate,
        /// Requested years.
        years: u32,
    },
}

impl fmt::Display for DemoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DemoError::CustomerCount(n) => {
                write!(
                    f,
                    "The demo cannot have {n} customers; choose between 1 and {MAX_CUSTOMERS}."
                )
            }
            DemoError::Years(y) => write!(
                f,
                "The demo cannot span {y} years; choose between 1 and {MAX_YEARS}."
            ),
            DemoError::Window { end, years } => {
                write!(f, "A history of {years} years ending on {end} starts before the calendar does; choose a later end date.")
            }
        }
    }
}

impl std::error::Error for DemoError {}

/// The generated company: plain domain records, ready to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoData {
    /// The company's name (for the workspace name).
    pub company: String,
    /// ISO 4217 currency of every amount.
    pub currency: String,
    /// First day of the history.
    pub start: NaiveDate,
    /// Last day of the history.
    pub end: NaiveDate,
    /// Customers, ids `C00001` … in order.
    pub customers: Vec<Customer>,
    /// Relationship managers `M01` … `M08`.
    pub managers: Vec<Manager>,
    /// Orders and returns, by date then customer id.
    pub transactions: Vec<Transaction>,
    /// Interactions, by date then customer id.
    pub interactions: Vec<Interaction>,
    /// Campaigns `CMP01` … `CMP08`.
    pub campaigns: Vec<Campaign>,
    /// Every customer's response (or non-response) to every campaign that reached them.
    pub responses: Vec<CampaignResponse>,
    /// Recorded exits, by date.
    pub exits: Vec<Exit>,
    /// Contact plans of the managed customers still with the company.
    pub plans: Vec<ContactPlan>,
    /// Suggested workspace settings: the serving costs the demo was built with.
    pub settings: Settings,
}

/// The settings the demo is meant to be analysed with: 3.00 handling and delivery cost per
/// order and a standard cost per interaction kind (complaint 40, service consultation 18,
/// call 6, visit 55, e-mail 1.50, meeting 70, event 30, other 5); everything else default.
pub fn suggested_settings() -> Settings {
    let mut settings = Settings {
        cost_per_order: Money(300),
        ..Settings::default()
    };
    for (kind, cost) in service::KIND_COSTS {
        settings.interaction_costs.set(kind, Money(cost));
    }
    settings
}

/// The generated company as the columnar blocks storage keeps (see
/// [`crate::domain::blocks`]), with the same small records as [`DemoData`].
#[derive(Debug, Clone, PartialEq)]
pub struct DemoBlocks {
    /// The company's name (for the workspace name).
    pub company: String,
    /// ISO 4217 currency of every amount.
    pub currency: String,
    /// First day of the history.
    pub start: NaiveDate,
    /// Last day of the history.
    pub end: NaiveDate,
    /// Customers `C00001` … in order, [`BLOCK_ROWS`](crate::domain::blocks::BLOCK_ROWS) a
    /// block: `CustomerBlock::from_records` of [`DemoData::customers`].
    pub customers: Vec<CustomerBlock>,
    /// Relationship managers `M01` … `M08`.
    pub managers: Vec<Manager>,
    /// Orders and returns grouped by customer id (ascending), each customer's rows in the
    /// order [`DemoData::transactions`] lists them: `import::grouped_blocks` of those.
    pub transactions: Vec<TransactionBlock>,
    /// Interactions: `InteractionBlock::from_records` of [`DemoData::interactions`].
    pub interactions: Vec<InteractionBlock>,
    /// Campaigns `CMP01` … `CMP08`.
    pub campaigns: Vec<Campaign>,
    /// Responses: `ResponseBlock::from_records` of [`DemoData::responses`].
    pub responses: Vec<ResponseBlock>,
    /// Exits: `ExitBlock::from_records` of [`DemoData::exits`].
    pub exits: Vec<ExitBlock>,
    /// Contact plans of the managed customers still with the company.
    pub plans: Vec<ContactPlan>,
    /// Suggested workspace settings: the serving costs the demo was built with.
    pub settings: Settings,
}

impl DemoBlocks {
    /// Rows of the five bulk kinds together (customers, transactions, interactions,
    /// responses, exits).
    pub fn rows(&self) -> usize {
        fn rows<B: Block>(blocks: &[B]) -> usize {
            blocks.iter().map(Block::len).sum()
        }
        rows(&self.customers)
            + rows(&self.transactions)
            + rows(&self.interactions)
            + rows(&self.responses)
            + rows(&self.exits)
    }
}

/// The kinds that count as a contact for a contact plan (as the app logs them).
pub(super) fn is_contact(kind: crate::domain::InteractionKind) -> bool {
    use crate::domain::InteractionKind as K;
    matches!(kind, K::Call | K::Visit | K::Email | K::Meeting | K::Event)
}

/// The value at quantile `q` of sorted `values` (infinity when empty).
pub(super) fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::INFINITY;
    }
    let k = ((sorted.len() as f64 * q) as usize).min(sorted.len() - 1);
    sorted[k]
}
