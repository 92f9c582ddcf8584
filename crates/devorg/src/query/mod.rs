//! SOQL execution (dialect §5, §8): a query parsed by `salesforce-rest` is
//! resolved against the schema (`plan`), its conditions become SQL with bound
//! parameters (`filter`), and rows become Salesforce's JSON (`rows`).
//! Results larger than one batch are kept as a cursor of record ids and
//! served page by page through `nextRecordsUrl` (`cursor`).
//!
//! [`run`] is the one entry point, shared by the REST resources and composite
//! subrequests.

mod cursor;
pub mod filter;
mod joins;
mod params;
pub mod plan;
mod rows;

use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension};
use salesforce_rest::soql::{self, Pos};
use salesforce_rest::{ErrorCode, tz};
use serde_json::{Value as Json, json};

pub use cursor::DDL;
pub use filter::Context;
use plan::{Kind, Plan};
pub use rows::{Scope, matching};

use crate::auth::Session;
use crate::{ApiError, State};

/// Salesforce's default and largest query batch.
pub const MAX_BATCH: usize = 2000;
/// Salesforce's limit on the length of a SOQL statement.
pub const MAX_SOQL_CHARS: usize = 100_000;
/// The smallest batch `Sforce-Query-Options: batchSize` may ask for.
pub const MIN_BATCH: usize = 200;

/// Why a query was refused, before it becomes an [`ApiError`].
#[derive(Debug, Clone)]
pub struct QueryError {
    pub code: ErrorCode,
    pub message: String,
    /// Where in the query text; `None` for errors about the whole request.
    pub pos: Option<Pos>,
}

impl QueryError {
    pub fn malformed(pos: Pos, message: impl Into<String>) -> Self {
        Self { code: ErrorCode::MalformedQuery, message: message.into(), pos: Some(pos) }
    }

    /// Salesforce's 400 with the query row, a caret and the message.
    pub fn into_api(self, text: &str) -> ApiError {
        let message = match self.pos {
            Some(pos) if pos.line > 0 => soql::diagnostic(text, pos, &self.message),
            _ => self.message,
        };
        ApiError::new(StatusCode::BAD_REQUEST, self.code, message)
    }
}

impl From<soql::SoqlError> for QueryError {
    fn from(e: soql::SoqlError) -> Self {
        Self { code: e.kind.error_code(), message: e.message, pos: Some(e.pos) }
    }
}

/// The user's "today", time zone and week start, from their User record
/// (UTC and Sunday-first weeks when the user has no record).
pub fn context(conn: &Connection, session: &Session) -> Result<Context, ApiError> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .query_row("SELECT \"TimeZoneSidKey\", \"LocaleSidKey\" FROM \"sobj_User\" WHERE \"Id\" = ?1", [session.user.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (zone, locale) = row.unwrap_or_default();
    let zone = zone.unwrap_or_else(|| "UTC".into());
    let now = crate::records::store::now_millis();
    Ok(Context {
        today: tz::local_date(&zone, now),
        zone,
        week_starts_monday: salesforce_rest::locale::Locale::of(locale.as_deref().unwrap_or("en_US")).week_starts_monday(),
    })
}

/// Parses `Sforce-Query-Options: batchSize=N` (clamped to 200..=2000).
pub fn batch_size(header: Option<&str>) -> Option<usize> {
    let value = header?.split(',').find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim().eq_ignore_ascii_case("batchSize").then(|| value.trim().parse::<usize>().ok())?
    })?;
    Some(value.clamp(MIN_BATCH, MAX_BATCH))
}

/// Runs `soql` as `session` and answers the first batch:
/// `{"totalSize","done","nextRecordsUrl"?,"records"}`. `all_rows` is
/// queryAll (deleted records included).
pub fn run(state: &State, conn: &Connection, session: &Session, version: &str, text: &str, all_rows: bool, batch: Option<usize>) -> Result<Json, ApiError> {
    if text.chars().count() > MAX_SOQL_CHARS {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::MalformedQuery,
            format!("SOQL statements cannot be longer than {MAX_SOQL_CHARS} characters"),
        ));
    }
    let ctx = context(conn, session)?;
    let query = soql::parse(text).map_err(|e| QueryError::from(e).into_api(text))?;
    // A custom setting the user may not read is not there (crate::access).
    if let Some(root) = state.schema.object(&query.from.name)
        && !crate::access::visible(conn, session, root)?
    {
        return Err(plan::unsupported_object(&query.from).into_api(text));
    }
    let plan = Plan::new(&state.schema, &query, &ctx).map_err(|e| e.into_api(text))?;
    let scope = rows::Scope { session, all_rows };
    match &plan.kind {
        Kind::Count => {
            let count = rows::count(conn, &plan, &scope)?;
            Ok(json!({"totalSize": count, "done": true, "records": []}))
        }
        Kind::Aggregate(columns) => {
            // GROUP BY results come whole: "queries that include a GROUP BY
            // clause can't use the query locator" (Considerations for GROUP BY).
            let records = rows::aggregate(conn, &plan, &scope, columns)?;
            Ok(json!({"totalSize": records.len(), "done": true, "records": records}))
        }
        Kind::Records => {
            let batch = batch.unwrap_or(MAX_BATCH).clamp(1, MAX_BATCH);
            let (ids, records) = rows::first_page(conn, &plan, &scope, version, batch)?;
            let next = if ids.len() > records.len() { Some(cursor::open(conn, session, text, all_rows, batch, &ids)?) } else { None };
            Ok(answer(ids.len(), next.map(|locator| format!("{locator}-{}", records.len())), records, version))
        }
    }
}

/// The next batch of an open cursor (`GET …/query/{locator}`).
pub fn more(state: &State, conn: &Connection, session: &Session, version: &str, locator: &str) -> Result<Json, ApiError> {
    let (cursor, offset) = cursor::load(conn, session, locator)?;
    let ctx = context(conn, session)?;
    let query = soql::parse(&cursor.soql).map_err(|e| QueryError::from(e).into_api(&cursor.soql))?;
    let plan = Plan::new(&state.schema, &query, &ctx).map_err(|e| e.into_api(&cursor.soql))?;
    let scope = rows::Scope { session, all_rows: cursor.all_rows };
    let end = (offset + cursor.batch).min(cursor.ids.len());
    let records = rows::page_of(conn, &plan, &scope, version, &cursor.ids[offset..end])?;
    let next = (end < cursor.ids.len()).then(|| format!("{}-{end}", cursor.locator));
    Ok(answer(cursor.ids.len(), next, records, version))
}

fn answer(total: usize, next: Option<String>, records: Vec<Json>, version: &str) -> Json {
    let mut body = serde_json::Map::new();
    body.insert("totalSize".into(), total.into());
    body.insert("done".into(), next.is_none().into());
    if let Some(next) = next {
        body.insert("nextRecordsUrl".into(), format!("/services/data/v{version}/query/{next}").into());
    }
    body.insert("records".into(), Json::Array(records));
    Json::Object(body)
}
