//! The page's side of the worker: starts it (running the app's own wasm module), sends
//! jobs, routes progress and results back, and cancels by terminating it — an
//! interrupted IndexedDB transaction is rolled back, so nothing is half-written.

use crate::worker::protocol::{Request, Response};
use futures_channel::oneshot;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// What a finished job gives back.
#[derive(Debug)]
pub enum Outcome {
    /// Packed result parts (an analysis: a head and chunks of rows).
    Parts(Vec<Vec<u8>>),
    /// A write finished at this revision.
    Done(u64),
}

type ProgressFn = Box<dyn Fn(f32, &str)>;

struct Job {
    on_progress: ProgressFn,
    done: Option<oneshot::Sender<Result<Outcome, String>>>,
}

#[derive(Default)]
struct Inner {
    worker: RefCell<Option<web_sys::Worker>>,
    ready: Cell<bool>,
    queued: RefCell<Vec<JsValue>>,
    next_job: Cell<u32>,
    jobs: RefCell<HashMap<u32, Job>>,
    handler: RefCell<Option<Closure<dyn FnMut(web_sys::MessageEvent)>>>,
    on_error: RefCell<Option<Closure<dyn FnMut(web_sys::ErrorEvent)>>>,
}

/// A handle on the (lazily started) worker.
#[derive(Clone, Default)]
pub struct WorkerClient {
    inner: Rc<Inner>,
}

const CANCELLED: &str = "Cancelled: nothing was changed.";

impl WorkerClient {
    /// Runs a request built from its job number; `on_progress` hears about its stages.
    pub async fn run(
        &self,
        request: impl FnOnce(u32) -> Request,
        on_progress: impl Fn(f32, &str) + 'static,
    ) -> Result<Outcome, String> {
        let job = self.inner.next_job.get().wrapping_add(1);
        self.inner.next_job.set(job);
        let (tx, rx) = oneshot::channel();
        self.inner.jobs.borrow_mut().insert(
            job,
            Job {
                on_progress: Box::new(on_progress),
                done: Some(tx),
            },
        );
        let message = serde_wasm_bindgen::to_value(&request(job)).map_err(|e| e.to_string())?;
        self.send(message)?;
        rx.await.unwrap_or_else(|_| Err(CANCELLED.to_string()))
    }

    /// Stops every running job: the worker is terminated (its open database transactions
    /// roll back) and a fresh one starts with the next job.
    pub fn cancel_all(&self) {
        if let Some(worker) = self.inner.worker.borrow_mut().take() {
            worker.terminate();
        }
        self.inner.ready.set(false);
        self.inner.queued.borrow_mut().clear();
        let jobs: Vec<Job> = self
            .inner
            .jobs
            .borrow_mut()
            .drain()
            .map(|(_, j)| j)
            .collect();
        for mut job in jobs {
            if let Some(done) = job.done.take() {
                let _ = done.send(Err(CANCELLED.to_string()));
            }
        }
    }

    fn send(&self, message: JsValue) -> Result<(), String> {
        self.ensure_started()?;
        if self.inner.ready.get() {
            if let Some(worker) = self.inner.worker.borrow().as_ref() {
                worker
                    .post_message(&message)
                    .map_err(|e| format!("{e:?}"))?;
            }
        } else {
            self.inner.queued.borrow_mut().push(message);
        }
        Ok(())
    }

    fn ensure_started(&self) -> Result<(), String> {
        if self.inner.worker.borrow().is_some() {
            return Ok(());
        }
        let (js, wasm) = module_urls().ok_or_else(|| {
            "The app's files could not be located, so background work cannot start. Reload the page.".to_string()
        })?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options("/worker.js", &options)
            .map_err(|e| format!("The background worker could not start: {e:?}"))?;

        let weak = Rc::downgrade(&self.inner);
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if let Some(inner) = weak.upgrade() {
                    on_message(&inner, event.data());
                }
            },
        );
        worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        let weak = Rc::downgrade(&self.inner);
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                if let Some(inner) = weak.upgrade() {
                    fail_all(
                        &inner,
                        &format!("The background worker stopped: {}", event.message()),
                    );
                }
            });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        let init = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&init, &"js".into(), &JsValue::from_str(&js));
        let _ = js_sys::Reflect::set(&init, &"wasm".into(), &JsValue::from_str(&wasm));
        worker.post_message(&init).map_err(|e| format!("{e:?}"))?;

        *self.inner.handler.borrow_mut() = Some(handler);
        *self.inner.on_error.borrow_mut() = Some(on_error);
        *self.inner.worker.borrow_mut() = Some(worker);
        Ok(())
    }
}

fn fail_all(inner: &Inner, message: &str) {
    let jobs: Vec<Job> = inner.jobs.borrow_mut().drain().map(|(_, j)| j).collect();
    for mut job in jobs {
        if let Some(done) = job.done.take() {
            let _ = done.send(Err(message.to_string()));
        }
    }
}

fn finish(inner: &Inner, job: u32, result: Result<Outcome, String>) {
    let entry = inner.jobs.borrow_mut().remove(&job);
    if let Some(mut entry) = entry {
        if let Some(done) = entry.done.take() {
            let _ = done.send(result);
        }
    }
}

fn on_message(inner: &Inner, data: JsValue) {
    let kind = js_sys::Reflect::get(&data, &"kind".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    match kind.as_str() {
        "boot_failed" => {
            let message = js_sys::Reflect::get(&data, &"message".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            fail_all(
                inner,
                &format!("The background worker could not load the app: {message}"),
            );
        }
        "analysis" | "holdout" | "import" | "loaded" => {
            let job = js_sys::Reflect::get(&data, &"job".into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0) as u32;
            let parts = js_sys::Reflect::get(&data, &"parts".into())
                .ok()
                .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
                .map(|list| list.iter().filter_map(|p| p.dyn_into::<js_sys::Uint8Array>().ok()).map(|a| a.to_vec()).collect())
                .unwrap_or_default();
            finish(inner, job, Ok(Outcome::Parts(parts)));
        }
        _ => match serde_wasm_bindgen::from_value::<Response>(data) {
            Ok(Response::Ready) => {
                inner.ready.set(true);
                let queued: Vec<JsValue> = inner.queued.borrow_mut().drain(..).collect();
                if let Some(worker) = inner.worker.borrow().as_ref() {
                    for message in queued {
                        let _ = worker.post_message(&message);
                    }
                }
            }
            Ok(Response::Progress {
                job,
                fraction,
                stage,
            }) => {
                if let Some(entry) = inner.jobs.borrow().get(&job) {
                    (entry.on_progress)(fraction, &stage);
                }
            }
            Ok(Response::Done { job, revision }) => finish(inner, job, Ok(Outcome::Done(revision))),
            Ok(Response::Failed { job, message }) => finish(inner, job, Err(message)),
            Err(err) => {
                web_sys::console::error_1(&format!("worker message not understood: {err}").into())
            }
        },
    }
}

/// The URLs of the app's JS glue and wasm, as Trunk linked them in the page.
fn module_urls() -> Option<(String, String)> {
    let document = web_sys::window()?.document()?;
    let js = document
        .query_selector("link[rel=modulepreload]")
        .ok()??
        .get_attribute("href")?;
    let wasm = document
        .query_selector("link[rel=preload][as=fetch]")
        .ok()??
        .get_attribute("href")?;
    Some((js, wasm))
}
