//! Table tests of the record logic over a realistic Lead describe.

use salesforce_rest::SfId;
use salesforce_rest::sosl;
use salesforce_rest::wire::{Record, SObjectDescribe};
use serde_json::json;

use super::{create, edits::PendingEdits, search, spec, view};
use crate::fields::{FieldType, FieldValue};

fn field(name: &str, ty: &str, extra: serde_json::Value) -> serde_json::Value {
    let mut f = json!({"name": name, "label": name.replace('_', " "), "type": ty, "nillable": true, "createable": true, "updateable": true, "length": 0});
    if let (Some(f), Some(extra)) = (f.as_object_mut(), extra.as_object()) {
        f.extend(extra.clone());
    }
    f
}

fn lead() -> SObjectDescribe {
    serde_json::from_value(json!({
        "name": "Lead", "label": "Lead", "labelPlural": "Leads", "keyPrefix": "00Q",
        "fields": [
            field("Id", "id", json!({"nillable": false, "createable": false, "updateable": false})),
            field("FirstName", "string", json!({"length": 40, "label": "First Name"})),
            field("LastName", "string", json!({"length": 80, "nillable": false, "label": "Last Name"})),
            field("Name", "string", json!({"length": 121, "createable": false, "updateable": false, "label": "Full Name"})),
            field("Company", "string", json!({"length": 255, "nillable": false})),
            field("Title", "string", json!({"length": 128})),
            field("Email", "email", json!({"length": 80})),
            field("Phone", "phone", json!({"length": 40})),
            field("Status", "picklist", json!({"nillable": false, "defaultedOnCreate": true, "restrictedPicklist": true,
                "picklistValues": [
                    {"value": "Open - Not Contacted", "label": "Open - Not Contacted", "active": true, "defaultValue": true},
                    {"value": "Working - Contacted", "label": "Working - Contacted", "active": true, "defaultValue": false}]})),
            field("OwnerId", "reference", json!({"nillable": false, "defaultedOnCreate": true, "referenceTo": ["User"], "relationshipName": "Owner", "label": "Owner ID"})),
            field("HasOptedOutOfEmail", "boolean", json!({"nillable": false, "defaultedOnCreate": true, "defaultValue": false, "label": "Email Opt Out"})),
            field("Product_Interest__c", "multipicklist", json!({"picklistValues": [{"value": "Robotics", "active": true}, {"value": "Cloud", "active": true}]})),
            field("Address", "address", json!({"createable": false, "updateable": false})),
            field("Old_Field__c", "string", json!({"deprecatedAndHidden": true})),
        ]
    }))
    .expect("describe")
}

#[test]
fn specs_from_describe() {
    let d = lead();
    let spec_of = |n: &str| d.field(n).and_then(|f| spec::field_spec(f, None));
    let last = spec_of("LastName").expect("spec");
    assert_eq!((last.ty, last.length, last.required), (FieldType::String, 80, true));
    let status = spec_of("Status").expect("spec");
    assert!(status.restricted && status.required);
    assert_eq!(status.picklist.len(), 2);
    assert!(!spec_of("HasOptedOutOfEmail").expect("spec").required, "checkboxes are never 'required'");
    assert_eq!(spec_of("Product_Interest__c").map(|s| s.ty), Some(FieldType::Multipicklist));
    assert!(spec_of("Id").is_none() && spec_of("Address").is_none(), "ids and compound fields are not edited");
    assert_eq!(d.field("OwnerId").and_then(spec::reference_name_path).as_deref(), Some("Owner.Name"));
    let label = |n: &str| d.field(n).map(spec::display_label);
    assert_eq!(label("OwnerId").as_deref(), Some("Owner"));
    assert_eq!(label("LastName").as_deref(), Some("Last Name"));
}

#[test]
fn search_terms_are_escaped_prefixes() {
    let cases: &[(&str, Option<&str>)] = &[
        ("Acme", Some("Acme*")),
        ("  acme   robotics ", Some("acme* robotics*")),
        ("acme or robotics", Some("acme* \"or\" robotics*")),
        ("maria.chen@acmerobotics.com", Some("maria.chen@acmerobotics.com*")),
        ("415-555-0134", Some("415\\-555\\-0134*")),
        ("Acme}", Some("Acme\\}")),
        ("a", None),
        ("*?", None),
        ("", None),
    ];
    for (text, want) in cases {
        assert_eq!(search::term(text).ok().map(|t| t.raw), want.map(str::to_owned), "{text:?}");
    }
    // Hostile text stays inside the braces: the rendered SOSL parses back
    // to the same four RETURNING objects.
    for text in ["Acme} RETURNING User(Username) {", "x\\} IN NAME FIELDS", "\"unclosed", "robert'); --"] {
        let s = search::global_search(text).expect("long enough");
        let back = sosl::parse(&s.to_string()).unwrap_or_else(|e| panic!("{text}: {e}: {s}"));
        let objects: Vec<&str> = back.returning.iter().map(|r| r.object.name.as_str()).collect();
        assert_eq!(objects, ["Account", "Contact", "Lead", "Opportunity"], "{text}");
    }
    assert_eq!(search::global_search("x").expect_err("short").to_string(), "Type at least 2 letters or digits to search.");
}

#[test]
fn hits_group_by_object_with_subtitles() {
    let records: Vec<Record> = serde_json::from_value(json!([
        {"attributes": {"type": "Lead", "url": "/services/data/v62.0/sobjects/Lead/00Q000000000001AAA"}, "Id": "00Q000000000001AAA", "Name": "David Okafor", "Title": "Head of Sales", "Company": "Acme Robotics"},
        {"attributes": {"type": "Account", "url": "/x"}, "Id": "001000000000001AAA", "Name": "Acme Robotics", "Industry": null, "BillingCity": "San Francisco"},
        {"attributes": {"type": "Contact", "url": "/x"}, "Id": "003000000000001AAA", "Name": "Maria Chen", "Title": "", "Account": {"attributes": {"type": "Account"}, "Name": "Acme Robotics"}},
        {"attributes": {"type": "Contact", "url": "/x"}, "Id": "003000000000002AAA", "Name": "", "Title": "CTO", "Account": null},
        {"attributes": {"type": "User", "url": "/x"}, "Id": "005000000000001AAA", "Name": "Not shown"}
    ]))
    .expect("records");
    let hits: Vec<(String, String, String)> = search::hits(&records).into_iter().map(|h| (h.object, h.title, h.subtitle)).collect();
    let want = [
        ("Account", "Acme Robotics", "San Francisco"),
        ("Contact", "Maria Chen", "Acme Robotics"),
        ("Contact", "(no name)", "CTO"),
        ("Lead", "David Okafor", "Head of Sales · Acme Robotics"),
    ];
    assert_eq!(hits, want.map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned())));
}

#[test]
fn key_fields_and_the_record_query() {
    let d = lead();
    let layout = ["Name", "Title", "Email", "Phone", "Nope__c", "OwnerId"];
    let added = vec!["status".to_owned(), "Address".to_owned(), "EMAIL".to_owned(), "Old_Field__c".to_owned()];
    let key = view::key_fields(&d, &layout, &added);
    assert_eq!(key, ["Name", "Title", "Email", "Phone", "OwnerId", "Status"]);
    let addable: Vec<&str> = view::addable_fields(&d, &key).iter().map(|f| f.name.as_str()).collect();
    assert_eq!(addable, ["Company", "HasOptedOutOfEmail", "FirstName", "LastName", "Product_Interest__c"], "by label");
    assert_eq!(view::other_fields(&d, &key), ["FirstName", "LastName", "Company", "HasOptedOutOfEmail", "Product_Interest__c"]);
    let id = SfId::parse("00Q000000000001").expect("id");
    assert_eq!(
        view::record_query(&d, &id, &key).to_string(),
        "SELECT Id, Name, Title, Email, Phone, OwnerId, Owner.Name, Status FROM Lead WHERE Id = '00Q000000000001EAA'"
    );
}

#[test]
fn create_form_fields_defaults_and_body() {
    let d = lead();
    let fields = create::create_fields(&d, &["Name", "Title", "Email", "OwnerId", "Status"]);
    assert_eq!(fields, ["LastName", "Company", "Title", "Email", "Status"], "required first; no read-only Name, no lookup");
    let mut values = create::initial_values(&d, &fields);
    assert_eq!(values.iter().find(|(n, _)| n == "Status").map(|(_, v)| v.clone()), Some(FieldValue::Text("Open - Not Contacted".into())));
    assert_eq!(create::missing_required(&d, &values), ["Last Name", "Company"]);
    for (name, value) in &mut values {
        if name == "LastName" {
            *value = FieldValue::Text("Okafor".into());
        }
    }
    assert_eq!(create::missing_required(&d, &values), ["Company"]);
    let body = create::body(&values);
    assert_eq!(serde_json::Value::Object(body), json!({"LastName": "Okafor", "Status": "Open - Not Contacted"}));
}

#[test]
fn pending_edits_keep_the_users_values_until_saved() {
    let mut p = PendingEdits::default();
    p.put("Lead", "00QA", "Title", json!("VP"));
    p.put("Lead", "00QA", "Phone", json!("555"));
    p.put("Account", "001A", "Name", json!("Acme"));
    p.put("Lead", "00QA", "title", json!("CEO"));
    assert_eq!(p.records(), [("Lead".to_owned(), "00QA".to_owned()), ("Account".to_owned(), "001A".to_owned())]);
    let body = p.patch_body("00QA");
    assert_eq!(serde_json::Value::Object(body.clone()), json!({"Phone": "555", "title": "CEO"}));
    p.refused("00QA", &[("Phone".into(), "Phone: too long".into())], Some("Could not save"));
    assert_eq!(p.get("00QA", "Phone").and_then(|e| e.error.as_deref()), Some("Phone: too long"));
    assert_eq!(p.get("00QA", "Title").and_then(|e| e.error.as_deref()), Some("Could not save"));
    // A newer value typed while the save was in flight survives the save.
    p.put("Lead", "00QA", "Phone", json!("556"));
    p.saved("00QA", &body);
    assert_eq!(p.patch_body("00QA"), serde_json::Map::from_iter([("Phone".to_owned(), json!("556"))]));
    p.discard("00QA", "PHONE");
    assert!(p.patch_body("00QA").is_empty());
    let round: PendingEdits = serde_json::from_str(&serde_json::to_string(&p).expect("json")).expect("back");
    assert_eq!(round, p);
}
