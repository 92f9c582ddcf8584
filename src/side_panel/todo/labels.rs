//! Managing the user's labels: up to 10, each with a color; names are the
//! user's own and stay in their browser profile.

use sidecar_core::todo::prefs::{COLORS, TodoPrefs};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct LabelManagerProps {
    pub prefs: TodoPrefs,
    pub on_change: Callback<TodoPrefs>,
    pub on_error: Callback<String>,
}

#[component]
pub fn LabelManager(props: &LabelManagerProps) -> Html {
    let name = use_state_eq(String::new);
    let color = use_state_eq(|| COLORS[0].to_owned());
    let add = {
        let (name, color, prefs, on_change, on_error) = (name.clone(), color.clone(), props.prefs.clone(), props.on_change.clone(), props.on_error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut next = prefs.clone();
            match next.add_label(&name, &color) {
                Ok(_) => {
                    on_change.emit(next);
                    name.set(String::new());
                }
                Err(why) => on_error.emit(why.to_string()),
            }
        })
    };
    html! {
        <details class="label-manager" data-testid="label-manager">
            <summary>{ format!("Labels ({})", props.prefs.labels.len()) }</summary>
            <ul class="label-list">
                { for props.prefs.labels.iter().map(|l| {
                    let (prefs, on_change, id) = (props.prefs.clone(), props.on_change.clone(), l.id.clone());
                    let delete = Callback::from(move |_: MouseEvent| {
                        let mut next = prefs.clone();
                        if next.delete_label(&id).is_ok() {
                            on_change.emit(next);
                        }
                    });
                    html! {
                        <li data-testid="label-item">
                            <span class="todo-swatch" style={format!("background: {}", l.color)}></span>
                            <span class="truncate">{ &l.name }</span>
                            <button type="button" class="icon" aria-label={format!("Delete label {}", l.name)} onclick={delete}><span class="utility-icon icon-close" aria-hidden="true"></span></button>
                        </li>
                    }
                }) }
            </ul>
            <form class="label-add" onsubmit={add}>
                <input aria-label="New label name" placeholder="New label" data-testid="label-name" maxlength="40" value={(*name).clone()}
                    oninput={{ let name = name.clone(); Callback::from(move |e: InputEvent| if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { name.set(i.value()) }) }} />
                <select aria-label="Label color" data-testid="label-color"
                    onchange={{ let color = color.clone(); Callback::from(move |e: Event| if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() { color.set(s.value()) }) }}>
                    { for COLORS.iter().enumerate().map(|(i, c)| html! { <option value={*c} selected={*c == color.as_str()} style={format!("background: {c}; color: #fff")}>{ format!("Color {}", i + 1) }</option> }) }
                </select>
                <button type="submit" class="button" data-testid="label-add">{ "Add" }</button>
            </form>
        </details>
    }
}
