//! The Cohorts page.

use crate::components::{DataArea, PageHeader};
use crate::i18n::Msg;
use leptos::prelude::*;

/// The Cohorts page.
#[component]
pub fn CohortsPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavCohorts intro=Msg::CohortsIntro/>
        <DataArea>
            <p class="muted">{"\u{2014}"}</p>
        </DataArea>
    }
}
