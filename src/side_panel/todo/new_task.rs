//! Creating a task: subject, due date, priority and the record it relates
//! to (an account from the list). The org's answer decides; its message
//! shows and the form keeps what was typed.

use std::rc::Rc;

use salesforce_rest::wire::Record;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::Crm;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NewTaskProps {
    /// Priority values in the org's order.
    pub priorities: Rc<Vec<String>>,
    /// (Account id, name) the task may relate to.
    pub related: Vec<(String, String)>,
    pub on_created: Callback<()>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    subject: String,
    due: String,
    priority: String,
    what: String,
}

#[component]
pub fn NewTask(props: &NewTaskProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let draft = use_state_eq(Draft::default);
    let error = use_state_eq(|| None::<String>);
    let busy = use_state_eq(|| false);
    let open = use_state_eq(|| false);

    let field = |set: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            set(&mut next, value);
            draft.set(next);
        })
    };
    let text = |cb: Callback<String>| cb.reform(|e: InputEvent| e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default());
    let choice = |cb: Callback<String>| cb.reform(|e: Event| e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default());

    let submit = {
        let (crm, draft, error, busy, open, on_created) = (crm.clone(), draft.clone(), error.clone(), busy.clone(), open.clone(), props.on_created.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let d = (*draft).clone();
            if d.subject.trim().is_empty() {
                return error.set(Some("Give the task a subject.".into()));
            }
            let mut record = Record::new("Task").with("Subject", d.subject.trim().to_owned());
            if !d.due.is_empty() {
                record = record.with("ActivityDate", d.due.clone());
            }
            if !d.priority.is_empty() {
                record = record.with("Priority", d.priority.clone());
            }
            if !d.what.is_empty() {
                record = record.with("WhatId", d.what.clone());
            }
            busy.set(true);
            let (crm, draft, error, busy, open, on_created) = (crm.clone(), draft.clone(), error.clone(), busy.clone(), open.clone(), on_created.clone());
            spawn_local(async move {
                match crm.create("Task", &record).await {
                    Ok(_) => {
                        draft.set(Draft::default());
                        error.set(None);
                        open.set(false);
                        on_created.emit(());
                    }
                    Err(e) => error.set(Some(e.user_message())),
                }
                busy.set(false);
            });
        })
    };

    if !*open {
        let open = open.clone();
        return html! { <button type="button" class="button" data-testid="new-task" onclick={Callback::from(move |_: MouseEvent| open.set(true))}>{ "New Task" }</button> };
    }
    html! {
        <form class="new-task" data-testid="new-task-form" onsubmit={submit}>
            <label class="field-label" for="new-task-subject">{ "Subject" }</label>
            <input id="new-task-subject" class="field-input" data-testid="new-task-subject" value={draft.subject.clone()} oninput={text(field(|d, v| d.subject = v))} />
            <label class="field-label" for="new-task-due">{ "Due date" }</label>
            <input id="new-task-due" class="field-input" type="date" data-testid="new-task-due" value={draft.due.clone()} oninput={text(field(|d, v| d.due = v))} />
            <label class="field-label" for="new-task-priority">{ "Priority" }</label>
            <select id="new-task-priority" class="field-input" data-testid="new-task-priority" onchange={choice(field(|d, v| d.priority = v))}>
                <option value="" selected={draft.priority.is_empty()}>{ "Default" }</option>
                { for props.priorities.iter().map(|p| html! { <option value={p.clone()} selected={*p == draft.priority}>{ p }</option> }) }
            </select>
            <label class="field-label" for="new-task-what">{ "Related to" }</label>
            <select id="new-task-what" class="field-input" data-testid="new-task-what" onchange={choice(field(|d, v| d.what = v))}>
                <option value="" selected={draft.what.is_empty()}>{ "Nothing" }</option>
                { for props.related.iter().map(|(id, name)| html! { <option value={id.clone()} selected={*id == draft.what}>{ name }</option> }) }
            </select>
            if let Some(why) = &*error {
                <p class="field-message" role="alert" data-testid="new-task-error">{ why }</p>
            }
            <div class="modal-actions">
                <button type="button" class="button" onclick={{ let open = open.clone(); Callback::from(move |_: MouseEvent| open.set(false)) }}>{ "Cancel" }</button>
                <button type="submit" class="button primary" data-testid="new-task-save" disabled={*busy}>{ "Save Task" }</button>
            </div>
        </form>
    }
}
