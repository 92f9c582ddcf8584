//! What the last looks found, kept between polls (the service worker is
//! stopped between alarms) so that a poll asks the org only for what
//! changed since: the events of the window and the org's time of the
//! latest change seen.
//!
//! The org's own stamps set `since`, never this machine's clock, so a
//! skewed clock loses nothing; each look asks again from [`OVERLAP_MILLIS`]
//! before it (a change saved while the last look ran), and what comes back
//! twice replaces itself (same event id).

use std::collections::HashMap;

use salesforce_rest::soql::DateTime;
use serde::{Deserialize, Serialize};

use super::alerts::WINDOW_MILLIS;
use super::catalog::Plan;
use super::source::Event;

/// How far before the latest change seen a look starts again.
pub const OVERLAP_MILLIS: i64 = 60_000;

/// Kept per user in `chrome.storage.local`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Stored {
    /// The plan its events were read with: another plan starts afresh.
    pub plan: Plan,
    /// The latest change seen, as the org stamped it (unix millis); 0
    /// before the first look.
    pub latest: i64,
    pub events: Vec<Event>,
}

impl Stored {
    /// Where the next look starts: `None` (read everything) before the
    /// first look or when the plan changed.
    pub fn since(&self, plan: &Plan) -> Option<DateTime> {
        (self.latest > 0 && &self.plan == plan).then(|| DateTime::from_unix_millis(self.latest - OVERLAP_MILLIS))
    }

    /// A look with `plan` found `fresh` (everything, when it was asked from
    /// `None`), the latest of its changes stamped `newest`.
    ///
    /// A whole look (`complete`) replaces what was kept; a look since the
    /// last one adds to it, each event replacing the one of the same id.
    /// Events older than the window are dropped.
    pub fn merge(&mut self, plan: &Plan, fresh: Vec<Event>, newest: Option<DateTime>, complete: bool, now_millis: i64) {
        if complete || &self.plan != plan {
            *self = Self { plan: plan.clone(), ..Self::default() };
        }
        let mut at: HashMap<String, usize> = self.events.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        for event in fresh {
            match at.get(&event.id) {
                Some(&i) => self.events[i] = event,
                None => {
                    at.insert(event.id.clone(), self.events.len());
                    self.events.push(event);
                }
            }
        }
        let cutoff = now_millis.saturating_sub(WINDOW_MILLIS);
        self.events.retain(|e| e.at.unix_millis() >= cutoff);
        if let Some(newest) = newest {
            self.latest = self.latest.max(newest.unix_millis());
        }
    }
}
