//! A JSON text kept in `chrome.storage.sync` (it follows the user's Chrome
//! profile) while it fits sync's quotas, in `local` otherwise
//! (`sidecar_core::sync_quota` decides). Reads prefer sync, then local; a
//! write removes the copy in the other area so a stale one never comes back.

use sidecar_core::sync_quota::fits_sync;

use super::PlatformError;
use super::storage::{self, Area};

/// The stored text of `key`, from sync or else local.
pub async fn load(key: &str) -> Result<Option<String>, PlatformError> {
    for area in [Area::Sync, Area::Local] {
        if let Some(json) = storage::get_in::<String>(area, key).await? {
            return Ok(Some(json));
        }
    }
    Ok(None)
}

/// Writes `json` where it fits; falls back to local when sync refuses it
/// (its quotas, or its writes per minute).
pub async fn save(key: &str, json: &str) -> Result<(), PlatformError> {
    let others = storage::sync_bytes_except(key).await.unwrap_or(0);
    let mut target = if fits_sync(key, json.len(), others) { Area::Sync } else { Area::Local };
    if target == Area::Sync && storage::set_in(Area::Sync, key, &json).await.is_err() {
        target = Area::Local;
    }
    if target == Area::Local {
        storage::set_in(Area::Local, key, &json).await?;
    }
    let other = if target == Area::Sync { Area::Local } else { Area::Sync };
    // A leftover copy would only shadow this one (sync is read first).
    storage::remove_in(other, key).await.ok();
    Ok(())
}
