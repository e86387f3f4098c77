//! Raw form input → validated records: every field's problem is reported, with the
//! offending text, so the page can say what is wrong next to each field.

use super::{
    Campaign, CampaignKind, CampaignResponse, CampaignTarget, CurrentQuadrant, Customer, Exit,
    ExitReason, FutureQuadrant, Interaction, InteractionKind, Manager, Money, RelationshipLevel,
    Tier,
};
use chrono::NaiveDate;

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A required field is empty.
    Required,
    /// Not an e-mail address.
    Email(String),
    /// Not a telephone number.
    Phone(String),
    /// Not a date.
    Date(String),
    /// A date after today.
    FutureDate(String),
    /// Not an amount of money (or a negative one where that makes no sense).
    Amount(String),
    /// An end date before the start date.
    EndBeforeStart,
    /// A target that names no tier, segment or quadrant.
    Target,
}

/// A field and its problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

fn trimmed(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Checks the shape of an e-mail address: one @, a non-empty local part, a domain with a dot.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

fn is_phone(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-.".contains(c))
}

/// Reads an optional date field (ISO form, as `<input type=date>` gives it).
fn date_field(
    field: &'static str,
    text: &str,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) if d > today => {
            errors.push(FieldError {
                field,
                problem: Problem::FutureDate(t.to_string()),
            });
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(FieldError {
                field,
                problem: Problem::Date(t.to_string()),
            });
            None
        }
    }
}

fn amount_field(field: &'static str, text: &str, errors: &mut Vec<FieldError>) -> Option<Money> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match Money::parse(&t.replace(',', ".")) {
        Ok(m) if m.minor() >= 0 => Some(m),
        _ => {
            errors.push(FieldError {
                field,
                problem: Problem::Amount(t.to_string()),
            });
            None
        }
    }
}

/// The customer form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerForm {
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub segment: String,
    pub acquisition_channel: String,
    pub acquisition_date: String,
    pub tags: String,
    pub notes: String,
    pub relationship_level: String,
    pub manager_id: String,
}

impl CustomerForm {
    /// The form filled from a customer.
    pub fn from_customer(c: &Customer) -> CustomerForm {
        CustomerForm {
            name: c.name.clone(),
            company: c.company.clone().unwrap_or_default(),
            email: c.email.clone().unwrap_or_default(),
            phone: c.phone.clone().unwrap_or_default(),
            address: c.address.clone().unwrap_or_default(),
            segment: c.segment.clone().unwrap_or_default(),
            acquisition_channel: c.acquisition_channel.clone().unwrap_or_default(),
            acquisition_date: c
                .acquisition_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            tags: c.tags.join(", "),
            notes: c.notes.clone(),
            relationship_level: c
                .relationship_level
                .map(|l| l.as_str().to_string())
                .unwrap_or_default(),
            manager_id: c.manager_id.clone().unwrap_or_default(),
        }
    }

    /// The customer `id` as the form describes them, or every field's problem.
    pub fn validate(&self, id: &str, today: NaiveDate) -> Result<Customer, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = trimmed(&self.name);
        if name.is_none() {
            errors.push(FieldError {
                field: "name",
                problem: Problem::Required,
            });
        }
        let email = trimmed(&self.email).map(|e| e.to_lowercase());
        if let Some(e) = &email {
            if !is_email(e) {
                errors.push(FieldError {
                    field: "email",
                    problem: Problem::Email(self.email.trim().to_string()),
                });
            }
        }
        let phone = trimmed(&self.phone);
        if let Some(p) = &phone {
            if !is_phone(p) {
                errors.push(FieldError {
                    field: "phone",
                    problem: Problem::Phone(p.clone()),
                });
            }
        }
        let acquisition_date = date_field(
            "acquisition_date",
            &self.acquisition_date,
            today,
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tags: Vec<String> = Vec::new();
        for tag in self.tags.split(',').filter_map(trimmed) {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Ok(Customer {
            id: id.to_string(),
            name: name.unwrap_or_default(),
            company: trimmed(&self.company),
            email,
            phone,
            address: trimmed(&self.address),
            segment: trimmed(&self.segment),
            acquisition_channel: trimmed(&self.acquisition_channel),
            acquisition_date,
            tags,
            notes: self.notes.trim().to_string(),
            relationship_level: RelationshipLevel::parse(self.relationship_level.trim()),
            manager_id: trimmed(&self.manager_id),
        })
    }
}

/// The interaction form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InteractionForm {
    pub kind: String,
    pub date: String,
    pub cost: String,
    pub note: String,
    pub outcome: String,
}

impl InteractionForm {
    pub fn validate(
        &self,
        customer_id: &str,
        today: NaiveDate,
    ) -> Result<Interaction, Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = date_field("date", &self.date, today, &mut errors);
        if self.date.trim().is_empty() {
            errors.push(FieldError {
                field: "date",
                problem: Problem::Required,
            });
        }
        let cost = amount_field("cost", &self.cost, &mut errors);
        match (date, errors.is_empty()) {
            (Some(date), true) => Ok(Interaction {
                customer_id: customer_id.to_string(),
                kind: InteractionKind::parse(self.kind.trim()).unwrap_or(InteractionKind::Other),
                date,
                cost,
                note: self.note.trim().to_string(),
                outcome: trimmed(&self.outcome),
            }),
            _ => Err(errors),
        }
    }
}

/// The exit form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExitForm {
    pub date: String,
    pub reason: String,
    pub note: String,
}

impl ExitForm {
    pub fn validate(&self, customer_id: &str, today: NaiveDate) -> Result<Exit, Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = date_field("date", &self.date, today, &mut errors);
        if self.date.trim().is_empty() {
            errors.push(FieldError {
                field: "date",
                problem: Problem::Required,
            });
        }
        match (date, errors.is_empty()) {
            (Some(date), true) => Ok(Exit {
                customer_id: customer_id.to_string(),
                date,
                reason: ExitReason::parse(self.reason.trim()).unwrap_or(ExitReason::Other),
                note: self.note.trim().to_string(),
            }),
            _ => Err(errors),
        }
    }
}

/// The relationship-manager form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManagerForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
}

impl ManagerForm {
    pub fn from_manager(m: &Manager) -> ManagerForm {
        ManagerForm {
            name: m.name.clone(),
            email: m.email.clone().unwrap_or_default(),
            phone: m.phone.clone().unwrap_or_default(),
            notes: m.notes.clone(),
        }
    }

    pub fn validate(&self, id: &str) -> Result<Manager, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = trimmed(&self.name);
        if name.is_none() {
            errors.push(FieldError {
                field: "name",
                problem: Problem::Required,
            });
        }
        let email = trimmed(&self.email).map(|e| e.to_lowercase());
        if let Some(e) = &email {
            if !is_email(e) {
                errors.push(FieldError {
                    field: "email",
                    problem: Problem::Email(self.email.trim().to_string()),
                });
            }
        }
        let phone = trimmed(&self.phone);
        if let Some(p) = &phone {
            if !is_phone(p) {
                errors.push(FieldError {
                    field: "phone",
                    problem: Problem::Phone(p.clone()),
                });
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Manager {
            id: id.to_string(),
            name: name.unwrap_or_default(),
            email,
            phone,
            notes: self.notes.trim().to_string(),
        })
    }
}

/// The campaign form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CampaignForm {
    pub name: String,
    pub kind: String,
    pub start: String,
    pub end: String,
    pub cost: String,
    /// "all", "tier", "segment", "current_quadrant" or "future_quadrant".
    pub target_by: String,
    pub target_value: String,
    pub description: String,
}

impl CampaignForm {
    /// Campaigns may be planned ahead, so dates are not limited to the past.
    pub fn validate(&self, id: &str) -> Result<Campaign, Vec<FieldError>> {
        let far_future = NaiveDate::MAX;
        let mut errors = Vec::new();
        let name = trimmed(&self.name);
        if name.is_none() {
            errors.push(FieldError {
                field: "name",
                problem: Problem::Required,
            });
        }
        let start = date_field("start", &self.start, far_future, &mut errors);
        if self.start.trim().is_empty() {
            errors.push(FieldError {
                field: "start",
                problem: Problem::Required,
            });
        }
        let end = date_field("end", &self.end, far_future, &mut errors);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                errors.push(FieldError {
                    field: "end",
                    problem: Problem::EndBeforeStart,
                });
            }
        }
        let cost = amount_field("cost", &self.cost, &mut errors).unwrap_or(Money::ZERO);
        let value = self.target_value.trim();
        let target = match self.target_by.trim() {
            "tier" => Tier::parse(value).map(CampaignTarget::Tier),
            "segment" => (!value.is_empty()).then(|| CampaignTarget::Segment(value.to_string())),
            "current_quadrant" => {
                CurrentQuadrant::parse(value).map(CampaignTarget::CurrentQuadrant)
            }
            "future_quadrant" => FutureQuadrant::parse(value).map(CampaignTarget::FutureQuadrant),
            _ => Some(CampaignTarget::All),
        };
        if target.is_none() {
            errors.push(FieldError {
                field: "target",
                problem: Problem::Target,
            });
        }
        match (start, target, errors.is_empty()) {
            (Some(start), Some(target), true) => Ok(Campaign {
                id: id.to_string(),
                name: name.unwrap_or_default(),
                kind: CampaignKind::parse(self.kind.trim()).unwrap_or(CampaignKind::Mailing),
                start,
                end,
                cost,
                target,
                description: self.description.trim().to_string(),
            }),
            _ => Err(errors),
        }
    }
}

/// A campaign response as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResponseForm {
    pub customer_id: String,
    pub date: String,
    pub responded: bool,
    pub note: String,
}

impl ResponseForm {
    pub fn validate(
        &self,
        campaign_id: &str,
        today: NaiveDate,
    ) -> Result<CampaignResponse, Vec<FieldError>> {
        let mut errors = Vec::new();
        let customer_id = trimmed(&self.customer_id);
        if customer_id.is_none() {
            errors.push(FieldError {
                field: "customer",
                problem: Problem::Required,
            });
        }
        let date = date_field("date", &self.date, today, &mut errors);
        if self.date.trim().is_empty() {
            errors.push(FieldError {
                field: "date",
                problem: Problem::Required,
            });
        }
        match (customer_id, date, errors.is_empty()) {
            (Some(customer_id), Some(date), true) => Ok(CampaignResponse {
                campaign_id: campaign_id.to_string(),
                customer_id,
                date,
                responded: self.responded,
                note: self.note.trim().to_string(),
                revenue: None,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
    }

    #[test]
    fn a_valid_customer_form_gives_a_tidy_record() {
        let form = CustomerForm {
            name: "  Ann Lee ".into(),
            email: "Ann.Lee@Example.COM".into(),
            phone: "+44 (20) 7946-0000".into(),
            acquisition_date: "2025-02-03".into(),
            tags: "vip, , wholesale,vip".into(),
            relationship_level: "social".into(),
            ..Default::default()
        };
        let c = form.validate("C1", today()).expect("valid");
        assert_eq!(c.name, "Ann Lee");
        assert_eq!(c.email.as_deref(), Some("ann.lee@example.com"));
        assert_eq!(c.tags, vec!["vip".to_string(), "wholesale".to_string()]);
        assert_eq!(c.relationship_level, Some(RelationshipLevel::Social));
        assert_eq!(
            CustomerForm::from_customer(&c).validate("C1", today()),
            Ok(c)
        );
    }

    #[test]
    fn every_bad_field_is_reported_with_its_text() {
        let form = CustomerForm {
            name: " ".into(),
            email: "ann@localhost".into(),
            phone: "call me".into(),
            acquisition_date: "2030-01-01".into(),
            ..Default::default()
        };
        let errors = form.validate("C1", today()).expect_err("invalid");
        assert_eq!(
            errors,
            vec![
                FieldError {
                    field: "name",
                    problem: Problem::Required
                },
                FieldError {
                    field: "email",
                    problem: Problem::Email("ann@localhost".into())
                },
                FieldError {
                    field: "phone",
                    problem: Problem::Phone("call me".into())
                },
                FieldError {
                    field: "acquisition_date",
                    problem: Problem::FutureDate("2030-01-01".into())
                },
            ]
        );
    }

    #[test]
    fn interactions_need_a_date_and_a_sound_cost() {
        let bad = InteractionForm {
            kind: "call".into(),
            date: "".into(),
            cost: "-3".into(),
            ..Default::default()
        };
        let errors = bad.validate("C1", today()).expect_err("invalid");
        assert!(errors.contains(&FieldError {
            field: "date",
            problem: Problem::Required
        }));
        assert!(errors.contains(&FieldError {
            field: "cost",
            problem: Problem::Amount("-3".into())
        }));
        let good = InteractionForm {
            kind: "complaint".into(),
            date: "2026-11-20".into(),
            cost: "12,50".into(),
            ..Default::default()
        };
        let i = good.validate("C1", today()).expect("valid");
        assert_eq!(i.kind, InteractionKind::Complaint);
        assert_eq!(i.cost, Some(Money(1250)));
    }

    #[test]
    fn managers_need_a_name_and_a_real_email() {
        let errors = ManagerForm {
            name: "".into(),
            email: "x".into(),
            ..Default::default()
        }
        .validate("M1")
        .expect_err("invalid");
        assert_eq!(errors.len(), 2);
        let m = ManagerForm {
            name: " Li Wei ".into(),
            email: "LI@example.cn".into(),
            ..Default::default()
        }
        .validate("M1")
        .expect("valid");
        assert_eq!(
            (m.name.as_str(), m.email.as_deref()),
            ("Li Wei", Some("li@example.cn"))
        );
    }

    #[test]
    fn campaigns_check_dates_cost_and_target() {
        let form = CampaignForm {
            name: "Spring club".into(),
            kind: "club".into(),
            start: "2026-03-01".into(),
            end: "2026-02-01".into(),
            cost: "abc".into(),
            target_by: "tier".into(),
            target_value: "platinum".into(),
            description: String::new(),
        };
        let errors = form.validate("K1").expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["end", "cost", "target"]);
        let ok = CampaignForm {
            end: "2026-04-01".into(),
            cost: "1500".into(),
            target_value: "gold".into(),
            ..form
        }
        .validate("K1")
        .expect("valid");
        assert_eq!(ok.target, CampaignTarget::Tier(Tier::Gold));
        assert_eq!(ok.cost, Money(150_000));
    }

    #[test]
    fn exits_take_a_reason_and_a_past_date() {
        let e = ExitForm {
            date: "2026-10-01".into(),
            reason: "price".into(),
            note: "cheaper rival".into(),
        }
        .validate("C1", today())
        .expect("valid");
        assert_eq!(e.reason, ExitReason::Price);
        assert!(ExitForm {
            date: "2027-01-01".into(),
            ..Default::default()
        }
        .validate("C1", today())
        .is_err());
    }
}
