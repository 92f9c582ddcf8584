//! The side panel: the login prompt until a session exists (see
//! [`login`]), then the header with the user and org, navigation between
//! Home, To Do and My Feed, and the button that opens the Workspace tab.
//!
//! The panel's [`Crm`] client is provided as a yew context:
//! `use_context::<Crm>()` in any screen. Its state is
//! `sidecar_core::panel`'s reducer ([`state`]); the effects that feed it
//! are the hooks below (the login check, the worker's messages, the active
//! tab, the stored login host).

mod feed;
mod insights;
mod login;
pub mod records;
mod state;
mod todo;

use std::cell::RefCell;
use std::rc::Rc;

use sidecar_core::edits::pending::PendingEdits;
use sidecar_core::feed::seen::PendingOpen;
use sidecar_core::load::Load;
use sidecar_core::login::LoginHost;
use sidecar_core::messages::Message;
use sidecar_core::nav::{NavAction, Screen};
use sidecar_core::settings::keys::{FEED_OPEN as FEED_OPEN_KEY, LOGIN_HOST as LOGIN_HOST_KEY};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::Crm;
use crate::platform::storage::Area;
use crate::platform::{chrome, runtime, storage, tabs};
use crate::widgets::{Notice, Tone};
use login::LoginPrompt;
use state::{Login, PanelAction, PanelState};

/// Logged in already? Then who, and does the org allow Sidecar: once, on mount.
#[hook]
fn use_login_check(crm: &Crm, state: &UseReducerHandle<PanelState>) {
    let (state, crm) = (state.clone(), crm.clone());
    use_effect_with((), move |()| {
        spawn_local(async move {
            // A stored session shows the frame at once, with the To Do
            // List from its cache, while the network answers who the
            // user is and whether the org allows Sidecar (`Resuming`).
            // What a rep whose admin turned Sidecar off may see meanwhile:
            // the tabs and their own tasks as cached in their own browser
            // while Sidecar was allowed, for the one round trip of the
            // switch; nothing new is read from the org for them, and the
            // admin's message replaces the frame as soon as it is known.
            todo::prefetch_cache(&crm);
            if crm.auth().stored_user_id().await.is_some() {
                state.dispatch(PanelAction::Login(Login::Resuming));
            }
            let next = login::check(&crm).await;
            state.dispatch(PanelAction::Login(next));
        });
    });
}

/// Messages from the worker and other pages, for as long as the panel is
/// open; and a record a clicked notification asked to open before the
/// panel was (`settings::keys::FEED_OPEN`).
#[hook]
fn use_worker_messages(crm: &Crm, state: &UseReducerHandle<PanelState>) {
    let (state, crm) = (state.clone(), crm.clone());
    use_effect_with((), move |()| {
        {
            let state = state.clone();
            spawn_local(async move {
                let pending = storage::get_in::<PendingOpen>(Area::Session, FEED_OPEN_KEY).await.ok().flatten();
                if let Some(pending) = pending.filter(|p| p.is_fresh(js_sys::Date::now() as i64)) {
                    storage::remove_in(Area::Session, FEED_OPEN_KEY).await.ok();
                    state.dispatch(PanelAction::OpenRecord(pending.object, pending.id));
                }
            });
        }
        let listener = runtime::on_message(move |message| match message {
            Message::OpenRecord { object, id } => {
                spawn_local(async {
                    storage::remove_in(Area::Session, FEED_OPEN_KEY).await.ok();
                });
                state.dispatch(PanelAction::OpenRecord(object, id));
            }
            Message::SignedOut => {
                crm.clear_cache();
                state.dispatch(PanelAction::Login(Login::LoggedOut { reason: Some("You signed out.".into()) }));
            }
            Message::SessionChanged => login::retry(&crm, &state),
            Message::TurnedOff { message } => state.dispatch(PanelAction::Login(Login::TurnedOff(message))),
            Message::Refresh { .. } | Message::SettingsChanged | Message::FeedPolled => {}
        })
        .ok();
        move || drop(listener)
    });
}

/// The panel follows the active tab of its window.
#[hook]
fn use_active_tab(dispatch: UseReducerDispatcher<PanelState>) {
    use_effect_with((), move |()| {
        let watch: Rc<RefCell<Option<tabs::ActiveTabWatch>>> = Rc::default();
        let held = watch.clone();
        spawn_local(async move {
            let Ok(Some(tab)) = tabs::active_tab().await else { return };
            let window = tab.window_id;
            dispatch.dispatch(PanelAction::ActiveTab(Some(tab)));
            *held.borrow_mut() = tabs::follow_active_tab(window, move |tab| dispatch.dispatch(PanelAction::ActiveTab(Some(tab)))).ok();
        });
        move || drop(watch.take())
    });
}

/// While the login check fails (the org unreachable, the browser offline),
/// the panel checks again when the browser is back online and every 15
/// seconds, quietly (the prompt stays until the org answers), and says
/// which of the rep's changes wait on this computer: once the org answers,
/// Home mounts and its saver sends them (`records::saver`).
#[hook]
fn use_reconnect(crm: &Crm, state: &UseReducerHandle<PanelState>) -> Option<String> {
    let failed = matches!(state.login, Login::Failed(_));
    let waiting = use_state_eq(|| None::<String>);
    {
        let (crm, state, waiting) = (crm.clone(), state.clone(), waiting.clone());
        use_effect_with(failed, move |&failed| {
            let mut held = None;
            if failed {
                spawn_local(async move {
                    let kept = storage::get::<PendingEdits>(records::PENDING_KEY).await.ok().flatten().unwrap_or_default();
                    // The panel's edits carry no owner: whoever logs in next sends them.
                    waiting.set(kept.summary(""));
                });
                let recheck = move || {
                    let (crm, state) = (crm.clone(), state.clone());
                    spawn_local(async move {
                        let next = login::check(&crm).await;
                        if !matches!(next, Login::Failed(_)) {
                            state.dispatch(PanelAction::Login(next));
                        }
                    });
                };
                let again = recheck.clone();
                let online = gloo::events::EventListener::new(&gloo::utils::window(), "online", move |_| again());
                held = Some((gloo::timers::callback::Interval::new(15_000, recheck), online));
            }
            move || drop(held)
        });
    }
    if failed { (*waiting).clone() } else { None }
}

/// Edits To Do hands over while Home is not mounted (the panel still
/// connecting, or the org unreachable): added to the kept list in storage
/// at once, so what To Do says ("kept on this computer") is true even if
/// the panel closes; Home's saver reads them when it mounts. While Home is
/// mounted it takes them itself (one writer of the list at a time).
#[hook]
fn use_keep_while_away(state: &UseReducerHandle<PanelState>) {
    let home = matches!(state.login, Login::Ready(_));
    let kept = state.kept.clone();
    let state = state.clone();
    use_effect_with((kept, home), move |(kept, home)| {
        if let (Some(kept), false) = (kept.clone(), *home) {
            spawn_local(async move {
                let mut stored = storage::get::<PendingEdits>(records::PENDING_KEY).await.ok().flatten().unwrap_or_default();
                for edit in kept.edits {
                    stored.keep(edit);
                }
                match storage::set(records::PENDING_KEY, &stored).await {
                    Ok(()) => state.dispatch(PanelAction::KeptTaken(kept.seq)),
                    Err(e) => gloo::console::error!(format!("Sidecar could not keep your unsaved edits: {e}")),
                }
            });
        }
    });
}

/// Which org the panel will log in to, as the options page saved it.
#[hook]
fn use_login_host(dispatch: UseReducerDispatcher<PanelState>) {
    use_effect_with((), move |()| {
        spawn_local(async move {
            let host = storage::get::<LoginHost>(LOGIN_HOST_KEY).await;
            dispatch.dispatch(PanelAction::HostLoaded(host.map(Option::unwrap_or_default).map_err(|e| e.to_string())));
        });
    });
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(PanelState::default);
    let crm = use_state(Crm::new);

    use_login_check(&crm, &state);
    use_worker_messages(&crm, &state);
    use_active_tab(state.dispatcher());
    use_login_host(state.dispatcher());
    let waiting = use_reconnect(&crm, &state);
    use_keep_while_away(&state);

    let open_workspace = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let state = state.clone();
            spawn_local(async move {
                if let Err(e) = chrome::open_extension_tab("workspace.html").await {
                    state.dispatch(PanelAction::Notice(Some(format!("The Workspace tab could not be opened: {}", e.message))));
                }
            });
        })
    };

    html! {
        <ContextProvider<Crm> context={(*crm).clone()}>
            <div class="panel" data-testid="side-panel">
                <header class="panel-header">
                    <h1 class="brand">{ "Sidecar" }</h1>
                    if let Login::Ready(who) = &state.login {
                        <span class="who">
                            <span class="user-name" data-testid="user-name">{ who.user_name.clone() }</span>
                            <span class="org-name" data-testid="org-name">{ who.org.clone() }</span>
                        </span>
                    }
                    <button class="button" data-testid="open-workspace" onclick={open_workspace}>{ "Open Workspace" }</button>
                </header>
                if matches!(state.login, Login::Ready(_) | Login::Resuming) {
                    { frame(&state) }
                } else {
                    <LoginPrompt login={state.login.clone()} org={host_text(&state)}
                        on_login={
                            let (state, crm) = (state.clone(), (*crm).clone());
                            Callback::from(move |_: MouseEvent| login::start_login(&crm, &state))
                        }
                        on_retry={
                            let (state, crm) = (state.clone(), (*crm).clone());
                            Callback::from(move |_: MouseEvent| login::retry(&crm, &state))
                        } />
                }
                if let Some(waiting) = waiting {
                    <Notice tone={Tone::Attention} testid="kept-summary">{ waiting }</Notice>
                }
                if let Some(notice) = &state.notice {
                    <Notice tone={Tone::Error}>{ notice }</Notice>
                }
            </div>
        </ContextProvider<Crm>>
    }
}

/// Navigation and the current screen, once logged in.
fn frame(state: &UseReducerHandle<PanelState>) -> Html {
    // While `Resuming`, only what needs no org: the tabs and the cached To Do List.
    let online = matches!(state.login, Login::Ready(_));
    // Insights, To Do and My Feed open records (object, id) on Home.
    let on_open = {
        let state = state.clone();
        Callback::from(move |(o, id): (String, String)| state.dispatch(PanelAction::OpenRecord(o, id)))
    };
    html! {
        <>
            <NavBar current={state.screen} on_nav={
                let state = state.clone();
                Callback::from(move |a: NavAction| state.dispatch(PanelAction::Nav(a)))
            } />
            <section class="screen" role="tabpanel" id={format!("screen-{}", state.screen.slug())}
                aria-labelledby={format!("tab-{}", state.screen.slug())} data-testid={format!("screen-{}", state.screen.slug())}>
                // Records stay mounted across tabs, so an open record and its
                // unsaved edits survive a look at To Do.
                <div hidden={state.screen != Screen::Home}>
                    if !online {
                        <Notice tone={Tone::Progress} class="empty-state" testid="login-checking">{ "Connecting to Salesforce…" }</Notice>
                    } else {
                        <insights::Insights tab={state.tab.clone()}
                            on_open={on_open.clone()} />
                        <records::RecordsHome open_request={state.open_request.clone()} kept={state.kept.clone()}
                            on_kept_taken={{ let state = state.clone(); Callback::from(move |seq| state.dispatch(PanelAction::KeptTaken(seq))) }} />
                    }
                </div>
                // The To Do List stays mounted too: back on it, it shows at once.
                <div hidden={state.screen != Screen::ToDo}>
                    <todo::TodoScreen {online} on_open={on_open.clone()}
                        on_keep={{ let state = state.clone(); Callback::from(move |edits| state.dispatch(PanelAction::Keep(edits))) }} />
                </div>
                // My Feed mounts while shown: what it shows counts as seen.
                if state.screen == Screen::Feed && online {
                    <feed::FeedScreen on_open={on_open.clone()} />
                }
                if state.screen == Screen::Home && online { { screen_body(state) } }
            </section>
        </>
    }
}

/// The org Sidecar logs in to, as the options page saved it.
fn host_text(state: &PanelState) -> Html {
    match &state.host {
        Load::Idle | Load::Loading => html! { <span class="muted">{ "Loading settings…" }</span> },
        Load::Loaded(host) | Load::Refreshing(host) => html! { <strong data-testid="login-host">{ host.to_string() }</strong> },
        Load::Failed(e) => html! { <span class="error">{ format!("Settings could not be read: {e}") }</span> },
    }
}

/// What each screen shows until its feature arrives, and on Home the page
/// the panel follows (its title, when Chrome lets Sidecar see it).
fn screen_body(state: &PanelState) -> Html {
    let (what, viewing) = match state.screen {
        Screen::Home => (
            "People and companies on the page you are viewing, matched to your CRM, will show here.",
            state.tab.as_ref().and_then(|t| t.title.clone().or_else(|| t.url.clone())),
        ),
        Screen::ToDo => return html! {},
        Screen::Feed => return html! {},
    };
    html! {
        <div class="empty-state">
            if let Some(page) = viewing {
                <p data-testid="active-tab">{ "Viewing: " }<strong>{ page }</strong></p>
            }
            <p>{ what }</p>
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct NavBarProps {
    pub current: Screen,
    pub on_nav: Callback<NavAction>,
}

/// Tabs for the panel's screens: click, or arrow keys as in any tab list.
#[component]
pub fn NavBar(props: &NavBarProps) -> Html {
    let onkeydown = {
        let on_nav = props.on_nav.clone();
        Callback::from(move |e: KeyboardEvent| {
            let action = match e.key().as_str() {
                "ArrowRight" => NavAction::Next,
                "ArrowLeft" => NavAction::Previous,
                _ => return,
            };
            e.prevent_default();
            on_nav.emit(action);
        })
    };
    html! {
        <nav class="tabs" role="tablist" aria-label="Sidecar sections" {onkeydown}>
            { for Screen::ALL.iter().map(|&screen| {
                let selected = screen == props.current;
                let on_nav = props.on_nav.clone();
                html! {
                    <button role="tab" id={format!("tab-{}", screen.slug())} class={classes!("tab", selected.then_some("selected"))}
                        aria-selected={selected.to_string()} aria-controls={format!("screen-{}", screen.slug())}
                        tabindex={if selected { "0" } else { "-1" }}
                        onclick={Callback::from(move |_: MouseEvent| on_nav.emit(NavAction::Show(screen)))}>
                        { screen.label() }
                    </button>
                }
            }) }
        </nav>
    }
}

#[cfg(test)]
mod tests {
    //! Component tests: the real app rendered in headless Chromium by
    //! wasm-bindgen-test. Outside the extension `chrome` is undefined, which
    //! also checks that the panel degrades to a readable error.
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::HtmlElement;

    wasm_bindgen_test_configure!(run_in_browser);

    async fn render() -> web_sys::Element {
        render_component::<super::App>().await
    }

    async fn render_component<C: yew::BaseComponent<Properties = ()>>() -> web_sys::Element {
        let document = gloo::utils::document();
        let root = document.create_element("div").expect("div");
        gloo::utils::body().append_child(&root).expect("append");
        yew::Renderer::<C>::with_root(root.clone()).render();
        settle().await;
        root
    }

    /// The frame as it is once logged in (the login itself is e2e-tested).
    #[yew::component]
    fn LoggedIn() -> yew::Html {
        use super::state::{Connected, Login, PanelState};
        let state = yew::use_reducer(|| {
            PanelState(sidecar_core::panel::Panel {
                login: Login::Ready(Connected { user_name: "Ian Wright".into(), org: "127.0.0.1:8787".into() }),
                ..sidecar_core::panel::Panel::default()
            })
        });
        super::frame(&state)
    }

    async fn settle() {
        yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    /// Waits (up to 2 s) until `ready` holds: a fixed pause raced the
    /// panel's asynchronous reads on a loaded machine.
    async fn until(ready: impl Fn() -> bool) {
        for _ in 0..100 {
            if ready() {
                return;
            }
            settle().await;
        }
    }

    fn query(root: &web_sys::Element, selector: &str) -> HtmlElement {
        root.query_selector(selector).expect("selector").expect(selector).dyn_into().expect("html element")
    }

    #[wasm_bindgen_test]
    async fn tabs_switch_screens() {
        let root = render_component::<LoggedIn>().await;
        assert!(root.query_selector("[data-testid=screen-home]").expect("q").is_some());
        query(&root, "#tab-feed").click();
        settle().await;
        assert!(root.query_selector("[data-testid=screen-feed]").expect("q").is_some());
        assert_eq!(query(&root, "#tab-feed").get_attribute("aria-selected").as_deref(), Some("true"));
        assert_eq!(query(&root, "#tab-home").get_attribute("aria-selected").as_deref(), Some("false"));
    }

    #[wasm_bindgen_test]
    async fn arrow_keys_move_between_tabs() {
        let root = render_component::<LoggedIn>().await;
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("ArrowLeft");
        init.set_bubbles(true);
        let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
        query(&root, "#tab-home").dispatch_event(&event).expect("dispatch");
        settle().await;
        assert!(root.query_selector("[data-testid=screen-feed]").expect("q").is_some(), "Left from Home wraps to My Feed");
    }

    #[wasm_bindgen_test]
    async fn missing_browser_apis_become_a_readable_error() {
        let root = render().await;
        let said = "Settings could not be read: chrome.storage.local.get:";
        until(|| root.text_content().unwrap_or_default().contains(said) && root.query_selector("[data-testid=login-prompt]").ok().flatten().is_some()).await;
        let text = root.text_content().unwrap_or_default();
        assert!(text.contains(said), "{text}");
        assert!(root.query_selector("[data-testid=login-prompt]").expect("q").is_some(), "no session: the login prompt");
        query(&root, "[data-testid=open-workspace]").click();
        let opened = || root.query_selector("[role=alert]").ok().flatten().and_then(|a| a.text_content()).is_some_and(|t| t.starts_with("The Workspace tab"));
        until(opened).await;
        let alert = query(&root, "[role=alert]").text_content().unwrap_or_default();
        assert!(alert.starts_with("The Workspace tab could not be opened:"), "{alert}");
    }
}
