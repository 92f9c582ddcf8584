//! One look for alerts, as pure logic: the queries a [`Plan`] calls for
//! (sent in one composite request by the caller), and each answer's
//! records read as events. With `since` (the store's last look), each query
//! asks only for what changed after it.

use salesforce_rest::soql::{DateTime, Query};
use salesforce_rest::wire::Record;

use super::catalog::Plan;
use super::source::{Event, Kind, event_from_record, events_query};
use super::{email, ownership};

/// Which query of a plan an answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The tracked emails the user sent.
    Sent,
    /// Replies to them.
    Replies,
    /// The `Owner` history of `plan.owned[i]`.
    History(usize),
    /// Records of `plan.owned[i]` created for the user.
    Created(usize),
    /// `Engagement_Event__c`.
    Engagement,
}

impl Part {
    /// The field of its records that tells when each last changed (for the
    /// next look's `since`).
    pub fn stamp_field(self) -> &'static str {
        match self {
            Self::Sent | Self::Replies | Self::Engagement => "SystemModstamp",
            Self::History(_) | Self::Created(_) => "CreatedDate",
        }
    }
    /// A short name for a subrequest's `referenceId` (letters, digits, `_`).
    pub fn reference(self) -> String {
        match self {
            Self::Sent => "sent".to_owned(),
            Self::Replies => "replies".to_owned(),
            Self::History(i) => format!("history_{i}"),
            Self::Created(i) => format!("created_{i}"),
            Self::Engagement => "engagement".to_owned(),
        }
    }
}

/// The queries `plan` calls for, in a stable order.
pub fn queries(plan: &Plan, user_id: &str, since: Option<DateTime>) -> Vec<(Part, Query)> {
    let mut queries = Vec::new();
    if let Some(email) = &plan.email {
        queries.push((Part::Sent, email::sent_query(email, user_id, since)));
        if email.replies {
            queries.push((Part::Replies, email::replies_query(email, user_id, since)));
        }
    }
    for (i, owned) in plan.owned.iter().enumerate() {
        if let Some(history) = &owned.history {
            queries.push((Part::History(i), ownership::history_query(owned, history, user_id, since)));
        }
        queries.push((Part::Created(i), ownership::created_query(owned, user_id, since)));
    }
    if plan.engagement {
        queries.push((Part::Engagement, events_query(user_id, since)));
    }
    queries
}

/// `records` (the answer to `part`'s query) as events.
///
/// Where email tracking is on, an engagement event that is an open, reply
/// or bounce of an `EmailMessage` is left out: the email itself records
/// those, and counting both would count each twice. Its clicks stay.
pub fn events(plan: &Plan, part: Part, records: &[Record], user_id: &str) -> Vec<Event> {
    let relations = plan.email.as_ref().and_then(|e| e.relations.as_deref());
    match part {
        Part::Sent => records.iter().flat_map(|r| email::sent_events(r, relations)).collect(),
        Part::Replies => records.iter().filter_map(|r| email::reply_event(r, relations)).collect(),
        Part::History(i) => {
            let Some((owned, Some(history))) = plan.owned.get(i).map(|o| (o, o.history.as_ref())) else { return Vec::new() };
            records.iter().filter_map(|r| ownership::from_history(owned, history, r, user_id)).collect()
        }
        Part::Created(i) => plan.owned.get(i).map(|owned| records.iter().filter_map(|r| ownership::from_created(owned, r)).collect()).unwrap_or_default(),
        Part::Engagement => {
            let tracked = plan.email.is_some();
            let recorded_by_email = |e: &Event| tracked && e.email.is_some() && matches!(e.kind, Kind::Open | Kind::Reply | Kind::Bounce);
            records.iter().filter_map(event_from_record).filter(|e| !recorded_by_email(e)).collect()
        }
    }
}

/// The latest change among `records` (by `part`'s stamp field).
pub fn newest_stamp(part: Part, records: &[Record]) -> Option<DateTime> {
    records.iter().filter_map(|r| r.get_str(part.stamp_field()).and_then(|s| DateTime::parse(s.trim()).ok())).max_by_key(|at| at.unix_millis())
}
