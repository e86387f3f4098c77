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
use super::timeline::Timeline;
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

/// One order line (32 bytes: there are a million of them at 100,000 customers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Order {
    /// Day offset.
    pub day: i32,
    /// Index into `PRODUCTS`.
    pub product: u32,
    /// Units.
    pub quantity: f64,
    /// Amount in minor units.
    pub amount: i64,
    /// Cost of goods in minor units, [`NO_COST`] when not known (see [`Order::cost`]).
    pub cost_or_none: i64,
}

/// [`Order::cost_or_none`] of an order whose cost is not known (costs are never negative).
pub(crate) const NO_COST: i64 = i64::MIN;

impl Order {
    /// Cost of goods in minor units, when known.
    #[inline]
    pub fn cost(&self) -> Option<i64> {
        (self.cost_or_none != NO_COST).then_some(self.cost_or_none)
    }
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

/// What happened to one customer, as [`simulate`] draws it (its buffers are reused from one
/// customer to the next).
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
    /// Scratch of `simulate`: the responses' effects on buying.
    effects: Vec<Effect>,
    /// Scratch of `simulate`: the campaign contacts due, by day.
    schedule: Vec<(i32, usize)>,
}

/// One customer's history, borrowed (from [`Lives`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Past<'a> {
    /// Orders in date order; the first is on the acquisition day.
    pub orders: &'a [Order],
    /// Returns, in date order.
    pub returns: &'a [Order],
    /// Campaign contacts in date order.
    pub touches: &'a [Touch],
    /// Day of the order after which the customer stopped buying, if they did.
    pub dropped: Option<i32>,
    /// Recorded exit: day offset and reason.
    pub exit: Option<(i32, ExitReason)>,
}

impl Past<'_> {
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

/// How a customer's history ended: `dropped` and `exit` of [`History`].
type Fate = (Option<i32>, Option<(i32, ExitReason)>);

/// Every customer's history, in customer order, in three flat arrays (no allocation per
/// customer).
#[derive(Debug, Default)]
pub(crate) struct Lives {
    orders: Vec<Order>,
    returns: Vec<Order>,
    touches: Vec<Touch>,
    /// Per customer: where its orders, returns and touches end.
    ends: Vec<[u32; 3]>,
    /// Per customer: `dropped` and `exit`.
    fates: Vec<Fate>,
}

impl Lives {
    /// Room for `n` customers.
    pub fn with_capacity(n: usize) -> Lives {
        Lives {
            ends: Vec::with_capacity(n),
            fates: Vec::with_capacity(n),
            ..Lives::default()
        }
    }

    /// Appends the next customer's history.
    pub fn push(&mut self, h: &History) {
        self.orders.extend_from_slice(&h.orders);
        self.returns.extend_from_slice(&h.returns);
        self.touches.extend_from_slice(&h.touches);
        self.ends.push([
            self.orders.len() as u32,
            self.returns.len() as u32,
            self.touches.len() as u32,
        ]);
        self.fates.push((h.dropped, h.exit));
    }

    /// Number of customers.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Customer `i`'s history.
    pub fn get(&self, i: usize) -> Past<'_> {
        let start = match i {
            0 => [0; 3],
            _ => self.ends[i - 1],
        };
        let end = self.ends[i];
        let (dropped, exit) = self.fates[i];
        Past {
            orders: &self.orders[start[0] as usize..end[0] as usize],
            returns: &self.returns[start[1] as usize..end[1] as usize],
            touches: &self.touches[start[2] as usize..end[2] as usize],
            dropped,
            exit,
        }
    }

    /// Orders and returns of every customer.
    pub fn transaction_count(&self) -> usize {
        self.orders.len() + self.returns.len()
    }

    /// Every customer's orders then returns, customer by customer: (customer, return?, the
    /// index in [`Lives::orders`] or [`Lives::returns`]).
    pub fn transactions(&self) -> impl Iterator<Item = (u32, bool, u32)> + Clone + '_ {
        (0..self.len()).flat_map(move |c| {
            let start = match c {
                0 => [0; 3],
                _ => self.ends[c - 1],
            };
            let end = self.ends[c];
            let c = c as u32;
            (start[0]..end[0])
                .map(move |i| (c, false, i))
                .chain((start[1]..end[1]).map(move |i| (c, true, i)))
        })
    }

    /// Every customer's orders, one after the other.
    pub fn orders(&self) -> &[Order] {
        &self.orders
    }

    /// Every customer's returns, one after the other.
    pub fn returns(&self) -> &[Order] {
        &self.returns
    }
}

/// Catalogue lines by category, and each segment's seasonal purchase rate by day, built once.
pub(crate) struct Shop {
    by_category: [Vec<usize>; 5],
    /// Per segment, per day offset: `spec.season[timeline.month0(day)]`.
    season: Vec<Vec<f64>>,
}

impl Shop {
    /// Indexes the catalogue and the seasons of the history.
    pub fn new(timeline: &Timeline) -> Shop {
        let mut by_category: [Vec<usize>; 5] = Default::default();
        for (i, p) in PRODUCTS.iter().enumerate() {
            if let Some(list) = by_category.get_mut(p.category) {
                list.push(i);
            }
        }
        let days = 0..=timeline.last_day();
        let season = SEGMENTS
            .iter()
            .map(|spec| {
                days.clone()
                    .map(|d| spec.season[timeline.month0(d)])
                    .collect()
            })
            .collect();
        Shop {
            by_category,
            season,
        }
    }
}

/// `x.floor() as i32` (saturating; 0 for NaN) without a call into the math library, which
/// x86-64's baseline needs for `floor`: the truncation, one less when it lies above `x`.
#[inline]
pub(crate) fn floor_i32(x: f64) -> i32 {
    let t = x as i32;
    if f64::from(t) > x {
        t.saturating_sub(1)
    } else {
        t
    }
}

/// `x.round()` (half away from zero) without a call into the math library: below 2^52 in
/// magnitude the truncation `t` and `x - t` are exact and the result takes the sign of `x` (as
/// `f64::round` gives it, zeros included); from 2^52 on every `f64` is a whole number (or
/// infinite, or NaN), which `round` leaves as it is.
#[inline]
pub(crate) fn round(x: f64) -> f64 {
    // Not below 2^52 (NaN included).
    if x.abs().partial_cmp(&4_503_599_627_370_496.0) != Some(std::cmp::Ordering::Less) {
        return x;
    }
    let t = x as i64 as f64;
    let f = x - t;
    let r = if f >= 0.5 {
        t + 1.0
    } else if f <= -0.5 {
        t - 1.0
    } else {
        t
    };
    r.copysign(x)
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
    floor_i32(x * f64::from(last + 1)).clamp(0, last)
}

/// A response's effect on buying.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Effect {
    start: i32,
    end: i32,
    boost: f64,
    discount: f64,
}

/// Bound of the purchase-rate multiplier used for thinning; larger multipliers are clipped.
const BOUND: f64 = 8.0;

/// Simulates one customer's orders, campaign responses, exit and returns into `h` (whatever it
/// held before is replaced).
pub(crate) fn simulate(
    profile: &Profile,
    plans: &[CampaignPlan],
    timeline: &Timeline,
    shop: &Shop,
    rng: &mut Rng,
    h: &mut History,
) {
    let spec = profile.spec();
    let last = timeline.last_day();
    let horizon = f64::from(last + 1);
    h.orders.clear();
    h.returns.clear();
    h.touches.clear();
    h.dropped = None;
    h.exit = None;
    let mut effects = std::mem::take(&mut h.effects);
    effects.clear();
    let mut dropout_factor = 1.0;
    let mut schedule = std::mem::take(&mut h.schedule);
    schedule.clear();
    schedule.extend(
        plans
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.touch_day(profile.acquired, last).map(|d| (d, i))),
    );
    schedule.sort_unstable();
    let mut next_touch = 0;

    h.orders
        .push(order(rng, profile, shop, profile.acquired, 0.0));
    let season: &[f64] = shop.season.get(profile.segment).map_or(&[], Vec::as_slice);
    let mean_gap = 1.0 / (profile.rate * BOUND);
    let mut last_order = profile.acquired;
    let mut alive = true;
    let mut pending: Option<f64> = None;
    let mut t = f64::from(profile.acquired) + rng.unit();
    // The day of the next campaign contact that can still come (as a time), or infinity.
    let touch_at = |next: usize| match schedule.get(next) {
        Some(&(day, _)) if day <= last => f64::from(day),
        _ => f64::INFINITY,
    };
    let mut next_touch_at = touch_at(next_touch);
    loop {
        let candidate = if alive {
            t + rng.exp(mean_gap)
        } else {
            f64::INFINITY
        };
        let (time, prompted) = if pending.is_none() && next_touch_at > candidate {
            // The common case: nothing prompted and no contact before the candidate, which is
            // then the next event (what the general case below finds, with fewer questions).
            (candidate, false)
        } else {
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
                        let when =
                            f64::from(day) + 0.5 + rng.exp(4.0).min(f64::from(effect_end - day));
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
            next_touch_at = touch_at(next_touch);
            match pending {
                Some(p) if p <= candidate => (p, true),
                _ => (candidate, false),
            }
        };
        if time >= horizon || !time.is_finite() {
            break;
        }
        if prompted {
            pending = None;
        }
        t = time;
        let day = floor_i32(t).clamp(0, last);
        if !prompted {
            let in_season = match season.get(day as usize) {
                Some(&s) => s,
                None => spec.season[timeline.month0(day)],
            };
            // Times the boosts in effect (none: times 1, which changes nothing).
            let multiplier = if effects.is_empty() {
                in_season
            } else {
                in_season
                    * effects
                        .iter()
                        .filter(|e| e.start <= day && day <= e.end)
                        .map(|e| e.boost)
                        .product::<f64>()
            };
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
    returns(rng, h, spec, last);
    h.effects = effects;
    h.schedule = schedule;
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
    let quantity = round(target / item.price).max(1.0);
    // Occasional supplier promotions on single lines.
    let promotion = if rng.chance(0.04) { 0.10 } else { 0.0 };
    let discount = (profile.discount + campaign_discount + promotion).min(0.35);
    let amount = round((quantity * item.price * (1.0 - discount)) * 100.0).max(1.0) as i64;
    let unit_cost = item.price * (1.0 - item.margin) * rng.noise(0.03);
    // About one line in a hundred comes from a supplier invoice not yet booked: no cost.
    let cost = (!rng.chance(0.01)).then(|| round(quantity * unit_cost * 100.0).max(0.0) as i64);
    Order {
        day,
        product: product as u32,
        quantity,
        amount,
        cost_or_none: cost.unwrap_or(NO_COST),
    }
}

/// Returns: a few per cent of orders, equipment twice as often, a fraction of the order or —
/// for about one return in seven — more than the order (unsold stock from earlier deliveries),
/// never more than the customer has bought and not yet returned, and never after the exit.
fn returns(rng: &mut Rng, h: &mut History, spec: &SegmentSpec, last: i32) {
    let until = h.exit.map_or(last, |(d, _)| d.min(last));
    let out = &mut h.returns;
    out.clear();
    let mut bought = 0i64;
    let mut returned = 0i64;
    for o in &h.orders {
        bought += o.amount;
        let item = PRODUCTS[(o.product as usize).min(PRODUCTS.len() - 1)];
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
        if round(o.amount as f64 * factor) as i64 > bought - returned {
            factor = rng.uniform(0.15, 1.0);
        }
        let amount = (round(o.amount as f64 * factor) as i64).max(1);
        if amount > bought - returned {
            continue;
        }
        returned += amount;
        out.push(Order {
            day,
            product: o.product,
            quantity: round((o.quantity * factor) * 10.0).max(1.0) / 10.0,
            amount,
            // Never negative, so never `NO_COST`.
            cost_or_none: o
                .cost()
                .map_or(NO_COST, |c| round(c as f64 * factor) as i64),
        });
    }
    out.sort_by_key(|r| r.day);
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
pub(crate) fn exit_note(rng: &mut Rng, reason: ExitReason, business: bool) -> &'static str {
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
    rng.pick(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_and_round_without_the_math_library_match_the_standard_ones() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            -2.5,
            0.49999999999999994,
            -0.49999999999999994,
            1.0,
            -1.0,
            2_147_483_647.5,
            2_147_483_648.0,
            -2_147_483_648.5,
            -2_147_483_649.0,
            4_503_599_627_370_495.5,
            -4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            1e300,
            -1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            f64::EPSILON,
            9_007_199_254_740_993.0,
            1e-310,
        ];
        let mut rng = super::super::rng::Rng::stream(1, super::super::rng::Purpose::Company, 9);
        for _ in 0..100_000 {
            let scale = [1.0, 10.0, 1e3, 1e6, 1e12, 1e17][rng.below(6)];
            values.push((rng.unit() - 0.5) * scale);
            values.push(rng.below(1000) as f64 / 4.0 - 125.0);
        }
        for x in values {
            assert_eq!(floor_i32(x), x.floor() as i32, "floor of {x:e}");
            assert_eq!(round(x).to_bits(), x.round().to_bits(), "round of {x:e}");
        }
        assert_eq!(floor_i32(f64::NAN), f64::NAN.floor() as i32);
        assert!(round(f64::NAN).is_nan());
    }
}
