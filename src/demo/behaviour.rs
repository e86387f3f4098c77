//! Each demo customer's buying life: a latent profile, then orders, returns, campaign responses
//! and the exit, drawn day by day.
//!
//! The purchase process is the BG/NBD story (Fader, Hardie & Lee 2005, "Counting your customers
//! the easy way", Marketing Science 24(2), §2) per segment: a Gamma-distributed purchase rate,
//! a Beta-distributed drop-out probability after each repeat purchase, and no drop-out right
//! after the first purchase. On top of it the rate varies by calendar month (seasons) and rises
//! while a campaign response has effect; the varying rate is simulated by thinning (Lewis &
//! Shedler 1979, "Simulation of nonhomogeneous Poisson processes by thinning", Naval Research
//! Logistics Quarterly 26(3)): candidate times at a bounding rate, each kept with probability
//! rate(t) / bound. Order values follow the Gamma-Gamma story (a Gamma-distributed mean per
//! customer, Gamma-distributed orders around it), turned into a product line and a quantity.

use super::campaigns::{CampaignPlan, Eligibility};
use super::catalogue::{
    city_shares, segment_shares, SegmentSpec, EQUIPMENT, MARKETPLACE, PRODUCTS, REFERRAL, RETAIL,
    SEGMENTS, TRADE_FAIR,
};
use super::rng::Rng;
use super::Timeline;
use crate::domain::ExitReason;

/// A customer's latent traits, drawn before their history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Profile {
    /// Index into `SEGMENTS`.
    pub segment: usize,
    /// Index into `CHANNELS`.
    pub channel: usize,
    /// Index into `CITIES`.
    pub city: usize,
    /// Day offset of the first order.
    pub acquired: i32,
    /// Purchases per day while active.
    pub rate: f64,
    /// Probability of dropping out after each repeat purchase.
    pub dropout: f64,
    /// Mean order value aimed at, currency units.
    pub spend: f64,
    /// Negotiated discount off list prices.
    pub discount: f64,
    /// Complains and asks a lot.
    pub demanding: bool,
    /// A large account on a deep volume discount.
    pub bargainer: bool,
    /// Expected yearly purchase value while active (what sales would call the account's size).
    pub value: f64,
}

impl Profile {
    /// The segment's description.
    pub fn spec(&self) -> &'static SegmentSpec {
        &SEGMENTS[self.segment.min(SEGMENTS.len() - 1)]
    }
}

/// One order line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Order {
    /// Day offset.
    pub day: i32,
    /// Index into `PRODUCTS`.
    pub product: usize,
    /// Units.
    pub quantity: f64,
    /// Amount in minor units.
    pub amount: i64,
    /// Cost of goods in minor units, when known.
    pub cost: Option<i64>,
}

/// A campaign contact and its outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Touch {
    /// Index into the campaign plans.
    pub campaign: usize,
    /// Day offset of the contact.
    pub day: i32,
    /// Whether the customer responded.
    pub responded: bool,
    /// Last day the response has effect.
    pub effect_end: i32,
}

/// What happened to one customer.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct History {
    /// Orders in date order; the first is on the acquisition day.
    pub orders: Vec<Order>,
    /// Returns (same shape as orders; amounts positive).
    pub returns: Vec<Order>,
    /// Campaign contacts in date order.
    pub touches: Vec<Touch>,
    /// Day of the order after which the customer stopped buying, if they did.
    pub dropped: Option<i32>,
    /// Recorded exit: day offset and reason.
    pub exit: Option<(i32, ExitReason)>,
}

impl History {
    /// Σ order amounts − Σ return amounts, minor units.
    pub fn revenue(&self) -> i64 {
        self.orders.iter().map(|o| o.amount).sum::<i64>()
            - self.returns.iter().map(|r| r.amount).sum::<i64>()
    }

    /// Last day the customer was still in touch: the exit, or a while after the last order for
    /// a customer who quietly stopped, or the end of the history.
    pub fn active_until(&self, last_day: i32) -> i32 {
        match (self.exit, self.dropped) {
            (Some((day, _)), _) => day,
            (None, Some(day)) => (day + 90).min(last_day),
            (None, None) => last_day,
        }
    }
}

/// Catalogue lines by category, built once.
pub(crate) struct Shop {
    by_category: [Vec<usize>; 5],
}

impl Shop {
    /// Indexes the catalogue.
    pub fn new() -> Shop {
        let mut by_category: [Vec<usize>; 5] = Default::default();
        for (i, p) in PRODUCTS.iter().enumerate() {
            if let Some(list) = by_category.get_mut(p.category) {
                list.push(i);
            }
        }
        Shop { by_category }
    }
}

/// Growth of acquisitions over the history: the density rises linearly to 1 + G times its start.
const GROWTH: f64 = 0.8;
/// Day offset of the first trade fair; one a year after it.
const FIRST_FAIR: i32 = 120;

/// Draws a customer's profile.
pub(crate) fn draw_profile(rng: &mut Rng, timeline: &Timeline) -> Profile {
    let segment = rng.weighted(&segment_shares());
    let spec = &SEGMENTS[segment.min(SEGMENTS.len() - 1)];
    let channel = rng.weighted(&spec.channels);
    let city = rng.weighted(&city_shares());
    let acquired = acquisition_day(rng, timeline, channel);
    let mut rate = rng
        .gamma(
            spec.rate_shape,
            1.0 / (spec.rate_shape * spec.interval_days),
        )
        .max(1e-5);
    let mut dropout = rng.beta(spec.dropout.0, spec.dropout.1);
    let mut spend = spec.spend * rng.gamma(3.0, 1.0 / 3.0);
    match channel {
        REFERRAL => dropout *= 0.7,
        MARKETPLACE => {
            dropout *= 1.4;
            spend *= 0.85;
        }
        TRADE_FAIR => spend *= 1.1,
        _ => {}
    }
    let bargainer = rng.chance(spec.bargainers);
    let discount = if bargainer {
        spend *= 2.0;
        rate *= 1.3;
        rng.uniform(0.30, 0.35)
    } else {
        rng.uniform(spec.discount.0, spec.discount.1)
    };
    let spend = spend.max(8.0);
    Profile {
        segment,
        channel,
        city,
        acquired,
        rate,
        dropout: dropout.clamp(0.0, 0.9),
        spend,
        discount,
        demanding: rng.chance(spec.demanding),
        bargainer,
        value: 365.0 * rate * spend,
    }
}

/// The acquisition day: trade-fair customers within six weeks after one of the yearly fairs,
/// everyone else with a density that grows linearly over the history (inverse-CDF draw of
/// f(x) ∝ 1 + G·x on [0, 1]).
fn acquisition_day(rng: &mut Rng, timeline: &Timeline, channel: usize) -> i32 {
    let last = timeline.last_day();
    if channel == TRADE_FAIR {
        let fairs: Vec<i32> = (0..)
            .map(|k| FIRST_FAIR + 365 * k)
            .take_while(|&d| d <= last)
            .collect();
        if !fairs.is_empty() {
            let fair = rng.pick(&fairs);
            return (fair + rng.int(0, 42)).min(last);
        }
    }
    let u = rng.unit();
    let x = (-1.0 + (1.0 + 2.0 * GROWTH * u * (1.0 + GROWTH / 2.0)).sqrt()) / GROWTH;
    ((x * f64::from(last + 1)).floor() as i32).clamp(0, last)
}

/// A response's effect on buying.
#[derive(Debug, Clone, Copy)]
struct Effect {
    start: i32,
    end: i32,
    boost: f64,
    discount: f64,
}

/// Bound of the purchase-rate multiplier used for thinning; larger multipliers are clipped.
const BOUND: f64 = 8.0;

/// Simulates one customer's orders, campaign responses, exit and returns.
pub(crate) fn simulate(
    profile: &Profile,
    plans: &[CampaignPlan],
    timeline: &Timeline,
    shop: &Shop,
    rng: &mut Rng,
) -> History {
    let spec = profile.spec();
    let last = timeline.last_day();
    let horizon = f64::from(last + 1);
    let mut h = History::default();
    let mut effects: Vec<Effect> = Vec::new();
    let mut dropout_factor = 1.0;
    let mut schedule: Vec<(i32, usize)> = plans
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.touch_day(profile.acquired, last).map(|d| (d, i)))
        .collect();
    schedule.sort_unstable();
    let mut next_touch = 0;

    h.orders
        .push(order(rng, profile, shop, profile.acquired, 0.0));
    let mut last_order = profile.acquired;
    let mut alive = true;
    let mut pending: Option<f64> = None;
    let mut t = f64::from(profile.acquired) + rng.unit();
    loop {
        let candidate = if alive {
            t + rng.exp(1.0 / (profile.rate * BOUND))
        } else {
            f64::INFINITY
        };
        // Campaign contacts due before the next event; a response can change what follows.
        while let Some(&(day, c)) = schedule.get(next_touch) {
            let next_event = pending.map_or(candidate, |p| p.min(candidate));
            if f64::from(day) > next_event || day > last {
                break;
            }
            next_touch += 1;
            let Some(plan) = plans.get(c) else { continue };
            if h.exit.is_some_and(|(d, _)| d <= day)
                || !eligible(plan, profile, last_order, day)
                || !rng.chance(plan.reach)
            {
                continue;
            }
            let responded = alive && rng.chance(plan.response);
            let effect_end = plan.effect_end(day, last);
            if responded {
                effects.push(Effect {
                    start: day,
                    end: effect_end,
                    boost: plan.boost,
                    discount: plan.discount,
                });
                dropout_factor *= plan.dropout_factor;
                if plan.prompt_order {
                    let when = f64::from(day) + 0.5 + rng.exp(4.0).min(f64::from(effect_end - day));
                    pending = Some(pending.map_or(when, |p| p.min(when)));
                }
            }
            h.touches.push(Touch {
                campaign: c,
                day,
                responded,
                effect_end,
            });
        }
        let (time, prompted) = match pending {
            Some(p) if p <= candidate => (p, true),
            _ => (candidate, false),
        };
        if time >= horizon || !time.is_finite() {
            break;
        }
        if prompted {
            pending = None;
        }
        t = time;
        let day = (t.floor() as i32).clamp(0, last);
        if !prompted {
            let multiplier = spec.season[timeline.month0(day)]
                * effects
                    .iter()
                    .filter(|e| e.start <= day && day <= e.end)
                    .map(|e| e.boost)
                    .product::<f64>();
            if !rng.chance(multiplier.min(BOUND) / BOUND) {
                continue;
            }
        }
        let discount = effects
            .iter()
            .filter(|e| e.start <= day && day <= e.end)
            .map(|e| e.discount)
            .fold(0.0, f64::max);
        h.orders.push(order(rng, profile, shop, day, discount));
        last_order = day;
        if rng.chance(profile.dropout * dropout_factor) {
            alive = false;
            pending = None;
            h.dropped = Some(day);
            if rng.chance(spec.exit_recorded) {
                let exit_day = day + rng.int(10, 120);
                if exit_day <= last {
                    h.exit = Some((exit_day, exit_reason(rng, profile)));
                }
            }
        }
    }
    h.returns = returns(rng, &h, spec, last);
    h
}

/// Whether the company would contact this customer on `day`.
fn eligible(plan: &CampaignPlan, profile: &Profile, last_order: i32, day: i32) -> bool {
    match plan.eligibility {
        Eligibility::All => true,
        Eligibility::Segment(s) => profile.segment == s,
        Eligibility::TopBusiness { threshold, .. } => {
            profile.spec().business && profile.value >= threshold
        }
        Eligibility::Lapsed { days } => day - last_order >= days,
    }
}

/// One order line: a target value from the customer's spend distribution, a product of the
/// segment's categories that fits it, a quantity, and the price after discounts.
fn order(rng: &mut Rng, profile: &Profile, shop: &Shop, day: i32, campaign_discount: f64) -> Order {
    let spec = profile.spec();
    let target = rng.gamma(4.0, profile.spend / 4.0).max(5.0);
    let category = rng.weighted(&spec.categories);
    let lines = shop
        .by_category
        .get(category)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let mut product = rng.pick(lines);
    for _ in 0..2 {
        if PRODUCTS[product].price <= 1.6 * target {
            break;
        }
        product = rng.pick(lines);
    }
    let item = PRODUCTS[product.min(PRODUCTS.len() - 1)];
    let quantity = (target / item.price).round().max(1.0);
    // Occasional supplier promotions on single lines.
    let promotion = if rng.chance(0.04) { 0.10 } else { 0.0 };
    let discount = (profile.discount + campaign_discount + promotion).min(0.35);
    let amount = ((quantity * item.price * (1.0 - discount)) * 100.0)
        .round()
        .max(1.0) as i64;
    let unit_cost = item.price * (1.0 - item.margin) * rng.noise(0.03);
    // About one line in a hundred comes from a supplier invoice not yet booked: no cost.
    let cost = (!rng.chance(0.01)).then(|| (quantity * unit_cost * 100.0).round().max(0.0) as i64);
    Order {
        day,
        product,
        quantity,
        amount,
        cost,
    }
}

/// Returns: a few per cent of orders, equipment twice as often, a fraction of the order or —
/// for about one return in seven — more than the order (unsold stock from earlier deliveries),
/// never more than the customer has bought and not yet returned, and never after the exit.
fn returns(rng: &mut Rng, h: &History, spec: &SegmentSpec, last: i32) -> Vec<Order> {
    let until = h.exit.map_or(last, |(d, _)| d.min(last));
    let mut out = Vec::new();
    let mut bought = 0i64;
    let mut returned = 0i64;
    for o in &h.orders {
        bought += o.amount;
        let item = PRODUCTS[o.product.min(PRODUCTS.len() - 1)];
        let p = spec.return_rate * if item.category == EQUIPMENT { 2.0 } else { 1.0 };
        if !rng.chance(p) {
            continue;
        }
        let day = (o.day + rng.int(2, 30)).min(until);
        if day < o.day {
            continue;
        }
        let mut factor = if rng.chance(0.15) {
            rng.uniform(1.2, 2.5)
        } else {
            rng.uniform(0.15, 1.0)
        };
        if (o.amount as f64 * factor).round() as i64 > bought - returned {
            factor = rng.uniform(0.15, 1.0);
        }
        let amount = ((o.amount as f64 * factor).round() as i64).max(1);
        if amount > bought - returned {
            continue;
        }
        returned += amount;
        out.push(Order {
            day,
            product: o.product,
            quantity: ((o.quantity * factor) * 10.0).round().max(1.0) / 10.0,
            amount,
            cost: o.cost.map(|c| (c as f64 * factor).round() as i64),
        });
    }
    out.sort_by_key(|r| r.day);
    out
}

/// Why a customer left: price the most common, service more likely for demanding customers,
/// price for resellers and marketplace buyers.
fn exit_reason(rng: &mut Rng, profile: &Profile) -> ExitReason {
    // price, product, service, market, technology, political, other
    let mut w = [0.28, 0.17, 0.18, 0.15, 0.08, 0.05, 0.09];
    if profile.demanding {
        w[2] *= 3.0;
    }
    if profile.segment == RETAIL || profile.channel == MARKETPLACE {
        w[0] *= 1.6;
    }
    if profile.spec().business {
        w[4] *= 1.2;
    } else {
        w[3] *= 1.2;
    }
    let reasons = [
        ExitReason::Price,
        ExitReason::Product,
        ExitReason::Service,
        ExitReason::Market,
        ExitReason::Technology,
        ExitReason::Political,
        ExitReason::Other,
    ];
    reasons
        .get(rng.weighted(&w))
        .copied()
        .unwrap_or(ExitReason::Other)
}

/// A note for a recorded exit, in the words a relationship manager would write.
pub(crate) fn exit_note(rng: &mut Rng, reason: ExitReason, business: bool) -> String {
    let notes: &[&str] = match (reason, business) {
        (ExitReason::Price, true) => &[
            "Moved to a cash-and-carry wholesaler with lower list prices.",
            "A competitor offered 8% below our prices on the staples.",
            "New purchasing manager put all suppliers out to tender; we lost on price.",
        ],
        (ExitReason::Price, false) => &[
            "Found the same oils and pans cheaper at a discounter.",
            "Said our delivery charge made small orders too dear.",
        ],
        (ExitReason::Product, true) => &[
            "Found a supplier with a wider organic range.",
            "Wanted a local cheese selection we do not carry.",
            "Changed menu concept; our range no longer fits.",
        ],
        (ExitReason::Product, false) => &[
            "Prefers a shop with more vegan products.",
            "Wanted knife brands we do not stock.",
        ],
        (ExitReason::Service, true) => &[
            "Two late deliveries in one month; complaint escalated to the owner.",
            "Unhappy with how the damaged-goods claims were handled.",
            "Could not reach anyone on Saturday mornings.",
        ],
        (ExitReason::Service, false) => &[
            "Parcel arrived damaged twice; refund took too long.",
            "Unhappy with the answer to a complaint.",
        ],
        (ExitReason::Market, true) => &[
            "Closed the business.",
            "Moved the kitchen out of our delivery area.",
            "Sold to a group that buys centrally.",
        ],
        (ExitReason::Market, false) => &["Moved abroad.", "Moved out of our delivery area."],
        (ExitReason::Technology, true) => &[
            "Switched to an online procurement platform with automatic reordering.",
            "Bought a combi-oven system that comes with its own consumables contract.",
        ],
        (ExitReason::Technology, false) => &[
            "Switched to a meal-kit subscription.",
            "Orders everything through a grocery app now.",
        ],
        (ExitReason::Political, true) => &[
            "Objected to our air-freighted lines; wants a local-only supplier.",
            "Disagreed with our packaging policy.",
        ],
        (ExitReason::Political, false) => &[
            "Boycotts suppliers that sell imported palm-oil products.",
            "Objected to our packaging waste.",
        ],
        (ExitReason::Other, true) => &["Owner retired.", "Account merged into a sister company's."],
        (ExitReason::Other, false) => &["No reason given.", "Asked to close the account."],
    };
    rng.pick(notes).to_string()
}
