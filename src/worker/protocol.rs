//! The messages between the page and the worker.

use crate::analytics::workspace::WorkspaceAnalysis;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// What the page asks of the worker; `job` ties answers to their request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Analyse a workspace database; answered by an `analysis` message with bytes.
    Analyze {
        job: u32,
        database: String,
        /// The language of the sentences a failure is told in.
        locale: Locale,
    },
    /// Check the repeat-purchase model on a calibration period ending at `split` (ISO
    /// date) against the rest; answered by a `holdout` message with one part.
    Holdout {
        job: u32,
        database: String,
        split: String,
        locale: Locale,
    },
    /// Generate the demo company, store it in the workspace in one transaction and analyse
    /// it; answered by a `loaded` message whose parts are the postcard revision and then the
    /// packed analysis.
    LoadDemo {
        job: u32,
        database: String,
        imported_at: String,
        batch_id: String,
        customers: u32,
        locale: Locale,
    },
    /// Read a file (a `blob:` URL of the picked `File`, which the worker fetches itself, so
    /// the page never holds or copies its bytes), validate every row with `plan`, and — when
    /// no row has a problem, or `skip_invalid` says to leave the bad rows out knowingly —
    /// store the good rows and an import batch in one transaction. Progress stages:
    /// `reading`, `parsing:<rows so far>`, `writing`, then the analysis' stages. Answered by
    /// an `import` message whose first part is a postcard [`ImportReport`], followed (when
    /// the rows were stored) by the packed analysis of the new revision.
    Import {
        job: u32,
        database: String,
        file_url: String,
        file_name: String,
        plan: crate::import::ImportPlan,
        /// Dates after this day (ISO) are problems.
        today: String,
        imported_at: String,
        batch_id: String,
        skip_invalid: bool,
        locale: Locale,
    },
}

impl Request {
    pub fn job(&self) -> u32 {
        match self {
            Request::Analyze { job, .. }
            | Request::Holdout { job, .. }
            | Request::LoadDemo { job, .. }
            | Request::Import { job, .. } => *job,
        }
    }

    /// The language the page speaks.
    pub fn locale(&self) -> Locale {
        match self {
            Request::Analyze { locale, .. }
            | Request::Holdout { locale, .. }
            | Request::LoadDemo { locale, .. }
            | Request::Import { locale, .. } => *locale,
        }
    }
}

/// What the worker tells the page (results as bytes travel outside this enum).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    /// The worker's module is loaded and listening.
    Ready,
    /// How far a job is, 0 to 1, and the stage it is in.
    Progress {
        job: u32,
        fraction: f32,
        stage: String,
    },
    /// A job that writes finished; the workspace is now at `revision`.
    Done { job: u32, revision: u64 },
    /// A job failed; `message` is a sentence for the person.
    Failed { job: u32, message: String },
}

/// The analysis with the revision of the data it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisEnvelope {
    pub revision: u64,
    pub analysis: WorkspaceAnalysis,
    /// How long each step took in the worker (milliseconds), for the console and benchmarks.
    pub timings: Vec<(String, f64)>,
}

/// What an import found and did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ImportReport {
    /// Data rows read (blank rows not counted).
    pub rows: u64,
    /// Rows without a problem.
    pub valid: u64,
    /// Rows with at least one problem.
    pub invalid: u64,
    /// Blank rows skipped.
    pub blank: u64,
    /// Every problem found (the list below holds the first ones).
    pub problem_count: u64,
    /// The first problems, in file order.
    pub problems: Vec<crate::import::RowProblem>,
    /// Whether the good rows were stored.
    pub written: bool,
    /// The workspace's revision after the write (0 when nothing was written).
    pub revision: u64,
    /// Records stored.
    pub stored: u64,
    /// Customers created and updated (customer files only).
    pub created: u64,
    pub updated: u64,
    /// How long each step took in the worker (milliseconds).
    pub timings: Vec<(String, f64)>,
}
