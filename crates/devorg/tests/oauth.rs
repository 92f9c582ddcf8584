//! The OAuth 2.0 web server flow in-process against a real SQLite file: the
//! login page, PKCE, code and refresh grants, registered clients (unknown
//! ids, callback URLs, required secrets), refresh token rotation and reuse,
//! revocation, userinfo and the identity URL, auto-approve, and the page's
//! HTML escaping.

use std::collections::{BTreeSet, HashMap};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use devorg::oauth::clients::{Callbacks, Client};
use http_body_util::BodyExt;
use salesforce_rest::SfId;
use serde_json::{Value, json};
use tower::ServiceExt;

const HOST: &str = "localhost:8787";
const CLIENT: &str = "SidecarDevorg";
const REDIRECT: &str = "https://abcdefghijklmnop.chromiumapp.org/";
// RFC 7636 appendix B.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

struct Org {
    _dir: tempfile::TempDir,
    app: axum::Router,
    state: devorg::State,
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }

    fn location(&self) -> &str {
        self.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// The query parameters of the redirect.
    fn redirect_params(&self) -> HashMap<String, String> {
        let query = self.location().split_once('?').map_or("", |(_, q)| q);
        serde_urlencoded::from_str(query).expect("query")
    }
}

fn form(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).expect("form")
}

impl Org {
    fn new(config: devorg::Config) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = devorg::Db::open(&dir.path().join("org.sqlite")).expect("db");
        let state = devorg::State::with_config(db, devorg::schema::Schema::builtin().expect("schema"), config).expect("state");
        Self { app: devorg::app(state.clone()), state, _dir: dir }
    }

    fn plain() -> Self {
        Self::new(devorg::Config::default())
    }

    /// A User record (as the seed data makes them) with a password.
    fn user(&self, username: &str, first: &str, last: &str, password: &str) -> SfId {
        let conn = self.state.db.conn();
        let creator = SfId::mint("005", 1).expect("id");
        let profile = self.state.schema.object("Profile").expect("Profile");
        let columns =
            devorg::records::encode::encode(profile, &json!({"Name": "Standard User"}), devorg::records::encode::Save::Create).expect("valid profile");
        let profile = devorg::records::store::insert(&conn, profile, columns, &creator).expect("insert");
        let object = self.state.schema.object("User").expect("User");
        let body = json!({
            "Username": username, "FirstName": first, "LastName": last, "Alias": first.to_lowercase(),
            "Email": format!("{}@example.com", first.to_lowercase()), "TimeZoneSidKey": "America/Los_Angeles",
            "LocaleSidKey": "en_US", "LanguageLocaleKey": "en_US", "EmailEncodingKey": "UTF-8", "ProfileId": profile.as_str(),
        });
        let columns = devorg::records::encode::encode(object, &body, devorg::records::encode::Save::Create).expect("valid user");
        let id = devorg::records::store::insert(&conn, object, columns, &SfId::mint("005", 1).expect("id")).expect("insert");
        devorg::oauth::set_password(&conn, &id, password).expect("password");
        id
    }

    fn sql(&self, sql: &str, param: &str) -> usize {
        self.state.db.conn().execute(sql, [param]).expect("sql")
    }

    async fn send(&self, method: &str, uri: &str, headers: &[(&str, &str)], body: String) -> Reply {
        let mut request = Request::builder().method(method).uri(uri).header("host", HOST);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = self.app.clone().oneshot(request.body(Body::from(body)).expect("request")).await.expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        Reply { status, headers, text: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn get(&self, uri: &str, token: Option<&str>) -> Reply {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let headers: Vec<(&str, &str)> = bearer.as_deref().map(|b| ("authorization", b)).into_iter().collect();
        self.send("GET", uri, &headers, String::new()).await
    }

    async fn post_form(&self, uri: &str, pairs: &[(&str, &str)]) -> Reply {
        self.send("POST", uri, &[("content-type", "application/x-www-form-urlencoded")], form(pairs)).await
    }

    /// Logs in on the authorize form and returns the code.
    async fn code(&self, username: &str, password: &str, extra: &[(&str, &str)]) -> String {
        self.code_for(CLIENT, username, password, extra).await
    }

    /// [`Org::code`] for another client.
    async fn code_for(&self, client: &str, username: &str, password: &str, extra: &[(&str, &str)]) -> String {
        let mut pairs = vec![
            ("response_type", "code"),
            ("client_id", client),
            ("redirect_uri", REDIRECT),
            ("state", "xyz"),
            ("username", username),
            ("password", password),
            ("action", "allow"),
        ];
        pairs.extend_from_slice(extra);
        let reply = self.post_form("/services/oauth2/authorize", &pairs).await;
        assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.text);
        assert!(reply.location().starts_with(&format!("{REDIRECT}?")), "{}", reply.location());
        let params = reply.redirect_params();
        assert_eq!(params.get("state").map(String::as_str), Some("xyz"));
        params.get("code").expect("code").clone()
    }

    async fn exchange(&self, code: &str, verifier: Option<&str>) -> Reply {
        let mut pairs = vec![("grant_type", "authorization_code"), ("code", code), ("client_id", CLIENT), ("redirect_uri", REDIRECT)];
        if let Some(v) = verifier {
            pairs.push(("code_verifier", v));
        }
        self.post_form("/services/oauth2/token", &pairs).await
    }

    async fn refresh(&self, refresh_token: &str) -> Reply {
        self.post_form("/services/oauth2/token", &[("grant_type", "refresh_token"), ("refresh_token", refresh_token), ("client_id", CLIENT)]).await
    }

    /// Whether `token` works on the REST API.
    async fn rest_ok(&self, token: &str) -> StatusCode {
        self.get("/services/data/v62.0/limits", Some(token)).await.status
    }
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().expect("object").keys().map(String::as_str).collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

fn assert_oauth_error(reply: &Reply, error: &str, description: Option<&str>) {
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
    let body = reply.json();
    assert_eq!(keys(&body), set(&["error", "error_description"]), "{body}");
    assert_eq!(body["error"], error, "{body}");
    if let Some(d) = description {
        assert_eq!(body["error_description"], d);
    }
}

const TOKEN_KEYS: [&str; 8] = ["access_token", "refresh_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at"];

#[tokio::test]
async fn pkce_flow_from_login_page_to_rest_call() {
    let org = Org::plain();
    let maria = org.user("maria@devorg.local", "Maria", "Chen", "s3cret!");

    let page = org
        .get(
            &format!(
                "/services/oauth2/authorize?{}",
                form(&[("response_type", "code"), ("client_id", CLIENT), ("redirect_uri", REDIRECT), ("state", "xyz"), ("code_challenge", CHALLENGE)])
            ),
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers["content-type"].to_str().expect("ct").starts_with("text/html"));
    assert!(!page.text.contains("<script"), "no script");
    assert!(page.text.contains(&format!("name=\"code_challenge\" value=\"{CHALLENGE}\"")), "{}", page.text);
    assert!(page.text.contains("maria@devorg.local"), "usernames are suggested");
    assert!(page.headers.get("sforce-limit-info").is_none(), "OAuth calls are not API requests");

    // jsforce sends the challenge without a method: S256.
    let code = org.code("Maria@devorg.local", "s3cret!", &[("code_challenge", CHALLENGE)]).await;
    let reply = org.exchange(&code, Some(VERIFIER)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.headers["cache-control"], "no-store");
    assert!(reply.headers.get("sforce-limit-info").is_none());
    let body = reply.json();
    assert_eq!(keys(&body), set(&TOKEN_KEYS), "{body}");
    let access = body["access_token"].as_str().expect("access");
    assert!(access.starts_with("00D000000000001!"));
    assert_eq!(body["instance_url"], format!("http://{HOST}"));
    assert_eq!(body["id"], format!("http://{HOST}/id/{}/{maria}", devorg::auth::ORG_ID));
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["scope"], devorg::oauth::DEFAULT_SCOPE);
    let issued = body["issued_at"].as_str().expect("issued_at").parse::<u64>().expect("ms");
    assert!(issued > 1_700_000_000_000, "milliseconds");
    assert!(body["signature"].as_str().is_some_and(|s| s.len() == 44 && s.ends_with('=')));
    assert_eq!(org.rest_ok(access).await, StatusCode::OK);

    // A code works once.
    assert_oauth_error(&org.exchange(&code, Some(VERIFIER)).await, "invalid_grant", Some("invalid authorization code"));
    assert_oauth_error(&org.exchange("made-up", Some(VERIFIER)).await, "invalid_grant", Some("invalid authorization code"));
}

#[tokio::test]
async fn pkce_verifier_is_checked() {
    let org = Org::plain();
    org.user("ian@devorg.local", "Ian", "Wright", "pw");

    let code = org.code("ian@devorg.local", "pw", &[("code_challenge", CHALLENGE)]).await;
    let wrong = "x".repeat(43);
    assert_oauth_error(&org.exchange(&code, Some(&wrong)).await, "invalid_grant", Some("invalid code verifier"));
    let code = org.code("ian@devorg.local", "pw", &[("code_challenge", CHALLENGE), ("code_challenge_method", "S256")]).await;
    assert_oauth_error(&org.exchange(&code, None).await, "invalid_grant", Some("invalid code verifier"));

    // plain only when asked for explicitly.
    let code = org.code("ian@devorg.local", "pw", &[("code_challenge", VERIFIER), ("code_challenge_method", "plain")]).await;
    assert_eq!(org.exchange(&code, Some(VERIFIER)).await.status, StatusCode::OK);
    let code = org.code("ian@devorg.local", "pw", &[("code_challenge", VERIFIER)]).await;
    assert_oauth_error(&org.exchange(&code, Some(VERIFIER)).await, "invalid_grant", None);

    // A confidential client sends no challenge and needs no verifier.
    let code = org.code("ian@devorg.local", "pw", &[]).await;
    assert_eq!(org.exchange(&code, None).await.status, StatusCode::OK);

    // An unknown method goes back to the (valid) redirect URI as invalid_request.
    let reply = org
        .post_form(
            "/services/oauth2/authorize",
            &[
                ("response_type", "code"),
                ("client_id", CLIENT),
                ("redirect_uri", REDIRECT),
                ("code_challenge", CHALLENGE),
                ("code_challenge_method", "S512"),
                ("username", "ian@devorg.local"),
                ("password", "pw"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert_eq!(reply.redirect_params()["error"], "invalid_request");
}

#[tokio::test]
async fn codes_are_bound_and_expire() {
    let org = Org::plain();
    org.user("ian@devorg.local", "Ian", "Wright", "pw");

    let code = org.code("ian@devorg.local", "pw", &[]).await;
    let reply = org
        .post_form(
            "/services/oauth2/token",
            &[("grant_type", "authorization_code"), ("code", &code), ("client_id", CLIENT), ("redirect_uri", "https://evil.example/")],
        )
        .await;
    assert_oauth_error(&reply, "invalid_grant", None);

    let code = org.code("ian@devorg.local", "pw", &[]).await;
    let reply = org
        .post_form("/services/oauth2/token", &[("grant_type", "authorization_code"), ("code", &code), ("client_id", "OtherApp"), ("redirect_uri", REDIRECT)])
        .await;
    assert_oauth_error(&reply, "invalid_client_id", Some("client identifier invalid"));
    // Another registered client cannot use Sidecar's code either.
    let mut config = devorg::Config::default();
    config.clients.push(Client { secret_for_code: false, ..Client::confidential("OtherApp", "s", Callbacks::Any) });
    let other = Org::new(config);
    other.user("ian@devorg.local", "Ian", "Wright", "pw");
    let code = other.code("ian@devorg.local", "pw", &[]).await;
    let reply = other
        .post_form("/services/oauth2/token", &[("grant_type", "authorization_code"), ("code", &code), ("client_id", "OtherApp"), ("redirect_uri", REDIRECT)])
        .await;
    assert_oauth_error(&reply, "invalid_grant", Some("authentication failure"));

    let code = org.code("ian@devorg.local", "pw", &[]).await;
    let expires: i64 = org.state.db.conn().query_row("SELECT expires_at FROM devorg_oauth_codes WHERE code = ?1", [&code], |r| r.get(0)).expect("row");
    let now = i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_secs()).expect("secs");
    assert!((expires - now - 900).abs() <= 2, "15 minutes");
    assert_eq!(org.sql("UPDATE devorg_oauth_codes SET expires_at = 0 WHERE code = ?1", &code), 1);
    assert_oauth_error(&org.exchange(&code, None).await, "invalid_grant", Some("expired authorization code"));
}

#[tokio::test]
async fn deny_wrong_password_and_bad_requests() {
    let org = Org::plain();
    org.user("ian@devorg.local", "Ian", "Wright", "pw");
    let base = [("response_type", "code"), ("client_id", CLIENT), ("redirect_uri", REDIRECT), ("state", "s 1&2")];

    let mut deny = base.to_vec();
    deny.push(("action", "deny"));
    let reply = org.post_form("/services/oauth2/authorize", &deny).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert_eq!(reply.location(), format!("{REDIRECT}?error=access_denied&error_description=end-user+denied+authorization&state=s+1%262"));

    let mut wrong = base.to_vec();
    wrong.extend([("username", "ian@devorg.local"), ("password", "nope"), ("action", "allow")]);
    let reply = org.post_form("/services/oauth2/authorize", &wrong).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.headers.get("location").is_none());
    assert!(reply.text.contains("Please check your username and password"));
    assert!(reply.text.contains("value=\"ian@devorg.local\""), "the username is kept");
    assert!(reply.text.contains("name=\"state\" value=\"s 1&amp;2\""), "the request is carried on");

    // Nothing is redirected to an unchecked URI.
    for (query, says) in [
        (form(&[("response_type", "code"), ("redirect_uri", REDIRECT)]), "client_id"),
        (form(&[("response_type", "code"), ("client_id", CLIENT)]), "redirect_uri"),
        (form(&[("response_type", "token"), ("client_id", CLIENT), ("redirect_uri", REDIRECT)]), "response_type"),
        (form(&[("client_id", CLIENT), ("redirect_uri", REDIRECT)]), "response_type"),
        (form(&[("response_type", "code"), ("client_id", CLIENT), ("redirect_uri", "javascript:alert(1)//")]), "redirect_uri"),
        (form(&[("response_type", "code"), ("client_id", CLIENT), ("redirect_uri", "https://x.example/#frag")]), "redirect_uri"),
    ] {
        let reply = org.get(&format!("/services/oauth2/authorize?{query}"), None).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(reply.headers.get("location").is_none());
        assert!(reply.headers["content-type"].to_str().expect("ct").starts_with("text/html"));
        assert!(reply.text.contains(says), "{query}: {}", reply.text);
    }
}

#[tokio::test]
async fn refresh_tokens_outlive_access_tokens() {
    let org = Org::plain();
    org.user("ian@devorg.local", "Ian", "Wright", "pw");
    let body = org.exchange(&org.code("ian@devorg.local", "pw", &[("scope", "api refresh_token")]).await, None).await.json();
    assert_eq!(body["scope"], "api refresh_token");
    let access = body["access_token"].as_str().expect("access").to_owned();
    let refresh = body["refresh_token"].as_str().expect("refresh").to_owned();

    // The access token expires: the REST API says INVALID_SESSION_ID ...
    assert_eq!(org.sql("UPDATE devorg_sessions SET expires_at = 0 WHERE token = ?1", &access), 1);
    let reply = org.get("/services/data/v62.0/limits", Some(&access)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json(), json!([{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]));
    // ... and the refresh token gets a new one (no new refresh token).
    let reply = org.refresh(&refresh).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let body = reply.json();
    let expected: Vec<&str> = TOKEN_KEYS.iter().copied().filter(|k| *k != "refresh_token").collect();
    assert_eq!(keys(&body), set(&expected));
    assert_eq!(body["scope"], "api refresh_token");
    assert_eq!(org.rest_ok(body["access_token"].as_str().expect("access")).await, StatusCode::OK);

    // Client credentials may come as HTTP Basic (Sidecar's client has no secret to send).
    let basic = format!("Basic {}", base64::Engine::encode(&base64::engine::general_purpose::STANDARD, format!("{CLIENT}:")));
    let reply = org
        .send(
            "POST",
            "/services/oauth2/token",
            &[("content-type", "application/x-www-form-urlencoded"), ("authorization", &basic)],
            form(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)]),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);

    // Without refresh_token/offline_access in the scope: no refresh token.
    let body = org.exchange(&org.code("ian@devorg.local", "pw", &[("scope", "api id")]).await, None).await.json();
    assert!(body.get("refresh_token").is_none(), "{body}");
    let body = org.exchange(&org.code("ian@devorg.local", "pw", &[("scope", "api offline_access")]).await, None).await.json();
    assert!(body["refresh_token"].is_string());

    assert_oauth_error(&org.refresh("5Aepnope").await, "invalid_grant", Some("expired access/refresh token"));
    let reply = org.post_form("/services/oauth2/token", &[("grant_type", "refresh_token"), ("refresh_token", &refresh), ("client_id", "OtherApp")]).await;
    assert_oauth_error(&reply, "invalid_client_id", Some("client identifier invalid"));
    assert_oauth_error(&org.post_form("/services/oauth2/token", &[("grant_type", "password")]).await, "unsupported_grant_type", None);
    assert_oauth_error(&org.post_form("/services/oauth2/token", &[]).await, "invalid_request", None);
    assert_oauth_error(&org.post_form("/services/oauth2/token", &[("grant_type", "authorization_code"), ("client_id", CLIENT)]).await, "invalid_request", None);
    assert_oauth_error(&org.post_form("/services/oauth2/token", &[("grant_type", "refresh_token"), ("client_id", CLIENT)]).await, "invalid_request", None);
}

#[tokio::test]
async fn revoking_access_and_refresh_tokens() {
    let org = Org::plain();
    org.user("ian@devorg.local", "Ian", "Wright", "pw");
    let body = org.exchange(&org.code("ian@devorg.local", "pw", &[]).await, None).await.json();
    let access = body["access_token"].as_str().expect("access").to_owned();
    let refresh = body["refresh_token"].as_str().expect("refresh").to_owned();
    let second = org.refresh(&refresh).await.json()["access_token"].as_str().expect("access").to_owned();
    let other = org.exchange(&org.code("ian@devorg.local", "pw", &[]).await, None).await.json();
    let other_access = other["access_token"].as_str().expect("access").to_owned();

    let reply = org.post_form("/services/oauth2/revoke", &[("token", &access)]).await;
    assert_eq!((reply.status, reply.text.as_str()), (StatusCode::OK, ""));
    assert_eq!(org.rest_ok(&access).await, StatusCode::UNAUTHORIZED);
    assert_eq!(org.rest_ok(&second).await, StatusCode::OK, "only that access token");

    // Revoking the refresh token (here by GET) ends what it issued.
    let reply = org.get(&format!("/services/oauth2/revoke?{}", form(&[("token", &refresh)])), None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(org.rest_ok(&second).await, StatusCode::UNAUTHORIZED);
    assert_oauth_error(&org.refresh(&refresh).await, "invalid_grant", Some("expired access/refresh token"));
    assert_eq!(org.rest_ok(&other_access).await, StatusCode::OK, "another grant is untouched");

    let reply = org.post_form("/services/oauth2/revoke", &[("token", &refresh)]).await;
    assert_oauth_error(&reply, "unsupported_token_type", Some("this token type is not supported"));
    assert_oauth_error(&org.post_form("/services/oauth2/revoke", &[]).await, "unsupported_token_type", None);
}

#[tokio::test]
async fn userinfo_and_identity_url() {
    let org = Org::plain();
    let ian = org.user("ian@devorg.local", "Ian", "Wright", "pw");
    let maria = org.user("maria@devorg.local", "Maria", "Chen", "pw");
    let body = org.exchange(&org.code("ian@devorg.local", "pw", &[]).await, None).await.json();
    let token = body["access_token"].as_str().expect("access").to_owned();
    let id_url = body["id"].as_str().expect("id").to_owned();
    let base = format!("http://{HOST}");
    let url_keys = set(&[
        "enterprise",
        "metadata",
        "partner",
        "rest",
        "sobjects",
        "search",
        "query",
        "recent",
        "tooling_soap",
        "tooling_rest",
        "profile",
        "feeds",
        "groups",
        "users",
        "feed_items",
        "feed_elements",
        "custom_domain",
    ]);

    let reply = org.get("/services/oauth2/userinfo", Some(&token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let info = reply.json();
    let spec = [
        "sub",
        "user_id",
        "organization_id",
        "preferred_username",
        "nickname",
        "name",
        "email",
        "email_verified",
        "given_name",
        "family_name",
        "zoneinfo",
        "photos",
        "profile",
        "picture",
        "address",
        "urls",
        "active",
        "user_type",
        "language",
        "locale",
        "utcOffset",
        "updated_at",
    ];
    for key in spec {
        assert!(info.get(key).is_some(), "userinfo lacks {key}: {info}");
    }
    assert_eq!(info["sub"], id_url);
    assert_eq!(info["user_id"], ian.as_str());
    assert_eq!(info["organization_id"], devorg::auth::ORG_ID);
    assert_eq!(info["preferred_username"], "ian@devorg.local");
    assert_eq!((&info["name"], &info["given_name"], &info["family_name"]), (&json!("Ian Wright"), &json!("Ian"), &json!("Wright")));
    assert_eq!(info["utcOffset"], -28_800_000);
    assert_eq!(info["zoneinfo"], "America/Los_Angeles");
    assert_eq!(keys(&info["photos"]), set(&["picture", "thumbnail"]));
    assert!(url_keys.iter().all(|k| info["urls"].get(k).is_some()), "{}", info["urls"]);
    assert_eq!(info["urls"]["rest"], format!("{base}/services/data/v{{version}}/"));
    assert!(info["updated_at"].as_str().is_some_and(|s| s.len() == 20 && s.ends_with('Z')));

    let path = id_url.strip_prefix(&base).expect("on this host").to_owned();
    let reply = org.get(&format!("{path}?format=json&version=62.0"), Some(&token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let identity = reply.json();
    for key in [
        "id",
        "asserted_user",
        "user_id",
        "organization_id",
        "username",
        "nick_name",
        "display_name",
        "email",
        "email_verified",
        "first_name",
        "last_name",
        "timezone",
        "photos",
        "urls",
        "active",
        "user_type",
        "language",
        "locale",
        "utcOffset",
        "last_modified_date",
    ] {
        assert!(identity.get(key).is_some(), "identity lacks {key}: {identity}");
    }
    assert_eq!(identity["id"], id_url);
    assert_eq!(identity["username"], "ian@devorg.local");
    assert_eq!(identity["display_name"], "Ian Wright");
    assert_eq!(identity["urls"]["query"], format!("{base}/services/data/v62.0/query/"));
    assert!(identity["last_modified_date"].as_str().is_some_and(|d| d.ends_with("+0000")));
    // The 15-character forms of the ids name the same identity.
    let short = format!("/id/{}/{}", &devorg::auth::ORG_ID[..15], ian.short());
    assert_eq!(org.get(&short, Some(&token)).await.status, StatusCode::OK);

    // Failures are the identity service's plain-text codes.
    let text = |r: &Reply| (r.status, r.text.clone());
    assert_eq!(text(&org.get(&format!("/id/{}/{maria}", devorg::auth::ORG_ID), Some(&token)).await), (StatusCode::FORBIDDEN, "Bad_Id".into()));
    assert_eq!(text(&org.get(&format!("/id/00Dxx0000000001AAA/{ian}"), Some(&token)).await), (StatusCode::FORBIDDEN, "Wrong_Org".into()));
    assert_eq!(text(&org.get(&path, Some("00D000000000001!nope")).await), (StatusCode::FORBIDDEN, "Bad_OAuth_Token".into()));
    assert_eq!(text(&org.get(&path, None).await), (StatusCode::FORBIDDEN, "Missing_OAuth_Token".into()));
    assert_eq!(text(&org.get("/services/oauth2/userinfo", Some("nope")).await), (StatusCode::FORBIDDEN, "Bad_OAuth_Token".into()));
    assert_eq!(org.get(&format!("{path}?oauth_token={token}"), None).await.status, StatusCode::OK, "token as a parameter");
}

#[tokio::test]
async fn auto_approve_skips_the_page() {
    let config = devorg::Config { session_ttl_seconds: 60, auto_approve: Some("ian@devorg.local".into()), ..devorg::Config::default() };
    let org = Org::new(config);
    org.user("ian@devorg.local", "Ian", "Wright", "pw");
    let query = form(&[("response_type", "code"), ("client_id", CLIENT), ("redirect_uri", REDIRECT), ("state", "st"), ("code_challenge", CHALLENGE)]);
    let reply = org.get(&format!("/services/oauth2/authorize?{query}"), None).await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.text);
    let params = reply.redirect_params();
    assert_eq!(params["state"], "st");
    let body = org.exchange(&params["code"], Some(VERIFIER)).await.json();
    let access = body["access_token"].as_str().expect("access");
    // --session-ttl applies to OAuth access tokens.
    let expires: i64 = org.state.db.conn().query_row("SELECT expires_at FROM devorg_sessions WHERE token = ?1", [access], |r| r.get(0)).expect("row");
    let now = i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_secs()).expect("secs");
    assert!((expires - now - 60).abs() <= 2);

    // Still no redirect for a bad request.
    let reply = org.get("/services/oauth2/authorize?response_type=code&client_id=x", None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);

    let org = Org::new(devorg::Config { auto_approve: Some("ghost@devorg.local".into()), ..devorg::Config::default() });
    let reply = org.get(&format!("/services/oauth2/authorize?{query}"), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.text.contains("ghost@devorg.local"), "{}", reply.text);
}

#[tokio::test]
async fn the_page_escapes_hostile_values() {
    let org = Org::plain();
    let evil = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
    let query = form(&[("response_type", "code"), ("client_id", CLIENT), ("redirect_uri", REDIRECT), ("state", evil), ("scope", evil)]);
    let reply = org.get(&format!("/services/oauth2/authorize?{query}"), None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(!reply.text.contains("<script"), "{}", reply.text);
    assert!(!reply.text.contains("<img"));
    assert!(reply.text.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    let csp = reply.headers["content-security-policy"].to_str().expect("csp");
    assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"));

    let reply =
        org.get(&format!("/services/oauth2/authorize?{}", form(&[("response_type", evil), ("client_id", CLIENT), ("redirect_uri", REDIRECT)])), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(!reply.text.contains("<script"));
    // An unknown (hostile) client id is refused on a page that does not echo it.
    let reply =
        org.get(&format!("/services/oauth2/authorize?{}", form(&[("response_type", "code"), ("client_id", evil), ("redirect_uri", REDIRECT)])), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(!reply.text.contains("<script"));
}

#[tokio::test]
async fn unknown_clients_and_callbacks_get_salesforce_errors() {
    let mut config = devorg::Config::default();
    config.clients.push(Client::confidential("Partner", "s3cret", Callbacks::Only(vec!["https://partner.example/cb".into()])));
    let org = Org::new(config);
    org.user("ian@devorg.local", "Ian", "Wright", "pw");
    let authorize = |client: &str, redirect: &str| {
        format!("/services/oauth2/authorize?{}", form(&[("response_type", "code"), ("client_id", client), ("redirect_uri", redirect)]))
    };

    // Pages, never a redirect to an unchecked URI.
    for (client, redirect, says) in [
        ("NoSuchApp", REDIRECT, "error=invalid_client_id&amp;error_description=client identifier invalid"),
        ("sidecardevorg", REDIRECT, "error=invalid_client_id"),
        ("Partner", "https://evil.example/cb", "error=redirect_uri_mismatch&amp;error_description=redirect_uri must match configuration"),
    ] {
        let reply = org.get(&authorize(client, redirect), None).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{client} {redirect}");
        assert!(reply.headers.get("location").is_none());
        assert!(reply.text.contains(says), "{client}: {}", reply.text);
    }
    assert_eq!(org.get(&authorize("Partner", "https://partner.example/cb"), None).await.status, StatusCode::OK);

    // The token endpoint's JSON, for both grants.
    for grant in [
        vec![("grant_type", "authorization_code"), ("code", "aPrx"), ("client_id", "NoSuchApp"), ("redirect_uri", REDIRECT)],
        vec![("grant_type", "refresh_token"), ("refresh_token", "5Aepx"), ("client_id", "NoSuchApp")],
    ] {
        let reply = org.post_form("/services/oauth2/token", &grant).await;
        assert_oauth_error(&reply, "invalid_client_id", Some("client identifier invalid"));
        assert_eq!(reply.headers["cache-control"], "no-store");
    }
}

#[tokio::test]
async fn a_client_that_requires_its_secret() {
    let mut config = devorg::Config::default();
    config.clients.push(Client::confidential("Partner", "s3cret", Callbacks::Any));
    config.clients.push(Client { secret_for_refresh: false, ..Client::confidential("Lenient", "pa55", Callbacks::Any) });
    let org = Org::new(config);
    org.user("ian@devorg.local", "Ian", "Wright", "pw");
    let exchange = |code: &str, client: &'static str, secret: Option<&'static str>| {
        let mut pairs = vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", code.to_owned()),
            ("client_id", client.to_owned()),
            ("redirect_uri", REDIRECT.to_owned()),
        ];
        pairs.extend(secret.map(|s| ("client_secret", s.to_owned())));
        pairs
    };
    let post = |pairs: Vec<(&'static str, String)>| {
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        form(&pairs)
    };
    let org = &org;
    let token = |body: String| async move { org.send("POST", "/services/oauth2/token", &[("content-type", "application/x-www-form-urlencoded")], body).await };

    // "Require Secret for Web Server Flow": a public client's exchange is refused,
    // and the code is not spent by the refusal.
    let code = org.code_for("Partner", "ian@devorg.local", "pw", &[]).await;
    assert_oauth_error(&token(post(exchange(&code, "Partner", None))).await, "invalid_client", Some("invalid client credentials"));
    assert_oauth_error(&token(post(exchange(&code, "Partner", Some("wrong")))).await, "invalid_client", Some("invalid client credentials"));
    let reply = token(post(exchange(&code, "Partner", Some("s3cret")))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let refresh = reply.json()["refresh_token"].as_str().expect("refresh").to_owned();

    // "Require Secret for Refresh Token Flow".
    let refresh_form = |secret: Option<&str>| {
        let mut pairs = vec![("grant_type", "refresh_token"), ("refresh_token", refresh.as_str()), ("client_id", "Partner")];
        pairs.extend(secret.map(|s| ("client_secret", s)));
        form(&pairs)
    };
    assert_oauth_error(&token(refresh_form(None)).await, "invalid_client", Some("invalid client credentials"));
    assert_oauth_error(&token(refresh_form(Some("nope"))).await, "invalid_client", Some("invalid client credentials"));
    assert_eq!(token(refresh_form(Some("s3cret"))).await.status, StatusCode::OK);
    let basic = format!("Basic {}", base64::Engine::encode(&base64::engine::general_purpose::STANDARD, "Partner:s3cret"));
    let reply = org
        .send(
            "POST",
            "/services/oauth2/token",
            &[("content-type", "application/x-www-form-urlencoded"), ("authorization", &basic)],
            form(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)]),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "the secret as HTTP Basic: {}", reply.text);

    // With the refresh box cleared, the refresh needs no secret, the exchange still does.
    let code = org.code_for("Lenient", "ian@devorg.local", "pw", &[]).await;
    assert_oauth_error(&token(post(exchange(&code, "Lenient", None))).await, "invalid_client", None);
    let body = token(post(exchange(&code, "Lenient", Some("pa55")))).await.json();
    let lenient = body["refresh_token"].as_str().expect("refresh");
    let reply = org.post_form("/services/oauth2/token", &[("grant_type", "refresh_token"), ("refresh_token", lenient), ("client_id", "Lenient")]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
}

#[tokio::test]
async fn rotation_replaces_the_refresh_token_and_reuse_revokes_the_family() {
    let mut config = devorg::Config::default();
    config.clients.iter_mut().for_each(|c| c.rotation = true);
    let org = Org::new(config);
    org.user("ian@devorg.local", "Ian", "Wright", "pw");
    let login = || async {
        let body = org.exchange(&org.code("ian@devorg.local", "pw", &[("code_challenge", CHALLENGE)]).await, Some(VERIFIER)).await.json();
        (body["access_token"].as_str().expect("access").to_owned(), body["refresh_token"].as_str().expect("refresh").to_owned())
    };
    let (first_access, first) = login().await;
    let (other_access, other) = login().await;

    // Each refresh answers with every key of a code grant, a new refresh token included.
    let reply = org.refresh(&first).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let body = reply.json();
    assert_eq!(keys(&body), set(&TOKEN_KEYS));
    let second = body["refresh_token"].as_str().expect("rotated").to_owned();
    let second_access = body["access_token"].as_str().expect("access").to_owned();
    assert_ne!(second, first);
    let body = org.refresh(&second).await.json();
    let third = body["refresh_token"].as_str().expect("rotated").to_owned();
    let third_access = body["access_token"].as_str().expect("access").to_owned();
    assert_eq!(org.rest_ok(&third_access).await, StatusCode::OK);
    assert_eq!(org.rest_ok(&first_access).await, StatusCode::OK, "rotation itself ends no access token");

    // Reusing a rotated-out token: refused, and the whole family is revoked.
    assert_oauth_error(&org.refresh(&first).await, "invalid_grant", Some("expired access/refresh token"));
    for access in [&first_access, &second_access, &third_access] {
        assert_eq!(org.rest_ok(access).await, StatusCode::UNAUTHORIZED);
    }
    assert_oauth_error(&org.refresh(&third).await, "invalid_grant", Some("expired access/refresh token"));
    assert_oauth_error(&org.refresh(&second).await, "invalid_grant", Some("expired access/refresh token"));

    // Another login of the same user is another family.
    assert_eq!(org.rest_ok(&other_access).await, StatusCode::OK);
    let next = org.refresh(&other).await.json()["refresh_token"].as_str().expect("rotated").to_owned();
    // Revoking the current token (logout) ends the family too.
    assert_eq!(org.post_form("/services/oauth2/revoke", &[("token", &next)]).await.status, StatusCode::OK);
    assert_eq!(org.rest_ok(&other_access).await, StatusCode::UNAUTHORIZED);
    assert!(!devorg::oauth::grants::refresh_is_live(&org.state.db.conn(), &next).expect("db"));

    // Without rotation the refresh token stays the same (refresh_tokens_outlive_access_tokens).
}
