//! One file per route: pages compose components and read state.

pub mod backup;
pub mod campaigns;
pub mod churn;
pub mod cohorts;
pub mod customer_profile;
pub mod customers;
pub mod dashboard;
pub mod import;
pub mod managers;
pub mod models;
pub mod not_found;
pub mod planning;
pub mod settings;
