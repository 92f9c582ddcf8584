//! SOQL over HTTP, in-process against a real SQLite file: field lists with
//! parent paths and child subqueries, every condition form, date literals,
//! ordering, COUNT() and aggregates, query-more cursors, queryAll, sharing,
//! and Salesforce's error shapes.

mod common;

use axum::http::StatusCode;
use common::{Org, encode};
use serde_json::{Value, json};

/// Ian's small book of business: two accounts, contacts, a lead, tasks.
struct Book {
    acme: String,
    initech: String,
    maria: String,
    jonas: String,
    sofia: String,
}

async fn book(org: &Org, ian: &str) -> Book {
    let acme = org
        .create(ian, "Account", json!({"Name": "Acme Robotics", "Industry": "Machinery", "AnnualRevenue": 5_000_000, "Website": "https://acmerobotics.com"}))
        .await;
    let initech = org.create(ian, "Account", json!({"Name": "Initech Software", "Industry": "Technology", "AnnualRevenue": 800_000})).await;
    let maria = org.create(ian, "Contact", json!({"FirstName": "Maria", "LastName": "Chen", "AccountId": acme, "Email": "maria.chen@acmerobotics.com"})).await;
    let jonas = org.create(ian, "Contact", json!({"FirstName": "Jonas", "LastName": "Weber", "AccountId": initech})).await;
    let sofia = org
        .create(ian, "Lead", json!({"FirstName": "Sofia", "LastName": "Alvarez", "Company": "Northwind Traders", "Product_Interest__c": "Robotics;Cloud"}))
        .await;
    Book { acme, initech, maria, jonas, sofia }
}

fn names(answer: &common::Answer, key: &str) -> Vec<Value> {
    answer.body["records"].as_array().expect("records").iter().map(|r| r[key].clone()).collect()
}

#[tokio::test]
async fn parent_paths_polymorphic_relationships_and_shape() {
    let org = Org::new();
    let ian = org.token(1, false);
    let b = book(&org, &ian).await;
    org.create(&ian, "Task", json!({"Subject": "Call Maria", "WhoId": b.maria, "WhatId": b.acme, "Priority": "High"})).await;
    org.create(&ian, "Task", json!({"Subject": "Email Sofia", "WhoId": b.sofia})).await;

    let a = org.query(&ian, "SELECT Subject, Who.Name, What.Name, What.Type, Account.Name FROM Task ORDER BY Subject").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let records = a.body["records"].as_array().expect("records");
    assert_eq!(a.body["totalSize"], 2);
    assert_eq!(a.body["done"], true);
    assert!(a.body.get("nextRecordsUrl").is_none());
    let first = &records[0];
    let keys: Vec<&String> = first.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["attributes", "Subject", "Who", "What", "Account"], "attributes first, then SELECT order");
    assert_eq!(first["attributes"]["type"], "Task");
    assert_eq!(
        first["Who"],
        json!({"attributes": {"type": "Contact", "url": format!("/services/data/v62.0/sobjects/Contact/{}", b.maria)}, "Name": "Maria Chen"})
    );
    assert_eq!(first["What"]["Name"], "Acme Robotics");
    assert_eq!(first["What"]["Type"], "Account");
    assert_eq!(first["Account"]["Name"], "Acme Robotics", "Task.AccountId is derived from the What");
    let second = &records[1];
    assert_eq!(second["Who"]["attributes"]["type"], "Lead");
    assert_eq!(second["Who"]["Name"], "Sofia Alvarez");
    assert_eq!(second["What"], Value::Null, "an empty relationship is null");

    // Two hops, case-insensitive names, canonical keys, an alias.
    let patch =
        org.send("PATCH", &format!("/services/data/v62.0/sobjects/Account/{}", b.acme), Some(&ian), &[], &json!({"ParentId": b.initech}).to_string()).await;
    assert_eq!(patch.status, StatusCode::NO_CONTENT);
    let a = org.query(&ian, "select c.firstname, c.account.parent.name from contact c where c.account.name = 'acme robotics'").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["records"][0]["FirstName"], "Maria");
    assert_eq!(a.body["records"][0]["Account"]["Parent"]["Name"], "Initech Software");
    assert_eq!(a.body["records"][0]["Account"]["attributes"]["type"], "Account");
    // A parent that does not exist (the owner has no User record here) is null.
    let a = org.query(&ian, &format!("SELECT Owner.Name FROM Contact WHERE Id = '{}'", b.jonas)).await;
    assert_eq!(a.body["records"][0]["Owner"], Value::Null, "{}", a.body);
}

#[tokio::test]
async fn conditions_follow_soql_semantics() {
    let org = Org::new();
    let ian = org.token(1, false);
    let b = book(&org, &ian).await;
    let cases: &[(&str, &[&str])] = &[
        ("Name = 'ACME ROBOTICS'", &["Acme Robotics"]),
        ("Name != 'Acme Robotics'", &["Initech Software"]),
        // != also matches null fields, as in Salesforce (unlike SQL).
        ("Rating != 'Hot'", &["Acme Robotics", "Initech Software"]),
        ("Rating = null", &["Acme Robotics", "Initech Software"]),
        ("Rating != null", &[]),
        ("NOT Rating = 'Hot'", &["Acme Robotics", "Initech Software"]),
        ("Name LIKE 'ac%'", &["Acme Robotics"]),
        ("Name LIKE '%soft_are'", &["Initech Software"]),
        ("Name LIKE 'Acme\\_%'", &[]),
        ("Industry IN ('Technology', 'Media')", &["Initech Software"]),
        ("Industry NOT IN ('Technology')", &["Acme Robotics"]),
        ("AnnualRevenue > 1000000", &["Acme Robotics"]),
        ("AnnualRevenue <= 800000.0", &["Initech Software"]),
        ("(AnnualRevenue > 1000000 OR Industry = 'Technology') AND Name LIKE '%o%'", &["Acme Robotics", "Initech Software"]),
        ("NOT (AnnualRevenue > 1000000 OR Industry = 'Technology')", &[]),
        ("CreatedDate = TODAY", &["Acme Robotics", "Initech Software"]),
        ("CreatedDate = LAST_N_DAYS:3", &["Acme Robotics", "Initech Software"]),
        ("CreatedDate < YESTERDAY", &[]),
        ("CreatedDate > 2020-01-01T00:00:00Z", &["Acme Robotics", "Initech Software"]),
        ("CreatedDate >= NEXT_WEEK", &[]),
        ("Id = 'not-an-id-at-all'", &[]),
    ];
    for (condition, want) in cases {
        let a = org.query(&ian, &format!("SELECT Name FROM Account WHERE {condition} ORDER BY Name")).await;
        if condition.starts_with("Id = 'not") {
            assert_eq!(a.status, StatusCode::BAD_REQUEST, "{condition}");
            assert_eq!(a.body[0]["errorCode"], "INVALID_QUERY_FILTER_OPERATOR");
            continue;
        }
        assert_eq!(a.status, StatusCode::OK, "{condition}: {}", a.body);
        assert_eq!(names(&a, "Name"), want.iter().map(|n| json!(n)).collect::<Vec<_>>(), "{condition}");
    }
    // Ids match in their 15- and 18-character forms.
    let a = org.query(&ian, &format!("SELECT Name FROM Account WHERE Id IN ('{}', '{}')", &b.acme[..15], b.initech)).await;
    assert_eq!(a.body["totalSize"], 2, "{}", a.body);
    // INCLUDES: 'a;b' means both; the list is OR-ed.
    for (filter, n) in [
        ("INCLUDES ('Robotics')", 1),
        ("INCLUDES ('cloud;robotics')", 1),
        ("INCLUDES ('Cloud;Training')", 0),
        ("EXCLUDES ('Support')", 1),
        ("EXCLUDES ('Robotics', 'Support')", 0),
    ] {
        let a = org.query(&ian, &format!("SELECT Id FROM Lead WHERE Product_Interest__c {filter}")).await;
        assert_eq!(a.body["totalSize"], n, "{filter}: {}", a.body);
    }
    let a = org.query(&ian, &format!("SELECT Id FROM Contact WHERE Account.Industry = 'Machinery' AND Id != '{}'", b.jonas)).await;
    assert_eq!(names(&a, "Id"), vec![json!(b.maria)]);
}

#[tokio::test]
async fn dates_order_limits_counts_and_aggregates() {
    let org = Org::new();
    let ian = org.token(1, false);
    let b = book(&org, &ian).await;
    let today = org.state.db.conn().query_row("SELECT date('now')", [], |r| r.get::<_, String>(0)).expect("today");
    let day = |offset: i64| org.state.db.conn().query_row("SELECT date('now', ?1)", [format!("{offset:+} days")], |r| r.get::<_, String>(0)).expect("day");
    for (subject, due, priority) in
        [("Overdue", Some(day(-40)), "Low"), ("Today", Some(today.clone()), "High"), ("Soon", Some(day(3)), "Normal"), ("Someday", None, "Normal")]
    {
        let mut body = json!({"Subject": subject, "Priority": priority, "WhatId": b.acme});
        if let Some(due) = due {
            body["ActivityDate"] = json!(due);
        }
        org.create(&ian, "Task", body).await;
    }
    let cases: &[(&str, &[&str])] = &[
        ("WHERE ActivityDate = TODAY", &["Today"]),
        ("WHERE ActivityDate < TODAY", &["Overdue"]),
        ("WHERE ActivityDate = LAST_N_DAYS:30", &["Today"]),
        ("WHERE ActivityDate = NEXT_N_DAYS:7", &["Soon"]),
        ("WHERE ActivityDate > TODAY", &["Soon"]),
        ("WHERE ActivityDate IN (TODAY, LAST_N_DAYS:90)", &["Overdue", "Today"]),
        ("ORDER BY ActivityDate ASC NULLS LAST", &["Overdue", "Today", "Soon", "Someday"]),
        ("ORDER BY ActivityDate", &["Someday", "Overdue", "Today", "Soon"]),
        ("ORDER BY ActivityDate DESC", &["Soon", "Today", "Overdue", "Someday"]),
        // Picklists sort in their defined order (High, Normal, Low), not alphabetically.
        ("ORDER BY Priority, Subject", &["Today", "Someday", "Soon", "Overdue"]),
        ("ORDER BY Subject LIMIT 2", &["Overdue", "Someday"]),
        ("ORDER BY Subject LIMIT 2 OFFSET 3", &["Today"]),
    ];
    for (clauses, want) in cases {
        let soql = format!("SELECT Subject FROM Task {clauses}");
        let a = org.query(&ian, &soql).await;
        assert_eq!(a.status, StatusCode::OK, "{soql}: {}", a.body);
        let clauses_have_order = clauses.contains("ORDER");
        let mut got = names(&a, "Subject");
        if !clauses_have_order {
            got.sort_by_key(|v| v.as_str().map(str::to_owned));
        }
        assert_eq!(got, want.iter().map(|n| json!(n)).collect::<Vec<_>>(), "{soql}");
    }
    let a = org.query(&ian, "SELECT COUNT() FROM Task WHERE Priority = 'Normal'").await;
    assert_eq!(a.body, json!({"totalSize": 2, "done": true, "records": []}));
    let a = org.query(&ian, "SELECT COUNT(Id), MAX(ActivityDate) latest, SUM(AnnualRevenue) FROM Account").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "ActivityDate is not an Account field");
    let a = org.query(&ian, "SELECT COUNT(Id), MAX(AnnualRevenue) top, MIN(Name) FROM Account").await;
    assert_eq!(
        a.body,
        json!({"totalSize": 1, "done": true, "records": [{"attributes": {"type": "AggregateResult"}, "expr0": 2, "top": 5_000_000.0, "expr1": "Acme Robotics"}]})
    );
    // toLabel and child relationships.
    let a = org
        .query(
            &ian,
            "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName), (SELECT Subject FROM Tasks WHERE Priority = 'High') FROM Account ORDER BY Name",
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let acme = &a.body["records"][0];
    assert_eq!(acme["Contacts"]["totalSize"], 1);
    assert_eq!(acme["Contacts"]["done"], true);
    assert_eq!(acme["Contacts"]["records"][0]["LastName"], "Chen");
    assert_eq!(acme["Tasks"]["records"][0]["Subject"], "Today");
    assert_eq!(a.body["records"][1]["Tasks"], Value::Null, "no children is null");
}

#[tokio::test]
async fn query_more_pages_through_a_snapshot() {
    let org = Org::new();
    let ian = org.token(1, false);
    {
        // 450 leads straight into the store: the API path is tested above.
        let schema = &org.state.schema;
        let lead = schema.object("Lead").expect("Lead");
        let conn = org.state.db.conn();
        let owner = salesforce_rest::SfId::mint("005", 1).expect("id");
        for i in 0..450 {
            let cols =
                devorg::records::encode::encode(lead, &json!({"LastName": format!("Lead {i:03}"), "Company": "Bulk"}), devorg::records::encode::Save::Create)
                    .expect("valid");
            devorg::records::store::insert(&conn, lead, cols, &owner).expect("insert");
        }
    }
    let soql = encode("SELECT LastName FROM Lead ORDER BY LastName");
    let a = org.send("GET", &format!("/services/data/v58.0/query/?q={soql}"), Some(&ian), &[("Sforce-Query-Options", "batchSize=200")], "").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["totalSize"], 450);
    assert_eq!(a.body["done"], false);
    let mut seen = names(&a, "LastName");
    assert_eq!(seen.len(), 200);
    let mut next = a.body["nextRecordsUrl"].as_str().expect("next").to_owned();
    let locator = next.strip_prefix("/services/data/v58.0/query/").expect("root-relative, request's version").to_owned();
    assert!(locator.starts_with("01g") && locator.ends_with("-200") && !locator.contains('/'), "{locator}");
    // A record deleted meanwhile is skipped; the others do not shift.
    let gone = org.query(&ian, "SELECT Id FROM Lead WHERE LastName = 'Lead 300'").await.body["records"][0]["Id"].as_str().expect("id").to_owned();
    assert_eq!(org.send("DELETE", &format!("/services/data/v62.0/sobjects/Lead/{gone}"), Some(&ian), &[], "").await.status, StatusCode::NO_CONTENT);
    loop {
        let page = org.get(&next, &ian).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(page.body["totalSize"], 450);
        seen.extend(names(&page, "LastName"));
        match page.body["nextRecordsUrl"].as_str() {
            Some(n) => next = n.to_owned(),
            None => {
                assert_eq!(page.body["done"], true);
                break;
            }
        }
    }
    let want: Vec<Value> = (0..450).filter(|i| *i != 300).map(|i| json!(format!("Lead {i:03}"))).collect();
    assert_eq!(seen, want);
    // Another user cannot read the cursor; garbage locators are refused.
    let maria = org.token(2, false);
    let other = org.get(&format!("/services/data/v58.0/query/{}", locator), &maria).await;
    assert_eq!((other.status, other.body[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("INVALID_QUERY_LOCATOR")));
    for bad in ["nope", "01gnope-200", "01g000000000001AAA-0", "01g000000000001AAA-99999"] {
        let a = org.get(&format!("/services/data/v58.0/query/{bad}"), &ian).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    // queryAll sees the deleted record, query does not.
    let a = org.get(&format!("/services/data/v62.0/queryAll?q={}", encode("SELECT IsDeleted FROM Lead WHERE LastName = 'Lead 300'")), &ian).await;
    assert_eq!(a.body["records"][0]["IsDeleted"], true, "{}", a.body);
    assert_eq!(org.query(&ian, "SELECT COUNT() FROM Lead").await.body["totalSize"], 449);
}

#[tokio::test]
async fn private_objects_show_only_owned_records() {
    let org = Org::new();
    let (ian, maria, admin) = (org.token(1, false), org.token(2, false), org.token(3, true));
    for (token, name) in [(&ian, "Ian's deal"), (&maria, "Maria's deal")] {
        org.create(token, "Opportunity", json!({"Name": name, "StageName": "Prospecting", "CloseDate": "2026-12-31"})).await;
    }
    let q = "SELECT Name FROM Opportunity ORDER BY Name";
    assert_eq!(names(&org.query(&ian, q).await, "Name"), vec![json!("Ian's deal")]);
    assert_eq!(names(&org.query(&maria, q).await, "Name"), vec![json!("Maria's deal")]);
    assert_eq!(org.query(&admin, q).await.body["totalSize"], 2);
}

#[tokio::test]
async fn errors_quote_the_query_with_a_caret() {
    let org = Org::new();
    let ian = org.token(1, false);
    let a = org.query(&ian, "SELECT Nope FROM Account").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        a.body,
        json!([{"message": "\nSELECT Nope FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nope' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", "errorCode": "INVALID_FIELD"}])
    );
    let cases: &[(&str, &str)] = &[
        ("SELECT Id FROM Nope__c", "INVALID_TYPE"),
        ("SELECT Id FROM Account WHERE", "MALFORMED_QUERY"),
        ("SELECT Id, Name, id FROM Account", "INVALID_FIELD"),
        ("SELECT Bogus.Name FROM Contact", "INVALID_FIELD"),
        ("SELECT What.Owner.Name FROM Task", "INVALID_FIELD"),
        ("SELECT Id FROM Account WHERE Name = 5", "INVALID_FIELD"),
        ("SELECT Id FROM Account WHERE AnnualRevenue = '5'", "INVALID_FIELD"),
        ("SELECT Id FROM Account WHERE CreatedDate = 2020-01-01", "INVALID_FIELD"),
        ("SELECT Id FROM Account WHERE Name INCLUDES ('a')", "INVALID_QUERY_FILTER_OPERATOR"),
        ("SELECT Id FROM Account WHERE AnnualRevenue LIKE '5%'", "INVALID_QUERY_FILTER_OPERATOR"),
        ("SELECT Id FROM Account WHERE Name < null", "INVALID_QUERY_FILTER_OPERATOR"),
        ("SELECT Id FROM Account OFFSET 2001", "NUMBER_OUTSIDE_VALID_RANGE"),
        ("SELECT Name, COUNT(Id) FROM Account", "MALFORMED_QUERY"),
        ("SELECT Id, (SELECT Id FROM Nopes) FROM Account", "INVALID_FIELD"),
        ("SELECT Id FROM Account WHERE Name = :bind", "MALFORMED_QUERY"),
        ("SELECT Id FROM Account ORDER BY Product_Interest__c", "MALFORMED_QUERY"),
    ];
    for (soql, code) in cases {
        let a = org.query(&ian, soql).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{soql}: {}", a.body);
        assert_eq!(a.body[0]["errorCode"], *code, "{soql}: {}", a.body);
        assert!(a.body[0]["message"].as_str().is_some_and(|m| m.contains("ERROR at Row:1:Column:")), "{soql}: {}", a.body);
    }
    let a = org.get("/services/data/v62.0/query", &ian).await;
    assert_eq!((a.status, a.body[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("MALFORMED_QUERY")));
    let a = org.send("GET", "/services/data/v62.0/query?q=SELECT+Id+FROM+Account", None, &[], "").await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
}
