//! The workspace's analysis, computed by the worker and cached per workspace revision:
//! recomputed only when the data or the settings change.

use crate::analytics::workspace::WorkspaceAnalysis;
use crate::state::worker::{Outcome, WorkerClient};
use crate::state::{use_workspace, DbStatus, WorkspaceState};
use crate::worker::protocol::{AnalysisEnvelope, Request};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Progress of a running analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub fraction: f32,
    pub stage: String,
}

/// The analysis as context.
#[derive(Clone, Copy)]
pub struct AnalysisState {
    current: RwSignal<Option<Arc<WorkspaceAnalysis>>>,
    computed_for: RwSignal<Option<(String, u64)>>,
    running: RwSignal<Option<Progress>>,
    error: RwSignal<Option<String>>,
    client: StoredValue<WorkerClient, LocalStorage>,
}

impl AnalysisState {
    /// The latest analysis (reactive), if one has been computed.
    pub fn current(&self) -> Option<Arc<WorkspaceAnalysis>> {
        self.current.get()
    }

    /// The running analysis' progress (reactive).
    pub fn running(&self) -> Option<Progress> {
        self.running.get()
    }

    /// Why the last analysis failed (reactive).
    pub fn error(&self) -> Option<String> {
        self.error.get()
    }

    /// The worker client, shared with the import and demo-data actions.
    pub(crate) fn client(&self) -> WorkerClient {
        self.client.get_value()
    }
}

/// Starts analysing the open workspace whenever its revision moves.
pub fn provide_analysis() -> AnalysisState {
    let state = AnalysisState {
        current: RwSignal::new(None),
        computed_for: RwSignal::new(None),
        running: RwSignal::new(None),
        error: RwSignal::new(None),
        client: StoredValue::new_local(WorkerClient::default()),
    };
    provide_context(state);
    let workspace = use_workspace();
    Effect::new(move |_| {
        let revision = workspace.revision();
        let DbStatus::Ready { .. } = workspace.status() else {
            return;
        };
        let Ok(db) = workspace.db_untracked() else {
            return;
        };
        let key = (db.name().to_string(), revision);
        if state.computed_for.get_untracked().as_ref() == Some(&key)
            || state.running.get_untracked().is_some()
        {
            return;
        }
        run(state, workspace, key.0, revision);
    });
    state
}

fn run(state: AnalysisState, workspace: WorkspaceState, database: String, revision: u64) {
    state.running.set(Some(Progress {
        fraction: 0.0,
        stage: "reading".into(),
    }));
    let client = state.client();
    spawn_local(async move {
        let db_for_request = database.clone();
        let result = client
            .run(
                move |job| Request::Analyze {
                    job,
                    database: db_for_request,
                },
                move |fraction, stage| {
                    state.running.set(Some(Progress {
                        fraction,
                        stage: stage.to_string(),
                    }))
                },
            )
            .await;
        state.running.set(None);
        match result {
            Ok(Outcome::Bytes(bytes)) => match postcard::from_bytes::<AnalysisEnvelope>(&bytes) {
                Ok(envelope) => {
                    state.error.set(None);
                    state
                        .computed_for
                        .set(Some((database.clone(), envelope.revision)));
                    state.current.set(Some(Arc::new(envelope.analysis)));
                }
                Err(err) => state
                    .error
                    .set(Some(format!("The analysis could not be read: {err}"))),
            },
            Ok(Outcome::Done(_)) => {}
            Err(message) => {
                state.error.set(Some(message));
                state.computed_for.set(Some((database.clone(), revision)));
            }
        }
        // The data may have moved on while this ran: catch up.
        let now = workspace.revision_untracked();
        if now != revision {
            run(state, workspace, database, now);
        }
    });
}

/// The analysis context.
pub fn use_analysis() -> AnalysisState {
    expect_context::<AnalysisState>()
}
