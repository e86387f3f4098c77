//! What a person does to the data: each action is one storage transaction, and its
//! outcome (the new revision) refreshes every view.

use crate::error::AppError;
use crate::state::WorkspaceState;

/// Sets (or clears, with `None`) the manager of the given customers.
pub async fn assign_manager(
    workspace: WorkspaceState,
    customer_ids: Vec<String>,
    manager_id: Option<String>,
) -> Result<usize, AppError> {
    let db = workspace.db_untracked()?;
    let revision = db.assign_manager(&customer_ids, manager_id.as_deref()).await?;
    workspace.note_revision(revision);
    Ok(customer_ids.len())
}
