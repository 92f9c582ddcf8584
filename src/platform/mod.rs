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
