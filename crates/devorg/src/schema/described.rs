//! `devorg serve --describes DIR`: objects defined exactly as a real org
//! described them. Every `<Object>.json` in DIR is a `GET
//! /sobjects/{Object}/describe` body, or the Salesforce CLI's `sf sobject
//! describe --json` output (`{"status":0,"result":{...}}`). Files whose name
//! starts with `_` (a recorded `_describeGlobal.json`) are not objects.
//!
//! A described object replaces devorg's declaration of the same name: its
//! fields, their order, types, lengths, picklists, references and what SOQL
//! allows on them (filterable, sortable, groupable) are the org's. What a
//! describe does not carry stays devorg's: the key prefix when the file has
//! none, org-wide sharing, the compact layout (its fields that still exist),
//! validation rules (those whose fields all exist), which picklist values
//! close a status, the fields devorg computes (Contact `Name`, Task
//! `IsClosed`...) and the SOSL field groups.
//!
//! Partial describes (some recorders keep only some keys per field) are
//! completed with Salesforce's defaults; see [`complete`] for each. Objects
//! a folder lacks keep devorg's own declaration, and so do the custom
//! objects Sidecar deploys unless the folder describes them.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::load::{SchemaError, words};
use super::{Capabilities, Described, Field, FieldType, Object, PicklistValue, SearchGroup, Sharing};

/// Key prefixes of standard objects, for describes recorded without
/// `keyPrefix`: each one as the recorded describeGlobal of a real org says
/// (`shared/fixtures/real-orgs/cumulusci-2020-v48/_describeGlobal.json`).
/// An object not listed here keeps the prefix of devorg's own declaration
/// (Quote: quotes are off in that org, so it does not list Quote).
const STANDARD_PREFIXES: [(&str, &str); 23] = [
    ("Account", "001"),
    ("Asset", "02i"),
    ("Attachment", "00P"),
    ("Campaign", "701"),
    ("CampaignMember", "00v"),
    ("Case", "500"),
    ("Contact", "003"),
    ("Contract", "800"),
    ("EmailMessage", "02s"),
    ("Event", "00U"),
    ("Group", "00G"),
    ("Lead", "00Q"),
    ("Note", "002"),
    ("Opportunity", "006"),
    ("OpportunityContactRole", "00K"),
    ("OpportunityLineItem", "00k"),
    ("Order", "801"),
    ("Pricebook2", "01s"),
    ("Product2", "01t"),
    ("Profile", "00e"),
    ("RecordType", "012"),
    ("Task", "00T"),
    ("User", "005"),
];

/// The fields devorg stamps on every save (store::insert), whatever the
/// describe says about them.
const SYSTEM_FIELDS: [&str; 8] = ["Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "OwnerId"];

/// Fields Salesforce maintains that a partial describe cannot mark
/// read-only itself (it has no `createable`/`updateable`).
const READ_ONLY_STANDARD: [&str; 6] = ["LastActivityDate", "LastViewedDate", "LastReferencedDate", "IsDeleted", "SystemModstamp", "MasterRecordId"];

/// `objects` (devorg's declarations) with every describe of `dir` laid
/// over them: replacing the object of the same name, or added.
pub fn overlay(mut objects: Vec<Object>, dir: &Path) -> Result<Vec<Object>, SchemaError> {
    let unreadable = |message: String| SchemaError::Describe { file: dir.to_path_buf(), message };
    let entries = std::fs::read_dir(dir).map_err(|e| unreadable(format!("cannot read the describes folder: {e}")))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('_')))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(unreadable("no <Object>.json describe in this folder".into()));
    }
    let mut used: Vec<String> = objects.iter().map(|o| o.key_prefix.clone()).collect();
    for file in files {
        let fail = |message: String| SchemaError::Describe { file: file.clone(), message };
        let text = std::fs::read_to_string(&file).map_err(|e| fail(e.to_string()))?;
        let json: Value = serde_json::from_str(&text).map_err(|e| fail(format!("not JSON: {e}")))?;
        let describe = unwrap_cli(json).ok_or_else(|| fail("not a describe: no \"name\" and \"fields\"".into()))?;
        let name = describe.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
        let existing = objects.iter().position(|o| o.name.eq_ignore_ascii_case(&name));
        let declared = existing.map(|i| &objects[i]);
        let object = from_describe(&file, describe, declared, &used).map_err(fail)?;
        used.push(object.key_prefix.clone());
        match existing {
            Some(i) => objects[i] = object,
            None => objects.push(object),
        }
    }
    Ok(objects)
}

/// A describe body, from either a raw body or the CLI's `--json` wrapper.
fn unwrap_cli(json: Value) -> Option<Map<String, Value>> {
    let Value::Object(mut map) = json else { return None };
    if !map.contains_key("fields")
        && let Some(Value::Object(result)) = map.remove("result")
    {
        map = result;
    }
    (map.get("name").is_some_and(Value::is_string) && map.get("fields").is_some_and(Value::is_array)).then_some(map)
}

fn text<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

fn flag(map: &Map<String, Value>, key: &str) -> Option<bool> {
    map.get(key).and_then(Value::as_bool)
}

fn number(map: &Map<String, Value>, key: &str) -> Option<u32> {
    map.get(key).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok())
}

/// One object from its describe; `declared` is devorg's own declaration of
/// it, if any; `used` the key prefixes already taken.
fn from_describe(file: &Path, mut d: Map<String, Value>, declared: Option<&Object>, used: &[String]) -> Result<Object, String> {
    let name = text(&d, "name").unwrap_or_default().to_owned();
    let raw_fields = match d.remove("fields") {
        Some(Value::Array(fields)) => fields,
        _ => Vec::new(),
    };
    let mut fields = Vec::with_capacity(raw_fields.len());
    for raw in raw_fields {
        let Value::Object(raw) = raw else { return Err("a field is not a JSON object".into()) };
        let field_name = text(&raw, "name").ok_or("a field has no name")?.to_owned();
        let mine = declared.and_then(|o| o.field(&field_name));
        fields.push(complete(raw, mine).map_err(|e| format!("{name}.{field_name}: {e}"))?);
    }
    if !fields.iter().any(|f| f.name == "Id") {
        return Err(format!("{name} has no Id field"));
    }
    let name_field = name_field(&fields, declared);
    for f in &mut fields {
        f.name_field = f.name == name_field;
    }
    let custom = flag(&d, "custom").unwrap_or(name.ends_with("__c"));
    let key_prefix = match text(&d, "keyPrefix").map(str::to_owned).or_else(|| declared.map(|o| o.key_prefix.clone())) {
        Some(prefix) => prefix,
        None => known_prefix(&name, custom, used).ok_or_else(|| format!("{name}: the describe has no keyPrefix and devorg knows none for it"))?,
    };
    let label = text(&d, "label").map(str::to_owned).or_else(|| declared.map(|o| o.label.clone())).unwrap_or_else(|| words(&name));
    let label_plural = text(&d, "labelPlural").map(str::to_owned).or_else(|| declared.map(|o| o.label_plural.clone())).unwrap_or_else(|| format!("{label}s"));
    let (by_lower, by_relationship) = super::index_fields(&name, &fields).map_err(|e| e.to_string())?;
    let has = |field: &str| by_lower.contains_key(&field.to_ascii_lowercase());
    // The compact layout and validation rules are org setup, not describe:
    // devorg keeps its own where their fields still exist.
    let compact_layout: Vec<String> = match declared {
        Some(o) => o.compact_layout.iter().filter(|f| has(f)).cloned().collect(),
        None => vec![name_field.clone()],
    };
    let validation = declared
        .map(|o| o.validation.iter().filter(|r| r.field.as_deref().is_none_or(has) && r.when.iter().all(|c| has(&c.field))).cloned().collect())
        .unwrap_or_default();
    Ok(Object {
        label,
        label_plural,
        key_prefix,
        custom,
        custom_setting: flag(&d, "customSetting").unwrap_or_else(|| declared.is_some_and(|o| o.custom_setting)),
        owned: has("OwnerId"),
        // Org-wide defaults are sharing settings, not describe.
        sharing: declared.map_or(Sharing::ReadWrite, |o| o.sharing),
        name_field,
        compact_layout,
        fields,
        validation,
        rows_from: None,
        history_of: None,
        tracked_by: None,
        described: Some(Described { file: file.to_path_buf(), keys: d }),
        by_lower,
        by_relationship,
        name: name.clone(),
    })
}

/// The object's name field: the one describe marks `nameField`; for a
/// partial describe (no `nameField` key), devorg's declaration, else `Name`,
/// else the name fields of the standard objects that have no `Name`
/// (Case's CaseNumber, Task's and Event's Subject, Contract's
/// ContractNumber, as their full describes mark them).
fn name_field(fields: &[Field], declared: Option<&Object>) -> String {
    if let Some(f) = fields.iter().find(|f| f.recorded.as_ref().and_then(|r| flag(r, "nameField")) == Some(true)) {
        return f.name.clone();
    }
    let exists = |n: &str| fields.iter().any(|f| f.name == n);
    if let Some(o) = declared.filter(|o| exists(&o.name_field)) {
        return o.name_field.clone();
    }
    ["Name", "CaseNumber", "Subject", "ContractNumber", "Id"].into_iter().find(|n| exists(n)).unwrap_or("Id").to_owned()
}

/// A prefix for an object devorg does not declare: the standard one, or for
/// a custom object the next free `a0X`. Salesforce assigns custom objects
/// their prefixes itself; this scheme is devorg's own (its declared custom
/// objects use `a01`, `a02`), and only has to be unique within the org.
fn known_prefix(name: &str, custom: bool, used: &[String]) -> Option<String> {
    if let Some((_, p)) = STANDARD_PREFIXES.iter().find(|(o, _)| o.eq_ignore_ascii_case(name)) {
        return Some((*p).to_owned());
    }
    if !custom {
        return None;
    }
    let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    alphabet.chars().map(|c| format!("a0{c}")).find(|p| !used.contains(p))
}

/// One field from its recorded describe, completed where the recording is
/// partial:
/// - `length`: 18 for ids and references, 255 for other text (the most a
///   text field holds; a long text area that is not filterable: 32,000,
///   Salesforce's default for `Description`), 0 otherwise;
/// - `precision`/`scale`/`digits`: devorg's declaration, else 18/2 for
///   currency, 18/0 for other numbers, 9 digits for int;
/// - `createable`/`updateable`: devorg's declaration, else false for the
///   fields Salesforce maintains, true otherwise (a custom field is
///   writable unless it is a formula, which a partial describe cannot say);
/// - required on create: with `defaultedOnCreate`, what Salesforce requires
///   (createable, not nillable, not defaulted, not a checkbox); without it,
///   devorg's declaration, or a non-nillable custom field: a standard
///   field that is not nillable is often filled by Salesforce on create
///   (`ForecastCategory`), which a partial describe cannot tell apart;
/// - `filterable`/`sortable`/`groupable`/`aggregatable`: Salesforce's rules
///   by type ([`Capabilities::of_type`]).
fn complete(raw: Map<String, Value>, mine: Option<&Field>) -> Result<Field, String> {
    let name = text(&raw, "name").unwrap_or_default().to_owned();
    let type_name = text(&raw, "type").ok_or("no type")?;
    // A type devorg has no rules for (`datacategorygroupreference`,
    // `complexvalue`, a newer one) is kept as recorded: describe answers it,
    // the value is stored as text and never checked.
    let ty = FieldType::from_describe(type_name).unwrap_or(FieldType::AnyType);
    let extra = text(&raw, "extraTypeInfo");
    let long_text = ty == FieldType::Textarea && (flag(&raw, "filterable") == Some(false) || matches!(extra, Some("richtextarea")));
    let length = number(&raw, "length").or_else(|| mine.map(|f| f.length)).unwrap_or(match ty {
        FieldType::Id | FieldType::Reference => 18,
        FieldType::Textarea if long_text => 32_000,
        t if t.is_text() => 255,
        _ => 0,
    });
    let (precision, scale, digits) = match (number(&raw, "precision"), number(&raw, "scale"), number(&raw, "digits")) {
        (Some(p), Some(s), Some(d)) => (p, s, d),
        _ => mine.map(|f| (f.precision, f.scale, f.digits)).unwrap_or(match ty {
            FieldType::Currency => (18, 2, 0),
            FieldType::Double | FieldType::Percent => (18, 0, 0),
            FieldType::Int => (0, 0, 9),
            FieldType::Long => (0, 0, 18),
            _ => (0, 0, 0),
        }),
    };
    let maintained = SYSTEM_FIELDS.contains(&name.as_str()) && name != "OwnerId" || READ_ONLY_STANDARD.contains(&name.as_str());
    let writable = |key: &str, declared: Option<bool>| flag(&raw, key).or(declared).unwrap_or(!maintained && !ty.is_compound());
    let createable = writable("createable", mine.map(|f| f.createable));
    let updateable = writable("updateable", mine.map(|f| f.updateable));
    let nillable = flag(&raw, "nillable").unwrap_or(ty != FieldType::Boolean);
    let picklist: Vec<PicklistValue> = raw
        .get("picklistValues")
        .and_then(Value::as_array)
        .map(|values| {
            values
                .iter()
                .filter_map(Value::as_object)
                .filter(|v| flag(v, "active") != Some(false))
                .filter_map(|v| {
                    let value = text(v, "value")?.to_owned();
                    Some(PicklistValue {
                        label: text(v, "label").unwrap_or(&value).to_owned(),
                        default: flag(v, "defaultValue").unwrap_or(false),
                        // Which values close a status is devorg's knowledge (describe has no such key).
                        closed: mine.and_then(|f| f.picklist_value(&value)).is_some_and(|p| p.closed),
                        value,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    // A picklist's default is its value marked `defaultValue`; other fields
    // carry `defaultValue` themselves.
    let default = match raw.get("defaultValue") {
        Some(v) if !v.is_null() => Some(v.clone()),
        _ => picklist.iter().find(|p| p.default).map(|p| Value::from(p.value.clone())),
    };
    let required = match flag(&raw, "defaultedOnCreate") {
        Some(defaulted) => createable && !nillable && !defaulted && ty != FieldType::Boolean,
        None => mine.map_or(flag(&raw, "custom") == Some(true) && createable && !nillable && ty != FieldType::Boolean && default.is_none(), |f| f.required),
    };
    let reference_to: Vec<String> =
        raw.get("referenceTo").and_then(Value::as_array).map(|v| v.iter().filter_map(Value::as_str).map(str::to_owned).collect()).unwrap_or_default();
    let of_type = Capabilities::of_type(ty, length);
    let caps = Capabilities {
        filterable: flag(&raw, "filterable").unwrap_or(of_type.filterable),
        sortable: flag(&raw, "sortable").unwrap_or(of_type.sortable),
        groupable: flag(&raw, "groupable").unwrap_or(of_type.groupable),
        aggregatable: flag(&raw, "aggregatable").unwrap_or(of_type.aggregatable),
    };
    let search = mine.and_then(|f| f.search).or(match ty {
        FieldType::Email => Some(SearchGroup::Email),
        FieldType::Phone => Some(SearchGroup::Phone),
        _ => None,
    });
    Ok(Field {
        label: text(&raw, "label").map(str::to_owned).or_else(|| mine.map(|f| f.label.clone())).unwrap_or_else(|| words(&name)),
        ty,
        length,
        precision,
        scale,
        digits,
        required,
        createable,
        updateable,
        nillable,
        default,
        restricted: flag(&raw, "restrictedPicklist").or_else(|| mine.map(|f| f.restricted)).unwrap_or(false),
        picklist,
        reference_to,
        targets: Vec::new(),
        relationship_name: text(&raw, "relationshipName").map(str::to_owned),
        // What devorg computes (Contact Name from its parts) it keeps computing.
        derived: mine.is_some_and(|f| f.derived),
        custom: flag(&raw, "custom").unwrap_or(name.ends_with("__c")),
        unique: flag(&raw, "unique").or_else(|| mine.map(|f| f.unique)).unwrap_or(false),
        external_id: flag(&raw, "externalId").or_else(|| mine.map(|f| f.external_id)).unwrap_or(false),
        search,
        name_field: false,
        system: SYSTEM_FIELDS.contains(&name.as_str()),
        caps,
        recorded: Some(raw),
        name,
    })
}

/// The objects a describes folder defines (its `<Object>.json` names), for tests and tools
/// that want to know what a folder holds without loading it.
pub fn object_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .filter(|n| !n.starts_with('_'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
