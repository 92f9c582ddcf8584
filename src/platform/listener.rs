//! A listener on a `chrome.*` event (`chrome.runtime.onMessage`,
//! `chrome.alarms.onAlarm`, `chrome.tabs.onUpdated`...), removed from the
//! event when the [`Listener`] is dropped. The wasm closure lives exactly as
//! long as the guard: Chrome never calls a freed closure, and a component
//! that unmounts stops listening by dropping what it holds.

use std::fmt;

use js_sys::{Function, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::PlatformError;

/// Chrome passes at most three arguments to the events used here
/// (`onMessage`: message, sender, sendResponse; `onUpdated`: tabId,
/// changeInfo, tab); missing ones arrive as `undefined`. One closure shape
/// therefore fits every event.
type Callback = Closure<dyn FnMut(JsValue, JsValue, JsValue)>;

/// An added event listener; dropping it removes it.
pub struct Listener {
    api: &'static str,
    event: JsValue,
    closure: Callback,
}

impl fmt::Debug for Listener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Listener").field("api", &self.api).finish_non_exhaustive()
    }
}

/// Looks up `chrome.<path>` (e.g. `["runtime", "onMessage"]`).
fn chrome_object(api: &'static str, path: &[&str]) -> Result<JsValue, PlatformError> {
    let missing = || PlatformError { api, message: "not available here".to_owned() };
    let mut value = Reflect::get(&js_sys::global(), &JsValue::from_str("chrome")).map_err(|e| PlatformError::from_js(api, &e))?;
    for key in path {
        if value.is_undefined() || value.is_null() {
            return Err(missing());
        }
        value = Reflect::get(&value, &JsValue::from_str(key)).map_err(|e| PlatformError::from_js(api, &e))?;
    }
    if value.is_undefined() || value.is_null() { Err(missing()) } else { Ok(value) }
}

fn method(api: &'static str, event: &JsValue, name: &str) -> Result<Function, PlatformError> {
    Reflect::get(event, &JsValue::from_str(name))
        .map_err(|e| PlatformError::from_js(api, &e))?
        .dyn_into::<Function>()
        .map_err(|_| PlatformError { api, message: format!("{name} is not a function") })
}

impl Listener {
    /// Adds `callback` to the event `chrome.<path>`; `api` names it in errors.
    pub(crate) fn add(
        api: &'static str,
        path: &[&str],
        callback: impl FnMut(JsValue, JsValue, JsValue) + 'static,
    ) -> Result<Self, PlatformError> {
        let event = chrome_object(api, path)?;
        let closure: Callback = Closure::new(callback);
        method(api, &event, "addListener")?
            .call1(&event, closure.as_ref())
            .map_err(|e| PlatformError::from_js(api, &e))?;
        Ok(Self { api, event, closure })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        // Removal cannot meaningfully fail for a listener we added; if the
        // API vanished, there is nothing left to call the closure anyway.
        if let Ok(remove) = method(self.api, &self.event, "removeListener") {
            let _ = remove.call1(&self.event, self.closure.as_ref());
        }
    }
}
