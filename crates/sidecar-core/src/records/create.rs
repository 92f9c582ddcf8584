//! Creating a record from the panel: which fields the form asks for (the
//! object's required fields from describe, then the compact layout's
//! creatable fields), their starting values (picklist and checkbox
//! defaults), and the body sent to the org (only what was filled in).

use serde_json::{Map, Value as Json};

use super::spec::{field_spec, is_displayable};
use crate::fields::{FieldValue, to_json};
use salesforce_rest::FieldType;
use salesforce_rest::wire::SObjectDescribe;

/// The objects the panel creates.
pub const CREATABLE: [&str; 6] = ["Lead", "Contact", "Account", "Opportunity", "Task", "Case"];

/// Form fields: required ones first (describe order), then the layout's
/// other creatable fields. Lookups appear only when required: without a
/// lookup search, an id box is no help to a rep.
pub fn create_fields(describe: &SObjectDescribe, layout: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = describe.fields.iter().filter(|f| f.is_required_on_create() && is_displayable(f)).map(|f| f.name.clone()).collect();
    for name in layout {
        let Some(field) = describe.field(name) else { continue };
        let lookup = field.field_type == FieldType::Reference;
        if field.createable && is_displayable(field) && !lookup && !out.iter().any(|n| n == &field.name) {
            out.push(field.name.clone());
        }
    }
    out
}

/// Starting values: a picklist's default value, a checkbox's default.
pub fn initial_values(describe: &SObjectDescribe, fields: &[String]) -> Vec<(String, FieldValue)> {
    fields
        .iter()
        .filter_map(|name| {
            let field = describe.field(name)?;
            let value = if let Some(default) = field.default_picklist_value() {
                FieldValue::Text(default.value.clone())
            } else if let Json::Bool(b) = field.default_value {
                FieldValue::Bool(b)
            } else if field.field_type == FieldType::Boolean {
                FieldValue::Bool(false)
            } else {
                FieldValue::Null
            };
            Some((field.name.clone(), value))
        })
        .collect()
}

/// Required fields of the form still empty (their labels), so the form can
/// say so before sending. The server checks again; its message wins.
pub fn missing_required(describe: &SObjectDescribe, values: &[(String, FieldValue)]) -> Vec<String> {
    values
        .iter()
        .filter(|(_, v)| *v == FieldValue::Null)
        .filter_map(|(name, _)| describe.field(name))
        .filter(|f| field_spec(f, None).is_some_and(|s| s.required) && f.is_required_on_create())
        .map(|f| f.label.clone())
        .collect()
}

/// The create body: every filled-in field as JSON (empty ones are left out,
/// so the org applies its own defaults).
pub fn body(values: &[(String, FieldValue)]) -> Map<String, Json> {
    values.iter().filter(|(_, v)| *v != FieldValue::Null).map(|(name, v)| (name.clone(), to_json(v))).collect()
}
