//! The Managers page.

use crate::components::{DataArea, PageHeader};
use crate::i18n::Msg;
use leptos::prelude::*;

/// The Managers page.
#[component]
pub fn ManagersPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavManagers intro=Msg::ManagersIntro/>
        <DataArea empty_detail=Msg::ManagersEmpty>
            <p class="muted">{"\u{2014}"}</p>
        </DataArea>
    }
}
