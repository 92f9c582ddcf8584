//! Which alerts the user has not seen: the badge count on the action icon,
//! new alerts to notify, and the "New alerts - Refresh" prompt.

use std::collections::HashMap;

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
    alerts.iter().filter(|a| a.at_millis() > state.seen_until && !dismissed.is_dismissed(a)).count()
}

/// The badge text: "" for none, "1".."99", "99+".
pub fn badge_text(count: usize) -> String {
    match count {
        0 => String::new(),
        1..=99 => count.to_string(),
        _ => "99+".to_owned(),
    }
}

/// Alerts newer than `notified_until` (not dismissed), newest first; the
/// caller raises notifications for them and then calls [`SeenState::notified`].
///
/// An alert the user has already seen is not notified either: [`SeenState::saw`]
/// raises `notified_until` with `seen_until`. A fresh [`SeenState`] (0, 0)
/// notifies every alert of the window: the caller may want to start it at
/// the first poll's newest alert instead.
pub fn to_notify<'a>(alerts: &'a [Alert], state: &SeenState, dismissed: &Dismissed) -> Vec<&'a Alert> {
    let mut list: Vec<&Alert> = alerts.iter().filter(|a| a.at_millis() > state.notified_until && !dismissed.is_dismissed(a)).collect();
    list.sort_by(|a, b| b.at_millis().cmp(&a.at_millis()).then_with(|| a.key.cmp(&b.key)));
    list
}

impl SeenState {
    /// The user looked at the feed showing `alerts`: `seen_until` rises to
    /// the newest of them (never falls), and `notified_until` with it (what
    /// the user saw needs no notification).
    pub fn saw(&mut self, alerts: &[Alert]) {
        if let Some(newest) = alerts.iter().map(Alert::at_millis).max() {
            self.seen_until = self.seen_until.max(newest);
        }
        self.notified_until = self.notified_until.max(self.seen_until);
    }
    /// Both of `self` and `other`, each mark at the later: what the worker
    /// and the panel each stored, written back without undoing the other's
    /// (a read, some awaits, then a write would otherwise lose one).
    pub fn join(&mut self, other: &Self) {
        self.seen_until = self.seen_until.max(other.seen_until);
        self.notified_until = self.notified_until.max(other.notified_until);
    }

    /// Notifications were raised for `alerts`: `notified_until` rises to the
    /// newest of them (never falls).
    pub fn notified(&mut self, alerts: &[&Alert]) {
        if let Some(newest) = alerts.iter().map(|a| a.at_millis()).max() {
            self.notified_until = self.notified_until.max(newest);
        }
    }
}

/// Whether `fresh` has alerts the list on screen (`shown_keys` with their
/// times) does not: new keys, or a newer time for a shown key. The feed
/// then shows "New alerts - Refresh" instead of reshuffling.
///
/// `shown` is the list the feed was rendered from (the alerts last loaded,
/// before filters, dismissals and paging), `fresh` a new poll's: an alert
/// on a page not yet loaded or of a filtered-out kind is then not news.
/// Alerts gone from `fresh` (aged out) are not news either.
pub fn has_news(shown: &[Alert], fresh: &[Alert]) -> bool {
    let times: HashMap<&str, i64> = shown.iter().map(|a| (a.key.as_str(), a.at_millis())).collect();
    fresh.iter().any(|a| times.get(a.key.as_str()).is_none_or(|&at| a.at_millis() > at))
}

/// A desktop notification's id for `alert`: its key, then the record it
/// opens (`email:02s…|Contact|003…`), so a click can open the person
/// without reading anything first. An alert about nobody opens nothing.
pub fn notification_id(alert: &Alert) -> String {
    match &alert.who {
        Some(who) => format!("{}|{}|{}", alert.key, who.object, who.id),
        None => alert.key.clone(),
    }
}

/// The record (object, id) a clicked notification opens, from its
/// [`notification_id`]; `None` for an alert about nobody or another id.
pub fn notification_target(id: &str) -> Option<(String, String)> {
    let mut parts = id.rsplitn(3, '|');
    let (record, object, key) = (parts.next()?, parts.next()?, parts.next()?);
    let valid = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (valid(record) && valid(object) && !key.is_empty()).then(|| (object.to_owned(), record.to_owned()))
}

/// A notification the user clicked, for a side panel that opens after the
/// click (`settings::keys::FEED_OPEN`): honoured only while fresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingOpen {
    pub object: String,
    pub id: String,
    /// When the user clicked (unix millis).
    pub at: i64,
}

impl PendingOpen {
    /// How long a click waits for the panel to open.
    pub const FRESH_MILLIS: i64 = 2 * 60_000;

    /// Whether the panel opening at `now_millis` should still honour it.
    pub fn is_fresh(&self, now_millis: i64) -> bool {
        (0..Self::FRESH_MILLIS).contains(&(now_millis - self.at))
    }
}
