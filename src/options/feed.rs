//! My Feed settings: how often Sidecar looks for new alerts (the worker's
//! alarm, re-scheduled on save) and desktop notifications (the optional
//! `notifications` permission is asked for when they are turned on); and
//! where the alerts come from in the user's org ([`FeedSources`]: as the
//! last look for alerts found it; the page itself asks the org nothing).

use sidecar_core::feed::catalog::{SourceStatus, StoredCatalog};
use sidecar_core::load::{Load, Status};
use sidecar_core::messages::{MAX_REFRESH_MINUTES, MIN_REFRESH_MINUTES, REFRESH_ALARM, refresh_period_minutes};
use sidecar_core::settings::{FeedSettings, keys};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::session::Auth;
use crate::platform::{alarms, permissions, storage};
use crate::widgets::{Notice, Tone};

fn save(next: FeedSettings, settings: &UseStateHandle<Load<FeedSettings>>, status: &UseStateHandle<Status>) {
    settings.set(Load::Loaded(next.clone()));
    let status = status.clone();
    spawn_local(async move {
        let stored = storage::set(keys::FEED, &next).await;
        let scheduled = alarms::create_periodic(REFRESH_ALARM, refresh_period_minutes(Some(next.poll_minutes))).await;
        status.set(match (stored, scheduled) {
            (Ok(()), Ok(())) => Status::Done,
            (Err(e), _) | (_, Err(e)) => Status::Failed(format!("Not saved: {}", e.message)),
        });
    });
}

#[component]
pub fn FeedForm() -> Html {
    let settings = use_state(|| Load::<FeedSettings>::Loading);
    let status = use_state(|| Status::Idle);
    {
        let settings = settings.clone();
        use_effect_with((), move |()| {
            spawn_local(async move {
                settings.set(Load::Loaded(storage::get::<FeedSettings>(keys::FEED).await.ok().flatten().unwrap_or_default()));
            });
        });
    }
    let Some(current) = settings.value().cloned() else {
        return html! { <section class="options-section options-card"><Notice tone={Tone::Progress}>{ "Loading…" }</Notice></section> };
    };
    let on_minutes = {
        let (settings, status, current) = (settings.clone(), status.clone(), current.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            match input.value().trim().parse::<u32>() {
                Ok(n) if (MIN_REFRESH_MINUTES..=MAX_REFRESH_MINUTES).contains(&n) => {
                    save(FeedSettings { poll_minutes: n, ..current.clone() }, &settings, &status)
                }
                _ => status.set(Status::Failed(format!("Enter a whole number of minutes from {MIN_REFRESH_MINUTES} to {MAX_REFRESH_MINUTES}."))),
            }
        })
    };
    let on_notify = {
        let (settings, status, current) = (settings.clone(), status.clone(), current.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let on = input.checked();
            let (settings, status, current) = (settings.clone(), status.clone(), current.clone());
            if !on {
                return save(FeedSettings { notify: false, ..current }, &settings, &status);
            }
            // Asked now, while the click still counts as the user's gesture.
            spawn_local(async move {
                match super::granted(permissions::request("notifications"), &input, "Chrome didn't allow notifications, so they stay off.").await {
                    Ok(()) => save(FeedSettings { notify: true, ..current }, &settings, &status),
                    Err(why) => status.set(Status::Failed(why)),
                }
            });
        })
    };
    html! {
        <section class="options-section options-card" data-testid="feed-settings" aria-labelledby="feed-heading">
            <h2 id="feed-heading" class="options-card-title">{ "My Feed" }</h2>
            <fieldset>
                <label class="options-label" for="feed-minutes">{ "Check for new alerts every (minutes)" }</label>
                <input id="feed-minutes" class="options-input options-number" type="number" min={MIN_REFRESH_MINUTES.to_string()} max={MAX_REFRESH_MINUTES.to_string()}
                    value={current.poll_minutes.to_string()} onchange={on_minutes} data-testid="feed-minutes" />
                <label class="options-check"><input type="checkbox" checked={current.notify} onchange={on_notify} data-testid="feed-notify" />
                    { " Desktop notifications for new alerts" }</label>
            </fieldset>
            { match &*status {
                Status::Idle | Status::Working => html! {},
                Status::Done => html! { <Notice>{ "Saved." }</Notice> },
                Status::Failed(why) => html! { <Notice tone={Tone::Error}>{ why.clone() }</Notice> },
            } }
            <FeedSources />
        </section>
    }
}

/// Which sources of alerts the org offers the user, and why one is off, as
/// the worker's or the panel's last look found them (the catalog they keep
/// a day): the options page stays a page of settings, without the REST
/// client in its module.
#[component]
fn FeedSources() -> Html {
    let sources = use_state(|| Load::<Vec<SourceStatus>>::Loading);
    {
        let sources = sources.clone();
        use_effect_with((), move |()| {
            spawn_local(async move {
                let Some(user_id) = Auth::new().stored_user_id().await else {
                    return sources.set(Load::Failed("Log in to see where your alerts come from.".to_owned()));
                };
                let stored = storage::get::<StoredCatalog>(&keys::feed_catalog(&user_id)).await.ok().flatten().filter(|s| !s.catalog.sources.is_empty());
                sources.set(match stored {
                    Some(stored) => Load::Loaded(stored.catalog.sources),
                    None => Load::Failed("Sidecar finds your org's sources the first time it looks for alerts: open My Feed, then come back.".to_owned()),
                });
            });
        });
    }
    let body = match &*sources {
        Load::Idle | Load::Loading | Load::Refreshing(_) => html! { <Notice tone={Tone::Progress}>{ "Loading…" }</Notice> },
        Load::Failed(why) => html! { <Notice testid="feed-sources-unknown">{ why.clone() }</Notice> },
        Load::Loaded(list) => html! {
            <ul class="feed-sources">
                { for list.iter().map(|s| html! {
                    <li data-testid="feed-source" data-active={s.active.to_string()}>
                        <span class={classes!("badge", s.active.then_some("badge-success"))}>{ if s.active { "On" } else { "Off" } }</span>
                        <strong class="feed-source-name">{ s.name.clone() }</strong>
                        <p class="muted">{ s.detail.clone() }</p>
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <div class="feed-sources-block" data-testid="feed-sources">
            <h3 class="options-subtitle">{ "Where your alerts come from" }</h3>
            { body }
        </div>
    }
}
