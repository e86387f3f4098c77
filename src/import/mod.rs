//! Reading data files: CSV sniffing, column mapping and validation with row-numbered errors (pure).
//!
//! Two ways in, on one set of value parsers ([`values`]):
//! - the streaming readers of the `insight` CLI ([`TransactionReader`] and friends) read any
//!   `std::io::Read`, map a known header ([`columns`]) and stop at the first problem, an
//!   [`ImportError`] naming the file, the row (the header is row 1), the column and the value;
//! - the import wizard's engine reads a whole file held in memory: [`sniff()`] proposes an
//!   encoding, delimiter, header, decimal separator and date order; [`mapping`] guesses which
//!   column holds which field from header names in four languages; an [`ImportPlan`] records
//!   the person's choices; [`preview()`] shows the first rows as they will be stored and
//!   [`parse()`] validates every row, keeps the good ones (transactions as columnar
//!   [`crate::domain::blocks::TransactionBlock`]s) and lists the [`RowProblem`]s; [`customers`] splits imported
//!   customers into creations and updates.
//!
//! Nothing here touches the filesystem, threads or clocks, so it runs in wasm too.
//!
//! ```
//! use customer_insight::import::{parse, preview, sniff, ImportPlan, ParsedRecords, RecordKind};
//! let bytes = b"customer_id,date,amount\nC1,2024-03-31,12.50\nC2,2024-04-01,7\n";
//! // 1. Sniff the first 64 KB and propose a plan (the wizard lets the person change it).
//! let sniffed = sniff(bytes);
//! let plan = ImportPlan::from_sniff(RecordKind::Transactions, &sniffed);
//! // 2. Preview the first rows as they will be stored.
//! let today = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
//! let rows = preview(&plan, bytes, 20, today).unwrap();
//! assert_eq!(rows[0].cells[2].value.display(), "12.50");
//! // 3. Parse every row into columns ready for storage blocks.
//! let parsed = parse(&plan, bytes, today, &mut |progress| { let _ = progress.fraction(); }).unwrap();
//! let ParsedRecords::Transactions(columns) = parsed.records else { unreachable!() };
//! assert_eq!(columns[0].amount, vec![1250, 700]);
//! ```

mod blocks;
pub mod columns;
pub mod customers;
pub mod error;
pub mod exits;
pub mod interactions;
pub mod mapping;
pub mod parse;
pub mod plan;
mod records;
pub mod sniff;
pub mod transactions;
pub mod values;

pub use blocks::grouped_blocks;
pub use columns::{normalize_header, ColumnMap, FieldSpec};
pub use customers::{merge_customer, split_customers, split_owned_customers, CustomerSplit, CustomerUpdate};
pub use error::{Expected, ImportError, ImportProblem};
pub use exits::{read_exits, ExitReader, ExitRow, EXIT_FIELDS};
pub use interactions::{read_interactions, InteractionReader, InteractionRow, INTERACTION_FIELDS};
pub use mapping::{
    guess_kind, guess_mapping, CustomerKey, Field, FieldGuess, Mapping, MappingGuess, RecordKind,
};
pub use parse::{
    column_names, parse, preview, ImportedRow, ParseProgress, Parsed, ParsedRecords, PreviewCell, PreviewRow,
    Value, MAX_PROBLEMS,
};
pub use plan::{ImportPlan, PlanError, Problem, RowProblem};
pub use records::ImportOptions;
pub use sniff::{
    sniff, DateGuess, DecimalSeparator, Delimiter, Sniffed, TextEncoding, SNIFF_BYTES,
};
pub use transactions::{read_transactions, TransactionReader, TransactionRow, TRANSACTION_FIELDS};
pub use values::{DateFormat, DateOrder};
