//! One record at a time (dialect §4):
//! - `POST   /services/data/vNN.N/sobjects/{Object}`: create, 201 + SaveResult + Location.
//! - `GET    /services/data/vNN.N/sobjects/{Object}/{id}[?fields=A,B]`: the record.
//! - `PATCH  /services/data/vNN.N/sobjects/{Object}/{id}`: update, 204.
//! - `DELETE /services/data/vNN.N/sobjects/{Object}/{id}`: delete, 204.
//!
//! Every call needs a bearer session; objects with Private sharing show a
//! non-admin only the records they own (others are NOT_FOUND, as in Salesforce).

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use rusqlite::{Connection, OptionalExtension};
use salesforce_rest::version::ApiVersion;
use salesforce_rest::{ErrorCode, SaveResult, SfId};

use crate::auth::{self, Session};
use crate::error::json_response;
use crate::records::encode::{Save, encode};
use crate::records::store;
use crate::schema::{Object, Sharing};
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
    Ok((session, version, object))
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

fn errors_response(errors: Vec<salesforce_rest::RestError>) -> Response {
    json_response(StatusCode::BAD_REQUEST, &errors)
}

/// Resolves `{id}` for `object` and checks the session may see it.
fn visible_id(conn: &Connection, session: &Session, object: &Object, raw: &str) -> Result<SfId, ApiError> {
    let id = SfId::parse(raw).map_err(|_| {
        ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::MalformedId, format!("{} ID: id value of incorrect type: {raw}", object.name))
    })?;
    if id.key_prefix() != object.key_prefix {
        return Err(ApiError::not_found());
    }
    let owner_column = if object.owned { "\"OwnerId\"" } else { "NULL" };
    let deleted = if object.field("IsDeleted").is_some() { " AND \"IsDeleted\" = 0" } else { "" };
    let owner: Option<Option<String>> = conn
        .query_row(&format!("SELECT {owner_column} FROM {} WHERE \"Id\" = ?1{deleted}", object.table()), [id.as_str()], |r| r.get(0))
        .optional()?;
    match owner {
        None => Err(ApiError::not_found()),
        Some(owner) if object.sharing == Sharing::Private && !session.admin && owner.as_deref() != Some(session.user.as_str()) => {
            Err(ApiError::not_found())
        }
        Some(_) => Ok(id),
    }
}

async fn create(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    let (session, version, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    let body = parse_body(&body)?;
    let columns = match encode(object, &body, Save::Create) {
        Ok(columns) => columns,
        Err(errors) => return Ok(errors_response(errors)),
    };
    let id = store::insert(&conn, object, columns, &session.user)?;
    let result = SaveResult { id: Some(id.to_string()), success: true, errors: vec![] };
    let mut response = json_response(StatusCode::CREATED, &result);
    let location = format!("/services/data/v{version}/sobjects/{}/{id}", object.name);
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

async fn read(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name, raw_id)): Path<(String, String, String)>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    let (session, version, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    let mut fields = Vec::new();
    for name in params.get("fields").map(String::as_str).unwrap_or_default().split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let field = object.field(name).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidField,
                format!("No such column '{name}' on entity '{}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", object.name),
            )
        })?;
        fields.push(field);
    }
    let id = visible_id(&conn, &session, object, &raw_id)?;
    let record = store::get(&conn, object, &id, &fields, &version)?.ok_or_else(ApiError::not_found)?;
    Ok(json_response(StatusCode::OK, &record))
}

async fn update(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name, raw_id)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    let (session, _, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    let body = parse_body(&body)?;
    let id = visible_id(&conn, &session, object, &raw_id)?;
    let columns = match encode(object, &body, Save::Update) {
        Ok(columns) => columns,
        Err(errors) => return Ok(errors_response(errors)),
    };
    if !store::update(&conn, object, &id, columns, &session.user)? {
        return Err(ApiError::not_found());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn remove(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name, raw_id)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    let (session, _, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    let id = visible_id(&conn, &session, object, &raw_id)?;
    if !store::delete(&conn, object, &id, &session.user)? {
        return Err(ApiError::not_found());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
