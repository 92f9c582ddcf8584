//! Tables of inputs for all fifteen field types: parsing (valid and invalid),
//! display, REST JSON, and the editor round trip.

use salesforce_rest::SfId;
use salesforce_rest::soql::{Date, DateTime};
use serde_json::json;

use super::*;

fn spec(name: &str, label: &str, ty: FieldType, tweak: impl FnOnce(&mut FieldSpec)) -> FieldSpec {
    let mut s = FieldSpec::new(name, label, ty);
    tweak(&mut s);
    s
}

fn option(value: &str, label: &str, active: bool) -> PicklistOption {
    PicklistOption { value: value.into(), label: label.into(), active }
}

/// One realistic field per type (Lead/Opportunity/Task-like), plus a required one.
fn specs() -> Vec<FieldSpec> {
    use FieldType as T;
    vec![
        spec("Company", "Company", T::String, |s| s.length = 255),
        spec("Phone", "Phone", T::Phone, |s| s.length = 40),
        spec("Email", "Email", T::Email, |s| s.length = 80),
        spec("Website", "Website", T::Url, |s| s.length = 255),
        spec("HasOptedOutOfEmail", "Email Opt Out", T::Boolean, |_| {}),
        spec("Amount", "Amount", T::Currency, |s| (s.precision, s.scale) = (18, 2)),
        spec("NumberOfEmployees", "Employees", T::Int, |s| s.digits = 8),
        spec("Score__c", "Score", T::Double, |s| (s.precision, s.scale) = (5, 1)),
        spec("Discount__c", "Discount", T::Percent, |s| (s.precision, s.scale) = (4, 1)),
        spec("CloseDate", "Close Date", T::Date, |s| s.required = true),
        spec("ReminderDateTime", "Reminder", T::Datetime, |_| {}),
        spec("AccountId", "Account Name", T::Reference, |s| {
            s.reference_to = vec![ReferenceTarget { object: "Account".into(), key_prefix: "001".into() }];
        }),
        spec("Status", "Lead Status", T::Picklist, |s| {
            s.length = 40;
            s.restricted = true;
            s.picklist =
                vec![option("Open - Not Contacted", "Open", true), option("Working - Contacted", "Working", true), option("Nurturing", "Nurturing", false)];
        }),
        spec("Product_Interest__c", "Product Interest", T::Multipicklist, |s| {
            s.length = 4099;
            s.restricted = true;
            s.picklist = vec![option("Cloud", "Cloud", true), option("Robotics", "Robotics", true), option("AI", "Artificial Intelligence", true)];
        }),
        spec("Description", "Description", T::Textarea, |s| s.length = 32_000),
    ]
}

fn by_name(name: &str) -> FieldSpec {
    let mut all = specs();
    all.push(spec("LastName", "Last Name", FieldType::String, |s| (s.length, s.required) = (80, true)));
    all.push(spec("Short__c", "Code", FieldType::Textarea, |s| s.length = 10));
    all.push(spec("Probability", "Probability (%)", FieldType::Percent, |s| (s.precision, s.scale) = (3, 0)));
    all.push(spec("Source__c", "Source", FieldType::Picklist, |s| s.picklist = vec![option("Web", "Website", true)]));
    all.push(spec("WhoId", "Name", FieldType::Reference, |s| {
        s.reference_to =
            vec![ReferenceTarget { object: "Contact".into(), key_prefix: "003".into() }, ReferenceTarget { object: "Lead".into(), key_prefix: "00Q".into() }];
    }));
    all.into_iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no spec {name}"))
}

fn date(s: &str) -> FieldValue {
    FieldValue::Date(Date::parse(s).expect(s))
}

fn instant(s: &str) -> FieldValue {
    FieldValue::DateTime(DateTime::parse(s).expect(s).to_utc())
}

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

fn multi(values: &[&str]) -> FieldValue {
    FieldValue::Multi(values.iter().map(|v| (*v).to_owned()).collect())
}

fn account() -> SfId {
    SfId::mint("001", 123_456).expect("id")
}

#[test]
fn parse_table_for_all_fifteen_types() {
    use FieldValue::{Bool, Null, Number};
    let account = account();
    let contact = SfId::mint("003", 7).expect("id");
    let long = "x".repeat(301);
    let accents = "é".repeat(255);
    let long_phone = "1".repeat(41);
    let bad_checksum = format!("{}AAA", account.short());
    let long_url = format!("https://{}", "a".repeat(250));
    let long_email = format!("{}@acme.com", "j".repeat(80));
    let ok = Ok::<FieldValue, String>;
    let err = |m: &str| Err::<FieldValue, String>(m.to_owned());
    let cases: Vec<(&str, &str, Result<FieldValue, String>)> = vec![
        // string
        ("Company", "  Acme Corp ", ok(text("Acme Corp"))),
        ("Company", "", ok(Null)),
        ("Company", "   ", ok(Null)),
        ("Company", &long, err("Company: at most 255 characters (this has 301)")),
        ("Company", &accents, ok(text(&accents))),
        ("LastName", "", err("Last Name is required")),
        ("LastName", "O'Brien", ok(text("O'Brien"))),
        // phone: free text, length only
        ("Phone", "(415) 555-0100 ext. 12", ok(text("(415) 555-0100 ext. 12"))),
        ("Phone", "+44 20 7946 0958", ok(text("+44 20 7946 0958"))),
        ("Phone", &long_phone, err("Phone: at most 40 characters (this has 41)")),
        // email: the server's rule
        ("Email", " jane.doe+crm@acme.co.uk ", ok(text("jane.doe+crm@acme.co.uk"))),
        ("Email", "not-an-email", err("Email: this isn't a valid email address")),
        ("Email", "jane@acme", err("Email: this isn't a valid email address")),
        ("Email", "jane doe@acme.com", err("Email: this isn't a valid email address")),
        ("Email", "a@b@c.com", err("Email: this isn't a valid email address")),
        ("Email", "Jane <jane@acme.com>", err("Email: this isn't a valid email address")),
        ("Email", "jane@.com", err("Email: this isn't a valid email address")),
        ("Email", &long_email, err("Email: at most 80 characters (this has 89)")),
        // url: a bare domain is fine, as in Salesforce
        ("Website", "acme.com", ok(text("acme.com"))),
        ("Website", "https://www.acme.com/about?x=1", ok(text("https://www.acme.com/about?x=1"))),
        ("Website", &long_url, err("Website: at most 255 characters (this has 258)")),
        // boolean: checkbox states; never null
        ("HasOptedOutOfEmail", "true", ok(Bool(true))),
        ("HasOptedOutOfEmail", "false", ok(Bool(false))),
        ("HasOptedOutOfEmail", " TRUE ", ok(Bool(true))),
        ("HasOptedOutOfEmail", "", ok(Bool(false))),
        ("HasOptedOutOfEmail", "maybe", err("Email Opt Out: choose checked or unchecked")),
        // currency: symbols, grouping, shorthands, rounding to the scale
        ("Amount", "1,234.50", ok(Number(1234.5))),
        ("Amount", "$1,200", ok(Number(1200.0))),
        ("Amount", "-$1,200.75", ok(Number(-1200.75))),
        ("Amount", "$-5", ok(Number(-5.0))),
        ("Amount", "(300)", ok(Number(-300.0))),
        ("Amount", "1.2k", ok(Number(1200.0))),
        ("Amount", "3M", ok(Number(3_000_000.0))),
        ("Amount", "0.5", ok(Number(0.5))),
        ("Amount", ".5", ok(Number(0.5))),
        ("Amount", "12.345", ok(Number(12.35))),
        ("Amount", "€ 99", ok(Number(99.0))),
        ("Amount", "1,5", err("Amount: enter a number like 1,250.00")),
        ("Amount", "12,34,567", err("Amount: enter a number like 1,250.00")),
        ("Amount", "lots", err("Amount: enter a number like 1,250.00")),
        ("Amount", "1.2.3", err("Amount: enter a number like 1,250.00")),
        ("Amount", "$", err("Amount: enter a number like 1,250.00")),
        ("Amount", "12%", err("Amount: enter a number like 1,250.00")),
        ("Amount", "1e30", err("Amount: enter a number like 1,250.00")),
        ("Amount", "99999999999999999", err("Amount: this number is too large (at most 16 digits before the decimal point)")),
        ("Amount", "999,999,999,999,999.99", ok(Number(999_999_999_999_999.99))),
        // int: whole numbers within the digits
        ("NumberOfEmployees", "1,250", ok(Number(1250.0))),
        ("NumberOfEmployees", "2.5k", ok(Number(2500.0))),
        ("NumberOfEmployees", "-3", ok(Number(-3.0))),
        ("NumberOfEmployees", "99999999", ok(Number(99_999_999.0))),
        ("NumberOfEmployees", "100000000", err("Employees: this number is too large (at most 8 digits before the decimal point)")),
        ("NumberOfEmployees", "12.5", err("Employees: enter a whole number like 1,250")),
        ("NumberOfEmployees", "many", err("Employees: enter a whole number like 1,250")),
        ("NumberOfEmployees", "$5", err("Employees: enter a whole number like 1,250")),
        // double: precision 5, scale 1 -> 4 integer digits
        ("Score__c", "9999.9", ok(Number(9999.9))),
        ("Score__c", "12.34", ok(Number(12.3))),
        ("Score__c", "-0.05", ok(Number(-0.1))),
        ("Score__c", "10000", err("Score: this number is too large (at most 4 digits before the decimal point)")),
        ("Score__c", "1/2", err("Score: enter a number like 1,250.5")),
        // percent: `12%` is 12
        ("Discount__c", "12%", ok(Number(12.0))),
        ("Discount__c", "12.5 %", ok(Number(12.5))),
        ("Discount__c", "7.25", ok(Number(7.3))),
        ("Discount__c", "1000", err("Discount: this number is too large (at most 3 digits before the decimal point)")),
        ("Discount__c", "12k", err("Discount: enter a number like 12.5%")),
        ("Discount__c", "%", err("Discount: enter a number like 12.5%")),
        ("Probability", "100%", ok(Number(100.0))),
        ("Probability", "33.6", ok(Number(34.0))),
        // date
        ("CloseDate", "2026-11-23", ok(date("2026-11-23"))),
        ("CloseDate", "11/23/2026", ok(date("2026-11-23"))),
        ("CloseDate", "1/5/2027", ok(date("2027-01-05"))),
        ("CloseDate", "Nov 23, 2026", ok(date("2026-11-23"))),
        ("CloseDate", "2028-02-29", ok(date("2028-02-29"))),
        ("CloseDate", "2026-02-29", err("Close Date: enter a date like 12/31/2026")),
        ("CloseDate", "13/01/2026", err("Close Date: enter a date like 12/31/2026")),
        ("CloseDate", "11/23/26", err("Close Date: enter the year in full, like 12/31/2026")),
        ("CloseDate", "tomorrow", err("Close Date: enter a date like 12/31/2026")),
        ("CloseDate", "", err("Close Date is required")),
        // datetime (zone UTC here; zones are tested below)
        ("ReminderDateTime", "2026-11-23T09:30", ok(instant("2026-11-23T09:30:00Z"))),
        ("ReminderDateTime", "2026-11-23T09:30:15", ok(instant("2026-11-23T09:30:15Z"))),
        ("ReminderDateTime", "11/23/2026 9:30 PM", ok(instant("2026-11-23T21:30:00Z"))),
        ("ReminderDateTime", "Nov 23, 2026, 12:05 AM", ok(instant("2026-11-23T00:05:00Z"))),
        ("ReminderDateTime", "2026-11-23T09:30:00.000+0000", ok(instant("2026-11-23T09:30:00Z"))),
        ("ReminderDateTime", "2026-11-23T09:30:00-08:00", ok(instant("2026-11-23T17:30:00Z"))),
        ("ReminderDateTime", "2026-11-23", ok(instant("2026-11-23T00:00:00Z"))),
        ("ReminderDateTime", "2026-11-23T24:00", err("Reminder: enter a date and time like 12/31/2026, 4:30 PM")),
        ("ReminderDateTime", "2026-11-23T9:3", err("Reminder: enter a date and time like 12/31/2026, 4:30 PM")),
        ("ReminderDateTime", "11/23/2026 13:00 PM", err("Reminder: enter a date and time like 12/31/2026, 4:30 PM")),
        ("ReminderDateTime", "soon", err("Reminder: enter a date and time like 12/31/2026, 4:30 PM")),
        // reference: 15 or 18 characters, of an allowed object
        ("AccountId", account.as_str(), ok(FieldValue::Id(account.clone()))),
        ("AccountId", account.short(), ok(FieldValue::Id(account.clone()))),
        ("AccountId", contact.as_str(), err("Account Name: choose a record of type Account")),
        ("WhoId", account.as_str(), err("Name: choose a record of type Contact or Lead")),
        ("WhoId", contact.short(), ok(FieldValue::Id(contact.clone()))),
        ("AccountId", "001' OR 1=1", err("Account Name: this isn't a record id (15 or 18 letters and digits)")),
        ("AccountId", "001000000000", err("Account Name: this isn't a record id (15 or 18 letters and digits)")),
        ("AccountId", &bad_checksum, err("Account Name: this isn't a record id (15 or 18 letters and digits)")),
        // picklist: active values of a restricted list; labels are understood
        ("Status", "Working - Contacted", ok(text("Working - Contacted"))),
        ("Status", "Open", ok(text("Open - Not Contacted"))),
        ("Status", "working - contacted", ok(text("Working - Contacted"))),
        ("Status", "Nurturing", err("Lead Status: \"Nurturing\" isn't one of the choices")),
        ("Status", "Bogus", err("Lead Status: \"Bogus\" isn't one of the choices")),
        ("Source__c", "Trade Show", ok(text("Trade Show"))),
        ("Source__c", "website", ok(text("Web"))),
        // multipicklist: declared order, no duplicates
        ("Product_Interest__c", "Robotics;Cloud", ok(multi(&["Cloud", "Robotics"]))),
        ("Product_Interest__c", "AI; Cloud ;AI;", ok(multi(&["Cloud", "AI"]))),
        ("Product_Interest__c", "Artificial Intelligence", ok(multi(&["AI"]))),
        ("Product_Interest__c", " ; ", ok(Null)),
        ("Product_Interest__c", "Cloud;Quantum", err("Product Interest: \"Quantum\" isn't one of the choices")),
        // textarea
        ("Description", "Met at Dreamforce.\nFollow up in Q1.", ok(text("Met at Dreamforce.\nFollow up in Q1."))),
        ("Short__c", "0123456789", ok(text("0123456789"))),
        ("Short__c", "0123456789A", err("Code: at most 10 characters (this has 11)")),
    ];
    let ctx = EditContext::default();
    for (name, input, want) in cases {
        let got = parse(&by_name(name), input, &ctx).map_err(|e| e.to_string());
        assert_eq!(got, want, "{name} <- {input:?}");
    }
}

#[test]
fn datetimes_in_the_users_zone_around_midnight_and_dst() {
    let cases: &[(&str, &str, &str)] = &[
        ("America/Los_Angeles", "2026-11-23T23:30", "2026-11-24T07:30:00Z"),
        ("America/Los_Angeles", "2026-11-24T00:00", "2026-11-24T08:00:00Z"),
        ("America/Los_Angeles", "2026-07-01T00:00", "2026-07-01T07:00:00Z"),
        ("Asia/Tokyo", "2026-11-24T00:30", "2026-11-23T15:30:00Z"),
        ("Asia/Kolkata", "2026-01-01T00:00", "2025-12-31T18:30:00Z"),
        ("Australia/Sydney", "2026-12-25T09:00", "2026-12-24T22:00:00Z"),
        // 2026-03-08 02:30 does not exist in Los Angeles: read as 03:30 PDT, as browsers do.
        ("America/Los_Angeles", "2026-03-08T01:59", "2026-03-08T09:59:00Z"),
        ("America/Los_Angeles", "2026-03-08T02:30", "2026-03-08T10:30:00Z"),
        ("America/Los_Angeles", "2026-03-08T03:00", "2026-03-08T10:00:00Z"),
        // 2026-11-01 01:30 happens twice: the earlier (PDT) instant.
        ("America/Los_Angeles", "2026-11-01T01:30", "2026-11-01T08:30:00Z"),
        ("America/Los_Angeles", "2026-11-01T02:00", "2026-11-01T10:00:00Z"),
        ("Europe/Berlin", "2026-03-29T02:30", "2026-03-29T01:30:00Z"),
        ("Europe/Berlin", "2026-10-25T02:30", "2026-10-25T00:30:00Z"),
        ("Unknown/Zone", "2026-11-23T09:30", "2026-11-23T09:30:00Z"),
    ];
    let field = by_name("ReminderDateTime");
    for (zone, input, want) in cases {
        let ctx = EditContext::en_us(zone);
        assert_eq!(parse(&field, input, &ctx), Ok(instant(want)), "{zone} {input}");
    }
    // Display and editing use the same wall clock.
    let la = EditContext::en_us("America/Los_Angeles");
    let late = instant("2026-11-24T07:30:00Z");
    assert_eq!(format(&field, &late, &la), "11/23/2026, 11:30 PM");
    assert_eq!(edit_text(&field, &late, &la), "11/23/2026, 11:30 PM");
    // The one wall-clock text two instants share: a wall clock cannot tell them
    // apart, so the later (PST) 01:30 edits back as the earlier one (documented limit).
    let second = instant("2026-11-01T09:30:00Z");
    assert_eq!(edit_text(&field, &second, &la), "11/1/2026, 1:30 AM");
    assert_eq!(parse(&field, "11/1/2026, 1:30 AM", &la), Ok(instant("2026-11-01T08:30:00Z")));
    let tokyo = EditContext::new("ja_JP", "Asia/Tokyo");
    assert_eq!(format(&field, &late, &tokyo), "2026/11/24 16:30");
}

#[test]
fn display_table() {
    let ctx = EditContext::default();
    let id = account();
    let euro = EditContext::new("de_DE", "UTC");
    let cases: Vec<(&str, FieldValue, &EditContext, &str)> = vec![
        ("Company", text("Acme"), &ctx, "Acme"),
        ("Company", FieldValue::Null, &ctx, ""),
        ("Phone", text("(415) 555-0100"), &ctx, "(415) 555-0100"),
        ("Email", text("a@b.co"), &ctx, "a@b.co"),
        ("Website", text("acme.com"), &ctx, "acme.com"),
        ("HasOptedOutOfEmail", FieldValue::Bool(true), &ctx, "Yes"),
        ("HasOptedOutOfEmail", FieldValue::Bool(false), &ctx, "No"),
        ("Amount", FieldValue::Number(1234.5), &ctx, "$1,234.50"),
        ("Amount", FieldValue::Number(-1_234_567.891), &ctx, "-$1,234,567.89"),
        ("Amount", FieldValue::Number(0.0), &ctx, "$0.00"),
        ("Amount", FieldValue::Number(-0.001), &ctx, "$0.00"),
        ("Amount", FieldValue::Number(1234.5), &euro, "1.234,50\u{a0}€"),
        ("NumberOfEmployees", FieldValue::Number(1250.0), &ctx, "1,250"),
        ("NumberOfEmployees", FieldValue::Number(999.0), &ctx, "999"),
        ("Score__c", FieldValue::Number(12.0), &ctx, "12.0"),
        ("Discount__c", FieldValue::Number(12.5), &ctx, "12.5%"),
        ("Probability", FieldValue::Number(90.0), &ctx, "90%"),
        ("CloseDate", date("2026-11-23"), &ctx, "11/23/2026"),
        ("CloseDate", date("2026-01-05"), &ctx, "1/5/2026"),
        ("ReminderDateTime", instant("2026-11-23T00:05:00Z"), &ctx, "11/23/2026, 12:05 AM"),
        ("ReminderDateTime", instant("2026-11-23T12:00:00Z"), &ctx, "11/23/2026, 12:00 PM"),
        ("AccountId", FieldValue::Id(id.clone()), &ctx, id.as_str()),
        ("Status", text("Open - Not Contacted"), &ctx, "Open"),
        ("Status", text("Retired Value"), &ctx, "Retired Value"),
        ("Product_Interest__c", multi(&["Cloud", "AI"]), &ctx, "Cloud; Artificial Intelligence"),
        ("Description", text("line 1\nline 2"), &ctx, "line 1\nline 2"),
    ];
    for (name, value, ctx, want) in cases {
        assert_eq!(format(&by_name(name), &value, ctx), want, "{name} {value:?}");
    }
}

#[test]
fn json_table() {
    let id = account();
    let cases: Vec<(&str, FieldValue, serde_json::Value)> = vec![
        ("Company", text("Acme"), json!("Acme")),
        ("Company", FieldValue::Null, json!(null)),
        ("Phone", text("555"), json!("555")),
        ("Email", text("a@b.co"), json!("a@b.co")),
        ("Website", text("acme.com"), json!("acme.com")),
        ("HasOptedOutOfEmail", FieldValue::Bool(true), json!(true)),
        ("Amount", FieldValue::Number(1234.5), json!(1234.5)),
        ("NumberOfEmployees", FieldValue::Number(1250.0), json!(1250)),
        ("Score__c", FieldValue::Number(-0.5), json!(-0.5)),
        ("Discount__c", FieldValue::Number(12.5), json!(12.5)),
        ("CloseDate", date("2026-11-23"), json!("2026-11-23")),
        ("ReminderDateTime", instant("2026-11-23T09:30:00-08:00"), json!("2026-11-23T17:30:00.000+0000")),
        ("AccountId", FieldValue::Id(id.clone()), json!(id.as_str())),
        ("Status", text("Working - Contacted"), json!("Working - Contacted")),
        ("Product_Interest__c", multi(&["Cloud", "AI"]), json!("Cloud;AI")),
        ("Description", text("a\nb"), json!("a\nb")),
    ];
    for (name, value, want) in cases {
        let field = by_name(name);
        assert_eq!(to_json(&value), want, "to_json {name}");
        assert_eq!(from_json(&field, &want), value, "from_json {name}");
    }
    // What responses may also carry.
    let read = |name: &str, v: serde_json::Value| from_json(&by_name(name), &v);
    assert_eq!(read("ReminderDateTime", json!("2026-11-23T09:30:00.000Z")), instant("2026-11-23T09:30:00Z"));
    assert_eq!(read("CloseDate", json!("2026-11-23T00:00:00.000+0000")), date("2026-11-23"));
    assert_eq!(read("AccountId", json!(id.short())), FieldValue::Id(id.clone()));
    assert_eq!(read("Amount", json!("12.5")), FieldValue::Number(12.5));
    assert_eq!(read("Company", json!("")), FieldValue::Null);
    assert_eq!(read("Product_Interest__c", json!("")), FieldValue::Null);
    assert_eq!(read("CloseDate", json!("someday")), text("someday"), "odd values are kept, not dropped");
    assert_eq!(read("HasOptedOutOfEmail", json!(null)), FieldValue::Null);
}

#[test]
fn edit_text_parses_back_to_the_same_value_for_every_type() {
    let id = account();
    let values: Vec<(&str, FieldValue)> = vec![
        ("Company", text("Acme, Inc.")),
        ("Company", FieldValue::Null),
        ("Phone", text("+1 (415) 555-0100")),
        ("Email", text("jane@acme.com")),
        ("Website", text("https://acme.com")),
        ("HasOptedOutOfEmail", FieldValue::Bool(true)),
        ("HasOptedOutOfEmail", FieldValue::Bool(false)),
        ("Amount", FieldValue::Number(1234.5)),
        ("Amount", FieldValue::Number(-0.07)),
        ("Amount", FieldValue::Number(9_999_999_999_999.99)),
        ("NumberOfEmployees", FieldValue::Number(12_500.0)),
        ("NumberOfEmployees", FieldValue::Number(-4.0)),
        ("Score__c", FieldValue::Number(0.1)),
        ("Discount__c", FieldValue::Number(12.5)),
        ("CloseDate", date("2026-02-28")),
        ("ReminderDateTime", instant("2026-11-24T07:30:00Z")),
        ("ReminderDateTime", instant("2026-11-23T09:30:15.250Z")),
        ("ReminderDateTime", instant("2026-03-08T10:30:00Z")),
        ("ReminderDateTime", instant("2026-11-01T08:30:00Z")),
        ("AccountId", FieldValue::Id(id)),
        ("Status", text("Open - Not Contacted")),
        ("Product_Interest__c", multi(&["Cloud", "Robotics", "AI"])),
        ("Description", text("two\nlines")),
    ];
    let contexts = [
        EditContext::default(),
        EditContext::en_us("America/Los_Angeles"),
        EditContext::new("de_DE", "Europe/Berlin"),
        EditContext::en_us("Australia/Sydney"),
        EditContext::new("fr_FR", "Europe/Paris"),
        EditContext::new("ja_JP", "Asia/Tokyo"),
        EditContext::new("es_ES", "Europe/Madrid"),
        EditContext::new("en_AU", "Australia/Sydney"),
    ];
    let mut types_seen = std::collections::HashSet::new();
    for ctx in &contexts {
        for (name, value) in &values {
            let field = by_name(name);
            types_seen.insert(field.ty);
            let shown = edit_text(&field, value, ctx);
            assert_eq!(parse(&field, &shown, ctx).as_ref(), Ok(value), "{name}: {value:?} -> {shown:?} in {} {}", ctx.locale.key, ctx.time_zone);
        }
    }
    assert_eq!(types_seen.len(), 15, "every type is round-tripped");
}

#[test]
fn decimal_comma_users() {
    let ctx = EditContext::new("de_DE", "Europe/Berlin");
    let amount = by_name("Amount");
    assert_eq!(parse(&amount, "1.234,50 €", &ctx), Ok(FieldValue::Number(1234.5)));
    assert_eq!(parse(&amount, "€1.234", &ctx), Ok(FieldValue::Number(1234.0)));
    assert_eq!(parse(&amount, "1,5", &ctx), Ok(FieldValue::Number(1.5)));
    assert_eq!(edit_text(&amount, &FieldValue::Number(1.5), &ctx), "1,5");
    assert!(parse(&amount, "1.5", &ctx).is_err(), "a dot groups thousands here");
}

#[test]
fn editable_types_are_describe_types() {
    for ty in super::EDITABLE {
        assert_eq!(FieldType::from_describe(ty.as_str()), Some(ty));
    }
    assert!(!super::EDITABLE.contains(&FieldType::Base64));
}
