//! Compact layouts (§3): the Key Fields a record card shows.
//! - `GET …/sobjects/{T}/describe/compactLayouts` -> [`CompactLayouts`].
//! - `GET …/compactLayouts?q=A,B` -> [`CompactLayoutsByObject`] (primary layouts).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::field::FieldDescribe;
use super::or_default;

/// `GET …/compactLayouts?q=Account,Contact`: object name -> its primary layout.
pub type CompactLayoutsByObject = BTreeMap<String, CompactLayout>;

/// `GET …/sobjects/{T}/describe/compactLayouts`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CompactLayouts {
    #[serde(deserialize_with = "or_default")]
    pub compact_layouts: Vec<CompactLayout>,
    /// `null` when the system default layout is in use.
    pub default_compact_layout_id: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub record_type_compact_layout_mappings: Vec<RecordTypeCompactLayoutMapping>,
}

impl CompactLayouts {
    /// The layout in use: the default one, else the first.
    pub fn primary(&self) -> Option<&CompactLayout> {
        self.compact_layouts.iter().find(|l| l.id.is_some() && l.id == self.default_compact_layout_id).or_else(|| self.compact_layouts.first())
    }
}

/// One compact layout (DescribeCompactLayout).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CompactLayout {
    #[serde(deserialize_with = "or_default")]
    pub actions: Vec<Value>,
    #[serde(deserialize_with = "or_default")]
    pub field_items: Vec<LayoutItem>,
    /// `null` for the system default layout.
    pub id: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub image_items: Vec<LayoutItem>,
    pub label: String,
    pub name: String,
    pub object_type: String,
}

impl CompactLayout {
    /// The API names of the fields shown, in layout order.
    pub fn field_names(&self) -> Vec<&str> {
        self.field_items.iter().flat_map(LayoutItem::field_names).collect()
    }

    /// The field describes shown, in layout order (when the org sent details).
    pub fn fields(&self) -> impl Iterator<Item = &FieldDescribe> {
        self.field_items.iter().flat_map(|i| &i.layout_components).filter_map(|c| c.details.as_ref())
    }
}

/// One item of a layout (DescribeLayoutItem).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LayoutItem {
    #[serde(deserialize_with = "or_default")]
    pub editable_for_new: bool,
    #[serde(deserialize_with = "or_default")]
    pub editable_for_update: bool,
    pub label: String,
    #[serde(deserialize_with = "or_default")]
    pub layout_components: Vec<LayoutComponent>,
    #[serde(deserialize_with = "or_default")]
    pub placeholder: bool,
    #[serde(deserialize_with = "or_default")]
    pub required: bool,
}

impl LayoutItem {
    /// The fields this item shows (usually one).
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.layout_components.iter().filter(|c| c.component_type == "Field").filter_map(|c| c.value.as_deref())
    }
}

/// One component of a layout item: for `type:"Field"`, `value` names the
/// field and `details` is its describe.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LayoutComponent {
    /// Parts of a compound field (a Name or Address shown whole).
    #[serde(deserialize_with = "or_default")]
    pub components: Vec<LayoutComponent>,
    pub details: Option<FieldDescribe>,
    #[serde(deserialize_with = "or_default")]
    pub display_lines: u32,
    #[serde(deserialize_with = "or_default")]
    pub tab_order: u32,
    #[serde(rename = "type")]
    pub component_type: String,
    pub value: Option<String>,
}

/// One entry of `recordTypeCompactLayoutMappings`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RecordTypeCompactLayoutMapping {
    #[serde(deserialize_with = "or_default")]
    pub available: bool,
    pub compact_layout_id: Option<String>,
    pub compact_layout_name: String,
    pub record_type_id: String,
    pub record_type_name: String,
    #[serde(deserialize_with = "or_default")]
    pub urls: BTreeMap<String, String>,
}
