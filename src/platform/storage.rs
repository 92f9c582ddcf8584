//! `chrome.storage.local`: typed get/set of one key holding a serde value.

use js_sys::{Object, Promise, Reflect};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = get)]
    fn local_get(key: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = set)]
    fn local_set(items: &JsValue) -> Result<Promise, JsValue>;
}

/// Reads `key`; `Ok(None)` when it was never written or no longer parses
/// (an older format is treated as "not set" rather than breaking the page).
pub async fn get<T: DeserializeOwned>(key: &str) -> Result<Option<T>, PlatformError> {
    const API: &str = "chrome.storage.local.get";
    let promise = local_get(key).map_err(|e| PlatformError::from_js(API, &e))?;
    let items = JsFuture::from(promise).await.map_err(|e| PlatformError::from_js(API, &e))?;
    let value = Reflect::get(&items, &JsValue::from_str(key)).map_err(|e| PlatformError::from_js(API, &e))?;
    if value.is_undefined() {
        return Ok(None);
    }
    Ok(serde_wasm_bindgen::from_value(value).ok())
}

/// Writes `key`.
pub async fn set<T: Serialize>(key: &str, value: &T) -> Result<(), PlatformError> {
    const API: &str = "chrome.storage.local.set";
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let js = value.serialize(&serializer).map_err(|e| PlatformError { api: API, message: e.to_string() })?;
    let items = Object::new();
    Reflect::set(&items, &JsValue::from_str(key), &js).map_err(|e| PlatformError::from_js(API, &e))?;
    let promise = local_set(&items).map_err(|e| PlatformError::from_js(API, &e))?;
    JsFuture::from(promise).await.map_err(|e| PlatformError::from_js(API, &e)).map(drop)
}
