//! The Import page: start from the demo company (one click), bring in a file, and the
//! history of imports, each revertable in one click.

use crate::components::{PageHeader, ProgressBar, RoomWarning};
use crate::i18n::{fill, format, ImportText, Msg};
use crate::state::{actions, use_analysis, use_i18n, use_workspace, DbStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

mod wizard;
use wizard::ImportWizard;

/// The Import page.
#[component]
pub fn ImportPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavImport intro=Msg::ImportIntro/>
        <div class="import-grid">
            <DemoCard/>
            <ImportHistory/>
            <ImportWizard/>
        </div>
    }
}

#[component]
fn DemoCard() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let analysis = use_analysis();
    let count = workspace.has_data();
    let progress = RwSignal::new(None::<(f32, String)>);
    let done = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // `?customers=N` sizes the demo (for demos and benchmarks at scale); 5,000 by default.
    let query = use_query_map();
    let customers = query
        .with_untracked(|q| q.get("customers").and_then(|v| v.parse::<u32>().ok()))
        .map_or(5_000, |n| n.clamp(1, crate::demo::MAX_CUSTOMERS as u32));
    let room = RwSignal::new(None::<String>);
    let start = move |checked: bool| {
        if progress.get_untracked().is_some() {
            return;
        }
        error.set(None);
        progress.set(Some((0.0, "generating".into())));
        spawn_local(async move {
            // Warn first when the browser may not have room for it (nothing is written then).
            if !checked {
                let need = u64::from(customers) * actions::DEMO_BYTES_PER_CUSTOMER;
                if let Some(warning) = actions::room_warning(need).await {
                    progress.set(None);
                    room.set(Some(warning));
                    return;
                }
            }
            let result = actions::load_demo(workspace, analysis, customers, move |f, stage| {
                progress.set(Some((f, stage.to_string())))
            })
            .await;
            progress.set(None);
            match result {
                Ok(()) => done.set(true),
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    // `/import?demo=1` (the empty states' "Load demo data") starts at once on an empty workspace.
    let auto = query.with_untracked(|q| q.get("demo").as_deref() == Some("1"));
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let empty = matches!(count.get(), Some(Ok(Some(false))));
        if auto && empty && matches!(workspace.status(), DbStatus::Ready { .. }) {
            start(false);
            return true;
        }
        false
    });
    let cancel = move |_| analysis.client().cancel_all();
    let stage_label = move |stage: &str| match stage {
        "writing" => i18n.t(ImportText::Writing),
        _ => i18n.t(ImportText::Generating),
    };
    view! {
        <section class="card demo-card" data-testid="demo-card">
            <h2>{move || i18n.t(ImportText::DemoTitle)}</h2>
            <p>{move || i18n.t(ImportText::DemoBody)}</p>
            {move || match (progress.get(), done.get()) {
                (Some((fraction, stage)), _) => view! {
                    <ProgressBar fraction=Signal::derive(move || fraction) label=Signal::derive(move || stage_label(&stage).to_string())/>
                    <button class="button" data-testid="cancel-demo" on:click=cancel>{move || i18n.t(ImportText::Cancel)}</button>
                }.into_any(),
                (None, true) => view! {
                    <p class="status status--ok" role="status" data-testid="demo-loaded">{move || i18n.t(ImportText::DemoLoaded)}</p>
                    <A href="/" attr:class="button button--primary">{move || i18n.t(ImportText::GoToDashboard)}</A>
                }.into_any(),
                (None, false) => {
                    let has_customers = matches!(count.get(), Some(Ok(Some(true))));
                    if has_customers {
                        view! {
                            <p class="muted">{move || i18n.t(ImportText::DemoNotEmpty)}</p>
                            <button class="button" data-testid="demo-workspace" on:click=move |_| {
                                let name = i18n.t(ImportText::DemoWorkspaceName).to_string();
                                spawn_local(async move {
                                    if let Err(e) = actions::create_workspace(name).await {
                                        error.set(Some(e.message));
                                    }
                                });
                            }>{move || i18n.t(ImportText::NewDemoWorkspace)}</button>
                        }.into_any()
                    } else {
                        view! {
                            <button class="button button--primary" data-testid="load-demo" on:click=move |_| start(false)>{move || i18n.t(Msg::LoadDemoData)}</button>
                        }.into_any()
                    }
                }
            }}
            <RoomWarning warning=room on_proceed=Callback::new(move |_| start(true))/>
            {move || error.get().map(|e| view! { <p class="inline-error" role="alert" data-testid="demo-error">{e}</p> })}
        </section>
    }
}

#[component]
fn ImportHistory() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let batches = LocalResource::new(move || {
        workspace.revision();
        let ready = matches!(workspace.status(), DbStatus::Ready { .. });
        async move {
            if ready {
                actions::import_batches(workspace).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let confirming = RwSignal::new(None::<(String, String)>);
    let error = RwSignal::new(None::<String>);
    let reverting = RwSignal::new(false);
    let revert = move |_| {
        let Some((id, _)) = confirming.get_untracked() else {
            return;
        };
        if reverting.get_untracked() {
            return;
        }
        reverting.set(true);
        error.set(None);
        spawn_local(async move {
            match actions::revert_import(workspace, id).await {
                Ok(()) => confirming.set(None),
                Err(e) => {
                    // Reverted meanwhile (another tab): the list shows it; say so.
                    confirming.set(None);
                    error.set(Some(e.message));
                }
            }
            reverting.set(false);
        });
    };
    view! {
        <section class="card" data-testid="import-history">
            <h2>{move || i18n.t(ImportText::History)}</h2>
            <p class="muted small">{move || i18n.t(ImportText::HistoryHelp)}</p>
            <Transition fallback=move || view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }>
                {move || batches.get().map(|r| match r {
                    Err(e) => view! { <p class="inline-error" role="alert">{e.message}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted" data-testid="no-imports">{move || i18n.t(ImportText::NoImports)}</p> }.into_any(),
                    Ok(list) => {
                        let locale = i18n.locale();
                        view! {
                            <div class="table-scroll">
                                <table class="data-table" data-testid="batch-table">
                                    <thead><tr>
                                        <th scope="col">{i18n.t(ImportText::File)}</th>
                                        <th scope="col">{i18n.t(ImportText::When)}</th>
                                        <th scope="col" class="num">{i18n.t(ImportText::Rows)}</th>
                                        <th scope="col" class="num">{i18n.t(ImportText::Stored)}</th>
                                        <th scope="col" class="num">{i18n.t(ImportText::Skipped)}</th>
                                        <th scope="col"></th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|b| {
                                            let when = chrono::DateTime::parse_from_rfc3339(&b.imported_at)
                                                .map(|d| format::date(d.date_naive(), locale))
                                                .unwrap_or_else(|_| b.imported_at.clone());
                                            let pending = (b.id.clone(), b.file_name.clone());
                                            view! {
                                                <tr data-testid="batch-row" class:muted=b.reverted>
                                                    <th scope="row">{b.file_name.clone()}</th>
                                                    <td>{when}</td>
                                                    <td class="num">{format::count(b.rows, locale)}</td>
                                                    <td class="num">{format::count(b.stored, locale)}</td>
                                                    <td class="num">{format::count(b.skipped, locale)}</td>
                                                    <td class="actions">
                                                        {if b.reverted {
                                                            view! { <span class="badge badge--exited">{i18n.t(ImportText::Reverted)}</span> }.into_any()
                                                        } else {
                                                            view! { <button class="button button--quiet" data-testid="revert-batch" on:click=move |_| confirming.set(Some(pending.clone()))>{i18n.t(ImportText::Revert)}</button> }.into_any()
                                                        }}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                })}
            </Transition>
            {move || confirming.get().map(|(_, file)| view! {
                <div class="confirm" role="alertdialog" data-testid="confirm-revert">
                    <p><strong>{fill(i18n.t(ImportText::ConfirmRevert), &[("file", &file)])}</strong></p>
                    <div class="form__actions">
                        <button class="button button--danger" data-testid="confirm-revert-yes" on:click=revert disabled=move || reverting.get()>
                            {move || if reverting.get() { i18n.t(ImportText::Reverting) } else { i18n.t(ImportText::YesRevert) }}
                        </button>
                        <button class="button" on:click=move |_| confirming.set(None) disabled=move || reverting.get()>{move || i18n.t(ImportText::No)}</button>
                    </div>
                </div>
            })}
            {move || error.get().map(|e| view! { <p class="inline-error" role="alert" data-testid="revert-error">{e}</p> })}
        </section>
    }
}
