//! `chrome.permissions` for host access: a real Salesforce org is reached
//! only after the user grants its origins (optional host permissions,
//! asked for during the login click), so a fresh install can reach no site.

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = contains)]
    fn permissions_contains(permissions: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = request)]
    fn permissions_request(permissions: &JsValue) -> Result<Promise, JsValue>;
}

fn origins(patterns: &[String]) -> JsValue {
    let list = Array::new();
    for p in patterns {
        list.push(&JsValue::from_str(p));
    }
    let request = Object::new();
    let _ = Reflect::set(&request, &JsValue::from_str("origins"), &list);
    request.into()
}

async fn ask(api: &'static str, call: Result<Promise, JsValue>) -> Result<bool, PlatformError> {
    let promise = call.map_err(|e| PlatformError::from_js(api, &e))?;
    let granted = JsFuture::from(promise).await.map_err(|e| PlatformError::from_js(api, &e))?;
    Ok(granted.as_bool().unwrap_or(false))
}

/// Makes sure Sidecar may reach `patterns` (`https://acme.my.salesforce.com/*`):
/// true at once when already granted, otherwise Chrome asks the user. Must
/// start within a user gesture (the login click).
pub async fn ensure_origins(patterns: &[String]) -> Result<bool, PlatformError> {
    if patterns.is_empty() {
        return Ok(true);
    }
    let request = origins(patterns);
    if ask("chrome.permissions.contains", permissions_contains(&request)).await? {
        return Ok(true);
    }
    ask("chrome.permissions.request", permissions_request(&request)).await
}

fn named(names: &[&str]) -> JsValue {
    let list = Array::new();
    for n in names {
        list.push(&JsValue::from_str(n));
    }
    let request = Object::new();
    let _ = Reflect::set(&request, &JsValue::from_str("permissions"), &list);
    request.into()
}

/// Whether an optional API permission (`notifications`) is granted.
pub async fn has(name: &str) -> Result<bool, PlatformError> {
    ask("chrome.permissions.contains", permissions_contains(&named(&[name]))).await
}

/// Asks for an optional API permission; must start within a user gesture.
pub async fn request(name: &str) -> Result<bool, PlatformError> {
    if has(name).await? {
        return Ok(true);
    }
    ask("chrome.permissions.request", permissions_request(&named(&[name]))).await
}
