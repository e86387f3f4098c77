//! The Import page: bring data in from a file, or start from the demo company.

use crate::components::PageHeader;
use crate::i18n::Msg;
use leptos::prelude::*;

/// The Import page.
#[component]
pub fn ImportPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavImport intro=Msg::ImportIntro/>
    }
}
