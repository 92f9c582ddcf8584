//! What the feed shows: a type filter, newest (or oldest) first, pages of
//! 15 as the user scrolls, minus dismissed alerts.

use std::collections::BTreeSet;

use super::alerts::{Alert, WINDOW_MILLIS};
use super::source::Kind;

pub const PAGE: usize = 15;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedView {
    /// Only these kinds; empty: all.
    pub kinds: BTreeSet<Kind>,
    pub oldest_first: bool,
    /// Pages shown (1 = the first 15).
    pub pages: usize,
}

/// The alerts to show, in order: filtered, not dismissed, the first
/// `pages * 15`. Also answers whether more are left to load.
///
/// Newest first is by time, ties by key (as [`super::alerts::aggregate`]
/// answers); oldest first is exactly that order reversed. Either is sorted
/// here, whatever order `alerts` come in. `pages: 0` (the default view)
/// shows the first page, like 1.
pub fn shown<'a>(alerts: &'a [Alert], view: &FeedView, dismissed: &Dismissed) -> (Vec<&'a Alert>, bool) {
    let mut list: Vec<&Alert> =
        alerts.iter().filter(|a| view.kinds.is_empty() || view.kinds.contains(&a.kind)).filter(|a| !dismissed.is_dismissed(a)).collect();
    list.sort_by(|a, b| b.at_millis().cmp(&a.at_millis()).then_with(|| a.key.cmp(&b.key)));
    if view.oldest_first {
        list.reverse();
    }
    let limit = view.pages.max(1).saturating_mul(PAGE);
    let more = list.len() > limit;
    list.truncate(limit);
    (list, more)
}

/// Dismissed alerts by key, kept in `chrome.storage.local`; an alert whose
/// email gets a new event after its dismissal comes back (the key carries
/// the time of the latest event dismissed).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Dismissed {
    /// Alert key → the latest event time (unix millis) it had when dismissed.
    pub keys: std::collections::BTreeMap<String, i64>,
}

impl Dismissed {
    /// Dismisses `alert` as it is now (up to its latest event's time).
    pub fn dismiss(&mut self, alert: &Alert) {
        let at = alert.at_millis();
        let until = self.keys.entry(alert.key.clone()).or_insert(at);
        *until = (*until).max(at);
    }
    /// Dismissed, and no event newer than the dismissal since.
    pub fn is_dismissed(&self, alert: &Alert) -> bool {
        self.keys.get(&alert.key).is_some_and(|&until| alert.at_millis() <= until)
    }
    /// Forgets dismissals older than the 30-day window.
    ///
    /// A dismissal is kept while its time is in the window (the same edge
    /// as `aggregate`: exactly 30 days old is kept); past it the alert is
    /// gone anyway, and any newer event would bring it back regardless.
    pub fn prune(&mut self, now_millis: i64) {
        let cutoff = now_millis.saturating_sub(WINDOW_MILLIS);
        self.keys.retain(|_, until| *until >= cutoff);
    }
}
