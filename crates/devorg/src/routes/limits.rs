//! The daily API request limit (dialect §0, §3):
//! - every `/services/data/vNN.N/...` call counts against a per-day counter
//!   (UTC day) and answers with `Sforce-Limit-Info: api-usage=N/15000`;
//!   past the limit, 403 `REQUEST_LIMIT_EXCEEDED`;
//! - `GET /services/data/vNN.N/limits`: the counters.
//! - `GET /services/data/vNN.N`: the version's resource directory.

use axum::Router;
use axum::extract::{Path, Request, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rusqlite::Connection;
use salesforce_rest::ErrorCode;
use serde_json::json;

use super::sobjects::version;
use crate::error::json_response;
use crate::{ApiError, State, auth};

pub fn router() -> Router<State> {
    Router::new().route("/services/data/{version}/limits", get(limits)).route("/services/data/{version}", get(directory))
}

fn today() -> String {
    crate::records::store::now_string()[..10].to_owned()
}

fn used(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT IFNULL((SELECT count FROM devorg_api_usage WHERE day = ?1), 0)", [today()], |r| r.get(0))
}

/// Counts the request, refuses it past the limit, and stamps the header.
pub async fn count(AxumState(state): AxumState<State>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/services/data/v") {
        return next.run(request).await;
    }
    let counted = {
        let conn = state.db.conn();
        conn.execute("INSERT INTO devorg_api_usage (day, count) VALUES (?1, 1) ON CONFLICT(day) DO UPDATE SET count = count + 1", [today()])
            .and_then(|_| used(&conn))
    };
    let used = match counted {
        Ok(n) => n,
        Err(e) => return ApiError::internal(&e).into_response(),
    };
    let max = state.config.daily_api_limit;
    let mut response = if used > max {
        ApiError::new(StatusCode::FORBIDDEN, ErrorCode::RequestLimitExceeded, "TotalRequests Limit exceeded.").into_response()
    } else {
        next.run(request).await
    };
    if let Ok(value) = HeaderValue::from_str(&format!("api-usage={used}/{max}")) {
        response.headers_mut().insert("sforce-limit-info", value);
    }
    response
}

async fn limits(AxumState(state): AxumState<State>, Path(segment): Path<String>, headers: HeaderMap) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    auth::authenticate(&conn, &headers)?;
    version(&segment)?;
    let used = used(&conn)?;
    let max_remaining = |max: i64, used: i64| json!({"Max": max, "Remaining": (max - used).max(0)});
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "DailyApiRequests": max_remaining(state.config.daily_api_limit, used),
            "DailyBulkApiBatches": max_remaining(15_000, 0),
            "DataStorageMB": max_remaining(1024, 0),
            "FileStorageMB": max_remaining(1024, 0),
            "SingleEmail": max_remaining(5_000, 0),
        }),
    ))
}

/// `GET /services/data/vNN.N`: where each resource lives; `identity` is
/// absolute, on the host the client used.
async fn directory(AxumState(state): AxumState<State>, Path(segment): Path<String>, headers: HeaderMap) -> Result<Response, ApiError> {
    let session = auth::authenticate(&state.db.conn(), &headers)?;
    let v = version(&segment)?;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1:8787");
    let base = format!("/services/data/v{v}");
    let mut body = serde_json::Map::new();
    for resource in ["sobjects", "query", "queryAll", "search", "parameterizedSearch", "composite", "limits", "recent", "compactLayouts", "ui-api"] {
        body.insert(resource.to_owned(), format!("{base}/{resource}").into());
    }
    body.insert("identity".into(), format!("http://{host}/id/{}/{}", auth::ORG_ID, session.user).into());
    Ok(json_response(StatusCode::OK, &body))
}
