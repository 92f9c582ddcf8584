//! The To Do List screen: the user's open tasks (and those completed in
//! the last week), with filters that combine, search with shortcuts, sort,
//! grouping by due date, stars, labels, drag (or Alt+arrow) reordering,
//! completing and reopening from the checkbox, and a new-task form.
//!
//! It opens from the cache at once (`chrome.storage.local`), asks the org
//! in the background, and again when the panel regains focus or the
//! worker's alarm says so. Fresh tasks wait while the pointer is over the
//! list, so it never jumps under the user's cursor.

mod labels;
mod new_task;
mod row;
mod state;

use std::rc::Rc;

use salesforce_rest::SfId;
use salesforce_rest::wire::Record;
use sidecar_core::messages::Message;
use sidecar_core::todo::complete::{Statuses, optimistic, status_patch, statuses_query};
use sidecar_core::todo::prefs::{TodoPrefs, storage_key};
use sidecar_core::todo::task::{TodoTask, tasks_query};
use sidecar_core::todo::view::{Filters, Group, Shortcut, SortBy, ViewContext, grouped, shortcuts, visible};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::Crm;
use crate::platform::{runtime, storage, synced};
use row::TaskRow;
use state::{Load, TodoAction, TodoState};

/// The `chrome.storage.local` key of a user's cached tasks (their records).
fn cache_key(user_id: &str) -> String {
    sidecar_core::settings::keys::todo_cache(user_id)
}

/// Asks the org for `user_id`'s tasks, and caches them. `now`: show them
/// even while the pointer is over the list (after the user's own change).
fn refresh(crm: &Crm, state: &UseReducerHandle<TodoState>, user_id: &str, now: bool) {
    let user_id = user_id.to_owned();
    if user_id.is_empty() {
        return;
    }
    let (crm, state) = (crm.clone(), state.clone());
    spawn_local(async move {
        match crm.query_all_pages::<Record>(&tasks_query(&user_id), 2000).await {
            Ok(records) => {
                let tasks = records.iter().filter_map(TodoTask::from_record).collect();
                state.dispatch(TodoAction::Tasks { tasks, fresh: true, now });
                storage::set(&cache_key(&user_id), &records).await.ok();
            }
            Err(e) => state.dispatch(TodoAction::Failed(e.user_message())),
        }
    });
}

/// Saves the prefs (labels, stars, order) where they fit.
pub(super) fn save_prefs(state: &UseReducerHandle<TodoState>, prefs: TodoPrefs) {
    let (state, key) = (state.clone(), storage_key(&state.user_id));
    state.dispatch(TodoAction::Prefs(prefs.clone()));
    spawn_local(async move {
        if let Err(e) = synced::save(&key, &prefs.to_json()).await {
            state.dispatch(TodoAction::Notice(Some(format!("Your labels and stars couldn't be saved: {}", e.message))));
        }
    });
}

/// The checkbox: completes (or reopens) at once, rolls back with the
/// org's reason when the update fails.
fn set_done(crm: &Crm, state: &UseReducerHandle<TodoState>, task: &TodoTask, done: bool) {
    let (Some(shown), Some(patch)) = (optimistic(task, &state.statuses, done), status_patch(&state.statuses, done)) else {
        let why = "Your org has no status that closes a task, so it can't be completed here.".to_owned();
        return state.dispatch(TodoAction::ChangeDone { id: task.id.clone(), outcome: Err((why, task.clone())) });
    };
    let Ok(id) = SfId::parse(&task.id) else { return };
    let old = task.clone();
    state.dispatch(TodoAction::ChangeBegin { shown });
    let (crm, state) = (crm.clone(), state.clone());
    spawn_local(async move {
        let outcome = crm.update("Task", &id, &patch).await.map_err(|e| (e.user_message(), old));
        let ok = outcome.is_ok();
        state.dispatch(TodoAction::ChangeDone { id: id.to_string(), outcome });
        if ok {
            refresh(&crm, &state, &state.user_id, false);
        }
    });
}

#[component]
pub fn TodoScreen() -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let state = use_reducer(TodoState::new);
    let search_focus = use_state_eq(|| false);
    // The user's id for listeners set up before it was known.
    let user = use_mut_ref(String::new);

    // Who, their zone, the cache, then the org: tasks, statuses, priorities, prefs.
    {
        let (crm, state, user_ref) = (crm.clone(), state.clone(), user.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                let user = match crm.me().await {
                    Ok(user) => user,
                    Err(e) => return state.dispatch(TodoAction::Failed(e.user_message())),
                };
                let user_id = user.user_id.clone();
                *user_ref.borrow_mut() = user_id.clone();
                state.dispatch(TodoAction::Meta { user_id: user_id.clone(), zone: user.zoneinfo.clone() });
                if let Ok(Some(records)) = storage::get::<Vec<Record>>(&cache_key(&user_id)).await {
                    let tasks = records.iter().filter_map(TodoTask::from_record).collect();
                    state.dispatch(TodoAction::Tasks { tasks, fresh: false, now: false });
                }
                if let Ok(json) = synced::load(&storage_key(&user_id)).await {
                    state.dispatch(TodoAction::Prefs(TodoPrefs::from_json(json.as_deref())));
                }
                refresh(&crm, &state, &user_id, false);
                match crm.query::<Record>(&statuses_query()).await {
                    Ok(page) => state.dispatch(TodoAction::Statuses(Statuses::from_records(&page.records))),
                    Err(e) => state.dispatch(TodoAction::Notice(Some(format!("Task statuses couldn't be read: {}", e.user_message())))),
                }
                if let Ok(describe) = crm.describe("Task").await {
                    let order = describe.field("Priority").map(|f| f.picklist_values.iter().map(|p| p.value.clone()).collect()).unwrap_or_default();
                    state.dispatch(TodoAction::PriorityOrder(order));
                }
            });
        });
    }

    // Again when the panel regains focus, or the worker's alarm says so.
    {
        let (crm, state, user) = (crm.clone(), state.clone(), user.clone());
        use_effect_with((), move |()| {
            let on_focus = {
                let (crm, state, user) = (crm.clone(), state.clone(), user.clone());
                gloo::events::EventListener::new(&gloo::utils::window(), "focus", move |_| refresh(&crm, &state, &user.borrow(), false))
            };
            let on_message = runtime::on_message(move |message| {
                if matches!(message, Message::Refresh { .. }) {
                    refresh(&crm, &state, &user.borrow(), false);
                }
            })
            .ok();
            move || drop((on_focus, on_message))
        });
    }

    let today = salesforce_rest::tz::local_date(if state.zone.is_empty() { "UTC" } else { &state.zone }, js_sys::Date::now() as i64);
    let cx = ViewContext { today, prefs: &state.prefs, priority_order: &state.priority_order };
    let groups: Vec<(Option<Group>, Vec<usize>)> = if state.grouped {
        grouped(&state.tasks, &state.filters, state.sort, &cx).into_iter().map(|(g, ids)| (Some(g), ids)).collect()
    } else {
        vec![(None, visible(&state.tasks, &state.filters, state.sort, &cx))]
    };
    let shown_ids: Vec<String> = groups.iter().flat_map(|(_, ids)| ids.iter().map(|&i| state.tasks[i].id.clone())).collect();
    let shown_rc = Rc::new(shown_ids.clone());

    let set_filters = {
        let state = state.clone();
        move |change: fn(&mut Filters)| {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| {
                let mut f = state.filters.clone();
                change(&mut f);
                state.dispatch(TodoAction::Filters(f));
            })
        }
    };
    let chip = |label: &'static str, on: bool, testid: &'static str, onclick: Callback<MouseEvent>| {
        html! { <button type="button" class={classes!("chip", on.then_some("on"))} aria-pressed={on.to_string()} data-testid={testid} {onclick}>{ label }</button> }
    };
    let all_on = state.filters == Filters { search: state.filters.search.clone(), ..Filters::default() };

    let on_search = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.dispatch(TodoAction::Filters(Filters { search: input.value(), ..state.filters.clone() }));
            }
        })
    };
    let suggestions = if *search_focus { shortcuts(&state.filters.search, &state.prefs) } else { Vec::new() };
    let apply_shortcut = |shortcut: Shortcut| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let mut f = Filters { search: String::new(), ..state.filters.clone() };
            match &shortcut {
                Shortcut::Label(id) => f.label = Some(id.clone()),
                Shortcut::DueToday => f.due_today = true,
                Shortcut::Overdue => f.overdue = true,
                Shortcut::Starred => f.starred = true,
            }
            state.dispatch(TodoAction::Filters(f));
        })
    };

    let on_label_filter = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            state.dispatch(TodoAction::Filters(Filters { label: (!value.is_empty()).then_some(value), ..state.filters.clone() }));
        })
    };
    let on_account_filter = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            state.dispatch(TodoAction::Filters(Filters { account: (!value.is_empty()).then_some(value), ..state.filters.clone() }));
        })
    };
    let on_sort = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let sort = match value.as_str() {
                "priority" => SortBy::Priority,
                "subject" => SortBy::Subject,
                "created" => SortBy::Created,
                "manual" => SortBy::Manual,
                _ => SortBy::Due,
            };
            state.dispatch(TodoAction::Sort(sort));
        })
    };
    let mut accounts: Vec<(String, String)> = state.tasks.iter().filter_map(|t| t.account.as_ref()).map(|a| (a.id.clone(), a.name.clone())).collect();
    accounts.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then(a.0.cmp(&b.0)));
    accounts.dedup_by(|a, b| a.0 == b.0);

    let status = match &state.load {
        Load::Loading => html! { <p class="muted" role="status">{ "Loading your tasks…" }</p> },
        Load::Refreshing => html! { <p class="muted small" role="status">{ "Updating…" }</p> },
        Load::Ready => html! {},
        Load::Failed(why) => html! { <p class="notice error" role="alert" data-testid="todo-error">{ format!("Your tasks couldn't be refreshed: {why}") }</p> },
    };

    let total: usize = groups.iter().map(|(_, ids)| ids.len()).sum();
    let list = html! {
        <div class="todo-list" data-testid="todo-list" role="list" aria-label="Tasks"
            onmouseenter={{ let state = state.clone(); Callback::from(move |_: MouseEvent| state.dispatch(TodoAction::Hover(true))) }}
            onmouseleave={{ let state = state.clone(); Callback::from(move |_: MouseEvent| state.dispatch(TodoAction::Hover(false))) }}
            onkeydown={row::list_keys()}>
            { for groups.iter().map(|(group, ids)| html! {
                <section class={classes!("todo-group", group.map(|g| format!("group-{}", g.label().to_lowercase().replace(' ', "-"))))}
                    data-testid="todo-group" data-group={group.map(|g| g.label())}>
                    if let Some(g) = group {
                        <h3 class="todo-group-title">{ g.label() }<span class="muted">{ format!(" ({})", ids.len()) }</span></h3>
                    }
                    { for ids.iter().map(|&i| {
                        let task = &state.tasks[i];
                        html! {
                            <TaskRow key={task.id.clone()} task={task.clone()} today={today}
                                starred={state.prefs.is_starred(&task.id)}
                                labels={state.prefs.labels_of(&task.id).into_iter().cloned().collect::<Vec<_>>()}
                                all_labels={state.prefs.labels.clone()}
                                saving={state.saving.contains(&task.id)} error={state.errors.get(&task.id).cloned()}
                                shown={shown_rc.clone()}
                                on_done={{ let (crm, state, task) = (crm.clone(), state.clone(), task.clone()); Callback::from(move |done| set_done(&crm, &state, &task, done)) }}
                                on_star={{ let (state, id) = (state.clone(), task.id.clone()); Callback::from(move |()| { let mut p = state.prefs.clone(); p.toggle_star(&id); save_prefs(&state, p); }) }}
                                on_label={{ let (state, id) = (state.clone(), task.id.clone()); Callback::from(move |label: String| {
                                    let mut p = state.prefs.clone();
                                    match p.toggle_label(&id, &label) { Ok(_) => save_prefs(&state, p), Err(e) => state.dispatch(TodoAction::Notice(Some(e.to_string()))) }
                                }) }}
                                on_move={{ let (state, shown) = (state.clone(), shown_ids.clone()); Callback::from(move |(moved, before): (String, Option<String>)| {
                                    let mut p = state.prefs.clone();
                                    p.move_task(&shown, &moved, before.as_deref());
                                    save_prefs(&state, p);
                                    state.dispatch(TodoAction::Sort(SortBy::Manual));
                                }) }} />
                        }
                    }) }
                </section>
            }) }
            if total == 0 && !matches!(state.load, Load::Loading) {
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
                { chip("All", all_on, "filter-all", set_filters(|f| *f = Filters { search: f.search.clone(), ..Filters::default() })) }
                { chip("Due today", state.filters.due_today, "filter-due-today", set_filters(|f| {
                    // No task is both due today and overdue: the two are a choice.
                    f.due_today = !f.due_today;
                    f.overdue &= !f.due_today;
                })) }
                { chip("Overdue", state.filters.overdue, "filter-overdue", set_filters(|f| {
                    f.overdue = !f.overdue;
                    f.due_today &= !f.overdue;
                })) }
                { chip("Starred", state.filters.starred, "filter-starred", set_filters(|f| f.starred = !f.starred)) }
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
                    onchange={{ let state = state.clone(); Callback::from(move |_: Event| state.dispatch(TodoAction::Grouped(!state.grouped))) }} />{ " Group by due date" }</label>
                <labels::LabelManager prefs={state.prefs.clone()} on_change={{ let state = state.clone(); Callback::from(move |p| save_prefs(&state, p)) }}
                    on_error={{ let state = state.clone(); Callback::from(move |e: String| state.dispatch(TodoAction::Notice(Some(e)))) }} />
            </div>
            <new_task::NewTask priorities={state.priority_order.clone()} related={accounts.clone()}
                on_created={{ let (crm, state) = (crm.clone(), state.clone()); Callback::from(move |()| refresh(&crm, &state, &state.user_id, true)) }} />
            if let Some(n) = &state.notice {
                <p class="notice" role="alert" data-testid="todo-notice">{ n }</p>
            }
            { status }
            { list }
        </div>
    }
}
