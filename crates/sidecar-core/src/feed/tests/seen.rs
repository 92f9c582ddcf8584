//! The unseen count and badge, notifications without repeats, news.

use super::*;
use crate::feed::seen::{SeenState, badge_text, has_news, to_notify, unseen_count};
use crate::feed::view::Dismissed;

/// Alerts as (key, age in millis).
type Keyed<'a> = &'a [(&'a str, i64)];
/// (case, a poll's alerts, the keys to notify)
type PollCase<'a> = (&'a str, Keyed<'a>, &'a [&'a str]);
/// (case, shown, fresh, news?)
type NewsCase<'a> = (&'a str, Keyed<'a>, Keyed<'a>, bool);

fn state(seen_until: i64, notified_until: i64) -> SeenState {
    SeenState { seen_until, notified_until }
}

#[test]
fn unseen_count_table() {
    let alerts = [alert("a", Kind::Open, HOUR), alert("b", Kind::Reply, 2 * HOUR), alert("c", Kind::Visit, 3 * HOUR)];
    // (case, seen until, dismissed keys, unseen)
    let cases: &[(&str, i64, &[&str], usize)] = &[
        ("never looked", 0, &[], 3),
        ("saw up to b", NOW - 2 * HOUR, &[], 1),
        ("saw up to a millisecond before b", NOW - 2 * HOUR - 1, &[], 2),
        ("saw everything", NOW - HOUR, &[], 0),
        ("saw later than everything", NOW, &[], 0),
        ("a dismissed alert does not count", 0, &["a"], 2),
        ("dismissed and seen", NOW - 2 * HOUR, &["a"], 0),
    ];
    for (case, seen_until, dismissed_keys, expected) in cases {
        let mut dismissed = Dismissed::default();
        for a in alerts.iter().filter(|a| dismissed_keys.contains(&a.key.as_str())) {
            dismissed.dismiss(a);
        }
        assert_eq!(unseen_count(&alerts, &state(*seen_until, 0), &dismissed), *expected, "{case}");
    }
}

#[test]
fn badge_text_table() {
    let cases: &[(usize, &str)] = &[(0, ""), (1, "1"), (9, "9"), (10, "10"), (99, "99"), (100, "99+"), (2000, "99+")];
    for (count, text) in cases {
        assert_eq!(badge_text(*count), *text, "{count}");
    }
}

#[test]
fn notifications_are_not_repeated_across_polls() {
    let none = Dismissed::default();
    let mut seen = SeenState::default();
    // (case, the poll's alerts as (key, age), what to notify)
    let polls: &[PollCase<'_>] = &[
        ("the first poll: everything, newest first", &[("a", 2 * HOUR), ("b", HOUR)], &["b", "a"]),
        ("the same again: nothing", &[("a", 2 * HOUR), ("b", HOUR)], &[]),
        ("a new alert between the old ones: not newer than notified", &[("a", 2 * HOUR), ("x", 90 * MINUTE), ("b", HOUR)], &[]),
        ("a new alert and a newer event on an old one", &[("a", 5 * MINUTE), ("b", HOUR), ("c", 10 * MINUTE)], &["a", "c"]),
        ("then nothing", &[("a", 5 * MINUTE), ("b", HOUR), ("c", 10 * MINUTE)], &[]),
        ("no alerts at all", &[], &[]),
        ("a newer one after an empty poll", &[("d", MINUTE)], &["d"]),
    ];
    for (case, alerts, expected) in polls {
        let alerts: Vec<Alert> = alerts.iter().map(|(k, at)| alert(k, Kind::Open, *at)).collect();
        let notify = to_notify(&alerts, &seen, &none);
        assert_eq!(keys(&notify), expected.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>(), "{case}");
        seen.notified(&notify);
    }
    assert_eq!(seen, state(0, NOW - MINUTE), "notified_until is the newest notified");
}

#[test]
fn to_notify_leaves_out_dismissed_and_seen_alerts() {
    let alerts = [alert("a", Kind::Open, HOUR), alert("b", Kind::Reply, 2 * HOUR), alert("c", Kind::Visit, 3 * HOUR)];
    let mut dismissed = Dismissed::default();
    dismissed.dismiss(&alerts[0]);
    assert_eq!(keys(&to_notify(&alerts, &SeenState::default(), &dismissed)), ["b", "c"], "dismissed");

    let mut seen = SeenState::default();
    seen.saw(&alerts[1..]);
    assert_eq!(seen, state(NOW - 2 * HOUR, NOW - 2 * HOUR), "saw raises both");
    assert_eq!(keys(&to_notify(&alerts, &seen, &Dismissed::default())), ["a"], "what the user saw is not notified");
}

#[test]
fn seen_state_only_rises() {
    let mut seen = state(NOW, NOW);
    seen.saw(&[alert("old", Kind::Open, DAY)]);
    seen.notified(&[&alert("old", Kind::Open, DAY)]);
    assert_eq!(seen, state(NOW, NOW), "older alerts do not lower it");
    seen.saw(&[]);
    seen.notified(&[]);
    assert_eq!(seen, state(NOW, NOW), "nothing changes nothing");

    let mut seen = state(0, NOW);
    seen.saw(&[alert("a", Kind::Open, HOUR)]);
    assert_eq!(seen, state(NOW - HOUR, NOW), "notified stays ahead of seen");
}

#[test]
fn seen_state_storage_json() {
    let json = serde_json::to_value(state(1, 2)).expect("json");
    assert_eq!(json, serde_json::json!({"seenUntil": 1, "notifiedUntil": 2}));
    let cases: &[(&str, serde_json::Value, SeenState)] = &[
        ("both", serde_json::json!({"seenUntil": 5, "notifiedUntil": 6}), state(5, 6)),
        ("missing fields default", serde_json::json!({"seenUntil": 5}), state(5, 0)),
        ("empty", serde_json::json!({}), state(0, 0)),
    ];
    for (case, json, expected) in cases {
        assert_eq!(serde_json::from_value::<SeenState>(json.clone()).expect(case), *expected, "{case}");
    }
}

#[test]
fn has_news_table() {
    // (case, shown as (key, age), fresh as (key, age), news?)
    let cases: &[NewsCase<'_>] = &[
        ("nothing either side", &[], &[], false),
        ("the same list", &[("a", HOUR), ("b", 2 * HOUR)], &[("a", HOUR), ("b", 2 * HOUR)], false),
        ("the same list in another order", &[("a", HOUR), ("b", 2 * HOUR)], &[("b", 2 * HOUR), ("a", HOUR)], false),
        ("a new key", &[("a", HOUR)], &[("n", 3 * HOUR), ("a", HOUR)], true),
        ("a newer event on a shown alert", &[("a", HOUR), ("b", 2 * HOUR)], &[("a", HOUR), ("b", MINUTE)], true),
        ("an older time for a shown alert", &[("a", HOUR)], &[("a", 2 * HOUR)], false),
        ("an alert gone (aged out)", &[("a", HOUR), ("b", 2 * HOUR)], &[("a", HOUR)], false),
        ("everything gone", &[("a", HOUR)], &[], false),
        ("the first load", &[], &[("a", HOUR)], true),
    ];
    let list = |items: &[(&str, i64)]| items.iter().map(|(k, at)| alert(k, Kind::Open, *at)).collect::<Vec<_>>();
    for (case, shown, fresh, news) in cases {
        assert_eq!(has_news(&list(shown), &list(fresh)), *news, "{case}");
    }
}

#[test]
fn notification_ids_carry_the_record_they_open() {
    use crate::feed::seen::{PendingOpen, notification_id, notification_target};
    let with_who = Alert { who: Some(subject("003000000000001AAA", "Contact", "Maria Chen")), ..alert("email:02sA", Kind::Open, HOUR) };
    assert_eq!(notification_id(&with_who), "email:02sA|Contact|003000000000001AAA");
    assert_eq!(notification_target(&notification_id(&with_who)), Some(("Contact".into(), "003000000000001AAA".into())));
    let nobody = alert("event:a01A", Kind::Visit, HOUR);
    assert_eq!(notification_target(&notification_id(&nobody)), None, "an alert about nobody opens nothing");
    for hostile in ["", "|Contact|003", "k|Con tact|003", "k|Contact|003/../x", "k|Contact|", "a|b"] {
        assert_eq!(notification_target(hostile), None, "{hostile:?}");
    }
    let pending = PendingOpen { object: "Lead".into(), id: "00QA".into(), at: NOW };
    assert!(pending.is_fresh(NOW) && pending.is_fresh(NOW + PendingOpen::FRESH_MILLIS - 1));
    assert!(!pending.is_fresh(NOW + PendingOpen::FRESH_MILLIS) && !pending.is_fresh(NOW - 1), "stale, or from a future clock");
}
