//! Salesforce's cap on the size of a request's URI and headers: "In each REST
//! call, the maximum length for the combined URI and headers is 16,384 bytes.
//! A request exceeding this limit returns a 431 Request Header Fields Too
//! Large error. If the URI itself exceeds this limit, the request returns a
//! 414 URI Too Long error." (Salesforce Help, knowledge article 000386264,
//! "Maximum number of rows returned by SOQL queries over the REST API").
//!
//! The refusal comes from Salesforce's web tier, before the REST API: it is
//! not a Salesforce JSON error array, and its exact body is not documented,
//! so devorg answers the bare status with an empty body (the CORS layer still
//! adds its headers, so a browser extension can read the status).

use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The documented limit on the URI plus the headers, in bytes.
pub const MAX_URI_AND_HEADERS_BYTES: usize = 16_384;

/// The bytes the headers take on the wire (`Name: value\r\n` each).
fn header_bytes(headers: &HeaderMap) -> usize {
    headers.iter().map(|(name, value)| name.as_str().len() + 2 + value.as_bytes().len() + 2).sum()
}

/// Which status, if any, a request of this URI and these headers gets.
pub fn refusal(uri_bytes: usize, headers: &HeaderMap) -> Option<StatusCode> {
    if uri_bytes > MAX_URI_AND_HEADERS_BYTES {
        Some(StatusCode::URI_TOO_LONG)
    } else if uri_bytes + header_bytes(headers) > MAX_URI_AND_HEADERS_BYTES {
        Some(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)
    } else {
        None
    }
}

/// Middleware: refuses an oversized request before any handler reads it.
pub async fn refuse_oversized(request: Request, next: Next) -> Response {
    // The request target as sent: path and query (origin form).
    let uri_bytes = request.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    match refusal(uri_bytes, request.headers()) {
        Some(status) => status.into_response(),
        None => next.run(request).await,
    }
}
