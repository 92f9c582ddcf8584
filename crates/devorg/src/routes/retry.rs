//! The one mechanism behind devorg's path leniencies (`trailing_slash`,
//! `double_slash`): a request no route matched is retried once with its path
//! rewritten, and whatever that retry does not match gets the router's own
//! fallback, so nothing else changes.

use axum::Router;
use axum::extract::Request;
use axum::http::Uri;
use axum::response::Response;
use tower::ServiceExt;

/// `router` with a fallback that retries a request `rewrite` changes.
pub fn retry_rewritten(router: Router, rewrite: fn(&Uri) -> Option<Uri>) -> Router {
    let inner = router.clone();
    router.fallback(move |request: Request| retry(inner.clone(), request, rewrite))
}

async fn retry(router: Router, mut request: Request, rewrite: fn(&Uri) -> Option<Uri>) -> Response {
    if let Some(uri) = rewrite(request.uri()) {
        *request.uri_mut() = uri;
    }
    // Either way the original router answers: the rewritten path's route or
    // its usual fallback. Router's error type is Infallible.
    match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// `uri` with `path` in place of its path, its query kept.
pub fn with_path(uri: &Uri, path: &str) -> Option<Uri> {
    let rebuilt = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    rebuilt.parse().ok()
}
