//! What the Salesforce CLI needs from an org, in-process against a real
//! SQLite file: sObject Tree (`composite/tree/{Object}`: nested children by
//! child relationship name, reference ids, the 200-record limit, all or
//! none), a doubled slash after the host, the Organization row, the Tooling
//! API query for sandboxes and the column metadata of `query?columns=true`.

mod common;

use axum::http::StatusCode;
use common::Org;
use serde_json::{Value, json};

const V: &str = "/services/data/v62.0";

fn count(org: &Org, object: &str, name_like: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM \"sobj_{object}\" WHERE \"IsDeleted\" = 0 AND (\"Name\" LIKE ?1 OR ?2 = 'Contact')");
    org.state.db.conn().query_row(&sql, [name_like, object], |r| r.get(0)).expect("count")
}

async fn tree(org: &Org, token: &str, object: &str, body: &Value) -> common::Answer {
    org.send("POST", &format!("{V}/composite/tree/{object}"), Some(token), &[], &body.to_string()).await
}

fn account(reference: &str, name: &str) -> Value {
    json!({"attributes": {"type": "Account", "referenceId": reference}, "Name": name})
}

#[tokio::test]
async fn tree_creates_nested_records_and_answers_with_their_ids() {
    let org = Org::new();
    let token = org.token(1, false);
    // The guide's "Create Nested Records" example: field names in any case,
    // children under the child relationship name.
    let body = json!({"records": [
        {"attributes": {"type": "Account", "referenceId": "ref1"}, "name": "SampleAccount", "phone": "1234567890", "industry": "Banking",
         "Contacts": {"records": [
            {"attributes": {"type": "Contact", "referenceId": "ref2"}, "lastname": "Smith", "title": "President", "email": "sample@salesforce.com"},
            {"attributes": {"type": "Contact", "referenceId": "ref3"}, "lastname": "Evans", "title": "Vice President"}]}},
        {"attributes": {"type": "Account", "referenceId": "ref4"}, "name": "SampleAccount2",
         "Opportunities": {"records": [
            {"attributes": {"type": "Opportunity", "referenceId": "ref5"}, "Name": "Big Deal", "StageName": "Prospecting", "CloseDate": "2030-01-31"}]},
         "ChildAccounts": {"records": [
            {"attributes": {"type": "Account", "referenceId": "ref6"}, "Name": "SampleChildAccount1",
             "Contacts": {"records": [{"attributes": {"type": "Contact", "referenceId": "ref7"}, "LastName": "Jones"}]}}]}}
    ]});
    let answer = tree(&org, &token, "Account", &body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    assert_eq!(answer.body["hasErrors"], false);
    let results = answer.body["results"].as_array().expect("results");
    // Roots first, then second-level records, each level in request order.
    let refs: Vec<&str> = results.iter().map(|r| r["referenceId"].as_str().expect("ref")).collect();
    assert_eq!(refs, ["ref1", "ref4", "ref2", "ref3", "ref5", "ref6", "ref7"]);
    for r in results {
        assert_eq!(r.as_object().expect("object").keys().collect::<Vec<_>>(), ["referenceId", "id"], "only referenceId and id, in the guide's order: {r}");
    }
    let id = |reference: &str| results.iter().find(|r| r["referenceId"] == reference).and_then(|r| r["id"].as_str()).expect("id").to_owned();
    assert!(id("ref1").starts_with("001") && id("ref2").starts_with("003") && id("ref5").starts_with("006"));

    let contacts = org.query(&token, &format!("SELECT LastName, Title, Account.Name FROM Contact WHERE AccountId = '{}' ORDER BY LastName", id("ref1"))).await;
    let rows: Vec<(&str, &str, &str)> = contacts.body["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| (r["LastName"].as_str().expect("n"), r["Title"].as_str().expect("t"), r["Account"]["Name"].as_str().expect("a")))
        .collect();
    assert_eq!(rows, [("Evans", "Vice President", "SampleAccount"), ("Smith", "President", "SampleAccount")]);
    let deal = org.get(&format!("{V}/sobjects/Opportunity/{}?fields=AccountId,Name", id("ref5")), &token).await;
    assert_eq!(deal.body["AccountId"], id("ref4"));
    let child = org.get(&format!("{V}/sobjects/Account/{}?fields=ParentId", id("ref6")), &token).await;
    assert_eq!(child.body["ParentId"], id("ref4"), "a child account under ChildAccounts");
    let grandchild = org.get(&format!("{V}/sobjects/Contact/{}?fields=AccountId", id("ref7")), &token).await;
    assert_eq!(grandchild.body["AccountId"], id("ref6"), "three levels");
}

#[tokio::test]
async fn a_failing_record_rolls_back_the_whole_request_and_is_the_only_result() {
    let org = Org::new();
    let token = org.token(1, false);
    let body = json!({"records": [
        account("good1", "Rollback Good"),
        {"attributes": {"type": "Account", "referenceId": "parent2"}, "Name": "Rollback Parent",
         "Contacts": {"records": [{"attributes": {"type": "Contact", "referenceId": "child1"}, "FirstName": "No Last Name"}]}}
    ]});
    let answer = tree(&org, &token, "Account", &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert_eq!(
        answer.body,
        json!({"hasErrors": true, "results": [{"referenceId": "child1", "errors": [
            {"statusCode": "REQUIRED_FIELD_MISSING", "message": answer.body["results"][0]["errors"][0]["message"], "fields": ["LastName"]}]}]})
    );
    assert_eq!(count(&org, "Account", "Rollback%"), 0, "the accounts created before the failure are gone");
    assert_eq!(count(&org, "Contact", ""), 0);
}

#[tokio::test]
async fn an_unknown_field_fails_the_request_with_invalid_field() {
    let org = Org::new();
    let token = org.token(1, false);
    let body = json!({"records": [account("ok", "Field Check Ok"), {"attributes": {"type": "Account", "referenceId": "bad"}, "Name": "X", "Nope__c": 1}]});
    let answer = tree(&org, &token, "Account", &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body[0]["errorCode"], "INVALID_FIELD", "{}", answer.body);
    // The CLI reads the field between quotes and the object as the last word.
    let message = answer.body[0]["message"].as_str().expect("message");
    assert_eq!(message.split('\'').nth(1), Some("Nope__c"));
    assert!(message.ends_with(" Account"), "{message}");
    assert_eq!(count(&org, "Account", "Field Check%"), 0);
}

#[tokio::test]
async fn two_hundred_records_pass_and_two_hundred_and_one_are_refused() {
    let org = Org::new();
    let token = org.token(1, false);
    let records = |n: usize, prefix: &str| -> Value {
        // 100 accounts with one contact each make 200 records; one more account makes 201.
        let mut list: Vec<Value> = (0..n / 2)
            .map(|i| {
                let mut a = account(&format!("{prefix}A{i}"), &format!("{prefix} Limit {i}"));
                a["Contacts"] = json!({"records": [{"attributes": {"type": "Contact", "referenceId": format!("{prefix}C{i}")}, "LastName": format!("C{i}")}]});
                a
            })
            .collect();
        if n % 2 == 1 {
            list.push(account(&format!("{prefix}Extra"), &format!("{prefix} Limit extra")));
        }
        json!({"records": list})
    };
    let ok = tree(&org, &token, "Account", &records(200, "Ok")).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    assert_eq!(ok.body["results"].as_array().map(Vec::len), Some(200));
    assert_eq!(count(&org, "Account", "Ok Limit%"), 100);

    let over = tree(&org, &token, "Account", &records(201, "Over")).await;
    assert_eq!(over.status, StatusCode::BAD_REQUEST, "{}", over.body);
    assert!(over.body[0]["message"].as_str().is_some_and(|m| m.contains("200")), "{}", over.body);
    assert_eq!(count(&org, "Account", "Over Limit%"), 0);
}

/// An account with `levels - 1` generations of child accounts under it.
fn account_chain(levels: usize) -> Value {
    let mut node = account(&format!("L{levels}"), &format!("Depth {levels}"));
    for level in (1..levels).rev() {
        let mut parent = account(&format!("L{level}"), &format!("Depth {level}"));
        parent["ChildAccounts"] = json!({"records": [node]});
        node = parent;
    }
    json!({"records": [node]})
}

#[tokio::test]
async fn five_levels_and_five_types_at_most() {
    let org = Org::new();
    let token = org.token(1, false);
    let five = tree(&org, &token, "Account", &account_chain(5)).await;
    assert_eq!(five.status, StatusCode::CREATED, "{}", five.body);
    assert_eq!(count(&org, "Account", "Depth%"), 5);
    let six = tree(&org, &token, "Account", &account_chain(6)).await;
    assert_eq!((six.status, &six.body[0]["errorCode"]), (StatusCode::BAD_REQUEST, &json!("INVALID_INPUT")), "{}", six.body);
    assert_eq!(count(&org, "Account", "Depth%"), 5, "nothing of the six levels was saved");

    let child = |relationship: &str, ty: &str, fields: Value| {
        let mut record = json!({"attributes": {"type": ty, "referenceId": format!("{ty}1")}});
        record.as_object_mut().expect("object").extend(fields.as_object().expect("fields").clone());
        (relationship.to_owned(), json!({"records": [record]}))
    };
    let mut root = account("root", "Types Root");
    let five_types = [
        child("Contacts", "Contact", json!({"LastName": "Types"})),
        child("Opportunities", "Opportunity", json!({"Name": "Types", "StageName": "Prospecting", "CloseDate": "2030-01-31"})),
        child("Cases", "Case", json!({"Subject": "Types"})),
        child("Tasks", "Task", json!({"Subject": "Types"})),
    ];
    for (relationship, records) in five_types {
        root[relationship] = records;
    }
    let ok = tree(&org, &token, "Account", &json!({"records": [root.clone()]})).await;
    assert_eq!(ok.status, StatusCode::CREATED, "five types: {}", ok.body);
    root["attributes"]["referenceId"] = json!("root2");
    for relationship in ["Contacts", "Opportunities", "Cases", "Tasks"] {
        let reference = format!("{}2", root[relationship]["records"][0]["attributes"]["referenceId"].as_str().expect("ref"));
        root[relationship]["records"][0]["attributes"]["referenceId"] = json!(reference);
    }
    let (relationship, contracts) = child("Contracts", "Contract", json!({"StartDate": "2030-01-01", "ContractTerm": 12}));
    root[relationship] = contracts;
    let six = tree(&org, &token, "Account", &json!({"records": [root]})).await;
    assert_eq!((six.status, &six.body[0]["errorCode"]), (StatusCode::BAD_REQUEST, &json!("INVALID_INPUT")), "six types: {}", six.body);
    assert!(six.body[0]["message"].as_str().is_some_and(|m| m.contains("types")), "{}", six.body);
    assert_eq!(count(&org, "Account", "Types Root"), 1, "only the five-type tree was saved");
}

#[tokio::test]
async fn malformed_trees_are_refused_before_anything_is_saved() {
    let org = Org::new();
    let token = org.token(1, false);
    let cases = [
        ("duplicate referenceId", json!({"records": [account("same", "Shape A"), account("same", "Shape B")]})),
        ("missing referenceId", json!({"records": [{"attributes": {"type": "Account"}, "Name": "Shape C"}]})),
        ("referenceId with a dash", json!({"records": [account("ref-1", "Shape D")]})),
        ("root of another type", json!({"records": [{"attributes": {"type": "Contact", "referenceId": "c"}, "LastName": "Shape E"}]})),
        (
            "child of the wrong type",
            json!({"records": [{"attributes": {"type": "Account", "referenceId": "a"}, "Name": "Shape F",
            "Contacts": {"records": [{"attributes": {"type": "Lead", "referenceId": "l"}, "LastName": "L", "Company": "C"}]}}]}),
        ),
        ("no records", json!({"records": []})),
        ("records not a list", json!({"records": {"Name": "Shape G"}})),
    ];
    for (what, body) in cases {
        let answer = tree(&org, &token, "Account", &body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{what}: {}", answer.body);
        assert_eq!(answer.body[0]["errorCode"], "INVALID_INPUT", "{what}: {}", answer.body);
    }
    assert_eq!(count(&org, "Account", "Shape%"), 0);

    let unknown = tree(&org, &token, "Nope__c", &json!({"records": [account("a", "x")]})).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let anonymous = org.send("POST", &format!("{V}/composite/tree/Account"), None, &[], &json!({"records": [account("a", "x")]}).to_string()).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_doubled_slash_after_the_host_is_served_as_one() {
    let org = Org::new();
    let token = org.token(1, false);
    let id = org.create(&token, "Account", json!({"Name": "Slash Co"})).await;
    let query = org.get(&format!("/{V}/query?q={}", common::encode("SELECT Name FROM Account WHERE Name = 'Slash Co'")), &token).await;
    assert_eq!(query.status, StatusCode::OK, "{}", query.body);
    assert_eq!(query.body["records"][0]["Name"], "Slash Co");
    let record = org.get(&format!("//{V}/sobjects/Account/{id}/"), &token).await;
    assert_eq!(record.status, StatusCode::OK, "a doubled slash and a trailing slash together: {}", record.body);
    let versions = org.send("GET", "//services/data", None, &[], "").await;
    assert_eq!(versions.status, StatusCode::OK);
    // Only the slashes after the host: one inside the path is still a miss.
    let inside = org.get(&format!("{V}//sobjects/Account/{id}"), &token).await;
    assert_eq!(inside.status, StatusCode::NOT_FOUND);
    assert_eq!(inside.body[0]["errorCode"], "NOT_FOUND");
}

#[tokio::test]
async fn organization_is_one_read_only_row_with_the_org_id() {
    let org = Org::new();
    let token = org.token(1, false);
    let answer = org.query(&token, "SELECT Id, Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["totalSize"], 1);
    let row = &answer.body["records"][0];
    assert_eq!(row["Id"], devorg::auth::ORG_ID);
    assert_eq!(row["attributes"]["type"], "Organization");
    assert_eq!(row["IsSandbox"], false);
    assert_eq!(row["OrganizationType"], "Developer Edition");
    assert_eq!(row["TrialExpirationDate"], Value::Null);
    assert_eq!(row["NamespacePrefix"], Value::Null);

    let global = org.get(&format!("{V}/sobjects"), &token).await;
    let entry = global.body["sobjects"].as_array().expect("sobjects").iter().find(|s| s["name"] == "Organization").cloned().expect("listed");
    assert_eq!(
        (&entry["keyPrefix"], &entry["queryable"], &entry["createable"], &entry["deletable"]),
        (&json!("00D"), &json!(true), &json!(false), &json!(false))
    );
    let describe = org.get(&format!("{V}/sobjects/Organization/describe"), &token).await;
    let field = |name: &str| describe.body["fields"].as_array().expect("fields").iter().find(|f| f["name"] == name).cloned().expect(name);
    assert_eq!((field("IsSandbox")["type"].clone(), field("IsSandbox")["label"].clone()), (json!("boolean"), json!("Is Sandbox")));
    assert_eq!(field("OrganizationType")["label"], "Edition");
    assert_eq!(field("TrialExpirationDate")["type"], "datetime");

    let create = org.send("POST", &format!("{V}/sobjects/Organization"), Some(&token), &[], &json!({"Name": "Second Org"}).to_string()).await;
    assert_eq!(create.status, StatusCode::BAD_REQUEST);
    assert_eq!(create.body[0]["errorCode"], "INVALID_TYPE_FOR_OPERATION", "{}", create.body);
    let delete = org.send("DELETE", &format!("{V}/sobjects/Organization/{}", devorg::auth::ORG_ID), Some(&token), &[], "").await;
    assert_eq!(delete.status, StatusCode::BAD_REQUEST, "{}", delete.body);
    assert_eq!(org.query(&token, "SELECT COUNT() FROM Organization").await.body["totalSize"], 1);
}

#[tokio::test]
async fn the_tooling_query_for_sandboxes_finds_none_and_other_objects_are_unknown() {
    let org = Org::new();
    let token = org.token(1, false);
    let tooling = |soql: &str| format!("{V}/tooling/query?q={}", common::encode(soql));
    let sandboxes = org
        .get(&tooling("SELECT Id, Status, SandboxName FROM SandboxProcess WHERE SandboxOrganization = '00D000000000001' ORDER BY CreatedDate DESC"), &token)
        .await;
    assert_eq!(sandboxes.status, StatusCode::OK, "{}", sandboxes.body);
    assert_eq!(sandboxes.body, json!({"size": 0, "totalSize": 0, "done": true, "queryLocator": null, "entityTypeName": null, "records": []}));
    let unknown = org.get(&tooling("SELECT Id FROM ApexClass"), &token).await;
    assert_eq!((unknown.status, &unknown.body[0]["errorCode"]), (StatusCode::BAD_REQUEST, &json!("INVALID_TYPE")), "{}", unknown.body);
    let malformed = org.get(&tooling("SELECT FROM"), &token).await;
    assert_eq!(malformed.body[0]["errorCode"], "MALFORMED_QUERY", "{}", malformed.body);
    let anonymous = org.send("GET", &tooling("SELECT Id FROM SandboxProcess"), None, &[], "").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn columns_true_answers_the_columns_and_runs_nothing() {
    let org = Org::new();
    let token = org.token(1, false);
    let soql = "SELECT Id, LastName, Account.Name, (SELECT Subject FROM Tasks) FROM Contact";
    let answer = org.get(&format!("{V}/query?q={}&columns=true", common::encode(soql)), &token).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let columns = answer.body["columnMetadata"].as_array().expect("columnMetadata");
    let names: Vec<&str> = columns.iter().map(|c| c["columnName"].as_str().expect("name")).collect();
    assert_eq!(names, ["Id", "LastName", "Account", "Tasks"]);
    assert_eq!(columns[2]["foreignKeyName"], "AccountId");
    assert_eq!(columns[2]["joinColumns"][0]["columnName"], "Name");
    assert_eq!((&columns[3]["aggregate"], &columns[3]["joinColumns"][0]["columnName"]), (&json!(true), &json!("Subject")));
    assert!(answer.body.get("records").is_none(), "no records: {}", answer.body);
    // A query that would fail fails the same way.
    let bad = org.get(&format!("{V}/query?q={}&columns=true", common::encode("SELECT Nope FROM Contact")), &token).await;
    assert_eq!((bad.status, &bad.body[0]["errorCode"]), (StatusCode::BAD_REQUEST, &json!("INVALID_FIELD")), "{}", bad.body);
}
