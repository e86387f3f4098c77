//! Shows part of a page in a task after the one that builds the page, so a long page (the
//! Dashboard of 100,000 customers) is built in two shorter tasks rather than one that
//! freezes the page: the part above the fold first, the rest a moment later.

use leptos::prelude::*;

/// Renders `children` once the task that mounted it is over.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let shown = RwSignal::new(false);
    Effect::new(move |_| {
        gloo_timers::callback::Timeout::new(0, move || {
            // The page may have moved on (the signal is then gone).
            let _ = shown.try_set(true);
        })
        .forget();
    });
    move || shown.get().then(|| children())
}
