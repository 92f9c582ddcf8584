//! Sidecar's extension UI: yew apps compiled to WebAssembly, and the
//! background service worker.
//!
//! Each extension page (side panel, Workspace tab, options) and the service
//! worker load their own wasm module through a tiny JS shim in `extension/`
//! and call its entry point below. One crate makes all four: a Cargo feature
//! per page (see `Cargo.toml`) decides which modules and entry points a build
//! contains, so the worker's module has no yew in it and the side panel's no
//! Workspace grid. Logic lives in `sidecar-core`; this crate renders it and
//! talks to the browser through [`platform`] only.

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(all(target_arch = "wasm32", any(feature = "worker", feature = "side-panel")))]
pub mod feed;
#[cfg(all(target_arch = "wasm32", feature = "options"))]
pub mod options;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
mod service_worker;
#[cfg(all(target_arch = "wasm32", feature = "side-panel"))]
pub mod side_panel;
#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod widgets;
#[cfg(all(target_arch = "wasm32", feature = "workspace"))]
pub mod workspace;

/// The yew pages' entry points, one per page feature.
#[cfg(all(target_arch = "wasm32", feature = "ui"))]
mod pages {
    use wasm_bindgen::prelude::*;

    /// Mounts `App` into the page's `<main id="app">` (falls back to body).
    fn mount<C: yew::BaseComponent<Properties = ()>>() {
        let root = gloo::utils::document().get_element_by_id("app").unwrap_or_else(|| gloo::utils::body().into());
        yew::Renderer::<C>::with_root(root).render();
    }

    /// `side_panel.html`
    #[cfg(feature = "side-panel")]
    #[wasm_bindgen]
    pub fn start_side_panel() {
        mount::<crate::side_panel::App>();
    }

    /// `workspace.html`, opened in a tab from the side panel.
    #[cfg(feature = "workspace")]
    #[wasm_bindgen]
    pub fn start_workspace() {
        mount::<crate::workspace::App>();
    }

    /// `grid-bench.html` of `cargo xtask bench` (`xtask/bench-web/`): the
    /// Workspace grid on 2,000 synthetic rows. No extension page calls it.
    #[cfg(feature = "grid-bench")]
    #[wasm_bindgen]
    pub fn start_grid_bench() {
        mount::<crate::workspace::bench::GridBench>();
    }

    /// `options.html`
    #[cfg(feature = "options")]
    #[wasm_bindgen]
    pub fn start_options() {
        mount::<crate::options::App>();
    }
}

/// The background service worker's entry points (`service_worker.js`).
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
mod worker {
    use wasm_bindgen::prelude::*;

    /// Runs once the module has loaded, every time the worker starts.
    #[wasm_bindgen]
    pub fn start_service_worker() {
        crate::service_worker::start();
    }

    /// `chrome.alarms.onAlarm` in the service worker, forwarded by its loader.
    #[wasm_bindgen]
    pub fn service_worker_on_alarm(alarm: JsValue) {
        crate::service_worker::on_alarm(alarm);
    }

    /// `chrome.notifications.onClicked` in the service worker, forwarded by its loader.
    #[wasm_bindgen]
    pub fn service_worker_on_notification_click(id: String) {
        crate::service_worker::on_notification_click(id);
    }
}
