//! Checkbox (boolean). A toggle commits at once: there is nothing to type,
//! and Salesforce booleans are never null, so no input is invalid; a server
//! message still shows under it.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::EditorProps;
use super::draft::{Entry, Labelled, described_by, frame, invalid, on_keydown, use_draft};

#[component]
pub fn CheckboxEditor(props: &EditorProps) -> Html {
    let draft = use_draft(props);
    // From the draft, which every toggle updates: yew re-applies `checked` on
    // each render, so the value prop would undo a toggle the parent has not saved.
    let checked = draft.text == "true";
    let onchange = {
        let commit = draft.commit.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                commit.emit(Entry::Text(input.checked().to_string()));
            }
        })
    };
    let body = html! {
        <label class="field-checkbox">
            <input type="checkbox" id={props.id.clone()} name={props.spec.name.clone()} {checked}
                disabled={props.disabled} aria-invalid={invalid(&draft)} aria-describedby={described_by(props, &draft)}
                {onchange} onkeydown={on_keydown(&draft, false)} />
            <span class="field-label">{ &props.spec.label }</span>
        </label>
    };
    frame(props, draft.message.as_deref(), Labelled::Inline, body)
}
