//! The analytics and import worker: it opens the workspace's database itself (once per job),
//! runs the engine off the main thread, and posts progress and results back, so the page
//! never freezes. It runs the app's own wasm module (see `public/worker.js`), entered
//! through [`worker_main`]. A job that changes the data analyses the new revision before it
//! answers, so the page shows the result without asking again.

mod import_job;
mod job;
pub mod protocol;

use crate::analytics::ledger::Ledger;
use crate::analytics::workspace;
use crate::domain::blocks::Stored;
use crate::domain::bundle::{Bundle, ImportBatch, WorkspaceSettings};
use crate::i18n::{Locale, Sentence};
use crate::storage::{StorageError, Subject};
use job::{analyze, open, post, post_parts, progress, Laps};
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

async fn analyze_job(job: u32, database: &str, locale: Locale) -> Result<(), String> {
    progress(job, 0.0, "reading");
    let db = open(database, locale).await?;
    let packed = match analyze(job, &db, locale, 0.0, Laps::start()).await {
        Ok(p) => p,
        Err(e) => {
            db.close();
            return Err(e);
        }
    };
    post_parts(job, "analysis", &packed.parts);
    packed.keep(&db).await;
    db.close();
    Ok(())
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
    let demo = crate::demo::generate_blocks(&options, &mut |f| progress(job, f * 0.3, "generating"))
        .map_err(|e| e.to_string())?;
    laps.lap("generate");
    let rows = demo.rows();
    let bundle = Bundle {
        settings: Some(WorkspaceSettings {
            settings: demo.settings,
            currency: demo.currency,
        }),
        managers: demo.managers,
        campaigns: demo.campaigns,
        plans: demo.plans,
        customers: Stored::all_fresh(demo.customers),
        transactions: Stored::all_fresh(demo.transactions),
        interactions: Stored::all_fresh(demo.interactions),
        exits: Stored::all_fresh(demo.exits),
        responses: Stored::all_fresh(demo.responses),
        ..Bundle::default()
    };
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
    // The records as they were, for the analysis to take the new blocks in.
    let _ = job::records(&db).await;
    laps.lap("prepare write");
    let (revision, mut packed) =
        match job::add_and_analyze(job, &db, bundle, batch, Subject::Demo, locale, 0.5, &mut laps).await {
            Ok(r) => r,
            Err(e) => {
                db.close();
                return Err(e);
            }
        };
    if let Some(p) = &mut packed {
        p.prepend_timings(&laps.timings);
    }
    let mut out = vec![postcard::to_stdvec(&revision).map_err(|e| e.to_string())?];
    // The data is stored whatever the analysis says; the page analyses again if it must.
    if let Some(p) = &packed {
        out.extend(p.parts.iter().cloned());
    }
    post_parts(job, "loaded", &out);
    if let Some(p) = &packed {
        p.keep(&db).await;
    }
    db.close();
    Ok(())
}
