//! What every worker job shares: posting progress and results to the page, timing its steps,
//! opening the job's database, and analysing a workspace (the analysis job, and the jobs that
//! change the data, which analyse the new revision before they answer).

use super::protocol::{self, Response};
use crate::analytics::ledger::{InteractionInput, Ledger};
use crate::analytics::score::Stage;
use crate::analytics::workspace::{self, transport, WorkspaceInput};
use crate::domain::blocks::{Block, Stored};
use crate::domain::bundle::{current_customers, current_responses, Bundle};
use crate::i18n::{Locale, Sentence};
use crate::storage::queries::WorkspaceRecords;
use crate::storage::{schema, StorageError, WorkspaceDb};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub(super) fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a control message.
pub(super) fn post(response: &Response) {
    match serde_wasm_bindgen::to_value(response) {
        Ok(value) => {
            let _ = scope().post_message(&value);
        }
        Err(err) => {
            web_sys::console::error_1(&format!("worker: cannot encode a response: {err}").into())
        }
    }
}

/// Posts a result as byte parts, transferring the buffers instead of copying them.
pub(super) fn post_parts(job: u32, kind: &str, parts: &[Vec<u8>]) {
    let list = js_sys::Array::new();
    let transfer = js_sys::Array::new();
    for part in parts {
        let array = js_sys::Uint8Array::from(part.as_slice());
        transfer.push(&array.buffer());
        list.push(&array);
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"job".into(), &JsValue::from_f64(f64::from(job)));
    let _ = js_sys::Reflect::set(&message, &"kind".into(), &JsValue::from_str(kind));
    let _ = js_sys::Reflect::set(&message, &"parts".into(), &list);
    let _ = scope().post_message_with_transfer(&message, &transfer);
}

pub(super) fn progress(job: u32, fraction: f32, stage: &str) {
    post(&Response::Progress {
        job,
        fraction,
        stage: stage.to_string(),
    });
}

/// Milliseconds since the epoch, for the timings the jobs report.
pub(super) fn now() -> f64 {
    js_sys::Date::now()
}

/// Steps' durations, for the console and the benchmarks.
pub(super) struct Laps {
    pub(super) timings: Vec<(String, f64)>,
    last: f64,
}

impl Laps {
    pub(super) fn start() -> Laps {
        Laps {
            timings: Vec::new(),
            last: now(),
        }
    }

    pub(super) fn lap(&mut self, label: &str) {
        let n = now();
        self.timings.push((label.to_string(), n - self.last));
        self.last = n;
    }

}

/// Opens the job's database.
pub(super) async fn open(database: &str, locale: Locale) -> Result<WorkspaceDb, String> {
    WorkspaceDb::open_named(database, schema::WORKSPACE_VERSION)
        .await
        .map_err(|e| e.sentence(locale))
}

thread_local! {
    /// The last records a job read or wrote, with their database: the next job on the same
    /// revision (the analysis after an import, the next file's check against the workspace)
    /// takes them from here instead of reading every block again.
    static KEPT: RefCell<Option<(String, Rc<WorkspaceRecords>)>> = const { RefCell::new(None) };
}

/// Above this many rows the records are not kept between jobs (memory before speed).
const KEEP_ROWS: usize = 5_000_000;

/// The workspace's records as they are now: kept ones if still current, else read.
pub(super) async fn records(db: &WorkspaceDb) -> Result<Rc<WorkspaceRecords>, StorageError> {
    let revision = db.revision().await?;
    let kept = KEPT.with(|k| {
        k.borrow()
            .as_ref()
            .filter(|(name, r)| name == db.name() && r.revision == revision)
            .map(|(_, r)| r.clone())
    });
    if let Some(r) = kept {
        return Ok(r);
    }
    KEPT.with(|k| k.borrow_mut().take());
    let read = Rc::new(db.records().await?);
    if read.rows() <= KEEP_ROWS {
        KEPT.with(|k| *k.borrow_mut() = Some((db.name().to_string(), read.clone())));
    }
    Ok(read)
}

/// The kept records, taken out, if they are `db`'s at the revision before `revision`.
fn take_kept_before(db: &WorkspaceDb, revision: u64) -> Option<WorkspaceRecords> {
    KEPT.with(|k| {
        let (name, kept) = k.borrow_mut().take()?;
        (name == db.name() && kept.revision + 1 == revision).then(|| Rc::unwrap_or_clone(kept))
    })
}

fn keep(db: &WorkspaceDb, records: Rc<WorkspaceRecords>) {
    if records.rows() <= KEEP_ROWS {
        KEPT.with(|k| *k.borrow_mut() = Some((db.name().to_string(), records)));
    }
}

/// Adds a data set (see `WorkspaceDb::add`) and analyses the workspace with it: while the
/// browser stores the data, this thread analyses the kept records with the data set taken
/// in (read again after the commit when they were not the ones just before it). Returns the
/// new revision and its analysis (`None` when the analysis failed: the data is stored all
/// the same), or the write's failure as a sentence; nothing is kept or given for a write
/// that did not commit. `laps` gets `write` (sending the requests), `analysis` (done while
/// the browser stored them) and `write commit` (waiting for the commit after it).
pub(super) async fn add_and_analyze(
    job: u32,
    db: &WorkspaceDb,
    bundle: Bundle,
    batch: crate::domain::bundle::ImportBatch,
    subject: crate::storage::Subject,
    locale: Locale,
    from: f32,
    laps: &mut Laps,
) -> Result<(u64, Option<Packed>), String> {
    let batch_id = batch.id.clone();
    let meanwhile = |revision: u64, bundle: Bundle| {
        laps.lap("write");
        let done = take_kept_before(db, revision).map(|mut records| {
            records.absorb(bundle, &batch_id, revision);
            let records = Rc::new(records);
            let packed = analyze_records(job, &records, from, Laps::start());
            (records, packed)
        });
        laps.lap("analysis");
        done
    };
    let (revision, done) = db
        .add_then(bundle, batch, subject, meanwhile)
        .await
        .map_err(|e| e.sentence(locale))?;
    laps.lap("write commit");
    let packed = match done {
        Some((records, packed)) => {
            keep(db, records);
            packed.ok()
        }
        None => analyze(job, db, locale, from, Laps::start()).await.ok(),
    };
    Ok((revision, packed))
}

/// The packed analysis of a revision.
pub(super) struct Packed {
    pub(super) revision: u64,
    pub(super) parts: Vec<Vec<u8>>,
}

impl Packed {
    /// Puts `timings` (the job's own steps) before the analysis's in its envelope.
    pub(super) fn prepend_timings(&mut self, timings: &[(String, f64)]) {
        let Some(head) = self.parts.first_mut() else {
            return;
        };
        if let Ok(mut envelope) = transport::unpack_head::<protocol::AnalysisEnvelope>(head) {
            envelope.timings.splice(0..0, timings.iter().cloned());
            if let Ok(bytes) = postcard::to_stdvec(&envelope) {
                *head = bytes;
            }
        }
    }

    /// Keeps it as the workspace's cached analysis (after it was posted: the page must not
    /// wait for this write). Failing to cache only means computing again on the next visit.
    pub(super) async fn keep(&self, db: &WorkspaceDb) {
        let _ = db.save_analysis_cache(self.revision, &self.parts).await;
    }
}

/// Analyses the open workspace as it is now; returns the packed analysis. Progress runs from
/// `from` to 1.
pub(super) async fn analyze(job: u32, db: &WorkspaceDb, locale: Locale, from: f32, mut laps: Laps) -> Result<Packed, String> {
    let records = records(db).await.map_err(|e| e.sentence(locale))?;
    laps.lap("read");
    analyze_records(job, &records, from, laps)
}

/// Analyses `records`; returns the packed analysis. Progress runs from `from` to 1.
fn analyze_records(job: u32, records: &WorkspaceRecords, from: f32, mut laps: Laps) -> Result<Packed, String> {
    let span = 1.0 - from;
    let ledger = Ledger::from_blocks(records.transactions.iter().map(|s| &s.block));
    laps.lap("build ledger");
    let customers = current_customers(records.customers.iter().map(|s| &s.block));
    let (interactions, _) = InteractionInput::from_blocks(&ledger, records.interactions.iter().map(|s| &s.block));
    let exits: Vec<_> = rows(&records.exits);
    let responses = current_responses(records.responses.iter().map(|s| &s.block));
    laps.lap("decode records");
    progress(job, from + 0.2 * span, "scoring");

    let input = WorkspaceInput {
        ledger: &ledger,
        customers: &customers,
        interactions: &interactions,
        exits: &exits,
        managers: &records.managers,
        plans: &records.plans,
        campaigns: &records.campaigns,
        responses: &responses,
        settings: &records.settings.settings,
        currency: &records.settings.currency,
    };
    let mut on_stage = |stage: Stage| progress(job, from + span * stage_fraction(stage), stage.as_str());
    let analysis = workspace::analyze(&input, &mut on_stage);
    laps.lap("analyse");
    let (head, rows) = transport::split(analysis);
    let envelope = protocol::AnalysisEnvelope {
        revision: records.revision,
        analysis: head,
        timings: laps.timings,
    };
    let parts = transport::pack(&envelope, &rows).map_err(|e| e.to_string())?;
    Ok(Packed {
        revision: records.revision,
        parts,
    })
}

fn rows<B: Block>(blocks: &[Stored<B>]) -> Vec<B::Record> {
    blocks.iter().flat_map(|s| s.block.records()).collect()
}

fn stage_fraction(stage: Stage) -> f32 {
    match stage {
        Stage::Summarise => 0.25,
        Stage::FitBgNbd => 0.4,
        Stage::FitGammaGamma => 0.6,
        Stage::Predict => 0.7,
        Stage::Classify => 0.85,
        Stage::Done => 0.95,
    }
}
