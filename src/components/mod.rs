//! Reusable views: they render props and emit callbacks, and never call storage.

pub mod data_area;
pub mod empty_state;
pub mod page_header;
pub mod status_banner;

pub use data_area::DataArea;
pub use empty_state::EmptyState;
pub use page_header::PageHeader;
pub use status_banner::StatusBanner;
