//! Where alerts come from, and their records read as events.

use salesforce_rest::soql::{CompareOp, Condition, DateLiteral, DateTime, FieldPath, OrderBy, Query, Value};
use salesforce_rest::wire::Record;
use serde::{Deserialize, Serialize};

/// The fields [`events_query`] selects, in order.
pub const EVENT_FIELDS: [&str; 14] = [
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
    "SystemModstamp",
];

/// Most events [`events_query`] loads (one query batch).
pub const MAX_EVENTS: u64 = 2000;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub id: String,
    /// `Contact`, `Lead`, `Account`...
    pub object: String,
    pub name: String,
}

/// One engagement. Kept between polls (`feed::store`), so it serializes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Unique and stable across polls: the record the event comes from (an
    /// Engagement_Event__c id, a history row's id, an assigned record's
    /// id, a reply's id), or for what one EmailMessage records,
    /// `<email id>:first-open`, `:last-open`, `:bounce`.
    pub id: String,
    pub kind: Kind,
    #[serde(with = "instant")]
    pub at: DateTime,
    pub who: Option<Subject>,
    /// The tracked email it concerns, if any (the aggregation key).
    pub email: Option<EmailRef>,
    /// A clicked link or visited page.
    pub url: Option<String>,
    pub details: String,
    /// When the email an open concerns was sent, where known (the mail
    /// scanner rule of `feed::alerts`).
    #[serde(default, with = "optional_instant")]
    pub sent: Option<DateTime>,
    /// An open that stands for one or more: EmailMessage records only its
    /// first and last open, so its last open means "at least two".
    #[serde(default)]
    pub repeated: bool,
    /// Salesforce's email tracking recorded it (an `EmailMessage`), not an
    /// engagement tool: where both speak of one email, the email's own
    /// opens, replies and bounces count and the tool's copies do not.
    #[serde(default)]
    pub tracked: bool,
}

impl Event {
    /// An event of `kind` at `at`, about nobody yet.
    pub fn new(id: impl Into<String>, kind: Kind, at: DateTime) -> Self {
        Self { id: id.into(), kind, at, who: None, email: None, url: None, details: String::new(), sent: None, repeated: false, tracked: false }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailRef {
    pub id: String,
    pub subject: String,
}

/// `SELECT Id, Type__c, Occurred_At__c, Url__c, Details__c, Email_Message__c,
/// Email_Message__r.Subject, Contact__c, Contact__r.Name, Lead__c,
/// Lead__r.Name, Account__c, Account__r.Name, SystemModstamp FROM
/// Engagement_Event__c WHERE OwnerId = '<user>' AND Occurred_At__c =
/// LAST_N_DAYS:30[ AND SystemModstamp >= <since>] ORDER BY Occurred_At__c
/// DESC LIMIT 2000`, as a tree (the user id escaped).
pub fn events_query(user_id: &str, since: Option<DateTime>) -> Query {
    let mut filter = vec![
        Condition::compare("OwnerId", CompareOp::Eq, Value::string(user_id)),
        Condition::compare("Occurred_At__c", CompareOp::Eq, Value::DateLiteral(DateLiteral::LastNDays(super::QUERY_DAYS))),
    ];
    filter.extend(since.map(|since| Condition::compare("SystemModstamp", CompareOp::Ge, Value::DateTime(since))));
    Query {
        filter: Some(Condition::And(filter)),
        order_by: vec![OrderBy { field: FieldPath::new("Occurred_At__c"), descending: true, nulls: None }],
        limit: Some(MAX_EVENTS),
        ..Query::select(&EVENT_FIELDS, "Engagement_Event__c")
    }
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
        sent: None,
        repeated: false,
        tracked: false,
    })
}

pub(super) fn non_empty(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.trim().is_empty())
}

/// A date-time field in UTC (so equal instants compare equal); `None`
/// when missing, null or unparsable.
pub(super) fn instant(record: &Record, field: &str) -> Option<DateTime> {
    record.get_str(field).and_then(|s| DateTime::parse(s.trim()).ok()).map(DateTime::to_utc)
}

/// A text field of `record`, empty when it or the record is missing.
pub(super) fn text(record: Option<&Record>, field: &str) -> String {
    record.and_then(|r| r.get_str(field)).unwrap_or_default().to_owned()
}

/// The record a lookup names: its id (from `id_field`, else the nested
/// record's `Id`) and the nested record; `None` when neither names one.
fn reference(record: &Record, id_field: &str, relationship: &str) -> Option<(String, Option<Record>)> {
    let nested = record.get(relationship).filter(|v| v.is_object()).and_then(|v| serde_json::from_value::<Record>(v.clone()).ok());
    let id = non_empty(record.get_str(id_field)).or_else(|| non_empty(nested.as_ref().and_then(Record::id)))?.to_owned();
    Some((id, nested))
}

/// A [`DateTime`] stored as its UTC text (`2026-11-30T12:00:00.000+0000`).
mod instant {
    use salesforce_rest::soql::DateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &DateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&at.to_utc_string())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse(&text).map_err(|_| serde::de::Error::custom(format!("not a date-time: {text}")))
    }
}

/// [`instant`] for an optional one.
mod optional_instant {
    use salesforce_rest::soql::DateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &Option<DateTime>, s: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => super::instant::serialize(at, s),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.and_then(|text| DateTime::parse(&text).ok()))
    }
}
