//! The Planning page's data and calculators: tier migration between the previous and the
//! current window, the marketing budget by tier, and the customer-perceived value sheet
//! (DOMAIN.md, "The customer pyramid" and "Customer-perceived value"; METRICS.md, "Tier
//! migration").

use super::rows::CustomerRow;
use crate::analytics::error::AnalyticsError;
use crate::analytics::ledger::{ExitInput, InteractionInput, Ledger};
use crate::domain::day::{date_of_day, day_number};
use crate::analytics::pyramid::{migration as count_migration, Migration, PyramidCounts};
use crate::analytics::score::{tiers_in_window, ScoreOptions, ScoreReport};
use crate::domain::{Settings, Tier};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest migration window, in days: a year against the year before.
pub const MIGRATION_WINDOW_DAYS: u32 = 365;

/// Marketing spend per customer of each tier, minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierSpend {
    pub gold: i64,
    pub silver: i64,
    pub iron: i64,
    pub lead: i64,
}

impl Default for TierSpend {
    /// DOMAIN.md's example: 3 currency units per high-value customer (gold, silver), 1 per
    /// low-value one (iron, lead).
    fn default() -> Self {
        TierSpend {
            gold: 300,
            silver: 300,
            iron: 100,
            lead: 100,
        }
    }
}

impl TierSpend {
    /// The spend per customer of a tier.
    pub fn of(&self, tier: Tier) -> i64 {
        match tier {
            Tier::Gold => self.gold,
            Tier::Silver => self.silver,
            Tier::Iron => self.iron,
            Tier::Lead => self.lead,
        }
    }
}

/// One tier's budget line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierBudgetRow {
    pub tier: Tier,
    pub customers: usize,
    /// Minor units.
    pub spend_per_customer: i64,
    /// customers × spend per customer, minor units.
    pub total: i64,
}

/// The marketing budget by tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierBudget {
    /// Gold, silver, iron, lead.
    pub rows: Vec<TierBudgetRow>,
    /// Σ customers.
    pub customers: usize,
    /// Σ of the tiers' totals, minor units.
    pub total: i64,
}

/// The budget by tier: per tier, total = customers × spend per customer; the grand total is
/// their sum (DOMAIN.md: 20 high-value prospects at 3 cost 60, 500 low-value ones at 1 cost
/// 500). Errors on a negative spend or a total too large to hold.
pub fn budget_by_tier(
    counts: &PyramidCounts,
    spend: &TierSpend,
) -> Result<TierBudget, AnalyticsError> {
    let too_large = || {
        AnalyticsError::InvalidInput(
            "The budget is too large to compute; check the spend per customer for a typing mistake.".into(),
        )
    };
    let mut rows = Vec::with_capacity(4);
    let (mut customers, mut total) = (0usize, 0i64);
    for (&tier, count) in
        Tier::ALL
            .iter()
            .zip([counts.gold, counts.silver, counts.iron, counts.lead])
    {
        let per = spend.of(tier);
        if per < 0 {
            return Err(AnalyticsError::InvalidInput(format!(
                "The spend per {tier} customer cannot be negative; enter zero or a positive amount."
            )));
        }
        let line = i64::try_from(count)
            .ok()
            .and_then(|c| c.checked_mul(per))
            .ok_or_else(too_large)?;
        total = total.checked_add(line).ok_or_else(too_large)?;
        customers += count;
        rows.push(TierBudgetRow {
            tier,
            customers: count,
            spend_per_customer: per,
            total: line,
        });
    }
    Ok(TierBudget {
        rows,
        customers,
        total,
    })
}

/// A segment's ratings of the five terms of customer-perceived value (any numeric survey
/// scale, the same for all five).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct ValueRatings {
    /// U: utility of the product or service.
    pub utility: f64,
    /// B: brand value.
    pub brand: f64,
    /// R: relationship value.
    pub relationship: f64,
    /// C: cost of the product or service.
    pub cost: f64,
    /// T: time cost.
    pub time: f64,
}

/// A segment's weights of the five terms.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ValueWeights {
    pub utility: f64,
    pub brand: f64,
    pub relationship: f64,
    pub cost: f64,
    pub time: f64,
}

impl Default for ValueWeights {
    fn default() -> Self {
        ValueWeights::EQUAL
    }
}

impl ValueWeights {
    /// Every term weighs 1.
    pub const EQUAL: ValueWeights = ValueWeights {
        utility: 1.0,
        brand: 1.0,
        relationship: 1.0,
        cost: 1.0,
        time: 1.0,
    };
    /// Business buyers weigh U, C and T most (DOMAIN.md); the numbers are a starting point to edit.
    pub const BUSINESS: ValueWeights = ValueWeights {
        utility: 1.5,
        brand: 0.5,
        relationship: 1.0,
        cost: 1.5,
        time: 1.5,
    };
    /// Low-income customers weigh C high, U and T low (DOMAIN.md); a starting point to edit.
    pub const LOW_INCOME: ValueWeights = ValueWeights {
        utility: 0.5,
        brand: 1.0,
        relationship: 1.0,
        cost: 2.0,
        time: 0.5,
    };

    /// The presets by stable name: "equal", "business", "low_income".
    pub const PRESETS: [(&'static str, ValueWeights); 3] = [
        ("equal", ValueWeights::EQUAL),
        ("business", ValueWeights::BUSINESS),
        ("low_income", ValueWeights::LOW_INCOME),
    ];
}

/// Customer-perceived value (DOMAIN.md): benefit = wU·U + wB·B + wR·R − wC·C − wT·T.
///
/// Errors, with a sentence naming the term, when a rating is not a finite number, a weight is
/// negative or not finite, or every weight is zero.
pub fn perceived_value(
    ratings: &ValueRatings,
    weights: &ValueWeights,
) -> Result<f64, AnalyticsError> {
    let terms = [
        ("U (utility)", ratings.utility, weights.utility, 1.0),
        ("B (brand value)", ratings.brand, weights.brand, 1.0),
        (
            "R (relationship value)",
            ratings.relationship,
            weights.relationship,
            1.0,
        ),
        ("C (cost)", ratings.cost, weights.cost, -1.0),
        ("T (time cost)", ratings.time, weights.time, -1.0),
    ];
    for &(name, rating, weight, _) in &terms {
        if !rating.is_finite() {
            return Err(AnalyticsError::InvalidInput(format!(
                "The rating of {name} must be a number."
            )));
        }
        if !(weight.is_finite() && weight >= 0.0) {
            return Err(AnalyticsError::InvalidInput(format!(
                "The weight of {name} must be zero or a positive number."
            )));
        }
    }
    if terms.iter().all(|t| t.2 == 0.0) {
        return Err(AnalyticsError::InvalidInput(
            "At least one weight must be above zero, or every segment's benefit is zero.".into(),
        ));
    }
    let benefit: f64 = terms
        .iter()
        .map(|&(_, rating, weight, sign)| sign * weight * rating)
        .sum();
    if benefit.is_finite() {
        Ok(benefit)
    } else {
        Err(AnalyticsError::InvalidInput(
            "The ratings or weights are too large; use a smaller scale.".into(),
        ))
    }
}

/// The sheet key under which the Planning page keeps the spend per customer per tier.
pub const TIER_SPEND_SHEET: &str = "tier_spend";
/// The sheet key under which the Planning page keeps the perceived-value sheet.
pub const PERCEIVED_VALUE_SHEET: &str = "perceived_value";

/// Lowest and highest rating on the perceived-value sheet's survey scale.
pub const RATING_RANGE: (f64, f64) = (0.0, 10.0);

/// One segment's line of the perceived-value sheet: ratings, weights and the preset the
/// weights started from (`None` once edited by hand).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentValue {
    pub segment: String,
    pub ratings: ValueRatings,
    pub weights: ValueWeights,
    #[serde(default)]
    pub preset: Option<String>,
}

impl SegmentValue {
    /// A new line: every rating at the middle of the scale, equal weights.
    pub fn new(segment: impl Into<String>) -> SegmentValue {
        let mid = (RATING_RANGE.0 + RATING_RANGE.1) / 2.0;
        SegmentValue {
            segment: segment.into(),
            ratings: ValueRatings {
                utility: mid,
                brand: mid,
                relationship: mid,
                cost: mid,
                time: mid,
            },
            weights: ValueWeights::EQUAL,
            preset: Some("equal".into()),
        }
    }
}

/// The perceived-value sheet as saved: one line per segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PerceivedValueSheet {
    pub segments: Vec<SegmentValue>,
}

impl PerceivedValueSheet {
    /// The line of a segment, if the sheet has one.
    pub fn get(&self, segment: &str) -> Option<&SegmentValue> {
        self.segments.iter().find(|s| s.segment == segment)
    }
}

impl ValueWeights {
    /// A preset by its stable name.
    pub fn preset(name: &str) -> Option<ValueWeights> {
        ValueWeights::PRESETS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, w)| *w)
    }
}

/// One customer segment (the customers' own `segment` field).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentRow {
    /// The segment's name.
    pub segment: String,
    /// Customers listed with it.
    pub customers: usize,
    /// Σ revenue of its scored customers, minor units.
    pub revenue: i64,
    /// Σ profit of its scored customers, minor units.
    pub profit: i64,
}

/// Everything the Planning page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Planning {
    /// Tier migration over the customers ranked in both pyramids (the same pairs as the
    /// customer rows' `previous_tier` and current `tier`); `None` when the previous pyramid
    /// could not be ranked (`migration_problem` says why).
    pub migration: Option<Migration>,
    /// Why there is no migration, as a sentence.
    pub migration_problem: Option<String>,
    /// The previous window (first and last day).
    pub previous_window: Option<(NaiveDate, NaiveDate)>,
    /// The current window (first and last day; the last is the analysis date).
    pub current_window: Option<(NaiveDate, NaiveDate)>,
    /// Customers ranked now who had no order in the previous window (not in the matrix).
    pub new_customers: usize,
    /// The current pyramid's counts (the budget's customers).
    pub tiers: PyramidCounts,
    /// The default spend per customer per tier.
    pub spend: TierSpend,
    /// The budget at the default spend.
    pub budget: TierBudget,
    /// Segments by customers, most first (at most 200).
    pub segments: Vec<SegmentRow>,
    /// Customers listed without a segment.
    pub unsegmented: usize,
}

/// The migration shift: a year, or half the history when it is shorter than two years.
pub fn migration_window_days(first_order: i32, as_of: i32) -> u32 {
    let span = u32::try_from(as_of - first_order + 1).unwrap_or(0);
    (span / 2).clamp(1, MIGRATION_WINDOW_DAYS)
}

/// The pyramid one shift earlier: every ledger customer's tier (by ledger index) in the
/// analysis window moved back by [`migration_window_days`], with both windows' dates.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PreviousPyramid {
    /// Tier by ledger customer index; empty when `problem` is set.
    pub tiers: Vec<Option<Tier>>,
    pub previous_window: Option<(NaiveDate, NaiveDate)>,
    pub current_window: Option<(NaiveDate, NaiveDate)>,
    /// Why there is no previous pyramid, as a sentence.
    pub problem: Option<String>,
}

/// The previous pyramid for tier migration (METRICS.md, "Tier migration").
///
/// The current window is the analysis window, [start, as_of] (start = the window's first day,
/// or the earliest order when the window is all history); the previous window is the same
/// window ending L = `migration_window_days` days earlier: [start − L, as_of − L] when the
/// analysis window has a start (the same length), all history up to as_of − L otherwise. The
/// current tier of a customer is therefore exactly the tier the rest of the app shows, so a
/// migration cell selects exactly `previous_tier = X, tier = Y`.
pub fn previous_pyramid(
    ledger: &Ledger,
    interactions: &InteractionInput,
    exits: &ExitInput,
    settings: &Settings,
    options: &ScoreOptions,
    as_of: NaiveDate,
    earliest_order: Option<i32>,
) -> PreviousPyramid {
    let as_of_day = day_number(as_of);
    let Some(first) = earliest_order.filter(|&f| as_of_day > f) else {
        return PreviousPyramid {
            problem: Some(
                "Tier migration needs at least two days of history to compare two windows; import more history.".into(),
            ),
            ..Default::default()
        };
    };
    let days = migration_window_days(first, as_of_day);
    let shift = days as i32;
    let start_day = settings.window.start.map(day_number).unwrap_or(first);
    let current_window = date_of_day(start_day).zip(Some(as_of));
    // All history stays all history: the previous window starts at the same first order.
    let previous_start = if settings.window.start.is_some() { start_day - shift } else { start_day };
    let previous_window = date_of_day(previous_start).zip(date_of_day(as_of_day - shift));
    let previous = Settings {
        as_of: date_of_day(as_of_day - shift),
        window: crate::domain::AnalysisWindow {
            start: settings
                .window
                .start
                .and_then(|s| date_of_day(day_number(s) - shift)),
        },
        ..settings.clone()
    };
    match tiers_in_window(ledger, interactions, exits, &previous, options) {
        Ok(tiers) => PreviousPyramid {
            tiers,
            previous_window,
            current_window,
            problem: None,
        },
        Err(e) => PreviousPyramid {
            previous_window,
            current_window,
            problem: Some(format!(
                "Tier migration needs orders in the previous window as well ({days} days earlier): {e}"
            )),
            ..Default::default()
        },
    }
}

/// The Planning page's data: tier migration counted over the rows (previous tier from
/// [`previous_pyramid`], current tier from the scores), the budget at the default spend, and
/// the segments.
pub fn planning(rows: &[CustomerRow], report: &ScoreReport, previous: &PreviousPyramid) -> Planning {
    let (migration, new_customers) = if previous.problem.is_some() {
        (None, 0)
    } else {
        let pairs = rows
            .iter()
            .filter_map(|r| r.previous_tier.zip(r.scores.as_ref().map(|s| s.tier)));
        let new_customers = rows
            .iter()
            .filter(|r| r.scores.is_some() && r.previous_tier.is_none())
            .count();
        (Some(count_migration(pairs)), new_customers)
    };
    let migration_problem = previous.problem.clone();
    let (previous_window, current_window) = (previous.previous_window, previous.current_window);

    let tiers = report.pyramid;
    let spend = TierSpend::default();
    let budget = budget_by_tier(&tiers, &spend).unwrap_or(TierBudget {
        rows: Vec::new(),
        customers: 0,
        total: 0,
    });

    let mut by_name: std::collections::HashMap<&str, SegmentRow> = std::collections::HashMap::new();
    let mut unsegmented = 0;
    for r in rows {
        let Some(name) = r
            .segment
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        else {
            unsegmented += 1;
            continue;
        };
        let entry = by_name.entry(name).or_insert_with(|| SegmentRow {
            segment: name.to_string(),
            customers: 0,
            revenue: 0,
            profit: 0,
        });
        entry.customers += 1;
        if let Some(s) = &r.scores {
            entry.revenue = entry.revenue.saturating_add(s.revenue);
            entry.profit = entry.profit.saturating_add(s.profit);
        }
    }
    let mut segments: Vec<SegmentRow> = by_name.into_values().collect();
    segments.sort_by(|a, b| {
        b.customers
            .cmp(&a.customers)
            .then_with(|| a.segment.cmp(&b.segment))
    });
    segments.truncate(200);

    Planning {
        migration,
        migration_problem,
        previous_window,
        current_window,
        new_customers,
        tiers,
        spend,
        budget,
        segments,
        unsegmented,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_reproduces_the_three_versus_one_example() {
        let counts = PyramidCounts {
            gold: 20,
            silver: 0,
            iron: 0,
            lead: 500,
        };
        let b = budget_by_tier(
            &counts,
            &TierSpend {
                gold: 3,
                silver: 3,
                iron: 1,
                lead: 1,
            },
        )
        .unwrap();
        assert_eq!(b.rows[0].total, 60);
        assert_eq!(b.rows[3].total, 500);
        assert_eq!((b.total, b.customers), (560, 520));
    }

    #[test]
    fn a_negative_spend_is_refused_by_name() {
        let e = budget_by_tier(
            &PyramidCounts::default(),
            &TierSpend {
                iron: -1,
                ..TierSpend::default()
            },
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("iron customer cannot be negative"),
            "{e}"
        );
        let huge = budget_by_tier(
            &PyramidCounts {
                lead: 10,
                ..Default::default()
            },
            &TierSpend {
                lead: i64::MAX,
                ..TierSpend::default()
            },
        );
        assert!(huge.unwrap_err().to_string().contains("too large"));
    }

    #[test]
    fn perceived_value_adds_benefits_and_subtracts_costs_with_weights() {
        let r = ValueRatings {
            utility: 8.0,
            brand: 6.0,
            relationship: 5.0,
            cost: 4.0,
            time: 3.0,
        };
        assert!((perceived_value(&r, &ValueWeights::EQUAL).unwrap() - 12.0).abs() < 1e-12);
        // 1.5·8 + 0.5·6 + 1·5 − 1.5·4 − 1.5·3 = 12 + 3 + 5 − 6 − 4.5 = 9.5
        assert!((perceived_value(&r, &ValueWeights::BUSINESS).unwrap() - 9.5).abs() < 1e-12);
    }

    #[test]
    fn perceived_value_validates_every_term() {
        let r = ValueRatings::default();
        let e = perceived_value(
            &r,
            &ValueWeights {
                cost: -1.0,
                ..ValueWeights::EQUAL
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("C (cost)"), "{e}");
        let e = perceived_value(
            &ValueRatings {
                time: f64::NAN,
                ..r
            },
            &ValueWeights::EQUAL,
        )
        .unwrap_err();
        assert!(e.to_string().contains("T (time cost)"), "{e}");
        let zero = ValueWeights {
            utility: 0.0,
            brand: 0.0,
            relationship: 0.0,
            cost: 0.0,
            time: 0.0,
        };
        assert!(perceived_value(&r, &zero).is_err());
    }

    #[test]
    fn a_new_segment_line_starts_neutral_and_survives_a_round_trip() {
        let line = SegmentValue::new("Restaurants");
        // 5 + 5 + 5 − 5 − 5 with equal weights.
        assert!((perceived_value(&line.ratings, &line.weights).unwrap() - 5.0).abs() < 1e-12);
        let sheet = PerceivedValueSheet { segments: vec![line.clone()] };
        let json = serde_json::to_string(&sheet).unwrap();
        let back: PerceivedValueSheet = serde_json::from_str(&json).unwrap();
        assert_eq!(back.get("Restaurants"), Some(&line));
        assert_eq!(ValueWeights::preset("business"), Some(ValueWeights::BUSINESS));
        assert_eq!(ValueWeights::preset("nobody"), None);
    }

    #[test]
    fn the_migration_window_is_a_year_or_half_a_short_history() {
        assert_eq!(migration_window_days(0, 1_000), 365);
        assert_eq!(migration_window_days(0, 299), 150);
        assert_eq!(migration_window_days(5, 5), 1);
    }
}
