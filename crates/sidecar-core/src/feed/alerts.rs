//! Events aggregated into alerts: one alert per tracked email (its opens,
//! clicks, replies and bounces together: "Opened - 4 opens, 1 reply"),
//! one per other event; only the last 30 days; newest first.

use std::collections::BTreeMap;

use salesforce_rest::soql::DateTime;

use super::source::{EmailRef, Event, Kind, Subject};

/// Alerts older than this many days are gone.
pub const WINDOW_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// Stable across polls (for dismissals and "seen"): `email:<id>` for an
    /// email's alert, `event:<id>` otherwise.
    pub key: String,
    /// The alert's headline kind: the email's most significant event
    /// (Reply > Bounce > Click > Open), else the event's.
    pub kind: Kind,
    /// The latest event's time.
    pub at: DateTime,
    pub who: Option<Subject>,
    pub email: Option<EmailRef>,
    pub url: Option<String>,
    /// Per kind, how many events ("4 opens, 1 reply").
    pub counts: BTreeMap<Kind, u32>,
    /// The ids of the events it sums up.
    pub events: Vec<String>,
}

impl Alert {
    /// "Opened - 4 opens, 1 reply"; "Visited - acme.com/pricing"; "Assigned to you".
    pub fn summary(&self) -> String {
        todo!("helper")
    }
}

/// The alerts of `events` no older than 30 days before `now_millis`,
/// newest first (ties by key).
pub fn aggregate(events: &[Event], now_millis: i64) -> Vec<Alert> {
    let _ = (events, now_millis);
    todo!("helper")
}

/// "just now", "5m ago", "3h ago", "12d ago".
pub fn age(at: &DateTime, now_millis: i64) -> String {
    let _ = (at, now_millis);
    todo!("helper")
}
