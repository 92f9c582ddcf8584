//! `chrome.tabs`: the active tab, and following it as the user switches tabs
//! or the tab navigates (the side panel shows what relates to the page).
//!
//! Tab URLs and titles are only visible with the optional `tabs` permission
//! (requested when the user turns on contextual insights) or, for the tab
//! where the toolbar icon was clicked, through `activeTab`. Without them the
//! [`Tab`] still arrives, with `url`/`title` = `None`.

use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, spawn_local};

use super::PlatformError;
use super::listener::Listener;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = query)]
    fn tabs_query(info: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = get)]
    fn tabs_get(id: i32) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = remove)]
    fn permissions_remove(permissions: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = request)]
    fn permissions_request(permissions: &JsValue) -> Result<Promise, JsValue>;
}

/// A browser tab, as far as Sidecar looks at it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tab {
    pub id: i32,
    pub window_id: i32,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub active: bool,
    /// Privacy settings decide whether contextual features run in incognito.
    #[serde(default)]
    pub incognito: bool,
}

impl Tab {
    fn from_js(value: JsValue) -> Option<Self> {
        super::from_js(&value)
    }
}

async fn settle(api: &'static str, call: Result<Promise, JsValue>) -> Result<JsValue, PlatformError> {
    let promise = call.map_err(|e| PlatformError::from_js(api, &e))?;
    JsFuture::from(promise).await.map_err(|e| PlatformError::from_js(api, &e))
}

/// The active tab of the window this page lives in (`None` when there is
/// no such tab, e.g. a devtools window).
pub async fn active_tab() -> Result<Option<Tab>, PlatformError> {
    let info = Object::new();
    // Setting plain properties on a fresh object cannot fail.
    let _ = Reflect::set(&info, &JsValue::from_str("active"), &JsValue::TRUE);
    let _ = Reflect::set(&info, &JsValue::from_str("currentWindow"), &JsValue::TRUE);
    let tabs = settle("chrome.tabs.query", tabs_query(&info)).await?;
    Ok(Array::from(&tabs).iter().find_map(Tab::from_js))
}

/// Stops following the active tab when dropped.
#[derive(Debug)]
pub struct ActiveTabWatch {
    _activated: Listener,
    _updated: Listener,
}

/// Calls `on_change` whenever the active tab of `window_id` changes: the user
/// switched to another tab, or the active tab's URL or title changed.
/// `window_id` is the window of [`active_tab`], so a panel follows its own window.
pub fn follow_active_tab(window_id: i32, on_change: impl Fn(Tab) + 'static) -> Result<ActiveTabWatch, PlatformError> {
    let on_change: Rc<dyn Fn(Tab)> = Rc::new(on_change);
    let activated = {
        let on_change = on_change.clone();
        Listener::add("chrome.tabs.onActivated", &["tabs", "onActivated"], move |info, _, _| {
            let field = |name: &str| Reflect::get(&info, &JsValue::from_str(name)).ok().and_then(|v| v.as_f64());
            let (Some(tab_id), Some(window)) = (field("tabId"), field("windowId")) else { return };
            if window != f64::from(window_id) {
                return;
            }
            let on_change = on_change.clone();
            // Tab ids are positive 32-bit integers in Chrome.
            #[allow(clippy::cast_possible_truncation)]
            let tab_id = tab_id as i32;
            spawn_local(async move {
                // A tab closed in the meantime is simply not reported.
                if let Ok(tab) = settle("chrome.tabs.get", tabs_get(tab_id)).await {
                    if let Some(tab) = Tab::from_js(tab) {
                        on_change(tab);
                    }
                }
            });
        })?
    };
    let updated = Listener::add("chrome.tabs.onUpdated", &["tabs", "onUpdated"], move |_tab_id, change, tab| {
        let changed = |name: &str| Reflect::get(&change, &JsValue::from_str(name)).is_ok_and(|v| !v.is_undefined());
        if !(changed("url") || changed("title")) {
            return;
        }
        if let Some(tab) = Tab::from_js(tab) {
            if tab.active && tab.window_id == window_id {
                on_change(tab);
            }
        }
    })?;
    Ok(ActiveTabWatch { _activated: activated, _updated: updated })
}

fn tabs_permission() -> JsValue {
    let request = Object::new();
    let _ = Reflect::set(&request, &JsValue::from_str("permissions"), &Array::of1(&JsValue::from_str("tabs")));
    request.into()
}

/// Asks the user for the optional `tabs` permission. Must run in a user
/// gesture (a click or change handler). Returns whether it was granted.
pub async fn request_url_access() -> Result<bool, PlatformError> {
    let granted = settle("chrome.permissions.request", permissions_request(&tabs_permission())).await?;
    Ok(granted.as_bool().unwrap_or(false))
}

/// Gives the optional `tabs` permission back (contextual insights turned off).
pub async fn release_url_access() -> Result<(), PlatformError> {
    settle("chrome.permissions.remove", permissions_remove(&tabs_permission())).await.map(drop)
}
