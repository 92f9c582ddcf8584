//! Authorization codes and refresh tokens, and what they are exchanged for.
//!
//! - A code is random, single use (deleted by the first exchange attempt,
//!   whatever its outcome), lives [`CODE_TTL_SECONDS`], and is bound to the
//!   client, redirect URI, user, scope and PKCE challenge of its request.
//! - A refresh token lives until revoked. Every access token issued from one
//!   is recorded against it, so revoking the refresh token ends them too.
//! - Refresh tokens form families: the one a code grant issued and, when the
//!   client rotates refresh tokens, each one that replaced it. A rotated-out
//!   token is kept (marked) so that its reuse is recognised: it revokes the
//!   whole family (see `super::clients` for Salesforce's words). Revoking
//!   any token of a family revokes the family: it is one grant.

use rusqlite::{Connection, OptionalExtension};
use salesforce_rest::SfId;

use super::crypto::{self, ChallengeMethod};
use super::{OAuthError, unix_now};
use crate::{ApiError, auth};

/// How long a code can be exchanged: Salesforce's 15 minutes.
pub const CODE_TTL_SECONDS: i64 = 15 * 60;

/// What the user approved on the authorize page.
#[derive(Debug, Clone)]
pub struct Approval {
    pub client_id: String,
    pub redirect_uri: String,
    pub user: SfId,
    /// Space-separated, already normalized by [`super::granted_scope`].
    pub scope: String,
    pub challenge: Option<(ChallengeMethod, String)>,
}

/// Who a code or refresh token speaks for.
#[derive(Debug, Clone)]
pub struct Grant {
    pub user: SfId,
    pub scope: String,
    pub client_id: String,
}

/// Why an exchange failed: the client's fault (an OAuth error body) or ours.
#[derive(Debug)]
pub enum GrantError {
    Rejected(OAuthError),
    Internal(ApiError),
}

impl From<rusqlite::Error> for GrantError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Internal(ApiError::internal(&e))
    }
}

impl From<ApiError> for GrantError {
    fn from(e: ApiError) -> Self {
        Self::Internal(e)
    }
}

fn invalid_grant(description: &str) -> GrantError {
    GrantError::Rejected(OAuthError::new("invalid_grant", description))
}

fn random(prefix: &str, bytes: usize) -> Result<String, ApiError> {
    auth::random_token(bytes).map(|t| format!("{prefix}{t}")).map_err(|e| ApiError::internal(&e))
}

/// Stores a new code for `approval` and returns it.
pub fn create_code(conn: &Connection, approval: &Approval) -> Result<String, ApiError> {
    let code = random("aPr", 64)?;
    let (method, challenge) = approval.challenge.as_ref().map_or((None, None), |(m, c)| (Some(m.as_str()), Some(c.as_str())));
    conn.execute("DELETE FROM devorg_oauth_codes WHERE expires_at <= ?1", [unix_now()])?;
    conn.execute(
        "INSERT INTO devorg_oauth_codes (code, client_id, redirect_uri, user_id, scope, challenge_method, challenge, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            code,
            approval.client_id,
            approval.redirect_uri,
            approval.user.as_str(),
            approval.scope,
            method,
            challenge,
            unix_now().saturating_add(CODE_TTL_SECONDS)
        ],
    )?;
    Ok(code)
}

/// Exchanges a code: it must exist, be unexpired, match the client and
/// redirect URI it was issued for, and (when it carries a challenge) come
/// with the verifier.
pub fn redeem_code(conn: &Connection, code: &str, client_id: &str, redirect_uri: &str, verifier: Option<&str>) -> Result<Grant, GrantError> {
    type Row = (String, String, String, String, Option<String>, Option<String>, i64);
    let row: Option<Row> = conn
        .query_row(
            "SELECT client_id, redirect_uri, user_id, scope, challenge_method, challenge, expires_at FROM devorg_oauth_codes WHERE code = ?1",
            [code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?;
    let (bound_client, bound_redirect, user, scope, method, challenge, expires_at) = row.ok_or_else(|| invalid_grant("invalid authorization code"))?;
    conn.execute("DELETE FROM devorg_oauth_codes WHERE code = ?1", [code])?;
    if expires_at <= unix_now() {
        return Err(invalid_grant("expired authorization code"));
    }
    if bound_client != client_id || bound_redirect != redirect_uri {
        return Err(invalid_grant("authentication failure"));
    }
    if let Some(challenge) = challenge {
        let method = ChallengeMethod::parse(method.as_deref()).unwrap_or(ChallengeMethod::S256);
        if !verifier.is_some_and(|v| crypto::verify_pkce(method, &challenge, v)) {
            return Err(invalid_grant("invalid code verifier"));
        }
    }
    let user = SfId::parse(&user).map_err(|e| ApiError::internal(&e))?;
    Ok(Grant { user, scope, client_id: bound_client })
}

/// Issues an access token for `grant`, living `ttl_seconds`, recorded
/// against `refresh_token` when it comes from one.
pub fn issue_access(conn: &Connection, grant: &Grant, ttl_seconds: i64, refresh_token: Option<&str>) -> Result<String, ApiError> {
    let access = auth::issue(conn, &grant.user, ttl_seconds)?;
    if let Some(refresh) = refresh_token {
        conn.execute("INSERT INTO devorg_oauth_access (access_token, refresh_token) VALUES (?1, ?2)", [&access, refresh])?;
    }
    Ok(access)
}

/// Stores a new refresh token for `grant`, starting a family.
pub fn issue_refresh(conn: &Connection, grant: &Grant) -> Result<String, ApiError> {
    let token = random("5Aep", 80)?;
    insert_refresh(conn, grant, &token, &token)?;
    Ok(token)
}

fn insert_refresh(conn: &Connection, grant: &Grant, token: &str, family: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO devorg_oauth_refresh (token, client_id, user_id, scope, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![token, grant.client_id, grant.user.as_str(), grant.scope, unix_now()],
    )?;
    conn.execute("INSERT INTO devorg_oauth_family (token, family) VALUES (?1, ?2)", [token, family])?;
    Ok(())
}

/// The family of `token` (itself for a token stored before families
/// existed) and whether it was rotated out.
fn family_of(conn: &Connection, token: &str) -> rusqlite::Result<(String, bool)> {
    let row: Option<(String, bool)> =
        conn.query_row("SELECT family, rotated FROM devorg_oauth_family WHERE token = ?1", [token], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    Ok(row.unwrap_or_else(|| (token.to_owned(), false)))
}

/// The grant behind a live refresh token used by `client_id`. A rotated-out
/// token revokes its whole family and is refused like a revoked one.
pub fn redeem_refresh(conn: &Connection, token: &str, client_id: &str) -> Result<Grant, GrantError> {
    let row: Option<(String, String, String)> = conn
        .query_row("SELECT client_id, user_id, scope FROM devorg_oauth_refresh WHERE token = ?1", [token], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (bound_client, user, scope) = row.ok_or_else(|| invalid_grant("expired access/refresh token"))?;
    if bound_client != client_id {
        return Err(invalid_grant("authentication failure"));
    }
    let (family, rotated) = family_of(conn, token)?;
    if rotated {
        let tx = conn.unchecked_transaction()?;
        revoke_family(&tx, &family)?;
        tx.commit()?;
        return Err(invalid_grant("expired access/refresh token"));
    }
    let user = SfId::parse(&user).map_err(|e| ApiError::internal(&e))?;
    Ok(Grant { user, scope, client_id: bound_client })
}

/// Replaces the (just redeemed) refresh token `used` by a new one of its
/// family, and marks `used` as rotated out. Returns the new token.
pub fn rotate(conn: &Connection, grant: &Grant, used: &str) -> Result<String, ApiError> {
    let (family, _) = family_of(conn, used)?;
    let token = random("5Aep", 80)?;
    let tx = conn.unchecked_transaction()?;
    tx.execute("INSERT INTO devorg_oauth_family (token, family, rotated) VALUES (?1, ?2, 1) ON CONFLICT (token) DO UPDATE SET rotated = 1", [used, &family])?;
    insert_refresh(&tx, grant, &token, &family)?;
    tx.commit()?;
    Ok(token)
}

/// Deletes every refresh token of `family` and every access token issued
/// from them. The caller holds a transaction.
fn revoke_family(tx: &Connection, family: &str) -> rusqlite::Result<()> {
    let members = "SELECT token FROM devorg_oauth_family WHERE family = ?1 UNION SELECT ?1";
    tx.execute(
        &format!("DELETE FROM devorg_sessions WHERE token IN (SELECT access_token FROM devorg_oauth_access WHERE refresh_token IN ({members}))"),
        [family],
    )?;
    tx.execute(&format!("DELETE FROM devorg_oauth_access WHERE refresh_token IN ({members})"), [family])?;
    tx.execute(&format!("DELETE FROM devorg_oauth_refresh WHERE token IN ({members})"), [family])?;
    tx.execute("DELETE FROM devorg_oauth_family WHERE family = ?1", [family])?;
    Ok(())
}

/// Whether `token` is a live (stored, not rotated-out) refresh token.
pub fn refresh_is_live(conn: &Connection, token: &str) -> rusqlite::Result<bool> {
    let stored = conn.query_row("SELECT 1 FROM devorg_oauth_refresh WHERE token = ?1", [token], |_| Ok(())).optional()?.is_some();
    Ok(stored && !family_of(conn, token)?.1)
}

/// Revokes an access token or a refresh token (with its family and the
/// access tokens issued from them). `Ok(false)` when `token` is neither.
pub fn revoke(conn: &Connection, token: &str) -> rusqlite::Result<bool> {
    // One transaction: a refresh token never dies leaving its sessions alive.
    let tx = conn.unchecked_transaction()?;
    let revoked = if tx.execute("DELETE FROM devorg_sessions WHERE token = ?1", [token])? == 1 {
        tx.execute("DELETE FROM devorg_oauth_access WHERE access_token = ?1", [token])?;
        true
    } else if tx.query_row("SELECT 1 FROM devorg_oauth_refresh WHERE token = ?1", [token], |_| Ok(())).optional()?.is_some() {
        let (family, _) = family_of(&tx, token)?;
        revoke_family(&tx, &family)?;
        true
    } else {
        false
    };
    tx.commit()?;
    Ok(revoked)
}
