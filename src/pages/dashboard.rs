//! The Dashboard: the KPIs, who makes money now (gross margin × cost to serve) and who
//! will (profit now × future profit) as 2×2 grids beside a scatter of the customers, the
//! customer pyramid and the whale curve. Every cell, point group and tier opens the
//! Customers page filtered to exactly those customers.

use crate::analytics::workspace::dashboard::{Dashboard, QuadrantCell};
use crate::analytics::workspace::query::CustomerQuery;
use crate::analytics::workspace::WorkspaceAnalysis;
use crate::components::charts::line::{LineChart, LineData};
use crate::components::charts::pyramid::{PyramidChart, PyramidData};
use crate::components::charts::scatter::{ScatterChart, ScatterData, ScatterPoint};
use crate::components::charts::ValueFormat;
use crate::components::{AnalysisView, DataArea, Later, PageHeader};
use crate::domain::{CurrentQuadrant, FutureQuadrant, Tier};
use crate::i18n::{fill, format, labels, DashboardText, Locale, Msg};
use crate::state::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

/// The Dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavDashboard intro=Msg::DashboardIntro/>
        <DataArea>
            <AnalysisView render=move |analysis| view! { <DashboardBody analysis=analysis/> }/>
        </DataArea>
    }
}

/// The Customers page showing exactly the customers of a query.
pub fn customers_href(query: &CustomerQuery) -> String {
    format!("/customers{}", query.to_query_string())
}

fn query(pairs: &[(&str, &str)]) -> CustomerQuery {
    CustomerQuery::from_pairs(pairs.iter().copied())
}

#[component]
fn DashboardBody(analysis: Arc<WorkspaceAnalysis>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(d) = analysis.dashboard.clone() else {
        return view! { <p class="inline-error" data-testid="nothing-scored">{analysis.problem.clone().unwrap_or_else(|| i18n.t(DashboardText::NothingScored).to_string())}</p> }.into_any();
    };
    let currency = analysis.currency.clone();
    let as_of = analysis.as_of;
    let locale = i18n.locale_untracked();
    view! {
        <Kpis d=d.clone() currency=currency.clone()/>
        {as_of.map(|_| view! {
            <p class="muted small as-of">{fill(i18n.t(DashboardText::AsOf), &[("customers", &format::count(d.kpis.scored as u64, locale))])}</p>
        })}
        <CurrentQuadrantSection d=d.clone() currency=currency.clone()/>
        // Below the fold: built in a task of its own.
        <Later>
            <FutureQuadrantSection d=d.clone() currency=currency.clone()/>
            <div class="two-columns two-columns--even">
                <PyramidSection d=d.clone() currency=currency.clone()/>
                <WhaleSection d=d.clone()/>
            </div>
        </Later>
    }
    .into_any()
}

#[component]
fn Kpis(d: Dashboard, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let k = d.kpis;
    let card = move |label: DashboardText, value: String, href: Option<String>, testid: &'static str| {
        let body = view! {
            <span class="kpi__label">{move || i18n.t(label)}</span>
            <span class="kpi__value" data-testid=testid>{value}</span>
        };
        match href {
            Some(h) => view! { <a class="kpi kpi--link" href=h>{body}</a> }.into_any(),
            None => view! { <div class="kpi">{body}</div> }.into_any(),
        }
    };
    let locale = i18n.locale_untracked();
    view! {
        <section class="kpis" data-testid="kpis">
            {card(DashboardText::ActiveCustomers, format::count(k.active as u64, locale), Some(customers_href(&query(&[("status", "active")]))), "kpi-active")}
            {card(DashboardText::Revenue, format::money_compact(k.revenue as f64 / 100.0, &currency, locale), None, "kpi-revenue")}
            {card(DashboardText::Profit, format::money_compact(k.profit as f64 / 100.0, &currency, locale), Some(customers_href(&query(&[("sort", "profit"), ("dir", "asc")]))), "kpi-profit")}
            {card(DashboardText::AverageClv, format::money(k.average_lifetime_value, &currency, 0, locale), Some(customers_href(&query(&[]))), "kpi-clv")}
            {card(DashboardText::ChurnRate, format::percent(k.churn_rate, 1, locale), Some("/churn".to_string()), "kpi-churn")}
            {card(DashboardText::AtRisk, format::count(k.at_risk as u64, locale), Some(customers_href(&query(&[("status", "at_risk")]))), "kpi-at-risk")}
        </section>
    }
}

/// One cell of a 2×2 grid.
fn cell_view<Q: Copy>(
    i18n: I18n,
    cell: Option<&QuadrantCell<Q>>,
    name: String,
    href: String,
    class: &'static str,
    currency: &str,
    locale: Locale,
) -> impl IntoView {
    let (customers, share, revenue, profit) = cell.map_or((0, 0.0, 0, 0), |c| (c.customers, c.customer_share, c.revenue, c.profit));
    view! {
        <a class=format!("quad-cell {class}") href=href data-testid="quadrant-cell">
            <span class="quad-cell__name">{name}</span>
            <span class="quad-cell__count" data-testid="quadrant-count">{fill(i18n.t(DashboardText::CustomersN), &[("count", &format::count(customers as u64, locale))])}</span>
            <span class="quad-cell__share">{format::percent(share, 0, locale)}</span>
            <span class="quad-cell__money" class:negative=profit < 0>
                {fill(i18n.t(DashboardText::CellFigures), &[
                    ("revenue", &format::money_compact(revenue as f64 / 100.0, currency, locale)),
                    ("profit", &format::money_compact(profit as f64 / 100.0, currency, locale)),
                ])}
            </span>
        </a>
    }
}

#[component]
fn CurrentQuadrantSection(d: Dashboard, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let navigate = use_navigate();
    let view_data = d.current.clone();
    let find = |q: CurrentQuadrant| view_data.cells.iter().find(|c| c.quadrant == q);
    let cell = |q: CurrentQuadrant, class: &'static str| {
        cell_view(i18n, find(q), i18n.t(labels::current_quadrant(q)).to_string(), customers_href(&query(&[("current", q.as_str())])), class, &currency, locale)
    };
    let sample_size = view_data.sample.len();
    let scatter = ScatterData {
        points: view_data
            .sample
            .iter()
            .map(|p| ScatterPoint { x: p.x, y: p.y, class: CurrentQuadrant::ALL.iter().position(|q| *q == p.quadrant).unwrap_or(0) })
            .collect(),
        x_format: ValueFormat::money(currency.clone()),
        y_format: ValueFormat::money(currency.clone()),
        x_title: i18n.t(DashboardText::GrossMarginAxis).to_string(),
        y_title: i18n.t(DashboardText::CostAxis).to_string(),
        x_threshold: Some(view_data.x_threshold),
        y_threshold: Some(view_data.y_threshold),
        ..Default::default()
    };
    let scatter = CurrentQuadrant::ALL.iter().fold(scatter, |s, q| s.with_class(i18n.t(labels::current_quadrant(*q))));
    let on_select = Callback::new(move |i: usize| {
        if let Some(q) = CurrentQuadrant::ALL.get(i) {
            navigate(&customers_href(&query(&[("current", q.as_str())])), Default::default());
        }
    });
    view! {
        <section class="card quadrant-section" data-testid="current-quadrant">
            <h2>{move || i18n.t(DashboardText::CurrentTitle)}</h2>
            <p class="muted small">{move || i18n.t(DashboardText::CurrentHelp)}</p>
            <div class="quadrant-layout">
                <div class="quad" role="group" aria-label=move || i18n.t(DashboardText::CurrentTitle)>
                    <span class="quad__axis quad__axis--top-left">{move || i18n.t(DashboardText::HighMargin)}</span>
                    <span class="quad__axis quad__axis--top-right">{move || i18n.t(DashboardText::LowMargin)}</span>
                    <span class="quad__axis quad__axis--row1">{move || i18n.t(DashboardText::LowCost)}</span>
                    {cell(CurrentQuadrant::MostProfitable, "quad-cell--best quad-pos-a")}
                    {cell(CurrentQuadrant::ProfitableLowMargin, "quad-cell--mid quad-pos-b")}
                    <span class="quad__axis quad__axis--row2">{move || i18n.t(DashboardText::HighCost)}</span>
                    {cell(CurrentQuadrant::ProfitableHighCost, "quad-cell--mid quad-pos-c")}
                    {cell(CurrentQuadrant::LeastProfitable, "quad-cell--worst quad-pos-d")}
                </div>
                <div class="quadrant-scatter">
                    <ScatterChart
                        title=fill(i18n.t(DashboardText::ScatterSample), &[("count", &format::count(sample_size as u64, locale))])
                        data=scatter
                        on_select=on_select
                        height=340.0
                        testid="current-scatter"
                    />
                </div>
            </div>
        </section>
    }
}

#[component]
fn FutureQuadrantSection(d: Dashboard, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let navigate = use_navigate();
    let view_data = d.future.clone();
    let find = |q: FutureQuadrant| view_data.cells.iter().find(|c| c.quadrant == q);
    let cell = |q: FutureQuadrant, class: &'static str| {
        cell_view(i18n, find(q), i18n.t(labels::future_quadrant(q)).to_string(), customers_href(&query(&[("future", q.as_str())])), class, &currency, locale)
    };
    let sample_size = view_data.sample.len();
    let scatter = ScatterData {
        points: view_data
            .sample
            .iter()
            .map(|p| ScatterPoint { x: p.x, y: p.y, class: FutureQuadrant::ALL.iter().position(|q| *q == p.quadrant).unwrap_or(0) })
            .collect(),
        x_format: ValueFormat::money(currency.clone()),
        y_format: ValueFormat::money(currency.clone()),
        x_title: i18n.t(DashboardText::ProfitAxis).to_string(),
        y_title: i18n.t(DashboardText::FutureAxis).to_string(),
        x_threshold: Some(view_data.x_threshold),
        y_threshold: Some(view_data.y_threshold),
        ..Default::default()
    };
    let scatter = FutureQuadrant::ALL.iter().fold(scatter, |s, q| s.with_class(i18n.t(labels::future_quadrant(*q))));
    let on_select = Callback::new(move |i: usize| {
        if let Some(q) = FutureQuadrant::ALL.get(i) {
            navigate(&customers_href(&query(&[("future", q.as_str())])), Default::default());
        }
    });
    view! {
        <section class="card quadrant-section" data-testid="future-quadrant">
            <h2>{move || i18n.t(DashboardText::FutureTitle)}</h2>
            <p class="muted small">{move || i18n.t(DashboardText::FutureHelp)}</p>
            <div class="quadrant-layout">
                <div class="quad" role="group" aria-label=move || i18n.t(DashboardText::FutureTitle)>
                    <span class="quad__axis quad__axis--top-left">{move || i18n.t(DashboardText::HighNow)}</span>
                    <span class="quad__axis quad__axis--top-right">{move || i18n.t(DashboardText::LowNow)}</span>
                    <span class="quad__axis quad__axis--row1">{move || i18n.t(DashboardText::HighFuture)}</span>
                    {cell(FutureQuadrant::Best, "quad-cell--best quad-pos-a")}
                    {cell(FutureQuadrant::Invest, "quad-cell--mid quad-pos-b")}
                    <span class="quad__axis quad__axis--row2">{move || i18n.t(DashboardText::LowFuture)}</span>
                    {cell(FutureQuadrant::Retain, "quad-cell--mid quad-pos-c")}
                    {cell(FutureQuadrant::Worst, "quad-cell--worst quad-pos-d")}
                </div>
                <div class="quadrant-scatter">
                    <ScatterChart
                        title=fill(i18n.t(DashboardText::ScatterSample), &[("count", &format::count(sample_size as u64, locale))])
                        data=scatter
                        on_select=on_select
                        height=340.0
                        testid="future-scatter"
                    />
                </div>
            </div>
        </section>
    }
}

#[component]
fn PyramidSection(d: Dashboard, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let navigate = use_navigate();
    let data = d.pyramid.iter().fold(
        PyramidData::new(i18n.t(DashboardText::Revenue), ValueFormat::money(currency.clone())),
        |p, row| p.with_tier(i18n.t(labels::tier(row.tier)), row.customers as u64, row.revenue as f64 / 100.0),
    );
    let tiers: Vec<Tier> = d.pyramid.iter().map(|r| r.tier).collect();
    let on_select = Callback::new(move |i: usize| {
        if let Some(t) = tiers.get(i) {
            navigate(&customers_href(&query(&[("tier", t.as_str())])), Default::default());
        }
    });
    let rows = d
        .pyramid
        .iter()
        .map(|r| {
            view! {
                <tr data-testid="pyramid-row">
                    <th scope="row"><a href=customers_href(&query(&[("tier", r.tier.as_str())]))><span class=format!("tier tier--{}", r.tier.as_str())>{i18n.t(labels::tier(r.tier))}</span></a></th>
                    <td class="num">{format::count(r.customers as u64, locale)}</td>
                    <td class="num">{format::money_compact(r.revenue as f64 / 100.0, &currency, locale)}</td>
                    <td class="num" class:negative=r.profit < 0>{format::money_compact(r.profit as f64 / 100.0, &currency, locale)}</td>
                    <td class="num">{format::percent(r.revenue_share, 1, locale)}</td>
                    <td class="num">{format::percent(r.profit_share, 1, locale)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" data-testid="pyramid">
            <h2>{move || i18n.t(DashboardText::PyramidTitle)}</h2>
            <p class="muted small">{move || i18n.t(DashboardText::PyramidHelp)}</p>
            <PyramidChart title=i18n.t(DashboardText::PyramidTitle).to_string() data=data on_select=on_select height=260.0/>
            <div class="table-scroll">
                <table class="data-table" data-testid="pyramid-table">
                    <thead><tr>
                        <th scope="col">{i18n.t(DashboardText::Tier)}</th>
                        <th scope="col" class="num">{i18n.t(DashboardText::Customers)}</th>
                        <th scope="col" class="num">{i18n.t(DashboardText::Revenue)}</th>
                        <th scope="col" class="num">{i18n.t(DashboardText::Profit)}</th>
                        <th scope="col" class="num">{i18n.t(DashboardText::RevenueShare)}</th>
                        <th scope="col" class="num">{i18n.t(DashboardText::ProfitShare)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn WhaleSection(d: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let w = d.whale;
    let points: Vec<(f64, f64)> = w.profit.iter().map(|p| (p.customer_share, p.profit_share)).collect();
    let data = LineData::whale(points, (w.peak.customer_share, w.peak.profit_share), w.top20_profit_share, locale);
    let pct = |v: f64| format::percent(v, 0, locale);
    view! {
        <section class="card" data-testid="whale">
            <h2>{move || i18n.t(DashboardText::WhaleTitle)}</h2>
            <p data-testid="whale-sentence">{fill(i18n.t(DashboardText::WhaleSentence), &[("profit", &pct(w.top20_profit_share)), ("revenue", &pct(w.top20_revenue_share))])}</p>
            {(w.peak.profit_share > 1.0).then(|| view! {
                <p class="status status--warn" data-testid="whale-peak">{fill(i18n.t(DashboardText::WhalePeakSentence), &[("peak", &pct(w.peak.profit_share)), ("share", &pct(w.peak.customer_share))])}</p>
            })}
            <LineChart title=i18n.t(DashboardText::WhaleTitle).to_string() data=data height=300.0 testid="whale-chart"/>
            <p><a href=customers_href(&query(&[("sort", "profit"), ("dir", "asc")]))>{move || i18n.t(DashboardText::SeeCustomers)}</a></p>
        </section>
    }
}
