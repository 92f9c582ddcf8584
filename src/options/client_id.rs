//! "Advanced": the OAuth client id (the Consumer Key of the app a Salesforce
//! admin creates for Sidecar), closed unless one was saved or refused, with
//! what the admin needs to create that app: the callback URL this extension
//! really uses (`chrome.identity.getRedirectURL()`, the same call the login
//! makes in `src/api/session.rs`), with a copy button, and the scopes the
//! login asks for (`sidecar_core::oauth::SCOPE`).

use sidecar_core::oauth::SCOPE;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use crate::platform::identity;

#[derive(Properties, PartialEq)]
pub struct ClientIdProps {
    pub value: AttrValue,
    pub oninput: Callback<String>,
    /// Whether the disclosure is open; the parent keeps it so a re-render
    /// never closes what the rep opened.
    pub open: bool,
    /// The rep opened or closed it.
    pub ontoggle: Callback<bool>,
    /// The last Save refused this value.
    pub invalid: bool,
    /// devorg is picked: its own id, no admin involved.
    pub devorg: bool,
}

/// Where copying the callback URL is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Copying {
    Idle,
    Copied,
    Failed,
}

async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    JsFuture::from(window.navigator().clipboard().write_text(text)).await.is_ok()
}

#[component]
pub fn ClientIdField(props: &ClientIdProps) -> Html {
    // The address never changes while the page is open: read it once.
    let redirect = use_state(identity::redirect_url);
    let copy = use_state(|| Copying::Idle);

    let on_input = {
        let oninput = props.oninput.clone();
        Callback::from(move |e: InputEvent| oninput.emit(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_toggle = {
        let ontoggle = props.ontoggle.clone();
        Callback::from(move |e: Event| ontoggle.emit(e.target_unchecked_into::<Element>().has_attribute("open")))
    };
    let on_copy = {
        let (copy, redirect) = (copy.clone(), redirect.clone());
        Callback::from(move |_: MouseEvent| {
            let Ok(url) = (*redirect).clone() else { return };
            let copy = copy.clone();
            spawn_local(async move {
                copy.set(if write_clipboard(&url).await { Copying::Copied } else { Copying::Failed });
            });
        })
    };

    html! {
        <details class="options-advanced" data-testid="login-advanced" open={props.open} ontoggle={on_toggle}>
            <summary>{ "Advanced: the app Sidecar logs in through" }</summary>
            <div class="options-advanced-body">
                <div class="options-field">
                    <label class="options-label" for="client-id">{ "Client id (Consumer Key)" }</label>
                    <input id="client-id" class="options-input" type="text" spellcheck="false" autocomplete="off" value={props.value.clone()}
                        oninput={on_input} aria-invalid={props.invalid.to_string()} aria-describedby="client-id-hint login-status" />
                    <p id="client-id-hint" class="options-help">
                        if props.devorg {
                            { "devorg accepts SidecarDevorg: leave it as it is." }
                        } else {
                            { "You don't set anything up yourself: paste the Consumer Key your Salesforce admin gives you. If Sidecar already logs you in, leave this as it is." }
                        }
                    </p>
                </div>
                <div class="options-admin" data-testid="admin-instructions">
                    <h3 class="options-subtitle">{ "For your Salesforce admin" }</h3>
                    <p class="options-help">
                        { "A Connected App, or its newer form the External Client App, is how a Salesforce admin lets an outside program such as Sidecar log people in to the org. The admin creates one in Setup, once for everyone, with the settings below; Salesforce then shows its Consumer Key, which each rep pastes above. Sidecar never needs the Consumer Secret." }
                    </p>
                    <ol class="options-steps">
                        <li>
                            { "In Setup, create the app and turn on OAuth." }
                        </li>
                        <li>
                            <span>{ "Callback URL, exactly as shown:" }</span>
                            { match &*redirect {
                                Ok(url) => html! {
                                    <span class="options-copy">
                                        <code class="options-code" data-testid="redirect-url">{ url.clone() }</code>
                                        <button class="button" type="button" onclick={on_copy} data-testid="copy-redirect-url"
                                            aria-label="Copy the callback URL">{ "Copy" }</button>
                                    </span>
                                },
                                Err(e) => html! { <span class="error">{ format!(" Sidecar could not read it here: {}", e.message) }</span> },
                            } }
                            <span class="options-help" role="status">
                                { match &*copy {
                                    Copying::Idle => "",
                                    Copying::Copied => "Copied.",
                                    Copying::Failed => "Chrome did not let Sidecar copy: click the address to select it, then press Ctrl+C (⌘C on a Mac).",
                                } }
                            </span>
                        </li>
                        <li>
                            { "OAuth scopes: the ones Sidecar asks for, " }<code>{ SCOPE }</code>
                            { " (access to the data through the API, staying logged in, and who the user is)." }
                        </li>
                        <li>
                            { "Sidecar runs in the browser and cannot keep a secret: require PKCE (Proof Key for Code Exchange), and don't require the secret for the web server flow or for the refresh token flow." }
                        </li>
                        <li>
                            { "Give reps the app's Consumer Key. A new app can take a few minutes before logins work." }
                        </li>
                    </ol>
                </div>
            </div>
        </details>
    }
}
