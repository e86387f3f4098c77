//! Backups, restores and CSV exports: the actions behind the Settings page's backup card
//! and the Customers page's export buttons. Files are made and read here, in the browser;
//! nothing is sent anywhere.

use crate::analytics::workspace::CustomerRow;
use crate::domain::Customer;
use crate::i18n::Sentence;
use crate::storage::Subject;
use crate::error::AppError;
use crate::export::backup::{self, Backup};
use crate::export::csv::{self, CsvOptions};
use crate::i18n::Locale;
use crate::state::actions::{switch_workspace, today};
use crate::state::{DbStatus, WorkspaceState};
use crate::storage::workspaces;
use crate::storage::WorkspaceDb;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file made for the person to save.
#[derive(Clone, Debug, PartialEq)]
pub struct OutFile {
    pub name: String,
    pub bytes: Vec<u8>,
    /// Data rows written (CSV) or records held (backup).
    pub rows: usize,
}

/// Keeps letters and digits of a name for a file name ("Tienda Núñez" → "tienda-núñez").
fn file_stem(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { '-' })
        .collect();
    let stem = stem
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "workspace".to_string()
    } else {
        stem
    }
}

fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Every record of the open workspace as one backup file.
pub async fn make_backup(workspace: WorkspaceState, locale: Locale) -> Result<OutFile, AppError> {
    let db = workspace.db_untracked()?;
    let name = match workspace.status() {
        DbStatus::Ready { workspace, .. } => workspace.name,
        _ => String::new(),
    };
    let mut snapshot = Backup::new(&name, &now_iso());
    snapshot.bundle = db.bundle().await?;
    let counts = snapshot.counts();
    let bytes = backup::encode(&snapshot).map_err(|e| AppError::new(e.sentence(locale)))?;
    Ok(OutFile {
        name: format!(
            "customer-insight-{}-{}.{}",
            file_stem(&name),
            today().format("%Y-%m-%d"),
            backup::EXTENSION
        ),
        bytes,
        rows: (counts.customers + counts.transactions + counts.interactions) as usize,
    })
}

/// Reads a backup file the person chose, checking all of it before anything is restored.
pub async fn read_backup(file: web_sys::File, locale: Locale) -> Result<Backup, AppError> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| AppError::new(describe_js(&e)))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    backup::decode(&bytes).map_err(|e| AppError::new(e.sentence(locale)))
}

fn describe_js(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the browser could not read it".to_string())
}

/// Replaces everything in the open workspace by the backup (one transaction); every view
/// refreshes.
pub async fn restore_into_current(workspace: WorkspaceState, backup: &Backup) -> Result<(), AppError> {
    let db = workspace.db_untracked()?;
    let revision = db
        .restore(&backup.bundle, Subject::Restore(backup.workspace_name.clone()))
        .await?;
    workspace.note_revision(revision);
    Ok(())
}

/// Creates a workspace named `name`, restores the backup into it, and switches to it. If
/// the restore fails, the new workspace is deleted again: nothing is left half-made.
pub async fn restore_into_new(name: String, backup: &Backup) -> Result<(), AppError> {
    let info = workspaces::create(name.trim()).await?;
    let db = WorkspaceDb::open(&info.id).await?;
    let result = db
        .restore(&backup.bundle, Subject::Restore(backup.workspace_name.clone()))
        .await;
    db.close();
    match result {
        Ok(_) => {
            switch_workspace(&info.id);
            Ok(())
        }
        Err(err) => {
            let _ = workspaces::delete(&info.id).await;
            Err(err.into())
        }
    }
}

/// The scores file of the customers at `indices` of the analysis (customers without scores
/// are left out), exactly as `insight score` writes it.
pub fn scores_file(rows: &[CustomerRow], indices: &[u32]) -> OutFile {
    let (bytes, written) = csv::scores_csv_of_rows(
        indices.iter().filter_map(|&i| rows.get(i as usize)),
        CsvOptions { utf8_bom: true },
    );
    OutFile {
        name: format!("customer-insight-scores-{}.csv", today().format("%Y-%m-%d")),
        bytes,
        rows: written,
    }
}

/// The customers file of the customers at `indices`: their records, and for customers
/// known only from transactions, a line with their id.
pub async fn customers_file(
    workspace: WorkspaceState,
    rows: Vec<CustomerRow>,
) -> Result<OutFile, AppError> {
    let db = workspace.db_untracked()?;
    let mut records: HashMap<String, Customer> = db
        .customers()
        .await?
        .into_iter()
        .map(|c| (c.id.clone(), c))
        .collect();
    let customers: Vec<Customer> = rows
        .into_iter()
        .map(|row| {
            records.remove(&row.id).unwrap_or_else(|| Customer {
                name: String::new(),
                id: row.id,
                ..Customer::default()
            })
        })
        .collect();
    Ok(OutFile {
        name: format!("customer-insight-customers-{}.csv", today().format("%Y-%m-%d")),
        bytes: csv::customers_csv(&customers, CsvOptions { utf8_bom: true }),
        rows: customers.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_stems_keep_letters_and_digits() {
        assert_eq!(file_stem("Tienda Núñez 2"), "tienda-núñez-2");
        assert_eq!(file_stem("  //  "), "workspace");
        assert_eq!(file_stem("客户 A/B"), "客户-a-b");
    }
}
