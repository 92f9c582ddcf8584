//! Labels (limits, names, ids never reused), stars, drag order, pruning,
//! and the synced JSON.

use super::*;
use crate::todo::prefs::{COLORS, Label, LabelError, MAX_LABELS, TodoPrefs, storage_key};

/// (case, labels before, name typed, answer, name stored)
type AddCase<'a> = (&'a str, &'a [&'a str], &'a str, Result<&'a str, LabelError>, &'a str);
/// (case, label id, new name, answer, every label's name after)
type RenameCase<'a> = (&'a str, &'a str, &'a str, Result<(), LabelError>, &'a [&'a str]);
/// (case, order before, shown, moved, before, order after)
type MoveCase<'a> = (&'a str, &'a [&'a str], &'a [&'a str], &'a str, Option<&'a str>, &'a [&'a str]);

fn with_labels(names: &[&str]) -> TodoPrefs {
    let mut prefs = TodoPrefs::default();
    for name in names {
        prefs.add_label(name, "#0176d3").expect(name);
    }
    prefs
}

#[test]
fn add_label_table() {
    let ten: Vec<String> = (1..=MAX_LABELS).map(|n| format!("Label {n}")).collect();
    let ten: Vec<&str> = ten.iter().map(String::as_str).collect();
    let cases: &[AddCase<'_>] = &[
        ("the first label is l0", &[], "Urgent", Ok("l0"), "Urgent"),
        ("the name is trimmed", &[], "  Urgent \t", Ok("l0"), "Urgent"),
        ("ids count up", &["Home", "Work"], "Urgent", Ok("l2"), "Urgent"),
        ("blank", &[], "   ", Err(LabelError::NoName), ""),
        ("empty", &["Home"], "", Err(LabelError::NoName), ""),
        ("same name", &["Urgent"], "Urgent", Err(LabelError::Duplicate), ""),
        ("same name, other case and spaces", &["Urgent"], " uRGENT ", Err(LabelError::Duplicate), ""),
        ("non-ASCII case folding", &["Überfällig"], "ÜBERFÄLLIG", Err(LabelError::Duplicate), ""),
        ("a longer name is no duplicate", &["Urgent"], "Urgent 2", Ok("l1"), "Urgent 2"),
        ("the 10th", &ten[..9], "Ten", Ok("l9"), "Ten"),
        ("an 11th", &ten, "Eleven", Err(LabelError::TooMany), ""),
        ("an 11th, even blank: too many first", &ten, "", Err(LabelError::TooMany), ""),
    ];
    for (name, existing, new, expected, stored) in cases {
        let mut prefs = with_labels(existing);
        let before = prefs.clone();
        let got = prefs.add_label(new, "#2e844a");
        assert_eq!(got.as_deref().map_err(Clone::clone), *expected, "case: {name}");
        match expected {
            Ok(id) => {
                let label = prefs.label(id).expect(name);
                assert_eq!((label.name.as_str(), label.color.as_str()), (*stored, "#2e844a"), "case: {name}");
                assert_eq!(prefs.labels.len(), existing.len() + 1, "case: {name}");
            }
            Err(_) => assert_eq!(prefs, before, "case: {name}: nothing changes"),
        }
    }
}

#[test]
fn label_errors_read_well() {
    let cases: &[(LabelError, &str)] = &[
        (LabelError::TooMany, "You can have up to 10 labels. Delete one to add another."),
        (LabelError::NoName, "Give the label a name."),
        (LabelError::Duplicate, "You already have a label with that name."),
        (LabelError::NotFound, "This label doesn't exist anymore."),
    ];
    for (error, text) in cases {
        assert_eq!(error.to_string(), *text, "error: {error:?}");
    }
}

#[test]
fn ids_are_never_reused_and_colors_default_in_turn() {
    let mut prefs = TodoPrefs::default();
    let a = prefs.add_label("A", "").expect("A");
    let b = prefs.add_label("B", " ").expect("B");
    assert_eq!((a.as_str(), b.as_str()), ("l0", "l1"));
    assert_eq!(prefs.label(&a).map(|l| l.color.as_str()), Some(COLORS[0]));
    assert_eq!(prefs.label(&b).map(|l| l.color.as_str()), Some(COLORS[1]));
    prefs.delete_label(&b).expect("delete");
    assert_eq!(prefs.add_label("B", "").as_deref(), Ok("l2"), "l1 is not reused");
    // A next_id behind the labels (an older browser synced) skips ids in use.
    prefs.next_id = 0;
    assert_eq!(prefs.add_label("C", "").as_deref(), Ok("l1"), "a next_id behind the labels never collides with one in use");
    assert_eq!(prefs.next_id, 2);
    assert_eq!(prefs.add_label("D", "").as_deref(), Ok("l3"), "l2 is taken");
    // Ten labels, then room again after a delete.
    while prefs.labels.len() < MAX_LABELS {
        let name = format!("Extra {}", prefs.labels.len());
        prefs.add_label(&name, "").expect("room");
    }
    assert_eq!(prefs.add_label("Eleventh", ""), Err(LabelError::TooMany));
    prefs.delete_label("l0").expect("delete");
    assert!(prefs.add_label("Eleventh", "").is_ok());
}

#[test]
fn rename_label_table() {
    let cases: &[RenameCase<'_>] = &[
        ("a new name, trimmed", "l0", "  Today  ", Ok(()), &["Today", "Home"]),
        ("a change of case only", "l0", "URGENT", Ok(()), &["URGENT", "Home"]),
        ("the same name", "l0", "Urgent", Ok(()), &["Urgent", "Home"]),
        ("another label's name", "l0", "home", Err(LabelError::Duplicate), &["Urgent", "Home"]),
        ("blank", "l1", " ", Err(LabelError::NoName), &["Urgent", "Home"]),
        ("unknown label", "l7", "Other", Err(LabelError::NotFound), &["Urgent", "Home"]),
    ];
    for (name, id, new, expected, names) in cases {
        let mut prefs = with_labels(&["Urgent", "Home"]);
        assert_eq!(prefs.rename_label(id, new), *expected, "case: {name}");
        let got: Vec<&str> = prefs.labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(got, *names, "case: {name}");
    }
}

#[test]
fn labels_on_tasks() {
    let mut prefs = with_labels(&["Urgent", "Home", "Work"]);
    // (task, label, expected answer)
    let steps: &[(&str, &str, Result<bool, LabelError>)] = &[
        ("t1", "l2", Ok(true)),
        ("t1", "l0", Ok(true)),
        ("t2", "l0", Ok(true)),
        ("t1", "l2", Ok(false)),
        ("t1", "l2", Ok(true)),
        ("t3", "l9", Err(LabelError::NotFound)),
        ("t2", "l0", Ok(false)),
    ];
    for (n, (task, label, expected)) in steps.iter().enumerate() {
        assert_eq!(prefs.toggle_label(task, label), *expected, "step {n}: toggle {label} on {task}");
    }
    let names = |prefs: &TodoPrefs, task: &str| prefs.labels_of(task).iter().map(|l| l.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&prefs, "t1"), ["Urgent", "Work"], "in the labels' order, not the order put on");
    assert!(names(&prefs, "t2").is_empty());
    assert!(!prefs.task_labels.contains_key("t2"), "no empty entries");
    assert!(!prefs.task_labels.contains_key("t3"), "an unknown label adds nothing");
    assert!(names(&prefs, "nobody").is_empty());

    prefs.toggle_label("t2", "l2").expect("on");
    assert_eq!(prefs.delete_label("l2"), Ok(()));
    assert_eq!(prefs.delete_label("l2"), Err(LabelError::NotFound));
    assert_eq!(names(&prefs, "t1"), ["Urgent"]);
    assert!(!prefs.task_labels.contains_key("t2"), "t2 had only the deleted label");
    assert!(prefs.task_labels.values().all(|ids| !ids.iter().any(|id| id == "l2")));
    assert_eq!(prefs.toggle_label("t1", "l2"), Err(LabelError::NotFound), "deleted in another browser");
}

#[test]
fn stars_toggle() {
    let mut prefs = TodoPrefs::default();
    let steps: &[(&str, bool)] = &[("t1", true), ("t2", true), ("t1", false), ("t1", true), ("t2", false)];
    for (n, (task, expected)) in steps.iter().enumerate() {
        assert_eq!(prefs.toggle_star(task), *expected, "step {n}: star {task}");
        assert_eq!(prefs.is_starred(task), *expected, "step {n}: is_starred {task}");
    }
    assert_eq!(prefs.starred.iter().collect::<Vec<_>>(), ["t1"]);
}

#[test]
fn move_task_table() {
    let cases: &[MoveCase<'_>] = &[
        ("first drag: shown becomes the order", &[], &["a", "b", "c", "d"], "d", Some("b"), &["a", "d", "b", "c"]),
        ("to the top", &[], &["a", "b", "c"], "c", Some("a"), &["c", "a", "b"]),
        ("to the end", &[], &["a", "b", "c"], "a", None, &["b", "c", "a"]),
        ("down one", &[], &["a", "b", "c"], "a", Some("c"), &["b", "a", "c"]),
        ("before itself: no move", &[], &["a", "b", "c"], "b", Some("b"), &["a", "b", "c"]),
        ("before a task not shown: the end", &[], &["a", "b", "c"], "a", Some("zz"), &["b", "c", "a"]),
        ("hidden tasks keep their order after the shown ones", &["x", "a", "y", "b", "c"], &["b", "a", "c"], "c", Some("b"), &["c", "b", "a", "x", "y"]),
        ("a moved task that was not shown is inserted", &["x"], &["a", "b"], "n", Some("b"), &["a", "n", "b", "x"]),
        ("duplicates collapse", &["a", "x", "x"], &["a", "b", "a"], "b", Some("a"), &["b", "a", "x"]),
        ("an empty list", &[], &[], "a", None, &["a"]),
    ];
    for (name, before_order, shown, moved, before, expected) in cases {
        let mut prefs = TodoPrefs { order: ids(before_order), ..TodoPrefs::default() };
        prefs.move_task(&ids(shown), moved, *before);
        assert_eq!(prefs.order, ids(expected), "case: {name}");
    }
}

#[test]
fn prune_keeps_only_listed_tasks() {
    let mut prefs = with_labels(&["Urgent"]);
    for task in ["keep", "old", "deleted"] {
        prefs.toggle_label(task, "l0").expect("label");
        prefs.toggle_star(task);
    }
    prefs.order = ids(&["old", "keep", "deleted", "new"]);
    prefs.prune(&ids(&["keep", "new", "unseen"]));
    assert_eq!(prefs.task_labels.keys().collect::<Vec<_>>(), ["keep"]);
    assert_eq!(prefs.starred.iter().collect::<Vec<_>>(), ["keep"]);
    assert_eq!(prefs.order, ids(&["keep", "new"]));
    assert_eq!(prefs.labels.len(), 1, "labels themselves stay");
    prefs.prune(&[]);
    assert!(prefs.task_labels.is_empty() && prefs.starred.is_empty() && prefs.order.is_empty());
}

#[test]
fn json_is_stable_camel_case() {
    let mut prefs = TodoPrefs::default();
    prefs.add_label("Urgent", "#ba0517").expect("label");
    prefs.toggle_label("00T1", "l0").expect("toggle");
    prefs.toggle_star("00T1");
    prefs.order = ids(&["00T1"]);
    let json = prefs.to_json();
    assert_eq!(
        json,
        r##"{"labels":[{"id":"l0","name":"Urgent","color":"#ba0517"}],"taskLabels":{"00T1":["l0"]},"starred":["00T1"],"order":["00T1"],"nextId":1}"##
    );
    let cases: &[(&str, Option<&str>, TodoPrefs)] = &[
        ("round trip", Some(json.as_str()), prefs.clone()),
        ("nothing stored", None, TodoPrefs::default()),
        ("garbage", Some("{not json"), TodoPrefs::default()),
        ("wrong shape", Some("[1,2]"), TodoPrefs::default()),
        ("missing keys default (an older version)", Some(r#"{"starred":["a"]}"#), TodoPrefs { starred: ["a".to_owned()].into(), ..TodoPrefs::default() }),
        (
            "unknown keys ignored (a newer version)",
            Some(r##"{"nextId":4,"theme":"dark","labels":[{"id":"l3","name":"Work","color":"#0176d3"}]}"##),
            TodoPrefs { next_id: 4, labels: vec![Label { id: "l3".into(), name: "Work".into(), color: "#0176d3".into() }], ..TodoPrefs::default() },
        ),
    ];
    for (name, json, expected) in cases {
        assert_eq!(TodoPrefs::from_json(*json), *expected, "case: {name}");
    }
    assert_eq!(storage_key("005000000000001AAA"), "todo.005000000000001AAA");
}
