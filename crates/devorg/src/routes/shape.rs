//! The last line of defence for the "every bad request gets a
//! Salesforce-shaped error" rule. Handlers answer errors themselves; what
//! reaches this layer unshaped comes from the framework before a handler ran
//! (a wrong method, a body over the size limit, a path that is not valid
//! UTF-8, a wrong content type) or from a panic. Under `/services/data`,
//! such answers become Salesforce's JSON error array with the same status.

use std::any::Any;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use salesforce_rest::ErrorCode;

use crate::ApiError;

/// Largest request body accepted: a 200-record collection of long text
/// fields fits; anything bigger is refused before it is read.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

fn is_json(response: &Response) -> bool {
    response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"))
}

/// Rewrites an unshaped REST error into the error array.
pub async fn salesforce_errors(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/services/data");
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    if !api || status.as_u16() < 400 || is_json(&response) {
        return response;
    }
    shaped(status, &method).into_response()
}

fn shaped(status: StatusCode, method: &Method) -> ApiError {
    match status {
        StatusCode::METHOD_NOT_ALLOWED => ApiError::new(
            status,
            ErrorCode::MethodNotAllowed,
            format!("HTTP Method '{method}' not allowed. Allowed are the methods this resource lists in the REST API documentation"),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            status,
            ErrorCode::Other("REQUEST_ENTITY_TOO_LARGE".into()),
            format!("Request body is larger than the {} MB devorg accepts", MAX_BODY_BYTES / (1024 * 1024)),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(status, ErrorCode::UnsupportedMediaType, "Content type not supported; send application/json"),
        StatusCode::NOT_FOUND => ApiError::not_found(),
        s if s.is_server_error() => ApiError::internal(&format!("unshaped {s} answer")),
        s => ApiError::new(s, ErrorCode::Other("INVALID_INPUT".into()), "The request URL or its parameters could not be read"),
    }
}

/// A handler panicked: log it for the developer, answer UNKNOWN_EXCEPTION.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let detail = panic.downcast_ref::<String>().map(String::as_str).or_else(|| panic.downcast_ref::<&str>().copied()).unwrap_or("(no message)");
    ApiError::internal(&format!("a request handler panicked: {detail}")).into_response()
}
