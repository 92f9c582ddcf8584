//! Type filters, order, paging in 15s, dismissals.

use std::collections::BTreeSet;

use super::*;
use crate::feed::alerts::aggregate;
use crate::feed::view::{Dismissed, FeedView, PAGE, shown};

/// (case, kinds, oldest first, dismissed keys, shown keys)
type FilterCase<'a> = (&'a str, &'a [Kind], bool, &'a [&'a str], &'a [&'a str]);

/// `n` visits, `a00` the newest, a minute apart.
fn many(n: usize) -> Vec<Alert> {
    (0..n).map(|i| alert(&format!("a{i:02}"), Kind::Visit, (i as i64 + 1) * MINUTE)).collect()
}

fn view(kinds: &[Kind], oldest_first: bool, pages: usize) -> FeedView {
    FeedView { kinds: kinds.iter().copied().collect::<BTreeSet<_>>(), oldest_first, pages }
}

fn dismissed_all(alerts: &[&Alert]) -> Dismissed {
    let mut d = Dismissed::default();
    for a in alerts {
        d.dismiss(a);
    }
    d
}

#[test]
fn paging_in_15s_table() {
    assert_eq!(PAGE, 15);
    // (case, alerts, pages, shown, more left)
    let cases: &[(&str, usize, usize, usize, bool)] = &[
        ("none", 0, 1, 0, false),
        ("fewer than a page", 14, 1, 14, false),
        ("exactly a page", 15, 1, 15, false),
        ("one more than a page", 16, 1, 15, true),
        ("two pages of 16", 16, 2, 16, false),
        ("exactly two pages", 30, 2, 30, false),
        ("one more than two pages", 31, 2, 30, true),
        ("three pages of 31", 31, 3, 31, false),
        ("more pages than alerts", 5, 4, 5, false),
        ("pages 0 (the default view) is the first page", 20, 0, 15, true),
    ];
    for (case, n, pages, len, more) in cases {
        let alerts = many(*n);
        for oldest_first in [false, true] {
            let (list, left) = shown(&alerts, &view(&[], oldest_first, *pages), &Dismissed::default());
            assert_eq!((list.len(), left), (*len, *more), "{case} (oldest first: {oldest_first})");
            if let Some(first) = list.first() {
                let expected = if oldest_first { format!("a{:02}", n - 1) } else { "a00".to_owned() };
                assert_eq!(first.key, expected, "{case} (oldest first: {oldest_first}): the first shown");
            }
        }
    }
}

#[test]
fn filters_order_and_dismissals_table() {
    let alerts = vec![
        alert("c", Kind::Click, 5 * HOUR),
        alert("o", Kind::Open, HOUR),
        alert("v", Kind::Visit, 3 * HOUR),
        alert("r", Kind::Reply, 2 * HOUR),
        alert("s", Kind::Assigned, 4 * HOUR),
        alert("t2", Kind::Bounce, 6 * HOUR),
        alert("t1", Kind::Bounce, 6 * HOUR),
    ];
    let by_key = |key: &str| alerts.iter().find(|a| a.key == key).expect(key);
    let cases: &[FilterCase<'_>] = &[
        ("all kinds, newest first, ties by key", &[], false, &[], &["o", "r", "v", "s", "c", "t1", "t2"]),
        ("oldest first: the exact reverse", &[], true, &[], &["t2", "t1", "c", "s", "v", "r", "o"]),
        ("only visits", &[Kind::Visit], false, &[], &["v"]),
        ("opens and replies", &[Kind::Open, Kind::Reply], false, &[], &["o", "r"]),
        ("opens and replies, oldest first", &[Kind::Open, Kind::Reply], true, &[], &["r", "o"]),
        ("bounces", &[Kind::Bounce], false, &[], &["t1", "t2"]),
        ("a kind with no alert", &[Kind::Assigned, Kind::Click], false, &["s", "c"], &[]),
        ("dismissed are left out", &[], false, &["r", "t1"], &["o", "v", "s", "c", "t2"]),
    ];
    for (case, kinds, oldest_first, dismissed, expected) in cases {
        let dismissed = dismissed_all(&dismissed.iter().map(|k| by_key(k)).collect::<Vec<_>>());
        let (list, more) = shown(&alerts, &view(kinds, *oldest_first, 1), &dismissed);
        assert_eq!(keys(&list), expected.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>(), "{case}");
        assert!(!more, "{case}: nothing left");
    }
}

#[test]
fn filters_and_dismissals_apply_before_paging() {
    let mut alerts = many(20);
    for a in alerts.iter_mut().step_by(2) {
        a.kind = Kind::Open;
    }
    let (list, more) = shown(&alerts, &view(&[Kind::Open], false, 1), &Dismissed::default());
    assert_eq!((list.len(), more), (10, false), "ten opens fit one page");

    let alerts = many(16);
    let dismissed = dismissed_all(&[&alerts[3]]);
    let (list, more) = shown(&alerts, &view(&[], false, 1), &dismissed);
    assert_eq!((list.len(), more), (15, false), "16 minus one dismissed fit one page");
    assert!(list.iter().all(|a| a.key != "a03"));
}

#[test]
fn is_dismissed_table() {
    // (case, dismissed alert's age, shown alert's key and age, dismissed?)
    let cases: &[(&str, i64, &str, i64, bool)] = &[
        ("the same alert", HOUR, "k", HOUR, true),
        ("an older version of it (a late-synced older event)", HOUR, "k", 2 * HOUR, true),
        ("a newer event, a millisecond later: back", HOUR, "k", HOUR - 1, false),
        ("a newer event: back", HOUR, "k", MINUTE, false),
        ("another alert", HOUR, "other", HOUR, false),
    ];
    for (case, dismissed_at, key, at, expected) in cases {
        let dismissed = dismissed_all(&[&alert("k", Kind::Open, *dismissed_at)]);
        assert_eq!(dismissed.is_dismissed(&alert(key, Kind::Open, *at)), *expected, "{case}");
    }
}

#[test]
fn a_dismissed_email_alert_comes_back_after_a_newer_event() {
    let mut events = vec![event("e1", Kind::Open, 3 * HOUR, Some("02sA")), event("e2", Kind::Open, 2 * HOUR, Some("02sA"))];
    let alerts = aggregate(&events, NOW);
    let mut dismissed = Dismissed::default();
    dismissed.dismiss(&alerts[0]);
    assert!(shown(&aggregate(&events, NOW), &FeedView::default(), &dismissed).0.is_empty(), "dismissed");

    events.push(event("e0", Kind::Open, 4 * HOUR, Some("02sA")));
    assert!(shown(&aggregate(&events, NOW), &FeedView::default(), &dismissed).0.is_empty(), "an older event does not bring it back");

    events.push(event("e3", Kind::Reply, HOUR, Some("02sA")));
    let alerts = aggregate(&events, NOW);
    let (list, _) = shown(&alerts, &FeedView::default(), &dismissed);
    assert_eq!(keys(&list), ["email:02sA"], "a newer reply brings it back");
    assert_eq!(list[0].summary(), "Replied - 3 opens, 1 reply", "with every event of the window");

    dismissed.dismiss(list[0]);
    assert!(shown(&alerts, &FeedView::default(), &dismissed).0.is_empty(), "dismissed again");
    assert_eq!(dismissed.keys.get("email:02sA"), Some(&(NOW - HOUR)));
}

#[test]
fn dismissing_keeps_the_latest_time() {
    let mut dismissed = Dismissed::default();
    dismissed.dismiss(&alert("k", Kind::Open, HOUR));
    dismissed.dismiss(&alert("k", Kind::Open, 3 * HOUR));
    assert_eq!(dismissed.keys.get("k"), Some(&(NOW - HOUR)), "a stale copy does not lower it");
}

#[test]
fn prune_table() {
    let cases: &[(&str, i64, bool)] = &[
        ("recent", HOUR, true),
        ("exactly 30 days", 30 * DAY, true),
        ("a millisecond past 30 days", 30 * DAY + 1, false),
        ("long ago", 365 * DAY, false),
        ("in the future", -HOUR, true),
    ];
    for (case, at, kept) in cases {
        let mut dismissed = dismissed_all(&[&alert("k", Kind::Open, *at), &alert("fresh", Kind::Open, MINUTE)]);
        dismissed.prune(NOW);
        assert_eq!(dismissed.keys.contains_key("k"), *kept, "{case}");
        assert!(dismissed.keys.contains_key("fresh"), "{case}: others stay");
    }
}

#[test]
fn dismissed_round_trips_through_storage_json() {
    let dismissed = dismissed_all(&[&alert("email:02sA", Kind::Open, HOUR)]);
    let json = serde_json::to_value(&dismissed).expect("json");
    assert_eq!(json, serde_json::json!({"keys": {"email:02sA": NOW - HOUR}}));
    assert_eq!(serde_json::from_value::<Dismissed>(json).expect("back"), dismissed);
}
