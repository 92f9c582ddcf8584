//! devorg: a local org that speaks Salesforce's REST dialect
//! (`shared/docs/crm-rest-dialect.md`) over a real SQLite file, so Sidecar
//! runs, demos and tests with no account anywhere.
//!
//! The server is a function: [`app`] builds the router from a [`State`], and
//! tests drive it in-process with `tower::ServiceExt::oneshot`.

mod db;
mod error;
mod routes;
pub mod schema;

use std::sync::Arc;

pub use db::{Db, DbError};
pub use error::ApiError;

/// What every request handler shares.
#[derive(Debug, Clone)]
pub struct State {
    pub db: Arc<Db>,
}

impl State {
    pub fn new(db: Db) -> Self {
        Self { db: Arc::new(db) }
    }
}

/// The whole HTTP surface of devorg.
pub fn app(state: State) -> axum::Router {
    routes::router().with_state(state)
}
