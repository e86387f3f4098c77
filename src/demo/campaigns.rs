//! The demo's eight campaigns, one or more of every kind, placed at fixed fractions of the
//! history: whom each targets, how targeted customers respond and what a response does to their
//! buying, and the `Campaign` records with costs from the numbers reached.

use super::catalogue::{SegmentId, HOME_COOKS, HOTELS};
use super::timeline::Timeline;
use crate::domain::{Campaign, CampaignKind, CampaignTarget, Money, Tier};
use chrono::Datelike;

/// Which customers a campaign reaches, judged on what the company can see on the day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Eligibility {
    /// Every customer without a recorded exit.
    All,
    /// Customers of one segment.
    Segment(SegmentId),
    /// Business customers whose yearly value is at least `threshold` (set from the `quantile`
    /// of business customers' values once the profiles are drawn).
    TopBusiness {
        /// Quantile of business customers' values, in [0, 1].
        quantile: f64,
        /// The value at that quantile.
        threshold: f64,
    },
    /// Customers whose last order is at least this many days old.
    Lapsed {
        /// Days since the last order.
        days: i32,
    },
}

/// A campaign and its response model.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CampaignPlan {
    /// `CMP01` …
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: CampaignKind,
    /// First day (day offset).
    pub start: i32,
    /// Last day (day offset); `None` for an ongoing programme.
    pub end: Option<i32>,
    /// The target as the app records it.
    pub target: CampaignTarget,
    /// Who is actually contacted.
    pub eligibility: Eligibility,
    /// Share of eligible customers contacted (marketing consent, valid address).
    pub reach: f64,
    /// Customers acquired after the start are invited a week after their first order.
    pub rolling: bool,
    /// Probability that a contacted, still-active customer responds.
    pub response: f64,
    /// Purchase-rate multiplier while the response has effect.
    pub boost: f64,
    /// Days a response has effect (ongoing programmes: to the end of the history).
    pub effect_days: i32,
    /// Price reduction on orders while the response has effect.
    pub discount: f64,
    /// Responders place an order soon after responding.
    pub prompt_order: bool,
    /// Multiplier of the responder's drop-out probability from then on.
    pub dropout_factor: f64,
    /// Responders attend an event on the response day.
    pub event: bool,
    /// Responders attend a members' event every this many days.
    pub recurring_event_days: Option<i32>,
    /// Fixed cost, currency units.
    pub fixed_cost: f64,
    /// Cost per customer contacted.
    pub cost_per_target: f64,
    /// Cost per responder.
    pub cost_per_responder: f64,
    /// What was done.
    pub description: String,
    /// Note on a positive response.
    pub yes_note: &'static str,
    /// Note on no response.
    pub no_note: &'static str,
}

impl CampaignPlan {
    /// The day this customer (first order on `acquired`) is contacted, if at all.
    pub fn touch_day(&self, acquired: i32, last_day: i32) -> Option<i32> {
        if self.start > last_day {
            return None;
        }
        if acquired <= self.start {
            return Some(self.start);
        }
        let invite = acquired + 7;
        (self.rolling && invite <= self.end.unwrap_or(last_day).min(last_day)).then_some(invite)
    }

    /// The last day a response on `day` has effect.
    pub fn effect_end(&self, day: i32, last_day: i32) -> i32 {
        match self.end {
            None if self.rolling || self.recurring_event_days.is_some() => last_day,
            _ => (day + self.effect_days).min(last_day),
        }
    }

    /// The `Campaign` record, costed from the customers contacted and the responders.
    pub fn record(&self, timeline: &Timeline, targets: usize, responders: usize) -> Campaign {
        let cost = self.fixed_cost
            + self.cost_per_target * targets as f64
            + self.cost_per_responder * responders as f64;
        Campaign {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: self.kind,
            start: timeline.date(self.start),
            end: self.end.map(|d| timeline.date(d)),
            cost: Money::from_major(cost).unwrap_or(Money::ZERO),
            target: self.target.clone(),
            description: self.description.clone(),
        }
    }
}

fn season(month: u32) -> &'static str {
    match month {
        3..=5 => "Spring",
        6..=8 => "Summer",
        9..=11 => "Autumn",
        _ => "Winter",
    }
}

/// The eight campaigns, placed at fixed fractions of the history so that any window length
/// gets all of them.
pub(crate) fn plans(timeline: &Timeline) -> Vec<CampaignPlan> {
    let last = timeline.last_day();
    let at = |fraction: f64| ((f64::from(last) * fraction).round() as i32).clamp(0, last);
    let label = |day: i32| {
        let date = timeline.date(day);
        format!("{} {}", season(date.month()), date.year())
    };
    let year = |day: i32| timeline.date(day).year();
    let mut plans = Vec::with_capacity(8);
    let base = |id: &str, name: String, kind: CampaignKind, start: i32, target: CampaignTarget| {
        CampaignPlan {
            id: id.to_string(),
            name,
            kind,
            start,
            end: None,
            target,
            eligibility: Eligibility::All,
            reach: 1.0,
            rolling: false,
            response: 0.0,
            boost: 1.0,
            effect_days: 30,
            discount: 0.0,
            prompt_order: false,
            dropout_factor: 1.0,
            event: false,
            recurring_event_days: None,
            fixed_cost: 0.0,
            cost_per_target: 0.0,
            cost_per_responder: 0.0,
            description: String::new(),
            yes_note: "",
            no_note: "",
        }
    };

    let start = at(0.10);
    plans.push(CampaignPlan {
        eligibility: Eligibility::Segment(HOME_COOKS),
        reach: 0.9,
        rolling: true,
        response: 0.30,
        boost: 1.25,
        discount: 0.05,
        dropout_factor: 0.75,
        fixed_cost: 6_000.0,
        cost_per_target: 0.40,
        cost_per_responder: 4.00,
        description: "Points on every order, a 5% member price and a birthday gift; offered to every home cook by e-mail and at checkout.".into(),
        yes_note: "Joined; loyalty card issued",
        no_note: "Invitation not taken up",
        ..base("CMP01", "Kitchen Rewards loyalty card".into(), CampaignKind::FrequencyProgram, start, CampaignTarget::Segment("Home cooks".into()))
    });

    let start = at(0.30);
    plans.push(CampaignPlan {
        eligibility: Eligibility::TopBusiness { quantile: 0.90, threshold: f64::INFINITY },
        response: 0.55,
        boost: 1.15,
        dropout_factor: 0.5,
        recurring_event_days: Some(91),
        fixed_cost: 15_000.0,
        cost_per_target: 12.0,
        cost_per_responder: 250.0,
        description: "Invitation-only club for the gold and silver accounts: quarterly tastings with our chefs, priority delivery slots and a named account contact.".into(),
        yes_note: "Accepted the club invitation",
        no_note: "Declined the club invitation",
        ..base("CMP02", "Chef's Table Club".into(), CampaignKind::Club, start, CampaignTarget::Tier(Tier::Silver))
    });

    let start = at(0.40);
    plans.push(CampaignPlan {
        end: Some((start + 29).min(last)),
        reach: 0.85,
        response: 0.09,
        prompt_order: true,
        fixed_cost: 1_800.0,
        cost_per_target: 1.10,
        description: "Printed seasonal catalogue with a reply card and an order code, posted to every customer who agreed to hear from us.".into(),
        yes_note: "Ordered with the catalogue code",
        no_note: "No response",
        ..base("CMP03", format!("{} catalogue", label(start)), CampaignKind::Mailing, start, CampaignTarget::All)
    });

    let start = at(0.55);
    plans.push(CampaignPlan {
        end: Some(start),
        eligibility: Eligibility::TopBusiness { quantile: 0.70, threshold: f64::INFINITY },
        response: 0.35,
        boost: 1.4,
        effect_days: 60,
        prompt_order: true,
        event: true,
        fixed_cost: 4_500.0,
        cost_per_target: 2.0,
        cost_per_responder: 40.0,
        description: "An evening tasting of the new season's oils, cheeses and chocolate for our iron-tier and better business accounts.".into(),
        yes_note: "Attended; ordered what was tasted",
        no_note: "Did not attend",
        ..base("CMP04", format!("{} tasting evening", label(start)), CampaignKind::Event, start, CampaignTarget::Tier(Tier::Iron))
    });

    let start = at(0.70);
    plans.push(CampaignPlan {
        end: Some((start + 9).min(last)),
        reach: 0.85,
        response: 0.18,
        boost: 3.0,
        effect_days: 9,
        discount: 0.20,
        prompt_order: true,
        fixed_cost: 900.0,
        cost_per_target: 0.30,
        description:
            "Ten days of 20% off the whole catalogue, announced by e-mail; margins on the low-margin lines go negative."
                .into(),
        yes_note: "Bought during the discount week",
        no_note: "No purchase in the discount week",
        ..base(
            "CMP05",
            format!("{} 20% off week", label(start)),
            CampaignKind::Discount,
            start,
            CampaignTarget::All,
        )
    });

    let start = at(0.80);
    plans.push(CampaignPlan {
        end: Some((start + 44).min(last)),
        eligibility: Eligibility::Lapsed { days: 150 },
        reach: 0.9,
        response: 0.15,
        effect_days: 44,
        discount: 0.15,
        prompt_order: true,
        fixed_cost: 500.0,
        cost_per_target: 0.90,
        description: "A personal e-mail and call offering 15% off the next order to customers who had not ordered for five months.".into(),
        yes_note: "Came back with the win-back offer",
        no_note: "No response to the win-back offer",
        ..base("CMP06", "Win-back offer: 15% off your next order".into(), CampaignKind::Discount, start, CampaignTarget::Segment("at_risk".into()))
    });

    let start = at(0.88);
    plans.push(CampaignPlan {
        end: Some((start + 29).min(last)),
        eligibility: Eligibility::Segment(HOME_COOKS),
        reach: 0.8,
        response: 0.07,
        prompt_order: true,
        fixed_cost: 300.0,
        cost_per_target: 0.05,
        description:
            "Seasonal recipes from our chefs with a basket of the ingredients one click away."
                .into(),
        yes_note: "Ordered a recipe basket",
        no_note: "Opened, no order",
        ..base(
            "CMP07",
            format!("Recipe newsletter, {}", label(start)),
            CampaignKind::Mailing,
            start,
            CampaignTarget::Segment("Home cooks".into()),
        )
    });

    let start = at(0.93);
    plans.push(CampaignPlan {
        end: Some((start + 2).min(last)),
        eligibility: Eligibility::Segment(HOTELS),
        response: 0.30,
        boost: 1.3,
        effect_days: 90,
        prompt_order: true,
        event: true,
        fixed_cost: 7_500.0,
        cost_per_target: 3.0,
        cost_per_responder: 60.0,
        description: "Our stand at the hospitality trade show: hotel buyers invited to a breakfast demonstration and a show-only price list.".into(),
        yes_note: "Visited the stand; placed a show order",
        no_note: "Did not visit the stand",
        ..base("CMP08", format!("Hospitality Expo {}: our stand", year(start)), CampaignKind::Event, start, CampaignTarget::Segment("Hotels".into()))
    });
    plans
}

/// Fills in the value thresholds of `TopBusiness` eligibilities from the business customers'
/// yearly values.
pub(crate) fn set_thresholds(plans: &mut [CampaignPlan], business_values: &mut [f64]) {
    business_values.sort_unstable_by(f64::total_cmp);
    for plan in plans {
        if let Eligibility::TopBusiness {
            quantile,
            threshold,
        } = &mut plan.eligibility
        {
            let n = business_values.len();
            *threshold = if n == 0 {
                f64::INFINITY
            } else {
                let k = ((n as f64 * *quantile) as usize).min(n - 1);
                business_values[k]
            };
        }
    }
}
