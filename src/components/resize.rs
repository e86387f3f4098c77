//! Following an element's size with a `ResizeObserver`: reported once the browser has laid
//! the element out, then on every change. Reading a size while a page is still being built
//! would force a layout of the whole page in the middle of building it (tens of
//! milliseconds with a large table); the observer reports after the layout the browser
//! does anyway.

use leptos::html::Div;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `on_resize` with the element once it is laid out and whenever its size changes
/// (at once, and only once, where the browser has no `ResizeObserver`). Stops when the
/// calling component is cleaned up.
pub fn follow_size(node: NodeRef<Div>, on_resize: impl Fn(&web_sys::HtmlElement) + 'static) {
    let on_resize = Rc::new(on_resize);
    let observer = StoredValue::new_local(None::<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>);
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        if observer.with_value(|o| o.is_some()) {
            return;
        }
        let el: web_sys::HtmlElement = el.into();
        let callback = {
            let (el, on_resize) = (el.clone(), on_resize.clone());
            Closure::<dyn FnMut()>::new(move || on_resize(&el))
        };
        match web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            Ok(obs) => {
                obs.observe(&el);
                observer.set_value(Some((obs, callback)));
            }
            Err(e) => {
                web_sys::console::warn_2(&"This element cannot follow its size:".into(), &e);
                on_resize(&el);
            }
        }
    });
    on_cleanup(move || {
        observer.try_update_value(|o| {
            if let Some((obs, _)) = o.take() {
                obs.disconnect();
            }
        });
    });
}
