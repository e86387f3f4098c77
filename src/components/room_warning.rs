//! The warning before a big write the browser may not have room for: what it needs, what the
//! browser says is left, and the choice to go ahead or not.

use crate::i18n::StorageText;
use crate::state::use_i18n;
use leptos::prelude::*;

/// Shows `warning` (when set) with "Go ahead anyway" (calls `on_proceed`) and "Not now"
/// (clears it).
#[component]
pub fn RoomWarning(
    /// The sentence to show; `None` hides the warning.
    warning: RwSignal<Option<String>>,
    /// Starts the write after all.
    on_proceed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        warning.get().map(|text| {
            view! {
                <div class="notice notice--warning" role="alert" data-testid="room-warning">
                    <p>{text}</p>
                    <div class="notice__actions">
                        <button class="button button--primary" data-testid="room-proceed" on:click=move |_| {
                            warning.set(None);
                            on_proceed.run(());
                        }>{move || i18n.t(StorageText::RoomProceed)}</button>
                        <button class="button" data-testid="room-cancel" on:click=move |_| warning.set(None)>
                            {move || i18n.t(StorageText::RoomCancel)}
                        </button>
                    </div>
                </div>
            }
        })
    }
}
