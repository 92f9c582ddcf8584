//! One look: the queries a plan calls for, and the answers read as events.

use serde_json::json;

use super::*;
use crate::feed::catalog::{EmailPlan, HistoryPlan, OwnedPlan, Plan};
use crate::feed::poll::{Part, events, newest_stamp, queries};

fn full() -> Plan {
    let lead = OwnedPlan {
        object: "Lead".into(),
        name_field: "Name".into(),
        history: Some(HistoryPlan { object: "LeadHistory".into(), parent_field: "LeadId".into(), relationship: "Lead".into() }),
    };
    let case = OwnedPlan { object: "Case".into(), name_field: "CaseNumber".into(), history: None };
    Plan { email: Some(EmailPlan { relations: Some("EmailMessageRelations".into()), replies: true }), owned: vec![lead, case], engagement: true }
}

#[test]
fn a_plans_queries_in_order() {
    let cases: Vec<(&str, Plan, Vec<Part>)> = vec![
        ("everything", full(), vec![Part::Sent, Part::Replies, Part::History(0), Part::Created(0), Part::Created(1), Part::Engagement]),
        ("nothing", Plan::default(), vec![]),
        (
            "no replies, no engagement",
            Plan { email: Some(EmailPlan { relations: None, replies: false }), engagement: false, ..full() },
            vec![Part::Sent, Part::History(0), Part::Created(0), Part::Created(1)],
        ),
    ];
    for (case, plan, parts) in cases {
        let got: Vec<Part> = queries(&plan, "005000000000001AAA", None).into_iter().map(|(p, _)| p).collect();
        assert_eq!(got, parts, "{case}");
    }
    for (part, query) in queries(&full(), "005000000000001AAA", Some(instant("2026-11-30T11:00:00Z"))) {
        let text = query.to_string();
        assert!(text.contains(">= 2026-11-30T11:00:00Z"), "{part:?} asks only what changed since: {text}");
        round_trips(&part.reference(), &query);
    }
}

#[test]
fn engagement_events_that_email_tracking_records_are_left_out() {
    let row = |id: &str, kind: &str, email: Option<&str>| {
        record(
            json!({"Id": id, "Type__c": kind, "Occurred_At__c": "2026-11-30T10:00:00.000+0000", "Email_Message__c": email, "Contact__c": "003000000000001AAA"}),
        )
    };
    let records = vec![
        row("a01o", "Email Open", Some("02sA")),
        row("a01r", "Email Reply", Some("02sA")),
        row("a01b", "Email Bounce", Some("02sA")),
        row("a01c", "Link Click", Some("02sA")),
        row("a01v", "Web Visit", None),
        row("a01m", "Email Open", None),
    ];
    let ids = |plan: &Plan| -> Vec<String> { events(plan, Part::Engagement, &records, "005").into_iter().map(|e| e.id).collect() };
    assert_eq!(ids(&full()), ["a01c", "a01v", "a01m"], "tracking on: the email's own opens, replies and bounces come from EmailMessage");
    assert_eq!(ids(&Plan { email: None, ..full() }), ["a01o", "a01r", "a01b", "a01c", "a01v", "a01m"], "tracking off: all of them");
}

#[test]
fn answers_read_by_their_part() {
    let history = vec![record(
        json!({"Id": "017A", "LeadId": "00QA", "Lead": {"Name": "Ana Silva"}, "NewValue": "005000000000001AAA", "CreatedById": "005000000000002AAA", "CreatedDate": "2026-11-29T09:00:00.000+0000"}),
    )];
    let got = events(&full(), Part::History(0), &history, "005000000000001AAA");
    assert_eq!(got.iter().map(|e| (e.id.as_str(), e.who.as_ref().map(|w| w.object.as_str()))).collect::<Vec<_>>(), [("017A", Some("Lead"))]);
    assert!(events(&full(), Part::History(1), &history, "005000000000001AAA").is_empty(), "Case has no history in this plan");
    assert!(events(&full(), Part::History(7), &history, "005000000000001AAA").is_empty(), "no such object");
    assert_eq!(newest_stamp(Part::History(0), &history).map(|d| d.unix_millis()), Some(instant("2026-11-29T09:00:00Z").unix_millis()));
    let sent = vec![
        record(json!({"Id": "02sA", "SystemModstamp": "2026-11-30T08:00:00.000+0000"})),
        record(json!({"Id": "02sB", "SystemModstamp": "2026-11-30T09:00:00.000+0000"})),
        record(json!({"Id": "02sC", "SystemModstamp": "soon"})),
    ];
    assert_eq!(newest_stamp(Part::Sent, &sent).map(|d| d.unix_millis()), Some(instant("2026-11-30T09:00:00Z").unix_millis()));
    assert_eq!(newest_stamp(Part::Sent, &[]), None);
}
