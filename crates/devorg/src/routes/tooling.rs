//! Tooling API queries the Salesforce CLI makes, and nothing more:
//! - `GET /services/data/vNN.N/tooling/query?q=SOQL`
//!
//! Logging in (`sf org login access-token`, `sf org login web`...) asks
//! every org the CLI knows whether the new org is one of its sandboxes:
//! `SELECT Id, Status, SandboxName, ... FROM SandboxProcess WHERE
//! SandboxOrganization = '00D...' ORDER BY CreatedDate DESC` (@salesforce/core,
//! `AuthInfo.identifyPossibleSandbox`). devorg has no sandboxes, so that
//! query finds nothing. Any other object is unknown here, refused as the data
//! API refuses one (400 INVALID_TYPE, "sObject type 'X' is not supported...").
//!
//! The answer has the Tooling API's query shape, which adds `size`,
//! `queryLocator` and `entityTypeName` to the data API's; with no records
//! `entityTypeName` is null (a recorded empty answer in the Salesforce VS
//! Code extensions' tests: forcedotcom/salesforcedx-vscode, apex replay
//! debugger, queryExistingOverlayActionIdsCommand.test.ts:
//! `{"size":0,"totalSize":0,"done":true,"queryLocator":null,"entityTypeName":null,"records":[]}`).
//! The SOQL is parsed (a malformed query gets MALFORMED_QUERY as on the data
//! API), but its fields and filters are not checked against SandboxProcess's.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use salesforce_rest::{ErrorCode, soql};
use serde_json::json;

use super::sobjects::version;
use crate::error::json_response;
use crate::query::QueryError;
use crate::{ApiError, State, auth};

/// The Tooling API objects devorg answers, each with no rows.
const EMPTY_OBJECTS: [&str; 1] = ["SandboxProcess"];

pub fn router() -> Router<State> {
    Router::new().route("/services/data/{version}/tooling/query", get(tooling_query))
}

async fn tooling_query(
    AxumState(state): AxumState<State>,
    Path(version_segment): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    auth::authenticate(&state.db.conn(), &headers)?;
    version(&version_segment)?;
    let Some(text) = params.get("q").filter(|q| !q.trim().is_empty()) else {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::MalformedQuery, "A query string has to be specified"));
    };
    let parsed = soql::parse(text).map_err(|e| QueryError::from(e).into_api(text))?;
    if !EMPTY_OBJECTS.iter().any(|o| o.eq_ignore_ascii_case(&parsed.from.name)) {
        let message = format!(
            "sObject type '{}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
            parsed.from.name
        );
        return Err(QueryError { code: ErrorCode::InvalidType, message, pos: Some(parsed.from.pos) }.into_api(text));
    }
    Ok(json_response(StatusCode::OK, &json!({"size": 0, "totalSize": 0, "done": true, "queryLocator": null, "entityTypeName": null, "records": []})))
}
