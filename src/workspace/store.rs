//! Where the workspace list lives: `chrome.storage.sync` (it follows the
//! user's Chrome profile) while it fits sync's quotas, `local` otherwise
//! (`sidecar_core::workspace::model::storage_plan` decides). Reads prefer
//! sync, then local; a write removes the copy in the other area so a stale
//! one never comes back.

use sidecar_core::workspace::model::{Area, STORAGE_KEY, Workspaces, storage_plan};

use crate::platform::PlatformError;
use crate::platform::storage::{self, Area as StorageArea};

fn area(area: Area) -> StorageArea {
    match area {
        Area::Sync => StorageArea::Sync,
        Area::Local => StorageArea::Local,
    }
}

/// The user's workspaces; the four defaults when none are stored.
pub async fn load() -> Result<Workspaces, PlatformError> {
    for from in [StorageArea::Sync, StorageArea::Local] {
        if let Some(json) = storage::get_in::<String>(from, STORAGE_KEY).await? {
            return Ok(Workspaces::from_json(Some(&json)));
        }
    }
    Ok(Workspaces::default())
}

/// Writes the list where it fits; falls back to local when sync refuses
/// it (its quotas, or sync writes per minute).
pub async fn save(list: &Workspaces) -> Result<(), PlatformError> {
    let json = list.to_json();
    let others = storage::sync_bytes_except(STORAGE_KEY).await.unwrap_or(0);
    let mut target = storage_plan(json.len(), others);
    if target == Area::Sync && storage::set_in(StorageArea::Sync, STORAGE_KEY, &json).await.is_err() {
        target = Area::Local;
    }
    if target == Area::Local {
        storage::set_in(StorageArea::Local, STORAGE_KEY, &json).await?;
    }
    let other = if target == Area::Sync { Area::Local } else { Area::Sync };
    // A leftover copy would only shadow this one (sync is read first).
    storage::remove_in(area(other), STORAGE_KEY).await.ok();
    Ok(())
}
