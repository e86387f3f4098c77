//! The open workspace: its database connection, its status and a revision counter that
//! every data view depends on, so that a change anywhere refreshes what shows it.

use crate::error::AppError;
use crate::i18n::Msg;
use crate::storage::workspaces::{self, WorkspaceInfo};
use crate::storage::WorkspaceDb;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// Where the workspace database stands.
#[derive(Clone, Debug, PartialEq)]
pub enum DbStatus {
    Opening,
    Ready { workspace: WorkspaceInfo, schema_version: u32 },
    Failed(AppError),
}

/// The current workspace as context.
#[derive(Clone, Copy)]
pub struct WorkspaceState {
    status: RwSignal<DbStatus>,
    db: StoredValue<Option<Rc<WorkspaceDb>>, LocalStorage>,
    revision: RwSignal<u64>,
}

impl WorkspaceState {
    /// The database status (reactive).
    pub fn status(&self) -> DbStatus {
        self.status.get()
    }

    /// Bumped after every change to the workspace's data (reactive).
    pub fn revision(&self) -> u64 {
        self.revision.get()
    }

    /// The open connection, once ready; tracks the status so resources re-run.
    fn db(&self) -> Result<Option<Rc<WorkspaceDb>>, AppError> {
        match self.status.get() {
            DbStatus::Failed(err) => Err(err),
            DbStatus::Opening => Ok(None),
            DbStatus::Ready { .. } => Ok(self.db.get_value()),
        }
    }

    /// How many customers the workspace holds: `None` while the database opens.
    pub fn customer_count(&self) -> LocalResource<Result<Option<u32>, AppError>> {
        let this = *self;
        LocalResource::new(move || {
            this.revision.track();
            let db = this.db();
            async move {
                match db? {
                    None => Ok(None),
                    Some(db) => Ok(Some(db.count_customers().await?)),
                }
            }
        })
    }
}

/// Opens the remembered workspace (creating a first one when there is none).
pub fn provide_workspace(default_name: Msg) -> WorkspaceState {
    let state = WorkspaceState {
        status: RwSignal::new(DbStatus::Opening),
        db: StoredValue::new_local(None),
        revision: RwSignal::new(0),
    };
    provide_context(state);
    let name = default_name.text(crate::state::use_i18n().locale_untracked());
    spawn_local(async move {
        match workspaces::open_current(name).await {
            Ok((workspace, db)) => {
                let schema_version = db.schema_version();
                state.db.set_value(Some(Rc::new(db)));
                state.status.set(DbStatus::Ready { workspace, schema_version });
            }
            Err(err) => state.status.set(DbStatus::Failed(err.into())),
        }
    });
    state
}

/// The workspace context.
pub fn use_workspace() -> WorkspaceState {
    expect_context::<WorkspaceState>()
}
