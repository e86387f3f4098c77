//! A progress bar with its label.

use leptos::prelude::*;

/// Progress from 0 to 1 with a sentence.
#[component]
pub fn ProgressBar(
    /// How far, 0 to 1.
    #[prop(into)]
    fraction: Signal<f32>,
    /// What is happening.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="progress" data-testid="progress">
            <div class="progress__label">{move || label.get()}</div>
            <div
                class="progress__track"
                role="progressbar"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || format!("{:.0}", fraction.get().clamp(0.0, 1.0) * 100.0)
                aria-label=move || label.get()
            >
                <div class="progress__fill" style:width=move || format!("{:.1}%", fraction.get().clamp(0.0, 1.0) * 100.0)></div>
            </div>
        </div>
    }
}
