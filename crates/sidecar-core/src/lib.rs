//! Sidecar's logic without a browser: everything here is plain Rust over
//! plain data, tested with `cargo test`. The yew UI (crate `sidecar`) renders
//! these types and dispatches their actions; it does not re-implement them.

pub mod api_error;
pub mod currency;
pub mod describe_cache;
pub mod edits;
pub mod feed;
pub mod fields;
pub mod insights;
pub mod instructions;
pub mod load;
pub mod login;
pub mod messages;
pub mod nav;
pub mod oauth;
pub mod panel;
pub mod records;
pub mod settings;
pub mod sync_quota;
pub mod todo;
pub mod workspace;
