//! Tabs (and workers) on the same workspace tell each other about changes through a
//! `BroadcastChannel`, so a change in one appears in the others.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

const CHANNEL: &str = "customer-insight";

/// A change notice: which database, and its revision after the change.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub database: String,
    pub revision: u64,
}

/// Tells every other tab and worker that `database` is now at `revision`.
pub fn announce(database: &str, revision: u64) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"database".into(), &JsValue::from_str(database));
    let _ = js_sys::Reflect::set(
        &message,
        &"revision".into(),
        &JsValue::from_f64(revision as f64),
    );
    let _ = channel.post_message(&message);
    channel.close();
}

/// Listens for notices from other tabs; keep the returned guard alive while listening.
pub struct Listener {
    channel: web_sys::BroadcastChannel,
    _closure: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// Calls `on_notice` for each change another tab or worker announces.
pub fn listen(mut on_notice: impl FnMut(Notice) + 'static) -> Option<Listener> {
    let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
    let closure =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let database = js_sys::Reflect::get(&data, &"database".into())
                .ok()
                .and_then(|v| v.as_string());
            let revision = js_sys::Reflect::get(&data, &"revision".into())
                .ok()
                .and_then(|v| v.as_f64());
            if let (Some(database), Some(revision)) = (database, revision) {
                on_notice(Notice {
                    database,
                    revision: revision as u64,
                });
            }
        });
    channel.set_onmessage(Some(closure.as_ref().unchecked_ref()));
    Some(Listener {
        channel,
        _closure: closure,
    })
}
