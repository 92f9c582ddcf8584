//! sObject Collections (dialect §4, "Collections"): up to 200 records per call.
//! - `POST   /services/data/vNN.N/composite/sobjects`: create, 200 + `[SaveResult]` in order.
//! - `PATCH  /services/data/vNN.N/composite/sobjects`: update (each record has `id`), 200 + `[SaveResult]`.
//! - `DELETE /services/data/vNN.N/composite/sobjects?ids=a,b[&allOrNone=true]`: 200 + `[SaveResult]`.
//! - `GET    /services/data/vNN.N/composite/sobjects/{Object}?ids=..&fields=..` and
//!   `POST` same path `{"ids":[..],"fields":[..]}` (up to 2000 ids): 200 + `[record|null]`.
//!
//! Each record has its own SAVEPOINT, so a failed one leaves nothing behind;
//! with `allOrNone` the whole call's savepoint is rolled back on any failure
//! and every record reports `success:false`. A malformed call (not JSON, no
//! `records`, an unknown `attributes.type`, too many records) is a top-level
//! 400 and saves nothing.

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use rusqlite::Connection;
use salesforce_rest::{ErrorCode, RestError, SaveError, SaveResult, SfId};
use serde_json::{Map, Value as Json};

use super::reply::Reply;
use super::sobjects::{parse_body, resolve, resolve_session};
use crate::auth::Session;
use crate::records::encode::Save;
use crate::records::ops::{self, RecordError, Savepoint};
use crate::schema::{Object, Schema};
use crate::{ApiError, State};

/// Records per create, update or delete call.
pub const MAX_RECORDS: usize = 200;
/// Ids per retrieve call.
pub const MAX_RETRIEVE: usize = 2000;

pub fn router() -> Router<State> {
    Router::new()
        .route("/services/data/{version}/composite/sobjects", post(create).patch(update).delete(remove))
        .route("/services/data/{version}/composite/sobjects/{object}", axum::routing::get(retrieve_get).post(retrieve_post))
}

fn bad_request(code: ErrorCode, message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, message)
}

fn too_many(limit: usize) -> ApiError {
    bad_request(ErrorCode::ExceededIdLimit, format!("record limit reached. cannot submit more than {limit} records into this call"))
}

fn rolled_back() -> SaveError {
    SaveError::new(ErrorCode::AllOrNoneOperationRolledBack, "Record rolled back because not all records were valid and the request was using AllOrNone header")
}

/// What happened to one record, before allOrNone is applied.
struct Outcome {
    id: Option<String>,
    errors: Option<Vec<SaveError>>,
}

/// Applies allOrNone to the outcomes and ends the call's savepoint.
fn finish(call: Savepoint<'_>, outcomes: Vec<Outcome>, all_or_none: bool, creates: bool) -> Result<Vec<SaveResult>, ApiError> {
    if all_or_none && outcomes.iter().any(|o| o.errors.is_some()) {
        call.rollback()?;
        return Ok(outcomes
            .into_iter()
            .map(|o| match o.errors {
                Some(errors) => SaveResult { id: o.id, success: false, errors },
                // A rolled-back create has no id any more; updates and deletes keep theirs.
                None => SaveResult { id: if creates { None } else { o.id }, success: false, errors: vec![rolled_back()] },
            })
            .collect());
    }
    call.commit()?;
    Ok(outcomes.into_iter().map(|o| SaveResult { id: o.id, success: o.errors.is_none(), errors: o.errors.unwrap_or_default() }).collect())
}

/// Runs one record's save in its own savepoint.
fn outcome(conn: &Connection, object: &Object, failed_id: Option<String>, save: impl FnOnce() -> Result<SfId, RecordError>) -> Result<Outcome, ApiError> {
    let record = Savepoint::begin(conn)?;
    match save() {
        Ok(id) => {
            record.commit()?;
            Ok(Outcome { id: Some(id.to_string()), errors: None })
        }
        Err(e) => {
            record.rollback()?;
            Ok(Outcome { id: failed_id, errors: Some(e.save_errors(object)?) })
        }
    }
}

/// `attributes.type` of a record: every record must name a known object.
fn typed<'s, 'r>(schema: &'s Schema, record: &'r Json) -> Result<(&'s Object, &'r Map<String, Json>), ApiError> {
    let map = record
        .as_object()
        .ok_or_else(|| bad_request(ErrorCode::JsonParserError, "Cannot deserialize instance of SObject from a value that is not a JSON object"))?;
    let name = map
        .get("attributes")
        .and_then(|a| a.get("type"))
        .and_then(Json::as_str)
        .ok_or_else(|| bad_request(ErrorCode::InvalidType, "Must specify the sObject type in the attributes of every record (attributes.type)"))?;
    let object = schema.object(name).ok_or_else(|| unsupported_type(name))?;
    Ok((object, map))
}

fn unsupported_type(name: &str) -> ApiError {
    bad_request(
        ErrorCode::InvalidType,
        format!(
            "sObject type '{name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."
        ),
    )
}

fn id_entry(record: &Map<String, Json>) -> Option<&Json> {
    record.iter().find(|(k, _)| k.eq_ignore_ascii_case("id")).map(|(_, v)| v).filter(|v| !v.is_null())
}

/// Creates (`Save::Create`) or updates the `records` of a collections body.
/// `force_all_or_none` is a composite request's allOrNone, which wins.
pub fn save_all(schema: &Schema, conn: &Connection, session: &Session, body: &Json, save: Save, force_all_or_none: bool) -> Result<Vec<SaveResult>, ApiError> {
    let map = body.as_object().ok_or_else(|| bad_request(ErrorCode::JsonParserError, "Cannot deserialize the request body: expected a JSON object"))?;
    let all_or_none = match map.get("allOrNone") {
        None | Some(Json::Null) => false,
        Some(Json::Bool(b)) => *b,
        Some(other) => return Err(bad_request(ErrorCode::JsonParserError, format!("Cannot deserialize instance of boolean from {other} (allOrNone)"))),
    } || force_all_or_none;
    let records = map
        .get("records")
        .and_then(Json::as_array)
        .ok_or_else(|| bad_request(ErrorCode::JsonParserError, "Cannot deserialize the request body: 'records' must be an array of sObjects"))?;
    if records.len() > MAX_RECORDS {
        return Err(too_many(MAX_RECORDS));
    }
    let typed: Vec<_> = records.iter().map(|r| typed(schema, r)).collect::<Result<_, _>>()?;
    for (object, _) in &typed {
        // A custom setting the user may not read is an unknown type (crate::access).
        if !crate::access::visible(conn, session, object)? {
            return Err(unsupported_type(&object.name));
        }
    }
    let call = Savepoint::begin(conn)?;
    let mut outcomes = Vec::with_capacity(typed.len());
    for (object, record) in typed {
        let one = match save {
            Save::Create => outcome(conn, object, None, || {
                // Salesforce's insert refusal (INVALID_FIELD_FOR_INSERT_UPDATE
                // "cannot specify Id in an insert call", as Apex DML and API
                // clients report it); the exact per-record shape in a
                // collections answer is not documented.
                if id_entry(record).is_some() {
                    return Err(RecordError::Invalid(vec![RestError::new(ErrorCode::InvalidFieldForInsertUpdate, "cannot specify Id in an insert call")]));
                }
                ops::create(conn, session, object, &Json::Object(record.clone()))
            })?,
            Save::Update => {
                let raw = id_entry(record).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
                let failed_id = raw.as_deref().and_then(|r| ops::parse_id(object, r).ok()).map(|id| id.to_string());
                outcome(conn, object, failed_id, || {
                    let Some(raw) = raw.as_deref() else {
                        return Err(RecordError::Invalid(vec![RestError::new(ErrorCode::MissingArgument, "Id not specified in an update call")]));
                    };
                    let fields: Map<String, Json> = record.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("id")).map(|(k, v)| (k.clone(), v.clone())).collect();
                    ops::update(conn, session, object, raw, &Json::Object(fields))
                })?
            }
        };
        outcomes.push(one);
    }
    finish(call, outcomes, all_or_none, save == Save::Create)
}

/// Deletes the comma-separated `ids` (of any objects).
pub fn delete_all(schema: &Schema, conn: &Connection, session: &Session, ids: &str, all_or_none: bool) -> Result<Vec<SaveResult>, ApiError> {
    let ids: Vec<&str> = ids.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if ids.is_empty() {
        return Err(bad_request(ErrorCode::MissingArgument, "The ids parameter is required: a comma-separated list of record ids"));
    }
    if ids.len() > MAX_RECORDS {
        return Err(too_many(MAX_RECORDS));
    }
    let call = Savepoint::begin(conn)?;
    let mut outcomes = Vec::with_capacity(ids.len());
    for raw in ids {
        let Ok(id) = SfId::parse(raw) else {
            let error = SaveError::new(ErrorCode::MalformedId, format!("malformed id {raw}"));
            outcomes.push(Outcome { id: None, errors: Some(vec![error]) });
            continue;
        };
        let object = match schema.object_of_id(&id) {
            Some(o) if crate::access::visible(conn, session, o)? => Some(o),
            _ => None,
        };
        let Some(object) = object else {
            let error = SaveError::new(ErrorCode::InvalidCrossReferenceKey, "invalid cross reference id");
            outcomes.push(Outcome { id: Some(id.to_string()), errors: Some(vec![error]) });
            continue;
        };
        outcomes.push(outcome(conn, object, Some(id.to_string()), || ops::delete(conn, session, object, raw))?);
    }
    finish(call, outcomes, all_or_none, false)
}

/// The records of `ids` with `fields` (all when empty); `null` for ids the
/// session cannot see, missing or deleted ones.
pub fn retrieve(conn: &Connection, session: &Session, version: &str, object: &Object, ids: &[String], fields: &[String]) -> Result<Vec<Json>, ApiError> {
    if ids.len() > MAX_RETRIEVE {
        return Err(too_many(MAX_RETRIEVE));
    }
    let fields = ops::fields(object, fields.iter().map(String::as_str))?;
    let mut out = Vec::with_capacity(ids.len());
    for raw in ids {
        match ops::read(conn, session, object, raw, &fields, version) {
            Ok(record) => out.push(record),
            Err(e @ (RecordError::MalformedId(_) | RecordError::Internal(_))) => {
                let ops::ApiErrors(status, mut errors) = e.top_level(object);
                let error = errors.pop().unwrap_or_else(|| RestError::new(ErrorCode::UnknownException, "retrieve failed"));
                return Err(ApiError { status, error });
            }
            Err(_) => out.push(Json::Null),
        }
    }
    Ok(out)
}

fn list(value: Option<&str>) -> Vec<String> {
    value.unwrap_or_default().split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// The `{"ids":[..],"fields":[..]}` body of a retrieve POST.
pub fn retrieve_body(body: &Json) -> Result<(Vec<String>, Vec<String>), ApiError> {
    let strings = |key: &str| -> Result<Vec<String>, ApiError> {
        match body.get(key) {
            None | Some(Json::Null) => Ok(Vec::new()),
            Some(Json::Array(items)) => items
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| bad_request(ErrorCode::JsonParserError, format!("Cannot deserialize instance of String from {v} ({key})")))
                })
                .collect(),
            Some(other) => Err(bad_request(ErrorCode::JsonParserError, format!("Cannot deserialize instance of List from {other} ({key})"))),
        }
    };
    Ok((strings("ids")?, strings("fields")?))
}

fn ok(result: Result<impl serde::Serialize, ApiError>) -> Reply {
    match result {
        Ok(body) => Reply::json(StatusCode::OK, &body),
        Err(e) => e.into(),
    }
}

/// The answer of a collections request for Composite and the handlers alike.
pub fn save_reply(schema: &Schema, conn: &Connection, session: &Session, body: &Json, save: Save, force: bool) -> Reply {
    ok(save_all(schema, conn, session, body, save, force))
}

pub fn delete_reply(schema: &Schema, conn: &Connection, session: &Session, params: &HashMap<String, String>, force: bool) -> Reply {
    let all_or_none = force || params.get("allOrNone").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    ok(delete_all(schema, conn, session, params.get("ids").map(String::as_str).unwrap_or_default(), all_or_none))
}

pub fn retrieve_get_reply(conn: &Connection, session: &Session, version: &str, object: &Object, params: &HashMap<String, String>) -> Reply {
    let (ids, fields) = (list(params.get("ids").map(String::as_str)), list(params.get("fields").map(String::as_str)));
    ok(retrieve(conn, session, version, object, &ids, &fields))
}

pub fn retrieve_post_reply(conn: &Connection, session: &Session, version: &str, object: &Object, body: &Json) -> Reply {
    ok(retrieve_body(body).and_then(|(ids, fields)| retrieve(conn, session, version, object, &ids, &fields)))
}

async fn create(AxumState(state): AxumState<State>, Path(version): Path<String>, headers: HeaderMap, body: Bytes) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, _) = resolve_session(&conn, &headers, &version)?;
    let body = parse_body(&body)?;
    Ok(save_reply(&state.schema, &conn, &session, &body, Save::Create, false))
}

async fn update(AxumState(state): AxumState<State>, Path(version): Path<String>, headers: HeaderMap, body: Bytes) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, _) = resolve_session(&conn, &headers, &version)?;
    let body = parse_body(&body)?;
    Ok(save_reply(&state.schema, &conn, &session, &body, Save::Update, false))
}

async fn remove(
    AxumState(state): AxumState<State>,
    Path(version): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, _) = resolve_session(&conn, &headers, &version)?;
    Ok(delete_reply(&state.schema, &conn, &session, &params, false))
}

async fn retrieve_get(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name)): Path<(String, String)>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, version, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    Ok(retrieve_get_reply(&conn, &session, &version, object, &params))
}

async fn retrieve_post(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, version, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    let body = parse_body(&body)?;
    Ok(retrieve_post_reply(&conn, &session, &version, object, &body))
}
