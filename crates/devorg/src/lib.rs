//! devorg: a local org that speaks Salesforce's REST dialect
//! (`docs/rest-dialect.md`) over a real SQLite file, so Sidecar
//! runs, demos and tests with no account anywhere.
//!
//! The server is a function: [`app`] builds the router from a [`State`], and
//! tests drive it in-process with `tower::ServiceExt::oneshot`.

// serde_json::json! of a full describe field (57 keys) needs more macro depth.
#![recursion_limit = "256"]

pub mod access;
pub mod auth;
mod db;
mod error;
pub mod oauth;
pub mod query;
pub mod records;
mod routes;
pub mod schema;
pub mod search;
pub mod seed;

use std::sync::Arc;

pub use db::{Db, DbError};
pub use error::ApiError;

/// What every request handler shares.
#[derive(Debug, Clone)]
pub struct State {
    pub db: Arc<Db>,
    pub schema: Arc<schema::Schema>,
    pub config: Arc<Config>,
}

/// How this org behaves, set by `devorg serve` flags.
#[derive(Debug, Clone)]
pub struct Config {
    /// How long an access token from the OAuth token endpoint lives.
    pub session_ttl_seconds: i64,
    /// When set, `GET /services/oauth2/authorize` logs this Username in
    /// without showing the login page: how headless tests finish the flow.
    pub auto_approve: Option<String>,
    /// API requests allowed per UTC day before 403 REQUEST_LIMIT_EXCEEDED
    /// (Salesforce's Developer Edition allows 15,000; benchmarks raise it).
    pub daily_api_limit: i64,
    /// `--log-requests`: print each REST API request's method and URL
    /// (`routes::request_log`), for end-to-end tests.
    pub log_requests: bool,
    /// The connected apps that may log users in (`oauth::clients`): by
    /// default only Sidecar's own public client.
    pub clients: Vec<oauth::clients::Client>,
}

impl Default for Config {
    fn default() -> Self {
        Self { session_ttl_seconds: 7200, auto_approve: None, daily_api_limit: 15_000, log_requests: false, clients: vec![oauth::clients::Client::sidecar()] }
    }
}

impl Config {
    /// The registered client with this `client_id` (case-sensitive, as consumer keys are).
    pub fn client(&self, id: &str) -> Option<&oauth::clients::Client> {
        self.clients.iter().find(|c| c.id == id)
    }
}

impl State {
    /// Opens the org: creates the tables `schema` needs in `db`.
    pub fn new(db: Db, schema: schema::Schema) -> Result<Self, DbError> {
        Self::with_config(db, schema, Config::default())
    }

    /// [`State::new`] with a non-default [`Config`].
    pub fn with_config(db: Db, schema: schema::Schema, config: Config) -> Result<Self, DbError> {
        db.apply_schema(&schema)?;
        Ok(Self { db: Arc::new(db), schema: Arc::new(schema), config: Arc::new(config) })
    }
}

/// The whole HTTP surface of devorg.
pub fn app(state: State) -> axum::Router {
    let router = routes::trailing_slash::retry_without_slash(routes::router(&state).with_state(state));
    routes::double_slash::retry_with_one_slash(router)
}
