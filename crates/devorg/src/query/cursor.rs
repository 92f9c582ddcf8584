//! Query cursors behind `nextRecordsUrl`. A result larger than one batch is
//! remembered as its ordered list of record ids (a snapshot of which records
//! matched, in which order), so later pages neither skip nor repeat records
//! when others change meanwhile. Locators look like Salesforce's
//! (`01g...-2000`: an 18-character id and the offset of the next batch, one
//! path segment, as jsforce and simple-salesforce expect) and expire after
//! 15 minutes unused, as Salesforce's do.

use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension};
use salesforce_rest::{ErrorCode, SfId};

use crate::ApiError;
use crate::auth::Session;
use crate::records::store::now_millis;

pub const DDL: &str = "CREATE TABLE IF NOT EXISTS devorg_query_cursors (
    locator TEXT PRIMARY KEY, user_id TEXT NOT NULL, soql TEXT NOT NULL, all_rows INTEGER NOT NULL,
    batch INTEGER NOT NULL, ids TEXT NOT NULL, touched_at INTEGER NOT NULL);";

const TTL_MILLIS: i64 = 15 * 60 * 1000;

#[derive(Debug)]
pub struct Cursor {
    pub locator: String,
    pub soql: String,
    pub all_rows: bool,
    pub batch: usize,
    pub ids: Vec<String>,
}

fn invalid_locator() -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::Other("INVALID_QUERY_LOCATOR".into()), "invalid query locator")
}

/// Stores the ids of a result and returns its locator (without the offset).
pub fn open(conn: &Connection, session: &Session, soql: &str, all_rows: bool, batch: usize, ids: &[String]) -> Result<String, ApiError> {
    let now = now_millis();
    conn.execute("DELETE FROM devorg_query_cursors WHERE touched_at < ?1", [now - TTL_MILLIS])?;
    conn.execute(
        "INSERT INTO devorg_meta (key, value) VALUES ('seq_01g', '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        [],
    )?;
    let seq: i64 = conn.query_row("SELECT CAST(value AS INTEGER) FROM devorg_meta WHERE key = 'seq_01g'", [], |r| r.get(0))?;
    let locator = SfId::mint("01g", u64::try_from(seq).unwrap_or(0)).map_err(|e| ApiError::internal(&e))?.to_string();
    let ids_json = serde_json::to_string(ids).map_err(|e| ApiError::internal(&e))?;
    conn.execute(
        "INSERT INTO devorg_query_cursors (locator, user_id, soql, all_rows, batch, ids, touched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![locator, session.user.as_str(), soql, all_rows, i64::try_from(batch).unwrap_or(2000), ids_json, now],
    )?;
    Ok(locator)
}

/// The cursor and offset named by `locator-offset`, if it is the caller's
/// and still open.
pub fn load(conn: &Connection, session: &Session, raw: &str) -> Result<(Cursor, usize), ApiError> {
    let (locator, offset) = raw.rsplit_once('-').ok_or_else(invalid_locator)?;
    let offset: usize = offset.parse().map_err(|_| invalid_locator())?;
    let row: Option<(String, String, bool, i64, String, i64)> = conn
        .query_row("SELECT user_id, soql, all_rows, batch, ids, touched_at FROM devorg_query_cursors WHERE locator = ?1", [locator], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .optional()?;
    let (user, soql, all_rows, batch, ids, touched_at) = row.ok_or_else(invalid_locator)?;
    let now = now_millis();
    if user != session.user.as_str() || touched_at < now - TTL_MILLIS {
        return Err(invalid_locator());
    }
    let ids: Vec<String> = serde_json::from_str(&ids).map_err(|e| ApiError::internal(&e))?;
    if offset == 0 || offset >= ids.len() {
        return Err(invalid_locator());
    }
    conn.execute("UPDATE devorg_query_cursors SET touched_at = ?2 WHERE locator = ?1", rusqlite::params![locator, now])?;
    let batch = usize::try_from(batch).unwrap_or(2000).max(1);
    Ok((Cursor { locator: locator.to_owned(), soql, all_rows, batch, ids }, offset))
}
