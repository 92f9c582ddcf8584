//! My Feed's I/O, shared by the service worker (polling, badge,
//! notifications) and the side panel (the list): loading the events from
//! the org, and the per-user state kept in `chrome.storage.local`. The
//! rules are `sidecar_core::feed`'s.

use salesforce_rest::wire::Record;
use sidecar_core::api_error::ApiError;
use sidecar_core::feed::alerts::{Alert, aggregate};
use sidecar_core::feed::seen::{SeenState, badge_text, unseen_count};
use sidecar_core::feed::source::{Event, assigned_from_record, assigned_queries, event_from_record, events_query};
use sidecar_core::feed::view::Dismissed;

use crate::api::Crm;
use crate::platform::{action, console, storage};

/// Most events read per query.
const MAX_EVENTS: usize = 2000;

pub use sidecar_core::settings::keys::{feed_dismissed as dismissed_key, feed_seen as seen_key};

/// The user's engagement events and newly assigned records of the last 30 days.
pub async fn load_events(crm: &Crm, user_id: &str) -> Result<Vec<Event>, ApiError> {
    let records: Vec<Record> = crm.query_all_pages(&events_query(user_id), MAX_EVENTS).await?;
    let mut events: Vec<Event> = records.iter().filter_map(event_from_record).collect();
    for (object, query) in assigned_queries(user_id) {
        // An org without the object (or without access to it) has no such alerts.
        if let Ok(records) = crm.query_all_pages::<Record>(&query, MAX_EVENTS).await {
            events.extend(records.iter().filter_map(|r| assigned_from_record(&object, r)));
        }
    }
    Ok(events)
}

/// The alerts now, newest first.
pub async fn load_alerts(crm: &Crm, user_id: &str) -> Result<Vec<Alert>, ApiError> {
    let events = load_events(crm, user_id).await?;
    Ok(aggregate(&events, js_sys::Date::now() as i64))
}

pub async fn dismissed(user_id: &str) -> Dismissed {
    storage::get::<Dismissed>(&dismissed_key(user_id)).await.ok().flatten().unwrap_or_default()
}

pub async fn seen(user_id: &str) -> SeenState {
    storage::get::<SeenState>(&seen_key(user_id)).await.ok().flatten().unwrap_or_default()
}

/// Clears the toolbar badge (Sidecar is off for the user).
pub async fn clear_badge() {
    if let Err(e) = action::set_badge("").await {
        console::warn(&format!("Sidecar could not clear its badge: {e}"));
    }
}

/// Sets the toolbar badge to the unseen count of `alerts`.
pub async fn update_badge(alerts: &[Alert], seen: &SeenState, dismissed: &Dismissed) {
    let text = badge_text(unseen_count(alerts, seen, dismissed));
    if let Err(e) = action::set_badge(&text).await {
        console::warn(&format!("Sidecar could not update its badge: {e}"));
    }
}
