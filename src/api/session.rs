//! The logged-in session: interactive login through
//! `chrome.identity.launchWebAuthFlow` with PKCE, the tokens in storage
//! (access token in `chrome.storage.session`, refresh token in
//! `chrome.storage.local`, shapes from `sidecar_core::oauth`), one refresh
//! at a time however many requests hit an expired token at once (one shared
//! in-flight refresh per page, and a Web Lock across the extension's pages
//! and service worker, after which the stored session is read again:
//! `Session::after_lock`), and logout (revoke, then forget both).
//!
//! Tokens are never logged; `Session`'s `Debug` leaves them out.

use std::cell::RefCell;
use std::rc::Rc;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use sidecar_core::api_error::ApiError;
use sidecar_core::login::LoginHost;
use sidecar_core::oauth::{self, AfterLock, AuthError, Pkce, Session, StoredAccess, StoredLogin};
use sidecar_core::settings::keys;

use crate::platform::fetch::{self, Request};
use crate::platform::storage::{self, Area};
use crate::platform::{identity, locks};

type Refresh = Shared<LocalBoxFuture<'static, Result<Session, ApiError>>>;

#[derive(Default)]
struct Inner {
    session: RefCell<Option<Session>>,
    refreshing: RefCell<Option<Refresh>>,
}

/// The page's handle on the session; clones share it.
#[derive(Clone, Default)]
pub struct Auth(Rc<Inner>);

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Auth").field(&self.0.session.borrow()).finish()
    }
}

impl PartialEq for Auth {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn from_platform(e: &crate::platform::PlatformError) -> AuthError {
    AuthError::NotCompleted(e.message.clone())
}

/// Where the options page says to log in, and with which client id.
pub async fn configured_login() -> (LoginHost, String) {
    let host = storage::get::<LoginHost>(keys::LOGIN_HOST).await.ok().flatten().unwrap_or_default();
    let client_id =
        storage::get::<String>(keys::CLIENT_ID).await.ok().flatten().filter(|c| !c.trim().is_empty()).unwrap_or_else(|| oauth::DEFAULT_CLIENT_ID.to_owned());
    (host, client_id)
}

async fn post_form(url: String, body: String) -> Result<fetch::Response, ()> {
    let request = Request::new("POST", url).header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json").body(body);
    fetch::send(&request).await.map_err(drop)
}

async fn save(session: &Session) {
    let (access, login) = session.to_storage();
    // A storage failure only costs a login on the next page: the session in memory still works.
    let _ = storage::set_in(Area::Session, keys::ACCESS, &access).await;
    let _ = storage::set_in(Area::Local, keys::LOGIN, &login).await;
}

async fn stored() -> Option<Session> {
    read_stored().await.ok().flatten()
}

/// The stored session; `Err` when storage cannot be read at all (a page
/// outside the extension, a component test).
async fn read_stored() -> Result<Option<Session>, crate::platform::PlatformError> {
    let login = storage::get_in::<StoredLogin>(Area::Local, keys::LOGIN).await?;
    let access = storage::get_in::<StoredAccess>(Area::Session, keys::ACCESS).await?;
    Ok(Session::from_storage(access, login))
}

async fn forget() {
    let _ = storage::remove_in(Area::Session, keys::ACCESS).await;
    let _ = storage::remove_in(Area::Local, keys::LOGIN).await;
}

impl Auth {
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens the login window for `host`, exchanges the code (PKCE) and
    /// saves the tokens. The error says in words why it did not work.
    pub async fn login(&self, host: &LoginHost, client_id: &str) -> Result<Session, AuthError> {
        let pkce = Pkce::from_random(&identity::random_bytes::<32>().map_err(|e| from_platform(&e))?);
        let state = oauth::state_from_random(&identity::random_bytes::<16>().map_err(|e| from_platform(&e))?);
        let redirect_uri = identity::redirect_url().map_err(|e| from_platform(&e))?;
        let url = oauth::authorize_url(host, client_id, &redirect_uri, &pkce.challenge, &state, oauth::SCOPE);
        let landed = identity::launch_web_auth_flow(&url, true).await.map_err(|e| from_platform(&e))?;
        let code = oauth::parse_redirect(&landed, &state)?;
        let answer =
            post_form(oauth::token_url(host), oauth::token_body(client_id, &redirect_uri, &code, &pkce.verifier)).await.map_err(|()| AuthError::Offline)?;
        let session = oauth::parse_token_answer(answer.status, &answer.text, host, client_id, None)?;
        save(&session).await;
        *self.0.session.borrow_mut() = Some(session.clone());
        Ok(session)
    }

    /// The stored session, if the user logged in before (refreshed first
    /// when the browser restarted and the access token is gone).
    /// `Ok(None)`: log in.
    pub async fn current(&self) -> Result<Option<Session>, ApiError> {
        if let Some(session) = self.0.session.borrow().clone() {
            return Ok(Some(session));
        }
        let Some(session) = stored().await else { return Ok(None) };
        let needs_refresh = session.needs_refresh();
        *self.0.session.borrow_mut() = Some(session);
        if needs_refresh {
            return match self.refresh("").await {
                Ok(session) => Ok(Some(session)),
                Err(ApiError::SessionExpired) => Ok(None),
                Err(e) => Err(e),
            };
        }
        Ok(self.0.session.borrow().clone())
    }

    /// Whose session is stored, without asking the network (no refresh even
    /// when the access token is stale): the panel opens its caches with it
    /// before the org answers. `None` when logged out.
    pub async fn stored_user_id(&self) -> Option<String> {
        if let Some(session) = self.0.session.borrow().as_ref() {
            return Some(session.user_id.clone());
        }
        let login = storage::get_in::<StoredLogin>(Area::Local, keys::LOGIN).await.ok().flatten()?;
        Some(login.user_id)
    }

    /// The session to send a request with: [`Auth::current`], where "not
    /// logged in" is [`ApiError::SessionExpired`].
    pub async fn session(&self) -> Result<Session, ApiError> {
        self.current().await?.ok_or(ApiError::SessionExpired)
    }

    /// A new access token after `failed_token` was refused (401). Concurrent
    /// callers share one refresh; a caller whose token was already replaced
    /// gets the new session without another refresh.
    pub async fn refresh(&self, failed_token: &str) -> Result<Session, ApiError> {
        if let Some(session) = self.0.session.borrow().as_ref() {
            if session.access_token != failed_token && !session.needs_refresh() {
                return Ok(session.clone());
            }
        }
        let flight = {
            let mut slot = self.0.refreshing.borrow_mut();
            match slot.as_ref() {
                Some(flight) => flight.clone(),
                None => {
                    let this = self.clone();
                    let failed = failed_token.to_owned();
                    let flight = async move {
                        let result = this.refresh_now(&failed).await;
                        *this.0.refreshing.borrow_mut() = None;
                        result
                    }
                    .boxed_local()
                    .shared();
                    *slot = Some(flight.clone());
                    flight
                }
            }
        };
        flight.await
    }

    /// Refreshes under the extension-wide lock, so no two contexts ever send
    /// the same refresh token (with rotation Salesforce answers a reused one
    /// by revoking the whole login), and only if no other context has
    /// refreshed meanwhile.
    async fn refresh_now(&self, failed_token: &str) -> Result<Session, ApiError> {
        // Held until this function returns. Chrome 116+ always has Web Locks;
        // without them the refresh goes ahead unguarded, as before.
        let _held = locks::exclusive(oauth::REFRESH_LOCK).await.ok();
        let memory = self.0.session.borrow().clone();
        // Storage is the truth shared by all contexts; only where there is no
        // storage (component tests) does this page's memory stand in.
        let stored = read_stored().await.unwrap_or(memory);
        let previous = match Session::after_lock(stored, failed_token) {
            AfterLock::Adopt(session) => {
                *self.0.session.borrow_mut() = Some(session.clone());
                return Ok(session);
            }
            AfterLock::LoggedOut => {
                self.end().await;
                return Err(ApiError::SessionExpired);
            }
            AfterLock::Refresh(previous) => previous,
        };
        let refresh_token = previous.refresh_token.clone().unwrap_or_default();
        let answer = post_form(oauth::token_url(&previous.login_host), oauth::refresh_body(&previous.client_id, &refresh_token))
            .await
            .map_err(|()| ApiError::Offline)?;
        match oauth::parse_token_answer(answer.status, &answer.text, &previous.login_host, &previous.client_id, Some(&previous)) {
            Ok(session) => {
                // Saved before the lock is released: the next context to
                // take it finds this token (and a rotated refresh token).
                save(&session).await;
                *self.0.session.borrow_mut() = Some(session.clone());
                Ok(session)
            }
            Err(AuthError::LoginRequired) => {
                self.end().await;
                Err(ApiError::SessionExpired)
            }
            Err(AuthError::Offline) => Err(ApiError::Offline),
            Err(e) => Err(ApiError::Unexpected(e.to_string())),
        }
    }

    async fn end(&self) {
        *self.0.session.borrow_mut() = None;
        forget().await;
    }

    /// Revokes the refresh token (which ends its access tokens too) and
    /// forgets the session. The tokens are forgotten even when the revoke
    /// cannot reach Salesforce.
    pub async fn logout(&self) {
        // The stored session first: another page may have rotated the
        // refresh token this page remembers.
        let cached = self.0.session.borrow().clone();
        let session = match stored().await {
            Some(session) => Some(session),
            None => cached,
        };
        if let Some(session) = session {
            let token = session.refresh_token.clone().unwrap_or_else(|| session.access_token.clone());
            if !token.is_empty() {
                let _ = post_form(oauth::revoke_url(&session.login_host), oauth::revoke_body(&token)).await;
            }
        }
        self.end().await;
    }
}

#[cfg(test)]
impl Auth {
    /// A session as if loaded from storage (component tests have no `chrome`).
    pub(crate) fn set_for_test(&self, session: Session) {
        *self.0.session.borrow_mut() = Some(session);
    }
}
