//! Completing and reopening a task. The closed status comes from the org's
//! `TaskStatus` values (the one with `IsClosed = true`, the default first),
//! never a hard-coded "Completed"; reopening uses the default open status.
//! Completion is optimistic: the list shows it at once and rolls back with
//! the org's reason when the update fails.

use salesforce_rest::soql::Query;
use salesforce_rest::wire::Record;
use serde_json::{Map, Value};

use super::task::TodoTask;

/// `SELECT ApiName, MasterLabel, IsClosed, IsDefault, SortOrder FROM
/// TaskStatus ORDER BY SortOrder`.
pub fn statuses_query() -> Query {
    todo!("helper")
}

/// The statuses a task may be given, from [`statuses_query`]'s records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statuses {
    /// The status completing sets: the first closed one by SortOrder.
    pub closed: Option<String>,
    /// The status reopening sets: the default one if open, else the first open.
    pub open: Option<String>,
}

impl Statuses {
    pub fn from_records(records: &[Record]) -> Self {
        let _ = records;
        todo!("helper")
    }
}

/// The `PATCH /sobjects/Task/{id}` body for checking (`done`) or
/// unchecking a task; `None` when the org has no such status.
pub fn status_patch(statuses: &Statuses, done: bool) -> Option<Map<String, Value>> {
    let _ = (statuses, done);
    todo!("helper")
}

/// The task as shown right after the checkbox (before the org answers):
/// closed (or open) with the new status. Keep the old one to roll back.
pub fn optimistic(task: &TodoTask, statuses: &Statuses, done: bool) -> Option<TodoTask> {
    let _ = (task, statuses, done);
    todo!("helper")
}
