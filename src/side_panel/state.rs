//! The side panel's state as a reducer (yew's `function_todomvc` pattern).

use std::rc::Rc;

use sidecar_core::login::LoginHost;
use sidecar_core::nav::{self, NavAction, Screen};
use yew::Reducible;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PanelState {
    pub screen: Screen,
    /// `None` while loading; the error text when storage could not be read.
    pub host: Option<Result<LoginHost, String>>,
    /// A one-line message about the last thing that went wrong.
    pub notice: Option<String>,
}

#[derive(Debug, Clone)]
pub enum PanelAction {
    Nav(NavAction),
    HostLoaded(Result<LoginHost, String>),
    Notice(Option<String>),
}

impl Reducible for PanelState {
    type Action = PanelAction;

    fn reduce(self: Rc<Self>, action: PanelAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            PanelAction::Nav(a) => {
                next.screen = nav::reduce(self.screen, a);
                next.notice = None;
            }
            PanelAction::HostLoaded(host) => next.host = Some(host),
            PanelAction::Notice(notice) => next.notice = notice,
        }
        if next == *self { self } else { Rc::new(next) }
    }
}
