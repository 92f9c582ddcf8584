//! What the looks found, kept between polls: since when to ask, and merging.

use super::*;
use crate::feed::catalog::{EmailPlan, Plan};
use crate::feed::store::{OVERLAP_MILLIS, Stored};

fn plan() -> Plan {
    Plan { email: Some(EmailPlan { relations: None, ..email_plan() }), ..Plan::default() }
}

#[test]
fn the_first_look_reads_everything_and_later_ones_what_changed() {
    let mut stored = Stored::default();
    assert_eq!(stored.since(&plan()), None, "nothing kept: read everything");
    stored.merge(&plan(), vec![event("e1", Kind::Open, 2 * HOUR, Some("02sA"))], Some(ago(HOUR)), true, NOW);
    assert_eq!(stored.since(&plan()).map(|s| s.unix_millis()), Some(NOW - HOUR - OVERLAP_MILLIS), "from the org's latest stamp, a minute back");
    assert_eq!(stored.since(&Plan::default()), None, "another plan: read everything");

    // A look that found nothing keeps where it was.
    stored.merge(&plan(), vec![], None, false, NOW);
    assert_eq!(stored.latest, NOW - HOUR);
    assert_eq!(stored.events.len(), 1);
}

#[test]
fn merging_table() {
    let kept = || vec![event("e1", Kind::Open, 3 * DAY, Some("02sA")), event("e2", Kind::Visit, 2 * DAY, None), event("old", Kind::Visit, 29 * DAY, None)];
    // (case, fresh, complete, later (two days on), ids after, e1's age)
    type Case<'a> = (&'a str, Vec<Event>, bool, bool, Vec<&'a str>, i64);
    let cases: Vec<Case<'_>> = vec![
        ("nothing new", vec![], false, false, vec!["e1", "e2", "old"], 3 * DAY),
        ("a new event is added", vec![event("e3", Kind::Reply, HOUR, Some("02sA"))], false, false, vec!["e1", "e2", "old", "e3"], 3 * DAY),
        (
            "an event seen again replaces itself (a later last open)",
            vec![event("e1", Kind::Open, HOUR, Some("02sA"))],
            false,
            false,
            vec!["e1", "e2", "old"],
            HOUR,
        ),
        ("a whole look replaces everything", vec![event("e2", Kind::Visit, 2 * DAY, None)], true, false, vec!["e2"], 0),
        ("events leave the window", vec![], false, true, vec!["e1", "e2"], 3 * DAY),
    ];
    for (case, fresh, complete, later, ids, e1_age) in cases {
        let mut stored = Stored::default();
        stored.merge(&plan(), kept(), Some(ago(DAY)), true, NOW);
        let now = if later { NOW + 2 * DAY } else { NOW };
        stored.merge(&plan(), fresh, None, complete, now);
        let got: Vec<&str> = stored.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(got, ids, "{case}");
        if let Some(e1) = stored.events.iter().find(|e| e.id == "e1") {
            assert_eq!(NOW - e1.at.unix_millis(), e1_age, "{case}");
        }
    }
}

#[test]
fn stored_events_survive_a_round_trip_through_storage() {
    let mut stored = Stored::default();
    let open = Event { sent: Some(ago(3 * HOUR)), repeated: true, url: Some("https://acme.com".into()), ..event("e1", Kind::Open, 2 * HOUR, Some("02sA")) };
    stored.merge(&plan(), vec![open, event("e2", Kind::Assigned, DAY, None)], Some(ago(HOUR)), true, NOW);
    let json = serde_json::to_string(&stored).expect("stored");
    let back: Stored = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, stored);
    let older: Stored =
        serde_json::from_str(r#"{"events":[{"id":"x","kind":"Open","at":"2026-11-30T11:00:00.000+0000","who":null,"email":null,"url":null,"details":""}]}"#)
            .expect("an event stored before `sent` and `repeated` existed");
    assert_eq!(older.events[0].sent, None);
}
