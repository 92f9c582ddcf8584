//! Where the workspace list lives: `chrome.storage.sync` while it fits,
//! local otherwise (see `platform::synced`).

use sidecar_core::settings::keys;
use sidecar_core::workspace::model::Workspaces;

use crate::platform::{PlatformError, synced};

/// The user's workspaces; the four defaults when none are stored.
pub async fn load() -> Result<Workspaces, PlatformError> {
    Ok(Workspaces::from_json(synced::load(keys::WORKSPACES).await?.as_deref()))
}

pub async fn save(list: &Workspaces) -> Result<(), PlatformError> {
    synced::save(keys::WORKSPACES, &list.to_json()).await
}
