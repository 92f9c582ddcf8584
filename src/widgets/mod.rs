//! Shared components: the one [`Notice`] line every screen uses to say
//! something, one editor per field type family, the [`FieldEditor`]
//! that picks the right one from the field's type, and the read-only
//! [`FieldDisplay`].
//!
//! Every parse, format and validation rule is `sidecar_core::fields`'s
//! (the same rules devorg saves with); the components only keep what the
//! user typed, show the message, and report a typed [`FieldValue`].
//!
//! Editing contract, the same for every type:
//! - the editor starts from `edit_text(value)`; when the parent passes a new
//!   `value` (saved, reloaded) the draft is replaced by it;
//! - Enter (Ctrl/Cmd+Enter in a text area) and leaving the field with a
//!   changed text commit: a valid input calls `on_commit` with the typed
//!   value, an invalid one keeps the user's text and shows the message under
//!   the field (`aria-invalid`, `aria-describedby`) without committing;
//!   Enter always commits, even unchanged text, so a parent can close an
//!   inline editor on it;
//! - Escape restores the value's text and calls `on_cancel`;
//! - `server_error` (the server's message for this field) shows the same way.
//!
//! For a parent saving edits: after a commit, pass the committed value back
//! as `value` and keep it there if the save fails (offline, refused), with the
//! message in `server_error`; passing the old value back would replace the
//! user's unsaved edit with it.

mod checkbox;
mod date;
mod display;
mod draft;
mod icon;
mod instructions;
mod multipicklist;
mod notice;
mod number;
mod picklist;
mod reference;
mod text;
mod textarea;

#[cfg(test)]
mod tests;

use std::rc::Rc;

use sidecar_core::fields::{EditContext, FieldSpec, FieldType, FieldValue};
use sidecar_core::records::lookup::Match;
use yew::prelude::*;

pub use checkbox::CheckboxEditor;
pub use date::DateEditor;
pub use display::{FieldDisplay, FieldDisplayProps};
pub use icon::{ObjectIcon, ObjectIconProps};
pub use instructions::{BoxKeys, BoxReducer, InstructionPreview, box_key, find_named, preview_area, use_focus_shortcut};
pub use multipicklist::MultipicklistEditor;
pub use notice::{Notice, NoticeProps, Tone};
pub use number::NumberEditor;
pub use picklist::PicklistEditor;
pub use reference::ReferenceEditor;
pub use text::TextEditor;
pub use textarea::TextareaEditor;

/// What every editor takes; [`FieldEditor`] passes it on unchanged.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct EditorProps {
    pub spec: Rc<FieldSpec>,
    pub value: FieldValue,
    pub ctx: Rc<EditContext>,
    /// The server's message for this field (a save error), shown under it.
    #[prop_or_default]
    pub server_error: Option<AttrValue>,
    /// A valid, typed value the user committed (Enter, blur, a toggle).
    pub on_commit: Callback<FieldValue>,
    /// Leaving the field with a changed, valid value, when the parent
    /// treats it apart from Enter (the Workspace grid: Enter on a selected
    /// row edits every selected row, leaving edits just the one). Unset,
    /// leaving goes to `on_commit`.
    #[prop_or_default]
    pub on_leave: Option<Callback<FieldValue>>,
    /// Enter with a valid value, when the parent treats it apart from the
    /// other commits (Key Fields: Enter saves every field being edited,
    /// while a toggle or a pick only changes its own). Unset, Enter goes to
    /// `on_commit`.
    #[prop_or_default]
    pub on_enter: Option<Callback<FieldValue>>,
    /// Escape: the user gave up the edit (the draft is already restored).
    #[prop_or_default]
    pub on_cancel: Callback<()>,
    #[prop_or_default]
    pub disabled: bool,
    /// The input's DOM id; the label, message and group ids derive from it.
    pub id: AttrValue,
    /// A lookup's record name, shown instead of its id.
    #[prop_or_default]
    pub display: Option<AttrValue>,
    /// A lookup's record the user picked by name, told just before its id
    /// is committed: the parent shows that name from then on.
    #[prop_or_default]
    pub on_pick: Callback<Match>,
    /// An amount's record currency in a multi-currency org: an amount
    /// typed with another currency's code is refused (`fields::parse_in`).
    #[prop_or_default]
    pub currency: Option<AttrValue>,
}

/// The editor for `spec.ty`, with its label above and its message below.
#[component]
pub fn FieldEditor(props: &EditorProps) -> Html {
    let props = props.clone();
    match props.spec.ty {
        FieldType::String | FieldType::Email | FieldType::Phone | FieldType::Url => html! { <TextEditor ..props /> },
        FieldType::Textarea => html! { <TextareaEditor ..props /> },
        FieldType::Int | FieldType::Double | FieldType::Currency | FieldType::Percent => {
            html! { <NumberEditor ..props /> }
        }
        FieldType::Boolean => html! { <CheckboxEditor ..props /> },
        FieldType::Date | FieldType::Datetime => html! { <DateEditor ..props /> },
        FieldType::Picklist => html! { <PicklistEditor ..props /> },
        FieldType::Multipicklist => html! { <MultipicklistEditor ..props /> },
        FieldType::Reference => html! { <ReferenceEditor ..props /> },
        // A type Sidecar does not edit (`sidecar_core::fields::EDITABLE`)
        // gets no spec from describe; text is the harmless fallback.
        _ => html! { <TextEditor ..props /> },
    }
}
