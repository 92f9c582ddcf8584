//! CORS, as Salesforce's CORS allowlist does it: browser pages of allowed
//! origins may call the REST API and the OAuth token endpoints. devorg
//! allows browser extensions (`chrome-extension://…`, where Sidecar runs)
//! and pages served from loopback (demos, tests), never the whole web: a
//! page on some site must not be able to use a developer's local org.
//!
//! Preflights (`OPTIONS` with `Access-Control-Request-Method`) under
//! `/services/` are answered here with 204; other requests get the
//! `Access-Control-Allow-*` headers added to their answer.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

const ALLOW_METHODS: &str = "GET, POST, PATCH, PUT, DELETE, HEAD, OPTIONS";
const ALLOW_HEADERS: &str = "Authorization, Content-Type, Accept, Sforce-Query-Options, Sforce-Call-Options, X-PrettyPrint, X-Requested-With";
const EXPOSE_HEADERS: &str = "Sforce-Limit-Info, Location";

/// Whether a page of `origin` may call devorg from a browser.
pub fn allowed(origin: &str) -> bool {
    if let Some(id) = origin.strip_prefix("chrome-extension://") {
        return !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase());
    }
    let Some(rest) = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) else { return false };
    let host = rest.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(rest, |(host, _)| host);
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

fn add_headers(headers: &mut HeaderMap, origin: &HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(EXPOSE_HEADERS));
}

pub async fn cors(request: Request, next: Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).filter(|o| o.to_str().is_ok_and(allowed)).cloned();
    let in_scope = request.uri().path().starts_with("/services/");
    let Some(origin) = origin.filter(|_| in_scope) else { return next.run(request).await };
    let preflight = request.method() == Method::OPTIONS && request.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        let mut response = StatusCode::NO_CONTENT.into_response();
        let headers = response.headers_mut();
        add_headers(headers, &origin);
        headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(ALLOW_METHODS));
        headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static(ALLOW_HEADERS));
        headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        return response;
    }
    let mut response = next.run(request).await;
    add_headers(response.headers_mut(), &origin);
    response
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn origins() {
        let cases = [
            ("chrome-extension://nnmmenendpbgfljfkebkhajjpbkfhafm", true),
            ("chrome-extension://", false),
            ("chrome-extension://EVIL", false),
            ("http://127.0.0.1:8787", true),
            ("http://localhost:3000", true),
            ("https://localhost", true),
            ("http://[::1]:8787", true),
            ("https://evil.example", false),
            ("http://127.0.0.1.evil.example", false),
            ("http://localhost.evil.example:80", false),
            ("null", false),
            ("", false),
        ];
        for (origin, want) in cases {
            assert_eq!(allowed(origin), want, "{origin}");
        }
    }
}
