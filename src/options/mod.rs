//! The options page: where Sidecar logs in (login host and OAuth client id),
//! signing out, the privacy settings that contextual features obey, and
//! My Feed's polling and notifications.
//! Values are validated by `sidecar_core::{login, settings}` and stored in
//! `chrome.storage.local` under `sidecar_core::settings::keys`. Laid out as
//! Lightning-like cards under a page header (`static/sidecar.css`, its
//! options block).

mod client_id;
mod feed;
mod login;
mod privacy;
mod sign_out;

use yew::prelude::*;

pub use sign_out::sign_out;

/// Waits for the answer to an optional permission asked for when a box was
/// ticked; unchecks the box (the setting never changed, so yew would not)
/// and answers why in the rep's words when it wasn't granted.
async fn granted(
    asked: impl Future<Output = Result<bool, crate::platform::PlatformError>>,
    input: &web_sys::HtmlInputElement,
    refused: &str,
) -> Result<(), String> {
    let why = match asked.await {
        Ok(true) => return Ok(()),
        Ok(false) => refused.to_owned(),
        Err(e) => format!("Not turned on: {}", e.message),
    };
    input.set_checked(false);
    Err(why)
}

#[component]
pub fn App() -> Html {
    html! {
        <div class="options" data-testid="options">
            <header class="options-header">
                <div class="options-header-inner">
                    // A mark, not content: the title says it in words.
                    <span class="options-header-icon" aria-hidden="true">{ "S" }</span>
                    <div>
                        <p class="options-header-kicker">{ "Sidecar for Salesforce" }</p>
                        <h1 class="options-title">{ "Settings" }</h1>
                    </div>
                </div>
            </header>
            <div class="options-body">
                <login::LoginForm />
                <sign_out::SignOut />
                <privacy::PrivacyForm />
                <feed::FeedForm />
            </div>
        </div>
    }
}
