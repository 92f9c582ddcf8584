//! Table tests of the workspace logic over one column of each of the
//! fifteen field types (plus a parent's field), with en_US conventions.

mod bulk;
mod columns;
mod grid;
mod keyboard;
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
    use salesforce_rest::wire::FieldDescribe;
    let field = |v: Value| -> FieldDescribe { serde_json::from_value(v).expect("describe") };
    let account_id = field(json!({"name": "AccountId", "label": "Account ID", "type": "reference", "nillable": true, "updateable": true, "referenceTo": ["Account"], "relationshipName": "Account"}));
    let col = ColumnSpec::from_describe("AccountId", &account_id, None, None).expect("column");
    assert_eq!((col.label(), col.name_path.as_deref(), col.updateable), ("Account", Some("Account.Name"), true));
    let owner = field(json!({"name": "OwnerId", "label": "Owner ID", "type": "reference", "nillable": false, "updateable": true, "referenceTo": ["User"], "relationshipName": "Owner"}));
    let parent_owner = ColumnSpec::from_describe("Account.OwnerId", &owner, None, Some("Account")).expect("column");
    assert_eq!((parent_owner.label(), parent_owner.name_path.as_deref(), parent_owner.updateable), ("Account Owner", Some("Account.Owner.Name"), false));
    let formula = field(json!({"name": "Score__c", "label": "Score", "type": "double", "nillable": true, "updateable": false, "calculated": true}));
    assert!(!ColumnSpec::from_describe("Score__c", &formula, None, None).expect("column").updateable);
    let address = field(json!({"name": "BillingAddress", "label": "Billing Address", "type": "address", "nillable": true}));
    assert!(ColumnSpec::from_describe("BillingAddress", &address, None, None).is_none());
    for (path, ok) in [("Name", true), ("Account.Owner.Name", true), ("Custom__c", true), ("", false), ("a b", false), ("Name,Id", false), ("1x", false), ("a..b", false)] {
        assert_eq!(super::is_field_path(path), ok, "{path:?}");
    }
}
