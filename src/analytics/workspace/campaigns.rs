//! Campaign results: response rate, revenue and gross margin from responders in the
//! campaign window, and the return on the campaign's cost.

use crate::analytics::ledger::Ledger;
use crate::domain::day::day_number;
use crate::domain::{Campaign, CampaignKind, CampaignResponse, CampaignTarget, TransactionKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Whom a campaign targets — `CampaignTarget` in a plain (externally tagged) form, so
/// the analysis travels in compact binary formats that cannot read tagged enums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    All,
    Tier(crate::domain::Tier),
    Segment(String),
    CurrentQuadrant(crate::domain::CurrentQuadrant),
    FutureQuadrant(crate::domain::FutureQuadrant),
}

impl From<&CampaignTarget> for Target {
    fn from(t: &CampaignTarget) -> Target {
        match t {
            CampaignTarget::All => Target::All,
            CampaignTarget::Tier(x) => Target::Tier(*x),
            CampaignTarget::Segment(x) => Target::Segment(x.clone()),
            CampaignTarget::CurrentQuadrant(x) => Target::CurrentQuadrant(*x),
            CampaignTarget::FutureQuadrant(x) => Target::FutureQuadrant(*x),
        }
    }
}

impl From<&Target> for CampaignTarget {
    fn from(t: &Target) -> CampaignTarget {
        match t {
            Target::All => CampaignTarget::All,
            Target::Tier(x) => CampaignTarget::Tier(*x),
            Target::Segment(x) => CampaignTarget::Segment(x.clone()),
            Target::CurrentQuadrant(x) => CampaignTarget::CurrentQuadrant(*x),
            Target::FutureQuadrant(x) => CampaignTarget::FutureQuadrant(*x),
        }
    }
}

/// One campaign's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignResult {
    pub id: String,
    pub name: String,
    pub kind: CampaignKind,
    pub start: NaiveDate,
    /// The window's last day: the campaign's end, or the analysis date while it runs.
    pub window_end: NaiveDate,
    pub ended: bool,
    /// Minor units.
    pub cost: i64,
    pub target: Target,
    pub description: String,
    /// Responses recorded (positive or not).
    pub responses: usize,
    /// Customers who responded positively.
    pub responders: usize,
    /// responders / responses recorded (0 when none is recorded).
    pub response_rate: f64,
    /// Net revenue (orders − returns) of responders inside the window, minor units.
    pub revenue: i64,
    /// Gross margin of that revenue, minor units.
    pub gross_margin: i64,
    /// (gross margin − cost) / cost; `None` for a campaign that cost nothing.
    pub roi: Option<f64>,
}

/// Figures for every campaign, newest first.
pub fn campaign_results(
    ledger: &Ledger,
    campaigns: &[Campaign],
    responses: &[CampaignResponse],
    default_margin: f64,
    as_of: NaiveDate,
) -> Vec<CampaignResult> {
    let mut by_campaign: HashMap<&str, Vec<&CampaignResponse>> = HashMap::new();
    for r in responses {
        by_campaign
            .entry(r.campaign_id.as_str())
            .or_default()
            .push(r);
    }
    let lookup = ledger.ids().lookup();
    let mut out: Vec<CampaignResult> = campaigns
        .iter()
        .map(|c| {
            let list = by_campaign
                .get(c.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            // Responders as a mask over the ledger's customers: one array look-up per row.
            let mut is_responder = vec![false; ledger.customer_count()];
            let mut any_responder = false;
            for r in list.iter().filter(|r| r.responded) {
                if let Some(i) = lookup.find(&r.customer_id) {
                    is_responder[i as usize] = true;
                    any_responder = true;
                }
            }
            let responders = list
                .iter()
                .filter(|r| r.responded)
                .map(|r| r.customer_id.as_str())
                .collect::<HashSet<_>>()
                .len();
            let window_end = c.end.map_or(as_of, |e| e.min(as_of));
            let (start, end) = (day_number(c.start), day_number(window_end));
            let (mut revenue, mut margin) = (0i64, 0i64);
            if any_responder {
                let (customers, days, amounts, kinds) = (
                    ledger.customers(),
                    ledger.days(),
                    ledger.amounts(),
                    ledger.kinds(),
                );
                for i in 0..ledger.len() {
                    if days[i] < start || days[i] > end || !is_responder[customers[i] as usize] {
                        continue;
                    }
                    let cost = match ledger.cost_at(i) {
                        crate::domain::NO_MONEY => {
                            (amounts[i] as f64 * (1.0 - default_margin)).round() as i64
                        }
                        c => c,
                    };
                    let sign = if kinds[i] == TransactionKind::Return {
                        -1
                    } else {
                        1
                    };
                    revenue += sign * amounts[i];
                    margin += sign * (amounts[i] - cost);
                }
            }
            let cost = c.cost.minor();
            CampaignResult {
                id: c.id.clone(),
                name: c.name.clone(),
                kind: c.kind,
                start: c.start,
                window_end,
                ended: c.end.is_some_and(|e| e <= as_of),
                cost,
                target: Target::from(&c.target),
                description: c.description.clone(),
                responses: list.len(),
                responders,
                response_rate: if list.is_empty() {
                    0.0
                } else {
                    responders as f64 / list.len() as f64
                },
                revenue,
                gross_margin: margin,
                roi: (cost > 0).then(|| (margin - cost) as f64 / cost as f64),
            }
        })
        .collect();
    out.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Money, Transaction};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("valid date")
    }

    #[test]
    fn responders_revenue_counts_only_inside_the_window_and_roi_uses_margin() {
        let tx = |c: &str, date, amount, kind| Transaction {
            customer_id: c.into(),
            kind,
            date,
            amount: Money(amount),
            cost: Some(Money(amount / 2)),
            product: None,
            quantity: None,
        };
        let ledger = Ledger::from_transactions(&[
            tx("A", d(1, 5), 10_000, TransactionKind::Order),
            tx("A", d(3, 5), 20_000, TransactionKind::Order),
            tx("A", d(3, 9), 4_000, TransactionKind::Return),
            tx("B", d(3, 6), 50_000, TransactionKind::Order),
            tx("A", d(6, 1), 90_000, TransactionKind::Order),
        ]);
        let campaign = Campaign {
            id: "K".into(),
            name: "Spring".into(),
            kind: CampaignKind::Mailing,
            start: d(3, 1),
            end: Some(d(3, 31)),
            cost: Money(2_000),
            target: CampaignTarget::All,
            description: String::new(),
        };
        let responses = vec![
            CampaignResponse {
                campaign_id: "K".into(),
                customer_id: "A".into(),
                date: d(3, 2),
                responded: true,
                note: String::new(),
                revenue: None,
            },
            CampaignResponse {
                campaign_id: "K".into(),
                customer_id: "B".into(),
                date: d(3, 2),
                responded: false,
                note: String::new(),
                revenue: None,
            },
        ];
        let r = &campaign_results(&ledger, &[campaign], &responses, 0.3, d(6, 30))[0];
        assert_eq!((r.responses, r.responders), (2, 1));
        assert!((r.response_rate - 0.5).abs() < 1e-12);
        assert_eq!(
            r.revenue, 16_000,
            "A's March order minus the return; B did not respond; June is outside"
        );
        assert_eq!(r.gross_margin, 8_000);
        assert_eq!(r.roi, Some(3.0));
        assert!(r.ended);
    }
}
