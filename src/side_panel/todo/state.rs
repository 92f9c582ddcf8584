//! The To Do screen's state as a reducer. The rules (filters, sort,
//! groups, labels, statuses) are `sidecar_core::todo`'s; this keeps what is
//! loaded, what the user chose, and what is being saved.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use sidecar_core::todo::complete::Statuses;
use sidecar_core::todo::prefs::TodoPrefs;
use sidecar_core::todo::task::TodoTask;
use sidecar_core::todo::view::{Filters, SortBy};
use yew::Reducible;

#[derive(Debug, Clone, PartialEq, Default)]
pub enum Load {
    #[default]
    Loading,
    /// Shown from the cache while the org is asked.
    Refreshing,
    Ready,
    /// In words for the rep; the cached list (if any) stays.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TodoState {
    pub user_id: String,
    /// The org's time zone of the user (IANA), for "today".
    pub zone: String,
    pub tasks: Rc<Vec<TodoTask>>,
    /// Fresh tasks held back while the pointer is over the list, so it
    /// does not jump under the user's cursor; applied when it leaves.
    pub pending: Option<Rc<Vec<TodoTask>>>,
    pub load: Load,
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
}

#[derive(Debug, Clone)]
pub enum TodoAction {
    Meta {
        user_id: String,
        zone: String,
    },
    Statuses(Statuses),
    PriorityOrder(Vec<String>),
    Prefs(TodoPrefs),
    /// Tasks from the cache (`fresh` false) or the org. `now`: show them
    /// even under the pointer (the user's own change, such as a new task).
    Tasks {
        tasks: Vec<TodoTask>,
        fresh: bool,
        now: bool,
    },
    Failed(String),
    Filters(Filters),
    Sort(SortBy),
    Grouped(bool),
    Hover(bool),
    /// The checkbox: show `shown` at once; `old` is kept for a rollback.
    ChangeBegin {
        shown: TodoTask,
    },
    /// The org's answer: `Err(reason, old)` rolls back.
    ChangeDone {
        id: String,
        outcome: Result<(), (String, TodoTask)>,
    },
    Notice(Option<String>),
}

fn replace(tasks: &mut Rc<Vec<TodoTask>>, task: TodoTask) {
    let list = Rc::make_mut(tasks);
    match list.iter_mut().find(|t| t.id == task.id) {
        Some(slot) => *slot = task,
        None => list.push(task),
    }
}

impl Reducible for TodoState {
    type Action = TodoAction;

    fn reduce(self: Rc<Self>, action: TodoAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            TodoAction::Meta { user_id, zone } => {
                next.user_id = user_id;
                next.zone = zone;
            }
            TodoAction::Statuses(s) => next.statuses = s,
            TodoAction::PriorityOrder(order) => next.priority_order = Rc::new(order),
            TodoAction::Prefs(prefs) => next.prefs = prefs,
            TodoAction::Tasks { tasks, fresh, now } => {
                // Saves in flight keep what the user sees for their tasks.
                let mut tasks = tasks;
                for task in tasks.iter_mut() {
                    if next.saving.contains(&task.id)
                        && let Some(shown) = next.tasks.iter().find(|t| t.id == task.id)
                    {
                        *task = shown.clone();
                    }
                }
                let tasks = Rc::new(tasks);
                if next.hovering && !now && !next.tasks.is_empty() {
                    next.pending = Some(tasks);
                } else {
                    next.tasks = tasks;
                    next.pending = None;
                }
                next.load = if fresh { Load::Ready } else { Load::Refreshing };
            }
            TodoAction::Failed(why) => next.load = Load::Failed(why),
            TodoAction::Filters(f) => next.filters = f,
            TodoAction::Sort(s) => next.sort = s,
            TodoAction::Grouped(g) => next.grouped = g,
            TodoAction::Hover(h) => {
                next.hovering = h;
                if !h && let Some(pending) = next.pending.take() {
                    next.tasks = pending;
                }
            }
            TodoAction::ChangeBegin { shown } => {
                next.errors.remove(&shown.id);
                next.saving.insert(shown.id.clone());
                replace(&mut next.tasks, shown);
            }
            TodoAction::ChangeDone { id, outcome } => {
                next.saving.remove(&id);
                if let Err((why, old)) = outcome {
                    next.errors.insert(id, why);
                    replace(&mut next.tasks, old);
                }
            }
            TodoAction::Notice(n) => next.notice = n,
        }
        Rc::new(next)
    }
}

impl TodoState {
    pub fn new() -> Self {
        Self { grouped: true, ..Self::default() }
    }
}
