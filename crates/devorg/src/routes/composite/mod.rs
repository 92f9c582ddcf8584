//! Composite (dialect §4, "Composite"):
//! - `POST /services/data/vNN.N/composite`
//!   `{"allOrNone","collateSubrequests","compositeRequest":[{"method","url","referenceId","body"?,"httpHeaders"?}]}`
//!   (1 to 25 subrequests, unique referenceIds of `[A-Za-z0-9_]`) -> 200
//!   `{"compositeResponse":[{"body","httpHeaders","httpStatusCode","referenceId"}]}`.
//!
//! Subrequests run in order on one connection inside one SAVEPOINT, the
//! session checked once. `@{ref.path}` references (see `refs`) read earlier
//! bodies. With allOrNone, the first failure (HTTP >= 400, or a collection
//! with a failed record) rolls everything back: the failed subrequest keeps
//! its answer, every other one gets 400 PROCESSING_HALTED. Without it, later
//! subrequests still run; those referencing a failed one get 400
//! PROCESSING_HALTED naming the reference. `collateSubrequests` is accepted
//! and ignored: running in order is one of the orders it allows.

mod dispatch;
mod refs;

use std::collections::{HashMap, HashSet};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use salesforce_rest::ErrorCode;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::reply::Reply;
use super::sobjects::{parse_body, resolve_session};
use crate::records::ops::Savepoint;
use crate::{ApiError, State};

/// Subrequests per composite request.
pub const MAX_SUBREQUESTS: usize = 25;

const ROLLED_BACK: &str = "The transaction was rolled back since another operation in the same transaction failed.";

pub fn router() -> Router<State> {
    Router::new().route("/services/data/{version}/composite", post(composite))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CompositeRequest {
    #[serde(default)]
    all_or_none: bool,
    #[serde(default)]
    #[allow(dead_code)] // accepted, see the module doc
    collate_subrequests: bool,
    composite_request: Vec<Subrequest>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Subrequest {
    method: String,
    url: String,
    reference_id: String,
    #[serde(default)]
    body: Json,
    #[serde(default)]
    http_headers: HashMap<String, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CompositeResponse {
    composite_response: Vec<SubrequestResult>,
}

/// One element of `compositeResponse`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SubrequestResult {
    body: Json,
    http_headers: Json,
    http_status_code: u16,
    reference_id: String,
}

impl SubrequestResult {
    fn new(reference_id: &str, reply: &Reply) -> Self {
        Self { body: reply.value(), http_headers: reply.headers(), http_status_code: reply.status.as_u16(), reference_id: reference_id.to_owned() }
    }

    fn halted(reference_id: &str, message: &str) -> Self {
        Self {
            body: serde_json::json!([{"errorCode": ErrorCode::ProcessingHalted.as_str(), "message": message}]),
            http_headers: Json::Object(serde_json::Map::new()),
            http_status_code: 400,
            reference_id: reference_id.to_owned(),
        }
    }
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::InvalidInput, message)
}

/// The whole request is refused, before anything runs, when its shape is wrong.
fn validate(request: &CompositeRequest) -> Result<(), ApiError> {
    let count = request.composite_request.len();
    if count == 0 || count > MAX_SUBREQUESTS {
        return Err(invalid(format!("compositeRequest must hold between 1 and {MAX_SUBREQUESTS} subrequests, not {count}")));
    }
    let mut seen = HashSet::new();
    for sub in &request.composite_request {
        if !refs::valid_reference_id(&sub.reference_id) {
            return Err(invalid(format!("Invalid referenceId '{}': only letters, digits and '_' are allowed", sub.reference_id)));
        }
        if !seen.insert(sub.reference_id.as_str()) {
            return Err(invalid(format!("Duplicate referenceId '{}': each subrequest needs its own", sub.reference_id)));
        }
    }
    Ok(())
}

/// A collection answer with a failed record: a failure for allOrNone.
fn has_failed_record(body: &Json) -> bool {
    body.as_array().is_some_and(|items| items.iter().any(|r| r.get("success") == Some(&Json::Bool(false))))
}

async fn composite(AxumState(state): AxumState<State>, Path(version): Path<String>, headers: HeaderMap, body: Bytes) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, _) = resolve_session(&conn, &headers, &version)?;
    let body = parse_body(&body)?;
    let request: CompositeRequest = serde_json::from_value(body)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::JsonParserError, format!("Cannot deserialize the composite request: {e}")))?;
    validate(&request)?;

    let cx = dispatch::Context { state: &state, conn: &conn, session: &session, all_or_none: request.all_or_none };
    let transaction = Savepoint::begin(&conn)?;
    let mut bodies = refs::Bodies::new();
    let mut results = Vec::with_capacity(request.composite_request.len());
    let mut failed_at = None;
    for (index, sub) in request.composite_request.iter().enumerate() {
        let substituted = refs::substitute_url(&sub.url, &bodies).and_then(|url| Ok((url, refs::substitute(&sub.body, &bodies)?)));
        let (result, failed) = match substituted {
            Err(refs::RefError(message)) => (SubrequestResult::halted(&sub.reference_id, &message), true),
            Ok((url, body)) => {
                // Its own savepoint: a failed subrequest leaves nothing half-written.
                let step = Savepoint::begin(&conn)?;
                let reply = dispatch::run(&cx, &sub.method, &url, &body, &sub.http_headers);
                if reply.failed() {
                    step.rollback()?
                } else {
                    step.commit()?
                }
                let result = SubrequestResult::new(&sub.reference_id, &reply);
                let failed = reply.failed() || (request.all_or_none && has_failed_record(&result.body));
                (result, failed)
            }
        };
        bodies.insert(sub.reference_id.clone(), (!failed).then(|| result.body.clone()));
        results.push(result);
        if failed && request.all_or_none {
            failed_at = Some(index);
            break;
        }
    }

    let composite_response = match failed_at {
        Some(failed) => {
            transaction.rollback()?;
            let mut failed_result = results.into_iter().nth(failed);
            let halted = |sub: &Subrequest| SubrequestResult::halted(&sub.reference_id, ROLLED_BACK);
            let subrequests = request.composite_request.iter().enumerate();
            subrequests.map(|(i, sub)| if i == failed { failed_result.take().unwrap_or_else(|| halted(sub)) } else { halted(sub) }).collect()
        }
        None => {
            transaction.commit()?;
            results
        }
    };
    Ok(Reply::json(StatusCode::OK, &CompositeResponse { composite_response }))
}
