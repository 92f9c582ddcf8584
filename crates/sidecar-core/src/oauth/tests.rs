use super::*;

#[test]
fn pkce_matches_rfc_7636_appendix_b() {
    // RFC 7636 Appendix B: these 32 octets give this verifier and challenge.
    let bytes: [u8; 32] =
        [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
    let pkce = Pkce::from_random(&bytes);
    assert_eq!(pkce.verifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    assert_eq!(pkce.challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assert!(!format!("{pkce:?}").contains(&pkce.verifier), "Debug hides the verifier");
}

#[test]
fn authorize_url_carries_every_parameter_encoded() {
    let url = authorize_url(
        &LoginHost::Custom("http://127.0.0.1:4000".into()),
        "SidecarDevorg",
        "https://nnmmenendpbgfljfkebkhajjpbkfhafm.chromiumapp.org/",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "st&te",
        SCOPE,
    );
    assert_eq!(
        url,
        "http://127.0.0.1:4000/services/oauth2/authorize?response_type=code&client_id=SidecarDevorg\
         &redirect_uri=https%3A%2F%2Fnnmmenendpbgfljfkebkhajjpbkfhafm.chromiumapp.org%2F&scope=api+refresh_token+id\
         &state=st%26te&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
    );
    assert_eq!(token_url(&LoginHost::Production), "https://login.salesforce.com/services/oauth2/token");
    assert_eq!(revoke_url(&LoginHost::Devorg), "http://127.0.0.1:8787/services/oauth2/revoke");
}

#[test]
fn request_bodies_are_form_encoded() {
    assert_eq!(
        token_body("SidecarDevorg", "https://x.chromiumapp.org/", "aPrx+/=", "ver"),
        "grant_type=authorization_code&code=aPrx%2B%2F%3D&client_id=SidecarDevorg&redirect_uri=https%3A%2F%2Fx.chromiumapp.org%2F&code_verifier=ver"
    );
    assert_eq!(refresh_body("cid", "5Aep+x"), "grant_type=refresh_token&refresh_token=5Aep%2Bx&client_id=cid");
    assert_eq!(revoke_body("00D!abc"), "token=00D%21abc");
}

#[test]
fn redirects() {
    let base = "https://nnmmenendpbgfljfkebkhajjpbkfhafm.chromiumapp.org/";
    let cases: &[(&str, Result<&str, AuthError>)] = &[
        ("?code=aPrx%2Bcode&state=s1", Ok("aPrx+code")),
        ("?state=s1&code=abc#fragment", Ok("abc")),
        ("?code=abc&state=s2", Err(AuthError::StateMismatch)),
        ("?code=abc", Err(AuthError::StateMismatch)),
        ("?error=access_denied&error_description=end-user+denied+authorization&state=s1", Err(AuthError::Declined)),
        ("?error=invalid_scope&error_description=bad+scope", Err(AuthError::Refused { error: "invalid_scope".into(), description: "bad scope".into() })),
        ("?state=s1", Err(AuthError::Malformed("the redirect has no code".into()))),
        ("", Err(AuthError::StateMismatch)),
    ];
    for (query, want) in cases {
        let got = parse_redirect(&format!("{base}{query}"), "s1");
        assert_eq!(got.as_deref().map_err(Clone::clone), want.clone(), "{query}");
    }
    assert_eq!(AuthError::Declined.to_string(), "You declined access, so Sidecar can't connect to Salesforce.");
}

const CODE_ANSWER: &str = r#"{"access_token":"00Dxx!AQ0","refresh_token":"5Aep861","signature":"sig","scope":"api refresh_token id",
    "instance_url":"http://127.0.0.1:4000","id":"http://127.0.0.1:4000/id/00D000000000001AAA/005000000000001AAA",
    "token_type":"Bearer","issued_at":"1763900000000"}"#;

#[test]
fn token_answer_becomes_a_session() {
    let host = LoginHost::Custom("http://127.0.0.1:4000".into());
    let session = parse_token_answer(200, CODE_ANSWER, &host, "SidecarDevorg", None).expect("session");
    assert_eq!(session.access_token, "00Dxx!AQ0");
    assert_eq!(session.refresh_token.as_deref(), Some("5Aep861"));
    assert_eq!(session.instance_url, "http://127.0.0.1:4000");
    assert_eq!(session.org_id, "00D000000000001AAA");
    assert_eq!(session.user_id, "005000000000001AAA");
    assert_eq!(session.issued_at, 1_763_900_000_000);
    assert_eq!(session.bearer(), "Bearer 00Dxx!AQ0");
    let debug = format!("{session:?}");
    assert!(!debug.contains("AQ0") && !debug.contains("5Aep861"), "Debug hides tokens: {debug}");

    // A refresh answer has no refresh_token: the old one stays.
    let refreshed = CODE_ANSWER.replace(r#""refresh_token":"5Aep861","#, "").replace("AQ0", "AQ1");
    let next = parse_token_answer(200, &refreshed, &host, "SidecarDevorg", Some(&session)).expect("refreshed");
    assert_eq!(next.access_token, "00Dxx!AQ1");
    assert_eq!(next.refresh_token.as_deref(), Some("5Aep861"));
}

#[test]
fn token_failures() {
    let host = LoginHost::Devorg;
    let previous = parse_token_answer(200, CODE_ANSWER, &host, "c", None).expect("session");
    let invalid_grant = r#"{"error":"invalid_grant","error_description":"expired access/refresh token"}"#;
    let cases: &[(u16, &str, Option<&Session>, AuthError)] = &[
        (400, invalid_grant, Some(&previous), AuthError::LoginRequired),
        (400, invalid_grant, None, AuthError::Refused { error: "invalid_grant".into(), description: "expired access/refresh token".into() }),
        (401, "", Some(&previous), AuthError::LoginRequired),
        // The app's settings, whether logging in or refreshing: words for the admin.
        (400, r#"{"error":"invalid_client","error_description":"invalid client credentials"}"#, None, AuthError::SecretRequired),
        (400, r#"{"error":"invalid_client","error_description":"invalid client credentials"}"#, Some(&previous), AuthError::SecretRequired),
        (400, r#"{"error":"invalid_client_id","error_description":"client identifier invalid"}"#, None, AuthError::UnknownApp("c".into())),
        (400, r#"{"error":"inactive_user","error_description":"user is inactive"}"#, Some(&previous), AuthError::LoginRequired),
        (0, "", None, AuthError::Offline),
        (502, "<html>Bad gateway</html>", None, AuthError::Malformed("HTTP 502".into())),
        (200, "{}", None, AuthError::Malformed("the token answer has no access token or instance URL".into())),
        (200, r#"{"access_token":"a","instance_url":"https://x"}"#, None, AuthError::Malformed("the token answer has no identity URL".into())),
    ];
    for (status, body, prev, want) in cases {
        assert_eq!(parse_token_answer(*status, body, &host, "c", *prev).as_ref().err(), Some(want), "{status} {body}");
    }
}

#[test]
fn storage_split_and_join() {
    let session = parse_token_answer(200, CODE_ANSWER, &LoginHost::Devorg, "SidecarDevorg", None).expect("session");
    let (access, login) = session.to_storage();
    assert_eq!(
        serde_json::to_value(&access).expect("json"),
        serde_json::json!({"accessToken":"00Dxx!AQ0","issuedAt":1_763_900_000_000_u64,"userId":"005000000000001AAA"})
    );
    assert_eq!(
        serde_json::to_value(&login).expect("json"),
        serde_json::json!({"refreshToken":"5Aep861","instanceUrl":"http://127.0.0.1:4000","userId":"005000000000001AAA",
            "orgId":"00D000000000001AAA","loginHost":{"kind":"devorg"},"clientId":"SidecarDevorg"})
    );
    assert_eq!(Session::from_storage(Some(access.clone()), Some(login.clone())), Some(session.clone()));
    // After a browser restart only the login remains: refresh first.
    let restarted = Session::from_storage(None, Some(login.clone())).expect("session");
    assert!(restarted.needs_refresh());
    // An access token of another user is not used.
    let other = StoredAccess { user_id: "005000000000002AAA".into(), ..access.clone() };
    assert!(Session::from_storage(Some(other), Some(login)).expect("session").needs_refresh());
    assert_eq!(Session::from_storage(Some(access), None), None);
}

#[test]
fn admin_messages_name_the_settings() {
    let secret = AuthError::SecretRequired.to_string();
    assert!(secret.contains("Require Secret for Web Server Flow") && secret.contains("Require Secret for Refresh Token Flow"), "{secret}");
    assert!(secret.contains("admin"));
    let unknown = AuthError::UnknownApp("3MVG9abc".into()).to_string();
    assert!(unknown.contains("3MVG9abc") && unknown.contains("options"), "{unknown}");
}

#[test]
fn after_taking_the_refresh_lock() {
    let mine = parse_token_answer(200, CODE_ANSWER, &LoginHost::Devorg, "SidecarDevorg", None).expect("session");
    let rotated = Session { access_token: "00Dxx!AQ9".into(), refresh_token: Some("5AepNEW".into()), ..mine.clone() };
    let restarted = Session { access_token: String::new(), ..mine.clone() };
    let rotated_restarted = Session { access_token: String::new(), refresh_token: Some("5AepNEW".into()), ..mine.clone() };
    let no_refresh = Session { refresh_token: None, ..mine.clone() };
    let cases: &[(&str, Option<&Session>, &str, AfterLock)] = &[
        ("logged out meanwhile", None, "00Dxx!AQ0", AfterLock::LoggedOut),
        ("another page refreshed", Some(&rotated), "00Dxx!AQ0", AfterLock::Adopt(rotated.clone())),
        ("stored token is the refused one", Some(&mine), "00Dxx!AQ0", AfterLock::Refresh(mine.clone())),
        (
            "refresh with the stored, rotated token",
            Some(&Session { access_token: "00Dxx!AQ0".into(), ..rotated.clone() }),
            "00Dxx!AQ0",
            AfterLock::Refresh(Session { access_token: "00Dxx!AQ0".into(), ..rotated.clone() }),
        ),
        ("browser restarted, nobody refreshed", Some(&restarted), "", AfterLock::Refresh(restarted.clone())),
        ("browser restarted, another page rotated", Some(&rotated_restarted), "", AfterLock::Refresh(rotated_restarted.clone())),
        ("browser restarted, another page refreshed", Some(&rotated), "", AfterLock::Adopt(rotated.clone())),
        ("nothing to refresh with", Some(&no_refresh), "00Dxx!AQ0", AfterLock::LoggedOut),
    ];
    for (name, stored, failed, want) in cases {
        assert_eq!(&Session::after_lock(stored.cloned(), failed), want, "{name}");
    }
}

#[test]
fn a_rotating_refresh_answer_replaces_the_refresh_token() {
    let session = parse_token_answer(200, CODE_ANSWER, &LoginHost::Devorg, "SidecarDevorg", None).expect("session");
    let rotated = CODE_ANSWER.replace("5Aep861", "5Aep862").replace("AQ0", "AQ1");
    let next = parse_token_answer(200, &rotated, &LoginHost::Devorg, "SidecarDevorg", Some(&session)).expect("refreshed");
    assert_eq!(next.refresh_token.as_deref(), Some("5Aep862"));
    let (_, login) = next.to_storage();
    assert_eq!(login.refresh_token.as_deref(), Some("5Aep862"), "the new one is what gets stored");
}
