//! date and datetime: text in the user's Salesforce format and time zone.

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
    assert_eq!(bench.control().get_attribute("type").as_deref(), Some("text"));
    assert_eq!(bench.value(), "11/23/2026");
    assert_eq!(bench.control().get_attribute("aria-required").as_deref(), Some("true"));

    bench.type_text("1/31/2027").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![day(2027, 1, 31)]);
    bench.type_text("2027-02-01").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![day(2027, 1, 31), day(2027, 2, 1)], "YYYY-MM-DD is read in any locale");

    // A two-digit year could mean two centuries: refused, the text kept.
    bench.type_text("1/31/27").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Close Date: enter the year in full, like 12/31/2026");
    assert_eq!(bench.value(), "1/31/27");

    bench.type_text("").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Close Date is required");
    assert_eq!(bench.commits().len(), 2);

    let shown = display(field, day(2026, 11, 23), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("11/23/2026"));
}

#[wasm_bindgen_test]
async fn datetime_reads_the_users_wall_clock() {
    let field = FieldSpec { required: true, ..spec(FieldType::Datetime, "Start") };
    // 14:30 UTC is 9:30 in New York (EST).
    let bench = editor(field.clone(), instant("2026-11-23T14:30:00.000+0000")).await;
    assert_eq!(bench.control().get_attribute("type").as_deref(), Some("text"));
    assert_eq!(bench.value(), "11/23/2026, 9:30 AM");

    bench.type_text("7/4/2026, 6:00 PM").await;
    bench.press("Enter").await;
    assert_eq!(bench.commits(), vec![instant("2026-07-04T22:00:00.000+0000")], "EDT is UTC-4");

    bench.type_text("7/4/2026 at six").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Start: enter a date and time like 12/31/2026, 4:30 PM");
    assert_eq!(bench.value(), "7/4/2026 at six");

    bench.type_text("").await;
    bench.press("Enter").await;
    bench.assert_message(&bench.control(), "Start is required");
    assert_eq!(bench.commits().len(), 1);

    let shown = display(field, instant("2026-11-23T14:30:00.000+0000"), None).await;
    assert_eq!(shown.text_content().as_deref(), Some("11/23/2026, 9:30 AM"));
}
