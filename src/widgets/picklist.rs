//! Picklist: a `<select>` of the active values, plus the current value when
//! it is no longer active (so opening the editor never changes the record).
//! `--None--` is offered when the field may be empty, or when it is empty
//! now (choosing it then says the field is required). Dependent picklists
//! show all values: the server checks the dependency.

use sidecar_core::fields::{FieldSpec, FieldValue, PicklistOption};
use yew::prelude::*;

use super::EditorProps;
use super::draft::{Labelled, described_by, entry_of, frame, invalid, on_blur, on_keydown, required, use_draft};

/// The options to offer with `current` selected.
pub(crate) fn offered<'a>(spec: &'a FieldSpec, current: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    spec.picklist
        .iter()
        .filter(|o| o.active || current.contains(&o.value.as_str()))
        .map(|o: &PicklistOption| (o.value.as_str(), o.label.as_str()))
        .chain(current.iter().filter(|c| !spec.picklist.iter().any(|o| o.value == **c)).map(|c| (*c, *c)))
        .collect()
}

#[component]
pub fn PicklistEditor(props: &EditorProps) -> Html {
    let draft = use_draft(props);
    let current = draft.text.as_str();
    let onchange = {
        let set_text = draft.set_text.clone();
        Callback::from(move |e: Event| {
            if let Some(super::draft::Entry::Text(value)) = entry_of(&e) {
                set_text.emit(value);
            }
        })
    };
    // Decided by the loaded value, so the list does not change under the user.
    let none = !props.spec.required || props.value == FieldValue::Null;
    let chosen = if current.is_empty() { Vec::new() } else { vec![current] };
    let body = html! {
        <select class="field-input field-select" id={props.id.clone()} name={props.spec.name.clone()}
            disabled={props.disabled} aria-required={required(props)}
            aria-invalid={invalid(&draft)} aria-describedby={described_by(props, &draft)}
            {onchange} onkeydown={on_keydown(&draft, false)} onblur={on_blur(&draft)}>
            if none {
                <option value="" selected={current.is_empty()}>{ "--None--" }</option>
            }
            { for offered(&props.spec, &chosen).into_iter().map(|(value, label)| html! {
                <option value={value.to_owned()} selected={value == current}>{ label }</option>
            }) }
        </select>
    };
    frame(props, draft.message.as_deref(), Labelled::For, body)
}
