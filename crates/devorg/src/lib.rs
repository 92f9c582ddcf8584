//! devorg: a local org that speaks Salesforce's REST dialect
//! (`shared/docs/crm-rest-dialect.md`) over a real SQLite file, so Sidecar
//! runs, demos and tests with no account anywhere.
//!
//! The server is a function: [`app`] builds the router from a [`State`], and
//! tests drive it in-process with `tower::ServiceExt::oneshot`.

// serde_json::json! of a full describe field (57 keys) needs more macro depth.
#![recursion_limit = "256"]

pub mod auth;
mod db;
mod error;
pub mod records;
mod routes;
pub mod schema;

use std::sync::Arc;

pub use db::{Db, DbError};
pub use error::ApiError;

/// What every request handler shares.
#[derive(Debug, Clone)]
pub struct State {
    pub db: Arc<Db>,
    pub schema: Arc<schema::Schema>,
}

impl State {
    /// Opens the org: creates the tables `schema` needs in `db`.
    pub fn new(db: Db, schema: schema::Schema) -> Result<Self, DbError> {
        db.apply_schema(&schema)?;
        Ok(Self { db: Arc::new(db), schema: Arc::new(schema) })
    }
}

/// The whole HTTP surface of devorg.
pub fn app(state: State) -> axum::Router {
    routes::trailing_slash::retry_without_slash(routes::router(&state).with_state(state))
}
