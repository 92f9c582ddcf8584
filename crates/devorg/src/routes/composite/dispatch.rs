//! Runs one composite subrequest on the connection the composite request
//! holds, through the same `*_reply` functions the HTTP endpoints use (the
//! router cannot be re-entered: it would wait for the connection we hold).
//!
//! Supported urls, all `/services/data/vNN.N/...`: `sobjects/{T}` (POST),
//! `sobjects/{T}/{id}` (GET, PATCH, DELETE), `composite/sobjects` (POST,
//! PATCH, DELETE), `composite/sobjects/{T}` (GET, POST), `query` and
//! `queryAll` (GET `?q=`). Anything else is 404 NOT_FOUND. A PATCH of one
//! record honours `If-Unmodified-Since` among the subrequest's `httpHeaders`,
//! as the endpoint does.

use std::collections::HashMap;

use axum::extract::Query;
use axum::http::{StatusCode, Uri};
use rusqlite::Connection;
use salesforce_rest::conditional::IF_UNMODIFIED_SINCE;
use serde_json::Value as Json;

use crate::auth::Session;
use crate::records::encode::Save;
use crate::routes::reply::Reply;
use crate::routes::{collections, sobjects};
use crate::{ApiError, State};

/// What every subrequest shares.
pub struct Context<'a> {
    pub state: &'a State,
    pub conn: &'a Connection,
    pub session: &'a Session,
    /// The composite request's allOrNone, which overrides a collection's.
    pub all_or_none: bool,
}

/// `?a=b&c=d`, percent-decoded. Spaces are tolerated (some clients put raw
/// SOQL in the url) by encoding them first.
fn params(query: &str) -> HashMap<String, String> {
    let uri: Option<Uri> = format!("/?{}", query.replace(' ', "%20")).parse().ok();
    uri.and_then(|u| Query::<HashMap<String, String>>::try_from_uri(&u).ok()).map(|q| q.0).unwrap_or_default()
}

/// A subrequest header, by its name in any case.
fn header<'h>(headers: &'h HashMap<String, String>, name: &str) -> Option<&'h str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// `Sforce-Query-Options: batchSize=N` among the subrequest's headers.
fn batch_size(headers: &HashMap<String, String>) -> Option<usize> {
    let options = header(headers, "Sforce-Query-Options")?;
    options.split(',').find_map(|o| o.trim().strip_prefix("batchSize=")).and_then(|n| n.trim().parse().ok())
}

/// Runs one subrequest; `url` and `body` already have their references substituted.
pub fn run(cx: &Context<'_>, method: &str, url: &str, body: &Json, headers: &HashMap<String, String>) -> Reply {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let Some(rest) = path.strip_prefix("/services/data/") else { return ApiError::not_found().into() };
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let Some((version_segment, segments)) = segments.split_first() else { return ApiError::not_found().into() };
    let version = match sobjects::version(version_segment) {
        Ok(v) => v,
        Err(e) => return e.into(),
    };
    let params = params(query);
    let (schema, conn, session) = (&cx.state.schema, cx.conn, cx.session);
    let object = |name: &str| match schema.object(name) {
        Some(o) if crate::access::visible(conn, session, o)? => Ok(o),
        _ => Err(ApiError::not_found()),
    };
    let result = match (method, segments) {
        ("POST", ["sobjects", name]) => object(name).map(|o| sobjects::create_reply(conn, session, &version, o, body)),
        ("GET", ["sobjects", name, id]) => object(name).map(|o| sobjects::read_reply(conn, session, &version, o, id, params.get("fields").map(String::as_str))),
        ("PATCH", ["sobjects", name, id]) => object(name).map(|o| sobjects::update_reply(conn, session, o, id, body, header(headers, IF_UNMODIFIED_SINCE))),
        ("DELETE", ["sobjects", name, id]) => object(name).map(|o| sobjects::delete_reply(conn, session, o, id)),
        ("POST", ["composite", "sobjects"]) => Ok(collections::save_reply(schema, conn, session, body, Save::Create, cx.all_or_none)),
        ("PATCH", ["composite", "sobjects"]) => Ok(collections::save_reply(schema, conn, session, body, Save::Update, cx.all_or_none)),
        ("DELETE", ["composite", "sobjects"]) => Ok(collections::delete_reply(schema, conn, session, &params, cx.all_or_none)),
        ("GET", ["composite", "sobjects", name]) => object(name).map(|o| collections::retrieve_get_reply(conn, session, &version, o, &params)),
        ("POST", ["composite", "sobjects", name]) => object(name).map(|o| collections::retrieve_post_reply(conn, session, &version, o, body)),
        ("GET", [endpoint @ ("query" | "queryAll")]) => {
            let soql = params.get("q").map(String::as_str).unwrap_or_default();
            crate::query::run(cx.state, conn, session, &version, soql, *endpoint == "queryAll", batch_size(headers))
                .map(|answer| Reply::json(StatusCode::OK, &answer))
        }
        _ => Err(ApiError::not_found()),
    };
    result.unwrap_or_else(Reply::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_params_and_options() {
        let p = params("q=SELECT+Id+FROM+Account WHERE Name = 'a%26b'&fields=Name");
        assert_eq!(p.get("q").map(String::as_str), Some("SELECT Id FROM Account WHERE Name = 'a&b'"));
        assert_eq!(p.get("fields").map(String::as_str), Some("Name"));
        let headers = HashMap::from([("sforce-query-options".to_owned(), "batchSize=500".to_owned())]);
        assert_eq!(batch_size(&headers), Some(500));
        assert_eq!(batch_size(&HashMap::new()), None);
    }
}
