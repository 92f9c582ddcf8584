//! Today in the user's zone, groups, filters (AND, the 30-day rule),
//! sorting and search shortcuts.

use salesforce_rest::SfId;

use super::*;
use crate::todo::prefs::TodoPrefs;
use crate::todo::view::{Filters, Group, STALE_AFTER_DAYS, Shortcut, SortBy, ViewContext, group_of, grouped, matches, shortcuts, today, visible};

/// (case, filters, sort, the groups with their task ids)
type GroupCase<'a> = (&'a str, Filters, SortBy, &'a [(Group, &'a [&'a str])]);

/// Wednesday 25 November 2026.
const TODAY: &str = "2026-11-25";

fn priorities() -> Vec<String> {
    ids(&["High", "Normal", "Low"])
}

#[test]
fn today_follows_the_org_zone_around_midnight() {
    let cases: &[(&str, &str, &str)] = &[
        // Los Angeles in November: UTC-8.
        ("America/Los_Angeles", "2026-11-25T07:59:59.999Z", "2026-11-24"),
        ("America/Los_Angeles", "2026-11-25T08:00:00Z", "2026-11-25"),
        ("America/Los_Angeles", "2026-11-26T07:59:59Z", "2026-11-25"),
        // ... and in July (daylight time): UTC-7.
        ("America/Los_Angeles", "2026-07-01T06:59:59Z", "2026-06-30"),
        ("America/Los_Angeles", "2026-07-01T07:00:00Z", "2026-07-01"),
        // Tokyo: UTC+9, no daylight time; its day starts while the UTC day is still the previous one.
        ("Asia/Tokyo", "2026-11-25T14:59:59Z", "2026-11-25"),
        ("Asia/Tokyo", "2026-11-25T15:00:00Z", "2026-11-26"),
        ("Asia/Tokyo", "2026-12-31T15:00:00Z", "2027-01-01"),
        // The same instant is a different day in each zone.
        ("America/Los_Angeles", "2026-11-25T20:00:00Z", "2026-11-25"),
        ("Asia/Tokyo", "2026-11-25T20:00:00Z", "2026-11-26"),
        // A zone not known: UTC.
        ("Mars/Olympus_Mons", "2026-11-25T23:59:59Z", "2026-11-25"),
        ("UTC", "2026-11-26T00:00:00Z", "2026-11-26"),
    ];
    for (zone, now, expected) in cases {
        assert_eq!(today(zone, instant(now).unix_millis()), date(expected), "zone {zone} at {now}");
    }
}

#[test]
fn groups_by_due_date_sunday_to_saturday_weeks() {
    assert_eq!(date(TODAY).weekday(), 3, "the fixture's today is a Wednesday");
    let cases: &[(&str, Option<&str>, bool, Group)] = &[
        ("Wed", Some("2026-11-24"), false, Group::Overdue),
        ("Wed", Some("2026-10-01"), false, Group::Overdue),
        ("Wed", Some("2026-11-25"), false, Group::Today),
        ("Wed", Some("2026-11-26"), false, Group::Tomorrow),
        ("Wed", Some("2026-11-27"), false, Group::ThisWeek),
        ("Wed", Some("2026-11-28"), false, Group::ThisWeek),
        ("Wed", Some("2026-11-29"), false, Group::Later),
        ("Wed", Some("2027-01-01"), false, Group::Later),
        ("Wed", None, false, Group::NoDate),
        ("Wed", Some("2026-11-24"), true, Group::Completed),
        ("Wed", Some("2026-11-25"), true, Group::Completed),
        ("Wed", None, true, Group::Completed),
    ];
    for (name, due, closed, expected) in cases {
        let t = TodoTask { due: due.map(date), closed: *closed, ..task("00T", "x") };
        assert_eq!(group_of(&t, date(TODAY), false), *expected, "{name}: due {due:?}, closed {closed}");
    }
    // (today, due, expected) across the week's edges.
    let edges: &[(&str, &str, Group)] = &[
        ("2026-11-22", "2026-11-24", Group::ThisWeek), // Sunday: Tuesday is this week
        ("2026-11-22", "2026-11-28", Group::ThisWeek), // Sunday: through Saturday
        ("2026-11-22", "2026-11-29", Group::Later),    // Sunday: next Sunday is next week
        ("2026-11-27", "2026-11-28", Group::Tomorrow), // Friday: tomorrow ends the week
        ("2026-11-27", "2026-11-29", Group::Later),    // Friday: nothing left this week
        ("2026-11-28", "2026-11-29", Group::Tomorrow), // Saturday: tomorrow is next week's Sunday
        ("2026-11-28", "2026-11-30", Group::Later),
        ("2026-12-31", "2027-01-02", Group::ThisWeek), // Thursday across the new year
        ("2026-12-31", "2027-01-03", Group::Later),
    ];
    for (today, due, expected) in edges {
        let t = TodoTask { due: Some(date(due)), ..task("00T", "x") };
        assert_eq!(group_of(&t, date(today), false), *expected, "today {today}, due {due}");
    }
    // A Monday-first locale (en_GB, de_DE): weeks run Monday to Sunday.
    let monday_first: &[(&str, &str, Group)] = &[
        ("2026-11-22", "2026-11-24", Group::Later),    // Sunday: Tuesday is next week
        ("2026-11-23", "2026-11-29", Group::ThisWeek), // Monday: through Sunday
        ("2026-11-23", "2026-11-30", Group::Later),    // Monday: next Monday is next week
        ("2026-11-27", "2026-11-29", Group::ThisWeek), // Friday: Sunday is still this week
        ("2026-11-28", "2026-11-29", Group::Tomorrow),
    ];
    for (today, due, expected) in monday_first {
        let t = TodoTask { due: Some(date(due)), ..task("00T", "x") };
        assert_eq!(group_of(&t, date(today), true), *expected, "Monday first: today {today}, due {due}");
    }
    let labels: Vec<&str> =
        [Group::Overdue, Group::Today, Group::Tomorrow, Group::ThisWeek, Group::Later, Group::NoDate, Group::Completed].iter().map(|g| g.label()).collect();
    assert_eq!(labels, ["Overdue", "Today", "Tomorrow", "This week", "Later", "No date", "Completed"]);
}

fn account_id() -> SfId {
    SfId::mint("001", 7).expect("id")
}

/// One task per situation; ids say what each is.
fn fixture() -> Vec<TodoTask> {
    let acct = account_id().as_str().to_owned();
    vec![
        TodoTask { due: Some(date("2026-11-25")), priority: "Low".into(), ..task("today-low", "Call Maria") },
        TodoTask { due: Some(date("2026-11-25")), priority: "High".into(), high_priority: true, ..task("today-high", "budget review") },
        TodoTask { due: Some(date("2026-11-20")), description: "Send the BUDGET deck".into(), ..task("overdue-5", "Follow up") },
        TodoTask { due: Some(date(&date(TODAY).add_days(-STALE_AFTER_DAYS).to_string())), ..task("overdue-30", "Old but shown") },
        TodoTask { due: Some(date(&date(TODAY).add_days(-STALE_AFTER_DAYS - 1).to_string())), ..task("overdue-31", "Stale") },
        TodoTask { due: Some(date("2026-11-26")), account: Some(related(&acct, "Acme", "Account")), ..task("tomorrow-acct", "Demo") },
        TodoTask { due: None, what: Some(related(account_id().short(), "Acme", "Account")), ..task("nodate-what", "Acme notes") },
        TodoTask { due: Some(date("2026-12-10")), priority: "Urgent?".into(), ..task("later-odd", "") },
        TodoTask { due: Some(date("2026-11-24")), closed: true, status: "Completed".into(), ..task("done", "Budget sent") },
    ]
}

fn fixture_prefs() -> TodoPrefs {
    let mut prefs = TodoPrefs::default();
    let urgent = prefs.add_label("Urgent", "").expect("label");
    let home = prefs.add_label("Home", "").expect("label");
    for id in ["today-low", "overdue-31", "done"] {
        prefs.toggle_label(id, &urgent).expect("toggle");
    }
    prefs.toggle_label("tomorrow-acct", &home).expect("toggle");
    for id in ["today-high", "overdue-31", "done", "nodate-what"] {
        prefs.toggle_star(id);
    }
    prefs
}

fn shown(tasks: &[TodoTask], indexes: &[usize]) -> Vec<String> {
    indexes.iter().map(|&i| tasks[i].id.clone()).collect()
}

#[test]
fn filters_combine_with_and() {
    let tasks = fixture();
    let prefs = fixture_prefs();
    let order = priorities();
    let cx = ViewContext { today: date(TODAY), prefs: &prefs, priority_order: &order, week_starts_monday: false };
    let acct18 = account_id().as_str().to_owned();
    let acct15 = account_id().short().to_owned();
    let all = Filters::default();
    let cases: &[(&str, Filters, &[&str])] = &[
        (
            "all: no task overdue by more than 30 days; completed last",
            all.clone(),
            &["overdue-30", "overdue-5", "today-high", "today-low", "tomorrow-acct", "later-odd", "nodate-what", "done"],
        ),
        ("due today", Filters { due_today: true, ..all.clone() }, &["today-high", "today-low"]),
        ("overdue: the 30-day rule is off, completed tasks are out", Filters { overdue: true, ..all.clone() }, &["overdue-31", "overdue-30", "overdue-5"]),
        ("due today AND overdue: nothing is both", Filters { due_today: true, overdue: true, ..all.clone() }, &[]),
        ("starred: stale ones stay hidden, completed ones stay", Filters { starred: true, ..all.clone() }, &["today-high", "nodate-what", "done"]),
        ("starred AND overdue", Filters { starred: true, overdue: true, ..all.clone() }, &["overdue-31"]),
        ("starred AND due today", Filters { starred: true, due_today: true, ..all.clone() }, &["today-high"]),
        ("label Urgent", Filters { label: Some("l0".into()), ..all.clone() }, &["today-low", "done"]),
        ("label Urgent AND overdue", Filters { label: Some("l0".into()), overdue: true, ..all.clone() }, &["overdue-31"]),
        ("label Home", Filters { label: Some("l1".into()), ..all.clone() }, &["tomorrow-acct"]),
        ("a label nobody has", Filters { label: Some("l9".into()), ..all.clone() }, &[]),
        (
            "account (18 chars): AccountId or What.Id, 15/18 forms alike",
            Filters { account: Some(acct18.clone()), ..all.clone() },
            &["tomorrow-acct", "nodate-what"],
        ),
        ("account (15 chars)", Filters { account: Some(acct15), ..all.clone() }, &["tomorrow-acct", "nodate-what"]),
        ("account AND starred", Filters { account: Some(acct18.clone()), starred: true, ..all.clone() }, &["nodate-what"]),
        ("another account", Filters { account: Some(SfId::mint("001", 8).expect("id").as_str().into()), ..all.clone() }, &[]),
        (
            "search: subject or description, any case, trimmed; completed included",
            Filters { search: "  BuDgEt ".into(), ..all.clone() },
            &["overdue-5", "today-high", "done"],
        ),
        ("search AND due today", Filters { search: "budget".into(), due_today: true, ..all.clone() }, &["today-high"]),
        ("search for the stale task: still hidden without Overdue", Filters { search: "stale".into(), ..all.clone() }, &[]),
        ("search for the stale task under Overdue", Filters { search: "stale".into(), overdue: true, ..all.clone() }, &["overdue-31"]),
        ("blank search is no search", Filters { search: "   ".into(), due_today: true, ..all.clone() }, &["today-high", "today-low"]),
        ("search does not match the [No Subject] placeholder", Filters { search: "no subject".into(), ..all.clone() }, &[]),
    ];
    for (name, filters, expected) in cases {
        assert_eq!(shown(&tasks, &visible(&tasks, filters, SortBy::Due, &cx)), ids(expected), "case: {name}");
        let matching: Vec<&str> = tasks.iter().filter(|t| matches(t, filters, &cx)).map(|t| t.id.as_str()).collect();
        assert_eq!(matching.len(), expected.len(), "case: {name}: matches agrees with visible");
    }
}

#[test]
fn the_30_day_rule_counts_days_in_the_users_zone() {
    let prefs = TodoPrefs::default();
    let order = priorities();
    // (today, due, shown under All, shown under Overdue)
    let cases: &[(&str, &str, bool, bool)] = &[
        ("2026-11-25", "2026-10-26", true, true),  // 30 days
        ("2026-11-25", "2026-10-25", false, true), // 31 days
        ("2026-03-01", "2026-01-30", true, true),  // 30 days across February
        ("2026-03-01", "2026-01-29", false, true),
        ("2026-11-25", "2026-11-25", true, false), // today is not overdue
    ];
    for (today, due, in_all, in_overdue) in cases {
        let cx = ViewContext { today: date(today), prefs: &prefs, priority_order: &order, week_starts_monday: false };
        let t = TodoTask { due: Some(date(due)), ..task("00T", "x") };
        assert_eq!(matches(&t, &Filters::default(), &cx), *in_all, "today {today}, due {due}: all");
        assert_eq!(matches(&t, &Filters { overdue: true, ..Filters::default() }, &cx), *in_overdue, "today {today}, due {due}: overdue");
    }
}

fn sort_fixture() -> Vec<TodoTask> {
    vec![
        TodoTask { due: Some(date("2026-11-27")), priority: "Low".into(), created: Some(instant("2026-11-01T10:00:00Z")), ..task("a", "banana") },
        TodoTask { due: Some(date("2026-11-25")), priority: "Normal".into(), created: Some(instant("2026-11-03T10:00:00Z")), ..task("b", "Apple") },
        TodoTask { due: None, priority: "High".into(), created: Some(instant("2026-11-02T10:00:00Z")), ..task("c", "cherry") },
        TodoTask { due: Some(date("2026-11-25")), priority: "High".into(), created: None, ..task("d", "date") },
        // Created 09:30 in Tokyo = 00:30 UTC on the 3rd: older than b.
        TodoTask { due: Some(date("2026-11-25")), priority: "Mystery".into(), created: Some(instant("2026-11-03T09:30:00+09:00")), ..task("e", "") },
        TodoTask { due: Some(date("2026-11-25")), priority: "High".into(), ..task("f", "apple pie") },
        TodoTask {
            due: Some(date("2026-11-20")),
            closed: true,
            priority: "High".into(),
            created: Some(instant("2026-11-10T10:00:00Z")),
            ..task("z", "Zucchini")
        },
    ]
}

#[test]
fn sort_table() {
    let tasks = sort_fixture();
    let prefs = TodoPrefs { order: ids(&["c", "gone", "a", "z", "c"]), ..TodoPrefs::default() };
    let order = priorities();
    let cx = ViewContext { today: date(TODAY), prefs: &prefs, priority_order: &order, week_starts_monday: false };
    let cases: &[(SortBy, &[&str])] = &[
        // Due: date, then priority (unknown last), then subject; no date last; completed after all open.
        (SortBy::Due, &["f", "d", "b", "e", "a", "c", "z"]),
        // Priority: High, Normal, Low, unknown; ties by due.
        (SortBy::Priority, &["f", "d", "c", "b", "a", "e", "z"]),
        // Subject: ignoring case, blank last.
        (SortBy::Subject, &["b", "f", "a", "c", "d", "e", "z"]),
        // Created: newest first, unknown last (ties by due).
        (SortBy::Created, &["b", "e", "c", "a", "f", "d", "z"]),
        // Manual: the drag order (first place of a duplicate; unknown ids ignored), then by due.
        (SortBy::Manual, &["c", "a", "f", "d", "b", "e", "z"]),
    ];
    for (sort, expected) in cases {
        assert_eq!(shown(&tasks, &visible(&tasks, &Filters::default(), *sort, &cx)), ids(expected), "sort: {sort:?}");
    }
    assert_eq!(SortBy::default(), SortBy::Due);
}

#[test]
fn priority_order_comes_from_describe() {
    let tasks = sort_fixture();
    let prefs = TodoPrefs::default();
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("reversed picklist", &["Low", "Normal", "High"], &["a", "b", "f", "d", "c", "e", "z"]),
        ("values in another case still rank", &["high", "low"], &["f", "d", "c", "a", "b", "e", "z"]),
        ("no picklist: all unknown, by due then subject", &[], &["b", "f", "d", "e", "a", "c", "z"]),
    ];
    for (name, picklist, expected) in cases {
        let order = ids(picklist);
        let cx = ViewContext { today: date(TODAY), prefs: &prefs, priority_order: &order, week_starts_monday: false };
        assert_eq!(shown(&tasks, &visible(&tasks, &Filters::default(), SortBy::Priority, &cx)), ids(expected), "case: {name}");
    }
}

#[test]
fn grouped_table() {
    let tasks = fixture();
    let prefs = fixture_prefs();
    let order = priorities();
    let cx = ViewContext { today: date(TODAY), prefs: &prefs, priority_order: &order, week_starts_monday: false };
    let cases: &[GroupCase<'_>] = &[
        (
            "all, by due",
            Filters::default(),
            SortBy::Due,
            &[
                (Group::Overdue, &["overdue-30", "overdue-5"]),
                (Group::Today, &["today-high", "today-low"]),
                (Group::Tomorrow, &["tomorrow-acct"]),
                (Group::Later, &["later-odd"]),
                (Group::NoDate, &["nodate-what"]),
                (Group::Completed, &["done"]),
            ],
        ),
        (
            "all, by subject: groups keep their order, sorted inside",
            Filters::default(),
            SortBy::Subject,
            &[
                (Group::Overdue, &["overdue-5", "overdue-30"]),
                (Group::Today, &["today-high", "today-low"]),
                (Group::Tomorrow, &["tomorrow-acct"]),
                (Group::Later, &["later-odd"]),
                (Group::NoDate, &["nodate-what"]),
                (Group::Completed, &["done"]),
            ],
        ),
        (
            "overdue: only Overdue, with the stale task",
            Filters { overdue: true, ..Filters::default() },
            SortBy::Due,
            &[(Group::Overdue, &["overdue-31", "overdue-30", "overdue-5"])],
        ),
        (
            "starred",
            Filters { starred: true, ..Filters::default() },
            SortBy::Due,
            &[(Group::Today, &["today-high"]), (Group::NoDate, &["nodate-what"]), (Group::Completed, &["done"])],
        ),
        ("nothing matches: no groups", Filters { search: "zzz".into(), ..Filters::default() }, SortBy::Due, &[]),
    ];
    for (name, filters, sort, expected) in cases {
        let got: Vec<(Group, Vec<String>)> = grouped(&tasks, filters, *sort, &cx).into_iter().map(|(g, list)| (g, shown(&tasks, &list))).collect();
        let expected: Vec<(Group, Vec<String>)> = expected.iter().map(|(g, list)| (*g, ids(list))).collect();
        assert_eq!(got, expected, "case: {name}");
    }
    let mut week = vec![TodoTask { due: Some(date("2026-11-28")), ..task("sat", "x") }];
    week.push(TodoTask { due: Some(date("2026-11-29")), ..task("sun", "x") });
    let got: Vec<Group> = grouped(&week, &Filters::default(), SortBy::Due, &cx).into_iter().map(|(g, _)| g).collect();
    assert_eq!(got, [Group::ThisWeek, Group::Later]);
}

#[test]
fn shortcuts_table() {
    let mut prefs = TodoPrefs::default();
    let urgent = prefs.add_label("Urgent", "").expect("label");
    let urgent_later = prefs.add_label("Urgent later", "").expect("label");
    let star_clients = prefs.add_label("Star clients", "").expect("label");
    let to_order = prefs.add_label("Tools", "").expect("label");
    let cases: &[(&str, Vec<Shortcut>)] = &[
        ("", vec![]),
        ("u", vec![]),
        ("o", vec![]),
        ("ur", vec![Shortcut::Label(urgent.clone()), Shortcut::Label(urgent_later.clone())]),
        ("urg", vec![Shortcut::Label(urgent.clone()), Shortcut::Label(urgent_later.clone())]),
        ("URGENT L", vec![Shortcut::Label(urgent_later.clone())]),
        ("  urgent  ", vec![Shortcut::Label(urgent.clone()), Shortcut::Label(urgent_later.clone())]),
        ("gent", vec![]),
        ("ov", vec![Shortcut::Overdue]),
        ("Over", vec![Shortcut::Overdue]),
        ("overdue", vec![Shortcut::Overdue]),
        ("overdues", vec![]),
        ("to", vec![Shortcut::Label(to_order.clone()), Shortcut::DueToday]),
        ("tod", vec![Shortcut::DueToday]),
        ("today", vec![Shortcut::DueToday]),
        ("du", vec![Shortcut::DueToday]),
        ("due", vec![Shortcut::DueToday]),
        ("due t", vec![Shortcut::DueToday]),
        ("due today", vec![Shortcut::DueToday]),
        ("st", vec![Shortcut::Label(star_clients.clone()), Shortcut::Starred]),
        ("star", vec![Shortcut::Label(star_clients.clone()), Shortcut::Starred]),
        ("starr", vec![Shortcut::Starred]),
        ("starred", vec![Shortcut::Starred]),
        ("budget", vec![]),
    ];
    for (text, expected) in cases {
        assert_eq!(shortcuts(text, &prefs), *expected, "typed: {text:?}");
    }
}
