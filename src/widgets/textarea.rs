//! Long text: Enter is a new line, Ctrl+Enter (Cmd+Enter) commits.

use yew::prelude::*;

use super::EditorProps;
use super::draft::{Labelled, described_by, frame, invalid, on_blur, on_input, on_keydown, required, use_draft};

#[component]
pub fn TextareaEditor(props: &EditorProps) -> Html {
    let draft = use_draft(props);
    let body = html! {
        <textarea class="field-input field-textarea" id={props.id.clone()} name={props.spec.name.clone()} rows="3"
            value={draft.text.clone()} disabled={props.disabled} aria-required={required(props)}
            aria-invalid={invalid(&draft)} aria-describedby={described_by(props, &draft)}
            oninput={on_input(&draft)} onkeydown={on_keydown(&draft, true)} onblur={on_blur(&draft)} />
    };
    frame(props, draft.message.as_deref(), Labelled::For, body)
}
