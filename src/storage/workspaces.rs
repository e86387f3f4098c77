//! The registry of workspaces (one per client or data set, each its own database) and
//! which one is current in this browser.

use super::db::{open_registry, WorkspaceDb};
use super::objects::{from_js, to_js};
use super::error::{StorageError, Subject};
use super::tx::{self, Mode, Tx};
use super::schema;
pub use crate::domain::WorkspaceInfo;
use wasm_bindgen::JsValue;

/// The `localStorage` key remembering the current workspace across reloads.
const CURRENT_KEY: &str = "customer-insight.current-workspace";
/// Every workspace, oldest first.
pub async fn list() -> Result<Vec<WorkspaceInfo>, StorageError> {
    let db = open_registry().await?;
    let result = async {
        let tx = Tx::new(&db, &[schema::WORKSPACES], Mode::Read, Subject::WorkspaceList)?;
        let values = tx.store(schema::WORKSPACES)?.all().await?;
        values
            .into_iter()
            .map(|v| from_js::<WorkspaceInfo>(v, &Subject::WorkspaceList))
            .collect::<Result<Vec<_>, _>>()
    }
    .await;
    db.close();
    let mut list = result?;
    list.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    Ok(list)
}

/// Adds or renames a workspace in the registry, once committed.
pub async fn save(info: &WorkspaceInfo) -> Result<(), StorageError> {
    let db = open_registry().await?;
    let value = to_js(info, &Subject::WorkspaceList)?;
    let result = tx::write(&db, &[schema::WORKSPACES], Subject::WorkspaceList, async |tx| {
        tx.store(schema::WORKSPACES)?.put(&value)
    })
    .await;
    db.close();
    result
}

/// Creates a workspace with a fresh id and an empty database.
pub async fn create(name: &str) -> Result<WorkspaceInfo, StorageError> {
    let info = WorkspaceInfo {
        id: super::db::new_id(),
        name: name.trim().to_string(),
        created_at: js_sys::Date::new_0().to_iso_string().into(),
    };
    WorkspaceDb::open(&info.id).await?.close();
    save(&info).await?;
    Ok(info)
}

/// Deletes a workspace: its database first, then its registry entry.
pub async fn delete(id: &str) -> Result<(), StorageError> {
    WorkspaceDb::delete_named(&schema::workspace_db_name(id)).await?;
    let db = open_registry().await?;
    let result = tx::write(&db, &[schema::WORKSPACES], Subject::WorkspaceDeletion, async |tx| {
        tx.store(schema::WORKSPACES)?.delete(&JsValue::from_str(id))
    })
    .await;
    db.close();
    result?;
    if current_id().as_deref() == Some(id) {
        forget_current();
    }
    Ok(())
}

/// The workspace this browser used last, if remembered.
pub fn current_id() -> Option<String> {
    super::prefs::local_storage().and_then(|s| s.get_item(CURRENT_KEY).ok().flatten())
}

/// Remembers the current workspace across reloads.
pub fn remember_current(id: &str) {
    if let Some(s) = super::prefs::local_storage() {
        // Failing to remember only means the first workspace opens next time.
        let _ = s.set_item(CURRENT_KEY, id);
    }
}

fn forget_current() {
    if let Some(s) = super::prefs::local_storage() {
        let _ = s.remove_item(CURRENT_KEY);
    }
}

const PENDING_DELETE_KEY: &str = "customer-insight.delete-workspace";

/// Deletes a workspace on the next start, when no connection of this tab holds it open
/// (used for the current workspace: the page reloads onto another one first).
pub fn delete_on_next_start(id: &str) {
    if let Some(s) = super::prefs::local_storage() {
        let _ = s.set_item(PENDING_DELETE_KEY, id);
    }
}

/// The workspace to open: the remembered one if it still exists, else the first,
/// else a new one called `default_name`. A deletion scheduled by the last session is
/// carried out first (and retried on the next start if it could not finish).
pub async fn open_current(
    default_name: &str,
) -> Result<(WorkspaceInfo, WorkspaceDb), StorageError> {
    if let Some(s) = super::prefs::local_storage() {
        if let Ok(Some(id)) = s.get_item(PENDING_DELETE_KEY) {
            // The mark goes only once the deletion is done: a page closed or left part-way
            // through finishes it on the next start. A deletion that fails keeps its mark
            // and does not stop the app from opening the workspace it moved to.
            if delete(&id).await.is_ok() {
                let _ = s.remove_item(PENDING_DELETE_KEY);
            }
        }
    }
    let list = list().await?;
    let remembered = current_id();
    let chosen = match remembered.and_then(|id| list.iter().find(|w| w.id == id).cloned()) {
        Some(w) => w,
        None => match list.first() {
            Some(w) => w.clone(),
            None => create(default_name).await?,
        },
    };
    let db = WorkspaceDb::open(&chosen.id).await?;
    remember_current(&chosen.id);
    Ok((chosen, db))
}
