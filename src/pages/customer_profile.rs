//! A customer's profile: the value card from the engine, the contact plan, the general
//! information as an editable form with a message per field, the timeline of orders,
//! returns, interactions, campaign responses and exits, and the actions on them.

use crate::analytics::workspace::{CustomerRow, WorkspaceAnalysis};
use crate::domain::forms::{CustomerForm, ExitForm, FieldError, Problem};
use crate::domain::{
    Cadence, ContactPlan, Customer, ExitReason, InteractionKind, RelationshipLevel, TransactionKind,
};
use crate::i18n::{fill, format, labels, Msg, ProfileText};
use crate::state::actions::{self, CustomerDetail};
use crate::state::{use_analysis, use_i18n, use_workspace, DbStatus, I18n, WorkspaceState};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::sync::Arc;

/// The profile page at `/customers/:id`.
#[component]
pub fn CustomerProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        let raw = params.with(|p| p.get("id").unwrap_or_default());
        js_sys::decode_uri_component(&raw)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or(raw)
    });
    let workspace = use_workspace();
    let detail = LocalResource::new(move || {
        workspace.revision();
        let ready = matches!(workspace.status(), DbStatus::Ready { .. });
        let id = id.get();
        async move {
            if !ready {
                return Ok(None);
            }
            actions::customer_detail(workspace, id).await.map(Some)
        }
    });
    // The latest detail, kept while a new one loads so that the forms (and their
    // messages) stay in place when the data changes; the page only switches between
    // loading, missing, error and found.
    let latest = RwSignal::new(None::<CustomerDetail>);
    let state = Memo::new(move |_| match detail.get() {
        None => latest.with(|l| {
            if l.is_some() {
                PageState::Found
            } else {
                PageState::Loading
            }
        }),
        Some(Err(err)) => PageState::Error(err.message),
        Some(Ok(None)) => PageState::Loading,
        Some(Ok(Some(d))) if !d.exists() => PageState::Missing,
        Some(Ok(Some(_))) => PageState::Found,
    });
    Effect::new(move |_| {
        if let Some(Ok(Some(d))) = detail.get() {
            if d.exists() {
                latest.set(Some(d));
            }
        }
    });
    view! {
        <nav class="breadcrumb"><a href="/customers">{move || i18n.t(ProfileText::BackToCustomers)}</a></nav>
        {move || match state.get() {
            PageState::Loading => view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
            PageState::Error(message) => view! { <p class="inline-error" role="alert">{message}</p> }.into_any(),
            PageState::Missing => {
                let id = id.get_untracked();
                view! {
                    <h1 data-testid="page-title">{move || i18n.t(Msg::NotFoundTitle)}</h1>
                    <p class="inline-error" data-testid="profile-missing">{move || fill(i18n.t(ProfileText::NotFound), &[("id", &id)])}</p>
                }.into_any()
            }
            PageState::Found => match latest.get_untracked() {
                Some(d) => view! { <Profile id=id.get_untracked() first=d detail=latest/> }.into_any(),
                None => view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
            },
        }}
    }
}

#[derive(Clone, Debug, PartialEq)]
enum PageState {
    Loading,
    Missing,
    Error(String),
    Found,
}

/// The page at `/customers/new`: a new customer's general information.
#[component]
pub fn NewCustomerPage() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let managers = LocalResource::new(move || {
        let ready = matches!(workspace.status(), DbStatus::Ready { .. });
        async move {
            if ready {
                actions::managers(workspace).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    // One id for this page, so that a refreshed manager list does not change it.
    let new_id = actions::new_id("C");
    Effect::new(move |_| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!(
                "{} · {}",
                i18n.t(ProfileText::NewCustomer),
                i18n.t(Msg::AppName)
            ));
        }
    });
    view! {
        <nav class="breadcrumb"><a href="/customers">{move || i18n.t(ProfileText::BackToCustomers)}</a></nav>
        <header class="page-header"><h1 data-testid="page-title">{move || i18n.t(ProfileText::NewCustomer)}</h1></header>
        <div class="narrow">
            <Transition fallback=move || view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }>
                {move || managers.get().map(|r| match r {
                    Err(e) => view! { <p class="inline-error" role="alert">{e.message}</p> }.into_any(),
                    Ok(None) => view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
                    Ok(Some(list)) => {
                        let list: Vec<(String, String)> = list.into_iter().map(|m| (m.id, m.name)).collect();
                        view! { <GeneralForm workspace=workspace id=new_id.clone() customer=None managers=list is_new=true/> }.into_any()
                    }
                })}
            </Transition>
        </div>
    }
}

fn problem_text(i18n: I18n, problem: &Problem) -> String {
    match problem {
        Problem::Required => i18n.t(ProfileText::ErrName).to_string(),
        Problem::Email(v) => fill(i18n.t(ProfileText::ErrEmail), &[("value", v)]),
        Problem::Phone(_) => i18n.t(ProfileText::ErrPhone).to_string(),
        Problem::Date(v) => fill(i18n.t(ProfileText::ErrDate), &[("value", v)]),
        Problem::FutureDate(v) => fill(i18n.t(ProfileText::ErrFutureDate), &[("value", v)]),
        Problem::Amount(v) => fill(i18n.t(ProfileText::ErrCost), &[("value", v)]),
        // Not produced by the profile's forms.
        Problem::EndBeforeStart | Problem::Target => String::new(),
    }
}

/// The message for `field`, if it has a problem.
fn field_message(
    i18n: I18n,
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy {
    move || {
        errors.with(|e| {
            e.iter()
                .find(|x| x.field == field)
                .map(|x| problem_text(i18n, &x.problem))
        })
    }
}

#[component]
fn Profile(
    id: String,
    first: CustomerDetail,
    detail: RwSignal<Option<CustomerDetail>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let analysis = use_analysis();
    let workspace = use_workspace();
    let id = StoredValue::new(id);
    let row = Memo::new(move |_| {
        analysis
            .current()
            .and_then(|a| id.with_value(|id| a.customers.iter().find(|c| &c.id == id).cloned()))
    });
    let detail_now = Signal::derive(move || detail.get().unwrap_or_else(|| first.clone()));
    let detail = detail_now.get_untracked();
    let name = detail
        .customer
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_else(|| id.get_value());
    Effect::new({
        let name = name.clone();
        move |_| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                doc.set_title(&format!("{name} · {}", i18n.t(Msg::AppName)));
            }
        }
    });

    view! {
        <header class="page-header profile-header">
            <h1 data-testid="page-title">{name.clone()}</h1>
            <p class="page-intro">
                {detail.customer.as_ref().and_then(|c| c.company.clone())}
                {move || row.get().and_then(|r| r.scores.map(|s| view! {
                    <span class=format!("tier tier--{}", s.tier.as_str())>{i18n.t(labels::tier(s.tier))}</span>
                }))}
            </p>
        </header>
        <div class="profile-grid">
            <div class="profile-main">
                <ValueCard row=row analysis=Signal::derive(move || analysis.current())/>
                {move || {
                    let latest_exit = detail_now.with(|d| d.exits.first().cloned());
                    view! { <ExitSection workspace=workspace latest=latest_exit customer_id=id.get_value()/> }
                }}
                <Timeline detail=detail_now/>
            </div>
            <div class="profile-side">
                <ContactPlanCard workspace=workspace customer_id=id.get_value() plan=Signal::derive(move || detail_now.with(|d| d.plan.clone())) row=row/>
                <InteractionForm workspace=workspace customer_id=id.get_value() plan=Signal::derive(move || detail_now.with(|d| d.plan.clone()))/>
                <GeneralForm workspace=workspace id=id.get_value() customer=detail.customer.clone() managers=detail.managers.iter().map(|m| (m.id.clone(), m.name.clone())).collect()/>
                <DeleteCustomer workspace=workspace id=id.get_value() name=name/>
            </div>
        </div>
    }
}

#[component]
fn ValueCard(
    row: Memo<Option<CustomerRow>>,
    analysis: Signal<Option<Arc<WorkspaceAnalysis>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.locale();
        let currency = analysis
            .with(|a| a.as_ref().map(|a| a.currency.clone()))
            .unwrap_or_else(|| "USD".into());
        let Some(s) = row.get().and_then(|r| r.scores) else {
            return view! {
                <section class="card value-card" data-testid="value-card">
                    <h2>{i18n.t(ProfileText::Value)}</h2>
                    <p class="muted">{i18n.t(ProfileText::NotScoredYet)}</p>
                </section>
            }
            .into_any();
        };
        let money = |minor: i64| format::money_minor(minor, &currency, locale);
        let money_f = |v: f64| format::money(v, &currency, 2, locale);
        let months = analysis.with(|a| a.as_ref().map_or(12, |a| a.horizon_months));
        let historic = s.profit as f64 / 100.0;
        // An exited customer has no next purchase; one below the at-risk threshold has
        // probably lapsed.
        let (gone, lapsed) = row.with(|r| r.as_ref().map_or((false, false), |r| (r.exit.is_some() && s.p_alive == 0.0, r.at_risk)));
        // The engine's expected next order (through the chosen model), as days from the
        // analysis date.
        let as_of = analysis.with(|a| a.as_ref().and_then(|a| a.as_of));
        let next = s.expected_next_order.zip(as_of).map(|(next, as_of)| (next, (next - as_of).num_days()));
        let fact = |label: String, value: String, testid: &'static str| {
            view! {
                <div class="fact"><dt>{label}</dt><dd data-testid=testid>{value}</dd></div>
            }
        };
        view! {
            <section class="card value-card" data-testid="value-card">
                <h2>{i18n.t(ProfileText::Value)}</h2>
                <dl class="fact-grid">
                    {fact(i18n.t(ProfileText::Revenue).into(), money(s.revenue), "value-revenue")}
                    {fact(i18n.t(ProfileText::GrossMargin).into(), money(s.gross_margin), "value-margin")}
                    {fact(i18n.t(ProfileText::CostToServe).into(), money(s.cost_to_serve), "value-cost")}
                    {fact(i18n.t(ProfileText::HistoricValue).into(), money_f(historic), "value-historic")}
                    {fact(fill(i18n.t(ProfileText::PredictedValue), &[("months", &months.to_string())]), money_f(s.future_profit), "value-predicted")}
                    {fact(i18n.t(ProfileText::TotalValue).into(), money_f(historic + s.future_profit), "value-total")}
                    {fact(fill(i18n.t(ProfileText::Clv), &[("months", &months.to_string())]), money_f(s.clv), "value-clv")}
                    {fact(i18n.t(ProfileText::PAlive).into(), format::percent(s.p_alive, 0, locale), "value-palive")}
                    {fact(
                        fill(i18n.t(ProfileText::ExpectedPurchases), &[("months", &months.to_string())]),
                        format::number(s.expected_purchases, 2, locale),
                        "value-expected",
                    )}
                    {fact(
                        i18n.t(ProfileText::NextPurchase).into(),
                        match (gone, lapsed, next) {
                            // Gone, or probably gone: no date to wait for (METRICS.md).
                            (true, _, _) => "—".into(),
                            (false, true, _) => i18n.t(ProfileText::ProbablyLapsed).into(),
                            (false, false, None) => "—".into(),
                            (false, false, Some((date, days))) => fill(
                                i18n.t(if days < 0 { ProfileText::NextPurchaseLate } else { ProfileText::NextPurchaseIn }),
                                &[("date", &format::date(date, locale)), ("days", &format::count(days.unsigned_abs(), locale))],
                            ),
                        },
                        "value-next",
                    )}
                    {fact(i18n.t(ProfileText::Tier).into(), i18n.t(labels::tier(s.tier)).into(), "value-tier")}
                    {fact(i18n.t(ProfileText::Now).into(), i18n.t(labels::current_quadrant(s.current_quadrant)).into(), "value-current")}
                    {fact(i18n.t(ProfileText::Ahead).into(), i18n.t(labels::future_quadrant(s.future_quadrant)).into(), "value-future")}
                    {fact(i18n.t(ProfileText::Rfm).into(), i18n.t(labels::rfm_segment(s.rfm_segment)).into(), "value-rfm")}
                    {fact(i18n.t(ProfileText::RfmScores).into(), format!("R {} · F {} · M {}", s.rfm.r, s.rfm.f, s.rfm.m), "value-rfm-scores")}
                </dl>
            </section>
        }
        .into_any()
    }
}

/// One line of the timeline.
struct Event {
    date: NaiveDate,
    kind: &'static str,
    title: String,
    detail: String,
}

#[component]
fn Timeline(detail: Signal<CustomerDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let analysis = use_analysis();
    move || {
        let detail = detail.get();
        let locale = i18n.locale();
        let currency = analysis
            .current()
            .map(|a| a.currency.clone())
            .unwrap_or_else(|| "USD".into());
        let mut events: Vec<Event> = Vec::new();
        for t in &detail.transactions {
            let amount = format::money_minor(t.amount.0, &currency, locale);
            let (kind, title) = match t.kind {
                TransactionKind::Order => (
                    "order",
                    fill(i18n.t(ProfileText::OrderOf), &[("amount", &amount)]),
                ),
                TransactionKind::Return => (
                    "return",
                    fill(i18n.t(ProfileText::ReturnOf), &[("amount", &amount)]),
                ),
            };
            let mut parts = Vec::new();
            if let Some(p) = &t.product {
                parts.push(match t.quantity {
                    Some(q) => format!(
                        "{} × {p}",
                        format::number(q, if q.fract() == 0.0 { 0 } else { 2 }, locale)
                    ),
                    None => p.clone(),
                });
            }
            events.push(Event {
                date: t.date,
                kind,
                title,
                detail: parts.join(" · "),
            });
        }
        for r in &detail.interactions {
            let mut parts: Vec<String> = Vec::new();
            if !r.note.is_empty() {
                parts.push(r.note.clone());
            }
            if let Some(o) = &r.outcome {
                parts.push(o.clone());
            }
            if let Some(c) = r.cost {
                parts.push(format::money_minor(c.0, &currency, locale));
            }
            events.push(Event {
                date: r.date,
                kind: "interaction",
                title: i18n.t(labels::interaction_kind(r.kind)).to_string(),
                detail: parts.join(" · "),
            });
        }
        for r in &detail.responses {
            let campaign = detail
                .campaigns
                .iter()
                .find(|c| c.id == r.campaign_id)
                .map_or(r.campaign_id.clone(), |c| c.name.clone());
            let text = if r.responded {
                ProfileText::ResponseTo
            } else {
                ProfileText::NoResponseTo
            };
            events.push(Event {
                date: r.date,
                kind: "response",
                title: fill(i18n.t(text), &[("campaign", &campaign)]),
                detail: r.note.clone(),
            });
        }
        for r in &detail.exits {
            events.push(Event {
                date: r.date,
                kind: "exit",
                title: fill(
                    i18n.t(ProfileText::ExitFor),
                    &[("reason", i18n.t(labels::exit_reason(r.reason)))],
                ),
                detail: r.note.clone(),
            });
        }
        events.sort_by(|a, b| b.date.cmp(&a.date));
        let empty = events.is_empty();
        view! {
            <section class="card" data-testid="timeline">
                <h2>{i18n.t(ProfileText::Timeline)}</h2>
                {empty.then(|| view! { <p class="muted">{i18n.t(ProfileText::TimelineEmpty)}</p> })}
                <ol class="timeline">
                    {events.into_iter().map(|e| view! {
                        <li class=format!("timeline__item timeline__item--{}", e.kind) data-testid="timeline-item" data-kind=e.kind>
                            <time class="timeline__date" datetime=e.date.to_string()>{format::date(e.date, locale)}</time>
                            <span class="timeline__title">{e.title}</span>
                            {(!e.detail.is_empty()).then(|| view! { <span class="timeline__detail">{e.detail}</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        }
    }
}

/// A labelled input bound to one field of a form signal.
fn text_field<T: Send + Sync + 'static>(
    label: impl Fn() -> String + Send + Sync + 'static,
    kind: &'static str,
    testid: &'static str,
    form: RwSignal<T>,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
    error: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <label class="field" class:field--invalid=move || error().is_some()>
            <span class="field__label">{label}</span>
            <input
                type=kind
                data-testid=testid
                prop:value=move || form.with(get)
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                aria-invalid=move || error().is_some().to_string()
            />
            {move || error().map(|m| view! { <span class="field__error" role="alert">{m}</span> })}
        </label>
    }
}

#[component]
pub(crate) fn GeneralForm(
    workspace: WorkspaceState,
    id: String,
    customer: Option<Customer>,
    managers: Vec<(String, String)>,
    /// A new customer: the id is editable and must be free; saving opens the profile.
    #[prop(optional)]
    is_new: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(
        customer
            .as_ref()
            .map(CustomerForm::from_customer)
            .unwrap_or_else(|| CustomerForm {
                name: if is_new { String::new() } else { id.clone() },
                ..Default::default()
            }),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    let id_text = RwSignal::new(id);
    let id_error = RwSignal::new(None::<String>);
    let navigate = StoredValue::new(use_navigate());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let today = actions::today();
        let id = id_text.get_untracked().trim().to_string();
        if is_new && id.is_empty() {
            id_error.set(Some(i18n.t(ProfileText::ErrId).to_string()));
            return;
        }
        match form.get_untracked().validate(&id, today) {
            Err(e) => {
                errors.set(e);
                status.set(Some(Err(i18n.t(ProfileText::FixFields).to_string())));
            }
            Ok(customer) => {
                errors.set(Vec::new());
                id_error.set(None);
                spawn_local(async move {
                    if is_new {
                        match actions::customer_exists(workspace, customer.id.clone()).await {
                            Ok(true) => {
                                id_error.set(Some(fill(
                                    i18n.t(ProfileText::ErrIdTaken),
                                    &[("id", &customer.id)],
                                )));
                                return;
                            }
                            Ok(false) => {}
                            Err(e) => {
                                status.set(Some(Err(e.message)));
                                return;
                            }
                        }
                    }
                    let id = customer.id.clone();
                    let result = actions::save_customer(workspace, customer).await;
                    match (&result, is_new) {
                        (Ok(()), true) => navigate.with_value(|n| {
                            n(
                                &format!(
                                    "/customers/{}",
                                    crate::analytics::workspace::query::encode(&id)
                                ),
                                Default::default(),
                            )
                        }),
                        _ => status.set(Some(
                            result
                                .map(|_| i18n.t(ProfileText::Saved).to_string())
                                .map_err(|e| e.message),
                        )),
                    }
                });
            }
        }
    };
    let msg = move |t: ProfileText| move || i18n.t(t).to_string();
    view! {
        <form class="card form" on:submit=save data-testid="customer-form" novalidate>
            <h2>{move || i18n.t(ProfileText::GeneralInformation)}</h2>
            {is_new.then(|| view! {
                <label class="field" class:field--invalid=move || id_error.get().is_some()>
                    <span class="field__label">{move || i18n.t(ProfileText::CustomerId)}</span>
                    <input type="text" data-testid="field-id" prop:value=move || id_text.get() on:input=move |ev| id_text.set(event_target_value(&ev))/>
                    {move || id_error.get().map(|m| view! { <span class="field__error" role="alert">{m}</span> })}
                </label>
            })}
            {text_field(msg(ProfileText::Name), "text", "field-name", form, |f| f.name.clone(), |f, v| f.name = v, field_message(i18n, errors, "name"))}
            {text_field(msg(ProfileText::Company), "text", "field-company", form, |f| f.company.clone(), |f, v| f.company = v, move || None)}
            {text_field(msg(ProfileText::Email), "email", "field-email", form, |f| f.email.clone(), |f, v| f.email = v, field_message(i18n, errors, "email"))}
            {text_field(msg(ProfileText::Phone), "tel", "field-phone", form, |f| f.phone.clone(), |f, v| f.phone = v, field_message(i18n, errors, "phone"))}
            {text_field(msg(ProfileText::Address), "text", "field-address", form, |f| f.address.clone(), |f, v| f.address = v, move || None)}
            {text_field(msg(ProfileText::Segment), "text", "field-segment", form, |f| f.segment.clone(), |f, v| f.segment = v, move || None)}
            {text_field(msg(ProfileText::Channel), "text", "field-channel", form, |f| f.acquisition_channel.clone(), |f, v| f.acquisition_channel = v, move || None)}
            {text_field(msg(ProfileText::AcquisitionDate), "date", "field-acquired", form, |f| f.acquisition_date.clone(), |f, v| f.acquisition_date = v, field_message(i18n, errors, "acquisition_date"))}
            {text_field(msg(ProfileText::Tags), "text", "field-tags", form, |f| f.tags.clone(), |f, v| f.tags = v, move || None)}
            <label class="field">
                <span class="field__label">{move || i18n.t(ProfileText::Level)}</span>
                <select data-testid="field-level" prop:value=move || form.with(|f| f.relationship_level.clone()) on:change=move |ev| form.update(|f| f.relationship_level = event_target_value(&ev))>
                    <option value="">{move || i18n.t(ProfileText::NoLevel)}</option>
                    {RelationshipLevel::ALL.iter().map(|l| view! { <option value=l.as_str()>{move || i18n.t(labels::relationship_level(*l))}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field__label">{move || i18n.t(ProfileText::Manager)}</span>
                <select data-testid="field-manager" prop:value=move || form.with(|f| f.manager_id.clone()) on:change=move |ev| form.update(|f| f.manager_id = event_target_value(&ev))>
                    <option value="">{move || i18n.t(ProfileText::NoManager)}</option>
                    {managers.into_iter().map(|(mid, name)| view! { <option value=mid>{name}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field__label">{move || i18n.t(ProfileText::Notes)}</span>
                <textarea data-testid="field-notes" rows="3" prop:value=move || form.with(|f| f.notes.clone()) on:input=move |ev| form.update(|f| f.notes = event_target_value(&ev))></textarea>
            </label>
            <div class="form__actions">
                <button type="submit" class="button button--primary" data-testid="save-customer">{move || i18n.t(if is_new { ProfileText::Create } else { ProfileText::Save })}</button>
                {move || status.get().map(|s| match s {
                    Ok(t) => view! { <span class="status status--ok" role="status" data-testid="save-status">{t}</span> }.into_any(),
                    Err(t) => view! { <span class="field__error" role="alert" data-testid="save-status">{t}</span> }.into_any(),
                })}
            </div>
        </form>
    }
}

#[component]
fn InteractionForm(
    workspace: WorkspaceState,
    customer_id: String,
    plan: Signal<Option<ContactPlan>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(crate::domain::forms::InteractionForm {
        kind: InteractionKind::Call.as_str().into(),
        date: actions::today().to_string(),
        ..Default::default()
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    let customer_id = StoredValue::new(customer_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form
            .get_untracked()
            .validate(&customer_id.get_value(), actions::today())
        {
            Err(e) => errors.set(e),
            Ok(interaction) => {
                errors.set(Vec::new());
                let plan = plan.get_untracked();
                spawn_local(async move {
                    let result = actions::add_interaction(workspace, interaction, plan).await;
                    status.set(Some(
                        result
                            .map(|_| i18n.t(ProfileText::Logged).to_string())
                            .map_err(|e| e.message),
                    ));
                });
            }
        }
    };
    let msg = move |t: ProfileText| move || i18n.t(t).to_string();
    view! {
        <form class="card form" on:submit=submit data-testid="interaction-form" novalidate>
            <h2>{move || i18n.t(ProfileText::AddInteraction)}</h2>
            <label class="field">
                <span class="field__label">{move || i18n.t(ProfileText::Kind)}</span>
                <select data-testid="interaction-kind" prop:value=move || form.with(|f| f.kind.clone()) on:change=move |ev| form.update(|f| f.kind = event_target_value(&ev))>
                    {InteractionKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{move || i18n.t(labels::interaction_kind(*k))}</option> }).collect_view()}
                </select>
            </label>
            {text_field(msg(ProfileText::Date), "date", "interaction-date", form, |f| f.date.clone(), |f, v| f.date = v, field_message(i18n, errors, "date"))}
            {text_field(msg(ProfileText::Cost), "text", "interaction-cost", form, |f| f.cost.clone(), |f, v| f.cost = v, field_message(i18n, errors, "cost"))}
            {text_field(msg(ProfileText::Note), "text", "interaction-note", form, |f| f.note.clone(), |f, v| f.note = v, move || None)}
            {text_field(msg(ProfileText::Outcome), "text", "interaction-outcome", form, |f| f.outcome.clone(), |f, v| f.outcome = v, move || None)}
            <div class="form__actions">
                <button type="submit" class="button button--primary" data-testid="log-interaction">{move || i18n.t(ProfileText::Log)}</button>
                {move || status.get().map(|s| match s {
                    Ok(t) => view! { <span class="status status--ok" role="status">{t}</span> }.into_any(),
                    Err(t) => view! { <span class="field__error" role="alert">{t}</span> }.into_any(),
                })}
            </div>
        </form>
    }
}

#[component]
fn ExitSection(
    workspace: WorkspaceState,
    latest: Option<crate::domain::Exit>,
    customer_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(None::<Result<String, String>>);
    if let Some(exit) = latest {
        let exit = StoredValue::new(exit);
        let reactivate = move |_| {
            let e = exit.get_value();
            let locale = i18n.locale_untracked();
            let note = fill(
                i18n.t(ProfileText::Reactivated),
                &[
                    ("date", &format::date(e.date, locale)),
                    ("reason", i18n.t(labels::exit_reason(e.reason))),
                ],
            );
            spawn_local(async move {
                if let Err(err) = actions::reactivate(workspace, e, note, actions::today()).await {
                    status.set(Some(Err(err.message)));
                }
            });
        };
        return view! {
            <section class="card exit-card exit-card--exited" data-testid="exit-section">
                <p data-testid="exit-status">
                    {move || exit.with_value(|e| fill(i18n.t(ProfileText::HasExited), &[
                        ("date", &format::date(e.date, i18n.locale())),
                        ("reason", i18n.t(labels::exit_reason(e.reason))),
                    ]))}
                </p>
                <button class="button" data-testid="reactivate" on:click=reactivate>{move || i18n.t(ProfileText::Reactivate)}</button>
                {move || status.get().and_then(|s| s.err()).map(|t| view! { <span class="field__error" role="alert">{t}</span> })}
            </section>
        }
        .into_any();
    }
    let form = RwSignal::new(ExitForm {
        date: actions::today().to_string(),
        reason: ExitReason::Price.as_str().into(),
        note: String::new(),
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let open = RwSignal::new(false);
    let customer_id = StoredValue::new(customer_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form
            .get_untracked()
            .validate(&customer_id.get_value(), actions::today())
        {
            Err(e) => errors.set(e),
            Ok(exit) => {
                errors.set(Vec::new());
                spawn_local(async move {
                    if let Err(err) = actions::record_exit(workspace, exit).await {
                        status.set(Some(Err(err.message)));
                    }
                });
            }
        }
    };
    let msg = move |t: ProfileText| move || i18n.t(t).to_string();
    view! {
        <section class="card exit-card" data-testid="exit-section">
            <button class="button" data-testid="open-exit" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                {move || i18n.t(ProfileText::RecordExit)}
            </button>
            <Show when=move || open.get()>
                <form class="form" on:submit=submit data-testid="exit-form" novalidate>
                    {text_field(msg(ProfileText::Date), "date", "exit-date", form, |f| f.date.clone(), |f, v| f.date = v, field_message(i18n, errors, "date"))}
                    <label class="field">
                        <span class="field__label">{move || i18n.t(ProfileText::Reason)}</span>
                        <select data-testid="exit-reason" prop:value=move || form.with(|f| f.reason.clone()) on:change=move |ev| form.update(|f| f.reason = event_target_value(&ev))>
                            {ExitReason::ALL.iter().map(|r| view! { <option value=r.as_str()>{move || i18n.t(labels::exit_reason(*r))}</option> }).collect_view()}
                        </select>
                    </label>
                    {text_field(msg(ProfileText::Note), "text", "exit-note", form, |f| f.note.clone(), |f, v| f.note = v, move || None)}
                    <button type="submit" class="button button--primary" data-testid="record-exit">{move || i18n.t(ProfileText::Record)}</button>
                    {move || status.get().and_then(|s| s.err()).map(|t| view! { <span class="field__error" role="alert">{t}</span> })}
                </form>
            </Show>
        </section>
    }
    .into_any()
}

#[component]
fn ContactPlanCard(
    workspace: WorkspaceState,
    customer_id: String,
    plan: Signal<Option<ContactPlan>>,
    row: Memo<Option<CustomerRow>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tier = move || row.get().and_then(|r| r.scores.map(|s| s.tier));
    let default_cadence = move || tier().map_or(Cadence::NoPlan, Cadence::for_tier);
    let cadence =
        RwSignal::new(plan.with_untracked(|p| p.as_ref().map(|p| p.cadence.as_str().to_string())));
    let status = RwSignal::new(None::<Result<String, String>>);
    let customer_id = StoredValue::new(customer_id);
    let chosen = move || {
        cadence
            .get()
            .and_then(|c| Cadence::parse(&c))
            .unwrap_or_else(default_cadence)
    };
    let save = move |log_today: bool| {
        let today = actions::today();
        let cadence = chosen();
        let mut next = match plan.get_untracked() {
            Some(mut p) if p.cadence == cadence => {
                p.cadence = cadence;
                p
            }
            Some(p) => ContactPlan {
                cadence,
                next_due: cadence.next_after(p.last_contact.unwrap_or(today)),
                ..p
            },
            None => ContactPlan::starting(&customer_id.get_value(), cadence, today),
        };
        if log_today {
            next.log_contact(today);
        }
        spawn_local(async move {
            let result = actions::save_plan(workspace, next).await;
            status.set(result.err().map(|e| Err(e.message)));
        });
    };
    view! {
        <section class="card" data-testid="contact-plan">
            <h2>{move || i18n.t(ProfileText::ContactPlan)}</h2>
            <label class="field">
                <span class="field__label">{move || i18n.t(ProfileText::Cadence)}</span>
                <select data-testid="plan-cadence" prop:value=move || chosen().as_str() on:change=move |ev| cadence.set(Some(event_target_value(&ev)))>
                    {Cadence::ALL.iter().map(|c| view! { <option value=c.as_str()>{move || i18n.t(labels::cadence(*c))}</option> }).collect_view()}
                </select>
            </label>
            <p class="muted small">
                {move || tier().map(|t| fill(i18n.t(ProfileText::DefaultCadence), &[
                    ("tier", i18n.t(labels::tier(t))),
                    ("cadence", i18n.t(labels::cadence(Cadence::for_tier(t)))),
                ]))}
            </p>
            {move || plan.with(|p| p.as_ref().and_then(|p| p.next_due).map(|due| {
                let today = actions::today();
                let overdue = due < today;
                let text = if overdue {
                    fill(i18n.t(ProfileText::Overdue), &[("date", &format::date(due, i18n.locale()))])
                } else {
                    format!("{}: {}", i18n.t(ProfileText::NextDue), format::date(due, i18n.locale()))
                };
                view! { <p class=if overdue { "status status--warn" } else { "status status--ok" } data-testid="plan-due">{text}</p> }
            }))}
            <div class="form__actions">
                <button class="button" data-testid="save-plan" on:click=move |_| save(false)>{move || i18n.t(ProfileText::SavePlan)}</button>
                <button class="button" data-testid="log-contact" on:click=move |_| save(true)>{move || i18n.t(ProfileText::LogContact)}</button>
            </div>
            {move || status.get().and_then(|s| s.err()).map(|t| view! { <span class="field__error" role="alert">{t}</span> })}
        </section>
    }
}

#[component]
fn DeleteCustomer(workspace: WorkspaceState, id: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let id = StoredValue::new(id);
    let name = StoredValue::new(name);
    let navigate = StoredValue::new(navigate);
    let delete = move |_| {
        spawn_local(async move {
            match actions::delete_customer(workspace, id.get_value()).await {
                Ok(()) => navigate.with_value(|n| n("/customers", Default::default())),
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    view! {
        <section class="card danger-card" data-testid="delete-section">
            <h2>{move || i18n.t(ProfileText::DangerZone)}</h2>
            <p class="muted small">{move || i18n.t(ProfileText::DeleteExplain)}</p>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button class="button button--danger" data-testid="delete-customer" on:click=move |_| confirming.set(true)>
                        {move || i18n.t(ProfileText::Delete)}
                    </button>
                }
            >
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-delete-text">
                    <p id="confirm-delete-text"><strong>{move || fill(i18n.t(ProfileText::ConfirmDelete), &[("name", &name.get_value())])}</strong></p>
                    <div class="form__actions">
                        <button class="button button--danger" data-testid="confirm-delete" on:click=delete>{move || i18n.t(ProfileText::ConfirmYes)}</button>
                        <button class="button" on:click=move |_| confirming.set(false)>{move || i18n.t(ProfileText::Cancel)}</button>
                    </div>
                </div>
            </Show>
            {move || error.get().map(|t| view! { <p class="field__error" role="alert">{t}</p> })}
        </section>
    }
}
