//! The honest empty state of a page: what is missing and the real way to get it.

use crate::i18n::Msg;
use crate::state::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;

/// A call to action: a label and where it leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Action {
    pub label: Msg,
    pub href: &'static str,
    pub primary: bool,
}

/// An empty data area with its sentence and calls to action.
#[component]
pub fn EmptyState(
    /// The sentence saying what is missing.
    message: Msg,
    /// An optional second sentence explaining what the page will show.
    #[prop(default = None)]
    detail: Option<Msg>,
    /// The ways forward, most useful first.
    actions: Vec<Action>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="empty-state" data-testid="empty-state">
            <svg class="empty-state__art" viewBox="0 0 120 80" aria-hidden="true">
                <rect x="8" y="44" width="18" height="28" rx="3" class="bar bar--1"></rect>
                <rect x="34" y="30" width="18" height="42" rx="3" class="bar bar--2"></rect>
                <rect x="60" y="16" width="18" height="56" rx="3" class="bar bar--3"></rect>
                <rect x="86" y="36" width="18" height="36" rx="3" class="bar bar--4"></rect>
            </svg>
            <p class="empty-state__message">{move || i18n.t(message)}</p>
            {detail.map(|d| view! { <p class="empty-state__detail">{move || i18n.t(d)}</p> })}
            <div class="empty-state__actions">
                {actions
                    .into_iter()
                    .map(|a| {
                        let class = if a.primary { "button button--primary" } else { "button" };
                        view! { <A href=a.href attr:class=class>{move || i18n.t(a.label)}</A> }
                    })
                    .collect_view()}
            </div>
        </section>
    }
}
