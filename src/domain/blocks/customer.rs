//! Customer records as a columnar block. Unlike the other kinds, a row *is* a customer:
//! `ids[i]` is row `i`'s id, distinct within the block.

use super::{codes_ok, rows_are_customers, days_ok, dict_ok, same_length, text_ok, Block, BlockBuilder, BlockError, BlockKind};
use crate::domain::day::{date_or_none, day_or_none, Day};
use crate::domain::text::{retain_by, Dict, DictBuilder, Interner, Strings};
use crate::domain::{Customer, RelationshipLevel};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// One block of customers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerBlock {
    /// Each row's customer id.
    pub ids: Strings,
    /// Each row's name.
    pub name: Strings,
    /// Company.
    pub company: Dict,
    /// E-mail address.
    pub email: Dict,
    /// Telephone.
    pub phone: Dict,
    /// Postal address.
    pub address: Dict,
    /// Marketing segment.
    pub segment: Dict,
    /// Acquisition channel.
    pub channel: Dict,
    /// Acquisition day, [`crate::domain::day::NO_DAY`] when not known.
    pub acquired: Vec<Day>,
    /// The distinct tags of the block.
    pub tag_values: Strings,
    /// Every row's tags, one after the other, as indices into `tag_values`.
    pub tags: Vec<u32>,
    /// Where each row's tags end in `tags` (row `i` has `tags[tag_ends[i-1]..tag_ends[i]]`).
    pub tag_ends: Vec<u32>,
    /// Free notes.
    pub notes: Strings,
    /// Relationship level: 0 none, else 1 + [`RelationshipLevel::code`].
    pub level: Vec<u8>,
    /// The responsible manager's id.
    pub manager: Dict,
}

impl CustomerBlock {
    fn tags_of(&self, i: usize) -> Vec<String> {
        let end = self.tag_ends.get(i).copied().unwrap_or(0) as usize;
        let start = match i {
            0 => 0,
            _ => self.tag_ends.get(i - 1).copied().unwrap_or(0) as usize,
        };
        self.tags
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .map(|&t| self.tag_values.get(t).to_owned())
            .collect()
    }

    /// Row `i`'s manager, without building the whole record.
    pub fn manager_at(&self, i: usize) -> Option<&str> {
        self.manager.get(i)
    }
}

impl Block for CustomerBlock {
    const KIND: BlockKind = BlockKind::Customers;
    type Record = Customer;
    type Builder = CustomerBlockBuilder;

    rows_are_customers!();

    fn record(&self, i: usize) -> Option<Customer> {
        if i >= self.len() {
            return None;
        }
        let text = |d: &Dict| d.get(i).map(str::to_owned);
        Some(Customer {
            id: self.ids.get(i as u32).to_owned(),
            name: self.name.get(i as u32).to_owned(),
            company: text(&self.company),
            email: text(&self.email),
            phone: text(&self.phone),
            address: text(&self.address),
            segment: text(&self.segment),
            acquisition_channel: text(&self.channel),
            acquisition_date: self.acquired.get(i).copied().and_then(date_or_none),
            tags: self.tags_of(i),
            notes: self.notes.get(i as u32).to_owned(),
            relationship_level: match self.level.get(i).copied() {
                None | Some(0) => None,
                Some(c) => RelationshipLevel::from_code(c - 1),
            },
            manager_id: text(&self.manager),
        })
    }

    fn retain_rows(&mut self, keep: &[bool]) {
        let mut tags = Vec::with_capacity(self.tags.len());
        let mut tag_ends = Vec::with_capacity(self.tag_ends.len());
        let mut start = 0usize;
        for (i, &end) in self.tag_ends.iter().enumerate() {
            if keep.get(i).copied().unwrap_or(false) {
                tags.extend_from_slice(self.tags.get(start..end as usize).unwrap_or(&[]));
                tag_ends.push(tags.len() as u32);
            }
            start = end as usize;
        }
        self.tags = tags;
        self.tag_ends = tag_ends;
        self.ids.retain(keep);
        self.name.retain(keep);
        for d in [
            &mut self.company,
            &mut self.email,
            &mut self.phone,
            &mut self.address,
            &mut self.segment,
            &mut self.channel,
            &mut self.manager,
        ] {
            d.retain_rows(keep);
        }
        retain_by(&mut self.acquired, keep);
        self.notes.retain(keep);
        retain_by(&mut self.level, keep);
    }

    fn validate(&self) -> Result<(), BlockError> {
        let n = self.len();
        text_ok("ids", &self.ids)?;
        text_ok("name", &self.name)?;
        text_ok("notes", &self.notes)?;
        text_ok("tag_values", &self.tag_values)?;
        same_length("name", self.name.len(), n)?;
        same_length("notes", self.notes.len(), n)?;
        same_length("acquired", self.acquired.len(), n)?;
        same_length("tag_ends", self.tag_ends.len(), n)?;
        same_length("level", self.level.len(), n)?;
        for (column, d) in [
            ("company", &self.company),
            ("email", &self.email),
            ("phone", &self.phone),
            ("address", &self.address),
            ("segment", &self.segment),
            ("channel", &self.channel),
            ("manager", &self.manager),
        ] {
            dict_ok(column, d, n)?;
        }
        days_ok("acquired", &self.acquired, true)?;
        codes_ok("level", &self.level, RelationshipLevel::ALL.len() + 1)?;
        let mut previous = 0u32;
        for &end in &self.tag_ends {
            if end < previous || end as usize > self.tags.len() {
                return Err(BlockError::OutOfRange { column: "tag_ends" });
            }
            previous = end;
        }
        if previous as usize != self.tags.len() {
            return Err(BlockError::OutOfRange { column: "tag_ends" });
        }
        if self.tags.iter().any(|&t| t as usize >= self.tag_values.len()) {
            return Err(BlockError::OutOfRange { column: "tags" });
        }
        let mut seen = FxHashSet::default();
        if !self.ids.iter().all(|id| seen.insert(id)) {
            return Err(BlockError::RepeatedCustomer);
        }
        Ok(())
    }
}

/// Builds a [`CustomerBlock`]. A customer pushed twice keeps both rows; callers push each
/// id once (see [`crate::domain::bundle`] for how layers of customers merge).
#[derive(Debug, Default)]
pub struct CustomerBlockBuilder {
    ids: Strings,
    name: Strings,
    company: DictBuilder,
    email: DictBuilder,
    phone: DictBuilder,
    address: DictBuilder,
    segment: DictBuilder,
    channel: DictBuilder,
    acquired: Vec<Day>,
    tag_values: Interner,
    tags: Vec<u32>,
    tag_ends: Vec<u32>,
    notes: Strings,
    level: Vec<u8>,
    manager: DictBuilder,
}

impl BlockBuilder<CustomerBlock> for CustomerBlockBuilder {
    fn from_block(b: CustomerBlock) -> Self {
        CustomerBlockBuilder {
            ids: b.ids,
            name: b.name,
            company: DictBuilder::from_dict(b.company),
            email: DictBuilder::from_dict(b.email),
            phone: DictBuilder::from_dict(b.phone),
            address: DictBuilder::from_dict(b.address),
            segment: DictBuilder::from_dict(b.segment),
            channel: DictBuilder::from_dict(b.channel),
            acquired: b.acquired,
            tag_values: Interner::from_strings(b.tag_values),
            tags: b.tags,
            tag_ends: b.tag_ends,
            notes: b.notes,
            level: b.level,
            manager: DictBuilder::from_dict(b.manager),
        }
    }

    fn push(&mut self, c: &Customer) {
        self.ids.push(&c.id);
        self.name.push(&c.name);
        self.company.push(c.company.as_deref());
        self.email.push(c.email.as_deref());
        self.phone.push(c.phone.as_deref());
        self.address.push(c.address.as_deref());
        self.segment.push(c.segment.as_deref());
        self.channel.push(c.acquisition_channel.as_deref());
        self.acquired.push(day_or_none(c.acquisition_date));
        for t in &c.tags {
            self.tags.push(self.tag_values.intern(t));
        }
        self.tag_ends.push(self.tags.len() as u32);
        self.notes.push(&c.notes);
        self.level
            .push(c.relationship_level.map_or(0, |l| l.code() + 1));
        self.manager.push(c.manager_id.as_deref());
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    fn finish(self) -> CustomerBlock {
        CustomerBlock {
            ids: self.ids,
            name: self.name,
            company: self.company.finish(),
            email: self.email.finish(),
            phone: self.phone.finish(),
            address: self.address.finish(),
            segment: self.segment.finish(),
            channel: self.channel.finish(),
            acquired: self.acquired,
            tag_values: self.tag_values.finish(),
            tags: self.tags,
            tag_ends: self.tag_ends,
            notes: self.notes,
            level: self.level,
            manager: self.manager.finish(),
        }
    }
}
