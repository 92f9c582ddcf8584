//! Component tests: the To Do screen's view in headless Chromium
//! (wasm-bindgen-test), on states built with the real reducer: what the
//! cached list looks like before the org answers, a failed refresh, and
//! controls dispatching their actions.

use sidecar_core::todo::prefs::TodoPrefs;
use sidecar_core::todo::screen::{Action, Cache, TodoScreen};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::state::TodoState;
use crate::api::Crm;

wasm_bindgen_test_configure!(run_in_browser);

const IAN: &str = "005000000000001AAA";

#[derive(Debug, Clone, PartialEq, Properties)]
struct ShownProps {
    screen: TodoScreen,
}

/// The view on a given state (no hooks: nothing is read or asked).
#[component]
fn Shown(props: &ShownProps) -> Html {
    let state = use_reducer(|| TodoState::from(props.screen.clone()));
    let focus = use_state_eq(|| false);
    super::view(&Crm::default(), &state, &focus, &Callback::noop(), &Callback::noop())
}

/// Ian's two tasks from the cache, the org not answered yet.
fn from_cache() -> TodoScreen {
    let record = |id: &str, subject: &str| {
        serde_json::from_value(serde_json::json!({"attributes": {"type": "Task"}, "Id": id, "Subject": subject, "IsClosed": false})).expect("record")
    };
    let mut screen = TodoScreen::default();
    screen.apply(Action::User(IAN.into()));
    let cache = Cache {
        zone: "America/Los_Angeles".into(),
        locale: "en_US".into(),
        records: vec![record("00T000000000001AAA", "Call Acme"), record("00T000000000002AAA", "Send quote")],
    };
    screen.apply(Action::Cached { user_id: IAN.into(), cache: Some(cache), prefs: TodoPrefs::default() });
    screen
}

async fn render(screen: TodoScreen) -> web_sys::Element {
    let root = gloo::utils::document().create_element("div").expect("div");
    gloo::utils::body().append_child(&root).expect("append");
    yew::Renderer::<Shown>::with_root_and_props(root.clone(), ShownProps { screen }).render();
    settle().await;
    root
}

async fn settle() {
    yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let found = root.query_selector_all(selector).expect("selector");
    (0..found.length()).filter_map(|i| found.item(i)).map(|n| n.text_content().unwrap_or_default()).collect()
}

fn query(root: &web_sys::Element, selector: &str) -> HtmlElement {
    root.query_selector(selector).expect("selector").expect(selector).dyn_into().expect("html element")
}

#[wasm_bindgen_test]
async fn the_cached_list_shows_while_the_org_is_asked() {
    let root = render(from_cache()).await;
    let mut subjects = texts(&root, "[data-testid=todo-subject]");
    subjects.sort();
    assert_eq!(subjects, ["Call Acme", "Send quote"]);
    assert_eq!(texts(&root, "[data-testid=todo] [role=status]"), ["Updating…"]);
    assert!(root.query_selector("[data-testid=todo-empty]").expect("q").is_none());
}

#[wasm_bindgen_test]
async fn a_failed_refresh_keeps_the_list_and_says_why() {
    let mut screen = from_cache();
    screen.apply(Action::Failed("You're offline.".into()));
    let root = render(screen).await;
    assert_eq!(texts(&root, "[data-testid=todo-item]").len(), 2, "the cached tasks stay");
    assert_eq!(texts(&root, "[data-testid=todo-error]"), ["Your tasks couldn't be refreshed: You're offline."]);
    assert_eq!(query(&root, "[data-testid=todo-error]").get_attribute("role").as_deref(), Some("alert"));
    assert!(root.query_selector("[data-testid=todo] [role=status]").expect("q").is_none(), "not refreshing any more");
}

#[wasm_bindgen_test]
async fn nothing_cached_and_nothing_answered_is_loading_not_empty() {
    let root = render(TodoScreen::default()).await;
    assert_eq!(texts(&root, "[data-testid=todo] [role=status]"), ["Loading your tasks…"]);
    assert!(root.query_selector("[data-testid=todo-empty]").expect("q").is_none(), "no 'Nothing to do' before anything was read");
}

#[wasm_bindgen_test]
async fn the_filter_chips_dispatch_and_exclude_each_other() {
    let root = render(from_cache()).await;
    let pressed = |testid: &str| query(&root, &format!("[data-testid={testid}]")).get_attribute("aria-pressed").unwrap_or_default();
    query(&root, "[data-testid=filter-overdue]").click();
    settle().await;
    assert_eq!((pressed("filter-overdue"), pressed("filter-due-today"), pressed("filter-all")), ("true".into(), "false".into(), "false".into()));
    query(&root, "[data-testid=filter-due-today]").click();
    settle().await;
    assert_eq!((pressed("filter-overdue"), pressed("filter-due-today")), ("false".into(), "true".into()), "Due today turns Overdue off");
    assert_eq!(texts(&root, "[data-testid=todo-empty]"), ["No tasks match these filters."], "neither task has a due date");
    query(&root, "[data-testid=filter-all]").click();
    settle().await;
    assert_eq!(texts(&root, "[data-testid=todo-item]").len(), 2);
}
