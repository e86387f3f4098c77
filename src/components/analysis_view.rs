//! Shows a page's analysed content once the worker has computed it: progress while it
//! runs, the reason if it failed (inside the page; the navigation stays usable).

use crate::analytics::workspace::WorkspaceAnalysis;
use crate::components::ProgressBar;
use crate::i18n::CustomerText;
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
            (Some(current), _) => render(current).into_any(),
            (None, Some(err)) => view! { <p class="inline-error" role="alert" data-testid="analysis-error">{err}</p> }.into_any(),
            (None, None) => progress().into_any(),
        }}
    }
}
