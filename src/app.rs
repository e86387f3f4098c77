//! The application shell: contexts, the router, the header and navigation, and the
//! service worker that keeps the app working offline.

use crate::components::StatusBanner;
use crate::i18n::Msg;
use crate::pages::{
    campaigns::CampaignsPage,
    churn::ChurnPage,
    cohorts::CohortsPage,
    customer_profile::{CustomerProfilePage, NewCustomerPage},
    customers::CustomersPage,
    dashboard::DashboardPage,
    import::ImportPage,
    managers::ManagersPage,
    models::ModelsPage,
    not_found::NotFoundPage,
    planning::PlanningPage,
    settings::SettingsPage,
};
use crate::state::{
    provide_analysis, provide_i18n, provide_workspace, use_i18n, use_workspace, DbStatus,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

/// Every page of the product, in navigation order: (path, label, icon).
pub const PAGES: [(&str, Msg, &str); 10] = [
    ("/", Msg::NavDashboard, "M3 13h8V3H3zm0 8h8v-6H3zm10 0h8V11h-8zm0-18v6h8V3z"),
    ("/customers", Msg::NavCustomers, "M16 11a4 4 0 1 0-4-4 4 4 0 0 0 4 4zm-8 0a3 3 0 1 0-3-3 3 3 0 0 0 3 3zm0 2c-2.3 0-7 1.2-7 3.5V19h7v-2.5c0-.9.4-1.8 1.1-2.5A11 11 0 0 0 8 13zm8 0c-2.7 0-8 1.3-8 4v2h16v-2c0-2.7-5.3-4-8-4z"),
    ("/managers", Msg::NavManagers, "M12 12a5 5 0 1 0-5-5 5 5 0 0 0 5 5zm0 2c-3.3 0-10 1.7-10 5v3h20v-3c0-3.3-6.7-5-10-5z"),
    ("/campaigns", Msg::NavCampaigns, "M3 10v4h3l5 5V5L6 10zm13.5 2A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"),
    ("/import", Msg::NavImport, "M19 9h-4V3H9v6H5l7 7zM5 18v2h14v-2z"),
    ("/churn", Msg::NavChurn, "M16 18l2.3-2.3-4.9-4.9-4 4L2 7.4 3.4 6l6 6 4-4 6.3 6.3L22 12v6z"),
    ("/cohorts", Msg::NavCohorts, "M3 3h5v5H3zm6.5 0h5v5h-5zM16 3h5v5h-5zM3 9.5h5v5H3zm6.5 0h5v5h-5zM3 16h5v5H3z"),
    ("/models", Msg::NavModels, "M3 17l6-6 4 4 8-8v3h2V3h-7v2h3l-6 6-4-4-8 8z"),
    ("/planning", Msg::NavPlanning, "M19 3h-1V1h-2v2H8V1H6v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2zm0 16H5V8h14z"),
    ("/settings", Msg::NavSettings, "M19.4 13a7.6 7.6 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.3 7.3 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.3 7.3 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.6 7.6 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.3 7.3 0 0 0 1.7 1L11 21h4l.4-2.9a7.3 7.3 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 3.5-3.5 3.5 3.5 0 0 1-3.5 3.5z"),
];

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_workspace(Msg::DefaultWorkspaceName);
    provide_analysis();
    register_service_worker();
    view! {
        <Router>
            <Shell/>
        </Router>
    }
}

/// Header, navigation and the routed page.
#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let menu_open = RwSignal::new(false);
    let workspace_name = move || match workspace.status() {
        DbStatus::Ready { workspace, .. } => workspace.name,
        _ => String::new(),
    };

    view! {
        <a class="skip-link" href="#main">{move || i18n.t(Msg::SkipToContent)}</a>
        <header class="app-header">
            <button
                class="menu-toggle"
                aria-controls="app-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)
                data-testid="menu-toggle"
            >
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"></path></svg>
                <span class="visually-hidden">{move || i18n.t(Msg::OpenMenu)}</span>
            </button>
            <A href="/" attr:class="brand">
                <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
                    <path d="M16 3 29 27H3z" class="brand__pyramid"></path>
                    <path d="M16 3l4.3 8h-8.6z" class="brand__gold"></path>
                </svg>
                <span class="brand__name" data-testid="app-name">{move || i18n.t(Msg::AppName)}</span>
            </A>
            <span class="workspace-chip" title=move || i18n.t(Msg::WorkspaceLabel) data-testid="workspace-name">
                {workspace_name}
            </span>
            <span class="privacy-note">
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 1 3 5v6c0 5.6 3.8 10.7 9 12 5.2-1.3 9-6.4 9-12V5z"></path></svg>
                {move || i18n.t(Msg::PrivacyNote)}
            </span>
        </header>
        <div class="app-body">
            <nav
                id="app-nav"
                class="app-nav"
                class:app-nav--open=move || menu_open.get()
                aria-label=move || i18n.t(Msg::MainNavigation)
                // Following a link on a phone closes the menu.
                on:click=move |_| menu_open.set(false)
            >
                <ul>
                    {PAGES
                        .into_iter()
                        .map(|(href, label, icon)| view! {
                            <li>
                                <A href=href exact=true>
                                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d=icon></path></svg>
                                    <span>{move || i18n.t(label)}</span>
                                </A>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" class="app-main" tabindex="-1">
                <StatusBanner/>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=DashboardPage/>
                    <Route path=path!("/customers") view=CustomersPage/>
                    <Route path=path!("/customers/new") view=NewCustomerPage/>
                    <Route path=path!("/customers/:id") view=CustomerProfilePage/>
                    <Route path=path!("/managers") view=ManagersPage/>
                    <Route path=path!("/campaigns") view=CampaignsPage/>
                    <Route path=path!("/import") view=ImportPage/>
                    <Route path=path!("/churn") view=ChurnPage/>
                    <Route path=path!("/cohorts") view=CohortsPage/>
                    <Route path=path!("/models") view=ModelsPage/>
                    <Route path=path!("/planning") view=PlanningPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </Routes>
            </main>
        </div>
    }
}

/// Registers the service worker that precaches the built assets, so the app loads
/// with the network off after one visit. Failing to register only loses offline use.
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let promise = navigator.service_worker().register("/sw.js");
    leptos::task::spawn_local(async move {
        if let Err(err) = wasm_bindgen_futures::JsFuture::from(promise).await {
            web_sys::console::warn_2(
                &"Offline use is unavailable: the service worker did not register.".into(),
                &err,
            );
        }
    });
}
