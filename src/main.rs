//! The browser entry point: mounts `<App/>`, nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The same module also runs in the background worker, which has no page to mount
    // on; there `worker_main` takes over (see public/worker.js).
    if web_sys::window().is_none() {
        return;
    }
    leptos::mount::mount_to_body(customer_insight::app::App);
}

/// The app is a browser program; natively this binary does nothing (the
/// native tool is `insight`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Customer Insight runs in the browser: `make run` builds and serves it. The native tool is `insight`.");
}
