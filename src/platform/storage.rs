//! `chrome.storage`: typed get/set/remove of one key holding a serde value,
//! in the `local` area (kept on disk: settings, the refresh token) or the
//! `session` area (memory only, gone when the browser quits: the access
//! token). [`get`] and [`set`] are the `local` area.

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

    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = remove)]
    fn local_remove(key: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "sync"], js_name = get)]
    fn sync_get(key: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "sync"], js_name = set)]
    fn sync_set(items: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "sync"], js_name = remove)]
    fn sync_remove(key: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "sync"], js_name = getBytesInUse)]
    fn sync_bytes_in_use(keys: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "session"], js_name = get)]
    fn session_get(key: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "session"], js_name = set)]
    fn session_set(items: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "session"], js_name = remove)]
    fn session_remove(key: &str) -> Result<Promise, JsValue>;
}

/// Which `chrome.storage` area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// On disk, survives restarts.
    Local,
    /// In memory, shared by the extension's pages until the browser quits.
    Session,
    /// Follows the user's Chrome profile across computers; small quota
    /// (8 KB an item, 100 KB in all): labels, workspaces.
    Sync,
}

impl Area {
    fn api(self, op: &str) -> &'static str {
        match (self, op) {
            (Self::Local, "get") => "chrome.storage.local.get",
            (Self::Local, "set") => "chrome.storage.local.set",
            (Self::Local, _) => "chrome.storage.local.remove",
            (Self::Session, "get") => "chrome.storage.session.get",
            (Self::Session, "set") => "chrome.storage.session.set",
            (Self::Session, _) => "chrome.storage.session.remove",
            (Self::Sync, "get") => "chrome.storage.sync.get",
            (Self::Sync, "set") => "chrome.storage.sync.set",
            (Self::Sync, _) => "chrome.storage.sync.remove",
        }
    }
}

async fn settle(api: &'static str, call: Result<Promise, JsValue>) -> Result<JsValue, PlatformError> {
    let promise = call.map_err(|e| PlatformError::from_js(api, &e))?;
    JsFuture::from(promise).await.map_err(|e| PlatformError::from_js(api, &e))
}

/// Reads `key` from `area`; `Ok(None)` when it was never written or no
/// longer parses (an older format is treated as "not set" rather than
/// breaking the page).
pub async fn get_in<T: DeserializeOwned>(area: Area, key: &str) -> Result<Option<T>, PlatformError> {
    let api = area.api("get");
    let call = match area {
        Area::Local => local_get(key),
        Area::Session => session_get(key),
        Area::Sync => sync_get(key),
    };
    let items = settle(api, call).await?;
    let value = Reflect::get(&items, &JsValue::from_str(key)).map_err(|e| PlatformError::from_js(api, &e))?;
    if value.is_undefined() {
        return Ok(None);
    }
    Ok(super::from_js(&value))
}

/// Writes `key` in `area`.
pub async fn set_in<T: Serialize>(area: Area, key: &str, value: &T) -> Result<(), PlatformError> {
    let api = area.api("set");
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let js = value.serialize(&serializer).map_err(|e| PlatformError { api, message: e.to_string() })?;
    let items = Object::new();
    Reflect::set(&items, &JsValue::from_str(key), &js).map_err(|e| PlatformError::from_js(api, &e))?;
    let call = match area {
        Area::Local => local_set(&items),
        Area::Session => session_set(&items),
        Area::Sync => sync_set(&items),
    };
    settle(api, call).await.map(drop)
}

/// Deletes `key` from `area`.
pub async fn remove_in(area: Area, key: &str) -> Result<(), PlatformError> {
    let call = match area {
        Area::Local => local_remove(key),
        Area::Session => session_remove(key),
        Area::Sync => sync_remove(key),
    };
    settle(area.api("remove"), call).await.map(drop)
}

/// Reads `key` from `chrome.storage.local`.
pub async fn get<T: DeserializeOwned>(key: &str) -> Result<Option<T>, PlatformError> {
    get_in(Area::Local, key).await
}

/// Writes `key` to `chrome.storage.local`.
pub async fn set<T: Serialize>(key: &str, value: &T) -> Result<(), PlatformError> {
    set_in(Area::Local, key, value).await
}

/// Bytes `chrome.storage.sync` holds for every key but `except` (what
/// counts against its total quota besides that key).
pub async fn sync_bytes_except(except: &str) -> Result<usize, PlatformError> {
    let api = "chrome.storage.sync.getBytesInUse";
    let all = settle(api, sync_bytes_in_use(&JsValue::NULL)).await?.as_f64().unwrap_or(0.0);
    let own = settle(api, sync_bytes_in_use(&JsValue::from_str(except))).await?.as_f64().unwrap_or(0.0);
    Ok((all - own).max(0.0) as usize)
}
