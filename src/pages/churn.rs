//! The Churn page (exit management): the churn rate by month or quarter, why customers leave
//! and what their leaving cost (one year and lifetime) by reason, the retention what-if
//! calculator prefilled from the data, and the at-risk list ranked by value at stake with the
//! responsible manager. Bars and rows open the Customers page filtered to those customers.

use crate::analytics::churn::ChurnPeriod;
use crate::analytics::workspace::churn_view::ChurnView;
use crate::analytics::workspace::query::{encode, CustomerQuery};
use crate::analytics::workspace::WorkspaceAnalysis;
use crate::components::charts::{BarChart, BarData, ValueFormat};
use crate::components::{AnalysisView, DataArea, PageHeader, WhatIfCalculator};
use crate::domain::ExitReason;
use crate::i18n::{fill, format, labels, ChurnText, Locale, Msg, Text as _};
use crate::pages::dashboard::customers_href;
use crate::state::use_i18n;
use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

/// The Churn page. The month/quarter choice lives here, above the analysis, so that it
/// survives a recomputed analysis.
#[component]
pub fn ChurnPage() -> impl IntoView {
    let quarterly = RwSignal::new(false);
    view! {
        <PageHeader title=Msg::NavChurn intro=Msg::ChurnIntro/>
        <DataArea>
            <AnalysisView render=move |analysis| view! { <ChurnBody analysis=analysis quarterly=quarterly/> }/>
        </DataArea>
    }
}

fn query(pairs: &[(&str, &str)]) -> CustomerQuery {
    CustomerQuery::from_pairs(pairs.iter().copied())
}

/// The customers who left.
fn exited_href() -> String {
    customers_href(&query(&[("status", "exited")]))
}

/// The customers whose latest exit had this reason.
fn reason_href(reason: ExitReason) -> String {
    customers_href(&query(&[("status", "exited"), ("reason", reason.as_str())]))
}

/// The at-risk customers, the most future profit first.
fn at_risk_href() -> String {
    customers_href(&query(&[("status", "at_risk"), ("sort", "future_profit")]))
}

#[component]
fn ChurnBody(analysis: Arc<WorkspaceAnalysis>, quarterly: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(churn) = analysis.churn.clone() else {
        return view! { <p class="inline-error" data-testid="nothing-scored">{analysis.problem.clone().unwrap_or_else(|| i18n.t(ChurnText::NothingScored).to_string())}</p> }.into_any();
    };
    let churn = Arc::new(churn);
    let currency = analysis.currency.clone();
    view! {
        <Overview analysis=analysis.clone() churn=churn.clone()/>
        <RateSection churn=churn.clone() quarterly=quarterly/>
        <div class="two-columns two-columns--even">
            <ReasonSection churn=churn.clone()/>
            <LossSection churn=churn.clone() currency=currency.clone()/>
        </div>
        <LossTable churn=churn.clone() currency=currency.clone()/>
        <WhatIfCalculator defaults=churn.what_if currency=currency.clone()/>
        <AtRiskSection analysis=analysis churn=churn/>
    }
    .into_any()
}

/// The report's figures over the last 12 months.
#[component]
fn Overview(analysis: Arc<WorkspaceAnalysis>, churn: Arc<ChurnView>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let currency = analysis.currency.clone();
    let report = analysis.report.as_ref().map(|r| r.churn.clone()).unwrap_or_default();
    let money = |v: f64| format::money_compact(v, &currency, locale);
    let card = move |label: ChurnText, value: String, href: Option<String>, testid: &'static str| {
        let body = view! {
            <span class="kpi__label">{move || i18n.t(label)}</span>
            <span class="kpi__value" data-testid=testid>{value}</span>
        };
        match href {
            Some(h) => view! { <a class="kpi kpi--link" href=h>{body}</a> }.into_any(),
            None => view! { <div class="kpi">{body}</div> }.into_any(),
        }
    };
    let sentence = churn.period_start.map(|start| {
        fill(
            i18n.t(ChurnText::PeriodSentence),
            &[
                ("start", &format::date(start, locale)),
                ("end", &format::date(churn.period_end, locale)),
                ("exits", &format::count(report.exits as u64, locale)),
                ("active", &format::count(report.active_at_start as u64, locale)),
            ],
        )
    });
    view! {
        <section class="churn-overview" data-testid="churn-overview" aria-label=move || i18n.t(ChurnText::Overview)>
            <div class="kpis">
                {card(ChurnText::RateLast12, format::percent(report.churn_rate, 1, locale), None, "churn-rate")}
                {card(ChurnText::Exits, format::count(report.exits as u64, locale), Some(exited_href()), "churn-exits")}
                {card(ChurnText::LostProfitYear, money(report.lost_profit_one_year), None, "churn-lost-profit")}
                {card(ChurnText::LostLifetime, money(report.lost_lifetime_value), None, "churn-lost-lifetime")}
                {card(ChurnText::AtRiskCustomers, format::count(churn.at_risk_customers as u64, locale), Some(at_risk_href()), "churn-at-risk")}
                {card(ChurnText::ValueAtStake, money(churn.at_risk_value), Some(at_risk_href()), "churn-at-stake")}
            </div>
            {sentence.map(|s| view! { <p class="muted small as-of" data-testid="churn-period">{s}</p> })}
        </section>
    }
}

/// A calendar period's label: `2025-03` for a month, `Q1 2025` for a quarter.
fn period_label(p: &ChurnPeriod, quarterly: bool, locale: Locale) -> String {
    if quarterly {
        let q = p.start.month0() / 3 + 1;
        fill(ChurnText::QuarterLabel.text(locale), &[("quarter", &q.to_string()), ("year", &p.start.year().to_string())])
    } else {
        p.start.format("%Y-%m").to_string()
    }
}

#[component]
fn RateSection(churn: Arc<ChurnView>, quarterly: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = churn.by_month.is_empty();
    let data = {
        let churn = churn.clone();
        Signal::derive(move || {
            let locale = i18n.locale();
            let q = quarterly.get();
            let periods = if q { &churn.by_quarter } else { &churn.by_month };
            let axis = if q { ChurnText::QuarterAxis } else { ChurnText::MonthAxis };
            BarData::single(
                periods.iter().map(|p| period_label(p, q, locale)).collect(),
                i18n.t(ChurnText::RateLast12),
                periods.iter().map(|p| p.rate).collect(),
                ValueFormat::Percent { decimals: 1 },
            )
            .titles(i18n.t(axis), i18n.t(ChurnText::RateLast12))
        })
    };
    let choice = move |value: bool, label: ChurnText, testid: &'static str| {
        view! {
            <button
                type="button"
                class="segmented__option"
                class:segmented__option--on=move || quarterly.get() == value
                aria-pressed=move || if quarterly.get() == value { "true" } else { "false" }
                data-testid=testid
                on:click=move |_| quarterly.set(value)
            >
                {move || i18n.t(label)}
            </button>
        }
    };
    view! {
        <section class="card" data-testid="churn-rate-section">
            <div class="card__head">
                <h2>{move || i18n.t(ChurnText::RateTitle)}</h2>
                <div class="segmented" role="group" aria-label=move || i18n.t(ChurnText::PeriodChoice)>
                    {choice(false, ChurnText::ByMonth, "churn-by-month")}
                    {choice(true, ChurnText::ByQuarter, "churn-by-quarter")}
                </div>
            </div>
            <p class="muted small">{move || i18n.t(ChurnText::RateHelp)}</p>
            {if empty {
                view! { <p class="muted" data-testid="churn-no-periods">{move || i18n.t(ChurnText::NoPeriods)}</p> }.into_any()
            } else {
                view! { <BarChart title=Signal::derive(move || i18n.t(ChurnText::RateTitle).to_string()) data=data height=300.0 testid="churn-rate-chart"/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn ReasonSection(churn: Arc<ChurnView>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let any = churn.reasons_all_time.iter().any(|r| r.count > 0);
    let reasons = churn.reasons.clone();
    let all_time = churn.reasons_all_time.clone();
    let data = BarData::single(
        reasons.iter().map(|r| i18n.t(labels::exit_reason(r.reason)).to_string()).collect(),
        i18n.t(ChurnText::Last12),
        reasons.iter().map(|r| r.exits as f64).collect(),
        ValueFormat::Count,
    )
    .with_series(
        i18n.t(ChurnText::AllTime),
        reasons
            .iter()
            .map(|r| all_time.iter().find(|a| a.reason == r.reason).map_or(0.0, |a| a.count as f64))
            .collect(),
    )
    .titles(i18n.t(ChurnText::Reason), i18n.t(ChurnText::Exits));
    let order: Vec<ExitReason> = reasons.iter().map(|r| r.reason).collect();
    let on_select = Callback::new(move |i: usize| {
        if let Some(r) = order.get(i) {
            navigate(&reason_href(*r), Default::default());
        }
    });
    view! {
        <section class="card" data-testid="churn-reasons">
            <h2>{move || i18n.t(ChurnText::ReasonsTitle)}</h2>
            <p class="muted small">{move || i18n.t(ChurnText::ReasonsHelp)}</p>
            {if any {
                view! { <BarChart title=i18n.t(ChurnText::ReasonsTitle).to_string() data=data on_select=on_select height=280.0 testid="churn-reasons-chart"/> }.into_any()
            } else {
                view! { <p class="muted" data-testid="churn-no-exits">{move || i18n.t(ChurnText::NoExits)}</p> }.into_any()
            }}
            <p><a href=exited_href() data-testid="churn-see-exited">{move || i18n.t(ChurnText::SeeExited)}</a></p>
        </section>
    }
}

#[component]
fn LossSection(churn: Arc<ChurnView>, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let reasons = churn.reasons.clone();
    let any = reasons.iter().any(|r| r.exits > 0);
    let data = BarData::single(
        reasons.iter().map(|r| i18n.t(labels::exit_reason(r.reason)).to_string()).collect(),
        i18n.t(ChurnText::LostProfitShort),
        reasons.iter().map(|r| r.lost_profit_one_year).collect(),
        ValueFormat::money(currency),
    )
    .with_series(i18n.t(ChurnText::LostLifetime), reasons.iter().map(|r| r.lost_lifetime_value).collect())
    .titles(i18n.t(ChurnText::Reason), i18n.t(ChurnText::LossAxis));
    let order: Vec<ExitReason> = reasons.iter().map(|r| r.reason).collect();
    let on_select = Callback::new(move |i: usize| {
        if let Some(r) = order.get(i) {
            navigate(&reason_href(*r), Default::default());
        }
    });
    view! {
        <section class="card" data-testid="churn-losses">
            <h2>{move || i18n.t(ChurnText::LossTitle)}</h2>
            <p class="muted small">{move || i18n.t(ChurnText::LossHelp)}</p>
            {if any {
                view! { <BarChart title=i18n.t(ChurnText::LossTitle).to_string() data=data on_select=on_select height=280.0 testid="churn-loss-chart"/> }.into_any()
            } else {
                view! { <p class="muted">{move || i18n.t(ChurnText::NoExits)}</p> }.into_any()
            }}
        </section>
    }
}

/// Exits and losses per reason over the last 12 months, with their totals.
#[component]
fn LossTable(churn: Arc<ChurnView>, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let reasons = churn.reasons.clone();
    let money = |v: f64| format::money_compact(v, &currency, locale);
    let rows = reasons
        .iter()
        .map(|r| {
            view! {
                <tr data-testid="loss-row">
                    <th scope="row"><a href=reason_href(r.reason)>{i18n.t(labels::exit_reason(r.reason))}</a></th>
                    <td class="num">{format::count(r.exits as u64, locale)}</td>
                    <td class="num">{format::percent(r.share, 0, locale)}</td>
                    <td class="num">{format::count(r.lost_customers as u64, locale)}</td>
                    <td class="num">{money(r.lost_revenue_one_year)}</td>
                    <td class="num" class:negative=r.lost_profit_one_year < 0.0>{money(r.lost_profit_one_year)}</td>
                    <td class="num">{money(r.lost_lifetime_value)}</td>
                </tr>
            }
        })
        .collect_view();
    let sum = |f: fn(&crate::analytics::workspace::churn_view::ReasonRow) -> f64| reasons.iter().map(f).sum::<f64>();
    let (exits, lost): (usize, usize) = (reasons.iter().map(|r| r.exits).sum(), reasons.iter().map(|r| r.lost_customers).sum());
    let (revenue, profit, lifetime) = (sum(|r| r.lost_revenue_one_year), sum(|r| r.lost_profit_one_year), sum(|r| r.lost_lifetime_value));
    view! {
        <section class="card" data-testid="churn-loss-table">
            <h2>{move || i18n.t(ChurnText::LossTableTitle)}</h2>
            <div class="table-scroll">
                <table class="data-table" data-testid="loss-table">
                    <thead><tr>
                        <th scope="col">{i18n.t(ChurnText::Reason)}</th>
                        <th scope="col" class="num">{i18n.t(ChurnText::Exits)}</th>
                        <th scope="col" class="num">{i18n.t(ChurnText::Share)}</th>
                        <th scope="col" class="num">{i18n.t(ChurnText::LostCustomersCol)}</th>
                        <th scope="col" class="num">{i18n.t(ChurnText::LostRevenueYear)}</th>
                        <th scope="col" class="num">{i18n.t(ChurnText::LostProfitShort)}</th>
                        <th scope="col" class="num">{i18n.t(ChurnText::LostLifetime)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr>
                        <th scope="row">{i18n.t(ChurnText::Total)}</th>
                        <td class="num" data-testid="loss-total-exits">{format::count(exits as u64, locale)}</td>
                        <td class="num">{if exits > 0 { format::percent(1.0, 0, locale) } else { "—".to_string() }}</td>
                        <td class="num">{format::count(lost as u64, locale)}</td>
                        <td class="num">{money(revenue)}</td>
                        <td class="num" class:negative=profit < 0.0>{money(profit)}</td>
                        <td class="num">{money(lifetime)}</td>
                    </tr></tfoot>
                </table>
            </div>
        </section>
    }
}

#[component]
fn AtRiskSection(analysis: Arc<WorkspaceAnalysis>, churn: Arc<ChurnView>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let currency = analysis.currency.clone();
    let money = |v: f64| format::money(v, &currency, 0, locale);
    let manager_of = |id: &Option<String>| -> Option<String> {
        let id = id.as_ref()?;
        Some(analysis.managers.iter().find(|(m, _)| m == id).map_or_else(|| id.clone(), |(_, name)| name.clone()))
    };
    let rows = churn
        .at_risk
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let manager = manager_of(&c.manager_id);
            let manager_cell = match (&c.manager_id, manager) {
                (Some(id), Some(name)) => view! { <a href=customers_href(&query(&[("manager", id.as_str()), ("status", "at_risk"), ("sort", "future_profit")]))>{name}</a> }.into_any(),
                _ => view! { <span class="muted">{i18n.t(ChurnText::NoManager)}</span> }.into_any(),
            };
            view! {
                <tr data-testid="at-risk-row">
                    <td class="num">{format::count(i as u64 + 1, locale)}</td>
                    <th scope="row"><a href=format!("/customers/{}", encode(&c.id)) data-testid="at-risk-customer">{c.name.clone()}</a></th>
                    <td class="col-manager">{manager_cell}</td>
                    <td><span class=format!("tier tier--{}", c.tier.as_str())>{i18n.t(labels::tier(c.tier))}</span></td>
                    <td class="num">{format::percent(c.p_alive, 0, locale)}</td>
                    <td class="num" class:negative=c.future_profit < 0.0>{money(c.future_profit)}</td>
                    <td class="num"><strong>{money(c.value_at_stake)}</strong></td>
                </tr>
            }
        })
        .collect_view();
    let shown = churn.at_risk.len();
    let summary = fill(
        i18n.t(ChurnText::AtRiskShown),
        &[
            ("shown", &format::count(shown as u64, locale)),
            ("count", &format::count(churn.at_risk_customers as u64, locale)),
            ("value", &format::money_compact(churn.at_risk_value, &currency, locale)),
        ],
    );
    let see_all = fill(i18n.t(ChurnText::SeeAllAtRisk), &[("count", &format::count(churn.at_risk_customers as u64, locale))]);
    view! {
        <section class="card" data-testid="at-risk">
            <div class="card__head">
                <h2>{move || i18n.t(ChurnText::AtRiskTitle)}</h2>
                {(shown > 0).then(|| view! { <a class="button button--quiet" href=at_risk_href() data-testid="at-risk-all">{see_all}</a> })}
            </div>
            <p class="muted small">{move || i18n.t(ChurnText::AtRiskHelp)}</p>
            {if shown == 0 {
                view! { <p class="muted" data-testid="no-at-risk">{move || i18n.t(ChurnText::NoAtRisk)}</p> }.into_any()
            } else {
                view! {
                    <p data-testid="at-risk-summary">{summary}</p>
                    <div class="table-scroll scroll-box">
                        <table class="data-table at-risk-table" data-testid="at-risk-table">
                            <thead><tr>
                                <th scope="col" class="num">{i18n.t(ChurnText::Rank)}</th>
                                <th scope="col">{i18n.t(ChurnText::Customer)}</th>
                                <th scope="col">{i18n.t(ChurnText::Manager)}</th>
                                <th scope="col">{i18n.t(ChurnText::Tier)}</th>
                                <th scope="col" class="num">{i18n.t(ChurnText::PAlive)}</th>
                                <th scope="col" class="num">{i18n.t(ChurnText::FutureProfit)}</th>
                                <th scope="col" class="num">{i18n.t(ChurnText::ValueAtStake)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
