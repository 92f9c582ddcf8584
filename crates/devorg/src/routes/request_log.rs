//! `devorg serve --log-requests`: one stdout line per REST API request,
//! `devorg request GET /services/data/v62.0/query?q=...`, so end-to-end tests
//! can check what reached the org (and what did not: a poll the org's switch
//! stopped). Only the method, path and query string of `/services/data/`
//! requests: never headers or bodies, so no token is ever printed.

use axum::extract::{Request, State as AxumState};
use axum::middleware::Next;
use axum::response::Response;

use crate::State;

pub async fn print(AxumState(state): AxumState<State>, request: Request, next: Next) -> Response {
    if state.config.log_requests && request.uri().path().starts_with("/services/data/") {
        let target = request.uri().path_and_query().map_or_else(|| request.uri().path().to_owned(), |p| p.as_str().to_owned());
        println!("devorg request {} {target}", request.method());
    }
    next.run(request).await
}
