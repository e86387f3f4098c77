//! The Managers page: relationship managers and their books (customers, revenue, profit,
//! lifetime value, who is at risk), adding and editing managers, and the contact plans
//! that are overdue — logging a contact moves the due date.

use crate::analytics::workspace::query::encode;
use crate::analytics::workspace::{CustomerRow, WorkspaceAnalysis};
use crate::components::{AnalysisView, DataArea, PageHeader};
use crate::domain::forms::{FieldError, ManagerForm, Problem};
use crate::domain::{Cadence, Manager, Tier};
use crate::i18n::{fill, format, labels, ManagerText, Msg};
use crate::state::{actions, use_i18n, use_workspace, DbStatus, WorkspaceState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The Managers page.
#[component]
pub fn ManagersPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavManagers intro=Msg::ManagersIntro/>
        <DataArea empty_detail=Msg::ManagersEmpty>
            <AnalysisView render=move |analysis| view! { <ManagersBody analysis=analysis/> }/>
        </DataArea>
    }
}

/// A manager's book in figures.
#[derive(Clone, Debug, Default, PartialEq)]
struct Book {
    customers: usize,
    revenue: i64,
    profit: i64,
    /// Σ lifetime value (future profit).
    lifetime_value: f64,
    at_risk: usize,
    overdue: usize,
}

fn book_of<'a>(rows: impl Iterator<Item = &'a CustomerRow>, today: chrono::NaiveDate) -> Book {
    let mut b = Book::default();
    for r in rows {
        b.customers += 1;
        if let Some(s) = &r.scores {
            b.revenue += s.revenue;
            b.profit += s.profit;
            b.lifetime_value += s.future_profit;
        }
        b.at_risk += usize::from(r.at_risk);
        b.overdue += usize::from(r.exit.is_none() && r.next_contact.is_some_and(|d| d < today));
    }
    b
}

#[component]
fn ManagersBody(analysis: Arc<WorkspaceAnalysis>) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let managers = LocalResource::new(move || {
        workspace.revision();
        let ready = matches!(workspace.status(), DbStatus::Ready { .. });
        async move {
            if ready {
                actions::managers(workspace).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let today = actions::today();
    let editing = RwSignal::new(None::<Manager>);
    let open_book = RwSignal::new(None::<String>);
    let data = StoredValue::new(analysis.clone());
    let currency = analysis.currency.clone();

    let manager_rows = {
        let currency = currency.clone();
        move |list: Vec<Manager>| {
            let locale = i18n.locale();
            if list.is_empty() {
                return view! { <p class="muted" data-testid="no-managers">{i18n.t(ManagerText::NoManagers)}</p> }.into_any();
            }
            let rows = list
                .into_iter()
                .map(|m| {
                    let book = data.with_value(|a| book_of(a.customers.iter().filter(|c| c.manager_id.as_deref() == Some(m.id.as_str())), today));
                    let money = |minor: i64| format::money_minor(minor, &currency, locale);
                    let id = m.id.clone();
                    let m2 = m.clone();
                    view! {
                        <tr data-testid="manager-row">
                            <th scope="row">
                                <span class="ctable__title">{m.name.clone()}</span>
                                <span class="ctable__subtitle">{m.email.clone().unwrap_or_default()}</span>
                            </th>
                            <td class="num" data-testid="book-customers">{format::count(book.customers as u64, locale)}</td>
                            <td class="num">{money(book.revenue)}</td>
                            <td class="num" class:negative=book.profit < 0>{money(book.profit)}</td>
                            <td class="num">{format::money(book.lifetime_value, &currency, 0, locale)}</td>
                            <td class="num">{(book.at_risk > 0).then(|| view! { <span class="badge badge--risk">{book.at_risk}</span> })}</td>
                            <td class="num">{(book.overdue > 0).then(|| view! { <span class="badge badge--risk">{book.overdue}</span> })}</td>
                            <td class="actions">
                                <button class="button button--quiet" data-testid="open-book" on:click=move |_| open_book.set(Some(id.clone()))>{i18n.t(ManagerText::OpenBook)}</button>
                                <button class="button button--quiet" data-testid="edit-manager" on:click=move |_| editing.set(Some(m2.clone()))>{i18n.t(ManagerText::Edit)}</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="data-table" data-testid="manager-table">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.t(ManagerText::Name)}</th>
                                <th scope="col" class="num">{i18n.t(ManagerText::Customers)}</th>
                                <th scope="col" class="num">{i18n.t(ManagerText::Revenue)}</th>
                                <th scope="col" class="num">{i18n.t(ManagerText::Profit)}</th>
                                <th scope="col" class="num">{i18n.t(ManagerText::Clv)}</th>
                                <th scope="col" class="num">{i18n.t(ManagerText::AtRisk)}</th>
                                <th scope="col" class="num">{i18n.t(ManagerText::Overdue)}</th>
                                <th scope="col"><span class="visually-hidden">{i18n.t(ManagerText::Edit)}</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    let manager_rows = StoredValue::new(manager_rows);

    view! {
        <div class="two-columns">
            <section class="card" data-testid="managers-card">
                <h2>{move || i18n.t(ManagerText::Managers)}</h2>
                <Transition fallback=move || view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }>
                    {move || managers.get().map(|r| match r {
                        Ok(list) => manager_rows.with_value(|f| f(list)),
                        Err(e) => view! { <p class="inline-error" role="alert">{e.message}</p> }.into_any(),
                    })}
                </Transition>
            </section>
            <ManagerFormCard workspace=workspace editing=editing/>
        </div>
        {move || open_book.get().map(|id| {
            let name = data.with_value(|a| a.managers.iter().find(|(m, _)| *m == id).map(|(_, n)| n.clone())).unwrap_or_else(|| id.clone());
            view! { <BookCard analysis=data.get_value() manager_id=id name=name on_close=move || open_book.set(None)/> }
        })}
        <OverdueCard analysis=analysis.clone() workspace=workspace/>
    }
}

#[component]
fn ManagerFormCard(workspace: WorkspaceState, editing: RwSignal<Option<Manager>>) -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(ManagerForm::default());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    Effect::new(move |_| {
        form.set(
            editing
                .get()
                .as_ref()
                .map(ManagerForm::from_manager)
                .unwrap_or_default(),
        );
        errors.set(Vec::new());
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = editing
            .get_untracked()
            .map(|m| m.id)
            .unwrap_or_else(|| actions::new_id("M"));
        match form.get_untracked().validate(&id) {
            Err(e) => errors.set(e),
            Ok(manager) => {
                errors.set(Vec::new());
                spawn_local(async move {
                    match actions::save_manager(workspace, manager).await {
                        Ok(()) => {
                            status.set(None);
                            editing.set(None);
                            form.set(ManagerForm::default());
                        }
                        Err(e) => status.set(Some(Err(e.message))),
                    }
                });
            }
        }
    };
    let error_of = move |field: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|x| x.field == field)
                    .map(|x| match &x.problem {
                        Problem::Email(v) => fill(i18n.t(ManagerText::ErrEmail), &[("value", v)]),
                        _ => i18n.t(ManagerText::ErrName).to_string(),
                    })
            })
        }
    };
    let input = move |label: ManagerText,
                      kind: &'static str,
                      testid: &'static str,
                      get: fn(&ManagerForm) -> String,
                      set: fn(&mut ManagerForm, String),
                      field: &'static str| {
        let err = error_of(field);
        view! {
            <label class="field" class:field--invalid=move || err().is_some()>
                <span class="field__label">{move || i18n.t(label)}</span>
                <input type=kind data-testid=testid prop:value=move || form.with(get) on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
                {move || err().map(|m| view! { <span class="field__error" role="alert">{m}</span> })}
            </label>
        }
    };
    view! {
        <form class="card form" on:submit=submit data-testid="manager-form" novalidate>
            <h2>{move || match editing.get() {
                Some(m) => fill(i18n.t(ManagerText::EditManager), &[("name", &m.name)]),
                None => i18n.t(ManagerText::AddManager).to_string(),
            }}</h2>
            {input(ManagerText::Name, "text", "manager-name", |f| f.name.clone(), |f, v| f.name = v, "name")}
            {input(ManagerText::Email, "email", "manager-email", |f| f.email.clone(), |f, v| f.email = v, "email")}
            {input(ManagerText::Phone, "tel", "manager-phone", |f| f.phone.clone(), |f, v| f.phone = v, "phone")}
            <label class="field">
                <span class="field__label">{move || i18n.t(ManagerText::Duties)}</span>
                <textarea rows="2" data-testid="manager-notes" prop:value=move || form.with(|f| f.notes.clone()) on:input=move |ev| form.update(|f| f.notes = event_target_value(&ev))></textarea>
            </label>
            <div class="form__actions">
                <button type="submit" class="button button--primary" data-testid="save-manager">{move || i18n.t(ManagerText::Save)}</button>
                {move || editing.get().is_some().then(|| view! {
                    <button type="button" class="button" on:click=move |_| editing.set(None)>{move || i18n.t(ManagerText::Cancel)}</button>
                })}
                {move || status.get().and_then(|s| s.err()).map(|t| view! { <span class="field__error" role="alert">{t}</span> })}
            </div>
        </form>
    }
}

fn customer_link(row: &CustomerRow) -> impl IntoView {
    view! { <a href=format!("/customers/{}", encode(&row.id))>{row.name.clone()}</a> }
}

#[component]
fn BookCard(
    analysis: Arc<WorkspaceAnalysis>,
    manager_id: String,
    name: String,
    on_close: impl Fn() + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let today = actions::today();
    let mut rows: Vec<&CustomerRow> = analysis
        .customers
        .iter()
        .filter(|c| c.manager_id.as_deref() == Some(manager_id.as_str()))
        .collect();
    rows.sort_by(|a, b| {
        let v = |r: &CustomerRow| r.scores.as_ref().map_or(f64::MIN, |s| s.future_profit);
        v(b).partial_cmp(&v(a)).unwrap_or(std::cmp::Ordering::Equal)
    });
    let empty = rows.is_empty();
    let currency = analysis.currency.clone();
    let body = rows
        .iter()
        .take(500)
        .map(|r| {
            let s = r.scores.as_ref();
            let overdue = r.exit.is_none() && r.next_contact.is_some_and(|d| d < today);
            view! {
                <tr data-testid="book-row" class:row--risk=r.at_risk>
                    <th scope="row">{customer_link(r)} {r.at_risk.then(|| view! { <span class="badge badge--risk">{i18n.t(ManagerText::AtRisk)}</span> })}</th>
                    <td>{s.map(|s| view! { <span class=format!("tier tier--{}", s.tier.as_str())>{i18n.t(labels::tier(s.tier))}</span> })}</td>
                    <td class="num">{s.map(|s| format::money_minor(s.revenue, &currency, locale))}</td>
                    <td class="num">{s.map(|s| format::money(s.future_profit, &currency, 0, locale))}</td>
                    <td class="num">{s.map(|s| format::percent(s.p_alive, 0, locale))}</td>
                    <td class:overdue=overdue>{r.next_contact.map(|d| format::date(d, locale))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card book-card" data-testid="book">
            <div class="card__head">
                <h2>{fill(i18n.t(ManagerText::BookOf), &[("name", &name)])}</h2>
                <a class="button button--quiet" href=format!("/customers?manager={}", encode(&manager_id))>{i18n.t(ManagerText::SeeAll)}</a>
                <button class="button button--quiet" on:click=move |_| on_close()>"×"</button>
            </div>
            {if empty {
                view! { <p class="muted">{fill(i18n.t(ManagerText::EmptyBook), &[("name", &name)])}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll scroll-box">
                        <table class="data-table">
                            <thead><tr>
                                <th scope="col">{i18n.t(ManagerText::Customer)}</th>
                                <th scope="col">{i18n.t(ManagerText::Tier)}</th>
                                <th scope="col" class="num">{i18n.t(ManagerText::Revenue)}</th>
                                <th scope="col" class="num">{i18n.t(ManagerText::Clv)}</th>
                                <th scope="col" class="num">{i18n.t(ManagerText::PAlive)}</th>
                                <th scope="col">{i18n.t(ManagerText::NextContact)}</th>
                            </tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn OverdueCard(analysis: Arc<WorkspaceAnalysis>, workspace: WorkspaceState) -> impl IntoView {
    let i18n = use_i18n();
    let today = actions::today();
    let locale = i18n.locale_untracked();
    let manager_name = |id: &Option<String>| -> Option<String> {
        id.as_ref().map(|id| {
            analysis
                .managers
                .iter()
                .find(|(m, _)| m == id)
                .map_or(id.clone(), |(_, n)| n.clone())
        })
    };
    let mut overdue: Vec<&CustomerRow> = analysis
        .customers
        .iter()
        .filter(|r| r.exit.is_none() && r.next_contact.is_some_and(|d| d < today))
        .collect();
    overdue.sort_by_key(|r| r.next_contact);
    let status = RwSignal::new(None::<String>);
    let log = move |id: String, tier: Option<Tier>| {
        let cadence = tier.map_or(Cadence::Monthly, Cadence::for_tier);
        spawn_local(async move {
            if let Err(e) = actions::log_contact(workspace, id, cadence).await {
                status.set(Some(e.message));
            }
        });
    };
    // Managed customers without a plan: offer to create plans by tier.
    let planless: Vec<(String, Tier)> = analysis
        .customers
        .iter()
        .filter(|r| r.manager_id.is_some() && r.next_contact.is_none() && r.exit.is_none())
        .filter_map(|r| r.scores.as_ref().map(|s| (r.id.clone(), s.tier)))
        .filter(|(_, t)| Cadence::for_tier(*t) != Cadence::NoPlan)
        .collect();
    let planless_count = planless.len();
    let planless = StoredValue::new(planless);
    let created = RwSignal::new(None::<usize>);
    let create = move |_| {
        let list = planless.get_value();
        spawn_local(async move {
            match actions::create_plans(workspace, list).await {
                Ok(n) => created.set(Some(n)),
                Err(e) => status.set(Some(e.message)),
            }
        });
    };
    let body = overdue
        .iter()
        .take(300)
        .map(|r| {
            let id = r.id.clone();
            let tier = r.scores.as_ref().map(|s| s.tier);
            view! {
                <tr data-testid="overdue-row">
                    <th scope="row">{customer_link(r)}</th>
                    <td>{manager_name(&r.manager_id).unwrap_or_else(|| i18n.t(ManagerText::Unassigned).to_string())}</td>
                    <td>{tier.map(|t| view! { <span class=format!("tier tier--{}", t.as_str())>{i18n.t(labels::tier(t))}</span> })}</td>
                    <td class="overdue">{r.next_contact.map(|d| fill(i18n.t(ManagerText::DueSince), &[("date", &format::date(d, locale))]))}</td>
                    <td><button class="button button--quiet" data-testid="log-contact" on:click=move |_| log(id.clone(), tier)>{i18n.t(ManagerText::LogContact)}</button></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" data-testid="overdue">
            <h2>{i18n.t(ManagerText::OverdueContacts)} " " <span class="muted">{format::count(overdue.len() as u64, locale)}</span></h2>
            {(planless_count > 0 && created.get_untracked().is_none()).then(|| view! {
                <p><button class="button" data-testid="create-plans" on:click=create>
                    {fill(i18n.t(ManagerText::CreatePlans), &[("count", &format::count(planless_count as u64, locale))])}
                </button></p>
            })}
            {move || created.get().map(|n| view! { <p class="status status--ok" role="status">{fill(i18n.t(ManagerText::PlansCreated), &[("count", &n.to_string())])}</p> })}
            {move || status.get().map(|t| view! { <p class="inline-error" role="alert">{t}</p> })}
            {if overdue.is_empty() {
                view! { <p class="muted" data-testid="no-overdue">{i18n.t(ManagerText::NoOverdue)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll scroll-box">
                        <table class="data-table">
                            <thead><tr>
                                <th scope="col">{i18n.t(ManagerText::Customer)}</th>
                                <th scope="col">{i18n.t(ManagerText::Manager)}</th>
                                <th scope="col">{i18n.t(ManagerText::Tier)}</th>
                                <th scope="col">{i18n.t(ManagerText::Due)}</th>
                                <th scope="col"><span class="visually-hidden">{i18n.t(ManagerText::LogContact)}</span></th>
                            </tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
