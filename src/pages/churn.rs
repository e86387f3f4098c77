//! The Churn page.

use crate::components::{DataArea, PageHeader};
use crate::i18n::Msg;
use leptos::prelude::*;

/// The Churn page.
#[component]
pub fn ChurnPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavChurn intro=Msg::ChurnIntro/>
        <DataArea>
            <p class="muted">{"\u{2014}"}</p>
        </DataArea>
    }
}
