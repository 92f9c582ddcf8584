//! Metadata (dialect §3):
//! - `GET /services/data/vNN.N/sobjects`: describeGlobal.
//! - `GET /services/data/vNN.N/sobjects/{Object}/describe`: one object, every field.
//! - `GET /services/data/vNN.N/sobjects/{Object}/describe/compactLayouts`: its Key Fields.
//! - `GET /services/data/vNN.N/compactLayouts?q=A,B`: primary layouts of up to 100 objects.

use axum::Router;
use std::collections::HashMap;

use axum::extract::{Path, Query, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;

use super::sobjects::{resolve, version};
use crate::error::json_response;
use crate::schema::describe;
use crate::{ApiError, State, auth};

pub fn router() -> Router<State> {
    Router::new()
        .route("/services/data/{version}/sobjects", get(global))
        .route("/services/data/{version}/sobjects/{object}/describe", get(object))
        .route("/services/data/{version}/sobjects/{object}/describe/compactLayouts", get(compact))
        .route("/services/data/{version}/compactLayouts", get(compact_many))
}

async fn global(AxumState(state): AxumState<State>, Path(segment): Path<String>, headers: HeaderMap) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    let session = auth::authenticate(&conn, &headers)?;
    let version = version(&segment)?;
    let mut hidden = Vec::new();
    for object in &state.schema.objects {
        if !crate::access::visible(&conn, &session, object)? {
            hidden.push(object.name.as_str());
        }
    }
    Ok(json_response(StatusCode::OK, &describe::global(&state.schema, &version, &hidden)))
}

async fn object(AxumState(state): AxumState<State>, Path((segment, name)): Path<(String, String)>, headers: HeaderMap) -> Result<Response, ApiError> {
    let (_, version, object) = resolve(&state, &state.db.conn(), &headers, &segment, &name)?;
    Ok(json_response(StatusCode::OK, &describe::object(&state.schema, object, &version)))
}

async fn compact(AxumState(state): AxumState<State>, Path((segment, name)): Path<(String, String)>, headers: HeaderMap) -> Result<Response, ApiError> {
    let (_, version, object) = resolve(&state, &state.db.conn(), &headers, &segment, &name)?;
    Ok(json_response(StatusCode::OK, &describe::compact_layouts(object, &version)))
}

async fn compact_many(
    AxumState(state): AxumState<State>,
    Path(segment): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    let session = auth::authenticate(&conn, &headers)?;
    version(&segment)?;
    let names: Vec<&str> = params.get("q").map(String::as_str).unwrap_or_default().split(',').map(str::trim).filter(|n| !n.is_empty()).collect();
    if names.is_empty() || names.len() > 100 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            salesforce_rest::ErrorCode::Other("INVALID_PARAMETER_VALUE".into()),
            "The q parameter must list between 1 and 100 object names, separated by commas",
        ));
    }
    let mut body = serde_json::Map::new();
    for name in names {
        let unsupported =
            || ApiError::new(StatusCode::BAD_REQUEST, salesforce_rest::ErrorCode::InvalidType, format!("sObject type '{name}' is not supported."));
        let object = state.schema.object(name).ok_or_else(unsupported)?;
        if !crate::access::visible(&conn, &session, object)? {
            return Err(unsupported());
        }
        body.insert(object.name.clone(), describe::compact_layout(object));
    }
    Ok(json_response(StatusCode::OK, &body))
}
