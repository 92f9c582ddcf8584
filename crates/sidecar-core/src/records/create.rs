//! Creating a record from the panel: which fields the form asks for (the
//! compact layout's settable fields, lookups included, then any required
//! field it leaves out), their starting values (the record the rep comes
//! from, the rep as owner, picklist and checkbox defaults), and the body
//! sent to the org (only what was filled in).

use serde_json::{Map, Value as Json};

use super::lookup::Match;
use super::spec::{field_spec, is_displayable};
use crate::fields::{FieldValue, to_json};
use salesforce_rest::FieldType;
use salesforce_rest::SfId;
use salesforce_rest::wire::{FieldDescribe, SObjectDescribe};

/// The objects the panel creates.
pub const CREATABLE: [&str; 6] = ["Lead", "Contact", "Account", "Opportunity", "Task", "Case"];

/// Form fields, in the compact layout's order: a field the user cannot
/// set there that is a compound (a Contact's `Name`) stands for its
/// settable parts (`Salutation`, `FirstName`, `LastName`: describe's
/// `compoundFieldName`); lookups are in (picked by name, see
/// [`super::lookup`]). Required fields the layout leaves out follow, in
/// describe order: a form the org would refuse is no help.
pub fn create_fields(describe: &SObjectDescribe, layout: &[&str]) -> Vec<String> {
    let settable = |f: &&FieldDescribe| f.createable && is_displayable(f);
    let mut out: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        if !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            out.push(name.to_owned());
        }
    };
    for name in layout {
        let Some(field) = describe.field(name) else { continue };
        if settable(&field) {
            add(&field.name);
            continue;
        }
        let parts = describe.fields.iter().filter(|f| f.compound_field_name.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(&field.name)));
        for part in parts.filter(settable) {
            add(&part.name);
        }
    }
    for field in describe.fields.iter().filter(|f| f.is_required_on_create() && is_displayable(f)) {
        add(&field.name);
    }
    out
}

/// The lookups a new record starts with: `from`, the record the rep is
/// looking at, in the first lookup of the form that may point at its
/// object (a Contact created from an Account gets that Account; never a
/// record of the same object, which would make it its own parent), and the
/// rep as `OwnerId` (what the org sets anyway when it is left empty:
/// describe's `defaultedOnCreate`), so the form shows who will own it.
pub fn prefilled(describe: &SObjectDescribe, fields: &[String], from: Option<&Match>, user: Option<&Match>) -> Vec<(String, Match)> {
    let lookups = || fields.iter().filter_map(|n| describe.field(n)).filter(|f| f.field_type == FieldType::Reference);
    let points_at = |f: &FieldDescribe, object: &str| f.reference_to.iter().any(|t| t.eq_ignore_ascii_case(object));
    let mut out = Vec::new();
    if let Some(from) = from.filter(|m| !m.object.eq_ignore_ascii_case(describe.name())) {
        let field = lookups().find(|f| !f.name.eq_ignore_ascii_case("OwnerId") && points_at(f, &from.object));
        if let Some(field) = field {
            out.push((field.name.clone(), from.clone()));
        }
    }
    if let Some(user) = user {
        let owner = lookups().find(|f| f.name.eq_ignore_ascii_case("OwnerId") && points_at(f, "User"));
        if let Some(owner) = owner {
            out.push((owner.name.clone(), user.clone()));
        }
    }
    out
}

/// Starting values: the `prefilled` lookups, a picklist's default value, a
/// checkbox's default.
pub fn initial_values(describe: &SObjectDescribe, fields: &[String], prefilled: &[(String, Match)]) -> Vec<(String, FieldValue)> {
    fields
        .iter()
        .filter_map(|name| {
            let field = describe.field(name)?;
            let picked = prefilled.iter().find(|(f, _)| f.eq_ignore_ascii_case(name)).and_then(|(_, m)| SfId::parse(&m.id).ok());
            let value = if let Some(id) = picked {
                FieldValue::Id(id)
            } else if let Some(default) = field.default_picklist_value() {
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
