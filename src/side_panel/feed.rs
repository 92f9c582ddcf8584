//! My Feed: engagement alerts of the last 30 days, newest first (or
//! oldest), filtered by type, 15 more as the user scrolls, each dismissable
//! with its X. While it is open, new alerts found by the worker's poll
//! (its `Refresh` message) show a "New alerts - Refresh" prompt instead of
//! reshuffling the list. What it shows counts as seen: the badge drops.
//! Clicking an alert opens the person (or record) on Home; a reply's
//! "View email" opens the email.

use std::rc::Rc;

use sidecar_core::feed::alerts::{Alert, age};
use sidecar_core::feed::seen::{SeenState, has_news};
use sidecar_core::feed::source::Kind;
use sidecar_core::feed::view::{Dismissed, FeedView, shown};
use sidecar_core::messages::Message;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::Crm;
use crate::feed;
use crate::platform::{runtime, storage};

const KINDS: [Kind; 6] = [Kind::Open, Kind::Reply, Kind::Click, Kind::Bounce, Kind::Visit, Kind::Assigned];

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct FeedProps {
    /// Open (object, id) on Home.
    pub on_open: Callback<(String, String)>,
}

/// Marks `alerts` as seen and updates the badge.
fn saw(user_id: &str, alerts: &[Alert], seen: &UseStateHandle<SeenState>, dismissed: &Dismissed) {
    let mut next = (**seen).clone();
    next.saw(alerts);
    seen.set(next.clone());
    let (user_id, alerts, dismissed) = (user_id.to_owned(), alerts.to_vec(), dismissed.clone());
    spawn_local(async move {
        storage::set(&feed::seen_key(&user_id), &next).await.ok();
        feed::update_badge(&alerts, &next, &dismissed).await;
    });
}

#[component]
pub fn FeedScreen(props: &FeedProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let user = use_state_eq(String::new);
    let alerts = use_state(|| Rc::new(Vec::<Alert>::new()));
    let fresh = use_state(|| None::<Rc<Vec<Alert>>>);
    let load = use_state_eq(|| Load::Loading);
    let view = use_state_eq(|| FeedView { pages: 1, ..FeedView::default() });
    let dismissed = use_state_eq(Dismissed::default);
    let seen = use_state_eq(SeenState::default);
    let user_ref = use_mut_ref(String::new);
    let shown_ref = use_mut_ref(|| Rc::new(Vec::<Alert>::new()));
    *shown_ref.borrow_mut() = (*alerts).clone();

    // Who, what they dismissed and saw, then the alerts.
    {
        let (crm, user, alerts, load, dismissed, seen, user_ref) =
            (crm.clone(), user.clone(), alerts.clone(), load.clone(), dismissed.clone(), seen.clone(), user_ref.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                let info = match crm.me().await {
                    Ok(info) => info,
                    Err(e) => return load.set(Load::Failed(e.user_message())),
                };
                let id = info.user_id.clone();
                *user_ref.borrow_mut() = id.clone();
                user.set(id.clone());
                let (gone, was_seen) = (feed::dismissed(&id).await, feed::seen(&id).await);
                dismissed.set(gone.clone());
                match feed::load_alerts(&crm, &id).await {
                    Ok(list) => {
                        let list = Rc::new(list);
                        alerts.set(list.clone());
                        load.set(Load::Ready);
                        let mut next = was_seen;
                        next.saw(&list);
                        seen.set(next.clone());
                        storage::set(&feed::seen_key(&id), &next).await.ok();
                        feed::update_badge(&list, &next, &gone).await;
                    }
                    Err(e) => load.set(Load::Failed(e.user_message())),
                }
            });
        });
    }

    // The worker's poll: look again, and offer what is new.
    {
        let (crm, alerts, fresh, user_ref, shown_ref) = (crm.clone(), alerts.clone(), fresh.clone(), user_ref.clone(), shown_ref.clone());
        use_effect_with((), move |()| {
            let listener = runtime::on_message(move |message| {
                if !matches!(message, Message::Refresh { .. }) {
                    return;
                }
                let user_id = user_ref.borrow().clone();
                if user_id.is_empty() {
                    return;
                }
                let (crm, alerts, fresh, shown_ref) = (crm.clone(), alerts.clone(), fresh.clone(), shown_ref.clone());
                spawn_local(async move {
                    let Ok(list) = feed::load_alerts(&crm, &user_id).await else { return };
                    let on_screen = shown_ref.borrow().clone();
                    if has_news(&on_screen, &list) {
                        fresh.set(Some(Rc::new(list)));
                    } else if on_screen.is_empty() {
                        alerts.set(Rc::new(list));
                    }
                });
            })
            .ok();
            move || drop(listener)
        });
    }

    // 15 more as the user nears the bottom.
    {
        let view = view.clone();
        use_effect_with((), move |()| {
            let window = gloo::utils::window();
            let listener = gloo::events::EventListener::new(&window.clone(), "scroll", move |_| {
                let height = gloo::utils::document().document_element().map_or(0, |d| d.scroll_height());
                let (y, inner) = (window.scroll_y().unwrap_or(0.0), window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0));
                if y + inner >= f64::from(height) - 80.0 {
                    view.set(FeedView { pages: view.pages + 1, ..(*view).clone() });
                }
            });
            move || drop(listener)
        });
    }

    let (list, more) = shown(&alerts, &view, &dismissed);
    let now = js_sys::Date::now() as i64;

    let apply_fresh = {
        let (fresh, alerts, view, seen, user, dismissed) = (fresh.clone(), alerts.clone(), view.clone(), seen.clone(), user.clone(), dismissed.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(list) = (*fresh).clone() {
                saw(&user, &list, &seen, &dismissed);
                alerts.set(list);
                fresh.set(None);
                view.set(FeedView { pages: 1, ..(*view).clone() });
            }
        })
    };
    let toggle_kind = |kind: Kind| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*view).clone();
            if !next.kinds.remove(&kind) {
                next.kinds.insert(kind);
            }
            next.pages = 1;
            view.set(next);
        })
    };
    let on_order = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            let oldest = e.target_dyn_into::<web_sys::HtmlSelectElement>().is_some_and(|s| s.value() == "oldest");
            view.set(FeedView { oldest_first: oldest, pages: 1, ..(*view).clone() });
        })
    };

    let body = match &*load {
        Load::Loading => html! { <p class="muted" role="status">{ "Loading your alerts…" }</p> },
        Load::Failed(why) => html! { <p class="notice error" role="alert" data-testid="feed-error">{ format!("Your alerts couldn't be loaded: {why}") }</p> },
        Load::Ready if list.is_empty() => {
            html! { <p class="empty-state" data-testid="feed-empty">{ "No engagement in the last 30 days matches. Alerts show here when prospects open, click or reply." }</p> }
        }
        Load::Ready => html! {
            <ul class="feed-list" data-testid="feed-list">
                { for list.iter().map(|alert| {
                    let who = alert.who.as_ref().map_or("Someone".to_owned(), |w| if w.name.is_empty() { "Someone".to_owned() } else { w.name.clone() });
                    let what = alert.email.as_ref().map(|e| e.subject.clone()).or_else(|| alert.url.clone()).unwrap_or_default();
                    let open = alert.who.clone().map(|w| { let on_open = props.on_open.clone(); Callback::from(move |_: MouseEvent| on_open.emit((w.object.clone(), w.id.clone()))) });
                    let view_email = match (alert.kind, &alert.email) {
                        (Kind::Reply, Some(email)) => {
                            let (on_open, id) = (props.on_open.clone(), email.id.clone());
                            Some(Callback::from(move |_: MouseEvent| on_open.emit(("EmailMessage".to_owned(), id.clone()))))
                        }
                        _ => None,
                    };
                    let dismiss = {
                        let (dismissed, alert, user) = (dismissed.clone(), (*alert).clone(), user.clone());
                        Callback::from(move |_: MouseEvent| {
                            let mut next = (*dismissed).clone();
                            next.dismiss(&alert);
                            dismissed.set(next.clone());
                            let user = (*user).clone();
                            spawn_local(async move {
                                storage::set(&feed::dismissed_key(&user), &next).await.ok();
                            });
                        })
                    };
                    html! {
                        <li class={classes!("feed-alert", format!("kind-{:?}", alert.kind).to_lowercase())} data-testid="feed-alert" data-key={alert.key.clone()}>
                            <button type="button" class="feed-open" onclick={open} disabled={alert.who.is_none()} data-testid="feed-open">
                                <span class="feed-who">{ who }</span>
                                if !what.is_empty() { <span class="feed-what truncate">{ what }</span> }
                                <span class="feed-summary" data-testid="feed-summary">{ alert.summary() }</span>
                            </button>
                            <span class="feed-age muted">{ age(&alert.at, now) }</span>
                            if let Some(view_email) = view_email {
                                <button type="button" class="link" data-testid="feed-view-email" onclick={view_email}>{ "View email" }</button>
                            }
                            <button type="button" class="icon" aria-label="Dismiss this alert" data-testid="feed-dismiss" onclick={dismiss}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
        },
    };

    html! {
        <div class="feed" data-testid="feed">
            if fresh.is_some() {
                <button type="button" class="feed-news" data-testid="feed-refresh" onclick={apply_fresh}>{ "New alerts - Refresh" }</button>
            }
            <div class="todo-filters" role="group" aria-label="Alert types">
                { for KINDS.iter().map(|&k| {
                    let on = view.kinds.contains(&k);
                    html! { <button type="button" class={classes!("chip", on.then_some("on"))} aria-pressed={on.to_string()}
                        data-testid={format!("feed-kind-{:?}", k).to_lowercase()} onclick={toggle_kind(k)}>{ k.label() }</button> }
                }) }
                <select aria-label="Order" data-testid="feed-order" onchange={on_order}>
                    <option value="newest" selected={!view.oldest_first}>{ "Newest first" }</option>
                    <option value="oldest" selected={view.oldest_first}>{ "Oldest first" }</option>
                </select>
            </div>
            { body }
            if more {
                <button type="button" class="button" data-testid="feed-more"
                    onclick={{ let view = view.clone(); Callback::from(move |_: MouseEvent| view.set(FeedView { pages: view.pages + 1, ..(*view).clone() })) }}>{ "Show 15 more" }</button>
            }
        </div>
    }
}
