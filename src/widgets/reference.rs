//! Lookup (reference): a combobox, as Salesforce's lookup fields are. The
//! box shows the chosen record's name; typing part of a name (2 letters or
//! more) lists the matches of the lookup's targets (`Crm::lookup`: one
//! SOSL request, sent once the rep pauses); ↑/↓ and Enter, or a click, pick
//! one: its id is committed and its name shown (`on_pick` tells the parent
//! the name, so it never has to show an id). Enter with a single match
//! picks it. A pasted record id is still taken as it is (15 or 18
//! characters, of an allowed object), and an emptied box clears the lookup.
//!
//! Keyboard contract as every editor's (`super::draft`), with one addition:
//! Escape first closes an open list, then gives the edit up. Without a
//! `Crm` in context (no org), the box takes ids only.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use sidecar_core::fields::{self, FieldValue};
use sidecar_core::records::lookup::Match;
use sidecar_core::records::search::term;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::EditorProps;
use super::draft::{Entry, Labelled, entry_of, frame, message_id, required};
use crate::api::Crm;

/// A pause this long in typing sends the search (one request per pause,
/// not per keystroke).
const PAUSE_MS: u32 = 250;

/// What the list under the box shows.
#[derive(Debug, Clone, PartialEq)]
enum Listing {
    Closed,
    Searching,
    Found(Vec<Match>),
    Failed(String),
}

#[component]
pub fn ReferenceEditor(props: &EditorProps) -> Html {
    let crm = use_context::<Crm>();
    let id_text = fields::edit_text(&props.spec, &props.value, &props.ctx);
    // The last record picked here, whose name the parent may not know yet.
    let picked = use_state_eq(|| None::<Match>);
    // What the box shows for the current value: its record's name when known.
    let shown = match (&props.value, &*picked) {
        (FieldValue::Id(id), Some(m)) if salesforce_rest::id::same_record(id.as_str(), &m.id) => m.name.clone(),
        (FieldValue::Null, _) => String::new(),
        _ => props.display.as_ref().map_or(id_text.clone(), |d| d.to_string()),
    };
    let text = use_state_eq(|| shown.clone());
    let listing = use_state_eq(|| Listing::Closed);
    let active = use_state_eq(|| None::<usize>);
    let error = use_state_eq(|| None::<String>);
    // The text last committed or loaded: leaving with it is no edit.
    let settled = use_mut_ref(|| shown.clone());
    let cancelled = use_mut_ref(|| false);
    // Bumped by every keystroke: a slower, older answer is dropped.
    let asked = use_mut_ref(|| 0_u64);
    let pause = use_mut_ref(|| None::<Timeout>);
    {
        // A new value from the parent (saved, reloaded) replaces the box.
        let (text, error, settled) = (text.clone(), error.clone(), settled.clone());
        use_effect_with(shown.clone(), move |shown: &String| {
            if *settled.borrow() != *shown {
                *settled.borrow_mut() = shown.clone();
                text.set(shown.clone());
                error.set(None);
            }
        });
    }

    let close = {
        let (listing, active, asked, pause) = (listing.clone(), active.clone(), asked.clone(), pause.clone());
        Rc::new(move || {
            *asked.borrow_mut() += 1;
            pause.borrow_mut().take();
            listing.set(Listing::Closed);
            active.set(None);
        })
    };
    let pick = {
        let (text, error, settled, picked, close) = (text.clone(), error.clone(), settled.clone(), picked.clone(), close.clone());
        let (on_pick, on_commit) = (props.on_pick.clone(), props.on_commit.clone());
        Rc::new(move |m: Match| {
            close();
            let Ok(id) = salesforce_rest::SfId::parse(&m.id) else { return };
            *settled.borrow_mut() = m.name.clone();
            text.set(m.name.clone());
            error.set(None);
            picked.set(Some(m.clone()));
            on_pick.emit(m);
            on_commit.emit(FieldValue::Id(id));
        })
    };
    // The typed text as a value: empty clears, an id is taken as it is; a
    // name must be picked from the list (one listed match is picked).
    let take_text = {
        let (spec, ctx, value) = (props.spec.clone(), props.ctx.clone(), props.value.clone());
        let (error, settled, listing, pick) = (error.clone(), settled.clone(), listing.clone(), pick.clone());
        let searchable = crm.is_some();
        Rc::new(move |typed: String, target: &Callback<FieldValue>, enter: bool| {
            if typed == *settled.borrow() {
                // Enter always commits, so a parent can close its editor.
                if enter {
                    target.emit(value.clone());
                }
                return;
            }
            if let Listing::Found(found) = &*listing
                && let [only] = found.as_slice()
                && (enter || only.name.eq_ignore_ascii_case(typed.trim()))
            {
                pick(only.clone());
                return;
            }
            match fields::parse(&spec, typed.trim(), &ctx) {
                Ok(parsed) => {
                    *settled.borrow_mut() = typed.clone();
                    error.set(None);
                    target.emit(parsed);
                }
                Err(_) if searchable => error.set(Some(format!("Choose a record for {} from the list: type part of its name, then pick it.", spec.label))),
                Err(e) => error.set(Some(e.message())),
            }
        })
    };

    let oninput = {
        let (text, error, listing, active, asked, pause) = (text.clone(), error.clone(), listing.clone(), active.clone(), asked.clone(), pause.clone());
        let (crm, spec, cancelled) = (crm.clone(), props.spec.clone(), cancelled.clone());
        Callback::from(move |e: InputEvent| {
            let Some(Entry::Text(typed)) = entry_of(&e) else { return };
            *cancelled.borrow_mut() = false;
            text.set(typed.clone());
            error.set(None);
            active.set(None);
            *asked.borrow_mut() += 1;
            pause.borrow_mut().take();
            let id_like = salesforce_rest::SfId::parse(typed.trim()).is_ok();
            let Some(crm) = crm.clone().filter(|_| term(&typed).is_ok() && !id_like) else {
                listing.set(Listing::Closed);
                return;
            };
            listing.set(Listing::Searching);
            let ticket = *asked.borrow();
            let (listing, asked, spec) = (listing.clone(), asked.clone(), spec.clone());
            *pause.borrow_mut() = Some(Timeout::new(PAUSE_MS, move || {
                spawn_local(async move {
                    let answer = crm.lookup(&spec, &typed).await;
                    if *asked.borrow() != ticket {
                        return;
                    }
                    listing.set(match answer {
                        Ok(found) => Listing::Found(found),
                        Err(e) => Listing::Failed(format!("Couldn't search: {}", e.user_message())),
                    });
                });
            }));
        })
    };
    let onkeydown = {
        let (text, error, listing, active, settled, cancelled) =
            (text.clone(), error.clone(), listing.clone(), active.clone(), settled.clone(), cancelled.clone());
        let on_enter = props.on_enter.clone().unwrap_or_else(|| props.on_commit.clone());
        let (close, pick, take_text, on_cancel) = (close.clone(), pick.clone(), take_text.clone(), props.on_cancel.clone());
        let shown = shown.clone();
        Callback::from(move |e: KeyboardEvent| {
            let found = match &*listing {
                Listing::Found(found) if !found.is_empty() => Some(found.clone()),
                _ => None,
            };
            match e.key().as_str() {
                key @ ("ArrowDown" | "ArrowUp") if found.is_some() => {
                    e.prevent_default();
                    e.stop_propagation();
                    let n = found.as_ref().map_or(0, Vec::len);
                    let next = match (*active, key) {
                        (None, "ArrowDown") => 0,
                        (None, _) => n - 1,
                        (Some(i), "ArrowDown") => (i + 1) % n,
                        (Some(i), _) => (i + n - 1) % n,
                    };
                    active.set(Some(next));
                }
                "Enter" if !e.is_composing() => {
                    e.prevent_default();
                    e.stop_propagation();
                    match (found, *active) {
                        (Some(found), Some(i)) if i < found.len() => pick(found[i].clone()),
                        _ => take_text((*text).clone(), &on_enter, true),
                    }
                }
                "Escape" => {
                    e.prevent_default();
                    e.stop_propagation();
                    if *listing != Listing::Closed {
                        close();
                        return;
                    }
                    *cancelled.borrow_mut() = true;
                    *settled.borrow_mut() = shown.clone();
                    text.set(shown.clone());
                    error.set(None);
                    on_cancel.emit(());
                }
                _ => {}
            }
        })
    };
    let onblur = {
        let (text, cancelled, close, take_text) = (text.clone(), cancelled.clone(), close.clone(), take_text.clone());
        let target = props.on_leave.clone().unwrap_or_else(|| props.on_commit.clone());
        Callback::from(move |_: FocusEvent| {
            close();
            if !*cancelled.borrow() {
                take_text((*text).clone(), &target, false);
            }
        })
    };

    let list_id = format!("{}-list", props.id);
    let open = *listing != Listing::Closed;
    let option_id = |i: usize| format!("{list_id}-{i}");
    let many_targets = props.spec.reference_to.len() > 1;
    let list = match &*listing {
        Listing::Closed => Html::default(),
        Listing::Searching => status("Searching…"),
        Listing::Failed(message) => status(message),
        Listing::Found(found) if found.is_empty() => status(&format!("No records match \u{201c}{}\u{201d}.", text.trim())),
        Listing::Found(found) => html! {
            <ul class="lookup-list" role="listbox" id={list_id.clone()} aria-label={format!("Records for {}", props.spec.label)} data-testid="lookup-list">
                { for found.iter().enumerate().map(|(i, m)| option(m, *active == Some(i), option_id(i), many_targets, pick.clone())) }
            </ul>
        },
    };
    let message = (*error).clone().or_else(|| props.server_error.as_ref().map(|m| m.to_string()));
    let body = html! {
        <div class="field-lookup">
            <input class="field-input" id={props.id.clone()} type="text" autocomplete="off" name={props.spec.name.clone()}
                role="combobox" aria-autocomplete="list" aria-expanded={open.to_string()} aria-controls={list_id.clone()}
                aria-activedescendant={active.map(option_id)}
                value={(*text).clone()} disabled={props.disabled} aria-required={required(props)}
                aria-invalid={message.as_ref().map(|_| "true")} aria-describedby={message.as_ref().map(|_| message_id(props))}
                placeholder={crm.as_ref().map(|_| "Search by name…")}
                {oninput} {onkeydown} {onblur} />
            { list }
        </div>
    };
    frame(props, message.as_deref(), Labelled::For, body)
}

/// A line under the box instead of choices (searching, none, an error),
/// read out by screen readers as it changes.
fn status(text: &str) -> Html {
    html! { <p class="lookup-status" role="status" data-testid="lookup-status">{ text.to_owned() }</p> }
}

/// One choice: the record's name, and its object when the lookup has several.
fn option(m: &Match, active: bool, id: String, many_targets: bool, pick: Rc<dyn Fn(Match)>) -> Html {
    let chosen = m.clone();
    // The box keeps the focus: a click must not blur it before it picks.
    let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
    let onclick = Callback::from(move |_: MouseEvent| pick(chosen.clone()));
    html! {
        <li class={classes!("lookup-option", active.then_some("active"))} role="option" {id} aria-selected={active.to_string()}
            {onmousedown} {onclick} data-testid="lookup-option">
            <span class="lookup-name">{ m.name.clone() }</span>
            if many_targets {
                <span class="lookup-object">{ m.object.clone() }</span>
            }
        </li>
    }
}
