//! TaskStatus, as in Salesforce: the To Do List asks it which Task status
//! completes a task (describe of Task.Status does not say). Its rows are the
//! values of the Task.Status picklist, read-only, readable by every user.

mod common;

use axum::http::StatusCode;
use common::Org;
use serde_json::{Value, json};

/// The query the extension's To Do List runs.
const STATUSES: &str = "SELECT ApiName, MasterLabel, IsClosed, IsDefault, SortOrder FROM TaskStatus ORDER BY SortOrder";
const BASE: &str = "/services/data/v62.0/sobjects";

#[tokio::test]
async fn the_to_do_list_query_answers_the_task_statuses_in_order() {
    // No seed at all (`--seed none`), and a user who owns nothing and is no admin.
    let org = Org::new();
    let ian = org.token(1, false);
    let a = org.query(&ian, STATUSES).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!((a.body["totalSize"].clone(), a.body["done"].clone()), (json!(5), json!(true)));
    let records = a.body["records"].as_array().expect("records");
    let rows: Vec<Value> = records.iter().map(|r| json!([r["ApiName"], r["MasterLabel"], r["IsClosed"], r["IsDefault"], r["SortOrder"]])).collect();
    assert_eq!(
        rows,
        [
            json!(["Not Started", "Not Started", false, true, 1]),
            json!(["In Progress", "In Progress", false, false, 2]),
            json!(["Completed", "Completed", true, false, 3]),
            json!(["Waiting on someone else", "Waiting on someone else", false, false, 4]),
            json!(["Deferred", "Deferred", false, false, 5]),
        ]
    );
    let first = &records[0];
    let keys: Vec<&String> = first.as_object().expect("record").keys().collect();
    assert_eq!(keys, ["attributes", "ApiName", "MasterLabel", "IsClosed", "IsDefault", "SortOrder"]);
    let url = first["attributes"]["url"].as_str().expect("url");
    assert_eq!(first["attributes"]["type"], "TaskStatus");
    let id = url.rsplit('/').next().expect("id");
    assert!(url.starts_with("/services/data/v62.0/sobjects/TaskStatus/01J") && id.len() == 18, "{url}");

    // The same row by id, and every user sees the same rows with the same ids.
    let record = org.get(url, &ian).await;
    assert_eq!(record.status, StatusCode::OK, "{}", record.body);
    assert_eq!((record.body["Id"].as_str(), record.body["ApiName"].as_str()), (Some(id), Some("Not Started")));
    let maria = org.token(2, false);
    assert_eq!(org.query(&maria, STATUSES).await.body, a.body);

    // Filters work as on any object: the status that completes a task.
    let closed = org.query(&ian, "SELECT ApiName FROM TaskStatus WHERE IsClosed = true").await;
    assert_eq!(closed.body["records"].as_array().map(|r| r.iter().map(|r| r["ApiName"].clone()).collect::<Vec<_>>()), Some(vec![json!("Completed")]));
}

#[tokio::test]
async fn rows_are_created_once_for_every_profile() {
    let org = Org::new();
    let ian = org.token(1, false);
    let ids = |body: &Value| -> Vec<Value> { body["records"].as_array().expect("records").iter().map(|r| r["attributes"]["url"].clone()).collect() };
    let before = ids(&org.query(&ian, STATUSES).await.body);
    // Seeding (which applies the schema again) and a restart on the same file
    // leave the five rows and their ids as they were.
    let schema = devorg::schema::Schema::builtin().expect("schema");
    devorg::seed::seed(&org.state.db, &schema, devorg::seed::Profile::Demo, devorg::seed::today()).expect("seed");
    org.state.db.apply_schema(&schema).expect("restart");
    let after = org.query(&ian, STATUSES).await;
    assert_eq!(after.body["totalSize"], 5);
    assert_eq!(ids(&after.body), before);
}

#[tokio::test]
async fn describe_says_read_only_and_writes_are_refused() {
    let org = Org::new();
    let admin = org.token(1, true);

    let global = org.get(BASE, &admin).await;
    let entry = global.body["sobjects"].as_array().expect("sobjects").iter().find(|o| o["name"] == "TaskStatus").cloned().expect("TaskStatus listed");
    assert_eq!(entry["keyPrefix"], "01J");
    assert_eq!(entry["label"], "Task Status");
    for flag in ["createable", "updateable", "deletable", "undeletable", "searchable", "triggerable"] {
        assert_eq!(entry[flag], false, "{flag}");
    }
    assert_eq!((entry["queryable"].clone(), entry["retrieveable"].clone()), (json!(true), json!(true)));

    let d = org.get(&format!("{BASE}/TaskStatus/describe"), &admin).await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.body);
    assert_eq!((d.body["name"].clone(), d.body["createable"].clone()), (json!("TaskStatus"), json!(false)));
    let fields = d.body["fields"].as_array().expect("fields");
    let field = |name: &str| fields.iter().find(|f| f["name"] == name).cloned().unwrap_or_else(|| panic!("{name}"));
    for (name, ty) in [("Id", "id"), ("ApiName", "string"), ("MasterLabel", "string"), ("IsClosed", "boolean"), ("IsDefault", "boolean"), ("SortOrder", "int")]
    {
        let f = field(name);
        assert_eq!(f["type"], ty, "{name}");
        assert_eq!((f["createable"].clone(), f["updateable"].clone()), (json!(false), json!(false)), "{name}");
    }
    assert_eq!(field("MasterLabel")["nameField"], true);
    assert!(fields.iter().all(|f| f["name"] != "OwnerId" && f["name"] != "IsDeleted"), "not owned, never deleted");

    let refused = |done: &str| json!([{"message": format!("entity type cannot be {done}: Task Status"), "errorCode": "INVALID_TYPE_FOR_OPERATION"}]);
    let post = org.send("POST", &format!("{BASE}/TaskStatus"), Some(&admin), &[], r#"{"ApiName":"Cancelled","MasterLabel":"Cancelled"}"#).await;
    assert_eq!((post.status, post.body), (StatusCode::BAD_REQUEST, refused("inserted")));
    let id = org.query(&admin, "SELECT Id FROM TaskStatus WHERE ApiName = 'Completed'").await.body["records"][0]["Id"].as_str().expect("id").to_owned();
    let patch = org.send("PATCH", &format!("{BASE}/TaskStatus/{id}"), Some(&admin), &[], r#"{"IsClosed":false}"#).await;
    assert_eq!((patch.status, patch.body), (StatusCode::BAD_REQUEST, refused("updated")));
    let delete = org.send("DELETE", &format!("{BASE}/TaskStatus/{id}"), Some(&admin), &[], "").await;
    assert_eq!((delete.status, delete.body), (StatusCode::BAD_REQUEST, refused("deleted")));

    // sObject Collections refuse the record, not the request.
    let body = json!({"allOrNone": false, "records": [{"attributes": {"type": "TaskStatus"}, "ApiName": "Cancelled"}]});
    let collection = org.send("POST", "/services/data/v62.0/composite/sobjects", Some(&admin), &[], &body.to_string()).await;
    assert_eq!(collection.status, StatusCode::OK, "{}", collection.body);
    assert_eq!(
        collection.body,
        json!([{"success": false, "errors": [{"statusCode": "INVALID_TYPE_FOR_OPERATION", "message": "entity type cannot be inserted: Task Status", "fields": []}]}])
    );

    // Nothing changed.
    let a = org.query(&admin, STATUSES).await;
    assert_eq!(a.body["totalSize"], 5);
    assert_eq!(a.body["records"][2]["IsClosed"], true);
}
