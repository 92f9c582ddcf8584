//! Date and date-time editors: the browser's `<input type=date>` and
//! `<input type=datetime-local>`. Their values are the `YYYY-MM-DD` and local
//! `YYYY-MM-DDThh:mm` forms `fields::edit_text` writes and `fields::parse`
//! reads in the user's time zone (`ctx.time_zone`), not the browser's.

use sidecar_core::fields::FieldType;
use yew::prelude::*;

use super::EditorProps;
use super::draft::{Labelled, frame, input, use_draft};

#[component]
pub fn DateEditor(props: &EditorProps) -> Html {
    let draft = use_draft(props);
    let input_type = if props.spec.ty == FieldType::Datetime { "datetime-local" } else { "date" };
    frame(props, draft.message.as_deref(), Labelled::For, input(props, &draft, input_type, None))
}
