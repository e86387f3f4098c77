//! Contacts with customers as a columnar block.

use super::{
    codes_ok, compact_ids, days_ok, dict_ok, indices_ok, money_ok, same_length, text_ok, Block,
    BlockBuilder, BlockError, BlockKind,
};
use crate::domain::day::{date_of_day, day_number, Day};
use crate::domain::text::{retain_by, Dict, DictBuilder, Interner, Strings};
use crate::domain::{Interaction, InteractionKind, Money};
use serde::{Deserialize, Serialize};

/// One block of interactions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InteractionBlock {
    /// The block's customer ids; `customer[i]` indexes this list.
    pub ids: Strings,
    /// Each row's customer (an index into `ids`).
    pub customer: Vec<u32>,
    /// Each row's day number.
    pub day: Vec<Day>,
    /// Each row's kind code ([`InteractionKind::code`]).
    pub kind: Vec<u8>,
    /// Each row's own cost in minor units, [`crate::domain::money::NO_MONEY`] when not given.
    pub cost: Vec<i64>,
    /// Each row's note.
    pub note: Strings,
    /// Each row's outcome.
    pub outcome: Dict,
}

impl InteractionBlock {
    /// Row `i`'s kind.
    #[inline]
    pub fn kind_at(&self, i: usize) -> InteractionKind {
        self.kind
            .get(i)
            .and_then(|&c| InteractionKind::from_code(c))
            .unwrap_or(InteractionKind::Other)
    }
}

impl Block for InteractionBlock {
    const KIND: BlockKind = BlockKind::Interactions;
    type Record = Interaction;
    type Builder = InteractionBlockBuilder;

    super::rows_name_customers!();

    fn record(&self, i: usize) -> Option<Interaction> {
        let customer = *self.customer.get(i)?;
        Some(Interaction {
            customer_id: self.ids.get(customer).to_owned(),
            kind: self.kind_at(i),
            date: date_of_day(*self.day.get(i)?)?,
            cost: Money::from_column(*self.cost.get(i)?),
            note: self.note.get(i as u32).to_owned(),
            outcome: self.outcome.get(i).map(str::to_owned),
        })
    }

    fn retain_rows(&mut self, keep: &[bool]) {
        retain_by(&mut self.customer, keep);
        retain_by(&mut self.day, keep);
        retain_by(&mut self.kind, keep);
        retain_by(&mut self.cost, keep);
        self.note.retain(keep);
        self.outcome.retain_rows(keep);
        compact_ids(&mut self.ids, &mut self.customer);
    }

    fn validate(&self) -> Result<(), BlockError> {
        let n = self.len();
        same_length("day", self.day.len(), n)?;
        same_length("kind", self.kind.len(), n)?;
        same_length("cost", self.cost.len(), n)?;
        same_length("note", self.note.len(), n)?;
        text_ok("ids", &self.ids)?;
        text_ok("note", &self.note)?;
        indices_ok("customer", &self.customer, self.ids.len())?;
        dict_ok("outcome", &self.outcome, n)?;
        days_ok("day", &self.day, false)?;
        money_ok("cost", &self.cost, true)?;
        codes_ok("kind", &self.kind, InteractionKind::ALL.len())
    }
}

/// Builds an [`InteractionBlock`].
#[derive(Debug, Default)]
pub struct InteractionBlockBuilder {
    ids: Interner,
    customer: Vec<u32>,
    day: Vec<Day>,
    kind: Vec<u8>,
    cost: Vec<i64>,
    note: Strings,
    outcome: DictBuilder,
}

impl BlockBuilder<InteractionBlock> for InteractionBlockBuilder {
    fn from_block(b: InteractionBlock) -> Self {
        InteractionBlockBuilder {
            ids: Interner::from_strings(b.ids),
            customer: b.customer,
            day: b.day,
            kind: b.kind,
            cost: b.cost,
            note: b.note,
            outcome: DictBuilder::from_dict(b.outcome),
        }
    }

    fn push(&mut self, r: &Interaction) {
        self.customer.push(self.ids.intern(&r.customer_id));
        self.day.push(day_number(r.date));
        self.kind.push(r.kind.code());
        self.cost.push(Money::to_column(r.cost));
        self.note.push(&r.note);
        self.outcome.push(r.outcome.as_deref());
    }

    fn len(&self) -> usize {
        self.customer.len()
    }

    fn finish(self) -> InteractionBlock {
        InteractionBlock {
            ids: self.ids.finish(),
            customer: self.customer,
            day: self.day,
            kind: self.kind,
            cost: self.cost,
            note: self.note,
            outcome: self.outcome.finish(),
        }
    }
}
