//! The Settings page: language, and where this workspace's data is kept.

use crate::components::PageHeader;
use crate::i18n::{format, Locale, Msg};
use crate::state::{device, use_i18n, use_workspace, DbStatus};
use leptos::prelude::*;

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
        <div class="settings-grid">
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
    }
}
