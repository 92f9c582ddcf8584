//! Completing and reopening a task. The closed status comes from the org's
//! `TaskStatus` values (the first with `IsClosed = true` by `SortOrder`),
//! never a hard-coded "Completed"; reopening uses the default open status.
//! Completion is optimistic: the list shows it at once and rolls back with
//! the org's reason when the update fails.

use salesforce_rest::soql::{FieldPath, OrderBy, Query};
use salesforce_rest::wire::Record;
use serde_json::{Map, Value};

use super::task::TodoTask;

/// `SELECT ApiName, MasterLabel, IsClosed, IsDefault, SortOrder FROM
/// TaskStatus ORDER BY SortOrder`.
pub fn statuses_query() -> Query {
    Query {
        order_by: vec![OrderBy { field: FieldPath::new("SortOrder"), descending: false, nulls: None }],
        ..Query::select(&["ApiName", "MasterLabel", "IsClosed", "IsDefault", "SortOrder"], "TaskStatus")
    }
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
    /// Records are sorted again by `SortOrder` (a missing one last; ties keep
    /// the records' order). A status's value is its `ApiName`, else its
    /// `MasterLabel` (orgs before API 44 have no `ApiName`); records with
    /// neither are skipped.
    pub fn from_records(records: &[Record]) -> Self {
        struct Status<'r> {
            value: &'r str,
            closed: bool,
            default: bool,
            sort: f64,
        }
        let flag = |r: &Record, f: &str| r.get(f).and_then(Value::as_bool).unwrap_or(false);
        let mut statuses: Vec<Status<'_>> = records
            .iter()
            .filter_map(|r| {
                let value = [r.get_str("ApiName"), r.get_str("MasterLabel")].into_iter().flatten().find(|v| !v.trim().is_empty())?;
                let sort = r.get("SortOrder").and_then(Value::as_f64).unwrap_or(f64::INFINITY);
                Some(Status { value, closed: flag(r, "IsClosed"), default: flag(r, "IsDefault"), sort })
            })
            .collect();
        statuses.sort_by(|a, b| a.sort.total_cmp(&b.sort));
        let closed = statuses.iter().find(|s| s.closed);
        let open = statuses.iter().find(|s| s.default && !s.closed).or_else(|| statuses.iter().find(|s| !s.closed));
        Self { closed: closed.map(|s| s.value.to_owned()), open: open.map(|s| s.value.to_owned()) }
    }

    /// The status checking (`done`) or unchecking sets.
    pub fn for_done(&self, done: bool) -> Option<&str> {
        if done { self.closed.as_deref() } else { self.open.as_deref() }
    }
}

/// The `PATCH /sobjects/Task/{id}` body for checking (`done`) or
/// unchecking a task; `None` when the org has no such status.
pub fn status_patch(statuses: &Statuses, done: bool) -> Option<Map<String, Value>> {
    let status = statuses.for_done(done)?;
    let mut body = Map::new();
    body.insert("Status".to_owned(), Value::String(status.to_owned()));
    Some(body)
}

/// The task as shown right after the checkbox (before the org answers):
/// closed (or open) with the new status. Keep the old one to roll back.
///
/// `completed` is `None` either way: the org stamps `CompletedDateTime`
/// when the task closes (the next load shows it) and clears it when it
/// reopens. `None` when the org has no such status (as [`status_patch`]).
pub fn optimistic(task: &TodoTask, statuses: &Statuses, done: bool) -> Option<TodoTask> {
    let status = statuses.for_done(done)?;
    Some(TodoTask { status: status.to_owned(), closed: done, completed: None, ..task.clone() })
}
