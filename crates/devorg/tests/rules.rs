//! Validation rules through the API, with the builtin Opportunity rule
//! (no Amount from Proposal/Price Quote on): the single-record endpoints
//! answer 400 FIELD_CUSTOM_VALIDATION_EXCEPTION, sObject Collections fail
//! only the offending record (or, with allOrNone, roll everything back), and
//! field errors keep priority over rules.

mod common;

use axum::http::StatusCode;
use common::Org;
use serde_json::{Value, json};

const V: &str = "/services/data/v62.0";
const MESSAGE: &str = "Enter an Amount before moving an opportunity to Proposal/Price Quote or later.";
const ROLLED_BACK: &str = "Record rolled back because not all records were valid and the request was using AllOrNone header";

fn opportunity(name: &str, stage: &str, amount: Value) -> Value {
    json!({"Name": name, "StageName": stage, "CloseDate": "2026-12-31", "Amount": amount})
}

/// The rule's error as the single-record endpoints answer it.
fn top_level() -> Value {
    json!([{"message": MESSAGE, "errorCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "fields": ["Amount"]}])
}

/// (Name, StageName, Amount) of every opportunity, by name.
async fn stages(org: &Org, token: &str) -> Vec<(String, String, Value)> {
    let answer = org.query(token, "SELECT Name, StageName, Amount FROM Opportunity ORDER BY Name").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let records = answer.body["records"].as_array().expect("records").clone();
    records
        .into_iter()
        .map(|r| (r["Name"].as_str().expect("Name").to_owned(), r["StageName"].as_str().expect("StageName").to_owned(), r["Amount"].clone()))
        .collect()
}

#[tokio::test]
async fn single_record_saves_are_refused_with_the_rule_message() {
    let org = Org::new();
    let ian = org.token(1, false);
    let id = org.create(&ian, "Opportunity", opportunity("Late", "Negotiation/Review", json!(5000))).await;
    let url = format!("{V}/sobjects/Opportunity/{id}");

    let answer = org.send("PATCH", &url, Some(&ian), &[], r#"{"Amount": null}"#).await;
    assert_eq!((answer.status, answer.body), (StatusCode::BAD_REQUEST, top_level()));
    let answer = org.get(&format!("{url}?fields=Amount"), &ian).await;
    assert_eq!(answer.body["Amount"], json!(5000.0), "nothing saved");

    let body = opportunity("New", "Closed Won", Value::Null).to_string();
    let answer = org.send("POST", &format!("{V}/sobjects/Opportunity"), Some(&ian), &[], &body).await;
    assert_eq!((answer.status, answer.body), (StatusCode::BAD_REQUEST, top_level()));

    // System validation first: a bad picklist value is reported, not the rule.
    let answer = org.send("PATCH", &url, Some(&ian), &[], r#"{"Amount": null, "StageName": "Won-ish"}"#).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body[0]["errorCode"], "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "{}", answer.body);
    assert_eq!(answer.body.as_array().map(Vec::len), Some(1));

    // Leaving the late stages in the same save is fine.
    let answer = org.send("PATCH", &url, Some(&ian), &[], r#"{"Amount": null, "StageName": "Closed Lost"}"#).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT, "{}", answer.body);
    assert_eq!(stages(&org, &ian).await, vec![("Late".to_owned(), "Closed Lost".to_owned(), Value::Null)]);
}

/// Four opportunities at Qualification, the third without an Amount; their ids by name order.
async fn four(org: &Org, token: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (i, amount) in [json!(1000), json!(2000), Value::Null, json!(4000)].into_iter().enumerate() {
        ids.push(org.create(token, "Opportunity", opportunity(&format!("Deal {i}"), "Qualification", amount)).await);
    }
    ids
}

fn to_negotiation(ids: &[String], all_or_none: bool) -> String {
    let records: Vec<Value> = ids.iter().map(|id| json!({"attributes": {"type": "Opportunity"}, "id": id, "StageName": "Negotiation/Review"})).collect();
    json!({"allOrNone": all_or_none, "records": records}).to_string()
}

fn refused(id: &str) -> Value {
    json!({"id": id, "success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "message": MESSAGE, "fields": ["Amount"]}]})
}

#[tokio::test]
async fn a_collection_update_fails_only_the_record_that_breaks_the_rule() {
    let org = Org::new();
    let ian = org.token(1, false);
    let ids = four(&org, &ian).await;
    let answer = org.send("PATCH", &format!("{V}/composite/sobjects"), Some(&ian), &[], &to_negotiation(&ids, false)).await;
    assert_eq!(answer.status, StatusCode::OK);
    let saved = |id: &str| json!({"id": id, "success": true, "errors": []});
    assert_eq!(answer.body, json!([saved(&ids[0]), saved(&ids[1]), refused(&ids[2]), saved(&ids[3])]));
    let row = |i: usize, stage: &str, amount: Value| (format!("Deal {i}"), stage.to_owned(), amount);
    assert_eq!(
        stages(&org, &ian).await,
        vec![
            row(0, "Negotiation/Review", json!(1000.0)),
            row(1, "Negotiation/Review", json!(2000.0)),
            row(2, "Qualification", Value::Null),
            row(3, "Negotiation/Review", json!(4000.0)),
        ]
    );
}

#[tokio::test]
async fn a_collection_update_with_all_or_none_changes_nothing() {
    let org = Org::new();
    let ian = org.token(1, false);
    let ids = four(&org, &ian).await;
    let before = stages(&org, &ian).await;
    let answer = org.send("PATCH", &format!("{V}/composite/sobjects"), Some(&ian), &[], &to_negotiation(&ids, true)).await;
    assert_eq!(answer.status, StatusCode::OK);
    let rolled_back =
        |id: &str| json!({"id": id, "success": false, "errors": [{"statusCode": "ALL_OR_NONE_OPERATION_ROLLED_BACK", "message": ROLLED_BACK, "fields": []}]});
    assert_eq!(answer.body, json!([rolled_back(&ids[0]), rolled_back(&ids[1]), refused(&ids[2]), rolled_back(&ids[3])]));
    assert_eq!(stages(&org, &ian).await, before);
    assert!(before.iter().all(|(_, stage, _)| stage == "Qualification"));
}
