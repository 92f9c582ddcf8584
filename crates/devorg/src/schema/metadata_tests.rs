//! The custom objects devorg declares (`schema/objects.toml`) and their
//! Salesforce metadata (`salesforce/force-app`, deployed to real orgs with
//! `sf project deploy start`) must not drift: every custom object has an
//! `.object-meta.xml`, every custom field a `.field-meta.xml` with the same
//! API name, label, a compatible type and the same constraints, and the
//! metadata has no field devorg does not know. The `Sidecar_User` permission
//! set grants Sidecar's users every custom object and field devorg declares
//! (and devorg's seeds give its custom setting access, `crate::access`).

use std::path::{Path, PathBuf};

use super::{FieldType, Object, Schema, Sharing};

fn objects_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../salesforce/force-app/main/default/objects")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of every `<name>…</name>` in `xml`, in order (no attributes,
/// no nesting of the same tag: enough for metadata files).
fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    let mut found = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else { break };
        found.push(after[..end].trim());
        rest = &after[end + close.len()..];
    }
    found
}

/// The first `<name>…</name>` in `xml`.
fn tag<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    tags(xml, name).into_iter().next()
}

/// The metadata field types a devorg type may be declared as.
fn metadata_types(ty: FieldType) -> &'static [&'static str] {
    match ty {
        FieldType::String => &["Text"],
        FieldType::Phone => &["Phone"],
        FieldType::Email => &["Email"],
        FieldType::Url => &["Url"],
        FieldType::Boolean => &["Checkbox"],
        FieldType::Currency => &["Currency"],
        FieldType::Int | FieldType::Double => &["Number"],
        FieldType::Percent => &["Percent"],
        FieldType::Date => &["Date"],
        FieldType::Datetime => &["DateTime"],
        FieldType::Reference => &["Lookup", "MasterDetail"],
        FieldType::Picklist => &["Picklist"],
        FieldType::Multipicklist => &["MultiselectPicklist"],
        FieldType::Textarea => &["TextArea", "LongTextArea"],
        FieldType::Location => &["Location"],
        FieldType::Time => &["Time"],
        FieldType::EncryptedString => &["EncryptedText"],
        FieldType::Combobox | FieldType::Id | FieldType::Address | FieldType::Base64 | FieldType::AnyType | FieldType::Long => &[],
    }
}

fn custom_objects(schema: &Schema) -> Vec<&Object> {
    schema.objects.iter().filter(|o| o.custom).collect()
}

#[test]
fn every_custom_object_has_matching_metadata() {
    let schema = Schema::builtin().expect("schema");
    let objects = custom_objects(&schema);
    assert!(objects.iter().any(|o| o.name == "Engagement_Event__c"), "the feed's object is custom");
    for o in objects {
        let xml = read(&objects_dir().join(&o.name).join(format!("{}.object-meta.xml", o.name)));
        let case = &o.name;
        assert!(xml.contains(r#"xmlns="http://soap.sforce.com/2006/04/metadata""#), "{case}: the metadata namespace");
        assert_eq!(tag(&xml, "label"), Some(o.label.as_str()), "{case}: label");
        if o.custom_setting {
            assert_eq!(tag(&xml, "customSettingsType"), Some("Hierarchy"), "{case}: a hierarchy custom setting");
            continue;
        }
        assert_eq!(tag(&xml, "pluralLabel"), Some(o.label_plural.as_str()), "{case}: plural label");
        assert_eq!(tag(&xml, "deploymentStatus"), Some("Deployed"), "{case}: deployed");
        let sharing = match o.sharing {
            Sharing::Private => "Private",
            Sharing::ReadWrite => "ReadWrite",
        };
        assert_eq!(tag(&xml, "sharingModel"), Some(sharing), "{case}: sharing model");
        let name = o.field(&o.name_field).expect("name field");
        let name_xml = tag(&xml, "nameField").unwrap_or_else(|| panic!("{case}: a nameField"));
        assert_eq!(tag(name_xml, "label"), Some(name.label.as_str()), "{case}: name field label");
        let name_type = if name.derived { "AutoNumber" } else { "Text" };
        assert_eq!(tag(name_xml, "type"), Some(name_type), "{case}: a derived name is an auto-number");
    }
}

#[test]
fn every_custom_field_of_the_custom_objects_has_matching_metadata() {
    let schema = Schema::builtin().expect("schema");
    for o in custom_objects(&schema) {
        let dir = objects_dir().join(&o.name).join("fields");
        let mut declared: Vec<String> = Vec::new();
        for f in o.fields.iter().filter(|f| f.custom) {
            let case = format!("{}.{}", o.name, f.name);
            declared.push(format!("{}.field-meta.xml", f.name));
            let xml = read(&dir.join(format!("{}.field-meta.xml", f.name)));
            assert_eq!(tag(&xml, "fullName"), Some(f.name.as_str()), "{case}: API name");
            assert_eq!(tag(&xml, "label"), Some(f.label.as_str()), "{case}: label");
            let ty = tag(&xml, "type").unwrap_or_default();
            assert!(metadata_types(f.ty).contains(&ty), "{case}: {ty} does not fit devorg's {}", f.ty.as_str());
            let required = tag(&xml, "required") == Some("true");
            assert_eq!(required, f.required, "{case}: required");
            match f.ty {
                FieldType::String | FieldType::Textarea => {
                    assert_eq!(tag(&xml, "length"), Some(f.length.to_string().as_str()), "{case}: length");
                }
                FieldType::Reference => {
                    assert_eq!(tags(&xml, "referenceTo"), f.reference_to, "{case}: lookup target");
                    // Salesforce names the parent relationship after the field: X__c → X__r.
                    let parent = f.name.trim_end_matches("__c").to_owned() + "__r";
                    assert_eq!(f.relationship_name.as_deref(), Some(parent.as_str()), "{case}: relationship name");
                    let child = Schema::child_relationship_name(o, f).expect("child relationship");
                    assert_eq!(tag(&xml, "relationshipName").map(|r| format!("{r}__r")), Some(child), "{case}: child relationship");
                }
                FieldType::Picklist | FieldType::Multipicklist => {
                    let values: Vec<&str> = tags(&xml, "value").into_iter().filter_map(|v| tag(v, "fullName")).collect();
                    let expected: Vec<&str> = f.picklist.iter().map(|p| p.value.as_str()).collect();
                    assert_eq!(values, expected, "{case}: values in order");
                    let restricted = tag(&xml, "restricted") == Some("true");
                    assert_eq!(restricted, f.restricted, "{case}: restricted");
                }
                FieldType::Boolean => {
                    let default = f.default.as_ref().and_then(serde_json::Value::as_bool).unwrap_or(false);
                    assert_eq!(tag(&xml, "defaultValue"), Some(if default { "true" } else { "false" }), "{case}: default");
                }
                _ => {}
            }
        }
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        files.sort();
        declared.sort();
        assert_eq!(files, declared, "{}: the metadata has exactly devorg's custom fields", o.name);
    }
}

fn permission_set() -> String {
    read(&objects_dir().join("../permissionsets/Sidecar_User.permissionset-meta.xml"))
}

#[test]
fn the_permission_set_grants_every_custom_object_field_and_setting() {
    let schema = Schema::builtin().expect("schema");
    let xml = permission_set();
    assert!(xml.contains(r#"<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">"#), "the metadata namespace");
    assert_eq!(tag(&xml, "label"), Some("Sidecar User"));
    let settings: Vec<&str> =
        tags(&xml, "customSettingAccesses").into_iter().filter(|a| tag(a, "enabled") == Some("true")).filter_map(|a| tag(a, "name")).collect();
    let declared: Vec<&str> = custom_objects(&schema).iter().filter(|o| o.custom_setting).map(|o| o.name.as_str()).collect();
    assert_eq!(settings, declared, "every custom setting is readable");
    assert_eq!(settings, crate::access::SIDECAR_USER_SETTINGS, "devorg's seeds grant what the permission set grants");

    let objects = tags(&xml, "objectPermissions");
    let fields = tags(&xml, "fieldPermissions");
    let mut expected_fields = Vec::new();
    for o in custom_objects(&schema).into_iter().filter(|o| !o.custom_setting) {
        let permission = objects.iter().find(|p| tag(p, "object") == Some(o.name.as_str())).unwrap_or_else(|| panic!("{}: object permissions", o.name));
        for (flag, want) in [
            ("allowRead", "true"),
            ("allowEdit", "true"),
            ("allowCreate", "true"),
            ("allowDelete", "false"),
            ("viewAllRecords", "false"),
            ("modifyAllRecords", "false"),
        ] {
            assert_eq!(tag(permission, flag), Some(want), "{}: {flag}", o.name);
        }
        // Salesforce refuses field permissions on required fields (always
        // readable and editable) and computes auto-number names.
        for f in o.fields.iter().filter(|f| f.custom && !f.required && !f.derived) {
            expected_fields.push(format!("{}.{}", o.name, f.name));
        }
    }
    let mut granted: Vec<String> = Vec::new();
    for p in &fields {
        let field = tag(p, "field").unwrap_or_default();
        assert_eq!((tag(p, "readable"), tag(p, "editable")), (Some("true"), Some("true")), "{field}: read and edit");
        granted.push(field.to_owned());
    }
    assert_eq!(objects.len(), custom_objects(&schema).iter().filter(|o| !o.custom_setting).count(), "no object devorg does not declare");
    granted.sort();
    expected_fields.sort();
    assert_eq!(granted, expected_fields, "every optional custom field, and no other");
}

#[test]
fn tags_read_metadata_text() {
    let xml = "<a><value><fullName>x</fullName></value><valueSet><value><fullName> y </fullName></value></valueSet></a>";
    let cases: &[(&str, &str, &[&str])] = &[
        ("two values, trimmed", "value", &["<fullName>x</fullName>", "<fullName> y </fullName>"]),
        ("a longer tag with the same start is not matched", "valueSe", &[]),
        ("every fullName", "fullName", &["x", "y"]),
        ("absent", "label", &[]),
    ];
    for (case, name, expected) in cases {
        assert_eq!(tags(xml, name), *expected, "{case}");
    }
    assert_eq!(tag("<a>unclosed", "a"), None, "an unclosed tag");
}
