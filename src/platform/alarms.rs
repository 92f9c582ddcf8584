//! `chrome.alarms`: named timers that survive the service worker going to
//! sleep (Chrome wakes it to deliver them).

use js_sys::{Object, Promise, Reflect};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::PlatformError;
use super::listener::Listener;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "alarms"], js_name = create)]
    fn alarms_create(name: &str, info: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "alarms"], js_name = get)]
    fn alarms_get(name: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "alarms"], js_name = clear)]
    fn alarms_clear(name: &str) -> Result<Promise, JsValue>;
}

/// A scheduled alarm, as Chrome reports it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alarm {
    pub name: String,
    /// When it fires next, in milliseconds since the epoch.
    pub scheduled_time: f64,
    pub period_in_minutes: Option<f64>,
}

impl Alarm {
    /// Reads the alarm object Chrome passes to `onAlarm` listeners.
    pub fn from_js(value: JsValue) -> Option<Self> {
        super::from_js(&value)
    }
}

async fn settle(api: &'static str, call: Result<Promise, JsValue>) -> Result<JsValue, PlatformError> {
    let promise = call.map_err(|e| PlatformError::from_js(api, &e))?;
    JsFuture::from(promise).await.map_err(|e| PlatformError::from_js(api, &e))
}

/// The alarm called `name`, if scheduled.
pub async fn get(name: &str) -> Result<Option<Alarm>, PlatformError> {
    let value = settle("chrome.alarms.get", alarms_get(name)).await?;
    Ok(Alarm::from_js(value))
}

/// Schedules `name` to fire every `minutes`, the first time `minutes` from now.
/// Replaces an alarm of the same name (and restarts its countdown).
pub async fn create_periodic(name: &str, minutes: u32) -> Result<(), PlatformError> {
    let info = Object::new();
    let minutes = JsValue::from_f64(f64::from(minutes));
    // Setting plain properties on a fresh object cannot fail.
    let _ = Reflect::set(&info, &JsValue::from_str("delayInMinutes"), &minutes);
    let _ = Reflect::set(&info, &JsValue::from_str("periodInMinutes"), &minutes);
    settle("chrome.alarms.create", alarms_create(name, &info)).await.map(drop)
}

/// Makes sure `name` fires every `minutes`, leaving an existing alarm with
/// that period alone: the worker starts often (every event wakes it), and
/// re-creating the alarm each time would keep pushing its first tick back.
/// Returns whether it (re)created the alarm.
pub async fn ensure_periodic(name: &str, minutes: u32) -> Result<bool, PlatformError> {
    if let Some(alarm) = get(name).await? {
        if alarm.period_in_minutes == Some(f64::from(minutes)) {
            return Ok(false);
        }
    }
    create_periodic(name, minutes).await.map(|()| true)
}

/// Cancels `name`; `Ok(false)` when there was no such alarm.
pub async fn clear(name: &str) -> Result<bool, PlatformError> {
    let value = settle("chrome.alarms.clear", alarms_clear(name)).await?;
    Ok(value.as_bool().unwrap_or(false))
}

/// Calls `on_alarm` whenever an alarm fires, until the guard is dropped.
/// (The service worker does not use this: see `extension/service_worker.js`.)
pub fn on_alarm(on_alarm: impl Fn(Alarm) + 'static) -> Result<Listener, PlatformError> {
    Listener::add("chrome.alarms.onAlarm", &["alarms", "onAlarm"], move |alarm, _, _| {
        if let Some(alarm) = Alarm::from_js(alarm) {
            on_alarm(alarm);
        }
    })
}
