//! Privacy settings: whether contextual insights look at the page in the
//! active tab at all, sites where they stay off, and incognito windows.
//! Every change is saved at once under `privacy` (a
//! `sidecar_core::settings::PrivacySettings`).

use sidecar_core::load::{Load, Status};
use sidecar_core::messages::Message;
use sidecar_core::settings::{PrivacySettings, SENSITIVE_SITES, keys};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::platform::{runtime, storage, tabs};
use crate::widgets::{Notice, Tone};

/// Shows `next` and stores it.
fn save(next: PrivacySettings, settings: &UseStateHandle<Load<PrivacySettings>>, status: &UseStateHandle<Status>) {
    settings.set(Load::Loaded(next.clone()));
    let status = status.clone();
    spawn_local(async move {
        match storage::set(keys::PRIVACY, &next).await {
            Ok(()) => {
                status.set(Status::Done);
                if let Err(e) = runtime::send(&Message::SettingsChanged).await {
                    gloo::console::warn!(format!("Sidecar could not tell its pages about the new settings: {e}"));
                }
            }
            Err(e) => status.set(Status::Failed(format!("Not saved: {}", e.message))),
        }
    });
}

#[component]
pub fn PrivacyForm() -> Html {
    let settings = use_state(|| Load::Loading);
    let status = use_state(|| Status::Idle);
    let site = use_state(String::new);

    {
        let settings = settings.clone();
        use_effect_with((), move |()| {
            spawn_local(async move {
                settings.set(match storage::get::<PrivacySettings>(keys::PRIVACY).await {
                    Ok(stored) => Load::Loaded(stored.unwrap_or_default()),
                    Err(e) => Load::Failed(format!("Your privacy settings could not be read: {}", e.message)),
                });
            });
        });
    }

    let current = match &*settings {
        Load::Loaded(current) | Load::Refreshing(current) => current.clone(),
        Load::Idle | Load::Loading => {
            return html! { <section class="options-section options-card"><Notice tone={Tone::Progress}>{ "Loading…" }</Notice></section> };
        }
        Load::Failed(e) => return html! { <section class="options-section options-card"><Notice tone={Tone::Error}>{ e.clone() }</Notice></section> },
    };

    let on_contextual = {
        let (settings, status, current) = (settings.clone(), status.clone(), current.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let on = input.checked();
            let (settings, status, current) = (settings.clone(), status.clone(), current.clone());
            if !on {
                save(PrivacySettings { contextual_insights: false, ..current }, &settings, &status);
                // Least privilege: tab addresses are only needed for this feature.
                return spawn_local(async {
                    if let Err(e) = tabs::release_url_access().await {
                        gloo::console::warn!(format!("Sidecar could not give back access to tab addresses: {e}"));
                    }
                });
            }
            // Reading the page's address needs the optional `tabs` permission,
            // asked for now, while the click still counts as the user's gesture.
            // Working: Chrome's permission dialog is open.
            status.set(Status::Working);
            spawn_local(async move {
                let refused = "Contextual insights need to see the address of the page you are on.";
                match super::granted(tabs::request_url_access(), &input, refused).await {
                    Ok(()) => save(PrivacySettings { contextual_insights: true, ..current }, &settings, &status),
                    Err(why) => status.set(Status::Failed(why)),
                }
            });
        })
    };
    let on_incognito = {
        let (settings, status, current) = (settings.clone(), status.clone(), current.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            save(PrivacySettings { in_incognito: on, ..current.clone() }, &settings, &status);
        })
    };
    let on_site = {
        let (site, status) = (site.clone(), status.clone());
        Callback::from(move |e: InputEvent| {
            site.set(e.target_unchecked_into::<HtmlInputElement>().value());
            status.set(Status::Idle);
        })
    };
    let on_add = {
        let (settings, status, current, site) = (settings.clone(), status.clone(), current.clone(), site.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut next = current.clone();
            match next.add_site(&site) {
                Ok(()) => {
                    site.set(String::new());
                    save(next, &settings, &status);
                }
                // The typed text stays so the user can fix it.
                Err(err) => status.set(Status::Failed(err.to_string())),
            }
        })
    };
    let remove = |blocked: String| {
        let (settings, status, current) = (settings.clone(), status.clone(), current.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = current.clone();
            next.remove_site(&blocked);
            save(next, &settings, &status);
        })
    };

    let failed = status.failure().is_some();
    html! {
        <section class="options-section options-card" aria-labelledby="privacy-heading">
            <h2 id="privacy-heading" class="options-card-title">{ "Privacy" }</h2>
            <label class="options-check">
                <input id="privacy-contextual" type="checkbox" checked={current.contextual_insights} onchange={on_contextual} />
                { "Contextual insights" }
            </label>
            <p class="options-help options-check-help">{ "Shows Salesforce records about the people and companies on the page you are viewing. Off until you turn it on." }</p>
            <label class="options-check">
                <input id="privacy-incognito" type="checkbox" checked={current.in_incognito} onchange={on_incognito} />
                { "Also in incognito windows" }
            </label>
            <form class="options-subform" onsubmit={on_add}>
                <fieldset>
                    <legend class="options-subtitle">{ "Sites where contextual insights stay off" }</legend>
                    <ul class="site-list" data-testid="blocked-sites">
                        { for current.blocked_sites.iter().map(|blocked| html! {
                            <li key={blocked.clone()}>
                                <span>{ blocked.clone() }</span>
                                <button class="link" type="button" aria-label={format!("Remove {blocked}")}
                                    onclick={remove(blocked.clone())}>{ "Remove" }</button>
                            </li>
                        }) }
                    </ul>
                    <label class="options-label" for="privacy-site">{ "Site" }</label>
                    <div class="options-inline">
                    <input id="privacy-site" class="options-input" type="text" placeholder="example.com" value={(*site).clone()} oninput={on_site}
                        aria-invalid={failed.to_string()} aria-describedby="privacy-status" />
                    <button class="button" type="submit">{ "Add site" }</button>
                    </div>
                </fieldset>
            </form>
            <details class="options-disclosure">
                <summary>{ "Always off on web mail, banking and health sites" }</summary>
                <ul class="site-list options-help">
                    { for SENSITIVE_SITES.iter().map(|s| html! { <li>{ *s }</li> }) }
                    <li>{ "any site with \"bank\" in its name, and .bank, .insurance and .health sites" }</li>
                </ul>
            </details>
            <Notice id="privacy-status" testid="privacy-status" tone={match &*status {
                Status::Failed(_) => Tone::Error,
                Status::Working => Tone::Attention,
                Status::Idle | Status::Done => Tone::Quiet,
            }}>
                { match &*status {
                    Status::Idle => String::new(),
                    Status::Working => "Sidecar asks Chrome to let it see the address of the page you are on: answer in Chrome's dialog.".to_owned(),
                    Status::Done => "Saved.".to_owned(),
                    Status::Failed(e) => e.clone(),
                } }
            </Notice>
        </section>
    }
}
