//! The router. Each submodule lists the endpoints it serves.

mod collections;
mod composite;
mod cors;
mod demo;
mod describe;
pub mod double_slash;
mod identity;
mod limits;
mod oauth;
mod query;
mod query_columns;
mod reply;
mod request_log;
mod request_size;
mod retry;
mod search;
mod shape;
pub mod sobjects;
mod tooling;
pub mod trailing_slash;
mod tree;
mod versions;

use axum::Router;
use axum::extract::Request;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::{ApiError, State};

pub fn router(state: &State) -> Router<State> {
    Router::new()
        .route("/", get(landing))
        .merge(versions::router())
        .merge(demo::router())
        .merge(sobjects::router())
        .merge(query::router())
        .merge(search::router())
        .merge(collections::router())
        .merge(composite::router())
        .merge(tree::router())
        .merge(tooling::router())
        .merge(describe::router())
        .merge(limits::router())
        .merge(oauth::router())
        .merge(identity::router())
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), limits::count))
        .layer(axum::middleware::from_fn_with_state(state.clone(), request_log::print))
        .layer(axum::extract::DefaultBodyLimit::max(shape::MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(shape::salesforce_errors))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(shape::panic_response))
        // Outside the error shaping: Salesforce's 414/431 is no JSON error array.
        .layer(axum::middleware::from_fn(request_size::refuse_oversized))
        .layer(axum::middleware::from_fn(cors::cors))
}

/// Any path devorg does not serve: Salesforce's NOT_FOUND array.
async fn not_found(request: Request) -> Response {
    let _ = request;
    ApiError::not_found().into_response()
}

/// A human landing page for whoever opens devorg in a browser.
async fn landing() -> Html<&'static str> {
    Html(
        "<!doctype html><meta charset=utf-8><title>devorg</title>\
         <h1>devorg is running</h1>\
         <p>This is the local Salesforce-compatible org that Sidecar uses by default. \
         Its REST API lives under <a href=\"/services/data\">/services/data</a>; \
         pages to try contextual insights on are under <a href=\"/demo/\">/demo/</a>.</p>",
    )
}
