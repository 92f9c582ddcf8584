//! One task in the list: the completion checkbox, star, subject, due date
//! (red when overdue), the high-priority flag, who and what it is about,
//! its labels and the label menu. Keyboard: arrows move between tasks,
//! Space completes, `s` stars, Alt+arrows move a task in "My order";
//! with the mouse, drag a task onto another to put it before that one.

use std::rc::Rc;

use salesforce_rest::soql::Date;
use sidecar_core::todo::prefs::Label;
use sidecar_core::todo::task::TodoTask;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TaskRowProps {
    pub task: TodoTask,
    pub today: Date,
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
}

fn date_text(d: Date) -> String {
    format!("{}/{}/{}", d.month, d.day, d.year)
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
                        <span class="todo-flag" title="High priority" aria-label="High priority" data-testid="todo-flag">{ "⚑" }</span>
                    }
                    <span class={classes!("todo-subject", task.subject.trim().is_empty().then_some("muted"))} data-testid="todo-subject">{ title.clone() }</span>
                </div>
                <div class="todo-meta">
                    if let Some(due) = task.due {
                        <span class={classes!("todo-due", overdue.then_some("overdue"))} data-testid="todo-due">{ date_text(due) }</span>
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
            </div>
            <button type="button" class={classes!("todo-star", props.starred.then_some("on"))} aria-pressed={props.starred.to_string()}
                aria-label={format!("Star {title}")} data-testid="todo-star" onclick={props.on_star.reform(|_: MouseEvent| ())}>
                { if props.starred { "★" } else { "☆" } }
            </button>
            if !props.all_labels.is_empty() {
                <details class="todo-label-menu">
                    <summary aria-label={format!("Labels of {title}")} data-testid="todo-label-menu">{ "🏷" }</summary>
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
