//! What leaves a workspace (pure): CSV exports of scores and customers, and whole-workspace
//! backups in one versioned, compressed file with their validated restore.
//!
//! Like `import`, nothing here touches files, clocks or the browser: functions take records
//! and return bytes (or bytes and return records), so the CLI, the worker and the tests share
//! them.

pub mod backup;
pub mod csv;

pub use backup::{decode, encode, Backup, BackupError, Damage};
pub use csv::{customers_csv, scores_csv, CsvLine, CsvOptions, CUSTOMERS_HEADER, SCORES_HEADER};
