//! The OAuth clients devorg knows, as an admin configures a connected app or
//! External Client App in Salesforce: a consumer key (`client_id`), a
//! consumer secret, callback URLs, the two "Require Secret" checkboxes and
//! "Enable Refresh Token Rotation".
//!
//! Sources (Salesforce Help and Salesforce's own issue trackers):
//! - A `client_id` no app has is refused with `invalid_client_id` /
//!   `client identifier invalid` (the token endpoint's JSON body, as recorded
//!   from login.salesforce.com in public reports; the authorize endpoint
//!   shows the same words on an error page instead of redirecting).
//! - A missing or wrong secret, when the app requires one, is
//!   `invalid_client` / `invalid client credentials`: what public clients get
//!   until the admin clears "Require Secret for Web Server Flow"
//!   (forcedotcom/SalesforceMobileSDK-iOS issues 3633 and 3716;
//!   DuendeArchive/IdentityModel.OidcClient issue 121). "Require Secret for
//!   Web Server Flow" and "Require Secret for Refresh Token Flow" are on in a
//!   new connected app. Unsure: Salesforce's body for a refresh without the
//!   secret is assumed to be the same as for the code exchange.
//! - A `redirect_uri` that is not one of the app's callback URLs gets the
//!   error page `redirect_uri_mismatch` / `redirect_uri must match
//!   configuration`.
//! - Refresh token rotation is off unless the admin enables it ("Enable
//!   Refresh Token Rotation", help article 005316711 "Force one-time-use
//!   Refresh Tokens"): each refresh returns a new refresh token and
//!   invalidates the one used, and "any attempted reuse of an invalidated
//!   refresh token results in the immediate revocation of the current
//!   refresh token and all associated access tokens". The reuse is answered
//!   as any revoked token: `invalid_grant` / `expired access/refresh token`.

use super::OAuthError;
use super::crypto;

/// The client id Sidecar uses against devorg (`sidecar_core::oauth::DEFAULT_CLIENT_ID`
/// says the same): a public client with PKCE, both "Require Secret" boxes cleared.
pub const SIDECAR_CLIENT_ID: &str = "SidecarDevorg";

/// Which callback URLs a client accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callbacks {
    /// Any well-formed absolute URL: devorg's own client, so every local tool
    /// and test (the extension, jsforce, simple-salesforce, the bench) can
    /// log in without registering its address. A devorg convenience, not
    /// something Salesforce offers.
    Any,
    /// Exactly these URLs, compared as strings.
    Only(Vec<String>),
}

/// One connected app / External Client App.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub id: String,
    /// The consumer secret; `None` for a client that has none to check.
    pub secret: Option<String>,
    pub callbacks: Callbacks,
    /// "Require Secret for Web Server Flow".
    pub secret_for_code: bool,
    /// "Require Secret for Refresh Token Flow".
    pub secret_for_refresh: bool,
    /// "Enable Refresh Token Rotation".
    pub rotation: bool,
}

impl Client {
    /// The client Sidecar uses against devorg.
    pub fn sidecar() -> Self {
        Self { id: SIDECAR_CLIENT_ID.to_owned(), secret: None, callbacks: Callbacks::Any, secret_for_code: false, secret_for_refresh: false, rotation: false }
    }

    /// A confidential client as Salesforce creates one: both "Require
    /// Secret" boxes checked, rotation off.
    pub fn confidential(id: &str, secret: &str, callbacks: Callbacks) -> Self {
        Self { id: id.to_owned(), secret: Some(secret.to_owned()), callbacks, secret_for_code: true, secret_for_refresh: true, rotation: false }
    }

    /// `Err` (shown on the authorize error page) when `redirect_uri` is not a callback URL of this client.
    pub fn check_callback(&self, redirect_uri: &str) -> Result<(), OAuthError> {
        match &self.callbacks {
            Callbacks::Any => Ok(()),
            Callbacks::Only(urls) if urls.iter().any(|u| u == redirect_uri) => Ok(()),
            Callbacks::Only(_) => Err(OAuthError::new("redirect_uri_mismatch", "redirect_uri must match configuration")),
        }
    }

    /// Checks `secret` for a grant that `required` it. A secret that is sent
    /// is checked even when not required (a wrong one is still wrong).
    pub fn check_secret(&self, secret: Option<&str>, required: bool) -> Result<(), OAuthError> {
        let refused = || OAuthError::new("invalid_client", "invalid client credentials");
        match (secret.filter(|s| !s.is_empty()), &self.secret) {
            (None, _) if required => Err(refused()),
            (None, _) => Ok(()),
            (Some(sent), Some(expected)) if crypto::constant_time_eq(sent.as_bytes(), expected.as_bytes()) => Ok(()),
            (Some(_), _) => Err(refused()),
        }
    }
}

/// What an unknown `client_id` gets.
pub fn unknown_client() -> OAuthError {
    OAuthError::new("invalid_client_id", "client identifier invalid")
}

/// Parses `--oauth-client ID:SECRET`: a confidential client accepting any callback.
pub fn parse_flag(value: &str) -> Result<Client, String> {
    match value.split_once(':') {
        Some((id, secret)) if !id.trim().is_empty() && !secret.is_empty() => Ok(Client::confidential(id.trim(), secret, Callbacks::Any)),
        _ => Err(format!("--oauth-client takes ID:SECRET, not '{value}'")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_per_setting() {
        let app = Client::confidential("App", "s3cret", Callbacks::Any);
        let invalid = Err(OAuthError::new("invalid_client", "invalid client credentials"));
        let cases: &[(Option<&str>, bool, &Result<(), OAuthError>)] = &[
            (Some("s3cret"), true, &Ok(())),
            (None, true, &invalid),
            (Some(""), true, &invalid),
            (Some("wrong"), true, &invalid),
            (None, false, &Ok(())),
            (Some("wrong"), false, &invalid),
            (Some("s3cret"), false, &Ok(())),
        ];
        for (sent, required, want) in cases {
            assert_eq!(&app.check_secret(*sent, *required), *want, "{sent:?} required={required}");
        }
        // A client with no secret: nothing sent is fine, anything sent is wrong.
        assert_eq!(Client::sidecar().check_secret(None, false), Ok(()));
        assert!(Client::sidecar().check_secret(Some("x"), false).is_err());
    }

    #[test]
    fn callbacks() {
        let app = Client::confidential("App", "s", Callbacks::Only(vec!["https://a.example/cb".into()]));
        assert_eq!(app.check_callback("https://a.example/cb"), Ok(()));
        assert_eq!(app.check_callback("https://a.example/cb/").map_err(|e| e.error), Err("redirect_uri_mismatch"));
        assert_eq!(Client::sidecar().check_callback("http://localhost/callback"), Ok(()));
    }

    #[test]
    fn flag() {
        assert_eq!(parse_flag("App:pa:ss").map(|c| (c.id, c.secret)), Ok(("App".into(), Some("pa:ss".into()))));
        assert!(parse_flag("App").is_err());
        assert!(parse_flag(":x").is_err());
        assert!(parse_flag("App:").is_err());
        assert!(parse_flag("App:x").is_ok_and(|c| c.secret_for_code && c.secret_for_refresh && !c.rotation));
    }
}
