//! A minimal blocking HTTP client for the benchmarks (ureq, one keep-alive
//! connection per `Client`): every status comes back as a `Reply` (a 4xx is
//! data to check, not an error), redirects are not followed (the OAuth flow
//! reads the `Location` itself), and bodies are read whole, as a real client
//! must before it can use them.

use std::time::Duration;

use anyhow::Context;

/// The API version the extension uses (`salesforce_rest::version::PREFERRED`).
pub const API: &str = "/services/data/v62.0";

/// A logged-in bench user (`devorg::login`), shared by the devorg and load
/// benchmarks.
pub struct Session {
    pub client: Client,
    pub user_id: String,
}

/// Bodies larger than this are an error (a 2,000-row page is ~1 MB).
const BODY_LIMIT: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> anyhow::Result<serde_json::Value> {
        serde_json::from_slice(&self.body).with_context(|| format!("HTTP {} body is not JSON: {}", self.status, self.snippet()))
    }

    /// The start of the body, for error messages.
    pub fn snippet(&self) -> String {
        String::from_utf8_lossy(&self.body[..self.body.len().min(300)]).into_owned()
    }
}

#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
    base: String,
    token: Option<String>,
}

impl Client {
    /// A client for `base` (`http://127.0.0.1:PORT`), not logged in.
    pub fn new(base: &str) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build();
        Self { agent: config.into(), base: base.trim_end_matches('/').to_owned(), token: None }
    }

    /// The same server and token on a connection of its own.
    pub fn fresh(&self) -> Self {
        Self { token: self.token.clone(), ..Self::new(&self.base) }
    }

    pub fn with_token(mut self, token: String) -> Self {
        self.token = Some(token);
        self
    }

    /// `path` starts with `/` and may carry an already-encoded query.
    pub fn get(&self, path: &str) -> anyhow::Result<Reply> {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        reply(request.call(), "GET", path)
    }

    /// POST or PATCH with a body of `content_type`.
    pub fn send(&self, method: &str, path: &str, content_type: &str, body: &str) -> anyhow::Result<Reply> {
        let url = format!("{}{path}", self.base);
        let mut request = match method {
            "POST" => self.agent.post(url),
            "PATCH" => self.agent.patch(url),
            other => anyhow::bail!("bench client: unsupported method {other}"),
        };
        request = request.header("Content-Type", content_type);
        if let Some(token) = &self.token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        reply(request.send(body), method, path)
    }
}

fn reply(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>, method: &str, path: &str) -> anyhow::Result<Reply> {
    let mut response = result.with_context(|| format!("{method} {path}"))?;
    let status = response.status().as_u16();
    let location = response.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body = response.body_mut().with_config().limit(BODY_LIMIT).read_to_vec().with_context(|| format!("reading {method} {path}"))?;
    Ok(Reply { status, location, body })
}

/// Percent-encodes a query-string value (everything but RFC 3986's unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3 / 2);
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `application/x-www-form-urlencoded` from pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// The value of `name` in a URL's query string, decoded.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| decode(v))
    })
}

fn decode(value: &str) -> String {
    let hex = |b: u8| char::from(b).to_digit(16).and_then(|d| u8::try_from(d).ok());
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%').then(|| Some(hex(*bytes.get(i + 1)?)? * 16 + hex(*bytes.get(i + 2)?)?)).flatten();
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 2;
            }
            (None, b'+') => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_round_trip() {
        let soql = "SELECT Id FROM Account WHERE Name = 'A&B' LIMIT 5";
        let url = format!("http://x/cb?code={}&state=s", encode(soql));
        assert_eq!(query_param(&url, "code").as_deref(), Some(soql));
        assert_eq!(query_param(&url, "state").as_deref(), Some("s"));
        assert_eq!(query_param(&url, "nope"), None);
        assert_eq!(form(&[("a b", "c=d")]), "a%20b=c%3Dd");
    }
}
