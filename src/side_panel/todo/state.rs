//! The To Do screen's reducer for yew: `sidecar_core::todo::screen` (the
//! state and its transitions, table-tested natively) behind `Reducible`.

use std::ops::Deref;
use std::rc::Rc;

use sidecar_core::todo::screen::{Action, TodoScreen};
use yew::Reducible;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TodoState(TodoScreen);

impl Deref for TodoState {
    type Target = TodoScreen;

    fn deref(&self) -> &TodoScreen {
        &self.0
    }
}

impl From<TodoScreen> for TodoState {
    fn from(screen: TodoScreen) -> Self {
        Self(screen)
    }
}

impl Reducible for TodoState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        if next == self.0 { self } else { Rc::new(Self(next)) }
    }
}
