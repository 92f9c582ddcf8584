//! The toolbar icon's badge: the count of unseen My Feed alerts.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "action"], js_name = setBadgeText)]
    fn set_badge_text_js(details: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "action"], js_name = setBadgeBackgroundColor)]
    fn set_badge_color_js(details: &JsValue) -> Result<Promise, JsValue>;
}

fn details(key: &str, value: &str) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &JsValue::from_str(key), &JsValue::from_str(value));
    o.into()
}

/// Shows `text` on the icon ("" removes the badge), on Salesforce blue.
pub async fn set_badge(text: &str) -> Result<(), PlatformError> {
    const API: &str = "chrome.action.setBadgeText";
    let call = set_badge_text_js(&details("text", text)).map_err(|e| PlatformError::from_js(API, &e))?;
    JsFuture::from(call).await.map_err(|e| PlatformError::from_js(API, &e))?;
    if !text.is_empty()
        && let Ok(call) = set_badge_color_js(&details("color", "#0176d3"))
    {
        JsFuture::from(call).await.ok();
    }
    Ok(())
}
