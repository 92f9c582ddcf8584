//! A plan, once its lookups are found, saved in ONE `POST /composite`
//! request with `allOrNone: true`: the record's `PATCH` (conditional on
//! the record being unmodified since the preview read it:
//! `If-Unmodified-Since` in the subrequest's `httpHeaders`), then each new
//! task or contact's `POST`. Either everything is saved or nothing is.
//!
//! Undo is the same shape backwards: the fields that still hold what the
//! instruction set (the grid's conflict check, `edits::conflict`) go back,
//! and the records it created are deleted, in one request.

use salesforce_rest::conditional;
use salesforce_rest::soql::{Condition, Date, FieldPath, Query, Value};
use salesforce_rest::wire::{CompositeRequest, CompositeResponse, CompositeSubrequest, Record};
use serde_json::{Map, Value as Json};

use super::Step;
use crate::edits::Change;
use crate::insights::actions;

/// What the org lets a new task carry (the Task describe's fields).
pub trait TaskFields {
    fn has(&self, field: &str) -> bool;

    /// Whether the lookup `field` (`WhatId`, `WhoId`) may point at `object`.
    fn about(&self, field: &str, object: &str) -> bool;
}

impl TaskFields for salesforce_rest::wire::SObjectDescribe {
    fn has(&self, field: &str) -> bool {
        self.field(field).is_some_and(|f| f.createable)
    }

    fn about(&self, field: &str, object: &str) -> bool {
        self.field(field).is_some_and(|f| f.createable && f.reference_to.iter().any(|o| o.eq_ignore_ascii_case(object)))
    }
}

/// The record a task or contact is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    pub object: String,
    pub id: String,
}

/// The new record a step makes (a task or a contact), if it makes one.
/// `closed_status`: the org's status that closes a task (`TaskStatus`).
pub fn new_record(step: &Step, about: &About, today: Date, closed_status: &str, task: &dyn TaskFields) -> Option<Record> {
    let with_if = |record: Record, field: &str, value: Json| if task.has(field) { record.with(field, value) } else { record };
    match step {
        Step::LogCall { notes } => {
            let mut call = actions::logged_call(&about.object, &about.id, today, closed_status);
            if !task.has("TaskSubtype") {
                call.fields.remove("TaskSubtype");
            }
            if !notes.trim().is_empty() {
                call = with_if(call, "Description", Json::String(notes.trim().to_owned()));
            }
            Some(call)
        }
        Step::NewTask { subject, due, reminder } => {
            let mut record = actions::new_task(&about.object, &about.id, subject, *due);
            if let Some(at) = reminder
                && task.has("ReminderDateTime")
                && task.has("IsReminderSet")
            {
                record = record.with("IsReminderSet", true).with("ReminderDateTime", at.to_utc_string());
            }
            Some(record)
        }
        Step::AddContact { first_name, last_name } => {
            let mut contact = Record::new("Contact").with("LastName", last_name.clone());
            if !first_name.is_empty() {
                contact = contact.with("FirstName", first_name.clone());
            }
            Some(contact.with("AccountId", about.id.clone()))
        }
        Step::Set { .. } | Step::Find { .. } => None,
    }
}

/// A plan with its lookups found and its values compared with the record:
/// what one request saves.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The record's field changes (`before` as the preview read it).
    pub change: Change,
    /// Records to create, in the order said.
    pub creates: Vec<Record>,
}

impl Resolved {
    pub fn is_empty(&self) -> bool {
        self.change.is_empty() && self.creates.is_empty()
    }
}

const RECORD_REF: &str = "record";

fn new_ref(i: usize) -> String {
    format!("new{i}")
}

/// The body of the `POST /composite` saving `resolved`; `base` is
/// `/services/data/vNN.0`; `stamp` the record's `LastModifiedDate` as the
/// preview read it.
pub fn request(resolved: &Resolved, base: &str, stamp: Option<&str>) -> CompositeRequest {
    let mut subrequests = Vec::new();
    let change = &resolved.change;
    if let Some(id) = change.record_ids().first() {
        let body: Map<String, Json> = change.edits.iter().map(|e| (e.field.clone(), e.after.clone())).collect();
        let mut patch = CompositeSubrequest::new("PATCH", format!("{base}/sobjects/{}/{id}", change.object), RECORD_REF);
        patch.body = Some(Json::Object(body));
        if let Some(header) = stamp.and_then(conditional::if_unmodified_since) {
            patch.http_headers.insert(conditional::IF_UNMODIFIED_SINCE.to_owned(), header);
        }
        subrequests.push(patch);
    }
    for (i, record) in resolved.creates.iter().enumerate() {
        let object = record.object_type().unwrap_or("Task").to_owned();
        let mut post = CompositeSubrequest::new("POST", format!("{base}/sobjects/{object}"), new_ref(i));
        post.body = Some(Json::Object(record.fields.clone()));
        subrequests.push(post);
    }
    CompositeRequest { all_or_none: true, collate_subrequests: false, composite_request: subrequests }
}

/// What the org did with a saved plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// All saved: the change (for undo) and the records created (object, id).
    Saved { change: Change, created: Vec<(String, String)> },
    /// The record changed since the preview read it: nothing was saved.
    Modified,
    /// Refused: nothing was saved; the org's words.
    Refused(String),
}

/// Reads the composite answer to [`request`].
pub fn outcome(resolved: &Resolved, answer: &CompositeResponse) -> Outcome {
    let mut messages: Vec<String> = Vec::new();
    let mut created = Vec::new();
    for sub in &answer.composite_response {
        if sub.http_status_code == 412 {
            return Outcome::Modified;
        }
        if sub.http_status_code >= 400 {
            for error in sub.body.as_array().into_iter().flatten() {
                let code = error.get("errorCode").and_then(Json::as_str).unwrap_or_default();
                let message = error.get("message").and_then(Json::as_str).unwrap_or_default();
                // allOrNone's "rolled back" notes on the others say nothing new.
                if code != "PROCESSING_HALTED" && !message.is_empty() && !messages.iter().any(|m| m == message) {
                    messages.push(message.to_owned());
                }
            }
            continue;
        }
        if let Some(i) = sub.reference_id.strip_prefix("new").and_then(|n| n.parse::<usize>().ok())
            && let (Some(record), Some(id)) = (resolved.creates.get(i), sub.body.get("id").and_then(Json::as_str))
        {
            created.push((record.object_type().unwrap_or("Task").to_owned(), id.to_owned()));
        }
    }
    let failed = answer.composite_response.iter().any(|s| s.http_status_code >= 400);
    if failed || answer.composite_response.is_empty() {
        return Outcome::Refused(if messages.is_empty() { "Salesforce did not save it.".into() } else { messages.join(" ") });
    }
    Outcome::Saved { change: resolved.change.clone(), created }
}

/// `SELECT Id, CreatedDate, LastModifiedDate FROM <object> WHERE Id IN
/// (<ids>)`: whether the records an instruction created were changed since.
pub fn created_query(object: &str, ids: &[&str]) -> Query {
    let mut query = Query::select(&["Id", "CreatedDate", "LastModifiedDate"], object);
    query.filter = Some(Condition::In { field: FieldPath::new("Id"), values: ids.iter().map(|id| Value::String((*id).to_owned())).collect(), negated: false });
    query
}

/// The created records (object, id) nobody changed since they were
/// created, from a query of their `CreatedDate` and `LastModifiedDate`:
/// those undo deletes (a colleague's edit since is not thrown away).
pub fn untouched(created: &[(String, String)], read: &[Record]) -> Vec<(String, String)> {
    created
        .iter()
        .filter(|(_, id)| {
            read.iter().any(|r| {
                r.id().is_some_and(|rid| salesforce_rest::id::same_record(rid, id))
                    && r.get_str("CreatedDate").is_some()
                    && r.get_str("CreatedDate") == r.get_str("LastModifiedDate")
            })
        })
        .cloned()
        .collect()
}

/// A saved instruction, for undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub change: Change,
    pub created: Vec<(String, String)>,
}

/// The `POST /composite` undoing `applied`: `clear` (the part of the
/// inverse change the conflict check found still as the instruction left
/// it) back, on condition that the record is unmodified since `stamp`
/// (its `LastModifiedDate` as the check read it), and the records in
/// `delete` (the created ones nobody changed since) deleted.
pub fn undo_request(clear: &Change, stamp: Option<&str>, delete: &[(String, String)], base: &str) -> CompositeRequest {
    let mut subrequests = Vec::new();
    if let Some(id) = clear.record_ids().first() {
        let body: Map<String, Json> = clear.edits.iter().map(|e| (e.field.clone(), e.after.clone())).collect();
        let mut patch = CompositeSubrequest::new("PATCH", format!("{base}/sobjects/{}/{id}", clear.object), RECORD_REF);
        patch.body = Some(Json::Object(body));
        if let Some(header) = stamp.and_then(conditional::if_unmodified_since) {
            patch.http_headers.insert(conditional::IF_UNMODIFIED_SINCE.to_owned(), header);
        }
        subrequests.push(patch);
    }
    for (i, (object, id)) in delete.iter().enumerate() {
        subrequests.push(CompositeSubrequest::new("DELETE", format!("{base}/sobjects/{object}/{id}"), format!("delete{i}")));
    }
    CompositeRequest { all_or_none: true, collate_subrequests: false, composite_request: subrequests }
}
