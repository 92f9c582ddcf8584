//! The background service worker. It runs without a DOM, so it must not touch
//! `window`. On start it makes the toolbar icon (and its keyboard shortcut)
//! open the side panel and schedules the background-refresh alarm (its
//! period is My Feed's poll interval from the options); when the alarm
//! fires it tells the open pages to refresh and polls My Feed: the badge
//! shows the unseen alerts, and new ones raise desktop notifications when
//! the user turned them on. Each time it first asks the org's switch
//! (`Crm::org_switch`): where Sidecar is off, nothing is polled, the badge is
//! cleared and the pages show the admin's message.
//!
//! The keyboard shortcut is the manifest's `_execute_action` command
//! (Alt+Shift+S): it "clicks" the toolbar icon, which opens the panel because
//! of `openPanelOnActionClick`, so no `chrome.commands` listener is needed.
//!
//! The active tab is not relayed from here: the panel listens to
//! `chrome.tabs` itself (`platform::tabs::follow_active_tab`). That is
//! simpler (no hop through a worker that may be asleep, no message type) and
//! it follows the panel's own window, which the worker would have to track.

use sidecar_core::feed::seen::{PendingOpen, notification_id, notification_target, to_notify};
use sidecar_core::messages::{Message, REFRESH_ALARM, RefreshReason, refresh_period_minutes};
use sidecar_core::settings::{FeedSettings, keys};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;

use crate::api::Crm;
use crate::feed;
use crate::platform::storage::Area;
use crate::platform::{alarms, chrome, console, notifications, permissions, runtime, storage};

/// At most this many notifications per poll (a burst after a weekend
/// should not flood the screen); the badge counts them all.
const MAX_NOTIFICATIONS: usize = 3;

async fn feed_settings() -> FeedSettings {
    storage::get::<FeedSettings>(keys::FEED).await.ok().flatten().unwrap_or_default()
}

/// The background refresh: the org's switch first; where Sidecar may run,
/// the open pages are told to refresh and My Feed is polled. Where it is off
/// for the user (the admin turned it off at their org, profile or user, or
/// they cannot read the switch), nothing is polled or notified, the badge is
/// cleared and the pages are told to show the admin's message instead.
async fn refresh() {
    let crm = Crm::new();
    let logged_in = matches!(crm.auth().current().await, Ok(Some(_)));
    if logged_in {
        match crm.org_switch().await {
            Ok(status) => {
                if let Some(message) = status.message() {
                    feed::clear_badge().await;
                    return send(&Message::TurnedOff { message: message.to_owned() }).await;
                }
            }
            Err(e) => {
                console::warn(&format!("Sidecar could not check whether your org allows it: {}", e.user_message()));
                return send(&Message::Refresh { reason: RefreshReason::Alarm }).await;
            }
        }
    }
    send(&Message::Refresh { reason: RefreshReason::Alarm }).await;
    poll_feed(&crm).await;
}

async fn send(message: &Message) {
    // No open page means nobody to tell: `send` succeeds quietly then.
    if let Err(e) = runtime::send(message).await {
        console::warn(&format!("Sidecar could not tell its pages: {e}"));
    }
}

/// Looks for what changed since the last look: the badge, then
/// notifications for new alerts.
async fn poll_feed(crm: &Crm) {
    // Not logged in: nothing to poll, and no badge.
    let Ok(Some(session)) = crm.auth().current().await else { return };
    let user_id = session.user_id;
    let alerts = match feed::look(crm, &user_id, false).await {
        Ok(alerts) => alerts,
        Err(e) => return console::warn(&format!("Sidecar could not check for new alerts: {}", e.user_message())),
    };
    // An open feed shows what this poll stored, without asking the org again.
    send(&Message::FeedPolled).await;
    let (mut seen, dismissed) = (feed::seen(&user_id).await, feed::dismissed(&user_id).await);
    feed::update_badge(&alerts, &seen, &dismissed).await;
    let new = to_notify(&alerts, &seen, &dismissed);
    if new.is_empty() {
        return;
    }
    // The first poll after install only notes where things stand.
    let first_poll = seen.notified_until == 0;
    let settings = feed_settings().await;
    if !first_poll && settings.notify && permissions::has("notifications").await.unwrap_or(false) {
        for alert in new.iter().take(MAX_NOTIFICATIONS) {
            let title = alert.who.as_ref().map_or("Sidecar", |w| w.name.as_str());
            // Who and what, as the alert says it: nothing more.
            if let Err(e) = notifications::notify(&notification_id(alert), title, &alert.summary()).await {
                console::warn(&format!("Sidecar could not show a notification: {e}"));
            }
        }
    }
    seen.notified(&new);
    feed::store_seen(&user_id, &seen).await;
}

/// Runs once the wasm module has loaded, every time the worker starts.
pub fn start() {
    spawn_local(async {
        // The setting persists in the browser, but is re-applied on every
        // start in case it was reset.
        if let Err(e) = chrome::open_panel_on_action_click().await {
            console::error(&format!("Sidecar could not make the toolbar icon open the side panel: {e}"));
        }
        let minutes = refresh_period_minutes(Some(feed_settings().await.poll_minutes));
        if let Err(e) = alarms::ensure_periodic(REFRESH_ALARM, minutes).await {
            console::error(&format!("Sidecar could not schedule background refresh: {e}"));
        }
    });
}

/// The user clicked one of My Feed's notifications. The loader opened the
/// side panel already (the click is the user gesture `sidePanel.open`
/// needs, and it does not survive the wait for this module); here the
/// panel is told which record to open: by a message if it is open, and by
/// `storage.session` for a panel that starts now.
pub fn on_notification_click(id: String) {
    spawn_local(async move {
        if let Err(e) = notifications::clear(&id).await {
            console::warn(&format!("Sidecar could not close a notification: {e}"));
        }
        let Some((object, record)) = notification_target(&id) else { return };
        let pending = PendingOpen { object: object.clone(), id: record.clone(), at: js_sys::Date::now() as i64 };
        if let Err(e) = storage::set_in(Area::Session, keys::FEED_OPEN, &pending).await {
            console::warn(&format!("Sidecar could not keep the record to open: {e}"));
        }
        send(&Message::OpenRecord { object, id: record }).await;
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
    spawn_local(refresh());
}
