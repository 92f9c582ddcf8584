//! Where the workspace list lives: `chrome.storage.sync` while it fits,
//! local otherwise (see `platform::synced`).

use sidecar_core::workspace::model::{STORAGE_KEY, Workspaces};

use crate::platform::{PlatformError, synced};

/// The user's workspaces; the four defaults when none are stored.
pub async fn load() -> Result<Workspaces, PlatformError> {
    Ok(Workspaces::from_json(synced::load(STORAGE_KEY).await?.as_deref()))
}

pub async fn save(list: &Workspaces) -> Result<(), PlatformError> {
    synced::save(STORAGE_KEY, &list.to_json()).await
}
