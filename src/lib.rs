//! Customer Insight: customer analytics and relationship management that runs
//! entirely in the browser.
//!
//! # The dependency rule
//!
//! ```text
//! app                →  pages, components, state, storage, i18n, error, domain
//! pages              →  components, state, worker, error, i18n, demo, export, import, analytics, domain
//! components         →  state, error, i18n, analytics, domain
//! state              →  worker, error, i18n, storage, demo, export, import, analytics, domain
//! error              →  i18n, storage
//! worker             →  i18n, storage, demo, export, import, analytics, domain
//! i18n               →  storage, export, import, analytics, domain
//! bin/ (native CLI)  →  i18n, export, import, analytics, domain
//! export             →  analytics, domain
//! analytics, import,
//! demo, storage      →  domain
//! domain             →  nothing
//! ```
//!
//! `domain` is the one vocabulary every layer shares. `domain`, `analytics`, `import`,
//! `export`, `demo` and `i18n` are pure: they use only `std`, `serde` and numeric/date/CSV
//! crates, build and test natively, and take "now" (`as_of`) as a parameter. Everything that
//! touches the browser is compiled for `wasm32` only (`storage` keeps its plain error type on
//! every target, for `i18n` to word it). `tests/architecture.rs` checks the rule and that no
//! files reference each other in a loop.

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
