//! Shows a page's analysed content once the worker has computed it: progress while it
//! runs, the reason if it failed (inside the page; the navigation stays usable).

use crate::analytics::workspace::WorkspaceAnalysis;
use crate::components::ProgressBar;
use crate::i18n::{fill, format, CustomerText};
use crate::state::{use_analysis, use_i18n};
use leptos::prelude::*;
use std::sync::Arc;

/// Renders `render(analysis)` with the latest analysis.
#[component]
pub fn AnalysisView<F, V>(
    /// Draws the page's content from the analysis.
    render: F,
) -> impl IntoView
where
    F: Fn(Arc<WorkspaceAnalysis>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let analysis = use_analysis();
    let progress = move || {
        view! {
            <ProgressBar
                fraction=Signal::derive(move || analysis.running().map_or(0.0, |p| p.fraction))
                label=Signal::derive(move || i18n.t(CustomerText::Computing).to_string())
            />
        }
    };
    let running = Memo::new(move |_| analysis.running().is_some());
    let has_result = Memo::new(move |_| analysis.current().is_some());
    view! {
        {move || (running.get() && has_result.get()).then(progress)}
        {move || match (analysis.current(), analysis.error()) {
            (Some(current), _) => view! { <AnalysisDate analysis=current.clone()/> {render(current)} }.into_any(),
            (None, Some(err)) => view! { <p class="inline-error" role="alert" data-testid="analysis-error">{err}</p> }.into_any(),
            (None, None) => progress().into_any(),
        }}
    }
}

/// The analysis date every figure of the page is computed at, and the records dated after it
/// that no figure counts (when a person set the date earlier than the data reaches).
#[component]
fn AnalysisDate(analysis: Arc<WorkspaceAnalysis>) -> impl IntoView {
    let i18n = use_i18n();
    let date = analysis.as_of?;
    let locale = i18n.locale_untracked();
    let after = analysis.after_as_of;
    let left_out = after.any().then(|| {
        let parts: Vec<String> = [
            (after.transactions, CustomerText::LeftOutTransactions),
            (after.interactions, CustomerText::LeftOutInteractions),
            (after.exits, CustomerText::LeftOutExits),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, text)| fill(i18n.t(text), &[("n", &format::count(n, locale))]))
        .collect();
        view! {
            " "
            <span data-testid="left-out">{fill(i18n.t(CustomerText::LeftOut), &[("records", &parts.join("; "))])}</span>
            " "
            <a href="/settings">{i18n.t(CustomerText::ChangeDate)}</a>
        }
    });
    Some(view! {
        <p class="muted small analysis-date" data-testid="analysis-date">
            {fill(i18n.t(CustomerText::AnalysisDate), &[("date", &format::date(date, locale))])}
            {left_out}
        </p>
    })
}
