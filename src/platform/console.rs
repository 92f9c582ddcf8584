//! The developer console, for what the user need not see (a badge that
//! could not be set, a notification the browser refused). `gloo::console`
//! does the same for the yew pages; the service worker and the code it
//! shares with them (`feed`, `api`, `platform`) use this instead, so the
//! worker's module links neither gloo nor yew.

use wasm_bindgen::JsValue;

pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

pub fn error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}
