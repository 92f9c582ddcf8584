//! A `Task` record as the To Do List shows it, and its query.

use salesforce_rest::soql::{CompareOp, Condition, Date, DateLiteral, DateTime, FieldPath, Nulls, OrderBy, Query, Value};
use salesforce_rest::wire::Record;
use serde_json::{Map, Value as Json};

use crate::edits::pending::{Origin, PendingEdit};
use crate::edits::{CellEdit, Change};

/// What [`TodoTask::title`] shows for a blank subject.
pub const NO_SUBJECT: &str = "[No Subject]";

/// The fields [`tasks_query`] selects, in order.
pub const TASK_FIELDS: [&str; 19] = [
    "Id",
    "Subject",
    "Description",
    "ActivityDate",
    "Priority",
    "IsHighPriority",
    "Status",
    "IsClosed",
    "CompletedDateTime",
    "CreatedDate",
    "LastModifiedDate",
    "WhoId",
    "Who.Name",
    "Who.Type",
    "WhatId",
    "What.Name",
    "What.Type",
    "AccountId",
    "Account.Name",
];

/// Most tasks [`tasks_query`] loads (one query batch).
pub const MAX_TASKS: u64 = 2000;

/// The record a task is about (Who: a Contact or Lead; What: an Account,
/// Opportunity...), as its relationship names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub id: String,
    /// `Who.Name` / `What.Name`; empty when the org sent none.
    pub name: String,
    /// `Who.Type` / `What.Type` (`Contact`, `Account`...); from the id's key
    /// prefix is not known here, so empty when the org sent none.
    pub object: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TodoTask {
    pub id: String,
    /// As stored; see [`TodoTask::title`].
    pub subject: String,
    pub description: String,
    /// `ActivityDate`: a date with no time zone.
    pub due: Option<Date>,
    /// `Priority` picklist value (`High`, `Normal`, `Low`).
    pub priority: String,
    /// `IsHighPriority`: the red flag.
    pub high_priority: bool,
    pub status: String,
    /// `IsClosed`.
    pub closed: bool,
    /// `CompletedDateTime`, for closed tasks.
    pub completed: Option<DateTime>,
    pub created: Option<DateTime>,
    /// `LastModifiedDate` as the org sent it: a change is saved only if
    /// the task was not changed since (`If-Unmodified-Since`).
    pub modified: Option<String>,
    pub who: Option<Related>,
    pub what: Option<Related>,
    /// `AccountId`: the What's account, or the Who contact's.
    pub account: Option<Related>,
}

impl TodoTask {
    /// A queried Task (see [`tasks_query`]); `None` without an Id.
    ///
    /// Missing, null or malformed fields become empty text, `false` or
    /// `None`; an unparsable date is `None` (never a panic). `account` is
    /// always of object `Account` (the relationship is not polymorphic).
    pub fn from_record(record: &Record) -> Option<Self> {
        let id = record.id().filter(|id| !id.is_empty())?;
        let text = |field: &str| record.get_str(field).unwrap_or_default().to_owned();
        let flag = |field: &str| record.get(field).and_then(serde_json::Value::as_bool).unwrap_or(false);
        let instant = |field: &str| record.get_str(field).and_then(|s| DateTime::parse(s.trim()).ok());
        Some(Self {
            id: id.to_owned(),
            subject: text("Subject"),
            description: text("Description"),
            due: record.get_str("ActivityDate").and_then(|s| Date::parse(s.trim()).ok()),
            priority: text("Priority"),
            high_priority: flag("IsHighPriority"),
            status: text("Status"),
            closed: flag("IsClosed"),
            completed: instant("CompletedDateTime"),
            created: instant("CreatedDate"),
            modified: record.get_str("LastModifiedDate").map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
            who: related(record, "WhoId", "Who", None),
            what: related(record, "WhatId", "What", None),
            account: related(record, "AccountId", "Account", Some("Account")),
        })
    }

    /// The subject, or "[No Subject]" when it is blank.
    pub fn title(&self) -> &str {
        if self.subject.trim().is_empty() { NO_SUBJECT } else { &self.subject }
    }

    /// The value of `field` as the list shows it (the fields To Do changes),
    /// with the label a rep reads.
    fn shown(&self, field: &str) -> (String, Json) {
        match field {
            "Status" => ("Status".into(), Json::String(self.status.clone())),
            "ActivityDate" => ("Due Date".into(), self.due.map_or(Json::Null, |d| Json::String(d.to_string()))),
            _ => (field.to_owned(), Json::Null),
        }
    }

    /// A change of this task (`patch`, as sent), each field from the value
    /// the rep saw: what the conflict check judges after a 412.
    pub fn change(&self, patch: &Map<String, Json>) -> Change {
        let edits = patch
            .iter()
            .map(|(field, value)| CellEdit { record_id: self.id.clone(), field: field.clone(), before: self.shown(field).1, after: value.clone() })
            .collect();
        Change { object: "Task".into(), edits }
    }

    /// A change of this task (`patch`, as sent) the org could not take, as
    /// edits to keep and send later, each with the value the rep saw.
    pub fn kept_edits(&self, patch: &Map<String, Json>) -> Vec<PendingEdit> {
        patch
            .iter()
            .map(|(field, value)| {
                let (label, before) = self.shown(field);
                PendingEdit {
                    before: Some(before),
                    stamp: self.modified.clone(),
                    label,
                    record_name: self.title().to_owned(),
                    origin: Some(Origin::Todo),
                    ..PendingEdit::new("Task", &self.id, field, value.clone())
                }
            })
            .collect()
    }
}

/// The record behind `id_field` (`WhoId`) and its relationship (`Who`):
/// the id from `id_field`, else from the nested record (`Id` or its
/// `attributes.url`); `None` when neither names one.
fn related(record: &Record, id_field: &str, relationship: &str, object: Option<&str>) -> Option<Related> {
    let nested = record.get(relationship).filter(|v| v.is_object()).and_then(|v| serde_json::from_value::<Record>(v.clone()).ok());
    let id = record
        .get_str(id_field)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .or_else(|| nested.as_ref().and_then(Record::id).filter(|id| !id.is_empty()).map(str::to_owned))?;
    let nested_text = |field: &str| nested.as_ref().and_then(|n| n.get_str(field)).unwrap_or_default().to_owned();
    let object = match object {
        Some(object) => object.to_owned(),
        None => nested_text("Type"),
    };
    Some(Related { id, name: nested_text("Name"), object })
}

/// `SELECT Id, Subject, Description, ActivityDate, Priority, IsHighPriority,
/// Status, IsClosed, CompletedDateTime, CreatedDate, LastModifiedDate, WhoId, Who.Name,
/// Who.Type, WhatId, What.Name, What.Type, AccountId, Account.Name FROM Task
/// WHERE OwnerId = '<user>' AND (IsClosed = false OR CompletedDateTime =
/// LAST_N_DAYS:7) ORDER BY ActivityDate ASC NULLS LAST LIMIT 2000`, as a tree.
///
/// The user id is a value (the renderer escapes it). Rendered, the order is
/// `ORDER BY ActivityDate NULLS LAST` (the canonical form writes no `ASC`).
pub fn tasks_query(user_id: &str) -> Query {
    let recent = Condition::Or(vec![
        Condition::compare("IsClosed", CompareOp::Eq, Value::Bool(false)),
        Condition::compare("CompletedDateTime", CompareOp::Eq, Value::DateLiteral(DateLiteral::LastNDays(7))),
    ]);
    Query {
        filter: Some(Condition::And(vec![Condition::compare("OwnerId", CompareOp::Eq, Value::string(user_id)), recent])),
        order_by: vec![OrderBy { field: FieldPath::new("ActivityDate"), descending: false, nulls: Some(Nulls::Last) }],
        limit: Some(MAX_TASKS),
        ..Query::select(&TASK_FIELDS, "Task")
    }
}
