//! The Planning page.

use crate::components::{DataArea, PageHeader};
use crate::i18n::Msg;
use leptos::prelude::*;

/// The Planning page.
#[component]
pub fn PlanningPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavPlanning intro=Msg::PlanningIntro/>
        <DataArea>
            <p class="muted">{"\u{2014}"}</p>
        </DataArea>
    }
}
