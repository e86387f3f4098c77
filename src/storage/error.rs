//! The storage layer's one error: sentences a person can act on, built from the whole
//! source chain (rexie errors hold `JsValue`, which is neither `Send` nor readable).

use std::fmt;

/// What went wrong while keeping data in the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser offers no IndexedDB (some private windows, old browsers).
    Unavailable,
    /// The database could not be opened or upgraded.
    Open { database: String, detail: String },
    /// Another tab opened a newer version of the app; this tab's connection closed.
    UpgradedElsewhere,
    /// The browser refused to store more data.
    QuotaExceeded { detail: String },
    /// Reading failed.
    Read { what: String, detail: String },
    /// Writing failed; nothing of that action was stored.
    Write { what: String, detail: String },
    /// A stored record could not be understood.
    Corrupt { what: String, detail: String },
    /// A record the action needs does not exist.
    NotFound { what: String },
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => write!(
                f,
                "This browser does not let the app keep data (IndexedDB is unavailable, for example in some private windows). Open the app in a normal window."
            ),
            StorageError::Open { database, detail } => {
                write!(f, "The database \"{database}\" could not be opened: {detail}.")
            }
            StorageError::UpgradedElsewhere => write!(
                f,
                "A newer version of Customer Insight was opened in another tab. Reload this tab to continue; nothing you saved is lost."
            ),
            StorageError::QuotaExceeded { detail } => write!(
                f,
                "The browser has no more room for this workspace, so nothing of this action was saved ({detail}). Free space by deleting an old workspace or exporting a backup, then try again."
            ),
            StorageError::Read { what, detail } => write!(f, "Reading {what} failed: {detail}."),
            StorageError::Write { what, detail } => {
                write!(f, "Saving {what} failed, so nothing of it was stored: {detail}.")
            }
            StorageError::Corrupt { what, detail } => {
                write!(f, "A stored {what} could not be read back ({detail}); it may come from a newer version of the app.")
            }
            StorageError::NotFound { what } => write!(f, "{what} no longer exists; it may have been deleted in another tab."),
        }
    }
}

impl std::error::Error for StorageError {}

/// The readable text of a rexie error, keeping the DOM exception's name and message.
pub(crate) fn detail(err: &rexie::Error) -> String {
    match err {
        rexie::Error::IdbError(inner) => inner.to_string(),
        other => other.to_string(),
    }
}

/// Classifies a failed open: a database already upgraded by a newer build is not an
/// error of this tab's making.
pub(crate) fn open_error(database: &str, err: &rexie::Error) -> StorageError {
    let detail = detail(err);
    if detail.contains("VersionError") {
        StorageError::UpgradedElsewhere
    } else {
        StorageError::Open {
            database: database.to_string(),
            detail,
        }
    }
}

/// Classifies a failed write: quota trouble and closed connections get their own sentence.
pub(crate) fn write_error(what: &str, err: &rexie::Error) -> StorageError {
    classify(detail(err), |detail| StorageError::Write {
        what: what.to_string(),
        detail,
    })
}

/// Classifies a failed read.
pub(crate) fn read_error(what: &str, err: &rexie::Error) -> StorageError {
    classify(detail(err), |detail| StorageError::Read {
        what: what.to_string(),
        detail,
    })
}

fn classify(detail: String, otherwise: impl FnOnce(String) -> StorageError) -> StorageError {
    if detail.contains("QuotaExceeded") {
        StorageError::QuotaExceeded { detail }
    } else if detail.contains("InvalidStateError") && detail.contains("clos") {
        StorageError::UpgradedElsewhere
    } else {
        otherwise(detail)
    }
}
