//! A customer as every page lists them: the record's fields, the exit and the contact plan,
//! and the engine's scores.

use crate::analytics::rfm::RfmScore;
use crate::analytics::score::CustomerScore;
use crate::domain::{CurrentQuadrant, ExitReason, FutureQuadrant, Money, RfmSegment, Tier};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A customer's scores, without the id (the row has it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub orders: u32,
    /// Money in minor units.
    pub revenue: i64,
    pub gross_margin: i64,
    pub cost_to_serve: i64,
    pub profit: i64,
    pub frequency: u32,
    pub recency: f64,
    pub t: f64,
    pub monetary_value: f64,
    pub p_alive: f64,
    pub expected_purchases: f64,
    pub expected_order_value: f64,
    pub clv: f64,
    pub future_profit: f64,
    pub current_quadrant: CurrentQuadrant,
    pub future_quadrant: FutureQuadrant,
    pub tier: Tier,
    pub rfm_segment: RfmSegment,
    pub rfm: RfmScore,
    /// The day the next order is expected; `None` when probably lapsed or exited.
    pub expected_next_order: Option<NaiveDate>,
}

impl Scores {
    /// The customer's scores as the engine gave them (the inverse of `From<&CustomerScore>`),
    /// so that exports write exactly what `insight score` writes.
    pub fn to_customer_score(&self, customer_id: &str) -> CustomerScore {
        CustomerScore {
            customer_id: customer_id.to_string(),
            orders: self.orders,
            revenue: Money(self.revenue),
            gross_margin: Money(self.gross_margin),
            cost_to_serve: Money(self.cost_to_serve),
            profit: Money(self.profit),
            frequency: self.frequency,
            recency: self.recency,
            t: self.t,
            monetary_value: self.monetary_value,
            p_alive: self.p_alive,
            expected_purchases: self.expected_purchases,
            expected_order_value: self.expected_order_value,
            clv: self.clv,
            future_profit: self.future_profit,
            current_quadrant: self.current_quadrant,
            future_quadrant: self.future_quadrant,
            tier: self.tier,
            rfm_segment: self.rfm_segment,
            rfm: self.rfm,
            expected_next_order: self.expected_next_order,
        }
    }
}

impl From<&CustomerScore> for Scores {
    fn from(s: &CustomerScore) -> Scores {
        Scores {
            orders: s.orders,
            revenue: s.revenue.0,
            gross_margin: s.gross_margin.0,
            cost_to_serve: s.cost_to_serve.0,
            profit: s.profit.0,
            frequency: s.frequency,
            recency: s.recency,
            t: s.t,
            monetary_value: s.monetary_value,
            p_alive: s.p_alive,
            expected_purchases: s.expected_purchases,
            expected_order_value: s.expected_order_value,
            clv: s.clv,
            future_profit: s.future_profit,
            current_quadrant: s.current_quadrant,
            future_quadrant: s.future_quadrant,
            tier: s.tier,
            rfm_segment: s.rfm_segment,
            rfm: s.rfm,
            expected_next_order: s.expected_next_order,
        }
    }
}

/// A customer as the Customers page lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: String,
    pub name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub segment: Option<String>,
    pub manager_id: Option<String>,
    pub acquisition_date: Option<NaiveDate>,
    /// The latest recorded exit, if the customer has left.
    pub exit: Option<(NaiveDate, ExitReason)>,
    /// Next contact due, from the contact plan.
    pub next_contact: Option<NaiveDate>,
    /// Whether the customer is at risk: no exit recorded and P(alive) below the threshold.
    pub at_risk: bool,
    /// Scores, for customers with at least one order in the analysis window.
    pub scores: Option<Scores>,
    /// The pyramid tier one migration shift earlier (`planning::previous_pyramid`), for
    /// customers ranked then.
    pub previous_tier: Option<Tier>,
}

