//! A page's title and one-line purpose; it also sets the document title.

use crate::i18n::Msg;
use crate::state::use_i18n;
use leptos::prelude::*;

/// The heading of a page.
#[component]
pub fn PageHeader(
    /// The page's name, as in the navigation.
    title: Msg,
    /// One sentence saying what the page answers.
    intro: Msg,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let text = format!("{} · {}", i18n.t(title), i18n.t(Msg::AppName));
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&text);
        }
    });
    view! {
        <header class="page-header">
            <h1 data-testid="page-title">{move || i18n.t(title)}</h1>
            <p class="page-intro">{move || i18n.t(intro)}</p>
        </header>
    }
}
