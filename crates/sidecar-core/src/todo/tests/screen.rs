//! The To Do screen's reducer, one table per concern: each row is (what it
//! checks, the state before, the action, the state after).

use std::rc::Rc;

use super::*;
use crate::load::Load;
use crate::todo::prefs::TodoPrefs;
use crate::todo::screen::{Action, Cache, TodoScreen};
use crate::todo::view::{Filters, Shortcut, SortBy};

const IAN: &str = "005000000000001AAA";
const PAT: &str = "005000000000002AAA";

fn tasks(list: &[(&str, &str)]) -> Rc<Vec<TodoTask>> {
    Rc::new(list.iter().map(|(id, subject)| task(id, subject)).collect())
}

fn cache_of(list: &[(&str, &str)]) -> Cache {
    let records = list
        .iter()
        .map(|(id, subject)| record(serde_json::json!({"attributes": {"type": "Task"}, "Id": id, "Subject": subject, "Priority": "Normal", "Status": "Not Started", "IsClosed": false})))
        .collect();
    Cache { zone: "America/Los_Angeles".into(), locale: "en_US".into(), records }
}

/// Ian's screen, nothing read yet.
fn ians() -> TodoScreen {
    TodoScreen { user_id: IAN.into(), ..TodoScreen::default() }
}

fn with(base: &TodoScreen, change: impl FnOnce(&mut TodoScreen)) -> TodoScreen {
    let mut next = base.clone();
    change(&mut next);
    next
}

fn check(rows: Vec<(&str, TodoScreen, Action, TodoScreen)>) {
    for (what, before, action, expected) in rows {
        let mut state = before;
        state.apply(action.clone());
        assert_eq!(state, expected, "{what}: {action:?}");
    }
}

#[test]
fn the_cache_shows_while_the_org_is_asked_and_only_for_its_user() {
    let cached = cache_of(&[("00T1", "Call Acme")]);
    let prefs = TodoPrefs::from_json(Some(r#"{"starred":["00T1"]}"#));
    let from_cache = with(&ians(), |s| {
        s.load = Load::Refreshing(tasks(&[("00T1", "Call Acme")]));
        (s.zone, s.locale) = ("America/Los_Angeles".into(), "en_US".into());
        s.prefs = prefs.clone();
    });
    let fresh = with(&from_cache, |s| s.load = Load::Loaded(tasks(&[("00T2", "Send quote")])));
    check(vec![
        (
            "the cache, before the org is asked",
            ians(),
            Action::Cached { user_id: IAN.into(), cache: Some(cached.clone()), prefs: prefs.clone() },
            from_cache.clone(),
        ),
        (
            "the cache, while the org is asked",
            with(&ians(), |s| s.load = Load::Loading),
            Action::Cached { user_id: IAN.into(), cache: Some(cached.clone()), prefs: prefs.clone() },
            from_cache.clone(),
        ),
        (
            "no cache: the prefs only",
            ians(),
            Action::Cached { user_id: IAN.into(), cache: None, prefs: prefs.clone() },
            with(&ians(), |s| s.prefs = prefs.clone()),
        ),
        ("another user's cache is never shown", ians(), Action::Cached { user_id: PAT.into(), cache: Some(cached.clone()), prefs: prefs.clone() }, ians()),
        (
            "a cache read after the org answered is dropped",
            fresh.clone(),
            Action::Cached { user_id: IAN.into(), cache: Some(cached.clone()), prefs },
            fresh.clone(),
        ),
        ("asking keeps the cached list on screen", from_cache.clone(), Action::Asking, from_cache.clone()),
        ("asking with nothing shown", ians(), Action::Asking, with(&ians(), |s| s.load = Load::Loading)),
        ("the org's answer replaces the cache", from_cache.clone(), Action::Tasks { tasks: fresh.tasks().to_vec(), now: false }, fresh.clone()),
        ("the same user again keeps the list", fresh.clone(), Action::User(IAN.into()), fresh.clone()),
        ("another user starts over", fresh.clone(), Action::User(PAT.into()), TodoScreen { user_id: PAT.into(), ..TodoScreen::default() }),
        (
            "the zone from the org wins over the cache's",
            from_cache.clone(),
            Action::Zone { zone: "Europe/Paris".into(), locale: "fr_FR".into() },
            with(&from_cache, |s| (s.zone, s.locale) = ("Europe/Paris".into(), "fr_FR".into())),
        ),
    ]);
}

#[test]
fn a_failed_refresh_keeps_the_list_shown_and_says_why() {
    let from_cache = with(&ians(), |s| s.load = Load::Refreshing(tasks(&[("00T1", "Call Acme")])));
    check(vec![
        (
            "with the cache shown: it stays, with the reason",
            from_cache.clone(),
            Action::Failed("You're offline.".into()),
            with(&from_cache, |s| {
                s.load = Load::Loaded(tasks(&[("00T1", "Call Acme")]));
                s.failed = Some("You're offline.".into());
            }),
        ),
        (
            "with nothing shown: the failure",
            with(&ians(), |s| s.load = Load::Loading),
            Action::Failed("You're offline.".into()),
            with(&ians(), |s| s.load = Load::Failed("You're offline.".into())),
        ),
        (
            "the next answer clears the reason",
            with(&from_cache, |s| s.failed = Some("You're offline.".into())),
            Action::Tasks { tasks: vec![task("00T1", "Call Acme")], now: false },
            with(&ians(), |s| s.load = Load::Loaded(tasks(&[("00T1", "Call Acme")]))),
        ),
    ]);
}

#[test]
fn fresh_tasks_wait_while_the_pointer_is_over_the_list() {
    let shown = with(&ians(), |s| {
        s.load = Load::Refreshing(tasks(&[("00T1", "Call Acme")]));
        s.hovering = true;
    });
    let new = || vec![task("00T2", "Send quote"), task("00T1", "Call Acme")];
    let held = with(&shown, |s| {
        s.load = Load::Loaded(tasks(&[("00T1", "Call Acme")]));
        s.pending = Some(Rc::new(new()));
    });
    check(vec![
        ("held back under the pointer", shown.clone(), Action::Tasks { tasks: new(), now: false }, held.clone()),
        (
            "the user's own change shows at once",
            shown.clone(),
            Action::Tasks { tasks: new(), now: true },
            with(&shown, |s| s.load = Load::Loaded(Rc::new(new()))),
        ),
        (
            "an empty list is replaced at once",
            with(&shown, |s| s.load = Load::Refreshing(Rc::default())),
            Action::Tasks { tasks: new(), now: false },
            with(&shown, |s| s.load = Load::Loaded(Rc::new(new()))),
        ),
        (
            "shown when the pointer leaves",
            held.clone(),
            Action::Hover(false),
            with(&held, |s| {
                s.hovering = false;
                s.pending = None;
                s.load = Load::Loaded(Rc::new(new()));
            }),
        ),
        (
            "not hovering: shown at once",
            with(&shown, |s| s.hovering = false),
            Action::Tasks { tasks: new(), now: false },
            with(&shown, |s| {
                s.hovering = false;
                s.load = Load::Loaded(Rc::new(new()));
            }),
        ),
    ]);
}

#[test]
fn completing_shows_at_once_and_rolls_back_with_the_reason() {
    let open = task("00T1", "Call Acme");
    let done = TodoTask { closed: true, status: "Completed".into(), ..open.clone() };
    let before = with(&ians(), |s| s.load = Load::Loaded(Rc::new(vec![open.clone()])));
    let saving = with(&before, |s| {
        s.load = Load::Loaded(Rc::new(vec![done.clone()]));
        s.saving.insert("00T1".into());
    });
    let kept = with(&saving, |s| {
        s.saving.clear();
        s.errors.insert("00T1".into(), crate::edits::pending::KEPT.into());
    });
    check(vec![
        ("begin: shown done, saving", before.clone(), Action::ChangeBegin { shown: done.clone() }, saving.clone()),
        (
            "begin clears the last error of that task",
            with(&before, |s| {
                s.errors.insert("00T1".into(), "Locked.".into());
            }),
            Action::ChangeBegin { shown: done.clone() },
            saving.clone(),
        ),
        ("saved: stays done", saving.clone(), Action::ChangeDone { id: "00T1".into(), outcome: Ok(()) }, with(&saving, |s| s.saving.clear())),
        (
            "refused: back to open, with the org's reason",
            saving.clone(),
            Action::ChangeDone { id: "00T1".into(), outcome: Err(("This task is locked.".into(), open.clone())) },
            with(&before, |s| {
                s.errors.insert("00T1".into(), "This task is locked.".into());
            }),
        ),
        ("unreachable: stays done, and says it is kept and sent later", saving.clone(), Action::ChangeKept("00T1".into()), kept.clone()),
        ("a kept change stays shown while the org has the old task", kept.clone(), Action::Tasks { tasks: vec![open.clone()], now: false }, kept.clone()),
        (
            "the org has the kept change: the words go",
            kept.clone(),
            Action::Tasks { tasks: vec![done.clone()], now: false },
            with(&saving, |s| s.saving.clear()),
        ),
        ("still waiting in the kept list: still kept", kept.clone(), Action::KeptState(vec![("00T1".into(), None)]), kept.clone()),
        (
            "refused in the kept list: says why, and where it waits",
            kept.clone(),
            Action::KeptState(vec![("00T1".into(), Some("This task is locked.".into()))]),
            with(&kept, |s| {
                s.errors.insert("00T1".into(), "Not saved: This task is locked. It waits in the list of changes not saved yet, on Home.".into());
            }),
        ),
        ("gone from the kept list (saved or discarded): the words go", kept.clone(), Action::KeptState(Vec::new()), with(&saving, |s| s.saving.clear())),
        (
            "a refresh during the save keeps the task as the user sees it",
            saving.clone(),
            Action::Tasks { tasks: vec![open.clone(), task("00T2", "Send quote")], now: false },
            with(&saving, |s| s.load = Load::Loaded(Rc::new(vec![done.clone(), task("00T2", "Send quote")]))),
        ),
    ]);
}

#[test]
fn filters_combine_and_due_today_excludes_overdue() {
    let base = with(&ians(), |s| s.filters.search = "acme".into());
    let f = |change: fn(&mut Filters)| with(&base, |s| change(&mut s.filters));
    check(vec![
        ("due today on", base.clone(), Action::ToggleDueToday, f(|f| f.due_today = true)),
        ("due today turns overdue off", f(|f| f.overdue = true), Action::ToggleDueToday, f(|f| f.due_today = true)),
        ("overdue turns due today off", f(|f| f.due_today = true), Action::ToggleOverdue, f(|f| f.overdue = true)),
        ("overdue off again", f(|f| f.overdue = true), Action::ToggleOverdue, base.clone()),
        ("starred combines", f(|f| f.overdue = true), Action::ToggleStarred, f(|f| (f.overdue, f.starred) = (true, true))),
        ("a label", base.clone(), Action::Label(Some("l1".into())), f(|f| f.label = Some("l1".into()))),
        ("an account, then any", f(|f| f.account = Some("001A".into())), Action::Account(None), base.clone()),
        (
            "All: every filter off, the search kept",
            f(|f| {
                (f.due_today, f.starred, f.label) = (true, true, Some("l1".into()));
            }),
            Action::AllFilters,
            base.clone(),
        ),
        ("typing searches", base.clone(), Action::Search("acme c".into()), f(|f| f.search = "acme c".into())),
        (
            "a label shortcut: its filter, the search cleared",
            base.clone(),
            Action::Shortcut(Shortcut::Label("l2".into())),
            with(&ians(), |s| s.filters.label = Some("l2".into())),
        ),
        (
            "the overdue shortcut turns due today off",
            f(|f| f.due_today = true),
            Action::Shortcut(Shortcut::Overdue),
            with(&ians(), |s| s.filters.overdue = true),
        ),
        ("the starred shortcut", base.clone(), Action::Shortcut(Shortcut::Starred), with(&ians(), |s| s.filters.starred = true)),
    ]);
}

#[test]
fn sort_group_prefs_and_notices() {
    let prefs = TodoPrefs::from_json(Some(r#"{"order":["00T2","00T1"]}"#));
    check(vec![
        ("sort", ians(), Action::Sort(SortBy::Priority), with(&ians(), |s| s.sort = SortBy::Priority)),
        (
            "a move saves the order and shows My order",
            ians(),
            Action::Moved(prefs.clone()),
            with(&ians(), |s| (s.prefs, s.sort) = (prefs.clone(), SortBy::Manual)),
        ),
        ("prefs alone keep the sort", ians(), Action::Prefs(prefs.clone()), with(&ians(), |s| s.prefs = prefs.clone())),
        ("one flat list", ians(), Action::Grouped(false), with(&ians(), |s| s.grouped = false)),
        ("a notice", ians(), Action::Notice(Some("Up to 10 labels.".into())), with(&ians(), |s| s.notice = Some("Up to 10 labels.".into()))),
        (
            "priority order from describe",
            ians(),
            Action::PriorityOrder(ids(&["High", "Normal", "Low"])),
            with(&ians(), |s| s.priority_order = Rc::new(ids(&["High", "Normal", "Low"]))),
        ),
    ]);
    assert!(TodoScreen::default().grouped, "grouped by due date unless the user says otherwise");
}

#[test]
fn what_the_list_shows_from_the_state() {
    let mut state = ians();
    state.apply(Action::Cached { user_id: IAN.into(), cache: Some(cache_of(&[("00T1", "Call Acme"), ("00T2", "Send quote")])), prefs: TodoPrefs::default() });
    assert_eq!(state.tasks().len(), 2);
    let today = date("2026-05-04");
    let shown: Vec<usize> = state.groups(today).into_iter().flat_map(|(_, ids)| ids).collect();
    assert_eq!(shown.len(), 2, "both tasks, no due date, grouped");
    state.apply(Action::Grouped(false));
    assert_eq!(state.groups(today), vec![(None, vec![0, 1])]);
    assert!(state.all_filters_off());
    state.apply(Action::ToggleStarred);
    assert!(!state.all_filters_off());
    assert_eq!(state.groups(today), vec![(None, vec![])], "no task is starred");
    assert_eq!(state.today(0), date("1969-12-31"), "midnight UTC is still the 31st in Los Angeles (the cache's zone)");
}
