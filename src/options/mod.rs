//! The options page: where Sidecar logs in. The choice is validated by
//! `sidecar_core::login` and stored in `chrome.storage.local`.

use sidecar_core::login::LoginHost;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::platform::storage;

/// The storage key of the login host; the side panel reads it too.
pub const LOGIN_HOST_KEY: &str = "loginHost";

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Idle,
    Saved,
    Failed(String),
}

fn kind_of(host: &LoginHost) -> &'static str {
    match host {
        LoginHost::Devorg => "devorg",
        LoginHost::Production => "production",
        LoginHost::Sandbox => "sandbox",
        LoginHost::Custom(_) => "custom",
    }
}

#[component]
pub fn App() -> Html {
    let kind = use_state(|| "devorg".to_owned());
    let custom = use_state(String::new);
    let status = use_state(|| Status::Idle);

    {
        let (kind, custom, status) = (kind.clone(), custom.clone(), status.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                match storage::get::<LoginHost>(LOGIN_HOST_KEY).await {
                    Ok(host) => {
                        let host = host.unwrap_or_default();
                        if let LoginHost::Custom(origin) = &host {
                            custom.set(origin.clone());
                        }
                        kind.set(kind_of(&host).to_owned());
                    }
                    Err(e) => status.set(Status::Failed(format!("Your saved settings could not be read: {}", e.message))),
                }
            });
        });
    }

    let on_kind = {
        let (kind, status) = (kind.clone(), status.clone());
        Callback::from(move |e: Event| {
            kind.set(e.target_unchecked_into::<HtmlSelectElement>().value());
            status.set(Status::Idle);
        })
    };
    let on_custom = {
        let (custom, status) = (custom.clone(), status.clone());
        Callback::from(move |e: InputEvent| {
            custom.set(e.target_unchecked_into::<HtmlInputElement>().value());
            status.set(Status::Idle);
        })
    };
    let on_submit = {
        let (kind, custom, status) = (kind.clone(), custom.clone(), status.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let host = match kind.as_str() {
                "production" => Ok(LoginHost::Production),
                "sandbox" => Ok(LoginHost::Sandbox),
                "custom" => LoginHost::custom(&custom),
                _ => Ok(LoginHost::Devorg),
            };
            let host = match host {
                Ok(host) => host,
                // The typed text stays in the field so the user can fix it.
                Err(err) => return status.set(Status::Failed(err.to_string())),
            };
            let status = status.clone();
            spawn_local(async move {
                match storage::set(LOGIN_HOST_KEY, &host).await {
                    Ok(()) => status.set(Status::Saved),
                    Err(e) => status.set(Status::Failed(format!("Not saved: {}", e.message))),
                }
            });
        })
    };

    html! {
        <div class="options" data-testid="options">
            <h1 class="brand">{ "Sidecar settings" }</h1>
            <form onsubmit={on_submit}>
                <fieldset>
                    <legend>{ "Log in to" }</legend>
                    <label for="login-kind">{ "Org" }</label>
                    <select id="login-kind" onchange={on_kind}>
                        { for [
                            ("devorg", "Local devorg (http://127.0.0.1:8787)"),
                            ("production", "Salesforce production (login.salesforce.com)"),
                            ("sandbox", "Salesforce sandbox (test.salesforce.com)"),
                            ("custom", "My Domain…"),
                        ].into_iter().map(|(value, label)| html! {
                            <option {value} selected={*kind == value}>{ label }</option>
                        }) }
                    </select>
                    if *kind == "custom" {
                        <label for="login-custom">{ "My Domain" }</label>
                        <input id="login-custom" type="text" placeholder="acme.my.salesforce.com" value={(*custom).clone()}
                            oninput={on_custom} aria-invalid={matches!(*status, Status::Failed(_)).to_string()}
                            aria-describedby="login-status" />
                    }
                </fieldset>
                <button class="button" type="submit">{ "Save" }</button>
                <p id="login-status" role="status" data-testid="options-status" class={classes!(matches!(*status, Status::Failed(_)).then_some("error"))}>
                    { match &*status {
                        Status::Idle => String::new(),
                        Status::Saved => "Saved.".to_owned(),
                        Status::Failed(e) => e.clone(),
                    } }
                </p>
            </form>
        </div>
    }
}
