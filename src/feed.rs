//! My Feed's I/O, shared by the service worker (polling, badge,
//! notifications), the side panel (the list) and the options page (which
//! sources are on): finding the sources the org offers, looking for
//! events, and the per-user state kept in `chrome.storage.local`. The rules
//! are `sidecar_core::feed`'s.
//!
//! A look sends every query of the plan in one composite request; the
//! worker's looks ask only for what changed since the last one
//! (`feed::store`). The catalog of sources is read again once a day, when
//! the options page shows it, or after a query of it failed.

use std::collections::BTreeMap;

use salesforce_rest::soql::DateTime;
use serde::{Deserialize, Serialize};
use sidecar_core::api_error::ApiError;
use sidecar_core::feed::alerts::{Alert, aggregate};
use sidecar_core::feed::catalog::{Catalog, FieldList, ObjectList, plan, to_describe};
use sidecar_core::feed::poll::{self, Part};
use sidecar_core::feed::seen::{SeenState, badge_text, unseen_count};
use sidecar_core::feed::store::Stored;
use sidecar_core::feed::view::Dismissed;
use sidecar_core::settings::keys;

use crate::api::Crm;
use crate::platform::{action, console, storage};

/// Most records read per query.
const MAX_RECORDS: usize = 2000;

/// How long a catalog of sources is trusted.
const CATALOG_MILLIS: i64 = 24 * 60 * 60 * 1000;

pub use sidecar_core::settings::keys::{feed_dismissed as dismissed_key, feed_seen as seen_key};

/// A catalog as stored, with when it was read.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct StoredCatalog {
    read_at: i64,
    catalog: Catalog,
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// The sources the org offers the user: the stored catalog while it is
/// less than a day old (unless `fresh`), else read again (describeGlobal,
/// then the describes of the sources' objects the org lists) and stored.
pub async fn catalog(crm: &Crm, user_id: &str, fresh: bool) -> Result<Catalog, ApiError> {
    let key = keys::feed_catalog(user_id);
    if !fresh
        && let Ok(Some(stored)) = storage::get::<StoredCatalog>(&key).await
        && (0..CATALOG_MILLIS).contains(&(now() - stored.read_at))
    {
        return Ok(stored.catalog);
    }
    let list: ObjectList = crm.describe_global_as().await?;
    let mut describes = BTreeMap::new();
    for object in to_describe(&list) {
        // A describe that fails leaves its source out, with the reason on the options page.
        match crm.describe_as::<FieldList>(&object).await {
            Ok(describe) => {
                describes.insert(object, describe);
            }
            Err(e) => console::warn(&format!("Sidecar could not read {object}'s describe for My Feed: {}", e.user_message())),
        }
    }
    let catalog = plan(&list, &describes);
    storage::set(&key, &StoredCatalog { read_at: now(), catalog: catalog.clone() }).await.ok();
    Ok(catalog)
}

/// Forgets the stored catalog: the next look reads the org's sources again.
async fn forget_catalog(user_id: &str) {
    storage::set(&keys::feed_catalog(user_id), &StoredCatalog::default()).await.ok();
}

/// One look for the user's alerts: the whole window (`whole`: the panel
/// opening the feed), or only what changed since the last look (a poll),
/// merged into what the last looks found. The alerts now, newest first.
///
/// A source whose query fails is skipped (its alerts stay as they were)
/// and the catalog is read again next time; only no answer at all fails.
pub async fn look(crm: &Crm, user_id: &str, whole: bool) -> Result<Vec<Alert>, ApiError> {
    let catalog = catalog(crm, user_id, false).await?;
    let plan = &catalog.plan;
    let key = keys::feed_store(user_id);
    let mut stored = storage::get::<Stored>(&key).await.ok().flatten().unwrap_or_default();
    let since = if whole { None } else { stored.since(plan) };
    let parts = poll::queries(plan, user_id, since);
    let batch: Vec<(String, _)> = parts.iter().map(|(part, query)| (part.reference(), query.clone())).collect();
    let answers = if batch.is_empty() { Vec::new() } else { crm.query_batch(&batch, MAX_RECORDS).await? };
    let (mut fresh, mut newest, mut failed) = (Vec::new(), None, false);
    for ((part, _), answer) in parts.iter().zip(answers) {
        match answer {
            Ok(records) => {
                fresh.extend(poll::events(plan, *part, &records, user_id));
                newest = later(newest, poll::newest_stamp(*part, &records));
            }
            Err(e) => {
                failed = true;
                console::warn(&format!("Sidecar skipped a My Feed source ({}): {}", describe(*part), e.user_message()));
            }
        }
    }
    if failed {
        forget_catalog(user_id).await;
        // What a failed source missed is asked for again next time.
        newest = None;
    }
    stored.merge(plan, fresh, newest, since.is_none(), now());
    storage::set(&key, &stored).await.ok();
    Ok(aggregate(&stored.events, now()))
}

fn later(a: Option<DateTime>, b: Option<DateTime>) -> Option<DateTime> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.unix_millis() > a.unix_millis() { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn describe(part: Part) -> &'static str {
    match part {
        Part::Sent => "tracked emails",
        Part::Replies => "replies",
        Part::History(_) => "reassignments",
        Part::Created(_) => "records created for you",
        Part::Engagement => "engagement events",
    }
}

pub async fn dismissed(user_id: &str) -> Dismissed {
    storage::get::<Dismissed>(&dismissed_key(user_id)).await.ok().flatten().unwrap_or_default()
}

pub async fn seen(user_id: &str) -> SeenState {
    storage::get::<SeenState>(&seen_key(user_id)).await.ok().flatten().unwrap_or_default()
}

/// Clears the toolbar badge (Sidecar is off for the user).
pub async fn clear_badge() {
    if let Err(e) = action::set_badge("").await {
        console::warn(&format!("Sidecar could not clear its badge: {e}"));
    }
}

/// Sets the toolbar badge to the unseen count of `alerts`.
pub async fn update_badge(alerts: &[Alert], seen: &SeenState, dismissed: &Dismissed) {
    let text = badge_text(unseen_count(alerts, seen, dismissed));
    if let Err(e) = action::set_badge(&text).await {
        console::warn(&format!("Sidecar could not update its badge: {e}"));
    }
}
