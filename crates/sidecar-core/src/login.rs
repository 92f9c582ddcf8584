//! Where the user logs in: devorg (this repo's default), Salesforce
//! production, a sandbox, or the org's own My Domain. The options page stores
//! a [`LoginHost`]; OAuth and the REST client derive their URLs from it.
//! [`choices`] is how the options page offers them.

use std::fmt;

pub mod choices;

use serde::{Deserialize, Serialize};

/// The local org that `cargo xtask run` starts.
pub const DEVORG_URL: &str = "http://127.0.0.1:8787";

/// Where the OAuth authorize and token endpoints live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "url", rename_all = "snake_case")]
pub enum LoginHost {
    Devorg,
    Production,
    Sandbox,
    /// A normalized origin such as `https://acme.my.salesforce.com`.
    Custom(String),
}

/// Where to log in before the user picked anything: devorg in the
/// development build (`cargo xtask run`, the tests), Salesforce production
/// in the build for real users (feature `store`), which has no loopback
/// host permission and must not point at this machine.
impl Default for LoginHost {
    fn default() -> Self {
        if cfg!(feature = "store") { Self::Production } else { Self::Devorg }
    }
}

impl LoginHost {
    /// The origin (scheme + host + port), no trailing slash.
    pub fn origin(&self) -> &str {
        match self {
            Self::Devorg => DEVORG_URL,
            Self::Production => "https://login.salesforce.com",
            Self::Sandbox => "https://test.salesforce.com",
            Self::Custom(origin) => origin,
        }
    }

    /// Reads what a user typed into "custom domain": `acme.my.salesforce.com`,
    /// `https://acme.my.salesforce.com/`, `http://localhost:8787`. Remote
    /// hosts must use https (tokens cross the wire); plain http is allowed
    /// only on loopback, where devorg runs.
    pub fn custom(input: &str) -> Result<Self, LoginHostError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(LoginHostError::Empty);
        }
        let (scheme, rest) = match trimmed.split_once("://") {
            Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
            None => ("https".to_owned(), trimmed),
        };
        // Keep only the authority: a pasted URL may carry a path or query.
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default().to_ascii_lowercase();
        if authority.contains('@') {
            return Err(LoginHostError::Invalid(trimmed.to_owned()));
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.is_empty() => {
                port.parse::<u16>().map_err(|_| LoginHostError::Invalid(trimmed.to_owned()))?;
                (host, Some(port))
            }
            _ => (authority.as_str(), None),
        };
        let valid_host = !host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            });
        if !valid_host {
            return Err(LoginHostError::Invalid(trimmed.to_owned()));
        }
        let loopback = host == "localhost" || host == "127.0.0.1";
        match scheme.as_str() {
            "https" => {}
            "http" if loopback => {}
            "http" => return Err(LoginHostError::InsecureRemote(host.to_owned())),
            _ => return Err(LoginHostError::Invalid(trimmed.to_owned())),
        }
        let origin = match port {
            Some(port) => format!("{scheme}://{host}:{port}"),
            None => format!("{scheme}://{host}"),
        };
        Ok(match origin.as_str() {
            DEVORG_URL => Self::Devorg,
            "https://login.salesforce.com" => Self::Production,
            "https://test.salesforce.com" => Self::Sandbox,
            _ => Self::Custom(origin),
        })
    }
}

impl LoginHost {
    /// Whether the host is on this machine (devorg), which answers the
    /// extension through CORS and needs no host permission.
    pub fn is_loopback(&self) -> bool {
        let origin = self.origin();
        let host = origin.split("://").nth(1).unwrap_or_default();
        let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
        matches!(host, "localhost" | "127.0.0.1")
    }

    /// The host permissions the extension asks for when the user logs in:
    /// the login host (token and revoke endpoints) and where Salesforce
    /// instances live (the token answer names the instance only later, and
    /// the request must happen during the click). Empty for loopback.
    /// Each is one of the manifest's `optional_host_permissions` or inside one.
    pub fn host_permissions(&self) -> Vec<String> {
        if self.is_loopback() {
            return Vec::new();
        }
        let mut out = vec![format!("{}/*", self.origin())];
        for pattern in ["https://*.my.salesforce.com/*", "https://*.salesforce.com/*", "https://*.force.com/*"] {
            if !out.iter().any(|p| p == pattern) {
                out.push(pattern.to_owned());
            }
        }
        out
    }
}

impl fmt::Display for LoginHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Devorg => write!(f, "Local devorg ({DEVORG_URL})"),
            Self::Production => f.write_str("Salesforce production (login.salesforce.com)"),
            Self::Sandbox => f.write_str("Salesforce sandbox (test.salesforce.com)"),
            Self::Custom(origin) => write!(f, "My Domain ({origin})"),
        }
    }
}

/// Why a typed login domain was refused, in words for the person typing it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginHostError {
    /// Nothing picked yet on the options page.
    #[error("Choose where you log in to Salesforce.")]
    NotChosen,
    #[error("Enter your Salesforce domain, for example acme.my.salesforce.com.")]
    Empty,
    #[error("\"{0}\" is not a web address. Enter a domain such as acme.my.salesforce.com.")]
    Invalid(String),
    #[error("{0} must use https: your login would otherwise travel unencrypted.")]
    InsecureRemote(String),
}

#[cfg(test)]
mod permission_tests {
    use super::LoginHost;

    #[test]
    fn host_permissions_per_host() {
        let custom = |s: &str| LoginHost::custom(s).expect(s);
        assert!(LoginHost::Devorg.host_permissions().is_empty());
        assert!(custom("http://localhost:9999").host_permissions().is_empty());
        assert_eq!(
            LoginHost::Production.host_permissions(),
            ["https://login.salesforce.com/*", "https://*.my.salesforce.com/*", "https://*.salesforce.com/*", "https://*.force.com/*"]
        );
        assert_eq!(custom("acme.my.salesforce.com").host_permissions()[0], "https://acme.my.salesforce.com/*");
        assert!(!LoginHost::Sandbox.is_loopback());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_domains_are_normalized() {
        let cases: &[(&str, Result<LoginHost, LoginHostError>)] = &[
            ("acme.my.salesforce.com", Ok(LoginHost::Custom("https://acme.my.salesforce.com".into()))),
            ("  https://Acme.My.Salesforce.com/lightning/page/home ", Ok(LoginHost::Custom("https://acme.my.salesforce.com".into()))),
            ("https://acme--uat.sandbox.my.salesforce.com?x=1", Ok(LoginHost::Custom("https://acme--uat.sandbox.my.salesforce.com".into()))),
            ("http://127.0.0.1:8787", Ok(LoginHost::Devorg)),
            ("http://127.0.0.1:8787/services/oauth2/authorize", Ok(LoginHost::Devorg)),
            ("http://localhost:9000", Ok(LoginHost::Custom("http://localhost:9000".into()))),
            ("login.salesforce.com", Ok(LoginHost::Production)),
            ("https://test.salesforce.com/", Ok(LoginHost::Sandbox)),
            ("", Err(LoginHostError::Empty)),
            ("   ", Err(LoginHostError::Empty)),
            ("http://acme.my.salesforce.com", Err(LoginHostError::InsecureRemote("acme.my.salesforce.com".into()))),
            ("ftp://acme.com", Err(LoginHostError::Invalid("ftp://acme.com".into()))),
            ("javascript:alert(1)", Err(LoginHostError::Invalid("javascript:alert(1)".into()))),
            ("https://user@evil.com", Err(LoginHostError::Invalid("https://user@evil.com".into()))),
            ("acme..com", Err(LoginHostError::Invalid("acme..com".into()))),
            ("-acme.com", Err(LoginHostError::Invalid("-acme.com".into()))),
            ("acme.com:99999", Err(LoginHostError::Invalid("acme.com:99999".into()))),
            ("my domain.com", Err(LoginHostError::Invalid("my domain.com".into()))),
        ];
        for (input, want) in cases {
            assert_eq!(&LoginHost::custom(input), want, "{input:?}");
        }
    }

    #[test]
    fn origins() {
        let default = if cfg!(feature = "store") { "https://login.salesforce.com" } else { "http://127.0.0.1:8787" };
        assert_eq!(LoginHost::default().origin(), default);
        assert_eq!(LoginHost::Production.origin(), "https://login.salesforce.com");
        assert_eq!(LoginHost::Sandbox.origin(), "https://test.salesforce.com");
    }

    #[test]
    fn stored_form_is_stable() {
        // chrome.storage keeps this JSON across upgrades: changing it loses settings.
        let json = serde_json::to_string(&LoginHost::Custom("https://acme.my.salesforce.com".into())).expect("json");
        assert_eq!(json, r#"{"kind":"custom","url":"https://acme.my.salesforce.com"}"#);
        assert_eq!(serde_json::to_string(&LoginHost::Devorg).expect("json"), r#"{"kind":"devorg"}"#);
        let back: LoginHost = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, LoginHost::Custom("https://acme.my.salesforce.com".into()));
    }
}
