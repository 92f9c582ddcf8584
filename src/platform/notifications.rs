//! Desktop notifications for new My Feed alerts (`notifications` is an
//! optional permission, asked for when the user turns them on).

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "notifications"], js_name = create)]
    fn create_js(id: &str, options: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "notifications"], js_name = clear)]
    fn clear_js(id: &str) -> Result<Promise, JsValue>;
}

/// Closes the notification `id` (Chrome leaves a clicked one on screen).
pub async fn clear(id: &str) -> Result<(), PlatformError> {
    const API: &str = "chrome.notifications.clear";
    let call = clear_js(id).map_err(|e| PlatformError::from_js(API, &e))?;
    JsFuture::from(call).await.map(drop).map_err(|e| PlatformError::from_js(API, &e))
}

/// Raises a basic notification; `id` replaces an earlier one with the same id.
pub async fn notify(id: &str, title: &str, message: &str) -> Result<(), PlatformError> {
    const API: &str = "chrome.notifications.create";
    let o = Object::new();
    let set = |k: &str, v: &str| {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    };
    set("type", "basic");
    set("iconUrl", "icons/icon-128.png");
    set("title", title);
    set("message", message);
    let call = create_js(id, &o).map_err(|e| PlatformError::from_js(API, &e))?;
    JsFuture::from(call).await.map(drop).map_err(|e| PlatformError::from_js(API, &e))
}
