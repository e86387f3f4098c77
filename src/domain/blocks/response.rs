//! Campaign responses as a columnar block.

use super::{
    compact_ids, days_ok, indices_ok, money_ok, same_length, text_ok, Block, BlockBuilder,
    BlockError, BlockKind,
};
use crate::domain::day::{date_of_day, day_number, Day};
use crate::domain::text::{retain_by, Interner, Strings};
use crate::domain::{CampaignResponse, Money};
use serde::{Deserialize, Serialize};

/// One block of campaign responses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResponseBlock {
    /// The block's customer ids; `customer[i]` indexes this list.
    pub ids: Strings,
    /// Each row's customer (an index into `ids`).
    pub customer: Vec<u32>,
    /// The block's campaign ids; `campaign[i]` indexes this list.
    pub campaigns: Strings,
    /// Each row's campaign (an index into `campaigns`).
    pub campaign: Vec<u32>,
    /// Each row's day number.
    pub day: Vec<Day>,
    /// Each row's answer: 1 responded, 0 did not.
    pub responded: Vec<u8>,
    /// Each row's note.
    pub note: Strings,
    /// Each row's attributed revenue in minor units, [`crate::domain::money::NO_MONEY`] when
    /// none.
    pub revenue: Vec<i64>,
}

impl Block for ResponseBlock {
    const KIND: BlockKind = BlockKind::Responses;
    type Record = CampaignResponse;
    type Builder = ResponseBlockBuilder;

    super::rows_name_customers!();

    fn record(&self, i: usize) -> Option<CampaignResponse> {
        let customer = *self.customer.get(i)?;
        Some(CampaignResponse {
            campaign_id: self.campaigns.get(*self.campaign.get(i)?).to_owned(),
            customer_id: self.ids.get(customer).to_owned(),
            date: date_of_day(*self.day.get(i)?)?,
            responded: *self.responded.get(i)? == 1,
            note: self.note.get(i as u32).to_owned(),
            revenue: Money::from_column(*self.revenue.get(i)?),
        })
    }

    fn retain_rows(&mut self, keep: &[bool]) {
        retain_by(&mut self.customer, keep);
        retain_by(&mut self.campaign, keep);
        retain_by(&mut self.day, keep);
        retain_by(&mut self.responded, keep);
        self.note.retain(keep);
        retain_by(&mut self.revenue, keep);
        compact_ids(&mut self.ids, &mut self.customer);
        compact_ids(&mut self.campaigns, &mut self.campaign);
    }

    fn validate(&self) -> Result<(), BlockError> {
        let n = self.len();
        same_length("campaign", self.campaign.len(), n)?;
        same_length("day", self.day.len(), n)?;
        same_length("responded", self.responded.len(), n)?;
        same_length("note", self.note.len(), n)?;
        same_length("revenue", self.revenue.len(), n)?;
        text_ok("ids", &self.ids)?;
        text_ok("campaigns", &self.campaigns)?;
        text_ok("note", &self.note)?;
        indices_ok("customer", &self.customer, self.ids.len())?;
        indices_ok("campaign", &self.campaign, self.campaigns.len())?;
        days_ok("day", &self.day, false)?;
        money_ok("revenue", &self.revenue, true)?;
        if self.responded.iter().any(|&r| r > 1) {
            return Err(BlockError::UnknownCode { column: "responded" });
        }
        Ok(())
    }
}

/// Builds a [`ResponseBlock`].
#[derive(Debug, Default)]
pub struct ResponseBlockBuilder {
    ids: Interner,
    customer: Vec<u32>,
    campaigns: Interner,
    campaign: Vec<u32>,
    day: Vec<Day>,
    responded: Vec<u8>,
    note: Strings,
    revenue: Vec<i64>,
}

impl BlockBuilder<ResponseBlock> for ResponseBlockBuilder {
    fn from_block(b: ResponseBlock) -> Self {
        ResponseBlockBuilder {
            ids: Interner::from_strings(b.ids),
            customer: b.customer,
            campaigns: Interner::from_strings(b.campaigns),
            campaign: b.campaign,
            day: b.day,
            responded: b.responded,
            note: b.note,
            revenue: b.revenue,
        }
    }

    fn push(&mut self, r: &CampaignResponse) {
        self.customer.push(self.ids.intern(&r.customer_id));
        self.campaign.push(self.campaigns.intern(&r.campaign_id));
        self.day.push(day_number(r.date));
        self.responded.push(u8::from(r.responded));
        self.note.push(&r.note);
        self.revenue.push(Money::to_column(r.revenue));
    }

    fn len(&self) -> usize {
        self.customer.len()
    }

    fn finish(self) -> ResponseBlock {
        ResponseBlock {
            ids: self.ids.finish(),
            customer: self.customer,
            campaigns: self.campaigns.finish(),
            campaign: self.campaign,
            day: self.day,
            responded: self.responded,
            note: self.note,
            revenue: self.revenue,
        }
    }
}
