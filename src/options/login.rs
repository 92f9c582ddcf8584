//! "Log in to": the login host (devorg, production, sandbox or a My Domain)
//! and the OAuth client id, validated by `sidecar_core` and saved together.

use sidecar_core::load::Status;
use sidecar_core::login::{LoginHost, LoginHostError};
use sidecar_core::messages::Message;
use sidecar_core::settings::{self, keys};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::platform::{runtime, storage};
use crate::widgets::{Notice, Tone};

/// Which field a refusal is about, so that field is marked invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Host,
    ClientId,
    Neither,
}

/// Where saving is, and which field a failure is about.
type Outcome = (Status, Field);

const IDLE: Outcome = (Status::Idle, Field::Neither);

fn failed(field: Field, why: impl Into<String>) -> Outcome {
    (Status::Failed(why.into()), field)
}

fn kind_of(host: &LoginHost) -> &'static str {
    match host {
        LoginHost::Devorg => "devorg",
        LoginHost::Production => "production",
        LoginHost::Sandbox => "sandbox",
        LoginHost::Custom(_) => "custom",
    }
}

/// The host a `<select>` value stands for; `custom` needs the typed domain.
fn host_of_kind(kind: &str, custom: &str) -> Result<LoginHost, LoginHostError> {
    match kind {
        "production" => Ok(LoginHost::Production),
        "sandbox" => Ok(LoginHost::Sandbox),
        "custom" => LoginHost::custom(custom),
        _ => Ok(LoginHost::Devorg),
    }
}

#[component]
pub fn LoginForm() -> Html {
    let kind = use_state(|| "devorg".to_owned());
    let custom = use_state(String::new);
    let client_id = use_state(String::new);
    let status = use_state(|| IDLE);

    {
        let (kind, custom, client_id, status) = (kind.clone(), custom.clone(), client_id.clone(), status.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                let host = storage::get::<LoginHost>(keys::LOGIN_HOST).await;
                let id = storage::get::<String>(keys::CLIENT_ID).await;
                match (host, id) {
                    (Ok(host), Ok(id)) => {
                        let host = host.unwrap_or_default();
                        if let LoginHost::Custom(origin) = &host {
                            custom.set(origin.clone());
                        }
                        client_id.set(id.unwrap_or_else(|| settings::default_client_id(&host).to_owned()));
                        kind.set(kind_of(&host).to_owned());
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        status.set(failed(Field::Neither, format!("Your saved settings could not be read: {}", e.message)));
                    }
                }
            });
        });
    }

    let on_kind = {
        let (kind, client_id, status) = (kind.clone(), client_id.clone(), status.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            // Only whether the new host is devorg matters here, not the typed domain.
            let host = host_of_kind(&value, "").unwrap_or(LoginHost::Custom(String::new()));
            client_id.set(settings::client_id_after_host_change(&client_id, &host));
            kind.set(value);
            status.set(IDLE);
        })
    };
    let on_custom = {
        let (custom, status) = (custom.clone(), status.clone());
        Callback::from(move |e: InputEvent| {
            custom.set(e.target_unchecked_into::<HtmlInputElement>().value());
            status.set(IDLE);
        })
    };
    let on_client_id = {
        let (client_id, status) = (client_id.clone(), status.clone());
        Callback::from(move |e: InputEvent| {
            client_id.set(e.target_unchecked_into::<HtmlInputElement>().value());
            status.set(IDLE);
        })
    };
    let on_submit = {
        let (kind, custom, client_id, status) = (kind.clone(), custom.clone(), client_id.clone(), status.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The typed text stays in the fields so the user can fix it.
            let host = match host_of_kind(&kind, &custom) {
                Ok(host) => host,
                Err(err) => return status.set(failed(Field::Host, err.to_string())),
            };
            let id = match settings::client_id(&client_id) {
                Ok(id) => id,
                Err(err) => return status.set(failed(Field::ClientId, err.to_string())),
            };
            let status = status.clone();
            spawn_local(async move {
                let saved = match storage::set(keys::LOGIN_HOST, &host).await {
                    Ok(()) => storage::set(keys::CLIENT_ID, &id).await,
                    Err(e) => Err(e),
                };
                match saved {
                    Ok(()) => {
                        status.set((Status::Done, Field::Neither));
                        if let Err(e) = runtime::send(&Message::SettingsChanged).await {
                            gloo::console::warn!(format!("Sidecar could not tell its pages about the new settings: {e}"));
                        }
                    }
                    Err(e) => status.set(failed(Field::Neither, format!("Not saved: {}", e.message))),
                }
            });
        })
    };

    let (saving, about) = &*status;
    let invalid = |field: Field| (saving.failure().is_some() && *about == field).to_string();
    let devorg = *kind == "devorg";
    html! {
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
                        oninput={on_custom} aria-invalid={invalid(Field::Host)} aria-describedby="login-status" />
                }
                <label for="client-id">{ "Client id" }</label>
                <input id="client-id" type="text" spellcheck="false" autocomplete="off" value={(*client_id).clone()}
                    oninput={on_client_id} aria-invalid={invalid(Field::ClientId)} aria-describedby="client-id-hint login-status" />
                <p id="client-id-hint" class="muted hint">
                    { if devorg { "devorg accepts SidecarDevorg." } else { "The Consumer Key of your connected app (ask your Salesforce admin)." } }
                </p>
            </fieldset>
            <button class="button" type="submit">{ "Save" }</button>
            <Notice id="login-status" testid="options-status" tone={if saving.failure().is_some() { Tone::Error } else { Tone::Quiet }}>
                { match saving {
                    Status::Idle | Status::Working => String::new(),
                    Status::Done => "Saved.".to_owned(),
                    Status::Failed(e) => e.clone(),
                } }
            </Notice>
        </form>
    }
}
