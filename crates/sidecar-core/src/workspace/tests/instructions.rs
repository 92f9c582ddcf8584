//! The instruction box over selected rows: a bulk edit of the rows'
//! columns, previewed with what the rows hold now.

use salesforce_rest::soql::Date;
use serde_json::json;

use super::*;
use crate::instructions::{Setting, understand};
use crate::records::lookup::Match;
use crate::workspace::instructions::{change, preview, vocabulary};
use crate::workspace::selection::Selection;

fn setting() -> Setting {
    Setting { ctx: ctx(), today: Date::new(2026, 12, 2).expect("date"), now_millis: 1_796_241_600_000, fiscal_start_month: 1 }
}

#[test]
fn an_instruction_on_selected_rows_is_one_bulk_edit() {
    let columns = columns();
    let rows = rows(&[
        record(1, json!({"StageName": "Prospecting", "Amount": 100, "CloseDate": "2026-01-01"})),
        record(2, json!({"StageName": "Qualification", "Amount": 100, "CloseDate": "2026-01-01"})),
        record(3, json!({"StageName": "Prospecting", "Amount": 5, "CloseDate": "2026-01-01"})),
    ]);
    let mut selection = Selection::new();
    selection.select(&id(1)).expect("room");
    selection.select(&id(2)).expect("room");
    let vocabulary = vocabulary("Opportunity", &columns);
    // A parent's field is not the workspace object's to change; tasks are not logged here.
    assert!(vocabulary.field("Account.Industry").is_none() && !vocabulary.tasks);
    let plan = understand("stage decision makers, amount 100, close date end of month, account globex", &vocabulary, &setting());
    assert!(plan.problems.is_empty(), "{:?}", plan.lines());
    let found = vec![("AccountId".to_owned(), vec![Match { id: account_id(7), name: "Globex".into(), object: "Account".into() }])];
    let p = preview(&plan, "Opportunity", &columns, &rows, &selection, &found, &ctx());
    let shown: Vec<(&str, &str, String, bool)> = p.rows.iter().map(|r| (r.spec.name.as_str(), r.before_text.as_str(), r.after_text(), r.unchanged())).collect();
    assert_eq!(
        shown,
        [
            ("StageName", "Prospecting, Qualification", "Id. Decision Makers".to_owned(), false),
            ("Amount", "$100.00", "100".to_owned(), true),
            ("CloseDate", "1/1/2026", "12/31/2026".to_owned(), false),
            ("AccountId", "(empty)", "Globex".to_owned(), false),
        ]
    );
    assert!(p.ready());
    let (bulk, picked) = change(&p, &columns, &rows, &selection);
    let edits: Vec<(String, &str, serde_json::Value)> = bulk.edits.iter().map(|e| (e.record_id.clone(), e.field.as_str(), e.after.clone())).collect();
    assert_eq!(
        edits,
        [
            (id(1), "StageName", json!("Id. Decision Makers")),
            (id(2), "StageName", json!("Id. Decision Makers")),
            (id(1), "CloseDate", json!("2026-12-31")),
            (id(2), "CloseDate", json!("2026-12-31")),
            (id(1), "AccountId", json!(account_id(7))),
            (id(2), "AccountId", json!(account_id(7))),
        ],
        "the amount both rows hold already is not sent; row 3 is not selected"
    );
    assert_eq!(bulk.requests().len(), 1, "one request for the rows");
    assert_eq!(picked[0].name, "Globex");
}
