//! devorg over HTTP in-process, against a real SQLite file: discovery endpoints, errors, demo pages.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

fn open_org(dir: &std::path::Path) -> devorg::State {
    let db = devorg::Db::open(&dir.join("org.sqlite")).expect("db");
    devorg::State::new(db, devorg::schema::Schema::builtin().expect("schema")).expect("state")
}

async fn call(method: &str, uri: &str) -> (StatusCode, String, serde_json::Value) {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = devorg::app(open_org(dir.path()));
    let response = app.oneshot(Request::builder().method(method).uri(uri).body(Body::empty()).expect("request")).await.expect("response");
    let status = response.status();
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    (status, content_type, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

#[tokio::test]
async fn versions_list_needs_no_auth() {
    let (status, content_type, body) = call("GET", "/services/data").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json;charset=UTF-8");
    let versions = body.as_array().expect("array");
    assert!(versions.iter().any(|v| v["version"] == "62.0" && v["url"] == "/services/data/v62.0" && v["label"] == "Winter '25"));
    assert!(versions.iter().any(|v| v["version"] == "50.0"), "jsforce's default version is listed");
}

#[tokio::test]
async fn unknown_paths_get_salesforce_not_found() {
    let (status, _, body) = call("GET", "/services/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, serde_json::json!([{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]));
}

#[tokio::test]
async fn wrong_method_is_a_salesforce_error() {
    let (status, _, body) = call("DELETE", "/services/data").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body[0]["errorCode"], "METHOD_NOT_ALLOWED");
}

#[test]
fn database_is_wal_and_versioned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("org.sqlite");
    let db = devorg::Db::open(&path).expect("db");
    assert_eq!(db.schema_version().expect("version"), 1);
    let mode: String = db.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("pragma");
    assert_eq!(mode, "wal");
    drop(db);
    // Reopening an existing file keeps it.
    assert_eq!(devorg::Db::open(&path).expect("reopen").schema_version().expect("version"), 1);
    // The object tables are created once and survive a restart.
    let state = open_org(dir.path());
    drop(state);
    let state = open_org(dir.path());
    let tables: i64 =
        state.db.conn().query_row("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'sobj_%'", [], |r| r.get(0)).expect("count");
    assert_eq!(tables as usize, state.schema.objects.len());
}

#[tokio::test]
async fn demo_pages_are_served_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = devorg::app(open_org(dir.path()));
    let cases = [
        ("/demo/", StatusCode::OK, "text/html; charset=utf-8"),
        ("/demo/acme-robotics/", StatusCode::OK, "text/html; charset=utf-8"),
        ("/demo/acme-robotics/team.html", StatusCode::OK, "text/html; charset=utf-8"),
        ("/demo/demo.css", StatusCode::OK, "text/css; charset=utf-8"),
        ("/demo/../Cargo.toml", StatusCode::NOT_FOUND, "application/json;charset=UTF-8"),
        ("/demo/%2e%2e/src/lib.rs", StatusCode::NOT_FOUND, "application/json;charset=UTF-8"),
        ("/demo/nope.html", StatusCode::NOT_FOUND, "application/json;charset=UTF-8"),
    ];
    for (uri, status, content_type) in cases {
        let response = app.clone().oneshot(Request::builder().uri(uri).body(Body::empty()).expect("request")).await.expect("response");
        assert_eq!(response.status(), status, "{uri}");
        assert_eq!(response.headers()["content-type"], content_type, "{uri}");
    }
}

/// CORS like Salesforce's allowlist: the extension (and loopback pages) may
/// call the API from a browser; other sites get no CORS headers.
#[tokio::test]
async fn cors_allows_the_extension_and_loopback_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = devorg::app(open_org(dir.path()));
    let extension = "chrome-extension://nnmmenendpbgfljfkebkhajjpbkfhafm";
    let preflight = |origin: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri("/services/data/v62.0/query?q=SELECT+Id+FROM+Account")
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .body(Body::empty())
            .expect("request")
    };
    let response = app.clone().oneshot(preflight(extension)).await.expect("response");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], extension);
    assert!(headers["access-control-allow-headers"].to_str().expect("ascii").contains("Authorization"));
    assert!(headers["access-control-allow-methods"].to_str().expect("ascii").contains("PATCH"));

    let response = app.clone().oneshot(preflight("https://evil.example")).await.expect("response");
    assert!(response.headers().get("access-control-allow-origin").is_none());

    let get = Request::builder().uri("/services/data").header("origin", extension).body(Body::empty()).expect("request");
    let response = app.clone().oneshot(get).await.expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["access-control-allow-origin"], extension);
    assert!(response.headers()["access-control-expose-headers"].to_str().expect("ascii").contains("Sforce-Limit-Info"));
}
