//! string, textarea, email, phone and url.

use sidecar_core::fields::{FieldSpec, FieldType, FieldValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{display, editor, spec};

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

fn limited(ty: FieldType, label: &str, length: u32) -> FieldSpec {
    FieldSpec { length, ..spec(ty, label) }
}

#[wasm_bindgen_test]
async fn string_commits_trimmed_text_and_refuses_too_long() {
    let bench = editor(limited(FieldType::String, "Company", 10), text("Acme")).await;
    assert_eq!(bench.value(), "Acme", "starts from edit_text");
    assert_eq!(bench.get("label[for=f]").text_content().as_deref(), Some("Company"));

    bench.type_text("  Globex  ").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![text("Globex")]);
    bench.assert_no_message();

    bench.type_text("Globex Corporation").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Company: at most 10 characters (this has 18)");
    assert_eq!(bench.value(), "Globex Corporation", "the typed text is kept");
    assert_eq!(bench.commits().len(), 1, "nothing more committed");

    let shown = display(limited(FieldType::String, "Company", 10), text("<b>Acme</b>"), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("<b>Acme</b>"), "CRM text is text");
    assert!(shown.query_selector("b").expect("q").is_none(), "never HTML");
}

#[wasm_bindgen_test]
async fn textarea_keeps_lines_and_commits_on_ctrl_enter() {
    let bench = editor(limited(FieldType::Textarea, "Description", 20), text("one\ntwo")).await;
    assert_eq!(bench.control().tag_name(), "TEXTAREA");
    assert_eq!(bench.value(), "one\ntwo");

    bench.type_text("first\nsecond").await;
    bench.press("Enter").await;
    assert!(bench.commits().is_empty(), "Enter is a new line in a text area");
    bench.press_on(&bench.control(), "Enter", true).await;
    assert_eq!(bench.commits(), vec![text("first\nsecond")]);

    bench.type_text("a rather long description").await;
    bench.press_on(&bench.control(), "Enter", true).await;
    bench.assert_message(&bench.control(), "Description: at most 20 characters (this has 25)");
    assert_eq!(bench.value(), "a rather long description");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(spec(FieldType::Textarea, "Description"), text("one\ntwo"), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("one\ntwo"));
}

#[wasm_bindgen_test]
async fn email_refuses_an_address_without_domain() {
    let bench = editor(spec(FieldType::Email, "Email"), text("ann@acme.com")).await;
    assert_eq!(bench.value(), "ann@acme.com");
    assert_eq!(bench.control().get_attribute("type").as_deref(), Some("email"));

    bench.type_text("bob@globex.com").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![text("bob@globex.com")]);

    bench.type_text("bob@globex").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Email: this isn't a valid email address");
    assert_eq!(bench.value(), "bob@globex");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(spec(FieldType::Email, "Email"), text("ann@acme.com"), None).await;
    let link = shown.query_selector("a").expect("q").expect("a mailto link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("mailto:ann@acme.com"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert_eq!(link.text_content().as_deref(), Some("ann@acme.com"));
}

#[wasm_bindgen_test]
async fn phone_takes_free_text_up_to_its_length() {
    let bench = editor(limited(FieldType::Phone, "Phone", 16), text("(415) 555-0100")).await;
    assert_eq!(bench.value(), "(415) 555-0100");
    assert_eq!(bench.control().get_attribute("type").as_deref(), Some("tel"));

    bench.type_text("+44 20 7946 0958").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![text("+44 20 7946 0958")]);

    bench.type_text("+44 20 7946 0958 ext 12").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Phone: at most 16 characters (this has 23)");
    assert_eq!(bench.value(), "+44 20 7946 0958 ext 12");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(spec(FieldType::Phone, "Phone"), text("(415) 555-0100"), None).await;
    let link = shown.query_selector("a").expect("q").expect("a tel link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("tel:4155550100"));
    assert_eq!(link.text_content().as_deref(), Some("(415) 555-0100"));
}

#[wasm_bindgen_test]
async fn url_takes_a_bare_domain_and_links_only_safe_schemes() {
    let bench = editor(limited(FieldType::Url, "Website", 20), FieldValue::Null).await;
    assert_eq!(bench.value(), "");

    bench.type_text("acme.com").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![text("acme.com")]);

    bench.type_text("https://www.acme.com/about-us").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Website: at most 20 characters (this has 29)");
    assert_eq!(bench.value(), "https://www.acme.com/about-us");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(spec(FieldType::Url, "Website"), text("acme.com"), None).await;
    let link = shown.query_selector("a").expect("q").expect("a link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://acme.com"));
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener noreferrer"));

    let unsafe_url = display(spec(FieldType::Url, "Website"), text("javascript:alert(1)"), None).await;
    assert!(unsafe_url.query_selector("a").expect("q").is_none(), "no link for javascript:");
    assert_eq!(unsafe_url.text_content().as_deref(), Some("javascript:alert(1)"));
}
