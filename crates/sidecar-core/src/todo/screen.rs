//! The To Do screen's state and what each answer or user action does to it,
//! as one reducer (the panel's `TodoScreen` wraps it in `use_reducer`,
//! renders it, and performs the I/O: the cache, the org, the prefs).
//!
//! The list opens from the cache (`chrome.storage.local`, [`cache_key`]):
//! [`Load::Refreshing`] is "shown from the cache while the org is asked",
//! [`Load::Loaded`] the org's answer (or the cache when the org could not be
//! asked, [`TodoScreen::failed`] saying why). A cache only ever shows for the
//! user it was written for: [`Action::Cached`] names its user and is dropped
//! for anyone else.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use salesforce_rest::soql::Date;
use salesforce_rest::wire::Record;
use serde::{Deserialize, Serialize};

use super::complete::Statuses;
use super::prefs::TodoPrefs;
use super::task::TodoTask;
use super::view::{Filters, Group, Shortcut, SortBy, ViewContext, grouped, visible};
use crate::load::Load;

/// The `chrome.storage.local` key of a user's cached tasks ([`Cache`]).
pub fn cache_key(user_id: &str) -> String {
    crate::settings::keys::todo_cache(user_id)
}

/// What the cache holds: the org's records as they came (so a change to
/// [`TodoTask`] never needs a migration) and the user's time zone, so the
/// cached list groups by the user's "today" before the org is asked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cache {
    pub zone: String,
    /// `LocaleSidKey`: when the user's weeks start.
    #[serde(default)]
    pub locale: String,
    pub records: Vec<Record>,
}

impl Cache {
    pub fn tasks(&self) -> Vec<TodoTask> {
        self.records.iter().filter_map(TodoTask::from_record).collect()
    }
}

/// The tasks as shown.
pub type Tasks = Rc<Vec<TodoTask>>;

#[derive(Debug, Clone, PartialEq)]
pub struct TodoScreen {
    /// Whose list this is (the stored session's user); the cache key.
    pub user_id: String,
    /// The org's time zone of the user (IANA), for "today".
    pub zone: String,
    /// The user's `LocaleSidKey`, for the first day of "This week".
    pub locale: String,
    pub load: Load<Tasks>,
    /// Why the last refresh failed while a list stayed shown.
    pub failed: Option<String>,
    /// Fresh tasks held back while the pointer is over the list, so it
    /// does not jump under the user's cursor; applied when it leaves.
    pub pending: Option<Tasks>,
    pub prefs: TodoPrefs,
    pub statuses: Statuses,
    pub priority_order: Rc<Vec<String>>,
    pub filters: Filters,
    pub sort: SortBy,
    /// Group by due date (the default) or one flat list.
    pub grouped: bool,
    /// Tasks whose completion (or reopening) is being saved.
    pub saving: HashSet<String>,
    /// Per task: why the last change was rolled back.
    pub errors: HashMap<String, String>,
    pub hovering: bool,
    /// A message about the list as a whole (a label refused, prefs not saved).
    pub notice: Option<String>,
    /// The task opened in the list (its comments, what it is about, and
    /// how to reschedule it), by id.
    pub expanded: Option<String>,
}

impl Default for TodoScreen {
    fn default() -> Self {
        Self {
            user_id: String::new(),
            zone: String::new(),
            locale: String::new(),
            load: Load::Idle,
            failed: None,
            pending: None,
            prefs: TodoPrefs::default(),
            statuses: Statuses::default(),
            priority_order: Rc::default(),
            filters: Filters::default(),
            sort: SortBy::default(),
            grouped: true,
            saving: HashSet::new(),
            errors: HashMap::new(),
            hovering: false,
            notice: None,
            expanded: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Whose list: the stored session's user. Another user than before
    /// starts over (nothing of the previous user's stays).
    User(String),
    /// The cache and the prefs as stored for `user_id` (`None`: no cache).
    Cached {
        user_id: String,
        cache: Option<Cache>,
        prefs: TodoPrefs,
    },
    /// The user's time zone and locale, from the org (userinfo).
    Zone {
        zone: String,
        /// `LocaleSidKey`.
        locale: String,
    },
    /// The org is being asked for the tasks.
    Asking,
    /// The org's tasks. `now`: show them even under the pointer (the user's
    /// own change, such as a new task).
    Tasks {
        tasks: Vec<TodoTask>,
        now: bool,
    },
    /// The org could not be asked, in words for the rep.
    Failed(String),
    Statuses(Statuses),
    PriorityOrder(Vec<String>),
    Prefs(TodoPrefs),
    /// The prefs after a drag or Alt+arrow move: saved, and "My order" shown.
    Moved(TodoPrefs),
    Search(String),
    /// "All": every filter off; the search stays.
    AllFilters,
    /// Due today and Overdue exclude each other (no task is both).
    ToggleDueToday,
    ToggleOverdue,
    ToggleStarred,
    Label(Option<String>),
    Account(Option<String>),
    /// A shortcut picked under the search box: its filter on, the search cleared.
    Shortcut(Shortcut),
    Sort(SortBy),
    Grouped(bool),
    Hover(bool),
    /// The checkbox: show `shown` at once (the old task comes back with a rollback).
    ChangeBegin {
        shown: TodoTask,
    },
    /// The org's answer: `Err(reason, old)` rolls back.
    ChangeDone {
        id: String,
        outcome: Result<(), (String, TodoTask)>,
    },
    /// The org could not be reached: the change stays shown, kept on this
    /// computer and sent later (Home's saver), and the task says so.
    ChangeKept(String),
    /// What the kept list holds for tasks, read with each refresh: per task
    /// id, `None` while it waits for the org, or why it stopped (refused,
    /// a colleague's change). A task no longer in it was saved or discarded.
    KeptState(Vec<(String, Option<String>)>),
    Notice(Option<String>),
    /// A task's subject clicked: opened, or closed when it was open.
    Expand(String),
}

fn replace(tasks: &mut Tasks, task: TodoTask) {
    let list = Rc::make_mut(tasks);
    match list.iter_mut().find(|t| t.id == task.id) {
        Some(slot) => *slot = task,
        None => list.push(task),
    }
}

impl TodoScreen {
    /// The tasks shown (none while nothing was read yet).
    pub fn tasks(&self) -> &[TodoTask] {
        self.load.value().map_or(&[], |t| t.as_slice())
    }

    /// The shown list, to change in place (keeping the load's state).
    fn tasks_mut(&mut self) -> Option<&mut Tasks> {
        match &mut self.load {
            Load::Loaded(t) | Load::Refreshing(t) => Some(t),
            Load::Idle | Load::Loading | Load::Failed(_) => None,
        }
    }

    /// Shows `tasks` as the org's answer (or, from the cache, while the org is asked).
    fn show(&mut self, tasks: Tasks, fresh: bool) {
        self.load = if fresh { Load::Loaded(tasks) } else { Load::Refreshing(tasks) };
    }

    /// "Today" in the user's zone (UTC until the zone is known).
    pub fn today(&self, now_millis: i64) -> Date {
        super::view::today(if self.zone.is_empty() { "UTC" } else { &self.zone }, now_millis)
    }

    /// What the list shows: by due-date group, or one flat list (`None`).
    pub fn groups(&self, today: Date) -> Vec<(Option<Group>, Vec<usize>)> {
        let week_starts_monday = salesforce_rest::locale::Locale::of(&self.locale).week_starts_monday();
        let cx = ViewContext { today, prefs: &self.prefs, priority_order: &self.priority_order, week_starts_monday };
        if self.grouped {
            grouped(self.tasks(), &self.filters, self.sort, &cx).into_iter().map(|(g, ids)| (Some(g), ids)).collect()
        } else {
            vec![(None, visible(self.tasks(), &self.filters, self.sort, &cx))]
        }
    }

    /// Every filter off ("All" pressed), whatever the search.
    pub fn all_filters_off(&self) -> bool {
        self.filters == Filters { search: self.filters.search.clone(), ..Filters::default() }
    }

    /// The accounts the tasks relate to, (id, name) by name, for the filter and the new-task form.
    pub fn accounts(&self) -> Vec<(String, String)> {
        let mut accounts: Vec<(String, String)> = self.tasks().iter().filter_map(|t| t.account.as_ref()).map(|a| (a.id.clone(), a.name.clone())).collect();
        accounts.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then(a.0.cmp(&b.0)));
        accounts.dedup_by(|a, b| a.0 == b.0);
        accounts
    }

    /// Applies `action`; the panel calls this from `Reducible::reduce`.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::User(user_id) => {
                if user_id != self.user_id {
                    *self = Self { user_id, ..Self::default() };
                }
            }
            Action::Cached { user_id, cache, prefs } => {
                if user_id != self.user_id {
                    return;
                }
                self.prefs = prefs;
                let Some(cache) = cache else { return };
                if self.zone.is_empty() {
                    self.zone = cache.zone.clone();
                    self.locale = cache.locale.clone();
                }
                // Shown while the org is asked (the panel asks it as soon as
                // it knows the org allows Sidecar). The org's answer, when it
                // came first, is newer than any cache.
                if matches!(self.load, Load::Idle | Load::Loading) {
                    self.show(Rc::new(cache.tasks()), false);
                }
            }
            Action::Zone { zone, locale } => (self.zone, self.locale) = (zone, locale),
            Action::Asking => self.load = std::mem::take(&mut self.load).refresh(),
            Action::Tasks { mut tasks, now } => {
                // Saves in flight keep what the user sees for their tasks;
                // so do changes kept for later, until the org has them.
                for task in tasks.iter_mut() {
                    let Some(shown) = self.tasks().iter().find(|t| t.id == task.id) else { continue };
                    let kept = self.errors.get(&task.id).is_some_and(|e| e == crate::edits::pending::KEPT);
                    if kept && shown.closed == task.closed && shown.due == task.due {
                        self.errors.remove(&task.id);
                    } else if kept || self.saving.contains(&task.id) {
                        *task = shown.clone();
                    }
                }
                let tasks = Rc::new(tasks);
                self.failed = None;
                match self.load.value() {
                    Some(shown) if self.hovering && !now && !shown.is_empty() => {
                        self.pending = Some(tasks);
                        let shown = shown.clone();
                        self.show(shown, true);
                    }
                    _ => {
                        self.pending = None;
                        self.show(tasks, true);
                    }
                }
            }
            Action::Failed(why) => match self.load.value().cloned() {
                // The list shown stays; the line above it says why it is not fresh.
                Some(shown) => {
                    self.show(shown, true);
                    self.failed = Some(why);
                }
                None => self.load = Load::Failed(why),
            },
            Action::Statuses(s) => self.statuses = s,
            Action::PriorityOrder(order) => self.priority_order = Rc::new(order),
            Action::Prefs(prefs) => self.prefs = prefs,
            Action::Moved(prefs) => {
                self.prefs = prefs;
                self.sort = SortBy::Manual;
            }
            Action::Search(text) => self.filters.search = text,
            Action::AllFilters => self.filters = Filters { search: std::mem::take(&mut self.filters.search), ..Filters::default() },
            Action::ToggleDueToday => {
                self.filters.due_today = !self.filters.due_today;
                self.filters.overdue &= !self.filters.due_today;
            }
            Action::ToggleOverdue => {
                self.filters.overdue = !self.filters.overdue;
                self.filters.due_today &= !self.filters.overdue;
            }
            Action::ToggleStarred => self.filters.starred = !self.filters.starred,
            Action::Label(label) => self.filters.label = label,
            Action::Account(account) => self.filters.account = account,
            Action::Shortcut(shortcut) => {
                self.filters.search.clear();
                match shortcut {
                    Shortcut::Label(id) => self.filters.label = Some(id),
                    Shortcut::DueToday => {
                        self.filters.due_today = true;
                        self.filters.overdue = false;
                    }
                    Shortcut::Overdue => {
                        self.filters.overdue = true;
                        self.filters.due_today = false;
                    }
                    Shortcut::Starred => self.filters.starred = true,
                }
            }
            Action::Sort(s) => self.sort = s,
            Action::Grouped(g) => self.grouped = g,
            Action::Hover(h) => {
                self.hovering = h;
                if !h && let Some(pending) = self.pending.take() {
                    self.show(pending, true);
                }
            }
            Action::ChangeBegin { shown } => {
                self.errors.remove(&shown.id);
                self.saving.insert(shown.id.clone());
                if let Some(tasks) = self.tasks_mut() {
                    replace(tasks, shown);
                }
            }
            Action::ChangeDone { id, outcome } => {
                self.saving.remove(&id);
                if let Err((why, old)) = outcome {
                    self.errors.insert(id, why);
                    if let Some(tasks) = self.tasks_mut() {
                        replace(tasks, old);
                    }
                }
            }
            Action::KeptState(state) => {
                let kept: Vec<String> = self.errors.iter().filter(|(_, e)| *e == crate::edits::pending::KEPT).map(|(id, _)| id.clone()).collect();
                for id in kept {
                    match state.iter().find(|(task, _)| salesforce_rest::id::same_record(task, &id)) {
                        Some((_, None)) => {}
                        Some((_, Some(why))) => {
                            self.errors.insert(id, format!("Not saved: {why} It waits in the list of changes not saved yet, on Home."));
                        }
                        None => {
                            self.errors.remove(&id);
                        }
                    }
                }
            }
            Action::ChangeKept(id) => {
                self.saving.remove(&id);
                self.errors.insert(id, crate::edits::pending::KEPT.to_owned());
            }
            Action::Notice(n) => self.notice = n,
            Action::Expand(id) => self.expanded = if self.expanded.as_deref() == Some(id.as_str()) { None } else { Some(id) },
        }
    }
}
