//! Records in the panel: the global search, a record's view with Key
//! Fields edited in place, and the create form. The components here render
//! and report; `screen` loads through the CRM client and saves edits.

mod create_form;
mod record_view;
mod screen;
mod search_results;

pub use create_form::CreateForm;
pub use record_view::RecordView;
pub use screen::{OpenRequest, RecordsHome};
pub use search_results::Search;

/// Something loaded from the org: every async load is one of these.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Load<T> {
    /// Nothing asked yet.
    #[default]
    Idle,
    Loading,
    Loaded(T),
    /// What went wrong, in words for a sales rep.
    Failed(String),
}
