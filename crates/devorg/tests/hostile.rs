//! Hostile and malformed input: every case gets Salesforce's error shape
//! (a JSON array of `{"message","errorCode"}`) with the status Salesforce
//! uses, never a 500 or a panic, and afterwards the org is intact: the
//! records are all there, unchanged, and the API still answers.

mod common;

use axum::http::StatusCode;
use common::{Org, encode};
use serde_json::{Value, json};

const V: &str = "/services/data/v62.0";

#[derive(Clone, Copy)]
enum Token {
    Ian,
    None,
    Raw(&'static str),
}

struct Case {
    what: &'static str,
    method: &'static str,
    uri: String,
    /// The bearer token: Ian's session unless the case says otherwise.
    token: Token,
    body: String,
    status: StatusCode,
    code: &'static str,
}

fn case(what: &'static str, method: &'static str, uri: impl Into<String>, body: impl Into<String>, status: StatusCode, code: &'static str) -> Case {
    Case { what, method, uri: uri.into(), token: Token::Ian, body: body.into(), status, code }
}

fn query(soql: &str) -> String {
    format!("{V}/query?q={}", encode(soql))
}

fn search(sosl: &str) -> String {
    format!("{V}/search?q={}", encode(sosl))
}

fn cases(account: &str) -> Vec<Case> {
    use StatusCode as S;
    let records = |n: usize| {
        json!({"allOrNone": false, "records": (0..n).map(|i| json!({"attributes": {"type": "Account"}, "Name": format!("A{i}")})).collect::<Vec<_>>()})
            .to_string()
    };
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_soql = format!("SELECT Id FROM Account WHERE {}Name = 'x'{}", "(".repeat(500), ")".repeat(500));
    let all = vec![
        // Bodies that are not what the resource takes.
        case("not JSON", "POST", format!("{V}/sobjects/Account"), "Name=Acme", S::BAD_REQUEST, "JSON_PARSER_ERROR"),
        case("truncated JSON", "POST", format!("{V}/sobjects/Account"), r#"{"Name": "#, S::BAD_REQUEST, "JSON_PARSER_ERROR"),
        case("empty body", "POST", format!("{V}/sobjects/Account"), "", S::BAD_REQUEST, "JSON_PARSER_ERROR"),
        case("an array, not an object", "POST", format!("{V}/sobjects/Account"), r#"[{"Name":"x"}]"#, S::BAD_REQUEST, "JSON_PARSER_ERROR"),
        case("JSON nested 100,000 deep", "POST", format!("{V}/sobjects/Account"), deep_json.clone(), S::BAD_REQUEST, "JSON_PARSER_ERROR"),
        case("an object for a string", "POST", format!("{V}/sobjects/Account"), r#"{"Name":{"$gt":""}}"#, S::BAD_REQUEST, "JSON_PARSER_ERROR"),
        case("text for an integer", "POST", format!("{V}/sobjects/Account"), r#"{"Name":"A","NumberOfEmployees":"many"}"#, S::BAD_REQUEST, "JSON_PARSER_ERROR"),
        case("integer out of range", "POST", format!("{V}/sobjects/Account"), r#"{"Name":"A","NumberOfEmployees":1e99}"#, S::BAD_REQUEST, "NUMBER_OUTSIDE_VALID_RANGE"),
        case("string too long", "POST", format!("{V}/sobjects/Account"), json!({"Name": "x".repeat(256)}).to_string(), S::BAD_REQUEST, "STRING_TOO_LONG"),
        case("Id on create", "POST", format!("{V}/sobjects/Account"), json!({"Name": "A", "Id": account}).to_string(), S::BAD_REQUEST, "INVALID_FIELD"),
        case("unknown field", "POST", format!("{V}/sobjects/Account"), r#"{"Name":"A","Password__c":"x"}"#, S::BAD_REQUEST, "INVALID_FIELD"),
        case("missing required field", "POST", format!("{V}/sobjects/Contact"), r#"{"FirstName":"A"}"#, S::BAD_REQUEST, "REQUIRED_FIELD_MISSING"),
        case("restricted picklist", "POST", format!("{V}/sobjects/Task"), r#"{"Subject":"x","Status":"Done-ish"}"#, S::BAD_REQUEST, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"),
        case("garbage id in a lookup", "POST", format!("{V}/sobjects/Account"), r#"{"Name":"A","ParentId":"' OR 1=1 --"}"#, S::BAD_REQUEST, "MALFORMED_ID"),
        case("a Contact id in an Account lookup", "POST", format!("{V}/sobjects/Account"), json!({"Name": "A", "ParentId": "003000000000999AAA"}).to_string(), S::BAD_REQUEST, "FIELD_INTEGRITY_EXCEPTION"),
        case("a lookup to no record", "PATCH", format!("{V}/sobjects/Account/{account}"), json!({"ParentId": "001000000000999AAA"}).to_string(), S::BAD_REQUEST, "INVALID_CROSS_REFERENCE_KEY"),
        case("read-only field on update", "PATCH", format!("{V}/sobjects/Account/{account}"), r#"{"CreatedById":"005000000000001AAA"}"#, S::BAD_REQUEST, "INVALID_FIELD_FOR_INSERT_UPDATE"),
        case("body over the size limit", "POST", format!("{V}/sobjects/Account"), format!(r#"{{"Name":"{}"}}"#, "x".repeat(17 * 1024 * 1024)), S::PAYLOAD_TOO_LARGE, "REQUEST_ENTITY_TOO_LARGE"),
        // Names and ids in the URL.
        case("unknown object", "POST", format!("{V}/sobjects/Robert%27)%3B%20DROP%20TABLE%20Students%3B--"), "{}", S::NOT_FOUND, "NOT_FOUND"),
        case("SQLite's own table as an object", "GET", format!("{V}/sobjects/sqlite_master/{account}"), "", S::NOT_FOUND, "NOT_FOUND"),
        case("malformed id", "GET", format!("{V}/sobjects/Account/001!!!"), "", S::BAD_REQUEST, "MALFORMED_ID"),
        case("id with a bad checksum", "GET", format!("{V}/sobjects/Account/{}ZZZ", &account[..15]), "", S::BAD_REQUEST, "MALFORMED_ID"),
        case("id of another object", "GET", format!("{V}/sobjects/Contact/{account}"), "", S::NOT_FOUND, "NOT_FOUND"),
        case("path traversal", "GET", format!("{V}/sobjects/Account/..%2F..%2Fetc%2Fpasswd"), "", S::BAD_REQUEST, "MALFORMED_ID"),
        case("invalid UTF-8 in the path", "GET", format!("{V}/sobjects/Acc%FFount/{account}"), "", S::BAD_REQUEST, "INVALID_INPUT"),
        case("unknown field in ?fields", "GET", format!("{V}/sobjects/Account/{account}?fields=Name,Nope"), "", S::BAD_REQUEST, "INVALID_FIELD"),
        case("delete of a missing record", "DELETE", format!("{V}/sobjects/Account/001000000000999AAA"), "", S::NOT_FOUND, "NOT_FOUND"),
        case("wrong method", "PUT", format!("{V}/sobjects/Account/{account}"), "{}", S::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED"),
        case("unsupported version", "GET", format!("/services/data/v20.0/sobjects/Account/{account}"), "", S::NOT_FOUND, "NOT_FOUND"),
        case("version that is not a version", "GET", format!("/services/data/vABC/sobjects/Account/{account}"), "", S::NOT_FOUND, "NOT_FOUND"),
        // SOQL injection attempts and malformed queries.
        case("tautology outside a literal", "GET", query("SELECT Id FROM Account WHERE Name = 'x' OR '1'='1'"), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("a second statement", "GET", query("SELECT Id FROM Account; DROP TABLE sobj_Account"), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("SQL comment", "GET", query("SELECT Id FROM Account WHERE Name = 'x' --"), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("UNION", "GET", query("SELECT Id FROM Account UNION SELECT name FROM sqlite_master"), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("quoted table name", "GET", query("SELECT Id FROM \"sobj_Account\""), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("SQLite's catalog as an object", "GET", query("SELECT name FROM sqlite_master"), "", S::BAD_REQUEST, "INVALID_TYPE"),
        case("a column that is SQL", "GET", query("SELECT sql FROM Account"), "", S::BAD_REQUEST, "INVALID_FIELD"),
        case("bind variable", "GET", query("SELECT Id FROM Account WHERE Name = :name"), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("nesting 500 deep", "GET", query(&deep_soql), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("OFFSET over 2000", "GET", query("SELECT Id FROM Account OFFSET 5000"), "", S::BAD_REQUEST, "NUMBER_OUTSIDE_VALID_RANGE"),
        case("negative LIMIT", "GET", query("SELECT Id FROM Account LIMIT -1"), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("six relationship hops", "GET", query("SELECT Account.Parent.Parent.Parent.Parent.Parent.Name FROM Contact"), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("impossible date", "GET", query("SELECT Id FROM Account WHERE CreatedDate > 2024-13-45T00:00:00Z"), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("date literal without its number", "GET", query("SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS"), "", S::BAD_REQUEST, "MALFORMED_QUERY"),
        case("wrong value type", "GET", query("SELECT Id FROM Account WHERE NumberOfEmployees = 'ten'"), "", S::BAD_REQUEST, "INVALID_FIELD"),
        case("id literal that is not an id", "GET", query("SELECT Id FROM Account WHERE Id = '1 OR 1=1'"), "", S::BAD_REQUEST, "INVALID_QUERY_FILTER_OPERATOR"),
        case("unknown query locator", "GET", format!("{V}/query/01g000000000001AAA-2000"), "", S::BAD_REQUEST, "INVALID_QUERY_LOCATOR"),
        case("locator that is a path", "GET", format!("{V}/query/..%2F..%2Fsobjects"), "", S::BAD_REQUEST, "INVALID_QUERY_LOCATOR"),
        // SOSL.
        case("unclosed search term", "GET", search("FIND {Acme RETURNING Account"), "", S::BAD_REQUEST, "MALFORMED_SEARCH"),
        case("one-character search", "GET", search("FIND {*}"), "", S::BAD_REQUEST, "MALFORMED_SEARCH"),
        case("search of an unknown object", "GET", search("FIND {Acme} RETURNING sqlite_master(sql)"), "", S::BAD_REQUEST, "INVALID_TYPE"),
        case("parameterized search with a number for q", "POST", format!("{V}/parameterizedSearch"), r#"{"q":42}"#, S::BAD_REQUEST, "JSON_PARSER_ERROR"),
        case("parameterized search WHERE injection", "POST", format!("{V}/parameterizedSearch"), r#"{"q":"Acme","sobjects":[{"name":"Account","where":"Name = 'x') OR (1=1"}]}"#, S::BAD_REQUEST, "MALFORMED_SEARCH"),
        // Collections and composite.
        case("201 records in a collection", "POST", format!("{V}/composite/sobjects"), records(201), S::BAD_REQUEST, "EXCEEDED_ID_LIMIT"),
        case("records that is not a list", "POST", format!("{V}/composite/sobjects"), r#"{"records":"all of them"}"#, S::BAD_REQUEST, "JSON_PARSER_ERROR"),
        case("record without a type", "POST", format!("{V}/composite/sobjects"), r#"{"records":[{"Name":"x"}]}"#, S::BAD_REQUEST, "INVALID_TYPE"),
        // In the body: 2001 ids in a GET's URI are over the 16,384-byte cap (414, tests/strict.rs).
        case("2001 ids to retrieve", "POST", format!("{V}/composite/sobjects/Account"), json!({"ids": vec![account; 2001], "fields": ["Name"]}).to_string(), S::BAD_REQUEST, "EXCEEDED_ID_LIMIT"),
        case("26 composite subrequests", "POST", format!("{V}/composite"), json!({"compositeRequest": (0..26).map(|i| json!({"method": "GET", "url": format!("{V}/limits"), "referenceId": format!("r{i}")})).collect::<Vec<_>>()}).to_string(), S::BAD_REQUEST, "INVALID_INPUT"),
        case("composite reference id with SQL", "POST", format!("{V}/composite"), json!({"compositeRequest": [{"method": "GET", "url": format!("{V}/limits"), "referenceId": "x'; DROP TABLE sobj_Account; --"}]}).to_string(), S::BAD_REQUEST, "INVALID_INPUT"),
        // Sessions.
        Case { token: Token::None, ..case("no session", "GET", format!("{V}/sobjects/Account/{account}"), "", S::UNAUTHORIZED, "INVALID_SESSION_ID") },
        Case { token: Token::Raw("' OR '1'='1"), ..case("SQL as the bearer token", "GET", format!("{V}/limits"), "", S::UNAUTHORIZED, "INVALID_SESSION_ID") },
        Case { token: Token::Raw("00D000000000001!forged.token_value"), ..case("a forged token", "GET", format!("{V}/limits"), "", S::UNAUTHORIZED, "INVALID_SESSION_ID") },
    ];
    all
}

#[tokio::test]
async fn hostile_input_gets_salesforce_errors_and_changes_nothing() {
    let org = Org::new();
    let ian = org.token(1, false);
    let account = org.create(&ian, "Account", json!({"Name": "Sentinel Industries", "NumberOfEmployees": 42})).await;
    let before = org.query(&ian, "SELECT Id, Name, NumberOfEmployees, LastModifiedDate FROM Account").await.body;

    let cases = cases(&account);
    assert!(cases.len() >= 40, "the acceptance asks for at least 40 cases, have {}", cases.len());
    for c in &cases {
        let token = match c.token {
            Token::Ian => Some(ian.as_str()),
            Token::None => None,
            Token::Raw(raw) => Some(raw),
        };
        let answer = org.send(c.method, &c.uri, token, &[], &c.body).await;
        let shown = answer.body.to_string().chars().take(300).collect::<String>();
        assert_eq!(answer.status, c.status, "{}: {shown}", c.what);
        let errors = answer.body.as_array().unwrap_or_else(|| panic!("{}: not an error array: {shown}", c.what));
        assert_eq!(errors.len(), 1, "{}: {shown}", c.what);
        assert_eq!(errors[0]["errorCode"], c.code, "{}: {shown}", c.what);
        assert!(errors[0]["message"].as_str().is_some_and(|m| !m.is_empty() && m.len() < 2000), "{}: a short message: {shown}", c.what);
        assert!(answer.headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json")), "{}", c.what);
    }

    // A query over Salesforce's 100,000-character limit (40,000 IN values: more
    // than SQLite binds) is refused; only composite can carry one that long.
    let long_in = format!("SELECT Id FROM Account WHERE Name IN ({})", vec!["'a'"; 40_000].join(","));
    let body = json!({"compositeRequest": [{"method": "GET", "url": format!("{V}/query?q={}", encode(&long_in)), "referenceId": "huge"}]});
    let a = org.send("POST", &format!("{V}/composite"), Some(&ian), &[], &body.to_string()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body.to_string().chars().take(300).collect::<String>());
    assert_eq!(a.body["compositeResponse"][0]["httpStatusCode"], 400);
    assert_eq!(a.body["compositeResponse"][0]["body"][0]["errorCode"], "MALFORMED_QUERY");

    // A literal full of quotes is only ever a value: it matches nothing and breaks nothing.
    let a = org.query(&ian, r"SELECT Id FROM Account WHERE Name = 'x\' OR Name != \'' OR Name LIKE '%\'; DROP TABLE sobj_Account; --'").await;
    assert_eq!((a.status, a.body["totalSize"].clone()), (StatusCode::OK, json!(0)), "{}", a.body);
    // The org is intact: same records, same values, still answering.
    let after = org.query(&ian, "SELECT Id, Name, NumberOfEmployees, LastModifiedDate FROM Account").await.body;
    assert_eq!(after, before);
    assert_eq!(after["records"][0]["Name"], Value::String("Sentinel Industries".into()));
}
