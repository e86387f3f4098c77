//! The analytics and import worker: it opens the workspace's database itself (once per job),
//! runs the engine off the main thread, and posts progress and results back, so the page
//! never freezes. It runs the app's own wasm module (see `public/worker.js`), entered
//! through [`worker_main`]. A job that changes the data analyses the new revision before it
//! answers, so the page shows the result without asking again.

mod import_job;
pub mod protocol;

use crate::analytics::ledger::Ledger;
use crate::analytics::score::Stage;
use crate::analytics::workspace::{self, transport, WorkspaceInput};
use crate::domain::blocks::{
    Block, CustomerBlock, ExitBlock, InteractionBlock, ResponseBlock, Stored,
};
use crate::domain::bundle::{current_customers, current_responses, Bundle, ImportBatch, WorkspaceSettings};
use crate::i18n::{Locale, Sentence};
use crate::storage::{schema, StorageError, Subject, WorkspaceDb};
use protocol::{Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Installs the worker's message handler. Called once by `public/worker.js`.
#[wasm_bindgen]
pub fn worker_main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let handler =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            match serde_wasm_bindgen::from_value::<Request>(event.data()) {
                Ok(request) => wasm_bindgen_futures::spawn_local(handle(request)),
                Err(err) => post(&Response::Failed {
                    job: 0,
                    message: format!("The worker got a message it does not understand: {err}"),
                }),
            }
        });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a control message.
fn post(response: &Response) {
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
fn post_parts(job: u32, kind: &str, parts: &[Vec<u8>]) {
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

async fn handle(request: Request) {
    let job = request.job();
    let locale = request.locale();
    let result = match request {
        Request::Analyze { job, database, .. } => analyze_job(job, &database, locale).await,
        Request::Holdout {
            job,
            database,
            split,
            ..
        } => holdout(job, &database, &split, locale).await,
        Request::LoadDemo {
            job,
            database,
            imported_at,
            batch_id,
            customers,
            ..
        } => load_demo(job, &database, imported_at, batch_id, customers, locale).await,
        Request::Import {
            job,
            database,
            file_url,
            file_name,
            plan,
            today,
            imported_at,
            batch_id,
            skip_invalid,
            ..
        } => {
            let job_spec = import_job::ImportJob {
                job,
                database,
                file_url,
                file_name,
                plan,
                today,
                imported_at,
                batch_id,
                skip_invalid,
                locale,
            };
            import_job::run(job_spec).await
        }
    };
    if let Err(message) = result {
        post(&Response::Failed { job, message });
    }
}

fn progress(job: u32, fraction: f32, stage: &str) {
    post(&Response::Progress {
        job,
        fraction,
        stage: stage.to_string(),
    });
}

/// Milliseconds since the epoch, for the timings the jobs report.
fn now() -> f64 {
    js_sys::Date::now()
}

/// Steps' durations, for the console and the benchmarks.
struct Laps {
    timings: Vec<(String, f64)>,
    last: f64,
}

impl Laps {
    fn start() -> Laps {
        Laps {
            timings: Vec::new(),
            last: now(),
        }
    }

    fn lap(&mut self, label: &str) {
        let n = now();
        self.timings.push((label.to_string(), n - self.last));
        self.last = n;
    }
}

/// Opens the job's database.
async fn open(database: &str, locale: Locale) -> Result<WorkspaceDb, String> {
    WorkspaceDb::open_named(database, schema::WORKSPACE_VERSION)
        .await
        .map_err(|e| e.sentence(locale))
}

async fn analyze_job(job: u32, database: &str, locale: Locale) -> Result<(), String> {
    progress(job, 0.0, "reading");
    let db = open(database, locale).await?;
    let parts = analyze(job, &db, locale, 0.0, Laps::start()).await;
    db.close();
    post_parts(job, "analysis", &parts?);
    Ok(())
}

/// Analyses the open workspace as it is now and keeps the result as its cache; returns the
/// packed analysis. Progress runs from `from` to 1.
async fn analyze(job: u32, db: &WorkspaceDb, locale: Locale, from: f32, mut laps: Laps) -> Result<Vec<Vec<u8>>, String> {
    let span = 1.0 - from;
    let records = db.records().await.map_err(|e| e.sentence(locale))?;
    laps.lap("read");
    let ledger = Ledger::from_blocks(records.transactions.iter().map(|s| &s.block));
    laps.lap("build ledger");
    let customers = current_customers(records.customers.iter().map(|s| &s.block));
    let interactions: Vec<_> = rows(&records.interactions);
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
    // Keep it for the next visit; failing to cache only means computing again then.
    let _ = db.save_analysis_cache(records.revision, &parts).await;
    Ok(parts)
}

fn rows<B: Block>(blocks: &[Stored<B>]) -> Vec<B::Record> {
    blocks.iter().flat_map(|s| s.block.records()).collect()
}

/// The calibration/holdout check of the repeat-purchase model at a split date.
async fn holdout(job: u32, database: &str, split: &str, locale: Locale) -> Result<(), String> {
    let split = chrono::NaiveDate::parse_from_str(split, "%Y-%m-%d")
        .map_err(|_| format!("\"{split}\" is not a date; choose the split date with the date picker."))?;
    progress(job, 0.1, "reading");
    let db = open(database, locale).await?;
    let read = async {
        let settings = db.settings().await?;
        let blocks = db.transaction_blocks().await?;
        Ok::<_, StorageError>((settings, blocks))
    }
    .await;
    db.close();
    let (settings, blocks) = read.map_err(|e| e.sentence(locale))?;
    let ledger = Ledger::from_blocks(blocks.iter().map(|s| &s.block));
    progress(job, 0.4, "fitting");
    let check = workspace::models_view::holdout_check(&ledger, &settings.settings, split, &Default::default())
        .map_err(|e| e.to_string())?;
    let bytes = postcard::to_stdvec(&check).map_err(|e| e.to_string())?;
    post_parts(job, "holdout", &[bytes]);
    Ok(())
}

/// Generates the demo company, stores it all or nothing, and analyses it.
async fn load_demo(
    job: u32,
    database: &str,
    imported_at: String,
    batch_id: String,
    customers: u32,
    locale: Locale,
) -> Result<(), String> {
    let mut laps = Laps::start();
    progress(job, 0.0, "generating");
    let options = crate::demo::DemoOptions {
        customers: customers as usize,
        ..Default::default()
    };
    let demo = crate::demo::generate_with_progress(&options, &mut |f| {
        progress(job, f * 0.3, "generating")
    })
    .map_err(|e| e.to_string())?;
    laps.lap("generate");
    let rows = demo.transactions.len()
        + demo.customers.len()
        + demo.interactions.len()
        + demo.responses.len()
        + demo.exits.len();
    let bundle = Bundle {
        settings: Some(WorkspaceSettings {
            settings: demo.settings,
            currency: demo.currency,
        }),
        managers: demo.managers,
        campaigns: demo.campaigns,
        plans: demo.plans,
        customers: Stored::all_fresh(CustomerBlock::from_records(&demo.customers)),
        transactions: Stored::all_fresh(crate::import::grouped_blocks(&demo.transactions)),
        interactions: Stored::all_fresh(InteractionBlock::from_records(&demo.interactions)),
        exits: Stored::all_fresh(ExitBlock::from_records(&demo.exits)),
        responses: Stored::all_fresh(ResponseBlock::from_records(&demo.responses)),
        ..Bundle::default()
    };
    laps.lap("make blocks");
    let batch = ImportBatch {
        id: batch_id,
        kind: "demo".into(),
        file_name: format!("Demo data: {}", demo.company),
        imported_at,
        rows: rows as u64,
        stored: rows as u64,
        ..ImportBatch::default()
    };
    progress(job, 0.3, "writing");
    let db = open(database, locale).await?;
    let revision = match db.add(bundle, batch, Subject::Demo).await {
        Ok(r) => r,
        Err(e) => {
            db.close();
            return Err(e.sentence(locale));
        }
    };
    laps.lap("write");
    let parts = analyze(job, &db, locale, 0.5, laps).await;
    db.close();
    let mut out = vec![postcard::to_stdvec(&revision).map_err(|e| e.to_string())?];
    // The data is stored whatever the analysis says; the page analyses again if it must.
    out.extend(parts.unwrap_or_default());
    post_parts(job, "loaded", &out);
    Ok(())
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
