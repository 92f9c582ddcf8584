//! Salesforce's own email tracking as My Feed events, in one query: the
//! tracked emails the user sent (`EmailMessage`: first open, last open,
//! bounce) and the replies to them (incoming emails whose
//! `ReplyToEmailMessageId` is one of them). One query, not two: a composite
//! request takes at most 5 queries (REST API Developer Guide, "Composite"),
//! and every query saved keeps a poll in fewer requests. The person comes
//! from the email's relations (`EmailMessageRelation`): a sent email's first
//! To recipient that is a Contact or Lead, a reply's sender.
//!
//! EmailMessage keeps no count of opens, only the first and the last: an
//! email whose last open differs from its first was opened at least twice
//! (`Event::repeated`, "2+ opens"). A bounce has no time of its own: it is
//! dated when Salesforce recorded it (`SystemModstamp`), so that a bounce
//! found after the user looked at newer alerts is still news; the send
//! time when that is missing.

use salesforce_rest::soql::{CompareOp, Condition, DateLiteral, DateTime, FieldPath, OrderBy, Query, SelectItem, Value};
use salesforce_rest::wire::Record;

use super::QUERY_DAYS;
use super::catalog::{EMAIL, EmailPlan, RelationsPlan};
use super::source::{EmailRef, Event, Kind, Subject, instant, non_empty, text};

/// Most emails one query reads.
pub const MAX_EMAILS: u64 = 2000;

/// The people an alert can open.
const PEOPLE: [&str; 2] = ["Contact", "Lead"];

/// The tracked emails the user sent that were sent, or last opened, in the
/// window, and the replies to the user's emails received in it; with
/// `since`, only those changed since (an open changes `LastOpenedDate`;
/// `SystemModstamp` catches a bounce and a new reply):
///
/// `SELECT Id, Subject, MessageDate, Incoming, FirstOpenedDate,
/// LastOpenedDate, IsBounced, SystemModstamp, ReplyToEmailMessageId,
/// ReplyToEmailMessage.Subject[, (SELECT RelationId, RelationObjectType,
/// RelationType, Relation.Name FROM EmailMessageRelations WHERE RelationType
/// IN ('ToAddress', 'FromAddress'))] FROM EmailMessage WHERE ((CreatedById =
/// '<user>' AND Incoming = false AND IsTracked = true AND (MessageDate =
/// LAST_N_DAYS:30 OR LastOpenedDate = LAST_N_DAYS:30)) OR (Incoming = true
/// AND ReplyToEmailMessage.CreatedById = '<user>' AND MessageDate =
/// LAST_N_DAYS:30))[ AND (SystemModstamp >= <since> OR LastOpenedDate >=
/// <since>)] ORDER BY MessageDate DESC LIMIT 2000`. Without replies (no
/// `ReplyToEmailMessageId` the user can read), the sent emails alone.
/// Relationship names are the describe's ([`EmailPlan`]).
pub fn query(plan: &EmailPlan, user_id: &str, since: Option<DateTime>) -> Query {
    let window = || Value::DateLiteral(DateLiteral::LastNDays(QUERY_DAYS));
    let sent = Condition::And(vec![
        Condition::compare("CreatedById", CompareOp::Eq, Value::string(user_id)),
        Condition::compare("Incoming", CompareOp::Eq, Value::Bool(false)),
        Condition::compare("IsTracked", CompareOp::Eq, Value::Bool(true)),
        Condition::Or(vec![Condition::compare("MessageDate", CompareOp::Eq, window()), Condition::compare("LastOpenedDate", CompareOp::Eq, window())]),
    ]);
    let mut fields = vec!["Id".to_owned(), "Subject".into(), "MessageDate".into(), "Incoming".into()];
    fields.extend(["FirstOpenedDate", "LastOpenedDate", "IsBounced", "SystemModstamp"].map(str::to_owned));
    let mut filter = vec![match &plan.replies {
        Some(reply_to) => {
            fields.extend(["ReplyToEmailMessageId".to_owned(), format!("{reply_to}.Subject")]);
            Condition::Or(vec![
                sent,
                Condition::And(vec![
                    Condition::compare("Incoming", CompareOp::Eq, Value::Bool(true)),
                    Condition::compare(&format!("{reply_to}.CreatedById"), CompareOp::Eq, Value::string(user_id)),
                    Condition::compare("MessageDate", CompareOp::Eq, window()),
                ]),
            ])
        }
        None => sent,
    }];
    if let Some(since) = since {
        filter.push(Condition::Or(vec![
            Condition::compare("SystemModstamp", CompareOp::Ge, Value::DateTime(since)),
            Condition::compare("LastOpenedDate", CompareOp::Ge, Value::DateTime(since)),
        ]));
    }
    let names: Vec<&str> = fields.iter().map(String::as_str).collect();
    let mut query = Query::select(&names, EMAIL);
    query.select.extend(plan.relations.as_ref().map(relations));
    let filter = if filter.len() == 1 { filter.pop() } else { Some(Condition::And(filter)) };
    Query { filter, order_by: vec![OrderBy { field: FieldPath::new("MessageDate"), descending: true, nulls: None }], limit: Some(MAX_EMAILS), ..query }
}

/// `(SELECT RelationId, RelationObjectType, RelationType, Relation.Name FROM
/// EmailMessageRelations WHERE RelationType IN ('ToAddress', 'FromAddress'))`.
fn relations(plan: &RelationsPlan) -> SelectItem {
    let name = format!("{}.Name", plan.relation);
    SelectItem::SubQuery(Box::new(Query {
        filter: Some(Condition::In {
            field: FieldPath::new("RelationType"),
            values: vec![Value::string("ToAddress"), Value::string("FromAddress")],
            negated: false,
        }),
        ..Query::select(&["RelationId", "RelationObjectType", "RelationType", &name], &plan.children)
    }))
}

/// An email of [`query`]'s answer as events: a reply's, or a sent email's.
pub fn events(record: &Record, plan: &EmailPlan) -> Vec<Event> {
    if record.get("Incoming").and_then(serde_json::Value::as_bool) == Some(true) {
        reply_event(record, plan).into_iter().collect()
    } else {
        sent_events(record, plan)
    }
}

/// A sent email's events: its first open, its last open when later
/// (`repeated`), its bounce. None without an id; an unopened, unbounced
/// email has none.
pub fn sent_events(record: &Record, plan: &EmailPlan) -> Vec<Event> {
    let Some(id) = non_empty(record.id()) else { return Vec::new() };
    let sent = instant(record, "MessageDate");
    let who = plan.relations.as_ref().and_then(|r| person(record, r, "ToAddress"));
    let email = EmailRef { id: id.to_owned(), subject: text(Some(record), "Subject") };
    let about = |event: Event| Event { who: who.clone(), email: Some(email.clone()), sent, tracked: true, ..event };
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
        && let Some(at) = instant(record, "SystemModstamp").or(sent)
    {
        events.push(about(Event::new(format!("{id}:bounce"), Kind::Bounce, at)));
    }
    events
}

/// A reply as an event of the email it answers (the alert's key), from its
/// sender. `None` without an id, a time or the email it answers.
pub fn reply_event(record: &Record, plan: &EmailPlan) -> Option<Event> {
    let id = non_empty(record.id())?;
    let at = instant(record, "MessageDate")?;
    let original = non_empty(record.get_str("ReplyToEmailMessageId"))?;
    let subject = plan.replies.as_ref().and_then(|r| record.get_str(&format!("{r}.Subject"))).unwrap_or_default().to_owned();
    Some(Event {
        who: plan.relations.as_ref().and_then(|r| person(record, r, "FromAddress")),
        email: Some(EmailRef { id: original.to_owned(), subject }),
        tracked: true,
        ..Event::new(id, Kind::Reply, at)
    })
}

/// The first Contact or Lead among the email's relations of `kind`
/// (`RelationType`; `RelationObjectType` says which object it is).
fn person(record: &Record, plan: &RelationsPlan, kind: &str) -> Option<Subject> {
    let related = record.children(&plan.children)?;
    related.records.iter().find_map(|r| {
        if r.get_str("RelationType").is_some_and(|t| t != kind) {
            return None;
        }
        let object = r.get_str("RelationObjectType").filter(|o| PEOPLE.iter().any(|p| p.eq_ignore_ascii_case(o)))?;
        let id = non_empty(r.get_str("RelationId"))?;
        Some(Subject { id: id.to_owned(), object: object.to_owned(), name: text(Some(r), &format!("{}.Name", plan.relation)) })
    })
}
