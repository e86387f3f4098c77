//! A banner above the page for problems that concern the whole app (the database could
//! not open, another tab upgraded it); the navigation stays usable.

use crate::i18n::Msg;
use crate::state::{use_i18n, use_workspace, DbStatus};
use leptos::prelude::*;

/// Shows the workspace database's trouble, if any, with the remedy.
#[component]
pub fn StatusBanner() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    move || match workspace.status() {
        DbStatus::Failed(err) => {
            let reload = err.reload;
            Some(view! {
                <div class="banner banner--error" role="alert" data-testid="status-banner">
                    <strong>{move || i18n.t(Msg::ErrorHeading)}</strong>
                    <p>{err.message.clone()}</p>
                    {reload.then(|| view! {
                        <button class="button" on:click=|_| {
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().reload();
                            }
                        }>{move || i18n.t(Msg::Reload)}</button>
                    })}
                </div>
            })
        }
        _ => None,
    }
}
