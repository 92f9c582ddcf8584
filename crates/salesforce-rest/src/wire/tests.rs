//! Samples written the way real orgs answer: extra keys the types do not
//! know, keys older API versions leave out, `null` where a value is usual,
//! and a field type the enum has never heard of.

use serde_json::{Value, json};

use super::*;
use crate::{ErrorCode, SaveResult};

fn parse<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("parses")
}

/// A real org's Account.Industry, with keys newer than the dialect.
fn industry() -> Value {
    serde_json::from_str(
        r#"{
        "aggregatable": true, "aiPredictionField": false, "autoNumber": false, "byteLength": 765, "calculated": false,
        "calculatedFormula": null, "cascadeDelete": false, "caseSensitive": false, "compoundFieldName": null,
        "controllerName": null, "createable": true, "custom": false, "defaultValue": null, "defaultValueFormula": null,
        "defaultedOnCreate": false, "dependentPicklist": false, "deprecatedAndHidden": false, "digits": 0,
        "displayLocationInDecimal": false, "encrypted": false, "externalId": false, "extraTypeInfo": null,
        "filterable": true, "filteredLookupInfo": null, "formulaTreatNullNumberAsZero": false, "groupable": true,
        "highScaleNumber": false, "htmlFormatted": false, "idLookup": false, "inlineHelpText": null,
        "label": "Industry", "length": 255, "mask": null, "maskType": null, "name": "Industry", "nameField": false,
        "namePointing": false, "nillable": true, "permissionable": true,
        "picklistValues": [
            {"active": true, "defaultValue": false, "label": "Agriculture", "validFor": null, "value": "Agriculture"},
            {"active": false, "defaultValue": false, "label": "Apparel", "validFor": null, "value": "Apparel"},
            {"active": true, "defaultValue": true, "label": "Banking", "validFor": null, "value": "Banking"}
        ],
        "polymorphicForeignKey": false, "precision": 0, "queryByDistance": false, "referenceTargetField": null,
        "referenceTo": [], "relationshipName": null, "relationshipOrder": null, "restrictedDelete": false,
        "restrictedPicklist": false, "scale": 0, "searchPrefilterable": false, "soapType": "xsd:string",
        "sortable": true, "type": "picklist", "unique": false, "updateable": true, "writeRequiresMasterRead": false
    }"#,
    )
    .expect("sample")
}

#[test]
fn field_with_extra_keys_parses_and_answers_form_questions() {
    let f: FieldDescribe = parse(industry());
    assert_eq!(f.field_type, FieldType::Picklist);
    assert!(!f.is_required_on_create());
    let active: Vec<&str> = f.active_picklist_values().map(|p| p.value.as_str()).collect();
    assert_eq!(active, ["Agriculture", "Banking"]);
    assert_eq!(f.default_picklist_value().map(PicklistValue::display), Some("Banking"));
    // Every key but the unknown ones comes back.
    let mut back = serde_json::to_value(&f).expect("json");
    let mut original = industry();
    for unknown in ["aiPredictionField", "formulaTreatNullNumberAsZero"] {
        original.as_object_mut().expect("object").remove(unknown);
    }
    back.as_object_mut().expect("object");
    assert_eq!(back, original);
}

#[test]
fn old_api_field_with_missing_keys_and_unknown_type() {
    // An API 31.0-era answer: no highScaleNumber, queryByDistance, searchPrefilterable...;
    // nulls where lists usually are; a type this crate does not know.
    let f: FieldDescribe = parse(json!({
        "name": "Payload__c", "label": "Payload", "type": "json", "soapType": "xsd:string",
        "createable": true, "nillable": false, "defaultedOnCreate": false, "length": null,
        "picklistValues": null, "referenceTo": null, "updateable": true
    }));
    assert_eq!((f.field_type.known(), f.field_type.as_str()), (None, "json"));
    assert_eq!(serde_json::to_value(&f.field_type).expect("json"), "json");
    assert!(f.is_required_on_create());
    assert_eq!((f.length, f.picklist_values.len(), f.reference_to.len()), (0, 0, 0));
    assert_eq!(f.default_value, Value::Null);
}

#[test]
fn booleans_are_never_required_and_defaults_excuse_a_field() {
    let mut f: FieldDescribe = parse(json!({"name": "IsPrivate", "type": "boolean", "createable": true, "nillable": false}));
    assert!(!f.is_required_on_create());
    f.field_type = FieldType::String.into();
    assert!(f.is_required_on_create());
    f.defaulted_on_create = true;
    assert!(!f.is_required_on_create());
    for (name, ty) in [("id", FieldType::Id), ("datetime", FieldType::Datetime), ("anyType", FieldType::AnyType)] {
        assert_eq!(DescribeType::parse(name), ty);
        assert_eq!(DescribeType::parse(name).as_str(), name);
    }
}

#[test]
fn describe_flattens_the_global_keys_and_finds_fields_in_any_case() {
    let mut sample: Value = serde_json::from_str(
        r#"{
        "actionOverrides": [], "activateable": false, "associateEntityType": null, "associateParentEntity": null,
        "childRelationships": [{"cascadeDelete": true, "childSObject": "Contact", "deprecatedAndHidden": false, "field": "AccountId",
            "junctionIdListNames": [], "junctionReferenceTo": [], "relationshipName": "Contacts", "restrictedDelete": false}],
        "compactLayoutable": true, "createable": true, "custom": false, "customSetting": false, "deepCloneable": false,
        "defaultImplementation": null, "deletable": true, "deprecatedAndHidden": false, "extendedBy": null, "feedEnabled": true,
        "fields": [
            {"name": "Id", "type": "id", "label": "Account ID", "createable": false, "nillable": false, "defaultedOnCreate": true},
            {"name": "Name", "type": "string", "label": "Account Name", "createable": true, "nillable": false, "nameField": true}
        ],
        "hasSubtypes": false, "isInterface": false, "isSubtype": false, "keyPrefix": "001", "label": "Account",
        "labelPlural": "Accounts", "layoutable": true, "listviewable": null, "lookupLayoutable": null, "mergeable": true,
        "mruEnabled": true, "name": "Account", "namedLayoutInfos": [], "networkScopeFieldName": null, "queryable": true,
        "recordTypeInfos": [{"active": true, "available": true, "defaultRecordTypeMapping": true, "developerName": "Master",
            "master": true, "name": "Master", "recordTypeId": "012000000000000AAA",
            "urls": {"layout": "/services/data/v62.0/sobjects/Account/describe/layouts/012000000000000AAA"}}],
        "replicateable": true, "retrieveable": true, "searchLayoutable": true, "searchable": true,
        "sobjectDescribeOption": "FULL", "supportedScopes": [{"label": "All accounts", "name": "everything"}],
        "triggerable": true, "undeletable": true, "updateable": true,
        "urls": {"compactLayouts": "/services/data/v62.0/sobjects/Account/describe/compactLayouts",
            "rowTemplate": "/services/data/v62.0/sobjects/Account/{ID}", "describe": "/services/data/v62.0/sobjects/Account/describe",
            "sobject": "/services/data/v62.0/sobjects/Account", "listviews": "/services/data/v62.0/sobjects/Account/listviews"}
    }"#,
    )
    .expect("sample");
    sample["fields"].as_array_mut().expect("fields").push(industry());
    let d: SObjectDescribe = parse(sample);
    assert_eq!(d.name(), "Account");
    assert_eq!(d.object.key_prefix.as_deref(), Some("001"));
    assert_eq!(d.field("industry").map(|f| f.label.as_str()), Some("Industry"));
    assert_eq!(d.name_field().map(|f| f.name.as_str()), Some("Name"));
    let required: Vec<&str> = d.required_on_create().map(|f| f.name.as_str()).collect();
    assert_eq!(required, ["Name"]);
    assert_eq!(d.child_relationship("contacts").map(|r| r.child_sobject.as_str()), Some("Contact"));
    assert_eq!(d.listviewable, None);
    assert_eq!(d.record_type_infos[0].record_type_id.as_deref(), Some("012000000000000AAA"));
}

#[test]
fn describe_global_finds_objects_by_name_and_id_prefix() {
    let g: DescribeGlobal = parse(json!({
        "encoding": "UTF-8", "maxBatchSize": 200,
        "sobjects": [
            {"activateable": false, "associateEntityType": null, "createable": true, "custom": false, "keyPrefix": "001",
             "label": "Account", "labelPlural": "Accounts", "name": "Account", "queryable": true, "urls": {"sobject": "/services/data/v62.0/sobjects/Account"}},
            {"name": "AccountChangeEvent", "label": "Account Change Event", "labelPlural": "Account Change Events", "keyPrefix": null},
            {"name": "Contact", "label": "Contact", "labelPlural": "Contacts", "keyPrefix": "003"}
        ]
    }));
    assert_eq!(g.max_batch_size, 200);
    assert_eq!(g.object("account").map(|o| o.label_plural.as_str()), Some("Accounts"));
    assert_eq!(g.object_for_id("003000000000001AAA").map(|o| o.name.as_str()), Some("Contact"));
    assert!(g.object_for_id("00").is_none());
}

#[test]
fn compact_layout_lists_its_fields() {
    let layouts: CompactLayouts = parse(json!({
        "compactLayouts": [{
            "actions": [{"behavior": null, "colors": null, "content": null, "label": "Call", "name": "CallHighlightAction"}],
            "fieldItems": [
                {"editableForNew": true, "editableForUpdate": true, "label": "Name",
                 "layoutComponents": [{"components": [], "details": {"name": "Name", "type": "string", "label": "Name"},
                    "displayLines": 1, "tabOrder": 1, "type": "Field", "value": "Name"}],
                 "placeholder": false, "required": true},
                {"editableForNew": true, "editableForUpdate": true, "label": "Phone",
                 "layoutComponents": [{"details": {"name": "Phone", "type": "phone", "label": "Phone"}, "type": "Field", "value": "Phone"}],
                 "placeholder": false, "required": false},
                {"label": "", "layoutComponents": [{"type": "EmptySpace"}], "placeholder": true}
            ],
            "id": "0AHxx0000000001GAA", "imageItems": [], "label": "Sales Account", "name": "Sales_Account", "objectType": "Account"
        }],
        "defaultCompactLayoutId": "0AHxx0000000001GAA",
        "recordTypeCompactLayoutMappings": [{"available": true, "compactLayoutId": "0AHxx0000000001GAA",
            "compactLayoutName": "Sales_Account", "recordTypeId": "012000000000000AAA", "recordTypeName": "Master", "urls": {}}]
    }));
    let primary = layouts.primary().expect("primary");
    assert_eq!(primary.field_names(), ["Name", "Phone"]);
    assert_eq!(primary.fields().map(|f| f.field_type.known()).collect::<Vec<_>>(), [Some(FieldType::String), Some(FieldType::Phone)]);
    let many: CompactLayoutsByObject = parse(json!({"Account": serde_json::to_value(primary).expect("json")}));
    assert_eq!(many["Account"].name, "Sales_Account");
}

#[test]
fn record_fields_are_found_exact_case_first_in_small_and_large_records() {
    let small: Record = parse(json!({"name": "folded", "Name": "exact", "Id": "001xx000003DGb2AAG"}));
    assert_eq!(small.get_str("Name"), Some("exact"));
    assert_eq!(small.get_str("name"), Some("folded"));
    assert_eq!(small.get_str("NAME"), Some("folded"), "the first key equal ignoring case");
    assert_eq!(small.get_str("Nam"), None);
    let mut wide = json!({"name": "folded", "Name": "exact"});
    for i in 0..40 {
        wide[format!("Field{i}__c")] = json!(i);
    }
    let wide: Record = parse(wide);
    assert_eq!((wide.get_str("Name"), wide.get_str("NAME")), (Some("exact"), Some("folded")));
    assert_eq!(wide.get("field39__C"), Some(&json!(39)));
    assert_eq!(wide.get("Field40__c"), None);
}

#[test]
fn query_records_nest_parents_and_children() {
    let answer: QueryResponse<Record> = parse(json!({
        "totalSize": 2500, "done": false, "nextRecordsUrl": "/services/data/v62.0/query/01gxx00000ABCDEFAA-2000",
        "records": [{
            "attributes": {"type": "Contact", "url": "/services/data/v62.0/sobjects/Contact/003xx000004TmiQAAS"},
            "Id": "003xx000004TmiQAAS", "LastName": "Chen",
            "Account": {"attributes": {"type": "Account", "url": "/services/data/v62.0/sobjects/Account/001xx000003DGb2AAG"},
                        "Name": "Acme", "Owner": null},
            "Cases": {"totalSize": 1, "done": true, "records": [{"attributes": {"type": "Case", "url": "/x"}, "Subject": "Broken"}]},
            "Tasks": null
        }]
    }));
    assert_eq!(answer.next_locator(), Some("01gxx00000ABCDEFAA-2000"));
    let r = &answer.records[0];
    assert_eq!((r.object_type(), r.id()), (Some("Contact"), Some("003xx000004TmiQAAS")));
    assert_eq!(r.get_str("account.name"), Some("Acme"));
    assert_eq!(r.get("Account.Owner.Name"), Some(&Value::Null), "a null parent on the way is null");
    assert_eq!(r.get("Account.Nope"), None);
    let account: Record = parse(r.get("Account").cloned().expect("parent"));
    assert_eq!(account.id(), Some("001xx000003DGb2AAG"), "from attributes.url");
    assert_eq!(r.children("Cases").map(|c| c.records[0].get_str("Subject").map(str::to_owned)), Some(Some("Broken".into())));
    assert!(r.children("Tasks").is_none());
    let keys: Vec<&str> = r.fields.keys().map(String::as_str).collect();
    assert_eq!(keys, ["Id", "LastName", "Account", "Cases", "Tasks"], "the org's order is kept");
    let first = serde_json::to_string(r).expect("json");
    assert!(first.starts_with(r#"{"attributes":{"type":"Contact","#), "{first}");

    let count: QueryResponse = parse(json!({"totalSize": 7, "done": true, "records": []}));
    assert_eq!((count.total_size, count.next_locator()), (7, None));
    let aggregate: QueryResponse<Record> = parse(json!({"totalSize": 1, "done": true,
        "records": [{"attributes": {"type": "AggregateResult"}, "expr0": 42}]}));
    assert_eq!(serde_json::to_value(&aggregate.records[0]).expect("json"), json!({"attributes": {"type": "AggregateResult"}, "expr0": 42}));
}

#[test]
fn collection_and_composite_bodies() {
    let request = CollectionRequest {
        all_or_none: true,
        records: vec![Record::new("Contact").with("LastName", "Chen"), Record::new("Contact").with("LastName", "Diaz")],
    };
    assert_eq!(
        serde_json::to_string(&request).expect("json"),
        r#"{"allOrNone":true,"records":[{"attributes":{"type":"Contact"},"LastName":"Chen"},{"attributes":{"type":"Contact"},"LastName":"Diaz"}]}"#
    );
    let results: Vec<SaveResult> = parse(json!([
        {"id": "003xx000004TmiQAAS", "success": true, "errors": []},
        {"success": false, "errors": [{"statusCode": "REQUIRED_FIELD_MISSING", "message": "Required fields are missing: [LastName]", "fields": ["LastName"]}]}
    ]));
    assert_eq!(results[1].errors[0].status_code, ErrorCode::RequiredFieldMissing);

    let composite = CompositeRequest {
        all_or_none: true,
        collate_subrequests: false,
        composite_request: vec![
            CompositeSubrequest::new("POST", "/services/data/v62.0/sobjects/Account", "refAccount").with_body(json!({"Name": "Acme"})).expect("body"),
            CompositeSubrequest::new("GET", "/services/data/v62.0/sobjects/Account/@{refAccount.id}", "refRead"),
        ],
    };
    let text = serde_json::to_string(&composite).expect("json");
    assert!(text.contains(r#"{"method":"GET","url":"/services/data/v62.0/sobjects/Account/@{refAccount.id}","referenceId":"refRead"}"#), "{text}");

    let answer: CompositeResponse = parse(json!({"compositeResponse": [
        {"body": {"id": "001xx000003DGb2AAG", "success": true, "errors": []},
         "httpHeaders": {"Location": "/services/data/v62.0/sobjects/Account/001xx000003DGb2AAG"}, "httpStatusCode": 201, "referenceId": "refAccount"},
        {"body": [{"errorCode": "PROCESSING_HALTED", "message": "The transaction was rolled back since another operation in the same transaction failed."}],
         "httpHeaders": {}, "httpStatusCode": 400, "referenceId": "refRead"}
    ]}));
    let created: SaveResult = answer.get("refAccount").expect("ref").body_as().expect("save result");
    assert_eq!(created.id.as_deref(), Some("001xx000003DGb2AAG"));
    let halted = answer.get("refRead").expect("ref").errors().expect("errors");
    assert_eq!(halted[0].error_code, ErrorCode::ProcessingHalted);
    assert!(answer.get("refAccount").and_then(CompositeSubresponse::errors).is_none());
}

#[test]
fn oauth_answers() {
    let token: TokenResponse = parse(json!({
        "access_token": "00Dxx0000001gPF!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX.LVpxezPwuX5VAIrrbbHMuol7GQxnMeYMN7cj8EoKr22",
        "refresh_token": "5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJvvKyYfVC3FJ5cuMnpaV9NXaKDS7ItUFzSpdkFCjEk7A0g36zq",
        "signature": "CMJ4l+CCaPQiKjoOEwEig9H4wqhpuLSk4J2urAe+fVg=",
        "scope": "refresh_token openid api", "id_token": "eyJraWQiOiIyMjYiLCJ0eXAiOiJKV1Qi",
        "instance_url": "https://yourInstance.my.salesforce.com",
        "id": "https://login.salesforce.com/id/00Dxx0000001gPFEAY/005xx000001Sv6eAAC",
        "token_type": "Bearer", "issued_at": "1278448832702"
    }));
    assert_eq!(token.org_and_user(), Some(("00Dxx0000001gPFEAY", "005xx000001Sv6eAAC")));
    assert_eq!(token.issued_at_millis(), Some(1_278_448_832_702));
    assert!(token.has_scope("api") && !token.has_scope("web"));
    let refreshed: TokenResponse = parse(json!({"access_token": "00D!x", "signature": "s", "instance_url": "https://x", "id": "https://x/id/00D/005",
        "token_type": "Bearer", "issued_at": "1"}));
    assert_eq!((refreshed.refresh_token, refreshed.scope), (None, None));
    let back = serde_json::to_value(&token).expect("json");
    assert_eq!(back["id_token"], "eyJraWQiOiIyMjYiLCJ0eXAiOiJKV1Qi");

    let e: OAuthError = parse(json!({"error": "invalid_grant", "error_description": "expired access/refresh token"}));
    assert_eq!(e.error, "invalid_grant");

    let info: UserInfo = parse(json!({
        "sub": "https://login.salesforce.com/id/00Dxx/005xx", "user_id": "005xx", "organization_id": "00Dxx",
        "preferred_username": "maria@acme.com", "nickname": "maria", "name": "Maria Chen", "email": "maria@acme.com",
        "email_verified": true, "given_name": "Maria", "family_name": "Chen", "zoneinfo": "America/Los_Angeles",
        "photos": {"picture": "https://x/profilephoto/005/F", "thumbnail": "https://x/profilephoto/005/T"},
        "urls": {"rest": "https://x/services/data/v{version}/", "custom_domain": "https://acme.my.salesforce.com", "weird": 3},
        "active": true, "user_type": "STANDARD", "language": "en_US", "locale": "en_US", "utcOffset": -28_800_000,
        "updated_at": "2024-01-01T00:00:00Z", "custom_attributes": {"Team": "West"}
    }));
    assert_eq!(info.urls.get("rest", "62.0").as_deref(), Some("https://x/services/data/v62.0/"));
    assert_eq!((info.utc_offset, info.is_app_installed), (-28_800_000, false));
    assert!(!info.urls.0.contains_key("weird"));

    let identity: Identity = parse(json!({"id": "https://x/id/00D/005", "user_id": "005", "organization_id": "00D",
        "username": "maria@acme.com", "display_name": "Maria Chen", "timezone": "Europe/Berlin", "status": null, "urls": null}));
    assert_eq!((identity.display_name.as_str(), identity.status.body), ("Maria Chen", None));
}

#[test]
fn limits_and_the_usage_header() {
    let limits: Limits = parse(json!({
        "DailyApiRequests": {"Max": 15000, "Remaining": 14998, "Ant Migration Tool": {"Max": 0, "Remaining": 0}},
        "DataStorageMB": {"Max": 5, "Remaining": 5}
    }));
    assert_eq!(limits["DailyApiRequests"].used(), 2);
    assert_eq!(limits["DailyApiRequests"].by_client["Ant Migration Tool"].max, 0);
    assert_eq!(ApiUsage::parse("api-usage=25/15000"), Some(ApiUsage { used: 25, max: 15000 }));
    assert_eq!(ApiUsage::parse("api-usage=18/5000; per-app-api-usage=17/250(appName=sample)").map(ApiUsage::remaining), Some(4982));
    assert_eq!(ApiUsage::parse("per-app-api-usage=17/250(appName=sample)"), None);
    assert_eq!(ApiUsage::parse("api-usage=x/1"), None);
}
