//! Keeping data in the browser: the only code that knows object-store names, key paths,
//! indexes or `JsValue`. Nothing else calls rexie or IndexedDB.
//!
//! One IndexedDB database per workspace keeps clients apart and makes deleting one
//! trivial; a small registry database lists the workspaces. rexie declares every store and
//! upgrades the schema ([`schema`]); every transaction then runs on the connection through
//! [`tx`], which listens for the transaction's end from the moment it is created, so that a
//! write is reported done only once the browser committed it, and an abort (a full disk, a
//! closing tab) is an error carrying the browser's reason.
//!
//! Everything that grows with the customer base is kept as columnar blocks
//! ([`crate::domain::blocks`], one encoded byte string per record, see [`blocks`]); what a
//! person edits one at a time (managers, campaigns, contact plans, settings, the import
//! history) is one record each.
//!
//! [`error`] is plain data and compiles on every target, so that the message catalogue can
//! word it; the rest is browser code.

pub mod error;

#[cfg(target_arch = "wasm32")]
pub mod blocks;
#[cfg(target_arch = "wasm32")]
pub mod bundle;
#[cfg(target_arch = "wasm32")]
pub mod changes;
#[cfg(target_arch = "wasm32")]
mod classify;
#[cfg(target_arch = "wasm32")]
mod db;
#[cfg(target_arch = "wasm32")]
pub mod migrate;
#[cfg(target_arch = "wasm32")]
mod objects;
#[cfg(target_arch = "wasm32")]
pub mod prefs;
#[cfg(target_arch = "wasm32")]
pub mod queries;
#[cfg(target_arch = "wasm32")]
pub mod quota;
#[cfg(target_arch = "wasm32")]
pub mod records;
#[cfg(target_arch = "wasm32")]
pub mod schema;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod tx;
#[cfg(target_arch = "wasm32")]
pub mod workspaces;

pub use error::{StorageError, Subject};

#[cfg(target_arch = "wasm32")]
pub use changes::Changes;
#[cfg(target_arch = "wasm32")]
pub use db::{new_id, Record, WorkspaceDb};
#[cfg(target_arch = "wasm32")]
pub use queries::blob_bytes;
