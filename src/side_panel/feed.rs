//! My Feed: engagement alerts of the last 30 days, newest first (or
//! oldest), filtered by type, 15 more as the user scrolls, each dismissable
//! with its X. While it is open, new alerts found by the worker's poll
//! (its `FeedPolled` message) show a "New alerts - Refresh" prompt instead of
//! reshuffling the list. What it shows counts as seen: the badge drops.
//! Clicking an alert opens the person (or record) on Home; a reply's
//! "View email" opens the email.
//!
//! State and transitions are `sidecar_core::feed::screen`'s reducer; this
//! component renders it and dispatches, and its hooks do the I/O: loading
//! ([`use_load_feed`]), what the worker's polls stored ([`use_poll_refresh`]), the
//! bottom of the page ([`use_bottom_reached`]), storing what was seen and
//! dismissed ([`use_store_seen`], [`use_store_dismissed`]).

use std::rc::Rc;

use sidecar_core::feed::alerts::age;
use sidecar_core::feed::screen::{Action, Feed};
use sidecar_core::feed::source::Kind;
use sidecar_core::load::Load;
use sidecar_core::messages::Message;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::Crm;
use crate::feed;
use crate::platform::{runtime, storage};
use crate::widgets::{Notice, Tone};

const KINDS: [Kind; 6] = [Kind::Open, Kind::Reply, Kind::Click, Kind::Bounce, Kind::Visit, Kind::Assigned];

/// How close to the bottom (pixels) a scroll asks for the next page.
const BOTTOM_MARGIN: f64 = 80.0;

/// [`Feed`] as a yew reducer.
#[derive(Debug, Clone, PartialEq, Default)]
struct State(Feed);

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        // A scroll at the bottom with nothing left changes nothing: no render.
        if next == self.0 { self } else { Rc::new(State(next)) }
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct FeedProps {
    /// Open (object, id) on Home.
    pub on_open: Callback<(String, String)>,
}

/// Who, what they dismissed and saw, then the alerts: once, on mount.
#[hook]
fn use_load_feed(crm: &Crm, dispatch: UseReducerDispatcher<State>) {
    let crm = crm.clone();
    use_effect_with((), move |()| {
        spawn_local(async move {
            let info = match crm.me().await {
                Ok(info) => info,
                Err(e) => return dispatch.dispatch(Action::Loaded(Err(e.user_message()))),
            };
            let id = info.user_id.clone();
            let (dismissed, seen) = (feed::dismissed(&id).await, feed::seen(&id).await);
            dispatch.dispatch(Action::User { id: id.clone(), dismissed, seen });
            dispatch.dispatch(Action::Loaded(feed::look(&crm, &id, true).await.map_err(|e| e.user_message())));
        });
    });
}

/// The worker's poll (its `FeedPolled` message): the alerts of what it
/// stored, read from storage (the org is not asked twice); the reducer
/// decides whether it is news. Registered again when the user is known.
#[hook]
fn use_poll_refresh(user_id: &str, dispatch: UseReducerDispatcher<State>) {
    use_effect_with(user_id.to_owned(), move |user_id| {
        let user_id = user_id.clone();
        let listener = (!user_id.is_empty())
            .then(|| {
                runtime::on_message(move |message| {
                    if message != Message::FeedPolled {
                        return;
                    }
                    let (user_id, dispatch) = (user_id.clone(), dispatch.clone());
                    spawn_local(async move { dispatch.dispatch(Action::Polled(feed::stored_alerts(&user_id).await)) });
                })
                .ok()
            })
            .flatten();
        move || drop(listener)
    });
}

/// Calls `reached` whenever the user scrolls to near the bottom of the
/// page. Registered once: `reached` must not capture render-time state
/// (it dispatches; the reducer applies it to the state as it is then).
///
/// One scroll used to load every alert: Chrome's scroll anchoring kept the
/// view at the bottom as a page was added, the scroll event that caused
/// asked for the next page, and so on. `.feed` turns anchoring off
/// (sidecar.css): a page added below leaves the view where it was.
#[hook]
fn use_bottom_reached(reached: Callback<()>) {
    use_effect_with((), move |()| {
        let window = gloo::utils::window();
        let listener = gloo::events::EventListener::new(&window.clone(), "scroll", move |_| {
            let height = gloo::utils::document().document_element().map_or(0, |d| d.scroll_height());
            let (y, inner) = (window.scroll_y().unwrap_or(0.0), window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0));
            if y + inner >= f64::from(height) - BOTTOM_MARGIN {
                reached.emit(());
            }
        });
        move || drop(listener)
    });
}

/// Each time the user saw alerts: stores what they saw, and the badge drops.
#[hook]
fn use_store_seen(state: &Feed) {
    let (user_id, seen, alerts, dismissed) = (state.user_id.clone(), state.seen.clone(), state.alerts.value().cloned(), state.dismissed.clone());
    use_effect_with(state.saw, move |&saw| {
        if saw > 0 && !user_id.is_empty() {
            spawn_local(async move {
                feed::store_seen(&user_id, &seen).await;
                feed::update_badge(alerts.as_deref().map_or(&[], |a| a.as_slice()), &seen, &dismissed).await;
            });
        }
    });
}

/// Each dismissal: stores the dismissed alerts.
#[hook]
fn use_store_dismissed(state: &Feed) {
    let (user_id, dismissed) = (state.user_id.clone(), state.dismissed.clone());
    use_effect_with(state.dismissals, move |&dismissals| {
        if dismissals > 0 {
            spawn_local(async move {
                storage::set(&feed::dismissed_key(&user_id), &dismissed).await.ok();
            });
        }
    });
}

#[component]
pub fn FeedScreen(props: &FeedProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let state = use_reducer(State::default);
    let dispatch = state.dispatcher();
    let on = |action: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };

    use_load_feed(&crm, dispatch.clone());
    use_poll_refresh(&state.0.user_id, dispatch.clone());
    use_bottom_reached({
        let dispatch = dispatch.clone();
        Callback::from(move |()| dispatch.dispatch(Action::More))
    });
    use_store_seen(&state.0);
    use_store_dismissed(&state.0);

    let screen = &state.0;
    let (list, more) = screen.shown();
    let now = js_sys::Date::now() as i64;
    let on_order = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let oldest = e.target_dyn_into::<web_sys::HtmlSelectElement>().is_some_and(|s| s.value() == "oldest");
            dispatch.dispatch(Action::OldestFirst(oldest));
        })
    };

    let body = match &screen.alerts {
        Load::Idle | Load::Loading => html! { <Notice>{ "Loading your alerts…" }</Notice> },
        Load::Failed(why) => html! { <Notice tone={Tone::Error} testid="feed-error">{ format!("Your alerts couldn't be loaded: {why}") }</Notice> },
        Load::Loaded(_) | Load::Refreshing(_) if list.is_empty() => {
            html! { <Notice class="empty-state" testid="feed-empty">{ "No engagement in the last 30 days matches. Alerts show here when prospects open, click or reply." }</Notice> }
        }
        Load::Loaded(_) | Load::Refreshing(_) => html! {
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
                    let dismiss = on(Action::Dismiss((*alert).clone()));
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
                            <button type="button" class="icon" aria-label="Dismiss this alert" data-testid="feed-dismiss" onclick={dismiss}><span class="utility-icon icon-close" aria-hidden="true"></span></button>
                        </li>
                    }
                }) }
            </ul>
        },
    };

    html! {
        <div class="feed" data-testid="feed">
            if screen.fresh.is_some() {
                <button type="button" class="feed-news" data-testid="feed-refresh" onclick={on(Action::ApplyFresh)}>{ "New alerts - Refresh" }</button>
            }
            <div class="todo-filters" role="group" aria-label="Alert types">
                { for KINDS.iter().map(|&k| {
                    let pressed = screen.view.kinds.contains(&k);
                    html! { <button type="button" class={classes!("chip", pressed.then_some("on"))} aria-pressed={pressed.to_string()}
                        data-testid={format!("feed-kind-{:?}", k).to_lowercase()} onclick={on(Action::ToggleKind(k))}>{ k.label() }</button> }
                }) }
                <select aria-label="Order" data-testid="feed-order" onchange={on_order}>
                    <option value="newest" selected={!screen.view.oldest_first}>{ "Newest first" }</option>
                    <option value="oldest" selected={screen.view.oldest_first}>{ "Oldest first" }</option>
                </select>
            </div>
            { body }
            if more {
                <button type="button" class="button" data-testid="feed-more" onclick={on(Action::More)}>{ "Show 15 more" }</button>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    //! The feed rendered by wasm-bindgen-test in headless Chromium, outside
    //! the extension: no session, so its load fails in words for the rep,
    //! and the filters still answer (they dispatch to the reducer).
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::HtmlElement;

    wasm_bindgen_test_configure!(run_in_browser);

    #[yew::component]
    fn Bare() -> yew::Html {
        yew::html! { <super::FeedScreen on_open={yew::Callback::from(|_: (String, String)| ())} /> }
    }

    async fn frames(n: u32) {
        for _ in 0..n {
            yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    fn find(root: &web_sys::Element, selector: &str) -> Option<HtmlElement> {
        root.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into().ok())
    }

    #[wasm_bindgen_test]
    async fn without_a_session_the_feed_says_why_and_its_filters_still_answer() {
        let root = gloo::utils::document().create_element("div").expect("div");
        gloo::utils::body().append_child(&root).expect("append");
        yew::Renderer::<Bare>::with_root(root.clone()).render();
        let mut error = None;
        for _ in 0..100 {
            frames(1).await;
            error = find(&root, "[data-testid=feed-error]");
            if error.is_some() {
                break;
            }
        }
        let error = error.expect("the load fails without a session");
        assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
        let text = error.text_content().unwrap_or_default();
        assert!(text.starts_with("Your alerts couldn't be loaded: "), "{text}");
        assert!(find(&root, "[data-testid=feed-more]").is_none(), "nothing to page through");

        let chip = find(&root, "[data-testid=feed-kind-visit]").expect("the Visit chip");
        assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("false"));
        chip.click();
        frames(2).await;
        assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("true"), "on");
        chip.click();
        frames(2).await;
        assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("false"), "off again");
        root.remove();
    }
}
