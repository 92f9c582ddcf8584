//! `chrome.runtime` messaging between the service worker and the extension
//! pages, typed as [`sidecar_core::messages::Message`].
//!
//! A component listens for as long as it is mounted by keeping the guard in
//! an effect (the dispatcher of a reducer is stable, so the first render's is fine):
//!
//! ```ignore
//! use_effect_with((), move |()| {
//!     let listener = runtime::on_message(move |message| dispatch.dispatch(Action::Received(message))).ok();
//!     move || drop(listener)
//! });
//! ```

use js_sys::Promise;
use serde::Serialize;
use sidecar_core::messages::Message;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;
use super::listener::Listener;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "runtime"], js_name = sendMessage)]
    fn runtime_send_message(message: &JsValue) -> Result<Promise, JsValue>;
}

/// Chrome's rejection when no page or worker listens: nobody to tell is not a failure.
const NO_RECEIVER: &str = "Receiving end does not exist";

/// Sends `message` to every other extension context (the worker and all
/// open pages except the sender). Succeeds when nobody is listening.
pub async fn send(message: &Message) -> Result<(), PlatformError> {
    const API: &str = "chrome.runtime.sendMessage";
    let js = message.encode().serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| PlatformError { api: API, message: e.to_string() })?;
    let promise = runtime_send_message(&js).map_err(|e| PlatformError::from_js(API, &e))?;
    match JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(e) => {
            let error = PlatformError::from_js(API, &e);
            if error.message.contains(NO_RECEIVER) { Ok(()) } else { Err(error) }
        }
    }
}

/// Reads a received message; `None` for shapes this version does not know.
pub fn decode(value: JsValue) -> Option<Message> {
    super::from_js::<serde_json::Value>(&value).and_then(Message::decode)
}

/// Calls `on_message` for every Sidecar message this context receives,
/// until the returned guard is dropped. Unknown messages are skipped.
pub fn on_message(on_message: impl Fn(Message) + 'static) -> Result<Listener, PlatformError> {
    Listener::add("chrome.runtime.onMessage", &["runtime", "onMessage"], move |message, _sender, _respond| {
        if let Some(message) = decode(message) {
            on_message(message);
        }
    })
}

#[cfg(test)]
mod tests {
    use sidecar_core::messages::RefreshReason;
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn messages_decode_from_js() {
        let parse = |json: &str| js_sys::JSON::parse(json).expect("json");
        assert_eq!(decode(parse(r#"{"type":"refresh","reason":"alarm"}"#)), Some(Message::Refresh { reason: RefreshReason::Alarm }));
        assert_eq!(decode(parse(r#"{"type":"signedOut"}"#)), Some(Message::SignedOut));
        assert_eq!(decode(parse(r#"{"type":"fromTheFuture"}"#)), None);
        assert_eq!(decode(JsValue::UNDEFINED), None);
    }

    #[wasm_bindgen_test]
    fn listening_outside_the_extension_is_an_error() {
        let error = on_message(|_| {}).expect_err("no chrome");
        assert_eq!(error, PlatformError { api: "chrome.runtime.onMessage", message: "not available here".to_owned() });
    }
}
