//! Which alerts the user has not seen: the badge count on the action icon,
//! new alerts to notify, and the "New alerts - Refresh" prompt.

use serde::{Deserialize, Serialize};

use super::alerts::Alert;
use super::view::Dismissed;

/// Kept by the service worker in `chrome.storage.local`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SeenState {
    /// The newest alert time (unix millis) the user has looked at (the
    /// feed was open and showing it).
    pub seen_until: i64,
    /// The newest alert time already notified (no repeats across polls).
    pub notified_until: i64,
}

/// Not dismissed, newer than `seen_until`.
pub fn unseen_count(alerts: &[Alert], state: &SeenState, dismissed: &Dismissed) -> usize {
    let _ = (alerts, state, dismissed);
    todo!("helper")
}

/// The badge text: "" for none, "1".."99", "99+".
pub fn badge_text(count: usize) -> String {
    let _ = count;
    todo!("helper")
}

/// Alerts newer than `notified_until` (not dismissed), newest first; the
/// caller raises notifications for them and then calls [`SeenState::notified`].
pub fn to_notify<'a>(alerts: &'a [Alert], state: &SeenState, dismissed: &Dismissed) -> Vec<&'a Alert> {
    let _ = (alerts, state, dismissed);
    todo!("helper")
}

impl SeenState {
    /// The user looked at the feed showing `alerts`.
    pub fn saw(&mut self, alerts: &[Alert]) {
        let _ = alerts;
        todo!("helper")
    }
    pub fn notified(&mut self, alerts: &[&Alert]) {
        let _ = alerts;
        todo!("helper")
    }
}

/// Whether `fresh` has alerts the list on screen (`shown_keys` with their
/// times) does not: new keys, or a newer time for a shown key. The feed
/// then shows "New alerts - Refresh" instead of reshuffling.
pub fn has_news(shown: &[Alert], fresh: &[Alert]) -> bool {
    let _ = (shown, fresh);
    todo!("helper")
}
