//! Describe metadata (dialect §3) rendered from the schema: the global list,
//! one object's full describe with every field key Salesforce sends (jsforce
//! and simple-salesforce read them by name), child relationships included.

use serde_json::{Value, json};

use super::{Field, FieldType, Object, Schema};

fn urls(object: &Object, version: &str) -> Value {
    let base = format!("/services/data/v{version}/sobjects/{}", object.name);
    json!({
        "sobject": base,
        "describe": format!("{base}/describe"),
        "rowTemplate": format!("{base}/{{ID}}"),
        "compactLayouts": format!("{base}/describe/compactLayouts"),
    })
}

/// One entry of describeGlobal (DescribeGlobalSObjectResult).
pub fn global_entry(object: &Object, version: &str) -> Value {
    // Picklist-value objects (TaskStatus) are setup data: queried, never
    // written, searched, laid out or triggered on.
    let writable = !object.read_only();
    let standard_crm = !object.custom_setting && writable;
    json!({
        "activateable": false,
        "createable": writable,
        "custom": object.custom,
        "customSetting": object.custom_setting,
        "deepCloneable": false,
        "deletable": writable,
        "deprecatedAndHidden": false,
        "feedEnabled": standard_crm && !object.custom,
        "hasSubtypes": false,
        "isInterface": false,
        "isSubtype": false,
        // Real describeGlobals give field history objects no key prefix.
        "keyPrefix": if object.history_of.is_some() { Value::Null } else { Value::from(object.key_prefix.clone()) },
        "label": object.label,
        "labelPlural": object.label_plural,
        "layoutable": standard_crm,
        "mergeable": matches!(object.name.as_str(), "Account" | "Contact" | "Lead" | "Case"),
        "mruEnabled": standard_crm,
        "name": object.name,
        "queryable": true,
        "replicateable": true,
        "retrieveable": true,
        "searchable": standard_crm,
        "triggerable": writable,
        "undeletable": writable && object.field("IsDeleted").is_some(),
        "updateable": writable,
        "urls": urls(object, version),
    })
}

/// One entry of describeGlobal, with a described object's recorded keys.
fn global_entry_recorded(object: &Object, version: &str) -> Value {
    let mut out = global_entry(object, version);
    if let (Some(described), Value::Object(map)) = (&object.described, &mut out) {
        for (key, value) in &described.keys {
            if key != "urls" && map.contains_key(key) {
                map.insert(key.clone(), value.clone());
            }
        }
    }
    out
}

/// The compound field a field is part of. Only the person-name parts are
/// known without a recorded describe: on Contact and Lead, `Salutation`,
/// `FirstName` and `LastName` say `"Name"` (recorded describes in
/// `fixtures/real-orgs/`: cumulusci-2020-v48 Contact, cumulusci-2024-v59
/// Lead). Address parts come from recorded describes only.
fn compound_field_name(object: &Object, f: &Field) -> Value {
    let person = matches!(object.name.as_str(), "Contact" | "Lead");
    if person && matches!(f.name.as_str(), "Salutation" | "FirstName" | "LastName") { Value::from("Name") } else { Value::Null }
}

/// `GET /sobjects`
pub fn global(schema: &Schema, version: &str, hidden: &[&str]) -> Value {
    json!({
        "encoding": "UTF-8",
        "maxBatchSize": 200,
        "sobjects": schema.objects.iter().filter(|o| !hidden.contains(&o.name.as_str())).map(|o| global_entry_recorded(o, version)).collect::<Vec<_>>(),
    })
}

/// One field's metadata, with every key of Salesforce's Field type; a field
/// from a recorded describe answers its recorded keys over devorg's.
pub fn field(object: &Object, f: &Field) -> Value {
    let mut out = own_field(object, f);
    if let (Some(recorded), Value::Object(map)) = (&f.recorded, &mut out) {
        map.extend(recorded.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    out
}

fn own_field(object: &Object, f: &Field) -> Value {
    let picklist = matches!(f.ty, FieldType::Picklist | FieldType::Multipicklist | FieldType::Combobox);
    let text = f.ty.is_text();
    let auto_number = f.derived && f.ty == FieldType::String && f.name.ends_with("Number");
    let picklist_values: Vec<Value> =
        f.picklist.iter().map(|p| json!({"active": true, "defaultValue": p.default, "label": p.label, "validFor": null, "value": p.value})).collect();
    let extra_type_info = match f.ty {
        FieldType::Textarea if f.length > 255 => Value::from("plaintextarea"),
        _ if f.name == "Name" && f.derived && matches!(object.name.as_str(), "Contact" | "Lead" | "User") => Value::from("personname"),
        _ => Value::Null,
    };
    let byte_length = if text || f.ty == FieldType::Id || f.ty == FieldType::Reference { f.length * 3 } else { 0 };
    json!({
        "aggregatable": f.caps.aggregatable,
        "autoNumber": auto_number,
        "byteLength": byte_length,
        "calculated": false,
        "calculatedFormula": null,
        "cascadeDelete": false,
        "caseSensitive": false,
        "compoundFieldName": compound_field_name(object, f),
        "controllerName": null,
        "createable": f.createable,
        "custom": f.custom,
        "defaultValue": f.default.clone().filter(|_| !picklist),
        "defaultValueFormula": null,
        // CurrencyIsoCode has no static default: it is the creating user's
        // (schema::currency), and the Object Reference says "Defaulted on create".
        "defaultedOnCreate": f.default.is_some() || f.system || f.name == "OwnerId" || f.name == "CurrencyIsoCode",
        "dependentPicklist": false,
        "deprecatedAndHidden": false,
        "digits": f.digits,
        "displayLocationInDecimal": false,
        "encrypted": false,
        "externalId": f.external_id,
        "extraTypeInfo": extra_type_info,
        "filterable": f.caps.filterable,
        "filteredLookupInfo": null,
        "groupable": f.caps.groupable,
        "highScaleNumber": false,
        "htmlFormatted": false,
        "idLookup": f.name == "Id" || f.unique || f.external_id,
        "inlineHelpText": null,
        "label": f.label,
        "length": f.length,
        "mask": null,
        "maskType": null,
        "name": f.name,
        "nameField": f.name_field,
        "namePointing": f.is_polymorphic(),
        "nillable": f.nillable,
        "permissionable": !f.system && !f.required && f.createable,
        "picklistValues": picklist_values,
        "polymorphicForeignKey": f.is_polymorphic(),
        "precision": f.precision,
        "queryByDistance": false,
        "referenceTargetField": null,
        "referenceTo": f.reference_to,
        "relationshipName": f.relationship_name,
        "relationshipOrder": null,
        "restrictedDelete": false,
        "restrictedPicklist": f.restricted,
        "scale": f.scale,
        "searchPrefilterable": f.ty == FieldType::Reference,
        "soapType": f.ty.soap_type(),
        "sortable": f.caps.sortable,
        "type": f.ty.as_str(),
        "unique": f.unique,
        "updateable": f.updateable,
        "writeRequiresMasterRead": false,
    })
}

/// `GET /sobjects/{T}/describe`
pub fn object(schema: &Schema, object: &Object, version: &str) -> Value {
    let mut out = global_entry_recorded(object, version);
    let children: Vec<Value> = schema
        .children_of(&object.name)
        .filter_map(|(child, f)| {
            let name = Schema::child_relationship_name(child, f)?;
            Some(json!({
                "cascadeDelete": false,
                "childSObject": child.name,
                "deprecatedAndHidden": false,
                "field": f.name,
                "junctionIdListNames": [],
                "junctionReferenceTo": [],
                "relationshipName": name,
                "restrictedDelete": false,
            }))
        })
        .collect();
    if let Value::Object(map) = &mut out {
        let extra = json!({
            "actionOverrides": [],
            "childRelationships": children,
            "compactLayoutable": true,
            "fields": object.fields.iter().map(|f| field(object, f)).collect::<Vec<_>>(),
            "listviewable": null,
            "lookupLayoutable": null,
            "namedLayoutInfos": [],
            "networkScopeFieldName": null,
            "recordTypeInfos": [{
                "available": true, "defaultRecordTypeMapping": true, "developerName": "Master", "master": true,
                "name": "Master", "recordTypeId": "012000000000000AAA",
                "urls": { "layout": format!("/services/data/v{version}/sobjects/{}/describe/layouts/012000000000000AAA", object.name) },
            }],
            "searchLayoutable": true,
            "supportedScopes": [{"label": "All", "name": "everything"}, {"label": "My", "name": "mine"}],
        });
        if let Value::Object(extra) = extra {
            map.extend(extra);
        }
        if let Some(described) = &object.described {
            overlay_recorded(map, &described.keys);
        }
    }
    out
}

/// A described object answers its recorded keys over devorg's, but for its
/// `urls` (devorg's own paths and version) and its child relationships,
/// which keep the recorded ones and add those of devorg's objects that the
/// recording could not know (Sidecar's custom objects).
fn overlay_recorded(map: &mut serde_json::Map<String, Value>, recorded: &serde_json::Map<String, Value>) {
    for (key, value) in recorded {
        match key.as_str() {
            "urls" | "fields" => {}
            "childRelationships" => {
                let Some(Value::Array(ours)) = map.get("childRelationships").cloned() else { continue };
                let mut merged = value.as_array().cloned().unwrap_or_default();
                let known = |r: &Value| merged.iter().any(|m| m["relationshipName"] == r["relationshipName"] && m["childSObject"] == r["childSObject"]);
                let missing: Vec<Value> = ours.into_iter().filter(|r| !r["relationshipName"].is_null() && !known(r)).collect();
                merged.extend(missing);
                map.insert(key.clone(), Value::Array(merged));
            }
            _ => {
                map.insert(key.clone(), value.clone());
            }
        }
    }
}

/// The object's compact layout (its Key Fields): the system default, id null.
pub fn compact_layout(object: &Object) -> Value {
    let items: Vec<Value> = object
        .compact_layout
        .iter()
        .filter_map(|name| object.field(name))
        .enumerate()
        .map(|(i, f)| {
            json!({
                "editableForNew": f.createable,
                "editableForUpdate": f.updateable,
                "label": f.label,
                "layoutComponents": [{
                    "components": [], "details": field(object, f), "displayLines": 1,
                    "tabOrder": i + 1, "type": "Field", "value": f.name,
                }],
                "placeholder": false,
                "required": f.required,
            })
        })
        .collect();
    json!({
        "actions": [], "fieldItems": items, "id": null, "imageItems": [],
        "label": format!("{} Compact Layout", object.label), "name": "SYSTEM", "objectType": object.name,
    })
}

/// `GET /sobjects/{T}/describe/compactLayouts`
pub fn compact_layouts(object: &Object, version: &str) -> Value {
    json!({
        "compactLayouts": [compact_layout(object)],
        "defaultCompactLayoutId": null,
        "recordTypeCompactLayoutMappings": [{
            "available": true, "compactLayoutId": null, "compactLayoutName": "SYSTEM",
            "recordTypeId": "012000000000000AAA", "recordTypeName": "Master",
            "urls": { "compactLayout": format!("/services/data/v{version}/sobjects/{}/describe/compactLayouts/012000000000000AAA", object.name) },
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELD_KEYS: &str = "aggregatable autoNumber byteLength calculated calculatedFormula cascadeDelete caseSensitive compoundFieldName controllerName createable custom defaultValue defaultValueFormula defaultedOnCreate dependentPicklist deprecatedAndHidden digits displayLocationInDecimal encrypted externalId extraTypeInfo filterable filteredLookupInfo groupable highScaleNumber htmlFormatted idLookup inlineHelpText label length mask maskType name nameField namePointing nillable permissionable picklistValues polymorphicForeignKey precision queryByDistance referenceTargetField referenceTo relationshipName relationshipOrder restrictedDelete restrictedPicklist scale soapType sortable type unique updateable writeRequiresMasterRead";
    const GLOBAL_KEYS: &str = "activateable createable custom customSetting deepCloneable deletable deprecatedAndHidden feedEnabled hasSubtypes isInterface isSubtype keyPrefix label labelPlural layoutable mergeable mruEnabled name queryable replicateable retrieveable searchable triggerable undeletable updateable urls";

    #[test]
    fn every_key_of_the_spec_is_present() {
        let schema = Schema::builtin().expect("schema");
        for o in &schema.objects {
            let d = object(&schema, o, "62.0");
            for key in GLOBAL_KEYS.split(' ').chain("actionOverrides childRelationships compactLayoutable fields listviewable lookupLayoutable namedLayoutInfos networkScopeFieldName recordTypeInfos searchLayoutable supportedScopes".split(' ')) {
                assert!(d.get(key).is_some(), "{}: {key}", o.name);
            }
            for f in d["fields"].as_array().expect("fields") {
                for key in FIELD_KEYS.split(' ') {
                    assert!(f.get(key).is_some(), "{}.{}: {key}", o.name, f["name"]);
                }
            }
        }
    }

    #[test]
    fn task_describe_matches_salesforce() {
        let schema = Schema::builtin().expect("schema");
        let task = schema.object("Task").expect("Task");
        let d = object(&schema, task, "50.0");
        assert_eq!(d["keyPrefix"], "00T");
        assert_eq!(d["urls"]["describe"], "/services/data/v50.0/sobjects/Task/describe");
        let field = |name: &str| d["fields"].as_array().expect("fields").iter().find(|f| f["name"] == name).cloned().expect(name);
        let who = field("WhoId");
        assert_eq!(who["referenceTo"], json!(["Contact", "Lead"]));
        assert_eq!(who["polymorphicForeignKey"], true);
        assert_eq!(who["relationshipName"], "Who");
        assert_eq!(who["soapType"], "tns:ID");
        let status = field("Status");
        assert_eq!(status["restrictedPicklist"], true);
        assert_eq!(
            status["picklistValues"][0],
            json!({"active": true, "defaultValue": true, "label": "Not Started", "validFor": null, "value": "Not Started"})
        );
        assert_eq!(field("IsClosed")["updateable"], false);
        assert_eq!(field("Id")["type"], "id");

        let account = object(&schema, schema.object("Account").expect("Account"), "62.0");
        let rels: Vec<&str> = account["childRelationships"].as_array().expect("rels").iter().filter_map(|r| r["relationshipName"].as_str()).collect();
        for rel in ["Contacts", "Opportunities", "Cases", "Tasks", "Engagement_Events__r"] {
            assert_eq!(rels.iter().filter(|r| **r == rel).count(), 1, "Account has child relationship {rel} once: {rels:?}");
        }
        let amount = object(&schema, schema.object("Opportunity").expect("Opp"), "62.0")["fields"]
            .as_array()
            .expect("f")
            .iter()
            .find(|f| f["name"] == "Amount")
            .cloned()
            .expect("Amount");
        assert_eq!((amount["precision"].clone(), amount["scale"].clone(), amount["soapType"].clone()), (json!(18), json!(2), json!("xsd:double")));
    }
}
