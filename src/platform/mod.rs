//! The only door to the browser: bindings to `chrome.*`, typed and async.
//! Everything else in the UI calls these functions, never `chrome` itself,
//! so a missing API (a page opened outside the extension, a component test)
//! is one `PlatformError` rather than a crash.

pub mod action;
pub mod alarms;
pub mod chrome;
pub mod console;
pub mod fetch;
pub mod identity;
pub mod idle;
pub mod listener;
pub mod locks;
pub mod notifications;
pub mod permissions;
pub mod runtime;
pub mod scripting;
pub mod storage;
pub mod synced;
pub mod tabs;

use wasm_bindgen::JsValue;

/// A browser API call that failed, with the browser's own explanation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{api}: {message}")]
pub struct PlatformError {
    pub api: &'static str,
    pub message: String,
}

impl PlatformError {
    pub(crate) fn from_js(api: &'static str, value: &JsValue) -> Self {
        let message = js_sys::Reflect::get(value, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "the browser refused the call".to_owned());
        Self { api, message }
    }
}

/// Reads a value the browser handed over (a storage item, an alarm, a
/// message) as `T`, through its JSON text: `JSON.stringify` in the browser,
/// then serde_json, which every module links anyway for the REST answers.
/// Reading it with `serde_wasm_bindgen::from_value` instead would add a
/// second deserializer, and serde's generic error texts with Rust's float
/// formatting, to the service worker's wasm (about 4 KB brotli, measured).
/// These values are JSON already (written by a `json_compatible` serializer
/// or made by Chrome), so nothing is lost on the way. `None` when it does
/// not read as `T` or cannot be written as JSON (a cycle, a function).
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Option<T> {
    let text = js_sys::JSON::stringify(value).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}
