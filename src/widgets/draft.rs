//! What all editors share: the draft (the user's text, kept while invalid),
//! committing it through `sidecar_core::fields::parse`, the keyboard
//! contract (Enter, Escape, blur), and the frame (label above, message below
//! with the ARIA wiring).

use std::rc::Rc;

use sidecar_core::fields::{self, EditContext, FieldError, FieldSpec, FieldType, FieldValue, Money, Problem};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::EditorProps;

/// What the user entered, as the element reports it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Entry {
    Text(String),
    /// An input holding something the browser cannot read (a partial date;
    /// Chromium then reports an empty value, so the message comes from here).
    Unreadable,
}

/// One editor's draft and the callbacks that change it.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    /// The text the editor shows.
    pub text: String,
    /// The client's message, else the server's.
    pub message: Option<String>,
    /// Replaces the text without committing (typing).
    pub set_text: Callback<String>,
    /// Parses the entry and commits it when valid (a toggle).
    pub commit: Callback<Entry>,
    /// [`Draft::commit`] for Enter (to `on_enter` when the parent has one).
    pub enter: Callback<Entry>,
    /// Commits only if the text changed since the last commit (blur).
    pub leave: Callback<Entry>,
    /// Restores the value's text and reports the cancel (Escape).
    pub cancel: Callback<()>,
}

#[hook]
pub(crate) fn use_draft(props: &EditorProps) -> Draft {
    let initial = fields::edit_text(&props.spec, &props.value, &props.ctx);
    let text = use_state_eq(|| initial.clone());
    let error = use_state_eq(|| None::<String>);
    // The text last committed (or loaded): leaving the field unchanged is no edit.
    let settled = use_mut_ref(|| Entry::Text(initial.clone()));

    // The value text the draft was last reset to.
    let loaded = use_mut_ref(|| initial.clone());
    {
        // A new value from the parent (saved, reloaded) replaces the draft.
        // Only a *new* one: the effect also runs after the first render, maybe
        // late, and must not undo what the user has typed since.
        let (text, error, settled, loaded) = (text.clone(), error.clone(), settled.clone(), loaded.clone());
        use_effect_with(initial.clone(), move |initial: &String| {
            if *loaded.borrow() != *initial {
                *loaded.borrow_mut() = initial.clone();
                text.set(initial.clone());
                error.set(None);
                *settled.borrow_mut() = Entry::Text(initial.clone());
            }
        });
    }

    // Parses an entry and reports a valid value to `target`.
    let apply = {
        let (spec, ctx, currency) = (props.spec.clone(), props.ctx.clone(), props.currency.clone());
        let (text, error, settled) = (text.clone(), error.clone(), settled.clone());
        Rc::new(move |entry: Entry, target: &Callback<FieldValue>| {
            *settled.borrow_mut() = entry.clone();
            let parsed = match &entry {
                Entry::Text(typed) => {
                    text.set(typed.clone());
                    fields::parse_in(&spec, typed, Money { currency: currency.as_deref(), day: None }, &ctx)
                }
                Entry::Unreadable => Err(unreadable(&spec, &ctx)),
            };
            match parsed {
                Ok(value) => {
                    error.set(None);
                    target.emit(value);
                }
                Err(e) => error.set(Some(e.message())),
            }
        })
    };
    let commit = {
        let (apply, on_commit) = (apply.clone(), props.on_commit.clone());
        Callback::from(move |entry: Entry| apply(entry, &on_commit))
    };
    let enter = {
        let (apply, target) = (apply.clone(), props.on_enter.clone().unwrap_or_else(|| props.on_commit.clone()));
        Callback::from(move |entry: Entry| apply(entry, &target))
    };
    // Escape gave the edit up: a blur that follows (the editor closing, or
    // the DOM still holding the typed text until the next render) is no edit.
    let cancelled = use_mut_ref(|| false);
    let leave = {
        let (settled, cancelled) = (settled.clone(), cancelled.clone());
        // Leaving reports to `on_leave` when the parent tells the two apart.
        let target = props.on_leave.clone().unwrap_or_else(|| props.on_commit.clone());
        Callback::from(move |entry: Entry| {
            let changed = *settled.borrow() != entry;
            if changed && !*cancelled.borrow() {
                apply(entry, &target);
            }
        })
    };
    let cancel = {
        let (text, error, settled, on_cancel) = (text.clone(), error.clone(), settled.clone(), props.on_cancel.clone());
        let (initial, cancelled) = (initial.clone(), cancelled.clone());
        Callback::from(move |()| {
            *cancelled.borrow_mut() = true;
            text.set(initial.clone());
            error.set(None);
            *settled.borrow_mut() = Entry::Text(initial.clone());
            on_cancel.emit(());
        })
    };
    let set_text = {
        let (text, cancelled) = (text.clone(), cancelled.clone());
        Callback::from(move |typed: String| {
            *cancelled.borrow_mut() = false;
            text.set(typed);
        })
    };
    let message = (*error).clone().or_else(|| props.server_error.as_ref().map(|m| m.to_string()));
    Draft { text: (*text).clone(), message, set_text, commit, enter, leave, cancel }
}

/// The message for an input the browser cannot read (an email domain it
/// cannot encode; dates are text typed in the user's format, which the
/// other arms keep saying should it change).
fn unreadable(spec: &FieldSpec, ctx: &EditContext) -> FieldError {
    let problem = match spec.ty {
        FieldType::Email => Problem::InvalidEmail,
        FieldType::Datetime => Problem::InvalidDateTime { example: fields::example_date_time(ctx.locale) },
        _ => Problem::InvalidDate { example: fields::example_date(ctx.locale) },
    };
    FieldError { label: spec.label.clone(), problem }
}

/// What the element that fired `event` holds.
pub(crate) fn entry_of(event: &Event) -> Option<Entry> {
    let target = event.target()?;
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        // A checkbox's `value` is "on" whatever its state.
        if input.type_() == "checkbox" {
            return Some(Entry::Text(input.checked().to_string()));
        }
        let bad = input.validity().bad_input();
        return Some(if bad { Entry::Unreadable } else { Entry::Text(input.value()) });
    }
    if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
        return Some(Entry::Text(area.value()));
    }
    target.dyn_ref::<HtmlSelectElement>().map(|select| Entry::Text(select.value()))
}

/// Enter (or Ctrl/Cmd+Enter when `multiline`) commits, Escape cancels.
pub(crate) fn on_keydown(draft: &Draft, multiline: bool) -> Callback<KeyboardEvent> {
    let (commit, cancel) = (draft.enter.clone(), draft.cancel.clone());
    Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
        // An IME composing text uses Enter to accept a candidate, not to commit.
        "Enter" if !e.is_composing() && (!multiline || e.ctrl_key() || e.meta_key()) => {
            e.prevent_default();
            if let Some(entry) = entry_of(&e) {
                commit.emit(entry);
            }
        }
        "Escape" => {
            e.prevent_default();
            cancel.emit(());
        }
        _ => {}
    })
}

pub(crate) fn on_blur(draft: &Draft) -> Callback<FocusEvent> {
    let leave = draft.leave.clone();
    Callback::from(move |e: FocusEvent| {
        if let Some(entry) = entry_of(&e) {
            leave.emit(entry);
        }
    })
}

pub(crate) fn on_input(draft: &Draft) -> Callback<InputEvent> {
    let set_text = draft.set_text.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(Entry::Text(typed)) = entry_of(&e) {
            set_text.emit(typed);
        }
    })
}

/// The id of the message element under the editor.
pub(crate) fn message_id(props: &EditorProps) -> String {
    format!("{}-message", props.id)
}

/// The `aria-describedby` of an editor showing `draft`.
pub(crate) fn described_by(props: &EditorProps, draft: &Draft) -> Option<AttrValue> {
    draft.message.as_ref().map(|_| AttrValue::from(message_id(props)))
}

/// `aria-required`, not `required`: native validation would block a form's
/// submit with the browser's bubble instead of the server's message, and no
/// `maxlength` either, which would silently cut pasted text.
pub(crate) fn required(props: &EditorProps) -> Option<AttrValue> {
    props.spec.required.then_some(AttrValue::from("true"))
}

/// The `aria-invalid` of an editor showing `draft`.
pub(crate) fn invalid(draft: &Draft) -> Option<AttrValue> {
    draft.message.as_ref().map(|_| AttrValue::from("true"))
}

/// How the label points at the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Labelled {
    /// `<label for=id>`: the editor is one form control.
    For,
    /// The editor is a group naming itself with `aria-labelledby={id}-label`.
    Group,
    /// The control carries its own label (a checkbox's label follows it).
    Inline,
}

/// The label above, the editor, and the message below.
pub(crate) fn frame(props: &EditorProps, message: Option<&str>, labelled: Labelled, body: Html) -> Html {
    let spec = &props.spec;
    let required = spec.required.then(|| html! { <abbr class="field-required" title="required">{ "*" }</abbr> });
    let label_id = format!("{}-label", props.id);
    let label = match labelled {
        Labelled::For => html! { <label class="field-label" id={label_id} for={props.id.clone()}>{ required }{ &spec.label }</label> },
        Labelled::Group => html! { <span class="field-label" id={label_id}>{ required }{ &spec.label }</span> },
        Labelled::Inline => html! {},
    };
    let type_class = format!("field-type-{}", spec.ty.as_str());
    html! {
        <div class={classes!("field-editor", type_class, message.is_some().then_some("has-error"))} data-field={spec.name.clone()}>
            { label }
            { body }
            if let Some(message) = message {
                <p class="field-message" id={message_id(props)} role="alert">{ message }</p>
            }
        </div>
    }
}

/// The `<input>` of the text-like editors (text, email, phone, url, numbers,
/// dates, ids) with the shared keyboard contract.
pub(crate) fn input(props: &EditorProps, draft: &Draft, input_type: &'static str, inputmode: Option<&'static str>) -> Html {
    let autocomplete = match props.spec.ty {
        FieldType::Email => "email",
        FieldType::Phone => "tel",
        FieldType::Url => "url",
        _ => "off",
    };
    html! {
        <input class="field-input" id={props.id.clone()} type={input_type} {inputmode} {autocomplete}
            name={props.spec.name.clone()}
            value={draft.text.clone()} disabled={props.disabled} aria-required={required(props)}
            aria-invalid={invalid(draft)} aria-describedby={described_by(props, draft)}
            oninput={on_input(draft)} onkeydown={on_keydown(draft, false)} onblur={on_blur(draft)} />
    }
}
