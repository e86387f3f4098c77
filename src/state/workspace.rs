//! The open workspace: its database connection, its status, and its revision — the
//! number every write bumps, which every data view depends on, so a change anywhere
//! (this tab, another tab, the worker) refreshes what shows it.

use crate::error::AppError;
use crate::i18n::{Msg, Text};
use crate::storage::workspaces::{self, WorkspaceInfo};
use crate::storage::{sync, Changes, WorkspaceDb};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// Where the workspace database stands.
#[derive(Clone, Debug, PartialEq)]
pub enum DbStatus {
    Opening,
    Ready {
        workspace: WorkspaceInfo,
        schema_version: u32,
    },
    Failed(AppError),
}

/// The current workspace as context.
#[derive(Clone, Copy)]
pub struct WorkspaceState {
    status: RwSignal<DbStatus>,
    db: StoredValue<Option<Rc<WorkspaceDb>>, LocalStorage>,
    revision: RwSignal<u64>,
    listener: StoredValue<Option<sync::Listener>, LocalStorage>,
}

impl WorkspaceState {
    /// The database status (reactive).
    pub fn status(&self) -> DbStatus {
        self.status.get()
    }

    /// The data revision (reactive): changes after every write, here or in another tab.
    pub fn revision(&self) -> u64 {
        self.revision.get()
    }

    /// The data revision, without subscribing.
    pub fn revision_untracked(&self) -> u64 {
        self.revision.get_untracked()
    }

    /// The open connection, once ready; tracks the status so resources re-run.
    pub(crate) fn db(&self) -> Result<Option<Rc<WorkspaceDb>>, AppError> {
        match self.status.get() {
            DbStatus::Failed(err) => Err(err),
            DbStatus::Opening => Ok(None),
            DbStatus::Ready { .. } => Ok(self.db.get_value()),
        }
    }

    /// The open connection without tracking, for actions.
    pub(crate) fn db_untracked(&self) -> Result<Rc<WorkspaceDb>, AppError> {
        match self.status.get_untracked() {
            DbStatus::Failed(err) => Err(err),
            _ => self.db.get_value().ok_or_else(|| {
                AppError::new(Msg::WorkspaceOpening.text(crate::error::locale()))
            }),
        }
    }

    /// The open connection, waiting (up to a minute) while the workspace still opens: an
    /// action started right after the page loaded waits for it rather than failing.
    pub(crate) async fn ready(&self) -> Result<Rc<WorkspaceDb>, AppError> {
        for _ in 0..1200 {
            match self.status.get_untracked() {
                DbStatus::Failed(err) => return Err(err),
                DbStatus::Ready { .. } => {
                    if let Some(db) = self.db.get_value() {
                        return Ok(db);
                    }
                }
                DbStatus::Opening => {}
            }
            gloo_timers::future::TimeoutFuture::new(50).await;
        }
        self.db_untracked()
    }

    /// Writes one user action's changes and refreshes every view of the data.
    pub(crate) async fn apply(&self, changes: Changes) -> Result<u64, AppError> {
        let db = self.ready().await?;
        let revision = db.apply(changes).await.map_err(|e| self.fail(e.into()))?;
        self.note_revision(revision);
        Ok(revision)
    }

    /// Passes an error through; one that needs a reload (another tab upgraded the
    /// database) also puts the banner with the reload button above every page.
    pub(crate) fn fail(&self, err: AppError) -> AppError {
        if err.reload {
            self.status.set(DbStatus::Failed(err.clone()));
        }
        err
    }

    /// Records that the data is now at `revision` (after this tab's or the worker's write).
    pub(crate) fn note_revision(&self, revision: u64) {
        if revision != self.revision.get_untracked() {
            self.revision.set(revision);
        }
    }

    /// Whether the workspace holds customers or transactions: `None` while the database
    /// opens.
    pub fn has_data(&self) -> LocalResource<Result<Option<bool>, AppError>> {
        let this = *self;
        LocalResource::new(move || {
            this.revision.track();
            let db = this.db();
            async move {
                match db? {
                    None => Ok(None),
                    Some(db) => Ok(Some(db.has_data().await?)),
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
        listener: StoredValue::new_local(None),
    };
    provide_context(state);
    let name = default_name.text(crate::state::use_i18n().locale_untracked());
    spawn_local(async move {
        match workspaces::open_current(name).await {
            Ok((workspace, db)) => {
                let schema_version = db.schema_version();
                let revision = db.revision().await.unwrap_or(0);
                let db_name = db.name().to_string();
                state.db.set_value(Some(Rc::new(db)));
                state.revision.set(revision);
                // Changes announced by other tabs and the worker refresh this tab.
                let listener = sync::listen(move |notice| {
                    if notice.database == db_name {
                        state.note_revision(notice.revision);
                    }
                });
                state.listener.set_value(listener);
                state.status.set(DbStatus::Ready {
                    workspace,
                    schema_version,
                });
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
