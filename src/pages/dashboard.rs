//! The Dashboard page.

use crate::components::{DataArea, PageHeader};
use crate::i18n::Msg;
use leptos::prelude::*;

/// The Dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavDashboard intro=Msg::DashboardIntro/>
        <DataArea>
            <p class="muted">{"\u{2014}"}</p>
        </DataArea>
    }
}
