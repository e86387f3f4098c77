//! The analytics engine: every number of METRICS.md as pure functions over plain data.
//!
//! Pure: no clock, no I/O, no browser crates; runs the same natively, in tests and in the
//! browser worker. The one-call pipeline is [`score::score`].

pub mod bg_bb;
pub mod bg_nbd;
pub mod churn;
pub mod clv;
pub mod cohorts;
pub mod error;
pub mod fit;
pub mod gamma_gamma;
pub mod group;
pub mod ledger;
pub mod mbg_nbd;
pub mod model;
pub mod optimize;
pub mod pareto_nbd;
pub mod profit;
pub mod pyramid;
pub mod quadrants;
pub mod rfm;
pub mod score;
pub mod simulate;
pub mod special;
pub mod summary;
pub mod tolerance;
pub mod whale;
pub mod workspace;

pub use error::AnalyticsError;
pub use ledger::{ExitInput, InteractionInput, Ledger, LedgerBuilder};
pub use score::{score, CustomerScore, ScoreOptions, ScoreReport, Scoring, Stage};
