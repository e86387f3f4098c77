//! Plain business data shared by every layer: customers, transactions, interactions, exits,
//! settings — and the one vocabulary every layer stores and moves them in: day numbers
//! ([`day`]), columns of text ([`text`]), the interned id table ([`ids`]), columnar blocks
//! ([`blocks`]), money with one "not given" ([`NO_MONEY`]) and the whole-workspace bundle
//! ([`bundle`]).

mod enums;
mod tagged;

pub mod blocks;
pub mod bundle;
pub mod classes;
pub mod contact;
pub mod day;
pub mod forms;
pub mod ids;
pub mod money;
pub mod records;
pub mod settings;
pub mod settings_form;
pub mod text;

pub use classes::{CurrentQuadrant, FutureQuadrant, RfmSegment, Tier};
pub use contact::{Cadence, ContactPlan};
pub use enums::UnknownName;
pub use money::{Money, MoneyParseError, NO_MONEY};
pub use records::{
    Campaign, CampaignKind, CampaignResponse, CampaignTarget, Customer, Exit, ExitReason,
    Interaction, InteractionKind, Manager, RelationshipLevel, Transaction, TransactionKind,
    WorkspaceInfo,
};
pub use settings::{
    AnalysisWindow, InteractionCosts, PyramidBasis, QuadrantThresholds, SettingIssue, Settings,
    Threshold, TimeUnit,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_their_stable_names() {
        for k in ExitReason::ALL {
            assert_eq!(ExitReason::parse(k.as_str()), Some(*k));
            assert_eq!(
                serde_json::to_string(k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
        assert_eq!(
            InteractionKind::parse("service_consultation"),
            Some(InteractionKind::ServiceConsultation)
        );
        assert_eq!(
            CurrentQuadrant::ProfitableLowMargin.as_str(),
            "profitable_low_margin"
        );
        assert_eq!(FutureQuadrant::ALL.len(), 4);
        assert!(Tier::parse("platinum").is_none());
        assert!("bogus".parse::<TransactionKind>().is_err());
    }
}
