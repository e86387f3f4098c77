//! The workspace's analysis, computed by the worker and cached per workspace revision:
//! recomputed only when the data or the settings change.

use crate::analytics::workspace::{transport, WorkspaceAnalysis};
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
    /// Jobs of this page under way that change the data and bring its analysis with them
    /// (an import, the demo): no analysis of their revision is asked for meanwhile.
    changing: RwSignal<u32>,
    client: StoredValue<WorkerClient, LocalStorage>,
}

/// Held while a job that changes the data and analyses it runs (see
/// [`AnalysisState::changing_data`]).
pub(crate) struct ChangeGuard(RwSignal<u32>);

impl Drop for ChangeGuard {
    fn drop(&mut self) {
        // The revision may have moved past the job's meanwhile: the analysis effect looks again.
        self.0.try_update(|n| *n = n.saturating_sub(1));
    }
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

    /// Shows an analysis a job that changed the data computed (an import, the demo company)
    /// for `revision`: the page does not ask the worker again. Returns whether it took it.
    pub(crate) async fn adopt(&self, database: &str, revision: u64, parts: &[Vec<u8>]) -> bool {
        if parts.is_empty() {
            return false;
        }
        match unpack(parts).await {
            Ok(envelope) if envelope.revision == revision => {
                log_timings(&envelope, parts);
                self.error.set(None);
                self.computed_for.set(Some((database.to_string(), revision)));
                self.current.set(Some(Arc::new(envelope.analysis)));
                true
            }
            _ => false,
        }
    }

    /// Marks a job that changes the data and brings its analysis (an import, the demo) as
    /// under way until the guard drops: the worker's own notice of the new revision, which
    /// can come before the job's answer, then asks for no second analysis of it.
    pub(crate) fn changing_data(&self) -> ChangeGuard {
        self.changing.update(|n| *n += 1);
        ChangeGuard(self.changing)
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
        changing: RwSignal::new(0),
        client: StoredValue::new_local(WorkerClient::default()),
    };
    provide_context(state);
    let workspace = use_workspace();
    Effect::new(move |_| {
        let revision = workspace.revision();
        let DbStatus::Ready { .. } = workspace.status() else {
            return;
        };
        if state.changing.get() > 0 {
            return;
        }
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
        // A cached analysis of this very revision shows at once (reopening the app).
        if show_cached(state, workspace, &database).await {
            state.running.set(None);
            return;
        }
        let db_for_request = database.clone();
        let result = client
            .run(
                move |job| Request::Analyze {
                    job,
                    database: db_for_request,
                    locale: crate::error::locale(),
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
            Ok(Outcome::Parts(parts)) => match unpack(&parts).await {
                Ok(envelope) => {
                    log_timings(&envelope, &parts);
                    state.error.set(None);
                    state.computed_for.set(Some((database.clone(), envelope.revision)));
                    state.current.set(Some(Arc::new(envelope.analysis)));
                }
                Err(err) => state.error.set(Some(err.to_string())),
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

/// The worker's steps, for the console and the benchmarks.
fn log_timings(envelope: &AnalysisEnvelope, parts: &[Vec<u8>]) {
    let steps: Vec<String> = envelope.timings.iter().map(|(k, v)| format!("{k} {v:.0} ms")).collect();
    let size: usize = parts.iter().map(Vec::len).sum();
    web_sys::console::debug_1(
        &format!(
            "analysis of {} customers ({} KB): {}",
            envelope.analysis.customers.len(),
            size / 1024,
            steps.join(", ")
        )
        .into(),
    );
}

/// Unpacks an analysis a few chunks at a time, letting the page breathe between them, so
/// that 100,000 customers never freeze it: the page yields once a slice of work passed
/// [`UNPACK_SLICE_MS`] (a yield per chunk cost more than the chunks: the browser holds a
/// nested zero timeout back 4 ms).
async fn unpack(parts: &[Vec<u8>]) -> Result<AnalysisEnvelope, transport::TransportError> {
    let Some((head, chunks)) = parts.split_first() else {
        return Err(transport::TransportError("it is empty".into()));
    };
    // Whatever handed over the parts (a message, a cache read) had its own task.
    gloo_timers::future::TimeoutFuture::new(0).await;
    let mut slice = js_sys::Date::now();
    let mut envelope: AnalysisEnvelope = transport::unpack_head(head)?;
    let mut rows = Vec::with_capacity(chunks.len() * transport::ROWS_PER_CHUNK);
    for chunk in chunks {
        if js_sys::Date::now() - slice > UNPACK_SLICE_MS {
            gloo_timers::future::TimeoutFuture::new(0).await;
            slice = js_sys::Date::now();
        }
        transport::unpack_rows(chunk, &mut rows)?;
    }
    envelope.analysis.customers = rows;
    Ok(envelope)
}

/// The longest the page works at unpacking an analysis before it yields (a long task is one
/// over 50 ms; a chunk of rows takes about 5 ms).
const UNPACK_SLICE_MS: f64 = 30.0;

/// Shows the cached analysis of the open workspace if it is for the current revision;
/// returns whether it did.
async fn show_cached(state: AnalysisState, workspace: WorkspaceState, database: &str) -> bool {
    let Ok(db) = workspace.db_untracked() else { return false };
    let Ok(Some((revision, blobs))) = db.analysis_cache().await else { return false };
    if revision != workspace.revision_untracked() {
        return false;
    }
    // A part at a time, each arriving in a task of its own.
    let mut parts = Vec::with_capacity(blobs.len());
    for blob in &blobs {
        let Ok(bytes) = crate::storage::blob_bytes(blob).await else { return false };
        parts.push(bytes);
    }
    match unpack(&parts).await {
        Ok(envelope) if envelope.revision == revision => {
            state.computed_for.set(Some((database.to_string(), revision)));
            state.current.set(Some(Arc::new(envelope.analysis)));
            true
        }
        _ => false,
    }
}

/// The analysis context.
pub fn use_analysis() -> AnalysisState {
    expect_context::<AnalysisState>()
}
