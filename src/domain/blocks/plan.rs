//! Contact plans as a columnar block. As with customers, a row *is* a customer's plan:
//! `ids[i]` is row `i`'s customer, distinct within the block, and a later block's plan of a
//! customer replaces an earlier one's (see [`crate::domain::bundle::current_plans`]).

use super::{codes_ok, rows_are_customers, days_ok, same_length, text_ok, Block, BlockBuilder, BlockError, BlockKind};
use crate::domain::day::{date_or_none, day_or_none, Day};
use crate::domain::text::Strings;
use crate::domain::{Cadence, ContactPlan};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// One block of contact plans.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanBlock {
    /// Each row's customer id.
    pub ids: Strings,
    /// Each row's cadence, as [`Cadence::code`].
    pub cadence: Vec<u8>,
    /// When the next contact is due, [`crate::domain::day::NO_DAY`] for none.
    pub next_due: Vec<Day>,
    /// The last logged contact, [`crate::domain::day::NO_DAY`] for none.
    pub last_contact: Vec<Day>,
}

impl Block for PlanBlock {
    const KIND: BlockKind = BlockKind::Plans;
    type Record = ContactPlan;
    type Builder = PlanBlockBuilder;

    rows_are_customers!();

    fn record(&self, i: usize) -> Option<ContactPlan> {
        if i >= self.len() {
            return None;
        }
        Some(ContactPlan {
            customer_id: self.ids.get(i as u32).to_owned(),
            cadence: self.cadence.get(i).copied().and_then(Cadence::from_code)?,
            next_due: self.next_due.get(i).copied().and_then(date_or_none),
            last_contact: self.last_contact.get(i).copied().and_then(date_or_none),
        })
    }

    fn retain_rows(&mut self, keep: &[bool]) {
        self.ids.retain(keep);
        crate::domain::text::retain_by(&mut self.cadence, keep);
        crate::domain::text::retain_by(&mut self.next_due, keep);
        crate::domain::text::retain_by(&mut self.last_contact, keep);
    }

    fn validate(&self) -> Result<(), BlockError> {
        let n = self.len();
        text_ok("ids", &self.ids)?;
        same_length("cadence", self.cadence.len(), n)?;
        same_length("next_due", self.next_due.len(), n)?;
        same_length("last_contact", self.last_contact.len(), n)?;
        codes_ok("cadence", &self.cadence, Cadence::ALL.len())?;
        days_ok("next_due", &self.next_due, true)?;
        days_ok("last_contact", &self.last_contact, true)?;
        let mut seen = FxHashSet::default();
        if !self.ids.iter().all(|id| seen.insert(id)) {
            return Err(BlockError::RepeatedCustomer);
        }
        Ok(())
    }
}

/// Builds a [`PlanBlock`]; callers push each customer once (a later layer replaces).
#[derive(Debug, Default)]
pub struct PlanBlockBuilder {
    block: PlanBlock,
}

impl BlockBuilder<PlanBlock> for PlanBlockBuilder {
    fn from_block(block: PlanBlock) -> Self {
        PlanBlockBuilder { block }
    }

    fn push(&mut self, p: &ContactPlan) {
        let b = &mut self.block;
        b.ids.push(&p.customer_id);
        b.cadence.push(p.cadence.code());
        b.next_due.push(day_or_none(p.next_due));
        b.last_contact.push(day_or_none(p.last_contact));
    }

    fn len(&self) -> usize {
        self.block.len()
    }

    fn finish(self) -> PlanBlock {
        self.block
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn plan(id: &str, cadence: Cadence, due: Option<(i32, u32, u32)>) -> ContactPlan {
        ContactPlan {
            customer_id: id.to_string(),
            cadence,
            next_due: due.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            last_contact: None,
        }
    }

    #[test]
    fn plans_round_trip_through_the_encoding() {
        let plans = vec![
            plan("C1", Cadence::Weekly, Some((2025, 3, 1))),
            plan("", Cadence::NoPlan, None),
            plan("a\u{1f}b\t\"c\"", Cadence::Quarterly, Some((1999, 12, 31))),
        ];
        let blocks = PlanBlock::from_records(&plans);
        assert_eq!(blocks.len(), 1);
        let back = PlanBlock::decode(&blocks[0].encode()).expect("decodes");
        assert_eq!(back.records().collect::<Vec<_>>(), plans);
    }

    #[test]
    fn a_damaged_block_is_refused() {
        let mut b = PlanBlock::from_records(&[plan("C1", Cadence::Monthly, None)]).remove(0);
        b.cadence[0] = 99;
        assert_eq!(b.validate(), Err(BlockError::UnknownCode { column: "cadence" }));
        let mut twice = PlanBlock::from_records(&[plan("C1", Cadence::Monthly, None)]).remove(0);
        twice.extend([&plan("C1", Cadence::Weekly, None)]);
        assert_eq!(twice.validate(), Err(BlockError::RepeatedCustomer));
    }
}
