//! Signing out from the options page: revoke the token at the org, forget
//! the session and the refresh token, and tell every open page so it shows
//! the login prompt again.

use sidecar_core::load::Status;
use sidecar_core::messages::Message;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::session::Auth;
use crate::platform::{PlatformError, runtime};
use crate::widgets::{Notice, Tone};

/// Revokes the refresh token (which ends its access tokens) and forgets the
/// stored session even when the org cannot be reached, then broadcasts
/// [`Message::SignedOut`].
pub async fn sign_out() -> Result<(), PlatformError> {
    Auth::new().logout().await;
    runtime::send(&Message::SignedOut).await
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
        <section class="options-section options-card" aria-labelledby="account-heading">
            <h2 id="account-heading" class="options-card-title">{ "Account" }</h2>
            <p class="options-text">{ "Signing out forgets your session on this computer. Sidecar asks you to log in next time." }</p>
            <button class="button" type="button" {onclick} disabled={status.is_working()}>{ "Sign out" }</button>
            <Notice testid="sign-out-status" tone={if status.failure().is_some() { Tone::Error } else { Tone::Quiet }}>
                { match &*status {
                    Status::Idle | Status::Working => String::new(),
                    Status::Done => "Signed out.".to_owned(),
                    Status::Failed(e) => e.clone(),
                } }
            </Notice>
        </section>
    }
}
