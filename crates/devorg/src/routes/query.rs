//! SOQL resources (dialect §5):
//! - `GET /services/data/vNN.N/query?q=SOQL` (also `query/?q=`): live records.
//! - `GET /services/data/vNN.N/queryAll?q=SOQL` (also `queryAll/?q=`): deleted ones too.
//! - `GET /services/data/vNN.N/query/{locator}` (and `queryAll/{locator}`): the next batch.
//!
//! `Sforce-Query-Options: batchSize=N` sets the batch (200 to 2000);
//! `&columns=true` answers the query's columns instead (`query_columns`).

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use salesforce_rest::ErrorCode;

use super::sobjects::version;
use crate::error::json_response;
use crate::{ApiError, State, auth, query};

pub fn router() -> Router<State> {
    Router::new()
        .route("/services/data/{version}/query", get(live))
        .route("/services/data/{version}/query/", get(live))
        .route("/services/data/{version}/queryAll", get(all))
        .route("/services/data/{version}/queryAll/", get(all))
        .route("/services/data/{version}/query/{locator}", get(more))
        .route("/services/data/{version}/queryAll/{locator}", get(more))
}

async fn live(state: AxumState<State>, v: Path<String>, params: Query<HashMap<String, String>>, headers: HeaderMap) -> Result<Response, ApiError> {
    run(state, v, params, headers, false)
}

async fn all(state: AxumState<State>, v: Path<String>, params: Query<HashMap<String, String>>, headers: HeaderMap) -> Result<Response, ApiError> {
    run(state, v, params, headers, true)
}

fn run(
    AxumState(state): AxumState<State>,
    Path(version_segment): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
    all_rows: bool,
) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    let session = auth::authenticate(&conn, &headers)?;
    let version = version(&version_segment)?;
    let Some(soql) = params.get("q").filter(|q| !q.trim().is_empty()) else {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::MalformedQuery, "A query string has to be specified"));
    };
    // `columns=true`: the Salesforce CLI asks the columns first (see query_columns).
    if params.get("columns").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return Ok(json_response(StatusCode::OK, &super::query_columns::metadata(&state, &conn, &session, soql)?));
    }
    let batch = query::batch_size(headers.get("sforce-query-options").and_then(|v| v.to_str().ok()));
    let body = query::run(&state, &conn, &session, &version, soql, all_rows, batch)?;
    Ok(json_response(StatusCode::OK, &body))
}

async fn more(AxumState(state): AxumState<State>, Path((version_segment, locator)): Path<(String, String)>, headers: HeaderMap) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    let session = auth::authenticate(&conn, &headers)?;
    let version = version(&version_segment)?;
    let body = query::more(&state, &conn, &session, &version, &locator)?;
    Ok(json_response(StatusCode::OK, &body))
}
