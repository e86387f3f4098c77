//! Which record lives in which store, and the stored forms of records that have no id
//! of their own (interactions, exits, campaign responses).

use super::schema;
use super::Record;
use crate::domain::{
    Campaign, CampaignResponse, ContactPlan, Customer, Exit, Interaction, Manager, Settings,
};
use serde::{Deserialize, Serialize};

impl Record for Customer {
    const STORE: &'static str = schema::CUSTOMERS;
    const WHAT: &'static str = "customer";
}

impl Record for Manager {
    const STORE: &'static str = schema::MANAGERS;
    const WHAT: &'static str = "relationship manager";
}

impl Record for Campaign {
    const STORE: &'static str = schema::CAMPAIGNS;
    const WHAT: &'static str = "campaign";
}

impl Record for ContactPlan {
    const STORE: &'static str = schema::CONTACT_PLANS;
    const WHAT: &'static str = "contact plan";
}

/// A record kept with a generated id and the import batch that brought it, if any.
pub trait KeyedRecord: Serialize + serde::de::DeserializeOwned {
    const STORE: &'static str;
    const WHAT: &'static str;
}

impl KeyedRecord for Interaction {
    const STORE: &'static str = schema::INTERACTIONS;
    const WHAT: &'static str = "interaction";
}

impl KeyedRecord for Exit {
    const STORE: &'static str = schema::EXITS;
    const WHAT: &'static str = "exit";
}

impl KeyedRecord for CampaignResponse {
    const STORE: &'static str = schema::RESPONSES;
    const WHAT: &'static str = "campaign response";
}

/// A record with its storage id and origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyed<T> {
    /// Unique in its store.
    pub id: String,
    /// The import batch that created it (`None` for records entered by hand).
    #[serde(default)]
    pub batch: Option<String>,
    #[serde(flatten)]
    pub record: T,
}

impl<T: KeyedRecord> Record for Keyed<T> {
    const STORE: &'static str = T::STORE;
    const WHAT: &'static str = T::WHAT;
}

impl<T> Keyed<T> {
    /// A record entered by hand, with a fresh id.
    pub fn new(record: T) -> Keyed<T> {
        Keyed {
            id: super::new_id(),
            batch: None,
            record,
        }
    }
}

/// The workspace's settings record: the metric settings and the currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceSettings {
    /// Always "settings": there is one record.
    pub key: String,
    /// Every setting of the metric definitions.
    pub settings: Settings,
    /// ISO 4217 code of the workspace's currency.
    pub currency: String,
}

impl Default for WorkspaceSettings {
    fn default() -> Self {
        WorkspaceSettings {
            key: SETTINGS_KEY.to_string(),
            settings: Settings::default(),
            currency: "USD".to_string(),
        }
    }
}

pub(crate) const SETTINGS_KEY: &str = "settings";

impl Record for WorkspaceSettings {
    const STORE: &'static str = schema::SETTINGS;
    const WHAT: &'static str = "settings";
}

/// One import, as recorded so that it can be reverted in one click.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportBatch {
    pub id: String,
    /// What was imported: "transactions", "customers", "interactions", "exits", "demo" or "restore".
    pub kind: String,
    /// The file's name (or "Demo data").
    pub file_name: String,
    /// ISO 8601 time of the import.
    pub imported_at: String,
    /// Rows read from the file.
    pub rows: u64,
    /// Rows stored.
    pub stored: u64,
    /// Rows skipped knowingly (with problems).
    pub skipped: u64,
    /// Customers the import created (removed again on revert).
    #[serde(default)]
    pub created_customers: Vec<String>,
    /// Customers the import updated, as they were before (restored on revert).
    #[serde(default)]
    pub previous_customers: Vec<Customer>,
    /// Managers, campaigns and contact plans the import created (removed on revert).
    #[serde(default)]
    pub created_managers: Vec<String>,
    #[serde(default)]
    pub created_campaigns: Vec<String>,
    #[serde(default)]
    pub created_plans: Vec<String>,
    /// The settings before the import replaced them (restored on revert).
    #[serde(default)]
    pub previous_settings: Option<WorkspaceSettings>,
    /// Whether the batch has been reverted.
    #[serde(default)]
    pub reverted: bool,
}

impl Record for ImportBatch {
    const STORE: &'static str = schema::IMPORT_BATCHES;
    const WHAT: &'static str = "import";
}
