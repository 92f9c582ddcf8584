//! The side panel's To Do List as pure logic (nothing here fetches or
//! stores; the panel performs the I/O):
//! - [`task`]: a `Task` record as the list shows it, and the SOQL that
//!   loads the user's open tasks plus those completed in the last 7 days;
//! - [`view`]: filters (combined with AND), the 30-day rule, search, sort
//!   and grouping by due date, in the user's time zone;
//! - [`prefs`]: the user's labels (up to 10, with colors), stars and manual
//!   order, kept in `chrome.storage.sync` and never sent to the org;
//! - [`complete`]: the closed status to set, and optimistic completion
//!   with rollback;
//! - [`reschedule`]: the dates a task can be moved to (tomorrow, next
//!   week, a date) and the change sent.

pub mod complete;
pub mod prefs;
pub mod reschedule;
pub mod screen;
pub mod task;
pub mod view;

#[cfg(test)]
mod tests;
