//! What My Feed reads on a real org, in devorg: EmailMessage's own tracking
//! fields, who an email is to through EmailMessageRelation, ownership changes
//! from the field history objects (LeadHistory, OpportunityFieldHistory...),
//! and an org without Sidecar's Engagement_Event__c (`--without`).

mod common;

use axum::http::StatusCode;
use common::Org;
use serde_json::{Value, json};

const V: &str = "/services/data/v62.0";

/// Two users with names: ids 005…1 (Ian Wright) and 005…2 (Leo Park),
/// created by an admin (005…9), and their tokens.
async fn people(org: &Org) -> (String, String, String) {
    let admin = org.token(9, true);
    let profile = org.create(&admin, "Profile", json!({"Name": "Standard User"})).await;
    for (first, last, user) in [("Ian", "Wright", "ian"), ("Leo", "Park", "leo")] {
        let body = json!({
            "FirstName": first, "LastName": last, "Username": format!("{user}@x.example"), "Email": format!("{user}@x.example"),
            "Alias": user, "TimeZoneSidKey": "GMT", "LocaleSidKey": "en_US", "LanguageLocaleKey": "en_US",
            "EmailEncodingKey": "UTF-8", "ProfileId": profile,
        });
        org.create(&admin, "User", body).await;
    }
    (org.token(1, false), org.token(2, false), admin)
}

fn user_id(n: u64) -> String {
    salesforce_rest::SfId::mint("005", n).expect("id").to_string()
}

fn records(a: &common::Answer) -> Vec<Value> {
    a.body["records"].as_array().cloned().unwrap_or_else(|| panic!("{}", a.body))
}

#[tokio::test]
async fn an_owner_change_writes_a_names_row_and_an_ids_row() {
    let org = Org::new();
    let (ian, leo, _) = people(&org).await;
    let lead = org.create(&leo, "Lead", json!({"LastName": "Alvarez", "Company": "Northwind"})).await;
    // An update that leaves the owner alone writes no history.
    let a = org.send("PATCH", &format!("{V}/sobjects/Lead/{lead}"), Some(&leo), &[], &json!({"Title": "Buyer"}).to_string()).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.body);
    let soql =
        format!("SELECT LeadId, Field, DataType, OldValue, NewValue, CreatedById, CreatedDate FROM LeadHistory WHERE LeadId = '{lead}' ORDER BY DataType DESC");
    assert_eq!(org.query(&leo, &soql).await.body["totalSize"], 0);

    // Leo gives the lead to Ian.
    let a = org.send("PATCH", &format!("{V}/sobjects/Lead/{lead}"), Some(&leo), &[], &json!({"OwnerId": user_id(1)}).to_string()).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.body);
    let a = org.query(&ian, &soql).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let rows = records(&a);
    assert_eq!(rows.len(), 2, "{}", a.body);
    let values: Vec<Value> = rows.iter().map(|r| json!([r["LeadId"], r["Field"], r["DataType"], r["OldValue"], r["NewValue"], r["CreatedById"]])).collect();
    assert_eq!(
        values,
        [json!([lead, "Owner", "Text", "Leo Park", "Ian Wright", user_id(2)]), json!([lead, "Owner", "EntityId", user_id(2), user_id(1), user_id(2)])]
    );
    let created = rows[0]["CreatedDate"].as_str().expect("CreatedDate");
    assert!(created.ends_with("+0000") && created.len() == 28, "{created}");
    assert_eq!(rows[0]["attributes"]["type"], "LeadHistory");
    assert!(rows[0]["attributes"]["url"].as_str().is_some_and(|u| u.contains("/sobjects/LeadHistory/017")), "{}", rows[0]);
    // The same through the parent: Lead's Histories.
    let a =
        org.query(&ian, &format!("SELECT Name, (SELECT NewValue FROM Histories WHERE Field = 'Owner' ORDER BY NewValue) FROM Lead WHERE Id = '{lead}'")).await;
    assert_eq!(a.body["records"][0]["Histories"]["totalSize"], 2, "{}", a.body);
}

#[tokio::test]
async fn collections_and_composite_updates_write_history_too() {
    let org = Org::new();
    let (ian, leo, _) = people(&org).await;
    let opp = org.create(&leo, "Opportunity", json!({"Name": "Pilot", "StageName": "Prospecting", "CloseDate": "2030-01-31"})).await;
    let contact = org.create(&leo, "Contact", json!({"LastName": "Chen"})).await;
    let body = json!({"allOrNone": true, "records": [
        {"attributes": {"type": "Opportunity"}, "id": opp, "OwnerId": user_id(1)},
        {"attributes": {"type": "Contact"}, "id": contact, "OwnerId": user_id(1)},
    ]});
    let a = org.send("PATCH", &format!("{V}/composite/sobjects"), Some(&leo), &[], &body.to_string()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let a =
        org.query(&ian, &format!("SELECT OpportunityId, NewValue FROM OpportunityFieldHistory WHERE OpportunityId = '{opp}' AND DataType = 'EntityId'")).await;
    assert_eq!(a.body["records"][0]["NewValue"], json!(user_id(1)), "{}", a.body);
    let a = org.query(&ian, &format!("SELECT ContactId FROM ContactHistory WHERE ContactId = '{contact}'")).await;
    assert_eq!(a.body["totalSize"], 2, "{}", a.body);

    let case = org.create(&ian, "Case", json!({"Subject": "Arm stuck"})).await;
    let body = json!({"compositeRequest": [
        {"method": "PATCH", "url": format!("{V}/sobjects/Case/{case}"), "referenceId": "give", "body": {"OwnerId": user_id(2)}},
    ]});
    let a = org.send("POST", &format!("{V}/composite"), Some(&ian), &[], &body.to_string()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["compositeResponse"][0]["httpStatusCode"], 204, "{}", a.body);
    let a = org.query(&leo, &format!("SELECT OldValue FROM CaseHistory WHERE CaseId = '{case}' AND DataType = 'Text'")).await;
    assert_eq!(a.body["records"][0]["OldValue"], "Ian Wright", "{}", a.body);
    // A history row is read as its parent is: Opportunity and Case are
    // private, so the previous owner no longer sees the case's history.
    let a = org.query(&ian, &format!("SELECT Id FROM CaseHistory WHERE CaseId = '{case}'")).await;
    assert_eq!(a.body["totalSize"], 0, "{}", a.body);
}

#[tokio::test]
async fn history_objects_are_read_only_and_new_value_is_not_filterable() {
    let org = Org::new();
    let (ian, _, admin) = people(&org).await;
    let lead = org.create(&ian, "Lead", json!({"LastName": "Okafor", "Company": "Acme"})).await;
    let body = json!({"LeadId": lead, "Field": "Owner", "OldValue": "a", "NewValue": "b"}).to_string();
    let a = org.send("POST", &format!("{V}/sobjects/LeadHistory"), Some(&admin), &[], &body).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert_eq!(a.body[0]["errorCode"], "INVALID_TYPE_FOR_OPERATION", "{}", a.body);
    assert_eq!(a.body[0]["message"], "entity type cannot be inserted: Lead History");

    let a = org.query(&ian, "SELECT Id FROM LeadHistory WHERE NewValue = 'x'").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert_eq!(a.body[0]["errorCode"], "INVALID_FIELD");
    assert!(a.body[0]["message"].as_str().is_some_and(|m| m.ends_with("field 'NewValue' can not be filtered in a query call")), "{}", a.body);
    let a = org.query(&ian, "SELECT Id, NewValue FROM LeadHistory WHERE Field = 'Owner' ORDER BY NewValue").await;
    assert_eq!(a.status, StatusCode::OK, "sortable: {}", a.body);

    let d = org.get(&format!("{V}/sobjects/LeadHistory/describe"), &ian).await;
    assert_eq!((d.body["createable"].clone(), d.body["updateable"].clone(), d.body["deletable"].clone()), (json!(false), json!(false), json!(false)));
    let field = |name: &str| d.body["fields"].as_array().and_then(|f| f.iter().find(|f| f["name"] == name)).cloned().unwrap_or(Value::Null);
    let new = field("NewValue");
    assert_eq!(
        [&new["type"], &new["nillable"], &new["filterable"], &new["sortable"], &new["groupable"]],
        [&json!("anyType"), &json!(true), &json!(false), &json!(true), &json!(false)]
    );
    assert_eq!(new["soapType"], "xsd:anyType");
    assert_eq!(field("Field")["filterable"], true);
    assert_eq!(field("LeadId")["relationshipName"], "Lead");
    for absent in ["OwnerId", "LastModifiedDate", "LastModifiedById", "SystemModstamp"] {
        assert_eq!(field(absent), Value::Null, "{absent}");
    }
    let global = org.get(&format!("{V}/sobjects"), &ian).await;
    let entry = global.body["sobjects"].as_array().and_then(|s| s.iter().find(|o| o["name"] == "LeadHistory")).cloned().expect("LeadHistory");
    assert_eq!((entry["keyPrefix"].clone(), entry["createable"].clone()), (Value::Null, json!(false)));
    let lead_describe = org.get(&format!("{V}/sobjects/Lead/describe"), &ian).await;
    let histories = lead_describe.body["childRelationships"].as_array().and_then(|c| c.iter().find(|r| r["childSObject"] == "LeadHistory")).cloned();
    assert_eq!(histories.map(|r| (r["field"].clone(), r["relationshipName"].clone())), Some((json!("LeadId"), json!("Histories"))));
}

#[tokio::test]
async fn email_relations_answer_the_recipient_by_polymorphic_name() {
    let org = Org::new();
    let (ian, _, _) = people(&org).await;
    let acme = org.create(&ian, "Account", json!({"Name": "Acme Robotics"})).await;
    let maria = org.create(&ian, "Contact", json!({"FirstName": "Maria", "LastName": "Chen", "AccountId": acme, "Email": "maria@acme.example"})).await;
    let sofia = org.create(&ian, "Lead", json!({"FirstName": "Sofia", "LastName": "Alvarez", "Company": "Northwind", "Email": "sofia@nw.example"})).await;
    // RelatedToId may not name a person: the real describe allows no Contact or Lead.
    let a = org.send("POST", &format!("{V}/sobjects/EmailMessage"), Some(&ian), &[], &json!({"Subject": "x", "RelatedToId": maria}).to_string()).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    let email = org
        .create(
            &ian,
            "EmailMessage",
            json!({"Subject": "Pricing", "IsTracked": true, "RelatedToId": acme, "MessageIdentifier": "<1@x>", "ThreadIdentifier": "<1@x>"}),
        )
        .await;
    for (who, kind) in [(user_id(1), "FromAddress"), (maria.clone(), "ToAddress"), (sofia.clone(), "CcAddress")] {
        org.create(&ian, "EmailMessageRelation", json!({"EmailMessageId": email, "RelationId": who, "RelationType": kind})).await;
    }
    let a = org
        .query(
            &ian,
            "SELECT Id, IsOpened, (SELECT RelationId, RelationObjectType, RelationType, RelationAddress, Relation.Name FROM EmailMessageRelations WHERE RelationType = 'ToAddress') FROM EmailMessage",
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let email_row = &records(&a)[0];
    assert_eq!(email_row["IsOpened"], false, "defaults to false");
    let relations = &email_row["EmailMessageRelations"];
    assert_eq!(relations["totalSize"], 1, "{}", a.body);
    let to = &relations["records"][0];
    assert_eq!(
        [&to["RelationId"], &to["RelationObjectType"], &to["RelationType"], &to["RelationAddress"], &to["Relation"]["Name"]],
        [&json!(maria), &json!("Contact"), &json!("ToAddress"), &json!("maria@acme.example"), &json!("Maria Chen")]
    );
    assert_eq!(to["Relation"]["attributes"]["type"], "Contact", "{to}");
    // The same as a plain query, for every kind of person.
    let a = org.query(&ian, "SELECT RelationObjectType, Relation.Name, RelationAddress FROM EmailMessageRelation ORDER BY RelationType DESC").await;
    let rows: Vec<Value> = records(&a).iter().map(|r| json!([r["RelationObjectType"], r["Relation"]["Name"], r["RelationAddress"]])).collect();
    assert_eq!(
        rows,
        // Picklists sort in their values' order (ToAddress, CcAddress, BccAddress, FromAddress).
        [
            json!(["User", "Ian Wright", "ian@x.example"]),
            json!(["Lead", "Sofia Alvarez", "sofia@nw.example"]),
            json!(["Contact", "Maria Chen", "maria@acme.example"])
        ]
    );
    // RelationObjectType is computed; RelationType is a restricted picklist.
    let refused = json!({"EmailMessageId": email, "RelationId": maria, "RelationType": "ToAddress", "RelationObjectType": "Lead"});
    let a = org.send("POST", &format!("{V}/sobjects/EmailMessageRelation"), Some(&ian), &[], &refused.to_string()).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    let refused = json!({"EmailMessageId": email, "RelationId": maria, "RelationType": "ReplyTo"});
    let a = org.send("POST", &format!("{V}/sobjects/EmailMessageRelation"), Some(&ian), &[], &refused.to_string()).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);

    // devorg lets a client mark a sent email opened (Salesforce does not, see objects.toml).
    let opened = json!({"IsOpened": true, "FirstOpenedDate": "2026-03-01T10:00:00.000+0000", "LastOpenedDate": "2026-03-02T10:00:00.000+0000"});
    let a = org.send("PATCH", &format!("{V}/sobjects/EmailMessage/{email}"), Some(&ian), &[], &opened.to_string()).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.body);

    let d = org.get(&format!("{V}/sobjects/EmailMessage/describe"), &ian).await;
    let child = d.body["childRelationships"].as_array().and_then(|c| c.iter().find(|r| r["childSObject"] == "EmailMessageRelation")).cloned();
    assert_eq!(child.map(|r| (r["field"].clone(), r["relationshipName"].clone())), Some((json!("EmailMessageId"), json!("EmailMessageRelations"))));
    let field = |name: &str| d.body["fields"].as_array().and_then(|f| f.iter().find(|f| f["name"] == name)).cloned().unwrap_or(Value::Null);
    assert_eq!((field("ActivityId")["referenceTo"].clone(), field("ActivityId")["relationshipName"].clone()), (json!(["Task"]), Value::Null));
    assert_eq!((field("FromId")["referenceTo"].clone(), field("FromId")["relationshipName"].clone()), (json!(["Contact", "Lead", "User"]), Value::Null));
    assert_eq!(field("RelatedToId")["referenceTo"], json!(["Account", "Opportunity", "Case", "Contract"]));
    assert_eq!(field("ParentId")["relationshipName"], "Parent");
    let relation = org.get(&format!("{V}/sobjects/EmailMessageRelation/describe"), &ian).await;
    let rfield = |name: &str| relation.body["fields"].as_array().and_then(|f| f.iter().find(|f| f["name"] == name)).cloned().unwrap_or(Value::Null);
    assert_eq!((rfield("RelationObjectType")["createable"].clone(), rfield("RelationObjectType")["updateable"].clone()), (json!(false), json!(false)));
    assert_eq!(rfield("RelationId")["relationshipName"], "Relation");
    assert_eq!(rfield("OwnerId"), Value::Null, "not owned");
    assert_eq!(rfield("LastModifiedDate"), Value::Null, "the field reference lists no LastModified*");
}

#[tokio::test]
async fn without_removes_an_object_for_everyone_and_the_demo_still_seeds() {
    let schema = devorg::schema::Schema::builtin().expect("schema").without(&["Engagement_Event__c".to_owned()]).expect("without");
    let org = Org::with_schema(schema.clone());
    let admin = org.token(1, true);
    let global = org.get(&format!("{V}/sobjects"), &admin).await;
    let names: Vec<&str> = global.body["sobjects"].as_array().expect("sobjects").iter().filter_map(|o| o["name"].as_str()).collect();
    assert!(!names.contains(&"Engagement_Event__c") && names.contains(&"EmailMessage"), "{names:?}");
    let d = org.get(&format!("{V}/sobjects/Engagement_Event__c/describe"), &admin).await;
    assert_eq!((d.status, d.body[0]["errorCode"].clone()), (StatusCode::NOT_FOUND, json!("NOT_FOUND")), "{}", d.body);
    let q = org.query(&admin, "SELECT Id FROM Engagement_Event__c").await;
    assert_eq!((q.status, q.body[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("INVALID_TYPE")), "{}", q.body);
    let contact = org.get(&format!("{V}/sobjects/Contact/describe"), &admin).await;
    let rels: Vec<&str> = contact.body["childRelationships"].as_array().expect("rels").iter().filter_map(|r| r["relationshipName"].as_str()).collect();
    assert!(!rels.contains(&"Engagement_Events__r") && rels.contains(&"EmailMessageRelations"), "{rels:?}");

    // The demo seeds without it, relations and history included.
    let dir = tempfile::tempdir().expect("dir");
    let db = devorg::Db::open(&dir.path().join("org.sqlite")).expect("db");
    let summary = devorg::seed::seed(&db, &schema, devorg::seed::Profile::Demo, devorg::seed::today()).expect("seed");
    assert_eq!(summary.count("Engagement_Event__c"), 0);
    assert!(summary.count("EmailMessageRelation") > 40 && summary.count("LeadHistory") == 2, "{summary}");

    // Objects that need a removed one go with it; devorg cannot run without a user.
    let schema = devorg::schema::Schema::builtin().expect("schema").without(&["EmailMessage".to_owned()]).expect("without");
    assert!(schema.object("EmailMessageRelation").is_none());
    assert!(schema.object("Engagement_Event__c").is_some_and(|o| o.field("Email_Message__c").is_none()));
    assert!(devorg::schema::Schema::builtin().expect("schema").without(&["User".to_owned()]).is_err());
    assert!(devorg::schema::Schema::builtin().expect("schema").without(&["Nope__c".to_owned()]).is_err());
}
