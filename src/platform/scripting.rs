//! `chrome.scripting.executeScript`: runs one of the extension's own files
//! in a tab and answers the value of its last expression (contextual
//! insights' page snapshot). Needs host access to the tab's page.

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "scripting"], js_name = executeScript)]
    fn execute_script(injection: &JsValue) -> Result<Promise, JsValue>;
}

/// Runs `file` (a path in the extension) in the top frame of `tab_id`.
pub async fn run_file(tab_id: i32, file: &str) -> Result<JsValue, PlatformError> {
    const API: &str = "chrome.scripting.executeScript";
    let target = Object::new();
    let _ = Reflect::set(&target, &JsValue::from_str("tabId"), &JsValue::from(tab_id));
    let injection = Object::new();
    let _ = Reflect::set(&injection, &JsValue::from_str("target"), &target);
    let _ = Reflect::set(&injection, &JsValue::from_str("files"), &Array::of1(&JsValue::from_str(file)));
    let call = execute_script(&injection).map_err(|e| PlatformError::from_js(API, &e))?;
    let results = JsFuture::from(call).await.map_err(|e| PlatformError::from_js(API, &e))?;
    let first = Array::from(&results).get(0);
    Reflect::get(&first, &JsValue::from_str("result")).map_err(|e| PlatformError::from_js(API, &e))
}
