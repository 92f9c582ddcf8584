//! The authenticated REST API in-process against a real SQLite file:
//! single-record CRUD and its errors, Private sharing, describe, compact
//! layouts, the version directory and the daily request limit.

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
}

impl Org {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = devorg::Db::open(&dir.path().join("org.sqlite")).expect("db");
        let state = devorg::State::new(db, devorg::schema::Schema::builtin().expect("schema")).expect("state");
        Self { app: devorg::app(state.clone()), state, _dir: dir }
    }

    fn token(&self, user: u64, admin: bool) -> String {
        let conn = self.state.db.conn();
        let id = SfId::mint("005", user).expect("id");
        if admin {
            conn.execute("INSERT INTO devorg_admins (user_id) VALUES (?1)", [id.as_str()]).expect("admin");
        }
        devorg::auth::issue(&conn, &id, 3600).expect("token")
    }

    async fn call(&self, method: &str, uri: &str, token: Option<&str>, body: &str) -> (StatusCode, Option<String>, Value) {
        let mut request = Request::builder().method(method).uri(uri).header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let response = self.app.clone().oneshot(request.body(Body::from(body.to_owned())).expect("request")).await.expect("response");
        let status = response.status();
        let location = response.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        (status, location, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }
}

const BASE: &str = "/services/data/v62.0/sobjects";

#[tokio::test]
async fn create_read_update_delete() {
    let org = Org::new();
    let ian = org.token(1, false);
    let (status, location, body) =
        org.call("POST", &format!("{BASE}/Lead"), Some(&ian), r#"{"FirstName":"Sofia","LastName":"Alvarez","Company":"Northwind Traders"}"#).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = body["id"].as_str().expect("id").to_owned();
    assert_eq!(body, json!({"id": id, "success": true, "errors": []}));
    assert_eq!(location.as_deref(), Some(format!("{BASE}/Lead/{id}").as_str()));
    assert!(id.starts_with("00Q") && id.len() == 18);

    // 15-character ids are accepted; the answer uses 18 and the request's version.
    let (status, _, record) = org.call("GET", &format!("/services/data/v50.0/sobjects/lead/{}?fields=Name,Status", &id[..15]), Some(&ian), "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        record,
        json!({"attributes": {"type": "Lead", "url": format!("/services/data/v50.0/sobjects/Lead/{id}")}, "Name": "Sofia Alvarez", "Status": "Open - Not Contacted"})
    );

    let (status, _, body) = org.call("PATCH", &format!("{BASE}/Lead/{id}"), Some(&ian), r#"{"Status":"Working - Contacted"}"#).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    let (_, _, record) = org.call("GET", &format!("{BASE}/Lead/{id}"), Some(&ian), "").await;
    assert_eq!(record["Status"], "Working - Contacted");
    assert!(record["LastModifiedDate"].as_str().is_some_and(|d| d.ends_with("+0000")));

    let (status, _, _) = org.call("DELETE", &format!("{BASE}/Lead/{id}"), Some(&ian), "").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _, body) = org.call("GET", &format!("{BASE}/Lead/{id}"), Some(&ian), "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!([{"message": "The requested resource does not exist", "errorCode": "NOT_FOUND"}]));
}

#[tokio::test]
async fn errors_are_salesforce_shaped() {
    let org = Org::new();
    let ian = org.token(1, false);
    let (_, _, created) = org.call("POST", &format!("{BASE}/Account"), Some(&ian), r#"{"Name":"Acme"}"#).await;
    let account = created["id"].as_str().expect("id").to_owned();
    // (method, uri, token, body, status, errorCode)
    type Case<'a> = (&'a str, String, Option<&'a str>, &'a str, StatusCode, &'a str);
    let cases: Vec<Case<'_>> = vec![
        ("GET", format!("{BASE}/Account/{account}"), None, "", StatusCode::UNAUTHORIZED, "INVALID_SESSION_ID"),
        ("GET", format!("{BASE}/Account/{account}"), Some("00D000000000001!forged"), "", StatusCode::UNAUTHORIZED, "INVALID_SESSION_ID"),
        ("POST", format!("{BASE}/Lead"), Some(&ian), r#"{"Company":"Acme"}"#, StatusCode::BAD_REQUEST, "REQUIRED_FIELD_MISSING"),
        ("POST", format!("{BASE}/Lead"), Some(&ian), r#"{"LastName":"X","Company":"A","Nope":1}"#, StatusCode::BAD_REQUEST, "INVALID_FIELD"),
        ("POST", format!("{BASE}/Lead"), Some(&ian), r#"{"LastName": "#, StatusCode::BAD_REQUEST, "JSON_PARSER_ERROR"),
        ("POST", format!("{BASE}/Nope__c"), Some(&ian), r#"{}"#, StatusCode::NOT_FOUND, "NOT_FOUND"),
        ("GET", format!("{BASE}/Account/001xyz"), Some(&ian), "", StatusCode::BAD_REQUEST, "MALFORMED_ID"),
        ("GET", format!("{BASE}/Contact/{account}"), Some(&ian), "", StatusCode::NOT_FOUND, "NOT_FOUND"),
        ("GET", format!("{BASE}/Account/{account}?fields=Name,Bogus"), Some(&ian), "", StatusCode::BAD_REQUEST, "INVALID_FIELD"),
        (
            "PATCH",
            format!("{BASE}/Account/{account}"),
            Some(&ian),
            r#"{"CreatedDate":"2020-01-01T00:00:00Z"}"#,
            StatusCode::BAD_REQUEST,
            "INVALID_FIELD_FOR_INSERT_UPDATE",
        ),
        ("GET", format!("/services/data/v12.0/sobjects/Account/{account}"), Some(&ian), "", StatusCode::NOT_FOUND, "NOT_FOUND"),
    ];
    for (method, uri, token, body, status, code) in cases {
        let (got_status, _, got) = org.call(method, &uri, token, body).await;
        assert_eq!(got_status, status, "{method} {uri} {body}");
        assert_eq!(got[0]["errorCode"], code, "{method} {uri} {body}: {got}");
        assert!(got[0]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn private_sharing_hides_other_owners_records_except_from_admins() {
    let org = Org::new();
    let (ian, maria, admin) = (org.token(1, false), org.token(2, false), org.token(3, true));
    let (_, _, created) =
        org.call("POST", &format!("{BASE}/Opportunity"), Some(&ian), r#"{"Name":"Big deal","StageName":"Prospecting","CloseDate":"2026-12-31"}"#).await;
    let opp = created["id"].as_str().expect("id").to_owned();
    let (status, _, _) = org.call("GET", &format!("{BASE}/Opportunity/{opp}"), Some(&maria), "").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "Opportunity is Private");
    let (status, _, _) = org.call("PATCH", &format!("{BASE}/Opportunity/{opp}"), Some(&maria), r#"{"Amount":1}"#).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, record) = org.call("GET", &format!("{BASE}/Opportunity/{opp}"), Some(&admin), "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(record["IsClosed"], false);

    // Account is Public Read/Write: everyone sees and edits it.
    let (_, _, created) = org.call("POST", &format!("{BASE}/Account"), Some(&ian), r#"{"Name":"Shared"}"#).await;
    let account = created["id"].as_str().expect("id").to_owned();
    let (status, _, _) = org.call("PATCH", &format!("{BASE}/Account/{account}"), Some(&maria), r#"{"Phone":"+1 415 555 0100"}"#).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn describe_global_and_object() {
    let org = Org::new();
    let ian = org.token(1, false);
    let (status, _, global) = org.call("GET", BASE, Some(&ian), "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(global["encoding"], "UTF-8");
    assert_eq!(global["maxBatchSize"], 200);
    let names: Vec<&str> = global["sobjects"].as_array().expect("sobjects").iter().filter_map(|o| o["name"].as_str()).collect();
    for name in ["Account", "Contact", "Lead", "Opportunity", "Case", "Contract", "Quote", "Task", "EmailMessage", "User", "Profile", "Engagement_Event__c"] {
        assert!(names.contains(&name), "{name} in describeGlobal");
    }
    // Custom settings only for users allowed to read them (tests/custom_settings.rs).
    assert!(!names.contains(&"Sidecar_Settings__c"));
    let (status, _, lead) = org.call("GET", &format!("{BASE}/lead/describe"), Some(&ian), "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(lead["name"], "Lead");
    assert!(lead["fields"].as_array().expect("fields").iter().any(|f| f["name"] == "LinkedIn_URL__c" && f["type"] == "url" && f["custom"] == true));
    let (status, _, body) = org.call("GET", &format!("{BASE}/Nope/describe"), Some(&ian), "").await;
    assert_eq!((status, body[0]["errorCode"].clone()), (StatusCode::NOT_FOUND, json!("NOT_FOUND")));
    let (status, _, _) = org.call("GET", &format!("{BASE}/Lead/describe"), None, "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn requests_count_against_the_daily_limit() {
    let org = Org::new();
    let ian = org.token(1, false);
    let request = |uri: &str| {
        Request::builder().uri(uri).header("authorization", format!("Bearer {ian}")).header("host", "127.0.0.1:8787").body(Body::empty()).expect("req")
    };
    let first = org.app.clone().oneshot(request("/services/data/v62.0")).await.expect("resp");
    assert_eq!(first.headers()["sforce-limit-info"], "api-usage=1/15000");
    let directory: Value = serde_json::from_slice(&first.into_body().collect().await.expect("b").to_bytes()).expect("json");
    assert_eq!(directory["query"], "/services/data/v62.0/query");
    assert_eq!(directory["identity"], format!("http://127.0.0.1:8787/id/00D000000000001EAA/{}", SfId::mint("005", 1).expect("id")));

    let (status, _, limits) = org.call("GET", "/services/data/v62.0/limits", Some(&ian), "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(limits["DailyApiRequests"], json!({"Max": 15000, "Remaining": 14998}));

    // The versions list is outside the counted API, as in Salesforce.
    let versions = org.app.clone().oneshot(request("/services/data")).await.expect("resp");
    assert!(versions.headers().get("sforce-limit-info").is_none());

    // Past the limit: 403 REQUEST_LIMIT_EXCEEDED.
    org.state.db.conn().execute("UPDATE devorg_api_usage SET count = 15000", []).expect("exhaust");
    let (status, _, body) = org.call("GET", "/services/data/v62.0/limits", Some(&ian), "").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body[0]["errorCode"], "REQUEST_LIMIT_EXCEEDED");
}

#[tokio::test]
async fn compact_layouts_single_and_multi() {
    let org = Org::new();
    let ian = org.token(1, false);
    let (status, _, one) = org.call("GET", &format!("{BASE}/Lead/describe/compactLayouts"), Some(&ian), "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["defaultCompactLayoutId"], Value::Null);
    let layout = &one["compactLayouts"][0];
    assert_eq!(layout["objectType"], "Lead");
    let fields: Vec<&str> = layout["fieldItems"].as_array().expect("items").iter().filter_map(|i| i["layoutComponents"][0]["value"].as_str()).collect();
    assert_eq!(fields, ["Name", "Title", "Company", "Email", "Phone", "Status", "OwnerId"]);
    assert_eq!(layout["fieldItems"][2]["required"], true, "Company is required");
    assert_eq!(layout["fieldItems"][2]["layoutComponents"][0]["details"]["type"], "string");

    let (status, _, many) = org.call("GET", "/services/data/v62.0/compactLayouts?q=Account,contact", Some(&ian), "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(many["Account"]["objectType"], "Account");
    assert_eq!(many["Contact"]["objectType"], "Contact");
    let (status, _, bad) = org.call("GET", "/services/data/v62.0/compactLayouts?q=Nope", Some(&ian), "").await;
    assert_eq!((status, bad[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("INVALID_TYPE")));
    let (status, _, _) = org.call("GET", "/services/data/v62.0/compactLayouts", Some(&ian), "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn trailing_slashes_under_services_as_simple_salesforce_sends_them() {
    let org = Org::new();
    let ian = org.token(1, false);
    let (status, _, body) = org.call("POST", &format!("{BASE}/Lead/"), Some(&ian), r#"{"LastName":"Slash","Company":"Acme"}"#).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, _, body) = org.call("GET", "/services/data/v62.0/limits/", Some(&ian), "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["DailyApiRequests"]["Max"].is_number());
    // Misses keep Salesforce's NOT_FOUND, with or without the slash.
    for uri in ["/services/data/v62.0/nothing/", "/services/data/v62.0/nothing", "/elsewhere/"] {
        let (status, _, body) = org.call("GET", uri, Some(&ian), "").await;
        assert_eq!((status, body[0]["errorCode"].as_str()), (StatusCode::NOT_FOUND, Some("NOT_FOUND")), "{uri}");
    }
}
