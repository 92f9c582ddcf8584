//! Field paths to columns across lookups, and the dialog's choices.

use std::collections::HashMap;

use salesforce_rest::wire::{DescribeGlobal, SObjectDescribe};
use serde_json::{Value, json};

use crate::fields::FieldType;
use crate::workspace::columns::{Resolved, field_choices, key, parents, resolve, unreadable, workspace_objects};

fn field(name: &str, ty: &str, extra: Value) -> Value {
    let mut f = json!({"name": name, "label": name, "type": ty, "nillable": true, "updateable": true});
    if let (Some(f), Some(extra)) = (f.as_object_mut(), extra.as_object()) {
        f.extend(extra.clone());
    }
    f
}

fn describe(name: &str, fields: Vec<Value>) -> SObjectDescribe {
    serde_json::from_value(json!({"name": name, "label": name, "fields": fields})).expect("describe")
}

fn org() -> HashMap<String, SObjectDescribe> {
    let opportunity = describe(
        "Opportunity",
        vec![
            field("Name", "string", json!({})),
            field("CloseDate", "date", json!({"label": "Close Date"})),
            field("AccountId", "reference", json!({"label": "Account ID", "relationshipName": "Account", "referenceTo": ["Account"]})),
            field("IsClosed", "boolean", json!({"updateable": false})),
        ],
    );
    let account = describe(
        "Account",
        vec![
            field("Name", "string", json!({"label": "Account Name", "nameField": true})),
            field("Industry", "picklist", json!({})),
            field("OwnerId", "reference", json!({"label": "Owner ID", "relationshipName": "Owner", "referenceTo": ["User"]})),
        ],
    );
    let task = describe(
        "Task",
        vec![field("WhatId", "reference", json!({"label": "Related To ID", "relationshipName": "What", "referenceTo": ["Account", "Opportunity"]}))],
    );
    [opportunity, account, task].into_iter().map(|d| (key(d.name()), d)).collect()
}

fn column(resolved: Resolved) -> crate::workspace::ColumnSpec {
    match resolved {
        Resolved::Column(c) => c,
        other => panic!("not a column: {other:?}"),
    }
}

#[test]
fn paths_resolve_across_lookups_or_say_what_they_need() {
    let org = org();
    let cases: &[(&str, &str, &str)] = &[
        // (object, path, expected: "column:<path>|<label>|<updateable>" or "need:<obj>" or "unknown")
        ("Opportunity", "closedate", "column:CloseDate|Close Date|true"),
        ("Opportunity", "IsClosed", "column:IsClosed|IsClosed|false"),
        ("Opportunity", "Account.Name", "column:Account.Name|Account Name|false"),
        ("Opportunity", "account.industry", "column:Account.Industry|Account Industry|false"),
        ("Opportunity", "Account.Owner.Name", "need:User"),
        ("Lead", "Name", "need:Lead"),
        ("Opportunity", "Nope", "unknown"),
        ("Opportunity", "Nope.Name", "unknown"),
        ("Opportunity", "Name; DELETE", "unknown"),
        ("Task", "What.Name", "unknown"),
        // A lookup column needs its target's describe for the name field.
        ("Opportunity", "Account.OwnerId", "name:User"),
    ];
    for (object, path, want) in cases {
        let got = match resolve(object, path, &org, None) {
            Resolved::Column(c) => format!("column:{}|{}|{}", c.path, c.label(), c.updateable),
            Resolved::NeedDescribe(o) => format!("need:{o}"),
            Resolved::NeedNameDescribe(o) => format!("name:{o}"),
            Resolved::Unknown(_) => "unknown".into(),
        };
        assert_eq!(&got, want, "{object} {path}");
    }
}

#[test]
fn a_lookup_column_shows_its_record_name() {
    let org = org();
    let c = column(resolve("Opportunity", "AccountId", &org, None));
    assert_eq!((c.ty(), c.label(), c.name_path.as_deref()), (FieldType::Reference, "Account", Some("Account.Name")));
    let mut org = org;
    let user = describe("User", vec![field("Name", "string", json!({"nameField": true}))]);
    org.insert(key("User"), user);
    let c = column(resolve("Opportunity", "Account.OwnerId", &org, None));
    assert_eq!(c.name_path.as_deref(), Some("Account.Owner.Name"));
    // A target the user cannot describe: the column shows ids.
    org.insert(key("User"), unreadable("User"));
    assert_eq!(column(resolve("Opportunity", "Account.OwnerId", &org, None)).name_path, None);
    // A target describeGlobal does not list (an object the user cannot
    // read, or devorg does not know): ids, without asking its describe.
    let mut without_user = self::org();
    without_user.insert(key("Account"), org[&key("Account")].clone());
    let global: DescribeGlobal = serde_json::from_value(json!({"sobjects": [{"name": "Opportunity"}, {"name": "Account"}]})).expect("global");
    let listed: DescribeGlobal = serde_json::from_value(json!({"sobjects": [{"name": "Opportunity"}, {"name": "Account"}, {"name": "User"}]})).expect("global");
    assert_eq!(column(resolve("Opportunity", "Account.OwnerId", &without_user, Some(&global))).name_path, None);
    assert!(matches!(resolve("Opportunity", "Account.OwnerId", &without_user, Some(&listed)), Resolved::NeedNameDescribe(o) if o == "User"));
    // A target without a name field (OpportunityHistory): nothing to ask for.
    let mut org = self::org();
    org.insert(key("Account"), describe("Account", vec![field("Industry", "picklist", json!({}))]));
    assert_eq!(column(resolve("Opportunity", "AccountId", &org, None)).name_path, None);
}

#[test]
fn the_dialog_offers_standard_then_custom_objects_and_fields_by_label() {
    let global: DescribeGlobal = serde_json::from_value(json!({"sobjects": [
        {"name": "Zed__c", "label": "Zed", "custom": true, "queryable": true, "updateable": true},
        {"name": "Sidecar_Settings__c", "label": "Sidecar Settings", "custom": true, "customSetting": true, "queryable": true, "updateable": true},
        {"name": "Engagement_Event__c", "label": "Engagement Event", "custom": true, "queryable": true, "updateable": true},
        {"name": "Contact", "label": "Contact", "queryable": true},
        {"name": "Account", "label": "Account", "queryable": true},
        {"name": "User", "label": "User", "queryable": true}
    ]}))
    .expect("global");
    let names: Vec<String> = workspace_objects(&global).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["Account", "Contact", "Engagement_Event__c", "Zed__c"]);

    let org = org();
    let opp = &org[&key("Opportunity")];
    let fields: Vec<String> = field_choices(opp, "", None).into_iter().map(|c| c.label).collect();
    assert_eq!(fields, ["Account", "Close Date", "IsClosed", "Name"]);
    let parent = field_choices(&org[&key("Account")], "Account.", Some("Account"));
    let labels: Vec<&str> = parent.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Account Industry", "Account Name", "Account Owner"], "no \"Account Account Name\"");
    assert_eq!(parent[1].path, "Account.Name");
    assert_eq!(parents(opp), [("Account".to_owned(), "Account".to_owned(), "Account".to_owned())]);
    assert!(parents(&org[&key("Task")]).is_empty(), "polymorphic lookups have no one parent");

    // Filter and sort choices follow describe: a long text area is neither.
    let case = describe(
        "Case",
        vec![
            field("Subject", "string", json!({"filterable": true, "sortable": true})),
            field("Description", "textarea", json!({"length": 32000, "filterable": false, "sortable": false})),
            field("Comments", "textarea", json!({"length": 4000, "filterable": false, "sortable": true})),
        ],
    );
    let flags: Vec<(String, bool, bool)> = field_choices(&case, "", None).into_iter().map(|c| (c.path, c.filterable, c.sortable)).collect();
    assert_eq!(flags, [("Comments".to_owned(), false, true), ("Description".to_owned(), false, false), ("Subject".to_owned(), true, true)]);
}

#[test]
fn a_new_workspace_starts_with_the_name_field_and_newest_first_as_describe_allows() {
    use crate::workspace::columns::starting_point;
    let sortable = json!({"sortable": true});
    // (describe, (columns, sort field, descending))
    type Start<'a> = (&'a [&'a str], &'a str, bool);
    let table: &[(SObjectDescribe, Start<'_>)] = &[
        (
            describe(
                "Opportunity",
                vec![field("Name", "string", json!({"nameField": true, "sortable": true})), field("CreatedDate", "datetime", sortable.clone())],
            ),
            (&["Name"], "CreatedDate", true),
        ),
        // Case has no Name: its describe names CaseNumber.
        (
            describe(
                "Case",
                vec![
                    field("Subject", "string", sortable.clone()),
                    field("CaseNumber", "string", json!({"nameField": true, "sortable": true})),
                    field("CreatedDate", "datetime", sortable.clone()),
                ],
            ),
            (&["CaseNumber"], "CreatedDate", true),
        ),
        // No name field in the describe, no CreatedDate: the first shown, the first sortable.
        (
            describe(
                "Thing__c",
                vec![
                    field("Id", "id", sortable.clone()),
                    field("Notes__c", "textarea", json!({"length": 32000})),
                    field("Code__c", "string", sortable.clone()),
                ],
            ),
            (&["Notes__c"], "Code__c", false),
        ),
        (describe("Empty__c", vec![]), (&[], "", false)),
    ];
    for (d, (columns, sort, descending)) in table {
        let (got_columns, got_sort) = starting_point(d);
        assert_eq!(
            (got_columns.iter().map(String::as_str).collect::<Vec<_>>().as_slice(), got_sort.field.as_str(), got_sort.descending),
            (*columns, *sort, *descending),
            "{}",
            d.name()
        );
    }
}
