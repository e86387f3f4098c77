//! The analytics and import worker: it opens the workspace's database itself, runs the
//! engine off the main thread, and posts progress and results back, so the page never
//! freezes. It runs the app's own wasm module (see `public/worker.js`), entered through
//! [`worker_main`].

mod import_job;
pub mod protocol;

use crate::analytics::score::Stage;
use crate::analytics::workspace::{self, transport, WorkspaceInput};
use crate::domain::{
    Campaign, CampaignResponse, ContactPlan, Customer, Exit, Interaction, Manager,
};
use crate::storage::blocks;
use crate::storage::dataset::Dataset;
use crate::storage::{schema, ImportBatch, StorageError, WorkspaceDb, WorkspaceSettings};
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
    let result = match request {
        Request::Analyze { job, database } => analyze(job, &database).await,
        Request::Holdout { job, database, split } => holdout(job, &database, &split).await,
        Request::LoadDemo {
            job,
            database,
            imported_at,
            batch_id,
            customers,
        } => load_demo(job, &database, imported_at, batch_id, customers).await,
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

/// Milliseconds since the epoch, for the timings the analysis reports.
fn now() -> f64 {
    js_sys::Date::now()
}

async fn analyze(job: u32, database: &str) -> Result<(), String> {
    let text = |e: StorageError| e.to_string();
    let mut timings: Vec<(String, f64)> = Vec::new();
    let mut t = now();
    let mut lap = |label: &str, timings: &mut Vec<(String, f64)>| {
        let n = now();
        timings.push((label.to_string(), n - t));
        t = n;
    };
    progress(job, 0.0, "reading");
    let db = WorkspaceDb::open_named(database, schema::WORKSPACE_VERSION)
        .await
        .map_err(text)?;
    let settings = db.settings().await.map_err(text)?;
    let blocks = db.transaction_blocks().await.map_err(text)?;
    lap("read transactions", &mut timings);
    let ledger = blocks::ledger_from_blocks(&blocks);
    drop(blocks);
    lap("build ledger", &mut timings);
    let customers = db.all::<Customer>().await.map_err(text)?;
    lap("read customers", &mut timings);
    let interactions = db.all_keyed::<Interaction>().await.map_err(text)?;
    lap("read interactions", &mut timings);
    let exits = db.all_keyed::<Exit>().await.map_err(text)?;
    let managers = db.all::<Manager>().await.map_err(text)?;
    let plans = db.all::<ContactPlan>().await.map_err(text)?;
    let campaigns = db.all::<Campaign>().await.map_err(text)?;
    let responses = db.all_keyed::<CampaignResponse>().await.map_err(text)?;
    let revision = db.revision().await.map_err(text)?;
    db.close();
    lap("read the rest", &mut timings);
    progress(job, 0.2, "scoring");

    let input = WorkspaceInput {
        ledger: &ledger,
        customers: &customers,
        interactions: &interactions,
        exits: &exits,
        managers: &managers,
        plans: &plans,
        campaigns: &campaigns,
        responses: &responses,
        settings: &settings.settings,
        currency: &settings.currency,
    };
    let mut on_stage = |stage: Stage| progress(job, stage_fraction(stage), stage.as_str());
    let analysis = workspace::analyze(&input, &mut on_stage);
    lap("analyse", &mut timings);
    let (head, rows) = transport::split(analysis);
    let envelope = protocol::AnalysisEnvelope { revision, analysis: head, timings };
    let parts = transport::pack(&envelope, &rows).map_err(|e| e.to_string())?;
    drop(rows);
    // Keep it for the next visit; failing to cache only means computing again then.
    if let Ok(db) = WorkspaceDb::open_named(database, schema::WORKSPACE_VERSION).await {
        let _ = db.save_analysis_cache(revision, &parts).await;
        db.close();
    }
    post_parts(job, "analysis", &parts);
    Ok(())
}

/// The calibration/holdout check of the repeat-purchase model at a split date.
async fn holdout(job: u32, database: &str, split: &str) -> Result<(), String> {
    let text = |e: StorageError| e.to_string();
    let split = chrono::NaiveDate::parse_from_str(split, "%Y-%m-%d")
        .map_err(|_| format!("\"{split}\" is not a date; choose the split date with the date picker."))?;
    progress(job, 0.1, "reading");
    let db = WorkspaceDb::open_named(database, schema::WORKSPACE_VERSION).await.map_err(text)?;
    let settings = db.settings().await.map_err(text)?;
    let ledger = blocks::ledger_from_blocks(&db.transaction_blocks().await.map_err(text)?);
    db.close();
    progress(job, 0.4, "fitting");
    let check = workspace::models_view::holdout_check(&ledger, &settings.settings, split, &Default::default())
        .map_err(|e| e.to_string())?;
    let bytes = postcard::to_stdvec(&check).map_err(|e| e.to_string())?;
    post_parts(job, "holdout", &[bytes]);
    Ok(())
}

/// Generates the demo company and stores it, all or nothing.
async fn load_demo(
    job: u32,
    database: &str,
    imported_at: String,
    batch_id: String,
    customers: u32,
) -> Result<(), String> {
    let text = |e: StorageError| e.to_string();
    progress(job, 0.0, "generating");
    let options = crate::demo::DemoOptions {
        customers: customers as usize,
        ..Default::default()
    };
    let demo = crate::demo::generate_with_progress(&options, &mut |f| {
        progress(job, f * 0.3, "generating")
    })
    .map_err(|e| e.to_string())?;
    let rows = demo.transactions.len() + demo.customers.len() + demo.interactions.len();
    let dataset = Dataset {
        customers: demo.customers,
        managers: demo.managers,
        campaigns: demo.campaigns,
        responses: demo.responses,
        interactions: demo.interactions,
        exits: demo.exits,
        transactions: demo.transactions,
        plans: demo.plans,
        settings: Some(WorkspaceSettings {
            key: "settings".into(),
            settings: demo.settings,
            currency: demo.currency,
        }),
    };
    let batch = ImportBatch {
        id: batch_id,
        kind: "demo".into(),
        file_name: format!("Demo data: {}", demo.company),
        imported_at,
        rows: rows as u64,
        stored: dataset.len() as u64,
        skipped: 0,
        created_customers: Vec::new(),
        previous_customers: Vec::new(),
        created_managers: Vec::new(),
        created_campaigns: Vec::new(),
        created_plans: Vec::new(),
        previous_settings: None,
        reverted: false,
    };
    let db = WorkspaceDb::open_named(database, schema::WORKSPACE_VERSION)
        .await
        .map_err(text)?;
    progress(job, 0.3, "writing");
    let revision = db
        .load_dataset(dataset, batch, &|f| progress(job, 0.3 + 0.7 * f, "writing"))
        .await
        .map_err(text)?;
    db.close();
    post(&Response::Done { job, revision });
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
