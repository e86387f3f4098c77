//! The only bridge from storage and analytics into signals: small `Copy` context
//! structs with `provide_x()` / `use_x()`. Components never call storage.

pub mod actions;
pub mod analysis;
pub mod backup;
pub mod device;
pub mod i18n;
pub mod transfer;
pub mod worker;
pub mod workspace;

pub use analysis::{provide_analysis, use_analysis, AnalysisState};
pub use i18n::{provide_i18n, use_i18n, I18n};
pub use workspace::{provide_workspace, use_workspace, DbStatus, WorkspaceState};

/// The workspace list as the views see it.
pub use crate::domain::WorkspaceInfo;
