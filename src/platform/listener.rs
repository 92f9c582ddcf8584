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

/// Looks up `root.<path>` (e.g. `chrome` and `["runtime", "onMessage"]`).
fn lookup(root: &JsValue, api: &'static str, path: &[&str]) -> Result<JsValue, PlatformError> {
    let missing = || PlatformError { api, message: "not available here".to_owned() };
    let mut value = root.clone();
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
    pub(crate) fn add(api: &'static str, path: &[&str], callback: impl FnMut(JsValue, JsValue, JsValue) + 'static) -> Result<Self, PlatformError> {
        let chrome = Reflect::get(&js_sys::global(), &JsValue::from_str("chrome")).map_err(|e| PlatformError::from_js(api, &e))?;
        Self::add_at(&chrome, api, path, callback)
    }

    /// [`Listener::add`] on the event at `root.<path>` (tests pass a fake `chrome`).
    fn add_at(root: &JsValue, api: &'static str, path: &[&str], callback: impl FnMut(JsValue, JsValue, JsValue) + 'static) -> Result<Self, PlatformError> {
        let event = lookup(root, api, path)?;
        let closure: Callback = Closure::new(callback);
        method(api, &event, "addListener")?.call1(&event, closure.as_ref()).map_err(|e| PlatformError::from_js(api, &e))?;
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

#[cfg(test)]
mod tests {
    //! The guard against a fake event object (a real `chrome` exists only in
    //! the extension; the e2e suite covers that).
    use std::cell::RefCell;
    use std::rc::Rc;

    use js_sys::{Array, Function, Object};
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// `{ events: { onThing: { listeners: [], addListener, removeListener } } }`
    fn fake_chrome() -> (JsValue, Array) {
        let listeners = Array::new();
        let event = Object::new();
        let set = |target: &Object, key: &str, value: &JsValue| Reflect::set(target, &JsValue::from_str(key), value).expect("set");
        set(&event, "listeners", &listeners);
        set(&event, "addListener", &Function::new_with_args("f", "this.listeners.push(f)"));
        set(&event, "removeListener", &Function::new_with_args("f", "this.listeners.splice(this.listeners.indexOf(f), 1)"));
        let events = Object::new();
        set(&events, "onThing", &event);
        let root = Object::new();
        set(&root, "events", &events);
        (root.into(), listeners)
    }

    #[wasm_bindgen_test]
    fn listens_until_dropped() {
        let (root, listeners) = fake_chrome();
        let seen = Rc::new(RefCell::new(Vec::new()));
        let listener = {
            let seen = seen.clone();
            Listener::add_at(&root, "fake.onThing", &["events", "onThing"], move |a, _, _| seen.borrow_mut().push(a.as_string())).expect("added")
        };
        assert_eq!(listeners.length(), 1);
        let callback: Function = listeners.get(0).dyn_into().expect("function");
        callback.call1(&JsValue::NULL, &JsValue::from_str("fired")).expect("call");
        assert_eq!(*seen.borrow(), [Some("fired".to_owned())]);
        drop(listener);
        assert_eq!(listeners.length(), 0, "removed on drop");
    }

    #[wasm_bindgen_test]
    fn a_missing_api_is_an_error() {
        let (root, _) = fake_chrome();
        let error = Listener::add_at(&root, "fake.onOther", &["events", "onOther"], |_, _, _| {}).expect_err("missing");
        assert_eq!(error, PlatformError { api: "fake.onOther", message: "not available here".to_owned() });
    }
}
