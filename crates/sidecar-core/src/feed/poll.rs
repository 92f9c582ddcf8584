//! One look for alerts, as pure logic: the queries a [`Plan`] calls for
//! (sent in composite requests by the caller), and what came back folded
//! into what earlier looks found ([`record_look`]). With `since` (the
//! store's last look), each query asks only for what changed after it.

use salesforce_rest::soql::{DateTime, Query};
use salesforce_rest::wire::Record;

use super::catalog::Plan;
use super::source::{Event, MAX_EVENTS, event_from_record, events_query};
use super::store::Stored;
use super::{email, ownership};

/// Which query of a plan an answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The tracked emails the user sent, and the replies to them.
    Email,
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
            Self::Email | Self::Engagement => "SystemModstamp",
            Self::History(_) | Self::Created(_) => "CreatedDate",
        }
    }
    /// Most records its query answers (its `LIMIT`).
    pub fn limit(self) -> u64 {
        match self {
            Self::Email => email::MAX_EMAILS,
            Self::History(_) | Self::Created(_) => ownership::MAX_ASSIGNED,
            Self::Engagement => MAX_EVENTS,
        }
    }
    /// A short name for a subrequest's `referenceId` (letters, digits, `_`).
    pub fn reference(self) -> String {
        match self {
            Self::Email => "email".to_owned(),
            Self::History(i) => format!("history_{i}"),
            Self::Created(i) => format!("created_{i}"),
            Self::Engagement => "engagement".to_owned(),
        }
    }
    /// What it reads, for a warning in the console.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Email => "tracked emails and replies",
            Self::History(_) => "reassignments",
            Self::Created(_) => "records created for you",
            Self::Engagement => "engagement events",
        }
    }
}

/// The queries `plan` calls for, in a stable order.
pub fn queries(plan: &Plan, user_id: &str, since: Option<DateTime>) -> Vec<(Part, Query)> {
    let mut queries = Vec::new();
    if let Some(plan) = &plan.email {
        queries.push((Part::Email, email::query(plan, user_id, since)));
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
pub fn events(plan: &Plan, part: Part, records: &[Record], user_id: &str) -> Vec<Event> {
    match part {
        Part::Email => plan.email.as_ref().map(|e| records.iter().flat_map(|r| email::events(r, e)).collect()).unwrap_or_default(),
        Part::History(i) => {
            let Some((owned, Some(history))) = plan.owned.get(i).map(|o| (o, o.history.as_ref())) else { return Vec::new() };
            records.iter().filter_map(|r| ownership::from_history(owned, history, r, user_id)).collect()
        }
        Part::Created(i) => plan.owned.get(i).map(|owned| records.iter().filter_map(|r| ownership::from_created(owned, r)).collect()).unwrap_or_default(),
        Part::Engagement => records.iter().filter_map(event_from_record).collect(),
    }
}

/// The latest change among `records` (by `part`'s stamp field).
fn latest(part: Part, records: &[Record]) -> Option<DateTime> {
    records.iter().filter_map(|r| r.get_str(part.stamp_field()).and_then(|s| DateTime::parse(s.trim()).ok())).max_by_key(|at| at.unix_millis())
}

/// One look's answers folded into `stored`: per part, its records, or
/// `None` when its query failed. `whole` says the look asked for the whole
/// window (no `since`).
///
/// A part that failed keeps what earlier looks found of it: a whole look
/// with a failure adds to the store instead of replacing it, and `since`
/// stays where it was, so the next look asks again for what the failed
/// part missed. A look since the last whose answer filled a part's limit
/// holds `since` too (the changes beyond the limit are still to read); a
/// whole look keeps the newest of the window by design.
/// Answers whether every part answered.
pub fn record_look(stored: &mut Stored, plan: &Plan, user_id: &str, whole: bool, answers: Vec<(Part, Option<Vec<Record>>)>, now_millis: i64) -> bool {
    let (mut fresh, mut newest, mut complete, mut held) = (Vec::new(), None::<DateTime>, true, false);
    for (part, answer) in answers {
        let Some(records) = answer else {
            complete = false;
            continue;
        };
        fresh.extend(events(plan, part, &records, user_id));
        held |= records.len() as u64 >= part.limit();
        if let Some(at) = latest(part, &records)
            && newest.is_none_or(|n| at.unix_millis() > n.unix_millis())
        {
            newest = Some(at);
        }
    }
    let newest = if complete && (whole || !held) { newest } else { None };
    stored.merge(plan, fresh, newest, whole && complete, now_millis);
    complete
}
