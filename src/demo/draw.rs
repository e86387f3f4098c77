//! The demo company drawn once, as compact rows that hold no text of their own: every random
//! draw of the demo happens here, in one fixed order, and the two ways out — plain records
//! ([`super::generate`], `records.rs`) and columnar blocks ([`super::generate_blocks`],
//! `columns.rs`) — only lay these rows out. Text is a `&'static str` from the catalogues, an
//! index into the campaign plans or into the sets of distinct company names and e-mail
//! addresses, or a small value that writes itself out (a phone number, an address), so drawing
//! 100,000 customers allocates no string per row.
//!
//! The rows are kept customer by customer, the order the draws are made in; the records are
//! sorted by date (responses by campaign, then date) with stable sorts, which [`sorted_by`]
//! does by counting. Customer records are not kept: each goes to a [`CustomerSink`] as it is
//! drawn.

use super::behaviour::{self, History, Lives, Profile, Shop};
use super::campaigns::{self, CampaignPlan};
use super::catalogue::{MARKETPLACE, RETAIL};
use super::people::{self, Address, Names, Notes, Person, Phone, Tags};
use super::rng::{Purpose, Rng};
use super::service::{self, Contact, ContactCodes, ContactRow};
use super::timeline::Timeline;
use super::{is_contact, quantile, DemoError, DemoOptions};
use crate::domain::text::Strings;
use crate::domain::{Cadence, Campaign, ExitReason, Money, RelationshipLevel};
use chrono::NaiveDate;
use std::fmt::Write as _;

/// A campaign contact as the response record will say it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ResponseRow {
    /// Customer index (0 for `C00001`).
    pub customer: u32,
    /// Index of the campaign plan.
    pub campaign: usize,
    /// Day offset of the response.
    pub day: i32,
    /// Whether the customer responded.
    pub responded: bool,
    /// Revenue in the response's window.
    pub revenue: Option<Money>,
}

/// A recorded exit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ExitRow {
    /// Customer index.
    pub customer: u32,
    /// Day offset.
    pub day: i32,
    /// Why the customer left.
    pub reason: ExitReason,
    /// The manager's note.
    pub note: &'static str,
}

/// A contact plan of a managed customer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlanRow {
    /// Customer index.
    pub customer: u32,
    /// How often.
    pub cadence: Cadence,
    /// When the next contact is due.
    pub next_due: Option<NaiveDate>,
    /// The last contact.
    pub last_contact: Option<NaiveDate>,
}

/// A customer record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CustomerRow {
    /// Name.
    pub who: Person,
    /// Company, an index into [`RowNames::companies`].
    pub company: Option<u32>,
    /// E-mail address, an index into [`RowNames::emails`].
    pub email: u32,
    /// Telephone.
    pub phone: Phone,
    /// Postal address.
    pub address: Address,
    /// Segment name.
    pub segment: &'static str,
    /// Acquisition channel.
    pub channel: Option<&'static str>,
    /// Day offset of the acquisition.
    pub acquired: i32,
    /// Tags.
    pub tags: Tags,
    /// Notes.
    pub notes: Notes,
    /// Relationship level.
    pub level: Option<RelationshipLevel>,
    /// Manager id.
    pub manager: Option<&'static str>,
}

/// Everything the demo drew but the customer records, customer by customer.
pub(crate) struct Drawn {
    /// First day of the history.
    pub start: NaiveDate,
    /// Last day of the history.
    pub end: NaiveDate,
    /// The days of the history.
    pub timeline: Timeline,
    /// The campaign plans.
    pub plans: Vec<CampaignPlan>,
    /// The campaigns' records.
    pub campaigns: Vec<Campaign>,
    /// Every customer's orders, returns and campaign contacts.
    pub lives: Lives,
    /// Campaign responses, customer by customer.
    pub responses: Vec<ResponseRow>,
    /// Exits, customer by customer.
    pub exits: Vec<ExitRow>,
    /// Interactions, customer by customer (each customer's in date order).
    pub contacts: Vec<ContactRow>,
    /// The codes of their notes and outcomes.
    pub codes: ContactCodes,
    /// Contact plans, customer by customer.
    pub plans_due: Vec<PlanRow>,
    /// Number of customers.
    pub n: usize,
    /// The customers' ids, `C00001` … (as wide as the largest needs, at least five digits),
    /// in one column: index 0 is `C00001`.
    pub ids: Strings,
}

/// What a customer's record refers to: the text its indices name.
pub(crate) struct RowNames<'a> {
    /// The customers' ids.
    pub ids: &'a Strings,
    /// The days of the history.
    pub timeline: &'a Timeline,
    /// The distinct company names.
    pub companies: &'a Names,
    /// The distinct e-mail addresses.
    pub emails: &'a Names,
}

/// Where the customer records go as they are drawn, one by one in id order.
pub(crate) trait CustomerSink {
    /// Takes customer `index`'s record.
    fn push(&mut self, index: u32, row: &CustomerRow, names: &RowNames<'_>);
}

/// The ids `C00001` … of `n` customers (as wide as the largest needs, at least five digits).
fn customer_ids(n: usize) -> Strings {
    let width = n.to_string().len().max(5);
    let mut ids = Strings::with_capacity(n, n * (width + 1));
    let mut id = String::new();
    for k in 1..=n {
        id.clear();
        // Writing into a String cannot fail.
        let _ = write!(id, "C{k:0width$}");
        ids.push(&id);
    }
    ids
}

/// Draws the demo company (see the module docs of `demo`), reporting progress from 0 to 0.95;
/// the customer records go to `customers` as they are drawn.
pub(crate) fn draw(
    options: &DemoOptions,
    progress: &mut dyn FnMut(f32),
    customers: &mut impl CustomerSink,
) -> Result<Drawn, DemoError> {
    let (start, end) = options.window()?;
    progress(0.0);
    let timeline = Timeline::new(start, end);
    let last = timeline.last_day();
    let n = options.customers;
    let seed = options.seed;

    // Latent profiles, then the campaigns' value thresholds from them.
    let profiles: Vec<Profile> = (0..n)
        .map(|i| {
            behaviour::draw_profile(
                &mut Rng::stream(seed, Purpose::Profile, i as u64),
                &timeline,
            )
        })
        .collect();
    let mut plans = campaigns::plans(&timeline);
    let mut business_values: Vec<f64> = profiles
        .iter()
        .filter(|p| p.spec().business)
        .map(|p| p.value)
        .collect();
    campaigns::set_thresholds(&mut plans, &mut business_values);
    // `set_thresholds` sorted the values.
    let promising_value = quantile(&business_values, 0.8);
    drop(business_values);
    progress(0.05);

    // Buying histories.
    let shop = Shop::new(&timeline);
    let step = (n / 40).max(1);
    let mut lives = Lives::with_capacity(n);
    let mut history = History::default();
    for (i, p) in profiles.iter().enumerate() {
        let mut rng = Rng::stream(seed, Purpose::Purchases, i as u64);
        behaviour::simulate(p, &plans, &timeline, &shop, &mut rng, &mut history);
        lives.push(&history);
        if (i + 1) % step == 0 {
            progress(0.05 + 0.6 * (i + 1) as f32 / n as f32);
        }
    }
    drop(history);

    // Managers on the largest accounts.
    let assignments = service::assign_managers(
        &profiles,
        &lives,
        promising_value,
        last,
        &mut Rng::stream(seed, Purpose::Company, 0),
    );
    progress(0.7);

    let ids = customer_ids(n);
    let mut responses = Vec::new();
    let mut exits = Vec::new();
    let mut contacts = Vec::new();
    let mut codes = ContactCodes::default();
    let mut plans_due = Vec::new();
    let mut targets = vec![0usize; plans.len()];
    let mut responders = vec![0usize; plans.len()];
    let mut companies = Names::with_capacity(n / 2);
    let mut emails = Names::with_capacity(n);
    let mut scratch: Vec<Contact> = Vec::new();
    let record_step = (n / 10).max(1);

    for (i, (p, a)) in profiles.iter().zip(&assignments).enumerate() {
        let customer = i as u32;
        let h = lives.get(i);
        let spec = p.spec();

        // Campaign responses.
        let mut club_member = false;
        let mut loyalty_card = false;
        for t in h.touches {
            let Some(plan) = plans.get(t.campaign) else {
                continue;
            };
            targets[t.campaign] += 1;
            let (day, revenue) = if t.responded {
                responders[t.campaign] += 1;
                club_member |= plan.recurring_event_days.is_some();
                loyalty_card |= plan.rolling;
                let until = t.effect_end.min(t.day + 90);
                // The orders in the response's window: the first one's day and their sum.
                let mut first = None;
                let mut revenue = 0i64;
                for o in h.orders.iter().filter(|o| o.day >= t.day && o.day <= until) {
                    first.get_or_insert(o.day);
                    revenue += o.amount;
                }
                let day = if plan.prompt_order {
                    first.unwrap_or(t.day)
                } else {
                    t.day
                };
                (day, (revenue > 0).then_some(Money(revenue)))
            } else {
                (t.day, None)
            };
            responses.push(ResponseRow {
                customer,
                campaign: t.campaign,
                day,
                responded: t.responded,
                revenue,
            });
        }

        // The exit.
        let mut record_rng = Rng::stream(seed, Purpose::Record, i as u64);
        if let Some((day, reason)) = h.exit {
            exits.push(ExitRow {
                customer,
                day,
                reason,
                note: behaviour::exit_note(&mut record_rng, reason, spec.business),
            });
        }

        // Interactions.
        let mut service_rng = Rng::stream(seed, Purpose::Service, i as u64);
        service::interactions(
            &mut service_rng,
            p,
            h,
            a.as_ref(),
            &plans,
            last,
            &mut scratch,
        );
        if let (Some(a), None) = (a, h.exit) {
            let last_contact = scratch
                .iter()
                .filter(|c| is_contact(c.kind))
                .map(|c| c.day)
                .max();
            plans_due.push(match last_contact {
                Some(day) => PlanRow {
                    customer,
                    cadence: a.cadence,
                    next_due: a.cadence.next_after(timeline.date(day)),
                    last_contact: Some(timeline.date(day)),
                },
                None => PlanRow {
                    customer,
                    cadence: a.cadence,
                    next_due: a.cadence.next_after(timeline.date(a.from)),
                    last_contact: None,
                },
            });
        }
        contacts.extend(scratch.iter().map(|c| codes.row(customer, c)));

        // The customer record.
        let who = people::person(&mut record_rng);
        let company = spec
            .business
            .then(|| people::company(&mut record_rng, p.segment, who, p.city, &mut companies));
        let email = people::email(
            &mut record_rng,
            who,
            company.map(|c| companies.get(c)),
            &mut emails,
        );
        let key_account = a.is_some_and(|a| a.rank * 20 < n);
        let (notes, tags) = people::notes_and_tags(
            &mut record_rng,
            people::Traits {
                segment: p.segment,
                demanding: p.demanding,
                price_sensitive: p.segment == RETAIL || p.channel == MARKETPLACE,
                key_account,
                club_member,
                loyalty_card,
            },
        );
        let level = match a {
            Some(a) if a.rank * 50 < n => Some(RelationshipLevel::Structural),
            Some(_) => Some(RelationshipLevel::Social),
            None if club_member => Some(RelationshipLevel::Social),
            None if loyalty_card || (spec.business && record_rng.chance(0.5)) => {
                Some(RelationshipLevel::Financial)
            }
            None => None,
        };
        let phone = people::phone(&mut record_rng, p.city, spec.business);
        let address = people::address(&mut record_rng, p.city, p.segment);
        let row = CustomerRow {
            who,
            company,
            email,
            phone,
            address,
            segment: spec.name,
            channel: super::catalogue::CHANNELS.get(p.channel).copied(),
            acquired: p.acquired,
            tags,
            notes,
            level,
            manager: a.as_ref().map(service::manager_id),
        };
        let names = RowNames {
            ids: &ids,
            timeline: &timeline,
            companies: &companies,
            emails: &emails,
        };
        customers.push(customer, &row, &names);
        if (i + 1) % record_step == 0 {
            progress(0.7 + 0.25 * (i + 1) as f32 / n as f32);
        }
    }

    let campaigns = plans
        .iter()
        .enumerate()
        .map(|(k, plan)| plan.record(&timeline, targets[k], responders[k]))
        .collect();
    Ok(Drawn {
        start,
        end,
        timeline,
        plans,
        campaigns,
        lives,
        responses,
        exits,
        contacts,
        codes,
        plans_due,
        n,
        ids,
    })
}

/// The rows (read twice) stably sorted by `key` (every key below `buckets`), by counting: each
/// row is copied straight to its place. The copy goes through memory in a few streams, which is
/// much faster than reading the rows in sorted order through a list of indices.
pub(crate) fn sorted_by<T: Copy>(
    rows: impl Iterator<Item = T> + Clone,
    buckets: usize,
    key: impl Fn(&T) -> usize,
) -> Vec<T> {
    let mut next = vec![0usize; buckets + 1];
    for r in rows.clone() {
        next[key(&r) + 1] += 1;
    }
    for b in 1..next.len() {
        next[b] += next[b - 1];
    }
    let Some(first) = rows.clone().next() else {
        return Vec::new();
    };
    let mut out = vec![first; next[buckets]];
    for r in rows {
        let slot = &mut next[key(&r)];
        out[*slot] = r;
        *slot += 1;
    }
    out
}
