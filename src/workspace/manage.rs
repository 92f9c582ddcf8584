//! The Manage Workspace dialog: name, object, owner scope, columns (the
//! object's fields and its parents', such as Account Name), filters
//! combined with AND (type-aware operators and values, date literals
//! included), the sort, and a live count of matching records (`SELECT
//! COUNT()` with the same filters, re-run a moment after each change).
//! State and rules are `sidecar_core::workspace::manage`'s reducer (saving,
//! adding and deleting follow `sidecar_core::workspace::model`); this
//! component renders it and dispatches, and its named hooks ask the org:
//! [`use_workspace_objects`], [`use_field_choices`], [`use_live_count`].

use std::rc::Rc;

use serde_json::Value;
use sidecar_core::fields::{self, EditContext, FieldType};
use sidecar_core::workspace::columns::{parents, workspace_objects};
/// New, or editing a workspace by id.
pub use sidecar_core::workspace::manage::Mode as ManageMode;
use sidecar_core::workspace::manage::{Action, Count, Edit, Manage as Dialog};
use sidecar_core::workspace::model::{Filter, Op, Scope, Workspace, Workspaces};
use sidecar_core::workspace::query::{count_query, ops_for};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::loader::Describes;
use crate::api::Crm;
use crate::widgets::{Notice, Tone};

/// Parents whose fields are offered, at most (each is one describe).
const MAX_PARENTS: usize = 12;
/// The count waits this long after the last change.
const COUNT_DELAY_MS: u32 = 350;

#[derive(Properties, PartialEq)]
pub struct ManageProps {
    pub crm: Crm,
    pub mode: ManageMode,
    pub list: Workspaces,
    pub user_id: String,
    pub ctx: Rc<EditContext>,
    /// The new list, and the workspace to open (`None` after a delete).
    pub on_save: Callback<(Workspaces, Option<String>)>,
    pub on_close: Callback<()>,
}

/// The dialog's [`Dialog`] state as a yew reducer.
#[derive(Debug, Clone, PartialEq)]
struct State(Dialog);

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.apply(action);
        if next == *self { self } else { Rc::new(next) }
    }
}

type Dispatch = UseReducerDispatcher<State>;

fn select_value(e: &Event) -> String {
    e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

fn input_value(e: &InputEvent) -> String {
    e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

/// A callback dispatching the edit `f` makes of a control's value.
fn edit(dispatch: &Dispatch, f: impl Fn(String) -> Edit + 'static) -> Callback<String> {
    let dispatch = dispatch.clone();
    Callback::from(move |value: String| dispatch.dispatch(Action::Edit(f(value))))
}

/// A button's callback dispatching `edit`.
fn click(dispatch: &Dispatch, edit: Edit) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Edit(edit.clone())))
}

/// Once: the objects a workspace may list (describeGlobal).
#[hook]
fn use_workspace_objects(crm: &Crm, dispatch: &Dispatch) {
    let (crm, dispatch) = (crm.clone(), dispatch.clone());
    use_effect_with((), move |()| {
        spawn_local(async move {
            let objects = crm.describe_global().await.map(|global| workspace_objects(&global)).map_err(|e| e.user_message());
            dispatch.dispatch(Action::Objects(objects));
        });
    });
}

/// For each object the draft is on: its fields, then its parents' as their
/// describes arrive (only parents describeGlobal lists: the others cannot
/// be described by this user).
#[hook]
fn use_field_choices(crm: &Crm, object: &str, dispatch: &Dispatch) {
    let (crm, dispatch) = (crm.clone(), dispatch.clone());
    use_effect_with(object.to_owned(), move |object: &String| {
        let object = object.clone();
        spawn_local(async move {
            let Ok(describe) = crm.describe(&object).await else { return };
            dispatch.dispatch(Action::Described { object: object.clone(), describe: describe.clone() });
            let global = crm.describe_global().await.ok();
            let listed = |target: &String| global.as_ref().is_none_or(|g| g.object(target).is_some());
            for (relationship, label, target) in parents(&describe).into_iter().filter(|(_, _, t)| listed(t)).take(MAX_PARENTS) {
                if let Ok(parent) = crm.describe(&target).await {
                    dispatch.dispatch(Action::ParentDescribed { object: object.clone(), relationship, label, describe: parent });
                }
            }
        });
    });
}

/// The live count of each draft revision, a moment after its last change:
/// its fields described, then `SELECT COUNT()` with its filters.
#[hook]
fn use_live_count(crm: &Crm, manage: &Dialog, user_id: &str, ctx: &Rc<EditContext>, dispatch: &Dispatch) {
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let (crm, workspace, user_id, ctx, dispatch) = (crm.clone(), manage.draft.clone(), user_id.to_owned(), ctx.clone(), dispatch.clone());
    use_effect_with(manage.revision, move |&revision| {
        let run = move || spawn_local(count(crm, workspace, revision, user_id, ctx, dispatch));
        // A new timer drops (cancels) the one of the previous revision.
        *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(COUNT_DELAY_MS, run));
    });
}

async fn count(crm: Crm, workspace: Workspace, revision: u64, user_id: String, ctx: Rc<EditContext>, dispatch: Dispatch) {
    let counted = |count| Action::Counted { revision, count };
    let mut describes = Describes::default();
    let (_, known, _) = match describes.workspace_columns(&crm, &workspace).await {
        Ok(found) => found,
        Err(e) => return dispatch.dispatch(counted(Err(e.user_message()))),
    };
    dispatch.dispatch(Action::Known { revision, known: known.clone() });
    let query = match count_query(&workspace, &known, &user_id, &ctx) {
        Ok(q) => q,
        Err(e) => return dispatch.dispatch(counted(Err(e.to_string()))),
    };
    let answer = crm.query::<Value>(&query).await;
    dispatch.dispatch(counted(answer.map(|page| page.total_size).map_err(|e| e.user_message())));
}

#[component]
pub fn Manage(props: &ManageProps) -> Html {
    let state = {
        let (mode, list) = (props.mode.clone(), props.list.clone());
        use_reducer(move || State(Dialog::new(mode, &list)))
    };
    let dispatch = state.dispatcher();
    let manage = &state.0;
    let draft = &manage.draft;
    use_workspace_objects(&props.crm, &dispatch);
    use_field_choices(&props.crm, &draft.object, &dispatch);
    use_live_count(&props.crm, manage, &props.user_id, &props.ctx, &dispatch);

    let on_name = edit(&dispatch, Edit::Name).reform(|e: InputEvent| input_value(&e));
    let on_object = edit(&dispatch, Edit::Object).reform(|e: Event| select_value(&e));
    let on_scope = |scope: Scope| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.dispatch(Action::Edit(Edit::Scope(scope))))
    };
    let on_add_column = edit(&dispatch, Edit::AddColumn).reform(|e: Event| {
        let value = select_value(&e);
        // Back to the prompt, so the same list can add another.
        if let Some(select) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
            select.set_value("");
        }
        value
    });
    let on_sort_field = edit(&dispatch, Edit::SortField).reform(|e: Event| select_value(&e));
    let on_sort_dir = edit(&dispatch, |v| Edit::SortDescending(v == "desc")).reform(|e: Event| select_value(&e));

    let columns = html! {
        <fieldset class="manage-columns">
            <legend>{ "Columns" }</legend>
            <ol class="column-list" data-testid="ws-columns">
                { for draft.columns.iter().enumerate().map(|(i, path)| {
                    let last = draft.columns.len() - 1;
                    let label = manage.label_of(path);
                    html! {
                        <li data-path={path.clone()}>
                            <span class="truncate">{ label.clone() }</span>
                            <button type="button" class="icon" aria-label={format!("Move {label} up")} disabled={i == 0}
                                onclick={click(&dispatch, Edit::MoveColumnUp(i))}>{ "↑" }</button>
                            <button type="button" class="icon" aria-label={format!("Move {label} down")} disabled={i == last}
                                onclick={click(&dispatch, Edit::MoveColumnDown(i))}>{ "↓" }</button>
                            <button type="button" class="icon" aria-label={format!("Remove {label}")}
                                onclick={click(&dispatch, Edit::RemoveColumn(i))}><span class="utility-icon icon-close" aria-hidden="true"></span></button>
                        </li>
                    }
                }) }
            </ol>
            <select data-testid="add-column" aria-label="Add a column" onchange={on_add_column}>
                <option value="" selected=true>{ "Add a column…" }</option>
                { for manage.addable_columns().map(|f| html! {
                    <option value={f.path.clone()}>{ &f.label }</option>
                }) }
            </select>
        </fieldset>
    };

    let filters = html! {
        <fieldset class="manage-filters">
            <legend>{ "Filters (records must match all)" }</legend>
            { for draft.filters.iter().enumerate().map(|(i, filter)| filter_row(i, filter, manage, &dispatch, &props.ctx)) }
            <button type="button" class="link" data-testid="add-filter" onclick={click(&dispatch, Edit::AddFilter)}>{ "+ Add a filter" }</button>
        </fieldset>
    };

    let sort = html! {
        <fieldset class="manage-sort">
            <legend>{ "Sort" }</legend>
            <select data-testid="sort-field" aria-label="Sort by" onchange={on_sort_field}>
                // Only what describe says is sortable (not a long text area).
                { for manage.sort_choices().map(|f| html! {
                    <option value={f.path.clone()} selected={f.path.eq_ignore_ascii_case(&draft.sort.field)}>{ &f.label }</option>
                }) }
            </select>
            // A stored sort the org no longer allows: said, and left out of the count.
            if let Some(why) = manage.sort_note() {
                <Notice tone={Tone::Error} class="field-message" testid="sort-note">{ why }</Notice>
            }
            <select data-testid="sort-dir" aria-label="Sort order" onchange={on_sort_dir}>
                <option value="asc" selected={!draft.sort.descending}>{ "Ascending" }</option>
                <option value="desc" selected={draft.sort.descending}>{ "Descending" }</option>
            </select>
        </fieldset>
    };

    let count = match &manage.count {
        Count::Counting => html! { <Notice class="live-count" testid="ws-count">{ "Counting matching records…" }</Notice> },
        Count::Matching(_) => html! { <Notice class="live-count" testid="ws-count"><strong>{ manage.count.matching_text() }</strong></Notice> },
        Count::Problem(why) => html! { <Notice tone={Tone::Error} class="live-count" testid="ws-count">{ why }</Notice> },
    };

    let on_save = {
        let (state, list, on_save, ctx) = (state.clone(), props.list.clone(), props.on_save.clone(), props.ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match state.0.saved(&list, &ctx) {
                Ok((next, id)) => on_save.emit((next, Some(id))),
                Err(why) => state.dispatch(Action::Refused(why)),
            }
        })
    };

    let delete = match (&props.mode, manage.confirm_delete) {
        (ManageMode::New, _) => html! {},
        (ManageMode::Edit(_), false) => {
            let dispatch = dispatch.clone();
            html! { <button type="button" class="button danger" data-testid="delete-workspace" onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ConfirmDelete(true)))}>{ "Delete" }</button> }
        }
        (ManageMode::Edit(_), true) => {
            let yes = {
                let (state, list, on_save) = (state.clone(), props.list.clone(), props.on_save.clone());
                Callback::from(move |_: MouseEvent| match state.0.deleted(&list) {
                    Some(Ok(next)) => on_save.emit((next, None)),
                    Some(Err(why)) => state.dispatch(Action::Refused(why)),
                    None => {}
                })
            };
            let keep = {
                let dispatch = dispatch.clone();
                Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ConfirmDelete(false)))
            };
            html! {
                <span class="confirm" role="group" aria-label="Confirm delete">
                    { "Delete this workspace?" }
                    <button type="button" class="button danger" data-testid="confirm-delete" onclick={yes}>{ "Yes, delete" }</button>
                    <button type="button" class="button" onclick={keep}>{ "Keep it" }</button>
                </span>
            }
        }
    };

    let title = if props.mode == ManageMode::New { "New Workspace" } else { "Manage Workspace" };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    html! {
        <div class="modal-backdrop">
            <form class="modal manage" role="dialog" aria-modal="true" aria-labelledby="manage-title" data-testid="manage-dialog"
                onsubmit={on_save} {onkeydown}>
                <h2 id="manage-title">{ title }</h2>
                <label class="field-label" for="ws-name">{ "Name" }</label>
                <input id="ws-name" class="field-input" data-testid="ws-name" value={draft.name.clone()} oninput={on_name} required=true />
                <label class="field-label" for="ws-object">{ "Object" }</label>
                <select id="ws-object" class="field-input" data-testid="ws-object" onchange={on_object}>
                    { for manage.objects.iter().map(|(name, label)| html! {
                        <option value={name.clone()} selected={name.eq_ignore_ascii_case(&draft.object)}>{ label }</option>
                    }) }
                </select>
                <fieldset class="manage-scope">
                    <legend>{ "Show" }</legend>
                    <label><input type="radio" name="scope" data-testid="scope-mine" checked={draft.scope == Scope::Mine} onchange={on_scope(Scope::Mine)} />{ " Records I own" }</label>
                    <label><input type="radio" name="scope" data-testid="scope-all" checked={draft.scope == Scope::All} onchange={on_scope(Scope::All)} />{ " All records I can see" }</label>
                </fieldset>
                { columns }
                { filters }
                { sort }
                { count }
                if let Some(why) = &manage.error {
                    <Notice tone={Tone::Error} testid="manage-error">{ why }</Notice>
                }
                <footer class="modal-actions">
                    { delete }
                    <span class="spacer"></span>
                    <button type="button" class="button" data-testid="manage-cancel" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                    <button type="submit" class="button primary" data-testid="manage-save">{ "Save" }</button>
                </footer>
            </form>
        </div>
    }
}

/// One filter: field, operator (those its type takes), value (a list for
/// picklists and checkboxes, else text; dates also take literals), and
/// the filter's problem, if any.
fn filter_row(i: usize, filter: &Filter, manage: &Dialog, dispatch: &Dispatch, ctx: &EditContext) -> Html {
    let column = manage.filter_column(i);
    let ty = column.map(|c| c.ty());
    let on_field = edit(dispatch, move |v| Edit::FilterField(i, v)).reform(|e: Event| select_value(&e));
    let on_op = edit(dispatch, move |v| Edit::FilterOp(i, serde_json::from_value(Value::String(v)).unwrap_or(Op::Equals))).reform(|e: Event| select_value(&e));
    let on_value_select = edit(dispatch, move |v| Edit::FilterValue(i, v)).reform(|e: Event| select_value(&e));
    let on_value_input = edit(dispatch, move |v| Edit::FilterValue(i, v)).reform(|e: InputEvent| input_value(&e));
    let ops: &[Op] = ty.map_or(&[Op::Equals], ops_for);
    let op_name = |op: Op| serde_json::to_value(op).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    let value = match (column, filter.op.needs_value()) {
        (_, false) => html! {},
        (Some(c), true) if matches!(c.ty(), FieldType::Picklist | FieldType::Multipicklist) => html! {
            <select class="field-input" data-testid={format!("filter-value-{i}")} aria-label="Value" onchange={on_value_select}>
                <option value="" selected={filter.value.is_empty()}>{ "Choose a value…" }</option>
                { for c.spec.picklist.iter().map(|o| html! { <option value={o.value.clone()} selected={o.value == filter.value}>{ &o.label }</option> }) }
            </select>
        },
        (Some(c), true) if c.ty() == FieldType::Boolean => html! {
            <select class="field-input" data-testid={format!("filter-value-{i}")} aria-label="Value" onchange={on_value_select}>
                <option value="" selected={filter.value.is_empty()}>{ "Choose…" }</option>
                <option value="true" selected={filter.value == "true"}>{ "True" }</option>
                <option value="false" selected={filter.value == "false"}>{ "False" }</option>
            </select>
        },
        (c, true) => {
            let dated = c.is_some_and(|c| matches!(c.ty(), FieldType::Date | FieldType::Datetime));
            // A date in the rep's own format: `12/31/2026` or `31.12.2026`.
            let example = fields::format_date(salesforce_rest::soql::Date { year: 2026, month: 12, day: 31 }, ctx.locale);
            let placeholder = if dated { format!("{example}, TODAY, NEXT_WEEK…") } else { "Value".to_owned() };
            html! {
                <input class="field-input" data-testid={format!("filter-value-{i}")} aria-label="Value" {placeholder}
                    value={filter.value.clone()} oninput={on_value_input} list={dated.then_some("date-literals")} />
            }
        }
    };
    html! {
        <div class="filter-row" data-testid="filter-row">
            <select class="field-input" data-testid={format!("filter-field-{i}")} aria-label="Field" onchange={on_field}>
                <option value="" selected={filter.field.is_empty()}>{ "Choose a field…" }</option>
                // Only what describe says is filterable (not a long text area).
                { for manage.filter_choices().map(|f| html! { <option value={f.path.clone()} selected={f.path.eq_ignore_ascii_case(&filter.field)}>{ &f.label }</option> }) }
            </select>
            <select class="field-input" data-testid={format!("filter-op-{i}")} aria-label="Operator" onchange={on_op}>
                { for ops.iter().map(|&op| html! { <option value={op_name(op)} selected={op == filter.op}>{ op.label() }</option> }) }
            </select>
            { value }
            <button type="button" class="icon" aria-label="Remove this filter" onclick={click(dispatch, Edit::RemoveFilter(i))}><span class="utility-icon icon-close" aria-hidden="true"></span></button>
            // A stored filter the org no longer allows (said, and left out
            // of the count), or a value its field cannot take.
            if let Some(why) = manage.filter_problem(i, ctx) {
                <Notice tone={Tone::Error} class="field-message">{ why }</Notice>
            }
            <datalist id="date-literals">
                { for ["TODAY", "YESTERDAY", "TOMORROW", "THIS_WEEK", "LAST_WEEK", "NEXT_WEEK", "THIS_MONTH", "LAST_MONTH", "NEXT_MONTH", "THIS_QUARTER", "THIS_YEAR", "LAST_N_DAYS:30", "NEXT_N_DAYS:30"].iter().map(|l| html! { <option value={*l} /> }) }
            </datalist>
        </div>
    }
}
