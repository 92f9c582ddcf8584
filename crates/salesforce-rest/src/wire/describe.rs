//! Discovery and object metadata (§3): `GET /services/data/vNN.N` (the
//! resource directory), `GET …/sobjects` (describeGlobal) and
//! `GET …/sobjects/{T}/describe`. `GET /services/data` is
//! [`crate::version::VersionInfo`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::field::FieldDescribe;
use super::or_default;

/// `GET /services/data/vNN.N`: resource name -> path (`identity` is absolute).
pub type ResourceDirectory = BTreeMap<String, String>;

/// `GET …/sobjects`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DescribeGlobal {
    pub encoding: String,
    #[serde(deserialize_with = "or_default")]
    pub max_batch_size: u32,
    #[serde(deserialize_with = "or_default")]
    pub sobjects: Vec<GlobalSObject>,
}

impl DescribeGlobal {
    /// The object named `name`, in any case (API names are case-insensitive).
    pub fn object(&self, name: &str) -> Option<&GlobalSObject> {
        self.sobjects.iter().find(|o| o.name.eq_ignore_ascii_case(name))
    }

    /// The object an id belongs to, by its 3-character key prefix.
    pub fn object_for_id(&self, id: &str) -> Option<&GlobalSObject> {
        let prefix = id.get(..3)?;
        self.sobjects.iter().find(|o| o.key_prefix.as_deref() == Some(prefix))
    }
}

/// One entry of describeGlobal (DescribeGlobalSObjectResult); also the
/// first keys of a full describe.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GlobalSObject {
    #[serde(deserialize_with = "or_default")]
    pub activateable: bool,
    #[serde(deserialize_with = "or_default")]
    pub createable: bool,
    #[serde(deserialize_with = "or_default")]
    pub custom: bool,
    #[serde(deserialize_with = "or_default")]
    pub custom_setting: bool,
    #[serde(deserialize_with = "or_default")]
    pub deep_cloneable: bool,
    #[serde(deserialize_with = "or_default")]
    pub deletable: bool,
    #[serde(deserialize_with = "or_default")]
    pub deprecated_and_hidden: bool,
    #[serde(deserialize_with = "or_default")]
    pub feed_enabled: bool,
    #[serde(deserialize_with = "or_default")]
    pub has_subtypes: bool,
    #[serde(deserialize_with = "or_default")]
    pub is_interface: bool,
    #[serde(deserialize_with = "or_default")]
    pub is_subtype: bool,
    /// `null` for objects without records of their own.
    pub key_prefix: Option<String>,
    pub label: String,
    pub label_plural: String,
    #[serde(deserialize_with = "or_default")]
    pub layoutable: bool,
    #[serde(deserialize_with = "or_default")]
    pub mergeable: bool,
    #[serde(deserialize_with = "or_default")]
    pub mru_enabled: bool,
    pub name: String,
    #[serde(deserialize_with = "or_default")]
    pub queryable: bool,
    #[serde(deserialize_with = "or_default")]
    pub replicateable: bool,
    #[serde(deserialize_with = "or_default")]
    pub retrieveable: bool,
    #[serde(deserialize_with = "or_default")]
    pub searchable: bool,
    #[serde(deserialize_with = "or_default")]
    pub triggerable: bool,
    #[serde(deserialize_with = "or_default")]
    pub undeletable: bool,
    #[serde(deserialize_with = "or_default")]
    pub updateable: bool,
    /// `sobject`, `describe`, `rowTemplate` (`…/{ID}`), `compactLayouts`, ...
    #[serde(deserialize_with = "or_default")]
    pub urls: BTreeMap<String, String>,
}

/// `GET …/sobjects/{T}/describe`: the global keys, then the object's own.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SObjectDescribe {
    #[serde(flatten)]
    pub object: GlobalSObject,
    #[serde(deserialize_with = "or_default")]
    pub action_overrides: Vec<Value>,
    #[serde(deserialize_with = "or_default")]
    pub child_relationships: Vec<ChildRelationship>,
    #[serde(deserialize_with = "or_default")]
    pub compact_layoutable: bool,
    #[serde(deserialize_with = "or_default")]
    pub fields: Vec<FieldDescribe>,
    pub listviewable: Option<bool>,
    pub lookup_layoutable: Option<bool>,
    #[serde(deserialize_with = "or_default")]
    pub named_layout_infos: Vec<Value>,
    pub network_scope_field_name: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub record_type_infos: Vec<RecordTypeInfo>,
    pub search_layoutable: Option<bool>,
    #[serde(deserialize_with = "or_default")]
    pub supported_scopes: Vec<ScopeInfo>,
}

impl SObjectDescribe {
    /// The object's API name.
    pub fn name(&self) -> &str {
        &self.object.name
    }

    /// The field named `name`, in any case.
    pub fn field(&self, name: &str) -> Option<&FieldDescribe> {
        self.fields.iter().find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// The field that names a record (`Name`, `Subject`, `CaseNumber`, ...).
    pub fn name_field(&self) -> Option<&FieldDescribe> {
        self.fields.iter().find(|f| f.name_field)
    }

    /// The lookup whose relationship is `relationship` (`Account` -> `AccountId`), in any case.
    pub fn field_for_relationship(&self, relationship: &str) -> Option<&FieldDescribe> {
        self.fields.iter().find(|f| f.relationship_name.as_deref().is_some_and(|r| r.eq_ignore_ascii_case(relationship)))
    }

    /// Fields a create form must ask for.
    pub fn required_on_create(&self) -> impl Iterator<Item = &FieldDescribe> {
        self.fields.iter().filter(|f| f.is_required_on_create())
    }

    /// The child relationship named `name` (`Contacts`), in any case.
    pub fn child_relationship(&self, name: &str) -> Option<&ChildRelationship> {
        self.child_relationships.iter().find(|r| r.relationship_name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name)))
    }
}

/// One entry of `childRelationships`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ChildRelationship {
    #[serde(deserialize_with = "or_default")]
    pub cascade_delete: bool,
    #[serde(rename = "childSObject")]
    pub child_sobject: String,
    #[serde(deserialize_with = "or_default")]
    pub deprecated_and_hidden: bool,
    /// The lookup field on the child.
    pub field: String,
    #[serde(deserialize_with = "or_default")]
    pub junction_id_list_names: Vec<String>,
    #[serde(deserialize_with = "or_default")]
    pub junction_reference_to: Vec<String>,
    /// `null` when the relationship cannot be queried by name.
    pub relationship_name: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub restricted_delete: bool,
}

/// One entry of `recordTypeInfos` (every object has at least `Master`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RecordTypeInfo {
    #[serde(deserialize_with = "or_default")]
    pub available: bool,
    #[serde(deserialize_with = "or_default")]
    pub default_record_type_mapping: bool,
    pub developer_name: String,
    #[serde(deserialize_with = "or_default")]
    pub master: bool,
    pub name: String,
    pub record_type_id: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub urls: BTreeMap<String, String>,
}

/// One entry of `supportedScopes` (`{"label":"My","name":"mine"}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ScopeInfo {
    pub label: String,
    pub name: String,
}
