//! `AppError`: the one error the UI handles. It carries the sentence a person reads;
//! the full chain goes to the console where it happens.

use crate::storage::StorageError;
use std::fmt;

/// An error shown to a person: a sentence, plus whether reloading the tab fixes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppError {
    pub message: String,
    /// True when the remedy is to reload the tab (another tab upgraded the database).
    pub reload: bool,
}

impl AppError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            reload: false,
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl From<StorageError> for AppError {
    fn from(err: StorageError) -> Self {
        web_sys::console::error_1(&format!("storage: {err:?}").into());
        let reload = matches!(err, StorageError::UpgradedElsewhere);
        Self {
            message: err.to_string(),
            reload,
        }
    }
}
