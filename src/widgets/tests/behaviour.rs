//! The editing contract every editor shares: Escape, blur, server messages,
//! and a new value from the parent.

use sidecar_core::fields::{FieldSpec, FieldType, FieldValue};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

use yew::{AttrValue, Callback};

use super::support::{editor, editor_with, spec};
use crate::widgets::EditorProps;

fn last_name() -> FieldSpec {
    FieldSpec { required: true, length: 80, ..spec(FieldType::String, "Last Name") }
}

#[wasm_bindgen_test]
async fn escape_restores_the_value_and_cancels() {
    let bench = editor(last_name(), FieldValue::Text("Wright".into())).await;
    bench.type_text("").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Last Name is required");

    bench.press("Escape").await;
    assert_eq!(bench.value(), "Wright");
    bench.assert_no_message();
    assert_eq!(bench.cancels.get(), 1);
    bench.leave(&bench.control()).await;
    assert!(bench.commits().is_empty(), "nothing committed, not even by the blur after Escape");
}

#[wasm_bindgen_test]
async fn leaving_commits_a_change_once() {
    let bench = editor(last_name(), FieldValue::Text("Wright".into())).await;
    bench.leave(&bench.control()).await;
    assert!(bench.commits().is_empty(), "no change, no commit");

    bench.type_text("Wrighte").await;
    bench.leave(&bench.control()).await;
    assert_eq!(bench.commits(), vec![FieldValue::Text("Wrighte".into())]);
    bench.press("Enter").await;
    bench.leave(&bench.control()).await;
    assert_eq!(bench.commits().len(), 2, "Enter commits again; the blur after it does not");

    bench.type_text("").await;
    bench.leave(&bench.control()).await;
    bench.assert_message(&bench.control(), "Last Name is required");
    assert_eq!(bench.commits().len(), 2);
}

/// A blur right after Escape (the grid closing its editor while the input
/// still holds the typed text) must not save what was given up.
#[wasm_bindgen_test]
async fn a_blur_after_escape_saves_nothing() {
    use wasm_bindgen::JsCast;
    let bench = editor(last_name(), FieldValue::Text("Wright".into())).await;
    bench.type_text("Zed").await;
    bench.press("Escape").await;
    let input: web_sys::HtmlInputElement = bench.control().dyn_into().expect("input");
    input.set_value("Zed");
    bench.leave(&bench.control()).await;
    assert!(bench.commits().is_empty(), "{:?}", bench.commits());
    bench.type_text("Wrighter").await;
    bench.leave(&bench.control()).await;
    assert_eq!(bench.commits(), vec![FieldValue::Text("Wrighter".into())], "typing again edits again");
}

/// The Workspace grid tells Enter (edit every selected row) from leaving
/// the cell (edit this row): with `on_leave` set, leaving reports there.
#[wasm_bindgen_test]
async fn leaving_reports_to_on_leave_when_set() {
    let left = Rc::new(RefCell::new(Vec::new()));
    let on_leave = {
        let left = left.clone();
        Callback::from(move |v| left.borrow_mut().push(v))
    };
    let bench = editor_with(last_name(), FieldValue::Text("Wright".into()), |p| EditorProps { on_leave: Some(on_leave), ..p }).await;
    bench.type_text("Wrighte").await;
    bench.leave(&bench.control()).await;
    assert_eq!(*left.borrow(), vec![FieldValue::Text("Wrighte".into())]);
    assert!(bench.commits().is_empty(), "leaving is not Enter");
    bench.type_text("Wrightes").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![FieldValue::Text("Wrightes".into())]);
    assert_eq!(left.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn the_servers_message_shows_under_the_field() {
    let mut bench = editor(last_name(), FieldValue::Null).await;
    bench.assert_no_message();
    bench.update(|p| EditorProps { server_error: Some(AttrValue::from("Required fields are missing: [LastName]")), ..p }).await;
    bench.assert_message(&bench.control(), "Required fields are missing: [LastName]");

    // The client's own message wins while the input is invalid.
    bench.type_text(&"x".repeat(81)).await;
    bench.press("Enter").await;
    assert_eq!(bench.message().as_deref(), Some("Last Name: at most 80 characters (this has 81)"));

    bench.update(|p| EditorProps { server_error: None, value: FieldValue::Text("Wright".into()), ..p }).await;
    assert_eq!(bench.value(), "Wright", "a new value replaces the draft");
    bench.assert_no_message();
}

#[wasm_bindgen_test]
async fn a_saved_value_normalizes_the_text() {
    let amount = FieldSpec { scale: 2, ..spec(FieldType::Currency, "Amount") };
    let mut bench = editor(amount, FieldValue::Null).await;
    bench.type_text("$1,250").await;
    bench.press("Enter").await;
    let committed = bench.commits()[0].clone();
    assert_eq!(committed, FieldValue::Number(1250.0));
    bench.update(|p| EditorProps { value: committed, ..p }).await;
    assert_eq!(bench.value(), "1250");
}

#[wasm_bindgen_test]
async fn disabled_editors_are_disabled() {
    let bench = editor_with(last_name(), FieldValue::Null, |p| EditorProps { disabled: true, ..p }).await;
    assert!(bench.control().has_attribute("disabled"));
}
