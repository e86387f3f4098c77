//! The Customers page.

use crate::components::{DataArea, PageHeader};
use crate::i18n::Msg;
use leptos::prelude::*;

/// The Customers page.
#[component]
pub fn CustomersPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavCustomers intro=Msg::CustomersIntro/>
        <DataArea>
            <p class="muted">{"\u{2014}"}</p>
        </DataArea>
    }
}
