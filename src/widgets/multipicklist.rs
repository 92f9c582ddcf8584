//! Multi-select picklist: a group of checkboxes, one per active value (and
//! any chosen value no longer active). Tab moves between them, Space toggles,
//! Enter commits, Escape cancels, and leaving the group commits a change.
//! The draft is the `a;b` text `fields::parse` reads (which puts the values in
//! declared order and checks them).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, Node};
use yew::prelude::*;

use super::EditorProps;
use super::draft::{Entry, Labelled, described_by, frame, invalid, use_draft};
use super::picklist::offered;

/// The checked values in the group, in display order, as `a;b`.
fn checked_values(group: &NodeRef) -> Option<String> {
    let group = group.cast::<Element>()?;
    let boxes = group.query_selector_all("input[type=checkbox]").ok()?;
    let mut chosen = Vec::new();
    for i in 0..boxes.length() {
        let input = boxes.item(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok());
        if let Some(input) = input.filter(HtmlInputElement::checked) {
            chosen.push(input.value());
        }
    }
    Some(chosen.join(";"))
}

#[component]
pub fn MultipicklistEditor(props: &EditorProps) -> Html {
    let draft = use_draft(props);
    let group = use_node_ref();
    let selected: Vec<&str> = draft.text.split(';').map(str::trim).filter(|v| !v.is_empty()).collect();

    let onchange = {
        let (group, set_text) = (group.clone(), draft.set_text.clone());
        Callback::from(move |_: Event| {
            if let Some(text) = checked_values(&group) {
                set_text.emit(text);
            }
        })
    };
    let onkeydown = {
        let (group, commit, cancel) = (group.clone(), draft.enter.clone(), draft.cancel.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                if let Some(text) = checked_values(&group) {
                    commit.emit(Entry::Text(text));
                }
            }
            "Escape" => {
                e.prevent_default();
                cancel.emit(());
            }
            _ => {}
        })
    };
    let onfocusout = {
        let (group, leave) = (group.clone(), draft.leave.clone());
        Callback::from(move |e: FocusEvent| {
            // Moving between the group's own checkboxes is not leaving it.
            let inside = match (group.cast::<Node>(), e.related_target().and_then(|t| t.dyn_into::<Node>().ok())) {
                (Some(g), Some(next)) => g.contains(Some(&next)),
                _ => false,
            };
            if let Some(text) = checked_values(&group).filter(|_| !inside) {
                leave.emit(Entry::Text(text));
            }
        })
    };
    let body = html! {
        <div class="field-input field-multi" id={props.id.clone()} role="group" ref={group}
            aria-labelledby={format!("{}-label", props.id)}
            aria-invalid={invalid(&draft)} aria-describedby={described_by(props, &draft)}
            {onchange} {onkeydown} {onfocusout}>
            { for offered(&props.spec, &selected).into_iter().enumerate().map(|(i, (value, label))| html! {
                <label class="field-checkbox">
                    <input type="checkbox" id={format!("{}-{i}", props.id)} value={value.to_owned()}
                        checked={selected.contains(&value)} disabled={props.disabled} />
                    <span>{ label }</span>
                </label>
            }) }
        </div>
    };
    frame(props, draft.message.as_deref(), Labelled::Group, body)
}
