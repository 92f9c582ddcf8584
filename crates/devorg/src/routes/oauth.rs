//! The OAuth 2.0 web server flow (dialect §2):
//! - `GET  /services/oauth2/authorize`: the login + consent page, or with
//!   `serve --auto-approve USERNAME` an immediate 302 with a code.
//! - `POST /services/oauth2/authorize`: the page's form; Allow checks the
//!   password and 302s to `redirect_uri?code=..&state=..`, Deny 302s with
//!   `error=access_denied`, a wrong password shows the form again.
//! - `POST /services/oauth2/token`: `authorization_code` (with PKCE) and
//!   `refresh_token` grants; errors are `{"error","error_description"}`.
//! - `POST|GET /services/oauth2/revoke`: revokes an access or refresh token.
//!
//! A request without a usable `client_id`/`redirect_uri`/`response_type`,
//! from a client that is not registered (`invalid_client_id`) or to a
//! callback URL the client does not list (`redirect_uri_mismatch`), gets a
//! 400 HTML page: devorg never redirects to a URI it has not checked.
//!
//! The token endpoint checks the client (`oauth::clients`): its secret where
//! "Require Secret for Web Server Flow" / "... for Refresh Token Flow" is on,
//! and with "Enable Refresh Token Rotation" each refresh answer carries a new
//! refresh token.

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use salesforce_rest::TokenResponse;

use crate::error::json_response;
use crate::oauth::crypto::{self, ChallengeMethod};
use crate::oauth::grants::{self, Approval, GrantError};
use crate::oauth::{self, OAuthError, page};
use crate::{ApiError, State, auth};

pub fn router() -> Router<State> {
    Router::new()
        .route("/services/oauth2/authorize", get(authorize_page).post(authorize_form))
        .route("/services/oauth2/token", post(token))
        .route("/services/oauth2/revoke", get(revoke).post(revoke))
}

/// `http://<Host header>`: where the client reached devorg, for
/// `instance_url` and the identity URLs. A Host that is not a plain
/// host[:port] falls back to the default address.
pub fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')))
        .unwrap_or("127.0.0.1:8787");
    format!("http://{host}")
}

/// Form or query parameters; the first occurrence of a name wins.
fn parse_params(raw: &[u8]) -> HashMap<String, String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(raw).unwrap_or_default();
    let mut out = HashMap::new();
    for (k, v) in pairs {
        out.entry(k).or_insert(v);
    }
    out
}

fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, Html(body)).into_response();
    let headers = response.headers_mut();
    // No script runs on these pages, and no one may frame them (clickjacking
    // the Allow button).
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn bad_request(message: &str) -> Response {
    html(StatusCode::BAD_REQUEST, page::error(message))
}

/// A redirect URI devorg will send a browser to: an absolute
/// `scheme://...` URL without a fragment (custom schemes allowed, as for
/// native apps; never `javascript:`/`data:`, which have no `//`).
fn valid_redirect(uri: &str) -> bool {
    let Some((scheme, rest)) = uri.split_once("://") else { return false };
    let scheme_ok = scheme.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        && !scheme.eq_ignore_ascii_case("file");
    scheme_ok && !rest.is_empty() && !uri.contains('#') && !uri.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// The parameters of an authorize request that are carried through the page.
const CARRIED: [&str; 9] = ["response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method", "prompt", "display"];

/// A checked authorize request.
struct Authorize<'p> {
    params: &'p HashMap<String, String>,
    client_id: &'p str,
    redirect_uri: &'p str,
    state: Option<&'p str>,
    scope: String,
}

impl Authorize<'_> {
    /// 302 to the client with `pairs` (and `state`) appended to its URI.
    fn redirect(&self, pairs: &[(&str, &str)]) -> Response {
        let mut all: Vec<(&str, &str)> = pairs.to_vec();
        if let Some(state) = self.state {
            all.push(("state", state));
        }
        let query = serde_urlencoded::to_string(&all).unwrap_or_default();
        let separator = if self.redirect_uri.contains('?') { '&' } else { '?' };
        let location = format!("{}{separator}{query}", self.redirect_uri);
        match HeaderValue::from_str(&location) {
            Ok(value) => (StatusCode::FOUND, [(header::LOCATION, value)]).into_response(),
            Err(_) => bad_request("The redirect_uri cannot be used in a redirect."),
        }
    }

    /// The PKCE challenge, if any; `Err` for a method devorg does not know.
    fn challenge(&self) -> Result<Option<(ChallengeMethod, String)>, ()> {
        let Some(challenge) = self.params.get("code_challenge").filter(|c| !c.is_empty()) else {
            return Ok(None);
        };
        let method = ChallengeMethod::parse(self.params.get("code_challenge_method").map(String::as_str)).ok_or(())?;
        Ok(Some((method, challenge.clone())))
    }

    /// Issues a code for `user` and sends the browser back with it.
    fn approve(&self, conn: &rusqlite::Connection, user: salesforce_rest::SfId) -> Response {
        let Ok(challenge) = self.challenge() else {
            return self.redirect(&[("error", "invalid_request"), ("error_description", "unsupported code_challenge_method")]);
        };
        let approval =
            Approval { client_id: self.client_id.to_owned(), redirect_uri: self.redirect_uri.to_owned(), user, scope: self.scope.clone(), challenge };
        match grants::create_code(conn, &approval) {
            Ok(code) => self.redirect(&[("code", &code)]),
            Err(e) => e.into_response(),
        }
    }

    fn page(&self, usernames: &[String], username: &str, error: Option<&str>) -> Response {
        let hidden: Vec<(&str, &str)> = CARRIED.iter().filter_map(|&name| self.params.get(name).map(|v| (name, v.as_str()))).collect();
        let login = page::LoginPage { client_id: self.client_id, scope: &self.scope, hidden: &hidden, usernames, username, error };
        html(StatusCode::OK, page::login(&login))
    }
}

/// Checks the request; `Err` is the message of the 400 page.
fn check<'p>(params: &'p HashMap<String, String>, config: &crate::Config) -> Result<Authorize<'p>, String> {
    let get = |name: &str| params.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let client_id = get("client_id").ok_or("The request has no client_id.")?;
    let redirect_uri = get("redirect_uri").ok_or("The request has no redirect_uri.")?;
    if !valid_redirect(redirect_uri) {
        return Err(format!("redirect_uri must be an absolute URL without a fragment: {redirect_uri}"));
    }
    // Salesforce shows these on its error page rather than redirecting:
    // "error=invalid_client_id&error_description=client identifier invalid".
    let page_text = |e: OAuthError| format!("error={}&error_description={}", e.error, e.description);
    let client = config.client(client_id).ok_or_else(|| page_text(oauth::clients::unknown_client()))?;
    client.check_callback(redirect_uri).map_err(page_text)?;
    match get("response_type") {
        Some("code") => {}
        Some(other) => return Err(format!("unsupported response_type '{other}': devorg supports the web server flow (code)")),
        None => return Err("The request has no response_type (devorg supports response_type=code).".into()),
    }
    Ok(Authorize { params, client_id, redirect_uri, state: params.get("state").map(String::as_str), scope: oauth::granted_scope(get("scope")) })
}

async fn authorize_page(AxumState(state): AxumState<State>, RawQuery(query): RawQuery) -> Response {
    let params = parse_params(query.unwrap_or_default().as_bytes());
    let request = match check(&params, &state.config) {
        Ok(r) => r,
        Err(message) => return bad_request(&message),
    };
    let conn = state.db.conn();
    if let Some(username) = &state.config.auto_approve {
        return match oauth::user_by_username(&conn, username) {
            Ok(Some(user)) => request.approve(&conn, user),
            Ok(None) => bad_request(&format!("devorg was started with --auto-approve {username}, but there is no active user with that Username.")),
            Err(e) => ApiError::internal(&e).into_response(),
        };
    }
    match oauth::login_names(&conn) {
        Ok(names) => request.page(&names, "", None),
        Err(e) => ApiError::internal(&e).into_response(),
    }
}

async fn authorize_form(AxumState(state): AxumState<State>, body: Bytes) -> Response {
    let params = parse_params(&body);
    let request = match check(&params, &state.config) {
        Ok(r) => r,
        Err(message) => return bad_request(&message),
    };
    if params.get("action").is_some_and(|a| a == "deny") {
        return request.redirect(&[("error", "access_denied"), ("error_description", "end-user denied authorization")]);
    }
    let username = params.get("username").map_or("", String::as_str);
    let password = params.get("password").map_or("", String::as_str);
    let conn = state.db.conn();
    match oauth::login(&conn, username, password) {
        Ok(Some(user)) => request.approve(&conn, user),
        Ok(None) => match oauth::login_names(&conn) {
            Ok(names) => request.page(
                &names,
                username,
                Some("Please check your username and password. If you still can't log in, contact your Salesforce administrator."),
            ),
            Err(e) => ApiError::internal(&e).into_response(),
        },
        Err(e) => ApiError::internal(&e).into_response(),
    }
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response.headers_mut().insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

fn oauth_error(status: StatusCode, e: &OAuthError) -> Response {
    no_store(json_response(status, &serde_json::json!({"error": e.error, "error_description": e.description})))
}

impl IntoResponse for GrantError {
    fn into_response(self) -> Response {
        match self {
            Self::Rejected(e) => oauth_error(StatusCode::BAD_REQUEST, &e),
            Self::Internal(e) => e.into_response(),
        }
    }
}

fn required<'p>(params: &'p HashMap<String, String>, name: &str) -> Result<&'p str, GrantError> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| GrantError::Rejected(OAuthError::new("invalid_request", format!("missing required parameter: {name}"))))
}

async fn token(AxumState(state): AxumState<State>, headers: HeaderMap, RawQuery(query): RawQuery, body: Bytes) -> Response {
    match exchange(&state, &headers, query.as_deref(), &body) {
        Ok(response) => no_store(json_response(StatusCode::OK, &response)),
        Err(e) => e.into_response(),
    }
}

fn exchange(state: &State, headers: &HeaderMap, query: Option<&str>, body: &[u8]) -> Result<TokenResponse, GrantError> {
    // Body parameters win over the query string, which some clients use.
    let mut params = parse_params(query.unwrap_or_default().as_bytes());
    params.extend(parse_params(body));
    if let Some((id, secret)) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(crypto::basic_credentials) {
        params.entry("client_id".into()).or_insert(id);
        params.entry("client_secret".into()).or_insert(secret);
    }
    let grant_type = required(&params, "grant_type")?;
    if !matches!(grant_type, "authorization_code" | "refresh_token") {
        return Err(GrantError::Rejected(OAuthError::new("unsupported_grant_type", "grant type not supported")));
    }
    let client_id = required(&params, "client_id")?;
    let client = state.config.client(client_id).ok_or_else(|| GrantError::Rejected(oauth::clients::unknown_client()))?;
    let secret = params.get("client_secret").map(String::as_str);
    let conn = state.db.conn();
    let ttl = state.config.session_ttl_seconds;
    let (access_token, refresh_token, grant) = if grant_type == "authorization_code" {
        let code = required(&params, "code")?;
        let redirect_uri = required(&params, "redirect_uri")?;
        client.check_secret(secret, client.secret_for_code).map_err(GrantError::Rejected)?;
        let grant = grants::redeem_code(&conn, code, client_id, redirect_uri, params.get("code_verifier").map(String::as_str))?;
        let refresh = if oauth::wants_refresh(&grant.scope) { Some(grants::issue_refresh(&conn, &grant)?) } else { None };
        let access = grants::issue_access(&conn, &grant, ttl, refresh.as_deref())?;
        (access, refresh, grant)
    } else {
        let refresh = required(&params, "refresh_token")?;
        client.check_secret(secret, client.secret_for_refresh).map_err(GrantError::Rejected)?;
        let grant = grants::redeem_refresh(&conn, refresh, client_id)?;
        // With rotation the answer carries the replacement, and the new
        // access token belongs to it (revoking the family ends it too).
        let rotated = if client.rotation { Some(grants::rotate(&conn, &grant, refresh)?) } else { None };
        let access = grants::issue_access(&conn, &grant, ttl, Some(rotated.as_deref().unwrap_or(refresh)))?;
        (access, rotated, grant)
    };
    let base = base_url(headers);
    let id = format!("{base}/id/{}/{}", auth::ORG_ID, grant.user);
    let issued_at = oauth::unix_millis().to_string();
    Ok(TokenResponse {
        signature: crypto::signature(&[&id, &issued_at, &access_token]),
        access_token,
        refresh_token,
        scope: Some(grant.scope),
        id_token: None,
        instance_url: base,
        id,
        token_type: "Bearer".to_owned(),
        issued_at,
    })
}

async fn revoke(AxumState(state): AxumState<State>, RawQuery(query): RawQuery, body: Bytes) -> Response {
    let mut params = parse_params(query.unwrap_or_default().as_bytes());
    params.extend(parse_params(&body));
    let token = params.get("token").map_or("", |t| t.trim());
    let revoked = if token.is_empty() { Ok(false) } else { grants::revoke(&state.db.conn(), token) };
    match revoked {
        Ok(true) => no_store(StatusCode::OK.into_response()),
        Ok(false) => oauth_error(StatusCode::BAD_REQUEST, &OAuthError::new("unsupported_token_type", "this token type is not supported")),
        Err(e) => ApiError::internal(&e).into_response(),
    }
}
