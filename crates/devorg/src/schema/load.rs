//! Reading `schema/objects.toml` into [`Schema`], adding the system fields
//! every Salesforce object has and checking the file is consistent (so a typo
//! fails the tests, not a request at run time).

use std::collections::HashMap;

use serde::Deserialize;

use super::{
    Condition, Field, FieldType, HISTORY_FIELDS, HistoryOf, Object, PICKLIST_ROW_FIELDS, PicklistValue, RowsFrom, Schema, SearchGroup, Sharing, Target, Test,
    TrackedBy, ValidationRule,
};

/// The audit fields every object has unless its `audit` lists fewer.
const AUDIT_FIELDS: [&str; 5] = ["CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"];

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("schema/objects.toml: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("schema/objects.toml: {0}")]
    Invalid(String),
    /// A `--without OBJECT` devorg cannot honour.
    #[error("--without {0}")]
    Without(String),
    /// A file of `--describes DIR` that devorg cannot use as it is.
    #[error("{}: {message}", file.display())]
    Describe { file: std::path::PathBuf, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    object: Vec<RawObject>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObject {
    name: String,
    label: Option<String>,
    plural: Option<String>,
    prefix: String,
    #[serde(default = "yes")]
    owned: bool,
    #[serde(default)]
    custom_setting: bool,
    /// `false` for an object without IsDeleted (CurrencyType): its records
    /// never go to the recycle bin.
    #[serde(default = "yes")]
    recycle_bin: bool,
    sharing: Sharing,
    name_field: String,
    compact: Vec<String>,
    fields: Vec<RawField>,
    #[serde(default)]
    validation: Vec<RawRule>,
    /// `"Task.Status"`: the records are that picklist's values (read-only).
    rows_from: Option<String>,
    /// `"Lead"`: the records are that object's field history (read-only).
    history_of: Option<String>,
    /// Which audit fields the object has (default: all of [`AUDIT_FIELDS`]).
    audit: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: String,
    field: Option<String>,
    message: String,
    when: Vec<RawCondition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    field: String,
    blank: Option<bool>,
    #[serde(rename = "in")]
    one_of: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Length {
    Chars(u32),
    PrecisionScale([u32; 2]),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    name: String,
    #[serde(rename = "type")]
    ty: FieldType,
    label: Option<String>,
    length: Option<Length>,
    #[serde(default)]
    required: bool,
    #[serde(default = "yes")]
    create: bool,
    #[serde(default = "yes")]
    update: bool,
    default: Option<toml::Value>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    restricted: bool,
    #[serde(default)]
    closed: Vec<String>,
    #[serde(default)]
    to: Vec<String>,
    relationship: Option<String>,
    #[serde(default)]
    derived: bool,
    search: Option<SearchGroup>,
    #[serde(default)]
    unique: bool,
    #[serde(default)]
    external_id: bool,
}

fn yes() -> bool {
    true
}

/// "LastModifiedDate" -> "Last Modified Date"; custom fields lose `__c`.
pub(super) fn words(name: &str) -> String {
    let base = name.trim_end_matches("__c").replace('_', " ");
    let mut out = String::new();
    let chars: Vec<char> = base.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = i > 0 && c.is_uppercase() && (chars[i - 1].is_lowercase() || chars.get(i + 1).is_some_and(|n| n.is_lowercase())) && chars[i - 1] != ' ';
        if boundary {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn toml_to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into),
        toml::Value::Boolean(b) => b.into(),
        _ => serde_json::Value::Null,
    }
}

/// A field devorg maintains itself (read-only, never given by a client).
pub(crate) fn system_field(name: &str, label: &str, ty: FieldType, reference_to: &[&str], relationship: Option<&str>) -> Field {
    Field {
        name: name.to_owned(),
        label: label.to_owned(),
        ty,
        length: if ty == FieldType::Id || ty == FieldType::Reference { 18 } else { 0 },
        precision: 0,
        scale: 0,
        digits: 0,
        required: false,
        createable: false,
        updateable: false,
        nillable: false,
        default: None,
        picklist: Vec::new(),
        restricted: false,
        reference_to: reference_to.iter().map(|s| (*s).to_owned()).collect(),
        targets: Vec::new(),
        relationship_name: relationship.map(str::to_owned),
        derived: false,
        custom: false,
        unique: false,
        external_id: false,
        search: None,
        name_field: false,
        system: true,
        caps: super::Capabilities::of_type(ty, if ty == FieldType::Id || ty == FieldType::Reference { 18 } else { 0 }),
        recorded: None,
    }
}

/// Checks one validation rule against its object's fields and names them as
/// declared, so a typo in a rule stops devorg at start-up rather than never
/// firing.
fn rule<'f>(object: &str, lookup: &dyn Fn(&str) -> Option<&'f Field>, raw: RawRule) -> Result<ValidationRule, SchemaError> {
    let invalid = |what: String| SchemaError::Invalid(format!("{object}: validation rule {}: {what}", raw.name));
    if raw.message.trim().is_empty() {
        return Err(invalid("needs a message".into()));
    }
    // No conditions would refuse every save of the object.
    if raw.when.is_empty() {
        return Err(invalid("needs at least one `when` condition".into()));
    }
    let field = match &raw.field {
        Some(name) => Some(lookup(name).ok_or_else(|| invalid(format!("field {name} is not a field")))?.name.clone()),
        None => None,
    };
    let mut when = Vec::with_capacity(raw.when.len());
    for c in &raw.when {
        let f = lookup(&c.field).ok_or_else(|| invalid(format!("condition field {} is not a field", c.field)))?;
        // Rules see the record before devorg stamps and recomputes it.
        if f.system || f.derived {
            return Err(invalid(format!("{} is computed by devorg on save, so a rule cannot test it", f.name)));
        }
        let test = match (c.blank, &c.one_of) {
            (Some(blank), None) => Test::Blank(blank),
            (None, Some(values)) => Test::In(in_values(f, values).map_err(|e| invalid(format!("{}: {e}", f.name)))?),
            _ => return Err(invalid(format!("condition on {} needs exactly one of `blank` or `in`", f.name))),
        };
        when.push(Condition { field: f.name.clone(), test });
    }
    Ok(ValidationRule { name: raw.name, field, message: raw.message, when })
}

/// The values of an `in` condition, which compares the stored value as text:
/// fine for text, picklists, dates and ids, "true"/"false" for booleans; a
/// number's text form depends on its scale, so numbers are refused.
fn in_values(field: &Field, values: &[String]) -> Result<Vec<String>, String> {
    if field.ty.is_number() || field.ty == FieldType::Multipicklist {
        return Err(format!("`in` cannot test a {} field", field.ty.as_str()));
    }
    if values.is_empty() {
        return Err("`in` needs at least one value".into());
    }
    // A value the field can never hold is a typo: the rule would never fire.
    let bad = |v: &String| match field.ty {
        FieldType::Boolean => v != "true" && v != "false",
        FieldType::Picklist => field.picklist_value(v).is_none(),
        _ => false,
    };
    if let Some(v) = values.iter().find(|v| bad(v)) {
        return Err(format!("'{v}' is not a value of this {} field", field.ty.as_str()));
    }
    Ok(values.to_vec())
}

/// Checks `rows_from = "Object.Field"` on its own object (the picklist itself
/// is checked once every object is known).
fn rows_from(ro: &RawObject, raw: &str) -> Result<RowsFrom, SchemaError> {
    let invalid = |what: &str| SchemaError::Invalid(format!("{}: rows_from {raw}: {what}", ro.name));
    let Some((object, field)) = raw.split_once('.').filter(|(o, f)| !o.is_empty() && !f.is_empty()) else {
        return Err(invalid("expected \"Object.Field\""));
    };
    // Everyone reads the values; nobody owns one.
    if ro.owned || ro.sharing != Sharing::ReadWrite || ro.custom_setting {
        return Err(invalid("the object must have owned = false and sharing = \"read_write\""));
    }
    Ok(RowsFrom { object: object.to_owned(), field: field.to_owned() })
}

/// Checks a history object (`history_of = "Lead"`): not owned, everyone's
/// sharing, no validation, exactly the reference to its parent and
/// [`HISTORY_FIELDS`], none of them saved by a client.
fn history_of(name: &str, parent: &str, plain: bool, fields: &[Field]) -> Result<HistoryOf, SchemaError> {
    let invalid = |what: String| SchemaError::Invalid(format!("{name}: history_of {parent}: {what}"));
    if !plain {
        return Err(invalid("the object must have owned = false, sharing = \"read_write\" and no rows_from or validation".into()));
    }
    let declared: Vec<&Field> = fields.iter().filter(|f| !f.system).collect();
    let reference = declared
        .iter()
        .find(|f| f.ty == FieldType::Reference && f.reference_to.len() == 1 && f.reference_to[0] == parent)
        .ok_or_else(|| invalid(format!("needs a reference field to {parent}")))?;
    for (field, ty) in HISTORY_FIELDS {
        if !declared.iter().any(|f| f.name == field && f.ty == ty && !f.createable && !f.updateable) {
            return Err(invalid(format!("needs field {field} of type {}, with create = false and update = false", ty.as_str())));
        }
    }
    if let Some(extra) = declared.iter().find(|f| f.name != reference.name && !HISTORY_FIELDS.iter().any(|(n, _)| *n == f.name)) {
        return Err(invalid(format!("{} is not a field of a history object", extra.name)));
    }
    if reference.createable || reference.updateable {
        return Err(invalid(format!("{} needs create = false and update = false", reference.name)));
    }
    Ok(HistoryOf { object: parent.to_owned(), field: reference.name.clone() })
}

pub(super) fn parse(text: &str) -> Result<Schema, SchemaError> {
    link(parse_objects(text)?)
}

/// The objects of an `objects.toml`, each checked on its own (references
/// between objects are checked by [`link`]).
pub(super) fn parse_objects(text: &str) -> Result<Vec<Object>, SchemaError> {
    let raw: RawFile = toml::from_str(text)?;
    let mut objects = Vec::new();
    for ro in raw.object {
        let custom = ro.name.ends_with("__c");
        let rows_from = ro.rows_from.as_deref().map(|r| rows_from(&ro, r)).transpose()?;
        // Salesforce labels a picklist-value object's id "Task Status Value ID".
        let id_label = format!("{}{} ID", ro.label.as_deref().unwrap_or(&ro.name), if rows_from.is_some() { " Value" } else { "" });
        let mut fields = vec![system_field("Id", &id_label, FieldType::Id, &[], None)];
        if ro.owned {
            let mut owner = system_field("OwnerId", "Owner ID", FieldType::Reference, &["User"], Some("Owner"));
            owner.createable = true;
            owner.updateable = true;
            owner.default = None;
            fields.push(owner);
        }
        for rf in ro.fields {
            let (length, precision, scale, digits) = match (rf.ty, rf.length) {
                (FieldType::Int, Some(Length::Chars(d))) => (0, 0, 0, d),
                (t, Some(Length::PrecisionScale([p, s]))) if t.is_number() => (0, p, s, 0),
                (t, Some(Length::Chars(n))) if t.is_text() || t == FieldType::AnyType => (n, 0, 0, 0),
                (FieldType::Picklist | FieldType::Multipicklist, None) => (255, 0, 0, 0),
                (FieldType::Multipicklist, _) => (4099, 0, 0, 0),
                (FieldType::Reference, None) => (18, 0, 0, 0),
                (t, None) if !t.is_text() => (0, 0, 0, 0),
                (t, _) => {
                    return Err(SchemaError::Invalid(format!("{}.{}: length does not fit type {}", ro.name, rf.name, t.as_str())));
                }
            };
            let default_value = rf.default.map(toml_to_json);
            let picklist: Vec<PicklistValue> = rf
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| PicklistValue {
                    value: v.clone(),
                    label: rf.labels.get(i).cloned().unwrap_or_else(|| v.clone()),
                    default: default_value.as_ref().and_then(|d| d.as_str()) == Some(v.as_str()),
                    closed: rf.closed.contains(v),
                })
                .collect();
            if let Some(missing) = rf.closed.iter().find(|c| !rf.values.contains(c)) {
                return Err(SchemaError::Invalid(format!("{}.{}: closed value '{missing}' is not a value", ro.name, rf.name)));
            }
            // A lookup without a relationship name exists (EmailMessage.ActivityId).
            if rf.ty == FieldType::Reference && rf.to.is_empty() {
                return Err(SchemaError::Invalid(format!("{}.{}: a reference needs `to`", ro.name, rf.name)));
            }
            let name_field = rf.name == ro.name_field;
            fields.push(Field {
                label: rf.label.unwrap_or_else(|| words(&rf.name)),
                custom: rf.name.ends_with("__c"),
                nillable: !rf.required && rf.ty != FieldType::Boolean,
                required: rf.required,
                createable: rf.create,
                updateable: rf.update,
                default: default_value,
                picklist,
                restricted: rf.restricted,
                reference_to: rf.to,
                targets: Vec::new(),
                relationship_name: rf.relationship,
                derived: rf.derived,
                unique: rf.unique,
                external_id: rf.external_id,
                search: rf.search,
                name: rf.name,
                ty: rf.ty,
                length,
                precision,
                scale,
                digits,
                name_field,
                system: false,
                caps: super::Capabilities::of_type(rf.ty, length),
                recorded: None,
            });
        }
        let user_ref = |name: &str, label: &str, rel: &str| system_field(name, label, FieldType::Reference, &["User"], Some(rel));
        // Users are deactivated, not deleted; picklist values are never deleted by a client.
        if !ro.name.eq("User") && rows_from.is_none() && ro.recycle_bin {
            fields.push(system_field("IsDeleted", "Deleted", FieldType::Boolean, &[], None));
        }
        let audit = ro.audit.clone().unwrap_or_else(|| AUDIT_FIELDS.iter().map(|a| (*a).to_owned()).collect());
        if let Some(bad) = audit.iter().find(|a| !AUDIT_FIELDS.contains(&a.as_str())) {
            return Err(SchemaError::Invalid(format!("{}: audit field {bad} is not one of {}", ro.name, AUDIT_FIELDS.join(", "))));
        }
        let has = |name: &str| audit.iter().any(|a| a == name);
        if has("CreatedDate") {
            fields.push(system_field("CreatedDate", "Created Date", FieldType::Datetime, &[], None));
        }
        if has("CreatedById") {
            fields.push(user_ref("CreatedById", "Created By ID", "CreatedBy"));
        }
        if has("LastModifiedDate") {
            fields.push(system_field("LastModifiedDate", "Last Modified Date", FieldType::Datetime, &[], None));
        }
        if has("LastModifiedById") {
            fields.push(user_ref("LastModifiedById", "Last Modified By ID", "LastModifiedBy"));
        }
        if has("SystemModstamp") {
            fields.push(system_field("SystemModstamp", "System Modstamp", FieldType::Datetime, &[], None));
        }

        if !fields.iter().any(|f| f.name == ro.name_field) {
            return Err(SchemaError::Invalid(format!("{}: name_field {} is not a field", ro.name, ro.name_field)));
        }
        let (by_lower, by_relationship) = super::index_fields(&ro.name, &fields)?;
        for c in &ro.compact {
            if !by_lower.contains_key(&c.to_ascii_lowercase()) {
                return Err(SchemaError::Invalid(format!("{}: compact layout field {c} is not a field", ro.name)));
            }
        }
        let lookup = |name: &str| by_lower.get(&name.to_ascii_lowercase()).map(|&i| &fields[i]);
        if rows_from.is_some() {
            for (name, ty) in PICKLIST_ROW_FIELDS {
                let ok = lookup(name).is_some_and(|f| f.ty == ty && !f.createable && !f.updateable && !f.derived);
                if !ok {
                    return Err(SchemaError::Invalid(format!(
                        "{}: an object with rows_from needs field {name} of type {}, with create = false and update = false",
                        ro.name,
                        ty.as_str()
                    )));
                }
            }
            if let Some(extra) = fields.iter().find(|f| !f.system && !PICKLIST_ROW_FIELDS.iter().any(|(n, _)| *n == f.name)) {
                return Err(SchemaError::Invalid(format!("{}.{}: an object with rows_from has only the fields devorg fills", ro.name, extra.name)));
            }
            if !ro.validation.is_empty() {
                return Err(SchemaError::Invalid(format!("{}: an object with rows_from is read-only, so it has no validation rules", ro.name)));
            }
        }
        let history_of = match &ro.history_of {
            Some(parent) => {
                let plain = !ro.owned && ro.sharing == Sharing::ReadWrite && !ro.custom_setting && rows_from.is_none() && ro.validation.is_empty();
                Some(history_of(&ro.name, parent, plain, &fields)?)
            }
            None => None,
        };
        let mut validation: Vec<ValidationRule> = Vec::new();
        for raw in ro.validation {
            let rule = rule(&ro.name, &lookup, raw)?;
            if validation.iter().any(|r| r.name.eq_ignore_ascii_case(&rule.name)) {
                return Err(SchemaError::Invalid(format!("{}: validation rule {} is declared twice", ro.name, rule.name)));
            }
            validation.push(rule);
        }
        objects.push(Object {
            label: ro.label.clone().unwrap_or_else(|| words(&ro.name)),
            label_plural: ro.plural.clone().unwrap_or_else(|| format!("{}s", ro.label.as_deref().unwrap_or(&ro.name))),
            key_prefix: ro.prefix,
            custom,
            custom_setting: ro.custom_setting,
            owned: ro.owned,
            sharing: ro.sharing,
            name_field: ro.name_field,
            compact_layout: ro.compact,
            name: ro.name,
            fields,
            validation,
            rows_from,
            history_of,
            tracked_by: None,
            by_lower,
            by_relationship,
            described: None,
        });
    }
    Ok(objects)
}

/// Joins the objects into a [`Schema`]: unique names and key prefixes,
/// `rows_from` picklists, and every reference's targets. A declared field
/// must point at a known object (a typo fails at start-up); a field from a
/// recorded describe may name objects devorg has no definition of
/// (`OpportunityHistory`, `Pricebook2`): it keeps them in `reference_to`, as
/// the org described it, with targets for the known ones only.
pub(super) fn link(mut objects: Vec<Object>) -> Result<Schema, SchemaError> {
    let mut by_lower = HashMap::new();
    let mut by_prefix = HashMap::new();
    for (i, o) in objects.iter().enumerate() {
        by_lower.insert(o.name.to_ascii_lowercase(), i);
        // Field history objects share one prefix (017); an id of it names the first.
        match by_prefix.get(&o.key_prefix) {
            Some(&j) if o.history_of.is_some() && objects.get(j).is_some_and(|p: &Object| p.history_of.is_some()) => {}
            Some(_) => return Err(SchemaError::Invalid(format!("key prefix {} is used twice", o.key_prefix))),
            None => {
                by_prefix.insert(o.key_prefix.clone(), i);
            }
        }
    }
    let mut tracked: Vec<(usize, TrackedBy)> = Vec::new();
    for o in &objects {
        let Some(h) = &o.history_of else { continue };
        let Some(&parent) = by_lower.get(&h.object.to_ascii_lowercase()) else {
            return Err(SchemaError::Invalid(format!("{}: history_of {} is not an object", o.name, h.object)));
        };
        if tracked.iter().any(|(p, _)| *p == parent) {
            return Err(SchemaError::Invalid(format!("{}: {} has two history objects", o.name, h.object)));
        }
        if !objects[parent].owned {
            return Err(SchemaError::Invalid(format!("{}: devorg tracks Owner, and {} has no owner", o.name, h.object)));
        }
        tracked.push((parent, TrackedBy { object: o.name.clone(), table: o.table(), key_prefix: o.key_prefix.clone(), field: h.field.clone() }));
    }
    for (parent, by) in tracked {
        objects[parent].tracked_by = Some(by);
    }
    for o in &objects {
        let Some(from) = &o.rows_from else { continue };
        let field = by_lower.get(&from.object.to_ascii_lowercase()).and_then(|&i| objects[i].field(&from.field));
        match field {
            Some(f) if f.ty == FieldType::Picklist && !f.picklist.is_empty() => {}
            _ => return Err(SchemaError::Invalid(format!("{}: rows_from {}.{} is not a picklist field", o.name, from.object, from.field))),
        }
    }
    let targets: Vec<Target> = objects
        .iter()
        .map(|o| Target { object: o.name.clone(), key_prefix: o.key_prefix.clone(), table: o.table(), soft_delete: o.field("IsDeleted").is_some() })
        .collect();
    for o in &mut objects {
        let owner = o.name.clone();
        let described = o.described.is_some();
        for f in &mut o.fields {
            for t in &f.reference_to {
                match by_lower.get(&t.to_ascii_lowercase()) {
                    Some(&i) => f.targets.push(targets[i].clone()),
                    None if described => {}
                    None => return Err(SchemaError::Invalid(format!("{owner}.{} references unknown object {t}", f.name))),
                }
            }
        }
    }
    Ok(Schema { objects, by_lower, by_prefix })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_names() {
        let cases = [
            ("LastModifiedDate", "Last Modified Date"),
            ("Name", "Name"),
            ("Use_Across_The_Web__c", "Use Across The Web"),
            ("URLField", "URL Field"),
            ("TimeZoneSidKey", "Time Zone Sid Key"),
        ];
        for (name, label) in cases {
            assert_eq!(words(name), label, "{name}");
        }
    }

    #[test]
    fn bad_schemas_are_refused() {
        let base = |fields: &str| {
            format!(
                "[[object]]\nname = \"User\"\nprefix = \"005\"\nowned = false\nsharing = \"read_write\"\nname_field = \"Name\"\ncompact = []\nfields = [{{ name = \"Name\", type = \"string\", length = 80 }}]\n[[object]]\nname = \"X__c\"\nprefix = \"a09\"\nowned = false\nsharing = \"private\"\nname_field = \"Name\"\ncompact = [\"Name\"]\nfields = [{{ name = \"Name\", type = \"string\", length = 80 }}, {fields}]"
            )
        };
        let cases = [
            "{ name = \"R\", type = \"reference\" }",
            "{ name = \"R\", type = \"reference\", to = [\"Nope\"], relationship = \"R\" }",
            "{ name = \"Name\", type = \"string\", length = 10 }",
            "{ name = \"S\", type = \"picklist\", values = [\"a\"], closed = [\"b\"] }",
            "{ name = \"N\", type = \"boolean\", length = [3, 1] }",
            "{ name = \"N\", type = \"string\", oops = true }",
        ];
        for fields in cases {
            assert!(parse(&base(fields)).is_err(), "{fields}");
        }
        assert!(parse(&base("{ name = \"Ok__c\", type = \"int\", length = 4 }")).is_ok());
    }

    #[test]
    fn rows_from_objects_are_checked_at_load() {
        let org = |extra: &str, fields: &str| {
            format!(
                "[[object]]\nname = \"User\"\nprefix = \"005\"\nowned = false\nsharing = \"read_write\"\nname_field = \"Name\"\ncompact = []\nfields = [{{ name = \"Name\", type = \"string\", length = 80 }}, {{ name = \"S\", type = \"picklist\", values = [\"a\", \"b\"], closed = [\"b\"] }}]\n[[object]]\nname = \"SStatus\"\nprefix = \"01X\"\nowned = false\nsharing = \"read_write\"\nname_field = \"MasterLabel\"\ncompact = []\n{extra}\nfields = [{fields}]"
            )
        };
        let row = |name: &str, ty: &str| {
            let length = if ty == "string" { ", length = 80" } else { "" };
            format!("{{ name = \"{name}\", type = \"{ty}\"{length}, create = false, update = false }}")
        };
        let good = [row("ApiName", "string"), row("MasterLabel", "string"), row("IsClosed", "boolean"), row("IsDefault", "boolean"), row("SortOrder", "int")]
            .join(", ");
        let schema = parse(&org("rows_from = \"User.S\"", &good)).expect("valid rows_from");
        let o = schema.object("SStatus").expect("SStatus");
        assert!(o.read_only());
        assert_eq!(o.field("Id").map(|f| f.label.as_str()), Some("SStatus Value ID"));
        assert!(o.field("IsDeleted").is_none() && o.field("OwnerId").is_none());
        assert!(!schema.object("User").expect("User").read_only());
        let bad = [
            org("rows_from = \"User.Name\"", &good),
            org("rows_from = \"User.Nope\"", &good),
            org("rows_from = \"Nope.S\"", &good),
            org("rows_from = \"S\"", &good),
            org("rows_from = \"User.S\"", &good.replace("\"int\"", "\"double\"")),
            org("rows_from = \"User.S\"", &good.replacen("create = false, ", "", 1)),
            org("rows_from = \"User.S\"", &format!("{good}, {}", row("Extra", "string"))),
            org("rows_from = \"User.S\"", &good).replace("read_write\"\nname_field = \"MasterLabel", "private\"\nname_field = \"MasterLabel"),
            org("rows_from = \"User.S\"", &good).replace("01X\"\nowned = false", "01X\"\nowned = true"),
        ];
        for text in bad {
            assert!(parse(&text).is_err(), "{text}");
        }
    }

    /// An org with one object `X__c` (Name, a picklist S, a boolean B, a
    /// number N, a multi-select M) and the given `validation` array.
    fn with_rules(rules: &str) -> String {
        format!(
            "[[object]]\nname = \"User\"\nprefix = \"005\"\nowned = false\nsharing = \"read_write\"\nname_field = \"Name\"\ncompact = []\nfields = [{{ name = \"Name\", type = \"string\", length = 80 }}]\n[[object]]\nname = \"X__c\"\nprefix = \"a09\"\nsharing = \"private\"\nname_field = \"Name\"\ncompact = [\"Name\"]\nfields = [{{ name = \"Name\", type = \"string\", length = 80 }}, {{ name = \"S\", type = \"picklist\", values = [\"a\", \"b\"] }}, {{ name = \"B\", type = \"boolean\", default = false }}, {{ name = \"N\", type = \"double\", length = [5, 1] }}, {{ name = \"M\", type = \"multipicklist\", values = [\"a\", \"b\"] }}, {{ name = \"D\", type = \"boolean\", create = false, update = false, derived = true }}]\nvalidation = [{rules}]"
        )
    }

    #[test]
    fn validation_rules_are_checked_at_load() {
        let ok = r#"{ name = "R", field = "name", message = "m", when = [{ field = "n", blank = true }, { field = "S", in = ["b"] }, { field = "B", in = ["true"] }] }"#;
        let schema = parse(&with_rules(ok)).expect("valid rule");
        let rule = &schema.object("X__c").expect("X__c").validation[0];
        assert_eq!(rule.field.as_deref(), Some("Name"), "names as declared");
        assert_eq!(
            rule.when,
            vec![
                Condition { field: "N".into(), test: Test::Blank(true) },
                Condition { field: "S".into(), test: Test::In(vec!["b".into()]) },
                Condition { field: "B".into(), test: Test::In(vec!["true".into()]) },
            ]
        );
        let bad = [
            r#"{ name = "R", message = "m", when = [] }"#,
            r#"{ name = "R", message = "", when = [{ field = "N", blank = true }] }"#,
            r#"{ name = "R", field = "Nope", message = "m", when = [{ field = "N", blank = true }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "Nope", blank = true }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "N" }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "S", blank = true, in = ["a"] }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "S", in = [] }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "S", in = ["c"] }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "B", in = ["yes"] }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "N", in = ["1.0"] }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "M", in = ["a"] }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "D", in = ["true"] }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "CreatedDate", blank = true }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "N", blank = true, oops = 1 }] }"#,
            r#"{ name = "R", message = "m", when = [{ field = "N", blank = true }] }, { name = "r", message = "m", when = [{ field = "N", blank = true }] }"#,
        ];
        for rules in bad {
            assert!(parse(&with_rules(rules)).is_err(), "{rules}");
        }
        let typo = parse(&with_rules(r#"{ name = "R", message = "m", when = [{ field = "Stage", in = ["a"] }] }"#)).map(drop);
        assert_eq!(
            typo.map_err(|e| e.to_string()),
            Err("schema/objects.toml: X__c: validation rule R: condition field Stage is not a field".to_owned()),
            "start-up names the object, the rule and the field"
        );
    }
}
