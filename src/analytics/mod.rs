//! The analytics engine: every number of METRICS.md as pure functions over plain data.
pub mod simulate;
