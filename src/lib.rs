//! Sidecar's extension UI: a yew app compiled to WebAssembly.
//!
//! Each extension page (side panel, Workspace tab, options) and the service
//! worker load the same wasm module through a tiny JS shim in `extension/`
//! and call one entry point below. Logic lives in `sidecar-core`; this crate
//! renders it and talks to the browser through [`platform`] only.

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod feed;
#[cfg(target_arch = "wasm32")]
pub mod options;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
mod service_worker;
#[cfg(target_arch = "wasm32")]
pub mod side_panel;
#[cfg(target_arch = "wasm32")]
pub mod widgets;
#[cfg(target_arch = "wasm32")]
pub mod workspace;

#[cfg(target_arch = "wasm32")]
mod entry {
    use wasm_bindgen::prelude::*;

    /// Mounts `App` into the page's `<main id="app">` (falls back to body).
    fn mount<C: yew::BaseComponent<Properties = ()>>() {
        let root = gloo::utils::document().get_element_by_id("app").unwrap_or_else(|| gloo::utils::body().into());
        yew::Renderer::<C>::with_root(root).render();
    }

    /// `side_panel.html`
    #[wasm_bindgen]
    pub fn start_side_panel() {
        mount::<crate::side_panel::App>();
    }

    /// `workspace.html`, opened in a tab from the side panel.
    #[wasm_bindgen]
    pub fn start_workspace() {
        mount::<crate::workspace::App>();
    }

    /// `grid-bench.html` of `cargo xtask bench` (`xtask/bench-web/`): the
    /// Workspace grid on 2,000 synthetic rows. No extension page calls it.
    #[wasm_bindgen]
    pub fn start_grid_bench() {
        mount::<crate::workspace::bench::GridBench>();
    }

    /// `options.html`
    #[wasm_bindgen]
    pub fn start_options() {
        mount::<crate::options::App>();
    }

    /// The background service worker (`service_worker.js`).
    #[wasm_bindgen]
    pub fn start_service_worker() {
        crate::service_worker::start();
    }

    /// `chrome.alarms.onAlarm` in the service worker, forwarded by its loader.
    #[wasm_bindgen]
    pub fn service_worker_on_alarm(alarm: JsValue) {
        crate::service_worker::on_alarm(alarm);
    }
}
