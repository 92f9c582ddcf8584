//! EmailMessage tracking: the queries, and sent emails and replies read as events.

use serde_json::json;

use super::*;
use crate::feed::catalog::EmailPlan;
use crate::feed::email::{replies_query, reply_event, sent_events, sent_query};

const USER: &str = "005000000000001AAA";

fn plan(relations: bool) -> EmailPlan {
    EmailPlan { relations: relations.then(|| "EmailMessageRelations".to_owned()), replies: true }
}

#[test]
fn sent_query_renders_exactly_and_round_trips() {
    let cases: Vec<(&str, EmailPlan, Option<DateTime>, &str)> = vec![
        (
            "with relations, everything",
            plan(true),
            None,
            "SELECT Id, Subject, MessageDate, FirstOpenedDate, LastOpenedDate, IsBounced, SystemModstamp, \
             (SELECT RelationId, RelationObjectType, Relation.Name FROM EmailMessageRelations WHERE RelationType = 'ToAddress') \
             FROM EmailMessage WHERE CreatedById = '005000000000001AAA' AND Incoming = false AND IsTracked = true \
             AND (MessageDate = LAST_N_DAYS:30 OR LastOpenedDate = LAST_N_DAYS:30) ORDER BY MessageDate DESC LIMIT 2000",
        ),
        (
            "without relations, since a time",
            plan(false),
            Some(instant("2026-11-30T11:00:00Z")),
            "SELECT Id, Subject, MessageDate, FirstOpenedDate, LastOpenedDate, IsBounced, SystemModstamp \
             FROM EmailMessage WHERE CreatedById = '005000000000001AAA' AND Incoming = false AND IsTracked = true \
             AND (MessageDate = LAST_N_DAYS:30 OR LastOpenedDate = LAST_N_DAYS:30) \
             AND (SystemModstamp >= 2026-11-30T11:00:00Z OR LastOpenedDate >= 2026-11-30T11:00:00Z) ORDER BY MessageDate DESC LIMIT 2000",
        ),
    ];
    for (case, plan, since, expected) in cases {
        let query = sent_query(&plan, USER, since);
        assert_eq!(query.to_string(), expected, "{case}");
        round_trips(case, &query);
    }
    let hostile = sent_query(&plan(false), "0' OR Id != '", None).to_string();
    assert!(hostile.contains("CreatedById = '0\\' OR Id != \\''"), "the user id is escaped: {hostile}");
}

#[test]
fn replies_query_renders_exactly_and_round_trips() {
    let query = replies_query(&plan(true), USER, Some(instant("2026-11-30T11:00:00Z")));
    assert_eq!(
        query.to_string(),
        "SELECT Id, MessageDate, ReplyToEmailMessageId, ReplyToEmailMessage.Subject, SystemModstamp, \
         (SELECT RelationId, RelationObjectType, Relation.Name FROM EmailMessageRelations WHERE RelationType = 'FromAddress') \
         FROM EmailMessage WHERE Incoming = true AND ReplyToEmailMessage.CreatedById = '005000000000001AAA' \
         AND MessageDate = LAST_N_DAYS:30 AND SystemModstamp >= 2026-11-30T11:00:00Z ORDER BY MessageDate DESC LIMIT 2000"
    );
    round_trips("replies", &query);
}

/// A sent email as a real org answers it, with `over` replacing fields.
fn sent(over: serde_json::Value) -> serde_json::Value {
    let mut base = json!({
        "attributes": {"type": "EmailMessage", "url": "/services/data/v62.0/sobjects/EmailMessage/02s000000000001AAA"},
        "Id": "02s000000000001AAA", "Subject": "Pilot pricing", "MessageDate": "2026-11-29T09:00:00.000+0000",
        "FirstOpenedDate": null, "LastOpenedDate": null, "IsBounced": false, "SystemModstamp": "2026-11-29T09:00:00.000+0000",
        "EmailMessageRelations": {"totalSize": 2, "done": true, "records": [
            {"attributes": {"type": "EmailMessageRelation"}, "RelationId": "005000000000002AAA", "RelationObjectType": "User", "Relation": {"attributes": {"type": "Name"}, "Name": "Ian Wright"}},
            {"attributes": {"type": "EmailMessageRelation"}, "RelationId": "003000000000001AAA", "RelationObjectType": "Contact", "Relation": {"attributes": {"type": "Name"}, "Name": "Maria Chen"}}
        ]}
    });
    for (k, v) in over.as_object().expect("object") {
        base[k] = v.clone();
    }
    base
}

#[test]
fn sent_emails_as_events_table() {
    let maria = subject("003000000000001AAA", "Contact", "Maria Chen");
    // (case, record, relations, [(id, kind, at, repeated)], who)
    type Row<'a> = (&'a str, serde_json::Value, bool, Vec<(&'a str, Kind, &'a str, bool)>, Option<Subject>);
    let cases: Vec<Row<'_>> = vec![
        ("unopened: no events", sent(json!({})), true, vec![], None),
        (
            "opened once: first and last the same",
            sent(json!({"FirstOpenedDate": "2026-11-29T10:00:00.000+0000", "LastOpenedDate": "2026-11-29T10:00:00.000+0000"})),
            true,
            vec![("02s000000000001AAA:first-open", Kind::Open, "2026-11-29T10:00:00Z", false)],
            Some(maria.clone()),
        ),
        (
            "opened at two times: the last stands for one or more",
            sent(json!({"FirstOpenedDate": "2026-11-29T10:00:00.000+0000", "LastOpenedDate": "2026-11-30T08:00:00.000+0000"})),
            true,
            vec![
                ("02s000000000001AAA:first-open", Kind::Open, "2026-11-29T10:00:00Z", false),
                ("02s000000000001AAA:last-open", Kind::Open, "2026-11-30T08:00:00Z", true),
            ],
            Some(maria.clone()),
        ),
        (
            "only a last open (a first open not readable): one open",
            sent(json!({"LastOpenedDate": "2026-11-30T08:00:00.000+0000"})),
            true,
            vec![("02s000000000001AAA:first-open", Kind::Open, "2026-11-30T08:00:00Z", false)],
            Some(maria.clone()),
        ),
        (
            "bounced: at the send time",
            sent(json!({"IsBounced": true})),
            true,
            vec![("02s000000000001AAA:bounce", Kind::Bounce, "2026-11-29T09:00:00Z", false)],
            Some(maria.clone()),
        ),
        ("bounced without a send time: nothing to date it by", sent(json!({"IsBounced": true, "MessageDate": null})), true, vec![], None),
        (
            "without relations: nobody",
            sent(json!({"FirstOpenedDate": "2026-11-29T10:00:00.000+0000"})),
            false,
            vec![("02s000000000001AAA:first-open", Kind::Open, "2026-11-29T10:00:00Z", false)],
            None,
        ),
        (
            "a recipient who is only a user: nobody",
            sent(json!({"FirstOpenedDate": "2026-11-29T10:00:00.000+0000", "EmailMessageRelations": {"totalSize": 1, "done": true, "records": [
                {"RelationId": "005000000000002AAA", "RelationObjectType": "User", "Relation": {"Name": "Ian Wright"}}]}})),
            true,
            vec![("02s000000000001AAA:first-open", Kind::Open, "2026-11-29T10:00:00Z", false)],
            None,
        ),
        (
            "a lead recipient, its relations null",
            sent(json!({"FirstOpenedDate": "2026-11-29T10:00:00.000+0000", "EmailMessageRelations": {"totalSize": 1, "done": true, "records": [
                {"RelationId": "00Q000000000001AAA", "RelationObjectType": "Lead", "Relation": null}]}})),
            true,
            vec![("02s000000000001AAA:first-open", Kind::Open, "2026-11-29T10:00:00Z", false)],
            Some(subject("00Q000000000001AAA", "Lead", "")),
        ),
        ("no id", sent(json!({"Id": null, "attributes": {"type": "EmailMessage"}, "IsBounced": true})), true, vec![], None),
        ("a malformed open time", sent(json!({"FirstOpenedDate": "soon"})), true, vec![], None),
    ];
    for (case, json, relations, expected, who) in cases {
        let events = sent_events(&record(json), relations.then_some("EmailMessageRelations"));
        let got: Vec<(&str, Kind, i64, bool)> = events.iter().map(|e| (e.id.as_str(), e.kind, e.at.unix_millis(), e.repeated)).collect();
        let want: Vec<(&str, Kind, i64, bool)> = expected.iter().map(|(id, k, at, r)| (*id, *k, instant(at).unix_millis(), *r)).collect();
        assert_eq!(got, want, "{case}");
        for e in &events {
            assert_eq!(e.who, who, "{case}: the person");
            assert_eq!(e.email, Some(email("02s000000000001AAA", "Pilot pricing")), "{case}: the email");
            assert_eq!(e.sent, Some(instant("2026-11-29T09:00:00Z")), "{case}: the send time");
        }
    }
}

#[test]
fn replies_as_events_table() {
    let reply = |over: serde_json::Value| {
        let mut base = json!({
            "Id": "02s000000000009AAA", "MessageDate": "2026-11-30T07:00:00.000+0000", "ReplyToEmailMessageId": "02s000000000001AAA",
            "ReplyToEmailMessage": {"attributes": {"type": "EmailMessage"}, "Subject": "Pilot pricing"},
            "EmailMessageRelations": {"totalSize": 1, "done": true, "records": [
                {"RelationId": "003000000000001AAA", "RelationObjectType": "Contact", "Relation": {"Name": "Maria Chen"}}]}
        });
        for (k, v) in over.as_object().expect("object") {
            base[k] = v.clone();
        }
        record(base)
    };
    let expected = Event {
        who: Some(subject("003000000000001AAA", "Contact", "Maria Chen")),
        email: Some(email("02s000000000001AAA", "Pilot pricing")),
        ..Event::new("02s000000000009AAA", Kind::Reply, instant("2026-11-30T07:00:00Z"))
    };
    let cases: Vec<(&str, serde_json::Value, Option<Event>)> = vec![
        ("a reply from a contact: an event of the email it answers", json!({}), Some(expected.clone())),
        (
            "the original's subject not readable",
            json!({"ReplyToEmailMessage": null}),
            Some(Event { email: Some(email("02s000000000001AAA", "")), ..expected.clone() }),
        ),
        ("no sender among the relations", json!({"EmailMessageRelations": null}), Some(Event { who: None, ..expected.clone() })),
        ("not a reply to a known email", json!({"ReplyToEmailMessageId": null}), None),
        ("no time", json!({"MessageDate": null}), None),
        ("no id", json!({"Id": ""}), None),
    ];
    for (case, over, want) in cases {
        assert_eq!(reply_event(&reply(over), Some("EmailMessageRelations")), want, "{case}");
    }
}

#[test]
fn a_sent_email_its_reply_and_a_scanner_open_make_one_alert() {
    let email_record = record(sent(json!({"FirstOpenedDate": "2026-11-29T09:00:04.000+0000", "LastOpenedDate": "2026-11-29T09:00:20.000+0000"})));
    let mut events = sent_events(&email_record, Some("EmailMessageRelations"));
    let reply = record(json!({"Id": "02s000000000009AAA", "MessageDate": "2026-11-30T07:00:00.000+0000", "ReplyToEmailMessageId": "02s000000000001AAA"}));
    events.extend(reply_event(&reply, Some("EmailMessageRelations")));
    let alerts = crate::feed::alerts::aggregate(&events, NOW);
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].key, "email:02s000000000001AAA");
    assert_eq!(alerts[0].summary(), "Replied - 1 open, 1 reply", "the scanner's two reads count once");
    assert_eq!(alerts[0].who.as_ref().map(|w| w.name.as_str()), Some("Maria Chen"), "the person from the sent email");
}
