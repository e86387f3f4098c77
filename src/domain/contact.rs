//! Contact plans: how often a relationship manager contacts a customer, and when next.

use super::enums::named_enum;
use super::Tier;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

named_enum! {
    /// How often a customer is contacted (DOMAIN.md: weekly / monthly / quarterly).
    pub enum Cadence {
        /// Every seven days.
        Weekly => "weekly",
        /// Every calendar month.
        Monthly => "monthly",
        /// Every three calendar months.
        Quarterly => "quarterly",
        /// No planned contact.
        NoPlan => "none",
    }
}

impl Cadence {
    /// The default cadence of a pyramid tier: gold weekly, silver monthly, iron
    /// quarterly, lead none.
    pub fn for_tier(tier: Tier) -> Cadence {
        match tier {
            Tier::Gold => Cadence::Weekly,
            Tier::Silver => Cadence::Monthly,
            Tier::Iron => Cadence::Quarterly,
            Tier::Lead => Cadence::NoPlan,
        }
    }

    /// The due date one cadence after `from` (`None` when there is no plan). Month steps
    /// clamp to the month's end (Jan 31 + 1 month = Feb 28/29).
    pub fn next_after(self, from: NaiveDate) -> Option<NaiveDate> {
        match self {
            Cadence::Weekly => from.checked_add_days(chrono::Days::new(7)),
            Cadence::Monthly => from.checked_add_months(Months::new(1)),
            Cadence::Quarterly => from.checked_add_months(Months::new(3)),
            Cadence::NoPlan => None,
        }
    }
}

/// A customer's contact plan: the cadence and the next due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPlan {
    /// The customer.
    pub customer_id: String,
    /// How often to contact them.
    pub cadence: Cadence,
    /// When the next contact is due (`None` without a plan).
    #[serde(default)]
    pub next_due: Option<NaiveDate>,
    /// The last logged contact.
    #[serde(default)]
    pub last_contact: Option<NaiveDate>,
}

impl ContactPlan {
    /// A plan that starts today: the first contact is due one cadence from `today`.
    pub fn starting(customer_id: &str, cadence: Cadence, today: NaiveDate) -> ContactPlan {
        ContactPlan {
            customer_id: customer_id.to_string(),
            cadence,
            next_due: cadence.next_after(today),
            last_contact: None,
        }
    }

    /// Logging a contact on `day` moves the due date one cadence past it.
    pub fn log_contact(&mut self, day: NaiveDate) {
        self.last_contact = Some(self.last_contact.map_or(day, |d| d.max(day)));
        self.next_due = self.cadence.next_after(day);
    }

    /// Whether the contact is overdue on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.next_due.is_some_and(|due| due < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn tiers_get_the_default_cadences() {
        assert_eq!(Cadence::for_tier(Tier::Gold), Cadence::Weekly);
        assert_eq!(Cadence::for_tier(Tier::Silver), Cadence::Monthly);
        assert_eq!(Cadence::for_tier(Tier::Iron), Cadence::Quarterly);
        assert_eq!(Cadence::for_tier(Tier::Lead), Cadence::NoPlan);
    }

    #[test]
    fn logging_a_contact_moves_the_due_date_one_cadence_on() {
        let mut plan = ContactPlan::starting("C1", Cadence::Monthly, d(2026, 1, 31));
        assert_eq!(plan.next_due, Some(d(2026, 2, 28)));
        assert!(plan.is_overdue(d(2026, 3, 1)));
        plan.log_contact(d(2026, 3, 2));
        assert_eq!(plan.next_due, Some(d(2026, 4, 2)));
        assert_eq!(plan.last_contact, Some(d(2026, 3, 2)));
        assert!(!plan.is_overdue(d(2026, 3, 2)));
    }

    #[test]
    fn no_cadence_is_never_due() {
        let plan = ContactPlan::starting("C1", Cadence::NoPlan, d(2026, 1, 1));
        assert_eq!(plan.next_due, None);
        assert!(!plan.is_overdue(d(2030, 1, 1)));
    }
}
