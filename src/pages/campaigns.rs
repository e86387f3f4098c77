//! The Campaigns page.

use crate::components::{DataArea, PageHeader};
use crate::i18n::Msg;
use leptos::prelude::*;

/// The Campaigns page.
#[component]
pub fn CampaignsPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavCampaigns intro=Msg::CampaignsIntro/>
        <DataArea empty_detail=Msg::CampaignsEmpty>
            <p class="muted">{"\u{2014}"}</p>
        </DataArea>
    }
}
