//! The Settings page: workspaces, how the numbers are computed (every setting of the
//! metric definitions, validated, per workspace), the language, and where the data is kept.

use crate::components::PageHeader;
use crate::domain::settings_form::{SettingError, SettingProblem, SettingsForm};
use crate::domain::{InteractionKind, Settings};
use crate::i18n::{fill, format, labels, Locale, Msg, SettingsText};
use crate::state::{actions, device, use_i18n, use_workspace, DbStatus, WorkspaceState};
use crate::state::WorkspaceInfo;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The Settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let refresh = RwSignal::new(0u32);
    let usage = device::storage_usage(refresh);
    let fmt_bytes = move |b: Option<f64>| match b {
        Some(b) => format::bytes(b, i18n.locale()),
        None => i18n.t(Msg::StorageUnknown).to_string(),
    };

    view! {
        <PageHeader title=Msg::NavSettings intro=Msg::SettingsIntro/>
        <div class="settings-columns">
        <div class="settings-main">
            <WorkspacesCard/>
            <super::backup::BackupCard/>
            <AnalysisSettings workspace=workspace/>
        </div>
        <div class="settings-side">
            <section class="card" aria-labelledby="settings-language">
                <h2 id="settings-language">{move || i18n.t(Msg::Language)}</h2>
                <label class="field">
                    <span class="field__label">{move || i18n.t(Msg::Language)}</span>
                    <select
                        data-testid="language-select"
                        on:change=move |ev| i18n.set_locale(Locale::from_tag(&event_target_value(&ev)))
                        prop:value=move || i18n.locale().tag()
                    >
                        {Locale::ALL
                            .into_iter()
                            .map(|l| view! { <option value=l.tag()>{l.native_name()}</option> })
                            .collect_view()}
                    </select>
                </label>
            </section>

            <section class="card" aria-labelledby="settings-storage" data-testid="storage-card">
                <h2 id="settings-storage">{move || i18n.t(Msg::StorageHeading)}</h2>
                <Transition fallback=move || view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }>
                    {move || usage.get().map(|u| view! {
                        <dl class="facts">
                            <dt>{move || i18n.t(Msg::StorageUsed)}</dt>
                            <dd data-testid="storage-used">{fmt_bytes(u.usage_bytes)}</dd>
                            <dt>{move || i18n.t(Msg::StorageQuota)}</dt>
                            <dd>{fmt_bytes(u.quota_bytes)}</dd>
                        </dl>
                        {match u.persisted {
                            Some(true) => view! {
                                <p class="status status--ok" data-testid="storage-persisted">{move || i18n.t(Msg::StoragePersistent)}</p>
                            }.into_any(),
                            _ => view! {
                                <p class="status status--warn" data-testid="storage-persisted">{move || i18n.t(Msg::StorageNotPersistent)}</p>
                                <button class="button" on:click=move |_| device::ask_persistence(refresh)>
                                    {move || i18n.t(Msg::StorageAskPersist)}
                                </button>
                            }.into_any(),
                        }}
                    })}
                </Transition>
            </section>

            <section class="card" aria-labelledby="settings-db" data-testid="database-card">
                <h2 id="settings-db">{move || i18n.t(Msg::DatabaseHeading)}</h2>
                {move || match workspace.status() {
                    DbStatus::Ready { workspace, schema_version } => view! {
                        <dl class="facts">
                            <dt>{move || i18n.t(Msg::WorkspaceLabel)}</dt>
                            <dd>{workspace.name.clone()}</dd>
                            <dt>{move || i18n.t(Msg::SchemaVersion)}</dt>
                            <dd data-testid="schema-version">{schema_version}</dd>
                        </dl>
                        <p class="status status--ok">{move || i18n.t(Msg::DatabaseReady)}</p>
                    }.into_any(),
                    DbStatus::Opening => view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
                    DbStatus::Failed(err) => view! { <p class="inline-error" role="alert">{err.message}</p> }.into_any(),
                }}
            </section>
        </div>
        </div>
    }
}

#[component]
fn WorkspacesCard() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let refresh = RwSignal::new(0u32);
    // Listed once the workspace is open: on a first visit, opening creates the first one.
    let opened = Memo::new(move |_| match workspace.status() {
        DbStatus::Ready { workspace, .. } => Some(workspace.id),
        _ => None,
    });
    let list = LocalResource::new(move || {
        refresh.track();
        let opened = opened.get();
        async move {
            match opened {
                Some(_) => actions::list_workspaces().await,
                None => Ok(Vec::new()),
            }
        }
    });
    let current = move || match workspace.status() {
        DbStatus::Ready { workspace, .. } => Some(workspace.id),
        _ => None,
    };
    let new_name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let renaming = RwSignal::new(None::<(WorkspaceInfo, String)>);
    let deleting = RwSignal::new(None::<WorkspaceInfo>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked();
        if name.trim().is_empty() {
            error.set(Some(i18n.t(SettingsText::ErrName).to_string()));
            return;
        }
        spawn_local(async move {
            if let Err(e) = actions::create_workspace(name).await {
                error.set(Some(e.message));
            }
        });
    };
    let save_rename = move |_| {
        let Some((info, name)) = renaming.get_untracked() else {
            return;
        };
        if name.trim().is_empty() {
            error.set(Some(i18n.t(SettingsText::ErrName).to_string()));
            return;
        }
        spawn_local(async move {
            match actions::rename_workspace(info, name).await {
                Ok(()) => {
                    renaming.set(None);
                    refresh.update(|n| *n += 1);
                    // The header shows the name: reload it from the registry.
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    let confirm_delete = move |_| {
        let Some(info) = deleting.get_untracked() else {
            return;
        };
        let cur = current();
        let fallback = i18n.t(Msg::DefaultWorkspaceName).to_string();
        spawn_local(async move {
            match actions::delete_workspace(info.id, cur, fallback).await {
                Ok(()) => {
                    deleting.set(None);
                    refresh.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    view! {
        <section class="card" id="workspaces" data-testid="workspaces-card">
            <h2>{move || i18n.t(SettingsText::Workspaces)}</h2>
            <p class="muted small">{move || i18n.t(SettingsText::WorkspacesHelp)}</p>
            <Transition fallback=move || view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }>
                {move || list.get().map(|r| match r {
                    Err(e) => view! { <p class="inline-error" role="alert">{e.message}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="workspace-list" data-testid="workspace-list">
                            {list.into_iter().map(|w| {
                                let is_current = current().as_deref() == Some(w.id.as_str());
                                let (w1, w2, w3) = (w.clone(), w.clone(), w.clone());
                                view! {
                                    <li class="workspace-item" data-testid="workspace-item">
                                        <span class="workspace-item__name">{w.name.clone()}</span>
                                        {is_current.then(|| view! { <span class="badge badge--current">{move || i18n.t(SettingsText::Current)}</span> })}
                                        <span class="workspace-item__actions">
                                            {(!is_current).then(|| view! {
                                                <button class="button button--quiet" data-testid="open-workspace" on:click=move |_| actions::switch_workspace(&w1.id)>{move || i18n.t(SettingsText::Open)}</button>
                                            })}
                                            <button class="button button--quiet" data-testid="rename-workspace" on:click=move |_| renaming.set(Some((w2.clone(), w2.name.clone())))>{move || i18n.t(SettingsText::Rename)}</button>
                                            <button class="button button--quiet button--danger-text" data-testid="delete-workspace" on:click=move |_| deleting.set(Some(w3.clone()))>{move || i18n.t(SettingsText::Delete)}</button>
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
            {move || renaming.get().map(|(_, name)| view! {
                <div class="inline-form">
                    <input type="text" data-testid="rename-input" prop:value=name on:input=move |ev| renaming.update(|r| if let Some(r) = r { r.1 = event_target_value(&ev) })/>
                    <button class="button button--primary" data-testid="rename-save" on:click=save_rename>{move || i18n.t(SettingsText::Save)}</button>
                    <button class="button" on:click=move |_| renaming.set(None)>{move || i18n.t(SettingsText::Cancel)}</button>
                </div>
            })}
            {move || deleting.get().map(|w| view! {
                <div class="confirm" role="alertdialog" data-testid="confirm-delete-workspace">
                    <p><strong>{fill(i18n.t(SettingsText::ConfirmDelete), &[("name", &w.name)])}</strong></p>
                    <div class="form__actions">
                        <button class="button button--danger" data-testid="confirm-delete-yes" on:click=confirm_delete>{move || i18n.t(SettingsText::Yes)}</button>
                        <button class="button" on:click=move |_| deleting.set(None)>{move || i18n.t(SettingsText::Cancel)}</button>
                    </div>
                </div>
            })}
            <form class="inline-form" on:submit=create data-testid="new-workspace-form">
                <label class="visually-hidden" for="new-workspace">{move || i18n.t(SettingsText::NewName)}</label>
                <input id="new-workspace" type="text" data-testid="new-workspace-name" placeholder=move || i18n.t(SettingsText::NewName)
                    prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
                <button type="submit" class="button" data-testid="create-workspace">{move || i18n.t(SettingsText::Create)}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
        </section>
    }
}

fn problem_text(i18n: crate::state::I18n, p: &SettingProblem) -> String {
    let locale = i18n.locale_untracked();
    match p {
        SettingProblem::NotANumber(v) => fill(i18n.t(SettingsText::ErrNumber), &[("value", v)]),
        SettingProblem::OutOfRange { min, max } => fill(
            i18n.t(SettingsText::ErrRange),
            &[
                ("min", &format::number(*min, 0, locale)),
                ("max", &format::number(*max, 0, locale)),
            ],
        ),
        SettingProblem::NotADate(v) => fill(i18n.t(SettingsText::ErrDate), &[("value", v)]),
        SettingProblem::WindowAfterAsOf => i18n.t(SettingsText::ErrWindow).to_string(),
        SettingProblem::Currency(v) => fill(i18n.t(SettingsText::ErrCurrency), &[("value", v)]),
    }
}

#[component]
fn AnalysisSettings(workspace: WorkspaceState) -> impl IntoView {
    let i18n = use_i18n();
    // Loaded once the workspace is open (not on every change, so that the form and its
    // messages stay while the analysis recomputes after a save).
    let loaded = LocalResource::new(move || {
        let ready = matches!(workspace.status(), DbStatus::Ready { .. });
        async move {
            if ready {
                actions::load_settings(workspace).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }>
            {move || loaded.get().map(|r| match r {
                Err(e) => view! { <p class="inline-error" role="alert">{e.message}</p> }.into_any(),
                Ok(None) => view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
                Ok(Some(ws)) => view! { <SettingsFormCard workspace=workspace form=SettingsForm::from_settings(&ws.settings, &ws.currency)/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn SettingsFormCard(workspace: WorkspaceState, form: SettingsForm) -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(form);
    let errors = RwSignal::new(Vec::<SettingError>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    let err = move |field: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|x| x.field == field)
                    .map(|x| problem_text(i18n, &x.problem))
            })
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.get_untracked().validate() {
            Err(e) => {
                errors.set(e);
                status.set(Some(Err(i18n.t(SettingsText::FixFields).to_string())));
            }
            Ok((settings, currency)) => {
                errors.set(Vec::new());
                spawn_local(async move {
                    let result = actions::save_settings(workspace, settings, currency).await;
                    status.set(Some(
                        result
                            .map(|_| i18n.t(SettingsText::Saved).to_string())
                            .map_err(|e| e.message),
                    ));
                });
            }
        }
    };
    let input = move |label: SettingsText,
                      kind: &'static str,
                      field: &'static str,
                      get: fn(&SettingsForm) -> String,
                      set: fn(&mut SettingsForm, String)| {
        let e = err(field);
        view! {
            <label class="field" class:field--invalid=move || e().is_some()>
                <span class="field__label">{move || i18n.t(label)}</span>
                <input type=kind inputmode=if kind == "text" { "decimal" } else { "" } data-testid=format!("setting-{field}")
                    prop:value=move || form.with(get) on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
                {move || e().map(|m| view! { <span class="field__error" role="alert">{m}</span> })}
            </label>
        }
    };
    let select = move |label: SettingsText,
                       field: &'static str,
                       options: Vec<(&'static str, SettingsText)>,
                       get: fn(&SettingsForm) -> String,
                       set: fn(&mut SettingsForm, String)| {
        view! {
            <label class="field">
                <span class="field__label">{move || i18n.t(label)}</span>
                <select data-testid=format!("setting-{field}") prop:value=move || form.with(get) on:change=move |ev| form.update(|f| set(f, event_target_value(&ev)))>
                    {options.into_iter().map(|(v, l)| view! { <option value=v>{move || i18n.t(l)}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let currency = move || form.with(|f| f.currency.clone());
    view! {
        <form class="card form" on:submit=submit data-testid="settings-form" novalidate>
            <h2>{move || i18n.t(SettingsText::Analysis)}</h2>
            <p class="muted small">{move || i18n.t(SettingsText::AnalysisHelp)}</p>
            <div class="field-grid">
                {input(SettingsText::AsOf, "date", "as_of", |f| f.as_of.clone(), |f, v| f.as_of = v)}
                {input(SettingsText::WindowStart, "date", "window_start", |f| f.window_start.clone(), |f, v| f.window_start = v)}
                {input(SettingsText::DefaultMargin, "text", "default_margin_pct", |f| f.default_margin_pct.clone(), |f, v| f.default_margin_pct = v)}
                {input(SettingsText::CostPerOrder, "text", "cost_per_order", |f| f.cost_per_order.clone(), |f, v| f.cost_per_order = v)}
                {input(SettingsText::Discount, "text", "annual_discount_pct", |f| f.annual_discount_pct.clone(), |f, v| f.annual_discount_pct = v)}
                {input(SettingsText::Horizon, "text", "horizon_months", |f| f.horizon_months.clone(), |f, v| f.horizon_months = v)}
                {select(SettingsText::TimeUnit, "time_unit", vec![("days", SettingsText::Days), ("weeks", SettingsText::Weeks)], |f| f.time_unit.clone(), |f, v| f.time_unit = v)}
                {select(SettingsText::PyramidBasis, "pyramid_basis", vec![("revenue", SettingsText::ByRevenue), ("profit", SettingsText::ByProfit), ("clv", SettingsText::ByClv)], |f| f.pyramid_basis.clone(), |f, v| f.pyramid_basis = v)}
                {input(SettingsText::AtRisk, "text", "at_risk_pct", |f| f.at_risk_pct.clone(), |f, v| f.at_risk_pct = v)}
                {input(SettingsText::Currency, "text", "currency", |f| f.currency.clone(), |f, v| f.currency = v)}
            </div>
            <fieldset class="subfields">
                <legend>{move || format!("{} ({})", i18n.t(SettingsText::Thresholds), currency())}</legend>
                <div class="field-grid">
                    {input(SettingsText::GrossMargin, "text", "threshold_gross_margin", |f| f.threshold_gross_margin.clone(), |f, v| f.threshold_gross_margin = v)}
                    {input(SettingsText::CostToServe, "text", "threshold_cost_to_serve", |f| f.threshold_cost_to_serve.clone(), |f, v| f.threshold_cost_to_serve = v)}
                    {input(SettingsText::Profit, "text", "threshold_profit", |f| f.threshold_profit.clone(), |f, v| f.threshold_profit = v)}
                    {input(SettingsText::FutureProfit, "text", "threshold_future_profit", |f| f.threshold_future_profit.clone(), |f, v| f.threshold_future_profit = v)}
                </div>
            </fieldset>
            <fieldset class="subfields">
                <legend>{move || format!("{} ({})", i18n.t(SettingsText::InteractionCosts), currency())}</legend>
                <div class="field-grid">
                    {InteractionKind::ALL.iter().enumerate().map(|(i, kind)| {
                        let field = format!("interaction_cost.{}", kind.as_str());
                        let field2 = StoredValue::new(field.clone());
                        let e = move || errors.with(|e| e.iter().find(|x| field2.with_value(|f| &x.field == f)).map(|x| problem_text(i18n, &x.problem)));
                        view! {
                            <label class="field" class:field--invalid=move || e().is_some()>
                                <span class="field__label">{move || i18n.t(labels::interaction_kind(*kind))}</span>
                                <input type="text" inputmode="decimal" data-testid=format!("setting-{field}")
                                    prop:value=move || form.with(|f| f.interaction_costs.get(i).map(|c| c.1.clone()).unwrap_or_default())
                                    on:input=move |ev| form.update(|f| if let Some(c) = f.interaction_costs.get_mut(i) { c.1 = event_target_value(&ev) })/>
                                {move || e().map(|m| view! { <span class="field__error" role="alert">{m}</span> })}
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="form__actions">
                <button type="submit" class="button button--primary" data-testid="save-settings">{move || i18n.t(SettingsText::SaveSettings)}</button>
                <button type="button" class="button" on:click=move |_| {
                    let currency = form.with_untracked(|f| f.currency.clone());
                    form.set(SettingsForm::from_settings(&Settings::default(), &currency));
                }>{move || i18n.t(SettingsText::Defaults)}</button>
                {move || status.get().map(|s| match s {
                    Ok(t) => view! { <span class="status status--ok" role="status" data-testid="settings-status">{t}</span> }.into_any(),
                    Err(t) => view! { <span class="field__error" role="alert" data-testid="settings-status">{t}</span> }.into_any(),
                })}
            </div>
        </form>
    }
}
