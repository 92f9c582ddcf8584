//! Single-line text editors: string, email, phone and url. The input type
//! gives phones and emails the right on-screen keyboard; what is accepted is
//! `fields::parse`'s call (a bare `acme.com` is a fine url, so the input is
//! not `type=url`, whose own validation would refuse it).

use sidecar_core::fields::FieldType;
use yew::prelude::*;

use super::EditorProps;
use super::draft::{Labelled, frame, input, use_draft};

#[component]
pub fn TextEditor(props: &EditorProps) -> Html {
    let draft = use_draft(props);
    let (input_type, inputmode) = match props.spec.ty {
        FieldType::Email => ("email", Some("email")),
        FieldType::Phone => ("tel", Some("tel")),
        FieldType::Url => ("text", Some("url")),
        _ => ("text", None),
    };
    frame(props, draft.message.as_deref(), Labelled::For, input(props, &draft, input_type, inputmode))
}
