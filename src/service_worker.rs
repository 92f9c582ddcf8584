//! The background service worker. It runs without a DOM, so it must not touch
//! `window`. On start it makes the toolbar icon (and its keyboard shortcut)
//! open the side panel and schedules the background-refresh alarm; when the
//! alarm fires it tells the open pages to refresh.
//!
//! The keyboard shortcut is the manifest's `_execute_action` command
//! (Alt+Shift+S): it "clicks" the toolbar icon, which opens the panel because
//! of `openPanelOnActionClick`, so no `chrome.commands` listener is needed.
//!
//! The active tab is not relayed from here: the panel listens to
//! `chrome.tabs` itself (`platform::tabs::follow_active_tab`). That is
//! simpler (no hop through a worker that may be asleep, no message type) and
//! it follows the panel's own window, which the worker would have to track.

use sidecar_core::messages::{Message, REFRESH_ALARM, RefreshReason, refresh_period_minutes};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;

use crate::platform::{alarms, chrome, runtime};

/// Runs once the wasm module has loaded, every time the worker starts.
pub fn start() {
    spawn_local(async {
        // The setting persists in the browser, but is re-applied on every
        // start in case it was reset.
        if let Err(e) = chrome::open_panel_on_action_click().await {
            gloo::console::error!(format!("Sidecar could not make the toolbar icon open the side panel: {e}"));
        }
        // No refresh-period setting exists yet: the default applies.
        if let Err(e) = alarms::ensure_periodic(REFRESH_ALARM, refresh_period_minutes(None)).await {
            gloo::console::error!(format!("Sidecar could not schedule background refresh: {e}"));
        }
    });
}

/// An alarm fired. `extension/service_worker.js` registers the listener
/// synchronously (Chrome delivers the event that woke the worker only to
/// listeners added during the script's first run, before the wasm loads) and
/// hands each alarm here once the module is ready.
pub fn on_alarm(alarm: JsValue) {
    let Some(alarm) = alarms::Alarm::from_js(alarm) else { return };
    if alarm.name != REFRESH_ALARM {
        return;
    }
    spawn_local(async {
        // No open page means nothing to refresh: `send` succeeds quietly then.
        if let Err(e) = runtime::send(&Message::Refresh { reason: RefreshReason::Alarm }).await {
            gloo::console::warn!(format!("Sidecar could not ask its pages to refresh: {e}"));
        }
    });
}
