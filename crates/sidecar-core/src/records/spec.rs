//! Describe metadata (`FieldDescribe`) to the editors' [`FieldSpec`].

use salesforce_rest::wire::{DescribeGlobal, FieldDescribe};

use crate::fields::{FieldSpec, FieldType, PicklistOption, ReferenceTarget};

/// The editor type of a described field; `None` for what Sidecar shows but
/// does not edit (ids, compound address/location fields, base64...).
/// Comboboxes (Task.Subject) edit as text: any value is allowed.
pub fn editor_type(field: &FieldDescribe) -> Option<FieldType> {
    match field.field_type.as_str() {
        "combobox" | "encryptedstring" => Some(FieldType::String),
        other => FieldType::from_describe(other),
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
    spec.picklist = field
        .picklist_values
        .iter()
        .map(|p| PicklistOption { value: p.value.clone(), label: p.display().to_owned(), active: p.active })
        .collect();
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

/// The dotted path whose value names a lookup's record (`Owner.Name`,
/// `What.Name`), for showing a name instead of an id.
pub fn reference_name_path(field: &FieldDescribe) -> Option<String> {
    if field.field_type.as_str() != "reference" {
        return None;
    }
    field.relationship_name.as_ref().map(|r| format!("{r}.Name"))
}

/// The label a rep reads: a lookup is labelled by what it points at
/// ("Account", "Owner"), as Salesforce's record pages do, not by its id
/// column ("Account ID").
pub fn display_label(field: &FieldDescribe) -> String {
    if field.field_type.as_str() == "reference"
        && let Some(stripped) = field.label.strip_suffix(" ID")
        && !stripped.is_empty()
    {
        return stripped.to_owned();
    }
    field.label.clone()
}
