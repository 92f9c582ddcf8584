//! Lookup (reference): for now a text input taking a record id (15 or 18
//! characters, of an allowed object), with the record's name beside it when
//! the parent knows it (`display`).
//!
//! Seam for the lookup search: replace the `<input>` below with a combobox
//! that searches names (api search) and, on choosing a result, commits
//! `FieldValue::Id` through `draft.commit` and passes the name back as
//! `display`; the parsing, messages and keyboard contract stay as they are.

use yew::prelude::*;

use super::EditorProps;
use super::draft::{Labelled, frame, input, use_draft};

#[component]
pub fn ReferenceEditor(props: &EditorProps) -> Html {
    let draft = use_draft(props);
    let original = sidecar_core::fields::edit_text(&props.spec, &props.value, &props.ctx);
    // The name belongs to the loaded id, not to one the user is typing.
    let name = props.display.clone().filter(|_| draft.text == original);
    let body = html! {
        <div class="field-lookup">
            { input(props, &draft, "text", None) }
            if let Some(name) = name {
                <span class="field-reference-name">{ name }</span>
            }
        </div>
    };
    frame(props, &draft, Labelled::For, body)
}
