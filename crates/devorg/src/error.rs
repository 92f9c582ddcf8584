//! Every failure becomes a Salesforce-shaped error array (dialect §1) with the
//! status code Salesforce uses: never a bare 500, never a stack trace.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use salesforce_rest::{ErrorCode, RestError};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub error: RestError,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self { status, error: RestError::new(code, message) }
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "The requested resource does not exist")
    }

    pub fn method_not_allowed(method: &str) -> Self {
        Self::new(StatusCode::METHOD_NOT_ALLOWED, ErrorCode::MethodNotAllowed, format!("HTTP Method '{method}' not allowed. Allowed are GET,HEAD"))
    }
}

impl ApiError {
    /// An unexpected failure inside devorg: logged for the developer running
    /// it, while the client gets Salesforce's opaque UNKNOWN_EXCEPTION.
    pub fn internal(e: &dyn std::fmt::Display) -> Self {
        eprintln!("devorg: {e}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::UnknownException,
            "An unexpected error occurred. Please include this ErrorId if you contact support: devorg-internal",
        )
    }
}

impl From<crate::DbError> for ApiError {
    fn from(e: crate::DbError) -> Self {
        Self::internal(&e)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        Self::internal(&e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status, &vec![self.error])
    }
}

/// Salesforce's content type for JSON answers.
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=UTF-8";

/// A JSON body with Salesforce's content type.
pub fn json_response<T: serde::Serialize>(status: StatusCode, body: &T) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"[]".to_vec());
    let mut response = (status, bytes).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
    response
}
