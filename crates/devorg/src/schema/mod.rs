//! The org's objects and fields, read from `schema/objects.toml` at start-up.
//! Everything that knows "what fields does Lead have" asks this module:
//! storage (table layout), validation, describe, SOQL resolution.

pub mod currency;
pub mod ddl;
pub mod describe;
pub mod described;
mod load;

/// devorg's own declaration of the objects (see its header for the keys).
const BUILTIN: &str = include_str!("../../schema/objects.toml");

pub(crate) use load::system_field;

use std::collections::HashMap;

pub use load::SchemaError;

/// Salesforce field types (describe's `type`): the one enum shared with
/// the extension. devorg's own reading of a type (its SQLite column) is in
/// [`ddl::column_type`]; a described type devorg does not know loads as
/// `AnyType` and is answered as recorded (`described`).
pub use salesforce_rest::FieldType;

/// The SOSL field group a field belongs to (`IN NAME FIELDS`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchGroup {
    Name,
    Email,
    Phone,
}

/// Org-wide default sharing of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sharing {
    /// Users see and edit only the records they own; admins see all.
    Private,
    /// Everyone sees and edits everything.
    ReadWrite,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PicklistValue {
    pub value: String,
    pub label: String,
    pub default: bool,
    /// For status-like picklists: this value means "closed".
    pub closed: bool,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub ty: FieldType,
    /// Characters for text types, 0 otherwise.
    pub length: u32,
    pub precision: u32,
    pub scale: u32,
    pub digits: u32,
    pub required: bool,
    pub createable: bool,
    pub updateable: bool,
    pub nillable: bool,
    pub default: Option<serde_json::Value>,
    pub picklist: Vec<PicklistValue>,
    pub restricted: bool,
    pub reference_to: Vec<String>,
    /// For references: each target's key prefix and storage, in
    /// `reference_to` order (filled once every object is known).
    pub targets: Vec<Target>,
    pub relationship_name: Option<String>,
    pub derived: bool,
    pub custom: bool,
    pub unique: bool,
    pub external_id: bool,
    pub search: Option<SearchGroup>,
    pub name_field: bool,
    /// Maintained by devorg for every record (Id, CreatedDate, ...).
    pub system: bool,
    /// What SOQL allows on the field, as describe says: WHERE, ORDER BY,
    /// GROUP BY, and aggregate functions (COUNT/SUM/MIN/MAX).
    pub caps: Capabilities,
    /// The field's describe as a real org recorded it (`--describes`):
    /// describe answers with these keys as recorded, over devorg's own.
    pub recorded: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Describe's `filterable`, `sortable`, `groupable` and `aggregatable`. For
/// fields declared in `objects.toml` they follow from the type
/// ([`Capabilities::of_type`]); a field loaded from a recorded describe keeps
/// what the org said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    pub filterable: bool,
    pub sortable: bool,
    pub groupable: bool,
    pub aggregatable: bool,
}

impl Capabilities {
    /// Salesforce's rules by type, as real describes show them
    /// (`shared/fixtures/real-orgs/`): long text areas (over 255 characters)
    /// are neither filterable, sortable nor groupable; multi-select picklists
    /// are filterable (INCLUDES) but not sortable or groupable; numbers and
    /// datetimes are not groupable; booleans are not aggregatable.
    /// A history row's `anyType` OldValue/NewValue is "Nillable, Sort" in the
    /// Object Reference: sortable only.
    pub fn of_type(ty: FieldType, length: u32) -> Self {
        if ty == FieldType::AnyType {
            return Self { filterable: false, sortable: true, groupable: false, aggregatable: false };
        }
        let long_text = ty == FieldType::Textarea && length > 255;
        Self {
            filterable: !long_text,
            sortable: !long_text && ty != FieldType::Multipicklist,
            groupable: !long_text && !ty.is_number() && ty != FieldType::Datetime && ty != FieldType::Multipicklist,
            aggregatable: !long_text && !matches!(ty, FieldType::Boolean | FieldType::Multipicklist),
        }
    }
}

impl Field {
    pub fn is_polymorphic(&self) -> bool {
        self.reference_to.len() > 1
    }

    pub fn picklist_value(&self, value: &str) -> Option<&PicklistValue> {
        self.picklist.iter().find(|p| p.value == value)
    }

    /// The first closed value of a status picklist (Task: "Completed").
    pub fn closed_values(&self) -> impl Iterator<Item = &PicklistValue> {
        self.picklist.iter().filter(|p| p.closed)
    }
}

/// A declarative validation rule (`validation` in objects.toml), checked by
/// `records::rules` after the field checks: the save is refused when every
/// condition holds on the record as it will be after the save.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationRule {
    pub name: String,
    /// The field the error is reported on (its `fields`), if any.
    pub field: Option<String>,
    pub message: String,
    /// All must hold for the rule to refuse the save (never empty).
    pub when: Vec<Condition>,
}

/// One test of a rule on one field (its API name as declared in the schema).
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub field: String,
    pub test: Test,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// `true`: the value is null or empty; `false`: it is not.
    Blank(bool),
    /// The value is one of these (booleans as "true"/"false").
    In(Vec<String>),
}

/// An object a reference field may point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub object: String,
    pub key_prefix: String,
    /// Its table, quoted (`"sobj_Account"`).
    pub table: String,
    /// Whether its deleted records stay in the table (`IsDeleted`).
    pub soft_delete: bool,
}

/// The status picklist whose values are an object's records (`rows_from` in
/// objects.toml: TaskStatus's rows are Task.Status's values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowsFrom {
    /// API names as declared: `Task` and `Status`.
    pub object: String,
    pub field: String,
}

/// What makes an object the field history of another (`history_of` in
/// objects.toml: LeadHistory is Lead's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryOf {
    /// The parent object (`Lead`) and the history's reference to it (`LeadId`).
    pub object: String,
    pub field: String,
}

/// Where a parent's tracked changes go (filled by `link` on the parent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedBy {
    /// The history object (`LeadHistory`), its table and key prefix.
    pub object: String,
    pub table: String,
    pub key_prefix: String,
    /// Its reference to the parent (`LeadId`).
    pub field: String,
}

/// The fields of a history object besides its reference to the parent.
pub const HISTORY_FIELDS: [(&str, FieldType); 4] =
    [("Field", FieldType::Picklist), ("DataType", FieldType::Picklist), ("OldValue", FieldType::AnyType), ("NewValue", FieldType::AnyType)];

/// The fields of a `rows_from` object that devorg fills from each picklist
/// value, and their types.
pub const PICKLIST_ROW_FIELDS: [(&str, FieldType); 5] = [
    ("ApiName", FieldType::String),
    ("MasterLabel", FieldType::String),
    ("IsClosed", FieldType::Boolean),
    ("IsDefault", FieldType::Boolean),
    ("SortOrder", FieldType::Int),
];

#[derive(Debug, Clone)]
pub struct Object {
    pub name: String,
    pub label: String,
    pub label_plural: String,
    pub key_prefix: String,
    pub custom: bool,
    pub custom_setting: bool,
    pub owned: bool,
    pub sharing: Sharing,
    pub name_field: String,
    pub compact_layout: Vec<String>,
    pub fields: Vec<Field>,
    /// Validation rules, in declaration order (the order errors are reported).
    pub validation: Vec<ValidationRule>,
    /// Set for an object whose records are a picklist's values (TaskStatus):
    /// devorg keeps its rows (`records::picklist_rows`), the API only reads them.
    pub rows_from: Option<RowsFrom>,
    /// Set for a field history object (LeadHistory): devorg writes its rows
    /// (`records::history`), the API only reads them.
    pub history_of: Option<HistoryOf>,
    /// Set on a parent whose Owner changes are tracked (Lead: LeadHistory).
    pub tracked_by: Option<TrackedBy>,
    /// Set when the object comes from a recorded describe (`--describes`):
    /// the file it was read from and the describe's object-level keys.
    pub described: Option<Described>,
    by_lower: HashMap<String, usize>,
    by_relationship: HashMap<String, usize>,
}

/// Where a described object came from, and what describe answers for it.
#[derive(Debug, Clone)]
pub struct Described {
    pub file: std::path::PathBuf,
    /// The recorded describe's object-level keys (not `fields`).
    pub keys: serde_json::Map<String, serde_json::Value>,
}

/// Lower-cased name -> position in the object's `fields`.
type FieldIndex = HashMap<String, usize>;

/// The case-insensitive name and relationship indexes of an object's fields;
/// a name given twice is an error.
fn index_fields(object: &str, fields: &[Field]) -> Result<(FieldIndex, FieldIndex), SchemaError> {
    let mut by_lower = HashMap::new();
    let mut by_relationship = HashMap::new();
    for (i, f) in fields.iter().enumerate() {
        if by_lower.insert(f.name.to_ascii_lowercase(), i).is_some() {
            return Err(SchemaError::Invalid(format!("{object}.{} is declared twice", f.name)));
        }
        if let Some(rel) = &f.relationship_name {
            by_relationship.insert(rel.to_ascii_lowercase(), i);
        }
    }
    Ok((by_lower, by_relationship))
}

impl Object {
    /// Case-insensitive lookup, as Salesforce resolves names.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.by_lower.get(&name.to_ascii_lowercase()).map(|&i| &self.fields[i])
    }

    /// The reference field behind a relationship name (`Account`, `Who`, `Owner`).
    pub fn relationship(&self, name: &str) -> Option<&Field> {
        self.by_relationship.get(&name.to_ascii_lowercase()).map(|&i| &self.fields[i])
    }

    /// No create, update or delete through the API (describe's `createable`,
    /// `updateable`, `deletable` are false): TaskStatus, and Organization,
    /// whose one row devorg keeps (`records::organization`). Salesforce's
    /// describeGlobal says Organization is `updateable` (an admin edits some
    /// of its fields); devorg offers no such edit, so it says false.
    /// Field history objects (LeadHistory) are read-only too: "Supported
    /// Calls: describeSObjects(), getDeleted(), getUpdated(), query(),
    /// retrieve()" (Object Reference, StandardObjectNameHistory).
    /// A multi-currency org's currencies and dated rates (CurrencyType,
    /// DatedConversionRate) are kept by devorg too (`records::currency`);
    /// Salesforce lets an admin edit them, devorg does not.
    pub fn read_only(&self) -> bool {
        self.rows_from.is_some() || self.history_of.is_some() || matches!(self.name.as_str(), "Organization" | "CurrencyType" | "DatedConversionRate")
    }

    /// The SQLite table holding this object's records.
    pub fn table(&self) -> String {
        format!("\"sobj_{}\"", self.name)
    }
}

/// Every object of the org, in declaration order.
#[derive(Debug, Clone)]
pub struct Schema {
    pub objects: Vec<Object>,
    by_lower: HashMap<String, usize>,
    by_prefix: HashMap<String, usize>,
}

impl Schema {
    /// The schema that ships with devorg.
    pub fn builtin() -> Result<Self, SchemaError> {
        load::parse(BUILTIN)
    }

    /// The builtin schema with every object of `dir` (`<Object>.json`
    /// describes recorded from a real org) defined as that org described it
    /// (see [`described`]).
    pub fn with_describes(dir: &std::path::Path) -> Result<Self, SchemaError> {
        let objects = load::parse_objects(BUILTIN)?;
        load::link(described::overlay(objects, dir)?)
    }

    /// The schema without the objects `names` (`devorg serve --without
    /// OBJECT`): as in an org that never had them, so gone from
    /// describeGlobal, describe 404 NOT_FOUND, queries INVALID_TYPE (how
    /// Salesforce also shows an object the user may not read, see
    /// `crate::access`). Objects that cannot exist without one of them go
    /// too (TaskStatus without Task, LeadHistory without Lead, a child whose
    /// required lookup points only at removed objects), and so do lookups
    /// that point only at removed objects (Engagement_Event__c.Email_Message__c
    /// without EmailMessage). User, Profile and Organization stay.
    pub fn without(self, names: &[String]) -> Result<Self, SchemaError> {
        if names.is_empty() {
            return Ok(self);
        }
        let mut gone: Vec<String> = Vec::new();
        for n in names {
            let o = self.object(n).ok_or_else(|| SchemaError::Without(format!("{n}: there is no object {n}")))?;
            if matches!(o.name.as_str(), "User" | "Profile" | "Organization") {
                return Err(SchemaError::Without(format!("{n}: devorg cannot run without {}", o.name)));
            }
            gone.push(o.name.clone());
        }
        let is_gone = |gone: &[String], t: &str| gone.iter().any(|g| g.eq_ignore_ascii_case(t));
        loop {
            let more: Vec<String> = self
                .objects
                .iter()
                .filter(|o| !is_gone(&gone, &o.name))
                .filter(|o| {
                    o.rows_from.as_ref().is_some_and(|r| is_gone(&gone, &r.object))
                        || o.history_of.as_ref().is_some_and(|h| is_gone(&gone, &h.object))
                        || o.fields.iter().any(|f| f.required && !f.reference_to.is_empty() && f.reference_to.iter().all(|t| is_gone(&gone, t)))
                })
                .map(|o| o.name.clone())
                .collect();
            if more.is_empty() {
                break;
            }
            gone.extend(more);
        }
        let mut objects = Vec::new();
        for mut o in self.objects.into_iter().filter(|o| !is_gone(&gone, &o.name)) {
            o.tracked_by = None;
            let mut dropped = Vec::new();
            o.fields.retain_mut(|f| {
                f.targets.clear();
                if f.reference_to.is_empty() {
                    return true;
                }
                f.reference_to.retain(|t| !is_gone(&gone, t));
                let keep = !f.reference_to.is_empty();
                if !keep {
                    dropped.push(f.name.clone());
                }
                keep
            });
            let used = o.name_field.clone();
            if let Some(f) =
                dropped.iter().find(|d| **d == used || o.validation.iter().any(|r| r.field.as_ref() == Some(*d) || r.when.iter().any(|c| c.field == **d)))
            {
                return Err(SchemaError::Without(format!("{}.{f} points only at removed objects and cannot go", o.name)));
            }
            o.compact_layout.retain(|c| !dropped.contains(c));
            let (by_lower, by_relationship) = index_fields(&o.name, &o.fields)?;
            o.by_lower = by_lower;
            o.by_relationship = by_relationship;
            objects.push(o);
        }
        load::link(objects)
    }

    pub fn object(&self, name: &str) -> Option<&Object> {
        self.by_lower.get(&name.to_ascii_lowercase()).map(|&i| &self.objects[i])
    }

    pub fn object_by_prefix(&self, prefix: &str) -> Option<&Object> {
        self.by_prefix.get(prefix).map(|&i| &self.objects[i])
    }

    /// The object a record id belongs to.
    pub fn object_of_id(&self, id: &salesforce_rest::SfId) -> Option<&Object> {
        self.object_by_prefix(id.key_prefix())
    }

    /// Children pointing at `parent`: (child object, reference field).
    pub fn children_of<'a>(&'a self, parent: &'a str) -> impl Iterator<Item = (&'a Object, &'a Field)> + 'a {
        self.objects.iter().flat_map(move |o| o.fields.iter().filter(move |f| f.reference_to.iter().any(|t| t == parent)).map(move |f| (o, f)))
    }

    /// The child relationship name of `field` as seen from its parent:
    /// `Contacts` for Contact.AccountId, `Tasks` for Task.WhatId, and
    /// `Engagement_Events__r` for custom objects.
    pub fn child_relationship_name(child: &Object, field: &Field) -> Option<String> {
        // Audit and owner lookups, and derived lookups (Task.AccountId), have
        // no child relationship; every other lookup has exactly one.
        let audit = matches!(field.name.as_str(), "OwnerId" | "CreatedById" | "LastModifiedById" | "SetupOwnerId");
        if field.relationship_name.is_none() || audit || field.derived {
            return None;
        }
        if child.custom || field.custom {
            let base = child.label_plural.replace(' ', "_");
            return Some(format!("{base}__r"));
        }
        Some(match child.name.as_str() {
            // Real describes (the fixtures' real-orgs/*/Lead.json, Case.json...)
            // name every field history's children Histories.
            _ if child.history_of.is_some() => "Histories".to_owned(),
            // Case.ParentId's emails are EmailMessages, RelatedToId's Emails; a
            // reply's ReplyToEmailMessageId has no child relationship
            // (lwr-2024-projection Case.json, EmailMessage.json).
            "EmailMessage" if field.name == "ParentId" => "EmailMessages".to_owned(),
            "EmailMessage" if field.name == "ReplyToEmailMessageId" => return None,
            // A real Account describe (the fixtures' cumulusci-2020-v48/Account.json)
            // names Account.ParentId's children ChildAccounts; the sObject Tree
            // guide's "Create Nested Records" nests child accounts under it.
            "Account" if field.name == "ParentId" => "ChildAccounts".to_owned(),
            "Opportunity" => "Opportunities".to_owned(),
            "EmailMessage" => "Emails".to_owned(),
            name => format!("{name}s"),
        })
    }
}

#[cfg(test)]
mod metadata_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_schema_loads_with_every_field_type() {
        let schema = Schema::builtin().expect("schema");
        let mut seen = std::collections::HashSet::new();
        for o in &schema.objects {
            for f in &o.fields {
                seen.insert(f.ty);
            }
        }
        for ty in [
            FieldType::Id,
            FieldType::String,
            FieldType::Phone,
            FieldType::Email,
            FieldType::Url,
            FieldType::Boolean,
            FieldType::Currency,
            FieldType::Int,
            FieldType::Double,
            FieldType::Percent,
            FieldType::Date,
            FieldType::Datetime,
            FieldType::Reference,
            FieldType::Picklist,
            FieldType::Multipicklist,
            FieldType::Textarea,
        ] {
            assert!(seen.contains(&ty), "{ty:?} is used somewhere");
        }
    }

    #[test]
    fn lookups_are_case_insensitive() {
        let schema = Schema::builtin().expect("schema");
        let task = schema.object("task").expect("Task");
        assert_eq!(task.name, "Task");
        assert_eq!(task.field("whoid").map(|f| f.name.as_str()), Some("WhoId"));
        assert!(task.relationship("WHO").expect("Who").is_polymorphic());
        assert_eq!(task.field("ownerid").and_then(|f| f.relationship_name.as_deref()), Some("Owner"));
        assert_eq!(schema.object_by_prefix("00Q").map(|o| o.name.as_str()), Some("Lead"));
        assert!(schema.object("Nope").is_none());
    }

    #[test]
    fn system_fields_are_added() {
        let schema = Schema::builtin().expect("schema");
        let account = schema.object("Account").expect("Account");
        for name in ["Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "OwnerId"] {
            let f = account.field(name).unwrap_or_else(|| panic!("{name}"));
            assert!(!f.updateable || name == "OwnerId", "{name} is not updateable");
        }
        assert!(schema.object("User").expect("User").field("OwnerId").is_none(), "users are not owned");
        assert_eq!(account.field("Id").map(|f| f.ty), Some(FieldType::Id));
    }
}
