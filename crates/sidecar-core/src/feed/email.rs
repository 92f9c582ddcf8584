//! Salesforce's own email tracking as My Feed events: the tracked emails
//! the user sent (`EmailMessage`: first open, last open, bounce) and the
//! replies to them (incoming emails whose `ReplyToEmailMessageId` is one of
//! them). The person comes from the email's relations
//! (`EmailMessageRelation`): a sent email's first To recipient that is a
//! Contact or Lead, a reply's sender.
//!
//! EmailMessage keeps no count of opens, only the first and the last: an
//! email whose last open differs from its first was opened at least twice
//! (`Event::repeated`, "2+ opens"). A bounce has no time of its own: it is
//! dated when the email was sent, which is when it bounced, give or take
//! the minutes a bounce takes.

use salesforce_rest::soql::{CompareOp, Condition, DateLiteral, DateTime, FieldPath, OrderBy, Query, SelectItem, Value};
use salesforce_rest::wire::Record;

use super::QUERY_DAYS;
use super::catalog::{EMAIL, EmailPlan};
use super::source::{EmailRef, Event, Kind, Subject, instant, non_empty, text};

/// Most emails one query reads.
pub const MAX_EMAILS: u64 = 2000;

/// The people an alert can open.
const PEOPLE: [&str; 2] = ["Contact", "Lead"];

/// The tracked emails the user sent that were sent, or last opened, in the
/// window; with `since`, only those changed since (an open changes
/// `LastOpenedDate`; `SystemModstamp` catches a bounce):
///
/// `SELECT Id, Subject, MessageDate, FirstOpenedDate, LastOpenedDate,
/// IsBounced, SystemModstamp[, (SELECT RelationId, RelationObjectType,
/// Relation.Name FROM EmailMessageRelations WHERE RelationType =
/// 'ToAddress')] FROM EmailMessage WHERE CreatedById = '<user>' AND Incoming
/// = false AND IsTracked = true AND (MessageDate = LAST_N_DAYS:30 OR
/// LastOpenedDate = LAST_N_DAYS:30)[ AND (SystemModstamp >= <since> OR
/// LastOpenedDate >= <since>)] ORDER BY MessageDate DESC LIMIT 2000`.
pub fn sent_query(plan: &EmailPlan, user_id: &str, since: Option<DateTime>) -> Query {
    let window = || Value::DateLiteral(DateLiteral::LastNDays(QUERY_DAYS));
    let mut filter = vec![
        Condition::compare("CreatedById", CompareOp::Eq, Value::string(user_id)),
        Condition::compare("Incoming", CompareOp::Eq, Value::Bool(false)),
        Condition::compare("IsTracked", CompareOp::Eq, Value::Bool(true)),
        Condition::Or(vec![Condition::compare("MessageDate", CompareOp::Eq, window()), Condition::compare("LastOpenedDate", CompareOp::Eq, window())]),
    ];
    if let Some(since) = since {
        filter.push(Condition::Or(vec![
            Condition::compare("SystemModstamp", CompareOp::Ge, Value::DateTime(since)),
            Condition::compare("LastOpenedDate", CompareOp::Ge, Value::DateTime(since)),
        ]));
    }
    let mut query = Query::select(&["Id", "Subject", "MessageDate", "FirstOpenedDate", "LastOpenedDate", "IsBounced", "SystemModstamp"], EMAIL);
    query.select.extend(plan.relations.as_deref().map(|r| relations(r, "ToAddress")));
    Query { filter: Some(Condition::And(filter)), order_by: newest_first(), limit: Some(MAX_EMAILS), ..query }
}

/// Replies to the user's emails received in the window (with `since`, those
/// changed since): `SELECT Id, MessageDate, ReplyToEmailMessageId,
/// ReplyToEmailMessage.Subject, SystemModstamp[, (SELECT RelationId,
/// RelationObjectType, Relation.Name FROM EmailMessageRelations WHERE
/// RelationType = 'FromAddress')] FROM EmailMessage WHERE Incoming = true
/// AND ReplyToEmailMessage.CreatedById = '<user>' AND MessageDate =
/// LAST_N_DAYS:30[ AND SystemModstamp >= <since>] ORDER BY MessageDate DESC
/// LIMIT 2000`.
pub fn replies_query(plan: &EmailPlan, user_id: &str, since: Option<DateTime>) -> Query {
    let mut filter = vec![
        Condition::compare("Incoming", CompareOp::Eq, Value::Bool(true)),
        Condition::compare("ReplyToEmailMessage.CreatedById", CompareOp::Eq, Value::string(user_id)),
        Condition::compare("MessageDate", CompareOp::Eq, Value::DateLiteral(DateLiteral::LastNDays(QUERY_DAYS))),
    ];
    if let Some(since) = since {
        filter.push(Condition::compare("SystemModstamp", CompareOp::Ge, Value::DateTime(since)));
    }
    let mut query = Query::select(&["Id", "MessageDate", "ReplyToEmailMessageId", "ReplyToEmailMessage.Subject", "SystemModstamp"], EMAIL);
    query.select.extend(plan.relations.as_deref().map(|r| relations(r, "FromAddress")));
    Query { filter: Some(Condition::And(filter)), order_by: newest_first(), limit: Some(MAX_EMAILS), ..query }
}

fn newest_first() -> Vec<OrderBy> {
    vec![OrderBy { field: FieldPath::new("MessageDate"), descending: true, nulls: None }]
}

/// `(SELECT RelationId, RelationObjectType, Relation.Name FROM <relationship> WHERE RelationType = '<kind>')`.
fn relations(relationship: &str, kind: &str) -> SelectItem {
    SelectItem::SubQuery(Box::new(Query {
        filter: Some(Condition::compare("RelationType", CompareOp::Eq, Value::string(kind))),
        ..Query::select(&["RelationId", "RelationObjectType", "Relation.Name"], relationship)
    }))
}

/// A sent email's events: its first open, its last open when later
/// (`repeated`), its bounce. None without an id; an unopened, unbounced
/// email has none.
pub fn sent_events(record: &Record, relations: Option<&str>) -> Vec<Event> {
    let Some(id) = non_empty(record.id()) else { return Vec::new() };
    let sent = instant(record, "MessageDate");
    let who = relations.and_then(|r| person(record, r));
    let email = EmailRef { id: id.to_owned(), subject: text(Some(record), "Subject") };
    let about = |event: Event| Event { who: who.clone(), email: Some(email.clone()), sent, ..event };
    let mut events = Vec::new();
    let (first, last) = (instant(record, "FirstOpenedDate"), instant(record, "LastOpenedDate"));
    if let Some(first) = first.or(last) {
        events.push(about(Event::new(format!("{id}:first-open"), Kind::Open, first)));
    }
    if let (Some(first), Some(last)) = (first, last)
        && last.unix_millis() > first.unix_millis()
    {
        events.push(about(Event { repeated: true, ..Event::new(format!("{id}:last-open"), Kind::Open, last) }));
    }
    if record.get("IsBounced").and_then(serde_json::Value::as_bool) == Some(true)
        && let Some(sent) = sent
    {
        events.push(about(Event::new(format!("{id}:bounce"), Kind::Bounce, sent)));
    }
    events
}

/// A reply as an event of the email it answers (the alert's key), from its
/// sender. `None` without an id, a time or the email it answers.
pub fn reply_event(record: &Record, relations: Option<&str>) -> Option<Event> {
    let id = non_empty(record.id())?;
    let at = instant(record, "MessageDate")?;
    let original = non_empty(record.get_str("ReplyToEmailMessageId"))?;
    let subject = record.get_str("ReplyToEmailMessage.Subject").unwrap_or_default().to_owned();
    Some(Event {
        who: relations.and_then(|r| person(record, r)),
        email: Some(EmailRef { id: original.to_owned(), subject }),
        ..Event::new(id, Kind::Reply, at)
    })
}

/// The first Contact or Lead among the email's relations (`RelationObjectType`).
fn person(record: &Record, relationship: &str) -> Option<Subject> {
    let related = record.children(relationship)?;
    related.records.iter().find_map(|r| {
        let object = r.get_str("RelationObjectType").filter(|o| PEOPLE.iter().any(|p| p.eq_ignore_ascii_case(o)))?;
        let id = non_empty(r.get_str("RelationId"))?;
        Some(Subject { id: id.to_owned(), object: object.to_owned(), name: text(Some(r), "Relation.Name") })
    })
}
