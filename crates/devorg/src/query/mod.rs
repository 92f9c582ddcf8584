//! SOQL query execution (dialect §5), called by the query endpoints and by
//! Composite's `query` subrequests.

// STUB: replaced by the real executor at merge
use rusqlite::Connection;

use crate::auth::Session;
use crate::{ApiError, State};

/// Runs `soql` for `session`: the `{"totalSize","done","records"}` answer.
pub fn run(
    state: &State,
    conn: &Connection,
    session: &Session,
    version: &str,
    soql: &str,
    all_rows: bool,
    batch_size: Option<usize>,
) -> Result<serde_json::Value, ApiError> {
    let _ = (state, conn, session, version, soql, all_rows, batch_size);
    Err(ApiError::not_found())
}
