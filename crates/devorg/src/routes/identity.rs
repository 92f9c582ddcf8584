//! Who the token belongs to (dialect §2):
//! - `GET|POST /services/oauth2/userinfo`: OpenID Connect user info.
//! - `GET|POST /id/{orgId}/{userId}[?format=json][&version=NN.N]`: the
//!   identity URL the token response's `id` names (jsforce `identity()`).
//!
//! Both take the access token as `Authorization: Bearer` (or the
//! `oauth_token` / `access_token` query parameter, as Salesforce does).
//! Salesforce's identity service answers failures with a plain-text code,
//! not the REST API's JSON array: 403 `Missing_OAuth_Token`,
//! 403 `Bad_OAuth_Token` (unknown, revoked or expired), 403 `Wrong_Org`,
//! 403 `Bad_Id` (another user's id, or no such user), 404 `Bad_Id`
//! (not an id at all).

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rusqlite::{Connection, OptionalExtension};
use salesforce_rest::SfId;
use serde_json::{Value, json};

use super::oauth::base_url;
use crate::error::json_response;
use crate::{ApiError, State, auth};

pub fn router() -> Router<State> {
    Router::new().route("/services/oauth2/userinfo", get(userinfo).post(userinfo)).route("/id/{org}/{user}", get(identity).post(identity))
}

/// A failure of the identity service: plain text, as Salesforce sends it.
fn refuse(status: StatusCode, code: &'static str) -> Response {
    let mut response = (status, code).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain;charset=UTF-8"));
    response
}

/// Why the caller is not known: a plain-text code, or devorg's own failure.
#[derive(Debug)]
enum Refusal {
    Plain(StatusCode, &'static str),
    Internal(ApiError),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::Plain(status, code) => refuse(status, code),
            Self::Internal(e) => e.into_response(),
        }
    }
}

/// The caller's user id, from the bearer header or a query parameter.
fn caller(conn: &Connection, headers: &HeaderMap, query: &HashMap<String, String>) -> Result<SfId, Refusal> {
    let bad_token = Refusal::Plain(StatusCode::FORBIDDEN, "Bad_OAuth_Token");
    let from_query = query.get("oauth_token").or_else(|| query.get("access_token")).filter(|t| !t.is_empty());
    let mut auth_headers = HeaderMap::new();
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        auth_headers.insert(header::AUTHORIZATION, value.clone());
    } else if let Some(token) = from_query {
        let Ok(value) = HeaderValue::from_str(&format!("Bearer {token}")) else { return Err(bad_token) };
        auth_headers.insert(header::AUTHORIZATION, value);
    } else {
        return Err(Refusal::Plain(StatusCode::FORBIDDEN, "Missing_OAuth_Token"));
    }
    match auth::authenticate(conn, &auth_headers) {
        Ok(session) => Ok(session.user),
        Err(e) if e.status == StatusCode::UNAUTHORIZED => Err(bad_token),
        Err(e) => Err(Refusal::Internal(e)),
    }
}

/// The User fields both answers are made of.
#[derive(Debug)]
struct Profile {
    username: String,
    first_name: Option<String>,
    last_name: String,
    name: String,
    alias: Option<String>,
    email: String,
    time_zone: String,
    locale: String,
    language: String,
    active: bool,
    mobile_phone: Option<String>,
    last_modified: String,
}

fn profile(conn: &Connection, user: &SfId) -> rusqlite::Result<Option<Profile>> {
    conn.query_row(
        "SELECT \"Username\", \"FirstName\", \"LastName\", \"Name\", \"Alias\", \"Email\", \"TimeZoneSidKey\", \"LocaleSidKey\",
                \"LanguageLocaleKey\", \"IsActive\", \"MobilePhone\", \"LastModifiedDate\"
         FROM \"sobj_User\" WHERE \"Id\" = ?1",
        [user.as_str()],
        |r| {
            Ok(Profile {
                username: r.get(0)?,
                first_name: r.get(1)?,
                last_name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                name: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                alias: r.get(4)?,
                email: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                time_zone: r.get::<_, Option<String>>(6)?.unwrap_or_else(|| "UTC".into()),
                locale: r.get::<_, Option<String>>(7)?.unwrap_or_else(|| "en_US".into()),
                language: r.get::<_, Option<String>>(8)?.unwrap_or_else(|| "en_US".into()),
                active: r.get::<_, Option<bool>>(9)?.unwrap_or(true),
                mobile_phone: r.get(10)?,
                last_modified: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
            })
        },
    )
    .optional()
}

/// Milliseconds east of UTC of the user's zone in standard time
/// (Salesforce reports the zone's raw offset, not today's DST).
fn utc_offset_millis(zone: &str) -> i64 {
    i64::from(salesforce_rest::tz::standard_offset_minutes(zone).unwrap_or(0)) * 60_000
}

/// The `urls` object: absolute, with `{version}` left for the client unless
/// the request named a version.
fn urls(base: &str, user: &SfId, version: Option<&str>) -> Value {
    let org = &auth::ORG_ID[..15];
    let v = version.unwrap_or("{version}");
    json!({
        "enterprise": format!("{base}/services/Soap/c/{v}/{org}"),
        "metadata": format!("{base}/services/Soap/m/{v}/{org}"),
        "partner": format!("{base}/services/Soap/u/{v}/{org}"),
        "rest": format!("{base}/services/data/v{v}/"),
        "sobjects": format!("{base}/services/data/v{v}/sobjects/"),
        "search": format!("{base}/services/data/v{v}/search/"),
        "query": format!("{base}/services/data/v{v}/query/"),
        "recent": format!("{base}/services/data/v{v}/recent/"),
        "tooling_soap": format!("{base}/services/Soap/T/{v}/{org}"),
        "tooling_rest": format!("{base}/services/data/v{v}/tooling/"),
        "profile": format!("{base}/{user}"),
        "feeds": format!("{base}/services/data/v{v}/chatter/feeds"),
        "groups": format!("{base}/services/data/v{v}/chatter/groups"),
        "users": format!("{base}/services/data/v{v}/chatter/users"),
        "feed_items": format!("{base}/services/data/v{v}/chatter/feed-items"),
        "feed_elements": format!("{base}/services/data/v{v}/chatter/feed-elements"),
        "custom_domain": base,
    })
}

fn photos(base: &str) -> Value {
    json!({"picture": format!("{base}/profilephoto/005/F"), "thumbnail": format!("{base}/profilephoto/005/T")})
}

/// `?version=62.0` (digits and one dot), or none.
fn requested_version(query: &HashMap<String, String>) -> Option<&str> {
    query.get("version").map(String::as_str).filter(|v| {
        v.split_once('.')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && (a.len() + b.len()) <= 6 && format!("{a}{b}").bytes().all(|c| c.is_ascii_digit()))
    })
}

fn nickname(p: &Profile) -> String {
    p.alias.clone().unwrap_or_else(|| p.username.split('@').next().unwrap_or_default().to_owned())
}

async fn userinfo(AxumState(state): AxumState<State>, headers: HeaderMap, Query(query): Query<HashMap<String, String>>) -> Response {
    let conn = state.db.conn();
    let user = match caller(&conn, &headers, &query) {
        Ok(user) => user,
        Err(refusal) => return refusal.into_response(),
    };
    let p = match profile(&conn, &user) {
        Ok(Some(p)) => p,
        Ok(None) => return refuse(StatusCode::FORBIDDEN, "Bad_Id"),
        Err(e) => return ApiError::internal(&e).into_response(),
    };
    let base = base_url(&headers);
    let updated_at = p.last_modified.get(..19).map(|s| format!("{s}Z")).unwrap_or_default();
    json_response(
        StatusCode::OK,
        &json!({
            "sub": format!("{base}/id/{}/{user}", auth::ORG_ID),
            "user_id": user.as_str(),
            "organization_id": auth::ORG_ID,
            "preferred_username": p.username,
            "nickname": nickname(&p),
            "name": p.name,
            "email": p.email,
            "email_verified": true,
            "given_name": p.first_name,
            "family_name": p.last_name,
            "zoneinfo": p.time_zone,
            "photos": photos(&base),
            "profile": format!("{base}/{user}"),
            "picture": format!("{base}/profilephoto/005/F"),
            "address": {},
            "is_salesforce_integration_user": false,
            "urls": urls(&base, &user, requested_version(&query)),
            "active": p.active,
            "user_type": "STANDARD",
            "language": p.language,
            "locale": p.locale,
            "utcOffset": utc_offset_millis(&p.time_zone),
            "updated_at": updated_at,
            "is_app_installed": true,
        }),
    )
}

async fn identity(
    AxumState(state): AxumState<State>,
    Path((org, user_segment)): Path<(String, String)>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let conn = state.db.conn();
    let user = match caller(&conn, &headers, &query) {
        Ok(user) => user,
        Err(refusal) => return refusal.into_response(),
    };
    let Some(org_key) = org.get(..15).filter(|_| org.len() == 15 || org.len() == 18) else {
        return refuse(StatusCode::FORBIDDEN, "Wrong_Org");
    };
    if org_key != &auth::ORG_ID[..15] {
        return refuse(StatusCode::FORBIDDEN, "Wrong_Org");
    }
    let Ok(asked) = SfId::parse(&user_segment) else {
        return refuse(StatusCode::NOT_FOUND, "Bad_Id");
    };
    if asked != user {
        return refuse(StatusCode::FORBIDDEN, "Bad_Id");
    }
    let p = match profile(&conn, &user) {
        Ok(Some(p)) => p,
        Ok(None) => return refuse(StatusCode::FORBIDDEN, "Bad_Id"),
        Err(e) => return ApiError::internal(&e).into_response(),
    };
    let base = base_url(&headers);
    json_response(
        StatusCode::OK,
        &json!({
            "id": format!("{base}/id/{}/{user}", auth::ORG_ID),
            "asserted_user": true,
            "user_id": user.as_str(),
            "organization_id": auth::ORG_ID,
            "username": p.username,
            "nick_name": nickname(&p),
            "display_name": p.name,
            "email": p.email,
            "email_verified": true,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "timezone": p.time_zone,
            "photos": photos(&base),
            "addr_street": null, "addr_city": null, "addr_state": null, "addr_country": null, "addr_zip": null,
            "mobile_phone": p.mobile_phone,
            "mobile_phone_verified": false,
            "is_lightning_login_user": false,
            "status": {"created_date": null, "body": null},
            "urls": urls(&base, &user, requested_version(&query)),
            "active": p.active,
            "user_type": "STANDARD",
            "language": p.language,
            "locale": p.locale,
            "utcOffset": utc_offset_millis(&p.time_zone),
            "last_modified_date": p.last_modified,
            "is_app_installed": true,
        }),
    )
}
