//! boolean, picklist, multipicklist and reference.

use salesforce_rest::SfId;
use sidecar_core::fields::{FieldSpec, FieldType, FieldValue, ReferenceTarget};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;
use yew::AttrValue;

use super::support::{ID, display, editor, editor_with, options, spec};

fn checked(bench: &super::support::Bench, selector: &str) -> bool {
    bench.get(selector).dyn_into::<HtmlInputElement>().expect("checkbox").checked()
}

#[wasm_bindgen_test]
async fn boolean_commits_each_toggle_and_shows_the_servers_message() {
    let field = spec(FieldType::Boolean, "Do Not Call");
    let bench = editor(field.clone(), FieldValue::Bool(true)).await;
    assert!(checked(&bench, "#f"), "starts from the value");
    assert_eq!(bench.get("label.field-checkbox").text_content().as_deref(), Some("Do Not Call"));

    bench.toggle("#f").await;
    assert_eq!(bench.commits(), vec![FieldValue::Bool(false)]);
    bench.toggle("#f").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![FieldValue::Bool(false), FieldValue::Bool(true), FieldValue::Bool(true)]);

    // A checkbox has no invalid input; a refusal can only come from the server.
    let refused = editor_with(field.clone(), FieldValue::Bool(false), |p| {
        let server_error = Some(AttrValue::from("Do Not Call: only a manager can change this"));
        super::super::EditorProps { server_error, ..p }
    })
    .await;
    refused.assert_message(&refused.control(), "Do Not Call: only a manager can change this");

    let shown = display(field, FieldValue::Bool(true), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("Yes"));
}

fn status(required: bool) -> FieldSpec {
    FieldSpec {
        required,
        restricted: true,
        picklist: options(&[("New", "New", true), ("Working", "Working - Contacted", true), ("Old", "Old", false)]),
        ..spec(FieldType::Picklist, "Status")
    }
}

fn option_values(bench: &super::support::Bench) -> Vec<String> {
    let list = bench.root.query_selector_all("option").expect("options");
    (0..list.length()).filter_map(|i| list.item(i)?.text_content()).collect()
}

#[wasm_bindgen_test]
async fn picklist_offers_active_values_and_requires_a_choice() {
    let optional = editor(status(false), FieldValue::Null).await;
    assert_eq!(optional.value(), "");
    assert_eq!(option_values(&optional), ["--None--", "New", "Working - Contacted"], "inactive values are not offered");
    optional.type_text("Working").await;
    optional.press("Enter").await;
    assert_eq!(optional.commits(), vec![FieldValue::Text("Working".into())]);
    drop(optional);

    // A current value that is no longer active stays, so opening changes nothing.
    let bench = editor(status(true), FieldValue::Text("Old".into())).await;
    assert_eq!(bench.value(), "Old");
    assert_eq!(option_values(&bench), ["New", "Working - Contacted", "Old"], "no --None-- when required");
    bench.leave(&bench.control()).await;
    assert!(bench.commits().is_empty(), "leaving unchanged is no edit");
    drop(bench);

    let empty = editor(status(true), FieldValue::Null).await;
    assert_eq!(option_values(&empty)[0], "--None--", "an empty required picklist shows it is empty");
    empty.type_text("New").await;
    empty.type_text("").await;
    empty.press("Enter").await;
    empty.assert_message(&empty.control(), "Status is required");
    assert!(empty.commits().is_empty());

    let shown = display(status(false), FieldValue::Text("Working".into()), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("Working - Contacted"), "labels, not values");
}

fn interests(required: bool) -> FieldSpec {
    FieldSpec {
        required,
        restricted: true,
        picklist: options(&[("A", "Analytics", true), ("B", "Billing", true), ("C", "CRM", true), ("D", "Dialer", false)]),
        ..spec(FieldType::Multipicklist, "Interests")
    }
}

#[wasm_bindgen_test]
async fn multipicklist_commits_the_checked_values_in_declared_order() {
    let bench = editor(interests(true), FieldValue::Multi(vec!["A".into(), "B".into()])).await;
    let group = bench.control();
    assert_eq!(group.get_attribute("role").as_deref(), Some("group"));
    assert_eq!(group.get_attribute("aria-labelledby"), Some(format!("{ID}-label")));
    assert_eq!(bench.get("#f-label").text_content().as_deref(), Some("*Interests"));
    assert!(checked(&bench, "#f-0") && checked(&bench, "#f-1") && !checked(&bench, "#f-2"), "starts from the value");
    assert_eq!(bench.root.query_selector_all("input[type=checkbox]").expect("q").length(), 3, "inactive D not offered");

    bench.toggle("#f-2").await;
    bench.toggle("#f-1").await;
    bench.press_on(&bench.get("#f-2"), "Enter", false).await;
    assert_eq!(bench.commits(), vec![FieldValue::Multi(vec!["A".into(), "C".into()])]);

    bench.toggle("#f-0").await;
    bench.toggle("#f-2").await;
    bench.press_on(&bench.get("#f-0"), "Enter", false).await;
    bench.assert_message(&group, "Interests is required");
    assert!(!checked(&bench, "#f-0") && !checked(&bench, "#f-2"), "the user's choice is kept");
    assert_eq!(bench.commits().len(), 1);

    // Escape puts back the value's choices.
    bench.press_on(&bench.get("#f-1"), "Escape", false).await;
    assert!(checked(&bench, "#f-0") && checked(&bench, "#f-1") && !checked(&bench, "#f-2"));
    assert_eq!(bench.message(), None);
    assert_eq!(bench.cancels.get(), 1);
    bench.toggle("#f-0").await;
    bench.toggle("#f-1").await;

    // Leaving the group with a change commits it.
    bench.toggle("#f-1").await;
    bench.leave(&bench.get("#f-1")).await;
    assert_eq!(bench.commits().last(), Some(&FieldValue::Multi(vec!["B".into()])));

    let shown = display(interests(false), FieldValue::Multi(vec!["A".into(), "C".into()]), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("Analytics; CRM"));
}

fn account_lookup() -> FieldSpec {
    FieldSpec { reference_to: vec![ReferenceTarget { object: "Account".into(), key_prefix: "001".into() }], ..spec(FieldType::Reference, "Account") }
}

#[wasm_bindgen_test]
async fn reference_takes_an_id_of_the_right_object() {
    let acme = SfId::parse("001000000000001").expect("id");
    let bench = editor_with(account_lookup(), FieldValue::Id(acme.clone()), |p| super::super::EditorProps { display: Some("Acme".into()), ..p }).await;
    // The box shows the record's name, never its id, when the name is known.
    assert_eq!(bench.value(), "Acme");
    assert_eq!(bench.control().get_attribute("role").as_deref(), Some("combobox"));

    // Without an org to search (no `Crm` in context), a pasted id still works.
    let globex = SfId::parse("001000000000002").expect("id");
    bench.type_text("001000000000002").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![FieldValue::Id(globex)]);

    bench.type_text("Acme").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Account: this isn't a record id (15 or 18 letters and digits)");
    assert_eq!(bench.value(), "Acme");

    bench.type_text("003000000000001").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Account: choose a record of type Account");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(account_lookup(), FieldValue::Id(acme.clone()), Some("Acme")).await;
    assert_eq!(shown.text_content().as_deref(), Some("Acme"));
    let bare = display(account_lookup(), FieldValue::Id(acme.clone()), None).await;
    assert_eq!(bare.text_content(), Some(acme.to_string()));
}
