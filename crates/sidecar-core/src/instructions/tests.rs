//! The instruction box's pieces on real orgs' describes
//! (`shared/fixtures/real-orgs/`, next to the repository).

use std::path::Path;

use salesforce_rest::soql::Date;
use salesforce_rest::wire::{CompositeResponse, DescribeGlobal, Record, SObjectDescribe};
use serde_json::json;

use super::save::{self, About, Applied, Outcome, Resolved, TaskFields};
use super::when::{Calendar, date_at, time_at};
use super::*;
use crate::edits::{CellEdit, Change};
use crate::fields::{FieldType, PicklistOption};

const REAL: &str = "../../../shared/fixtures/real-orgs";

fn read<T: serde::de::DeserializeOwned>(file: &str) -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(REAL).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (the fixtures live next to the repository, in shared/)", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A real org's describe of `object` (full describes: cumulusci's), with
/// its describeGlobal; Opportunity also gets custom fields, as orgs add
/// (`Budget__c`, `Tier__c`, `Follow_Up_Date__c`).
pub fn vocabulary(object: &str) -> Vocabulary {
    let file = if object == "Lead" { "cumulusci-2024-v59/Lead.json".to_owned() } else { format!("cumulusci-2020-v48/{object}.json") };
    let describe: SObjectDescribe = read(&file);
    let global: DescribeGlobal = read("cumulusci-2020-v48/_describeGlobal.json");
    let mut vocabulary = Vocabulary::of(&describe, Some(&global));
    if object == "Opportunity" {
        let mut budget = crate::fields::FieldSpec::new("Budget__c", "Budget", FieldType::Currency);
        budget.scale = 2;
        vocabulary.fields.push(Field { spec: budget, updateable: true });
        let mut tier = crate::fields::FieldSpec::new("Tier__c", "Tier", FieldType::Picklist);
        tier.picklist = ["Gold", "Silver", "Bronze"].iter().map(|v| PicklistOption { value: (*v).into(), label: (*v).into(), active: true }).collect();
        tier.picklist.push(PicklistOption { value: "Platinum".into(), label: "Platinum".into(), active: false });
        vocabulary.fields.push(Field { spec: tier, updateable: true });
        let follow_up = crate::fields::FieldSpec::new("Follow_Up_Date__c", "Follow Up Date", FieldType::Date);
        vocabulary.fields.push(Field { spec: follow_up, updateable: true });
    }
    vocabulary
}

/// Wednesday 2 December 2026 at noon in Los Angeles, en_US, a January fiscal year.
pub fn setting() -> Setting {
    Setting { ctx: EditContext::new("en_US", "America/Los_Angeles"), today: date("2026-12-02"), now_millis: noon(), fiscal_start_month: 1 }
}

/// Noon on that day in Los Angeles.
pub fn noon() -> i64 {
    salesforce_rest::soql::DateTime::parse("2026-12-02T20:00:00Z").expect("the test's instant").unix_millis()
}

pub fn date(text: &str) -> Date {
    Date::parse(text).expect("the test's date")
}

#[test]
fn dates_as_reps_say_them() {
    let ctx = EditContext::new("en_US", "America/Los_Angeles");
    let cal = |fiscal| Calendar { today: date("2026-12-02"), fiscal_start_month: fiscal, ctx: &ctx };
    type Case<'a> = (&'a str, u8, Option<(&'a str, usize)>);
    let cases: [Case<'_>; 29] = [
        ("today", 1, Some(("2026-12-02", 1))),
        ("tomorrow", 1, Some(("2026-12-03", 1))),
        ("the day after tomorrow", 1, Some(("2026-12-04", 4))),
        ("friday", 1, Some(("2026-12-04", 1))),
        ("wednesday", 1, Some(("2026-12-09", 1))),
        ("this fri", 1, Some(("2026-12-04", 2))),
        ("next friday", 1, Some(("2026-12-11", 2))),
        ("next monday", 1, Some(("2026-12-07", 2))),
        ("next sunday", 1, Some(("2026-12-13", 2))),
        ("next week", 1, Some(("2026-12-07", 2))),
        ("next month", 1, Some(("2027-01-01", 2))),
        ("in 2 weeks", 1, Some(("2026-12-16", 3))),
        ("in two weeks", 1, Some(("2026-12-16", 3))),
        ("in a month", 1, Some(("2027-01-02", 3))),
        ("in 3 business days", 1, Some(("2026-12-07", 4))),
        ("2 weeks from now", 1, Some(("2026-12-16", 4))),
        ("end of quarter", 1, Some(("2026-12-31", 3))),
        ("end of the quarter", 2, Some(("2027-01-31", 4))),
        ("end of next quarter", 1, Some(("2027-03-31", 4))),
        ("end of next quarter", 11, Some(("2027-04-30", 4))),
        ("end of the fiscal year", 4, Some(("2027-03-31", 5))),
        ("end of q1", 1, Some(("2027-03-31", 3))),
        ("end of month", 1, Some(("2026-12-31", 3))),
        ("end of week", 1, Some(("2026-12-04", 3))),
        ("end of next week", 1, Some(("2026-12-11", 4))),
        ("dec 31", 1, Some(("2026-12-31", 2))),
        ("15th of january 2027", 1, Some(("2027-01-15", 4))),
        ("12/31/2026", 1, Some(("2026-12-31", 1))),
        ("soon", 1, None),
    ];
    for (text, fiscal, want) in cases {
        let words: Vec<&str> = text.split(' ').collect();
        let got = date_at(&words, &cal(fiscal)).map(|(d, n)| (d.to_string(), n));
        assert_eq!(got, want.map(|(d, n)| (d.to_owned(), n)), "{text} (fiscal year from month {fiscal})");
    }
}

#[test]
fn times_as_reps_say_them() {
    type Case<'a> = (&'a str, Option<(u8, u8, usize)>);
    let cases: [Case<'_>; 12] = [
        ("at 9", Some((9, 0, 2))),
        ("at 3", Some((15, 0, 2))),
        ("9am", Some((9, 0, 1))),
        ("9:30 pm", Some((21, 30, 2))),
        ("at 12:15", Some((12, 15, 2))),
        ("noon", Some((12, 0, 1))),
        ("9", None),
        ("at 25", None),
        ("at 9:75", None),
        ("2.5", None),
        ("3.20", None),
        ("at 9.30", Some((9, 30, 2))),
    ];
    for (text, want) in cases {
        let words: Vec<&str> = text.split(' ').collect();
        assert_eq!(time_at(&words), want, "{text}");
    }
    // 9:00 in Los Angeles in winter is 17:00 UTC; in summer 16:00.
    assert_eq!(when::local_instant(date("2026-12-03"), 9, 0, "America/Los_Angeles").to_utc_string(), "2026-12-03T17:00:00.000+0000");
    assert_eq!(when::local_instant(date("2026-07-03"), 9, 0, "America/Los_Angeles").to_utc_string(), "2026-07-03T16:00:00.000+0000");
}

struct AllTaskFields;
impl TaskFields for AllTaskFields {
    fn has(&self, _: &str) -> bool {
        true
    }

    fn about(&self, _: &str, _: &str) -> bool {
        true
    }
}

struct NoReminders;
impl TaskFields for NoReminders {
    fn has(&self, field: &str) -> bool {
        !field.starts_with("Reminder") && field != "IsReminderSet"
    }

    fn about(&self, field: &str, object: &str) -> bool {
        field == "WhatId" || object != "Opportunity"
    }
}

#[test]
fn one_request_saves_the_changes_and_the_new_tasks_all_or_none() {
    let plan = understand("stage negotiation, log a call: pricing, follow up in 2 weeks", &vocabulary("Opportunity"), &setting());
    assert!(plan.ready(), "{:?}", plan.lines());
    let about = About { object: "Opportunity".into(), id: "006000000000001AAA".into() };
    let creates: Vec<Record> = plan.steps.iter().filter_map(|s| save::new_record(s, &about, date("2026-12-02"), "Completed", &AllTaskFields)).collect();
    let change = Change {
        object: "Opportunity".into(),
        edits: vec![CellEdit { record_id: about.id.clone(), field: "StageName".into(), before: json!("Prospecting"), after: json!("Negotiation/Review") }],
    };
    let resolved = Resolved { change, creates };
    let body = serde_json::to_value(save::request(&resolved, "/services/data/v62.0", Some("2026-12-01T09:30:05.000+0000"))).expect("json");
    assert_eq!(
        body,
        json!({"allOrNone": true, "collateSubrequests": false, "compositeRequest": [
            {"method": "PATCH", "url": "/services/data/v62.0/sobjects/Opportunity/006000000000001AAA", "referenceId": "record",
             "body": {"StageName": "Negotiation/Review"}, "httpHeaders": {"If-Unmodified-Since": "Tue, 01 Dec 2026 09:30:05 GMT"}},
            {"method": "POST", "url": "/services/data/v62.0/sobjects/Task", "referenceId": "new0",
             "body": {"Subject": "Call", "TaskSubtype": "Call", "Status": "Completed", "ActivityDate": "2026-12-02", "WhatId": "006000000000001AAA", "Description": "pricing"}},
            {"method": "POST", "url": "/services/data/v62.0/sobjects/Task", "referenceId": "new1",
             "body": {"Subject": "Follow up", "ActivityDate": "2026-12-16", "WhatId": "006000000000001AAA"}},
        ]})
    );
    // The answer: saved, with the created ids for undo.
    let answer: CompositeResponse = serde_json::from_value(json!({"compositeResponse": [
        {"body": null, "httpHeaders": {}, "httpStatusCode": 204, "referenceId": "record"},
        {"body": {"id": "00T000000000001AAA", "success": true, "errors": []}, "httpHeaders": {}, "httpStatusCode": 201, "referenceId": "new0"},
        {"body": {"id": "00T000000000002AAA", "success": true, "errors": []}, "httpHeaders": {}, "httpStatusCode": 201, "referenceId": "new1"},
    ]}))
    .expect("answer");
    let Outcome::Saved { change, created } = save::outcome(&resolved, &answer) else { panic!("saved") };
    assert_eq!(created, [("Task".to_owned(), "00T000000000001AAA".to_owned()), ("Task".to_owned(), "00T000000000002AAA".to_owned())]);
    // Undo: the field back and both tasks deleted, in one request.
    let applied = Applied { change: change.clone(), created };
    // Only the tasks nobody changed since are deleted.
    let read: Vec<Record> = serde_json::from_value(json!([
        {"attributes": {"type": "Task"}, "Id": "00T000000000001AAA", "CreatedDate": "2026-12-02T20:00:00.000+0000", "LastModifiedDate": "2026-12-02T20:00:00.000+0000"},
        {"attributes": {"type": "Task"}, "Id": "00T000000000002AAA", "CreatedDate": "2026-12-02T20:00:00.000+0000", "LastModifiedDate": "2026-12-02T20:00:00.000+0000"},
    ]))
    .expect("records");
    let delete = save::untouched(&applied.created, &read);
    assert_eq!(save::untouched(&applied.created, &read[..1]).len(), 1, "one edited (or gone) since: kept");
    let undo =
        serde_json::to_value(save::undo_request(&change.inverse(), Some("2026-12-02T20:00:01.000+0000"), &delete, "/services/data/v62.0")).expect("json");
    assert_eq!(
        undo["compositeRequest"],
        json!([
            {"method": "PATCH", "url": "/services/data/v62.0/sobjects/Opportunity/006000000000001AAA", "referenceId": "record", "body": {"StageName": "Prospecting"},
             "httpHeaders": {"If-Unmodified-Since": "Wed, 02 Dec 2026 20:00:01 GMT"}},
            {"method": "DELETE", "url": "/services/data/v62.0/sobjects/Task/00T000000000001AAA", "referenceId": "delete0"},
            {"method": "DELETE", "url": "/services/data/v62.0/sobjects/Task/00T000000000002AAA", "referenceId": "delete1"},
        ])
    );
    assert_eq!(undo["allOrNone"], json!(true));
}

#[test]
fn a_modified_record_or_a_refusal_saves_nothing() {
    let resolved = Resolved { change: Change { object: "Opportunity".into(), edits: vec![] }, creates: vec![] };
    let modified: CompositeResponse = serde_json::from_value(json!({"compositeResponse": [
        {"body": [{"errorCode": "PRECONDITION_FAILED", "message": "The record has been modified"}], "httpHeaders": {}, "httpStatusCode": 412, "referenceId": "record"},
        {"body": [{"errorCode": "PROCESSING_HALTED", "message": "The transaction was rolled back since another operation in the same transaction failed."}], "httpHeaders": {}, "httpStatusCode": 400, "referenceId": "new0"},
    ]}))
    .expect("answer");
    assert_eq!(save::outcome(&resolved, &modified), Outcome::Modified);
    let refused: CompositeResponse = serde_json::from_value(json!({"compositeResponse": [
        {"body": [{"errorCode": "PROCESSING_HALTED", "message": "The transaction was rolled back since another operation in the same transaction failed."}], "httpHeaders": {}, "httpStatusCode": 400, "referenceId": "record"},
        {"body": [{"errorCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "message": "Subject is too vague.", "fields": []}], "httpHeaders": {}, "httpStatusCode": 400, "referenceId": "new0"},
    ]}))
    .expect("answer");
    assert_eq!(save::outcome(&resolved, &refused), Outcome::Refused("Subject is too vague.".into()));
}

#[test]
fn a_reminder_only_where_the_task_describe_has_one() {
    let plan = understand("remind me tomorrow at 9 to send the proposal", &vocabulary("Contact"), &setting());
    let about = About { object: "Contact".into(), id: "003000000000001AAA".into() };
    let with = save::new_record(&plan.steps[0], &about, date("2026-12-02"), "Completed", &AllTaskFields).expect("a task");
    assert_eq!(with.get_str("ReminderDateTime"), Some("2026-12-03T17:00:00.000+0000"));
    assert_eq!(with.get("IsReminderSet"), Some(&json!(true)));
    assert_eq!((with.get_str("WhoId"), with.get_str("Subject")), (Some("003000000000001AAA"), Some("Send the proposal")));
    let without = save::new_record(&plan.steps[0], &about, date("2026-12-02"), "Completed", &NoReminders).expect("a task");
    assert_eq!((without.get("ReminderDateTime"), without.get_str("ActivityDate")), (None, Some("2026-12-03")));
    let contact = understand("add priya raman as a contact", &vocabulary("Account"), &setting());
    let record = save::new_record(
        &contact.steps[0],
        &About { object: "Account".into(), id: "001000000000001AAA".into() },
        date("2026-12-02"),
        "Completed",
        &AllTaskFields,
    )
    .expect("a contact");
    assert_eq!(
        (record.get_str("FirstName"), record.get_str("LastName"), record.get_str("AccountId")),
        (Some("Priya"), Some("Raman"), Some("001000000000001AAA"))
    );
}

#[test]
fn tab_completes_fields_commands_and_picklist_values() {
    let opp = vocabulary("Opportunity");
    let cases: [(&str, Option<&str>); 11] = [
        ("clo", Some("close date ")),
        ("stage To neg", Some("stage To Negotiation/Review")),
        ("stage İİ", None),
        ("stage neg", Some("stage Negotiation/Review")),
        ("amount 5, stage clo", Some("amount 5, stage Closed Won")),
        ("set the prob", Some("set the probability (%) ")),
        ("lo", Some("log a call: ")),
        ("rem", Some("remind me ")),
        ("stage ", None),
        ("zzz", None),
        ("stage negotiation/review", None),
    ];
    for (text, want) in cases {
        assert_eq!(complete::complete(text, &opp).as_deref(), want, "{text}");
    }
}

#[test]
fn values_in_the_users_locale() {
    let german = Setting { ctx: EditContext::new("de_DE", "Europe/Berlin"), ..setting() };
    let opp = vocabulary("Opportunity");
    let cases: [(&str, &[&str]); 5] = [
        ("amount 50.000", &["Amount = 50000"]),
        ("amount 1,5m", &["Amount = 1500000"]),
        ("close date 31.12.2026", &["CloseDate = 2026-12-31"]),
        ("probability 12,5 %", &["Probability = 13"]), // scale 0: rounded, as Salesforce does
        ("remind me tomorrow at 9 to call", &["task 'Call' due 2026-12-03 remind 2026-12-03T08:00:00.000+0000"]),
    ];
    for (text, want) in cases {
        assert_eq!(understand(text, &opp, &german).lines(), want, "{text}");
    }
}

#[test]
fn what_cannot_be_done_here_is_said() {
    // The Workspace's rows: field changes only.
    let rows = Vocabulary::rows("Opportunity", vocabulary("Opportunity").fields);
    let plan = understand("stage negotiation, log a call: pricing", &rows, &setting());
    assert_eq!(plan.lines(), ["StageName = Negotiation/Review", "? Tasks and calls are logged on one record: open it in the side panel."]);
    assert!(!plan.ready());
    // A page of text is not an instruction.
    let long = "stage negotiation ".repeat(80);
    let plan = understand(&long, &rows, &setting());
    assert_eq!(plan.steps, []);
    assert!(plan.problems[0].message.starts_with("That is too long for an instruction"));
    // A field too long for its value.
    let plan = understand(&format!("next step {}", "x".repeat(300)), &rows, &setting());
    assert_eq!(plan.problems.len(), 1, "{:?}", plan.lines());
    assert!(plan.problems[0].message.starts_with("Next Step: "), "{:?}", plan.lines());
}

#[test]
fn the_preview_shows_now_and_then_and_saves_what_the_rep_kept() {
    use super::preview::{After, Preview, Read};
    use crate::records::lookup::Match;
    let opp = vocabulary("Opportunity");
    let ctx = setting().ctx;
    let plan = understand("stage negotiation, amount 50k, owner maria, close date next friday, log a call: pricing", &opp, &setting());
    let record: Record = serde_json::from_value(json!({
        "attributes": {"type": "Opportunity"}, "Id": "006000000000001AAA", "LastModifiedDate": "2026-12-01T09:30:05.000+0000",
        "StageName": "Prospecting", "Amount": 50000, "OwnerId": "005000000000001AAA", "CloseDate": null,
    }))
    .expect("record");
    let found = vec![(
        "OwnerId".to_owned(),
        vec![
            Match { id: "005000000000002AAA".into(), name: "Maria Chen".into(), object: "User".into() },
            Match { id: "005000000000003AAA".into(), name: "Maria Lopez".into(), object: "User".into() },
        ],
    )];
    let names = vec![("OwnerId".to_owned(), "Ian Ops".to_owned())];
    let mut preview = Preview::build(&plan, &opp, &Read { record: &record, found: &found, names: &names, task: Some(&AllTaskFields) }, &ctx);
    let shown: Vec<(String, String, String)> = preview.rows.iter().map(|r| (r.spec.label.clone(), r.before_text.clone(), r.after_text())).collect();
    assert_eq!(
        shown,
        [
            ("Stage".into(), "Prospecting".into(), "Negotiation/Review".into()),
            ("Amount".into(), "$50,000.00".into(), "50000".into()),
            ("Owner".into(), "Ian Ops".into(), "maria".into()),
            ("Close Date".into(), "(empty)".into(), "12/11/2026".into()),
        ]
    );
    assert_eq!(preview.news[0].words, "Log a call (completed today): pricing");
    // Two Marias: the rep picks before anything can be saved.
    assert!(!preview.ready());
    assert_eq!(preview.rows[2].problem().as_deref(), Some("Several records have this name: pick one."));
    preview.choose(2, 0);
    // The rep corrects the close date; a wrong value is said, not saved.
    preview.edit(3, "12/32/2026", &ctx);
    assert!(preview.rows[3].problem().is_some() && !preview.ready());
    preview.edit(3, "12/18/2026", &ctx);
    assert!(preview.ready());
    let resolved = preview.resolved(date("2026-12-02"), "Completed", &AllTaskFields);
    // The amount is 50,000 already: not sent.
    let sent: Vec<(&str, &serde_json::Value)> = resolved.change.edits.iter().map(|e| (e.field.as_str(), &e.after)).collect();
    assert_eq!(sent, [("StageName", &json!("Negotiation/Review")), ("OwnerId", &json!("005000000000002AAA")), ("CloseDate", &json!("2026-12-18"))]);
    assert_eq!(resolved.creates.len(), 1);
    assert_eq!(preview.stamp.as_deref(), Some("2026-12-01T09:30:05.000+0000"));
    // Dropping rows leaves only the call.
    preview.drop_row(0);
    assert!(matches!(preview.rows[0].after, After::Value { .. }));

    // What the org's tasks can't carry is said before anything is saved.
    let plan = understand("remind me tomorrow at 9 to call", &opp, &setting());
    let strict = Preview::build(&plan, &opp, &Read { record: &record, found: &[], names: &[], task: Some(&NoReminders) }, &ctx);
    assert_eq!(strict.problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>(), ["This org's tasks take no reminder. Say it without a time."]);
    assert!(!strict.ready());
}
