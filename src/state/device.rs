//! What the browser keeps for us: persistence and space, as resources.

use crate::storage::quota::{self, StorageUsage};
use leptos::prelude::*;

/// The storage usage of this origin; re-read after `refresh` is bumped.
pub fn storage_usage(refresh: RwSignal<u32>) -> LocalResource<StorageUsage> {
    LocalResource::new(move || {
        refresh.track();
        quota::usage()
    })
}

/// Asks for persistent storage, then bumps `refresh` so the usage is read again.
pub fn ask_persistence(refresh: RwSignal<u32>) {
    leptos::task::spawn_local(async move {
        let _ = quota::request_persistence().await;
        refresh.update(|n| *n += 1);
    });
}
