//! OAuth answers (§2): the token endpoint's success and failure
//! (`POST /services/oauth2/token`), OpenID Connect user info
//! (`GET /services/oauth2/userinfo`) and the identity URL
//! (`GET /id/{orgId}/{userId}`, the token's `id`).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::or_default;

/// `POST /services/oauth2/token` 200, in Salesforce's key order.
/// A refresh grant answers without `refresh_token`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenResponse {
    pub access_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Base64 HMAC-SHA256 of `id` + `issued_at`.
    pub signature: String,
    /// Space-separated; absent from some flows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Only when the `openid` scope was granted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    pub instance_url: String,
    /// The identity URL, `https://login…/id/<00D…>/<005…>`.
    pub id: String,
    pub token_type: String,
    /// Milliseconds since the epoch, as a string.
    pub issued_at: String,
}

impl TokenResponse {
    /// `(org id, user id)`: the identity URL's last two segments.
    pub fn org_and_user(&self) -> Option<(&str, &str)> {
        let mut segments = self.id.trim_end_matches('/').rsplit('/');
        let user = segments.next()?;
        let org = segments.next()?;
        (!org.is_empty() && !user.is_empty()).then_some((org, user))
    }

    /// `issued_at` as milliseconds since the epoch.
    pub fn issued_at_millis(&self) -> Option<u64> {
        self.issued_at.parse().ok()
    }

    /// Whether a grant scope (`api`, `refresh_token`, ...) was granted.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scope.as_deref().is_some_and(|s| s.split(' ').any(|granted| granted == scope))
    }
}

/// The token endpoint's failure (400/401): `{"error","error_description"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OAuthError {
    /// `invalid_grant`, `invalid_request`, `unsupported_grant_type`, ...
    pub error: String,
    pub error_description: String,
}

/// `{"picture","thumbnail"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Photos {
    pub picture: Option<String>,
    pub thumbnail: Option<String>,
}

/// `urls`: `rest`, `sobjects`, `query`, ... with `{version}` placeholders.
/// Non-text entries a real org may send are dropped, not a parse failure.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct IdentityUrls(pub BTreeMap<String, String>);

impl<'de> Deserialize<'de> for IdentityUrls {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Option::<BTreeMap<String, serde_json::Value>>::deserialize(d)?.unwrap_or_default();
        Ok(Self(raw.into_iter().filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned()))).collect()))
    }
}

impl IdentityUrls {
    /// The URL named `name` with `{version}` filled in (`"62.0"`).
    pub fn get(&self, name: &str, version: &str) -> Option<String> {
        self.0.get(name).map(|u| u.replace("{version}", version))
    }
}

/// `GET /services/oauth2/userinfo` (OpenID Connect claims plus Salesforce's).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UserInfo {
    /// The identity URL.
    #[serde(deserialize_with = "or_default")]
    pub sub: String,
    #[serde(deserialize_with = "or_default")]
    pub user_id: String,
    #[serde(deserialize_with = "or_default")]
    pub organization_id: String,
    #[serde(deserialize_with = "or_default")]
    pub preferred_username: String,
    pub nickname: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    pub email: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub email_verified: bool,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// IANA time zone, e.g. `America/Los_Angeles`.
    #[serde(deserialize_with = "or_default")]
    pub zoneinfo: String,
    #[serde(deserialize_with = "or_default")]
    pub photos: Photos,
    pub profile: Option<String>,
    pub picture: Option<String>,
    pub address: serde_json::Value,
    #[serde(deserialize_with = "or_default")]
    pub is_salesforce_integration_user: bool,
    pub urls: IdentityUrls,
    #[serde(deserialize_with = "or_default")]
    pub active: bool,
    #[serde(deserialize_with = "or_default")]
    pub user_type: String,
    #[serde(deserialize_with = "or_default")]
    pub language: String,
    #[serde(deserialize_with = "or_default")]
    pub locale: String,
    /// Milliseconds east of UTC (the zone's standard offset).
    #[serde(rename = "utcOffset", deserialize_with = "or_default")]
    pub utc_offset: i64,
    pub updated_at: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub is_app_installed: bool,
}

/// `status` of the identity answer (the user's last Chatter post).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IdentityStatus {
    pub created_date: Option<String>,
    pub body: Option<String>,
}

/// `GET /id/{orgId}/{userId}` (what jsforce's `identity()` returns).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Identity {
    #[serde(deserialize_with = "or_default")]
    pub id: String,
    #[serde(deserialize_with = "or_default")]
    pub asserted_user: bool,
    #[serde(deserialize_with = "or_default")]
    pub user_id: String,
    #[serde(deserialize_with = "or_default")]
    pub organization_id: String,
    #[serde(deserialize_with = "or_default")]
    pub username: String,
    pub nick_name: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub display_name: String,
    pub email: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub email_verified: bool,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// IANA time zone, e.g. `America/Los_Angeles`.
    #[serde(deserialize_with = "or_default")]
    pub timezone: String,
    #[serde(deserialize_with = "or_default")]
    pub photos: Photos,
    pub addr_street: Option<String>,
    pub addr_city: Option<String>,
    pub addr_state: Option<String>,
    pub addr_country: Option<String>,
    pub addr_zip: Option<String>,
    pub mobile_phone: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub mobile_phone_verified: bool,
    #[serde(deserialize_with = "or_default")]
    pub is_lightning_login_user: bool,
    #[serde(deserialize_with = "or_default")]
    pub status: IdentityStatus,
    pub urls: IdentityUrls,
    #[serde(deserialize_with = "or_default")]
    pub active: bool,
    #[serde(deserialize_with = "or_default")]
    pub user_type: String,
    #[serde(deserialize_with = "or_default")]
    pub language: String,
    #[serde(deserialize_with = "or_default")]
    pub locale: String,
    /// Milliseconds east of UTC.
    #[serde(rename = "utcOffset", deserialize_with = "or_default")]
    pub utc_offset: i64,
    pub last_modified_date: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub is_app_installed: bool,
}
