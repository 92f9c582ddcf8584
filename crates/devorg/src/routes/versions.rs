//! Discovery (dialect §3):
//! - `GET /services/data`: the supported API versions (no auth, as in Salesforce).

use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Router, extract::Request};

use crate::error::json_response;
use crate::{ApiError, State};

pub fn router() -> Router<State> {
    Router::new().route("/services/data", get(list).fallback(wrong_method)).route("/services/data/", get(list))
}

async fn list() -> Response {
    json_response(StatusCode::OK, &salesforce_rest::version::all_versions())
}

async fn wrong_method(request: Request) -> ApiError {
    ApiError::method_not_allowed(request.method().as_str())
}
