//! My Feed's I/O, shared by the service worker (polling, badge,
//! notifications), the side panel (the list) and the options page (which
//! sources are on): finding the sources the org offers, looking for
//! events, and the per-user state kept in `chrome.storage.local`. The rules
//! are `sidecar_core::feed`'s.
//!
//! A look sends every query of the plan in one composite request; the
//! worker's looks ask only for what changed since the last one
//! (`feed::store`). The catalog of sources is read again once a day, or
//! after a query of it failed; the options page shows the stored one.

use std::collections::BTreeMap;

use sidecar_core::api_error::ApiError;
use sidecar_core::feed::alerts::{Alert, aggregate};
use sidecar_core::feed::catalog::{Catalog, FieldList, ObjectList, StoredCatalog, plan, to_describe};
use sidecar_core::feed::poll;
use sidecar_core::feed::seen::{SeenState, badge_text, unseen_count};
use sidecar_core::feed::store::Stored;
use sidecar_core::feed::view::Dismissed;
use sidecar_core::settings::keys;

use crate::api::Crm;
use crate::platform::{action, console, storage};

/// Most records read per query.
const MAX_RECORDS: usize = 2000;

pub use sidecar_core::settings::keys::{feed_dismissed as dismissed_key, feed_seen as seen_key};

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// The sources the org offers the user: the stored catalog while it is
/// less than a day old, else read again (describeGlobal, then the
/// describes of the sources' objects the org lists) and stored.
///
/// A describe the org refuses (the object is gone, or hidden from the
/// user) leaves its source out, with the reason on the options page. A
/// describe that failed for another reason (no answer, a server error)
/// does too, for this look only: that catalog is not stored, so the next
/// look asks again rather than keep a source off for a day.
pub async fn catalog(crm: &Crm, user_id: &str) -> Result<Catalog, ApiError> {
    let key = keys::feed_catalog(user_id);
    if let Ok(Some(stored)) = storage::get::<StoredCatalog>(&key).await
        && stored.is_fresh(now())
    {
        return Ok(stored.catalog);
    }
    let list: ObjectList = crm.describe_global_as().await?;
    let (mut describes, mut lasting) = (BTreeMap::new(), true);
    for object in to_describe(&list) {
        match crm.describe_as::<FieldList>(&object).await {
            Ok(describe) => {
                describes.insert(object, describe);
            }
            Err(e) => {
                lasting &= matches!(e, ApiError::NotFound | ApiError::NoAccess { .. });
                console::warn(&format!("Sidecar could not read {object}'s describe for My Feed: {}", e.user_message()));
            }
        }
    }
    let catalog = plan(&list, &describes);
    if lasting {
        storage::set(&key, &StoredCatalog { read_at: now(), catalog: catalog.clone() }).await.ok();
    }
    Ok(catalog)
}

/// Marks the stored catalog stale: the next look reads the org's sources
/// again (the options page still shows the last one meanwhile).
async fn forget_catalog(user_id: &str) {
    let key = keys::feed_catalog(user_id);
    let mut stored = storage::get::<StoredCatalog>(&key).await.ok().flatten().unwrap_or_default();
    stored.read_at = 0;
    storage::set(&key, &stored).await.ok();
}

/// One look for the user's alerts: the whole window (`whole`: the panel
/// opening the feed), or only what changed since the last look (a poll),
/// folded into what the last looks found (`feed::poll::record_look`). The
/// alerts now, newest first.
///
/// A source whose query fails is skipped (its alerts stay as they were)
/// and the catalog is read again next time; only no answer at all fails.
pub async fn look(crm: &Crm, user_id: &str, whole: bool) -> Result<Vec<Alert>, ApiError> {
    let catalog = catalog(crm, user_id).await?;
    let plan = &catalog.plan;
    let key = keys::feed_store(user_id);
    let mut stored = storage::get::<Stored>(&key).await.ok().flatten().unwrap_or_default();
    let since = if whole { None } else { stored.since(plan) };
    let parts = poll::queries(plan, user_id, since);
    let batch: Vec<(String, _)> = parts.iter().map(|(part, query)| (part.reference(), query.clone())).collect();
    let answers = if batch.is_empty() { Vec::new() } else { crm.query_batch(&batch, MAX_RECORDS).await? };
    let answers: Vec<_> = parts
        .iter()
        .zip(answers)
        .map(|((part, _), answer)| {
            let records = answer.map_err(|e| console::warn(&format!("Sidecar skipped a My Feed source ({}): {}", part.describe(), e.user_message())));
            (*part, records.ok())
        })
        .collect();
    if !poll::record_look(&mut stored, plan, user_id, since.is_none(), answers, now()) {
        forget_catalog(user_id).await;
    }
    storage::set(&key, &stored).await.ok();
    Ok(aggregate(&stored.events, now()))
}

/// The alerts of what the last looks found, without asking the org (an
/// open feed, after the worker's poll).
pub async fn stored_alerts(user_id: &str) -> Vec<Alert> {
    let stored = storage::get::<Stored>(&keys::feed_store(user_id)).await.ok().flatten().unwrap_or_default();
    aggregate(&stored.events, now())
}

/// Stores `seen` joined with what is stored (`SeenState::join`): the
/// worker and the panel both write it.
pub async fn store_seen(user_id: &str, seen: &SeenState) {
    let mut joined = self::seen(user_id).await;
    joined.join(seen);
    storage::set(&seen_key(user_id), &joined).await.ok();
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
