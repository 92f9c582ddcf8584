//! What the list shows: filters (AND), the 30-day rule, search, sort and
//! grouping. "Today" is the user's day in their org time zone.

use salesforce_rest::soql::Date;

use super::prefs::{LabelId, TodoPrefs};
use super::task::TodoTask;

/// Tasks overdue by more than this many days show only under Overdue.
pub const STALE_AFTER_DAYS: i64 = 30;

/// The filters the user turned on; all off is "All".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub due_today: bool,
    pub overdue: bool,
    pub starred: bool,
    pub label: Option<LabelId>,
    /// An Account id: its tasks and its contacts' (Task.AccountId).
    pub account: Option<String>,
    /// Case-insensitive, over subject and description.
    pub search: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortBy {
    /// Due date, soonest first, no date last (ties: priority, then subject).
    #[default]
    Due,
    /// The Priority picklist's order from describe (High first).
    Priority,
    Subject,
    /// Newest first.
    Created,
    /// The user's drag order ([`TodoPrefs::order`]), others after by due date.
    Manual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Overdue,
    Today,
    Tomorrow,
    /// Later this week (until Sunday, in the user's zone).
    ThisWeek,
    Later,
    NoDate,
    /// Completed in the last 7 days.
    Completed,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Self::Overdue => "Overdue",
            Self::Today => "Today",
            Self::Tomorrow => "Tomorrow",
            Self::ThisWeek => "This week",
            Self::Later => "Later",
            Self::NoDate => "No date",
            Self::Completed => "Completed",
        }
    }
}

/// Everything [`visible`] needs besides the tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewContext<'a> {
    /// The user's today, in their org time zone (`salesforce_rest::tz::local_date`).
    pub today: Date,
    pub prefs: &'a TodoPrefs,
    /// Priority picklist values in describe order (High, Normal, Low).
    pub priority_order: &'a [String],
}

/// The group of a task on `today`.
pub fn group_of(task: &TodoTask, today: Date) -> Group {
    let _ = (task, today);
    todo!("helper")
}

/// Indexes of the tasks to show, in order: filtered (AND, the 30-day rule
/// unless `overdue` is on; completed tasks only under no date filter),
/// then sorted. Grouped lists come from [`grouped`].
pub fn visible(tasks: &[TodoTask], filters: &Filters, sort: SortBy, cx: &ViewContext<'_>) -> Vec<usize> {
    let _ = (tasks, filters, sort, cx);
    todo!("helper")
}

/// [`visible`] split into due-date groups, in group order, empty groups left out.
pub fn grouped(tasks: &[TodoTask], filters: &Filters, sort: SortBy, cx: &ViewContext<'_>) -> Vec<(Group, Vec<usize>)> {
    let _ = (tasks, filters, sort, cx);
    todo!("helper")
}

/// What the search box offers besides searching: labels and filters whose
/// names start with the typed text ("urg" → the label Urgent; "over" →
/// Overdue; "tod" → Due today; "star" → Starred).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shortcut {
    Label(LabelId),
    DueToday,
    Overdue,
    Starred,
}

pub fn shortcuts(text: &str, prefs: &TodoPrefs) -> Vec<Shortcut> {
    let _ = (text, prefs);
    todo!("helper")
}
