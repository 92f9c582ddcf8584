//! Creating a record: its layout's fields and any other required one
//! (`create::create_fields`), one editor each, starting with the record it
//! is created from, the rep as owner, and the org's defaults. The form sends what is filled in; the org decides, and its
//! messages show on the fields they name (the form keeps every value).

use std::cell::RefCell;
use std::rc::Rc;

use salesforce_rest::wire::{DescribeGlobal, SObjectDescribe};
use sidecar_core::fields::{EditContext, FieldValue};
use sidecar_core::records::lookup::{Match, Picked};
use sidecar_core::records::{create, spec};
use yew::prelude::*;

use crate::widgets::{FieldEditor, Notice, Tone};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CreateFormProps {
    pub describe: Rc<SObjectDescribe>,
    #[prop_or_default]
    pub global: Option<Rc<DescribeGlobal>>,
    /// The compact layout's fields (`create::create_fields`).
    pub layout: Rc<Vec<String>>,
    /// Lookups the form starts with, and their names.
    #[prop_or_default]
    pub prefilled: Rc<Vec<(String, Match)>>,
    pub ctx: Rc<EditContext>,
    /// The org's messages for fields of the last attempt.
    #[prop_or_default]
    pub field_errors: Rc<Vec<(String, String)>>,
    /// The org's message that names no field.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub busy: bool,
    pub on_submit: Callback<Vec<(String, FieldValue)>>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn CreateForm(props: &CreateFormProps) -> Html {
    let describe = props.describe.clone();
    let names = {
        let layout: Vec<&str> = props.layout.iter().map(String::as_str).collect();
        create::create_fields(&describe, &layout)
    };
    // The values live in a RefCell so Save always sends the latest commit
    // (an editor commits on blur, just before the click lands).
    let values = {
        let (describe, names, prefilled) = (describe.clone(), names.clone(), props.prefilled.clone());
        use_mut_ref(move || create::initial_values(&describe, &names, &prefilled))
    };
    // The names of the records in its lookups: prefilled, then picked.
    let picked = {
        let prefilled = props.prefilled.clone();
        use_mut_ref(move || {
            let mut picked = Picked::default();
            prefilled.iter().for_each(|(_, m)| picked.learn(m));
            picked
        })
    };
    let rerender = use_force_update();
    let submit = {
        let (values, on_submit) = (values.clone(), props.on_submit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit(values.borrow().clone());
        })
    };
    let cancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| on_cancel.emit(()))
    };
    let editor = |name: &String| -> Html {
        let Some(field) = describe.field(name) else { return Html::default() };
        let Some(spec) = spec::field_spec(field, props.global.as_deref()) else { return Html::default() };
        let value = values.borrow().iter().find(|(n, _)| n == name).map_or(FieldValue::Null, |(_, v)| v.clone());
        let server_error = props.field_errors.iter().find(|(f, _)| f.eq_ignore_ascii_case(name)).map(|(_, m)| AttrValue::from(m.clone()));
        let on_commit = set_value(values.clone(), name.clone(), rerender.clone());
        let display = match &value {
            FieldValue::Id(id) => picked.borrow().name(id.as_str()).map(|n| AttrValue::from(n.to_owned())),
            _ => None,
        };
        let on_pick = {
            let picked = picked.clone();
            Callback::from(move |m: Match| picked.borrow_mut().learn(&m))
        };
        html! {
            <div class="create-field" data-testid={format!("new-field-{name}")}>
                <FieldEditor id={format!("new-{name}")} spec={Rc::new(spec)} {value} ctx={props.ctx.clone()} {server_error} {on_commit}
                    {display} {on_pick} disabled={props.busy} />
            </div>
        }
    };
    html! {
        <form class="create-form" data-testid="create-form" onsubmit={submit} novalidate=true>
            <h2>{ format!("New {}", describe.object.label) }</h2>
            { for names.iter().map(editor) }
            if let Some(error) = &props.error {
                <Notice tone={Tone::Error} testid="create-error">{ error.clone() }</Notice>
            }
            <div class="form-actions">
                <button class="button" type="button" data-testid="create-cancel" onclick={cancel} disabled={props.busy}>{ "Cancel" }</button>
                <button class="button brand" type="submit" data-testid="create-save" disabled={props.busy}>
                    { if props.busy { "Saving…" } else { "Save" } }
                </button>
            </div>
        </form>
    }
}

fn set_value(values: Rc<RefCell<Vec<(String, FieldValue)>>>, name: String, rerender: UseForceUpdateHandle) -> Callback<FieldValue> {
    Callback::from(move |value: FieldValue| {
        {
            let mut values = values.borrow_mut();
            match values.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = value,
                None => values.push((name.clone(), value)),
            }
        }
        rerender.force_update();
    })
}
