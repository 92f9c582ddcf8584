//! What one REST operation answers, before it becomes an HTTP response:
//! the single-record and collection endpoints build a [`Reply`], which is
//! either sent as is or nested into a composite response (same status,
//! same body, `Location` among its `httpHeaders`).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value as Json};

use crate::ApiError;
use crate::error::json_response;
use crate::records::ops::ApiErrors;

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    /// The new record's URL, for a 201.
    pub location: Option<String>,
    /// `Null` for a 204.
    pub body: Json,
}

impl Reply {
    pub fn json(status: StatusCode, body: &impl serde::Serialize) -> Self {
        let body = serde_json::to_value(body).unwrap_or(Json::Null);
        Self { status, location: None, body }
    }

    pub fn no_content() -> Self {
        Self { status: StatusCode::NO_CONTENT, location: None, body: Json::Null }
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
        let mut response =
            if self.status == StatusCode::NO_CONTENT { self.status.into_response() } else { json_response(self.status, &self.body) };
        if let Some(value) = self.location.as_deref().and_then(|l| HeaderValue::from_str(l).ok()) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        response
    }
}
