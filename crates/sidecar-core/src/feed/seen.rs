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
