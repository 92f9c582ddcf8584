//! The client against a scripted `fetch` (in headless Chromium, through
//! wasm-bindgen-test): concurrent requests with an expired token share one
//! refresh and are each retried once; no answer is `Offline`; a refused
//! refresh ends the session; the org's switch asks the user's, profile's and
//! org's rows and reads an unreadable setting safely.

use sidecar_core::api_error::ApiError;
use sidecar_core::login::LoginHost;
use sidecar_core::oauth::Session;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::Crm;

wasm_bindgen_test_configure!(run_in_browser);

/// Replaces the page's `fetch`: the token endpoint answers after 30 ms with
/// `mode`'s outcome; other URLs want `Bearer new`, else 401. Calls are
/// recorded in `globalThis.calls` as "METHOD url".
fn script_fetch(mode: &str) {
    let code = r#"
        globalThis.calls = [];
        globalThis.fetch = async (url, init) => {
          globalThis.calls.push(`${init.method} ${url}`);
          if (MODE === 'offline') throw new TypeError('Failed to fetch');
          if (url.endsWith('/services/oauth2/token')) {
            await new Promise((r) => setTimeout(r, 30));
            if (MODE === 'revoked') {
              return new Response('{"error":"invalid_grant","error_description":"expired access/refresh token"}', { status: 400 });
            }
            return new Response(JSON.stringify({ access_token: 'new', instance_url: 'http://org.test',
              id: 'http://org.test/id/00D000000000001AAA/005000000000001AAA', token_type: 'Bearer', issued_at: '2' }), { status: 200 });
          }
          if (init.headers.get('Authorization') !== 'Bearer new') {
            return new Response('[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]', { status: 401 });
          }
          return new Response(JSON.stringify({ name: 'Ian Wright', user_id: '005000000000001AAA' }), { status: 200 });
        };"#
    .replace("MODE", &format!("'{mode}'"));
    js_sys::Function::new_no_args(&code).call0(&JsValue::NULL).expect("script fetch");
}

fn calls() -> Vec<String> {
    let calls = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("calls")).expect("calls");
    js_sys::Array::from(&calls).iter().filter_map(|c| c.as_string()).collect()
}

fn crm_with_expired_token() -> Crm {
    crm_with_token("old")
}

/// A client logged in to `http://org.test` with `access_token`.
fn crm_with_token(access_token: &str) -> Crm {
    let crm = Crm::new();
    crm.auth().set_for_test(Session {
        access_token: access_token.into(),
        refresh_token: Some("refresh".into()),
        instance_url: "http://org.test".into(),
        user_id: "005000000000001AAA".into(),
        org_id: "00D000000000001AAA".into(),
        issued_at: 1,
        login_host: LoginHost::Custom("http://org.test".into()),
        client_id: "SidecarDevorg".into(),
    });
    crm
}

#[wasm_bindgen_test]
async fn concurrent_requests_share_one_refresh() {
    script_fetch("ok");
    let crm = crm_with_expired_token();
    let (a, b, c) = futures::join!(crm.user_info(), crm.user_info(), crm.user_info());
    for user in [a, b, c] {
        assert_eq!(user.expect("user info").name, "Ian Wright");
    }
    let seen = calls();
    let refreshes = seen.iter().filter(|c| c.ends_with("/services/oauth2/token")).count();
    assert_eq!(refreshes, 1, "{seen:?}");
    assert_eq!(seen.len(), 7, "3 refused + 1 refresh + 3 retried: {seen:?}");
    // Later requests use the new token at once.
    crm.user_info().await.expect("user info");
    assert_eq!(calls().len(), 8);
}

#[wasm_bindgen_test]
async fn no_answer_is_offline() {
    script_fetch("offline");
    let crm = crm_with_expired_token();
    assert_eq!(crm.user_info().await, Err(ApiError::Offline));
}

#[wasm_bindgen_test]
async fn a_refused_refresh_ends_the_session() {
    script_fetch("revoked");
    let crm = crm_with_expired_token();
    let (a, b) = futures::join!(crm.user_info(), crm.describe_global());
    assert_eq!(a, Err(ApiError::SessionExpired));
    assert_eq!(b.map(drop), Err(ApiError::SessionExpired));
    assert_eq!(calls().iter().filter(|c| c.ends_with("/services/oauth2/token")).count(), 1);
    // The session is gone: the next call does not even try.
    assert_eq!(crm.user_info().await, Err(ApiError::SessionExpired));
}

#[wasm_bindgen_test]
async fn screens_asking_for_the_user_at_once_share_one_request() {
    script_fetch("ok");
    let crm = crm_with_expired_token();
    let (a, b, c) = futures::join!(crm.me(), crm.me(), crm.me());
    for user in [a, b, c] {
        assert_eq!(user.expect("me").name, "Ian Wright");
    }
    crm.me().await.expect("me, later");
    let userinfo = calls().iter().filter(|c| c.ends_with("/services/oauth2/userinfo")).count();
    assert_eq!(userinfo, 2, "one refused (old token) and one retried, for four callers: {:?}", calls());
    crm.clear_cache();
    crm.me().await.expect("me, after clearing");
    assert_eq!(calls().iter().filter(|c| c.ends_with("/services/oauth2/userinfo")).count(), 3, "asked again after clear_cache");
}

/// Replaces `fetch` with an org for the switch: the user's ProfileId, the
/// setting's query answering `settings` (status, body), and describeGlobal
/// listing `objects`.
fn script_switch_org(settings: (u16, &str), objects: &[&str]) {
    let code = r#"
        globalThis.calls = [];
        globalThis.fetch = async (url, init) => {
          const target = decodeURIComponent(url);
          globalThis.calls.push(`${init.method} ${target}`);
          if (target.includes('FROM User')) {
            return new Response(JSON.stringify({ totalSize: 1, done: true,
              records: [{ attributes: { type: 'User' }, ProfileId: '00e000000000001AAA' }] }), { status: 200 });
          }
          if (target.includes('FROM Sidecar_Settings__c')) return new Response(SETTINGS_BODY, { status: SETTINGS_STATUS });
          if (target.endsWith('/sobjects')) {
            return new Response(JSON.stringify({ encoding: 'UTF-8', maxBatchSize: 200,
              sobjects: OBJECTS.map((name) => ({ name, label: name, queryable: true })) }), { status: 200 });
          }
          return new Response('[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]', { status: 404 });
        };"#
    .replace("SETTINGS_BODY", &format!("{:?}", settings.1))
    .replace("SETTINGS_STATUS", &settings.0.to_string())
    .replace("OBJECTS", &serde_json::to_string(objects).expect("json"));
    js_sys::Function::new_no_args(&code).call0(&JsValue::NULL).expect("script fetch");
}

fn crm_logged_in() -> Crm {
    crm_with_token("new")
}

#[wasm_bindgen_test]
async fn the_org_switch_asks_the_three_levels_and_reads_an_unreadable_setting_safely() {
    use sidecar_core::settings::org_switch::{Level, Status};
    let invalid_type = r#"[{"message":"sObject type 'Sidecar_Settings__c' is not supported.","errorCode":"INVALID_TYPE"}]"#;
    let profile_off = r#"{"totalSize":2,"done":true,"records":[
        {"attributes":{"type":"Sidecar_Settings__c"},"SetupOwnerId":"00D000000000001AAA","Use_Across_The_Web__c":true},
        {"attributes":{"type":"Sidecar_Settings__c"},"SetupOwnerId":"00e000000000001AAA","Use_Across_The_Web__c":false}]}"#;
    /// (case, the setting query's status and body, describeGlobal's objects, the answer)
    type Case<'a> = (&'a str, (u16, &'a str), &'a [&'a str], Result<Status, ApiError>);
    let cases: [Case<'_>; 4] = [
        ("profile row off", (200, profile_off), &["Account"], Ok(Status::Off(Level::Profile))),
        ("setting not deployed: on", (400, invalid_type), &["Account", "Contact"], Ok(Status::On(None))),
        ("deployed, not readable: ask for access", (400, invalid_type), &["Account", "Engagement_Event__c"], Ok(Status::NeedsAccess)),
        ("another failure is an error", (503, "[]"), &[], Err(ApiError::from_response(503, "[]"))),
    ];
    for (case, settings, objects, want) in cases {
        script_switch_org(settings, objects);
        let crm = crm_logged_in();
        assert_eq!(crm.org_switch().await, want, "{case}");
        let asked: Vec<String> = calls().into_iter().filter(|c| c.contains("FROM Sidecar_Settings__c")).collect();
        assert_eq!(asked.len(), 1, "{case}: {:?}", calls());
        assert!(
            asked[0].ends_with("WHERE SetupOwnerId IN ('005000000000001AAA', '00e000000000001AAA', '00D000000000001AAA')"),
            "{case}: user, profile and org rows: {}",
            asked[0]
        );
    }
}
