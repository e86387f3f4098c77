//! The browser entry point: mounts `<App/>`, nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(customer_insight::app::App);
}

/// The app is a browser program; natively this binary does nothing (the
/// native tool is `insight`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Customer Insight runs in the browser: `make run` builds and serves it. The native tool is `insight`.");
}
