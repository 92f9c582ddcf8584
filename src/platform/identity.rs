//! `chrome.identity` for the OAuth web server flow, and the random bytes
//! PKCE needs (`crypto.getRandomValues`).

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "identity"], js_name = launchWebAuthFlow)]
    fn launch_web_auth_flow_js(details: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "identity"], js_name = getRedirectURL)]
    fn get_redirect_url_js() -> Result<String, JsValue>;

    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buffer: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// `https://<extension id>.chromiumapp.org/`: where the authorize page must
/// redirect for `launchWebAuthFlow` to hand the URL back.
pub fn redirect_url() -> Result<String, PlatformError> {
    get_redirect_url_js().map_err(|e| PlatformError::from_js("chrome.identity.getRedirectURL", &e))
}

/// Opens `url` in the browser's auth window and resolves with the URL it
/// finally redirected to (under [`redirect_url`]). Fails when the user
/// closes the window or the page cannot load.
pub async fn launch_web_auth_flow(url: &str, interactive: bool) -> Result<String, PlatformError> {
    const API: &str = "chrome.identity.launchWebAuthFlow";
    let details = Object::new();
    // Setting a plain property on a fresh object cannot fail.
    let _ = Reflect::set(&details, &JsValue::from_str("url"), &JsValue::from_str(url));
    let _ = Reflect::set(&details, &JsValue::from_str("interactive"), &JsValue::from_bool(interactive));
    let promise = launch_web_auth_flow_js(&details).map_err(|e| PlatformError::from_js(API, &e))?;
    let result = JsFuture::from(promise).await.map_err(|e| PlatformError::from_js(API, &e))?;
    result.as_string().ok_or_else(|| PlatformError { api: API, message: "the login window returned no address".into() })
}

/// `N` cryptographically random bytes.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], PlatformError> {
    let mut buffer = [0u8; N];
    get_random_values(&mut buffer).map_err(|e| PlatformError::from_js("crypto.getRandomValues", &e))?;
    Ok(buffer)
}
