//! The records screen's state as a yew reducer: `sidecar_core::records::screen`'s
//! [`Screen`] and its actions. Its own file so that the screen and the saver
//! both use it without importing each other.

use std::rc::Rc;

use sidecar_core::records::screen::{Action, Screen};
use yew::Reducible;

/// [`Screen`] as a yew reducer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State(pub Screen);

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.apply(action);
        if next == *self { self } else { Rc::new(next) }
    }
}
