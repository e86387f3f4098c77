//! Bringing files in: read the start of a picked file for the import wizard, and run an
//! import in the background worker (which reads the whole file itself, validates every row
//! and stores the good ones in one transaction), refreshing every view afterwards.

use crate::error::AppError;
use crate::import::{sniff, ImportPlan, Sniffed, SNIFF_BYTES};
use crate::state::actions::{new_id, today};
use crate::state::worker::Outcome;
use crate::state::WorkspaceState;
use crate::worker::protocol::{ImportReport, Request};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The first bytes of a picked file (up to 64 KB) and what the sniffer makes of them.
pub async fn read_head(file: &web_sys::File) -> Result<(Vec<u8>, Sniffed), AppError> {
    let unreadable =
        || AppError::new("The file could not be read; pick it again (it may have been moved).");
    let end = (file.size() as usize).min(SNIFF_BYTES) as i32;
    let slice = file.slice_with_i32_and_i32(0, end).map_err(|_| unreadable())?;
    let buffer = JsFuture::from(slice.array_buffer())
        .await
        .map_err(|_| unreadable())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let sniffed = sniff(&bytes);
    Ok((bytes, sniffed))
}

/// Imports a file with `plan` in the worker. Without `skip_invalid`, a file with bad rows is
/// only checked (the report lists the problems and nothing is stored); with it, the good
/// rows are stored and the bad ones left out. `on_progress` hears (fraction, stage), the
/// stage being `reading`, `parsing:<rows so far>` or `writing`.
pub async fn import_file(
    workspace: WorkspaceState,
    analysis: crate::state::AnalysisState,
    file: web_sys::File,
    plan: ImportPlan,
    skip_invalid: bool,
    on_progress: impl Fn(f32, &str) + 'static,
) -> Result<ImportReport, AppError> {
    let client = analysis.client();
    let _changing = analysis.changing_data();
    let database = workspace.ready().await?.name().to_string();
    let file_url = web_sys::Url::create_object_url_with_blob(file.unchecked_ref())
        .map_err(|_| AppError::new("The file could not be opened; pick it again."))?;
    let file_name = file.name();
    let imported_at: String = js_sys::Date::new_0().to_iso_string().into();
    let batch_id = new_id("import");
    let today = today().format("%Y-%m-%d").to_string();
    let url = file_url.clone();
    let outcome = client
        .run(
            move |job| Request::Import {
                job,
                database,
                file_url: url,
                file_name,
                plan,
                today,
                imported_at,
                batch_id,
                skip_invalid,
                locale: crate::error::locale(),
            },
            on_progress,
        )
        .await;
    let _ = web_sys::Url::revoke_object_url(&file_url);
    let parts = match outcome.map_err(AppError::new)? {
        Outcome::Parts(parts) => parts,
        Outcome::Done(_) => {
            return Err(AppError::new("The import gave no result; try again."));
        }
    };
    let report: ImportReport = parts
        .first()
        .and_then(|p| postcard::from_bytes(p).ok())
        .ok_or_else(|| AppError::new("The import's result could not be read; try again."))?;
    if report.written {
        // The job analysed the new revision already: show it, then move the revision on.
        let database = workspace.db_untracked()?.name().to_string();
        analysis.adopt(&database, report.revision, &parts[1..]).await;
        workspace.note_revision(report.revision);
        crate::state::actions::ask_to_keep_the_data();
    }
    Ok(report)
}
