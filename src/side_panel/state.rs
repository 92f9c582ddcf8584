//! The side panel's state as a yew reducer: `sidecar_core::panel`'s, with
//! the platform's description of the active tab. The screens and
//! [`super::login`] dispatch [`PanelAction`]s to it.

use std::ops::Deref;
use std::rc::Rc;

use sidecar_core::panel::{Action, Panel};
use yew::Reducible;

pub use sidecar_core::panel::{Connected, Login};

use crate::platform::tabs::Tab;

pub type PanelAction = Action<Tab>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PanelState(pub Panel<Tab>);

impl Deref for PanelState {
    type Target = Panel<Tab>;

    fn deref(&self) -> &Panel<Tab> {
        &self.0
    }
}

impl Reducible for PanelState {
    type Action = PanelAction;

    fn reduce(self: Rc<Self>, action: PanelAction) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        if next == self.0 { self } else { Rc::new(PanelState(next)) }
    }
}
