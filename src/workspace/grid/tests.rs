//! The grid in a real DOM (wasm-bindgen-test in Chromium, the real
//! stylesheet): the body rows kept by hand (`rows`), what they show, which
//! elements they reuse, and the editor rendered into its cell.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use salesforce_rest::wire::Record;
use serde_json::json;
use sidecar_core::edits::pending::Resolution;
use sidecar_core::fields::{EditContext, FieldSpec, FieldType, FieldValue};
use sidecar_core::workspace::ColumnSpec;
use sidecar_core::workspace::grid::Row;
use sidecar_core::workspace::grid::RowStatus;
use sidecar_core::workspace::selection::Selection;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::{Grid, GridEdit, GridProps, OVERSCAN, ROW_HEIGHT, window};

#[wasm_bindgen_test]
fn the_window_covers_the_viewport_plus_overscan() {
    assert_eq!(window(0.0, 320.0, 2000), (0, 11 + OVERSCAN));
    assert_eq!(window(32.0 * 100.0, 320.0, 2000), (100 - OVERSCAN, 100 + 11 + OVERSCAN));
    assert_eq!(window(32.0 * 1995.0, 320.0, 2000), (1995 - OVERSCAN, 2000));
    assert_eq!(window(0.0, 320.0, 3), (0, 3));
    assert_eq!(window(5000.0, 320.0, 0), (0, 0));
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(40)).await;
}

fn columns() -> Rc<Vec<ColumnSpec>> {
    let mut amount = ColumnSpec::new("Amount", FieldSpec::new("Amount", "Amount", FieldType::Currency));
    amount.spec.scale = 2;
    Rc::new(vec![ColumnSpec::new("Name", FieldSpec::new("Name", "Name", FieldType::String)), amount])
}

fn id(n: usize) -> String {
    format!("006xx{n:010}AAA")
}

fn rows(n: usize) -> Rc<Vec<Row>> {
    let record = |i: usize| -> Record {
        serde_json::from_value(json!({"attributes": {"type": "Opportunity"}, "Id": id(i), "Name": format!("Deal {i}"), "Amount": i as f64 * 10.0}))
            .expect("record")
    };
    Rc::new((0..n).map(|i| Row::from_record(record(i))).collect())
}

/// What the grid told its page.
#[derive(Default)]
struct Emitted {
    toggles: Vec<String>,
    retries: Vec<String>,
    resolutions: Vec<(String, Resolution)>,
    pastes: Vec<(String, usize, usize)>,
    edits: Vec<GridEdit>,
}

struct Mounted {
    host: Element,
    app: Option<yew::AppHandle<Grid>>,
    emitted: Rc<RefCell<Emitted>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.host.remove();
    }
}

impl Mounted {
    fn rows(&self) -> Vec<Element> {
        let list = self.host.query_selector_all("[data-testid=grid-row]").expect("rows");
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
    }

    fn row(&self, id: &str) -> Option<Element> {
        self.host.query_selector(&format!("[data-testid=grid-row][data-id=\"{id}\"]")).ok().flatten()
    }

    fn cell(&self, id: &str, column: &str) -> Element {
        self.row(id).and_then(|r| r.query_selector(&format!("[data-column=\"{column}\"]")).ok().flatten()).expect("cell")
    }

    fn body(&self) -> Element {
        self.host.query_selector("[data-testid=grid-body]").ok().flatten().expect("body")
    }

    async fn update(&mut self, props: GridProps) {
        if let Some(app) = &mut self.app {
            app.update(props);
        }
        settle().await;
    }
}

fn props(rows: Rc<Vec<Row>>, selection: Selection, emitted: &Rc<RefCell<Emitted>>) -> GridProps {
    let visible = Rc::new((0..rows.len()).collect());
    let record = |f: fn(&mut Emitted, String)| {
        let emitted = emitted.clone();
        Callback::from(move |id: String| f(&mut emitted.borrow_mut(), id))
    };
    GridProps {
        columns: columns(),
        rows,
        visible,
        selection,
        sort: None,
        filters: vec![String::new(); 2],
        ctx: Rc::new(EditContext::en_us("UTC")),
        loading: false,
        on_filter: Callback::noop(),
        on_sort: Callback::noop(),
        on_toggle: record(|e, id| e.toggles.push(id)),
        on_clear: Callback::noop(),
        on_pick: Callback::noop(),
        on_fill: Callback::noop(),
        on_discard: Callback::noop(),
        on_edit: {
            let emitted = emitted.clone();
            Callback::from(move |edit| emitted.borrow_mut().edits.push(edit))
        },
        on_retry: record(|e, id| e.retries.push(id)),
        on_resolve: {
            let emitted = emitted.clone();
            Callback::from(move |choice| emitted.borrow_mut().resolutions.push(choice))
        },
        on_paste: {
            let emitted = emitted.clone();
            Callback::from(move |paste| emitted.borrow_mut().pastes.push(paste))
        },
    }
}

/// Mounts the grid in a 400 px tall box, with the extension's stylesheet.
async fn mount(rows: Rc<Vec<Row>>, selection: Selection) -> Mounted {
    let document = gloo::utils::document();
    if document.get_element_by_id("sidecar-css").is_none() {
        let style = document.create_element("style").expect("style");
        style.set_id("sidecar-css");
        style.set_text_content(Some(include_str!("../../../static/sidecar.css")));
        document.head().expect("head").append_child(&style).expect("append");
    }
    let host = document.create_element("div").expect("div");
    host.set_attribute("style", "display: flex; flex-direction: column; height: 400px; width: 900px").expect("style");
    gloo::utils::body().append_child(&host).expect("append");
    let emitted = Rc::new(RefCell::new(Emitted::default()));
    let app = yew::Renderer::<Grid>::with_root_and_props(host.clone(), props(rows, selection, &emitted)).render();
    settle().await;
    Mounted { host, app: Some(app), emitted }
}

fn has_class(element: &Element, class: &str) -> bool {
    element.class_name().split_whitespace().any(|c| c == class)
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

fn mouse(target: &Element, name: &str) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict(name, &init).expect("mouse event");
    target.dispatch_event(&event).expect("dispatch");
}

#[wasm_bindgen_test]
async fn the_rows_in_view_are_in_the_dom_with_their_texts() {
    let grid = mount(rows(2000), Selection::new()).await;
    let body_height = f64::from(grid.body().client_height());
    let most = (body_height / ROW_HEIGHT).ceil() + 1.0 + OVERSCAN as f64;
    // The first render sizes the window from the browser window's height; the
    // body's own height arrives from a ResizeObserver after layout, which a busy
    // machine may deliver after `mount`'s settle: wait for it (up to 2 s).
    for _ in 0..50 {
        if grid.rows().len() as f64 <= most {
            break;
        }
        settle().await;
    }
    let shown = grid.rows();
    assert!(!shown.is_empty());
    assert!(shown.len() as f64 <= most, "{} rows for a {body_height} px body", shown.len());
    assert_eq!(text(&grid.cell(&id(0), "Name")), "Deal 0");
    assert_eq!(text(&grid.cell(&id(3), "Amount")), "$30.00");
    assert_eq!(grid.row(&id(3)).and_then(|r| r.get_attribute("aria-rowindex")).as_deref(), Some("6"));
    let rowcount = grid.host.query_selector("[data-testid=grid]").ok().flatten().and_then(|g| g.get_attribute("aria-rowcount"));
    assert_eq!(rowcount.as_deref(), Some("2002"), "every row counts, shown or not");
}

#[wasm_bindgen_test]
async fn no_rows_says_so_once_the_records_have_arrived() {
    let empty = || Rc::new(Vec::new());
    let mut grid = mount(empty(), Selection::new()).await;
    let note = |grid: &Mounted| grid.host.query_selector(".grid-empty").ok().flatten().map(|p| text(&p));
    assert_eq!(note(&grid).as_deref(), Some("No records."));
    let emitted = grid.emitted.clone();
    grid.update(GridProps { loading: true, ..props(empty(), Selection::new(), &emitted) }).await;
    assert_eq!(note(&grid), None, "while loading, the progress line speaks");
}

#[wasm_bindgen_test]
async fn scrolling_reuses_the_elements_of_rows_still_in_view() {
    let grid = mount(rows(2000), Selection::new()).await;
    let before = grid.rows().len();
    let kept = grid.row(&id(12)).expect("row 12 in view");
    let body = grid.body();
    body.set_scroll_top((10.0 * ROW_HEIGHT) as i32);
    body.dispatch_event(&web_sys::Event::new("scroll").expect("scroll")).expect("dispatch");
    settle().await;
    assert!(grid.row(&id(0)).is_none(), "row 0 left the window");
    let after = grid.row(&id(12)).expect("row 12 still in view");
    assert!(after.is_same_node(Some(&kept)), "a row still in view keeps its element");
    let last = 10 + before - OVERSCAN - 1;
    assert_eq!(text(&grid.cell(&id(last), "Name")), format!("Deal {last}"), "rows coming into view show their own texts");
    assert!(grid.rows().len() <= before + OVERSCAN, "the pool does not grow with scrolling");
}

#[wasm_bindgen_test]
async fn selection_status_and_clicks_reach_the_page() {
    let mut rows = (*rows(30)).clone();
    rows[1].status = RowStatus::Failed("Enter an Amount".into());
    rows[2].status = RowStatus::Saving;
    rows[4].flagged = vec![(0, "Pasted \u{201c}x\u{201d} not used".into())];
    rows[3].status = RowStatus::Conflict("Someone else changed Name to \u{201c}<b>Deal</b>\u{201d}.".into());
    let mut selection = Selection::new();
    selection.toggle(&id(1)).expect("select");
    let mut grid = mount(Rc::new(rows.clone()), selection.clone()).await;
    let failed = grid.row(&id(1)).expect("row 1");
    assert!(has_class(&failed, "selected") && has_class(&failed, "row-failed"));
    let checkbox = failed.query_selector("[data-testid=row-select]").ok().flatten().expect("checkbox");
    assert_eq!(checkbox.get_attribute("aria-checked").as_deref(), Some("true"));
    let error = failed.query_selector("[data-testid=row-error]").ok().flatten().expect("error");
    assert_eq!(text(&error), "Enter an Amount", "the org's message, as text");
    assert_eq!(text(&grid.cell(&id(2), "Name")), "Deal 2");
    assert!(text(&grid.row(&id(2)).expect("row 2").query_selector("[data-testid=row-status]").ok().flatten().expect("status")).contains("Saving"));

    checkbox.dyn_ref::<HtmlElement>().expect("button").click();
    failed.query_selector("[data-testid=row-retry]").ok().flatten().and_then(|b| b.dyn_into::<HtmlElement>().ok()).expect("retry").click();
    settle().await;
    assert_eq!(grid.emitted.borrow().toggles, [id(1)]);
    assert_eq!(grid.emitted.borrow().retries, [id(1)]);

    // A conflict: its words as text, and both choices reach the page.
    let conflict = grid.row(&id(3)).expect("row 3");
    assert!(has_class(&conflict, "row-conflict"));
    let words = conflict.query_selector("[data-testid=row-conflict]").ok().flatten().expect("words");
    assert_eq!(text(&words), "Someone else changed Name to \u{201c}<b>Deal</b>\u{201d}.");
    for testid in ["row-take-theirs", "row-keep-mine"] {
        conflict.query_selector(&format!("[data-testid={testid}]")).ok().flatten().and_then(|b| b.dyn_into::<HtmlElement>().ok()).expect("button").click();
    }
    settle().await;
    assert_eq!(grid.emitted.borrow().resolutions, [(id(3), Resolution::TakeTheirs), (id(3), Resolution::KeepMine)]);

    // A marked cell says so to the eye and to assistive technology.
    let marked = grid.cell(&id(4), "Name");
    assert_eq!(marked.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(marked.get_attribute("title").as_deref(), Some("Pasted \u{201c}x\u{201d} not used"));
    assert_eq!(grid.cell(&id(5), "Name").get_attribute("aria-invalid"), None);

    // A paste on the grid reaches the page with the active cell.
    let data = web_sys::DataTransfer::new().expect("data");
    data.set_data("text/plain", "1\t2").expect("set");
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&data));
    let event = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).expect("event");
    grid.body().dispatch_event(&event).expect("dispatch");
    settle().await;
    assert_eq!(grid.emitted.borrow().pastes, [("1\t2".to_owned(), 0, 0)]);

    // The page saved the row and the user unselected it.
    rows[1].status = RowStatus::Saved;
    let emitted = grid.emitted.clone();
    grid.update(props(Rc::new(rows), Selection::new(), &emitted)).await;
    let saved = grid.row(&id(1)).expect("row 1");
    assert!(!has_class(&saved, "selected") && has_class(&saved, "row-saved"));
    assert!(saved.query_selector("[data-testid=row-error]").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn the_editor_opens_in_its_cell_and_leaves_the_text_after() {
    let grid = mount(rows(50), Selection::new()).await;
    let cell = grid.cell(&id(4), "Name");
    mouse(&cell, "dblclick");
    settle().await;
    let cell = grid.cell(&id(4), "Name");
    assert!(has_class(&cell, "editing"));
    let input = cell.query_selector("input").ok().flatten().and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok()).expect("editor in the cell");
    assert_eq!(input.value(), "Deal 4");
    assert_eq!(cell.child_nodes().length(), 1, "the editor replaces the text");

    input.set_value("Renamed");
    input.dispatch_event(&web_sys::Event::new("input").expect("input")).expect("dispatch");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("key")).expect("dispatch");
    settle().await;
    let edits = &grid.emitted.borrow().edits;
    assert_eq!(edits.len(), 1);
    assert_eq!((edits[0].row_id.as_str(), edits[0].column, &edits[0].value), (id(4).as_str(), 0, &FieldValue::Text("Renamed".into())));
    let cell = grid.cell(&id(4), "Name");
    assert!(!has_class(&cell, "editing") && cell.query_selector("input").ok().flatten().is_none());
    assert_eq!(text(&cell), "Deal 4", "the page has not saved it: the row still shows its value");
}

#[wasm_bindgen_test]
async fn a_draft_survives_scrolling_while_its_row_stays_in_view() {
    let grid = mount(rows(2000), Selection::new()).await;
    mouse(&grid.cell(&id(6), "Name"), "dblclick");
    settle().await;
    let input = || grid.cell(&id(6), "Name").query_selector("input").ok().flatten().and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
    let typed = input().expect("editor");
    typed.set_value("Half-typed");
    typed.dispatch_event(&web_sys::Event::new("input").expect("input")).expect("dispatch");
    let body = grid.body();
    // The window now starts at row 4 (row 8 on top, 4 rows of overscan): row 6 stays in it.
    body.set_scroll_top((8.0 * ROW_HEIGHT) as i32);
    body.dispatch_event(&web_sys::Event::new("scroll").expect("scroll")).expect("dispatch");
    settle().await;
    let after = input().expect("the editor is still open in its row");
    assert!(after.is_same_node(Some(&typed)), "the same editor, not a new one");
    assert_eq!(after.value(), "Half-typed", "what the user typed is kept");
}
