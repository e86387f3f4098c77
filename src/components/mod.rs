//! Reusable views: they render props and emit callbacks, and never call storage.

pub mod analysis_view;
pub mod charts;
pub mod data_area;
pub mod download;
pub mod empty_state;
pub mod later;
pub mod page_header;
pub mod progress;
pub mod resize;
pub mod room_warning;
pub mod status_banner;
pub mod virtual_rows;
pub mod what_if;

pub use analysis_view::AnalysisView;
pub use data_area::DataArea;
pub use empty_state::EmptyState;
pub use later::Later;
pub use page_header::PageHeader;
pub use progress::ProgressBar;
pub use room_warning::RoomWarning;
pub use status_banner::StatusBanner;
pub use virtual_rows::VirtualRows;
pub use what_if::WhatIfCalculator;
