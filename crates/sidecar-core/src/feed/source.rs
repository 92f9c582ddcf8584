//! Where alerts come from, and their records read as events.

use salesforce_rest::soql::{CompareOp, Condition, DateLiteral, DateTime, FieldPath, OrderBy, Query, Value};
use salesforce_rest::wire::Record;

/// The fields [`events_query`] selects, in order.
pub const EVENT_FIELDS: [&str; 13] = [
    "Id",
    "Type__c",
    "Occurred_At__c",
    "Url__c",
    "Details__c",
    "Email_Message__c",
    "Email_Message__r.Subject",
    "Contact__c",
    "Contact__r.Name",
    "Lead__c",
    "Lead__r.Name",
    "Account__c",
    "Account__r.Name",
];

/// Most events [`events_query`] loads (one query batch).
pub const MAX_EVENTS: u64 = 2000;

/// Most records per object [`assigned_queries`] loads.
pub const MAX_ASSIGNED: u64 = 200;

/// The objects [`assigned_queries`] asks about, in order.
pub const ASSIGNED_OBJECTS: [&str; 2] = ["Lead", "Contact"];

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Open,
    Reply,
    Click,
    Bounce,
    /// A web visit or a form fill.
    Visit,
    /// A record newly assigned to the user.
    Assigned,
}

impl Kind {
    /// `Engagement_Event__c.Type__c` values to kinds ("Email Open" → Open,
    /// "Form Submit" → Visit...); `None` for values Sidecar doesn't know.
    /// Surrounding blanks are ignored; otherwise the match is exact, as
    /// the picklist is restricted.
    pub fn from_type(value: &str) -> Option<Self> {
        Some(match value.trim() {
            "Email Open" => Self::Open,
            "Email Reply" => Self::Reply,
            "Link Click" => Self::Click,
            "Email Bounce" => Self::Bounce,
            "Web Visit" | "Form Submit" => Self::Visit,
            _ => return None,
        })
    }
    /// "Opened", "Replied", "Clicked", "Bounced", "Visited", "Assigned to you".
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Opened",
            Self::Reply => "Replied",
            Self::Click => "Clicked",
            Self::Bounce => "Bounced",
            Self::Visit => "Visited",
            Self::Assigned => "Assigned to you",
        }
    }

    /// The kinds that happen to a tracked email (aggregated per email).
    pub fn is_email(self) -> bool {
        matches!(self, Self::Open | Self::Reply | Self::Click | Self::Bounce)
    }
}

/// The person (Contact or Lead) or record an event is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub id: String,
    /// `Contact`, `Lead`, `Account`...
    pub object: String,
    pub name: String,
}

/// One engagement.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The record the event comes from (an Engagement_Event__c id, or the
    /// assigned record's id).
    pub id: String,
    pub kind: Kind,
    pub at: DateTime,
    pub who: Option<Subject>,
    /// The tracked email it concerns, if any (the aggregation key).
    pub email: Option<EmailRef>,
    /// A clicked link or visited page.
    pub url: Option<String>,
    pub details: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailRef {
    pub id: String,
    pub subject: String,
}

/// `SELECT Id, Type__c, Occurred_At__c, Url__c, Details__c, Email_Message__c,
/// Email_Message__r.Subject, Contact__c, Contact__r.Name, Lead__c,
/// Lead__r.Name, Account__c, Account__r.Name FROM Engagement_Event__c WHERE
/// OwnerId = '<user>' AND Occurred_At__c = LAST_N_DAYS:30 ORDER BY
/// Occurred_At__c DESC LIMIT 2000`, as a tree (the user id escaped).
pub fn events_query(user_id: &str) -> Query {
    Query {
        filter: Some(Condition::And(vec![
            Condition::compare("OwnerId", CompareOp::Eq, Value::string(user_id)),
            Condition::compare("Occurred_At__c", CompareOp::Eq, Value::DateLiteral(DateLiteral::LastNDays(30))),
        ])),
        order_by: vec![OrderBy { field: FieldPath::new("Occurred_At__c"), descending: true, nulls: None }],
        limit: Some(MAX_EVENTS),
        ..Query::select(&EVENT_FIELDS, "Engagement_Event__c")
    }
}

/// Records newly assigned to the user: Leads and Contacts they own, created
/// or reassigned in the last 30 days by someone else (`CreatedById !=`
/// the user): one query per object, `SELECT Id, Name, CreatedDate FROM Lead
/// WHERE OwnerId = '<user>' AND CreatedById != '<user>' AND CreatedDate =
/// LAST_N_DAYS:30 ORDER BY CreatedDate DESC LIMIT 200`.
///
/// Answers `(object, query)`, Lead first, then Contact. Records created by
/// the user and then handed over are caught; a record reassigned long after
/// its creation is not (its CreatedDate is older than 30 days).
pub fn assigned_queries(user_id: &str) -> Vec<(String, Query)> {
    ASSIGNED_OBJECTS
        .iter()
        .map(|object| {
            let query = Query {
                filter: Some(Condition::And(vec![
                    Condition::compare("OwnerId", CompareOp::Eq, Value::string(user_id)),
                    Condition::compare("CreatedById", CompareOp::Ne, Value::string(user_id)),
                    Condition::compare("CreatedDate", CompareOp::Eq, Value::DateLiteral(DateLiteral::LastNDays(30))),
                ])),
                order_by: vec![OrderBy { field: FieldPath::new("CreatedDate"), descending: true, nulls: None }],
                limit: Some(MAX_ASSIGNED),
                ..Query::select(&["Id", "Name", "CreatedDate"], object)
            };
            ((*object).to_owned(), query)
        })
        .collect()
}

/// An `Engagement_Event__c` record as an event; `None` without an id, a
/// known type or a time.
///
/// The person is the Contact, else the Lead, else the Account (each known
/// by its `…__c` id, else by its `…__r` record's `Id`; the name from
/// `…__r.Name`, empty when not sent). The email likewise, its subject from
/// `Email_Message__r.Subject`. The time is in UTC, whatever offset the
/// org wrote. A blank URL is `None`; missing, null or
/// malformed fields never panic.
pub fn event_from_record(record: &Record) -> Option<Event> {
    let id = non_empty(record.id())?;
    let kind = record.get_str("Type__c").and_then(Kind::from_type)?;
    let at = instant(record, "Occurred_At__c")?;
    let who = [("Contact__c", "Contact__r", "Contact"), ("Lead__c", "Lead__r", "Lead"), ("Account__c", "Account__r", "Account")].iter().find_map(
        |(id_field, relationship, object)| {
            let (id, nested) = reference(record, id_field, relationship)?;
            Some(Subject { id, object: (*object).to_owned(), name: text(nested.as_ref(), "Name") })
        },
    );
    let email = reference(record, "Email_Message__c", "Email_Message__r").map(|(id, nested)| EmailRef { id, subject: text(nested.as_ref(), "Subject") });
    Some(Event {
        id: id.to_owned(),
        kind,
        at,
        who,
        email,
        url: non_empty(record.get_str("Url__c").map(str::trim)).map(str::to_owned),
        details: text(Some(record), "Details__c"),
    })
}

/// An assigned record (of `object`) as an event at its CreatedDate.
///
/// The event's id is the record's id; `who` is the record itself (its
/// `Name`, empty when not sent). `None` without an id or a CreatedDate.
pub fn assigned_from_record(object: &str, record: &Record) -> Option<Event> {
    let id = non_empty(record.id())?;
    let at = instant(record, "CreatedDate")?;
    Some(Event {
        id: id.to_owned(),
        kind: Kind::Assigned,
        at,
        who: Some(Subject { id: id.to_owned(), object: object.to_owned(), name: text(Some(record), "Name") }),
        email: None,
        url: None,
        details: String::new(),
    })
}

fn non_empty(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.trim().is_empty())
}

/// A date-time field in UTC (so equal instants compare equal); `None`
/// when missing, null or unparsable.
fn instant(record: &Record, field: &str) -> Option<DateTime> {
    record.get_str(field).and_then(|s| DateTime::parse(s.trim()).ok()).map(DateTime::to_utc)
}

/// A text field of `record`, empty when it or the record is missing.
fn text(record: Option<&Record>, field: &str) -> String {
    record.and_then(|r| r.get_str(field)).unwrap_or_default().to_owned()
}

/// The record a lookup names: its id (from `id_field`, else the nested
/// record's `Id`) and the nested record; `None` when neither names one.
fn reference(record: &Record, id_field: &str, relationship: &str) -> Option<(String, Option<Record>)> {
    let nested = record.get(relationship).filter(|v| v.is_object()).and_then(|v| serde_json::from_value::<Record>(v.clone()).ok());
    let id = non_empty(record.get_str(id_field)).or_else(|| non_empty(nested.as_ref().and_then(Record::id)))?.to_owned();
    Some((id, nested))
}
