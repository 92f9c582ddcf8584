//! The side panel: header, navigation between Home, To Do and My Feed, and
//! the button that opens the Workspace tab.

pub mod records;
mod state;

use sidecar_core::login::LoginHost;
use sidecar_core::nav::{NavAction, Screen};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::options::LOGIN_HOST_KEY;
use crate::platform::{chrome, storage};
use state::{PanelAction, PanelState};

#[component]
pub fn App() -> Html {
    let state = use_reducer(PanelState::default);

    // Which org the panel will log in to, as the options page saved it.
    {
        let state = state.clone();
        use_effect_with((), move |()| {
            spawn_local(async move {
                let host = storage::get::<LoginHost>(LOGIN_HOST_KEY).await;
                state.dispatch(PanelAction::HostLoaded(host.map(Option::unwrap_or_default).map_err(|e| e.to_string())));
            });
        });
    }

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
        <div class="panel" data-testid="side-panel">
            <header class="panel-header">
                <h1 class="brand">{ "Sidecar" }</h1>
                <button class="button" data-testid="open-workspace" onclick={open_workspace}>{ "Open Workspace" }</button>
            </header>
            <NavBar current={state.screen} on_nav={
                let state = state.clone();
                Callback::from(move |a: NavAction| state.dispatch(PanelAction::Nav(a)))
            } />
            <section class="screen" role="tabpanel" id={format!("screen-{}", state.screen.slug())}
                aria-labelledby={format!("tab-{}", state.screen.slug())} data-testid={format!("screen-{}", state.screen.slug())}>
                { screen_body(&state) }
            </section>
            if let Some(notice) = &state.notice {
                <p class="notice error" role="alert">{ notice }</p>
            }
        </div>
    }
}

fn screen_body(state: &PanelState) -> Html {
    let open_options = Callback::from(|_: MouseEvent| {
        spawn_local(async {
            if let Err(e) = chrome::open_options_page().await {
                gloo::console::error!(format!("{e}"));
            }
        });
    });
    let org = match &state.host {
        None => html! { <span class="muted">{ "Loading settings…" }</span> },
        Some(Ok(host)) => html! { <strong data-testid="login-host">{ host.to_string() }</strong> },
        Some(Err(e)) => html! { <span class="error">{ format!("Settings could not be read: {e}") }</span> },
    };
    let what = match state.screen {
        Screen::Home => "People and companies on the page you are viewing, matched to your CRM.",
        Screen::ToDo => "Your open tasks, to filter, sort and complete while you browse.",
        Screen::Feed => "Engagement alerts: opens, replies, clicks and visits from your prospects.",
    };
    html! {
        <div class="empty-state">
            <p>{ what }</p>
            <p>{ "Sidecar will connect to " }{ org }{ "." }</p>
            <button class="link" onclick={open_options}>{ "Change the org in Settings" }</button>
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
    use wasm_bindgen_test::*;
    use web_sys::HtmlElement;
    use wasm_bindgen::JsCast;

    wasm_bindgen_test_configure!(run_in_browser);

    async fn render() -> web_sys::Element {
        let document = gloo::utils::document();
        let root = document.create_element("div").expect("div");
        gloo::utils::body().append_child(&root).expect("append");
        yew::Renderer::<super::App>::with_root(root.clone()).render();
        settle().await;
        root
    }

    async fn settle() {
        yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    fn query(root: &web_sys::Element, selector: &str) -> HtmlElement {
        root.query_selector(selector).expect("selector").expect(selector).dyn_into().expect("html element")
    }

    #[wasm_bindgen_test]
    async fn tabs_switch_screens() {
        let root = render().await;
        assert!(root.query_selector("[data-testid=screen-home]").expect("q").is_some());
        query(&root, "#tab-feed").click();
        settle().await;
        assert!(root.query_selector("[data-testid=screen-feed]").expect("q").is_some());
        assert_eq!(query(&root, "#tab-feed").get_attribute("aria-selected").as_deref(), Some("true"));
        assert_eq!(query(&root, "#tab-home").get_attribute("aria-selected").as_deref(), Some("false"));
    }

    #[wasm_bindgen_test]
    async fn arrow_keys_move_between_tabs() {
        let root = render().await;
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
        let text = root.text_content().unwrap_or_default();
        assert!(text.contains("Settings could not be read: chrome.storage.local.get:"), "{text}");
        query(&root, "[data-testid=open-workspace]").click();
        settle().await;
        let alert = query(&root, "[role=alert]").text_content().unwrap_or_default();
        assert!(alert.starts_with("The Workspace tab could not be opened:"), "{alert}");
    }
}
