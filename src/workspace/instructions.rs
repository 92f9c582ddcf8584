//! The instruction box over the selected rows
//! (`sidecar_core::workspace::instructions`): Enter previews, per field,
//! what the rows hold now and what they will; Enter again hands the bulk
//! edit to the grid, which checks for conflicts, saves it in one request
//! and can undo it (Ctrl+Z, also in the box the save left empty). `/` or Ctrl+/ focuses
//! it; ↑ recalls earlier instructions; Tab completes a column's name or a
//! picklist value. The words stay in the browser: the org sees the names
//! looked up and the values saved.

use std::rc::Rc;

use sidecar_core::edits::Change;
use sidecar_core::fields::EditContext;
use sidecar_core::instructions::screen::{Action, BoxState};
use sidecar_core::instructions::{Setting, complete::complete, save::Applied, understand};
use sidecar_core::load::Load;
use sidecar_core::records::lookup::Match;
use sidecar_core::workspace::ColumnSpec;
use sidecar_core::workspace::grid::Row;
use sidecar_core::workspace::instructions::{change, preview, vocabulary};
use sidecar_core::workspace::selection::Selection;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::Crm;
use crate::widgets::{InstructionPreview, find_named, use_focus_shortcut};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RowInstructionsProps {
    pub object: AttrValue,
    pub columns: Rc<Vec<ColumnSpec>>,
    pub rows: Rc<Vec<Row>>,
    pub selection: Selection,
    pub ctx: Rc<EditContext>,
    /// The bulk edit to save, with the records picked for lookups.
    pub on_change: Callback<(Change, Vec<Match>)>,
    /// Ctrl+Z in the empty box: the grid's undo.
    pub on_undo: Callback<()>,
}

/// [`BoxState`] as a yew reducer.
#[derive(Debug, Clone, PartialEq, Default)]
struct State(BoxState);

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        if next == self.0 { self } else { Rc::new(State(next)) }
    }
}

#[component]
pub fn RowInstructions(props: &RowInstructionsProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let state = use_reducer(State::default);
    let input = use_node_ref();
    use_focus_shortcut(input.clone());
    {
        let (state, ctx) = (state.clone(), props.ctx.clone());
        use_effect_with(ctx, move |ctx| state.dispatch(Action::Context((**ctx).clone())));
    }
    {
        // Another selection: the preview spoke of other rows.
        let state = state.clone();
        use_effect_with(props.selection.clone(), move |_| state.dispatch(Action::Stale));
    }
    let s = &state.0;
    let none = props.selection.is_empty();

    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(Action::Text(e.target_unchecked_into::<HtmlInputElement>().value())))
    };
    let read = {
        let (crm, state, props) = (crm.clone(), state.clone(), props.clone());
        Callback::from(move |()| {
            let text = state.0.text.clone();
            if text.trim().is_empty() || props.selection.is_empty() {
                return;
            }
            let (crm, state, props) = (crm.clone(), state.clone(), props.clone());
            state.dispatch(Action::PreviewStarted(text.clone()));
            let asked = state.0.asked;
            spawn_local(async move {
                let vocabulary = vocabulary(&props.object, &props.columns);
                let ctx = (*props.ctx).clone();
                let now = js_sys::Date::now() as i64;
                let today = sidecar_core::todo::view::today(&ctx.time_zone, now);
                let setting = Setting { ctx: ctx.clone(), today, now_millis: now, fiscal_start_month: crm.fiscal_start_month().await };
                let plan = understand(&text, &vocabulary, &setting);
                let result = find_named(&crm, &vocabulary, &plan)
                    .await
                    .map(|found| preview(&plan, &props.object, &props.columns, &props.rows, &props.selection, &found, &ctx));
                state.dispatch(Action::Previewed(asked, result));
            });
        })
    };
    let save = {
        let (state, props) = (state.clone(), props.clone());
        Callback::from(move |()| {
            let Load::Loaded(p) = &state.0.preview else { return };
            if state.0.saving {
                return;
            }
            let (bulk, picked) = change(p, &props.columns, &props.rows, &props.selection);
            if bulk.is_empty() {
                let message = "Nothing to change: the selected rows hold these values already.".to_owned();
                return state.dispatch(Action::SaveFailed { message, stale: false });
            }
            let rows = bulk.record_ids().len();
            let words = format!("Saving {} change{} on {rows} row{}: each row shows how it went.", bulk.edits.len(), plural(bulk.edits.len()), plural(rows));
            // The grid saves it in turn (after any undo under way), as one change.
            state.dispatch(Action::Saving(state.0.previewed.clone()));
            props.on_change.emit((bulk.clone(), picked));
            state.dispatch(Action::Saved(Applied { change: bulk, created: Vec::new() }, words));
        })
    };
    let onkeydown = {
        let (state, props, read, save) = (state.clone(), props.clone(), read.clone(), save.clone());
        Callback::from(move |e: KeyboardEvent| {
            let s = &state.0;
            let ctrl = e.ctrl_key() || e.meta_key();
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    if s.enter_saves() {
                        save.emit(())
                    } else if !matches!(s.preview, Load::Loading) {
                        read.emit(())
                    }
                }
                "ArrowUp" | "ArrowDown" if !s.history.is_empty() && (s.text.is_empty() || s.recall.is_some()) => {
                    e.prevent_default();
                    state.dispatch(Action::Recall(e.key() == "ArrowUp"));
                }
                "Tab" if !e.shift_key() => {
                    if let Some(done) = complete(&s.text, &vocabulary(&props.object, &props.columns)) {
                        e.prevent_default();
                        state.dispatch(Action::Text(done));
                    }
                }
                "z" | "Z" if ctrl && !e.shift_key() && s.undoes() => {
                    e.prevent_default();
                    props.on_undo.emit(());
                }
                "Escape" if !s.text.is_empty() => {
                    e.prevent_default();
                    state.dispatch(Action::Text(String::new()));
                }
                _ => {}
            }
        })
    };

    let busy = s.saving || matches!(s.preview, Load::Loading);
    let placeholder = if none { "Select rows, then tell Sidecar what to change ( / )" } else { "Tell Sidecar what to change on the selected rows… ( / )" };
    html! {
        <section class="instructions workspace-instructions" aria-label="Instructions for the selected rows" data-testid="instructions">
            <input ref={input} class="field-input instruction-input" type="text" data-testid="instruction-input" autocomplete="off" spellcheck="false"
                aria-label="Tell Sidecar what to change on the selected rows" {placeholder} disabled={none}
                value={s.text.clone()} {oninput} {onkeydown} maxlength={sidecar_core::instructions::MAX_CHARS.to_string()} />
            { match &s.preview {
                Load::Idle => html! {},
                Load::Loading | Load::Refreshing(_) => html! { <p class="muted small" data-testid="instruction-reading">{ "Reading…" }</p> },
                Load::Failed(why) => html! { <p class="field-message" role="alert" data-testid="instruction-failed">{ why.clone() }</p> },
                Load::Loaded(p) => {
                    let on_action = { let state = state.clone(); Callback::from(move |a| state.dispatch(a)) };
                    html! { <InstructionPreview preview={p.clone()} {busy} saving={s.saving} {on_action} on_save={save.clone()} /> }
                }
            } }
            if let Some(note) = &s.note {
                <p class="instruction-note" role="status" data-testid="instruction-note">{ note.text.clone() }</p>
            }
        </section>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
