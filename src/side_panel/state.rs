//! The side panel's state as a reducer (yew's `function_todomvc` pattern).

use std::rc::Rc;

use sidecar_core::login::LoginHost;
use sidecar_core::nav::{self, NavAction, Screen};
use yew::Reducible;

/// Who is logged in, as far as the panel knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Login {
    /// Reading the stored session and the user's profile.
    #[default]
    Checking,
    /// No session: the login prompt, with why the last attempt failed.
    LoggedOut { reason: Option<String> },
    /// A session is stored; the user's profile and the org's switch are
    /// being asked. The frame shows with what the screens cached (the To Do
    /// List) and nothing is asked of the org for the screens until `Ready`.
    Resuming,
    /// The login window is open.
    LoggingIn,
    /// Logged in and the org allows Sidecar.
    Ready(Connected),
    /// Logged in, but Sidecar may not run for the user: the admin turned it
    /// off, or the user cannot read the switch. The message says which
    /// (`org_switch::Status::message`).
    TurnedOff(String),
    /// The session exists but the profile could not be loaded (offline...).
    Failed(String),
}

/// What the header shows about the logged-in user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    pub user_name: String,
    /// The org's address, e.g. `acme.my.salesforce.com`.
    pub org: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PanelState {
    pub login: Login,
    pub screen: Screen,
    /// `None` while loading; the error text when storage could not be read.
    pub host: Option<Result<LoginHost, String>>,
    /// A one-line message about the last thing that went wrong.
    pub notice: Option<String>,
    /// The active tab of the panel's window (URL and title only with permission).
    pub tab: Option<crate::platform::tabs::Tab>,
    /// A record to open on Home (from a My Feed alert).
    pub open_request: Option<super::records::OpenRequest>,
}

#[derive(Debug, Clone)]
pub enum PanelAction {
    Login(Login),
    Nav(NavAction),
    HostLoaded(Result<LoginHost, String>),
    Notice(Option<String>),
    ActiveTab(Option<crate::platform::tabs::Tab>),
    /// Show Home with this record (object, id) open.
    OpenRecord(String, String),
}

impl Reducible for PanelState {
    type Action = PanelAction;

    fn reduce(self: Rc<Self>, action: PanelAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            PanelAction::Login(login) => {
                next.login = login;
                next.notice = None;
            }
            PanelAction::Nav(a) => {
                next.screen = nav::reduce(self.screen, a);
                next.notice = None;
            }
            PanelAction::HostLoaded(host) => next.host = Some(host),
            PanelAction::Notice(notice) => next.notice = notice,
            PanelAction::ActiveTab(tab) => next.tab = tab,
            PanelAction::OpenRecord(object, id) => {
                let seq = next.open_request.as_ref().map_or(0, |r| r.seq + 1);
                next.open_request = Some(super::records::OpenRequest { object, id, seq });
                next.screen = Screen::Home;
            }
        }
        if next == *self { self } else { Rc::new(next) }
    }
}
