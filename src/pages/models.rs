//! The Models page.

use crate::components::{DataArea, PageHeader};
use crate::i18n::Msg;
use leptos::prelude::*;

/// The Models page.
#[component]
pub fn ModelsPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavModels intro=Msg::ModelsIntro/>
        <DataArea>
            <p class="muted">{"\u{2014}"}</p>
        </DataArea>
    }
}
