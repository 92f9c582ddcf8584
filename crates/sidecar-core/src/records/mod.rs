//! Records in the side panel, as pure logic the yew screens render:
//! - [`spec`]: describe metadata to the editors' [`crate::fields::FieldSpec`];
//! - [`search`]: the global search (one SOSL over Accounts, Contacts, Leads,
//!   Opportunities) and its hits;
//! - [`view`]: which fields a record view shows (Key Fields from the compact
//!   layout plus the user's additions) and the query that reads them;
//! - [`lookup`]: lookups by name (which objects, one SOSL, the choices);
//! - [`create`]: the fields and body of a new Lead, Contact, Account,
//!   Opportunity, Task or Case;
//! - [`screen`]: the panel's records screen as one reducer over user
//!   actions and answers (edits not saved yet are `crate::edits::pending`).

pub mod create;
pub mod lookup;
pub mod screen;
pub mod search;
pub mod spec;
pub mod view;

#[cfg(test)]
mod tests;
