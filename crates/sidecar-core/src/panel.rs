//! The side panel's own state as one reducer: who is logged in, which
//! screen shows, the org it logs in to, the line it says something with,
//! the active tab it follows, and a record another screen asked Home to
//! open. The panel (`src/side_panel/state.rs`) wraps it in `use_reducer`;
//! each screen keeps its own state (`feed::screen`, `insights::screen`...).
//!
//! `Tab` is the active tab as the platform describes it (the panel's
//! `platform::tabs::Tab`): the reducer only keeps it.

use crate::edits::pending::PendingEdit;
use crate::load::Load;
use crate::login::LoginHost;
use crate::nav::{self, NavAction, Screen};

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

/// A record another screen asks Home to open (My Feed's alerts): object,
/// id, and a number that changes with every request (the same record may
/// be asked for twice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequest {
    pub object: String,
    pub id: String,
    pub seq: u64,
}

/// Edits another screen could not send (To Do, offline), handed to Home's
/// saver, which keeps them in storage and sends them when the org answers;
/// `seq` changes with every hand-over.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub edits: Vec<PendingEdit>,
    pub seq: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Panel<Tab> {
    pub login: Login,
    pub screen: Screen,
    /// The org the panel logs in to, as the options page saved it.
    pub host: Load<LoginHost>,
    /// A one-line message about the last thing that went wrong.
    pub notice: Option<String>,
    /// The active tab of the panel's window (URL and title only with permission).
    pub tab: Option<Tab>,
    /// A record to open on Home (from a My Feed alert).
    pub open_request: Option<OpenRequest>,
    /// The last edits handed to Home's saver.
    pub kept: Option<Kept>,
}

impl<Tab> Default for Panel<Tab> {
    fn default() -> Self {
        Self { login: Login::default(), screen: Screen::default(), host: Load::Loading, notice: None, tab: None, open_request: None, kept: None }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action<Tab> {
    Login(Login),
    Nav(NavAction),
    /// The stored login host, or why storage could not be read.
    HostLoaded(Result<LoginHost, String>),
    Notice(Option<String>),
    ActiveTab(Option<Tab>),
    /// Show Home with this record (object, id) open.
    OpenRecord(String, String),
    /// Hand these edits to Home's saver (see [`Kept`]); added to those not
    /// taken yet.
    Keep(Vec<PendingEdit>),
    /// The hand-over `seq` is taken (kept in storage): it is not handed again.
    KeptTaken(u64),
}

impl<Tab> Panel<Tab> {
    pub fn apply(&mut self, action: Action<Tab>) {
        match action {
            // A new login state or another screen: the last notice is old news.
            Action::Login(login) => {
                self.login = login;
                self.notice = None;
            }
            Action::Nav(a) => {
                self.screen = nav::reduce(self.screen, a);
                self.notice = None;
            }
            Action::HostLoaded(host) => self.host = host.into(),
            Action::Notice(notice) => self.notice = notice,
            Action::ActiveTab(tab) => self.tab = tab,
            Action::OpenRecord(object, id) => {
                let seq = self.open_request.as_ref().map_or(0, |r| r.seq + 1);
                self.open_request = Some(OpenRequest { object, id, seq });
                self.screen = Screen::Home;
            }
            Action::Keep(edits) => match &mut self.kept {
                Some(kept) => {
                    kept.edits.extend(edits);
                    kept.seq += 1;
                }
                None => self.kept = Some(Kept { edits, seq: 0 }),
            },
            Action::KeptTaken(seq) => {
                if self.kept.as_ref().is_some_and(|k| k.seq == seq) {
                    self.kept = None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type P = Panel<&'static str>;

    fn ready() -> Login {
        Login::Ready(Connected { user_name: "Ian Wright".into(), org: "acme.my.salesforce.com".into() })
    }

    fn with(f: impl FnOnce(&mut P)) -> P {
        let mut p = P::default();
        f(&mut p);
        p
    }

    #[test]
    fn panel_transitions_table() {
        let notice = || Some("The Workspace tab could not be opened: no".to_owned());
        let cases: Vec<(&str, P, Action<&'static str>, P)> = vec![
            ("logged in", P::default(), Action::Login(ready()), with(|p| p.login = ready())),
            ("a login clears the notice", with(|p| p.notice = notice()), Action::Login(Login::LoggingIn), with(|p| p.login = Login::LoggingIn)),
            (
                "signed out, with why",
                with(|p| p.login = ready()),
                Action::Login(Login::LoggedOut { reason: Some("You signed out.".into()) }),
                with(|p| p.login = Login::LoggedOut { reason: Some("You signed out.".into()) }),
            ),
            ("a tab", P::default(), Action::Nav(NavAction::Show(Screen::Feed)), with(|p| p.screen = Screen::Feed)),
            ("another screen clears the notice", with(|p| p.notice = notice()), Action::Nav(NavAction::Next), with(|p| p.screen = Screen::ToDo)),
            ("the notice", P::default(), Action::Notice(notice()), with(|p| p.notice = notice())),
            ("the notice gone", with(|p| p.notice = notice()), Action::Notice(None), P::default()),
            ("the host read", P::default(), Action::HostLoaded(Ok(LoginHost::Sandbox)), with(|p| p.host = Load::Loaded(LoginHost::Sandbox))),
            (
                "storage unreadable",
                P::default(),
                Action::HostLoaded(Err("chrome.storage.local.get: undefined".into())),
                with(|p| p.host = Load::Failed("chrome.storage.local.get: undefined".into())),
            ),
            ("the active tab", P::default(), Action::ActiveTab(Some("tab 7")), with(|p| p.tab = Some("tab 7"))),
            ("no active tab", with(|p| p.tab = Some("tab 7")), Action::ActiveTab(None), P::default()),
            (
                "an alert's record: Home, request 0",
                with(|p| p.screen = Screen::Feed),
                Action::OpenRecord("Contact".into(), "003A".into()),
                with(|p| p.open_request = Some(OpenRequest { object: "Contact".into(), id: "003A".into(), seq: 0 })),
            ),
            (
                "the same record again: a new request",
                with(|p| {
                    p.screen = Screen::Feed;
                    p.open_request = Some(OpenRequest { object: "Contact".into(), id: "003A".into(), seq: 0 });
                }),
                Action::OpenRecord("Contact".into(), "003A".into()),
                with(|p| p.open_request = Some(OpenRequest { object: "Contact".into(), id: "003A".into(), seq: 1 })),
            ),
            (
                "a ticked task To Do could not send: handed to Home, request 0",
                P::default(),
                Action::Keep(vec![PendingEdit::new("Task", "00TA", "Status", "Completed".into())]),
                with(|p| p.kept = Some(Kept { edits: vec![PendingEdit::new("Task", "00TA", "Status", "Completed".into())], seq: 0 })),
            ),
            (
                "another before the first is taken: both wait, as a new request",
                with(|p| p.kept = Some(Kept { edits: vec![PendingEdit::new("Task", "00TA", "Status", "Completed".into())], seq: 0 })),
                Action::Keep(vec![PendingEdit::new("Task", "00TB", "Status", "Completed".into())]),
                with(|p| {
                    let edits =
                        vec![PendingEdit::new("Task", "00TA", "Status", "Completed".into()), PendingEdit::new("Task", "00TB", "Status", "Completed".into())];
                    p.kept = Some(Kept { edits, seq: 1 });
                }),
            ),
            ("taken: never handed again", with(|p| p.kept = Some(Kept { edits: Vec::new(), seq: 3 })), Action::KeptTaken(3), P::default()),
            (
                "an older request taken: the newer one still waits",
                with(|p| p.kept = Some(Kept { edits: Vec::new(), seq: 3 })),
                Action::KeptTaken(2),
                with(|p| p.kept = Some(Kept { edits: Vec::new(), seq: 3 })),
            ),
        ];
        for (case, mut panel, action, want) in cases {
            panel.apply(action);
            assert_eq!(panel, want, "{case}");
        }
    }

    #[test]
    fn the_host_is_loading_until_read() {
        assert_eq!(P::default().host, Load::Loading);
        assert_eq!(P::default().login, Login::Checking);
        assert_eq!(P::default().screen, Screen::Home);
    }
}
