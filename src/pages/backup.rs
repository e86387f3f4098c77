//! The Settings page's backup card: download a backup of the workspace, and restore one —
//! checked first, then written all at once, into a new workspace (the default) or over the
//! current one after an explicit confirmation.

use crate::components::download::offer_bytes;
use crate::components::RoomWarning;
use crate::export::backup::Backup;
use crate::i18n::{fill, format, BackupText};
use crate::state::actions as state_actions;
use crate::state::{backup as actions, use_i18n, use_workspace, DbStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Where a restore goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    NewWorkspace,
    Current,
}

/// The backup and restore card.
#[component]
pub fn BackupCard() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let current_name = move || match workspace.status() {
        DbStatus::Ready { workspace, .. } => workspace.name,
        _ => String::new(),
    };

    // Making a backup.
    let backing_up = RwSignal::new(false);
    let backup_message = RwSignal::new(None::<Result<String, String>>);
    let download = move |_| {
        backing_up.set(true);
        backup_message.set(None);
        spawn_local(async move {
            let locale = i18n.locale_untracked();
            let outcome = match actions::make_backup(workspace, locale).await {
                Ok(file) => offer_bytes(&file.bytes, "application/octet-stream", &file.name)
                    .map(|()| {
                        fill(
                            i18n.t(BackupText::Saved),
                            &[
                                ("file", &file.name),
                                ("size", &format::bytes(file.bytes.len() as f64, locale)),
                            ],
                        )
                    }),
                Err(e) => Err(e.message),
            };
            backup_message.set(Some(outcome));
            backing_up.set(false);
        });
    };

    // Restoring one.
    let chosen = RwSignal::new_local(None::<Rc<Backup>>);
    let reading = RwSignal::new(false);
    let restoring = RwSignal::new(false);
    let restore_message = RwSignal::new(None::<Result<String, String>>);
    let target = RwSignal::new(Target::NewWorkspace);
    let new_name = RwSignal::new(String::new());
    let confirmed = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let file_name = file.name();
        chosen.set(None);
        restore_message.set(None);
        confirmed.set(false);
        reading.set(true);
        spawn_local(async move {
            match actions::read_backup(file, i18n.locale_untracked()).await {
                Ok(b) => {
                    new_name.set(b.workspace_name.clone());
                    chosen.set(Some(Rc::new(b)));
                }
                Err(e) => restore_message.set(Some(Err(fill(
                    i18n.t(BackupText::ErrRead),
                    &[("file", &file_name), ("reason", &e.message)],
                )))),
            }
            reading.set(false);
        });
    };

    let room = RwSignal::new(None::<String>);
    let room_checked = StoredValue::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let restore = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(b) = chosen.get_untracked() else {
            return;
        };
        let into = target.get_untracked();
        let name = new_name.get_untracked();
        if into == Target::NewWorkspace && name.trim().is_empty() {
            restore_message.set(Some(Err(i18n.t(BackupText::ErrName).to_string())));
            return;
        }
        if into == Target::Current && !confirmed.get_untracked() {
            restore_message.set(Some(Err(i18n.t(BackupText::ErrConfirm).to_string())));
            return;
        }
        restoring.set(true);
        restore_message.set(None);
        let checked = room_checked.get_value();
        room_checked.set_value(false);
        spawn_local(async move {
            // Warn first when the browser may not have room for it (nothing is written then).
            if !checked {
                if let Some(warning) = state_actions::room_warning(b.bundle.estimated_stored_bytes()).await {
                    restoring.set(false);
                    room.set(Some(warning));
                    return;
                }
            }
            let result = match into {
                Target::NewWorkspace => actions::restore_into_new(name, &b).await,
                Target::Current => actions::restore_into_current(workspace, &b).await,
            };
            match result {
                Ok(()) => {
                    let counts = b.counts();
                    let locale = i18n.locale_untracked();
                    restore_message.set(Some(Ok(fill(
                        i18n.t(BackupText::Restored),
                        &[
                            ("customers", &format::number(counts.customers as f64, 0, locale)),
                            ("transactions", &format::number(counts.transactions as f64, 0, locale)),
                        ],
                    ))));
                    chosen.set(None);
                    confirmed.set(false);
                    if let Some(input) = input_ref.get_untracked() {
                        input.set_value("");
                    }
                }
                Err(e) => restore_message.set(Some(Err(e.message))),
            }
            restoring.set(false);
        });
    };

    let message = |m: Option<Result<String, String>>, testid: &'static str| {
        m.map(|m| match m {
            Ok(text) => view! { <p class="status status--ok" role="status" data-testid=testid>{text}</p> }.into_any(),
            Err(text) => view! { <p class="inline-error" role="alert" data-testid=testid>{text}</p> }.into_any(),
        })
    };

    let summary = move || {
        chosen.get().map(|b| {
            let locale = i18n.locale();
            let counts = b.counts();
            let n = |v: u64| format::number(v as f64, 0, locale);
            let made = b.created_at.get(..10).unwrap_or(&b.created_at).to_string();
            let made = chrono::NaiveDate::parse_from_str(&made, "%Y-%m-%d")
                .map(|d| format::date(d, locale))
                .unwrap_or(made);
            let dangling = b.dangling_references();
            let dangling = dangling.customers_with_unknown_manager
                + dangling.responses_to_unknown_campaigns
                + dangling.plans_of_unknown_customers;
            view! {
                <div class="backup-summary" data-testid="backup-summary">
                    <p>{fill(i18n.t(BackupText::Holds), &[("name", &b.workspace_name), ("date", &made), ("version", &b.app_version)])}</p>
                    <dl class="facts">
                        <dt>{i18n.t(BackupText::Customers)}</dt><dd data-testid="backup-customers">{n(counts.customers)}</dd>
                        <dt>{i18n.t(BackupText::Transactions)}</dt><dd data-testid="backup-transactions">{n(counts.transactions)}</dd>
                        <dt>{i18n.t(BackupText::Interactions)}</dt><dd>{n(counts.interactions)}</dd>
                        <dt>{i18n.t(BackupText::Exits)}</dt><dd>{n(counts.exits)}</dd>
                        <dt>{i18n.t(BackupText::Campaigns)}</dt><dd>{format!("{} ({})", n(counts.campaigns), n(counts.responses))}</dd>
                        <dt>{i18n.t(BackupText::Managers)}</dt><dd>{n(counts.managers)}</dd>
                        <dt>{i18n.t(BackupText::Plans)}</dt><dd>{n(counts.plans)}</dd>
                        <dt>{i18n.t(BackupText::Imports)}</dt><dd>{n(counts.batches)}</dd>
                    </dl>
                    {(dangling > 0).then(|| view! {
                        <p class="muted">{fill(i18n.t(BackupText::Dangling), &[("count", &n(dangling))])}</p>
                    })}
                </div>
            }
        })
    };

    view! {
        <section class="card" aria-labelledby="settings-backup" data-testid="backup-card">
            <h2 id="settings-backup">{move || i18n.t(BackupText::Heading)}</h2>
            <p class="muted">{move || i18n.t(BackupText::Intro)}</p>
            <button class="button button--primary" data-testid="backup-download" on:click=download disabled=move || backing_up.get()>
                {move || if backing_up.get() { i18n.t(BackupText::Preparing) } else { i18n.t(BackupText::Download) }}
            </button>
            {move || message(backup_message.get(), "backup-message")}

            <h3>{move || i18n.t(BackupText::RestoreHeading)}</h3>
            <form class="form" on:submit=restore novalidate node_ref=form_ref>
                <label class="field">
                    <span class="field__label">{move || i18n.t(BackupText::ChooseFile)}</span>
                    <input type="file" accept=".cibackup,application/octet-stream" data-testid="restore-file" node_ref=input_ref on:change=on_file/>
                </label>
                {move || reading.get().then(|| view! { <p class="loading">{i18n.t(BackupText::Reading)}</p> })}
                {summary}
                {move || chosen.with(|c| c.is_some()).then(|| view! {
                    <fieldset class="subfields">
                        <label class="checkbox">
                            <input type="radio" name="restore-target" data-testid="restore-new"
                                prop:checked=move || target.get() == Target::NewWorkspace
                                on:change=move |_| { target.set(Target::NewWorkspace); restore_message.set(None); }/>
                            <span>{move || i18n.t(BackupText::IntoNew)}</span>
                        </label>
                        {move || (target.get() == Target::NewWorkspace).then(|| view! {
                            <label class="field">
                                <span class="field__label">{move || i18n.t(BackupText::NewName)}</span>
                                <input type="text" data-testid="restore-name" prop:value=move || new_name.get()
                                    on:input=move |ev| new_name.set(event_target_value(&ev))/>
                            </label>
                        })}
                        <label class="checkbox">
                            <input type="radio" name="restore-target" data-testid="restore-current"
                                prop:checked=move || target.get() == Target::Current
                                on:change=move |_| { target.set(Target::Current); restore_message.set(None); }/>
                            <span>{move || fill(i18n.t(BackupText::IntoCurrent), &[("name", &current_name())])}</span>
                        </label>
                        {move || (target.get() == Target::Current).then(|| view! {
                            <label class="checkbox checkbox--warn">
                                <input type="checkbox" data-testid="restore-confirm" prop:checked=move || confirmed.get()
                                    on:change=move |ev| { confirmed.set(event_target_checked(&ev)); restore_message.set(None); }/>
                                <span>{move || fill(i18n.t(BackupText::ConfirmReplace), &[("name", &current_name())])}</span>
                            </label>
                        })}
                    </fieldset>
                    <button type="submit" class="button button--primary" data-testid="restore-submit" disabled=move || restoring.get()>
                        {move || i18n.t(BackupText::Restore)}
                    </button>
                })}
                {move || restoring.get().then(|| view! { <p class="loading" role="status">{i18n.t(BackupText::Restoring)}</p> })}
                <RoomWarning warning=room on_proceed=Callback::new(move |_| {
                    room_checked.set_value(true);
                    if let Some(form) = form_ref.get_untracked() {
                        let _ = form.request_submit();
                    }
                })/>
                {move || message(restore_message.get(), "restore-message")}
            </form>
        </section>
    }
}
