//! One field of a describe (`fields[]` of `GET …/sobjects/{T}/describe`,
//! `details` of a compact layout item): Salesforce's `Field` type, every key
//! typed, with the questions a form asks of it (required? which values?).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::or_default;

pub use crate::field_type::FieldType;

/// describe's `type` as the org spelled it: a [`FieldType`], or the spelling
/// of a type the list lacks (`json`, `complexvalue`, ...), kept so the
/// describe neither fails nor changes when written back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DescribeType(Result<FieldType, String>);

impl DescribeType {
    /// The type, when it is one [`FieldType`] lists.
    pub fn known(&self) -> Option<FieldType> {
        self.0.as_ref().ok().copied()
    }

    /// describe's spelling, as recorded.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Ok(t) => t.as_str(),
            Err(other) => other,
        }
    }

    /// Reads describe's spelling; unknown types are kept verbatim.
    pub fn parse(s: &str) -> Self {
        Self(FieldType::from_describe(s).ok_or_else(|| s.to_owned()))
    }
}

impl Default for DescribeType {
    fn default() -> Self {
        Self(Ok(FieldType::String))
    }
}

impl From<FieldType> for DescribeType {
    fn from(t: FieldType) -> Self {
        Self(Ok(t))
    }
}

impl PartialEq<FieldType> for DescribeType {
    fn eq(&self, other: &FieldType) -> bool {
        self.known() == Some(*other)
    }
}

impl Serialize for DescribeType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for DescribeType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(d)?))
    }
}

/// One entry of `picklistValues`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PicklistValue {
    #[serde(deserialize_with = "or_default")]
    pub active: bool,
    #[serde(deserialize_with = "or_default")]
    pub default_value: bool,
    pub label: Option<String>,
    /// Base64 bitmap over the controlling field's values (dependent picklists).
    pub valid_for: Option<String>,
    pub value: String,
}

impl PicklistValue {
    /// What to show: the label, or the value when the org sends none.
    pub fn display(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.value)
    }
}

/// Salesforce's `Field`: every key the dialect lists, in its order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FieldDescribe {
    #[serde(deserialize_with = "or_default")]
    pub aggregatable: bool,
    #[serde(deserialize_with = "or_default")]
    pub auto_number: bool,
    #[serde(deserialize_with = "or_default")]
    pub byte_length: u32,
    #[serde(deserialize_with = "or_default")]
    pub calculated: bool,
    pub calculated_formula: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub cascade_delete: bool,
    #[serde(deserialize_with = "or_default")]
    pub case_sensitive: bool,
    pub compound_field_name: Option<String>,
    /// The controlling field of a dependent picklist.
    pub controller_name: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub createable: bool,
    #[serde(deserialize_with = "or_default")]
    pub custom: bool,
    /// Typed as the field is: `false` for a checkbox, a string for text.
    pub default_value: Value,
    pub default_value_formula: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub defaulted_on_create: bool,
    #[serde(deserialize_with = "or_default")]
    pub dependent_picklist: bool,
    #[serde(deserialize_with = "or_default")]
    pub deprecated_and_hidden: bool,
    #[serde(deserialize_with = "or_default")]
    pub digits: u32,
    #[serde(deserialize_with = "or_default")]
    pub display_location_in_decimal: bool,
    #[serde(deserialize_with = "or_default")]
    pub encrypted: bool,
    #[serde(deserialize_with = "or_default")]
    pub external_id: bool,
    pub extra_type_info: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub filterable: bool,
    pub filtered_lookup_info: Value,
    #[serde(deserialize_with = "or_default")]
    pub groupable: bool,
    #[serde(deserialize_with = "or_default")]
    pub high_scale_number: bool,
    #[serde(deserialize_with = "or_default")]
    pub html_formatted: bool,
    #[serde(deserialize_with = "or_default")]
    pub id_lookup: bool,
    pub inline_help_text: Option<String>,
    pub label: String,
    /// Characters for text fields; 0 for numbers.
    #[serde(deserialize_with = "or_default")]
    pub length: u32,
    pub mask: Option<String>,
    pub mask_type: Option<String>,
    pub name: String,
    #[serde(deserialize_with = "or_default")]
    pub name_field: bool,
    #[serde(deserialize_with = "or_default")]
    pub name_pointing: bool,
    #[serde(deserialize_with = "or_default")]
    pub nillable: bool,
    #[serde(deserialize_with = "or_default")]
    pub permissionable: bool,
    #[serde(deserialize_with = "or_default")]
    pub picklist_values: Vec<PicklistValue>,
    #[serde(deserialize_with = "or_default")]
    pub polymorphic_foreign_key: bool,
    #[serde(deserialize_with = "or_default")]
    pub precision: u32,
    #[serde(deserialize_with = "or_default")]
    pub query_by_distance: bool,
    pub reference_target_field: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub reference_to: Vec<String>,
    pub relationship_name: Option<String>,
    pub relationship_order: Option<i64>,
    #[serde(deserialize_with = "or_default")]
    pub restricted_delete: bool,
    #[serde(deserialize_with = "or_default")]
    pub restricted_picklist: bool,
    #[serde(deserialize_with = "or_default")]
    pub scale: u32,
    #[serde(deserialize_with = "or_default")]
    pub search_prefilterable: bool,
    /// `xsd:string`, `tns:ID`, ...
    pub soap_type: String,
    #[serde(deserialize_with = "or_default")]
    pub sortable: bool,
    #[serde(rename = "type")]
    pub field_type: DescribeType,
    #[serde(deserialize_with = "or_default")]
    pub unique: bool,
    #[serde(deserialize_with = "or_default")]
    pub updateable: bool,
    #[serde(deserialize_with = "or_default")]
    pub write_requires_master_read: bool,
}

impl FieldDescribe {
    /// A create form must ask for it: the org fills neither a null nor a
    /// default. Checkboxes never count: an unset boolean is `false`.
    pub fn is_required_on_create(&self) -> bool {
        self.createable && !self.nillable && !self.defaulted_on_create && self.field_type != FieldType::Boolean
    }

    /// The picklist values a user may pick, in the org's order.
    pub fn active_picklist_values(&self) -> impl Iterator<Item = &PicklistValue> {
        self.picklist_values.iter().filter(|p| p.active)
    }

    /// The active value marked default, if any.
    pub fn default_picklist_value(&self) -> Option<&PicklistValue> {
        self.active_picklist_values().find(|p| p.default_value)
    }

    /// A lookup pointing at more than one object (Task.WhoId, WhatId).
    pub fn is_polymorphic(&self) -> bool {
        self.polymorphic_foreign_key || self.reference_to.len() > 1
    }
}
