//! The data area of a page: loading, the empty state when the workspace has no
//! customers yet, or the page's content; load failures render here, inside the page.

use crate::components::empty_state::{Action, EmptyState};
use crate::i18n::Msg;
use crate::state::{use_i18n, use_workspace};
use leptos::prelude::*;

/// The standard calls to action of an empty workspace.
pub fn bring_data_in() -> Vec<Action> {
    vec![
        Action {
            label: Msg::LoadDemoData,
            href: "/import?demo=1",
            primary: true,
        },
        Action {
            label: Msg::ImportAFile,
            href: "/import",
            primary: false,
        },
        Action {
            label: Msg::AddACustomer,
            href: "/customers/new",
            primary: false,
        },
    ]
}

/// Renders `children` once the workspace has customers; otherwise its empty state.
#[component]
pub fn DataArea(
    /// A second sentence for the empty state, saying what this page will show.
    #[prop(optional)]
    empty_detail: Option<Msg>,
    /// The page's content, shown when there are customers.
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = use_workspace().has_data();
    let children = StoredValue::new(children);
    view! {
        <div class="data-area" data-testid="data-area">
            <Transition fallback=move || view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }>
                {move || {
                    count
                        .get()
                        .map(|result| match result {
                            Err(err) => view! { <p class="inline-error" role="alert">{err.message}</p> }.into_any(),
                            Ok(None) => view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
                            Ok(Some(false)) => view! {
                                <EmptyState message=Msg::EmptyNoCustomers detail=empty_detail actions=bring_data_in()/>
                            }.into_any(),
                            Ok(Some(true)) => children.with_value(|c| c()).into_any(),
                        })
                }}
            </Transition>
        </div>
    }
}
