//! The records the product stores: customers, transactions, interactions, managers, campaigns,
//! campaign responses and exits (DOMAIN.md, "The customer database"), and each workspace's
//! entry in the registry of workspaces.

use super::enums::named_enum;
use super::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

named_enum! {
    /// The level of a relationship-marketing bond (DOMAIN.md, "Organising relationships").
    pub enum RelationshipLevel {
        /// Price incentives: discounts, rebates.
        Financial => "financial",
        /// Events, visits, gifts and personal contact on top of the financial level.
        Social => "social",
        /// Capital, technology or special products/services that tie the customer in.
        Structural => "structural",
    }
}

named_enum! {
    /// Whether a transaction adds to revenue (an order) or subtracts from it (a return).
    pub enum TransactionKind {
        /// A purchase: its amount adds to revenue and it counts as an order.
        Order => "order",
        /// A return: a positive amount that is subtracted from revenue; it reverses its cost.
        Return => "return",
    }
}

named_enum! {
    /// The kind of a contact between the company and a customer.
    pub enum InteractionKind {
        /// A complaint.
        Complaint => "complaint",
        /// A service consultation (inquiry).
        ServiceConsultation => "service_consultation",
        /// A telephone call.
        Call => "call",
        /// A visit.
        Visit => "visit",
        /// An e-mail.
        Email => "email",
        /// A meeting.
        Meeting => "meeting",
        /// An event the customer attended.
        Event => "event",
        /// Anything else.
        Other => "other",
    }
}

named_enum! {
    /// The kind of a marketing program or campaign (DOMAIN.md, "Programs").
    pub enum CampaignKind {
        /// Rewards for customers who buy often or in bulk.
        FrequencyProgram => "frequency_program",
        /// Club marketing: members by purchase volume or fee.
        Club => "club",
        /// A mailing.
        Mailing => "mailing",
        /// An event.
        Event => "event",
        /// A discount.
        Discount => "discount",
    }
}

named_enum! {
    /// Why a customer left (DOMAIN.md, "Exit management").
    pub enum ExitReason {
        /// Left for a lower price.
        Price => "price",
        /// Found a better product.
        Product => "product",
        /// Unhappy with the service.
        Service => "service",
        /// Left the region.
        Market => "market",
        /// Moved to a more advanced substitute.
        Technology => "technology",
        /// Disapproves of the company's social conduct.
        Political => "political",
        /// Any other reason.
        Other => "other",
    }
}

/// A customer: general information of the customer database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Customer {
    /// The customer's id, unique in a workspace (as in the imported data).
    pub id: String,
    /// Person's name.
    pub name: String,
    /// Company, if a business customer.
    #[serde(default)]
    pub company: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Telephone.
    #[serde(default)]
    pub phone: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
    /// Marketing segment (free text chosen by the user).
    #[serde(default)]
    pub segment: Option<String>,
    /// Acquisition channel (free text, e.g. "web", "referral").
    #[serde(default)]
    pub acquisition_channel: Option<String>,
    /// Acquisition date.
    #[serde(default)]
    pub acquisition_date: Option<NaiveDate>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Free notes: personality traits, general behaviour.
    #[serde(default)]
    pub notes: String,
    /// Relationship-marketing level.
    #[serde(default)]
    pub relationship_level: Option<RelationshipLevel>,
    /// The responsible relationship manager's id.
    #[serde(default)]
    pub manager_id: Option<String>,
}

/// An order or a return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    /// Id of the customer.
    pub customer_id: String,
    /// Order or return.
    pub kind: TransactionKind,
    /// Date of the transaction.
    pub date: NaiveDate,
    /// Amount, positive for both kinds (a return's amount is subtracted).
    pub amount: Money,
    /// Cost of goods, when known; otherwise the default margin applies.
    #[serde(default)]
    pub cost: Option<Money>,
    /// Product name or code.
    #[serde(default)]
    pub product: Option<String>,
    /// Quantity.
    #[serde(default)]
    pub quantity: Option<f64>,
}

/// A contact with a customer: complaint, consultation, call, visit…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    /// Id of the customer.
    pub customer_id: String,
    /// What kind of contact.
    pub kind: InteractionKind,
    /// Date of the contact.
    pub date: NaiveDate,
    /// Its own cost, when known; otherwise the setting for its kind applies.
    #[serde(default)]
    pub cost: Option<Money>,
    /// Free note.
    #[serde(default)]
    pub note: String,
    /// Outcome in words (e.g. "resolved", "offer accepted").
    #[serde(default)]
    pub outcome: Option<String>,
}

/// A relationship manager, responsible for one or several important customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Manager {
    /// Id, unique in a workspace.
    pub id: String,
    /// Name.
    pub name: String,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Telephone.
    #[serde(default)]
    pub phone: Option<String>,
    /// Duties and evaluation notes.
    #[serde(default)]
    pub notes: String,
}

/// Whom a campaign targets. Classes are referenced by their stable names.
///
/// Serde: `{"by": "tier", "value": "gold"}` in human-readable formats (the objects IndexedDB
/// keeps), plain variants in compact ones (see `domain::tagged`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CampaignTarget {
    /// Everyone.
    All,
    /// A pyramid tier.
    Tier(super::Tier),
    /// A customer segment (free text as in `Customer::segment`) or an RFM segment name.
    Segment(String),
    /// A current-profitability quadrant.
    CurrentQuadrant(super::CurrentQuadrant),
    /// A future-profitability quadrant.
    FutureQuadrant(super::FutureQuadrant),
}

/// A marketing campaign or program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    /// Id, unique in a workspace.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind of program.
    pub kind: CampaignKind,
    /// First day.
    pub start: NaiveDate,
    /// Last day, if it has ended or has a planned end.
    #[serde(default)]
    pub end: Option<NaiveDate>,
    /// Total cost.
    #[serde(default)]
    pub cost: Money,
    /// Target group.
    pub target: CampaignTarget,
    /// What was done (free text).
    #[serde(default)]
    pub description: String,
}

/// One customer's response to a campaign (DOMAIN.md, "Promotion information").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignResponse {
    /// Campaign id.
    pub campaign_id: String,
    /// Customer id.
    pub customer_id: String,
    /// Date of the response.
    pub date: NaiveDate,
    /// Whether the customer responded positively (bought, joined, attended).
    pub responded: bool,
    /// Answers to the campaign's questions, or a note.
    #[serde(default)]
    pub note: String,
    /// Revenue attributed to the response, if any.
    #[serde(default)]
    pub revenue: Option<Money>,
}

/// A recorded exit: the customer ended the relationship.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exit {
    /// Customer id.
    pub customer_id: String,
    /// Date of the exit.
    pub date: NaiveDate,
    /// Why the customer left.
    pub reason: ExitReason,
    /// Free note.
    #[serde(default)]
    pub note: String,
}

/// A workspace as listed in the registry (one per client or data set).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceInfo {
    /// The workspace's id, which names its database.
    pub id: String,
    /// The name a person gave it.
    pub name: String,
    /// ISO 8601 creation time.
    pub created_at: String,
}
