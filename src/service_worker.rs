//! The background service worker. It runs without a DOM, so it must not touch
//! `window`; it only wires browser behaviour for now.

use wasm_bindgen_futures::spawn_local;

pub fn start() {
    spawn_local(async {
        // The panel opens from the toolbar icon. The setting persists in the
        // browser, but is re-applied on every start in case it was reset.
        if let Err(e) = crate::platform::chrome::open_panel_on_action_click().await {
            gloo::console::error!(format!("Sidecar could not make the toolbar icon open the side panel: {e}"));
        }
    });
}
