//! The statuses to set, the PATCH body and optimistic completion.

use serde_json::json;

use super::*;
use crate::todo::complete::{Statuses, optimistic, status_patch, statuses_query};

fn status(api: &str, closed: bool, default: bool, sort: i64) -> serde_json::Value {
    json!({
        "attributes": {"type": "TaskStatus", "url": "/services/data/v62.0/sobjects/TaskStatus/01J000000000001AAA"},
        "ApiName": api, "MasterLabel": api, "IsClosed": closed, "IsDefault": default, "SortOrder": sort
    })
}

fn statuses(closed: Option<&str>, open: Option<&str>) -> Statuses {
    Statuses { closed: closed.map(str::to_owned), open: open.map(str::to_owned) }
}

#[test]
fn statuses_query_renders_exactly() {
    assert_eq!(statuses_query().to_string(), "SELECT ApiName, MasterLabel, IsClosed, IsDefault, SortOrder FROM TaskStatus ORDER BY SortOrder");
}

#[test]
fn statuses_from_records_table() {
    let cases: &[(&str, Vec<serde_json::Value>, Statuses)] = &[
        (
            "the standard picklist",
            vec![
                status("Not Started", false, true, 1),
                status("In Progress", false, false, 2),
                status("Completed", true, false, 3),
                status("Waiting on someone else", false, false, 4),
                status("Deferred", false, false, 5),
            ],
            statuses(Some("Completed"), Some("Not Started")),
        ),
        (
            "a renamed closed status, two closed: the first by SortOrder",
            vec![status("Open", false, true, 1), status("Cancelled", true, false, 9), status("Done", true, false, 2)],
            statuses(Some("Done"), Some("Open")),
        ),
        (
            "records out of order are sorted by SortOrder",
            vec![status("Later", false, false, 3), status("Closed B", true, false, 5), status("Closed A", true, false, 4), status("First", false, false, 1)],
            statuses(Some("Closed A"), Some("First")),
        ),
        (
            "the default is closed: open is the first open one",
            vec![status("Done", true, true, 1), status("New", false, false, 2), status("Working", false, false, 3)],
            statuses(Some("Done"), Some("New")),
        ),
        (
            "the default open status beats an earlier open one",
            vec![status("Triage", false, false, 1), status("Not Started", false, true, 2), status("Completed", true, false, 3)],
            statuses(Some("Completed"), Some("Not Started")),
        ),
        ("no closed status", vec![status("Open", false, true, 1)], statuses(None, Some("Open"))),
        ("no open status", vec![status("Done", true, false, 1)], statuses(Some("Done"), None)),
        ("no records", vec![], statuses(None, None)),
        (
            "ApiName differs from the label: the API name is the value",
            vec![json!({"ApiName": "Completed", "MasterLabel": "Erledigt", "IsClosed": true, "IsDefault": false, "SortOrder": 3})],
            statuses(Some("Completed"), None),
        ),
        (
            "no ApiName (old API versions): the MasterLabel",
            vec![
                json!({"MasterLabel": "Finished", "IsClosed": true, "SortOrder": 1}),
                json!({"ApiName": null, "MasterLabel": "New", "IsDefault": true, "SortOrder": 0}),
            ],
            statuses(Some("Finished"), Some("New")),
        ),
        (
            "no name at all is skipped; a missing SortOrder sorts last; nulls are false",
            vec![
                json!({"IsClosed": true, "SortOrder": 0}),
                json!({"ApiName": "Unsorted", "IsClosed": true}),
                json!({"ApiName": "Sorted", "IsClosed": true, "IsDefault": null, "SortOrder": 7}),
                json!({"ApiName": "Open", "IsClosed": null, "SortOrder": 8.0}),
            ],
            statuses(Some("Sorted"), Some("Open")),
        ),
    ];
    for (name, records, expected) in cases {
        let records: Vec<_> = records.iter().cloned().map(record).collect();
        assert_eq!(Statuses::from_records(&records), *expected, "case: {name}");
    }
}

#[test]
fn status_patch_table() {
    let both = statuses(Some("Done"), Some("Open"));
    let cases: &[(&str, &Statuses, bool, Option<serde_json::Value>)] = &[
        ("check", &both, true, Some(json!({"Status": "Done"}))),
        ("uncheck", &both, false, Some(json!({"Status": "Open"}))),
        ("check without a closed status", &Statuses { closed: None, ..both.clone() }, true, None),
        ("uncheck without an open status", &Statuses { open: None, ..both.clone() }, false, None),
    ];
    for (name, statuses, done, expected) in cases {
        let got = status_patch(statuses, *done).map(serde_json::Value::Object);
        assert_eq!(got, *expected, "case: {name}");
    }
}

#[test]
fn optimistic_table() {
    let both = statuses(Some("Completed"), Some("Not Started"));
    let open = TodoTask { due: Some(date("2026-11-25")), status: "In Progress".into(), ..task("00T1", "Call") };
    let done = TodoTask { status: "Completed".into(), closed: true, completed: Some(instant("2026-11-24T15:00:00.000+0000")), ..open.clone() };
    let cases: &[(&str, &TodoTask, &Statuses, bool, Option<TodoTask>)] = &[
        (
            "check: closed with the closed status; the org stamps CompletedDateTime",
            &open,
            &both,
            true,
            Some(TodoTask { status: "Completed".into(), closed: true, completed: None, ..open.clone() }),
        ),
        (
            "uncheck: open with the default open status, no completion time",
            &done,
            &both,
            false,
            Some(TodoTask { status: "Not Started".into(), closed: false, completed: None, ..done.clone() }),
        ),
        ("no closed status: nothing to show", &open, &statuses(None, Some("Not Started")), true, None),
        ("no open status", &done, &statuses(Some("Completed"), None), false, None),
    ];
    for (name, task, statuses, done, expected) in cases {
        let before = (*task).clone();
        assert_eq!(optimistic(task, statuses, *done), *expected, "case: {name}");
        assert_eq!(**task, before, "case: {name}: the old task is kept for rollback");
    }
}
