//! My Feed, the side panel's engagement alerts, as pure logic (the panel
//! and the service worker perform the I/O):
//! - [`catalog`]: which sources the org offers the user (describeGlobal and
//!   describes), as a plan of queries and a status per source;
//! - [`email`], [`ownership`], [`source`]: each source's queries and its
//!   records read as [`source::Event`]s (`EmailMessage` tracking and
//!   replies; records reassigned to or created for the user;
//!   `Engagement_Event__c`);
//! - [`poll`]: one look, all of a plan's queries, since the last look;
//! - [`store`]: what the looks found, kept between polls;
//! - [`alerts`]: events aggregated into alerts (one per email: "Replied -
//!   4 opens, 1 reply"), mail scanners' opens counted once, the 30-day
//!   window, newest first;
//! - [`view`]: type filters, paging in 15s, dismissals;
//! - [`screen`]: the panel's My Feed screen as one reducer over those;
//! - [`seen`]: the unseen count for the badge and which alerts are new
//!   since the last look (for the "New alerts - Refresh" prompt and
//!   desktop notifications).

pub mod alerts;
pub mod catalog;
pub mod email;
pub mod ownership;
pub mod poll;
pub mod screen;
pub mod seen;
pub mod source;
pub mod store;
pub mod view;

#[cfg(test)]
mod tests;

/// The days every query looks back: the alerts' window
/// ([`alerts::WINDOW_DAYS`]).
const QUERY_DAYS: u32 = 30;
