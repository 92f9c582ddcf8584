//! SOSL resources (dialect §6), both answering `{"searchRecords":[...]}`:
//! - `GET /services/data/vNN.N/search?q=FIND {...} ...`
//! - `GET /services/data/vNN.N/parameterizedSearch?q=Acme&sobject=Account&Account.fields=Id,Name&Account.limit=10[&in=ALL|NAME|EMAIL|PHONE&overallLimit=N&defaultLimit=N]`
//! - `POST /services/data/vNN.N/parameterizedSearch` with the JSON body of `ParameterizedSearch`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use salesforce_rest::sosl::{self, ParameterizedSearch, SearchObjectSpec, SearchScope};

use super::sobjects::{parse_body, version};
use crate::error::json_response;
use crate::search::{bad_request, syntax_error};
use crate::{ApiError, State, auth, search};

pub fn router() -> Router<State> {
    Router::new()
        .route("/services/data/{version}/search", get(sosl_get))
        .route("/services/data/{version}/search/", get(sosl_get))
        .route("/services/data/{version}/parameterizedSearch", get(parameterized_get).post(parameterized_post))
        .route("/services/data/{version}/parameterizedSearch/", get(parameterized_get).post(parameterized_post))
}

/// Decoded `key=value` pairs of a query string, in order (`sobject` repeats,
/// so a map will not do).
fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    serde_urlencoded::from_str(raw.unwrap_or_default()).unwrap_or_default()
}

async fn sosl_get(
    AxumState(state): AxumState<State>,
    Path(version_segment): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    let session = auth::authenticate(&conn, &headers)?;
    let version = version(&version_segment)?;
    let text = pairs(raw.as_deref()).into_iter().find(|(k, _)| k == "q").map(|(_, v)| v).unwrap_or_default();
    if text.trim().is_empty() {
        return Err(bad_request("A search string has to be specified"));
    }
    let parsed = sosl::parse(&text).map_err(|e| syntax_error(e, &text))?;
    let body = search::run(&state, &conn, &session, &version, &parsed, &text)?;
    Ok(json_response(StatusCode::OK, &body))
}

/// The GET form as the JSON form: `sobject=Account&Account.fields=Id,Name&Account.limit=5`.
fn from_params(pairs: &[(String, String)]) -> Result<ParameterizedSearch, ApiError> {
    let mut request = ParameterizedSearch::default();
    let number = |key: &str, v: &str| v.parse::<u64>().map_err(|_| bad_request(format!("{key} must be a number: {v}")));
    for (key, value) in pairs {
        match key.as_str() {
            "q" => request.q = value.clone(),
            "in" => request.scope = Some(SearchScope::parse(value).ok_or_else(|| bad_request(format!("Invalid value for in: {value}")))?),
            "fields" => request.fields = value.split(',').map(|f| f.trim().to_owned()).filter(|f| !f.is_empty()).collect(),
            "overallLimit" => request.overall_limit = Some(number(key, value)?),
            "defaultLimit" => request.default_limit = Some(number(key, value)?),
            "sobject" => request.sobjects.push(SearchObjectSpec { name: value.clone(), ..SearchObjectSpec::default() }),
            _ => {}
        }
    }
    for (key, value) in pairs {
        let Some((object, setting)) = key.split_once('.') else { continue };
        let Some(spec) = request.sobjects.iter_mut().find(|s| s.name.eq_ignore_ascii_case(object)) else { continue };
        match setting {
            "fields" => spec.fields = Some(value.split(',').map(|f| f.trim().to_owned()).filter(|f| !f.is_empty()).collect()),
            "limit" => spec.limit = Some(number(key, value)?),
            "where" => spec.filter = Some(value.clone()),
            "orderBy" => spec.order_by = Some(value.clone()),
            _ => {}
        }
    }
    Ok(request)
}

fn parameterized(state: &State, headers: &HeaderMap, version_segment: &str, request: &ParameterizedSearch) -> Result<Response, ApiError> {
    let conn = state.db.conn();
    let session = auth::authenticate(&conn, headers)?;
    let version = version(version_segment)?;
    if request.q.trim().is_empty() {
        return Err(bad_request("A search string has to be specified"));
    }
    let text = request.q.clone();
    let mut search = request.to_search().map_err(|e| syntax_error(e, &text))?;
    if search.term.alternatives().iter().flatten().map(|w| w.text.chars().count()).sum::<usize>() < 2 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            salesforce_rest::ErrorCode::Other("MALFORMED_SEARCH".into()),
            "search term must be longer than one character",
        ));
    }
    if request.default_limit.is_some_and(|l| l > search::MAX_RESULTS) || request.overall_limit.is_some_and(|l| l > search::MAX_RESULTS) {
        return Err(bad_request(format!("limits must not exceed {}", search::MAX_RESULTS)));
    }
    for item in &mut search.returning {
        if item.fields.is_empty() {
            item.fields = vec![salesforce_rest::soql::FieldPath::new("Id")];
        }
    }
    let body = search::run(state, &conn, &session, &version, &search, &text)?;
    Ok(json_response(StatusCode::OK, &body))
}

async fn parameterized_get(
    AxumState(state): AxumState<State>,
    Path(version_segment): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let request = from_params(&pairs(raw.as_deref()))?;
    parameterized(&state, &headers, &version_segment, &request)
}

async fn parameterized_post(
    AxumState(state): AxumState<State>,
    Path(version_segment): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let json = parse_body(&body)?;
    let request: ParameterizedSearch =
        serde_json::from_value(json).map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, salesforce_rest::ErrorCode::JsonParserError, e.to_string()))?;
    parameterized(&state, &headers, &version_segment, &request)
}
