//! The To Do List screen: the user's open tasks (and those completed in
//! the last week), with filters that combine, search with shortcuts, sort,
//! grouping by due date, stars, labels, drag (or Alt+arrow) reordering,
//! completing and reopening from the checkbox, and a new-task form.
//!
//! It opens from the cache at once (`chrome.storage.local`), before the
//! org has answered anything (the panel mounts it as soon as a session is
//! stored), asks the org once the panel knows the org allows Sidecar, and
//! again when the panel regains focus or the worker's alarm says so. Fresh
//! tasks wait while the pointer is over the list, so it never jumps under
//! the user's cursor. The state and its transitions are
//! `sidecar_core::todo::screen`'s; the effects are the hooks of [`hooks`].

mod hooks;
mod labels;
mod new_task;
mod row;
mod state;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use sidecar_core::edits::pending::PendingEdit;
use sidecar_core::load::Load;
use sidecar_core::todo::screen::Action;
use sidecar_core::todo::view::{Shortcut, SortBy, shortcuts};
use yew::prelude::*;

use crate::api::Crm;
use crate::widgets::{Notice, Tone};
pub use hooks::prefetch_cache;
use hooks::{refresh, reschedule, save_prefs, set_done, use_todo_cache, use_todo_loader, use_todo_refresh_triggers};
use row::TaskRow;
use state::TodoState;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TodoScreenProps {
    /// Logged in and the org allows Sidecar: the org may be asked. Before,
    /// the screen shows the stored session's cached list only.
    pub online: bool,
    /// Open a record (object, id) on Home: a task, or what it is about.
    #[prop_or_default]
    pub on_open: Callback<(String, String)>,
    /// Changes the org could not take now, for Home's saver to keep and send.
    #[prop_or_default]
    pub on_keep: Callback<Vec<PendingEdit>>,
}

#[component]
pub fn TodoScreen(props: &TodoScreenProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let state = use_reducer(TodoState::default);
    let search_focus = use_state_eq(|| false);
    let asked = use_mut_ref(String::new);
    use_todo_cache(&crm, &state, props.online);
    use_todo_loader(&crm, &state, &asked, props.online);
    use_todo_refresh_triggers(&crm, &state, &asked);
    view(&crm, &state, &search_focus, &props.on_open, &props.on_keep)
}

/// The screen for `state`; every control dispatches an action (or starts
/// one of [`hooks`]' effects).
fn view(
    crm: &Crm,
    state: &UseReducerHandle<TodoState>,
    search_focus: &UseStateHandle<bool>,
    on_open: &Callback<(String, String)>,
    on_keep: &Callback<Vec<PendingEdit>>,
) -> Html {
    let (crm, state, search_focus) = (crm.clone(), state.clone(), search_focus.clone());
    let today = state.today(js_sys::Date::now() as i64);
    let groups = state.groups(today);
    let tasks = state.tasks();
    let shown_ids: Vec<String> = groups.iter().flat_map(|(_, ids)| ids.iter().map(|&i| tasks[i].id.clone())).collect();
    let shown_rc = Rc::new(shown_ids.clone());

    let send = |action: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action()))
    };
    let chip = |label: &'static str, on: bool, testid: &'static str, onclick: Callback<MouseEvent>| {
        html! { <button type="button" class={classes!("chip", on.then_some("on"))} aria-pressed={on.to_string()} data-testid={testid} {onclick}>{ label }</button> }
    };
    let all_on = state.all_filters_off();

    let on_search = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.dispatch(Action::Search(input.value()));
            }
        })
    };
    let suggestions = if *search_focus { shortcuts(&state.filters.search, &state.prefs) } else { Vec::new() };
    let apply_shortcut = |shortcut: Shortcut| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Shortcut(shortcut.clone())))
    };
    let chosen = |e: &Event| e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).filter(|v| !v.is_empty());
    let on_label_filter = {
        let state = state.clone();
        Callback::from(move |e: Event| state.dispatch(Action::Label(chosen(&e))))
    };
    let on_account_filter = {
        let state = state.clone();
        Callback::from(move |e: Event| state.dispatch(Action::Account(chosen(&e))))
    };
    let on_sort = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let sort = match chosen(&e).as_deref() {
                Some("priority") => SortBy::Priority,
                Some("subject") => SortBy::Subject,
                Some("created") => SortBy::Created,
                Some("manual") => SortBy::Manual,
                _ => SortBy::Due,
            };
            state.dispatch(Action::Sort(sort));
        })
    };
    let accounts = state.accounts();

    let status = match &state.load {
        Load::Idle | Load::Loading => html! { <Notice>{ "Loading your tasks…" }</Notice> },
        Load::Refreshing(_) => html! { <Notice class="small">{ "Updating…" }</Notice> },
        Load::Loaded(_) => match &state.failed {
            Some(why) => html! { <Notice tone={Tone::Error} testid="todo-error">{ format!("Your tasks couldn't be refreshed: {why}") }</Notice> },
            None => html! {},
        },
        Load::Failed(why) => html! { <Notice tone={Tone::Error} testid="todo-error">{ format!("Your tasks couldn't be refreshed: {why}") }</Notice> },
    };

    let total: usize = groups.iter().map(|(_, ids)| ids.len()).sum();
    let list = html! {
        <div class="todo-list" data-testid="todo-list" role="list" aria-label="Tasks"
            onmouseenter={{ let state = state.clone(); Callback::from(move |_: MouseEvent| state.dispatch(Action::Hover(true))) }}
            onmouseleave={{ let state = state.clone(); Callback::from(move |_: MouseEvent| state.dispatch(Action::Hover(false))) }}
            onkeydown={row::list_keys()}>
            { for groups.iter().map(|(group, ids)| html! {
                <section class={classes!("todo-group", group.map(|g| format!("group-{}", g.label().to_lowercase().replace(' ', "-"))))}
                    data-testid="todo-group" data-group={group.map(|g| g.label())}>
                    if let Some(g) = group {
                        <h3 class="todo-group-title">{ g.label() }<span class="muted">{ format!(" ({})", ids.len()) }</span></h3>
                    }
                    { for ids.iter().map(|&i| {
                        let task = &tasks[i];
                        html! {
                            <TaskRow key={task.id.clone()} task={task.clone()} today={today} locale={salesforce_rest::locale::Locale::of(&state.locale)}
                                starred={state.prefs.is_starred(&task.id)}
                                labels={state.prefs.labels_of(&task.id).into_iter().cloned().collect::<Vec<_>>()}
                                all_labels={state.prefs.labels.clone()}
                                saving={state.saving.contains(&task.id)} error={state.errors.get(&task.id).cloned()}
                                shown={shown_rc.clone()}
                                on_done={{ let (crm, state, task) = (crm.clone(), state.clone(), task.clone()); let on_keep = on_keep.clone(); Callback::from(move |done| set_done(&crm, &state, &on_keep, &task, done)) }}
                                expanded={state.expanded.as_deref() == Some(task.id.as_str())}
                                on_expand={{ let (state, id) = (state.clone(), task.id.clone()); Callback::from(move |()| state.dispatch(Action::Expand(id.clone()))) }}
                                on_reschedule={{ let (crm, state, task) = (crm.clone(), state.clone(), task.clone()); let on_keep = on_keep.clone(); Callback::from(move |date| reschedule(&crm, &state, &on_keep, &task, date)) }}
                                on_open={on_open.clone()}
                                on_star={{ let (state, id) = (state.clone(), task.id.clone()); Callback::from(move |()| { let mut p = state.prefs.clone(); p.toggle_star(&id); save_prefs(&state, p.clone(), Action::Prefs(p)); }) }}
                                on_label={{ let (state, id) = (state.clone(), task.id.clone()); Callback::from(move |label: String| {
                                    let mut p = state.prefs.clone();
                                    match p.toggle_label(&id, &label) { Ok(_) => save_prefs(&state, p.clone(), Action::Prefs(p)), Err(e) => state.dispatch(Action::Notice(Some(e.to_string()))) }
                                }) }}
                                on_move={{ let (state, shown) = (state.clone(), shown_ids.clone()); Callback::from(move |(moved, before): (String, Option<String>)| {
                                    let mut p = state.prefs.clone();
                                    p.move_task(&shown, &moved, before.as_deref());
                                    save_prefs(&state, p.clone(), Action::Moved(p));
                                }) }} />
                        }
                    }) }
                </section>
            }) }
            if total == 0 && state.load.value().is_some() {
                <p class="empty-state" data-testid="todo-empty">{ if all_on && state.filters.search.is_empty() { "Nothing to do. Enjoy the quiet." } else { "No tasks match these filters." } }</p>
            }
        </div>
    };

    html! {
        <div class="todo" data-testid="todo">
            <div class="todo-search">
                <input type="search" placeholder="Search tasks, or type a label or filter" aria-label="Search tasks"
                    data-testid="todo-search" value={state.filters.search.clone()} oninput={on_search}
                    onfocus={{ let f = search_focus.clone(); Callback::from(move |_: FocusEvent| f.set(true)) }}
                    onblur={{ let f = search_focus.clone(); Callback::from(move |_: FocusEvent| f.set(false)) }} />
                if !suggestions.is_empty() {
                    <ul class="shortcuts" role="listbox" aria-label="Shortcuts" data-testid="todo-shortcuts">
                        { for suggestions.into_iter().map(|s| {
                            let text = match &s {
                                Shortcut::Label(id) => format!("Label: {}", state.prefs.label(id).map_or(id.as_str(), |l| l.name.as_str())),
                                Shortcut::DueToday => "Filter: Due today".into(),
                                Shortcut::Overdue => "Filter: Overdue".into(),
                                Shortcut::Starred => "Filter: Starred".into(),
                            };
                            // mousedown, not click: the search box's blur would hide the list first.
                            let pick = apply_shortcut(s);
                            html! { <li role="option" aria-selected="false"><button type="button" class="link" onmousedown={pick}>{ text }</button></li> }
                        }) }
                    </ul>
                }
            </div>
            <div class="todo-filters" role="group" aria-label="Filters">
                { chip("All", all_on, "filter-all", send(|| Action::AllFilters)) }
                { chip("Due today", state.filters.due_today, "filter-due-today", send(|| Action::ToggleDueToday)) }
                { chip("Overdue", state.filters.overdue, "filter-overdue", send(|| Action::ToggleOverdue)) }
                { chip("Starred", state.filters.starred, "filter-starred", send(|| Action::ToggleStarred)) }
                <select aria-label="Label" data-testid="filter-label" onchange={on_label_filter}>
                    <option value="" selected={state.filters.label.is_none()}>{ "Any label" }</option>
                    { for state.prefs.labels.iter().map(|l| html! { <option value={l.id.clone()} selected={state.filters.label.as_deref() == Some(l.id.as_str())}>{ &l.name }</option> }) }
                </select>
                <select aria-label="Related account" data-testid="filter-account" onchange={on_account_filter}>
                    <option value="" selected={state.filters.account.is_none()}>{ "Any account" }</option>
                    { for accounts.iter().map(|(id, name)| html! { <option value={id.clone()} selected={state.filters.account.as_deref() == Some(id.as_str())}>{ name }</option> }) }
                </select>
            </div>
            <div class="todo-tools">
                <label>{ "Sort " }
                    <select data-testid="todo-sort" onchange={on_sort}>
                        { for [("due", "Due date", SortBy::Due), ("priority", "Priority", SortBy::Priority), ("subject", "Subject", SortBy::Subject), ("created", "Created date", SortBy::Created), ("manual", "My order", SortBy::Manual)]
                            .into_iter().map(|(v, l, s)| html! { <option value={v} selected={state.sort == s}>{ l }</option> }) }
                    </select>
                </label>
                <label><input type="checkbox" data-testid="todo-group-toggle" checked={state.grouped}
                    onchange={{ let state = state.clone(); Callback::from(move |_: Event| state.dispatch(Action::Grouped(!state.grouped))) }} />{ " Group by due date" }</label>
                <labels::LabelManager prefs={state.prefs.clone()} on_change={{ let state = state.clone(); Callback::from(move |p: sidecar_core::todo::prefs::TodoPrefs| save_prefs(&state, p.clone(), Action::Prefs(p))) }}
                    on_error={{ let state = state.clone(); Callback::from(move |e: String| state.dispatch(Action::Notice(Some(e)))) }} />
            </div>
            <new_task::NewTask priorities={state.priority_order.clone()} related={accounts.clone()}
                on_created={{ let (crm, state) = (crm.clone(), state.clone()); Callback::from(move |()| refresh(&crm, &state, &state.user_id, true)) }} />
            if let Some(n) = &state.notice {
                <Notice tone={Tone::Error} testid="todo-notice">{ n }</Notice>
            }
            { status }
            { list }
        </div>
    }
}
