//! One task in the list: the completion checkbox, star, subject, due date
//! (red when overdue), the high-priority flag, who and what it is about,
//! its labels and the label menu. A click on the subject opens the task in
//! place: its comments, the records it is about (each opens on Home),
//! rescheduling (tomorrow, next week, a date) and "Open task". Keyboard: arrows move between tasks,
//! Space completes, `s` stars, Alt+arrows move a task in "My order";
//! with the mouse, drag a task onto another to put it before that one.

use std::rc::Rc;

use salesforce_rest::locale::Locale;
use salesforce_rest::soql::Date;
use sidecar_core::fields;
use sidecar_core::todo::prefs::Label;
use sidecar_core::todo::reschedule::When;
use sidecar_core::todo::task::TodoTask;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TaskRowProps {
    pub task: TodoTask,
    pub today: Date,
    /// The user's locale: how the due date reads, when next week starts.
    pub locale: &'static Locale,
    pub starred: bool,
    pub labels: Vec<Label>,
    pub all_labels: Vec<Label>,
    pub saving: bool,
    pub error: Option<String>,
    /// The ids as listed, for Alt+arrow moves.
    pub shown: Rc<Vec<String>>,
    pub on_done: Callback<bool>,
    pub on_star: Callback<()>,
    pub on_label: Callback<String>,
    /// (moved id, the id it now comes before; `None`: the end).
    pub on_move: Callback<(String, Option<String>)>,
    /// Opened: its comments, what it is about, and how to reschedule it.
    #[prop_or_default]
    pub expanded: bool,
    /// The subject clicked: open or close the task.
    #[prop_or_default]
    pub on_expand: Callback<()>,
    #[prop_or_default]
    pub on_reschedule: Callback<Date>,
    /// Open a record (object, id) on Home.
    #[prop_or_default]
    pub on_open: Callback<(String, String)>,
}

#[component]
pub fn TaskRow(props: &TaskRowProps) -> Html {
    let task = &props.task;
    let overdue = !task.closed && task.due.is_some_and(|d| d < props.today);
    let toggle = {
        let (on_done, done) = (props.on_done.clone(), !task.closed);
        Callback::from(move |_: MouseEvent| on_done.emit(done))
    };
    let onkeydown = {
        let (on_done, on_star, on_move, done) = (props.on_done.clone(), props.on_star.clone(), props.on_move.clone(), !task.closed);
        let (id, shown) = (task.id.clone(), props.shown.clone());
        Callback::from(move |e: KeyboardEvent| {
            // Keys on the row itself; its buttons handle their own. (yew
            // delegates events, so `current_target` is not the row.)
            let on_row = e.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|t| t.get_attribute("data-testid").as_deref() == Some("todo-item"));
            if !on_row {
                return;
            }
            let at = shown.iter().position(|s| *s == id);
            match (e.key().as_str(), e.alt_key(), at) {
                (" ", false, _) => on_done.emit(done),
                ("s" | "S", false, _) => on_star.emit(()),
                ("ArrowUp", true, Some(k)) if k > 0 => on_move.emit((id.clone(), Some(shown[k - 1].clone()))),
                ("ArrowDown", true, Some(k)) if k + 1 < shown.len() => on_move.emit((id.clone(), shown.get(k + 2).cloned())),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let ondragstart = {
        let id = task.id.clone();
        Callback::from(move |e: DragEvent| {
            if let Some(dt) = e.data_transfer() {
                dt.set_data("text/x-sidecar-task", &id).ok();
                dt.set_effect_allowed("move");
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let (on_move, id) = (props.on_move.clone(), task.id.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let moved = e.data_transfer().and_then(|dt| dt.get_data("text/x-sidecar-task").ok()).unwrap_or_default();
            if !moved.is_empty() && moved != id {
                on_move.emit((moved, Some(id.clone())));
            }
        })
    };
    let related: Vec<String> = [task.who.as_ref(), task.what.as_ref()].into_iter().flatten().map(|r| r.name.clone()).filter(|n| !n.is_empty()).collect();
    let title = task.title().to_owned();
    html! {
        <div class={classes!("todo-item", task.closed.then_some("done"), props.saving.then_some("saving"), props.error.is_some().then_some("has-error"))}
            role="listitem" tabindex="0" data-testid="todo-item" data-id={task.id.clone()} draggable="true"
            {onkeydown} {ondragstart} {ondragover} {ondrop}>
            <button type="button" role="checkbox" class="todo-check" aria-checked={task.closed.to_string()}
                aria-label={format!("{} {title}", if task.closed { "Reopen" } else { "Complete" })}
                data-testid="todo-complete" disabled={props.saving} onclick={toggle}></button>
            <div class="todo-main">
                <div class="todo-line">
                    if task.high_priority {
                        <span class="todo-flag utility-icon icon-priority" title="High priority" role="img" aria-label="High priority" data-testid="todo-flag"></span>
                    }
                    <button type="button" class={classes!("todo-subject", task.subject.trim().is_empty().then_some("muted"))} data-testid="todo-subject" title={title.clone()}
                        aria-expanded={props.expanded.to_string()} aria-controls={format!("todo-detail-{}", task.id)}
                        onclick={props.on_expand.reform(|_: MouseEvent| ())}>{ title.clone() }</button>
                </div>
                <div class="todo-meta">
                    if let Some(due) = task.due {
                        <span class={classes!("todo-due", overdue.then_some("overdue"))} data-testid="todo-due">{ fields::format_date(due, props.locale) }</span>
                    }
                    if !related.is_empty() {
                        <span class="todo-related truncate">{ related.join(" · ") }</span>
                    }
                    { for props.labels.iter().map(|l| html! {
                        <span class="todo-label" style={format!("background: {}", l.color)} data-testid="todo-label">{ &l.name }</span>
                    }) }
                </div>
                if let Some(why) = &props.error {
                    <p class="field-message" role="alert" data-testid="todo-item-error">{ why }</p>
                }
                if props.expanded {
                    { detail(props) }
                }
            </div>
            <button type="button" class={classes!("todo-star", props.starred.then_some("on"))} aria-pressed={props.starred.to_string()}
                aria-label={format!("Star {title}")} data-testid="todo-star" onclick={props.on_star.reform(|_: MouseEvent| ())}>
                <span class="utility-icon icon-favorite" aria-hidden="true"></span>
            </button>
            if !props.all_labels.is_empty() {
                <details class="todo-label-menu">
                    <summary aria-label={format!("Labels of {title}")} data-testid="todo-label-menu"><span class="utility-icon icon-label" aria-hidden="true"></span></summary>
                    <ul>
                        { for props.all_labels.iter().map(|l| {
                            let on = props.labels.iter().any(|x| x.id == l.id);
                            let (on_label, id) = (props.on_label.clone(), l.id.clone());
                            html! {
                                <li><button type="button" role="menuitemcheckbox" aria-checked={on.to_string()} data-label={l.id.clone()}
                                    onclick={Callback::from(move |_: MouseEvent| on_label.emit(id.clone()))}>
                                    <span class="todo-swatch" style={format!("background: {}", l.color)}></span>{ &l.name }
                                </button></li>
                            }
                        }) }
                    </ul>
                </details>
            }
        </div>
    }
}

/// An opened task: its comments, priority and status, the records it is
/// about (each opens on Home), and the ways to reschedule it.
fn detail(props: &TaskRowProps) -> Html {
    let task = &props.task;
    // The Account line only when it is not the record the task is about.
    let account = task.account.as_ref().filter(|a| !task.what.as_ref().is_some_and(|w| salesforce_rest::id::same_record(&w.id, &a.id)));
    let related = [("Contact or Lead", task.who.as_ref()), ("Related to", task.what.as_ref()), ("Account", account)];
    let open = |object: String, id: String| {
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| on_open.emit((object.clone(), id.clone())))
    };
    let move_to = |when: When| {
        let (on_reschedule, date) = (props.on_reschedule.clone(), when.date(props.today, props.locale));
        html! {
            <button type="button" class="button" data-testid={format!("todo-reschedule-{}", if when == When::Tomorrow { "tomorrow" } else { "next-week" })}
                disabled={props.saving || task.closed} onclick={Callback::from(move |_: MouseEvent| on_reschedule.emit(date))}>{ when.label(props.today, props.locale) }</button>
        }
    };
    let on_date = {
        let on_reschedule = props.on_reschedule.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(date) = Date::parse(&input.value()) {
                on_reschedule.emit(date);
            }
        })
    };
    html! {
        <div class="todo-detail" id={format!("todo-detail-{}", task.id)} data-testid="todo-detail">
            <p class={classes!("todo-comments", task.description.trim().is_empty().then_some("muted"))} data-testid="todo-comments">
                { if task.description.trim().is_empty() { "No comments." } else { task.description.as_str() } }
            </p>
            <p class="todo-facts muted">{ [task.priority.as_str(), task.status.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" · ") }</p>
            <ul class="todo-related-list">
                { for related.iter().filter_map(|(what, r)| r.map(|r| (what, r))).filter(|(_, r)| !r.object.is_empty()).map(|(what, r)| html! {
                    <li>
                        <span class="muted">{ format!("{what}: ") }</span>
                        <button type="button" class="link-button" data-testid="todo-related" data-object={r.object.clone()}
                            onclick={open(r.object.clone(), r.id.clone())}>{ if r.name.is_empty() { r.id.as_str() } else { r.name.as_str() } }</button>
                    </li>
                }) }
            </ul>
            if !task.closed {
                <div class="todo-reschedule" role="group" aria-label="Reschedule">
                    { move_to(When::Tomorrow) }
                    { move_to(When::NextWeek) }
                    <label class="todo-reschedule-date">
                        <span class="muted">{ "Due " }</span>
                        <input type="date" data-testid="todo-reschedule-date" disabled={props.saving}
                            value={task.due.map(|d| d.to_string()).unwrap_or_default()} onchange={on_date} />
                    </label>
                </div>
            }
            <button type="button" class="link-button" data-testid="todo-open-task" onclick={open("Task".to_owned(), task.id.clone())}>{ "Open task" }</button>
        </div>
    }
}

/// Arrow keys on the list move the focus between tasks.
pub fn list_keys() -> Callback<KeyboardEvent> {
    Callback::from(|e: KeyboardEvent| {
        let step: i32 = match (e.key().as_str(), e.alt_key()) {
            ("ArrowDown", false) => 1,
            ("ArrowUp", false) => -1,
            _ => return,
        };
        let Some(item) = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest(".todo-item").ok().flatten()) else { return };
        let Some(list) = item.closest(".todo-list").ok().flatten() else { return };
        let Ok(items) = list.query_selector_all(".todo-item") else { return };
        let all: Vec<HtmlElement> = (0..items.length()).filter_map(|i| items.item(i)?.dyn_into().ok()).collect();
        let Some(at) = all.iter().position(|el| el.is_same_node(Some(&item))) else { return };
        let next = at as i32 + step;
        if let Some(el) = usize::try_from(next).ok().and_then(|n| all.get(n)) {
            e.prevent_default();
            el.focus().ok();
        }
    })
}
