//! sObject Collections and Composite (§4).
//! - `POST|PATCH …/composite/sobjects` [`CollectionRequest`] -> `Vec<SaveResult>`.
//! - `DELETE …/composite/sobjects?ids=…` -> `Vec<SaveResult>`.
//! - `POST …/composite/sobjects/{T}` [`CollectionRetrieveRequest`] (or GET
//!   with `?ids=&fields=`) -> `Vec<Option<Record>>` (null for a missing id).
//! - `POST …/composite` [`CompositeRequest`] -> [`CompositeResponse`].

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::or_default;
use super::record::Record;
use crate::error::RestError;

/// Up to 200 records, each with `attributes.type` (and `id` to update).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionRequest<T = Record> {
    #[serde(default, deserialize_with = "or_default")]
    pub all_or_none: bool,
    pub records: Vec<T>,
}

/// `{"ids":[…],"fields":[…]}` (up to 2000 ids).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CollectionRetrieveRequest {
    pub ids: Vec<String>,
    pub fields: Vec<String>,
}

/// `{"allOrNone","collateSubrequests","compositeRequest":[…]}` (1 to 25).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CompositeRequest {
    #[serde(deserialize_with = "or_default")]
    pub all_or_none: bool,
    #[serde(deserialize_with = "or_default")]
    pub collate_subrequests: bool,
    #[serde(deserialize_with = "or_default")]
    pub composite_request: Vec<CompositeSubrequest>,
}

/// One subrequest; `url` and `body` may hold `@{referenceId.path}` references.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompositeSubrequest {
    pub method: String,
    pub url: String,
    pub reference_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "or_default")]
    pub http_headers: BTreeMap<String, String>,
}

impl CompositeSubrequest {
    pub fn new(method: &str, url: impl Into<String>, reference_id: impl Into<String>) -> Self {
        Self { method: method.to_owned(), url: url.into(), reference_id: reference_id.into(), ..Self::default() }
    }

    pub fn with_body(mut self, body: impl Serialize) -> Result<Self, serde_json::Error> {
        self.body = Some(serde_json::to_value(body)?);
        Ok(self)
    }
}

/// `{"compositeResponse":[…]}`, in request order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CompositeResponse {
    #[serde(deserialize_with = "or_default")]
    pub composite_response: Vec<CompositeSubresponse>,
}

impl CompositeResponse {
    /// The answer to the subrequest `reference_id`.
    pub fn get(&self, reference_id: &str) -> Option<&CompositeSubresponse> {
        self.composite_response.iter().find(|r| r.reference_id == reference_id)
    }
}

/// One subrequest's answer: what the resource alone would have answered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CompositeSubresponse {
    /// `null` for 204s; a top-level error array on failure.
    pub body: Value,
    /// `Location` after a create; often empty.
    #[serde(deserialize_with = "or_default")]
    pub http_headers: BTreeMap<String, String>,
    #[serde(deserialize_with = "or_default")]
    pub http_status_code: u16,
    pub reference_id: String,
}

impl CompositeSubresponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.http_status_code)
    }

    /// The error array of a failed subrequest (`None` on success or another shape).
    pub fn errors(&self) -> Option<Vec<RestError>> {
        if self.is_success() { None } else { serde_json::from_value(self.body.clone()).ok() }
    }

    /// The body as `T` (a `SaveResult`, a `Record`, a `QueryResponse`, ...).
    pub fn body_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_value(self.body.clone())
    }
}
