//! OAuth 2.0 web server flow with PKCE (dialect §2): the tables, codes,
//! refresh tokens, password checks and scopes behind
//! `routes::oauth` (authorize, token, revoke) and `routes::identity`.
//!
//! Clients are registered as an admin configures connected apps
//! ([`clients`]): an unknown `client_id` is refused, a secret is required
//! where the app requires it, and rotation is per client. A code is bound to
//! the client and redirect URI it was issued for, and PKCE is enforced
//! whenever the client sent a challenge.

pub mod clients;
pub mod crypto;
pub mod grants;
pub mod page;

use rusqlite::{Connection, OptionalExtension};
use salesforce_rest::SfId;

/// The `client_id` the Sidecar extension uses by default against devorg.
pub const DEFAULT_CLIENT_ID: &str = clients::SIDECAR_CLIENT_ID;

/// What a token endpoint call is granted when it asked for no scope: what a
/// connected app configured with full API access and offline access gets,
/// so clients that send no scope (jsforce) receive a refresh token.
pub const DEFAULT_SCOPE: &str = "api refresh_token id";

pub const DDL: &str = "CREATE TABLE IF NOT EXISTS devorg_oauth_codes (
    code TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, user_id TEXT NOT NULL,
    scope TEXT NOT NULL, challenge_method TEXT, challenge TEXT, expires_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS devorg_oauth_refresh (
    token TEXT PRIMARY KEY, client_id TEXT NOT NULL, user_id TEXT NOT NULL, scope TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS devorg_oauth_access (access_token TEXT PRIMARY KEY, refresh_token TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS devorg_oauth_family (token TEXT PRIMARY KEY, family TEXT NOT NULL, rotated INTEGER NOT NULL DEFAULT 0);
  CREATE INDEX IF NOT EXISTS devorg_oauth_family_by_family ON devorg_oauth_family (family);
  CREATE INDEX IF NOT EXISTS devorg_oauth_access_by_refresh ON devorg_oauth_access (refresh_token);";

/// An OAuth error body: `{"error":"invalid_grant","error_description":"..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub error: &'static str,
    pub description: String,
}

impl OAuthError {
    pub fn new(error: &'static str, description: impl Into<String>) -> Self {
        Self { error, description: description.into() }
    }
}

pub(crate) fn unix_now() -> i64 {
    unix_millis() / 1000
}

pub(crate) fn unix_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The scope a request is granted: the requested scopes, deduplicated in
/// order, or [`DEFAULT_SCOPE`] when none were asked for.
pub fn granted_scope(requested: Option<&str>) -> String {
    let mut scopes: Vec<&str> = Vec::new();
    for s in requested.unwrap_or("").split_whitespace() {
        if !scopes.contains(&s) {
            scopes.push(s);
        }
    }
    if scopes.is_empty() { DEFAULT_SCOPE.to_owned() } else { scopes.join(" ") }
}

/// Whether a code grant with `scope` also gets a refresh token.
pub fn wants_refresh(scope: &str) -> bool {
    scope.split(' ').any(|s| s == "refresh_token" || s == "offline_access")
}

/// The active user with `username` (case-insensitive, as in Salesforce).
pub fn user_by_username(conn: &Connection, username: &str) -> rusqlite::Result<Option<SfId>> {
    let id: Option<String> = conn
        .query_row("SELECT \"Id\" FROM \"sobj_User\" WHERE \"Username\" = ?1 COLLATE NOCASE AND \"IsActive\" = 1", [username.trim()], |r| r.get(0))
        .optional()?;
    Ok(id.and_then(|id| SfId::parse(&id).ok()))
}

/// Sets the password `user` logs in with on the OAuth authorize page.
/// Stored salted and hashed (see [`crypto::hash_password`]); [`login`] checks it.
pub fn set_password(conn: &Connection, user: &SfId, password: &str) -> rusqlite::Result<()> {
    let hashed = crypto::hash_password(password).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    conn.execute(
        "INSERT INTO devorg_passwords (user_id, password) VALUES (?1, ?2)
         ON CONFLICT(user_id) DO UPDATE SET password = excluded.password",
        [user.as_str(), hashed.as_str()],
    )?;
    Ok(())
}

/// The user `username` + `password` log in as, if the pair is right and
/// the user is active and has a password.
pub fn login(conn: &Connection, username: &str, password: &str) -> rusqlite::Result<Option<SfId>> {
    let Some(user) = user_by_username(conn, username)? else {
        return Ok(None);
    };
    let stored: Option<String> = conn.query_row("SELECT password FROM devorg_passwords WHERE user_id = ?1", [user.as_str()], |r| r.get(0)).optional()?;
    Ok(stored.filter(|s| crypto::check_password(s, password)).map(|_| user))
}

/// Usernames of active users who can log in, for the login page's hints.
pub fn login_names(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT u.\"Username\" FROM \"sobj_User\" u JOIN devorg_passwords p ON p.user_id = u.\"Id\"
         WHERE u.\"IsActive\" = 1 ORDER BY u.\"Username\" LIMIT 50",
    )?;
    stmt.query_map([], |r| r.get(0))?.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes() {
        assert_eq!(granted_scope(None), DEFAULT_SCOPE);
        assert_eq!(granted_scope(Some("  ")), DEFAULT_SCOPE);
        assert_eq!(granted_scope(Some("api  id api")), "api id");
        assert!(wants_refresh(&granted_scope(None)));
        assert!(wants_refresh("api offline_access"));
        assert!(!wants_refresh("api id"));
    }
}
