//! Contextual insights: the companies and people on the page the user is
//! looking at, and the ONE search that finds them in the CRM.
//!
//! - [`snapshot`]: what the page gives ([`PageSnapshot`], read by `snapshot.js`
//!   in the tab; natively, [`snapshot_from_html`] builds the same from saved HTML);
//! - [`extract`](mod@extract): snapshot → [`Extraction`] (companies, people, e-mails, phones);
//! - [`search`]: extraction → one SOSL [`Search`](salesforce_rest::sosl::Search),
//!   its answer → ranked [`Match`]es, and Lead drafts for the rest;
//! - [`screen`]: the side panel's insights section as reducers (what it
//!   shows, and what the user does with the matches).
//!
//! Page content never leaves the browser: only the search terms go to the
//! user's own org.

pub mod actions;
pub mod corrections;
pub mod extract;
#[cfg(not(target_arch = "wasm32"))]
pub mod html;
pub mod screen;
pub mod search;
pub mod shown;
pub mod snapshot;
pub mod text;
pub mod update;

pub use corrections::{Correction, Corrections};
pub use extract::{Company, Extraction, Person, extract, sensitive_page};
#[cfg(not(target_arch = "wasm32"))]
pub use html::snapshot_from_html;
pub use search::{
    Candidate, Entity, Match, SearchPlan, Searched, Why, insights_search, lead_draft, linkedin_field, only_createable, rank, search_terms, unmatched,
};
pub use shown::shown;
pub use snapshot::{Card, Link, MicroItem, PageSnapshot};
pub use update::{AccountRef, Change, PageUpdate, contact_draft, matched_account, page_updates, updated_words};
