//! Logging in from the panel: on open, the stored session and the user's
//! profile (name, org, whether the org allows Sidecar); the "Log in to
//! Salesforce" prompt; and the admin's "turned off" message.

use sidecar_core::api_error::ApiError;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::state::{Connected, Login, PanelAction, PanelState};
use crate::api::{Crm, session};
use crate::platform::permissions;
use crate::widgets::{Notice, Tone};

/// The user's name and org, and whether the org allows Sidecar: both calls
/// at once (and, on an expired token, one shared refresh). The profile is
/// the page's shared userinfo (`Crm::me`), so the screens that need the user
/// (To Do's time zone) ask nothing more.
pub async fn load_profile(crm: &Crm) -> Login {
    let (user, switch) = futures::join!(crm.me(), crm.org_switch());
    if let Ok(Some(message)) = switch.as_ref().map(|s| s.message()) {
        return Login::TurnedOff(message.to_owned());
    }
    match (user, switch) {
        (Ok(user), Ok(_)) => {
            let org = match crm.auth().current().await {
                Ok(Some(s)) => s.instance_url.split("://").nth(1).unwrap_or(&s.instance_url).to_owned(),
                _ => user.organization_id.clone(),
            };
            Login::Ready(Connected { user_name: user.name.clone(), org })
        }
        (Err(ApiError::SessionExpired), _) | (_, Err(ApiError::SessionExpired)) => Login::LoggedOut { reason: Some(ApiError::SessionExpired.user_message()) },
        (Err(e), _) | (_, Err(e)) => Login::Failed(e.user_message()),
    }
}

/// What the panel shows first: the stored session's profile, or the prompt.
pub async fn check(crm: &Crm) -> Login {
    match crm.auth().current().await {
        Ok(Some(_)) => load_profile(crm).await,
        Ok(None) => Login::LoggedOut { reason: None },
        Err(ApiError::SessionExpired) => Login::LoggedOut { reason: None },
        Err(e) => Login::Failed(e.user_message()),
    }
}

/// Checks the stored session again (after a failure such as being offline).
pub fn retry(crm: &Crm, state: &UseReducerHandle<PanelState>) {
    state.dispatch(PanelAction::Login(Login::Checking));
    let (crm, state) = (crm.clone(), state.clone());
    spawn_local(async move {
        let next = check(&crm).await;
        state.dispatch(PanelAction::Login(next));
    });
}

/// Starts the interactive login, then loads the profile.
pub fn start_login(crm: &Crm, state: &UseReducerHandle<PanelState>) {
    state.dispatch(PanelAction::Login(Login::LoggingIn));
    let (crm, state) = (crm.clone(), state.clone());
    spawn_local(async move {
        let (host, client_id) = session::configured_login().await;
        // A real org's origins are asked for now, while the click still
        // counts as the user's gesture; devorg (loopback) needs none.
        match permissions::ensure_origins(&host.host_permissions()).await {
            Ok(true) => {}
            Ok(false) => {
                let reason = "Sidecar needs your permission to reach your Salesforce org. Log in again and allow it.";
                return state.dispatch(PanelAction::Login(Login::LoggedOut { reason: Some(reason.into()) }));
            }
            Err(e) => {
                let reason = format!("Chrome did not let Sidecar ask for access to your org: {}", e.message);
                return state.dispatch(PanelAction::Login(Login::LoggedOut { reason: Some(reason) }));
            }
        }
        let next = match crm.auth().login(&host, &client_id).await {
            Ok(_) => {
                crm.clear_cache();
                load_profile(&crm).await
            }
            Err(e) => Login::LoggedOut { reason: Some(e.to_string()) },
        };
        state.dispatch(PanelAction::Login(next));
    });
}

#[derive(Debug, Properties, PartialEq)]
pub struct LoginPromptProps {
    pub login: Login,
    /// Where Sidecar will log in, as text (from the options page).
    pub org: Html,
    pub on_login: Callback<MouseEvent>,
    /// "Try again" after the profile could not be loaded.
    pub on_retry: Callback<MouseEvent>,
}

/// Everything the panel shows until the user is logged in to an org that
/// allows Sidecar.
#[component]
pub fn LoginPrompt(props: &LoginPromptProps) -> Html {
    match &props.login {
        Login::Checking | Login::Resuming => {
            html! { <Notice tone={Tone::Progress} class="empty-state" testid="login-checking">{ "Connecting to Salesforce…" }</Notice> }
        }
        Login::TurnedOff(message) => html! {
            <Notice tone={Tone::Attention} class="empty-state" testid="org-turned-off">{ message.clone() }</Notice>
        },
        Login::Ready(_) => html! {},
        Login::LoggedOut { .. } | Login::LoggingIn | Login::Failed(_) => {
            let busy = props.login == Login::LoggingIn;
            let reason = match &props.login {
                Login::LoggedOut { reason: Some(reason) } | Login::Failed(reason) => Some(reason.clone()),
                _ => None,
            };
            let failed = matches!(props.login, Login::Failed(_));
            let label = if failed { "Try again" } else { "Log in to Salesforce" };
            let onclick = if failed { props.on_retry.clone() } else { props.on_login.clone() };
            html! {
                <div class="empty-state login" data-testid="login-prompt">
                    <p>{ "Log in to see your Salesforce records, to-dos and alerts as you browse." }</p>
                    <p>{ "Sidecar will connect to " }{ props.org.clone() }{ "." }</p>
                    <button class="button primary" data-testid="login" disabled={busy} {onclick}>
                        { if busy { "Logging in…" } else { label } }
                    </button>
                    if let Some(reason) = reason {
                        <Notice tone={Tone::Error} testid="login-error">{ reason }</Notice>
                    }
                </div>
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The prompt's states, rendered in headless Chromium.
    use wasm_bindgen_test::*;
    use yew::prelude::*;

    use super::{LoginPrompt, LoginPromptProps};
    use crate::side_panel::state::Login;

    wasm_bindgen_test_configure!(run_in_browser);

    async fn render(login: Login) -> web_sys::Element {
        let root = gloo::utils::document().create_element("div").expect("div");
        gloo::utils::body().append_child(&root).expect("append");
        let props = LoginPromptProps { login, org: html! { "devorg" }, on_login: Callback::noop(), on_retry: Callback::noop() };
        yew::Renderer::<LoginPrompt>::with_root_and_props(root.clone(), props).render();
        yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
        root
    }

    fn text(root: &web_sys::Element, selector: &str) -> Option<String> {
        root.query_selector(selector).expect("selector").map(|e| e.text_content().unwrap_or_default())
    }

    #[wasm_bindgen_test]
    async fn states() {
        let root = render(Login::LoggedOut { reason: None }).await;
        assert_eq!(text(&root, "[data-testid=login]").as_deref(), Some("Log in to Salesforce"));
        assert_eq!(text(&root, "[data-testid=login-error]"), None);

        let declined = sidecar_core::oauth::AuthError::Declined.to_string();
        let root = render(Login::LoggedOut { reason: Some(declined.clone()) }).await;
        assert_eq!(text(&root, "[data-testid=login-error]"), Some(declined));

        let root = render(Login::LoggingIn).await;
        assert_eq!(text(&root, "[data-testid=login]").as_deref(), Some("Logging in…"));
        assert!(root.query_selector("[data-testid=login][disabled]").expect("q").is_some());

        let root = render(Login::Failed("You're offline.".into())).await;
        assert_eq!(text(&root, "[data-testid=login]").as_deref(), Some("Try again"));
        assert_eq!(text(&root, "[data-testid=login-error]").as_deref(), Some("You're offline."));

        let message = sidecar_core::settings::org_switch::NEEDS_ACCESS;
        let root = render(Login::TurnedOff(message.to_owned())).await;
        assert_eq!(text(&root, "[data-testid=org-turned-off]").as_deref(), Some(message));
        assert_eq!(text(&root, "[data-testid=login]"), None, "nothing else is offered");
    }
}
