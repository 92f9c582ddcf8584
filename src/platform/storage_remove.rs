//! Removing keys from `chrome.storage.local` and `chrome.storage.session`
//! (signing out forgets the session and the refresh token).

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = remove)]
    fn local_remove(key: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "session"], js_name = remove)]
    fn session_remove(key: &str) -> Result<Promise, JsValue>;
}

async fn settle(api: &'static str, call: Result<Promise, JsValue>) -> Result<(), PlatformError> {
    let promise = call.map_err(|e| PlatformError::from_js(api, &e))?;
    JsFuture::from(promise).await.map_err(|e| PlatformError::from_js(api, &e)).map(drop)
}

/// Deletes `key` from `chrome.storage.local` (no-op when absent).
pub async fn remove_local(key: &str) -> Result<(), PlatformError> {
    settle("chrome.storage.local.remove", local_remove(key)).await
}

/// Deletes `key` from `chrome.storage.session` (no-op when absent).
pub async fn remove_session(key: &str) -> Result<(), PlatformError> {
    settle("chrome.storage.session.remove", session_remove(key)).await
}
