//! One record in the panel: its title, the Key Fields (each shown, and
//! edited in place with the editor of its type), "add a field" (remembered
//! per object by the parent), and the rest of the fields on demand.
//!
//! The view only renders and reports: a committed value goes to the parent
//! (`on_commit`), which records it as a pending edit and saves it. While an
//! edit is pending, the field shows the user's value, not the org's; when
//! the org refused it, the editor stays open with the user's value and the
//! org's message (nothing typed is lost).

use std::rc::Rc;

use salesforce_rest::wire::{DescribeGlobal, Record, SObjectDescribe};
use sidecar_core::edits::pending::{PendingEdits, Resolution};
use sidecar_core::fields::{self, EditContext, FieldValue};
use sidecar_core::records::lookup::{self, Match, Picked};
use sidecar_core::records::spec::NameFields;
use sidecar_core::records::{spec, view};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::widgets::{FieldDisplay, FieldEditor};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RecordViewProps {
    pub describe: Rc<SObjectDescribe>,
    #[prop_or_default]
    pub global: Option<Rc<DescribeGlobal>>,
    pub record: Rc<Record>,
    pub key_fields: Rc<Vec<String>>,
    /// Lookup targets' name fields: which lookups show a name (read with the record).
    #[prop_or_default]
    pub names: Rc<NameFields>,
    pub pending: Rc<PendingEdits>,
    pub ctx: Rc<EditContext>,
    /// A valid value the user committed for a field.
    pub on_commit: Callback<(String, FieldValue)>,
    /// The user added a field to this object's Key Fields.
    pub on_add_field: Callback<String>,
    /// The user gave up an unsaved edit of a field.
    pub on_discard: Callback<String>,
    /// Keep mine / Take theirs on a field someone else changed meanwhile.
    #[prop_or_default]
    pub on_resolve: Callback<(String, Resolution)>,
}

#[component]
pub fn RecordView(props: &RecordViewProps) -> Html {
    let editing = use_state(|| None::<String>);
    let show_all = use_state(|| false);
    let picked = use_mut_ref(Picked::default);
    let describe = &props.describe;
    let id = props.record.id().unwrap_or_default().to_owned();
    let title = describe.name_field().and_then(|f| props.record.get_str(&f.name)).filter(|t| !t.is_empty()).unwrap_or("(no name)").to_owned();

    let row = |name: &String| -> Html {
        let Some(field) = describe.field(name) else { return Html::default() };
        let Some(spec) = spec::field_spec(field, props.global.as_deref()) else { return Html::default() };
        let spec = Rc::new(spec);
        let pending = props.pending.get(&id, &field.name);
        let value = match pending {
            Some(edit) => fields::from_json(&spec, &edit.value),
            None => fields::from_json(&spec, props.record.get(&field.name).unwrap_or(&serde_json::Value::Null)),
        };
        // A lookup's name: read with the record, or picked here since.
        let display = match &value {
            FieldValue::Id(id) => {
                let read_name = spec::reference_name_path(field, &props.names).and_then(|p| props.record.get_str(&p));
                let read = props.record.get_str(&field.name).zip(read_name);
                lookup::shown_name(id.as_str(), read, &picked.borrow()).map(|n| AttrValue::from(n.to_owned()))
            }
            _ => None,
        };
        let on_pick = {
            let picked = picked.clone();
            Callback::from(move |m: Match| picked.borrow_mut().learn(&m))
        };
        let failed = pending.and_then(|e| e.error.clone());
        if let Some(theirs) = pending.and_then(|e| e.conflict.as_ref()) {
            let theirs_value = fields::from_json(&spec, &theirs.value);
            let resolve = |resolution: Resolution| {
                let (on_resolve, name) = (props.on_resolve.clone(), field.name.clone());
                Callback::from(move |_: MouseEvent| on_resolve.emit((name.clone(), resolution)))
            };
            return html! {
                <div class="record-field conflict" data-testid={format!("field-{}", field.name)}>
                    <span class="record-field-label">{ spec::display_label(field) }</span>
                    <div class="record-field-value">
                        <p class="conflict-words" role="alert" data-testid={format!("conflict-{}", field.name)}>
                            { "Someone else changed this after you opened the record. Nothing was overwritten." }
                        </p>
                        <p><span class="muted">{ "Theirs: " }</span><FieldDisplay spec={spec.clone()} value={theirs_value} ctx={props.ctx.clone()} /></p>
                        <p><span class="muted">{ "Yours: " }</span><FieldDisplay spec={spec.clone()} {value} ctx={props.ctx.clone()} {display} /></p>
                        <div class="form-actions">
                            <button type="button" class="button brand" data-testid={format!("keep-mine-{}", field.name)} onclick={resolve(Resolution::KeepMine)}>{ "Keep mine" }</button>
                            <button type="button" class="button" data-testid={format!("take-theirs-{}", field.name)} onclick={resolve(Resolution::TakeTheirs)}>{ "Take theirs" }</button>
                        </div>
                    </div>
                </div>
            };
        }
        let open = editing.as_deref() == Some(field.name.as_str()) || failed.is_some();
        let testid = format!("field-{}", field.name);
        if open && field.updateable {
            let on_commit = {
                let (commit, editing, name) = (props.on_commit.clone(), editing.clone(), field.name.clone());
                Callback::from(move |v: FieldValue| {
                    editing.set(None);
                    commit.emit((name.clone(), v));
                })
            };
            let on_cancel = {
                let (discard, editing, name, had_error) = (props.on_discard.clone(), editing.clone(), field.name.clone(), failed.is_some());
                Callback::from(move |()| {
                    editing.set(None);
                    if had_error {
                        discard.emit(name.clone());
                    }
                })
            };
            return html! {
                <div class="record-field editing" data-testid={testid}>
                    <FieldEditor id={format!("edit-{}", field.name)} {spec} {value} ctx={props.ctx.clone()}
                        server_error={failed.map(AttrValue::from)} {on_commit} {on_cancel} {display} {on_pick} />
                </div>
            };
        }
        let status = match pending {
            Some(e) if e.error.is_none() => html! { <span class="pending" data-testid={format!("pending-{}", field.name)}>{ "Not saved yet" }</span> },
            _ => Html::default(),
        };
        let edit = field.updateable.then(|| {
            let (editing, name) = (editing.clone(), field.name.clone());
            html! {
                <button class="icon-button" type="button" data-testid={format!("edit-{}", field.name)}
                    aria-label={format!("Edit {}", spec::display_label(field))} title={format!("Edit {}", spec::display_label(field))}
                    onclick={Callback::from(move |_: MouseEvent| editing.set(Some(name.clone())))}>{ "✎" }</button>
            }
        });
        html! {
            <div class="record-field" data-testid={testid}>
                <span class="record-field-label">{ spec::display_label(field) }</span>
                <span class="record-field-value">
                    <FieldDisplay spec={spec.clone()} {value} ctx={props.ctx.clone()} {display} />
                    { status }
                </span>
                { for edit }
            </div>
        }
    };

    let addable = view::addable_fields(describe, &props.key_fields);
    let on_add = {
        let add = props.on_add_field.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let name = select.value();
            if !name.is_empty() {
                add.emit(name);
            }
            select.set_value("");
        })
    };
    let others = if *show_all { view::other_fields(describe, &props.key_fields) } else { Vec::new() };
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
    };
    html! {
        <article class="record-view" data-testid="record-view" data-id={id.clone()} data-object={describe.name().to_owned()}>
            <header class="record-title">
                <span class="record-object">{ &describe.object.label }</span>
                <h2 data-testid="record-title">{ title }</h2>
            </header>
            <section class="key-fields" aria-label="Key Fields">
                { for props.key_fields.iter().map(row) }
            </section>
            if !addable.is_empty() {
                <label class="add-field">
                    <span>{ "Add a field to Key Fields" }</span>
                    <select data-testid="add-field" onchange={on_add}>
                        <option value="" selected=true>{ "Choose a field…" }</option>
                        { for addable.iter().map(|f| html! { <option value={f.name.clone()}>{ &f.label }</option> }) }
                    </select>
                </label>
            }
            <button class="link" type="button" data-testid="show-all-fields" onclick={toggle} aria-expanded={show_all.to_string()}>
                { if *show_all { "Hide the other fields" } else { "Show all fields" } }
            </button>
            if *show_all {
                <section class="other-fields" aria-label="All fields">{ for others.iter().map(row) }</section>
            }
        </article>
    }
}
