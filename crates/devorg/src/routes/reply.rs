//! What one REST operation answers, before it becomes an HTTP response:
//! the single-record and collection endpoints build a [`Reply`], which is
//! either sent as is or nested into a composite response (same status,
//! same body, `Location` among its `httpHeaders`).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value as Json};

use crate::ApiError;
use crate::error::JSON_CONTENT_TYPE;
use crate::records::ops::ApiErrors;

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    /// The new record's URL, for a 201.
    pub location: Option<String>,
    /// The JSON text, serialized from the typed answer so keys keep
    /// Salesforce's order (`message` before `errorCode`); empty for a 204.
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(status: StatusCode, body: &impl serde::Serialize) -> Self {
        let body = serde_json::to_vec(body).unwrap_or_else(|_| b"null".to_vec());
        Self { status, location: None, body }
    }

    pub fn no_content() -> Self {
        Self::empty(StatusCode::NO_CONTENT)
    }

    /// A status without a body.
    pub fn empty(status: StatusCode) -> Self {
        Self { status, location: None, body: Vec::new() }
    }

    /// The body as a JSON value: `null` for a 204.
    pub fn value(&self) -> Json {
        serde_json::from_slice(&self.body).unwrap_or(Json::Null)
    }

    pub fn failed(&self) -> bool {
        self.status.as_u16() >= 400
    }

    /// The response headers a composite subrequest result lists.
    pub fn headers(&self) -> Json {
        let mut map = Map::new();
        if let Some(location) = &self.location {
            map.insert("Location".into(), Json::String(location.clone()));
        }
        Json::Object(map)
    }
}

impl From<ApiError> for Reply {
    fn from(e: ApiError) -> Self {
        Self::json(e.status, &vec![e.error])
    }
}

impl From<ApiErrors> for Reply {
    fn from(ApiErrors(status, errors): ApiErrors) -> Self {
        Self::json(status, &errors)
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = if self.status == StatusCode::NO_CONTENT {
            self.status.into_response()
        } else {
            let mut response = (self.status, self.body).into_response();
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
            response
        };
        if let Some(value) = self.location.as_deref().and_then(|l| HeaderValue::from_str(l).ok()) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        response
    }
}
