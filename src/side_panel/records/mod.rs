//! Records in the panel: the global search, a record's view with Key
//! Fields edited in place, and the create form. The components here render
//! and report; `screen` holds the state (`sidecar_core::records::screen`'s
//! reducer, as a yew reducer in [`state`]) and loads through the CRM client
//! ([`read`]); [`saver`] saves edits, and [`waiting_list`] shows those
//! not saved yet.

mod create_form;
mod instructions;
mod read;
mod record_view;
mod saver;
mod screen;
mod search_results;
mod state;
mod waiting_list;

#[cfg(test)]
mod tests;

pub use create_form::CreateForm;
pub use instructions::InstructionBox;
pub use record_view::RecordView;
pub use saver::PENDING_KEY;
pub use screen::RecordsHome;
pub use search_results::Search;
