//! Offering a file to the person: a temporary `<a download>` clicked on their behalf. The
//! bytes never leave the browser; an object URL points at them until the download starts.

use wasm_bindgen::JsCast;

/// Offers `url` (a data or object URL) as a download named `file_name`.
pub fn offer_url(url: &str, file_name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let Ok(anchor) = document
        .create_element("a")
        .map(|a| a.unchecked_into::<web_sys::HtmlAnchorElement>())
    else {
        return;
    };
    anchor.set_href(url);
    anchor.set_download(file_name);
    let _ = anchor.set_attribute("hidden", "");
    if body.append_child(&anchor).is_ok() {
        anchor.click();
        anchor.remove();
    }
}

/// Offers `bytes` as a download named `file_name` of type `mime`. The object URL is
/// revoked a minute later, once the browser has taken the file.
pub fn offer_bytes(bytes: &[u8], mime: &str, file_name: &str) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not hold the file in memory".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused to offer the file".to_string())?;
    offer_url(&url, file_name);
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
