//! IndexedDB transactions whose end is never missed: a [`Tx`] listens for `complete` and
//! `abort` from the moment it is created, so [`Tx::done`] reports a commit only when the
//! browser committed, and an abort — which in Chromium is how a full quota shows, every
//! request having succeeded first — as an error with the browser's reason.
//!
//! Written on `web_sys` rather than through rexie: rexie's `Transaction::done` and `abort`
//! consume the transaction, attach their listeners only when awaited (a transaction that has
//! already ended then never resolves), and report an abort as success without its reason.
//! rexie still declares and upgrades the schema (see `schema`).

use super::classify;
pub use super::error::Mode;
use super::error::{StorageError, Subject};
use futures_channel::oneshot;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    DomException, IdbCursorDirection, IdbCursorWithValue, IdbDatabase, IdbKeyRange,
    IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode,
};

enum End {
    Committed,
    Aborted(Option<DomException>),
}

/// One IndexedDB transaction over named stores.
pub struct Tx {
    raw: IdbTransaction,
    subject: Subject,
    end: RefCell<Option<oneshot::Receiver<End>>>,
    cancelled: Cell<bool>,
    _on_complete: Closure<dyn FnMut()>,
    _on_abort: Closure<dyn FnMut()>,
}

impl Drop for Tx {
    fn drop(&mut self) {
        self.raw.set_oncomplete(None);
        self.raw.set_onabort(None);
    }
}

impl Tx {
    /// Starts a transaction over `stores`; `subject` names what it is about in errors.
    pub fn new(
        db: &IdbDatabase,
        stores: &[&str],
        mode: Mode,
        subject: Subject,
    ) -> Result<Tx, StorageError> {
        let names = js_sys::Array::new();
        for s in stores {
            names.push(&JsValue::from_str(s));
        }
        let idb_mode = match mode {
            Mode::Read => IdbTransactionMode::Readonly,
            Mode::Write => IdbTransactionMode::Readwrite,
        };
        let raw = db
            .transaction_with_str_sequence_and_mode(&names, idb_mode)
            .map_err(|e| classify::failure(&e, &subject, mode))?;
        let (sender, receiver) = oneshot::channel::<End>();
        let sender = Rc::new(RefCell::new(Some(sender)));
        let on_complete = {
            let sender = sender.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(s) = sender.borrow_mut().take() {
                    let _ = s.send(End::Committed);
                }
            })
        };
        let on_abort = {
            let raw = raw.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(s) = sender.borrow_mut().take() {
                    let _ = s.send(End::Aborted(raw.error()));
                }
            })
        };
        raw.set_oncomplete(Some(on_complete.as_ref().unchecked_ref()));
        raw.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
        Ok(Tx {
            raw,
            subject,
            end: RefCell::new(Some(receiver)),
            cancelled: Cell::new(false),
            _on_complete: on_complete,
            _on_abort: on_abort,
        })
    }

    /// What the transaction is about.
    pub fn subject(&self) -> &Subject {
        &self.subject
    }

    /// A store of the transaction.
    pub fn store(&self, name: &str) -> Result<Store<'_>, StorageError> {
        let raw = self
            .raw
            .object_store(name)
            .map_err(|e| classify::failure(&e, &self.subject, Mode::Write))?;
        Ok(Store { raw, tx: self })
    }

    /// Aborts the transaction because the action failed: nothing of it is kept.
    pub fn cancel(&self) {
        self.cancelled.set(true);
        // Throws only when the transaction has ended already (then nothing is pending).
        let _ = self.raw.abort();
    }

    /// Waits for the transaction's end: `Ok` once committed; an abort is an error with the
    /// browser's reason (a full quota with the space the browser reports).
    pub async fn done(self) -> Result<(), StorageError> {
        let Some(receiver) = self.end.borrow_mut().take() else {
            return Ok(());
        };
        match receiver.await {
            Ok(End::Committed) => Ok(()),
            Ok(End::Aborted(error)) => {
                let err = classify::abort(error.as_ref(), &self.subject, self.cancelled.get());
                Err(with_sizes(err).await)
            }
            Err(_) => Err(StorageError::Aborted {
                subject: self.subject.clone(),
                reason: "the transaction ended without a result".into(),
            }),
        }
    }

    fn fail(&self, e: Option<DomException>) -> StorageError {
        classify::request(e.as_ref(), &self.subject)
    }
}

/// Fills in the space the browser reports, for a quota error.
pub async fn with_sizes(err: StorageError) -> StorageError {
    match err {
        StorageError::QuotaExceeded {
            subject,
            usage: None,
            quota: None,
        } => {
            let u = super::quota::usage().await;
            StorageError::QuotaExceeded {
                subject,
                usage: u.usage_bytes.map(|b| b as u64),
                quota: u.quota_bytes.map(|b| b as u64),
            }
        }
        other => other,
    }
}

/// Runs `work` in a read-write transaction over `stores` and waits for the commit; if `work`
/// fails, the transaction is aborted and nothing of it is kept.
pub async fn write<T>(
    db: &IdbDatabase,
    stores: &[&str],
    subject: Subject,
    work: impl AsyncFnOnce(&Tx) -> Result<T, StorageError>,
) -> Result<T, StorageError> {
    write_then(db, stores, subject, work, |value| value).await
}

/// [`write`], doing `meanwhile` with what `work` returned once its requests are sent and
/// before waiting for the commit: the browser stores the data on its own threads while this
/// one computes. `meanwhile` must not touch the database, and its result is given only if
/// the transaction then commits (otherwise it is dropped, and the error returned).
pub async fn write_then<T, U>(
    db: &IdbDatabase,
    stores: &[&str],
    subject: Subject,
    work: impl AsyncFnOnce(&Tx) -> Result<T, StorageError>,
    meanwhile: impl FnOnce(T) -> U,
) -> Result<U, StorageError> {
    let tx = Tx::new(db, stores, Mode::Write, subject)?;
    match work(&tx).await {
        Ok(value) => {
            let out = meanwhile(value);
            tx.done().await?;
            Ok(out)
        }
        Err(err) => {
            tx.cancel();
            let _ = tx.done().await;
            Err(with_sizes(err).await)
        }
    }
}

/// A store within a [`Tx`].
pub struct Store<'a> {
    raw: IdbObjectStore,
    tx: &'a Tx,
}

impl Store<'_> {
    fn send(&self, request: Result<IdbRequest, JsValue>) -> Result<Request, StorageError> {
        match request {
            Ok(r) => Ok(Request::new(r)),
            Err(e) => Err(classify::failure(&e, &self.tx.subject, Mode::Write)),
        }
    }

    async fn value(&self, request: Result<IdbRequest, JsValue>) -> Result<JsValue, StorageError> {
        self.send(request)?.await.map_err(|e| self.tx.fail(e))
    }

    /// Sends a put without waiting for it (its failure aborts the transaction, which
    /// [`Tx::done`] reports).
    pub fn put(&self, value: &JsValue) -> Result<(), StorageError> {
        self.send(self.raw.put(value)).map(drop)
    }

    /// Sends a delete without waiting for it.
    pub fn delete(&self, key: &JsValue) -> Result<(), StorageError> {
        self.send(self.raw.delete(key)).map(drop)
    }

    /// Puts and waits for the browser to accept it.
    pub async fn put_now(&self, value: &JsValue) -> Result<(), StorageError> {
        self.value(self.raw.put(value)).await.map(drop)
    }

    /// The record under `key`, if any.
    pub async fn get(&self, key: &JsValue) -> Result<Option<JsValue>, StorageError> {
        let v = self.value(self.raw.get(key)).await?;
        Ok((!v.is_undefined()).then_some(v))
    }

    /// Every record, in key order.
    pub async fn all(&self) -> Result<Vec<JsValue>, StorageError> {
        let v = self.value(self.raw.get_all()).await?;
        Ok(js_sys::Array::from(&v).iter().collect())
    }

    /// Every key, in order.
    pub async fn keys(&self) -> Result<Vec<JsValue>, StorageError> {
        let v = self.value(self.raw.get_all_keys()).await?;
        Ok(js_sys::Array::from(&v).iter().collect())
    }

    fn only(&self, index: &str, value: &str) -> Result<(web_sys::IdbIndex, IdbKeyRange), StorageError> {
        let fail = |e: JsValue| classify::failure(&e, &self.tx.subject, Mode::Read);
        let ix = self.raw.index(index).map_err(fail)?;
        let range = IdbKeyRange::only(&JsValue::from_str(value)).map_err(fail)?;
        Ok((ix, range))
    }

    /// The keys of the records whose `index` is `value`.
    pub async fn keys_where(&self, index: &str, value: &str) -> Result<Vec<JsValue>, StorageError> {
        let (ix, range) = self.only(index, value)?;
        let v = self.value(ix.get_all_keys_with_key(&range)).await?;
        Ok(js_sys::Array::from(&v).iter().collect())
    }

    /// The record with the greatest key, if any.
    pub async fn last(&self) -> Result<Option<JsValue>, StorageError> {
        let cursor = self
            .value(
                self.raw
                    .open_cursor_with_range_and_direction(&JsValue::NULL, IdbCursorDirection::Prev),
            )
            .await?;
        Ok(cursor
            .dyn_into::<IdbCursorWithValue>()
            .ok()
            .and_then(|c| c.value().ok()))
    }

    /// How many records the store holds.
    pub async fn count(&self) -> Result<u32, StorageError> {
        let v = self.value(self.raw.count()).await?;
        Ok(v.as_f64().unwrap_or(0.0) as u32)
    }

    /// Removes every record.
    pub async fn clear(&self) -> Result<(), StorageError> {
        self.value(self.raw.clear()).await.map(drop)
    }
}

/// One request, as a future of its result (or of the browser's exception).
pub struct Request {
    raw: IdbRequest,
    receiver: oneshot::Receiver<Result<JsValue, Option<DomException>>>,
    _on_success: Closure<dyn FnMut()>,
    _on_error: Closure<dyn FnMut()>,
}

impl Request {
    fn new(raw: IdbRequest) -> Request {
        let (sender, receiver) = oneshot::channel();
        let sender = Rc::new(RefCell::new(Some(sender)));
        let on_success = {
            let sender = sender.clone();
            let raw = raw.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(s) = sender.borrow_mut().take() {
                    let _ = s.send(Ok(raw.result().unwrap_or(JsValue::UNDEFINED)));
                }
            })
        };
        let on_error = {
            let raw = raw.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(s) = sender.borrow_mut().take() {
                    let _ = s.send(Err(raw.error().ok().flatten()));
                }
            })
        };
        raw.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
        raw.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Request {
            raw,
            receiver,
            _on_success: on_success,
            _on_error: on_error,
        }
    }
}

impl Drop for Request {
    fn drop(&mut self) {
        self.raw.set_onsuccess(None);
        self.raw.set_onerror(None);
    }
}

impl Future for Request {
    type Output = Result<JsValue, Option<DomException>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match Pin::new(&mut self.receiver).poll(cx) {
            Poll::Ready(Ok(result)) => Poll::Ready(result),
            Poll::Ready(Err(_)) => Poll::Ready(Err(None)),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Waits for a request outside any transaction (opening or deleting a database).
pub async fn request(raw: IdbRequest) -> Result<JsValue, Option<DomException>> {
    Request::new(raw).await
}
