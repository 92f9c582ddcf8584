//! Where alerts come from, and their records read as events.

use salesforce_rest::soql::{DateTime, Query};
use salesforce_rest::wire::Record;

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
    pub fn from_type(value: &str) -> Option<Self> {
        let _ = value;
        todo!("helper")
    }
    /// "Opened", "Replied", "Clicked", "Bounced", "Visited", "Assigned to you".
    pub fn label(self) -> &'static str {
        todo!("helper")
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
    let _ = user_id;
    todo!("helper")
}

/// Records newly assigned to the user: Leads and Contacts they own, created
/// or reassigned in the last 30 days by someone else (`CreatedById !=`
/// the user): one query per object, `SELECT Id, Name, CreatedDate FROM Lead
/// WHERE OwnerId = '<user>' AND CreatedById != '<user>' AND CreatedDate =
/// LAST_N_DAYS:30 ORDER BY CreatedDate DESC LIMIT 200`.
pub fn assigned_queries(user_id: &str) -> Vec<(String, Query)> {
    let _ = user_id;
    todo!("helper")
}

/// An `Engagement_Event__c` record as an event; `None` without an id, a
/// known type or a time.
pub fn event_from_record(record: &Record) -> Option<Event> {
    let _ = record;
    todo!("helper")
}

/// An assigned record (of `object`) as an event at its CreatedDate.
pub fn assigned_from_record(object: &str, record: &Record) -> Option<Event> {
    let _ = (object, record);
    todo!("helper")
}
