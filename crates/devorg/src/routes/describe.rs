//! Metadata (dialect §3):
//! - `GET /services/data/vNN.N/sobjects`: describeGlobal.
//! - `GET /services/data/vNN.N/sobjects/{Object}/describe`: one object, every field.

use axum::Router;
use axum::extract::{Path, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;

use super::sobjects::version;
use crate::error::json_response;
use crate::schema::describe;
use crate::{ApiError, State, auth};

pub fn router() -> Router<State> {
    Router::new()
        .route("/services/data/{version}/sobjects", get(global))
        .route("/services/data/{version}/sobjects/{object}/describe", get(object))
}

async fn global(AxumState(state): AxumState<State>, Path(segment): Path<String>, headers: HeaderMap) -> Result<Response, ApiError> {
    auth::authenticate(&state.db.conn(), &headers)?;
    let version = version(&segment)?;
    Ok(json_response(StatusCode::OK, &describe::global(&state.schema, &version)))
}

async fn object(
    AxumState(state): AxumState<State>,
    Path((segment, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    auth::authenticate(&state.db.conn(), &headers)?;
    let version = version(&segment)?;
    let object = state.schema.object(&name).ok_or_else(ApiError::not_found)?;
    Ok(json_response(StatusCode::OK, &describe::object(&state.schema, object, &version)))
}
