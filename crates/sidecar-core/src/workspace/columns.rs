//! From a workspace's field paths to [`ColumnSpec`]s, given the describes
//! at hand. A path may cross lookups (`Account.Owner.Name`), each hop
//! needing the parent object's describe, which the client fetches: so
//! [`resolve`] answers either the column or the describe it still needs,
//! and the client loops (`NeedDescribe` → fetch → `resolve` again).
//!
//! Also the Manage Workspace dialog's choices: which objects a workspace
//! may list, and which fields of an object (and of its parents) it may
//! show, filter and sort on.

use std::collections::HashMap;

use salesforce_rest::FieldType;
use salesforce_rest::wire::{DescribeGlobal, FieldDescribe, SObjectDescribe};

use super::model::Sort;
use super::{ColumnSpec, is_field_path};
use crate::records::spec::{self, NameFields};

/// What [`resolve`] found for one path.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Column(ColumnSpec),
    /// Describe this object (API name), then resolve again.
    NeedDescribe(String),
    /// Describe this lookup target (API name) to name the lookup's records,
    /// then resolve again; when it cannot be described, add
    /// [`unreadable`]`(name)` instead: the column then shows ids.
    NeedNameDescribe(String),
    /// The path names no field the grid can show, in words for the rep.
    Unknown(String),
}

/// Resolves `path` from `object`, with `describes` keyed by API name in any
/// case (see [`key`]).
pub fn resolve(object: &str, path: &str, describes: &HashMap<String, SObjectDescribe>, global: Option<&DescribeGlobal>) -> Resolved {
    if !is_field_path(path) {
        return Resolved::Unknown(format!("\"{path}\" isn't a field name."));
    }
    let mut current = object.to_owned();
    let mut labels: Vec<String> = Vec::new();
    // The path as the org spells it, so rows find their values.
    let mut canonical: Vec<String> = Vec::new();
    let hops: Vec<&str> = path.split('.').collect();
    for (i, hop) in hops.iter().enumerate() {
        let Some(describe) = describes.get(&key(&current)) else {
            return Resolved::NeedDescribe(current);
        };
        if i + 1 == hops.len() {
            let Some(field) = describe.field(hop) else {
                return Resolved::Unknown(format!("{} has no field {hop}.", describe.object.label));
            };
            canonical.push(field.name.clone());
            let canonical = canonical.join(".");
            let parent_label = (!labels.is_empty()).then(|| labels.join(" "));
            let mut names = NameFields::default();
            if let Some(target) = spec::name_target(field) {
                match describes.get(&key(target)) {
                    Some(target) => names.learn(target),
                    // An object the org's describeGlobal does not list is
                    // not one this user can read (or the org has): its
                    // describe would only fail, so the column shows ids.
                    None if global.is_some_and(|g| g.object(target).is_none()) => names.unreadable(target),
                    None => return Resolved::NeedNameDescribe(target.to_owned()),
                }
            }
            return match ColumnSpec::from_describe(&canonical, field, global, parent_label.as_deref(), &names) {
                Some(column) => Resolved::Column(column),
                None => Resolved::Unknown(format!("{} can't be shown in a workspace.", field.label)),
            };
        }
        let Some(lookup) = relationship(describe, hop) else {
            return Resolved::Unknown(format!("{} has no lookup named {hop}.", describe.object.label));
        };
        // A polymorphic lookup (Who, What) has no one parent to describe.
        let [target] = lookup.reference_to.as_slice() else {
            return Resolved::Unknown(format!("{} can point at several objects, so its fields can't be shown.", spec::display_label(lookup)));
        };
        labels.push(spec::display_label(lookup));
        canonical.push(lookup.relationship_name.clone().unwrap_or_else(|| (*hop).to_owned()));
        current = target.clone();
    }
    Resolved::Unknown(format!("\"{path}\" isn't a field name."))
}

/// What stands in the describes map for an object that could not be
/// described (not accessible to this user): no fields, so no name field,
/// and a path through it is unknown.
pub fn unreadable(object: &str) -> SObjectDescribe {
    let mut describe = SObjectDescribe::default();
    describe.object.name = object.to_owned();
    describe.object.label = object.to_owned();
    describe
}

/// The describes map's key for an object name.
pub fn key(object: &str) -> String {
    object.to_ascii_lowercase()
}

/// The lookup field whose relationship is `name` (`Account` for AccountId).
fn relationship<'a>(describe: &'a SObjectDescribe, name: &str) -> Option<&'a FieldDescribe> {
    describe.fields.iter().find(|f| f.field_type == FieldType::Reference && f.relationship_name.as_deref().is_some_and(|r| r.eq_ignore_ascii_case(name)))
}

/// The standard objects a workspace may list, as the product names them;
/// custom objects from describeGlobal are added after them.
pub const STANDARD_OBJECTS: [&str; 7] = ["Account", "Contact", "Lead", "Opportunity", "Case", "Contract", "Quote"];

/// (API name, label) of the objects the dialog offers: the standard ones
/// the org has and the queryable custom objects (not settings), by label.
pub fn workspace_objects(global: &DescribeGlobal) -> Vec<(String, String)> {
    let mut standard: Vec<(String, String)> =
        STANDARD_OBJECTS.iter().filter_map(|name| global.object(name).map(|o| (o.name.clone(), o.label.clone()))).collect();
    let mut custom: Vec<(String, String)> =
        global.sobjects.iter().filter(|o| o.custom && o.queryable && o.updateable && !o.custom_setting).map(|o| (o.name.clone(), o.label.clone())).collect();
    custom.sort_by_key(|a| a.1.to_lowercase());
    standard.append(&mut custom);
    standard
}

/// A field the Manage Workspace dialog offers, and what SOQL lets a
/// workspace do with it, as describe says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChoice {
    /// `Amount`, or `Account.Industry` for a parent's field.
    pub path: String,
    pub label: String,
    /// Offered as a filter (describe's `filterable`).
    pub filterable: bool,
    /// Offered as the sort (describe's `sortable`).
    pub sortable: bool,
}

/// The fields of `describe` a workspace can show, by label; `prefix` is
/// the relationship path for a parent's fields (`Account.`),
/// `parent_label` prefixes their labels.
pub fn field_choices(describe: &SObjectDescribe, prefix: &str, parent_label: Option<&str>) -> Vec<FieldChoice> {
    let mut out: Vec<FieldChoice> = describe
        .fields
        .iter()
        .filter(|f| spec::is_displayable(f))
        .map(|f| {
            let label = spec::display_label(f);
            let label = match parent_label {
                Some(p) => super::parent_prefixed(p, &label),
                None => label,
            };
            FieldChoice { path: format!("{prefix}{}", f.name), label, filterable: f.filterable, sortable: f.sortable }
        })
        .collect();
    out.sort_by_key(|c| c.label.to_lowercase());
    out
}

/// What a new workspace on `describe`'s object starts with: its name field
/// as the column (`Name`; `CaseNumber` for Case, `ContractNumber` for
/// Contract, which have no `Name`) and the newest created first, each as
/// describe allows: without a name field, the first field the grid can
/// show; without a sortable `CreatedDate`, the first sortable column.
pub fn starting_point(describe: &SObjectDescribe) -> (Vec<String>, Sort) {
    let shown = || describe.fields.iter().filter(|f| spec::is_displayable(f) && f.name != "Id");
    let column = describe.name_field().filter(|f| spec::is_displayable(f)).or_else(|| shown().next());
    let columns: Vec<String> = column.map(|f| f.name.clone()).into_iter().collect();
    let sort = match describe.field("CreatedDate").filter(|f| f.sortable) {
        Some(created) => Sort { field: created.name.clone(), descending: true },
        None => {
            let first = column.filter(|f| f.sortable).or_else(|| shown().find(|f| f.sortable));
            Sort { field: first.map(|f| f.name.clone()).unwrap_or_default(), descending: false }
        }
    };
    (columns, sort)
}

/// The parents whose fields the dialog offers: (relationship name, label,
/// parent object) of each single-object lookup (`Account`, "Account",
/// `Account`), by label.
pub fn parents(describe: &SObjectDescribe) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = describe
        .fields
        .iter()
        .filter(|f| f.field_type == FieldType::Reference && !f.deprecated_and_hidden)
        .filter_map(|f| match (f.relationship_name.as_ref(), f.reference_to.as_slice()) {
            (Some(rel), [target]) => Some((rel.clone(), spec::display_label(f), target.clone())),
            _ => None,
        })
        .collect();
    out.sort_by_key(|a| a.1.to_lowercase());
    out
}
