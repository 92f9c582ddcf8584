//! What the feed shows: a type filter, newest (or oldest) first, pages of
//! 15 as the user scrolls, minus dismissed alerts.

use std::collections::BTreeSet;

use super::alerts::Alert;
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
pub fn shown<'a>(alerts: &'a [Alert], view: &FeedView, dismissed: &Dismissed) -> (Vec<&'a Alert>, bool) {
    let _ = (alerts, view, dismissed);
    todo!("helper")
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
    pub fn dismiss(&mut self, alert: &Alert) {
        let _ = alert;
        todo!("helper")
    }
    pub fn is_dismissed(&self, alert: &Alert) -> bool {
        let _ = alert;
        todo!("helper")
    }
    /// Forgets dismissals older than the 30-day window.
    pub fn prune(&mut self, now_millis: i64) {
        let _ = now_millis;
        todo!("helper")
    }
}
