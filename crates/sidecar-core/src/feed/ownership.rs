//! Records assigned to the user as My Feed events, per object of
//! `catalog::OWNED` the user can read:
//! - **reassigned**: the `Owner` rows of its history object (when field
//!   history is readable) whose new value is the user, written by someone
//!   else. Salesforce writes two rows per change of a lookup (Object
//!   Reference, EntityHistory: one with the names shown, one with the ids);
//!   only the id row is read as an assignment, by comparing ids, so the
//!   name row never counts (and `DataType` is not relied on);
//! - **created for them**: records they own that someone else created.
//!
//! A record both created for and reassigned to the user shows once, at the
//! latest (`alerts::aggregate`).

use salesforce_rest::soql::{CompareOp, Condition, DateLiteral, DateTime, FieldPath, OrderBy, Query, Value};
use salesforce_rest::wire::Record;

use super::QUERY_DAYS;
use super::catalog::{HistoryPlan, OwnedPlan};
use super::source::{Event, Kind, Subject, instant, non_empty, text};

/// Most records (or history rows) per object one query reads.
pub const MAX_ASSIGNED: u64 = 200;

/// `SELECT Id, LeadId, Lead.Name, NewValue, CreatedById, CreatedDate FROM
/// LeadHistory WHERE Field = 'Owner' AND Lead.OwnerId = '<user>' AND
/// CreatedById != '<user>' AND CreatedDate = LAST_N_DAYS:30[ AND CreatedDate
/// >= <since>] ORDER BY CreatedDate DESC LIMIT 200`. `NewValue` cannot be
/// filtered (it is `anyType`), so the record's current owner narrows the
/// rows and [`from_history`] checks the new value.
pub fn history_query(owned: &OwnedPlan, history: &HistoryPlan, user_id: &str, since: Option<DateTime>) -> Query {
    let parent_name = format!("{}.{}", history.relationship, owned.name_field);
    let mut filter = vec![
        Condition::compare("Field", CompareOp::Eq, Value::string("Owner")),
        Condition::compare(&format!("{}.OwnerId", history.relationship), CompareOp::Eq, Value::string(user_id)),
    ];
    filter.extend(recent(user_id, since));
    Query {
        filter: Some(Condition::And(filter)),
        order_by: newest_first(),
        limit: Some(MAX_ASSIGNED),
        ..Query::select(&["Id", &history.parent_field, &parent_name, "NewValue", "CreatedById", "CreatedDate"], &history.object)
    }
}

/// `SELECT Id, Name, CreatedDate FROM Lead WHERE OwnerId = '<user>' AND
/// CreatedById != '<user>' AND CreatedDate = LAST_N_DAYS:30[ AND
/// CreatedDate >= <since>] ORDER BY CreatedDate DESC LIMIT 200`.
pub fn created_query(owned: &OwnedPlan, user_id: &str, since: Option<DateTime>) -> Query {
    let mut filter = vec![Condition::compare("OwnerId", CompareOp::Eq, Value::string(user_id))];
    filter.extend(recent(user_id, since));
    Query {
        filter: Some(Condition::And(filter)),
        order_by: newest_first(),
        limit: Some(MAX_ASSIGNED),
        ..Query::select(&["Id", &owned.name_field, "CreatedDate"], &owned.object)
    }
}

/// By someone else, in the window, and since `since`.
fn recent(user_id: &str, since: Option<DateTime>) -> Vec<Condition> {
    let mut filter = vec![
        Condition::compare("CreatedById", CompareOp::Ne, Value::string(user_id)),
        Condition::compare("CreatedDate", CompareOp::Eq, Value::DateLiteral(DateLiteral::LastNDays(QUERY_DAYS))),
    ];
    filter.extend(since.map(|since| Condition::compare("CreatedDate", CompareOp::Ge, Value::DateTime(since))));
    filter
}

fn newest_first() -> Vec<OrderBy> {
    vec![OrderBy { field: FieldPath::new("CreatedDate"), descending: true, nulls: None }]
}

/// A history row as an assignment to `user_id`: only a row whose
/// `NewValue` is the user's id, by someone else. `None` otherwise, or
/// without an id, a time or the record.
pub fn from_history(owned: &OwnedPlan, history: &HistoryPlan, record: &Record, user_id: &str) -> Option<Event> {
    let id = non_empty(record.id())?;
    let new_owner = record.get_str("NewValue")?;
    if !same_id(new_owner, user_id) || record.get_str("CreatedById").is_some_and(|by| same_id(by, user_id)) {
        return None;
    }
    let at = instant(record, "CreatedDate")?;
    let parent = non_empty(record.get_str(&history.parent_field))?;
    let name = text(Some(record), &format!("{}.{}", history.relationship, owned.name_field));
    Some(Event { who: Some(Subject { id: parent.to_owned(), object: owned.object.clone(), name }), ..Event::new(id, Kind::Assigned, at) })
}

/// A record created for the user, as an assignment at its creation.
pub fn from_created(owned: &OwnedPlan, record: &Record) -> Option<Event> {
    let id = non_empty(record.id())?;
    let at = instant(record, "CreatedDate")?;
    let name = text(Some(record), &owned.name_field);
    Some(Event { who: Some(Subject { id: id.to_owned(), object: owned.object.clone(), name }), ..Event::new(id, Kind::Assigned, at) })
}

/// Two record ids name the same record: equal, or equal in their first 15
/// characters (the case-sensitive id; the 3 more are its checksum), so a
/// 15-character id matches its 18-character form.
pub fn same_id(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    let is_id = |s: &str| matches!(s.len(), 15 | 18) && s.chars().all(|c| c.is_ascii_alphanumeric());
    a == b || (is_id(a) && is_id(b) && a.get(..15) == b.get(..15))
}
