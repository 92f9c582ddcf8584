//! One look: the queries a plan calls for, and the answers read as events.

use serde_json::json;

use super::*;
use crate::feed::catalog::Plan;
use crate::feed::poll::{Part, events, queries, record_look};
use crate::feed::store::{OVERLAP_MILLIS, Stored};

#[test]
fn a_plans_queries_in_order() {
    let cases: Vec<(&str, Plan, Vec<Part>)> = vec![
        ("everything", full_plan(), vec![Part::Email, Part::History(0), Part::Created(0), Part::Created(1), Part::Engagement]),
        ("nothing", Plan::default(), vec![]),
        ("no email, no engagement", Plan { email: None, engagement: false, ..full_plan() }, vec![Part::History(0), Part::Created(0), Part::Created(1)]),
    ];
    for (case, plan, parts) in cases {
        let got: Vec<Part> = queries(&plan, "005000000000001AAA", None).into_iter().map(|(p, _)| p).collect();
        assert_eq!(got, parts, "{case}");
    }
    for (part, query) in queries(&full_plan(), "005000000000001AAA", Some(instant("2026-11-30T11:00:00Z"))) {
        let text = query.to_string();
        assert!(text.contains(">= 2026-11-30T11:00:00Z"), "{part:?} asks only what changed since: {text}");
        round_trips(&part.reference(), &query);
    }
}

#[test]
fn answers_read_by_their_part() {
    let history = vec![record(
        json!({"Id": "017A", "LeadId": "00QA", "Lead": {"Name": "Ana Silva"}, "NewValue": "005000000000001AAA", "CreatedById": "005000000000002AAA", "CreatedDate": "2026-11-29T09:00:00.000+0000"}),
    )];
    let got = events(&full_plan(), Part::History(0), &history, "005000000000001AAA");
    assert_eq!(got.iter().map(|e| (e.id.as_str(), e.who.as_ref().map(|w| w.object.as_str()))).collect::<Vec<_>>(), [("017A", Some("Lead"))]);
    assert!(events(&full_plan(), Part::History(1), &history, "005000000000001AAA").is_empty(), "Case has no history in this plan");
    assert!(events(&full_plan(), Part::History(7), &history, "005000000000001AAA").is_empty(), "no such object");
}

fn visit(id: &str, stamp: &str) -> Record {
    record(json!({"Id": id, "Type__c": "Web Visit", "Occurred_At__c": stamp, "Contact__c": "003A", "SystemModstamp": stamp}))
}

#[test]
fn a_look_folded_into_the_store_table() {
    let t = |s: &str| instant(s).unix_millis();
    let kept = || {
        let mut stored = Stored::default();
        let first = vec![(Part::Engagement, Some(vec![visit("a01A", "2026-11-30T08:00:00.000+0000")])), (Part::Created(0), Some(vec![]))];
        assert!(record_look(&mut stored, &full_plan(), "005", true, first, NOW));
        stored
    };
    // (case, whole, answers, all answered, ids after, latest after)
    type Case<'a> = (&'a str, bool, Vec<(Part, Option<Vec<Record>>)>, bool, Vec<&'a str>, i64);
    let full_page: Vec<Record> =
        (0..200).map(|i| record(json!({"Id": format!("00QP{i:03}"), "Name": "N", "CreatedDate": "2026-11-30T09:00:00.000+0000"}))).collect();
    let cases: Vec<Case<'_>> = vec![
        ("nothing new", false, vec![(Part::Engagement, Some(vec![])), (Part::Created(0), Some(vec![]))], true, vec!["a01A"], t("2026-11-30T08:00:00Z")),
        (
            "news: added, and `since` moves to its stamp",
            false,
            vec![(Part::Engagement, Some(vec![visit("a01B", "2026-11-30T10:00:00.000+0000")]))],
            true,
            vec!["a01A", "a01B"],
            t("2026-11-30T10:00:00Z"),
        ),
        (
            "a part failed: its news is asked for again, `since` stays",
            false,
            vec![(Part::Engagement, Some(vec![visit("a01B", "2026-11-30T10:00:00.000+0000")])), (Part::Created(0), None)],
            false,
            vec!["a01A", "a01B"],
            t("2026-11-30T08:00:00Z"),
        ),
        (
            "a whole look replaces what was kept",
            true,
            vec![(Part::Engagement, Some(vec![visit("a01C", "2026-11-30T09:00:00.000+0000")])), (Part::Created(0), Some(vec![]))],
            true,
            vec!["a01C"],
            t("2026-11-30T09:00:00Z"),
        ),
        (
            "a whole look with a failed part keeps the rest of what was kept",
            true,
            vec![(Part::Engagement, None), (Part::Created(0), Some(vec![]))],
            false,
            vec!["a01A"],
            t("2026-11-30T08:00:00Z"),
        ),
        (
            "a look since the last that filled a part's limit: the rest is still to read, `since` stays",
            false,
            vec![(Part::Created(0), Some(full_page.clone()))],
            true,
            std::iter::once("a01A").chain(full_page.iter().filter_map(|r| r.id())).collect(),
            t("2026-11-30T08:00:00Z"),
        ),
    ];
    for (case, whole, answers, answered, ids, latest) in cases {
        let mut stored = kept();
        assert_eq!(record_look(&mut stored, &full_plan(), "005", whole, answers, NOW), answered, "{case}");
        let got: Vec<&str> = stored.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(got, ids, "{case}");
        assert_eq!(stored.latest, latest, "{case}");
        assert_eq!(stored.since(&full_plan()).map(|s| s.unix_millis()), Some(latest - OVERLAP_MILLIS), "{case}");
    }
}
