//! The two small state machines every screen shares, so each screen does not
//! grow its own: [`Load`] for something fetched from the org (or the
//! extension's storage), [`Status`] for an action the user started (save,
//! sign out, ask for a permission). Words in `Failed` are for a sales rep
//! (`ApiError::user_message`), never a raw error.

/// Something loaded: a record, a search's hits, the feed, a settings page.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Load<T> {
    /// Nothing asked yet.
    #[default]
    Idle,
    /// Asked; nothing to show until the answer.
    Loading,
    /// Shown while it is asked again (from a cache or an earlier answer):
    /// the screen keeps showing it and says it is refreshing.
    Refreshing(T),
    Loaded(T),
    /// What went wrong, in words for a sales rep.
    Failed(String),
}

impl<T> Load<T> {
    /// What there is to show: a loaded value, or the one kept while refreshing.
    pub fn value(&self) -> Option<&T> {
        match self {
            Load::Loaded(v) | Load::Refreshing(v) => Some(v),
            Load::Idle | Load::Loading | Load::Failed(_) => None,
        }
    }

    /// Asked and not answered yet (with or without something to show).
    pub fn is_pending(&self) -> bool {
        matches!(self, Load::Loading | Load::Refreshing(_))
    }

    /// Asking again: what is shown stays on screen; with nothing shown, `Loading`.
    pub fn refresh(self) -> Self {
        match self {
            Load::Loaded(v) | Load::Refreshing(v) => Load::Refreshing(v),
            Load::Idle | Load::Loading | Load::Failed(_) => Load::Loading,
        }
    }

    /// The loaded value through `f`, keeping the state.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Load<U> {
        match self {
            Load::Idle => Load::Idle,
            Load::Loading => Load::Loading,
            Load::Refreshing(v) => Load::Refreshing(f(v)),
            Load::Loaded(v) => Load::Loaded(f(v)),
            Load::Failed(why) => Load::Failed(why),
        }
    }
}

impl<T> From<Result<T, String>> for Load<T> {
    fn from(result: Result<T, String>) -> Self {
        match result {
            Ok(v) => Load::Loaded(v),
            Err(why) => Load::Failed(why),
        }
    }
}

/// An action the user started and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    Idle,
    /// Started, no answer yet (a request in flight, Chrome's permission dialog open).
    Working,
    Done,
    /// What went wrong, in words for a sales rep.
    Failed(String),
}

impl Status {
    pub fn is_working(&self) -> bool {
        matches!(self, Status::Working)
    }

    pub fn failure(&self) -> Option<&str> {
        match self {
            Status::Failed(why) => Some(why),
            Status::Idle | Status::Working | Status::Done => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Load, Status};

    #[test]
    fn refresh_keeps_what_is_shown() {
        let cases: [(Load<u8>, Load<u8>); 5] = [
            (Load::Idle, Load::Loading),
            (Load::Loading, Load::Loading),
            (Load::Loaded(1), Load::Refreshing(1)),
            (Load::Refreshing(2), Load::Refreshing(2)),
            (Load::Failed("offline".into()), Load::Loading),
        ];
        for (before, after) in cases {
            assert_eq!(before.clone().refresh(), after, "{before:?}");
        }
    }

    #[test]
    fn value_and_pending() {
        let cases: [(Load<u8>, Option<u8>, bool); 5] = [
            (Load::Idle, None, false),
            (Load::Loading, None, true),
            (Load::Refreshing(3), Some(3), true),
            (Load::Loaded(4), Some(4), false),
            (Load::Failed("x".into()), None, false),
        ];
        for (load, value, pending) in cases {
            assert_eq!(load.value().copied(), value, "{load:?}");
            assert_eq!(load.is_pending(), pending, "{load:?}");
        }
    }

    #[test]
    fn from_result_and_map() {
        assert_eq!(Load::from(Ok::<u8, String>(2)).map(|v| v * 2), Load::Loaded(4));
        assert_eq!(Load::from(Err::<u8, String>("no".into())).map(|v| v * 2), Load::Failed("no".into()));
        assert_eq!(Status::Failed("why".into()).failure(), Some("why"));
        assert!(Status::Working.is_working());
        assert_eq!(Status::Done.failure(), None);
    }
}
