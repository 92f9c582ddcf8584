//! devorg refuses what a real org refuses, with Salesforce's status, code and
//! message, one table per rule family: what describe allows on a field
//! (filter, sort, group, aggregate), GROUP BY and its aggregate rows, paths
//! through relationships (polymorphic ones read the Name object; objects
//! devorg does not know), the size cap on URI and headers, and an `Id` in a
//! save body.

mod common;

use axum::http::StatusCode;
use common::{Org, encode};
use serde_json::{Value, json};

/// (SOQL, expected errorCode, expected message after the caret lines).
type Refusal = (&'static str, &'static str, &'static str);

async fn assert_refused(org: &Org, token: &str, cases: &[Refusal]) {
    for (soql, code, message) in cases {
        let a = org.query(token, soql).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{soql}: {}", a.body);
        assert_eq!(a.body[0]["errorCode"], *code, "{soql}: {}", a.body);
        let text = a.body[0]["message"].as_str().unwrap_or_default();
        assert!(text.contains("ERROR at Row:1:Column:"), "{soql}: {text}");
        assert!(text.ends_with(message), "{soql}: {text}");
    }
}

fn field_mut<'s>(schema: &'s mut devorg::schema::Schema, object: &str, field: &str) -> &'s mut devorg::schema::Field {
    let object = schema.objects.iter_mut().find(|o| o.name == object).expect("object");
    object.fields.iter_mut().find(|f| f.name == field).expect("field")
}

#[tokio::test]
async fn describe_capabilities_decide_where_order_by_group_by_and_aggregates() {
    let org = Org::new();
    let ian = org.token(1, false);
    let cases: &[Refusal] = &[
        // Long text areas: filterable, sortable, groupable and aggregatable are all false.
        ("SELECT Id FROM Account WHERE Description = 'x'", "INVALID_FIELD", "field 'Description' can not be filtered in a query call"),
        ("SELECT Id FROM Account WHERE Description LIKE '%x%'", "INVALID_FIELD", "field 'Description' can not be filtered in a query call"),
        ("SELECT Id FROM Account WHERE Description IN ('x')", "INVALID_FIELD", "field 'Description' can not be filtered in a query call"),
        ("SELECT Id FROM Account WHERE Description != null", "INVALID_FIELD", "field 'Description' can not be filtered in a query call"),
        ("SELECT Id FROM Contact WHERE NOT Account.Description = 'x'", "INVALID_FIELD", "field 'Description' can not be filtered in a query call"),
        ("SELECT Id FROM Account ORDER BY Description", "MALFORMED_QUERY", "field 'Description' can not be sorted in a query call"),
        ("SELECT Id FROM Lead ORDER BY Product_Interest__c", "MALFORMED_QUERY", "field 'Product_Interest__c' can not be sorted in a query call"),
        ("SELECT Description FROM Account GROUP BY Description", "MALFORMED_QUERY", "field 'Description' can not be grouped in a query call"),
        // Numbers and datetimes are not groupable.
        ("SELECT AnnualRevenue FROM Account GROUP BY AnnualRevenue", "MALFORMED_QUERY", "field 'AnnualRevenue' can not be grouped in a query call"),
        ("SELECT COUNT(Id) FROM Account GROUP BY CreatedDate", "MALFORMED_QUERY", "field 'CreatedDate' can not be grouped in a query call"),
        ("SELECT COUNT(Description) FROM Account", "MALFORMED_QUERY", "field Description does not support aggregate operator COUNT"),
        ("SELECT MAX(IsDeleted) FROM Account", "MALFORMED_QUERY", "field IsDeleted does not support aggregate operator MAX"),
        (
            "SELECT COUNT_DISTINCT(Product_Interest__c) FROM Lead",
            "MALFORMED_QUERY",
            "field Product_Interest__c does not support aggregate operator COUNT_DISTINCT",
        ),
        ("SELECT SUM(Name) FROM Account", "MALFORMED_QUERY", "field Name does not support aggregate operator SUM"),
        ("SELECT AVG(CreatedDate) FROM Account", "MALFORMED_QUERY", "field CreatedDate does not support aggregate operator AVG"),
    ];
    assert_refused(&org, &ian, cases).await;
    // The same fields where describe allows them.
    for soql in [
        "SELECT Id FROM Account WHERE BillingStreet = 'x' ORDER BY BillingStreet",
        "SELECT Id FROM Lead WHERE Product_Interest__c INCLUDES ('Robotics')",
        "SELECT Industry, COUNT(Id), COUNT(Name), MIN(CreatedDate), MAX(AnnualRevenue), SUM(AnnualRevenue), AVG(NumberOfEmployees) FROM Account GROUP BY Industry",
        "SELECT Description FROM Account ORDER BY Name",
    ] {
        let a = org.query(&ian, soql).await;
        assert_eq!(a.status, StatusCode::OK, "{soql}: {}", a.body);
    }
}

#[tokio::test]
async fn capabilities_come_from_describe_not_from_the_type() {
    // A recorded describe may say otherwise than devorg's type rules: devorg obeys it.
    let mut schema = devorg::schema::Schema::builtin().expect("schema");
    field_mut(&mut schema, "Account", "Phone").caps.sortable = false;
    field_mut(&mut schema, "Account", "Website").caps.filterable = false;
    field_mut(&mut schema, "Account", "Rating").caps.groupable = false;
    field_mut(&mut schema, "Account", "Name").caps.aggregatable = false;
    field_mut(&mut schema, "Account", "Description").caps.filterable = true;
    let org = Org::with_schema(schema);
    let ian = org.token(1, false);
    let cases: &[Refusal] = &[
        ("SELECT Id FROM Account ORDER BY Phone", "MALFORMED_QUERY", "field 'Phone' can not be sorted in a query call"),
        ("SELECT Id FROM Account WHERE Website = 'x'", "INVALID_FIELD", "field 'Website' can not be filtered in a query call"),
        ("SELECT Rating FROM Account GROUP BY Rating", "MALFORMED_QUERY", "field 'Rating' can not be grouped in a query call"),
        ("SELECT MIN(Name) FROM Account", "MALFORMED_QUERY", "field Name does not support aggregate operator MIN"),
    ];
    assert_refused(&org, &ian, cases).await;
    let a = org.query(&ian, "SELECT Id FROM Account WHERE Description = 'x'").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
}

#[tokio::test]
async fn group_by_answers_aggregate_results() {
    let org = Org::new();
    let ian = org.token(1, false);
    for (name, industry, revenue, employees) in [
        ("Acme Robotics", Some("Machinery"), 5_000_000, 120),
        ("Globex", Some("Machinery"), 1_000_000, 80),
        ("Initech Software", Some("Technology"), 800_000, 40),
        ("Nameless", None, 100, 1),
    ] {
        let mut body = json!({"Name": name, "AnnualRevenue": revenue, "NumberOfEmployees": employees});
        if let Some(industry) = industry {
            body["Industry"] = json!(industry);
        }
        let id = org.create(&ian, "Account", body).await;
        if name != "Nameless" {
            org.create(&ian, "Contact", json!({"LastName": format!("of {name}"), "AccountId": id})).await;
        }
    }
    let row = |fields: Value| {
        let mut map = serde_json::Map::new();
        map.insert("attributes".into(), json!({"type": "AggregateResult"}));
        map.extend(fields.as_object().expect("object").clone());
        Value::Object(map)
    };
    let cases: Vec<(&str, Vec<Value>)> = vec![
        (
            "SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY Industry NULLS LAST",
            vec![
                row(json!({"Industry": "Machinery", "expr0": 2})),
                row(json!({"Industry": "Technology", "expr0": 1})),
                row(json!({"Industry": null, "expr0": 1})),
            ],
        ),
        // Aliases name their column; unaliased aggregates are expr0, expr1... in SELECT order.
        (
            "SELECT Industry, SUM(AnnualRevenue) total, MAX(NumberOfEmployees), MIN(Name) FROM Account WHERE Industry != null GROUP BY Industry ORDER BY Industry DESC",
            vec![
                row(json!({"Industry": "Technology", "total": 800_000.0, "expr0": 40, "expr1": "Initech Software"})),
                row(json!({"Industry": "Machinery", "total": 6_000_000.0, "expr0": 120, "expr1": "Acme Robotics"})),
            ],
        ),
        // GROUP BY without an aggregate: the distinct values, null included.
        (
            "SELECT Industry FROM Account GROUP BY Industry ORDER BY Industry",
            vec![row(json!({"Industry": null})), row(json!({"Industry": "Machinery"})), row(json!({"Industry": "Technology"}))],
        ),
        // A grouped parent field is keyed by its own name.
        (
            "SELECT Account.Industry, COUNT(Id) n FROM Contact GROUP BY Account.Industry ORDER BY Account.Industry",
            vec![row(json!({"Industry": "Machinery", "n": 2})), row(json!({"Industry": "Technology", "n": 1}))],
        ),
        (
            "SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY Industry LIMIT 1 OFFSET 1",
            vec![row(json!({"Industry": "Machinery", "expr0": 2}))],
        ),
        ("SELECT IsDeleted, COUNT(Id) FROM Account GROUP BY IsDeleted", vec![row(json!({"IsDeleted": false, "expr0": 4}))]),
        ("SELECT Industry, COUNT(Id) FROM Account WHERE Name = 'nobody' GROUP BY Industry", vec![]),
        // Without GROUP BY: one row.
        ("SELECT COUNT(Id), COUNT_DISTINCT(Industry) FROM Account", vec![row(json!({"expr0": 4, "expr1": 2}))]),
    ];
    for (soql, want) in cases {
        let a = org.query(&ian, soql).await;
        assert_eq!(a.status, StatusCode::OK, "{soql}: {}", a.body);
        assert_eq!(a.body, json!({"totalSize": want.len(), "done": true, "records": want}), "{soql}");
        let keys: Vec<String> = a.body["records"].get(0).and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default();
        if let Some(first) = keys.first() {
            assert_eq!(first, "attributes", "{soql}: attributes first, then SELECT order");
        }
    }
    let cases: &[Refusal] = &[
        ("SELECT Name, COUNT(Id) FROM Account GROUP BY Industry", "MALFORMED_QUERY", "Field must be grouped or aggregated: Name"),
        ("SELECT Industry, Name FROM Account GROUP BY Industry", "MALFORMED_QUERY", "Field must be grouped or aggregated: Name"),
        ("SELECT Industry FROM Account GROUP BY Industry ORDER BY Name", "MALFORMED_QUERY", "Ordered field must be grouped or aggregated: Name"),
        ("SELECT COUNT(Id) FROM Account ORDER BY Name", "MALFORMED_QUERY", "Ordered field must be grouped or aggregated: Name"),
        ("SELECT Industry, (SELECT Id FROM Contacts) FROM Account GROUP BY Industry", "MALFORMED_QUERY", "Field must be grouped or aggregated: Contacts"),
        ("SELECT Id, (SELECT AccountId FROM Contacts GROUP BY AccountId) FROM Account", "MALFORMED_QUERY", "Nesting of semi join sub-selects is not supported"),
        (
            "SELECT Industry FROM Account GROUP BY Nope",
            "INVALID_FIELD",
            "No such column 'Nope' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
        ),
        ("SELECT Industry FROM Account GROUP BY Industry HAVING COUNT(Id) > 1", "MALFORMED_QUERY", "unexpected token: 'HAVING'"),
    ];
    assert_refused(&org, &ian, cases).await;
    let a = org.query(&ian, "SELECT COUNT() FROM Account GROUP BY Industry").await;
    assert_eq!((a.status, a.body[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("MALFORMED_QUERY")), "{}", a.body);
}

#[tokio::test]
async fn relationship_paths_resolve_like_salesforce() {
    let org = Org::new();
    let ian = org.token(1, false);
    let acme = org.create(&ian, "Account", json!({"Name": "Acme Robotics", "Industry": "Machinery"})).await;
    let maria = org
        .create(
            &ian,
            "Contact",
            json!({"FirstName": "Maria", "LastName": "Chen", "AccountId": acme, "Email": "maria@acme.example", "Phone": "555-0100", "Title": "CTO"}),
        )
        .await;
    let case = org.create(&ian, "Case", json!({"Subject": "Arm stuck", "AccountId": acme})).await;
    let call = org.create(&ian, "Task", json!({"Subject": "Call Maria", "WhoId": maria, "WhatId": acme})).await;
    org.create(&ian, "Task", json!({"Subject": "Case follow-up", "WhatId": case})).await;
    org.create(&ian, "EmailMessage", json!({"Subject": "Re: arm", "ActivityId": call, "RelatedToId": case, "ParentId": case})).await;

    // Who/What read the Name object: Name for every record (a Case's is its number),
    // FirstName/LastName for people, Email/Phone/Title only for users.
    let a = org
        .query(
            &ian,
            "SELECT Subject, Who.Id, Who.Name, Who.FirstName, Who.LastName, Who.Email, Who.Phone, Who.Title, What.Name, What.Type FROM Task ORDER BY Subject",
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let call_row = &a.body["records"][0];
    assert_eq!(call_row["Who"]["Id"], json!(maria));
    assert_eq!(call_row["Who"]["Name"], "Maria Chen");
    assert_eq!(call_row["Who"]["FirstName"], "Maria");
    assert_eq!(call_row["Who"]["LastName"], "Chen");
    for user_only in ["Email", "Phone", "Title"] {
        assert_eq!(call_row["Who"][user_only], Value::Null, "{user_only} is filled only for users");
    }
    assert_eq!(call_row["What"]["Name"], "Acme Robotics");
    let case_row = &a.body["records"][1];
    let number = org.query(&ian, "SELECT CaseNumber FROM Case").await.body["records"][0]["CaseNumber"].clone();
    assert!(number.is_string(), "{number}");
    assert_eq!(case_row["What"]["Name"], number, "a Case's Name is its CaseNumber");
    assert_eq!(case_row["What"]["Type"], "Case");
    let a = org.query(&ian, "SELECT Subject FROM Task WHERE What.Name = 'Acme Robotics' AND Who.LastName = 'Chen' ORDER BY Who.Name").await;
    assert_eq!(a.body["totalSize"], 1, "{}", a.body);

    const COLUMN_TAIL: &str = "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
    let name_industry = format!("No such column 'Industry' on entity 'Name'. {COLUMN_TAIL}");
    let name_subject = format!("No such column 'Subject' on entity 'Name'. {COLUMN_TAIL}");
    let case_name = format!("No such column 'Name' on entity 'Case'. {COLUMN_TAIL}");
    // ActivityId has no relationship name in a real org's describe
    // (fixtures' lwr-2024-projection/EmailMessage.json): it cannot be followed.
    let activity = "Didn't understand relationship 'Activity' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";
    let cases: Vec<(&str, &str, &str)> = vec![
        ("SELECT What.Industry FROM Task", "INVALID_FIELD", &name_industry),
        ("SELECT Id FROM Task WHERE Who.Subject = 'x'", "INVALID_FIELD", &name_subject),
        (
            "SELECT Id FROM EmailMessage ORDER BY RelatedTo.Industry",
            "INVALID_FIELD",
            "No such column 'Industry' on entity 'Name'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
        ),
        (
            "SELECT What.Owner.Name FROM Task",
            "INVALID_FIELD",
            "Didn't understand relationship 'Owner' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
        ),
        // A lookup to an object without a Name field (Case's is CaseNumber).
        ("SELECT Parent.Name FROM EmailMessage", "INVALID_FIELD", &case_name),
        ("SELECT Id FROM EmailMessage WHERE Parent.Name = 'x'", "INVALID_FIELD", &case_name),
        ("SELECT Activity.Subject FROM EmailMessage", "INVALID_FIELD", activity),
    ];
    for (soql, code, message) in &cases {
        let a = org.query(&ian, soql).await;
        assert_eq!((a.status, a.body[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!(code)), "{soql}: {}", a.body);
        assert!(a.body[0]["message"].as_str().is_some_and(|m| m.ends_with(message)), "{soql}: {}", a.body);
    }
    let a = org.query(&ian, "SELECT ActivityId, Parent.Subject, RelatedTo.Name FROM EmailMessage").await;
    assert_eq!(a.body["records"][0]["ActivityId"], json!(call), "{}", a.body);
    assert_eq!(a.body["records"][0]["Parent"]["Subject"], "Arm stuck", "{}", a.body);
}

#[tokio::test]
async fn relationships_to_objects_devorg_does_not_know() {
    // What a describe loaded with --describes looks like: `referenceTo` names
    // objects devorg has no declaration of, and their `targets` are empty.
    let mut schema = devorg::schema::Schema::builtin().expect("schema");
    let account = field_mut(&mut schema, "Contact", "AccountId");
    account.reference_to = vec!["OpportunityHistory".into()];
    account.targets.clear();
    let what = field_mut(&mut schema, "Task", "WhatId");
    what.reference_to.push("Campaign".into());
    let who = field_mut(&mut schema, "Task", "WhoId");
    who.reference_to = vec!["Pricebook2".into(), "Campaign".into()];
    who.targets.clear();
    let org = Org::with_schema(schema);
    let ian = org.token(1, false);
    let acme = org.create(&ian, "Account", json!({"Name": "Acme Robotics"})).await;
    org.create(&ian, "Task", json!({"Subject": "Call", "WhatId": acme})).await;

    let cases: &[Refusal] = &[
        (
            "SELECT Account.Name FROM Contact",
            "INVALID_FIELD",
            "No such column 'Name' on entity 'OpportunityHistory'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
        ),
        (
            "SELECT Id FROM Contact WHERE Account.Owner.Name = 'x'",
            "INVALID_FIELD",
            "No such column 'Owner' on entity 'OpportunityHistory'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
        ),
        (
            "SELECT Id FROM Contact ORDER BY Account.Name",
            "INVALID_FIELD",
            "No such column 'Name' on entity 'OpportunityHistory'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
        ),
    ];
    assert_refused(&org, &ian, cases).await;
    // Polymorphic: the known targets still answer; none known reads as null.
    let a = org.query(&ian, "SELECT What.Name, What.Type, Who.Name, Who.Type FROM Task WHERE What.Type = 'Account'").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["records"][0]["What"]["Name"], "Acme Robotics");
    assert_eq!(a.body["records"][0]["Who"], Value::Null);
    let a = org.query(&ian, "SELECT Id FROM Task WHERE Who.Name = 'x'").await;
    assert_eq!((a.status, a.body["totalSize"].clone()), (StatusCode::OK, json!(0)), "{}", a.body);
    // One known target of a polymorphic relationship: its Type only where a record matched.
    let mut schema = devorg::schema::Schema::builtin().expect("schema");
    field_mut(&mut schema, "Task", "WhoId").reference_to = vec!["Contact".into(), "Campaign".into()];
    let org = Org::with_schema(schema);
    let ian = org.token(1, false);
    let maria = org.create(&ian, "Contact", json!({"LastName": "Chen"})).await;
    org.create(&ian, "Task", json!({"Subject": "Call", "WhoId": maria})).await;
    org.create(&ian, "Task", json!({"Subject": "Nobody"})).await;
    let a = org.query(&ian, "SELECT Subject, Who.Name FROM Task WHERE Who.Type = 'Contact'").await;
    assert_eq!(a.body["totalSize"], 1, "{}", a.body);
    assert_eq!(a.body["records"][0]["Who"]["Name"], "Chen");
    let a = org.query(&ian, "SELECT Subject FROM Task WHERE Who.Type = null").await;
    assert_eq!(a.body["records"][0]["Subject"], "Nobody", "{}", a.body);
}

#[tokio::test]
async fn uri_and_headers_are_capped_at_16384_bytes() {
    let org = Org::new();
    let ian = org.token(1, false);
    let base = "/services/data/v62.0/query?q=";
    // A query whose URI is exactly `len` bytes long: `+` (a space) pads it.
    let uri_of = |len: usize| {
        let soql = encode("SELECT Id FROM Account");
        format!("{base}{}{soql}", "+".repeat(len - base.len() - soql.len()))
    };
    // (URI bytes, extra header bytes, status)
    let cases: &[(usize, usize, StatusCode)] = &[
        (2_000, 0, StatusCode::OK),
        (15_000, 0, StatusCode::OK),
        (16_385, 0, StatusCode::URI_TOO_LONG),
        (40_000, 0, StatusCode::URI_TOO_LONG),
        // The URI fits, the URI and the headers together do not.
        (16_384, 0, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE),
        (2_000, 14_500, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE),
        (2_000, 13_000, StatusCode::OK),
    ];
    for &(uri_len, header_len, want) in cases {
        let uri = uri_of(uri_len);
        assert_eq!(uri.len(), uri_len);
        let filler = "x".repeat(header_len);
        let headers: &[(&str, &str)] = if header_len > 0 { &[("X-Filler", filler.as_str())] } else { &[] };
        let a = org.send("GET", &uri, Some(&ian), headers, "").await;
        assert_eq!(a.status, want, "URI {uri_len} bytes, header {header_len}: {}", a.body);
        if want != StatusCode::OK {
            assert_eq!(a.body, Value::Null, "the web tier's refusal is no JSON error array");
        }
    }
    // Before authentication too, and on any resource.
    let a = org.send("GET", &format!("/services/data/v62.0/sobjects/Account/{}", "0".repeat(16_400)), None, &[], "").await;
    assert_eq!(a.status, StatusCode::URI_TOO_LONG);
}

#[tokio::test]
async fn an_id_in_a_save_body_is_refused() {
    let org = Org::new();
    let ian = org.token(1, false);
    let acme = org.create(&ian, "Account", json!({"Name": "Acme Robotics"})).await;
    let refused = json!([{"message": "The Id field should not be specified in the sobject data.", "errorCode": "INVALID_FIELD"}]);
    // (method, path, body)
    let cases: Vec<(&str, String, Value)> = vec![
        ("POST", "/services/data/v62.0/sobjects/Account".into(), json!({"Id": acme, "Name": "Copy"})),
        ("POST", "/services/data/v62.0/sobjects/Account/".into(), json!({"id": "001000000000000AAA", "Name": "Copy"})),
        ("PATCH", format!("/services/data/v62.0/sobjects/Account/{acme}"), json!({"Id": acme, "Name": "Renamed"})),
        ("PATCH", format!("/services/data/v62.0/sobjects/Account/{acme}"), json!({"ID": null})),
    ];
    for (method, path, body) in &cases {
        let a = org.send(method, path, Some(&ian), &[], &body.to_string()).await;
        assert_eq!((a.status, a.body.clone()), (StatusCode::BAD_REQUEST, refused.clone()), "{method} {path} {body}");
    }
    let a = org.query(&ian, "SELECT Name FROM Account").await;
    assert_eq!(a.body["totalSize"], 1, "nothing was saved: {}", a.body);
    assert_eq!(a.body["records"][0]["Name"], "Acme Robotics");
    // sObject Collections: an update names its records by Id in the body.
    let a = org
        .send(
            "PATCH",
            "/services/data/v62.0/composite/sobjects",
            Some(&ian),
            &[],
            &json!({"records": [{"attributes": {"type": "Account"}, "id": acme, "Name": "Acme Robotics Inc"}]}).to_string(),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body[0]["success"], true, "{}", a.body);
    // Composite: the subrequest gets the single-record answer.
    let body = json!({"compositeRequest": [{"method": "POST", "url": "/services/data/v62.0/sobjects/Account", "referenceId": "copy", "body": {"Id": acme, "Name": "Copy"}}]});
    let a = org.send("POST", "/services/data/v62.0/composite", Some(&ian), &[], &body.to_string()).await;
    assert_eq!(a.body["compositeResponse"][0]["httpStatusCode"], 400, "{}", a.body);
    assert_eq!(a.body["compositeResponse"][0]["body"], refused, "{}", a.body);
}
