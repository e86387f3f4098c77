//! The worker's import job: fetch the picked file, validate every row with the person's plan,
//! store the good rows with their import batch in one IndexedDB transaction — so a failure,
//! a full disk, a cancel (the page terminates the worker) or a closed tab leaves the
//! workspace as it was — and analyse the new revision before answering.

use super::protocol::ImportReport;
use super::job::{self, open, post_parts, progress, Laps};
use crate::domain::blocks::{Block, CustomerBlock, ExitBlock, InteractionBlock, Stored};
use crate::domain::bundle::{current_customers, Bundle, ImportBatch};
use crate::domain::Customer;
use crate::i18n::{Locale, Sentence};
use crate::import::{
    parse, split_owned_customers, Field, ImportPlan, ParseProgress, Parsed, ParsedRecords, RecordKind,
    RowProblem,
};
use crate::storage::{Subject, WorkspaceDb};
use std::collections::BTreeSet;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// One import request, as the page sent it.
pub(super) struct ImportJob {
    pub job: u32,
    pub database: String,
    pub file_url: String,
    pub file_name: String,
    pub plan: ImportPlan,
    pub today: String,
    pub imported_at: String,
    pub batch_id: String,
    pub skip_invalid: bool,
    pub locale: Locale,
}

/// Runs an import job and posts its [`ImportReport`]; an `Err` is a sentence for the person.
pub(super) async fn run(spec: ImportJob) -> Result<(), String> {
    let job = spec.job;
    let locale = spec.locale;
    let mut laps = Laps::start();
    let today = chrono::NaiveDate::parse_from_str(&spec.today, "%Y-%m-%d")
        .map_err(|_| format!("\"{}\" is not a date; reload the page and try again.", spec.today))?;

    progress(job, 0.0, "reading");
    let bytes = read_url(&spec.file_url).await?;
    laps.lap("read file");

    let mut on_progress = |p: ParseProgress| {
        progress(job, 0.05 + 0.6 * p.fraction(), &format!("parsing:{}", p.rows));
    };
    let parsed = parse(&spec.plan, &bytes, today, &mut on_progress).map_err(|e| e.sentence(locale))?;
    drop(bytes);
    laps.lap("parse");

    let mut report = ImportReport {
        rows: parsed.rows,
        valid: parsed.valid,
        invalid: parsed.invalid,
        blank: parsed.blank,
        problem_count: parsed.problem_count,
        problems: parsed.problems.clone(),
        ..Default::default()
    };

    let db = open(&spec.database, locale).await?;
    // Rows that read well but do not fit the workspace (an unknown customer, an id taken).
    let bundle = match to_bundle(&spec, &db, parsed, &mut report).await {
        Ok(b) => b,
        Err(e) => {
            db.close();
            return Err(e);
        }
    };
    laps.lap("check against the workspace");

    let nothing_to_store = report.valid == 0;
    if (report.invalid > 0 && !spec.skip_invalid) || nothing_to_store {
        db.close();
        report.timings = laps.timings;
        return send(job, &report, &[]);
    }

    progress(job, 0.7, "writing");
    let batch = ImportBatch {
        id: spec.batch_id.clone(),
        kind: spec.plan.kind.as_str().to_string(),
        file_name: spec.file_name.clone(),
        imported_at: spec.imported_at.clone(),
        rows: report.rows,
        stored: report.valid,
        skipped: report.invalid,
        ..ImportBatch::default()
    };
    laps.lap("prepare write");
    let subject = Subject::Import(spec.file_name.clone());
    let (revision, packed) = match job::add_and_analyze(job, &db, bundle, batch, subject, locale, 0.8, &mut laps).await {
        Ok(r) => r,
        Err(e) => {
            db.close();
            return Err(e);
        }
    };
    report.written = true;
    report.revision = revision;
    report.stored = report.valid;
    // The new revision was analysed in this job: the page shows it without asking.
    report.timings = std::mem::take(&mut laps.timings);
    let sent = send(job, &report, packed.as_ref().map_or(&[][..], |p| &p.parts[..]));
    if let Some(p) = &packed {
        p.keep(&db).await;
    }
    db.close();
    sent
}

/// Checks parsed rows against the workspace and stages what will be stored; problems found
/// here (unknown customers, ids taken) are added to the report and their rows left out.
async fn to_bundle(
    spec: &ImportJob,
    db: &WorkspaceDb,
    parsed: Parsed,
    report: &mut ImportReport,
) -> Result<Bundle, String> {
    let locale = spec.locale;
    let column_name = |field: Field| {
        spec.plan
            .mapping
            .column(field)
            .and_then(|c| parsed.columns.get(c).cloned())
            .unwrap_or_default()
    };
    let mut extra: Vec<RowProblem> = Vec::new();
    // The workspace as it is (kept from the last job when still current).
    let records = job::records(db).await.map_err(|e| e.sentence(locale))?;
    if matches!(parsed.kind, RecordKind::Interactions | RecordKind::Exits) {
        let known = records.known_customer_ids();
        extra = parsed.unknown_customers(&spec.plan, |id| known.contains(id));
    }
    let bad: BTreeSet<u64> = extra.iter().map(|p| p.row).collect();
    let mut bundle = Bundle::default();
    match parsed.records {
        ParsedRecords::Transactions(blocks) => bundle.transactions = Stored::all_fresh(blocks),
        ParsedRecords::Customers(rows) => {
            let existing = current_customers(records.customers.iter().map(|s| &s.block));
            let id_column = match spec.plan.mapping.column(Field::CustomerId) {
                Some(_) => column_name(Field::CustomerId),
                None => column_name(Field::Email),
            };
            let split = split_owned_customers(rows, &existing, spec.plan.customer_key, &id_column);
            extra.extend(split.problems.iter().cloned());
            report.created = split.create.len() as u64;
            report.updated = split.update.len() as u64;
            // Created and updated customers in one layer over the ones stored: reverting the
            // import takes the layer off, and the earlier versions show again.
            let mut customers: Vec<Customer> = split.create.into_iter().map(|r| r.record).collect();
            customers.extend(split.update.into_iter().map(|u| u.after));
            bundle.customers = Stored::all_fresh(CustomerBlock::from_records(&customers));
        }
        ParsedRecords::Interactions(rows) => {
            let kept: Vec<_> = rows.into_iter().filter(|r| !bad.contains(&r.row)).map(|r| r.record).collect();
            bundle.interactions = Stored::all_fresh(InteractionBlock::from_records(&kept));
        }
        ParsedRecords::Exits(rows) => {
            let kept: Vec<_> = rows.into_iter().filter(|r| !bad.contains(&r.row)).map(|r| r.record).collect();
            bundle.exits = Stored::all_fresh(ExitBlock::from_records(&kept));
        }
    }
    if !extra.is_empty() {
        let rows: BTreeSet<u64> = extra.iter().map(|p| p.row).collect();
        report.invalid += rows.len() as u64;
        report.valid = report.valid.saturating_sub(rows.len() as u64);
        report.problem_count += extra.len() as u64;
        report.problems.extend(extra);
        report.problems.sort_by_key(|p| p.row);
        report.problems.truncate(crate::import::MAX_PROBLEMS);
    }
    Ok(bundle)
}

fn send(job: u32, report: &ImportReport, analysis: &[Vec<u8>]) -> Result<(), String> {
    let mut parts = vec![postcard::to_stdvec(report).map_err(|e| e.to_string())?];
    parts.extend(analysis.iter().cloned());
    post_parts(job, "import", &parts);
    Ok(())
}

/// Fetches a `blob:` URL the page made for the picked file (same origin, so the worker may
/// read it) into memory.
async fn read_url(url: &str) -> Result<Vec<u8>, String> {
    let unreadable = || {
        "The file could not be read; pick it again (it may have been moved or changed).".to_string()
    };
    let global = js_sys::global();
    let fetch: js_sys::Function = js_sys::Reflect::get(&global, &JsValue::from_str("fetch"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(unreadable)?;
    let promise: js_sys::Promise = fetch
        .call1(&global, &JsValue::from_str(url))
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(unreadable)?;
    let response = JsFuture::from(promise).await.map_err(|_| unreadable())?;
    let array_buffer: js_sys::Function =
        js_sys::Reflect::get(&response, &JsValue::from_str("arrayBuffer"))
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(unreadable)?;
    let promise: js_sys::Promise = array_buffer
        .call0(&response)
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(unreadable)?;
    let buffer = JsFuture::from(promise).await.map_err(|_| unreadable())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
