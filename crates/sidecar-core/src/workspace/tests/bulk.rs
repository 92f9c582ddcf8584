//! Selection limits, edit plans (one collection PATCH) and save results
//! merged back (partial failure, retry).

use salesforce_rest::SaveResult;
use salesforce_rest::soql::Date;
use serde_json::json;

use super::*;
use crate::api_error::ApiError;
use crate::fields::FieldValue;
use crate::records::lookup::Picked;
use crate::workspace::bulk::{EditError, begin, fail_all, merge, plan_edit};
use crate::workspace::grid::RowStatus;
use crate::workspace::selection::{MAX_SELECTED, Selection, SelectionError};

#[test]
fn selection_holds_at_most_twenty() {
    let mut s = Selection::new();
    assert_eq!(s.label(), "0 of 20 rows selected.");
    for n in 1..=4 {
        assert_eq!(s.select(&id(n)), Ok(true));
    }
    assert_eq!(s.label(), "4 of 20 rows selected.");
    assert_eq!(s.select(&id(1)), Ok(false), "already selected");
    assert_eq!(s.toggle(&id(2)), Ok(false));
    assert_eq!(s.toggle(&id(2)), Ok(true));
    for n in 5..=20 {
        s.select(&id(n)).expect("room");
    }
    assert!(s.is_full() && s.len() == MAX_SELECTED);
    assert_eq!(s.select(&id(21)), Err(SelectionError::Full));
    assert_eq!(s.toggle(&id(21)), Err(SelectionError::Full));
    assert_eq!(SelectionError::Full.to_string(), "You can select up to 20 rows.");
    assert!(!s.contains(&id(21)) && s.len() == 20, "the 21st is refused, nothing else changes");
    assert!(s.unselect(&id(3)) && !s.unselect(&id(3)));
    assert_eq!(s.select(&id(21)), Ok(true), "room again after unselecting");
    s.retain_loaded([id(1), id(21), id(99)].iter().map(String::as_str));
    assert_eq!(s.ids(), [id(1), id(21)]);
    s.clear();
    assert!(s.is_empty());
}

fn four_selected() -> Selection {
    let mut s = Selection::new();
    for n in 1..=4 {
        s.select(&id(n)).expect("room");
    }
    s
}

fn sample_rows() -> Vec<Row> {
    rows(&(1..=5).map(|n| record(n, json!({"Name": format!("Opp {n}"), "CloseDate": "2026-01-01"}))).collect::<Vec<_>>())
}

fn nov_17() -> FieldValue {
    FieldValue::Date(Date::new(2023, 11, 17).expect("date"))
}

#[test]
fn a_selected_row_edit_goes_to_every_selected_row_in_one_request() {
    let plan = plan_edit("Opportunity", &columns(), CLOSE, nov_17(), &id(2), &four_selected()).expect("plan");
    assert!(plan.is_bulk());
    let change = plan.change(&sample_rows());
    // Each row from the value it showed to the new one.
    assert!(change.edits.iter().all(|e| e.before == json!("2026-01-01") && e.after == json!("2023-11-17")));
    let requests = change.requests();
    assert_eq!(requests.len(), 1);
    let body = serde_json::to_value(&requests[0]).expect("json");
    let expected_records: Vec<_> = (1..=4).map(|n| json!({"attributes": {"type": "Opportunity"}, "id": id(n), "CloseDate": "2023-11-17"})).collect();
    assert_eq!(body, json!({"allOrNone": false, "records": expected_records}));
}

#[test]
fn an_unselected_row_edit_is_a_plain_edit() {
    let plan = plan_edit("Opportunity", &columns(), AMOUNT, FieldValue::Number(1500.0), &id(5), &four_selected()).expect("plan");
    assert!(!plan.is_bulk());
    assert_eq!(plan.ids, [id(5)]);
    let change = plan.change(&sample_rows());
    assert_eq!((change.edits.len(), &change.edits[0].after), (1, &json!(1500)));
    let empty = plan_edit("Opportunity", &columns(), STAGE, FieldValue::Text("Closed Won".into()), &id(1), &Selection::new()).expect("plan");
    assert_eq!(empty.ids, [id(1)]);
}

#[test]
fn read_only_fields_are_refused() {
    let mut cols = columns();
    cols[NAME].updateable = false;
    let refused = |cols: &[ColumnSpec], column| plan_edit("Opportunity", cols, column, FieldValue::Null, &id(1), &four_selected());
    assert_eq!(refused(&cols, NAME), Err(EditError::ReadOnly("Name".into())));
    assert_eq!(refused(&cols, INDUSTRY).map_err(|e| e.to_string()), Err("Account Industry is read-only here.".into()));
    assert_eq!(refused(&cols, 42), Err(EditError::NoColumn));
}

fn results(json: serde_json::Value) -> Vec<SaveResult> {
    serde_json::from_value(json).expect("results")
}

#[test]
fn partial_failure_keeps_the_users_value_and_retries_only_the_failed() {
    let cols = columns();
    let mut grid = sample_rows();
    let plan = plan_edit("Opportunity", &cols, CLOSE, nov_17(), &id(1), &four_selected()).expect("plan");
    let change = plan.change(&grid);
    begin(&change, &mut grid, &cols, &ctx(), &Picked::default());
    for (n, row) in grid.iter().enumerate() {
        let planned = n < 4;
        assert_eq!(row.status == RowStatus::Saving, planned, "row {n}");
        assert_eq!(row.display(CLOSE, &columns(), &ctx()) == "11/17/2023", planned, "row {n}: {}", row.display(CLOSE, &columns(), &ctx()));
    }
    let answer = results(json!([
        {"id": id(1), "success": true, "errors": []},
        {"id": id(2), "success": false, "errors": [
            {"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "message": "Close Date can't be in the past.", "fields": ["CloseDate"]}]},
        {"id": id(3), "success": true, "errors": []},
        {"id": id(4), "success": true, "errors": []},
    ]));
    let merged = merge(&change, &answer, &mut grid, &columns());
    assert_eq!(merged.saved, [id(1), id(3), id(4)]);
    assert_eq!(merged.failed, [(id(2), "Close Date can't be in the past.".to_owned())]);
    assert_eq!(grid[1].status, RowStatus::Failed("Close Date can't be in the past.".into()));
    assert_eq!(*grid[1].value(CLOSE, &columns()), nov_17(), "the failed row keeps the user's value");
    assert_eq!((grid[0].status.clone(), grid[0].display(CLOSE, &columns(), &ctx())), (RowStatus::Saved, "11/17/2023"));
    assert_eq!(grid[4].status, RowStatus::Idle);
    let retry = change.split(&[id(2)]).0;
    assert_eq!((retry.record_ids(), &retry.edits[0].after, retry.edits[0].field.as_str()), (vec![id(2).as_str()], &json!("2023-11-17"), "CloseDate"));
    let again = merge(&retry, &results(json!([{"id": id(2), "success": true, "errors": []}])), &mut grid, &columns());
    assert!(again.failed.is_empty() && grid[1].status == RowStatus::Saved);
}

#[test]
fn save_results_are_matched_and_explained() {
    let cols = columns();
    let plan = plan_edit("Opportunity", &cols, STAGE, FieldValue::Text("Closed Won".into()), &id(1), &four_selected()).expect("plan");
    let table: &[(serde_json::Value, &[&str])] = &[
        // A general (record-level) message.
        (
            json!([{"id": id(1), "success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "message": "Amount is required to close.", "fields": []}]}]),
            &["Amount is required to close.", "missing", "missing", "missing"],
        ),
        // Another field's message names the field; no errors at all still says something.
        (
            json!([
                {"id": id(1), "success": false, "errors": [{"statusCode": "REQUIRED_FIELD_MISSING", "message": "Required fields are missing: [Amount]", "fields": ["Amount"]}]},
                {"id": id(2), "success": false, "errors": []},
                {"id": id(3), "success": true},
                {"id": id(4), "success": false, "errors": [{"statusCode": "ENTITY_IS_DELETED", "message": "entity is deleted", "fields": []}]},
            ]),
            &["Amount: This field is required.", "not saved and Salesforce gave no reason", "", "doesn't exist anymore"],
        ),
        // 15-character ids in the answer still match.
        (json!([{"id": &id(1)[..15], "success": true}]), &["", "missing", "missing", "missing"]),
    ];
    for (answer, messages) in table {
        let mut grid = sample_rows();
        let change = plan.change(&grid);
        begin(&change, &mut grid, &cols, &ctx(), &Picked::default());
        let merged = merge(&change, &results(answer.clone()), &mut grid, &columns());
        for (n, fragment) in messages.iter().enumerate() {
            let status = &grid[n].status;
            match (*fragment, status) {
                ("", RowStatus::Saved) => {}
                ("missing", RowStatus::Failed(m)) => assert!(m.contains("didn't say"), "{m}"),
                (f, RowStatus::Failed(m)) if !f.is_empty() => assert!(m.contains(f), "row {n}: {m}"),
                _ => panic!("row {n}: {status:?}, expected {fragment:?}"),
            }
        }
        assert_eq!(merged.saved.len() + merged.failed.len(), 4);
    }
}

#[test]
fn a_failed_request_fails_every_row_and_retries_all() {
    let cols = columns();
    let mut grid = sample_rows();
    let plan = plan_edit("Opportunity", &cols, NAME, FieldValue::Text("Renamed".into()), &id(3), &four_selected()).expect("plan");
    let change = plan.change(&grid);
    begin(&change, &mut grid, &cols, &ctx(), &Picked::default());
    let merged = fail_all(&change, &ApiError::Offline.user_message(), &mut grid);
    assert_eq!(merged.failed.len(), 4);
    assert!(
        grid[..4]
            .iter()
            .all(|r| matches!(&r.status, RowStatus::Failed(m) if m.starts_with("You're offline")) && r.display(NAME, &columns(), &ctx()) == "Renamed")
    );
    assert_eq!(grid[4].status, RowStatus::Idle);
}
