//! Columnar blocks: how every kind of record that grows with the customer base
//! (transactions, interactions, exits, campaign responses, customers) is held, stored,
//! backed up and read back — one shape from the import to IndexedDB to the engine.
//!
//! A block holds up to [`BLOCK_ROWS`] rows as parallel columns. Customers are named through
//! the block's own id table (`ids`, always the first field) and each row's index into it;
//! text is offset-encoded ([`Strings`], [`Dict`]), so any character survives; days are day
//! numbers ([`crate::domain::day`]); money is minor units with [`NO_MONEY`] for "not given";
//! enums are their codes.
//!
//! # The encoding
//!
//! A stored block is one byte string: a format byte ([`FORMAT`]), the kind's byte
//! ([`BlockKind`]), then the block's fields in [postcard](https://docs.rs/postcard) (varint
//! integers, length-prefixed text). Postcard rather than raw little-endian arrays: the day,
//! amount and index columns are small numbers, so a block takes about half the bytes of a
//! fixed-width layout (less of the browser's quota, less to copy), and decoding stays one pass.
//! Because `ids` comes first, [`peek_ids`] reads which customers a block names without
//! decoding its rows.

mod customer;
mod exit;
mod interaction;
mod plan;
mod response;
mod transaction;

pub use customer::CustomerBlock;
pub use exit::ExitBlock;
pub use interaction::InteractionBlock;
pub use plan::PlanBlock;
pub use response::ResponseBlock;
pub use transaction::{TransactionBlock, TransactionBlockBuilder};

use super::money::NO_MONEY;
use super::text::{Strings, TextProblem};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Rows per block.
pub const BLOCK_ROWS: usize = 10_000;

/// The encoding's version byte (the first byte of every encoded block).
pub const FORMAT: u8 = 1;

/// What a block holds: the second byte of its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BlockKind {
    /// Orders and returns.
    Transactions,
    /// Contacts with customers.
    Interactions,
    /// Recorded exits.
    Exits,
    /// Campaign responses.
    Responses,
    /// Customer records.
    Customers,
    /// Contact plans.
    Plans,
}

impl BlockKind {
    /// Every kind.
    pub const ALL: [BlockKind; 6] = [
        BlockKind::Transactions,
        BlockKind::Interactions,
        BlockKind::Exits,
        BlockKind::Responses,
        BlockKind::Customers,
        BlockKind::Plans,
    ];

    /// The byte that marks the kind in an encoded block.
    pub const fn tag(self) -> u8 {
        match self {
            BlockKind::Transactions => 1,
            BlockKind::Interactions => 2,
            BlockKind::Exits => 3,
            BlockKind::Responses => 4,
            BlockKind::Customers => 5,
            BlockKind::Plans => 6,
        }
    }
}

/// What is wrong with a block, as data (sentences live in `i18n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockError {
    /// The bytes are not a block of this version (or are cut short).
    Unreadable,
    /// The bytes hold another kind of block.
    WrongKind {
        /// The kind expected.
        expected: BlockKind,
    },
    /// A column's length differs from the block's row count.
    ColumnLength {
        /// The column.
        column: &'static str,
        /// Its length.
        len: usize,
        /// The rows.
        rows: usize,
    },
    /// A row refers past the end of a table (an id, a product, a campaign, a tag).
    OutOfRange {
        /// The column.
        column: &'static str,
    },
    /// A column of text is damaged.
    Text {
        /// The column.
        column: &'static str,
        /// What is wrong.
        problem: TextProblem,
    },
    /// A day that is no calendar date.
    NotADate {
        /// The column.
        column: &'static str,
    },
    /// An amount beyond ±2^53 minor units (what JavaScript and `f64` hold exactly).
    BadAmount {
        /// The column.
        column: &'static str,
    },
    /// A code that names no variant (a kind, a reason, a level).
    UnknownCode {
        /// The column.
        column: &'static str,
    },
    /// A quantity that is infinite.
    BadNumber {
        /// The column.
        column: &'static str,
    },
    /// A customer id twice in one block of customers.
    RepeatedCustomer,
}

impl std::error::Error for BlockError {}

/// A block as kept in storage and backups: its key (which orders blocks by when they were
/// written, see [`seq_of_key`]) and the import batch that wrote it (`None` for what a person
/// entered), around the rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored<B> {
    /// The block's key, unique among the blocks of its kind.
    pub key: String,
    /// The import batch that wrote it.
    pub batch: Option<String>,
    /// The rows.
    pub block: B,
}

impl<B> Stored<B> {
    /// A block not stored yet: storage gives it its key, and the batch of the write.
    pub fn fresh(block: B) -> Stored<B> {
        Stored {
            key: String::new(),
            batch: None,
            block,
        }
    }

    /// Blocks not stored yet (see [`Stored::fresh`]).
    pub fn all_fresh(blocks: Vec<B>) -> Vec<Stored<B>> {
        blocks.into_iter().map(Stored::fresh).collect()
    }
}

/// A block key: the write sequence (the workspace revision the write created), zero-padded
/// so that keys sort in write order, then a name unique within that write.
pub fn block_key(seq: u64, name: &str) -> String {
    format!("{seq:012}-{name}")
}

/// The write sequence a [`block_key`] starts with (0 for a key in another form).
pub fn seq_of_key(key: &str) -> u64 {
    key.get(..12).and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// Builds a block row by row, interning ids and repeated text with a hash (see
/// [`crate::domain::text::Interner`]).
pub trait BlockBuilder<B: Block>: Default {
    /// A builder that continues `block` (its ids and tables are interned again).
    fn from_block(block: B) -> Self;
    /// Appends a record.
    fn push(&mut self, record: &B::Record);
    /// Rows so far.
    fn len(&self) -> usize;
    /// Whether no row was pushed.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The finished block.
    fn finish(self) -> B;
}

/// One kind of columnar block.
pub trait Block: Serialize + DeserializeOwned + Clone + Default + PartialEq {
    /// The kind, as marked in the encoding.
    const KIND: BlockKind;
    /// A row as a plain record.
    type Record;
    /// Its builder.
    type Builder: BlockBuilder<Self>;

    /// Number of rows.
    fn len(&self) -> usize;

    /// Whether there are no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The customer ids the block names.
    fn ids(&self) -> &Strings;

    /// Row `i`'s customer, as an index into [`Block::ids`].
    fn customer_index(&self, i: usize) -> u32;

    /// Row `i` as a record (`None` past the end).
    fn record(&self, i: usize) -> Option<Self::Record>;

    /// Keeps the rows for which `keep[i]` is true, and drops ids no row names any more.
    fn retain_rows(&mut self, keep: &[bool]);

    /// Checks everything decoding cannot: column lengths, indices, text, dates, amounts, codes.
    fn validate(&self) -> Result<(), BlockError>;

    /// Every row as a record.
    fn records(&self) -> impl Iterator<Item = Self::Record> + '_ {
        (0..self.len()).filter_map(|i| self.record(i))
    }

    /// Appends records to this block (a person's edits: it is not split at [`BLOCK_ROWS`]).
    fn extend<'a>(&mut self, records: impl IntoIterator<Item = &'a Self::Record>)
    where
        Self::Record: 'a,
    {
        let mut b = Self::Builder::from_block(std::mem::take(self));
        for r in records {
            b.push(r);
        }
        *self = b.finish();
    }

    /// Blocks of [`BLOCK_ROWS`] rows (the last one shorter) holding `records` in order.
    fn from_records<'a>(records: impl IntoIterator<Item = &'a Self::Record>) -> Vec<Self>
    where
        Self::Record: 'a,
    {
        let mut blocks = Vec::new();
        let mut current = Self::Builder::default();
        for r in records {
            if current.len() == BLOCK_ROWS {
                blocks.push(std::mem::take(&mut current).finish());
            }
            current.push(r);
        }
        if !current.is_empty() {
            blocks.push(current.finish());
        }
        blocks
    }

    /// Whether some row is about `customer_id`.
    fn names(&self, customer_id: &str) -> bool {
        self.ids().iter().any(|id| id == customer_id)
    }

    /// Keeps the rows of customers for which `keep(id)` is true; returns how many rows went.
    fn retain_customers(&mut self, keep: impl Fn(&str) -> bool) -> usize {
        let keep_id: Vec<bool> = self.ids().iter().map(&keep).collect();
        if keep_id.iter().all(|&k| k) {
            return 0;
        }
        let mask: Vec<bool> = (0..self.len())
            .map(|i| keep_id.get(self.customer_index(i) as usize).copied().unwrap_or(false))
            .collect();
        let before = self.len();
        self.retain_rows(&mask);
        before - self.len()
    }

    /// The block as bytes: [`FORMAT`], the kind's tag, then postcard.
    fn encode(&self) -> Vec<u8> {
        let out = vec![FORMAT, Self::KIND.tag()];
        // Writing into a Vec cannot fail: postcard reports only errors of its sink.
        postcard::to_extend(self, out).unwrap_or_default()
    }

    /// Reads an encoded block, checking it whole ([`Block::validate`]).
    fn decode(bytes: &[u8]) -> Result<Self, BlockError> {
        let body = body_of(bytes, Self::KIND)?;
        let block: Self = postcard::from_bytes(body).map_err(|_| BlockError::Unreadable)?;
        block.validate()?;
        Ok(block)
    }
}

fn body_of(bytes: &[u8], kind: BlockKind) -> Result<&[u8], BlockError> {
    match bytes {
        [FORMAT, tag, body @ ..] if *tag == kind.tag() => Ok(body),
        [FORMAT, _, ..] => Err(BlockError::WrongKind { expected: kind }),
        _ => Err(BlockError::Unreadable),
    }
}

/// The customer ids an encoded block names, read without decoding its rows.
pub fn peek_ids(bytes: &[u8], kind: BlockKind) -> Result<Strings, BlockError> {
    let body = body_of(bytes, kind)?;
    let (ids, _) =
        postcard::take_from_bytes::<Strings>(body).map_err(|_| BlockError::Unreadable)?;
    ids.check().map_err(|problem| BlockError::Text {
        column: "ids",
        problem,
    })?;
    Ok(ids)
}

// ---- Checks and edits shared by every kind. ----

/// The three methods of a kind whose rows each name a customer through `ids` and `customer`
/// (every kind but customers).
macro_rules! rows_name_customers {
    () => {
        fn len(&self) -> usize {
            self.customer.len()
        }

        fn ids(&self) -> &Strings {
            &self.ids
        }

        fn customer_index(&self, i: usize) -> u32 {
            self.customer.get(i).copied().unwrap_or(u32::MAX)
        }
    };
}
pub(crate) use rows_name_customers;

/// The same three methods for the kinds whose row *is* a customer (customers, contact
/// plans): `ids[i]` names row `i`.
macro_rules! rows_are_customers {
    () => {
        fn len(&self) -> usize {
            self.ids.len()
        }

        fn ids(&self) -> &Strings {
            &self.ids
        }

        fn customer_index(&self, i: usize) -> u32 {
            i as u32
        }
    };
}
pub(crate) use rows_are_customers;

/// Fails unless `len` equals `rows`.
pub(crate) fn same_length(column: &'static str, len: usize, rows: usize) -> Result<(), BlockError> {
    if len == rows {
        Ok(())
    } else {
        Err(BlockError::ColumnLength { column, len, rows })
    }
}

/// Checks a column of text.
pub(crate) fn text_ok(column: &'static str, s: &Strings) -> Result<(), BlockError> {
    s.check().map_err(|problem| BlockError::Text { column, problem })
}

/// Checks a dictionary column of `rows` rows.
pub(crate) fn dict_ok(
    column: &'static str,
    d: &super::text::Dict,
    rows: usize,
) -> Result<(), BlockError> {
    same_length(column, d.codes.len(), rows)?;
    d.check().map_err(|problem| match problem {
        TextProblem::Offsets if d.values.check().is_ok() => BlockError::OutOfRange { column },
        problem => BlockError::Text { column, problem },
    })
}

/// Checks an index column against a table of `n` entries.
pub(crate) fn indices_ok(column: &'static str, index: &[u32], n: usize) -> Result<(), BlockError> {
    if index.iter().any(|&i| i as usize >= n) {
        Err(BlockError::OutOfRange { column })
    } else {
        Ok(())
    }
}

/// Checks a column of day numbers (`optional`: [`crate::domain::day::NO_DAY`] allowed).
pub(crate) fn days_ok(column: &'static str, days: &[i32], optional: bool) -> Result<(), BlockError> {
    let ok = |d: i32| {
        (optional && d == super::day::NO_DAY) || super::day::date_of_day(d).is_some()
    };
    if days.iter().all(|&d| ok(d)) {
        Ok(())
    } else {
        Err(BlockError::NotADate { column })
    }
}

/// The largest amount of minor units a block holds: 2^53, exact in `f64` and JavaScript.
pub const MAX_MINOR: i64 = 1 << 53;

/// Checks a money column (`optional`: [`NO_MONEY`] allowed).
pub(crate) fn money_ok(column: &'static str, minor: &[i64], optional: bool) -> Result<(), BlockError> {
    let ok = |m: i64| (optional && m == NO_MONEY) || (-MAX_MINOR..=MAX_MINOR).contains(&m);
    if minor.iter().all(|&m| ok(m)) {
        Ok(())
    } else {
        Err(BlockError::BadAmount { column })
    }
}

/// Checks a column of enum codes against the enum's variant count.
pub(crate) fn codes_ok(column: &'static str, codes: &[u8], variants: usize) -> Result<(), BlockError> {
    if codes.iter().all(|&c| usize::from(c) < variants) {
        Ok(())
    } else {
        Err(BlockError::UnknownCode { column })
    }
}

/// After rows went: the ids still named, and each row's index into them.
pub(crate) fn compact_ids(ids: &mut Strings, customer: &mut [u32]) {
    let mut new_index = vec![u32::MAX; ids.len()];
    let mut kept = Strings::new();
    for c in customer.iter_mut() {
        let slot = &mut new_index[*c as usize];
        if *slot == u32::MAX {
            *slot = kept.push(ids.get(*c));
        }
        *c = *slot;
    }
    *ids = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_in_write_order_and_give_their_sequence_back() {
        let a = block_key(9, "b-1");
        let b = block_key(10, "a-0");
        assert!(a < b);
        assert_eq!(seq_of_key(&b), 10);
        assert_eq!(seq_of_key("legacy-key"), 0);
    }
}
