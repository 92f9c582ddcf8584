//! devorg and the client agree on one wire format: every endpoint's answer
//! (and the typed requests the client sends) goes through the shared types
//! of `salesforce_rest::wire`, and re-serializing each typed answer gives the
//! JSON devorg sent back, key for key and value for value: nothing devorg
//! says is lost on the client's side.

mod common;

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Answer, Org, encode};
use http_body_util::BodyExt;
use salesforce_rest::wire::{
    ApiUsage, CollectionRequest, CollectionRetrieveRequest, CompactLayouts, CompactLayoutsByObject, CompositeRequest, CompositeResponse, CompositeSubrequest,
    DescribeGlobal, FieldType, Identity, Limits, OAuthError, QueryResponse, Record, ResourceDirectory, SObjectDescribe, SearchResponse, TokenResponse,
    UserInfo, VersionInfo,
};
use salesforce_rest::{ErrorCode, RestError, SaveResult, SfId};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tower::ServiceExt;

const V: &str = "/services/data/v62.0";

/// Where `theirs` (re-serialized) differs from `ours` (what devorg sent).
fn diff(path: &str, ours: &Value, theirs: &Value, out: &mut Vec<String>) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => diff(&format!("{path}.{k}"), v, w, out),
                    None => out.push(format!("{path}.{k}: lost ({v})")),
                }
            }
            out.extend(b.keys().filter(|k| !a.contains_key(*k)).map(|k| format!("{path}.{k}: added")));
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                diff(&format!("{path}[{i}]"), v, w, out);
            }
        }
        _ if ours != theirs => out.push(format!("{path}: {ours} became {theirs}")),
        _ => {}
    }
}

/// Parses `body` as `T` strictly: it must parse, and serializing `T` again
/// must give back exactly `body`.
fn typed<T: DeserializeOwned + Serialize>(what: &str, body: &Value) -> T {
    let value: T = serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{what}: {e}\n{body:#}"));
    let back = serde_json::to_value(&value).expect("serialize");
    let mut diffs = Vec::new();
    diff(what, body, &back, &mut diffs);
    assert!(diffs.is_empty(), "{what} does not survive its type:\n{}", diffs.join("\n"));
    value
}

fn ok<'a>(answer: &'a Answer, status: StatusCode, what: &str) -> &'a Value {
    assert_eq!(answer.status, status, "{what}: {}", answer.body);
    &answer.body
}

async fn send_typed(org: &Org, method: &str, uri: &str, token: &str, body: &impl Serialize) -> Answer {
    org.send(method, uri, Some(token), &[], &serde_json::to_string(body).expect("json")).await
}

#[tokio::test]
async fn discovery_limits_and_describes() {
    let org = Org::new();
    let token = org.token(1, false);

    let versions = org.send("GET", "/services/data", None, &[], "").await;
    let versions: Vec<VersionInfo> = typed("versions", ok(&versions, StatusCode::OK, "versions"));
    assert!(versions.iter().any(|v| v.version == "62.0"));
    let directory: ResourceDirectory = typed("directory", ok(&org.get(V, &token).await, StatusCode::OK, "directory"));
    assert_eq!(directory["query"], format!("{V}/query"));

    let answer = org.get(&format!("{V}/limits"), &token).await;
    let limits: Limits = typed("limits", ok(&answer, StatusCode::OK, "limits"));
    let header = answer.headers.get("sforce-limit-info").and_then(|h| h.to_str().ok()).expect("Sforce-Limit-Info");
    let usage = ApiUsage::parse(header).expect("api-usage=N/M");
    assert_eq!(usage.max, u64::try_from(limits["DailyApiRequests"].max).expect("max"));
    assert!(usage.used >= 1);

    let global: DescribeGlobal = typed("describeGlobal", ok(&org.get(&format!("{V}/sobjects"), &token).await, StatusCode::OK, "global"));
    assert_eq!((global.encoding.as_str(), global.max_batch_size), ("UTF-8", 200));
    assert!(global.sobjects.len() >= 10);
    for object in &global.sobjects {
        let name = &object.name;
        let describe = org.get(&format!("{V}/sobjects/{name}/describe"), &token).await;
        let d: SObjectDescribe = typed(&format!("describe {name}"), ok(&describe, StatusCode::OK, name));
        assert_eq!(&d.object, object, "describe {name} starts with its describeGlobal entry");
        assert!(d.field("id").is_some_and(|f| f.field_type == FieldType::Id), "{name}.Id");
        for f in &d.fields {
            assert!(f.field_type.known().is_some(), "{name}.{} has a type the client does not know: {:?}", f.name, f.field_type);
        }
        let layouts = org.get(&format!("{V}/sobjects/{name}/describe/compactLayouts"), &token).await;
        let layouts: CompactLayouts = typed(&format!("compactLayouts {name}"), ok(&layouts, StatusCode::OK, name));
        let primary = layouts.primary().expect("a layout");
        for field in primary.field_names() {
            assert!(d.field(field).is_some(), "{name} compact layout names {field}");
        }
    }

    let account: SObjectDescribe = typed("describe Account", &org.get(&format!("{V}/sobjects/Account/describe"), &token).await.body);
    let required: Vec<&str> = account.required_on_create().map(|f| f.name.as_str()).collect();
    assert_eq!(required, ["Name"]);
    assert!(account.child_relationship("contacts").is_some());
    let task: SObjectDescribe = typed("describe Task", &org.get(&format!("{V}/sobjects/Task/describe"), &token).await.body);
    let who = task.field("whoid").expect("WhoId");
    assert!(who.is_polymorphic() && who.relationship_name.as_deref() == Some("Who"));
    let status = task.field("Status").expect("Status");
    assert!(status.restricted_picklist && status.default_picklist_value().is_some());

    let many = org.get(&format!("{V}/compactLayouts?q=Account,Contact"), &token).await;
    let many: CompactLayoutsByObject = typed("compactLayouts?q=", ok(&many, StatusCode::OK, "compactLayouts?q="));
    assert_eq!(many.keys().map(String::as_str).collect::<Vec<_>>(), ["Account", "Contact"]);
    assert!(many["Account"].field_names().contains(&"Name"));
}

#[tokio::test]
async fn records_queries_and_errors() {
    let org = Org::new();
    let token = org.token(1, false);
    let acme = org.create(&token, "Account", json!({"Name": "Acme", "Industry": "Banking"})).await;
    let created = org.send("POST", &format!("{V}/sobjects/Contact"), Some(&token), &[], &json!({"LastName": "Chen", "AccountId": acme}).to_string()).await;
    let created: SaveResult = typed("create", ok(&created, StatusCode::CREATED, "create"));
    let chen = created.id.expect("id");

    let read = org.get(&format!("{V}/sobjects/Contact/{chen}"), &token).await;
    let record: Record = typed("read", ok(&read, StatusCode::OK, "read"));
    assert_eq!((record.object_type(), record.id()), (Some("Contact"), Some(chen.as_str())));
    let some = org.get(&format!("{V}/sobjects/Account/{acme}?fields=Name,Industry"), &token).await;
    let some: Record = typed("read ?fields=", ok(&some, StatusCode::OK, "fields"));
    assert_eq!((some.id(), some.get_str("industry")), (Some(acme.as_str()), Some("Banking")));
    let patched = send_typed(&org, "PATCH", &format!("{V}/sobjects/Contact/{chen}"), &token, &json!({"FirstName": "Maria"})).await;
    assert_eq!(patched.status, StatusCode::NO_CONTENT);

    let answer = org.query(&token, "SELECT Id, FirstName, Account.Name, Account.Owner.Name FROM Contact").await;
    let rows: QueryResponse<Record> = typed("query", ok(&answer, StatusCode::OK, "query"));
    assert_eq!((rows.total_size, rows.done, rows.next_locator()), (1, true, None));
    assert_eq!(rows.records[0].get_str("account.name"), Some("Acme"));
    assert_eq!(rows.records[0].get_str("FirstName"), Some("Maria"));
    let untyped: QueryResponse = typed("query as values", &answer.body);
    assert_eq!(untyped.into_typed::<Record>().expect("records"), rows);

    let answer = org.query(&token, "SELECT Name, (SELECT LastName FROM Contacts), (SELECT Subject FROM Cases) FROM Account").await;
    let rows: QueryResponse<Record> = typed("child subquery", ok(&answer, StatusCode::OK, "subquery"));
    let contacts = rows.records[0].children("Contacts").expect("Contacts");
    assert_eq!(contacts.records[0].get_str("LastName"), Some("Chen"));
    assert!(rows.records[0].children("Cases").is_none(), "no cases: null");

    let count = org.query(&token, "SELECT COUNT() FROM Contact").await;
    let count: QueryResponse = typed("count", ok(&count, StatusCode::OK, "count"));
    assert_eq!((count.total_size, count.records.len()), (1, 0));
    let grouped = org.query(&token, "SELECT COUNT(Id) n, MAX(Name) FROM Account").await;
    let grouped: QueryResponse<Record> = typed("aggregate", ok(&grouped, StatusCode::OK, "aggregate"));
    assert_eq!(grouped.records[0].object_type(), Some("AggregateResult"));
    assert_eq!(grouped.records[0].get("n"), Some(&json!(1)));

    // queryAll sees the deleted; a deleted record is then gone for query.
    let doomed = org.create(&token, "Account", json!({"Name": "Doomed"})).await;
    assert_eq!(org.send("DELETE", &format!("{V}/sobjects/Account/{doomed}"), Some(&token), &[], "").await.status, StatusCode::NO_CONTENT);
    let all = org.get(&format!("{V}/queryAll?q={}", encode("SELECT Id, IsDeleted FROM Account")), &token).await;
    let all: QueryResponse<Record> = typed("queryAll", ok(&all, StatusCode::OK, "queryAll"));
    assert_eq!(all.total_size, 2);

    for (uri, code) in [
        (format!("{V}/sobjects/Account/001000000000000AAA"), ErrorCode::NotFound),
        (format!("{V}/sobjects/Account/{acme}?fields=Nope"), ErrorCode::InvalidField),
        (format!("{V}/query?q={}", encode("SELECT Nope FROM Account")), ErrorCode::InvalidField),
        (format!("{V}/query?q={}", encode("SELECT FROM")), ErrorCode::MalformedQuery),
    ] {
        let answer = org.get(&uri, &token).await;
        assert!(answer.status.is_client_error(), "{uri}");
        let errors: Vec<RestError> = typed(&uri, &answer.body);
        assert_eq!(errors[0].error_code, code, "{uri}");
    }
    let nobody = org.send("GET", &format!("{V}/limits"), None, &[], "").await;
    let errors: Vec<RestError> = typed("no session", ok(&nobody, StatusCode::UNAUTHORIZED, "no session"));
    assert_eq!(errors[0].error_code, ErrorCode::InvalidSessionId);
}

#[tokio::test]
async fn collections_query_more_and_composite() {
    let org = Org::new();
    let token = org.token(1, false);

    // 250 contacts in two typed collection calls, one failure in the second.
    let mut ids = Vec::new();
    for (first, count) in [(0, 200), (200, 50)] {
        let request = CollectionRequest {
            all_or_none: false,
            records: (first..first + count).map(|i| Record::new("Contact").with("LastName", format!("Person {i:03}"))).collect(),
        };
        let answer = send_typed(&org, "POST", &format!("{V}/composite/sobjects"), &token, &request).await;
        let results: Vec<SaveResult> = typed("collection create", ok(&answer, StatusCode::OK, "create"));
        assert!(results.iter().all(|r| r.success));
        ids.extend(results.into_iter().filter_map(|r| r.id));
    }
    assert_eq!(ids.len(), 250);
    let mixed = CollectionRequest {
        all_or_none: false,
        records: vec![Record::new("Contact").with("LastName", "Ok"), Record::new("Contact").with("FirstName", "NoLast")],
    };
    let answer = send_typed(&org, "POST", &format!("{V}/composite/sobjects"), &token, &mixed).await;
    let results: Vec<SaveResult> = typed("collection partial failure", ok(&answer, StatusCode::OK, "mixed"));
    assert_eq!(results[1].errors[0].status_code, ErrorCode::RequiredFieldMissing);
    let rolled = CollectionRequest { all_or_none: true, ..mixed };
    let answer = send_typed(&org, "POST", &format!("{V}/composite/sobjects"), &token, &rolled).await;
    let results: Vec<SaveResult> = typed("collection allOrNone", ok(&answer, StatusCode::OK, "allOrNone"));
    assert_eq!(results[0].errors[0].status_code, ErrorCode::AllOrNoneOperationRolledBack);

    let update = CollectionRequest {
        all_or_none: true,
        records: ids[..2].iter().map(|id| Record::new("Contact").with("id", id.as_str()).with("Title", "VP")).collect(),
    };
    let answer = send_typed(&org, "PATCH", &format!("{V}/composite/sobjects"), &token, &update).await;
    let results: Vec<SaveResult> = typed("collection update", ok(&answer, StatusCode::OK, "update"));
    assert!(results.iter().all(|r| r.success));

    let retrieve = CollectionRetrieveRequest {
        ids: vec![ids[0].clone(), SfId::mint("003", 999_999).expect("id").to_string()],
        fields: vec!["LastName".into(), "Title".into()],
    };
    let answer = send_typed(&org, "POST", &format!("{V}/composite/sobjects/Contact"), &token, &retrieve).await;
    let records: Vec<Option<Record>> = typed("collection retrieve", ok(&answer, StatusCode::OK, "retrieve"));
    assert_eq!(records[0].as_ref().and_then(|r| r.get_str("Title")), Some("VP"));
    assert!(records[1].is_none());
    let answer = org.get(&format!("{V}/composite/sobjects/Contact?ids={}&fields=LastName", ids[1]), &token).await;
    let _: Vec<Option<Record>> = typed("collection retrieve GET", ok(&answer, StatusCode::OK, "retrieve GET"));

    // Query more: 200 + the rest, through the locator.
    let soql = encode("SELECT Id, LastName FROM Contact ORDER BY LastName");
    let first = org.send("GET", &format!("{V}/query?q={soql}"), Some(&token), &[("Sforce-Query-Options", "batchSize=200")], "").await;
    let first: QueryResponse<Record> = typed("query batch 1", ok(&first, StatusCode::OK, "batch 1"));
    assert_eq!((first.total_size, first.done, first.records.len()), (251, false, 200));
    let next = first.next_records_url.as_deref().expect("nextRecordsUrl");
    assert!(next.ends_with(first.next_locator().expect("locator")));
    let rest = org.get(next, &token).await;
    let rest: QueryResponse<Record> = typed("query batch 2", ok(&rest, StatusCode::OK, "batch 2"));
    assert_eq!((rest.done, rest.records.len(), rest.next_records_url), (true, 51, None));

    let deleted = org.send("DELETE", &format!("{V}/composite/sobjects?ids={},{}", ids[248], ids[249]), Some(&token), &[], "").await;
    let deleted: Vec<SaveResult> = typed("collection delete", ok(&deleted, StatusCode::OK, "delete"));
    assert!(deleted.iter().all(|r| r.success));

    // Composite, built from the typed request; a failing one with allOrNone.
    let request = CompositeRequest {
        all_or_none: false,
        collate_subrequests: false,
        composite_request: vec![
            CompositeSubrequest::new("POST", format!("{V}/sobjects/Account"), "acct").with_body(json!({"Name": "Globex"})).expect("body"),
            CompositeSubrequest::new("GET", format!("{V}/sobjects/Account/@{{acct.id}}?fields=Id,Name"), "read"),
            CompositeSubrequest::new("PATCH", format!("{V}/sobjects/Account/@{{acct.id}}"), "rename").with_body(json!({"Name": "Globex Corp"})).expect("body"),
            CompositeSubrequest::new("GET", format!("{V}/query?q={}", encode("SELECT Name FROM Account")), "list"),
            CompositeSubrequest::new("GET", format!("{V}/sobjects/Account/001000000000000AAA"), "missing"),
        ],
    };
    let answer = send_typed(&org, "POST", &format!("{V}/composite"), &token, &request).await;
    let response: CompositeResponse = typed("composite", ok(&answer, StatusCode::OK, "composite"));
    let acct = response.get("acct").expect("acct");
    assert_eq!(acct.http_status_code, 201);
    assert!(acct.http_headers.contains_key("Location"), "{:?}", acct.http_headers);
    let created: SaveResult = acct.body_as().expect("save result");
    let read: Record = response.get("read").expect("read").body_as().expect("record");
    assert_eq!((read.id(), read.get_str("Name")), (created.id.as_deref(), Some("Globex")));
    assert_eq!(response.get("rename").map(|r| (r.http_status_code, r.body.clone())), Some((204, Value::Null)));
    let list: QueryResponse<Record> = response.get("list").expect("list").body_as().expect("query");
    assert_eq!(list.records[0].get_str("Name"), Some("Globex Corp"));
    assert_eq!(response.get("missing").and_then(|r| r.errors()).map(|e| e[0].error_code.clone()), Some(ErrorCode::NotFound));

    let halted = CompositeRequest { all_or_none: true, ..request };
    let answer = send_typed(&org, "POST", &format!("{V}/composite"), &token, &halted).await;
    let response: CompositeResponse = typed("composite allOrNone", ok(&answer, StatusCode::OK, "allOrNone"));
    assert_eq!(response.get("acct").and_then(|r| r.errors()).map(|e| e[0].error_code.clone()), Some(ErrorCode::ProcessingHalted));
}

#[tokio::test]
async fn search_answers_are_records() {
    let org = Org::new();
    let token = org.token(1, false);
    org.create(&token, "Account", json!({"Name": "Acme Anvils"})).await;
    org.create(&token, "Contact", json!({"LastName": "Acme-Smith"})).await;

    let sosl = encode("FIND {Acme*} IN NAME FIELDS RETURNING Account(Id, Name), Contact(Id, LastName)");
    let found = org.get(&format!("{V}/search?q={sosl}"), &token).await;
    let found: SearchResponse = typed("search", ok(&found, StatusCode::OK, "search"));
    let records: Vec<Record> = found.search_records.into_iter().map(|r| serde_json::from_value(r).expect("record")).collect();
    let mut types: Vec<&str> = records.iter().filter_map(Record::object_type).collect();
    types.sort_unstable();
    assert_eq!(types, ["Account", "Contact"]);

    let get = org.get(&format!("{V}/parameterizedSearch?q=Acme&sobject=Account&Account.fields=Id,Name&Account.limit=10"), &token).await;
    let get: SearchResponse = typed("parameterizedSearch GET", ok(&get, StatusCode::OK, "GET"));
    assert_eq!(get.search_records.len(), 1);
    let body = json!({"q": "Acme", "fields": ["Id", "Name"], "sobjects": [{"name": "Account"}, {"name": "Contact", "fields": ["Id", "LastName"]}]});
    let post = send_typed(&org, "POST", &format!("{V}/parameterizedSearch"), &token, &body).await;
    let post: SearchResponse = typed("parameterizedSearch POST", ok(&post, StatusCode::OK, "POST"));
    assert_eq!(post.search_records.len(), 2);
}

// OAuth, driven as crates/devorg/tests/oauth.rs does: a login on the
// authorize form, then the token endpoint, userinfo and the identity URL.

const HOST: &str = "localhost:8787";
const CLIENT: &str = "SidecarDevorg";
const REDIRECT: &str = "https://abcdefghijklmnop.chromiumapp.org/";

/// A form POST (or a GET with a bearer) on `HOST`: status, Location and JSON body.
async fn call(org: &Org, method: &str, uri: &str, bearer: Option<&str>, form: &[(&str, &str)]) -> (StatusCode, String, Value) {
    let mut request = Request::builder().method(method).uri(uri).header("host", HOST).header("content-type", "application/x-www-form-urlencoded");
    if let Some(token) = bearer {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let body = serde_urlencoded::to_string(form).expect("form");
    let response = org.app.clone().oneshot(request.body(Body::from(body)).expect("request")).await.expect("response");
    let status = response.status();
    let location = response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    (status, location, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

#[tokio::test]
async fn oauth_token_userinfo_and_identity() {
    let org = Org::new();
    let user = {
        let conn = org.state.db.conn();
        let profile = org.state.schema.object("Profile").expect("Profile");
        let columns =
            devorg::records::encode::encode(profile, &json!({"Name": "Standard User"}), devorg::records::encode::Save::Create).expect("valid profile");
        let profile = devorg::records::store::insert(&conn, profile, columns, &SfId::mint("005", 1).expect("id")).expect("insert");
        let object = org.state.schema.object("User").expect("User");
        let body = json!({
            "Username": "maria@devorg.local", "FirstName": "Maria", "LastName": "Chen", "Alias": "maria",
            "Email": "maria@example.com", "TimeZoneSidKey": "America/Los_Angeles", "LocaleSidKey": "en_US",
            "LanguageLocaleKey": "en_US", "EmailEncodingKey": "UTF-8", "ProfileId": profile.as_str(),
        });
        let columns = devorg::records::encode::encode(object, &body, devorg::records::encode::Save::Create).expect("valid user");
        let id = devorg::records::store::insert(&conn, object, columns, &SfId::mint("005", 1).expect("id")).expect("insert");
        devorg::oauth::set_password(&conn, &id, "s3cret!").expect("password");
        id
    };

    let (status, location, _) = call(
        &org,
        "POST",
        "/services/oauth2/authorize",
        None,
        &[
            ("response_type", "code"),
            ("client_id", CLIENT),
            ("redirect_uri", REDIRECT),
            ("state", "xyz"),
            ("username", "maria@devorg.local"),
            ("password", "s3cret!"),
            ("action", "allow"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::FOUND, "{location}");
    let params: BTreeMap<String, String> = serde_urlencoded::from_str(location.split_once('?').map_or("", |(_, q)| q)).expect("redirect query");
    let code = params.get("code").expect("code");

    let exchange = [("grant_type", "authorization_code"), ("code", code.as_str()), ("client_id", CLIENT), ("redirect_uri", REDIRECT)];
    let (status, _, body) = call(&org, "POST", "/services/oauth2/token", None, &exchange).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token: TokenResponse = typed("token", &body);
    assert_eq!(token.org_and_user(), Some((devorg::auth::ORG_ID, user.as_str())));
    assert!(token.issued_at_millis().is_some_and(|ms| ms > 1_700_000_000_000));
    assert_eq!(token.token_type, "Bearer");
    let refresh = token.refresh_token.clone().expect("refresh_token");

    let (status, _, body) =
        call(&org, "POST", "/services/oauth2/token", None, &[("grant_type", "refresh_token"), ("refresh_token", &refresh), ("client_id", CLIENT)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let refreshed: TokenResponse = typed("refresh", &body);
    assert_eq!((refreshed.refresh_token, refreshed.instance_url), (None, token.instance_url.clone()));

    let (status, _, body) = call(&org, "POST", "/services/oauth2/token", None, &exchange).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let error: OAuthError = typed("token error", &body);
    assert_eq!(error.error, "invalid_grant");

    let (status, _, body) = call(&org, "GET", "/services/oauth2/userinfo", Some(&token.access_token), &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let info: UserInfo = typed("userinfo", &body);
    assert_eq!((info.user_id.as_str(), info.preferred_username.as_str(), info.zoneinfo.as_str()), (user.as_str(), "maria@devorg.local", "America/Los_Angeles"));
    assert_eq!(info.sub, token.id);
    assert_eq!(info.urls.get("query", "62.0"), Some(format!("{}/services/data/v62.0/query/", token.instance_url)));

    let identity_path = token.id.strip_prefix(&format!("http://{HOST}")).expect("identity on this host").to_owned();
    let (status, _, body) = call(&org, "GET", &identity_path, Some(&token.access_token), &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let identity: Identity = typed("identity", &body);
    assert_eq!(
        (identity.display_name.as_str(), identity.username.as_str(), identity.timezone.as_str()),
        ("Maria Chen", "maria@devorg.local", "America/Los_Angeles")
    );
    assert_eq!(identity.utc_offset, -8 * 3_600_000);
    assert_eq!(identity.id, token.id);

    // The REST API takes the token.
    let answer = org.get(&format!("{V}/limits"), &token.access_token).await;
    let _: Limits = typed("limits with an OAuth token", ok(&answer, StatusCode::OK, "limits"));
}
