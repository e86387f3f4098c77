//! The demo company: a seeded, deterministic customer base of a specialty food and
//! kitchen-supplies distributor, built so that every analysis has something to show.
//!
//! "Hearth & Harvest Provisions" sells pantry staples, fine foods, fresh dairy, kitchen
//! equipment and consumables to restaurants, hotels, caterers, retail shops and home cooks in
//! eight British cities. [`generate`] draws about three years of its history: customers with
//! names, companies and contact details (all fictitious: `.example` e-mail domains, Ofcom's
//! drama telephone ranges), orders with per-product costs and margins (loss leaders,
//! promotions and discount weeks give negative-margin lines), returns, service interactions
//! with costs (a minority of demanding customers cost more than they bring), relationship
//! managers on the largest accounts, eight campaigns of every kind with per-customer responses,
//! and exits with every reason.
//!
//! Pure and deterministic: the same [`DemoOptions`] give the same data run after run (the one
//! random generator is a named algorithm seeded from the options; no clock, no OS entropy), so
//! it runs in the browser worker, in tests and natively alike. Native and wasm32 builds take
//! `ln`/`exp` from different math libraries, which may round a last bit differently, so the two
//! platforms' data have the same make-up but are not promised to match record for record.

mod behaviour;
mod campaigns;
mod catalogue;
mod people;
mod rng;
mod service;
mod timeline;

use crate::domain::{
    Campaign, CampaignResponse, ContactPlan, Customer, Exit, Interaction, Manager, Money,
    RelationshipLevel, Settings, Transaction, TransactionKind,
};
use behaviour::{History, Profile, Shop};
use catalogue::{CHANNELS, MARKETPLACE, PRODUCTS, RETAIL};
use chrono::{Months, NaiveDate};
use rng::{Purpose, Rng};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;
use timeline::Timeline;

/// The demo company's name.
pub const COMPANY: &str = "Hearth & Harvest Provisions";
/// The demo's currency (ISO 4217).
pub const CURRENCY: &str = "GBP";
/// Most customers `generate` accepts.
pub const MAX_CUSTOMERS: usize = 200_000;
/// Most years of history `generate` accepts.
pub const MAX_YEARS: u32 = 10;

/// What to generate. `Default`: seed 2026, 5,000 customers, three years ending 2026-10-31.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoOptions {
    /// Seed of the random streams: the same options give the same data.
    pub seed: u64,
    /// Number of customers, 1 to [`MAX_CUSTOMERS`].
    pub customers: usize,
    /// Last day of the history (no record is dated later).
    pub end: NaiveDate,
    /// Years of history before `end`, 1 to [`MAX_YEARS`].
    pub years: u32,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            seed: 2026,
            customers: 5_000,
            end: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default(),
            years: 3,
        }
    }
}

impl DemoOptions {
    /// The first and last day of the history: `years` whole years ending on `end`.
    pub fn window(&self) -> Result<(NaiveDate, NaiveDate), DemoError> {
        if self.customers == 0 || self.customers > MAX_CUSTOMERS {
            return Err(DemoError::CustomerCount(self.customers));
        }
        if self.years == 0 || self.years > MAX_YEARS {
            return Err(DemoError::Years(self.years));
        }
        let start = self
            .end
            .checked_sub_months(Months::new(12 * self.years))
            .and_then(|d| d.succ_opt())
            .ok_or(DemoError::Window {
                end: self.end,
                years: self.years,
            })?;
        Ok((start, self.end))
    }
}

/// Why the demo data could not be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoError {
    /// The number of customers is zero or above [`MAX_CUSTOMERS`].
    CustomerCount(usize),
    /// The number of years is zero or above [`MAX_YEARS`].
    Years(u32),
    /// The history would start before the earliest date the calendar handles.
    Window {
        /// Requested last day.
        end: NaiveDate,
        /// Requested years.
        years: u32,
    },
}

impl fmt::Display for DemoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DemoError::CustomerCount(n) => {
                write!(
                    f,
                    "The demo cannot have {n} customers; choose between 1 and {MAX_CUSTOMERS}."
                )
            }
            DemoError::Years(y) => write!(
                f,
                "The demo cannot span {y} years; choose between 1 and {MAX_YEARS}."
            ),
            DemoError::Window { end, years } => {
                write!(f, "A history of {years} years ending on {end} starts before the calendar does; choose a later end date.")
            }
        }
    }
}

impl std::error::Error for DemoError {}

/// The generated company: plain domain records, ready to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoData {
    /// The company's name (for the workspace name).
    pub company: String,
    /// ISO 4217 currency of every amount.
    pub currency: String,
    /// First day of the history.
    pub start: NaiveDate,
    /// Last day of the history.
    pub end: NaiveDate,
    /// Customers, ids `C00001` … in order.
    pub customers: Vec<Customer>,
    /// Relationship managers `M01` … `M08`.
    pub managers: Vec<Manager>,
    /// Orders and returns, by date then customer id.
    pub transactions: Vec<Transaction>,
    /// Interactions, by date then customer id.
    pub interactions: Vec<Interaction>,
    /// Campaigns `CMP01` … `CMP08`.
    pub campaigns: Vec<Campaign>,
    /// Every customer's response (or non-response) to every campaign that reached them.
    pub responses: Vec<CampaignResponse>,
    /// Recorded exits, by date.
    pub exits: Vec<Exit>,
    /// Contact plans of the managed customers still with the company.
    pub plans: Vec<ContactPlan>,
    /// Suggested workspace settings: the serving costs the demo was built with.
    pub settings: Settings,
}

/// The settings the demo is meant to be analysed with: 3.00 handling and delivery cost per
/// order and a standard cost per interaction kind (complaint 40, service consultation 18,
/// call 6, visit 55, e-mail 1.50, meeting 70, event 30, other 5); everything else default.
pub fn suggested_settings() -> Settings {
    let mut settings = Settings {
        cost_per_order: Money(300),
        ..Settings::default()
    };
    for (kind, cost) in service::KIND_COSTS {
        settings.interaction_costs.set(kind, Money(cost));
    }
    settings
}

/// Generates the demo company (see the module docs).
///
/// Errors when the options are out of range (see [`DemoOptions::window`]).
pub fn generate(options: &DemoOptions) -> Result<DemoData, DemoError> {
    generate_with_progress(options, &mut |_| {})
}

/// [`generate`], reporting progress as a fraction in [0, 1] (rising, ending with 1.0) about
/// fifty times, for a progress bar.
pub fn generate_with_progress(
    options: &DemoOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<DemoData, DemoError> {
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
    progress(0.05);

    // Buying histories.
    let shop = Shop::new();
    let step = (n / 40).max(1);
    let mut histories: Vec<History> = Vec::with_capacity(n);
    for (i, p) in profiles.iter().enumerate() {
        let mut rng = Rng::stream(seed, Purpose::Purchases, i as u64);
        histories.push(behaviour::simulate(p, &plans, &timeline, &shop, &mut rng));
        if (i + 1) % step == 0 {
            progress(0.05 + 0.6 * (i + 1) as f32 / n as f32);
        }
    }

    // Managers on the largest accounts.
    let managers = service::managers();
    let assignments = service::assign_managers(
        &profiles,
        &histories,
        promising_value,
        last,
        &mut Rng::stream(seed, Purpose::Company, 0),
    );
    progress(0.7);

    let width = n.to_string().len().max(5);
    let ids: Vec<String> = (1..=n).map(|k| format!("C{k:0width$}")).collect();
    let product_names: Vec<String> = PRODUCTS.iter().map(|p| p.name.to_string()).collect();

    let mut customers = Vec::with_capacity(n);
    let mut transactions = Vec::new();
    let mut interactions = Vec::new();
    let mut responses = Vec::new();
    let mut exits = Vec::new();
    let mut contact_plans = Vec::new();
    let mut targets = vec![0usize; plans.len()];
    let mut responders = vec![0usize; plans.len()];
    let mut companies = HashSet::new();
    let mut emails = HashSet::new();
    let record_step = (n / 10).max(1);

    for (i, ((p, h), a)) in profiles
        .iter()
        .zip(&histories)
        .zip(&assignments)
        .enumerate()
    {
        let id = &ids[i];
        let spec = p.spec();

        // Orders and returns.
        for (kind, rows) in [
            (TransactionKind::Order, &h.orders),
            (TransactionKind::Return, &h.returns),
        ] {
            for o in rows {
                transactions.push(Transaction {
                    customer_id: id.clone(),
                    kind,
                    date: timeline.date(o.day),
                    amount: Money(o.amount),
                    cost: o.cost.map(Money),
                    product: product_names.get(o.product).cloned(),
                    quantity: Some(o.quantity),
                });
            }
        }

        // Campaign responses.
        let mut club_member = false;
        let mut loyalty_card = false;
        for t in &h.touches {
            let Some(plan) = plans.get(t.campaign) else {
                continue;
            };
            targets[t.campaign] += 1;
            let (date, revenue) = if t.responded {
                responders[t.campaign] += 1;
                club_member |= plan.recurring_event_days.is_some();
                loyalty_card |= plan.rolling;
                let until = t.effect_end.min(t.day + 90);
                let window: Vec<_> = h
                    .orders
                    .iter()
                    .filter(|o| o.day >= t.day && o.day <= until)
                    .collect();
                let day = if plan.prompt_order {
                    window.first().map_or(t.day, |o| o.day)
                } else {
                    t.day
                };
                let revenue: i64 = window.iter().map(|o| o.amount).sum();
                (day, (revenue > 0).then_some(Money(revenue)))
            } else {
                (t.day, None)
            };
            responses.push(CampaignResponse {
                campaign_id: plan.id.clone(),
                customer_id: id.clone(),
                date: timeline.date(date),
                responded: t.responded,
                note: (if t.responded {
                    plan.yes_note
                } else {
                    plan.no_note
                })
                .to_string(),
                revenue,
            });
        }

        // The exit.
        let mut record_rng = Rng::stream(seed, Purpose::Record, i as u64);
        if let Some((day, reason)) = h.exit {
            exits.push(Exit {
                customer_id: id.clone(),
                date: timeline.date(day),
                reason,
                note: behaviour::exit_note(&mut record_rng, reason, spec.business),
            });
        }

        // Interactions.
        let mut service_rng = Rng::stream(seed, Purpose::Service, i as u64);
        let contacts = service::interactions(&mut service_rng, p, h, a.as_ref(), &plans, last);
        if let (Some(a), None) = (a, h.exit) {
            let last_contact = contacts
                .iter()
                .filter(|c| is_contact(c.kind))
                .map(|c| c.day)
                .max();
            let plan = match last_contact {
                Some(day) => ContactPlan {
                    customer_id: id.clone(),
                    cadence: a.cadence,
                    next_due: a.cadence.next_after(timeline.date(day)),
                    last_contact: Some(timeline.date(day)),
                },
                None => ContactPlan::starting(id, a.cadence, timeline.date(a.from)),
            };
            contact_plans.push(plan);
        }
        for c in contacts {
            interactions.push(Interaction {
                customer_id: id.clone(),
                kind: c.kind,
                date: timeline.date(c.day),
                cost: c.cost,
                note: c.note,
                outcome: c.outcome,
            });
        }

        // The customer record.
        let who = people::person(&mut record_rng);
        let company = spec
            .business
            .then(|| people::company(&mut record_rng, p.segment, who, p.city, &mut companies));
        let email = people::email(&mut record_rng, who, company.as_deref(), &mut emails);
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
        let relationship_level = match a {
            Some(a) if a.rank * 50 < n => Some(RelationshipLevel::Structural),
            Some(_) => Some(RelationshipLevel::Social),
            None if club_member => Some(RelationshipLevel::Social),
            None if loyalty_card || (spec.business && record_rng.chance(0.5)) => {
                Some(RelationshipLevel::Financial)
            }
            None => None,
        };
        customers.push(Customer {
            id: id.clone(),
            name: who.full(),
            company,
            email: Some(email),
            phone: Some(people::phone(&mut record_rng, p.city, spec.business)),
            address: Some(people::address(&mut record_rng, p.city, p.segment)),
            segment: Some(spec.name.to_string()),
            acquisition_channel: CHANNELS.get(p.channel).map(|c| c.to_string()),
            acquisition_date: Some(timeline.date(p.acquired)),
            tags,
            notes,
            relationship_level,
            manager_id: a.as_ref().map(|a| service::manager_id(a).to_string()),
        });
        if (i + 1) % record_step == 0 {
            progress(0.7 + 0.25 * (i + 1) as f32 / n as f32);
        }
    }

    let campaigns = plans
        .iter()
        .enumerate()
        .map(|(k, plan)| plan.record(&timeline, targets[k], responders[k]))
        .collect();
    // Stable sorts: by date, then (as built) by customer id.
    transactions.sort_by_key(|t| t.date);
    interactions.sort_by_key(|i| i.date);
    responses.sort_by(|a, b| a.campaign_id.cmp(&b.campaign_id).then(a.date.cmp(&b.date)));
    exits.sort_by_key(|e| e.date);
    progress(1.0);

    Ok(DemoData {
        company: COMPANY.to_string(),
        currency: CURRENCY.to_string(),
        start,
        end,
        customers,
        managers,
        transactions,
        interactions,
        campaigns,
        responses,
        exits,
        plans: contact_plans,
        settings: suggested_settings(),
    })
}

/// The kinds that count as a contact for a contact plan (as the app logs them).
fn is_contact(kind: crate::domain::InteractionKind) -> bool {
    use crate::domain::InteractionKind as K;
    matches!(kind, K::Call | K::Visit | K::Email | K::Meeting | K::Event)
}

/// The value at quantile `q` of sorted `values` (infinity when empty).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::INFINITY;
    }
    let k = ((sorted.len() as f64 * q) as usize).min(sorted.len() - 1);
    sorted[k]
}
