//! Describe metadata (`FieldDescribe`) to the editors' [`FieldSpec`].

use std::collections::HashMap;

use salesforce_rest::wire::{DescribeGlobal, FieldDescribe, SObjectDescribe};

use crate::fields::{EDITABLE, FieldSpec, FieldType, PicklistOption, ReferenceTarget};

/// The editor type of a described field; `None` for what Sidecar shows but
/// does not edit (ids, compound address/location fields, base64...).
/// Comboboxes (Task.Subject) edit as text: any value is allowed.
pub fn editor_type(field: &FieldDescribe) -> Option<FieldType> {
    match field.field_type.known()? {
        FieldType::Combobox | FieldType::EncryptedString => Some(FieldType::String),
        ty => EDITABLE.contains(&ty).then_some(ty),
    }
}

/// The spec an editor validates against. `global` supplies the key prefixes
/// of lookup targets (so an id of the wrong object is refused early).
/// `required`: a non-nillable field cannot be blanked (checkboxes never are).
pub fn field_spec(field: &FieldDescribe, global: Option<&DescribeGlobal>) -> Option<FieldSpec> {
    let ty = editor_type(field)?;
    let mut spec = FieldSpec::new(&field.name, &display_label(field), ty);
    spec.length = field.length;
    if field.precision > 0 {
        spec.precision = field.precision;
    }
    spec.scale = field.scale;
    if field.digits > 0 {
        spec.digits = field.digits;
    }
    spec.required = !field.nillable && ty != FieldType::Boolean;
    spec.restricted = field.restricted_picklist;
    spec.picklist = field.picklist_values.iter().map(|p| PicklistOption { value: p.value.clone(), label: p.display().to_owned(), active: p.active }).collect();
    spec.reference_to = field
        .reference_to
        .iter()
        .filter_map(|name| {
            let prefix = global?.object(name)?.key_prefix.clone()?;
            Some(ReferenceTarget { object: name.clone(), key_prefix: prefix })
        })
        .collect();
    Some(spec)
}

/// Whether the panel can show and edit this field: a supported type, not
/// hidden, and not a compound field whose parts are shown instead.
pub fn is_displayable(field: &FieldDescribe) -> bool {
    editor_type(field).is_some() && !field.deprecated_and_hidden
}

/// The name fields of lookup targets, as their describes say: object (any
/// case) → the field with `nameField: true` (`Name`, `CaseNumber`,
/// `Subject`), or `None` when the target has no name field
/// (OpportunityHistory) or its describe could not be read (not accessible
/// to this user, not in this org). A target not learned yet is unknown:
/// [`name_target`] says which to describe.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameFields(HashMap<String, Option<String>>);

impl NameFields {
    /// Remembers the name field of a described object.
    pub fn learn(&mut self, describe: &SObjectDescribe) {
        self.0.insert(describe.name().to_ascii_lowercase(), describe.name_field().map(|f| f.name.clone()));
    }

    /// Remembers that `object` could not be described: its lookups show ids.
    pub fn unreadable(&mut self, object: &str) {
        self.0.insert(object.to_ascii_lowercase(), None);
    }

    /// Whether `object` was learned (described, or found unreadable).
    pub fn knows(&self, object: &str) -> bool {
        self.0.contains_key(&object.to_ascii_lowercase())
    }

    /// The name field of `object`, when it was described and has one.
    pub fn name_field(&self, object: &str) -> Option<&str> {
        self.0.get(&object.to_ascii_lowercase()).and_then(|n| n.as_deref())
    }
}

/// The object whose describe says how a lookup's record is named: the
/// single target of a lookup (`Account` for AccountId, `Case` for
/// ParentId). `None` for other fields and for polymorphic lookups, which
/// need no describe (see [`reference_name_path`]).
pub fn name_target(field: &FieldDescribe) -> Option<&str> {
    match (field.field_type.known(), field.relationship_name.as_ref(), field.reference_to.as_slice()) {
        (Some(FieldType::Reference), Some(_), [target]) => Some(target),
        _ => None,
    }
}

/// The distinct [`name_target`]s of `fields` (names as `describe` spells
/// them) that `names` does not know yet: the describes to ask for.
pub fn missing_name_targets(describe: &SObjectDescribe, fields: &[String], names: &NameFields) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for target in fields.iter().filter_map(|n| describe.field(n)).filter_map(name_target) {
        if !names.knows(target) && !out.iter().any(|o| o.eq_ignore_ascii_case(target)) {
            out.push(target.to_owned());
        }
    }
    out
}

/// The dotted path whose value names a lookup's record, for showing a name
/// instead of an id, or `None` when nothing names it:
/// - a polymorphic lookup (`What`, `Who`, Lead's `Owner` to User and
///   Group) goes through Salesforce's `Name` object, whose `Name` field is
///   the parent's name whatever its type ("Name" object, SOAP API / Object
///   Reference: developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_name.htm;
///   "Understanding Relationship Fields and Polymorphic Fields", SOQL and
///   SOSL Reference): `What.Name`;
/// - a single-target lookup uses the target's name field from its
///   describe (`Account.Name`, `Parent.CaseNumber`); a target without one
///   (`LastAmountChangedHistory` → OpportunityHistory), or whose describe
///   is unknown or unreadable, gets nothing: `X.Name` there is an
///   `INVALID_FIELD` on a real org.
pub fn reference_name_path(field: &FieldDescribe, names: &NameFields) -> Option<String> {
    if field.field_type != FieldType::Reference {
        return None;
    }
    let relationship = field.relationship_name.as_ref()?;
    match field.reference_to.as_slice() {
        [] => None,
        [target] => names.name_field(target).map(|n| format!("{relationship}.{n}")),
        _ => Some(format!("{relationship}.Name")),
    }
}

/// The label a rep reads: a lookup is labelled by what it points at
/// ("Account", "Owner"), as Salesforce's record pages do, not by its id
/// column ("Account ID").
pub fn display_label(field: &FieldDescribe) -> String {
    if field.field_type == FieldType::Reference
        && let Some(stripped) = field.label.strip_suffix(" ID")
        && !stripped.is_empty()
    {
        return stripped.to_owned();
    }
    field.label.clone()
}
