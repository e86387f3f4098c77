//! Reading data files: CSV sniffing, column mapping and validation with row-numbered errors (pure).
//!
//! Every reader streams over any `std::io::Read` (a file natively, a byte slice in the browser),
//! reuses one `csv::ByteRecord`, maps the header to known columns ([`columns`]) and parses values
//! by hand where it matters for speed ([`values`]). Errors are one type, [`ImportError`], whose
//! message names the file, the row (the header is row 1), the column, the value and what was
//! expected. Nothing here touches the filesystem, threads or clocks, so it runs in wasm too.

pub mod columns;
pub mod error;
pub mod exits;
pub mod interactions;
mod records;
pub mod transactions;
pub mod values;

pub use columns::{normalize_header, ColumnMap, FieldSpec};
pub use error::{Expected, ImportError, ImportProblem};
pub use exits::{read_exits, ExitReader, ExitRow, EXIT_FIELDS};
pub use interactions::{read_interactions, InteractionReader, InteractionRow, INTERACTION_FIELDS};
pub use records::ImportOptions;
pub use transactions::{read_transactions, TransactionReader, TransactionRow, TRANSACTION_FIELDS};
pub use values::DateFormat;
