//! The Customers page: every customer with their value, tier, quadrants and manager; a
//! virtualised table that stays smooth at 100,000 rows, search, filters kept in the URL
//! (so a view can be bookmarked and charts can link to it), sorting, and bulk assignment
//! of a relationship manager to the filtered customers.

use crate::analytics::workspace::query::{self, CustomerQuery, SortKey};
use crate::analytics::workspace::{CustomerRow, WorkspaceAnalysis};
use crate::components::download::offer_bytes;
use crate::components::{AnalysisView, DataArea, PageHeader, VirtualRows};
use crate::domain::{CurrentQuadrant, ExitReason, FutureQuadrant, RfmSegment, Tier};
use crate::i18n::{fill, format, labels, BackupText, CustomerText, Msg};
use crate::state::{actions, backup, use_i18n, use_workspace, I18n};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;

const ROW_HEIGHT: f64 = 52.0;
const QUERY_KEYS: [&str; 12] = [
    "q", "segment", "tier", "previous_tier", "current", "future", "rfm", "manager", "status", "reason",
    "sort", "dir",
];

/// The Customers page.
#[component]
pub fn CustomersPage() -> impl IntoView {
    // Page state that outlives a recomputed analysis (which redraws the table).
    let bulk = BulkState {
        manager: RwSignal::new(String::new()),
        message: RwSignal::new(None),
        busy: RwSignal::new(false),
        export: RwSignal::new(None),
    };
    view! {
        <PageHeader title=Msg::NavCustomers intro=Msg::CustomersIntro/>
        <DataArea>
            <AnalysisView render=move |analysis| view! { <CustomerTable analysis=analysis bulk=bulk/> }/>
        </DataArea>
    }
}

/// The bulk assignment's choice and outcome.
#[derive(Clone, Copy)]
struct BulkState {
    manager: RwSignal<String>,
    message: RwSignal<Option<Result<String, String>>>,
    busy: RwSignal<bool>,
    /// The outcome of the last export.
    export: RwSignal<Option<Result<String, String>>>,
}

/// The query in the URL.
fn use_customer_query() -> Memo<CustomerQuery> {
    let params = use_query_map();
    Memo::new(move |_| {
        params.with(|p| {
            let pairs: Vec<(&str, String)> = QUERY_KEYS
                .iter()
                .filter_map(|k| p.get(k).map(|v| (*k, v)))
                .collect();
            CustomerQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        })
    })
}

#[component]
fn CustomerTable(analysis: Arc<WorkspaceAnalysis>, bulk: BulkState) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_customer_query();
    let navigate = use_navigate();
    let set_query = move |q: CustomerQuery| {
        navigate(
            &format!("/customers{}", q.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let set_query = StoredValue::new(set_query);
    let update = move |f: &dyn Fn(&mut CustomerQuery)| {
        let mut q = query.get_untracked();
        f(&mut q);
        set_query.with_value(|s| s(q));
    };

    let data = StoredValue::new(analysis.clone());
    let selection = Memo::new(move |_| {
        let q = query.get();
        data.with_value(|a| query::select(&a.customers, &q))
    });
    let total = analysis.customers.len();
    let currency = analysis.currency.clone();

    // A handful of segments among 100,000 customers: a set of borrowed names, not a
    // sorted copy of every customer's.
    let segments: Vec<String> = analysis
        .customers
        .iter()
        .filter_map(|c| c.segment.as_deref())
        .collect::<std::collections::BTreeSet<&str>>()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let managers = analysis.managers.clone();
    let manager_name = {
        let managers = managers.clone();
        move |id: &str| {
            managers
                .iter()
                .find(|(m, _)| m == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| id.to_string())
        }
    };

    let search_value = move || query.with(|q| q.search.clone());
    let select_value = move |key: &'static str| {
        move || {
            query.with(|q| {
                q.to_pairs()
                    .into_iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v)
                    .unwrap_or_default()
            })
        }
    };

    let on_filter = move |key: &'static str| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            update(&|q: &mut CustomerQuery| {
                let mut pairs = q.to_pairs();
                pairs.retain(|(k, _)| *k != key);
                if !value.is_empty() {
                    pairs.push((key, value.clone()));
                }
                *q = CustomerQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
            });
        }
    };

    let option_list = |items: Vec<(String, String)>| {
        items
            .into_iter()
            .map(|(value, label)| view! { <option value=value>{label}</option> })
            .collect_view()
    };
    let any = move || i18n.t(CustomerText::Any);

    let sort_header = move |key: SortKey, label: CustomerText, class: &'static str| {
        let aria = move || {
            query.with(|q| match (q.sort == key, q.descending) {
                (false, _) => "none",
                (true, true) => "descending",
                (true, false) => "ascending",
            })
        };
        view! {
            <div class=format!("ctable__cell ctable__head {class}") role="columnheader" aria-sort=aria>
                <button
                    class="sort-button"
                    title=move || fill(i18n.t(CustomerText::SortBy), &[("column", i18n.t(label))])
                    on:click=move |_| update(&|q: &mut CustomerQuery| {
                        if q.sort == key {
                            q.descending = !q.descending;
                        } else {
                            q.sort = key;
                            q.descending = key.default_descending();
                        }
                    })
                >
                    {move || i18n.t(label)}
                    <span class="sort-button__arrow" aria-hidden="true">
                        {move || query.with(|q| if q.sort != key { "" } else if q.descending { "▼" } else { "▲" })}
                    </span>
                </button>
            </div>
        }
    };

    let row_view = {
        let currency = currency.clone();
        let manager_name = manager_name.clone();
        move |i: usize| {
            let index = selection.with(|s| s.get(i).copied());
            let Some(index) = index else {
                return view! { <div></div> }.into_any();
            };
            let row = data.with_value(|a| a.customers[index as usize].clone());
            customer_row(i18n, &row, &currency, &manager_name)
        }
    };
    let row_view = StoredValue::new(row_view);

    // Bulk assignment of a manager to the filtered customers.
    let workspace = use_workspace();
    let (bulk_manager, bulk_message, busy) = (bulk.manager, bulk.message, bulk.busy);
    let assign = {
        let manager_name = manager_name.clone();
        move |_| {
            let ids: Vec<String> = selection.with_untracked(|s| {
                data.with_value(|a| {
                    s.iter()
                        .map(|&i| a.customers[i as usize].id.clone())
                        .collect()
                })
            });
            let manager = bulk_manager.get_untracked();
            let manager = (!manager.is_empty()).then_some(manager);
            let name = manager.as_deref().map(&manager_name);
            busy.set(true);
            leptos::task::spawn_local(async move {
                let result = actions::assign_manager(workspace, ids, manager).await;
                busy.set(false);
                bulk_message.set(Some(match result {
                    Ok(count) => Ok(match &name {
                        Some(name) => fill(
                            i18n.t(CustomerText::Assigned),
                            &[
                                ("count", &format::count(count as u64, i18n.locale())),
                                ("manager", name),
                            ],
                        ),
                        None => fill(
                            i18n.t(CustomerText::Unassigned),
                            &[("count", &format::count(count as u64, i18n.locale()))],
                        ),
                    }),
                    Err(err) => Err(err.message),
                }));
            });
        }
    };

    // Exports of the customers in view, in the order shown.
    let export_message = bulk.export;
    let export_scores = move |_| {
        let (file, shown) = selection.with_untracked(|s| {
            data.with_value(|a| (backup::scores_file(&a.customers, s), s.len()))
        });
        export_message.set(Some(offer_file(i18n, &file, "text/csv;charset=utf-8").map(|done| {
            let unscored = shown.saturating_sub(file.rows);
            if unscored == 0 {
                done
            } else {
                let note = fill(
                    i18n.t(BackupText::Unscored),
                    &[("count", &format::count(unscored as u64, i18n.locale_untracked()))],
                );
                format!("{done} {note}")
            }
        })));
    };
    let export_customers = move |_| {
        let rows: Vec<CustomerRow> = selection.with_untracked(|s| {
            data.with_value(|a| s.iter().map(|&i| a.customers[i as usize].clone()).collect())
        });
        leptos::task::spawn_local(async move {
            let outcome = match backup::customers_file(workspace, rows).await {
                Ok(file) => offer_file(i18n, &file, "text/csv;charset=utf-8"),
                Err(e) => Err(e.message),
            };
            export_message.set(Some(outcome));
        });
    };

    view! {
        <div class="filters" role="search" data-testid="customer-filters">
            <input
                type="search"
                class="filters__search"
                data-testid="customer-search"
                placeholder=move || i18n.t(CustomerText::Search)
                aria-label=move || i18n.t(CustomerText::Search)
                prop:value=search_value
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    update(&|q: &mut CustomerQuery| q.search = value.clone());
                }
            />
            <label class="filter">
                <span>{move || i18n.t(CustomerText::Segment)}</span>
                <select data-testid="filter-segment" on:change=on_filter("segment") prop:value=select_value("segment")>
                    <option value="">{any}</option>
                    {option_list(segments.iter().map(|s| (s.clone(), s.clone())).collect())}
                </select>
            </label>
            <label class="filter">
                <span>{move || i18n.t(CustomerText::Tier)}</span>
                <select data-testid="filter-tier" on:change=on_filter("tier") prop:value=select_value("tier")>
                    <option value="">{any}</option>
                    {move || option_list(Tier::ALL.iter().map(|t| (t.as_str().to_string(), i18n.t(labels::tier(*t)).to_string())).collect())}
                </select>
            </label>
            <label class="filter">
                <span>{move || i18n.t(CustomerText::PreviousTier)}</span>
                <select data-testid="filter-previous-tier" on:change=on_filter("previous_tier") prop:value=select_value("previous_tier")>
                    <option value="">{any}</option>
                    {move || option_list(Tier::ALL.iter().map(|t| (t.as_str().to_string(), i18n.t(labels::tier(*t)).to_string())).collect())}
                </select>
            </label>
            <label class="filter">
                <span>{move || i18n.t(CustomerText::CurrentQuadrant)}</span>
                <select data-testid="filter-current" on:change=on_filter("current") prop:value=select_value("current")>
                    <option value="">{any}</option>
                    {move || option_list(CurrentQuadrant::ALL.iter().map(|q| (q.as_str().to_string(), i18n.t(labels::current_quadrant(*q)).to_string())).collect())}
                </select>
            </label>
            <label class="filter">
                <span>{move || i18n.t(CustomerText::FutureQuadrant)}</span>
                <select data-testid="filter-future" on:change=on_filter("future") prop:value=select_value("future")>
                    <option value="">{any}</option>
                    {move || option_list(FutureQuadrant::ALL.iter().map(|q| (q.as_str().to_string(), i18n.t(labels::future_quadrant(*q)).to_string())).collect())}
                </select>
            </label>
            <label class="filter">
                <span>{move || i18n.t(CustomerText::RfmSegment)}</span>
                <select data-testid="filter-rfm" on:change=on_filter("rfm") prop:value=select_value("rfm")>
                    <option value="">{any}</option>
                    {move || option_list(RfmSegment::ALL.iter().map(|s| (s.as_str().to_string(), i18n.t(labels::rfm_segment(*s)).to_string())).collect())}
                </select>
            </label>
            <label class="filter">
                <span>{move || i18n.t(CustomerText::Manager)}</span>
                <select data-testid="filter-manager" on:change=on_filter("manager") prop:value=select_value("manager")>
                    <option value="">{any}</option>
                    <option value="none">{move || i18n.t(CustomerText::NoManager)}</option>
                    {option_list(managers.clone())}
                </select>
            </label>
            <label class="filter">
                <span>{move || i18n.t(CustomerText::Status)}</span>
                <select data-testid="filter-status" on:change=on_filter("status") prop:value=select_value("status")>
                    <option value="">{any}</option>
                    <option value="active">{move || i18n.t(CustomerText::StatusActive)}</option>
                    <option value="at_risk">{move || i18n.t(CustomerText::StatusAtRisk)}</option>
                    <option value="exited">{move || i18n.t(CustomerText::StatusExited)}</option>
                </select>
            </label>
            <label class="filter">
                <span>{move || i18n.t(CustomerText::ExitReason)}</span>
                <select data-testid="filter-reason" on:change=on_filter("reason") prop:value=select_value("reason")>
                    <option value="">{any}</option>
                    {move || option_list(ExitReason::ALL.iter().map(|r| (r.as_str().to_string(), i18n.t(labels::exit_reason(*r)).to_string())).collect())}
                </select>
            </label>
            <button class="button button--quiet" on:click=move |_| set_query.with_value(|s| s(CustomerQuery { sort: query.get_untracked().sort, descending: query.get_untracked().descending, ..CustomerQuery::from_pairs([]) }))>
                {move || i18n.t(CustomerText::ClearFilters)}
            </button>
        </div>

        <div class="table-toolbar">
            <p class="table-toolbar__count" data-testid="customer-count" aria-live="polite">
                {move || fill(i18n.t(CustomerText::Shown), &[
                    ("shown", &format::count(selection.with(|s| s.len()) as u64, i18n.locale())),
                    ("total", &format::count(total as u64, i18n.locale())),
                ])}
            </p>
            <a class="button" href="/customers/new" data-testid="new-customer">{move || i18n.t(Msg::AddACustomer)}</a>
            <div class="bulk-assign">
                <label class="visually-hidden" for="bulk-manager">
                    {move || fill(i18n.t(CustomerText::BulkAssign), &[("count", &selection.with(|s| s.len()).to_string())])}
                </label>
                <select id="bulk-manager" data-testid="bulk-manager" prop:value=move || bulk_manager.get() on:change=move |ev| bulk_manager.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t(CustomerText::RemoveManager)}</option>
                    {option_list(analysis.managers.clone())}
                </select>
                <button
                    class="button"
                    data-testid="bulk-assign"
                    disabled=move || busy.get() || selection.with(|s| s.is_empty())
                    title=move || fill(i18n.t(CustomerText::BulkAssign), &[("count", &selection.with(|s| s.len()).to_string())])
                    on:click=assign
                >
                    {move || i18n.t(CustomerText::Assign)}
                </button>
            </div>
        </div>
        {move || bulk_message.get().map(|m| match m {
            Ok(text) => view! { <p class="status status--ok" role="status" data-testid="bulk-result">{text}</p> }.into_any(),
            Err(text) => view! { <p class="inline-error" role="alert" data-testid="bulk-result">{text}</p> }.into_any(),
        })}
        <details class="export-bar" data-testid="export">
            <summary>{move || i18n.t(BackupText::Export)}</summary>
            <div class="export-bar__body">
                <span>{move || fill(i18n.t(BackupText::ExportCount), &[("count", &format::count(selection.with(|s| s.len()) as u64, i18n.locale()))])}</span>
                <button class="button" data-testid="export-scores" title=move || i18n.t(BackupText::ExportScoresHelp)
                    disabled=move || selection.with(|s| s.is_empty()) on:click=export_scores>
                    {move || i18n.t(BackupText::ExportScores)}
                </button>
                <button class="button" data-testid="export-customers"
                    disabled=move || selection.with(|s| s.is_empty()) on:click=export_customers>
                    {move || i18n.t(BackupText::ExportCustomers)}
                </button>
            </div>
            {move || export_message.get().map(|m| match m {
                Ok(text) => view! { <p class="status status--ok" role="status" data-testid="export-result">{text}</p> }.into_any(),
                Err(text) => view! { <p class="inline-error" role="alert" data-testid="export-result">{text}</p> }.into_any(),
            })}
        </details>

        <div class="ctable" role="table" aria-rowcount=move || selection.with(|s| s.len() + 1) data-testid="customer-table">
            <div class="ctable__row ctable__row--head" role="row">
                {sort_header(SortKey::Name, CustomerText::Customer, "ctable__name")}
                <div class="ctable__cell ctable__head col-segment" role="columnheader">{move || i18n.t(CustomerText::Segment)}</div>
                {sort_header(SortKey::Tier, CustomerText::Tier, "col-tier")}
                <div class="ctable__cell ctable__head col-quadrant" role="columnheader">{move || i18n.t(CustomerText::CurrentQuadrant)}</div>
                <div class="ctable__cell ctable__head col-quadrant" role="columnheader">{move || i18n.t(CustomerText::FutureQuadrant)}</div>
                {sort_header(SortKey::Revenue, CustomerText::Revenue, "num col-money")}
                {sort_header(SortKey::Profit, CustomerText::Profit, "num col-money")}
                {sort_header(SortKey::FutureProfit, CustomerText::Clv, "num col-money")}
                {sort_header(SortKey::PAlive, CustomerText::PAlive, "num col-palive")}
                <div class="ctable__cell ctable__head col-manager" role="columnheader">{move || i18n.t(CustomerText::Manager)}</div>
            </div>
            {move || selection.with(|s| s.is_empty()).then(|| view! {
                <p class="ctable__empty" data-testid="no-match">{move || i18n.t(CustomerText::NoMatch)}</p>
            })}
            <VirtualRows
                count=Signal::derive(move || selection.with(|s| s.len()))
                row_height=ROW_HEIGHT
                label=Signal::derive(move || i18n.t(Msg::NavCustomers).to_string())
                render=move |i| row_view.with_value(|r| r(i))
            />
        </div>
    }
}

/// Offers an export file and says what was saved.
fn offer_file(i18n: I18n, file: &backup::OutFile, mime: &str) -> Result<String, String> {
    offer_bytes(&file.bytes, mime, &file.name)?;
    Ok(fill(
        i18n.t(BackupText::ExportDone),
        &[
            ("file", &file.name),
            ("rows", &format::count(file.rows as u64, i18n.locale_untracked())),
        ],
    ))
}

fn customer_row(
    i18n: I18n,
    row: &CustomerRow,
    currency: &str,
    manager_name: &impl Fn(&str) -> String,
) -> AnyView {
    let locale = i18n.locale_untracked();
    let href = format!("/customers/{}", query::encode(&row.id));
    let subtitle = row
        .company
        .clone()
        .or_else(|| row.email.clone())
        .unwrap_or_default();
    // Whole currency units: the list compares customers; the profile has the cents.
    let money = |minor: i64| format::money(minor as f64 / 100.0, currency, 0, locale);
    let money_f = |v: f64| format::money(v, currency, 0, locale);
    let s = row.scores.as_ref();
    let status = match (&row.exit, row.at_risk) {
        (Some((date, _)), _) => Some((
            "badge badge--exited",
            fill(
                i18n.t(CustomerText::ExitedOn),
                &[("date", &format::date(*date, locale))],
            ),
        )),
        (None, true) => Some((
            "badge badge--risk",
            i18n.t(CustomerText::StatusAtRisk).to_string(),
        )),
        _ => None,
    };
    view! {
        <a class="ctable__row" role="row" href=href data-testid="customer-row">
            <div class="ctable__cell ctable__name" role="cell">
                <span class="ctable__title">{row.name.clone()}</span>
                <span class="ctable__subtitle">
                    {status.map(|(class, text)| view! { <span class=class>{text}</span> })}
                    {subtitle}
                </span>
            </div>
            <div class="ctable__cell col-segment" role="cell">{row.segment.clone().unwrap_or_default()}</div>
            <div class="ctable__cell col-tier" role="cell">
                {s.map(|s| view! { <span class=format!("tier tier--{}", s.tier.as_str())>{i18n.t(labels::tier(s.tier))}</span> })}
            </div>
            <div class="ctable__cell col-quadrant" role="cell">{s.map(|s| i18n.t(labels::current_quadrant(s.current_quadrant)))}</div>
            <div class="ctable__cell col-quadrant" role="cell">{s.map(|s| i18n.t(labels::future_quadrant(s.future_quadrant)))}</div>
            <div class="ctable__cell num col-money" role="cell">{s.map(|s| money(s.revenue))}</div>
            <div class="ctable__cell num col-money" role="cell" class:negative=s.is_some_and(|s| s.profit < 0)>{s.map(|s| money(s.profit))}</div>
            <div class="ctable__cell num col-money" role="cell" class:negative=s.is_some_and(|s| s.future_profit < 0.0)>{s.map(|s| money_f(s.future_profit))}</div>
            <div class="ctable__cell num col-palive" role="cell">{s.map(|s| format::percent(s.p_alive, 0, locale))}</div>
            <div class="ctable__cell col-manager" role="cell">{row.manager_id.as_deref().map(manager_name)}</div>
        </a>
    }
    .into_any()
}
