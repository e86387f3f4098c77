//! How much the browser lets the app keep, and whether it promised not to clear it.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the browser reports about this origin's storage; `None` where it reports nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StorageUsage {
    pub persisted: Option<bool>,
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
}

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.storage` is missing on insecure origins and old browsers.
    let has = js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false);
    has.then(|| navigator.storage())
}

async fn promise_bool(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<bool> {
    JsFuture::from(promise.ok()?).await.ok()?.as_bool()
}

/// Reads persistence and the usage estimate.
pub async fn usage() -> StorageUsage {
    let Some(manager) = manager() else {
        return StorageUsage::default();
    };
    let persisted = promise_bool(manager.persisted()).await;
    let mut out = StorageUsage {
        persisted,
        ..Default::default()
    };
    if let Ok(promise) = manager.estimate() {
        if let Ok(value) = JsFuture::from(promise).await {
            // A dictionary, not a class: no instanceof check is possible.
            let estimate = value.unchecked_into::<web_sys::StorageEstimate>();
            out.usage_bytes = estimate.get_usage();
            out.quota_bytes = estimate.get_quota();
        }
    }
    out
}

/// Asks the browser to keep this origin's data; returns whether it agreed.
pub async fn request_persistence() -> Option<bool> {
    promise_bool(manager()?.persist()).await
}
