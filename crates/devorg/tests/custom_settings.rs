//! Custom setting access and the hierarchy's locations, on the seeded demo
//! org: a user reads `Sidecar_Settings__c` only with Customize Application,
//! View All Custom Settings (profile checkboxes) or the Sidecar User
//! permission set; anyone else gets exactly what an org without the setting
//! answers (INVALID_TYPE, 404, absent from describeGlobal). Rows are created
//! for a profile or a user through the API, as an admin does.

mod common;

use axum::http::StatusCode;
use salesforce_rest::SfId;
use serde_json::{Value, json};

use common::{Answer, Org, encode};

const BASE: &str = "/services/data/v62.0";

/// Salesforce's INVALID_TYPE for an object the user cannot see, as recorded
/// from real orgs (`shared/fixtures/real-orgs/responses/TestSOQLDatasets.test_dataset_bad_query.json`).
fn invalid_type(soql: &str, object: &str) -> Value {
    let column = soql.find(object).expect("object in query") + 1;
    json!([{
        "message": format!("\n{soql}\n{}^\nERROR at Row:1:Column:{column}\nsObject type '{object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.", " ".repeat(column - 1)),
        "errorCode": "INVALID_TYPE"
    }])
}

fn demo() -> Org {
    let org = Org::new();
    devorg::seed::seed(&org.state.db, &org.state.schema, devorg::seed::Profile::Demo, devorg::seed::today()).expect("seed");
    org
}

fn id_of(org: &Org, sql: &str, param: &str) -> String {
    org.state.db.conn().query_row(sql, [param], |r| r.get(0)).expect(sql)
}

/// A token for the user with `username`.
fn login(org: &Org, username: &str) -> String {
    let id = id_of(org, "SELECT Id FROM sobj_User WHERE Username = ?1", username);
    devorg::auth::issue(&org.state.db.conn(), &SfId::parse(&id).expect("id"), 3600).expect("token")
}

/// A new user of `profile`, created by the admin through the API.
async fn new_user(org: &Org, admin: &str, alias: &str, profile: &str) -> String {
    let body = json!({
        "Username": format!("{alias}@sidecar.devorg"), "LastName": alias, "Alias": alias, "Email": format!("{alias}@sidecar.devorg"),
        "TimeZoneSidKey": "GMT", "LocaleSidKey": "en_US", "LanguageLocaleKey": "en_US", "EmailEncodingKey": "UTF-8", "ProfileId": profile,
    });
    org.create(admin, "User", body).await;
    login(org, &format!("{alias}@sidecar.devorg"))
}

fn names(global: &Answer) -> Vec<String> {
    global.body["sobjects"].as_array().expect("sobjects").iter().filter_map(|o| o["name"].as_str().map(str::to_owned)).collect()
}

#[tokio::test]
async fn who_reads_the_setting() {
    let org = demo();
    let admin = login(&org, devorg::seed::DEMO_ADMIN);
    let standard = id_of(&org, "SELECT Id FROM sobj_Profile WHERE Name = ?1", "Standard User");
    let view_all = org.create(&admin, "Profile", json!({"Name": "Sales Operations", "PermissionsViewAllCustomSettings": true})).await;
    let customize = org.create(&admin, "Profile", json!({"Name": "App Builder", "PermissionsCustomizeApplication": true})).await;
    let cases = [
        ("the admin (System Administrator)", admin.clone(), true),
        ("Ian (Standard User with the Sidecar User permission set)", login(&org, devorg::seed::DEMO_USER_IAN), true),
        ("a Standard User without the permission set", new_user(&org, &admin, "plain", &standard).await, false),
        ("a profile with View All Custom Settings", new_user(&org, &admin, "ops", &view_all).await, true),
        ("a profile with Customize Application", new_user(&org, &admin, "builder", &customize).await, true),
    ];
    let soql = "SELECT SetupOwnerId, Use_Across_The_Web__c FROM Sidecar_Settings__c";
    for (who, token, reads) in cases {
        let answer = org.query(&token, soql).await;
        let global = org.get(&format!("{BASE}/sobjects"), &token).await;
        let describe = org.get(&format!("{BASE}/sobjects/Sidecar_Settings__c/describe"), &token).await;
        if reads {
            assert_eq!(answer.status, StatusCode::OK, "{who}: {}", answer.body);
            assert_eq!(answer.body["totalSize"], 1, "{who}: the org-wide row");
            assert!(names(&global).contains(&"Sidecar_Settings__c".to_owned()), "{who}: in describeGlobal");
            assert_eq!(describe.status, StatusCode::OK, "{who}: describe");
        } else {
            assert_eq!((answer.status, answer.body.clone()), (StatusCode::BAD_REQUEST, invalid_type(soql, "Sidecar_Settings__c")), "{who}");
            // Exactly what an object the org never had answers.
            let nope = "SELECT SetupOwnerId FROM Nope__c";
            assert_eq!(org.query(&token, nope).await.body, invalid_type(nope, "Nope__c"), "{who}");
            assert!(!names(&global).contains(&"Sidecar_Settings__c".to_owned()), "{who}: not in describeGlobal");
            assert!(names(&global).contains(&"Engagement_Event__c".to_owned()), "{who}: other custom objects are");
            assert_eq!((describe.status, describe.body[0]["errorCode"].clone()), (StatusCode::NOT_FOUND, json!("NOT_FOUND")), "{who}");
            let collection = json!({"records": [{"attributes": {"type": "Sidecar_Settings__c"}, "Name": "x"}]}).to_string();
            let create = org.send("POST", &format!("{BASE}/composite/sobjects"), Some(&token), &[], &collection).await;
            assert_eq!((create.status, create.body[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("INVALID_TYPE")), "{who}");
            let search = org.get(&format!("{BASE}/search?q={}", encode("FIND {Sidecar} RETURNING Sidecar_Settings__c")), &token).await;
            assert_eq!((search.status, search.body[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("INVALID_TYPE")), "{who}: search");
        }
    }
}

#[tokio::test]
async fn rows_for_a_profile_and_a_user() {
    let org = demo();
    let admin = login(&org, devorg::seed::DEMO_ADMIN);
    let ian = login(&org, devorg::seed::DEMO_USER_IAN);
    let ian_id = id_of(&org, "SELECT Id FROM sobj_User WHERE Username = ?1", devorg::seed::DEMO_USER_IAN);
    // The rep's profile, as the extension asks it.
    let me = org.query(&ian, &format!("SELECT ProfileId, Profile.Name FROM User WHERE Id = '{ian_id}'")).await;
    assert_eq!(me.body["records"][0]["Profile"]["Name"], "Standard User", "{}", me.body);
    let profile = me.body["records"][0]["ProfileId"].as_str().expect("ProfileId").to_owned();
    assert!(profile.starts_with("00e"), "{profile}");

    org.create(&admin, "Sidecar_Settings__c", json!({"Name": "Standard User", "SetupOwnerId": profile, "Use_Across_The_Web__c": false})).await;
    org.create(&admin, "Sidecar_Settings__c", json!({"Name": "Ian", "SetupOwnerId": ian_id, "Use_Across_The_Web__c": true})).await;
    let soql =
        format!("SELECT SetupOwnerId, Use_Across_The_Web__c FROM Sidecar_Settings__c WHERE SetupOwnerId IN ('{ian_id}', '{profile}') ORDER BY SetupOwnerId");
    let rows = org.query(&ian, &soql).await;
    let got: Vec<(String, bool)> = rows.body["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| (r["SetupOwnerId"].as_str().unwrap_or_default()[..3].to_owned(), r["Use_Across_The_Web__c"].as_bool().unwrap_or_default()))
        .collect();
    assert_eq!(got, [("005".to_owned(), true), ("00e".to_owned(), false)]);

    // A location is a profile or a user (or the org, seeded): not an account.
    let account = id_of(&org, "SELECT Id FROM sobj_Account WHERE Name = ?1", "Acme Robotics");
    let body = json!({"Name": "Acme", "SetupOwnerId": account}).to_string();
    let refused = org.send("POST", &format!("{BASE}/sobjects/Sidecar_Settings__c"), Some(&admin), &[], &body).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.body[0]["errorCode"], "FIELD_INTEGRITY_EXCEPTION", "{}", refused.body);

    // Every user has a profile.
    let body = json!({"Username": "np@sidecar.devorg", "LastName": "Np", "Alias": "np", "Email": "np@sidecar.devorg", "TimeZoneSidKey": "GMT",
        "LocaleSidKey": "en_US", "LanguageLocaleKey": "en_US", "EmailEncodingKey": "UTF-8"})
    .to_string();
    let missing = org.send("POST", &format!("{BASE}/sobjects/User"), Some(&admin), &[], &body).await;
    assert_eq!(missing.body, json!([{"message": "Required fields are missing: [ProfileId]", "errorCode": "REQUIRED_FIELD_MISSING", "fields": ["ProfileId"]}]));
}
