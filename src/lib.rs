//! Customer Insight: customer analytics and relationship management that runs
//! entirely in the browser.
//!
//! # The dependency rule
//!
//! ```text
//! pages, components  →  state  →  storage    →  domain
//!                              ↘  analytics  →  domain
//! components/charts  →  analytics (its output types only)
//! worker             →  storage, analytics
//! bin/ (native CLI)  →  import, analytics
//! ```
//!
//! `domain`, `analytics`, `import` and `i18n` are pure: they use only `std`,
//! `serde` and numeric/date crates, build and test natively, and take "now"
//! (`as_of`) as a parameter. Everything that touches the browser is compiled
//! for `wasm32` only. `tests/architecture.rs` keeps the rule honest.

pub mod analytics;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod error;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod worker;
