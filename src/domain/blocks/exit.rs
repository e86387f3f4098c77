//! Recorded exits as a columnar block.

use super::{
    codes_ok, compact_ids, days_ok, indices_ok, same_length, text_ok, Block, BlockBuilder,
    BlockError, BlockKind,
};
use crate::domain::day::{date_of_day, day_number, Day};
use crate::domain::text::{retain_by, Interner, Strings};
use crate::domain::{Exit, ExitReason};
use serde::{Deserialize, Serialize};

/// One block of exits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExitBlock {
    /// The block's customer ids; `customer[i]` indexes this list.
    pub ids: Strings,
    /// Each row's customer (an index into `ids`).
    pub customer: Vec<u32>,
    /// Each row's day number.
    pub day: Vec<Day>,
    /// Each row's reason code ([`ExitReason::code`]).
    pub reason: Vec<u8>,
    /// Each row's note.
    pub note: Strings,
}

impl ExitBlock {
    /// Row `i`'s reason.
    #[inline]
    pub fn reason_at(&self, i: usize) -> ExitReason {
        self.reason
            .get(i)
            .and_then(|&c| ExitReason::from_code(c))
            .unwrap_or(ExitReason::Other)
    }
}

impl Block for ExitBlock {
    const KIND: BlockKind = BlockKind::Exits;
    type Record = Exit;
    type Builder = ExitBlockBuilder;

    super::rows_name_customers!();

    fn record(&self, i: usize) -> Option<Exit> {
        let customer = *self.customer.get(i)?;
        Some(Exit {
            customer_id: self.ids.get(customer).to_owned(),
            date: date_of_day(*self.day.get(i)?)?,
            reason: self.reason_at(i),
            note: self.note.get(i as u32).to_owned(),
        })
    }

    fn retain_rows(&mut self, keep: &[bool]) {
        retain_by(&mut self.customer, keep);
        retain_by(&mut self.day, keep);
        retain_by(&mut self.reason, keep);
        self.note.retain(keep);
        compact_ids(&mut self.ids, &mut self.customer);
    }

    fn validate(&self) -> Result<(), BlockError> {
        let n = self.len();
        same_length("day", self.day.len(), n)?;
        same_length("reason", self.reason.len(), n)?;
        same_length("note", self.note.len(), n)?;
        text_ok("ids", &self.ids)?;
        text_ok("note", &self.note)?;
        indices_ok("customer", &self.customer, self.ids.len())?;
        days_ok("day", &self.day, false)?;
        codes_ok("reason", &self.reason, ExitReason::ALL.len())
    }
}

/// Builds an [`ExitBlock`].
#[derive(Debug, Default)]
pub struct ExitBlockBuilder {
    ids: Interner,
    customer: Vec<u32>,
    day: Vec<Day>,
    reason: Vec<u8>,
    note: Strings,
}

impl BlockBuilder<ExitBlock> for ExitBlockBuilder {
    fn from_block(b: ExitBlock) -> Self {
        ExitBlockBuilder {
            ids: Interner::from_strings(b.ids),
            customer: b.customer,
            day: b.day,
            reason: b.reason,
            note: b.note,
        }
    }

    fn push(&mut self, r: &Exit) {
        self.customer.push(self.ids.intern(&r.customer_id));
        self.day.push(day_number(r.date));
        self.reason.push(r.reason.code());
        self.note.push(&r.note);
    }

    fn len(&self) -> usize {
        self.customer.len()
    }

    fn finish(self) -> ExitBlock {
        ExitBlock {
            ids: self.ids.finish(),
            customer: self.customer,
            day: self.day,
            reason: self.reason,
            note: self.note,
        }
    }
}
