//! The few cryptographic pieces OAuth needs: PKCE challenges (RFC 7636),
//! salted password hashes, and constant-time comparison so neither a
//! verifier nor a password check leaks timing.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

/// How the client derived `code_challenge` from its verifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeMethod {
    /// base64url(SHA-256(verifier)), no padding. Also what a challenge without
    /// a method means here: jsforce sends none and hashes with S256.
    S256,
    /// The verifier itself; only when the client says so explicitly.
    Plain,
}

impl ChallengeMethod {
    /// `code_challenge_method` as sent (`None` when absent = S256).
    pub fn parse(method: Option<&str>) -> Option<Self> {
        match method.filter(|m| !m.is_empty()) {
            None | Some("S256") => Some(Self::S256),
            Some("plain") => Some(Self::Plain),
            Some(_) => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::S256 => "S256",
            Self::Plain => "plain",
        }
    }
}

/// Whether `verifier` answers `challenge`: at least 43 characters of
/// `[A-Za-z0-9-._~]` (RFC 7636 §4.1).
pub fn verify_pkce(method: ChallengeMethod, challenge: &str, verifier: &str) -> bool {
    // RFC 7636 caps verifiers at 128 characters, but Salesforce accepts
    // jsforce's 171-character ones, so devorg does too (bounded, all the same).
    let well_formed = (43..=1024).contains(&verifier.len()) && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    if !well_formed {
        return false;
    }
    let expected = match method {
        ChallengeMethod::S256 => URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())),
        ChallengeMethod::Plain => verifier.to_owned(),
    };
    constant_time_eq(expected.as_bytes(), challenge.as_bytes())
}

pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn salted(salt: &str, password: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update([0u8]);
    hasher.update(password.as_bytes());
    STANDARD.encode(hasher.finalize())
}

/// `sha256$<salt>$<base64 digest>`: a local development org needs no slow
/// hash, but the database file should not hold passwords in clear.
pub fn hash_password(password: &str) -> std::io::Result<String> {
    let salt = crate::auth::random_token(16)?;
    Ok(format!("sha256${salt}${}", salted(&salt, password)))
}

/// Checks a password against a stored [`hash_password`] value. A row
/// without the `sha256$` prefix is a clear-text password from an older
/// devorg and is compared as such.
pub fn check_password(stored: &str, password: &str) -> bool {
    match stored.strip_prefix("sha256$").and_then(|rest| rest.split_once('$')) {
        Some((salt, digest)) => constant_time_eq(salted(salt, password).as_bytes(), digest.as_bytes()),
        None => constant_time_eq(stored.as_bytes(), password.as_bytes()),
    }
}

/// Base64 of SHA-256 over `parts`: the token response's `signature`.
pub fn signature(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    STANDARD.encode(hasher.finalize())
}

/// `client_id:client_secret` from `Authorization: Basic ...` (RFC 6749
/// §2.3.1: each part form-urlencoded before base64).
pub fn basic_credentials(value: &str) -> Option<(String, String)> {
    let encoded = value.strip_prefix("Basic ")?.trim();
    let decoded = String::from_utf8(STANDARD.decode(encoded).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| -> Option<String> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&format!("v={}", s.replace('&', "%26").replace('=', "%3D"))).ok()?;
        pairs.into_iter().next().map(|(_, v)| v)
    };
    Some((unescape(id)?, unescape(secret)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_rfc7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(verify_pkce(ChallengeMethod::S256, challenge, verifier));
        assert!(!verify_pkce(ChallengeMethod::S256, challenge, &verifier.replace('d', "e")));
        assert!(!verify_pkce(ChallengeMethod::Plain, challenge, verifier));
        assert!(verify_pkce(ChallengeMethod::Plain, verifier, verifier));
        assert!(!verify_pkce(ChallengeMethod::Plain, "short", "short"), "too short a verifier");
        let jsforce = "a".repeat(171);
        assert!(verify_pkce(ChallengeMethod::Plain, &jsforce, &jsforce), "jsforce's 171-character verifier");
        assert_eq!(ChallengeMethod::parse(None), Some(ChallengeMethod::S256));
        assert_eq!(ChallengeMethod::parse(Some("plain")), Some(ChallengeMethod::Plain));
        assert_eq!(ChallengeMethod::parse(Some("S512")), None);
    }

    #[test]
    fn passwords_are_salted_and_checked() {
        let a = hash_password("s3cret!").expect("hash");
        let b = hash_password("s3cret!").expect("hash");
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("sha256$") && !a.contains("s3cret"));
        assert!(check_password(&a, "s3cret!"));
        assert!(!check_password(&a, "s3cret"));
        assert!(check_password("legacy", "legacy"));
    }

    #[test]
    fn basic_auth() {
        // "my%20app:p%3Aw" -> bXklMjBhcHA6cCUzQXc=
        let header = format!("Basic {}", STANDARD.encode("my%20app:p%3Aw"));
        assert_eq!(basic_credentials(&header), Some(("my app".to_owned(), "p:w".to_owned())));
        assert_eq!(basic_credentials("Bearer x"), None);
    }
}
