//! Number editors: int, double, currency and percent. A text input with a
//! decimal keyboard rather than `type=number`, which would drop what it
//! cannot read (`1,250`, `12.5%`, `$1,000`) instead of letting `fields::parse`
//! read it or say what is wrong.

use yew::prelude::*;

use super::EditorProps;
use super::draft::{Labelled, frame, input, use_draft};

#[component]
pub fn NumberEditor(props: &EditorProps) -> Html {
    let draft = use_draft(props);
    frame(props, draft.message.as_deref(), Labelled::For, input(props, &draft, "text", Some("decimal")))
}
