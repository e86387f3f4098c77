//! How much the browser lets the app keep, and whether it promised not to clear it. Works in
//! the page and in the worker (both have `navigator.storage`).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the browser reports about this origin's storage; `None` where it reports nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StorageUsage {
    pub persisted: Option<bool>,
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
}

impl StorageUsage {
    /// Bytes the browser may still grant, when it says.
    pub fn free_bytes(&self) -> Option<f64> {
        Some((self.quota_bytes? - self.usage_bytes.unwrap_or(0.0)).max(0.0))
    }
}

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("navigator")).ok()?;
    // `navigator.storage` is missing on insecure origins and old browsers.
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    storage.dyn_into::<web_sys::StorageManager>().ok()
}

async fn promise_bool(promise: Result<js_sys::Promise, JsValue>) -> Option<bool> {
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

/// When a write of about `need` bytes may not fit: the estimate that says so.
pub async fn short_of_room(need: u64) -> Option<StorageUsage> {
    let u = usage().await;
    let free = u.free_bytes()?;
    // Below 1.5 times the estimate: IndexedDB keeps some overhead per record and the
    // estimate itself is rounded by the browser.
    (free < need as f64 * 1.5).then_some(u)
}
