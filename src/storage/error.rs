//! The storage layer's one error, as plain data: what went wrong while keeping data in the
//! browser, and about what. `i18n::storage` words it in the reader's language; the
//! classification of the browser's exceptions lives with the browser code (`classify`).
//!
//! Plain data (no `JsValue`, which is neither `Send` nor readable), compiled on every target
//! so that the message catalogue, which is pure, can name every case. [`Mode`], read or
//! write, lives here too: the transactions (`tx`) open with it and the classification tells
//! a failure by it.

use crate::domain::blocks::{BlockError, BlockKind};

/// Read-only or read-write: how a transaction was opened, and so whether a failure is told
/// as a failed read or a failed write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Reads only.
    Read,
    /// Reads and writes.
    Write,
}

/// What an action was about, for the sentence ("Saving the customer Ann Lee failed…").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The workspace's settings.
    Settings,
    /// A customer's record.
    Customer(String),
    /// Customers in general (a bulk edit, a read).
    Customers,
    /// A relationship manager.
    Manager(String),
    /// A campaign.
    Campaign(String),
    /// A campaign response.
    Response,
    /// An interaction.
    Interaction,
    /// An exit.
    Exit,
    /// A reactivation (an exit undone).
    Reactivation,
    /// A contact plan (or several).
    ContactPlan,
    /// The manager of many customers.
    ManagerAssignment,
    /// The deletion of a customer and everything of theirs.
    CustomerDeletion(String),
    /// The data of an import, named by its file.
    Import(String),
    /// The demo company.
    Demo,
    /// A restore, named by the backed-up workspace.
    Restore(String),
    /// The revert of an import.
    Revert,
    /// A planning sheet.
    Sheet,
    /// The cached analysis.
    AnalysisCache,
    /// The workspace's data version.
    Revision,
    /// The upgrade of the database to this version of the app.
    SchemaUpgrade,
    /// A backup's reading of every record.
    Backup,
    /// The list of workspaces.
    WorkspaceList,
    /// The deletion of a workspace.
    WorkspaceDeletion,
    /// One kind of stored records.
    Records(BlockKind),
    /// The import history.
    ImportHistory,
}

/// What went wrong while keeping data in the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser offers no IndexedDB (some private windows, old browsers).
    Unavailable,
    /// The database could not be opened or upgraded.
    Open {
        /// The database's name.
        database: String,
        /// The browser's words.
        detail: String,
    },
    /// The database's schema version is unknown to this build.
    UnknownVersion {
        /// The version asked for.
        version: u32,
    },
    /// Another tab opened a newer version of the app; this tab's connection closed.
    UpgradedElsewhere,
    /// The browser refused to store more data; nothing of the action was stored.
    QuotaExceeded {
        /// What was being saved.
        subject: Subject,
        /// Bytes this origin uses, as the browser reports it.
        usage: Option<u64>,
        /// Bytes the browser grants this origin, as it reports it.
        quota: Option<u64>,
    },
    /// The browser aborted the write (the tab closing, the disk failing…); nothing of it was
    /// stored.
    Aborted {
        /// What was being saved.
        subject: Subject,
        /// The browser's reason (the exception's name and message).
        reason: String,
    },
    /// Reading failed.
    Read {
        /// What was being read.
        subject: Subject,
        /// The browser's words.
        detail: String,
    },
    /// Writing failed; nothing of that action was stored.
    Write {
        /// What was being saved.
        subject: Subject,
        /// The browser's words.
        detail: String,
    },
    /// A stored record could not be understood.
    Corrupt {
        /// What was being read.
        subject: Subject,
        /// What is wrong, from the decoder (technical).
        detail: String,
    },
    /// A stored block is damaged.
    DamagedBlock {
        /// Its kind.
        kind: BlockKind,
        /// Its key.
        key: String,
        /// What is wrong.
        error: BlockError,
    },
    /// A record the action needs does not exist.
    NotFound {
        /// What is missing.
        subject: Subject,
    },
    /// The import was reverted already (perhaps in another tab).
    AlreadyReverted,
}

impl std::error::Error for StorageError {}

impl StorageError {
    /// Whether the remedy is reloading the tab.
    pub fn needs_reload(&self) -> bool {
        matches!(self, StorageError::UpgradedElsewhere)
    }
}
