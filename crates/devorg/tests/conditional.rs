//! `If-Unmodified-Since` on a single-record update, as Salesforce's
//! "Conditional Request Headers" describes it: the update happens only when
//! the record was not modified after the given second; else 412 Precondition
//! Failed and nothing changes; a value that is not a date is 400. The same
//! header among a composite subrequest's `httpHeaders` works the same way.

mod common;

use axum::http::StatusCode;
use common::Org;
use salesforce_rest::conditional::if_unmodified_since;
use salesforce_rest::soql::DateTime;
use serde_json::json;

const V: &str = "/services/data/v62.0";

/// The header for `stamp` moved by `seconds`.
fn shifted(stamp: &str, seconds: i64) -> String {
    let moved = DateTime::from_unix_millis(DateTime::parse(stamp).expect("stamp").unix_millis() + seconds * 1000);
    if_unmodified_since(&moved.to_utc_string()).expect("header")
}

#[tokio::test]
async fn a_record_modified_after_the_date_is_not_updated() {
    let org = Org::new();
    let ian = org.token(1, false);
    let id = org.create(&ian, "Lead", json!({"LastName": "Alvarez", "Company": "Northwind", "Title": "Buyer"})).await;
    let record = org.get(&format!("{V}/sobjects/Lead/{id}?fields=LastModifiedDate"), &ian).await;
    let stamp = record.body["LastModifiedDate"].as_str().expect("stamp").to_owned();

    // (header value, expected status, whether the update is applied)
    let cases: Vec<(String, StatusCode, bool)> = vec![
        // Modified a second after the date: refused.
        (shifted(&stamp, -1), StatusCode::PRECONDITION_FAILED, false),
        (shifted(&stamp, -3600), StatusCode::PRECONDITION_FAILED, false),
        // Named US zone, as in Salesforce's example: an hour before, in MST.
        (format!("{} MST", shifted(&stamp, -3600 - 7 * 3600).trim_end_matches(" GMT")), StatusCode::PRECONDITION_FAILED, false),
        // Not a date: 400, nothing changes.
        ("yesterday".to_owned(), StatusCode::BAD_REQUEST, false),
        (stamp.clone(), StatusCode::BAD_REQUEST, false),
        (String::new(), StatusCode::BAD_REQUEST, false),
        // The very second it was modified in, or later: the update happens.
        (shifted(&stamp, 0), StatusCode::NO_CONTENT, true),
    ];
    for (i, (header, status, applied)) in cases.into_iter().enumerate() {
        let title = format!("Title {i}");
        let answer = org
            .send("PATCH", &format!("{V}/sobjects/Lead/{id}"), Some(&ian), &[("If-Unmodified-Since", header.as_str())], &json!({"Title": title}).to_string())
            .await;
        assert_eq!(answer.status, status, "If-Unmodified-Since: {header:?}: {}", answer.body);
        let now = org.get(&format!("{V}/sobjects/Lead/{id}?fields=Title,LastModifiedDate"), &ian).await;
        assert_eq!(now.body["Title"] == json!(title), applied, "If-Unmodified-Since: {header:?}");
        if !applied {
            assert_eq!(now.body["LastModifiedDate"], json!(stamp), "a refused update leaves the record's stamp");
        }
    }
}

#[tokio::test]
async fn a_later_date_passes_and_the_missing_record_is_still_not_found() {
    let org = Org::new();
    let ian = org.token(1, false);
    let id = org.create(&ian, "Lead", json!({"LastName": "Okafor", "Company": "Initech"})).await;
    let stamp = org.get(&format!("{V}/sobjects/Lead/{id}?fields=LastModifiedDate"), &ian).await.body["LastModifiedDate"].as_str().expect("stamp").to_owned();

    let later = shifted(&stamp, 60);
    let answer = org.send("PATCH", &format!("{V}/sobjects/Lead/{id}"), Some(&ian), &[("if-unmodified-since", &later)], r#"{"Title":"CFO"}"#).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);

    // The record's own errors come first: a deleted record is 404, not 412.
    assert_eq!(org.send("DELETE", &format!("{V}/sobjects/Lead/{id}"), Some(&ian), &[], "").await.status, StatusCode::NO_CONTENT);
    let answer =
        org.send("PATCH", &format!("{V}/sobjects/Lead/{id}"), Some(&ian), &[("If-Unmodified-Since", &shifted(&stamp, -60))], r#"{"Title":"CEO"}"#).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn composite_subrequests_honour_the_header() {
    let org = Org::new();
    let ian = org.token(1, false);
    let a = org.create(&ian, "Lead", json!({"LastName": "Ng", "Company": "Acme"})).await;
    let b = org.create(&ian, "Lead", json!({"LastName": "Li", "Company": "Acme"})).await;
    let stamp = org.get(&format!("{V}/sobjects/Lead/{a}?fields=LastModifiedDate"), &ian).await.body["LastModifiedDate"].as_str().expect("stamp").to_owned();

    let sub = |id: &str, reference: &str, header: String| {
        json!({"method": "PATCH", "url": format!("{V}/sobjects/Lead/{id}"), "referenceId": reference,
               "httpHeaders": {"If-Unmodified-Since": header}, "body": {"Title": "VP Sales"}})
    };
    let body = json!({"allOrNone": false, "compositeRequest": [sub(&a, "stale", shifted(&stamp, -5)), sub(&b, "fresh", shifted(&stamp, 60))]});
    let answer = org.send("POST", &format!("{V}/composite"), Some(&ian), &[], &body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let codes: Vec<_> = answer.body["compositeResponse"].as_array().expect("responses").iter().map(|r| r["httpStatusCode"].clone()).collect();
    assert_eq!(codes, [json!(412), json!(204)]);
    assert_eq!(org.get(&format!("{V}/sobjects/Lead/{a}?fields=Title"), &ian).await.body["Title"], json!(null));
    assert_eq!(org.get(&format!("{V}/sobjects/Lead/{b}?fields=Title"), &ian).await.body["Title"], json!("VP Sales"));
}
