//! A scrolling list that renders only the rows in view, so a table of 100,000
//! customers scrolls as smoothly as one of a hundred.

use leptos::html::Div;
use leptos::prelude::*;

/// Rows drawn beyond each edge of the view, so fast scrolling shows no gaps.
const OVERSCAN: usize = 8;

/// A virtualised list of fixed-height rows.
#[component]
pub fn VirtualRows<F, V>(
    /// How many rows there are.
    #[prop(into)]
    count: Signal<usize>,
    /// Each row's height in pixels (rows must not be taller).
    row_height: f64,
    /// Draws row `i`.
    render: F,
    /// An accessible name for the list.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView
where
    F: Fn(usize) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(640.0f64);
    let node = NodeRef::<Div>::new();
    let measure = move |el: &web_sys::HtmlElement| {
        scroll_top.set(f64::from(el.scroll_top()));
        let h = f64::from(el.client_height());
        if h > 0.0 && (h - viewport.get_untracked()).abs() >= 1.0 {
            viewport.set(h);
        }
    };
    // Measured once laid out and on every resize; scrolling measures again.
    crate::components::resize::follow_size(node, measure);
    // A new selection starts at the top.
    Effect::new(move |_| {
        count.track();
        // Only when scrolled: setting it forces a layout, costly while the page is built.
        if scroll_top.get_untracked() != 0.0 {
            if let Some(el) = node.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        }
    });
    let range = move || {
        let n = count.get();
        let first = (scroll_top.get() / row_height).floor() as usize;
        let visible = (viewport.get() / row_height).ceil() as usize + 1;
        let start = first.saturating_sub(OVERSCAN).min(n);
        let end = (first + visible + OVERSCAN).min(n);
        start..end
    };
    view! {
        <div
            class="vrows"
            node_ref=node
            on:scroll=move |_| {
                if let Some(el) = node.get_untracked() {
                    measure(&el);
                }
            }
            role="rowgroup"
            aria-label=move || label.get()
            tabindex="0"
        >
            <div class="vrows__spacer" style:height=move || format!("{}px", count.get() as f64 * row_height)>
                {move || {
                    range()
                        .map(|i| {
                            view! {
                                <div class="vrows__row" style:transform=format!("translateY({}px)", i as f64 * row_height)>
                                    {render(i)}
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </div>
    }
}
