//! Signing out from the options page: forget the session and the refresh
//! token, and tell every open page so it shows the login prompt again.

use sidecar_core::messages::Message;
use sidecar_core::settings::keys;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::platform::{PlatformError, runtime, storage_remove};

/// Forgets the stored session (`chrome.storage.session` key `session`) and
/// refresh token (`chrome.storage.local` key `refreshToken`), then
/// broadcasts [`Message::SignedOut`].
///
/// This is the seam for the api's `session::logout`, which also revokes the
/// token at the org: the integrator points the button at it.
pub async fn sign_out() -> Result<(), PlatformError> {
    storage_remove::remove_session(keys::SESSION).await?;
    storage_remove::remove_local(keys::REFRESH_TOKEN).await?;
    runtime::send(&Message::SignedOut).await
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Idle,
    Working,
    Done,
    Failed(String),
}

#[component]
pub fn SignOut() -> Html {
    let status = use_state(|| Status::Idle);
    let onclick = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            status.set(Status::Working);
            spawn_local(async move {
                match sign_out().await {
                    Ok(()) => status.set(Status::Done),
                    Err(e) => status.set(Status::Failed(format!("Not signed out: {}", e.message))),
                }
            });
        })
    };
    html! {
        <section class="options-section" aria-labelledby="account-heading">
            <h2 id="account-heading">{ "Account" }</h2>
            <p class="muted">{ "Signing out forgets your session on this computer. Sidecar asks you to log in next time." }</p>
            <button class="button" type="button" {onclick} disabled={*status == Status::Working}>{ "Sign out" }</button>
            <p role="status" data-testid="sign-out-status" class={classes!(matches!(*status, Status::Failed(_)).then_some("error"))}>
                { match &*status {
                    Status::Idle | Status::Working => String::new(),
                    Status::Done => "Signed out.".to_owned(),
                    Status::Failed(e) => e.clone(),
                } }
            </p>
        </section>
    }
}
