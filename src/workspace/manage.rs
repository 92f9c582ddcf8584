//! The Manage Workspace dialog: name, object, owner scope, columns (the
//! object's fields and its parents', such as Account Name), filters
//! combined with AND (type-aware operators and values, date literals
//! included), the sort, and a live count of matching records (`SELECT
//! COUNT()` with the same filters, re-run a moment after each change).
//! Saving, adding and deleting follow `sidecar_core::workspace::model`.

use std::rc::Rc;

use serde_json::Value;
use sidecar_core::fields::{EditContext, FieldType};
use sidecar_core::workspace::ColumnSpec;
use sidecar_core::workspace::columns::{FieldChoice, field_choices, parents, starting_point, workspace_objects};
use sidecar_core::workspace::model::{Filter, Op, Scope, Sort, Workspace, Workspaces};
use sidecar_core::workspace::query::{count_query, ops_for, parse_filter_value, unusable_filter, unusable_sort};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::loader::Describes;
use crate::api::Crm;

/// Parents whose fields are offered, at most (each is one describe).
const MAX_PARENTS: usize = 12;
/// The count waits this long after the last change.
const COUNT_DELAY_MS: u32 = 350;

/// A change of a draft part by a control's new value.
type Change<T> = Rc<dyn Fn(&mut T, String)>;
/// A change of the column list (move, remove).
type Reorder = Rc<dyn Fn(&mut Vec<String>)>;

#[derive(Debug, Clone, PartialEq)]
pub enum ManageMode {
    New,
    Edit(String),
}

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

/// What the live count shows.
#[derive(Debug, Clone, PartialEq)]
enum Count {
    Counting,
    Matching(u64),
    Problem(String),
}

/// A new draft on `object`, before its describe arrives (then
/// `starting_point` replaces the column and sort where the object lacks them).
fn blank(object: &str) -> Workspace {
    Workspace {
        id: String::new(),
        name: String::new(),
        object: object.to_owned(),
        columns: vec!["Name".into()],
        scope: Scope::Mine,
        filters: Vec::new(),
        sort: Sort { field: "CreatedDate".into(), descending: true },
    }
}

fn select_value(e: &Event) -> String {
    e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

fn input_value(e: &InputEvent) -> String {
    e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

#[component]
pub fn Manage(props: &ManageProps) -> Html {
    let existing = match &props.mode {
        ManageMode::Edit(id) => props.list.get(id).cloned(),
        ManageMode::New => None,
    };
    let draft = use_state_eq(|| existing.clone().unwrap_or_else(|| blank("Opportunity")));
    let objects = use_state_eq(Vec::<(String, String)>::new);
    // Field choices of the draft's object, own then parents', with what
    // describe lets a workspace filter and sort on.
    let choices = use_state_eq(Vec::<FieldChoice>::new);
    // The draft's columns, filter and sort fields, described.
    let known = use_state_eq(Vec::<ColumnSpec>::new);
    let count = use_state_eq(|| Count::Counting);
    let error = use_state_eq(|| None::<String>);
    let confirm_delete = use_state_eq(|| false);
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let latest = use_mut_ref(|| 0_u32);
    // The draft as last rendered, for answers that arrive later (so they
    // never undo what the user did meanwhile).
    let current = use_mut_ref(|| (*draft).clone());
    *current.borrow_mut() = (*draft).clone();

    // The objects a workspace may list.
    {
        let (crm, objects, error) = (props.crm.clone(), objects.clone(), error.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                match crm.describe_global().await {
                    Ok(global) => objects.set(workspace_objects(&global)),
                    Err(e) => error.set(Some(e.user_message())),
                }
            });
        });
    }

    // The object's fields, then its parents' as their describes arrive.
    {
        let (crm, choices, draft, current) = (props.crm.clone(), choices.clone(), draft.clone(), current.clone());
        use_effect_with(draft.object.clone(), move |object: &String| {
            let object = object.clone();
            choices.set(Vec::new());
            spawn_local(async move {
                let Ok(describe) = crm.describe(&object).await else { return };
                // A new draft's guessed start (Name, CreatedDate) becomes
                // what describe allows (Case has CaseNumber, not Name).
                let now = current.borrow().clone();
                let untouched = blank(&object);
                if now.object == object && now.columns == untouched.columns && now.sort == untouched.sort {
                    let (columns, sort) = starting_point(&describe);
                    if columns != now.columns || sort != now.sort {
                        draft.set(Workspace { columns, sort, ..now });
                    }
                }
                let mut all = field_choices(&describe, "", None);
                choices.set(all.clone());
                // Parents describeGlobal does not list cannot be described by this user.
                let global = crm.describe_global().await.ok();
                let listed = |target: &String| global.as_ref().is_none_or(|g| g.object(target).is_some());
                for (relationship, label, target) in parents(&describe).into_iter().filter(|(_, _, t)| listed(t)).take(MAX_PARENTS) {
                    if let Ok(parent) = crm.describe(&target).await {
                        all.extend(field_choices(&parent, &format!("{relationship}."), Some(&label)));
                        choices.set(all.clone());
                    }
                }
            });
        });
    }

    // The live count, a moment after the last change.
    {
        let (crm, known, count, timer, latest) = (props.crm.clone(), known.clone(), count.clone(), timer.clone(), latest.clone());
        let (user_id, ctx) = (props.user_id.clone(), props.ctx.clone());
        use_effect_with((*draft).clone(), move |workspace: &Workspace| {
            let workspace = workspace.clone();
            count.set(Count::Counting);
            let ticket = latest.borrow().wrapping_add(1);
            *latest.borrow_mut() = ticket;
            let run = move || {
                spawn_local(async move {
                    let mut describes = Describes::default();
                    let outcome = describes.workspace_columns(&crm, &workspace).await;
                    if *latest.borrow() != ticket {
                        return;
                    }
                    let (_, found, _) = match outcome {
                        Ok(found) => found,
                        Err(e) => return count.set(Count::Problem(e.user_message())),
                    };
                    known.set(found.clone());
                    let query = match count_query(&workspace, &found, &user_id, &ctx) {
                        Ok(q) => q,
                        Err(e) => return count.set(Count::Problem(e.to_string())),
                    };
                    let answer = crm.query::<Value>(&query).await;
                    if *latest.borrow() != ticket {
                        return;
                    }
                    count.set(match answer {
                        Ok(page) => Count::Matching(page.total_size),
                        Err(e) => Count::Problem(e.user_message()),
                    });
                });
            };
            *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(COUNT_DELAY_MS, run));
        });
    }

    let update = |change: Change<Workspace>| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            change(&mut next, value);
            draft.set(next);
        })
    };

    let on_name = update(Rc::new(|w, v| w.name = v)).reform(|e: InputEvent| input_value(&e));
    let on_object = update(Rc::new(|w, v| *w = Workspace { name: w.name.clone(), id: w.id.clone(), ..blank(&v) })).reform(|e: Event| select_value(&e));
    let on_scope = |scope: Scope| {
        let draft = draft.clone();
        Callback::from(move |_: Event| draft.set(Workspace { scope, ..(*draft).clone() }))
    };
    let on_add_column = update(Rc::new(|w, v| {
        if !v.is_empty() && !w.columns.iter().any(|c| c.eq_ignore_ascii_case(&v)) {
            w.columns.push(v);
        }
    }))
    .reform(|e: Event| {
        let value = select_value(&e);
        // Back to the prompt, so the same list can add another.
        if let Some(select) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
            select.set_value("");
        }
        value
    });
    let on_sort_field = update(Rc::new(|w, v| w.sort.field = v)).reform(|e: Event| select_value(&e));
    let on_sort_dir = update(Rc::new(|w, v| w.sort.descending = v == "desc")).reform(|e: Event| select_value(&e));
    let on_add_filter = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            next.filters.push(Filter::new("", Op::Equals, ""));
            draft.set(next);
        })
    };

    let label_of = {
        let (choices, known) = ((*choices).clone(), (*known).clone());
        move |path: &str| -> String {
            known
                .iter()
                .find(|c| c.path.eq_ignore_ascii_case(path))
                .map(|c| c.label().to_owned())
                .or_else(|| choices.iter().find(|c| c.path.eq_ignore_ascii_case(path)).map(|c| c.label.clone()))
                .unwrap_or_else(|| path.to_owned())
        }
    };

    let columns = html! {
        <fieldset class="manage-columns">
            <legend>{ "Columns" }</legend>
            <ol class="column-list" data-testid="ws-columns">
                { for draft.columns.iter().enumerate().map(|(i, path)| {
                    let change = |f: Reorder| {
                        let draft = draft.clone();
                        Callback::from(move |_: MouseEvent| {
                            let mut next = (*draft).clone();
                            f(&mut next.columns);
                            draft.set(next);
                        })
                    };
                    let last = draft.columns.len() - 1;
                    html! {
                        <li data-path={path.clone()}>
                            <span class="truncate">{ label_of(path) }</span>
                            <button type="button" class="icon" aria-label={format!("Move {} up", label_of(path))} disabled={i == 0}
                                onclick={change(Rc::new(move |c| c.swap(i, i.saturating_sub(1))))}>{ "↑" }</button>
                            <button type="button" class="icon" aria-label={format!("Move {} down", label_of(path))} disabled={i == last}
                                onclick={change(Rc::new(move |c| c.swap(i, (i + 1).min(last))))}>{ "↓" }</button>
                            <button type="button" class="icon" aria-label={format!("Remove {}", label_of(path))}
                                onclick={change(Rc::new(move |c| { c.remove(i); }))}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ol>
            <select data-testid="add-column" aria-label="Add a column" onchange={on_add_column}>
                <option value="" selected=true>{ "Add a column…" }</option>
                { for choices.iter().filter(|f| !draft.columns.iter().any(|c| c.eq_ignore_ascii_case(&f.path))).map(|f| html! {
                    <option value={f.path.clone()}>{ &f.label }</option>
                }) }
            </select>
        </fieldset>
    };

    let filters = html! {
        <fieldset class="manage-filters">
            <legend>{ "Filters (records must match all)" }</legend>
            { for draft.filters.iter().enumerate().map(|(i, filter)| filter_row(i, filter, &draft, &choices, &known, &props.ctx)) }
            <button type="button" class="link" data-testid="add-filter" onclick={on_add_filter}>{ "+ Add a filter" }</button>
        </fieldset>
    };

    // A stored sort the org no longer allows: said, and left out of the count.
    let sort_note = (!known.is_empty()).then(|| unusable_sort(&draft, &known)).flatten();
    let sort = html! {
        <fieldset class="manage-sort">
            <legend>{ "Sort" }</legend>
            <select data-testid="sort-field" aria-label="Sort by" onchange={on_sort_field}>
                // Only what describe says is sortable (not a long text area).
                { for choices.iter().filter(|f| !f.path.contains('.') && f.sortable).map(|f| html! {
                    <option value={f.path.clone()} selected={f.path.eq_ignore_ascii_case(&draft.sort.field)}>{ &f.label }</option>
                }) }
            </select>
            if let Some(why) = sort_note {
                <p class="field-message" role="alert" data-testid="sort-note">{ why }</p>
            }
            <select data-testid="sort-dir" aria-label="Sort order" onchange={on_sort_dir}>
                <option value="asc" selected={!draft.sort.descending}>{ "Ascending" }</option>
                <option value="desc" selected={draft.sort.descending}>{ "Descending" }</option>
            </select>
        </fieldset>
    };

    let count_text = match &*count {
        Count::Counting => html! { <span class="muted">{ "Counting matching records…" }</span> },
        Count::Matching(n) => html! { <strong>{ format!("{n} matching record{}", if *n == 1 { "" } else { "s" }) }</strong> },
        Count::Problem(why) => html! { <span class="error">{ why }</span> },
    };

    let on_save = {
        let (draft, list, mode, on_save, error, known, ctx) =
            (draft.clone(), props.list.clone(), props.mode.clone(), props.on_save.clone(), error.clone(), known.clone(), props.ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut workspace = (*draft).clone();
            workspace.name = workspace.name.trim().to_owned();
            // A filter left without a field is dropped; a bad value stops the save.
            workspace.filters.retain(|f| !f.field.is_empty());
            for f in &workspace.filters {
                if let Some(column) = known.iter().find(|c| c.path.eq_ignore_ascii_case(&f.field))
                    && let Err(why) = parse_filter_value(column, f.op, &f.value, &ctx)
                {
                    return error.set(Some(why.to_string()));
                }
            }
            let mut next = list.clone();
            let saved = match &mode {
                ManageMode::New => next.add(workspace),
                ManageMode::Edit(_) => next.update(workspace.clone()).map(|()| workspace.id.clone()),
            };
            match saved {
                Ok(id) => on_save.emit((next, Some(id))),
                Err(why) => error.set(Some(why.to_string())),
            }
        })
    };

    let delete = match (&props.mode, *confirm_delete) {
        (ManageMode::New, _) => html! {},
        (ManageMode::Edit(_), false) => {
            let confirm = confirm_delete.clone();
            html! { <button type="button" class="button danger" data-testid="delete-workspace" onclick={Callback::from(move |_: MouseEvent| confirm.set(true))}>{ "Delete" }</button> }
        }
        (ManageMode::Edit(id), true) => {
            let (list, id, on_save, error, confirm) = (props.list.clone(), id.clone(), props.on_save.clone(), error.clone(), confirm_delete.clone());
            let yes = Callback::from(move |_: MouseEvent| {
                let mut next = list.clone();
                match next.delete(&id) {
                    Ok(()) => on_save.emit((next, None)),
                    Err(why) => error.set(Some(why.to_string())),
                }
            });
            html! {
                <span class="confirm" role="group" aria-label="Confirm delete">
                    { "Delete this workspace?" }
                    <button type="button" class="button danger" data-testid="confirm-delete" onclick={yes}>{ "Yes, delete" }</button>
                    <button type="button" class="button" onclick={Callback::from(move |_: MouseEvent| confirm.set(false))}>{ "Keep it" }</button>
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
                    { for objects.iter().map(|(name, label)| html! {
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
                <p class="live-count" data-testid="ws-count" aria-live="polite">{ count_text }</p>
                if let Some(why) = &*error {
                    <p class="notice error" role="alert" data-testid="manage-error">{ why }</p>
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
/// the value's problem, if any.
fn filter_row(i: usize, filter: &Filter, draft: &UseStateHandle<Workspace>, choices: &[FieldChoice], known: &[ColumnSpec], ctx: &EditContext) -> Html {
    let column = known.iter().find(|c| c.path.eq_ignore_ascii_case(&filter.field));
    let ty = column.map(ColumnSpec::ty);
    let set = |f: Change<Filter>| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            if let Some(filter) = next.filters.get_mut(i) {
                f(filter, value);
            }
            draft.set(next);
        })
    };
    let on_field = set(Rc::new(|f, v| {
        f.field = v;
        f.op = Op::Equals;
        f.value.clear();
    }))
    .reform(|e: Event| select_value(&e));
    let on_op = set(Rc::new(|f, v| f.op = serde_json::from_value(Value::String(v)).unwrap_or(Op::Equals))).reform(|e: Event| select_value(&e));
    let on_value_select = set(Rc::new(|f, v| f.value = v)).reform(|e: Event| select_value(&e));
    let on_value_input = set(Rc::new(|f, v| f.value = v)).reform(|e: InputEvent| input_value(&e));
    let remove = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            if i < next.filters.len() {
                next.filters.remove(i);
            }
            draft.set(next);
        })
    };
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
            let placeholder = if dated { "MM/DD/YYYY, TODAY, NEXT_WEEK…" } else { "Value" };
            html! {
                <input class="field-input" data-testid={format!("filter-value-{i}")} aria-label="Value" {placeholder}
                    value={filter.value.clone()} oninput={on_value_input} list={dated.then_some("date-literals")} />
            }
        }
    };
    let value_problem =
        column.filter(|_| filter.op.needs_value() && !filter.value.trim().is_empty()).and_then(|c| parse_filter_value(c, filter.op, &filter.value, ctx).err());
    // A stored filter the org no longer allows: said, and left out of the count.
    let unusable = (!filter.field.is_empty() && !known.is_empty()).then(|| unusable_filter(filter, known)).flatten();
    let problem = unusable.or(value_problem.map(|e| e.to_string()));
    html! {
        <div class="filter-row" data-testid="filter-row">
            <select class="field-input" data-testid={format!("filter-field-{i}")} aria-label="Field" onchange={on_field}>
                <option value="" selected={filter.field.is_empty()}>{ "Choose a field…" }</option>
                // Only what describe says is filterable (not a long text area).
                { for choices.iter().filter(|f| f.filterable).map(|f| html! { <option value={f.path.clone()} selected={f.path.eq_ignore_ascii_case(&filter.field)}>{ &f.label }</option> }) }
            </select>
            <select class="field-input" data-testid={format!("filter-op-{i}")} aria-label="Operator" onchange={on_op}>
                { for ops.iter().map(|&op| html! { <option value={op_name(op)} selected={op == filter.op}>{ op.label() }</option> }) }
            </select>
            { value }
            <button type="button" class="icon" aria-label="Remove this filter" onclick={remove}>{ "×" }</button>
            if let Some(why) = problem {
                <p class="field-message" role="alert">{ why }</p>
            }
            <datalist id="date-literals">
                { for ["TODAY", "YESTERDAY", "TOMORROW", "THIS_WEEK", "LAST_WEEK", "NEXT_WEEK", "THIS_MONTH", "LAST_MONTH", "NEXT_MONTH", "THIS_QUARTER", "THIS_YEAR", "LAST_N_DAYS:30", "NEXT_N_DAYS:30"].iter().map(|l| html! { <option value={*l} /> }) }
            </datalist>
        </div>
    }
}
