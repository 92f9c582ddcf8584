//! Table tests of the workspace logic over one column of each of the
//! fifteen field types (plus a parent's field), with en_US conventions.

mod bulk;
mod columns;
mod fill;
mod grid;
mod instructions;
mod keyboard;
mod manage;
mod model;
mod page;
mod query;

use salesforce_rest::SfId;
use salesforce_rest::wire::Record;
use serde_json::{Value, json};

use super::ColumnSpec;
use super::grid::Row;
use crate::fields::{EditContext, FieldSpec, FieldType, PicklistOption, ReferenceTarget};

pub(super) const NAME: usize = 0;
pub(super) const PHONE: usize = 1;
pub(super) const EMAIL: usize = 2;
pub(super) const URL: usize = 3;
pub(super) const ACTIVE: usize = 4;
pub(super) const AMOUNT: usize = 5;
pub(super) const EMPLOYEES: usize = 6;
pub(super) const SCORE: usize = 7;
pub(super) const DISCOUNT: usize = 8;
pub(super) const CLOSE: usize = 9;
pub(super) const TOUCHED: usize = 10;
pub(super) const ACCOUNT: usize = 11;
pub(super) const STAGE: usize = 12;
pub(super) const REGIONS: usize = 13;
pub(super) const NOTES: usize = 14;
pub(super) const INDUSTRY: usize = 15;

pub(super) fn ctx() -> EditContext {
    EditContext::default()
}

fn options(values: &[(&str, &str)]) -> Vec<PicklistOption> {
    values.iter().map(|(v, l)| PicklistOption { value: (*v).into(), label: (*l).into(), active: true }).collect()
}

/// Opportunity-like columns, indexed by the constants above.
pub(super) fn columns() -> Vec<ColumnSpec> {
    let col = |path: &str, label: &str, ty| ColumnSpec::new(path, FieldSpec::new(path, label, ty));
    let mut cols = vec![
        col("Name", "Name", FieldType::String),
        col("Phone__c", "Phone", FieldType::Phone),
        col("Email__c", "Email", FieldType::Email),
        col("Website__c", "Website", FieldType::Url),
        col("Active__c", "Active", FieldType::Boolean),
        col("Amount", "Amount", FieldType::Currency),
        col("Employees__c", "Employees", FieldType::Int),
        col("Score__c", "Score", FieldType::Double),
        col("Discount__c", "Discount", FieldType::Percent),
        col("CloseDate", "Close Date", FieldType::Date),
        col("LastTouch__c", "Last Touch", FieldType::Datetime),
        col("AccountId", "Account", FieldType::Reference),
        col("StageName", "Stage", FieldType::Picklist),
        col("Regions__c", "Regions", FieldType::Multipicklist),
        col("Description", "Description", FieldType::Textarea),
        col("Account.Industry", "Account Industry", FieldType::String),
    ];
    cols[AMOUNT].spec.scale = 2;
    cols[SCORE].spec.scale = 1;
    cols[DISCOUNT].spec.scale = 2;
    cols[ACCOUNT].name_path = Some("Account.Name".into());
    cols[ACCOUNT].spec.reference_to = vec![ReferenceTarget { object: "Account".into(), key_prefix: "001".into() }];
    cols[STAGE].spec.picklist =
        options(&[("Prospecting", "Prospecting"), ("Qualification", "Qualification"), ("Id. Decision Makers", "Id. Decision Makers"), ("Closed Won", "Won")]);
    cols[STAGE].spec.restricted = true;
    cols[REGIONS].spec.picklist = options(&[("East", "East Coast"), ("West", "West Coast"), ("North", "North")]);
    cols
}

pub(super) fn id(n: u64) -> String {
    SfId::mint("006", n).map(|id| id.to_string()).expect("id")
}

pub(super) fn account_id(n: u64) -> String {
    SfId::mint("001", n).map(|id| id.to_string()).expect("id")
}

/// A queried record with the given fields (by column path) set.
pub(super) fn record(n: u64, fields: Value) -> Record {
    let mut value = json!({"attributes": {"type": "Opportunity", "url": format!("/services/data/v62.0/sobjects/Opportunity/{}", id(n))}, "Id": id(n)});
    if let (Some(map), Some(extra)) = (value.as_object_mut(), fields.as_object()) {
        map.extend(extra.clone());
    }
    serde_json::from_value(value).expect("record")
}

pub(super) fn rows(records: &[Record]) -> Vec<Row> {
    records.iter().cloned().map(Row::from_record).collect()
}

#[test]
fn columns_from_describe() {
    use crate::records::spec::NameFields;
    use salesforce_rest::wire::{FieldDescribe, SObjectDescribe};
    let field = |v: Value| -> FieldDescribe { serde_json::from_value(v).expect("describe") };
    let account_id = field(
        json!({"name": "AccountId", "label": "Account ID", "type": "reference", "nillable": true, "updateable": true, "referenceTo": ["Account"], "relationshipName": "Account"}),
    );
    let described = |object: &str, name_field: Option<&str>| -> SObjectDescribe {
        let fields: Vec<Value> = name_field.map(|n| json!({"name": n, "type": "string", "nameField": true})).into_iter().collect();
        serde_json::from_value(json!({"name": object, "fields": fields})).expect("describe")
    };
    let mut names = NameFields::default();
    for (object, name_field) in [("Account", Some("Name")), ("User", Some("Name")), ("Case", Some("CaseNumber")), ("OpportunityHistory", None)] {
        names.learn(&described(object, name_field));
    }
    let col = ColumnSpec::from_describe("AccountId", &account_id, None, None, &names).expect("column");
    assert_eq!((col.label(), col.name_path.as_deref(), col.updateable), ("Account", Some("Account.Name"), true));
    // Not described (yet): an id, never a guessed `Account.Name`.
    let unknown = ColumnSpec::from_describe("AccountId", &account_id, None, None, &NameFields::default()).expect("column");
    assert_eq!(unknown.name_path, None);
    // The target's describe names its name field; some targets have none.
    let parent = field(
        json!({"name": "ParentId", "label": "Parent Case ID", "type": "reference", "referenceTo": ["Case"], "relationshipName": "Parent", "filterable": true, "sortable": true}),
    );
    let col = ColumnSpec::from_describe("ParentId", &parent, None, None, &names).expect("column");
    assert_eq!((col.name_path.as_deref(), col.filterable, col.sortable), (Some("Parent.CaseNumber"), true, true));
    let history = field(
        json!({"name": "LastAmountChangedHistoryId", "label": "Opportunity History ID", "type": "reference", "referenceTo": ["OpportunityHistory"], "relationshipName": "LastAmountChangedHistory"}),
    );
    assert_eq!(ColumnSpec::from_describe("LastAmountChangedHistoryId", &history, None, None, &names).expect("column").name_path, None);
    // Polymorphic lookups go through the Name object: no describe needed.
    let what =
        field(json!({"name": "WhatId", "label": "Related To ID", "type": "reference", "referenceTo": ["Account", "Opportunity"], "relationshipName": "What"}));
    assert_eq!(ColumnSpec::from_describe("WhatId", &what, None, None, &NameFields::default()).expect("column").name_path.as_deref(), Some("What.Name"));
    let description =
        field(json!({"name": "Description", "label": "Description", "type": "textarea", "length": 32000, "filterable": false, "sortable": false}));
    let col = ColumnSpec::from_describe("Description", &description, None, None, &names).expect("column");
    assert!(!col.filterable && !col.sortable, "describe says so");
    let owner = field(
        json!({"name": "OwnerId", "label": "Owner ID", "type": "reference", "nillable": false, "updateable": true, "referenceTo": ["User"], "relationshipName": "Owner"}),
    );
    let parent_owner = ColumnSpec::from_describe("Account.OwnerId", &owner, None, Some("Account"), &names).expect("column");
    assert_eq!((parent_owner.label(), parent_owner.name_path.as_deref(), parent_owner.updateable), ("Account Owner", Some("Account.Owner.Name"), false));
    let formula = field(json!({"name": "Score__c", "label": "Score", "type": "double", "nillable": true, "updateable": false, "calculated": true}));
    assert!(!ColumnSpec::from_describe("Score__c", &formula, None, None, &names).expect("column").updateable);
    let address = field(json!({"name": "BillingAddress", "label": "Billing Address", "type": "address", "nillable": true}));
    assert!(ColumnSpec::from_describe("BillingAddress", &address, None, None, &names).is_none());
    for (path, ok) in
        [("Name", true), ("Account.Owner.Name", true), ("Custom__c", true), ("", false), ("a b", false), ("Name,Id", false), ("1x", false), ("a..b", false)]
    {
        assert_eq!(super::is_field_path(path), ok, "{path:?}");
    }
}
