//! The OAuth 2.0 web server flow with PKCE, as plain data: the verifier and
//! challenge, the authorize URL, reading the redirect the browser lands on,
//! the form bodies of the token, refresh and revoke requests, the token
//! answer as a [`Session`], and how a session is split between
//! `chrome.storage.session` (the access token, gone when the browser quits)
//! and `chrome.storage.local` (the refresh token, so the user stays logged in).
//!
//! The extension's `api::session` performs the I/O; everything that can be
//! wrong about a URL or an answer is decided here and table-tested.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use salesforce_rest::{OAuthError, TokenResponse};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::login::LoginHost;

/// What Sidecar asks for: the REST API, a refresh token, and the identity URL.
pub const SCOPE: &str = "api refresh_token id";

/// The connected app's client id devorg accepts without configuration.
pub const DEFAULT_CLIENT_ID: &str = "SidecarDevorg";

/// A PKCE pair (RFC 7636): the secret verifier kept by the extension and
/// the S256 challenge sent in the authorize URL.
#[derive(Clone, PartialEq, Eq)]
pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

// The verifier is a secret: never print it.
impl std::fmt::Debug for Pkce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkce").field("challenge", &self.challenge).finish_non_exhaustive()
    }
}

impl Pkce {
    /// From 32 random bytes (`crypto.getRandomValues`): a 43-character
    /// base64url verifier, within RFC 7636's 43..=128.
    pub fn from_random(bytes: &[u8; 32]) -> Self {
        let verifier = URL_SAFE_NO_PAD.encode(bytes);
        let challenge = challenge_s256(&verifier);
        Self { verifier, challenge }
    }
}

/// `BASE64URL(SHA256(verifier))` without padding.
pub fn challenge_s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// An unguessable `state` from random bytes, tying the redirect to this login.
pub fn state_from_random(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn form(pairs: &[(&str, &str)]) -> String {
    // Encoding string pairs cannot fail.
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// `GET {login host}/services/oauth2/authorize?...`, the page
/// `chrome.identity.launchWebAuthFlow` opens.
pub fn authorize_url(host: &LoginHost, client_id: &str, redirect_uri: &str, challenge: &str, state: &str, scope: &str) -> String {
    let query = form(&[
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("scope", scope),
        ("state", state),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ]);
    format!("{}/services/oauth2/authorize?{query}", host.origin())
}

/// `POST {login host}/services/oauth2/token` (code exchange and refresh).
pub fn token_url(host: &LoginHost) -> String {
    format!("{}/services/oauth2/token", host.origin())
}

/// `POST {login host}/services/oauth2/revoke`.
pub fn revoke_url(host: &LoginHost) -> String {
    format!("{}/services/oauth2/revoke", host.origin())
}

/// The code exchange's form body.
pub fn token_body(client_id: &str, redirect_uri: &str, code: &str, verifier: &str) -> String {
    form(&[("grant_type", "authorization_code"), ("code", code), ("client_id", client_id), ("redirect_uri", redirect_uri), ("code_verifier", verifier)])
}

/// The refresh grant's form body.
pub fn refresh_body(client_id: &str, refresh_token: &str) -> String {
    form(&[("grant_type", "refresh_token"), ("refresh_token", refresh_token), ("client_id", client_id)])
}

/// The revoke form body (revoking the refresh token ends its access tokens too).
pub fn revoke_body(token: &str) -> String {
    form(&[("token", token)])
}

/// Why logging in (or staying logged in) failed, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("You declined access, so Sidecar can't connect to Salesforce.")]
    Declined,
    /// The login window was closed, or the browser could not show it.
    #[error("The login didn't finish: {0}")]
    NotCompleted(String),
    #[error("The login answer didn't match this login attempt. Try again.")]
    StateMismatch,
    /// Salesforce refused: its `error` code and description.
    #[error("Salesforce refused the login: {description} ({error}).")]
    Refused { error: String, description: String },
    /// The refresh token was revoked or expired: a new interactive login is needed.
    #[error("Your Salesforce session ended. Log in again.")]
    LoginRequired,
    /// `invalid_client`: the app requires a client secret, which an
    /// extension cannot keep (Sidecar never sends one, so a wrong one is not
    /// the cause). Only the admin can fix it.
    #[error(
        "Salesforce wants a secret password for Sidecar's app, which a browser extension can't keep secret. Ask your Salesforce admin to turn off \"Require Secret for Web Server Flow\" and \"Require Secret for Refresh Token Flow\" in Sidecar's External Client App (or connected app)."
    )]
    SecretRequired,
    /// `invalid_client_id`: no app in the org has this consumer key.
    #[error(
        "Salesforce doesn't know Sidecar's app (consumer key {0}). Ask your Salesforce admin for the consumer key of Sidecar's External Client App and enter it in Sidecar's options. A new app can take up to 10 minutes to work."
    )]
    UnknownApp(String),
    #[error("Salesforce can't be reached. Check your connection and try again.")]
    Offline,
    /// An answer that is not what the protocol promises.
    #[error("Salesforce answered the login in an unexpected way ({0}).")]
    Malformed(String),
}

/// Reads the URL the authorize page redirected to: the `code`, after
/// checking `state`; `error=access_denied` means the user clicked Deny.
pub fn parse_redirect(url: &str, expected_state: &str) -> Result<String, AuthError> {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let query = query.split('#').next().unwrap_or_default();
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|_| AuthError::Malformed("the redirect's query cannot be read".into()))?;
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    if let Some(error) = get("error") {
        if error == "access_denied" {
            return Err(AuthError::Declined);
        }
        return Err(AuthError::Refused { error: error.to_owned(), description: get("error_description").unwrap_or(error).to_owned() });
    }
    if get("state") != Some(expected_state) {
        return Err(AuthError::StateMismatch);
    }
    match get("code") {
        Some(code) if !code.is_empty() => Ok(code.to_owned()),
        _ => Err(AuthError::Malformed("the redirect has no code".into())),
    }
}

/// A logged-in user's tokens and where their org lives.
#[derive(Clone, PartialEq, Eq)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: Option<String>,
    /// `https://acme.my.salesforce.com`; REST calls go here.
    pub instance_url: String,
    pub user_id: String,
    pub org_id: String,
    /// When the access token was issued, ms since the epoch.
    pub issued_at: u64,
    /// Where to refresh and revoke.
    pub login_host: LoginHost,
    pub client_id: String,
}

// Tokens are secrets: Debug shows who, not how.
impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("instance_url", &self.instance_url)
            .field("user_id", &self.user_id)
            .field("org_id", &self.org_id)
            .field("issued_at", &self.issued_at)
            .field("login_host", &self.login_host)
            .finish_non_exhaustive()
    }
}

/// Reads the token endpoint's answer. `previous` is the session being
/// refreshed: a refresh answer has no `refresh_token`, so the old one is kept.
pub fn parse_token_answer(status: u16, body: &str, login_host: &LoginHost, client_id: &str, previous: Option<&Session>) -> Result<Session, AuthError> {
    if status == 0 {
        return Err(AuthError::Offline);
    }
    if status != 200 {
        let refreshing = previous.is_some();
        return Err(match serde_json::from_str::<OAuthError>(body) {
            // Settings of the app, not of this login: a new login would fail the same way.
            Ok(e) if e.error == "invalid_client" => AuthError::SecretRequired,
            Ok(e) if e.error == "invalid_client_id" => AuthError::UnknownApp(client_id.to_owned()),
            Ok(e) if refreshing && matches!(e.error.as_str(), "invalid_grant" | "inactive_user") => AuthError::LoginRequired,
            Ok(e) if !e.error.is_empty() => AuthError::Refused { error: e.error, description: e.error_description },
            _ if refreshing && (status == 400 || status == 401) => AuthError::LoginRequired,
            _ => AuthError::Malformed(format!("HTTP {status}")),
        });
    }
    let token: TokenResponse = serde_json::from_str(body).map_err(|e| AuthError::Malformed(format!("token answer: {e}")))?;
    if token.access_token.is_empty() || token.instance_url.is_empty() {
        return Err(AuthError::Malformed("the token answer has no access token or instance URL".into()));
    }
    let (org_id, user_id) = match token.org_and_user() {
        Some((org, user)) => (org.to_owned(), user.to_owned()),
        None => match previous {
            Some(p) => (p.org_id.clone(), p.user_id.clone()),
            None => return Err(AuthError::Malformed("the token answer has no identity URL".into())),
        },
    };
    let issued_at = token.issued_at_millis().unwrap_or_default();
    Ok(Session {
        access_token: token.access_token,
        refresh_token: token.refresh_token.or_else(|| previous.and_then(|p| p.refresh_token.clone())),
        instance_url: token.instance_url.trim_end_matches('/').to_owned(),
        user_id,
        org_id,
        issued_at,
        login_host: login_host.clone(),
        client_id: client_id.to_owned(),
    })
}

/// See [`Session::after_lock`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterLock {
    /// Use this session: someone else already has a fresh access token.
    Adopt(Session),
    /// Refresh this session (its refresh token is the stored, latest one).
    Refresh(Session),
    /// No login left: show the login prompt.
    LoggedOut,
}

/// The name of the Web Lock (`navigator.locks`) every extension context
/// takes around a refresh.
pub const REFRESH_LOCK: &str = "sidecar-token-refresh";

/// What goes to `chrome.storage.session` ([`crate::settings::keys::ACCESS`]): the short-lived
/// access token, never written to disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredAccess {
    pub access_token: String,
    pub issued_at: u64,
    /// The user it belongs to: a stale entry of another login is ignored.
    pub user_id: String,
}

/// What goes to `chrome.storage.local` ([`crate::settings::keys::LOGIN`]): the refresh token
/// and everything needed to use it after the browser restarts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredLogin {
    pub refresh_token: Option<String>,
    pub instance_url: String,
    pub user_id: String,
    pub org_id: String,
    pub login_host: LoginHost,
    pub client_id: String,
}

impl Session {
    /// The two halves to store.
    pub fn to_storage(&self) -> (StoredAccess, StoredLogin) {
        (
            StoredAccess { access_token: self.access_token.clone(), issued_at: self.issued_at, user_id: self.user_id.clone() },
            StoredLogin {
                refresh_token: self.refresh_token.clone(),
                instance_url: self.instance_url.clone(),
                user_id: self.user_id.clone(),
                org_id: self.org_id.clone(),
                login_host: self.login_host.clone(),
                client_id: self.client_id.clone(),
            },
        )
    }

    /// Joins what storage holds. Without a login there is no session;
    /// without a (matching) access token the session has an empty one, which
    /// [`Session::needs_refresh`] reports.
    pub fn from_storage(access: Option<StoredAccess>, login: Option<StoredLogin>) -> Option<Self> {
        let login = login?;
        let access = access.filter(|a| a.user_id == login.user_id);
        Some(Self {
            access_token: access.as_ref().map(|a| a.access_token.clone()).unwrap_or_default(),
            refresh_token: login.refresh_token,
            instance_url: login.instance_url,
            user_id: login.user_id,
            org_id: login.org_id,
            issued_at: access.map(|a| a.issued_at).unwrap_or_default(),
            login_host: login.login_host,
            client_id: login.client_id,
        })
    }

    /// What a page does once it holds the refresh lock (one refresh at a
    /// time across every extension page and the service worker), given
    /// `stored`, the session in storage now, and `failed_token`, the access
    /// token that was refused ("" when there was none):
    /// - nothing stored: another page logged out, or its refresh found the
    ///   login ended: [`AfterLock::LoggedOut`];
    /// - a stored access token other than the failed one: another page
    ///   refreshed (or logged in) meanwhile: [`AfterLock::Adopt`] it;
    /// - otherwise [`AfterLock::Refresh`] with the *stored* refresh token, the
    ///   latest one: with refresh token rotation, the one this page
    ///   remembers may already have been replaced, and sending a replaced
    ///   one makes Salesforce revoke the whole login.
    pub fn after_lock(stored: Option<Session>, failed_token: &str) -> AfterLock {
        match stored {
            None => AfterLock::LoggedOut,
            Some(s) if !s.access_token.is_empty() && s.access_token != failed_token => AfterLock::Adopt(s),
            Some(s) if s.refresh_token.is_none() => AfterLock::LoggedOut,
            Some(s) => AfterLock::Refresh(s),
        }
    }

    /// The access token is missing (the browser restarted) and must be refreshed first.
    pub fn needs_refresh(&self) -> bool {
        self.access_token.is_empty()
    }

    /// `Authorization` header value.
    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.access_token)
    }
}

#[cfg(test)]
mod tests;
