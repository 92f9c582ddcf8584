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
use sidecar_core::instructions::screen::Action;
use sidecar_core::instructions::{Setting, save::Applied, understand};
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
use crate::widgets::{BoxKeys, BoxReducer, box_key, find_named, preview_area, use_focus_shortcut};

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

#[component]
pub fn RowInstructions(props: &RowInstructionsProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let state = use_reducer(BoxReducer::default);
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
        let (state, props) = (state.clone(), props.clone());
        let keys = BoxKeys { preview: read.clone(), save: save.clone(), undo: props.on_undo.clone() };
        Callback::from(move |e: KeyboardEvent| box_key(&e, &state, Some(&vocabulary(&props.object, &props.columns)), &keys))
    };

    let busy = s.saving || matches!(s.preview, Load::Loading);
    let placeholder = if none { "Select rows, then tell Sidecar what to change ( / )" } else { "Tell Sidecar what to change on the selected rows… ( / )" };
    html! {
        <section class="instructions workspace-instructions" aria-label="Instructions for the selected rows" data-testid="instructions">
            <input ref={input} class="field-input instruction-input" type="text" data-testid="instruction-input" autocomplete="off" spellcheck="false"
                aria-label="Tell Sidecar what to change on the selected rows" {placeholder} disabled={none}
                value={s.text.clone()} {oninput} {onkeydown} maxlength={sidecar_core::instructions::MAX_CHARS.to_string()} />
            { preview_area(&state, busy, &save) }
            if let Some(note) = &s.note {
                <p class="instruction-note" role="status" data-testid="instruction-note">{ note.text.clone() }</p>
            }
        </section>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
