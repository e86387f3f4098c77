//! The page for an address that matches no route.

use crate::i18n::{fill, Msg};
use crate::state::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// "Page not found", naming the address and the way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let path = use_location().pathname;
    Effect::new(move |_| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!(
                "{} · {}",
                i18n.t(Msg::NotFoundTitle),
                i18n.t(Msg::AppName)
            ));
        }
    });
    view! {
        <header class="page-header">
            <h1 data-testid="page-title">{move || i18n.t(Msg::NotFoundTitle)}</h1>
        </header>
        <section class="empty-state" data-testid="not-found">
            <p class="empty-state__message">{move || fill(i18n.t(Msg::NotFoundBody), &[("path", &path.get())])}</p>
            <div class="empty-state__actions">
                <A href="/" attr:class="button button--primary">{move || i18n.t(Msg::BackToDashboard)}</A>
            </div>
        </section>
    }
}
