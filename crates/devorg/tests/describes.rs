//! `--describes DIR`: objects defined by describes recorded from real orgs
//! (`shared/fixtures/real-orgs/`). Describe answers what the org recorded,
//! partial recordings are completed with Salesforce's defaults, the demo seed
//! fills whatever schema is loaded, and bad folders are refused with words
//! that say which file and why.

mod common;

use axum::http::StatusCode;
use common::{Org, real_org_folders, real_orgs};
use devorg::schema::Schema;
use serde_json::{Value, json};

fn recorded(folder: &str, object: &str) -> Value {
    let text = std::fs::read_to_string(real_orgs().join(folder).join(format!("{object}.json"))).expect("describe");
    serde_json::from_str(&text).expect("json")
}

fn field<'a>(describe: &'a Value, name: &str) -> &'a Value {
    describe["fields"].as_array().expect("fields").iter().find(|f| f["name"] == name).unwrap_or_else(|| panic!("no field {name}"))
}

#[test]
fn every_real_org_folder_loads_and_seeds() {
    for dir in real_org_folders() {
        let schema = Schema::with_describes(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for name in devorg::schema::described::object_names(&dir) {
            let o = schema.object(&name).unwrap_or_else(|| panic!("{name} from {}", dir.display()));
            assert!(o.described.is_some(), "{name} is the described one");
        }
        let db = devorg::Db::in_memory().expect("db");
        db.apply_schema(&schema).expect("tables");
        let summary = devorg::seed::seed(&db, &schema, devorg::seed::Profile::Demo, devorg::seed::today())
            .unwrap_or_else(|e| panic!("demo seed on {}: {e}", dir.display()));
        assert!(summary.to_string().contains("Opportunity"), "{summary}");
        let ian = devorg::oauth::user_by_username(&db.conn(), devorg::seed::DEMO_USER_IAN).expect("query");
        assert!(ian.is_some(), "{}: Ian is an active user who can log in", dir.display());
    }
}

#[tokio::test]
async fn a_full_describe_is_answered_as_recorded() {
    let org = Org::with_schema(Schema::with_describes(&real_orgs().join("cumulusci-2020-v48")).expect("schema"));
    let token = org.token(1, true);
    let answer = org.get("/services/data/v62.0/sobjects/Opportunity/describe", &token).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let want = recorded("cumulusci-2020-v48", "Opportunity");
    let names = |d: &Value| d["fields"].as_array().expect("fields").iter().map(|f| f["name"].clone()).collect::<Vec<_>>();
    assert_eq!(names(&answer.body), names(&want), "the org's fields, in its order");
    for want_field in want["fields"].as_array().expect("fields") {
        let got = field(&answer.body, want_field["name"].as_str().expect("name"));
        for (key, value) in want_field.as_object().expect("field") {
            assert_eq!(&got[key], value, "Opportunity.{}.{key}", want_field["name"]);
        }
    }
    // The org's own answers, which devorg's declaration got wrong or lacked.
    assert_eq!(field(&answer.body, "Description")["filterable"], false);
    assert_eq!(field(&answer.body, "HasOpenActivity")["sortable"], false);
    assert_eq!(field(&answer.body, "Pricebook2Id")["referenceTo"], json!(["Pricebook2"]), "an object devorg does not declare");
    assert_eq!(answer.body["keyPrefix"], "006");
    assert_eq!(answer.body["urls"]["describe"], "/services/data/v62.0/sobjects/Opportunity/describe", "devorg's own paths");
    // Sidecar's custom object still hangs off the recorded Account.
    let account = org.get("/services/data/v62.0/sobjects/Account/describe", &token).await.body;
    let rels: Vec<&str> = account["childRelationships"].as_array().expect("rels").iter().filter_map(|r| r["relationshipName"].as_str()).collect();
    assert!(rels.contains(&"Engagement_Events__r") && rels.contains(&"Contacts"), "{rels:?}");
}

#[tokio::test]
async fn a_described_org_serves_records_of_its_shape() {
    let org = Org::with_schema(Schema::with_describes(&real_orgs().join("cumulusci-2020-v48")).expect("schema"));
    let token = org.token(1, true);
    // Required as the org says: Name, StageName and CloseDate (createable, not nillable, not defaulted).
    let missing = org.send("POST", "/services/data/v62.0/sobjects/Opportunity", Some(&token), &[], r#"{"Name":"Deal"}"#).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.body[0]["errorCode"], "REQUIRED_FIELD_MISSING", "{}", missing.body);
    assert_eq!(missing.body[0]["fields"], json!(["StageName", "CloseDate"]));
    let id = org.create(&token, "Opportunity", json!({"Name": "Deal", "StageName": "Prospecting", "CloseDate": "2026-12-31", "NextStep": "Call"})).await;
    let read = org.get(&format!("/services/data/v62.0/sobjects/Opportunity/{id}"), &token).await;
    assert_eq!(read.body["NextStep"], "Call");
    assert_eq!(read.body["IsClosed"], false, "devorg still computes what Salesforce computes");
    // A field only devorg's declaration had is not in an org whose Lead is recorded.
    let org = Org::with_schema(Schema::with_describes(&real_orgs().join("cumulusci-2024-v59")).expect("schema"));
    let token = org.token(1, true);
    let bad = org
        .send(
            "POST",
            "/services/data/v62.0/sobjects/Lead",
            Some(&token),
            &[],
            r#"{"LastName":"X","Company":"Y","LinkedIn_URL__c":"https://www.linkedin.com/in/x"}"#,
        )
        .await;
    assert_eq!((bad.status, bad.body[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("INVALID_FIELD")), "{}", bad.body);
}

#[tokio::test]
async fn a_partial_describe_is_completed_with_salesforce_defaults() {
    let dir = real_orgs().join("lwr-2024-projection");
    let org = Org::with_schema(Schema::with_describes(&dir).expect("schema"));
    let token = org.token(1, true);
    let d = org.get("/services/data/v62.0/sobjects/Opportunity/describe", &token).await.body;
    // Recorded keys as recorded...
    assert_eq!(field(&d, "HasOverdueTask")["filterable"], false);
    assert_eq!(field(&d, "Amount")["groupable"], false);
    // ...and the ones the recording dropped, completed.
    assert_eq!(d["keyPrefix"], "006", "from devorg's declaration");
    assert_eq!(field(&d, "Name")["nameField"], true);
    assert_eq!(field(&d, "Id")["createable"], false);
    assert_eq!(field(&d, "IsClosed")["updateable"], false, "devorg's declaration: computed");
    assert_eq!(field(&d, "NextStep")["createable"], true);
    assert_eq!(field(&d, "AccountId")["length"], 18);
    assert_eq!(field(&d, "LastAmountChangedHistoryId")["referenceTo"], json!(["OpportunityHistory"]));
    // Objects devorg never declared get their standard key prefix and name field.
    let event = org.get("/services/data/v62.0/sobjects/Event/describe", &token).await.body;
    assert_eq!(event["keyPrefix"], "00U");
    assert_eq!(field(&event, "Subject")["nameField"], true, "Event has no Name: Subject names it");
    let case = org.get("/services/data/v62.0/sobjects/Case/describe", &token).await.body;
    assert_eq!(field(&case, "CaseNumber")["nameField"], true);
}

#[test]
fn the_cli_wrapper_is_accepted_and_bad_folders_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let lead = recorded("cumulusci-2024-v59", "Lead");
    std::fs::write(dir.path().join("Lead.json"), json!({"status": 0, "result": lead, "warnings": []}).to_string()).expect("write");
    let schema = Schema::with_describes(dir.path()).expect("sf sobject describe --json output loads");
    assert!(schema.object("Lead").and_then(|o| o.field("LinkedIn_URL__c")).is_none(), "the org's Lead, not devorg's");

    let cases: [(&str, &str, &str); 3] = [
        ("Broken.json", "{not json", "Broken.json: not JSON"),
        ("NoId.json", r#"{"name":"NoId__c","keyPrefix":"a9Z","fields":[{"name":"Name","type":"string"}]}"#, "NoId__c has no Id field"),
        ("Mystery.json", r#"{"name":"Mystery","fields":[{"name":"Id","type":"id"}]}"#, "the describe has no keyPrefix and devorg knows none for it"),
    ];
    for (file, body, want) in cases {
        let bad = tempfile::tempdir().expect("dir");
        std::fs::write(bad.path().join(file), body).expect("write");
        let err = Schema::with_describes(bad.path()).map(drop).expect_err(file).to_string();
        assert!(err.contains(want) && err.contains(file), "{file}: {err}");
    }
    // A type devorg has no rules for loads, and describe answers it as recorded.
    let odd = tempfile::tempdir().expect("dir");
    std::fs::write(
        odd.path().join("Odd__c.json"),
        r#"{"name":"Odd__c","keyPrefix":"a9Y","fields":[{"name":"Id","type":"id"},{"name":"Topic__c","type":"datacategorygroupreference"}]}"#,
    )
    .expect("write");
    let schema = Schema::with_describes(odd.path()).expect("an unknown type loads");
    let topic = schema.object("Odd__c").and_then(|o| o.field("Topic__c")).expect("field");
    assert_eq!(devorg::schema::describe::field(schema.object("Odd__c").expect("o"), topic)["type"], "datacategorygroupreference");

    let empty = tempfile::tempdir().expect("dir");
    let err = Schema::with_describes(empty.path()).map(drop).expect_err("empty").to_string();
    assert!(err.contains("no <Object>.json describe"), "{err}");
}

#[test]
fn a_database_made_with_another_schema_gains_the_new_columns() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("org.sqlite");
    let builtin = Schema::builtin().expect("schema");
    devorg::Db::open(&path).expect("db").apply_schema(&builtin).expect("tables");
    let real = Schema::with_describes(&real_orgs().join("lwr-2024-projection")).expect("schema");
    let db = devorg::Db::open(&path).expect("db");
    db.apply_schema(&real).expect("the same file opens with the real org's schema");
    let conn = db.conn();
    let columns: Vec<String> = conn
        .prepare("PRAGMA table_info(\"sobj_Opportunity\")")
        .expect("pragma")
        .query_map([], |r| r.get(1))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("columns");
    assert!(columns.iter().any(|c| c == "LastAmountChangedHistoryId"), "{columns:?}");
}

#[tokio::test]
async fn compound_addresses_are_read_as_salesforce_returns_them() {
    let org = Org::with_schema(Schema::with_describes(&real_orgs().join("cumulusci-2020-v48")).expect("schema"));
    let token = org.token(1, true);
    let id = org.create(&token, "Account", json!({"Name": "Acme", "BillingStreet": "1 Main St", "BillingCity": "Springfield", "BillingLatitude": 37.5})).await;
    let read = org.get(&format!("/services/data/v62.0/sobjects/Account/{id}"), &token).await.body;
    let address = &read["BillingAddress"];
    assert_eq!(
        (address["street"].clone(), address["city"].clone(), address["latitude"].clone()),
        (json!("1 Main St"), json!("Springfield"), json!(37.5)),
        "{address}"
    );
    for key in ["state", "postalCode", "country", "longitude", "geocodeAccuracy"] {
        assert!(address.get(key).is_some_and(Value::is_null), "{key} is there, empty: {address}");
    }
    assert_eq!(read["ShippingAddress"], Value::Null, "no component set");
    let rows = org.query(&token, &format!("SELECT BillingAddress FROM Account WHERE Id = '{id}'")).await.body;
    assert_eq!(rows["records"][0]["BillingAddress"]["postalCode"], Value::Null, "{rows}");
    assert_eq!(rows["records"][0]["BillingAddress"]["street"], "1 Main St");
    // Compound fields are read-only: the org says so, and refuses a write.
    let write = org.send("PATCH", &format!("/services/data/v62.0/sobjects/Account/{id}"), Some(&token), &[], r#"{"BillingAddress":{"street":"x"}}"#).await;
    assert_eq!(write.status, StatusCode::BAD_REQUEST, "{}", write.body);
}
