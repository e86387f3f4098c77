//! Which small record lives in which store: what a person edits one at a time, kept one
//! record each (managers, campaigns, contact plans, the import history), and the settings
//! record with its key.

use super::db::Record;
use super::error::Subject;
use super::schema;
use crate::domain::bundle::{ImportBatch, WorkspaceSettings};
use crate::domain::{Campaign, Manager};
use serde::{Deserialize, Serialize};

impl Record for Manager {
    const STORE: &'static str = schema::MANAGERS;
    fn subject(&self) -> Subject {
        Subject::Manager(self.name.clone())
    }
    fn subjects() -> Subject {
        Subject::Manager(String::new())
    }
}

impl Record for Campaign {
    const STORE: &'static str = schema::CAMPAIGNS;
    fn subject(&self) -> Subject {
        Subject::Campaign(self.name.clone())
    }
    fn subjects() -> Subject {
        Subject::Campaign(String::new())
    }
}

impl Record for ImportBatch {
    const STORE: &'static str = schema::IMPORT_BATCHES;
    fn subject(&self) -> Subject {
        Subject::ImportHistory
    }
    fn subjects() -> Subject {
        Subject::ImportHistory
    }
}

/// The settings record: the workspace's settings under their one key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsRecord {
    /// Always [`schema::SETTINGS_KEY`].
    pub key: String,
    #[serde(flatten)]
    pub value: WorkspaceSettings,
}

impl SettingsRecord {
    pub fn new(value: WorkspaceSettings) -> SettingsRecord {
        SettingsRecord {
            key: schema::SETTINGS_KEY.to_string(),
            value,
        }
    }
}

impl Record for SettingsRecord {
    const STORE: &'static str = schema::SETTINGS;
    fn subject(&self) -> Subject {
        Subject::Settings
    }
    fn subjects() -> Subject {
        Subject::Settings
    }
}
