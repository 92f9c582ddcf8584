//! Table tests of the record logic over a realistic Lead describe.

mod global_plan;
mod screen;

use salesforce_rest::SfId;
use salesforce_rest::sosl;
use salesforce_rest::wire::{Record, SObjectDescribe};
use serde_json::json;

use super::{create, lookup, search, spec, view};
use crate::edits::pending::PendingEdits;
use crate::fields::{FieldType, FieldValue};

fn field(name: &str, ty: &str, extra: serde_json::Value) -> serde_json::Value {
    let mut f = json!({"name": name, "label": name.replace('_', " "), "type": ty, "nillable": true, "createable": true, "updateable": true, "length": 0});
    if let (Some(f), Some(extra)) = (f.as_object_mut(), extra.as_object()) {
        f.extend(extra.clone());
    }
    f
}

pub(super) fn lead() -> SObjectDescribe {
    serde_json::from_value(json!({
        "name": "Lead", "label": "Lead", "labelPlural": "Leads", "keyPrefix": "00Q",
        "fields": [
            field("Id", "id", json!({"nillable": false, "createable": false, "updateable": false})),
            field("FirstName", "string", json!({"length": 40, "label": "First Name", "compoundFieldName": "Name"})),
            field("LastName", "string", json!({"length": 80, "nillable": false, "label": "Last Name", "compoundFieldName": "Name"})),
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
    let mut names = spec::NameFields::default();
    assert_eq!(d.field("OwnerId").and_then(|f| spec::reference_name_path(f, &names)), None, "User not described yet");
    names.learn(&serde_json::from_value(json!({"name": "User", "fields": [field("Name", "string", json!({"nameField": true}))]})).expect("user"));
    assert_eq!(d.field("OwnerId").and_then(|f| spec::reference_name_path(f, &names)).as_deref(), Some("Owner.Name"));
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
        let s = search::global_search(text, &search::GlobalPlan::complete()).expect("long enough");
        let back = sosl::parse(&s.to_string()).unwrap_or_else(|e| panic!("{text}: {e}: {s}"));
        let objects: Vec<&str> = back.returning.iter().map(|r| r.object.name.as_str()).collect();
        assert_eq!(objects, ["Account", "Contact", "Lead", "Opportunity"], "{text}");
    }
    assert_eq!(search::global_search("x", &search::GlobalPlan::complete()).expect_err("short").to_string(), "Type at least 2 letters or digits to search.");
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
    let hits: Vec<(String, String, String)> =
        search::hits(&records, &search::GlobalPlan::complete()).into_iter().map(|h| (h.object, h.title, h.subtitle)).collect();
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
    // Only the user's own additions can be removed: Email is the layout's too.
    assert_eq!(view::user_added(&d, &layout, &added), ["Status"]);
    assert_eq!(view::without(&key, "status"), ["Name", "Title", "Email", "Phone", "OwnerId"]);
    assert_eq!(view::without(&added, "Status"), ["Address", "EMAIL", "Old_Field__c"]);
    let addable: Vec<&str> = view::addable_fields(&d, &key).iter().map(|f| f.name.as_str()).collect();
    assert_eq!(addable, ["Company", "HasOptedOutOfEmail", "FirstName", "LastName", "Product_Interest__c"], "by label");
    assert_eq!(view::other_fields(&d, &key), ["FirstName", "LastName", "Company", "HasOptedOutOfEmail", "Product_Interest__c"]);
    let id = SfId::parse("00Q000000000001").expect("id");
    let mut names = spec::NameFields::default();
    assert_eq!(spec::missing_name_targets(&d, &key, &names), ["User"]);
    names.learn(&serde_json::from_value(json!({"name": "User", "fields": [field("Name", "string", json!({"nameField": true}))]})).expect("user"));
    assert!(spec::missing_name_targets(&d, &key, &names).is_empty());
    let queries: Vec<String> = view::record_queries(&d, &id, &key, &names, view::MAX_ENCODED_SOQL).iter().map(|q| q.to_string()).collect();
    assert_eq!(queries, ["SELECT Id, Name, Title, Email, Phone, OwnerId, Owner.Name, Status FROM Lead WHERE Id = '00Q000000000001EAA'"]);
}

#[test]
fn create_form_fields_defaults_and_body() {
    let d = lead();
    let fields = create::create_fields(&d, &["Name", "Title", "Email", "OwnerId", "Status"]);
    assert_eq!(
        fields,
        ["FirstName", "LastName", "Title", "Email", "OwnerId", "Status", "Company"],
        "layout order, Name as its parts, then what else is required"
    );
    let mut values = create::initial_values(&d, &fields, &[]);
    assert_eq!(values.iter().find(|(n, _)| n == "Status").map(|(_, v)| v.clone()), Some(FieldValue::Text("Open - Not Contacted".into())));
    assert_eq!(create::missing_required(&d, &values), ["Last Name", "Company"], "the owner is the org's to default");
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

/// A Lead with `n` custom fields of the longest names an org allows (a
/// 15-character namespace, 40 characters, `__c`), every tenth a lookup to
/// Account, and a lookup without a name (to OpportunityHistory).
fn wide_lead(n: usize) -> SObjectDescribe {
    let mut d = lead();
    for i in 0..n {
        let name = format!("namespace_{i:05}__Custom_Field_With_A_Long_Name_Number_{i:05}__c");
        let f = if i % 10 == 0 {
            field(&name, "reference", json!({"referenceTo": ["Account"], "relationshipName": name.replace("__c", "__r")}))
        } else {
            field(&name, "string", json!({"length": 255}))
        };
        d.fields.push(serde_json::from_value(f).expect("field"));
    }
    d.fields.push(
        serde_json::from_value(field(
            "LastAmountChangedHistoryId",
            "reference",
            json!({"referenceTo": ["OpportunityHistory"], "relationshipName": "LastAmountChangedHistory"}),
        ))
        .expect("field"),
    );
    d
}

#[test]
fn a_record_read_stays_under_the_url_limit_however_many_fields() {
    let mut names = spec::NameFields::default();
    for (object, name_field) in [("Account", Some("Name")), ("User", Some("Name")), ("OpportunityHistory", None)] {
        let fields: Vec<serde_json::Value> = name_field.map(|n| field(n, "string", json!({"nameField": true}))).into_iter().collect();
        names.learn(&serde_json::from_value(json!({"name": object, "fields": fields})).expect("describe"));
    }
    let id = SfId::parse("00Q000000000001").expect("id");
    // (custom fields, budget of encoded SOQL bytes, queries expected)
    let table: &[(usize, usize, usize)] = &[
        (0, view::MAX_ENCODED_SOQL, 1),
        (10, view::MAX_ENCODED_SOQL, 1),
        (100, view::MAX_ENCODED_SOQL, 1),
        (250, view::MAX_ENCODED_SOQL, 3),
        (800, view::MAX_ENCODED_SOQL, 8),
        (250, 2_000, 10),
    ];
    for &(n, budget, want) in table {
        let d = wide_lead(n);
        let fields: Vec<String> = d.fields.iter().filter(|f| spec::is_displayable(f)).map(|f| f.name.clone()).collect();
        let queries = view::record_queries(&d, &id, &fields, &names, budget);
        println!("{n} fields in {budget} bytes: {} queries", queries.len());
        assert_eq!(queries.len(), want, "{n} fields in {budget} bytes");
        let mut asked: Vec<String> = Vec::new();
        for q in &queries {
            let text = q.to_string();
            assert!(view::encoded_len(&text) <= budget, "{n}/{budget}: {} bytes", view::encoded_len(&text));
            assert!(text.starts_with("SELECT Id, ") || text.starts_with("SELECT Id FROM"), "{text}");
            assert!(text.ends_with(" FROM Lead WHERE Id = '00Q000000000001EAA'"), "{text}");
            let select = text.trim_start_matches("SELECT ").split(" FROM ").next().unwrap_or_default().to_owned();
            let paths: Vec<String> = select.split(", ").map(str::to_owned).collect();
            // A lookup's name comes in the same query as the lookup.
            for p in paths.iter().filter(|p| p.contains('.')) {
                let rel = p.split('.').next().unwrap_or_default();
                let lookup = d.field_for_relationship(rel).expect("lookup");
                assert!(paths.contains(&lookup.name), "{p} without {}", lookup.name);
            }
            asked.extend(paths.into_iter().filter(|p| p != "Id"));
        }
        let want_paths: Vec<String> = view::read_paths(&d, &fields, &names).into_iter().skip(1).collect();
        assert_eq!(asked, want_paths, "every field once, in order");
        assert!(!asked.iter().any(|p| p.starts_with("LastAmountChangedHistory.")), "no name asked of a target without one");
    }
    // Encoded as encodeURIComponent does.
    for (text, len) in [("Id", 2), ("a b", 5), ("'x'", 3), ("=", 3), ("é", 6), ("A_b-c.d!e~f*g(h)", 16), (",", 3)] {
        assert_eq!(view::encoded_len(text), len, "{text:?}");
    }
}

#[test]
fn the_parts_of_a_read_merge_into_one_record() {
    let parts: Vec<Record> = serde_json::from_value(json!([
        {"attributes": {"type": "Lead", "url": "/x/00QA"}, "Id": "00QA", "Name": "Ada", "Owner": {"attributes": {"type": "User"}, "Name": "Ian"}},
        {"attributes": {"type": "Lead", "url": "/x/00QA"}, "Id": "00QA", "Title": "CTO", "Phone": null}
    ]))
    .expect("records");
    let merged = view::merge(parts).expect("record");
    assert_eq!((merged.get_str("Name"), merged.get_str("Owner.Name"), merged.get_str("Title")), (Some("Ada"), Some("Ian"), Some("CTO")));
    assert_eq!(merged.get("Phone"), Some(&serde_json::Value::Null));
    assert_eq!(merged.fields.keys().cloned().collect::<Vec<_>>(), ["Id", "Name", "Owner", "Title", "Phone"]);
    assert!(view::merge(Vec::new()).is_none());
}

#[test]
fn a_new_record_starts_under_the_record_it_comes_from_owned_by_the_rep() {
    let contact: SObjectDescribe = serde_json::from_value(json!({
        "name": "Contact", "label": "Contact",
        "fields": [
            field("LastName", "string", json!({"nillable": false, "compoundFieldName": "Name"})),
            field("Name", "string", json!({"createable": false})),
            field("ReportsToId", "reference", json!({"referenceTo": ["Contact"], "relationshipName": "ReportsTo"})),
            field("AccountId", "reference", json!({"referenceTo": ["Account"], "relationshipName": "Account"})),
            field("OwnerId", "reference", json!({"nillable": false, "defaultedOnCreate": true, "referenceTo": ["User"], "relationshipName": "Owner"})),
        ]
    }))
    .expect("describe");
    let m = |object: &str, id: &str, name: &str| lookup::Match { id: id.into(), name: name.into(), object: object.into() };
    let (acme, maria, rep) = (m("Account", "001000000000001AAA", "Acme"), m("Contact", "003000000000001AAA", "Maria"), m("User", "005000000000001AAA", "Rep"));
    let fields = create::create_fields(&contact, &["Name", "ReportsToId", "AccountId", "OwnerId"]);
    assert_eq!(fields, ["LastName", "ReportsToId", "AccountId", "OwnerId"]);
    // (created from, the rep, the lookups prefilled with their names)
    type Case<'a> = (Option<&'a lookup::Match>, Option<&'a lookup::Match>, Vec<(&'a str, &'a str)>);
    let cases: [Case<'_>; 4] = [
        (Some(&acme), Some(&rep), vec![("AccountId", "Acme"), ("OwnerId", "Rep")]),
        // A Contact is never made its own parent: the open Contact is no ReportsTo.
        (Some(&maria), None, vec![]),
        (None, Some(&rep), vec![("OwnerId", "Rep")]),
        (None, None, vec![]),
    ];
    for (from, user, want) in cases {
        let got = create::prefilled(&contact, &fields, from, user);
        let got: Vec<(&str, &str)> = got.iter().map(|(f, m)| (f.as_str(), m.name.as_str())).collect();
        assert_eq!(got, want, "{from:?}");
    }
    let prefilled = create::prefilled(&contact, &fields, Some(&acme), Some(&rep));
    let values = create::initial_values(&contact, &fields, &prefilled);
    let account = values.iter().find(|(n, _)| n == "AccountId").map(|(_, v)| v.clone());
    assert_eq!(account, Some(FieldValue::Id(SfId::parse("001000000000001AAA").expect("id"))));
    assert_eq!(serde_json::Value::Object(create::body(&values)), json!({"AccountId": "001000000000001AAA", "OwnerId": "005000000000001AAA"}));
}

#[test]
fn a_record_opens_in_lightning_on_a_real_org_only() {
    use crate::login::LoginHost;
    let acme = "https://acme.my.salesforce.com";
    let id = "001000000000001AAA";
    let cases: &[(LoginHost, &str, &str, &str, Option<&str>)] = &[
        (LoginHost::Production, acme, "Account", id, Some("https://acme.my.salesforce.com/lightning/r/Account/001000000000001AAA/view")),
        (
            LoginHost::Sandbox,
            "https://acme--uat.sandbox.my.salesforce.com/",
            "Lead",
            "00Q000000000001",
            Some("https://acme--uat.sandbox.my.salesforce.com/lightning/r/Lead/00Q000000000001EAA/view"),
        ),
        (
            LoginHost::Custom(acme.into()),
            acme,
            "Invoice__c",
            "a01000000000001AAA",
            Some("https://acme.my.salesforce.com/lightning/r/Invoice__c/a01000000000001AAA/view"),
        ),
        // devorg has no UI of its own; anything else odd gets no link.
        (LoginHost::Devorg, "http://127.0.0.1:8787", "Account", id, None),
        (LoginHost::Production, "http://acme.my.salesforce.com", "Account", id, None),
        (LoginHost::Production, acme, "Account/../x", id, None),
        (LoginHost::Production, acme, "Account", "javascript:alert(1)", None),
    ];
    // A 15-character id opens as its 18-character form, which Salesforce takes too.
    for (login, instance, object, id, want) in cases {
        assert_eq!(view::record_url(login, instance, object, id).as_deref(), *want, "{object} {id} on {instance}");
    }
}

#[test]
fn a_lookup_value_opens_the_record_of_its_target() {
    use crate::fields::{FieldSpec, ReferenceTarget};
    let target = |object: &str, key_prefix: &str| ReferenceTarget { object: object.into(), key_prefix: key_prefix.into() };
    let mut account = FieldSpec::new("AccountId", "Account", FieldType::Reference);
    account.reference_to = vec![target("Account", "001")];
    let mut who = FieldSpec::new("WhoId", "Name", FieldType::Reference);
    who.reference_to = vec![target("Contact", "003"), target("Lead", "00Q")];
    assert_eq!(view::lookup_target(&account, "001000000000001AAA"), Some("Account"));
    assert_eq!(view::lookup_target(&who, "00Q000000000001AAA"), Some("Lead"));
    assert_eq!(view::lookup_target(&who, "003000000000001AAA"), Some("Contact"));
    assert_eq!(view::lookup_target(&who, "005000000000001AAA"), None, "no target of this lookup");
    assert_eq!(view::lookup_target(&who, "00"), None);
}
