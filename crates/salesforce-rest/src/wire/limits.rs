//! API limits (§0, §3): `GET …/limits` and the `Sforce-Limit-Info` header
//! every REST answer carries (`api-usage=25/15000`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `GET …/limits`: limit name (`DailyApiRequests`, `DataStorageMB`, ...) -> usage.
pub type Limits = BTreeMap<String, Limit>;

/// `{"Max":15000,"Remaining":14998}`; real orgs nest per-client limits
/// (`"Salesforce Mobile Dashboards":{"Max":0,"Remaining":0}`) beside them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Limit {
    #[serde(rename = "Max", default)]
    pub max: i64,
    #[serde(rename = "Remaining", default)]
    pub remaining: i64,
    #[serde(flatten)]
    pub by_client: BTreeMap<String, Limit>,
}

impl Limit {
    pub fn used(&self) -> i64 {
        (self.max - self.remaining).max(0)
    }
}

/// The org-wide daily API usage from `Sforce-Limit-Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiUsage {
    pub used: u64,
    pub max: u64,
}

impl ApiUsage {
    /// Parses the header value: `api-usage=N/M`, possibly among other
    /// `;`/`,`-separated entries (`per-app-api-usage=17/250(appName=x)`).
    pub fn parse(header: &str) -> Option<Self> {
        header.split([';', ',']).map(str::trim).find_map(|entry| {
            let (used, max) = entry.strip_prefix("api-usage=")?.split_once('/')?;
            Some(Self { used: used.trim().parse().ok()?, max: max.trim().parse().ok()? })
        })
    }

    /// What is left today.
    pub fn remaining(self) -> u64 {
        self.max.saturating_sub(self.used)
    }
}
