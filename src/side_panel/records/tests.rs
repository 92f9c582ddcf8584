//! The search box's answers in a real DOM (wasm-bindgen-test in Chromium):
//! each state of the search's `Load` says what it says, with the role and
//! `data-testid` the end-to-end tests and screen readers rely on.

use std::time::Duration;

use sidecar_core::load::Load;
use sidecar_core::records::search::Hit;
use wasm_bindgen_test::wasm_bindgen_test;
use yew::prelude::*;

use super::search_results::{Search, SearchProps};

async fn rendered(results: Load<Vec<Hit>>) -> web_sys::Element {
    let root = gloo::utils::document().create_element("div").expect("div");
    gloo::utils::body().append_child(&root).expect("append");
    let props = SearchProps { results, on_search: Callback::noop(), on_open: Callback::noop() };
    yew::Renderer::<Search>::with_root_and_props(root.clone(), props).render();
    yew::platform::time::sleep(Duration::from_millis(25)).await;
    root
}

fn hit() -> Hit {
    Hit { object: "Lead".into(), id: "00Qxx0000000001AAA".into(), title: "Ada Lovelace".into(), subtitle: "Analytical Engines".into() }
}

#[wasm_bindgen_test]
async fn each_search_state_says_what_it_is() {
    /// The search's state, the selector of its line, the line's role and text.
    type Case = (Load<Vec<Hit>>, &'static str, Option<&'static str>, &'static str);
    let cases: [Case; 5] = [
        (Load::Loading, "[role=status]", Some("status"), "Searching…"),
        (
            Load::Failed("Type at least 2 letters or digits to search.".into()),
            "[data-testid=search-error]",
            Some("alert"),
            "Type at least 2 letters or digits to search.",
        ),
        (Load::Loaded(Vec::new()), "[data-testid=search-empty]", Some("status"), "No matching records."),
        (Load::Refreshing(Vec::new()), "[data-testid=search-empty]", Some("status"), "No matching records."),
        // The object is its icon, named for screen readers (see below).
        (Load::Loaded(vec![hit()]), "[data-testid=search-hit]", None, "Ada LovelaceAnalytical Engines"),
    ];
    for (load, selector, role, text) in cases {
        let root = rendered(load.clone()).await;
        let line = root.query_selector(selector).ok().flatten().unwrap_or_else(|| panic!("{load:?}: no {selector}"));
        assert_eq!(line.get_attribute("role").as_deref(), role, "{load:?}");
        assert_eq!(line.text_content().unwrap_or_default(), text, "{load:?}");
        root.remove();
    }
    let found = rendered(Load::Loaded(vec![hit()])).await;
    let icon = found.query_selector("[data-testid=search-hit] .object-icon-lead").ok().flatten().expect("the Lead icon");
    assert_eq!((icon.get_attribute("role").as_deref(), icon.get_attribute("aria-label").as_deref()), (Some("img"), Some("Lead")));
    found.remove();
    let idle = rendered(Load::Idle).await;
    assert!(idle.query_selector("p").ok().flatten().is_none(), "nothing said before a search");
    idle.remove();
}
