//! sObject Collections and Composite in-process against a real SQLite file:
//! every endpoint's success and failure shapes compared key by key with
//! the dialect (§4), allOrNone rollbacks read back through the API, and
//! composite references.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use salesforce_rest::SfId;
use serde_json::{Value, json};
use tower::ServiceExt;

struct Org {
    _dir: tempfile::TempDir,
    app: axum::Router,
    state: devorg::State,
    token: String,
}

const V: &str = "/services/data/v62.0";
const ROLLED_BACK: &str = "Record rolled back because not all records were valid and the request was using AllOrNone header";
const HALTED: &str = "The transaction was rolled back since another operation in the same transaction failed.";

impl Org {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = devorg::Db::open(&dir.path().join("org.sqlite")).expect("db");
        let state = devorg::State::new(db, devorg::schema::Schema::builtin().expect("schema")).expect("state");
        let token = Self::issue(&state, 1);
        Self { app: devorg::app(state.clone()), state, token, _dir: dir }
    }

    fn issue(state: &devorg::State, user: u64) -> String {
        devorg::auth::issue(&state.db.conn(), &SfId::mint("005", user).expect("id"), 3600).expect("token")
    }

    async fn call_as(&self, token: Option<&str>, method: &str, uri: &str, body: &str) -> (StatusCode, Value) {
        let mut request = Request::builder().method(method).uri(uri).header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let response = self.app.clone().oneshot(request.body(Body::from(body.to_owned())).expect("request")).await.expect("response");
        let status = response.status();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn call(&self, method: &str, uri: &str, body: &Value) -> (StatusCode, Value) {
        let text = if body.is_null() { String::new() } else { body.to_string() };
        self.call_as(Some(&self.token), method, uri, &text).await
    }

    fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM \"sobj_{table}\" WHERE \"IsDeleted\" = 0");
        self.state.db.conn().query_row(&sql, [], |r| r.get(0)).expect("count")
    }

    /// Creates `n` Accounts through collections; their ids.
    async fn accounts(&self, n: usize) -> Vec<String> {
        let records: Vec<Value> = (0..n).map(|i| json!({"attributes": {"type": "Account"}, "Name": format!("Account {i}")})).collect();
        let (status, body) = self.call("POST", &format!("{V}/composite/sobjects"), &json!({"allOrNone": true, "records": records})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body.as_array().expect("results").iter().map(|r| r["id"].as_str().expect("id").to_owned()).collect()
    }
}

fn ok(id: &str) -> Value {
    json!({"id": id, "success": true, "errors": []})
}

fn failed(id: Option<&str>, code: &str, message: &str, fields: &[&str]) -> Value {
    let mut result = json!({"success": false, "errors": [{"statusCode": code, "message": message, "fields": fields}]});
    if let Some(id) = id {
        result["id"] = json!(id);
    }
    result
}

#[tokio::test]
async fn create_mixed_types_with_partial_success() {
    let org = Org::new();
    let body = json!({"allOrNone": false, "records": [
        {"attributes": {"type": "Account"}, "Name": "Acme"},
        {"attributes": {"type": "Contact"}, "FirstName": "No last name"},
        {"attributes": {"type": "Lead"}, "LastName": "Alvarez", "Company": "Northwind"},
        {"attributes": {"type": "Account"}, "id": "001000000000001AAA", "Name": "With id"},
    ]});
    let (status, results) = org.call("POST", &format!("{V}/composite/sobjects"), &body).await;
    assert_eq!(status, StatusCode::OK);
    let account = results[0]["id"].as_str().expect("account id").to_owned();
    let lead = results[2]["id"].as_str().expect("lead id").to_owned();
    assert!(account.starts_with("001") && lead.starts_with("00Q"));
    assert_eq!(
        results,
        json!([
            ok(&account),
            failed(None, "REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]", &["LastName"]),
            ok(&lead),
            failed(None, "INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", &[]),
        ])
    );
    let (status, record) = org.call("GET", &format!("{V}/sobjects/Lead/{lead}?fields=Name"), &Value::Null).await;
    assert_eq!((status, record["Name"].clone()), (StatusCode::OK, json!("Alvarez")));
    assert_eq!(org.count("Contact"), 0);
}

#[tokio::test]
async fn update_twenty_all_or_none_changes_nothing_when_one_fails() {
    let org = Org::new();
    let ids = org.accounts(20).await;
    let records: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let name = if i == 13 { Value::Null } else { json!(format!("Renamed {i}")) };
            json!({"attributes": {"type": "Account"}, "id": id, "Name": name})
        })
        .collect();
    let (status, results) = org.call("PATCH", &format!("{V}/composite/sobjects"), &json!({"allOrNone": true, "records": records})).await;
    assert_eq!(status, StatusCode::OK);
    let expected: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            if i == 13 {
                failed(Some(id), "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", &["Name"])
            } else {
                failed(Some(id), "ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK, &[])
            }
        })
        .collect();
    assert_eq!(results, json!(expected));

    // Read back through the retrieve endpoint: every name is the original.
    let (status, records) = org.call("POST", &format!("{V}/composite/sobjects/Account"), &json!({"ids": ids, "fields": ["Name"]})).await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = records.as_array().expect("records").iter().filter_map(|r| r["Name"].as_str()).collect();
    let originals: Vec<String> = (0..20).map(|i| format!("Account {i}")).collect();
    assert_eq!(names, originals);
    assert_eq!(records[0], json!({"attributes": {"type": "Account", "url": format!("{V}/sobjects/Account/{}", ids[0])}, "Name": "Account 0"}));
}

#[tokio::test]
async fn update_without_all_or_none_saves_the_valid_ones() {
    let org = Org::new();
    let ids = org.accounts(3).await;
    let (status, _) = org.call("DELETE", &format!("{V}/sobjects/Account/{}", ids[2]), &Value::Null).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let missing = SfId::mint("001", 999).expect("id").to_string();
    let body = json!({"records": [
        {"attributes": {"type": "Account"}, "id": ids[0], "Name": "Saved"},
        {"attributes": {"type": "Account"}, "Id": missing, "Name": "Nobody"},
        {"attributes": {"type": "Account"}, "id": ids[2], "Name": "Deleted"},
        {"attributes": {"type": "Account"}, "id": "001xyz", "Name": "Malformed"},
        {"attributes": {"type": "Account"}, "Name": "No id"},
        {"attributes": {"type": "Account"}, "id": ids[1], "Nope__c": 1},
    ]});
    let (status, results) = org.call("PATCH", &format!("{V}/composite/sobjects"), &body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        results,
        json!([
            ok(&ids[0]),
            failed(Some(&missing), "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", &[]),
            failed(Some(&ids[2]), "ENTITY_IS_DELETED", "entity is deleted", &[]),
            failed(None, "MALFORMED_ID", "Account ID: id value of incorrect type: 001xyz", &["Id"]),
            failed(None, "MISSING_ARGUMENT", "Id not specified in an update call", &[]),
            failed(Some(&ids[1]), "INVALID_FIELD", "No such column 'Nope__c' on sobject of type Account", &[]),
        ])
    );
    let (_, saved) = org.call("GET", &format!("{V}/sobjects/Account/{}?fields=Name", ids[0]), &Value::Null).await;
    assert_eq!(saved["Name"], "Saved");
}

#[tokio::test]
async fn malformed_collection_requests_are_top_level_errors() {
    let org = Org::new();
    let url = format!("{V}/composite/sobjects");
    let many: Vec<Value> = (0..201).map(|i| json!({"attributes": {"type": "Account"}, "Name": format!("A{i}")})).collect();
    let cases = [
        (json!({"records": many}), "EXCEEDED_ID_LIMIT"),
        (json!({"allOrNone": true}), "JSON_PARSER_ERROR"),
        (json!({"records": {"Name": "x"}}), "JSON_PARSER_ERROR"),
        (json!({"records": [{"attributes": {"type": "Account"}, "Name": "ok"}, {"Name": "untyped"}]}), "INVALID_TYPE"),
        (json!({"records": [{"attributes": {"type": "Nope__c"}, "Name": "x"}]}), "INVALID_TYPE"),
    ];
    for (body, code) in cases {
        let (status, errors) = org.call("POST", &url, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{code}");
        assert_eq!(errors[0]["errorCode"], code, "{errors}");
        assert_eq!(errors[0].as_object().map(|o| o.len()), Some(2), "message + errorCode: {errors}");
    }
    let (_, errors) = org.call("POST", &url, &json!({"records": many_of(201)})).await;
    assert_eq!(errors[0]["message"], "record limit reached. cannot submit more than 200 records into this call");
    let (status, errors) = org.call_as(Some(&org.token), "PATCH", &url, "{nope").await;
    assert_eq!((status, errors[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("JSON_PARSER_ERROR")));
    let (status, errors) = org.call_as(None, "POST", &url, "{}").await;
    assert_eq!((status, errors[0]["errorCode"].clone()), (StatusCode::UNAUTHORIZED, json!("INVALID_SESSION_ID")));
    assert_eq!(org.count("Account"), 0, "nothing saved by a refused request");
}

fn many_of(n: usize) -> Vec<Value> {
    (0..n).map(|i| json!({"attributes": {"type": "Account"}, "Name": format!("A{i}")})).collect()
}

#[tokio::test]
async fn delete_with_bad_ids_and_all_or_none() {
    let org = Org::new();
    let ids = org.accounts(3).await;
    let missing = SfId::mint("001", 999).expect("id").to_string();

    let uri = format!("{V}/composite/sobjects?ids={},{missing},001bad&allOrNone=true", ids[0]);
    let (status, results) = org.call("DELETE", &uri, &Value::Null).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        results,
        json!([
            failed(Some(&ids[0]), "ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK, &[]),
            failed(Some(&missing), "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", &[]),
            failed(None, "MALFORMED_ID", "malformed id 001bad", &[]),
        ])
    );
    assert_eq!(org.count("Account"), 3, "rolled back");

    let uri = format!("{V}/composite/sobjects?ids={},{},001bad", ids[0], ids[1]);
    let (_, results) = org.call("DELETE", &uri, &Value::Null).await;
    assert_eq!(results, json!([ok(&ids[0]), ok(&ids[1]), failed(None, "MALFORMED_ID", "malformed id 001bad", &[])]));
    assert_eq!(org.count("Account"), 1);
    let (_, results) = org.call("DELETE", &format!("{V}/composite/sobjects?ids={}", ids[0]), &Value::Null).await;
    assert_eq!(results, json!([failed(Some(&ids[0]), "ENTITY_IS_DELETED", "entity is deleted", &[])]));

    let too_many: Vec<String> = (1..=201).map(|i| SfId::mint("001", i).expect("id").to_string()).collect();
    let (status, errors) = org.call("DELETE", &format!("{V}/composite/sobjects?ids={}", too_many.join(",")), &Value::Null).await;
    assert_eq!((status, errors[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("EXCEEDED_ID_LIMIT")));
    let (status, _) = org.call("DELETE", &format!("{V}/composite/sobjects"), &Value::Null).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn retrieve_answers_null_for_missing_and_invisible() {
    let org = Org::new();
    let ids = org.accounts(2).await;
    let missing = SfId::mint("001", 999).expect("id").to_string();
    let uri = format!("{V}/composite/sobjects/Account?ids={},{missing},{}&fields=Name,Phone", ids[0], ids[1]);
    let (status, records) = org.call("GET", &uri, &Value::Null).await;
    assert_eq!(status, StatusCode::OK);
    let record = |id: &str, name: &str| json!({"attributes": {"type": "Account", "url": format!("{V}/sobjects/Account/{id}")}, "Name": name, "Phone": null});
    assert_eq!(records, json!([record(&ids[0], "Account 0"), null, record(&ids[1], "Account 1")]));

    // Opportunity is Private: another user's record is null for this one.
    let other = Org::issue(&org.state, 2);
    let body = json!({"records": [{"attributes": {"type": "Opportunity"}, "Name": "Deal", "StageName": "Prospecting", "CloseDate": "2026-12-31"}]});
    let (_, created) = org.call("POST", &format!("{V}/composite/sobjects"), &body).await;
    let opp = created[0]["id"].as_str().expect("id");
    let (_, seen) =
        org.call_as(Some(&other), "POST", &format!("{V}/composite/sobjects/Opportunity"), &json!({"ids": [opp], "fields": ["Name"]}).to_string()).await;
    assert_eq!(seen, json!([null]));

    let cases = [
        (format!("{V}/composite/sobjects/Account?ids={}&fields=Bogus", ids[0]), StatusCode::BAD_REQUEST, "INVALID_FIELD"),
        (format!("{V}/composite/sobjects/Nope?ids={}", ids[0]), StatusCode::NOT_FOUND, "NOT_FOUND"),
        (format!("{V}/composite/sobjects/Account?ids=001bad"), StatusCode::BAD_REQUEST, "MALFORMED_ID"),
    ];
    for (uri, status, code) in cases {
        let (got, errors) = org.call("GET", &uri, &Value::Null).await;
        assert_eq!((got, errors[0]["errorCode"].clone()), (status, json!(code)), "{uri}");
    }
    let ids: Vec<String> = (1..=2001).map(|i| SfId::mint("001", i).expect("id").to_string()).collect();
    let (status, errors) = org.call("POST", &format!("{V}/composite/sobjects/Account"), &json!({"ids": ids, "fields": ["Name"]})).await;
    assert_eq!((status, errors[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("EXCEEDED_ID_LIMIT")));
}

#[tokio::test]
async fn composite_creates_account_and_contact_by_reference() {
    let org = Org::new();
    let body = json!({"allOrNone": false, "collateSubrequests": false, "compositeRequest": [
        {"method": "POST", "url": format!("{V}/sobjects/Account"), "referenceId": "refAccount", "body": {"Name": "Acme"}},
        {"method": "POST", "url": format!("{V}/sobjects/Contact"), "referenceId": "refContact",
         "body": {"LastName": "Chen", "AccountId": "@{refAccount.id}", "Description": "of @{refAccount.id}"}},
        {"method": "GET", "url": format!("{V}/sobjects/Contact/@{{refContact.id}}?fields=AccountId,Name"), "referenceId": "getContact"},
        {"method": "PATCH", "url": format!("{V}/sobjects/Account/@{{getContact.AccountId}}"), "referenceId": "rename", "body": {"Name": "Acme Corp"}},
        {"method": "GET", "url": format!("{V}/composite/sobjects/Account?ids=@{{refAccount.id}}&fields=Name"), "referenceId": "readBack"},
        {"method": "GET", "url": format!("{V}/nope"), "referenceId": "unknown"},
    ]});
    let (status, response) = org.call("POST", &format!("{V}/composite"), &body).await;
    assert_eq!(status, StatusCode::OK, "{response}");
    let results = response["compositeResponse"].as_array().expect("compositeResponse");
    let account = results[0]["body"]["id"].as_str().expect("account id").to_owned();
    let contact = results[1]["body"]["id"].as_str().expect("contact id").to_owned();
    assert_eq!(
        results[0],
        json!({"body": ok(&account), "httpHeaders": {"Location": format!("{V}/sobjects/Account/{account}")}, "httpStatusCode": 201, "referenceId": "refAccount"})
    );
    assert_eq!(results[1]["httpStatusCode"], 201);
    assert_eq!(
        results[2],
        json!({"body": {"attributes": {"type": "Contact", "url": format!("{V}/sobjects/Contact/{contact}")}, "AccountId": account, "Name": "Chen"},
               "httpHeaders": {}, "httpStatusCode": 200, "referenceId": "getContact"})
    );
    assert_eq!(results[3], json!({"body": null, "httpHeaders": {}, "httpStatusCode": 204, "referenceId": "rename"}));
    assert_eq!(results[4]["body"][0]["Name"], "Acme Corp");
    assert_eq!(
        results[5],
        json!({"body": [{"message": "The requested resource does not exist", "errorCode": "NOT_FOUND"}], "httpHeaders": {}, "httpStatusCode": 404, "referenceId": "unknown"})
    );
    let (_, saved) = org.call("GET", &format!("{V}/sobjects/Contact/{contact}?fields=Description"), &Value::Null).await;
    assert_eq!(saved["Description"], format!("of {account}"));
}

#[tokio::test]
async fn composite_all_or_none_rolls_everything_back() {
    let org = Org::new();
    let body = json!({"allOrNone": true, "compositeRequest": [
        {"method": "POST", "url": format!("{V}/sobjects/Account"), "referenceId": "refAccount", "body": {"Name": "Acme"}},
        {"method": "POST", "url": format!("{V}/sobjects/Contact"), "referenceId": "badContact", "body": {"AccountId": "@{refAccount.id}"}},
        {"method": "POST", "url": format!("{V}/sobjects/Lead"), "referenceId": "refLead", "body": {"LastName": "L", "Company": "C"}},
    ]});
    let (status, response) = org.call("POST", &format!("{V}/composite"), &body).await;
    assert_eq!(status, StatusCode::OK);
    let halted = |reference: &str| json!({"body": [{"errorCode": "PROCESSING_HALTED", "message": HALTED}], "httpHeaders": {}, "httpStatusCode": 400, "referenceId": reference});
    assert_eq!(
        response,
        json!({"compositeResponse": [
            halted("refAccount"),
            {"body": [{"message": "Required fields are missing: [LastName]", "errorCode": "REQUIRED_FIELD_MISSING", "fields": ["LastName"]}],
             "httpHeaders": {}, "httpStatusCode": 400, "referenceId": "badContact"},
            halted("refLead"),
        ]})
    );
    assert_eq!((org.count("Account"), org.count("Lead")), (0, 0));

    // A collection failing inside an allOrNone composite fails it too, whatever its own flag.
    let body = json!({"allOrNone": true, "compositeRequest": [
        {"method": "POST", "url": format!("{V}/sobjects/Lead"), "referenceId": "refLead", "body": {"LastName": "L", "Company": "C"}},
        {"method": "POST", "url": format!("{V}/composite/sobjects"), "referenceId": "accounts",
         "body": {"allOrNone": false, "records": [{"attributes": {"type": "Account"}, "Name": "ok"}, {"attributes": {"type": "Account"}}]}},
    ]});
    let (_, response) = org.call("POST", &format!("{V}/composite"), &body).await;
    assert_eq!(response["compositeResponse"][0], halted("refLead"));
    assert_eq!(response["compositeResponse"][1]["httpStatusCode"], 200);
    assert_eq!(
        response["compositeResponse"][1]["body"],
        json!([
            failed(None, "ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK, &[]),
            failed(None, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", &["Name"])
        ])
    );
    assert_eq!((org.count("Account"), org.count("Lead")), (0, 0));
}

#[tokio::test]
async fn composite_without_all_or_none_halts_only_dependents() {
    let org = Org::new();
    let body = json!({"compositeRequest": [
        {"method": "POST", "url": format!("{V}/sobjects/Account"), "referenceId": "badAccount", "body": {"Phone": "1"}},
        {"method": "POST", "url": format!("{V}/sobjects/Contact"), "referenceId": "dependent", "body": {"LastName": "X", "AccountId": "@{badAccount.id}"}},
        {"method": "POST", "url": format!("{V}/sobjects/Lead"), "referenceId": "independent", "body": {"LastName": "L", "Company": "C"}},
        {"method": "GET", "url": format!("{V}/sobjects/Lead/@{{independent.id}}?fields=Company"), "referenceId": "readLead"},
        {"method": "GET", "url": format!("{V}/sobjects/Lead/@{{later.id}}"), "referenceId": "forward"},
        {"method": "POST", "url": format!("{V}/sobjects/Lead"), "referenceId": "later", "body": {"LastName": "M", "Company": "C"}},
    ]});
    let (status, response) = org.call("POST", &format!("{V}/composite"), &body).await;
    assert_eq!(status, StatusCode::OK);
    let results = response["compositeResponse"].as_array().expect("results");
    let codes: Vec<u64> = results.iter().filter_map(|r| r["httpStatusCode"].as_u64()).collect();
    assert_eq!(codes, [400, 400, 201, 200, 400, 201]);
    assert_eq!(results[0]["body"][0]["errorCode"], "REQUIRED_FIELD_MISSING");
    assert_eq!(
        results[1]["body"],
        json!([{"errorCode": "PROCESSING_HALTED", "message": "Invalid reference specified. No value for badAccount.id found in badAccount"}])
    );
    assert_eq!(results[3]["body"]["Company"], "C");
    assert_eq!(results[4]["body"][0]["message"], "Invalid reference specified. No value for later.id found in later");
    assert_eq!((org.count("Lead"), org.count("Contact")), (2, 0));
}

#[tokio::test]
async fn malformed_composite_requests_are_refused_whole() {
    let org = Org::new();
    let sub =
        |reference: &str| json!({"method": "POST", "url": format!("{V}/sobjects/Lead"), "referenceId": reference, "body": {"LastName": "L", "Company": "C"}});
    let cases = [
        (json!({"compositeRequest": (0..26).map(|i| sub(&format!("r{i}"))).collect::<Vec<_>>()}), "INVALID_INPUT"),
        (json!({"compositeRequest": [sub("same"), sub("same")]}), "INVALID_INPUT"),
        (json!({"compositeRequest": [sub("bad-id")]}), "INVALID_INPUT"),
        (json!({"compositeRequest": []}), "INVALID_INPUT"),
        (json!({"allOrNone": true}), "JSON_PARSER_ERROR"),
        (json!({"compositeRequest": [{"method": "GET"}]}), "JSON_PARSER_ERROR"),
    ];
    for (body, code) in cases {
        let (status, errors) = org.call("POST", &format!("{V}/composite"), &body).await;
        assert_eq!((status, errors[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!(code)), "{body}");
    }
    assert_eq!(org.count("Lead"), 0);
    let (status, _) = org.call_as(None, "POST", &format!("{V}/composite"), &json!({"compositeRequest": [sub("a")]}).to_string()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn composite_query_results_feed_later_subrequests() {
    let org = Org::new();
    org.accounts(3).await;
    let soql = "SELECT Id, Name FROM Account WHERE Name = 'Account 1'";
    let body = json!({"allOrNone": true, "compositeRequest": [
        {"method": "GET", "url": format!("{V}/query?q={}", soql.replace(' ', "+").replace('\'', "%27").replace('=', "%3D")), "referenceId": "found"},
        {"method": "POST", "url": format!("{V}/sobjects/Contact"), "referenceId": "contact",
         "body": {"LastName": "Okafor", "AccountId": "@{found.records[0].Id}"}},
        {"method": "GET", "url": format!("{V}/query/?q=SELECT+Account.Name+FROM+Contact"), "referenceId": "check"},
    ]});
    let (status, response) = org.call("POST", &format!("{V}/composite"), &body).await;
    assert_eq!(status, StatusCode::OK, "{response}");
    let results = response["compositeResponse"].as_array().expect("compositeResponse");
    assert_eq!(results[0]["httpStatusCode"], 200, "{response}");
    assert_eq!(results[0]["body"]["totalSize"], 1);
    assert_eq!(results[1]["httpStatusCode"], 201, "{response}");
    assert_eq!(results[2]["body"]["records"][0]["Account"]["Name"], "Account 1", "{response}");
}
