//! The Models page: the fitted BG/NBD and Gamma-Gamma parameters in plain words with their
//! log-likelihood and convergence, the frequency × recency heat maps of expected purchases
//! and P(alive), and the calibration/holdout check run on demand at a chosen split date
//! (the tracking plot and the holdout purchases by calibration frequency). A model that
//! was not fitted or did not converge says why and what to try, inside its own panel.

use crate::analytics::score::{BgNbdReport, GammaGammaReport};
use crate::analytics::workspace::models_view::{FrequencyRecencyMatrix, HoldoutCheck, HoldoutRange};
use crate::analytics::workspace::WorkspaceAnalysis;
use crate::components::charts::{BarData, HeatmapChart, HeatmapData, LineChart, LineData, ValueFormat};
use crate::components::charts::BarChart;
use crate::components::{AnalysisView, DataArea, PageHeader};
use crate::domain::TimeUnit;
use crate::i18n::{fill, format, Locale, ModelText, Msg};
use crate::state::{actions, use_analysis, use_i18n, use_workspace, I18n};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The holdout check's form and answer: kept above the analysis so that a recomputed
/// analysis does not throw away the chosen date or the last answer.
#[derive(Clone, Copy)]
struct HoldoutState {
    /// The split date as typed (`YYYY-MM-DD`).
    split: RwSignal<String>,
    /// The form's message (a bad date).
    problem: RwSignal<Option<String>>,
    /// Whether the worker is checking.
    running: RwSignal<bool>,
    /// The last answer: the check, or why it could not run.
    result: RwSignal<Option<Result<Arc<HoldoutCheck>, String>>>,
}

/// The Models page.
#[component]
pub fn ModelsPage() -> impl IntoView {
    let state = HoldoutState {
        split: RwSignal::new(String::new()),
        problem: RwSignal::new(None),
        running: RwSignal::new(false),
        result: RwSignal::new(None),
    };
    view! {
        <PageHeader title=Msg::NavModels intro=Msg::ModelsIntro/>
        <DataArea>
            <AnalysisView render=move |analysis| view! { <ModelsBody analysis=analysis state=state/> }/>
        </DataArea>
    }
}

fn unit_plural(unit: TimeUnit) -> ModelText {
    match unit {
        TimeUnit::Days => ModelText::UnitDays,
        TimeUnit::Weeks => ModelText::UnitWeeks,
    }
}

fn yes_no(i18n: I18n, v: bool) -> &'static str {
    i18n.t(if v { ModelText::Yes } else { ModelText::No })
}

/// A parameter value with four significant digits.
fn param_value(v: f64, locale: Locale) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let digits = if v.abs() >= 1000.0 {
        0
    } else if v.abs() >= 1.0 {
        (3 - v.abs().log10().floor() as i32).max(0) as usize
    } else {
        4
    };
    format::number(v, digits, locale)
}

#[component]
fn ModelsBody(analysis: Arc<WorkspaceAnalysis>, state: HoldoutState) -> impl IntoView {
    let i18n = use_i18n();
    let Some(report) = analysis.report.clone() else {
        return view! { <p class="inline-error" data-testid="nothing-scored">{analysis.problem.clone().unwrap_or_else(|| i18n.t(ModelText::NothingScored).to_string())}</p> }.into_any();
    };
    let models = analysis.models.clone();
    let matrix = models.as_ref().and_then(|m| m.matrix.clone());
    let range = models.as_ref().and_then(|m| m.holdout);
    view! {
        <div class="model-grid">
            <BgPanel report=report.bg_nbd.clone() unit=report.unit/>
            <GgPanel report=report.gamma_gamma.clone() currency=analysis.currency.clone()/>
        </div>
        <MatrixSection matrix=matrix/>
        <HoldoutSection range=range state=state/>
    }
    .into_any()
}

/// One parameter: its symbol, value and meaning.
fn param(symbol: &'static str, value: f64, meaning: String, locale: Locale) -> impl IntoView {
    view! {
        <div class="param" data-testid="model-param">
            <dt>{symbol}</dt>
            <dd>
                <span class="param__value">{param_value(value, locale)}</span>
                <span class="param__meaning">{meaning}</span>
            </dd>
        </div>
    }
}

/// Why a fit failed or cannot be trusted, and what to try.
fn fit_problem(i18n: I18n, headline: ModelText, message: Option<String>) -> impl IntoView {
    view! {
        <div class="status status--warn model-problem" role="alert" data-testid="model-problem">
            <p><strong>{i18n.t(headline)}</strong></p>
            {message.map(|m| view! { <p>{m}</p> })}
            <p>{i18n.t(ModelText::WhatToTry)}</p>
        </div>
    }
}

#[component]
fn BgPanel(report: BgNbdReport, unit: TimeUnit) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let body = if !report.fitted {
        fit_problem(i18n, ModelText::NotFitted, report.message.clone()).into_any()
    } else {
        let unit_word = i18n.t(unit_plural(unit));
        let per_month = report.r / report.alpha * unit.periods_per_month();
        let dropout = report.a / (report.a + report.b);
        let every = if dropout > 0.0 && dropout.is_finite() { (1.0 / dropout).round().max(1.0) } else { f64::NAN };
        let sentence = (per_month.is_finite() && every.is_finite()).then(|| {
            fill(i18n.t(ModelText::RateSentence), &[("rate", &format::number(per_month, 2, locale)), ("every", &format::number(every, 0, locale))])
        });
        view! {
            <dl class="params">
                {param("r", report.r, i18n.t(ModelText::MeaningR).to_string(), locale)}
                {param("α", report.alpha, fill(i18n.t(ModelText::MeaningAlpha), &[("unit", unit_word)]), locale)}
                {param("a", report.a, i18n.t(ModelText::MeaningA).to_string(), locale)}
                {param("b", report.b, i18n.t(ModelText::MeaningB).to_string(), locale)}
            </dl>
            {sentence.map(|s| view! { <p data-testid="bg-sentence">{s}</p> })}
            <dl class="fit-facts">
                <div><dt>{i18n.t(ModelText::LogLikelihood)}</dt><dd data-testid="bg-ll">{format::number(report.log_likelihood, 2, locale)}</dd></div>
                <div><dt>{i18n.t(ModelText::Iterations)}</dt><dd>{format::count(u64::from(report.iterations), locale)}</dd></div>
                <div><dt>{i18n.t(ModelText::Converged)}</dt><dd data-testid="bg-converged">{yes_no(i18n, report.converged)}</dd></div>
                <div><dt>{i18n.t(ModelText::Triples)}</dt><dd>{format::count(report.unique_triples as u64, locale)}</dd></div>
            </dl>
            {if report.converged {
                report.message.clone().map(|m| view! { <p class="muted small model-problem">{m}</p> }).into_any()
            } else {
                fit_problem(i18n, ModelText::NotConverged, report.message.clone()).into_any()
            }}
        }
        .into_any()
    };
    view! {
        <section class="card" data-testid="bg-panel">
            <h2>{move || i18n.t(ModelText::BgTitle)}</h2>
            <p class="muted small">{move || i18n.t(ModelText::BgHelp)}</p>
            {body}
        </section>
    }
}

#[component]
fn GgPanel(report: GammaGammaReport, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let body = if !report.fitted {
        fit_problem(i18n, ModelText::NotFitted, report.message.clone()).into_any()
    } else {
        let mean = report.p * report.v / (report.q - 1.0);
        let sentence = (report.q > 1.0 && mean.is_finite() && mean >= 0.0)
            .then(|| fill(i18n.t(ModelText::ValueSentence), &[("value", &format::money(mean, &currency, 2, locale))]));
        view! {
            <dl class="params">
                {param("p", report.p, i18n.t(ModelText::MeaningP).to_string(), locale)}
                {param("q", report.q, i18n.t(ModelText::MeaningQ).to_string(), locale)}
                {param("v", report.v, i18n.t(ModelText::MeaningV).to_string(), locale)}
            </dl>
            {sentence.map(|s| view! { <p data-testid="gg-sentence">{s}</p> })}
            <dl class="fit-facts">
                <div><dt>{i18n.t(ModelText::LogLikelihood)}</dt><dd data-testid="gg-ll">{format::number(report.log_likelihood, 2, locale)}</dd></div>
                <div><dt>{i18n.t(ModelText::Iterations)}</dt><dd>{format::count(u64::from(report.iterations), locale)}</dd></div>
                <div><dt>{i18n.t(ModelText::Converged)}</dt><dd data-testid="gg-converged">{yes_no(i18n, report.converged)}</dd></div>
                <div><dt>{i18n.t(ModelText::RepeatCustomers)}</dt><dd>{format::count(report.customers as u64, locale)}</dd></div>
            </dl>
            {if report.converged {
                report.message.clone().map(|m| view! { <p class="muted small model-problem">{m}</p> }).into_any()
            } else {
                fit_problem(i18n, ModelText::NotConverged, report.message.clone()).into_any()
            }}
        }
        .into_any()
    };
    view! {
        <section class="card" data-testid="gg-panel">
            <h2>{move || i18n.t(ModelText::GgTitle)}</h2>
            <p class="muted small">{move || i18n.t(ModelText::GgHelp)}</p>
            {body}
        </section>
    }
}

/// One of the two matrices as a heat map.
fn matrix_data(m: &FrequencyRecencyMatrix, values: &[f64], format: ValueFormat, i18n: I18n, domain: Option<(f64, f64)>) -> HeatmapData {
    let locale = i18n.locale_untracked();
    let unit = i18n.t(unit_plural(m.unit));
    let columns = m.recencies.len();
    HeatmapData {
        rows: m.frequencies.iter().map(|f| format::number(*f, 0, locale)).collect(),
        columns: m.recencies.iter().map(|r| format::number(*r, 0, locale)).collect(),
        values: (0..m.frequencies.len())
            .map(|i| (0..columns).map(|j| values.get(i * columns + j).copied()).collect())
            .collect(),
        format,
        row_title: i18n.t(ModelText::FrequencyAxis).to_string(),
        column_title: fill(i18n.t(ModelText::RecencyAxis), &[("unit", unit)]),
        domain,
        ..Default::default()
    }
}

#[component]
fn MatrixSection(matrix: Option<FrequencyRecencyMatrix>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let Some(m) = matrix else {
        return view! { <section class="card" data-testid="matrices"><p class="muted">{move || i18n.t(ModelText::NoMatrix)}</p></section> }.into_any();
    };
    let unit = i18n.t(unit_plural(m.unit));
    let expected = matrix_data(&m, &m.expected, ValueFormat::Number { decimals: 2 }, i18n, None);
    let alive = matrix_data(&m, &m.p_alive, ValueFormat::Percent { decimals: 0 }, i18n, Some((0.0, 1.0)));
    let height = (m.frequencies.len() as f64 * 14.0 + 130.0).clamp(300.0, 700.0);
    let expected_title = fill(i18n.t(ModelText::MatrixExpected), &[("horizon", &format::number(m.horizon, 0, locale)), ("unit", unit)]);
    let help = fill(i18n.t(ModelText::MatrixHelp), &[("age", &format::number(m.t, 0, locale)), ("unit", unit)]);
    view! {
        <section class="card" data-testid="matrices">
            <p class="muted small">{help}</p>
            <div class="two-columns two-columns--even">
                <HeatmapChart title=expected_title data=expected height=height testid="matrix-expected"/>
                <HeatmapChart title=i18n.t(ModelText::MatrixAlive).to_string() data=alive height=height testid="matrix-alive"/>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn HoldoutSection(range: Option<HoldoutRange>, state: HoldoutState) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let Some(range) = range else {
        return view! {
            <section class="card" data-testid="holdout">
                <h2>{move || i18n.t(ModelText::HoldoutTitle)}</h2>
                <p class="muted">{move || i18n.t(ModelText::NoHoldout)}</p>
            </section>
        }
        .into_any();
    };
    if state.split.get_untracked().is_empty() {
        state.split.set(range.suggested.format("%Y-%m-%d").to_string());
    }
    let workspace = use_workspace();
    let analysis = use_analysis();
    let bounds = [("earliest", format::date(range.earliest, locale)), ("latest", format::date(range.latest, locale))];
    let bounds_ref: Vec<(&str, &str)> = bounds.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let hint = fill(i18n.t(ModelText::SplitRange), &bounds_ref);
    let out_of_range = fill(i18n.t(ModelText::ErrRange), &bounds_ref);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.running.get_untracked() {
            return;
        }
        let text = state.split.get_untracked();
        let split = match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Err(_) => {
                state.problem.set(Some(fill(i18n.t(ModelText::ErrDate), &[("value", text.trim())])));
                return;
            }
            Ok(d) if d < range.earliest || d > range.latest => {
                state.problem.set(Some(out_of_range.clone()));
                return;
            }
            Ok(d) => d,
        };
        state.problem.set(None);
        state.running.set(true);
        let client = analysis.client();
        spawn_local(async move {
            let result = actions::holdout_check(workspace, client, split).await;
            state.result.set(Some(result.map(Arc::new).map_err(|e| e.message)));
            state.running.set(false);
        });
    };
    view! {
        <section class="card" data-testid="holdout">
            <h2>{move || i18n.t(ModelText::HoldoutTitle)}</h2>
            <p class="muted small">{move || i18n.t(ModelText::HoldoutHelp)}</p>
            <form class="holdout-form" on:submit=submit novalidate>
                <label class="field" class:field--invalid=move || state.problem.with(Option::is_some)>
                    <span class="field__label">{move || i18n.t(ModelText::SplitDate)}</span>
                    <input
                        type="date"
                        data-testid="holdout-split"
                        min=range.earliest.format("%Y-%m-%d").to_string()
                        max=range.latest.format("%Y-%m-%d").to_string()
                        prop:value=move || state.split.get()
                        on:input=move |ev| state.split.set(event_target_value(&ev))
                    />
                    <span class="field__hint muted small">{hint}</span>
                    {move || state.problem.get().map(|e| view! { <span class="field__error" role="alert" data-testid="holdout-error">{e}</span> })}
                </label>
                <button type="submit" class="button button--primary" data-testid="holdout-check" disabled=move || state.running.get()>
                    {move || i18n.t(ModelText::Check)}
                </button>
            </form>
            {move || state.running.get().then(|| view! { <p class="loading" role="status" data-testid="holdout-running">{i18n.t(ModelText::Checking)}</p> })}
            {move || match state.result.get() {
                None => ().into_any(),
                Some(Err(e)) => view! { <p class="inline-error" role="alert" data-testid="holdout-failed">{fill(i18n.t(ModelText::CheckFailed), &[("reason", &e)])}</p> }.into_any(),
                Some(Ok(check)) => view! { <HoldoutResult check=check/> }.into_any(),
            }}
        </section>
    }
    .into_any()
}

#[component]
fn HoldoutResult(check: Arc<HoldoutCheck>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let unit = i18n.t(unit_plural(check.unit));
    let expected: Option<f64> = check
        .by_frequency
        .iter()
        .map(|b| b.predicted.map(|p| p * b.customers as f64))
        .sum::<Option<f64>>();
    let summary = fill(
        i18n.t(ModelText::HoldoutSummary),
        &[
            ("customers", &format::count(check.calibration_customers as u64, locale)),
            ("split", &format::date(check.split, locale)),
            ("repeat", &format::count(check.calibration_repeat_purchases, locale)),
            ("periods", &format::number(check.holdout_periods, 0, locale)),
            ("unit", unit),
            ("actual", &format::count(check.holdout_purchases, locale)),
            ("expected", &expected.map_or_else(|| "—".to_string(), |e| format::number(e, 0, locale))),
        ],
    );
    let weeks: Vec<NaiveDate> = check.tracking.iter().map(|p| p.date).collect();
    let actual: Vec<f64> = check.tracking.iter().map(|p| p.actual).collect();
    let expected_line: Vec<f64> = check.tracking.iter().map(|p| p.expected.unwrap_or(f64::NAN)).collect();
    let tracking = LineData::tracking(&weeks, &actual, &expected_line, check.split, locale);
    let bins = BarData::single(
        check
            .by_frequency
            .iter()
            .map(|b| {
                let n = format::count(u64::from(b.frequency), locale);
                if b.or_more { fill(i18n.t(ModelText::OrMore), &[("n", &n)]) } else { n }
            })
            .collect(),
        i18n.t(ModelText::Actual),
        check.by_frequency.iter().map(|b| b.actual).collect(),
        ValueFormat::Number { decimals: 2 },
    )
    .with_series(i18n.t(ModelText::Predicted), check.by_frequency.iter().map(|b| b.predicted.unwrap_or(f64::NAN)).collect())
    .titles(i18n.t(ModelText::ByFrequencyX), i18n.t(ModelText::ByFrequencyY));
    let problem = check.problem.clone();
    view! {
        <div data-testid="holdout-result">
            <p class="holdout-summary" data-testid="holdout-summary">{summary}</p>
            {problem.map(|p| view! {
                <div class="status status--warn model-problem" role="alert" data-testid="holdout-problem">
                    <p>{p}</p>
                    <p>{i18n.t(ModelText::WhatToTry)}</p>
                </div>
            })}
            <div class="two-columns two-columns--even">
                <LineChart title=i18n.t(ModelText::TrackingTitle).to_string() data=tracking height=320.0 testid="holdout-tracking"/>
                <BarChart title=i18n.t(ModelText::ByFrequencyTitle).to_string() data=bins height=320.0 testid="holdout-by-frequency"/>
            </div>
        </div>
    }
}
