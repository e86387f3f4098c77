//! Serving the demo's customers: the relationship managers and whom they look after, and every
//! interaction (onboarding, routine contacts, complaints, managers' visits, events, exit calls)
//! with its cost.

use super::behaviour::{Lives, Past, Profile};
use super::campaigns::CampaignPlan;
use super::catalogue::{RETAIL, SALES_CALL, TRADE_FAIR};
use super::rng::Rng;
use crate::domain::{Cadence, ExitReason, InteractionKind, Manager, Money};
use rustc_hash::FxHashMap;

/// A relationship manager and the cities they cover.
struct ManagerSpec {
    id: &'static str,
    first: &'static str,
    last: &'static str,
    /// Indices into `CITIES`; empty for the national retail desk.
    cities: &'static [usize],
    /// Covers the retail segment nationally.
    retail: bool,
    notes: &'static str,
}

const MANAGERS: [ManagerSpec; 8] = [
    ManagerSpec { id: "M01", first: "Priya", last: "Raman", cities: &[0], retail: false, notes: "Key accounts in London north of the river: restaurants and hotels. Evaluated on gold-account retention and contact-plan adherence." },
    ManagerSpec { id: "M02", first: "Tom", last: "Gallagher", cities: &[0], retail: false, notes: "Key accounts in London south of the river and the caterers. Evaluated on retention and share of wallet." },
    ManagerSpec { id: "M03", first: "Aisha", last: "Mensah", cities: &[1, 7], retail: false, notes: "Manchester and Liverpool accounts. Runs the north-west tasting evenings." },
    ManagerSpec { id: "M04", first: "Callum", last: "Reid", cities: &[5, 6], retail: false, notes: "Scotland: Glasgow and Edinburgh hotels and restaurants." },
    ManagerSpec { id: "M05", first: "Sofia", last: "Marchetti", cities: &[2], retail: false, notes: "Birmingham and the Midlands. Trained chef; leads the product tastings." },
    ManagerSpec { id: "M06", first: "Daniel", last: "Okafor", cities: &[3], retail: false, notes: "Leeds and Yorkshire accounts; also handles the trade-fair leads." },
    ManagerSpec { id: "M07", first: "Hannah", last: "Price", cities: &[4], retail: false, notes: "Bristol and the south-west." },
    ManagerSpec { id: "M08", first: "Marek", last: "Nowak", cities: &[], retail: true, notes: "National desk for delicatessens and cookshops that resell our range. Evaluated on sell-through and margin." },
];

/// The managers' records.
pub(crate) fn managers() -> Vec<Manager> {
    MANAGERS
        .iter()
        .enumerate()
        .map(|(i, m)| Manager {
            id: m.id.to_string(),
            name: format!("{} {}", m.first, m.last),
            email: Some(format!(
                "{}.{}@hearth-and-harvest.example",
                m.first.to_ascii_lowercase(),
                m.last.to_ascii_lowercase()
            )),
            phone: Some(format!("020 7946 09{:02}", 10 + i)),
            notes: m.notes.to_string(),
        })
        .collect()
}

/// A customer's relationship manager and contact cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Assignment {
    /// Index into the managers.
    pub manager: usize,
    /// How often the manager is in touch.
    pub cadence: Cadence,
    /// First day the manager looks after the customer.
    pub from: i32,
    /// The manager has fallen behind with this customer: no planned contact near the end.
    pub behind: bool,
    /// Rank by revenue, 0 = largest.
    pub rank: usize,
}

/// The manager id of an assignment.
pub(crate) fn manager_id(a: &Assignment) -> &'static str {
    MANAGERS.get(a.manager).map_or("M01", |m| m.id)
}

/// Assigns managers: the top 8% of customers by revenue (weekly contact for the top 1%,
/// monthly for the next 4%, quarterly for the rest) and some others — promising new business
/// accounts and a few more business accounts picked by the sales team — quarterly. Each goes
/// to a manager covering their city (retail to the national desk), the least loaded first.
pub(crate) fn assign_managers(
    profiles: &[Profile],
    lives: &Lives,
    promising_value: f64,
    last_day: i32,
    rng: &mut Rng,
) -> Vec<Option<Assignment>> {
    let n = profiles.len();
    let revenue: Vec<i64> = (0..lives.len()).map(|i| lives.get(i).revenue()).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| revenue[b].cmp(&revenue[a]).then(a.cmp(&b)));
    let mut rank = vec![0usize; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let mut load = [0usize; MANAGERS.len()];
    let mut out = vec![None; n];
    for &i in &order {
        let p = &profiles[i];
        let r = rank[i];
        let top = r * 25 < 2 * n;
        let promising =
            p.spec().business && p.acquired >= last_day - 270 && p.value >= promising_value;
        let picked = p.spec().business && rng.chance(0.01);
        if !(top || promising || picked) {
            continue;
        }
        let cadence = if r * 100 < n {
            Cadence::Weekly
        } else if r * 20 < n {
            Cadence::Monthly
        } else {
            Cadence::Quarterly
        };
        let candidates: Vec<usize> = MANAGERS
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                if p.segment == RETAIL {
                    m.retail
                } else {
                    m.cities.contains(&p.city)
                }
            })
            .map(|(k, _)| k)
            .collect();
        let Some(&manager) = candidates.iter().min_by_key(|&&k| (load[k], k)) else {
            continue;
        };
        load[manager] += 1;
        out[i] = Some(Assignment {
            manager,
            cadence,
            from: (p.acquired + rng.int(0, 60)).min(last_day),
            behind: rng.chance(0.15),
            rank: r,
        });
    }
    out
}

/// Standard cost of one interaction of each kind, minor units (the suggested settings).
pub(crate) const KIND_COSTS: [(InteractionKind, i64); 8] = [
    (InteractionKind::Complaint, 4_000),
    (InteractionKind::ServiceConsultation, 1_800),
    (InteractionKind::Call, 600),
    (InteractionKind::Visit, 5_500),
    (InteractionKind::Email, 150),
    (InteractionKind::Meeting, 7_000),
    (InteractionKind::Event, 3_000),
    (InteractionKind::Other, 500),
];

fn standard_cost(kind: InteractionKind) -> i64 {
    KIND_COSTS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(0, |(_, c)| *c)
}

/// An interaction's note: fixed text, a campaign's name, or the exit call (whose text names
/// the reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Note {
    /// Fixed text.
    Text(&'static str),
    /// The name of the campaign plan with this index.
    Campaign(usize),
    /// "Exit call: customer is leaving (reason)".
    ExitCall(ExitReason),
}

/// The text of every [`Note`]: the campaigns' names and the exit calls' sentences, built once.
pub(crate) struct NoteTexts<'a> {
    plans: &'a [CampaignPlan],
    exit_calls: Vec<String>,
}

impl<'a> NoteTexts<'a> {
    /// The texts for these campaigns.
    pub fn new(plans: &'a [CampaignPlan]) -> NoteTexts<'a> {
        NoteTexts {
            plans,
            exit_calls: ExitReason::ALL
                .iter()
                .map(|reason| format!("Exit call: customer is leaving ({reason})"))
                .collect(),
        }
    }

    /// The text of `note`.
    #[inline]
    pub fn text(&self, note: Note) -> &str {
        match note {
            Note::Text(text) => text,
            Note::Campaign(k) => self.plans.get(k).map_or("", |p| p.name.as_str()),
            Note::ExitCall(reason) => self
                .exit_calls
                .get(usize::from(reason.code()))
                .map_or("", String::as_str),
        }
    }
}

/// An interaction as the demo keeps it until the records or blocks are laid out (24 bytes:
/// there are half a million at 100,000 customers): note and outcome as codes of
/// [`ContactCodes`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ContactRow {
    /// Customer index.
    pub customer: u32,
    /// Day offset.
    pub day: i32,
    /// Own cost in minor units as a block column holds it ([`Money::to_column`]).
    pub cost: i64,
    /// Code of the note.
    pub note: u32,
    /// Code of the outcome, 0 for none.
    pub outcome: u16,
    /// Kind.
    pub kind: InteractionKind,
}

/// Codes of the notes and outcomes of [`ContactRow`]s: each distinct note (a fixed text by its
/// address, a campaign's name, an exit call) and outcome gets the next code as it first comes.
#[derive(Debug, Default)]
pub(crate) struct ContactCodes {
    notes: Vec<Note>,
    note_codes: FxHashMap<(u8, usize, usize), u32>,
    /// Outcome `code - 1`.
    outcomes: Vec<&'static str>,
    outcome_codes: FxHashMap<(usize, usize), u16>,
}

impl ContactCodes {
    /// `c` of customer `customer` as a row.
    pub fn row(&mut self, customer: u32, c: &Contact) -> ContactRow {
        let key = match c.note {
            Note::Text(t) => (0, t.as_ptr() as usize, t.len()),
            Note::Campaign(k) => (1, k, 0),
            Note::ExitCall(reason) => (2, usize::from(reason.code()), 0),
        };
        let next = self.notes.len() as u32;
        let note = *self.note_codes.entry(key).or_insert(next);
        if note == next {
            self.notes.push(c.note);
        }
        let outcome = match c.outcome {
            None => 0,
            Some(t) => {
                let next = self.outcomes.len() as u16 + 1;
                let code = *self
                    .outcome_codes
                    .entry((t.as_ptr() as usize, t.len()))
                    .or_insert(next);
                if code == next {
                    // The outcomes are a few dozen literals of `interactions`.
                    self.outcomes.push(t);
                }
                code
            }
        };
        ContactRow {
            customer,
            day: c.day,
            cost: Money::to_column(c.cost),
            note,
            outcome,
            kind: c.kind,
        }
    }

    /// The note of code `code`.
    #[inline]
    pub fn note(&self, code: u32) -> Note {
        self.notes
            .get(code as usize)
            .copied()
            .unwrap_or(Note::Text(""))
    }

    /// The outcome of code `code`.
    #[inline]
    pub fn outcome(&self, code: u16) -> Option<&'static str> {
        match code {
            0 => None,
            c => self.outcomes.get(usize::from(c) - 1).copied(),
        }
    }
}

/// One interaction before it gets the customer's id.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Contact {
    /// Day offset.
    pub day: i32,
    /// Kind.
    pub kind: InteractionKind,
    /// Own cost, when recorded.
    pub cost: Option<Money>,
    /// Note.
    pub note: Note,
    /// Outcome.
    pub outcome: Option<&'static str>,
}

/// Builds contacts with costs: about four in five carry their own cost (the standard cost of
/// the kind times a noise factor, escalated complaints of demanding customers cost half as
/// much again); the rest use the workspace's standard cost.
struct Log<'a> {
    rng: &'a mut Rng,
    out: &'a mut Vec<Contact>,
    demanding: bool,
}

impl Log<'_> {
    fn add(&mut self, day: i32, kind: InteractionKind, note: Note, outcome: Option<&'static str>) {
        let cost = if self.rng.chance(0.8) {
            let escalation = if self.demanding && kind == InteractionKind::Complaint {
                1.5
            } else {
                1.0
            };
            let c = standard_cost(kind) as f64 * escalation * self.rng.noise(0.3);
            Some(Money((super::behaviour::round(c) as i64).max(0)))
        } else {
            None
        };
        self.out.push(Contact {
            day,
            kind,
            cost,
            note,
            outcome,
        });
    }

    /// `add` with a fixed note.
    fn text(
        &mut self,
        day: i32,
        kind: InteractionKind,
        note: &'static str,
        outcome: Option<&'static str>,
    ) {
        self.add(day, kind, Note::Text(note), outcome);
    }

    fn note_for(&mut self, kind: InteractionKind) -> (&'static str, Option<&'static str>) {
        let rng = &mut *self.rng;
        match kind {
            InteractionKind::Complaint => (
                rng.pick(&[
                    "Late delivery",
                    "Goods damaged on arrival",
                    "Invoice error",
                    "Wrong item delivered",
                    "Quality below expectation",
                    "Short delivery: items missing",
                ]),
                Some(rng.pick(&[
                    "resolved",
                    "credit note issued",
                    "replacement sent",
                    "escalated",
                    "resolved",
                ])),
            ),
            InteractionKind::ServiceConsultation => (
                rng.pick(&[
                    "Asked about allergens and origins",
                    "Help choosing equipment",
                    "Question about storage and shelf life",
                    "Asked for a quote on a large order",
                    "Recipe advice",
                ]),
                Some(rng.pick(&["answered", "quote sent", "answered", "follow-up booked"])),
            ),
            InteractionKind::Call => (
                rng.pick(&[
                    "Order follow-up",
                    "Checked next week's needs",
                    "Delivery slot agreed",
                    "Price enquiry",
                ]),
                if rng.chance(0.5) {
                    Some(rng.pick(&["order placed", "no action", "call back"]))
                } else {
                    None
                },
            ),
            InteractionKind::Email => (
                rng.pick(&[
                    "Sent the new price list",
                    "Order confirmation query",
                    "Newsletter reply",
                    "Delivery update",
                ]),
                None,
            ),
            _ => ("Contact", None),
        }
    }
}

/// Every interaction of one customer, in date order: onboarding (sales visits before the
/// account opens for customers won by a sales call), routine contacts, complaints about orders
/// and returns, the demanding customers' extra consultations, calls and service visits, the
/// relationship manager's cadence (stopping early when the manager has fallen behind), campaign
/// events, loyalty gifts and the exit call. They replace what `out` held.
pub(crate) fn interactions(
    rng: &mut Rng,
    profile: &Profile,
    history: Past<'_>,
    assignment: Option<&Assignment>,
    plans: &[CampaignPlan],
    last_day: i32,
    out: &mut Vec<Contact>,
) {
    let spec = profile.spec();
    let until = history.active_until(last_day);
    let start = profile.acquired;
    out.clear();
    let mut log = Log {
        rng,
        out,
        demanding: profile.demanding,
    };

    // Onboarding.
    if spec.business {
        if profile.channel == SALES_CALL {
            for _ in 0..log.rng.int(2, 3) {
                let day = (start - log.rng.int(0, 45)).max(0);
                log.text(
                    day,
                    InteractionKind::Visit,
                    "Sales visit with samples",
                    Some("tasting done"),
                );
            }
        } else if profile.channel == TRADE_FAIR {
            log.text(
                start,
                InteractionKind::Meeting,
                "Met at the trade fair stand; account opened",
                Some("account opened"),
            );
        } else {
            log.text(
                start,
                InteractionKind::Call,
                "Welcome call: delivery days and contacts agreed",
                Some("account opened"),
            );
        }
    } else if log.rng.chance(0.6) {
        log.text(
            start,
            InteractionKind::Email,
            "Welcome e-mail with a first-order voucher",
            None,
        );
    }

    // Routine contacts: a Poisson number over the active span, spread uniformly.
    let span_years = f64::from((until - start).max(0)) / 365.0;
    let routine = poisson(log.rng, spec.contacts_per_year * span_years);
    let kinds: [(InteractionKind, f64); 3] = if spec.business {
        [
            (InteractionKind::Call, 0.4),
            (InteractionKind::Email, 0.4),
            (InteractionKind::ServiceConsultation, 0.2),
        ]
    } else {
        [
            (InteractionKind::Email, 0.6),
            (InteractionKind::Call, 0.2),
            (InteractionKind::ServiceConsultation, 0.2),
        ]
    };
    let weights = kinds.map(|(_, w)| w);
    for _ in 0..routine {
        let day = log.rng.int(start, until);
        let kind = kinds
            .get(log.rng.weighted(&weights))
            .map_or(InteractionKind::Call, |(k, _)| *k);
        let (note, outcome) = log.note_for(kind);
        log.text(day, kind, note, outcome);
    }

    // Complaints about orders and returns.
    let complaint_rate = if profile.demanding { 0.22 } else { 0.015 };
    for o in history.orders {
        if log.rng.chance(complaint_rate) {
            let day = (o.day + log.rng.int(1, 10)).min(until);
            let (note, outcome) = log.note_for(InteractionKind::Complaint);
            log.text(day.max(o.day), InteractionKind::Complaint, note, outcome);
        }
    }
    for r in history.returns {
        if log.rng.chance(0.5) {
            log.text(
                r.day,
                InteractionKind::Complaint,
                "Return: goods damaged or not as ordered",
                Some("credit note issued"),
            );
        }
    }

    // Demanding customers ask and call far more; business ones get service visits too.
    if profile.demanding && spec.business {
        let mut day = start + log.rng.int(30, 90);
        while day <= until {
            log.text(
                day,
                InteractionKind::Visit,
                "Service visit to settle open complaints",
                Some("issues reviewed"),
            );
            day += log.rng.int(60, 120);
        }
    }
    if profile.demanding {
        for (kind, per_year) in [
            (InteractionKind::ServiceConsultation, 6.0),
            (InteractionKind::Call, 2.0),
        ] {
            for _ in 0..poisson(log.rng, per_year * span_years) {
                let day = log.rng.int(start, until);
                let (note, outcome) = log.note_for(kind);
                log.text(day, kind, note, outcome);
            }
        }
    }

    // The relationship manager's plan.
    if let Some(a) = assignment {
        let stop = if a.behind {
            until - log.rng.int(100, 200)
        } else {
            until
        };
        // (kind, every so many days, note): weekly contact is a fortnightly call and a monthly
        // visit; monthly contact a visit; quarterly contact a review meeting.
        let visits: &[(InteractionKind, i32, &'static str)] = match a.cadence {
            Cadence::Weekly => &[
                (InteractionKind::Call, 14, "Check-in call with the buyer"),
                (
                    InteractionKind::Visit,
                    30,
                    "Monthly visit: menu plans and new lines",
                ),
            ],
            Cadence::Monthly => &[(InteractionKind::Visit, 30, "Monthly account visit")],
            Cadence::Quarterly => &[(InteractionKind::Meeting, 91, "Quarterly review meeting")],
            Cadence::NoPlan => &[],
        };
        for &(kind, every, note) in visits {
            let mut day = a.from + log.rng.int(0, every);
            while day <= stop {
                let outcome = log.rng.pick(&[
                    "plan agreed",
                    "new lines listed",
                    "order placed",
                    "no change",
                ]);
                log.text(day, kind, note, Some(outcome));
                day += every + log.rng.int(-every / 6, every / 6);
            }
        }
    }

    // Campaign events.
    for t in history.touches.iter().filter(|t| t.responded) {
        let Some(plan) = plans.get(t.campaign) else {
            continue;
        };
        if plan.event {
            log.add(
                t.day,
                InteractionKind::Event,
                Note::Campaign(t.campaign),
                Some("attended"),
            );
        }
        if plan.rolling {
            // Loyalty-card members get a birthday gift once a year.
            let mut day = t.day + log.rng.int(0, 364);
            while day <= until {
                log.text(
                    day,
                    InteractionKind::Other,
                    "Birthday gift sent",
                    Some("gift delivered"),
                );
                day += 365;
            }
        }
        if let Some(every) = plan.recurring_event_days {
            let mut day = t.day + log.rng.int(7, every);
            while day <= until {
                if log.rng.chance(0.7) {
                    log.text(
                        day,
                        InteractionKind::Event,
                        "Chef's Table Club tasting",
                        Some("attended"),
                    );
                }
                day += every;
            }
        }
    }

    // The exit call.
    if let Some((day, reason)) = history.exit {
        log.add(
            day,
            InteractionKind::Call,
            Note::ExitCall(reason),
            Some("exit recorded"),
        );
    }

    let out = log.out;
    out.retain(|c| c.day >= 0 && c.day <= last_day);
    out.sort_by_key(|c| c.day);
}

/// A Poisson draw with the given mean (Knuth's product method; means here are small), capped
/// at 500 so a bad mean cannot loop for long.
fn poisson(rng: &mut Rng, mean: f64) -> u32 {
    if mean.is_nan() || mean <= 0.0 || !mean.is_finite() {
        return 0;
    }
    // Split large means so exp(−mean) does not underflow.
    let mut left = mean;
    let mut total = 0u32;
    while left > 0.0 && total < 500 {
        let chunk = left.min(30.0);
        left -= chunk;
        let limit = (-chunk).exp();
        let mut product = rng.unit();
        while product > limit && total < 500 {
            total += 1;
            product *= rng.unit();
        }
    }
    total
}
