//! date and datetime: the browser's date inputs, in the user's time zone.

use salesforce_rest::soql::{Date, DateTime};
use sidecar_core::fields::{FieldSpec, FieldType, FieldValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{display, editor, spec};

fn day(y: i32, m: u8, d: u8) -> FieldValue {
    FieldValue::Date(Date::new(y, m, d).expect("date"))
}

fn instant(utc: &str) -> FieldValue {
    FieldValue::DateTime(DateTime::parse(utc).expect("datetime").to_utc())
}

#[wasm_bindgen_test]
async fn date_commits_the_picked_day_and_refuses_what_it_cannot_read() {
    let field = FieldSpec { required: true, ..spec(FieldType::Date, "Close Date") };
    let bench = editor(field.clone(), day(2026, 11, 23)).await;
    assert_eq!(bench.control().get_attribute("type").as_deref(), Some("date"));
    assert_eq!(bench.value(), "2026-11-23");
    assert_eq!(bench.control().get_attribute("aria-required").as_deref(), Some("true"));

    bench.type_text("2027-01-31").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![day(2027, 1, 31)]);

    // A five-digit year is a date to the browser, not to Salesforce.
    bench.type_text("12026-01-31").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Close Date: enter a date like 11/23/2026");
    assert_eq!(bench.value(), "12026-01-31");

    bench.type_text("").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Close Date is required");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(field, day(2026, 11, 23), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("11/23/2026"));
}

#[wasm_bindgen_test]
async fn datetime_reads_the_users_wall_clock() {
    let field = FieldSpec { required: true, ..spec(FieldType::Datetime, "Start") };
    // 14:30 UTC is 9:30 in New York (EST).
    let bench = editor(field.clone(), instant("2026-11-23T14:30:00.000+0000")).await;
    assert_eq!(bench.control().get_attribute("type").as_deref(), Some("datetime-local"));
    assert_eq!(bench.value(), "2026-11-23T09:30");

    bench.type_text("2026-07-04T18:00").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![instant("2026-07-04T22:00:00.000+0000")], "EDT is UTC-4");

    bench.type_text("12026-07-04T18:00").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Start: enter a date and time like 11/23/2026 9:30 AM");
    assert_eq!(bench.value(), "12026-07-04T18:00");

    bench.type_text("").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Start is required");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(field, instant("2026-11-23T14:30:00.000+0000"), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("11/23/2026, 9:30 AM"));
}
