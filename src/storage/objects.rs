//! Records as the plain JS objects IndexedDB keeps: serde through serde-wasm-bindgen, numbers
//! as numbers and maps as objects, so that key paths and indexes can read their fields.

use super::error::{StorageError, Subject};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

/// Converts a record to a plain JS object (numbers as numbers, maps as objects).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T, subject: &Subject) -> Result<JsValue, StorageError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StorageError::Write {
            subject: subject.clone(),
            detail: e.to_string(),
        })
}

/// Reads a record back from a JS object.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, subject: &Subject) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StorageError::Corrupt {
        subject: subject.clone(),
        detail: e.to_string(),
    })
}

