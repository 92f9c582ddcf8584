//! The panel's changes not saved yet, in one place: how many wait and why
//! (`PendingEdits::summary`), each with its record, field, value and reason,
//! a Discard per change and one "Retry all". The words say what happens:
//! a change waiting for the org is sent when it answers; a refused one
//! waits for the rep; a conflict waits for Keep mine / Take theirs on its
//! record.

use std::rc::Rc;

use serde_json::Value as Json;
use sidecar_core::edits::pending::{KEPT, PendingEdit, PendingEdits, Waiting};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct WaitingListProps {
    pub pending: Rc<PendingEdits>,
    pub on_retry_all: Callback<()>,
    /// (record id, field): forget that change.
    pub on_discard: Callback<(String, String)>,
}

#[component]
pub fn WaitingList(props: &WaitingListProps) -> Html {
    // The panel's edits carry no owner: they are whoever is logged in's.
    let Some(summary) = props.pending.summary("") else { return Html::default() };
    html! {
        <details class="waiting-list" data-testid="panel-pending">
            <summary data-testid="panel-pending-summary">{ summary }</summary>
            <ul>
                { for props.pending.of("").map(|edit| item(edit, &props.on_discard)) }
            </ul>
            <button type="button" class="button" data-testid="pending-retry-all" onclick={props.on_retry_all.reform(|_: MouseEvent| ())}>{ "Retry all" }</button>
        </details>
    }
}

fn item(edit: &PendingEdit, on_discard: &Callback<(String, String)>) -> Html {
    let record = if edit.record_name.is_empty() { edit.object.as_str() } else { edit.record_name.as_str() };
    let field = if edit.label.is_empty() { edit.field.as_str() } else { edit.label.as_str() };
    let value = match &edit.value {
        Json::Null => "empty".to_owned(),
        Json::String(s) => format!("\u{201c}{s}\u{201d}"),
        other => other.to_string(),
    };
    let reason = match edit.waiting() {
        Waiting::Retry => edit.unreachable.clone().map_or_else(|| KEPT.to_owned(), |why| format!("{why} {KEPT}")),
        Waiting::Refused => format!("Refused: {}", edit.error.clone().unwrap_or_default()),
        Waiting::Conflict => "Someone else changed it meanwhile: open the record to choose Keep mine or Take theirs.".to_owned(),
    };
    let discard = {
        let (on_discard, id, field) = (on_discard.clone(), edit.id.clone(), edit.field.clone());
        Callback::from(move |_: MouseEvent| on_discard.emit((id.clone(), field.clone())))
    };
    html! {
        <li class="waiting-item" data-testid="pending-edit">
            <span class="waiting-what">{ format!("{record} \u{b7} {field}: {value}") }</span>
            <span class="waiting-why muted">{ reason }</span>
            <button type="button" class="link-button" data-testid="pending-discard" onclick={discard}>{ "Discard" }</button>
        </li>
    }
}
