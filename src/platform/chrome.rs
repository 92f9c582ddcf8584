//! `chrome.sidePanel`, `chrome.tabs` and `chrome.runtime` bindings.
//!
//! Every import uses `catch`: when `chrome.x` is undefined the generated glue
//! throws a TypeError, which arrives here as an `Err` instead of a trap.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "sidePanel"], js_name = setPanelBehavior)]
    fn side_panel_set_panel_behavior(behavior: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = create)]
    fn tabs_create(properties: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "runtime"], js_name = getURL)]
    fn runtime_get_url(path: &str) -> Result<String, JsValue>;
}

async fn settle(api: &'static str, call: Result<Promise, JsValue>) -> Result<JsValue, PlatformError> {
    let promise = call.map_err(|e| PlatformError::from_js(api, &e))?;
    JsFuture::from(promise).await.map_err(|e| PlatformError::from_js(api, &e))
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (key, value) in entries {
        // Setting a plain property on a fresh object cannot fail.
        let _ = Reflect::set(&obj, &JsValue::from_str(key), value);
    }
    obj.into()
}

/// Makes a click on the toolbar icon open the side panel.
pub async fn open_panel_on_action_click() -> Result<(), PlatformError> {
    let behavior = object(&[("openPanelOnActionClick", JsValue::TRUE)]);
    settle("chrome.sidePanel.setPanelBehavior", side_panel_set_panel_behavior(&behavior)).await.map(drop)
}

/// Opens one of the extension's own pages (e.g. `workspace.html`) in a new tab.
pub async fn open_extension_tab(page: &str) -> Result<(), PlatformError> {
    let url = runtime_get_url(page).map_err(|e| PlatformError::from_js("chrome.runtime.getURL", &e))?;
    let properties = object(&[("url", JsValue::from_str(&url)), ("active", JsValue::TRUE)]);
    settle("chrome.tabs.create", tabs_create(&properties)).await.map(drop)
}
