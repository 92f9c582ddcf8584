//! `TodoTask::from_record`, `title` and the tasks query.

use serde_json::json;

use super::*;
use crate::todo::task::{NO_SUBJECT, tasks_query};

fn full_task() -> TodoTask {
    TodoTask {
        description: "Pricing for 40 seats".to_owned(),
        due: Some(date("2026-11-30")),
        priority: "High".to_owned(),
        high_priority: true,
        status: "Completed".to_owned(),
        closed: true,
        completed: Some(instant("2026-11-29T15:00:00.000+0000")),
        created: Some(instant("2026-11-20T09:30:00.000+0000")),
        modified: Some("2026-11-29T15:00:00.000+0000".to_owned()),
        who: Some(related("003000000000001AAA", "Maria Chen", "Contact")),
        what: Some(related("006000000000001AAA", "Acme - 40 seats", "Opportunity")),
        account: Some(related("001000000000001AAA", "Acme", "Account")),
        ..task("00T000000000001AAA", "Send the quote")
    }
}

#[test]
fn from_record_table() {
    let attrs = json!({"type": "Task", "url": "/services/data/v62.0/sobjects/Task/00T000000000001AAA"});
    let cases: &[(&str, serde_json::Value, Option<TodoTask>)] = &[
        (
            "every field, as the org answers",
            json!({
                "attributes": attrs,
                "Id": "00T000000000001AAA",
                "Subject": "Send the quote",
                "Description": "Pricing for 40 seats",
                "ActivityDate": "2026-11-30",
                "Priority": "High",
                "IsHighPriority": true,
                "Status": "Completed",
                "IsClosed": true,
                "CompletedDateTime": "2026-11-29T15:00:00.000+0000",
                "CreatedDate": "2026-11-20T09:30:00.000+0000",
                "LastModifiedDate": "2026-11-29T15:00:00.000+0000",
                "WhoId": "003000000000001AAA",
                "Who": {"attributes": {"type": "Name", "url": "/services/data/v62.0/sobjects/Contact/003000000000001AAA"}, "Name": "Maria Chen", "Type": "Contact"},
                "WhatId": "006000000000001AAA",
                "What": {"attributes": {"type": "Name"}, "Name": "Acme - 40 seats", "Type": "Opportunity"},
                "AccountId": "001000000000001AAA",
                "Account": {"attributes": {"type": "Account"}, "Name": "Acme"}
            }),
            Some(full_task()),
        ),
        (
            "nulls everywhere become empty / None",
            json!({
                "attributes": attrs, "Id": "00T000000000002AAA", "Subject": null, "Description": null,
                "ActivityDate": null, "Priority": null, "IsHighPriority": null, "Status": null, "IsClosed": null,
                "CompletedDateTime": null, "CreatedDate": null, "WhoId": null, "Who": null,
                "WhatId": null, "What": null, "AccountId": null, "Account": null
            }),
            Some(TodoTask { priority: String::new(), status: String::new(), ..task("00T000000000002AAA", "") }),
        ),
        (
            "missing fields too",
            json!({"Id": "00T000000000003AAA"}),
            Some(TodoTask { priority: String::new(), status: String::new(), ..task("00T000000000003AAA", "") }),
        ),
        (
            "malformed dates and wrong types are None / false, not a panic",
            json!({
                "Id": "00T000000000004AAA", "Subject": 42, "ActivityDate": "2026-02-30",
                "CompletedDateTime": "yesterday", "CreatedDate": "2026-11-20", "IsClosed": "true", "IsHighPriority": 1,
                "Who": "not a record", "What": [], "Account": {"Name": "Acme"}
            }),
            Some(TodoTask { priority: String::new(), status: String::new(), ..task("00T000000000004AAA", "") }),
        ),
        (
            "no Id but attributes.url names it",
            json!({"attributes": attrs, "Subject": "Call"}),
            Some(TodoTask { priority: String::new(), status: String::new(), ..task("00T000000000001AAA", "Call") }),
        ),
        ("no Id at all", json!({"attributes": {"type": "Task"}, "Subject": "Call"}), None),
        ("an empty Id", json!({"Id": "", "Subject": "Call"}), None),
        (
            "a relationship without its Id field: the nested record's url, name and type",
            json!({
                "Id": "00T000000000005AAA",
                "Who": {"attributes": {"type": "Name", "url": "/services/data/v62.0/sobjects/Lead/00Q000000000001AAA"}, "Name": "Sam Lee", "Type": "Lead"},
                "WhatId": "001000000000009AAA", "What": null,
                "AccountId": "001000000000009AAA"
            }),
            Some(TodoTask {
                priority: String::new(),
                status: String::new(),
                who: Some(related("00Q000000000001AAA", "Sam Lee", "Lead")),
                what: Some(related("001000000000009AAA", "", "")),
                account: Some(related("001000000000009AAA", "", "Account")),
                ..task("00T000000000005AAA", "")
            }),
        ),
        (
            "field names in any case; a DateTime with Z and a date with spaces",
            json!({"id": "00T000000000006AAA", "subject": "Lower", "ACTIVITYDATE": " 2026-12-01 ", "createddate": "2026-11-20T09:30:00Z"}),
            Some(TodoTask {
                priority: String::new(),
                status: String::new(),
                due: Some(date("2026-12-01")),
                created: Some(instant("2026-11-20T09:30:00Z")),
                ..task("00T000000000006AAA", "Lower")
            }),
        ),
    ];
    for (name, json, expected) in cases {
        assert_eq!(TodoTask::from_record(&record(json.clone())), *expected, "case: {name}");
    }
}

#[test]
fn title_table() {
    let cases: &[(&str, &str)] = &[
        ("Call Maria", "Call Maria"),
        ("", NO_SUBJECT),
        ("   ", NO_SUBJECT),
        ("\t\n", NO_SUBJECT),
        ("  padded  ", "  padded  "),
        ("[No Subject]", "[No Subject]"),
    ];
    for (subject, expected) in cases {
        assert_eq!(task("00T", subject).title(), *expected, "subject: {subject:?}");
    }
    assert_eq!(NO_SUBJECT, "[No Subject]");
}

#[test]
fn tasks_query_renders_exactly() {
    const FIELDS: &str = "SELECT Id, Subject, Description, ActivityDate, Priority, IsHighPriority, Status, IsClosed, \
        CompletedDateTime, CreatedDate, LastModifiedDate, WhoId, Who.Name, Who.Type, WhatId, What.Name, What.Type, AccountId, Account.Name FROM Task";
    const REST: &str = "AND (IsClosed = false OR CompletedDateTime = LAST_N_DAYS:7) ORDER BY ActivityDate NULLS LAST LIMIT 2000";
    let cases: &[(&str, &str, &str)] = &[
        ("a plain id", "005000000000001AAA", "WHERE OwnerId = '005000000000001AAA'"),
        ("a quote is escaped, not injected", "005' OR OwnerId != '", r"WHERE OwnerId = '005\' OR OwnerId != \''"),
        ("a backslash is escaped", r"005\", r"WHERE OwnerId = '005\\'"),
        ("an empty id is still a value", "", "WHERE OwnerId = ''"),
    ];
    for (name, user, owner) in cases {
        assert_eq!(tasks_query(user).to_string(), format!("{FIELDS} {owner} {REST}"), "case: {name}");
    }
}

#[test]
fn tasks_query_parses_back_to_the_same_tree() {
    let query = tasks_query("005000000000001AAA");
    let parsed = salesforce_rest::soql::parse(&query.to_string()).expect("parses");
    assert_eq!(parsed, query);
}

#[test]
fn a_change_the_org_could_not_take_becomes_edits_to_keep() {
    let task = full_task();
    let mut patch = serde_json::Map::new();
    patch.insert("Status".into(), json!("Completed"));
    patch.insert("ActivityDate".into(), json!("2027-01-04"));
    let kept = task.kept_edits(&patch);
    let got: Vec<(&str, &str, Option<serde_json::Value>, serde_json::Value)> =
        kept.iter().map(|e| (e.field.as_str(), e.label.as_str(), e.before.clone(), e.value.clone())).collect();
    let due = task.due.map(|d| json!(d.to_string())).unwrap_or(serde_json::Value::Null);
    assert_eq!(got, vec![("Status", "Status", Some(json!(task.status)), json!("Completed")), ("ActivityDate", "Due Date", Some(due), json!("2027-01-04"))]);
    assert!(
        kept.iter().all(|e| e.object == "Task" && e.id == task.id && e.record_name == task.title() && e.waiting() == crate::edits::pending::Waiting::Retry)
    );
}
