//! Demo web pages for trying contextual insights offline (`demo/README.md`):
//! - `GET /demo/` and `GET /demo/{*path}`: the pages, embedded in the binary.
//!
//! Only the files listed here are served, so no path can reach the disk.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use crate::{ApiError, State};

const PAGES: &[(&str, &str)] = &[
    ("index.html", include_str!("../../demo/index.html")),
    ("demo.css", include_str!("../../demo/demo.css")),
    ("acme-robotics/index.html", include_str!("../../demo/acme-robotics/index.html")),
    ("acme-robotics/team.html", include_str!("../../demo/acme-robotics/team.html")),
    ("acme-robotics/news.html", include_str!("../../demo/acme-robotics/news.html")),
    ("initech/blog/scaling-support.html", include_str!("../../demo/initech/blog/scaling-support.html")),
    ("sofia-alvarez/index.html", include_str!("../../demo/sofia-alvarez/index.html")),
    ("umbrella-analytics/index.html", include_str!("../../demo/umbrella-analytics/index.html")),
    ("hostile/index.html", include_str!("../../demo/hostile/index.html")),
];

pub fn router() -> Router<State> {
    Router::new()
        .route("/demo", get(|| async { Redirect::permanent("/demo/") }))
        .route("/demo/", get(|| async { page("index.html") }))
        .route("/demo/{*path}", get(|Path(path): Path<String>| async move { page(&path) }))
}

fn page(path: &str) -> Response {
    // `acme-robotics/` means its index page, as on any web server.
    let wanted = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_owned() };
    let Some((name, body)) = PAGES.iter().find(|(name, _)| *name == wanted) else {
        return ApiError::not_found().into_response();
    };
    let content_type = if name.ends_with(".css") { "text/css; charset=utf-8" } else { "text/html; charset=utf-8" };
    let mut response = (StatusCode::OK, *body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
