//! The Cohorts page: the retention table by month of first order as a heat map of
//! percentages, with the size-weighted "all cohorts" row and its numbers in a table.

use crate::analytics::workspace::cohort_view::CohortView;
use crate::analytics::workspace::WorkspaceAnalysis;
use crate::components::charts::{HeatmapChart, HeatmapData, ValueFormat};
use crate::components::{AnalysisView, DataArea, PageHeader};
use crate::i18n::{fill, format, CohortText, Msg};
use crate::state::use_i18n;
use leptos::prelude::*;
use std::sync::Arc;

/// The Cohorts page.
#[component]
pub fn CohortsPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavCohorts intro=Msg::CohortsIntro/>
        <DataArea>
            <AnalysisView render=move |analysis| view! { <CohortsBody analysis=analysis/> }/>
        </DataArea>
    }
}

/// The heat map's grid: the "all cohorts" row first, then one row per cohort, oldest first;
/// one column per month since acquisition. The colour scale runs from 0 to the best
/// retention after month 0 (month 0 is always 100% and would wash every other cell out).
pub fn cohort_heatmap(view: &CohortView, all_label: &str, row_label: &dyn Fn(&str, usize) -> String, column_title: &str, row_title: &str) -> HeatmapData {
    let longest = view.cohorts.iter().map(|c| c.retention.len()).max().unwrap_or(0);
    let mut rows = vec![all_label.to_string()];
    let mut values: Vec<Vec<Option<f64>>> = vec![view.average.iter().copied().map(Some).collect()];
    for c in &view.cohorts {
        rows.push(row_label(&c.month.format("%Y-%m").to_string(), c.size));
        values.push(c.retention.iter().copied().map(Some).collect());
    }
    let top = values
        .iter()
        .flat_map(|r| r.iter().skip(1).flatten().copied())
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    HeatmapData {
        rows,
        columns: (0..longest).map(|i| i.to_string()).collect(),
        values,
        format: ValueFormat::Percent { decimals: 0 },
        row_title: row_title.to_string(),
        column_title: column_title.to_string(),
        domain: Some((0.0, if top > 0.0 { top } else { 1.0 })),
        ..Default::default()
    }
}

#[component]
fn CohortsBody(analysis: Arc<WorkspaceAnalysis>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let Some(view_data) = analysis.cohorts.clone() else {
        return view! { <p class="inline-error" data-testid="nothing-scored">{analysis.problem.clone().unwrap_or_else(|| i18n.t(CohortText::NothingScored).to_string())}</p> }.into_any();
    };
    if view_data.cohorts.is_empty() {
        return view! { <p class="muted" data-testid="no-cohorts">{move || i18n.t(CohortText::NoCohorts)}</p> }.into_any();
    }
    let row_label = move |month: &str, size: usize| fill(i18n.t(CohortText::RowLabel), &[("month", month), ("size", &format::count(size as u64, locale))]);
    let data = cohort_heatmap(&view_data, i18n.t(CohortText::AllCohorts), &row_label, i18n.t(CohortText::MonthsSince), i18n.t(CohortText::Acquired));
    let at = |i: usize| view_data.average.get(i).map_or_else(|| "—".to_string(), |v| format::percent(*v, 0, locale));
    let summary = fill(
        i18n.t(CohortText::Summary),
        &[
            ("customers", &format::count(view_data.customers as u64, locale)),
            ("cohorts", &format::count(view_data.cohorts.len() as u64, locale)),
            ("m1", &at(1)),
            ("m3", &at(3)),
            ("m12", &at(12)),
        ],
    );
    let height = (data.rows.len() as f64 * 22.0 + 110.0).clamp(280.0, 2800.0);
    view! {
        <section class="card" data-testid="cohorts">
            <h2>{move || i18n.t(CohortText::Title)}</h2>
            <p class="muted small">{move || i18n.t(CohortText::Help)}</p>
            <p class="cohort-summary" data-testid="cohort-summary">{summary}</p>
            {(view_data.omitted_cohorts > 0).then(|| view! {
                <p class="muted small">{fill(i18n.t(CohortText::Omitted), &[("count", &format::count(view_data.omitted_cohorts as u64, locale))])}</p>
            })}
            <HeatmapChart title=i18n.t(CohortText::Title).to_string() data=data height=height testid="cohort-heatmap"/>
        </section>
    }
    .into_any()
}
