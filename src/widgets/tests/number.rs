//! int, double, currency and percent.

use sidecar_core::fields::{FieldSpec, FieldType, FieldValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{display, editor, editor_with, spec};
use yew::AttrValue;

use crate::widgets::EditorProps;

fn scaled(ty: FieldType, label: &str, precision: u32, scale: u32) -> FieldSpec {
    FieldSpec { precision, scale, ..spec(ty, label) }
}

#[wasm_bindgen_test]
async fn int_reads_grouped_digits_and_refuses_fractions() {
    let field = FieldSpec { digits: 6, ..spec(FieldType::Int, "Employees") };
    let bench = editor(field.clone(), FieldValue::Number(1250.0)).await;
    assert_eq!(bench.value(), "1250", "edit text is ungrouped");
    assert_eq!(bench.control().get_attribute("inputmode").as_deref(), Some("decimal"));

    bench.type_text("2,500").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![FieldValue::Number(2500.0)]);

    bench.type_text("12.5").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Employees: enter a whole number like 1,250");
    assert_eq!(bench.value(), "12.5");

    bench.type_text("1,000,000").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Employees: this number is too large (at most 6 digits before the decimal point)");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(field, FieldValue::Number(1250.0), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("1,250"));
}

#[wasm_bindgen_test]
async fn double_rounds_to_scale_and_refuses_words() {
    let field = scaled(FieldType::Double, "Score", 8, 2);
    let bench = editor(field.clone(), FieldValue::Number(1250.5)).await;
    assert_eq!(bench.value(), "1250.5");

    bench.type_text("1,234.567").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![FieldValue::Number(1234.57)]);

    bench.type_text("lots").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Score: enter a number like 1,250.5");
    assert_eq!(bench.value(), "lots");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(field, FieldValue::Number(1250.5), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("1,250.50"));
}

#[wasm_bindgen_test]
async fn currency_reads_symbols_and_shorthands() {
    let field = scaled(FieldType::Currency, "Amount", 18, 2);
    let bench = editor(field.clone(), FieldValue::Number(-1234.5)).await;
    assert_eq!(bench.value(), "-1234.5");

    bench.type_text("$12.5k").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![FieldValue::Number(12500.0)]);

    bench.type_text("12 dollars").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Amount: enter a number like 1,250.00");
    assert_eq!(bench.value(), "12 dollars");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(field, FieldValue::Number(-1234.5), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("-$1,234.50"));
}

/// An amount of a JPY record: typed with its own code it saves; with
/// another currency's, it is refused and kept (saving it would store yen).
#[wasm_bindgen_test]
async fn an_amount_keeps_its_records_currency() {
    let field = scaled(FieldType::Currency, "Amount", 18, 2);
    let bench = editor_with(field, FieldValue::Number(4_747_500.0), |p| EditorProps { currency: Some(AttrValue::from("JPY")), ..p }).await;
    bench.type_text("JPY 5,000,000").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![FieldValue::Number(5_000_000.0)]);
    bench.type_text("USD 5,000").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Amount: this amount is in JPY; enter it without USD, or change the record's currency first");
    assert_eq!(bench.value(), "USD 5,000");
    assert_eq!(bench.commits().len(), 1);
}

#[wasm_bindgen_test]
async fn percent_reads_a_percent_sign() {
    let field = scaled(FieldType::Percent, "Probability", 5, 2);
    let bench = editor(field.clone(), FieldValue::Number(12.5)).await;
    assert_eq!(bench.value(), "12.5");

    bench.type_text("75%").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![FieldValue::Number(75.0)]);

    bench.type_text("75%%").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Probability: enter a number like 12.5%");
    assert_eq!(bench.value(), "75%%");

    bench.type_text("1000").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Probability: this number is too large (at most 3 digits before the decimal point)");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(field, FieldValue::Number(12.5), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("12.50%"));
}
