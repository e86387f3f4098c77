//! `AppError`: the one error the UI handles. It carries the sentence a person reads, in the
//! language the UI speaks; the full chain goes to the console where it happens.

use crate::i18n::{Locale, Sentence};
use crate::storage::StorageError;
use std::cell::Cell;
use std::fmt;

thread_local! {
    /// The language errors are worded in: the UI's, kept here by `state::i18n` (errors arise
    /// in actions that run outside any view).
    static LOCALE: Cell<Locale> = const { Cell::new(Locale::En) };
}

/// Sets the language errors are worded in.
pub(crate) fn set_locale(locale: Locale) {
    LOCALE.with(|l| l.set(locale));
}

/// The language errors are worded in.
pub fn locale() -> Locale {
    LOCALE.with(Cell::get)
}

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

    /// An engine's typed error, worded in the UI's language.
    pub fn from_sentence(e: &impl Sentence) -> Self {
        Self::new(e.sentence(locale()))
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
        Self {
            message: err.sentence(locale()),
            reload: err.needs_reload(),
        }
    }
}
