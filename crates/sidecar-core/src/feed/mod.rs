//! My Feed, the side panel's engagement alerts, as pure logic (the panel
//! and the service worker perform the I/O):
//! - [`source`]: the queries (the user's tracked `EmailMessage`s and
//!   `Engagement_Event__c` rows of the last 30 days, records newly
//!   assigned to the user) and their records read as [`source::Event`]s;
//! - [`alerts`]: events aggregated into alerts (one per email: "Replied -
//!   4 opens, 1 reply"), the 30-day window, newest first;
//! - [`view`]: type filters, paging in 15s, dismissals;
//! - [`screen`]: the panel's My Feed screen as one reducer over those;
//! - [`seen`]: the unseen count for the badge and which alerts are new
//!   since the last look (for the "New alerts - Refresh" prompt and
//!   desktop notifications).

pub mod alerts;
pub mod screen;
pub mod seen;
pub mod source;
pub mod view;

#[cfg(test)]
mod tests;
