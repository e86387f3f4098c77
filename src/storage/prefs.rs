//! Preferences of this browser (not of a workspace), kept in `localStorage`.

const LOCALE_KEY: &str = "customer-insight.locale";

pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The remembered language tag, if any.
pub fn locale() -> Option<String> {
    local_storage().and_then(|s| s.get_item(LOCALE_KEY).ok().flatten())
}

/// Remembers the language tag; failing to remember only means the browser's language next time.
pub fn set_locale(tag: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(LOCALE_KEY, tag);
    }
}
