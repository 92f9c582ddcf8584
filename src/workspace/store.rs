//! Where the workspace list lives: `chrome.storage.sync` while it fits,
//! local otherwise (see `platform::synced`); and the edits not saved yet,
//! in `chrome.storage.local`.

use sidecar_core::edits::pending::PendingEdits;
use sidecar_core::settings::keys;
use sidecar_core::workspace::model::Workspaces;

use crate::platform::{PlatformError, storage, synced};

/// The user's workspaces; the four defaults when none are stored.
pub async fn load() -> Result<Workspaces, PlatformError> {
    Ok(Workspaces::from_json(synced::load(keys::WORKSPACES).await?.as_deref()))
}

pub async fn save(list: &Workspaces) -> Result<(), PlatformError> {
    synced::save(keys::WORKSPACES, &list.to_json()).await
}

/// The Workspace's kept edits; none when nothing is stored.
pub async fn load_pending() -> Result<PendingEdits, PlatformError> {
    Ok(storage::get::<PendingEdits>(keys::WORKSPACE_PENDING_EDITS).await?.unwrap_or_default())
}

pub async fn save_pending(pending: &PendingEdits) -> Result<(), PlatformError> {
    storage::set(keys::WORKSPACE_PENDING_EDITS, pending).await
}
