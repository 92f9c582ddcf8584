//! `fetch` from a page or the service worker (the global function exists in
//! both). One request in, one fully read [`Response`] out; a request that
//! got no answer at all is [`FetchError::Network`], which the CRM client
//! reports as offline. Nothing here logs: requests carry bearer tokens.

use js_sys::{Array, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(input: &str, init: &web_sys::RequestInit) -> Result<Promise, JsValue>;
}

/// An HTTP request. `Debug` leaves out header values and the body.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| *name).collect();
        f.debug_struct("Request").field("method", &self.method).field("url", &self.url).field("headers", &names).finish_non_exhaustive()
    }
}

impl Request {
    pub fn new(method: &'static str, url: impl Into<String>) -> Self {
        Self { method, url: url.into(), headers: Vec::new(), body: None }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn body(mut self, body: impl Into<String>) -> Self {
        self.body = Some(body.into());
        self
    }
}

/// A complete answer: status, headers (names lower-case) and body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub text: String,
}

impl Response {
    /// A header's value by (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why there is no [`Response`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// No answer: offline, DNS, refused connection, CORS.
    #[error("no answer from the server: {0}")]
    Network(String),
    /// The answer started but its body could not be read.
    #[error("the answer could not be read: {0}")]
    Body(String),
}

fn message(value: &JsValue) -> String {
    js_sys::Reflect::get(value, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "fetch failed".to_owned())
}

/// Sends `request` and reads the whole answer.
pub async fn send(request: &Request) -> Result<Response, FetchError> {
    let init = web_sys::RequestInit::new();
    init.set_method(request.method);
    let headers = web_sys::Headers::new().map_err(|e| FetchError::Network(message(&e)))?;
    for (name, value) in &request.headers {
        headers.set(name, value).map_err(|e| FetchError::Network(message(&e)))?;
    }
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    let promise = global_fetch(&request.url, &init).map_err(|e| FetchError::Network(message(&e)))?;
    let answer = JsFuture::from(promise).await.map_err(|e| FetchError::Network(message(&e)))?;
    let answer: web_sys::Response = answer.dyn_into().map_err(|_| FetchError::Network("fetch returned no Response".into()))?;
    let mut out_headers = Vec::new();
    if let Ok(Some(entries)) = js_sys::try_iter(&answer.headers()) {
        for entry in entries.flatten() {
            let pair: Array = entry.unchecked_into();
            if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                out_headers.push((k, v));
            }
        }
    }
    let text_promise = answer.text().map_err(|e| FetchError::Body(message(&e)))?;
    let text = JsFuture::from(text_promise).await.map_err(|e| FetchError::Body(message(&e)))?.as_string().unwrap_or_default();
    Ok(Response { status: answer.status(), headers: out_headers, text })
}
