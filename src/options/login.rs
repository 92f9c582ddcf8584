//! "Where you log in": the org, as radio cards in a rep's words (the choices
//! a build offers come from `sidecar_core::login::choices`), and under
//! Advanced the OAuth client id (`src/options/client_id.rs`). Validated by
//! `sidecar_core` and saved together. Before anything was saved no choice is
//! selected and the card asks, rather than pretending a default was picked.

use sidecar_core::load::Status;
use sidecar_core::login::LoginHost;
use sidecar_core::login::choices::{self, Build, HostChoice, HostKind};
use sidecar_core::messages::Message;
use sidecar_core::settings::{self, keys};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::client_id::ClientIdField;
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

/// What storage held when the page opened, until it has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Saved {
    Reading,
    /// A host this build offers was saved.
    Chosen,
    /// Nothing (or a host this build does not offer): the card asks.
    Nothing,
}

#[derive(Properties, PartialEq)]
struct ChoiceProps {
    choice: HostChoice,
    selected: bool,
    onpick: Callback<HostKind>,
    /// The My Domain box, shown inside its card when that card is picked.
    #[prop_or_default]
    children: Html,
}

#[component]
fn Choice(props: &ChoiceProps) -> Html {
    let HostChoice { kind, title, address, detail } = props.choice;
    let id = format!("login-kind-{}", kind.value());
    let onchange = {
        let onpick = props.onpick.clone();
        Callback::from(move |_: Event| onpick.emit(kind))
    };
    html! {
        <div class={classes!("options-choice", props.selected.then_some("selected"))}>
            <label class="options-choice-label" for={id.clone()}>
                <input type="radio" name="login-kind" {id} value={kind.value()} checked={props.selected} {onchange} />
                <span class="options-choice-text">
                    <span class="options-choice-title">
                        { title }
                        if let Some(address) = address {
                            <span class="options-choice-address">{ format!(" ({address})") }</span>
                        }
                    </span>
                    <span class="options-choice-detail">{ detail }</span>
                </span>
            </label>
            { props.children.clone() }
        </div>
    }
}

#[component]
pub fn LoginForm() -> Html {
    let saved = use_state(|| Saved::Reading);
    let kind = use_state(|| None::<HostKind>);
    let custom = use_state(String::new);
    let client_id = use_state(String::new);
    let status = use_state(|| IDLE);
    // Open when a Consumer Key was saved or refused; after that the rep's
    // own clicks decide (kept here so a re-render never closes it).
    let advanced_open = use_state(|| false);

    {
        let (saved, kind, custom, client_id, status, advanced_open) =
            (saved.clone(), kind.clone(), custom.clone(), client_id.clone(), status.clone(), advanced_open.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                let host = storage::get::<LoginHost>(keys::LOGIN_HOST).await;
                let id = storage::get::<String>(keys::CLIENT_ID).await;
                match (host, id) {
                    (Ok(host), Ok(id)) => {
                        let picked = choices::chosen(host.as_ref(), Build::CURRENT);
                        if let (Some(LoginHost::Custom(origin)), Some(HostKind::MyDomain)) = (&host, picked) {
                            custom.set(origin.clone());
                        }
                        advanced_open.set(settings::is_custom_client_id(id.as_deref()));
                        client_id.set(match (id, picked) {
                            (Some(id), _) => id,
                            (None, Some(picked)) => settings::client_id_after_pick("", picked),
                            (None, None) => String::new(),
                        });
                        kind.set(picked);
                        saved.set(if picked.is_some() { Saved::Chosen } else { Saved::Nothing });
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        saved.set(Saved::Nothing);
                        status.set(failed(Field::Neither, format!("Your saved settings could not be read: {}", e.message)));
                    }
                }
            });
        });
    }

    let on_pick = {
        let (kind, client_id, status) = (kind.clone(), client_id.clone(), status.clone());
        Callback::from(move |picked: HostKind| {
            client_id.set(settings::client_id_after_pick(&client_id, picked));
            kind.set(Some(picked));
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
        Callback::from(move |value: String| {
            client_id.set(value);
            status.set(IDLE);
        })
    };
    let on_toggle = {
        let advanced_open = advanced_open.clone();
        Callback::from(move |open: bool| advanced_open.set(open))
    };
    let on_submit = {
        let (saved, kind, custom, client_id, status, advanced_open) =
            (saved.clone(), kind.clone(), custom.clone(), client_id.clone(), status.clone(), advanced_open.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The typed text stays in the fields so the user can fix it.
            let host = match choices::host_to_save(*kind, &custom) {
                Ok(host) => host,
                Err(err) => return status.set(failed(Field::Host, err.to_string())),
            };
            let id = match settings::client_id(&client_id) {
                Ok(id) => id,
                Err(err) => {
                    // The field that needs fixing must be in sight.
                    advanced_open.set(true);
                    return status.set(failed(Field::ClientId, err.to_string()));
                }
            };
            let (saved, status) = (saved.clone(), status.clone());
            spawn_local(async move {
                let stored = match storage::set(keys::LOGIN_HOST, &host).await {
                    Ok(()) => storage::set(keys::CLIENT_ID, &id).await,
                    Err(e) => Err(e),
                };
                match stored {
                    Ok(()) => {
                        saved.set(Saved::Chosen);
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
    let invalid = |field: Field| saving.failure().is_some() && *about == field;
    let picked = *kind;
    let needs_key = picked.is_some_and(HostKind::is_salesforce) && client_id.trim().is_empty();
    html! {
        <section class="options-section options-card" aria-labelledby="login-heading" data-testid="login-settings">
            if *saved == Saved::Nothing {
                <h2 id="login-heading" class="options-card-title">{ "Choose where you log in to Salesforce" }</h2>
                <p class="options-first-run" data-testid="login-first-run">
                    { "Nothing is chosen yet. Pick the Salesforce you use at work, then Save. If you are not sure, ask your Salesforce admin or look at the address you log in at." }
                </p>
            } else {
                <h2 id="login-heading" class="options-card-title">{ "Where you log in" }</h2>
            }
            <form onsubmit={on_submit}>
                <fieldset class="options-choices" data-testid="login-choices" aria-describedby="login-status">
                    <legend class="options-label">{ "Your Salesforce" }</legend>
                    { for choices::host_choices(Build::CURRENT).iter().map(|choice| {
                        let selected = picked == Some(choice.kind);
                        html! {
                            <Choice key={choice.kind.value()} choice={*choice} {selected} onpick={on_pick.clone()}>
                                if selected && choice.kind == HostKind::MyDomain {
                                    <div class="options-field options-choice-field">
                                        <label class="options-label" for="login-custom">{ "Your company's Salesforce address" }</label>
                                        <input id="login-custom" class="options-input" type="text" placeholder="acme.my.salesforce.com"
                                            spellcheck="false" autocomplete="url" value={(*custom).clone()} oninput={on_custom.clone()}
                                            aria-invalid={invalid(Field::Host).to_string()} aria-describedby="login-custom-hint login-status" />
                                        <p id="login-custom-hint" class="options-help">
                                            { "The address of your company's Salesforce login page. Your Salesforce admin can tell you." }
                                        </p>
                                    </div>
                                }
                            </Choice>
                        }
                    }) }
                </fieldset>
                if needs_key {
                    <p class="options-help" data-testid="login-needs-key">
                        { "Salesforce also needs the Consumer Key of the app your admin set up for Sidecar: paste it under Advanced." }
                    </p>
                }
                <ClientIdField value={(*client_id).clone()} oninput={on_client_id} open={*advanced_open} ontoggle={on_toggle}
                    invalid={invalid(Field::ClientId)} devorg={picked == Some(HostKind::Devorg)} />
                <div class="options-actions">
                    <button class="button brand" type="submit">{ "Save" }</button>
                    <Notice id="login-status" testid="options-status" tone={if saving.failure().is_some() { Tone::Error } else { Tone::Quiet }}>
                        { match saving {
                            Status::Idle | Status::Working => String::new(),
                            Status::Done => "Saved.".to_owned(),
                            Status::Failed(e) => e.clone(),
                        } }
                    </Notice>
                </div>
            </form>
        </section>
    }
}
