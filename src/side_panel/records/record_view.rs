//! One record in the panel: a sticky header (object icon, name, "Open in
//! Salesforce" on a real org, close), the Key Fields (each shown, and
//! edited in place with the editor of its type), "add a field" (remembered
//! per object by the parent), and the rest of the fields on demand. Lookups
//! are links that open their record here.
//!
//! Editing works like Lightning's inline edit: ✎ (or a double click on a
//! value) turns the fields into editors, the one clicked focused; Tab moves
//! from one to the next; Enter saves every changed field and Escape gives
//! them all up, as Save and Cancel do at the foot of the section. Nothing
//! is sent while a field holds what cannot be saved: it keeps the focus
//! and says why.
//!
//! The view only renders and reports: a saved value goes to the parent
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
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlSelectElement};
use yew::prelude::*;

use crate::widgets::{FieldDisplay, FieldEditor, ObjectIcon};

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
    /// The record in Salesforce's own UI (a real org only).
    #[prop_or_default]
    pub salesforce_url: Option<AttrValue>,
    /// A valid value the user saved for a field.
    pub on_commit: Callback<(String, FieldValue)>,
    /// The Key Fields the user added: each can be removed.
    #[prop_or_default]
    pub added: Rc<Vec<String>>,
    /// The user added a field to this object's Key Fields.
    pub on_add_field: Callback<String>,
    /// The user removed a field they had added.
    #[prop_or_default]
    pub on_remove_field: Callback<String>,
    /// The user gave up an unsaved edit of a field.
    pub on_discard: Callback<String>,
    /// Keep mine / Take theirs on a field someone else changed meanwhile.
    #[prop_or_default]
    pub on_resolve: Callback<(String, Resolution)>,
    /// A lookup's record (object, id) to open here.
    #[prop_or_default]
    pub on_open: Callback<(String, String)>,
    /// The close button: back to what was there before.
    #[prop_or_default]
    pub on_close: Callback<()>,
    /// The instruction box, under the header.
    #[prop_or_default]
    pub instructions: Html,
}

/// The fields being edited: which field takes the focus, and the values
/// changed so far (not sent until Save or Enter).
#[derive(Debug, Clone, Default, PartialEq)]
struct Editing {
    focus: String,
    changed: Vec<(String, FieldValue)>,
}

impl Editing {
    fn set(&mut self, field: &str, value: FieldValue) {
        self.changed.retain(|(f, _)| f != field);
        self.changed.push((field.to_owned(), value));
    }

    fn value(&self, field: &str) -> Option<&FieldValue> {
        self.changed.iter().find(|(f, _)| f == field).map(|(_, v)| v)
    }
}

#[component]
pub fn RecordView(props: &RecordViewProps) -> Html {
    // `None`: reading. The values live in a cell too, so Save (which the
    // browser clicks right after the field's blur reported its value) reads
    // what that blur just wrote, before any render.
    let editing = use_state_eq(|| None::<Editing>);
    let values = use_mut_ref(|| None::<Editing>);
    let show_all = use_state(|| false);
    let picked = use_mut_ref(Picked::default);
    let article = use_node_ref();
    let describe = &props.describe;
    let id = props.record.id().unwrap_or_default().to_owned();
    let title = describe.name_field().and_then(|f| props.record.get_str(&f.name)).filter(|t| !t.is_empty()).unwrap_or("(no name)").to_owned();

    use_scroll_into_view(&article, &id);
    {
        // Left with fields changed (another record opened here, the view
        // closed by a search or the panel): the changes are saved, as
        // leaving a field did before, not lost. Its own record's callback,
        // from when it opened.
        let (editing, values, commit) = (editing.clone(), values.clone(), props.on_commit.clone());
        use_effect_with(id.clone(), move |_| {
            move || {
                for (field, value) in values.borrow_mut().take().map(|e| e.changed).unwrap_or_default() {
                    commit.emit((field, value));
                }
                editing.set(None);
            }
        });
    }
    use_focus_editor(&article, editing.as_ref().map(|e| e.focus.clone()));

    // What a field holds before this edit: the rep's unsaved value, else the org's.
    let current = {
        let (record, pending, id) = (props.record.clone(), props.pending.clone(), id.clone());
        Rc::new(move |field: &str| pending.get(&id, field).map_or_else(|| record.get(field).cloned().unwrap_or_default(), |e| e.value.clone()))
    };
    // Save (the button, or Enter in field `entered`, just checked valid):
    // every changed field goes to the parent, unless one holds what cannot
    // be saved, which keeps the focus and its message. The editors mark
    // what they cannot read (`aria-invalid`); the org's own refusals are
    // said beside them, so they never block a Save.
    let save = {
        let (editing, values, article, commit) = (editing.clone(), values.clone(), article.clone(), props.on_commit.clone());
        Callback::from(move |entered: Option<String>| {
            let skip = entered.map(|f| format!("[data-testid=\"field-{f}\"]"));
            let invalid = article.cast::<Element>().and_then(|a| a.query_selector_all(".key-edit [aria-invalid=true]").ok()).and_then(|found| {
                (0..found.length())
                    .filter_map(|i| found.item(i)?.dyn_into::<HtmlElement>().ok())
                    .find(|e| skip.as_deref().is_none_or(|skip| e.closest(skip).ok().flatten().is_none()))
            });
            if let Some(field) = invalid {
                field.focus().ok();
                return;
            }
            let focus = editing.as_ref().map(|e| e.focus.clone());
            for (field, value) in values.borrow_mut().take().map(|e| e.changed).unwrap_or_default() {
                commit.emit((field, value));
            }
            editing.set(None);
            focus_edit_button(&article, focus.as_deref());
        })
    };
    let cancel = {
        let (editing, values, article) = (editing.clone(), values.clone(), article.clone());
        Callback::from(move |()| {
            let focus = editing.as_ref().map(|e| e.focus.clone());
            *values.borrow_mut() = None;
            editing.set(None);
            focus_edit_button(&article, focus.as_deref());
        })
    };
    let start_editing = {
        let (editing, values) = (editing.clone(), values.clone());
        Callback::from(move |field: String| {
            if editing.is_none() {
                *values.borrow_mut() = Some(Editing { focus: field.clone(), changed: Vec::new() });
                editing.set(Some(Editing { focus: field, changed: Vec::new() }));
            }
        })
    };

    // Amounts are in the record's currency (a multi-currency org).
    let money = fields::Money::of_record(&props.record);
    let (currency, day) = (money.currency.map(|c| AttrValue::from(c.to_owned())), money.day);
    let row = |name: &String| -> Html {
        let Some(field) = describe.field(name) else { return Html::default() };
        let Some(spec) = spec::field_spec(field, props.global.as_deref()) else { return Html::default() };
        let spec = Rc::new(spec);
        let pending = props.pending.get(&id, &field.name);
        let changed_here = values.borrow().as_ref().and_then(|e| e.value(&field.name).cloned());
        let value = match (&changed_here, pending) {
            (Some(value), _) => value.clone(),
            (None, Some(edit)) => fields::from_json(&spec, &edit.value),
            (None, None) => fields::from_json(&spec, props.record.get(&field.name).unwrap_or(&serde_json::Value::Null)),
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
        // A lookup opens its record (the object its id's prefix says).
        let open = match &value {
            FieldValue::Id(target_id) => view::lookup_target(&spec, target_id.as_str()).map(|object| {
                let (on_open, object, target_id) = (props.on_open.clone(), object.to_owned(), target_id.to_string());
                Callback::from(move |()| on_open.emit((object.clone(), target_id.clone())))
            }),
            _ => None,
        };
        let failed = pending.and_then(|e| e.error.clone());
        let label = spec::display_label(field);
        if let Some(theirs) = pending.and_then(|e| e.conflict.as_ref()) {
            let theirs_value = fields::from_json(&spec, &theirs.value);
            let resolve = |resolution: Resolution| {
                let (on_resolve, name) = (props.on_resolve.clone(), field.name.clone());
                Callback::from(move |_: MouseEvent| on_resolve.emit((name.clone(), resolution)))
            };
            return html! {
                <div class="record-field conflict" data-testid={format!("field-{}", field.name)}>
                    <span class="record-field-label">{ label }</span>
                    <div class="record-field-value">
                        <p class="conflict-words" role="alert" data-testid={format!("conflict-{}", field.name)}>
                            { "Someone else changed this after you opened the record. Nothing was overwritten." }
                        </p>
                        <p><span class="muted">{ "Theirs: " }</span><FieldDisplay spec={spec.clone()} value={theirs_value} ctx={props.ctx.clone()} currency={currency.clone()} {day} /></p>
                        <p><span class="muted">{ "Yours: " }</span><FieldDisplay spec={spec.clone()} {value} ctx={props.ctx.clone()} {display} currency={currency.clone()} {day} /></p>
                        <div class="form-actions">
                            <button type="button" class="button brand" data-testid={format!("keep-mine-{}", field.name)} onclick={resolve(Resolution::KeepMine)}>{ "Keep mine" }</button>
                            <button type="button" class="button" data-testid={format!("take-theirs-{}", field.name)} onclick={resolve(Resolution::TakeTheirs)}>{ "Take theirs" }</button>
                        </div>
                    </div>
                </div>
            };
        }
        let testid = format!("field-{}", field.name);
        if editing.is_some() && field.updateable {
            // Part of the section's edit: a change is kept until Save or Enter.
            let keep = {
                let (values, editing, name, current) = (values.clone(), editing.clone(), field.name.clone(), current.clone());
                Callback::from(move |v: FieldValue| {
                    // Not after Save or Cancel (an editor's late blur). A
                    // value back to what the field holds is no change.
                    let unchanged = fields::to_json(&v) == current(&name);
                    let Some(now) = values.borrow_mut().as_mut().map(|e| {
                        e.changed.retain(|(f, _)| *f != name);
                        if !unchanged {
                            e.set(&name, v);
                        }
                        e.clone()
                    }) else {
                        return;
                    };
                    // A render shows the field as changed.
                    editing.set(Some(now));
                })
            };
            let on_enter = {
                let (keep, save, name) = (keep.clone(), save.clone(), field.name.clone());
                Callback::from(move |v: FieldValue| {
                    keep.emit(v);
                    save.emit(Some(name.clone()));
                })
            };
            let is_changed = changed_here.is_some();
            return html! {
                <div class={classes!("record-field", "editing", is_changed.then_some("changed"))} data-testid={testid}>
                    <FieldEditor id={format!("edit-{}", field.name)} {spec} {value} ctx={props.ctx.clone()} currency={currency.clone()}
                        on_commit={keep.clone()} on_leave={keep} on_enter={on_enter}
                        on_cancel={cancel.clone()} {display} {on_pick} />
                    if let Some(refused) = failed {
                        <p class="field-message" role="alert" data-testid={format!("refused-{}", field.name)}>{ refused }</p>
                    }
                </div>
            };
        }
        if failed.is_some() && field.updateable {
            // The org refused it: the rep's value and the org's words, until fixed or given up.
            let on_commit = {
                let (commit, name) = (props.on_commit.clone(), field.name.clone());
                Callback::from(move |v: FieldValue| commit.emit((name.clone(), v)))
            };
            let on_cancel = {
                let (discard, name) = (props.on_discard.clone(), field.name.clone());
                Callback::from(move |()| discard.emit(name.clone()))
            };
            return html! {
                <div class="record-field editing" data-testid={testid}>
                    <FieldEditor id={format!("edit-{}", field.name)} {spec} {value} ctx={props.ctx.clone()} currency={currency.clone()}
                        server_error={failed.map(AttrValue::from)} {on_commit} {on_cancel} {display} {on_pick} />
                </div>
            };
        }
        let status = match pending {
            Some(e) if e.error.is_none() => html! { <span class="pending" data-testid={format!("pending-{}", field.name)}>{ "Not saved yet" }</span> },
            _ => Html::default(),
        };
        let edit = field.updateable.then(|| {
            let (start, name) = (start_editing.clone(), field.name.clone());
            html! {
                <button class="icon-button edit-button" type="button" data-testid={format!("edit-{}", field.name)}
                    aria-label={format!("Edit {label}")} title={format!("Edit {label}")}
                    onclick={Callback::from(move |_: MouseEvent| start.emit(name.clone()))}>
                    <span class="utility-icon icon-edit" aria-hidden="true"></span>
                </button>
            }
        });
        let ondblclick = field.updateable.then(|| {
            let (start, name) = (start_editing.clone(), field.name.clone());
            Callback::from(move |_: MouseEvent| start.emit(name.clone()))
        });
        // A Key Field the user added (not the layout's): it can go again.
        let mine = props.added.iter().any(|a| a.eq_ignore_ascii_case(&field.name)) && props.key_fields.iter().any(|k| k.eq_ignore_ascii_case(&field.name));
        let remove = mine.then(|| {
            let (on_remove, name) = (props.on_remove_field.clone(), field.name.clone());
            html! {
                <button class="icon-button remove-key-field" type="button" data-testid={format!("remove-{}", field.name)}
                    aria-label={format!("Remove {label} from Key Fields")} title={format!("Remove {label} from Key Fields")}
                    onclick={Callback::from(move |_: MouseEvent| on_remove.emit(name.clone()))}>
                    <span class="utility-icon icon-close" aria-hidden="true"></span>
                </button>
            }
        });
        html! {
            <div class="record-field" data-testid={testid} {ondblclick}>
                <span class="record-field-label">{ label }</span>
                <span class="record-field-value">
                    <FieldDisplay spec={spec.clone()} {value} ctx={props.ctx.clone()} {display} {open} currency={currency.clone()} {day} />
                    { status }
                </span>
                { for edit }
                { for remove }
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
    let is_editing = editing.is_some();
    let changed = editing.as_ref().map_or(0, |e| e.changed.len());
    let close = props.on_close.reform(|_: MouseEvent| ());
    let object = describe.name().to_owned();
    html! {
        <article class="record-view" ref={article} data-testid="record-view" data-id={id.clone()} data-object={object.clone()}>
            <header class="record-header" data-testid="record-header">
                <ObjectIcon object={object.clone()} />
                <div class="record-title">
                    <span class="record-object">{ &describe.object.label }</span>
                    <h2 data-testid="record-title" class="truncate" title={title.clone()}>{ title.clone() }</h2>
                </div>
                if let Some(url) = props.salesforce_url.clone() {
                    <a class="icon-button" href={url} target="_blank" rel="noopener noreferrer" data-testid="open-in-salesforce"
                        title="Open in Salesforce" aria-label={format!("Open {title} in Salesforce")}>
                        <span class="utility-icon icon-new-window" aria-hidden="true"></span>
                    </a>
                }
                // While fields are being edited, Save or Cancel comes first.
                if !is_editing {
                    <button type="button" class="icon-button" data-testid="record-close" title="Close" aria-label={format!("Close {title}")} onclick={close}>
                        <span class="utility-icon icon-close" aria-hidden="true"></span>
                    </button>
                }
            </header>
            { props.instructions.clone() }
            <section class={classes!("key-fields", is_editing.then_some("key-edit"))} aria-label="Key Fields" data-testid="key-fields">
                { for props.key_fields.iter().map(row) }
                if *show_all {
                    <div class="other-fields" aria-label="All fields">{ for others.iter().map(row) }</div>
                }
                if is_editing {
                    <div class="key-actions" data-testid="key-actions">
                        <span class="muted">{ match changed { 0 => "No changes yet".to_owned(), 1 => "1 field changed".to_owned(), n => format!("{n} fields changed") } }</span>
                        <button type="button" class="button" data-testid="key-cancel" onclick={cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                        <button type="button" class="button brand" data-testid="key-save" onclick={save.reform(|_: MouseEvent| None)}>{ "Save" }</button>
                    </div>
                }
            </section>
            if !addable.is_empty() && !is_editing {
                <label class="add-field">
                    <span>{ "Add a field to Key Fields" }</span>
                    <select class="field-input field-select" data-testid="add-field" onchange={on_add}>
                        <option value="" selected=true>{ "Choose a field…" }</option>
                        { for addable.iter().map(|f| html! { <option value={f.name.clone()}>{ &f.label }</option> }) }
                    </select>
                </label>
            }
            <button class="link" type="button" data-testid="show-all-fields" onclick={toggle} aria-expanded={show_all.to_string()}>
                { if *show_all { "Hide the other fields" } else { "Show all fields" } }
            </button>
        </article>
    }
}

/// A newly opened record comes into view (it may open below the search
/// results or the insights), its header first.
#[hook]
fn use_scroll_into_view(article: &NodeRef, id: &str) {
    let article = article.clone();
    use_effect_with(id.to_owned(), move |_| {
        if let Some(article) = article.cast::<Element>() {
            article.scroll_into_view_with_bool(true);
        }
    });
}

/// The field clicked to start editing takes the focus.
#[hook]
fn use_focus_editor(article: &NodeRef, focus: Option<String>) {
    let article = article.clone();
    use_effect_with(focus, move |focus| {
        let Some(field) = focus else { return };
        let Some(article) = article.cast::<Element>() else { return };
        let selector = format!("[data-testid=\"field-{field}\"] input, [data-testid=\"field-{field}\"] select, [data-testid=\"field-{field}\"] textarea");
        if let Some(input) = article.query_selector(&selector).ok().flatten().and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            input.focus().ok();
        }
    });
}

/// After Save or Cancel, the focus goes back to the ✎ of the field the
/// edit started from (after the render that shows it again).
fn focus_edit_button(article: &NodeRef, field: Option<&str>) {
    let (Some(article), Some(field)) = (article.cast::<Element>(), field) else { return };
    let selector = format!("[data-testid=\"edit-{field}\"]");
    // Forgotten, not dropped: dropping a timeout cancels it.
    gloo::timers::callback::Timeout::new(0, move || {
        if let Some(button) = article.query_selector(&selector).ok().flatten().and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            button.focus().ok();
        }
    })
    .forget();
}
