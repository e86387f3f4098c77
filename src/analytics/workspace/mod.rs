//! Everything the app's pages show about one workspace, computed from its records with
//! the engine: the customer table (directory + scores) and the report.
//!
//! The analysis worker loads a workspace from storage, calls [`analyze`] and sends the
//! result to the page; the same function runs in native tests.

pub mod campaigns;
pub mod churn_view;
pub mod cohort_view;
pub mod dashboard;
pub mod models_view;
pub mod planning;
pub mod query;
mod rows;
pub mod transport;

pub use rows::{CustomerRow, Scores};

use crate::analytics::ledger::{ExitInput, InteractionInput, Ledger};
use crate::domain::day::day_number;
use crate::analytics::score::{self, ScoreOptions, ScoreReport, Stage};
use crate::domain::{Campaign, CampaignResponse, ContactPlan, Customer, Exit, Manager, Settings};
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

/// One workspace's records, as loaded from storage.
pub struct WorkspaceInput<'a> {
    pub ledger: &'a Ledger,
    pub customers: &'a [Customer],
    /// The interactions as the engine reads them (`InteractionInput::from_blocks` of the
    /// stored blocks, or `from_interactions` of records).
    pub interactions: &'a InteractionInput,
    pub exits: &'a [Exit],
    pub managers: &'a [Manager],
    pub plans: &'a [ContactPlan],
    pub campaigns: &'a [Campaign],
    pub responses: &'a [CampaignResponse],
    pub settings: &'a Settings,
    pub currency: &'a str,
}

/// The analysis of a workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct WorkspaceAnalysis {
    /// The analysis date used.
    pub as_of: Option<NaiveDate>,
    /// Records dated after the analysis date, which no figure counts (a person set the date
    /// earlier than the data reaches).
    pub after_as_of: RecordsAfter,
    /// Run-level figures; `None` when there is nothing to score.
    pub report: Option<ScoreReport>,
    /// Why scoring could not run, as a sentence.
    pub problem: Option<String>,
    /// Every customer: those with records and those that only appear in transactions.
    pub customers: Vec<CustomerRow>,
    /// Manager id → name.
    pub managers: Vec<(String, String)>,
    /// ISO 4217 code of the workspace's currency.
    pub currency: String,
    /// The CLV horizon in months (from the settings).
    pub horizon_months: u32,
    /// Every campaign's results, newest first.
    pub campaigns: Vec<campaigns::CampaignResult>,
    /// The Dashboard: KPIs, quadrants, pyramid, whale curve; `None` when nothing was scored.
    pub dashboard: Option<dashboard::Dashboard>,
    /// The Churn page; `None` when nothing was scored.
    pub churn: Option<churn_view::ChurnView>,
    /// The Cohorts page; `None` when nothing was scored.
    pub cohorts: Option<cohort_view::CohortView>,
    /// The Models page (without the on-demand holdout check,
    /// `models_view::holdout_check`); `None` when nothing was scored.
    pub models: Option<models_view::ModelsView>,
    /// The Planning page; `None` when nothing was scored.
    pub planning: Option<planning::Planning>,
}

/// How many records lie after the analysis date (of customers the engine reads: interactions
/// and exits of customers with transactions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RecordsAfter {
    /// Orders and returns.
    pub transactions: u64,
    /// Interactions.
    pub interactions: u64,
    /// Recorded exits.
    pub exits: u64,
}

impl RecordsAfter {
    /// The records of `ledger`, `interactions` and `exits` dated after day `as_of`.
    pub fn count(ledger: &Ledger, interactions: &InteractionInput, exits: &ExitInput, as_of: i32) -> RecordsAfter {
        let after = |days: &[i32]| days.iter().filter(|&&d| d > as_of).count() as u64;
        RecordsAfter {
            transactions: after(ledger.days()),
            interactions: after(&interactions.day),
            exits: after(&exits.day),
        }
    }

    /// Whether any record is left out.
    pub fn any(&self) -> bool {
        self.transactions + self.interactions + self.exits > 0
    }
}

/// Analyses a workspace. `on_stage` reports the engine's progress.
pub fn analyze(input: &WorkspaceInput<'_>, on_stage: &mut dyn FnMut(Stage)) -> WorkspaceAnalysis {
    let options = ScoreOptions::from_settings(input.settings);
    let interactions = input.interactions;
    let (exits, _) = ExitInput::from_exits(input.ledger, input.exits);

    let mut analysis = WorkspaceAnalysis {
        managers: input
            .managers
            .iter()
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect(),
        currency: input.currency.to_string(),
        horizon_months: input.settings.clv_horizon_months,
        ..Default::default()
    };
    let scoring = if input.ledger.is_empty() {
        None
    } else {
        match score::score(
            input.ledger,
            &interactions,
            &exits,
            input.settings,
            &options,
            on_stage,
        ) {
            Ok(s) => Some(s),
            Err(err) => {
                analysis.problem = Some(err.to_string());
                None
            }
        }
    };

    let as_of_for_campaigns = scoring
        .as_ref()
        .map(|s| s.report.as_of)
        .or(input.settings.as_of);
    if let Some(as_of) = as_of_for_campaigns {
        analysis.campaigns = campaigns::campaign_results(
            input.ledger,
            input.campaigns,
            input.responses,
            input.settings.default_margin,
            as_of,
        );
    }

    // Scores by ledger customer index; ids are found through one hash index (a binary search
    // per customer costs about a microsecond at 100,000 customers).
    let lookup = input.ledger.ids().lookup();
    let mut scores: Vec<Option<Scores>> = Vec::new();
    if let Some(s) = &scoring {
        analysis.as_of = Some(s.report.as_of);
        analysis.after_as_of = RecordsAfter::count(input.ledger, interactions, &exits, day_number(s.report.as_of));
        scores = vec![None; input.ledger.customer_count()];
        for i in 0..s.len() {
            if let (Some(c), Some(cs)) = (s.customer_index(i), s.get_unnamed(i)) {
                if let Some(slot) = scores.get_mut(c as usize) {
                    *slot = Some(Scores::from(&cs));
                }
            }
        }
        analysis.report = Some(s.report.clone());
    }

    // Where each customer stood one migration shift earlier (the Planning page's tier
    // migration and the Customers page's `previous_tier` filter share it).
    let window_start = input.settings.window.start.map(day_number);
    let mut first_order = Vec::new();
    let mut previous = planning::PreviousPyramid::default();
    if let Some(report) = &analysis.report {
        let as_of = day_number(report.as_of);
        first_order = churn_view::first_order_days(input.ledger, window_start, as_of);
        previous = planning::previous_pyramid(
            input.ledger,
            &interactions,
            &exits,
            input.settings,
            &options,
            report.as_of,
            first_order.iter().flatten().min().copied(),
        );
    }

    let mut latest_exit: FxHashMap<&str, &Exit> = FxHashMap::default();
    for e in input.exits {
        let slot = latest_exit.entry(e.customer_id.as_str()).or_insert(e);
        if e.date > slot.date {
            *slot = e;
        }
    }
    let plans: FxHashMap<&str, &ContactPlan> = input
        .plans
        .iter()
        .map(|p| (p.customer_id.as_str(), p))
        .collect();
    let at_risk_threshold = input.settings.at_risk_p_alive;

    // Listed already: ledger customers by index, the others (records without transactions) by id.
    let mut seen_in_ledger = vec![false; input.ledger.customer_count()];
    let mut seen_elsewhere: FxHashSet<&str> = FxHashSet::default();
    let mut rows = Vec::with_capacity(input.customers.len().max(input.ledger.customer_count()));
    let mut push =
        |id: &str, index: Option<u32>, customer: Option<&Customer>, rows: &mut Vec<CustomerRow>| {
            let scores = index
                .and_then(|c| scores.get_mut(c as usize))
                .and_then(Option::take);
            let previous_tier = index
                .and_then(|c| previous.tiers.get(c as usize).copied().flatten())
                .filter(|_| scores.is_some());
            let exit = latest_exit.get(id).map(|e| (e.date, e.reason));
            let at_risk = exit.is_none()
                && scores
                    .as_ref()
                    .is_some_and(|s| s.p_alive < at_risk_threshold);
            rows.push(CustomerRow {
                id: id.to_string(),
                name: customer
                    .map(|c| c.name.clone())
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| id.to_string()),
                company: customer.and_then(|c| c.company.clone()),
                email: customer.and_then(|c| c.email.clone()),
                segment: customer.and_then(|c| c.segment.clone()),
                manager_id: customer.and_then(|c| c.manager_id.clone()),
                acquisition_date: customer.and_then(|c| c.acquisition_date),
                exit,
                next_contact: plans.get(id).and_then(|p| p.next_due),
                at_risk,
                scores,
                previous_tier,
            });
        };
    for c in input.customers {
        let index = lookup.find(&c.id);
        let fresh = match index {
            Some(i) => !std::mem::replace(&mut seen_in_ledger[i as usize], true),
            None => seen_elsewhere.insert(c.id.as_str()),
        };
        if fresh {
            push(&c.id, index, Some(c), &mut rows);
        }
    }
    drop(lookup);
    for (i, id) in input.ledger.ids().iter().enumerate() {
        if !seen_in_ledger[i] {
            push(id, Some(i as u32), None, &mut rows);
        }
    }
    analysis.customers = rows;

    if let Some(report) = &analysis.report {
        let rows = &analysis.customers;
        let as_of = day_number(report.as_of);
        let dashboard = dashboard::dashboard(
            rows,
            report,
            &input.settings.quadrant_thresholds,
            &dashboard::DashboardOptions::default(),
        );
        let churn = churn_view::churn_view(
            input.ledger,
            &exits,
            rows,
            report,
            &first_order,
            window_start,
            options.default_margin,
            &churn_view::ChurnViewOptions::default(),
        );
        let cohorts = cohort_view::cohort_view(
            input.ledger,
            as_of,
            window_start,
            &cohort_view::CohortViewOptions::default(),
        );
        let models = models_view::models_view(
            input.ledger,
            rows,
            report,
            &first_order,
            &options,
            &models_view::ModelsOptions::default(),
        );
        let planning = planning::planning(rows, report, &previous);
        analysis.dashboard = Some(dashboard);
        analysis.churn = Some(churn);
        analysis.cohorts = Some(cohorts);
        analysis.models = Some(models);
        analysis.planning = Some(planning);
    }
    analysis
}

/// The day number of the analysis date, for callers that work in days.
pub fn as_of_day(analysis: &WorkspaceAnalysis) -> Option<i32> {
    analysis.as_of.map(day_number)
}
