//! The browser's exceptions as [`StorageError`]s: a full quota and a connection closed by an
//! upgrade in another tab get their own cases; everything else keeps the exception's name and
//! message.

use super::error::{Mode, StorageError, Subject};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::DomException;

/// The readable text of a thrown value: a `DOMException`'s name and message, an `Error`'s
/// message, or the value as the console would print it.
pub(crate) fn describe(e: &JsValue) -> String {
    if let Some(d) = e.dyn_ref::<DomException>() {
        return format!("{}: {}", d.name(), d.message());
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

fn by_name(name: &str, detail: String, subject: &Subject, mode: Mode) -> StorageError {
    if name == "QuotaExceededError" {
        StorageError::QuotaExceeded {
            subject: subject.clone(),
            usage: None,
            quota: None,
        }
    } else if name == "InvalidStateError" && detail.contains("clos") {
        StorageError::UpgradedElsewhere
    } else if name == "VersionError" {
        StorageError::UpgradedElsewhere
    } else if mode == Mode::Read {
        StorageError::Read {
            subject: subject.clone(),
            detail,
        }
    } else {
        StorageError::Write {
            subject: subject.clone(),
            detail,
        }
    }
}

/// A value thrown by a call (opening a transaction or a store, sending a request).
pub(crate) fn failure(e: &JsValue, subject: &Subject, mode: Mode) -> StorageError {
    let name = e
        .dyn_ref::<DomException>()
        .map(|d| d.name())
        .unwrap_or_default();
    by_name(&name, describe(e), subject, mode)
}

/// A request that failed (its transaction aborts with it).
pub(crate) fn request(e: Option<&DomException>, subject: &Subject) -> StorageError {
    match e {
        Some(d) => by_name(
            &d.name(),
            format!("{}: {}", d.name(), d.message()),
            subject,
            Mode::Write,
        ),
        None => StorageError::Write {
            subject: subject.clone(),
            detail: "the browser gave no reason".into(),
        },
    }
}

/// A transaction that ended by an abort. `cancelled`: the app aborted it itself, because the
/// action failed (its own error says why).
pub(crate) fn abort(e: Option<&DomException>, subject: &Subject, cancelled: bool) -> StorageError {
    match e {
        Some(d) if d.name() == "QuotaExceededError" => StorageError::QuotaExceeded {
            subject: subject.clone(),
            usage: None,
            quota: None,
        },
        Some(d) if d.name() == "InvalidStateError" && d.message().contains("clos") => {
            StorageError::UpgradedElsewhere
        }
        Some(d) => StorageError::Aborted {
            subject: subject.clone(),
            reason: format!("{}: {}", d.name(), d.message()),
        },
        None if cancelled => StorageError::Write {
            subject: subject.clone(),
            detail: "the action was cancelled".into(),
        },
        None => StorageError::Aborted {
            subject: subject.clone(),
            reason: "AbortError: the browser gave no reason".into(),
        },
    }
}
