//! Sidecar's CRM access: [`session`] logs in (OAuth web server flow with
//! PKCE), keeps and refreshes the tokens, and logs out; [`client`] makes the
//! typed REST calls the screens need, over `platform::fetch`.
//!
//! Create one [`client::Crm`] per page (it holds the session and the
//! describe caches) and clone it freely: clones share state.

pub mod client;
pub mod formats;
pub mod session;

pub use client::Crm;
pub use session::Auth;

#[cfg(test)]
mod tests;
