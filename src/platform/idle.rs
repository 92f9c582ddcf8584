//! `requestIdleCallback`: work that can wait until the page has painted
//! and the user isn't typing (indexing the Workspace rows for the filters).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = requestIdleCallback)]
    fn request_idle_callback(callback: &JsValue, options: &JsValue) -> u32;

    #[wasm_bindgen(js_name = cancelIdleCallback)]
    fn cancel_idle_callback(handle: u32);
}

/// Runs `work` once the browser is idle, or after `deadline_ms` at the
/// latest. Dropping the handle first cancels it.
#[must_use = "dropping the handle cancels the work"]
#[derive(Debug)]
pub struct WhenIdle {
    handle: u32,
    _callback: Closure<dyn FnMut()>,
}

pub fn when_idle(deadline_ms: u32, work: impl FnOnce() + 'static) -> WhenIdle {
    let mut work = Some(work);
    let callback = Closure::<dyn FnMut()>::new(move || {
        if let Some(work) = work.take() {
            work();
        }
    });
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &JsValue::from_str("timeout"), &JsValue::from(deadline_ms)).ok();
    let handle = request_idle_callback(callback.as_ref(), &options);
    WhenIdle { handle, _callback: callback }
}

impl Drop for WhenIdle {
    fn drop(&mut self) {
        cancel_idle_callback(self.handle);
    }
}
