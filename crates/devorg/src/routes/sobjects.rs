//! One record at a time (dialect §4):
//! - `POST   /services/data/vNN.N/sobjects/{Object}`: create, 201 + SaveResult + Location.
//! - `GET    /services/data/vNN.N/sobjects/{Object}/{id}[?fields=A,B]`: the record.
//! - `PATCH  /services/data/vNN.N/sobjects/{Object}/{id}`: update, 204
//!   (412 with `If-Unmodified-Since` when the record changed after it).
//! - `DELETE /services/data/vNN.N/sobjects/{Object}/{id}`: delete, 204.
//!
//! Every call needs a bearer session; objects with Private sharing show a
//! non-admin only the records they own (others are NOT_FOUND, as in Salesforce).
//! The work is in `records::ops`; the `*_reply` functions here shape its
//! answer, and Composite calls them for its subrequests.

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use rusqlite::Connection;
use salesforce_rest::conditional;
use salesforce_rest::version::ApiVersion;
use salesforce_rest::{ErrorCode, SaveResult};
use serde_json::Value as Json;

use super::reply::Reply;
use crate::auth::{self, Session};
use crate::records::ops;
use crate::schema::Object;
use crate::{ApiError, State};

pub fn router() -> Router<State> {
    Router::new()
        .route("/services/data/{version}/sobjects/{object}", post(create))
        .route("/services/data/{version}/sobjects/{object}/{id}", axum::routing::get(read).patch(update).delete(remove))
}

/// The request's API version, echoed in every URL of the answer.
pub fn version(segment: &str) -> Result<String, ApiError> {
    ApiVersion::parse_segment(segment).map(|v| v.to_string()).map_err(|_| ApiError::not_found())
}

/// What every `/services/data/{version}/.../{object}` handler needs first, in
/// Salesforce's order: a valid session, a supported version, a known object.
pub fn resolve<'s>(
    state: &'s State,
    conn: &Connection,
    headers: &HeaderMap,
    version_segment: &str,
    object_name: &str,
) -> Result<(Session, String, &'s Object), ApiError> {
    let session = auth::authenticate(conn, headers)?;
    let version = version(version_segment)?;
    let object = state.schema.object(object_name).ok_or_else(ApiError::not_found)?;
    // A custom setting the user may not read is not there (crate::access).
    if !crate::access::visible(conn, &session, object)? {
        return Err(ApiError::not_found());
    }
    Ok((session, version, object))
}

/// A valid session and a supported version, for endpoints without an object.
pub fn resolve_session(conn: &Connection, headers: &HeaderMap, version_segment: &str) -> Result<(Session, String), ApiError> {
    let session = auth::authenticate(conn, headers)?;
    Ok((session, version(version_segment)?))
}

/// Parses a request body as JSON, or Salesforce's JSON_PARSER_ERROR.
pub fn parse_body(body: &[u8]) -> Result<serde_json::Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::JsonParserError,
            format!("Unexpected character or end of input at [line:{}, column:{}]", e.line(), e.column()),
        )
    })
}

/// `POST sobjects/{Object}`: 201 + SaveResult + Location.
pub fn create_reply(conn: &Connection, session: &Session, version: &str, object: &Object, body: &Json) -> Reply {
    match ops::create(conn, session, object, body) {
        Ok(id) => {
            let result = SaveResult { id: Some(id.to_string()), success: true, errors: vec![] };
            let mut reply = Reply::json(StatusCode::CREATED, &result);
            reply.location = Some(format!("/services/data/v{version}/sobjects/{}/{id}", object.name));
            reply
        }
        Err(e) => e.top_level(object).into(),
    }
}

/// `GET sobjects/{Object}/{id}[?fields=A,B]`: the record.
pub fn read_reply(conn: &Connection, session: &Session, version: &str, object: &Object, raw_id: &str, fields: Option<&str>) -> Reply {
    let fields = match ops::fields(object, fields.unwrap_or_default().split(',')) {
        Ok(fields) => fields,
        Err(e) => return e.into(),
    };
    match ops::read(conn, session, object, raw_id, &fields, version) {
        Ok(record) => Reply::json(StatusCode::OK, &record),
        Err(e) => e.top_level(object).into(),
    }
}

/// `PATCH sobjects/{Object}/{id}`: 204. With `If-Unmodified-Since`
/// (`if_unmodified_since`, the header's text) the update happens only when
/// the record was not modified after that second: else 412 and nothing
/// changes; a value that is not an HTTP date is 400 (Salesforce's
/// "Conditional Request Headers"). Salesforce documents the statuses, not
/// the bodies of these two answers, so devorg sends none; the extension
/// reads the status only.
pub fn update_reply(conn: &Connection, session: &Session, object: &Object, raw_id: &str, body: &Json, if_unmodified_since: Option<&str>) -> Reply {
    if let Some(header) = if_unmodified_since {
        let Some(since) = conditional::parse_http_date(header) else { return Reply::empty(StatusCode::BAD_REQUEST) };
        match ops::modified_after(conn, session, object, raw_id, since.unix_millis()) {
            Ok(true) => return Reply::empty(StatusCode::PRECONDITION_FAILED),
            Ok(false) => {}
            Err(e) => return e.top_level(object).into(),
        }
    }
    match ops::update(conn, session, object, raw_id, body) {
        Ok(_) => Reply::no_content(),
        Err(e) => e.top_level(object).into(),
    }
}

/// The request's `If-Unmodified-Since`, when it has one.
pub fn if_unmodified_since(headers: &HeaderMap) -> Option<&str> {
    headers.get(conditional::IF_UNMODIFIED_SINCE).map(|v| v.to_str().unwrap_or_default())
}

/// `DELETE sobjects/{Object}/{id}`: 204.
pub fn delete_reply(conn: &Connection, session: &Session, object: &Object, raw_id: &str) -> Reply {
    match ops::delete(conn, session, object, raw_id) {
        Ok(_) => Reply::no_content(),
        Err(e) => e.top_level(object).into(),
    }
}

async fn create(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, version, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    let body = parse_body(&body)?;
    Ok(create_reply(&conn, &session, &version, object, &body))
}

async fn read(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name, raw_id)): Path<(String, String, String)>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, version, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    Ok(read_reply(&conn, &session, &version, object, &raw_id, params.get("fields").map(String::as_str)))
}

async fn update(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name, raw_id)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, _, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    let body = parse_body(&body)?;
    Ok(update_reply(&conn, &session, object, &raw_id, &body, if_unmodified_since(&headers)))
}

async fn remove(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name, raw_id)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, _, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    Ok(delete_reply(&conn, &session, object, &raw_id))
}
