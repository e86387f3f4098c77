//! The drawn demo as plain domain records ([`super::DemoData`]).
//!
//! The records come out in their final order at once: the stable sorts by date (and campaign)
//! of the customer-by-customer rows are counting sorts of the compact rows, and each record
//! is built from its sorted row, so no record is moved after it is built and the records'
//! text lies in memory in their order (which keeps dropping them cheap).

use super::catalogue::PRODUCTS;
use super::draw::{draw, sorted_by, CustomerRow, CustomerSink, Drawn, RowNames};
use super::people::Text;
use super::service::{self, NoteTexts};
use super::{
    suggested_settings, DemoData, DemoError, DemoOptions, COMPANY, CURRENCY, MAX_CUSTOMERS,
};
use crate::domain::{
    CampaignResponse, ContactPlan, Customer, Exit, Interaction, Money, Transaction, TransactionKind,
};

/// The customer records, built as they are drawn.
#[derive(Default)]
pub(super) struct Customers(Vec<Customer>);

impl CustomerSink for Customers {
    fn push(&mut self, index: u32, c: &CustomerRow, names: &RowNames<'_>) {
        self.0.push(Customer {
            id: names.ids.get(index).to_owned(),
            name: c.who.text(),
            company: c.company.map(|k| names.companies.get(k).to_owned()),
            email: Some(names.emails.get(c.email).to_owned()),
            phone: Some(c.phone.text()),
            address: Some(c.address.text()),
            segment: Some(c.segment.to_owned()),
            acquisition_channel: c.channel.map(str::to_owned),
            acquisition_date: Some(names.timeline.date(c.acquired)),
            tags: c.tags.as_slice().iter().map(|&t| t.to_owned()).collect(),
            notes: c.notes.text(),
            relationship_level: c.level,
            manager_id: c.manager.map(str::to_owned),
        });
    }
}

/// Draws the demo and lays it out as records.
pub(super) fn generate(
    options: &DemoOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<DemoData, DemoError> {
    let mut customers = Customers(Vec::with_capacity(options.customers.min(MAX_CUSTOMERS)));
    let d = draw(options, progress, &mut customers)?;
    let timeline = &d.timeline;
    let days = timeline.len();
    let ids = &d.ids;

    // Orders and returns, customer by customer, stably sorted by date; each record is built
    // in its final place, so the records' text lies in their order (which keeps the drop
    // cheap).
    let (orders, returns) = (d.lives.orders(), d.lives.returns());
    let rows = d.lives.transactions().map(|(c, back, i)| {
        if back {
            (c, TransactionKind::Return, returns[i as usize])
        } else {
            (c, TransactionKind::Order, orders[i as usize])
        }
    });
    let rows = sorted_by(rows, days, |r| timeline.index(r.2.day));
    let transactions: Vec<Transaction> = rows
        .iter()
        .map(|&(c, kind, o)| Transaction {
            customer_id: ids.get(c).to_owned(),
            kind,
            date: timeline.date(o.day),
            amount: Money(o.amount),
            cost: o.cost().map(Money),
            product: PRODUCTS.get(o.product as usize).map(|p| p.name.to_owned()),
            quantity: Some(o.quantity),
        })
        .collect();
    drop(rows);

    // Interactions, stably sorted by date.
    let notes = NoteTexts::new(&d.plans);
    let interactions: Vec<Interaction> =
        sorted_by(d.contacts.iter().copied(), days, |c| timeline.index(c.day))
            .iter()
            .map(|c| Interaction {
                customer_id: ids.get(c.customer).to_owned(),
                kind: c.kind,
                date: timeline.date(c.day),
                cost: Money::from_column(c.cost),
                note: notes.text(d.codes.note(c.note)).to_owned(),
                outcome: d.codes.outcome(c.outcome).map(str::to_owned),
            })
            .collect();

    // Campaign responses, stably sorted by campaign id, then date.
    let rank = campaign_ranks(&d);
    let buckets = rank.iter().max().map_or(0, |r| r + 1) * days;
    let responses: Vec<CampaignResponse> = sorted_by(d.responses.iter().copied(), buckets, |r| {
        rank[r.campaign] * days + timeline.index(r.day)
    })
    .iter()
    .map(|r| {
        let plan = &d.plans[r.campaign];
        CampaignResponse {
            campaign_id: plan.id.clone(),
            customer_id: ids.get(r.customer).to_owned(),
            date: timeline.date(r.day),
            responded: r.responded,
            note: (if r.responded {
                plan.yes_note
            } else {
                plan.no_note
            })
            .to_owned(),
            revenue: r.revenue,
        }
    })
    .collect();

    // Exits, stably sorted by date.
    let mut exit_rows = d.exits.clone();
    exit_rows.sort_by_key(|e| timeline.index(e.day));
    let exits = exit_rows
        .iter()
        .map(|e| Exit {
            customer_id: ids.get(e.customer).to_owned(),
            date: timeline.date(e.day),
            reason: e.reason,
            note: e.note.to_owned(),
        })
        .collect();

    let plans = d
        .plans_due
        .iter()
        .map(|p| ContactPlan {
            customer_id: ids.get(p.customer).to_owned(),
            cadence: p.cadence,
            next_due: p.next_due,
            last_contact: p.last_contact,
        })
        .collect();

    Ok(DemoData {
        company: COMPANY.to_string(),
        currency: CURRENCY.to_string(),
        start: d.start,
        end: d.end,
        customers: customers.0,
        managers: service::managers(),
        transactions,
        interactions,
        campaigns: d.campaigns.clone(),
        responses,
        exits,
        plans,
        settings: suggested_settings(),
    })
}

/// Each campaign plan's rank among the plans' ids in text order (equal ids, equal ranks):
/// the order responses are sorted in.
pub(super) fn campaign_ranks(d: &Drawn) -> Vec<usize> {
    let mut sorted: Vec<&str> = d.plans.iter().map(|p| p.id.as_str()).collect();
    sorted.sort_unstable();
    sorted.dedup();
    d.plans
        .iter()
        .map(|p| sorted.binary_search(&p.id.as_str()).unwrap_or(0))
        .collect()
}
