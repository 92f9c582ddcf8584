//! The instruction box's parts both hosts share (the side panel's record,
//! the Workspace's selected rows): the preview of what an instruction
//! will change, rendered from `sidecar_core::instructions::preview` with
//! every value as text, and the `/` shortcut that focuses the box.

use sidecar_core::instructions::preview::{After, Preview};
use std::rc::Rc;

use sidecar_core::instructions::complete::complete;
use sidecar_core::instructions::screen::{Action, BoxState};
use sidecar_core::instructions::{Plan, Step, Vocabulary};
use sidecar_core::load::Load;
use sidecar_core::records::lookup::Match;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::Crm;

/// [`BoxState`] as a yew reducer, for every host of the box.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BoxReducer(pub BoxState);

impl Reducible for BoxReducer {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        if next == self.0 { self } else { Rc::new(BoxReducer(next)) }
    }
}

/// What the box's keys ask of its host.
#[derive(Debug, Clone)]
pub struct BoxKeys {
    pub preview: Callback<()>,
    pub save: Callback<()>,
    pub undo: Callback<()>,
}

/// The box's keys, the same on every host: Enter previews, then saves the
/// same text (neither while a save or a read is under way, nor while an
/// input method composes); ↑ and ↓ recall; Tab completes against
/// `vocabulary` once it is known; Ctrl+Z (⌘Z) in a box a save or undo left
/// empty undoes; Escape empties it.
pub fn box_key(e: &KeyboardEvent, state: &UseReducerHandle<BoxReducer>, vocabulary: Option<&Vocabulary>, keys: &BoxKeys) {
    let s = &state.0;
    if e.is_composing() {
        return;
    }
    let ctrl = e.ctrl_key() || e.meta_key();
    match e.key().as_str() {
        "Enter" => {
            e.prevent_default();
            if s.saving || matches!(s.preview, Load::Loading) {
                return;
            }
            if s.enter_saves() { keys.save.emit(()) } else { keys.preview.emit(()) }
        }
        "ArrowUp" | "ArrowDown" if !s.history.is_empty() && (s.text.is_empty() || s.recall.is_some()) => {
            e.prevent_default();
            state.dispatch(Action::Recall(e.key() == "ArrowUp"));
        }
        "Tab" if !e.shift_key() => {
            if let Some(done) = vocabulary.and_then(|v| complete(&s.text, v)) {
                e.prevent_default();
                state.dispatch(Action::Text(done));
            }
        }
        "z" | "Z" if ctrl && !e.shift_key() && s.undoes() => {
            e.prevent_default();
            keys.undo.emit(());
        }
        "Escape" if !s.text.is_empty() => {
            e.prevent_default();
            state.dispatch(Action::Text(String::new()));
        }
        _ => {}
    }
}

/// Under the box: nothing, "Reading…", why it couldn't be read, or the preview.
pub fn preview_area(state: &UseReducerHandle<BoxReducer>, busy: bool, save: &Callback<()>) -> Html {
    let s = &state.0;
    match &s.preview {
        Load::Idle => html! {},
        Load::Loading | Load::Refreshing(_) => html! { <p class="muted small" data-testid="instruction-reading">{ "Reading…" }</p> },
        Load::Failed(why) => html! { <p class="field-message" role="alert" data-testid="instruction-failed">{ why.clone() }</p> },
        Load::Loaded(p) => {
            let on_action = {
                let state = state.clone();
                Callback::from(move |a| state.dispatch(a))
            };
            html! { <InstructionPreview preview={p.clone()} {busy} saving={s.saving} {on_action} on_save={save.clone()} /> }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct InstructionPreviewProps {
    pub preview: Preview,
    /// A save or a read is under way: Save waits.
    pub busy: bool,
    pub saving: bool,
    pub on_action: Callback<Action>,
    pub on_save: Callback<()>,
}

/// The preview: each change (now → then, editable), each new record, what
/// was not understood; Save when all of it can be saved.
#[component]
pub fn InstructionPreview(props: &InstructionPreviewProps) -> Html {
    let p = &props.preview;
    let send = |a: Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(a.clone()))
    };
    html! {
        <div class="instruction-preview" data-testid="instruction-preview" aria-live="polite">
            <ul class="instruction-rows">
                { for p.rows.iter().enumerate().map(|(i, row)| {
                    let after = match &row.after {
                        After::Value { text, .. } => {
                            let on_action = props.on_action.clone();
                            let oninput = Callback::from(move |e: InputEvent| on_action.emit(Action::Edit(i, e.target_unchecked_into::<HtmlInputElement>().value())));
                            html! { <input class="field-input" data-testid="instruction-after" aria-label={format!("New {}", row.spec.label)} value={text.clone()} {oninput} /> }
                        }
                        After::Pick { choices, chosen, .. } => html! {
                            <span class="instruction-choices">
                                { for choices.iter().enumerate().map(|(j, m): (usize, &Match)| html! {
                                    <button type="button" class={classes!("button", (*chosen == Some(j)).then_some("brand"))} data-testid="instruction-choice"
                                        aria-pressed={(*chosen == Some(j)).to_string()} onclick={send(Action::Choose(i, j))}>{ m.name.clone() }</button>
                                }) }
                            </span>
                        },
                    };
                    html! {
                        <li class="instruction-row" data-testid="instruction-change" data-field={row.spec.name.clone()}>
                            <span class="instruction-label">{ format!("{}:", row.spec.label) }</span>
                            <span class="instruction-before muted" data-testid="instruction-before">{ row.before_text.clone() }</span>
                            <span aria-hidden="true">{ " → " }</span>
                            { after }
                            if row.unchanged() { <span class="muted small">{ " (already)" }</span> }
                            if let Some(why) = row.problem() { <span class="field-message" role="alert">{ why }</span> }
                            <button type="button" class="icon-button" title="Leave this out" aria-label={format!("Leave out {}", row.spec.label)} onclick={send(Action::DropRow(i))}>
                                <span class="utility-icon icon-close" aria-hidden="true"></span>
                            </button>
                        </li>
                    }
                }) }
                { for p.news.iter().enumerate().map(|(i, n)| html! {
                    <li class="instruction-row" data-testid="instruction-new">
                        <span>{ n.words.clone() }</span>
                        <button type="button" class="icon-button" title="Leave this out" aria-label={format!("Leave out: {}", n.words)} onclick={send(Action::DropNew(i))}>
                            <span class="utility-icon icon-close" aria-hidden="true"></span>
                        </button>
                    </li>
                }) }
            </ul>
            { for p.problems.iter().map(|problem| html! { <p class="field-message" role="alert" data-testid="instruction-problem">{ problem.message.clone() }</p> }) }
            { for p.notes.iter().map(|note| html! { <p class="muted small" data-testid="instruction-left-out">{ note.clone() }</p> }) }
            <div class="instruction-actions">
                <button type="button" class="button brand" data-testid="instruction-save" disabled={props.busy || !p.ready()}
                    onclick={{ let on_save = props.on_save.clone(); Callback::from(move |_: MouseEvent| on_save.emit(())) }}>{ if props.saving { "Saving…" } else { "Save (Enter)" } }</button>
            </div>
        </div>
    }
}

/// `/` (outside a text field) or Ctrl+/ (⌘/) anywhere on the page focuses
/// the first instruction box (else `input`).
#[hook]
pub fn use_focus_shortcut(input: NodeRef) {
    use_effect_with((), move |()| {
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let listener = gloo::events::EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |event| {
            let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            let typing = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || t.closest("[contenteditable]").ok().flatten().is_some());
            let ctrl = e.ctrl_key() || e.meta_key();
            if e.key() == "/" && (ctrl || !typing) {
                let first = gloo::utils::document().query_selector("[data-testid=instruction-input]").ok().flatten();
                let target = first.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()).or_else(|| input.cast::<web_sys::HtmlElement>());
                if let Some(target) = target {
                    e.prevent_default();
                    target.focus().ok();
                }
            }
        });
        move || drop(listener)
    });
}

/// The records named for lookups ("owner maria chen"): one lookup search
/// each (the rep's own user for "me"), field → matches.
pub async fn find_named(crm: &Crm, vocabulary: &Vocabulary, plan: &Plan) -> Result<Vec<(String, Vec<Match>)>, String> {
    let mut found = Vec::new();
    for step in &plan.steps {
        let Step::Find { field, name, objects, .. } = step else { continue };
        let Some(spec) = vocabulary.field(field).map(|f| f.spec.clone()) else { continue };
        let matches = if name == "me" && objects.iter().any(|o| o == "User") {
            let me = crm.me().await.map_err(|e| e.user_message())?;
            vec![Match { id: me.user_id.clone(), name: me.name.clone(), object: "User".into() }]
        } else {
            crm.lookup(&spec, name).await.map_err(|e| e.user_message())?
        };
        found.push((field.clone(), matches));
    }
    Ok(found)
}
