//! My Feed's screen as one reducer: the alerts loaded, the filters and pages
//! shown, dismissals, what the user has seen, and the "New alerts -
//! Refresh" prompt. The panel's `FeedScreen` wraps it in `use_reducer`,
//! renders it, and performs the I/O its counters ask for.
//!
//! Every action is applied to the state as it is *now*, not as a callback
//! saw it when it was made: the panel's scroll listener is registered once,
//! and it only says "the user reached the bottom" ([`Action::More`]); a
//! page is added only while there is more to show.

use std::rc::Rc;

use super::alerts::Alert;
use super::seen::{SeenState, has_news};
use super::source::Kind;
use super::view::{Dismissed, FeedView, shown};
use crate::load::Load;

#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// The logged-in user's id, once known (empty before).
    pub user_id: String,
    /// The alerts of the last 30 days, as last loaded (newest first).
    pub alerts: Load<Rc<Vec<Alert>>>,
    /// A poll's alerts with news in them, waiting for the user's Refresh.
    pub fresh: Option<Rc<Vec<Alert>>>,
    pub view: FeedView,
    pub dismissed: Dismissed,
    pub seen: SeenState,
    /// Bumped each time the user saw alerts: the panel stores `seen` and
    /// updates the badge.
    pub saw: u64,
    /// Bumped by each dismissal: the panel stores `dismissed`.
    pub dismissals: u64,
}

impl Default for Feed {
    fn default() -> Self {
        Self {
            user_id: String::new(),
            alerts: Load::Loading,
            fresh: None,
            view: FeedView { pages: 1, ..FeedView::default() },
            dismissed: Dismissed::default(),
            seen: SeenState::default(),
            saw: 0,
            dismissals: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Who is logged in, with what they dismissed and saw before (storage).
    User {
        id: String,
        dismissed: Dismissed,
        seen: SeenState,
    },
    /// The alerts, or why they could not be loaded (in a rep's words).
    Loaded(Result<Vec<Alert>, String>),
    /// The worker's poll made the panel look again: these are the alerts now.
    Polled(Vec<Alert>),
    /// "New alerts - Refresh".
    ApplyFresh,
    /// A type chip: on if off, off if on.
    ToggleKind(Kind),
    OldestFirst(bool),
    /// The user scrolled to the bottom, or clicked "Show 15 more".
    More,
    /// The alert's X.
    Dismiss(Alert),
}

impl Feed {
    /// The alerts shown (filtered, not dismissed, the pages asked for), and
    /// whether more are left.
    pub fn shown(&self) -> (Vec<&Alert>, bool) {
        match self.alerts.value() {
            Some(alerts) => shown(alerts, &self.view, &self.dismissed),
            None => (Vec::new(), false),
        }
    }

    /// The alerts on screen before filters and paging (none while loading).
    fn on_screen(&self) -> &[Alert] {
        self.alerts.value().map_or(&[], |a| a.as_slice())
    }

    /// The user looked at `alerts`.
    fn saw(&mut self, alerts: &[Alert]) {
        self.seen.saw(alerts);
        self.saw += 1;
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::User { id, dismissed, seen } => {
                self.user_id = id;
                self.dismissed = dismissed;
                self.seen = seen;
            }
            Action::Loaded(Ok(list)) => {
                self.saw(&list);
                self.alerts = Load::Loaded(Rc::new(list));
            }
            Action::Loaded(Err(why)) => self.alerts = Load::Failed(why),
            // An alert on a page not shown yet, or of a kind filtered out,
            // is news only if the list on screen lacks it (`has_news`).
            Action::Polled(list) => {
                if has_news(self.on_screen(), &list) {
                    self.fresh = Some(Rc::new(list));
                }
            }
            Action::ApplyFresh => {
                if let Some(list) = self.fresh.take() {
                    self.saw(&list);
                    self.alerts = Load::Loaded(list);
                    self.view.pages = 1;
                }
            }
            Action::ToggleKind(kind) => {
                if !self.view.kinds.remove(&kind) {
                    self.view.kinds.insert(kind);
                }
                self.view.pages = 1;
            }
            Action::OldestFirst(oldest_first) => {
                self.view.oldest_first = oldest_first;
                self.view.pages = 1;
            }
            // Scroll events keep coming at the bottom: a page is added only
            // while there is more to show.
            Action::More => {
                if self.shown().1 {
                    self.view.pages = self.view.pages.max(1) + 1;
                }
            }
            Action::Dismiss(alert) => {
                self.dismissed.dismiss(&alert);
                self.dismissals += 1;
            }
        }
    }
}
