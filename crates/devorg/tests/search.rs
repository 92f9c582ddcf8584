//! SOSL `search` and `parameterizedSearch` (GET and POST), in-process:
//! scopes, term syntax, RETURNING with WHERE/ORDER BY/LIMIT, sharing, errors.

mod common;

use axum::http::StatusCode;
use common::{Org, encode};
use serde_json::{Value, json};

async fn seed(org: &Org, ian: &str) {
    let acme = org
        .create(ian, "Account", json!({"Name": "Acme Robotics", "Website": "https://acmerobotics.com", "Phone": "+1 415 555 0134", "Industry": "Machinery"}))
        .await;
    org.create(ian, "Account", json!({"Name": "Acme Foods", "Industry": "Food & Beverage"})).await;
    org.create(ian, "Account", json!({"Name": "Initech Software", "Description": "Acme's rival"})).await;
    org.create(ian, "Contact", json!({"FirstName": "Maria", "LastName": "Chen", "AccountId": acme, "Email": "maria.chen@acmerobotics.com"})).await;
    org.create(ian, "Lead", json!({"FirstName": "David", "LastName": "Okafor", "Company": "Acme Robotics", "Email": "david.okafor@acmerobotics.com"})).await;
}

fn found(body: &Value) -> Vec<(String, String)> {
    body["searchRecords"]
        .as_array()
        .expect("searchRecords")
        .iter()
        .map(|r| (r["attributes"]["type"].as_str().unwrap_or("").to_owned(), r["Name"].as_str().unwrap_or("").to_owned()))
        .collect()
}

#[tokio::test]
async fn sosl_scopes_terms_and_returning() {
    let org = Org::new();
    let ian = org.token(1, false);
    seed(&org, &ian).await;
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("FIND {Acme} IN NAME FIELDS RETURNING Account(Name ORDER BY Name)", &[("Account", "Acme Foods"), ("Account", "Acme Robotics")]),
        ("FIND {Acme} RETURNING Account(Name ORDER BY Name)", &[("Account", "Acme Foods"), ("Account", "Acme Robotics"), ("Account", "Initech Software")]),
        ("FIND {Acme} IN NAME FIELDS RETURNING Account(Name WHERE Industry = 'Machinery')", &[("Account", "Acme Robotics")]),
        ("FIND {Acme} IN NAME FIELDS RETURNING Account(Name ORDER BY Name DESC LIMIT 1)", &[("Account", "Acme Robotics")]),
        ("FIND {Acme AND NOT Foods} IN NAME FIELDS RETURNING Account(Name)", &[("Account", "Acme Robotics")]),
        ("FIND {Initech OR Foods} RETURNING Account(Name ORDER BY Name)", &[("Account", "Acme Foods"), ("Account", "Initech Software")]),
        ("FIND {maria.chen@acmerobotics.com} IN EMAIL FIELDS RETURNING Contact(Name), Lead(Name)", &[("Contact", "Maria Chen")]),
        ("FIND {acmerobotics.com} IN EMAIL FIELDS RETURNING Contact(Name), Lead(Name)", &[("Contact", "Maria Chen"), ("Lead", "David Okafor")]),
        ("FIND {acmerobotics.com} RETURNING Account(Name)", &[("Account", "Acme Robotics")]),
        ("FIND {4155550134} IN PHONE FIELDS RETURNING Account(Name)", &[("Account", "Acme Robotics")]),
        ("FIND {Oka*} RETURNING Lead(Name), Contact(Name)", &[("Lead", "David Okafor")]),
        ("FIND {Acme} IN NAME FIELDS RETURNING Account(Name ORDER BY Name), Lead(Name) LIMIT 2", &[("Account", "Acme Foods"), ("Account", "Acme Robotics")]),
        ("FIND {Nobody}", &[]),
    ];
    for (sosl, want) in cases {
        let a = org.get(&format!("/services/data/v62.0/search?q={}", encode(sosl)), &ian).await;
        assert_eq!(a.status, StatusCode::OK, "{sosl}: {}", a.body);
        let want: Vec<(String, String)> = want.iter().map(|(t, n)| ((*t).to_owned(), (*n).to_owned())).collect();
        assert_eq!(found(&a.body), want, "{sosl}");
    }
    // Without RETURNING every searchable object is searched, Id only.
    let a = org.get(&format!("/services/data/v62.0/search?q={}", encode("FIND {Okafor}")), &ian).await;
    let records = a.body["searchRecords"].as_array().expect("records");
    assert_eq!(records.len(), 1, "{}", a.body);
    assert_eq!(records[0].as_object().expect("object").keys().collect::<Vec<_>>(), ["attributes", "Id"]);
    assert!(records[0]["attributes"]["url"].as_str().is_some_and(|u| u.starts_with("/services/data/v62.0/sobjects/Lead/00Q")));
}

#[tokio::test]
async fn parameterized_search_get_and_post() {
    let org = Org::new();
    let ian = org.token(1, false);
    seed(&org, &ian).await;
    let a = org
        .get("/services/data/v62.0/parameterizedSearch?q=Acme&sobject=Account&Account.fields=Id,Name&Account.limit=10&in=NAME&Account.orderBy=Name", &ian)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(found(&a.body), vec![("Account".into(), "Acme Foods".into()), ("Account".into(), "Acme Robotics".into())]);
    let body = json!({
        "q": "acmerobotics.com",
        "fields": ["Id", "Name"],
        "sobjects": [{"name": "Account"}, {"name": "Contact", "fields": ["Name", "Email"]}, {"name": "Lead", "where": "LastName = 'Okafor'"}],
        "in": "ALL",
        "overallLimit": 10
    });
    let a = org.send("POST", "/services/data/v62.0/parameterizedSearch", Some(&ian), &[], &body.to_string()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        found(&a.body),
        vec![("Account".into(), "Acme Robotics".into()), ("Contact".into(), "Maria Chen".into()), ("Lead".into(), "David Okafor".into())]
    );
    assert_eq!(a.body["searchRecords"][1]["Email"], "maria.chen@acmerobotics.com");
    // Page text with SOSL's reserved characters is just text once escaped by the client.
    let hostile = salesforce_rest::sosl::escape_sosl_term("Acme} RETURNING User(Username) {");
    let a = org.get(&format!("/services/data/v62.0/search?q={}", encode(&format!("FIND {{{hostile}}} RETURNING Account(Name)"))), &ian).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(found(&a.body), Vec::<(String, String)>::new());
}

#[tokio::test]
async fn private_objects_and_errors() {
    let org = Org::new();
    let (ian, maria) = (org.token(1, false), org.token(2, false));
    org.create(&ian, "Opportunity", json!({"Name": "Acme renewal", "StageName": "Prospecting", "CloseDate": "2026-12-31"})).await;
    let q = encode("FIND {renewal} RETURNING Opportunity(Name)");
    assert_eq!(org.get(&format!("/services/data/v62.0/search?q={q}"), &ian).await.body["searchRecords"].as_array().map(Vec::len), Some(1));
    assert_eq!(org.get(&format!("/services/data/v62.0/search?q={q}"), &maria).await.body["searchRecords"].as_array().map(Vec::len), Some(0));
    let cases: &[(&str, &str, &str, StatusCode, &str)] = &[
        ("GET", "/services/data/v62.0/search?q=FIND+%7Ba%7D", "", StatusCode::BAD_REQUEST, "MALFORMED_SEARCH"),
        ("GET", "/services/data/v62.0/search?q=FIND+%7BAcme", "", StatusCode::BAD_REQUEST, "MALFORMED_SEARCH"),
        ("GET", "/services/data/v62.0/search?q=", "", StatusCode::BAD_REQUEST, "INVALID_SEARCH"),
        ("GET", "/services/data/v62.0/search?q=FIND+%7BAcme%7D+RETURNING+Nope__c", "", StatusCode::BAD_REQUEST, "INVALID_TYPE"),
        ("GET", "/services/data/v62.0/search?q=FIND+%7BAcme%7D+RETURNING+Account(Nope)", "", StatusCode::BAD_REQUEST, "INVALID_FIELD"),
        ("GET", "/services/data/v62.0/parameterizedSearch?q=Acme&in=BODY", "", StatusCode::BAD_REQUEST, "INVALID_SEARCH"),
        ("GET", "/services/data/v62.0/parameterizedSearch?q=x", "", StatusCode::BAD_REQUEST, "MALFORMED_SEARCH"),
        ("POST", "/services/data/v62.0/parameterizedSearch", "{\"q\":", StatusCode::BAD_REQUEST, "JSON_PARSER_ERROR"),
        ("POST", "/services/data/v62.0/parameterizedSearch", "{\"q\":\"Acme\",\"defaultLimit\":5000}", StatusCode::BAD_REQUEST, "INVALID_SEARCH"),
        (
            "POST",
            "/services/data/v62.0/parameterizedSearch",
            "{\"q\":\"Acme\",\"sobjects\":[{\"name\":\"Account\",\"where\":\"Name = \"}]}",
            StatusCode::BAD_REQUEST,
            "MALFORMED_SEARCH",
        ),
        ("POST", "/services/data/v62.0/parameterizedSearch", "{\"q\":7}", StatusCode::BAD_REQUEST, "JSON_PARSER_ERROR"),
    ];
    for (method, uri, body, status, code) in cases {
        let a = org.send(method, uri, Some(&ian), &[], body).await;
        assert_eq!(a.status, *status, "{method} {uri} {body}: {}", a.body);
        assert_eq!(a.body[0]["errorCode"], *code, "{method} {uri} {body}: {}", a.body);
    }
    assert_eq!(org.send("GET", &format!("/services/data/v62.0/search?q={q}"), None, &[], "").await.status, StatusCode::UNAUTHORIZED);
}
