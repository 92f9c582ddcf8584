//! The Manage Workspace dialog in a real DOM (wasm-bindgen-test in
//! Chromium), with a client that is not logged in: what it shows of the
//! workspace it edits, and each control reaching the reducer (columns
//! moved and removed, a filter added, a refused save said, delete after
//! confirmation, Escape). The reducer's own rules are table-tested in
//! `sidecar_core::workspace::tests::manage`.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use sidecar_core::fields::EditContext;
use sidecar_core::workspace::model::Workspaces;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::manage::{Manage, ManageMode, ManageProps};
use crate::api::Crm;

/// What the dialog told the tab.
#[derive(Default)]
struct Told {
    saved: Vec<(Workspaces, Option<String>)>,
    closed: u32,
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(40)).await;
}

async fn mount(mode: ManageMode) -> (Element, Rc<RefCell<Told>>) {
    let root = gloo::utils::document().create_element("div").expect("div");
    gloo::utils::body().append_child(&root).expect("append");
    let told = Rc::new(RefCell::new(Told::default()));
    let props = ManageProps {
        crm: Crm::default(),
        mode,
        list: Workspaces::default(),
        user_id: String::new(),
        ctx: Rc::new(EditContext::default()),
        on_save: {
            let told = told.clone();
            Callback::from(move |saved| told.borrow_mut().saved.push(saved))
        },
        on_close: {
            let told = told.clone();
            Callback::from(move |()| told.borrow_mut().closed += 1)
        },
    };
    yew::Renderer::<Manage>::with_root_and_props(root.clone(), props).render();
    settle().await;
    (root, told)
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).ok().flatten().unwrap_or_else(|| panic!("no {selector}"))
}

async fn click(root: &Element, selector: &str) {
    find(root, selector).dyn_into::<HtmlElement>().expect("html element").click();
    settle().await;
}

fn columns(root: &Element) -> Vec<String> {
    let items = root.query_selector_all("[data-testid=ws-columns] li").expect("items");
    (0..items.length()).filter_map(|i| items.item(i)?.dyn_into::<Element>().ok()?.get_attribute("data-path")).collect()
}

#[wasm_bindgen_test]
async fn the_controls_change_the_draft_and_delete_asks_first() {
    let list = Workspaces::default();
    let opportunities = list.get("default-opportunities").cloned().expect("a default");
    let (root, told) = mount(ManageMode::Edit(opportunities.id.clone())).await;
    assert_eq!(find(&root, "#manage-title").text_content().as_deref(), Some("Manage Workspace"));
    assert_eq!(find(&root, "[data-testid=ws-name]").dyn_into::<HtmlInputElement>().expect("input").value(), opportunities.name);
    assert_eq!(columns(&root), opportunities.columns);

    let first = opportunities.columns[0].clone();
    click(&root, &format!("[data-path='{first}'] button[aria-label$=' down']")).await;
    let mut expected = opportunities.columns.clone();
    expected.swap(0, 1);
    assert_eq!(columns(&root), expected, "moved down");
    click(&root, &format!("[data-path='{first}'] button[aria-label^='Remove']")).await;
    expected.remove(1);
    assert_eq!(columns(&root), expected, "removed");

    let filters = |root: &Element| root.query_selector_all("[data-testid=filter-row]").map(|l| l.length()).unwrap_or(0);
    let before = filters(&root);
    click(&root, "[data-testid=add-filter]").await;
    assert_eq!(filters(&root), before + 1);

    click(&root, "[data-testid=delete-workspace]").await;
    assert!(told.borrow().saved.is_empty(), "delete asks first");
    click(&root, "[data-testid=confirm-delete]").await;
    let told = told.borrow();
    let (next, open) = told.saved.first().expect("deleted");
    assert!(next.get(&opportunities.id).is_none() && open.is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn a_save_without_a_name_is_refused_in_words_and_escape_closes() {
    let (root, told) = mount(ManageMode::New).await;
    assert_eq!(find(&root, "#manage-title").text_content().as_deref(), Some("New Workspace"));
    assert!(root.query_selector("[data-testid=delete-workspace]").ok().flatten().is_none(), "nothing to delete yet");
    // `required` lets spaces through; the draft's rules do not.
    let name = find(&root, "[data-testid=ws-name]").dyn_into::<HtmlInputElement>().expect("input");
    name.set_value("   ");
    name.dispatch_event(&web_sys::Event::new("input").expect("input")).expect("dispatch");
    // The not-logged-in client's describeGlobal failure is said first.
    yew::platform::time::sleep(Duration::from_millis(200)).await;
    find(&root, "form").dispatch_event(&web_sys::Event::new("submit").expect("submit")).expect("dispatch");
    settle().await;
    let error = find(&root, "[data-testid=manage-error]");
    assert_eq!((error.text_content().as_deref(), error.get_attribute("role").as_deref()), (Some("Give the workspace a name."), Some("alert")));
    assert!(told.borrow().saved.is_empty());

    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    find(&root, "[data-testid=ws-name]")
        .dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("key"))
        .expect("dispatch");
    settle().await;
    assert_eq!(told.borrow().closed, 1);
    root.remove();
}
