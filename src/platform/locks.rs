//! Web Locks (`navigator.locks`): one holder at a time of a named lock
//! across every context of the extension (side panel, Workspace tab,
//! options page, service worker), which share the extension's origin.
//! Sidecar takes one around a token refresh so two pages never send the
//! same refresh token (with refresh token rotation Salesforce would revoke
//! the whole login).
//!
//! The browser releases a lock when the promise its callback returned
//! settles, or when the holding page goes away; [`Held`] settles it on drop.

use futures::channel::oneshot;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;

const API: &str = "navigator.locks.request";

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct Held {
    release: Function,
}

impl Drop for Held {
    fn drop(&mut self) {
        // Resolving the callback's promise cannot fail.
        let _ = self.release.call0(&JsValue::UNDEFINED);
    }
}

fn lock_manager() -> Result<JsValue, PlatformError> {
    let missing = || PlatformError { api: API, message: "this page has no Web Locks".into() };
    let navigator = Reflect::get(&js_sys::global(), &JsValue::from_str("navigator")).map_err(|_| missing())?;
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks")).map_err(|_| missing())?;
    if locks.is_undefined() || locks.is_null() { Err(missing()) } else { Ok(locks) }
}

/// Waits for the exclusive lock `name` and holds it until the returned
/// [`Held`] is dropped.
pub async fn exclusive(name: &str) -> Result<Held, PlatformError> {
    let locks = lock_manager()?;
    let request: Function = Reflect::get(&locks, &JsValue::from_str("request"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| PlatformError { api: API, message: "navigator.locks has no request".into() })?;
    let (granted_tx, granted_rx) = oneshot::channel::<Function>();
    // Called once, when the lock is granted: hands out the `resolve` of the
    // promise that keeps it held.
    let callback = Closure::once_into_js(move |_lock: JsValue| -> Promise {
        let mut granted = Some(granted_tx);
        Promise::new(&mut |resolve, _reject| {
            if let Some(tx) = granted.take() {
                // The waiting side is gone (its future dropped): release at once.
                if let Err(resolve) = tx.send(resolve) {
                    let _ = resolve.call0(&JsValue::UNDEFINED);
                }
            }
        })
    });
    let settled = request.call2(&locks, &JsValue::from_str(name), &callback).map_err(|e| PlatformError::from_js(API, &e))?;
    let settled = JsFuture::from(Promise::from(settled));
    // The request's own promise settles only after release, or on failure
    // (before the callback ever ran): whichever comes first tells.
    futures::pin_mut!(settled);
    match futures::future::select(granted_rx, settled).await {
        futures::future::Either::Left((Ok(release), _)) => Ok(Held { release }),
        futures::future::Either::Left((Err(_), _)) => Err(PlatformError { api: API, message: "the lock request was dropped".into() }),
        futures::future::Either::Right((Err(e), _)) => Err(PlatformError::from_js(API, &e)),
        futures::future::Either::Right((Ok(_), _)) => Err(PlatformError { api: API, message: "the lock ended before it was granted".into() }),
    }
}
