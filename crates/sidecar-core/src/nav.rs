//! The side panel's navigation: which screen shows, as a reducer over
//! actions, so the UI only renders it and tests need no browser.

use serde::{Deserialize, Serialize};

/// The panel's top-level screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Screen {
    #[default]
    Home,
    ToDo,
    Feed,
}

impl Screen {
    pub const ALL: [Screen; 3] = [Screen::Home, Screen::ToDo, Screen::Feed];

    pub fn label(self) -> &'static str {
        match self {
            Self::Home => "Home",
            Self::ToDo => "To Do",
            Self::Feed => "My Feed",
        }
    }

    /// A stable id for tests and deep links.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Home => "home",
            Self::ToDo => "to-do",
            Self::Feed => "feed",
        }
    }
}

/// What the user can do with the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavAction {
    Show(Screen),
    /// Arrow keys on the tab list move between screens and wrap around.
    Next,
    Previous,
}

/// Applies a navigation action.
pub fn reduce(current: Screen, action: NavAction) -> Screen {
    let index = Screen::ALL.iter().position(|s| *s == current).unwrap_or(0);
    let len = Screen::ALL.len();
    match action {
        NavAction::Show(screen) => screen,
        NavAction::Next => Screen::ALL[(index + 1) % len],
        NavAction::Previous => Screen::ALL[(index + len - 1) % len],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NavAction::*;
    use Screen::*;

    #[test]
    fn navigation_table() {
        let cases = [
            (Home, Show(Feed), Feed),
            (Feed, Show(Feed), Feed),
            (Home, Next, ToDo),
            (ToDo, Next, Feed),
            (Feed, Next, Home),
            (Home, Previous, Feed),
            (Feed, Previous, ToDo),
        ];
        for (from, action, want) in cases {
            assert_eq!(reduce(from, action), want, "{from:?} + {action:?}");
        }
    }

    #[test]
    fn slugs_are_unique() {
        let mut slugs: Vec<_> = Screen::ALL.iter().map(|s| s.slug()).collect();
        slugs.dedup();
        assert_eq!(slugs.len(), Screen::ALL.len());
    }
}
