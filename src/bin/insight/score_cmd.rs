//! `insight score`: read the CSV files, run the engine's one-call pipeline, write the
//! per-customer CSV and the JSON report.

use crate::{CliError, ScoreArgs};

/// Runs `insight score`.
pub fn run(_args: &ScoreArgs) -> Result<(), CliError> {
    Err(CliError::Usage("score is not ready yet".into()))
}
