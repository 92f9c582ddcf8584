//! Records assigned to the user: the history and creation queries, and their rows read as events.

use serde_json::json;

use super::*;
use crate::feed::catalog::{HistoryPlan, OwnedPlan};
use crate::feed::ownership::{created_query, from_created, from_history, history_query, same_id};

const USER: &str = "005000000000001AAA";

fn lead() -> (OwnedPlan, HistoryPlan) {
    let lead = lead_plan();
    let history = lead.history.clone().expect("leads have history in this plan");
    (lead, history)
}

#[test]
fn queries_render_exactly_and_round_trip() {
    let (owned, history) = lead();
    let case = case_plan();
    let since = Some(instant("2026-11-30T11:00:00Z"));
    let cases: Vec<(&str, salesforce_rest::soql::Query, &str)> = vec![
        (
            "lead history",
            history_query(&owned, &history, USER, None),
            "SELECT Id, LeadId, Lead.Name, NewValue, CreatedById, CreatedDate FROM LeadHistory WHERE Field = 'Owner' \
             AND Lead.OwnerId = '005000000000001AAA' AND CreatedById != '005000000000001AAA' AND CreatedDate = LAST_N_DAYS:30 \
             ORDER BY CreatedDate DESC LIMIT 200",
        ),
        (
            "lead history since",
            history_query(&owned, &history, USER, since),
            "SELECT Id, LeadId, Lead.Name, NewValue, CreatedById, CreatedDate FROM LeadHistory WHERE Field = 'Owner' \
             AND Lead.OwnerId = '005000000000001AAA' AND CreatedById != '005000000000001AAA' AND CreatedDate = LAST_N_DAYS:30 \
             AND CreatedDate >= 2026-11-30T11:00:00Z ORDER BY CreatedDate DESC LIMIT 200",
        ),
        (
            "cases created for the user, by their name field",
            created_query(&case, USER, None),
            "SELECT Id, CaseNumber, CreatedDate FROM Case WHERE OwnerId = '005000000000001AAA' AND CreatedById != '005000000000001AAA' \
             AND CreatedDate = LAST_N_DAYS:30 ORDER BY CreatedDate DESC LIMIT 200",
        ),
    ];
    for (case, query, expected) in cases {
        assert_eq!(query.to_string(), expected, "{case}");
        round_trips(case, &query);
    }
    let hostile = created_query(&case, "0' OR Id != '", None).to_string();
    assert!(hostile.contains("OwnerId = '0\\' OR Id != \\''"), "escaped: {hostile}");
}

#[test]
fn history_rows_as_assignments_table() {
    let (owned, history) = lead();
    let row = |over: serde_json::Value| {
        let mut base = json!({
            "attributes": {"type": "LeadHistory"}, "Id": "017000000000001AAA", "LeadId": "00Q000000000001AAA",
            "Lead": {"attributes": {"type": "Lead"}, "Name": "Ana Silva"}, "NewValue": USER,
            "CreatedById": "005000000000002AAA", "CreatedDate": "2026-11-29T09:00:00.000+0000"
        });
        for (k, v) in over.as_object().expect("object") {
            base[k] = v.clone();
        }
        record(base)
    };
    let expected = Event {
        who: Some(subject("00Q000000000001AAA", "Lead", "Ana Silva")),
        ..Event::new("017000000000001AAA", Kind::Assigned, instant("2026-11-29T09:00:00Z"))
    };
    let cases: Vec<(&str, serde_json::Value, Option<Event>)> = vec![
        ("the id row naming the user", json!({}), Some(expected.clone())),
        ("the user's 15-character id", json!({"NewValue": "005000000000001"}), Some(expected.clone())),
        ("the name row of the same change: not read", json!({"NewValue": "Ian Wright"}), None),
        ("assigned to someone else", json!({"NewValue": "005000000000003AAA"}), None),
        ("the user assigned it to themselves", json!({"CreatedById": USER}), None),
        ("a null new value (a queue removed)", json!({"NewValue": null}), None),
        ("the lead's name not readable", json!({"Lead": null}), Some(Event { who: Some(subject("00Q000000000001AAA", "Lead", "")), ..expected.clone() })),
        ("no lead", json!({"LeadId": null}), None),
        ("no time", json!({"CreatedDate": null}), None),
    ];
    for (case, over, want) in cases {
        assert_eq!(from_history(&owned, &history, &row(over), USER), want, "{case}");
    }
}

#[test]
fn created_records_as_assignments_table() {
    let case = case_plan();
    let cases: Vec<(&str, serde_json::Value, Option<Event>)> = vec![
        (
            "a case, by its number",
            json!({"Id": "500000000000001AAA", "CaseNumber": "00001026", "CreatedDate": "2026-11-28T09:30:00.000+0000"}),
            Some(Event {
                who: Some(subject("500000000000001AAA", "Case", "00001026")),
                ..Event::new("500000000000001AAA", Kind::Assigned, instant("2026-11-28T09:30:00Z"))
            }),
        ),
        ("no CreatedDate", json!({"Id": "500000000000001AAA"}), None),
        ("a malformed CreatedDate", json!({"Id": "500000000000001AAA", "CreatedDate": "soon"}), None),
        ("no id", json!({"CreatedDate": "2026-11-28T09:30:00.000+0000"}), None),
    ];
    for (name, json, want) in cases {
        assert_eq!(from_created(&case, &record(json)), want, "{name}");
    }
}

#[test]
fn same_id_table() {
    let cases: &[(&str, &str, bool)] = &[
        ("005000000000001AAA", "005000000000001AAA", true),
        ("005000000000001", "005000000000001AAA", true),
        ("005000000000001AAA", "005000000000001", true),
        ("005000000000001AAA", "005000000000002AAA", false),
        ("005a00000000001AAA", "005A00000000001AAA", false),
        ("Ian Wright", "005000000000001AAA", false),
        ("", "005000000000001AAA", false),
    ];
    for (a, b, same) in cases {
        assert_eq!(same_id(a, b), *same, "{a} vs {b}");
    }
}
