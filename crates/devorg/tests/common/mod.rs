//! The in-process org every API test drives: `devorg::app` over a real
//! SQLite file in a temporary directory, called with `tower::ServiceExt::oneshot`.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use salesforce_rest::SfId;
use serde_json::Value;
use tower::ServiceExt;

pub struct Org {
    _dir: tempfile::TempDir,
    pub app: axum::Router,
    pub state: devorg::State,
}

/// One answer: status, headers and the body parsed as JSON (`Null` when empty).
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Value,
}

impl Org {
    pub fn new() -> Self {
        Self::with_schema(devorg::schema::Schema::builtin().expect("schema"))
    }

    /// An org over `schema`: `Schema::with_describes` of a real org's folder,
    /// or one whose describe a test changed.
    pub fn with_schema(schema: devorg::schema::Schema) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = devorg::Db::open(&dir.path().join("org.sqlite")).expect("db");
        let state = devorg::State::new(db, schema).expect("state");
        Self { app: devorg::app(state.clone()), state, _dir: dir }
    }

    /// A session for user number `user` (a minted 005 id), optionally an admin.
    pub fn token(&self, user: u64, admin: bool) -> String {
        let conn = self.state.db.conn();
        let id = SfId::mint("005", user).expect("id");
        if admin {
            devorg::auth::make_admin(&conn, &id).expect("admin");
        }
        devorg::auth::issue(&conn, &id, 3600).expect("token")
    }

    pub async fn send(&self, method: &str, uri: &str, token: Option<&str>, headers: &[(&str, &str)], body: &str) -> Answer {
        let mut request = Request::builder().method(method).uri(uri).header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = self.app.clone().oneshot(request.body(Body::from(body.to_owned())).expect("request")).await.expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        Answer { status, headers, body: serde_json::from_slice(&bytes).unwrap_or(Value::Null) }
    }

    pub async fn get(&self, uri: &str, token: &str) -> Answer {
        self.send("GET", uri, Some(token), &[], "").await
    }

    /// Creates a record through the API and returns its id.
    pub async fn create(&self, token: &str, object: &str, body: Value) -> String {
        let answer = self.send("POST", &format!("/services/data/v62.0/sobjects/{object}"), Some(token), &[], &body.to_string()).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{object} {body}: {}", answer.body);
        answer.body["id"].as_str().expect("id").to_owned()
    }

    /// `GET /query?q=...` with the text URL-encoded.
    pub async fn query(&self, token: &str, soql: &str) -> Answer {
        self.get(&format!("/services/data/v62.0/query?q={}", encode(soql)), token).await
    }
}

/// Percent-encodes a query parameter value.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `shared/fixtures/real-orgs/`, next to the repository (CI has it there too).
pub fn real_orgs() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/real-orgs");
    assert!(dir.is_dir(), "{} is missing: the real-org describes live next to the repository", dir.display());
    dir
}

/// Every folder of real-org describes (not `responses/`).
pub fn real_org_folders() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(real_orgs())
        .expect("real-orgs")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "responses"))
        .collect();
    dirs.sort();
    dirs
}
