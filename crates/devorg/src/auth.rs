//! Sessions: access tokens shaped like Salesforce's (`00D...!...`, so the
//! Salesforce CLI accepts them), 48 random characters from the OS, kept in
//! SQLite (a local development org: not hashed), each with an
//! expiry after which requests get 401 `INVALID_SESSION_ID`.

use std::io::Read;

use axum::http::{HeaderMap, StatusCode, header};
use rusqlite::{Connection, OptionalExtension};
use salesforce_rest::{ErrorCode, SfId};

use crate::ApiError;

/// devorg's one organization (a valid 18-character id: checksum `EAA`).
pub const ORG_ID: &str = "00D000000000001EAA";

/// Who is calling, resolved from the bearer token.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: SfId,
    /// Admins see every record, whatever the object's sharing.
    pub admin: bool,
}

pub const DDL: &str = "CREATE TABLE IF NOT EXISTS devorg_sessions (
    token TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS devorg_admins (user_id TEXT PRIMARY KEY);
  CREATE TABLE IF NOT EXISTS devorg_passwords (user_id TEXT PRIMARY KEY, password TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS devorg_api_usage (day TEXT PRIMARY KEY, count INTEGER NOT NULL);";

fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// `n` random bytes as URL-safe text, from the OS generator.
pub fn random_token(bytes: usize) -> std::io::Result<String> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
    let mut buf = vec![0u8; bytes];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut buf)?;
    Ok(buf.iter().map(|b| char::from(ALPHABET[usize::from(b % 64)])).collect())
}

/// Issues an access token for `user` valid for `ttl_seconds`.
pub fn issue(conn: &Connection, user: &SfId, ttl_seconds: i64) -> Result<String, ApiError> {
    let secret = random_token(48).map_err(|e| ApiError::internal(&e))?;
    let token = format!("{}!{secret}", &ORG_ID[..15]);
    conn.execute(
        "INSERT INTO devorg_sessions (token, user_id, expires_at) VALUES (?1, ?2, ?3)",
        rusqlite::params![token, user.as_str(), unix_now().saturating_add(ttl_seconds)],
    )
    .map_err(|e| ApiError::internal(&e))?;
    Ok(token)
}

/// Makes `user` an admin: sees every record whatever the object's sharing.
pub fn make_admin(conn: &Connection, user: &SfId) -> rusqlite::Result<()> {
    conn.execute("INSERT OR IGNORE INTO devorg_admins (user_id) VALUES (?1)", [user.as_str()])?;
    Ok(())
}

fn invalid_session() -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, ErrorCode::InvalidSessionId, "Session expired or invalid")
}

/// The session of a request's `Authorization: Bearer` header (also accepts
/// `OAuth <token>`, which older clients send).
pub fn authenticate(conn: &Connection, headers: &HeaderMap) -> Result<Session, ApiError> {
    let value = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or_else(invalid_session)?;
    let token = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("OAuth ")).ok_or_else(invalid_session)?.trim();
    let row: Option<(String, i64)> = conn
        .query_row("SELECT user_id, expires_at FROM devorg_sessions WHERE token = ?1", [token], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(|e| ApiError::internal(&e))?;
    let (user, expires_at) = row.ok_or_else(invalid_session)?;
    if expires_at <= unix_now() {
        return Err(invalid_session());
    }
    let user = SfId::parse(&user).map_err(|_| invalid_session())?;
    let admin =
        conn.query_row("SELECT 1 FROM devorg_admins WHERE user_id = ?1", [user.as_str()], |_| Ok(())).optional().map_err(|e| ApiError::internal(&e))?.is_some();
    Ok(Session { user, admin })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_look_like_salesforce_and_expire() {
        let db = crate::Db::in_memory().expect("db");
        let conn = db.conn();
        conn.execute_batch(DDL).expect("ddl");
        let user = SfId::mint("005", 1).expect("id");
        let token = issue(&conn, &user, 3600).expect("token");
        assert!(token.starts_with("00D000000000001!"), "{token}");
        assert!(token[16..].chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_'));

        let mut headers = HeaderMap::new();
        let auth = |h: &mut HeaderMap, v: &str| {
            h.insert(header::AUTHORIZATION, v.parse().expect("header"));
        };
        auth(&mut headers, &format!("Bearer {token}"));
        let session = authenticate(&conn, &headers).expect("valid");
        assert_eq!(session.user, user);
        assert!(!session.admin);

        let expired = issue(&conn, &user, -1).expect("token");
        for bad in [format!("Bearer {expired}"), "Bearer nope".to_owned(), token.clone(), "Basic abc".to_owned()] {
            auth(&mut headers, &bad);
            let e = authenticate(&conn, &headers).expect_err(&bad);
            assert_eq!(e.status, StatusCode::UNAUTHORIZED);
            assert_eq!(e.error.error_code, ErrorCode::InvalidSessionId);
        }
        assert_eq!(authenticate(&conn, &HeaderMap::new()).expect_err("none").status, StatusCode::UNAUTHORIZED);
    }
}
