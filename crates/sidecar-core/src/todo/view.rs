//! What the list shows: filters (AND), the 30-day rule, search, sort and
//! grouping. "Today" is the user's day in their org time zone.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use salesforce_rest::soql::Date;

use super::prefs::{LabelId, TodoPrefs};
use super::task::TodoTask;

/// The user's today in their org time zone (`User.TimeZoneSidKey`, e.g.
/// `America/Los_Angeles`) at the instant `now_millis`, never the machine's;
/// UTC for a zone `salesforce_rest::tz` does not know.
pub fn today(zone: &str, now_millis: i64) -> Date {
    salesforce_rest::tz::local_date(zone, now_millis)
}

/// Shortcuts need this many characters typed.
pub const SHORTCUT_MIN_CHARS: usize = 2;

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
    /// Later this week: after tomorrow through the week's last day. Weeks
    /// start on the user's locale's first day, as Salesforce's `THIS_WEEK`
    /// does: Sunday to Saturday in en_US (so on a Friday or Saturday this
    /// group is empty), Monday to Sunday in en_GB or de_DE.
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
    /// The user's locale starts weeks on Monday (else Sunday).
    pub week_starts_monday: bool,
}

/// The group of a task on `today`: closed tasks are [`Group::Completed`]
/// whatever their due date; open ones go by `due` (see [`Group::ThisWeek`]).
pub fn group_of(task: &TodoTask, today: Date, week_starts_monday: bool) -> Group {
    if task.closed {
        return Group::Completed;
    }
    let Some(due) = task.due else { return Group::NoDate };
    let tomorrow = today.add_days(1);
    let last_of_week = today.start_of_week(week_starts_monday).add_days(6);
    match due {
        d if d < today => Group::Overdue,
        d if d == today => Group::Today,
        d if d == tomorrow => Group::Tomorrow,
        d if d <= last_of_week => Group::ThisWeek,
        _ => Group::Later,
    }
}

/// Whether `task` passes `filters` (all of them: AND). Open tasks overdue
/// by more than [`STALE_AFTER_DAYS`] pass only with `overdue` on; closed
/// tasks never pass a date filter. `due_today` and `overdue` together pass
/// nothing (no task is both), as AND says; the panel offers them as a choice.
pub fn matches(task: &TodoTask, filters: &Filters, cx: &ViewContext<'_>) -> bool {
    let date_filter = filters.due_today || filters.overdue;
    if task.closed {
        if date_filter {
            return false;
        }
    } else {
        if filters.due_today && task.due != Some(cx.today) {
            return false;
        }
        if filters.overdue && task.due.is_none_or(|d| d >= cx.today) {
            return false;
        }
        let stale = task.due.is_some_and(|d| cx.today.days_since_epoch() - d.days_since_epoch() > STALE_AFTER_DAYS);
        if stale && !filters.overdue {
            return false;
        }
    }
    if filters.starred && !cx.prefs.is_starred(&task.id) {
        return false;
    }
    if let Some(label) = &filters.label {
        let on = cx.prefs.task_labels.get(&task.id).is_some_and(|ids| ids.contains(label));
        if !on {
            return false;
        }
    }
    if let Some(account) = &filters.account {
        let on = |r: &Option<super::task::Related>| r.as_ref().is_some_and(|r| salesforce_rest::id::same_record(&r.id, account));
        if !on(&task.account) && !on(&task.what) {
            return false;
        }
    }
    let search = filters.search.trim();
    if !search.is_empty() {
        let needle = search.to_lowercase();
        if !task.subject.to_lowercase().contains(&needle) && !task.description.to_lowercase().contains(&needle) {
            return false;
        }
    }
    true
}

/// Where a priority sorts: its index in `order` (exact value first, then
/// ignoring case); unknown and empty values after all known ones.
fn priority_rank(priority: &str, order: &[String]) -> usize {
    order.iter().position(|p| p == priority).or_else(|| order.iter().position(|p| p.eq_ignore_ascii_case(priority))).unwrap_or(order.len())
}

/// Subjects ignoring case, blank subjects last.
fn by_subject(a: &TodoTask, b: &TodoTask) -> Ordering {
    let key = |t: &TodoTask| {
        let s = t.subject.trim();
        (s.is_empty(), s.to_lowercase())
    };
    key(a).cmp(&key(b))
}

/// Due date soonest first, no date last.
fn by_due_date(a: &TodoTask, b: &TodoTask) -> Ordering {
    match (a.due, b.due) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// [`SortBy::Due`]: due date, then priority, then subject.
fn by_due(a: &TodoTask, b: &TodoTask, cx: &ViewContext<'_>) -> Ordering {
    by_due_date(a, b)
        .then_with(|| priority_rank(&a.priority, cx.priority_order).cmp(&priority_rank(&b.priority, cx.priority_order)))
        .then_with(|| by_subject(a, b))
}

/// Indexes of the tasks to show, in order: filtered (AND, the 30-day rule
/// unless `overdue` is on; completed tasks only under no date filter),
/// then sorted. Grouped lists come from [`grouped`].
///
/// Open tasks come first, then the closed ones (the Completed group is
/// last), each part in `sort` order:
/// - `Due`: see [`SortBy::Due`];
/// - `Priority`: `priority_order`, unknown values last; ties by due;
/// - `Subject`: ignoring case, blank subjects last; ties by due;
/// - `Created`: newest first, unknown last; ties by due;
/// - `Manual`: `prefs.order`, the others after it by due.
///
/// Remaining ties keep the tasks' order (the sort is stable).
pub fn visible(tasks: &[TodoTask], filters: &Filters, sort: SortBy, cx: &ViewContext<'_>) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..tasks.len()).filter(|&i| matches(&tasks[i], filters, cx)).collect();
    let manual: BTreeMap<&str, usize> = match sort {
        SortBy::Manual => cx.prefs.order.iter().enumerate().rev().map(|(i, id)| (id.as_str(), i)).collect(),
        _ => BTreeMap::new(),
    };
    shown.sort_by(|&i, &j| {
        let (a, b) = (&tasks[i], &tasks[j]);
        let primary = match sort {
            SortBy::Due => Ordering::Equal,
            SortBy::Priority => priority_rank(&a.priority, cx.priority_order).cmp(&priority_rank(&b.priority, cx.priority_order)),
            SortBy::Subject => by_subject(a, b),
            SortBy::Created => match (a.created, b.created) {
                (Some(a), Some(b)) => b.unix_millis().cmp(&a.unix_millis()),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            SortBy::Manual => {
                let at = |t: &TodoTask| manual.get(t.id.as_str()).copied().unwrap_or(usize::MAX);
                at(a).cmp(&at(b))
            }
        };
        a.closed.cmp(&b.closed).then(primary).then_with(|| by_due(a, b, cx))
    });
    shown
}

/// [`visible`] split into due-date groups, in group order, empty groups left out.
pub fn grouped(tasks: &[TodoTask], filters: &Filters, sort: SortBy, cx: &ViewContext<'_>) -> Vec<(Group, Vec<usize>)> {
    let mut groups: BTreeMap<Group, Vec<usize>> = BTreeMap::new();
    for i in visible(tasks, filters, sort, cx) {
        groups.entry(group_of(&tasks[i], cx.today, cx.week_starts_monday)).or_default().push(i);
    }
    groups.into_iter().collect()
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

/// The words each filter shortcut answers to (typed text must be a prefix
/// of one): "du"/"due"/"due today", "to"/"today"; "ov"/"overdue"; "st"/"star"/"starred".
const FILTER_WORDS: [(Shortcut, &[&str]); 3] =
    [(Shortcut::DueToday, &["today", "due today"]), (Shortcut::Overdue, &["overdue"]), (Shortcut::Starred, &["starred"])];

/// The shortcuts for the search text (trimmed, ignoring case, at least
/// [`SHORTCUT_MIN_CHARS`] characters): labels whose name starts with it, in
/// the labels' order, then Due today, Overdue and Starred.
pub fn shortcuts(text: &str, prefs: &TodoPrefs) -> Vec<Shortcut> {
    let typed = text.trim().to_lowercase();
    if typed.chars().count() < SHORTCUT_MIN_CHARS {
        return Vec::new();
    }
    let labels = prefs.labels.iter().filter(|l| l.name.trim().to_lowercase().starts_with(&typed)).map(|l| Shortcut::Label(l.id.clone()));
    let filters = FILTER_WORDS.iter().filter(|(_, words)| words.iter().any(|w| w.starts_with(&typed))).map(|(s, _)| s.clone());
    labels.chain(filters).collect()
}
