//! EmailMessage tracking: the queries, and sent emails and replies read as events.

use serde_json::json;

use super::*;
use crate::feed::catalog::{EmailPlan, RelationsPlan};
use crate::feed::email::{events, query, reply_event, sent_events};

const USER: &str = "005000000000001AAA";

fn plan(relations: bool) -> EmailPlan {
    let plan = email_plan();
    EmailPlan { relations: plan.relations.filter(|_| relations), ..plan }
}

#[test]
fn the_query_renders_exactly_and_round_trips() {
    const SENT: &str = "(CreatedById = '005000000000001AAA' AND Incoming = false AND IsTracked = true \
                        AND (MessageDate = LAST_N_DAYS:30 OR LastOpenedDate = LAST_N_DAYS:30))";
    const REPLIES: &str = "(Incoming = true AND ReplyToEmailMessage.CreatedById = '005000000000001AAA' AND MessageDate = LAST_N_DAYS:30)";
    let cases: Vec<(&str, EmailPlan, Option<DateTime>, String)> = vec![
        (
            "sent emails and replies, with their people",
            plan(true),
            None,
            format!(
                "SELECT Id, Subject, MessageDate, Incoming, FirstOpenedDate, LastOpenedDate, IsBounced, SystemModstamp, \
                 ReplyToEmailMessageId, ReplyToEmailMessage.Subject, (SELECT RelationId, RelationObjectType, RelationType, Relation.Name \
                 FROM EmailMessageRelations WHERE RelationType IN ('ToAddress', 'FromAddress')) FROM EmailMessage \
                 WHERE {SENT} OR {REPLIES} ORDER BY MessageDate DESC LIMIT 2000"
            ),
        ),
        (
            "without relations, since a time",
            plan(false),
            Some(instant("2026-11-30T11:00:00Z")),
            format!(
                "SELECT Id, Subject, MessageDate, Incoming, FirstOpenedDate, LastOpenedDate, IsBounced, SystemModstamp, \
                 ReplyToEmailMessageId, ReplyToEmailMessage.Subject FROM EmailMessage WHERE ({SENT} OR {REPLIES}) \
                 AND (SystemModstamp >= 2026-11-30T11:00:00Z OR LastOpenedDate >= 2026-11-30T11:00:00Z) ORDER BY MessageDate DESC LIMIT 2000"
            ),
        ),
        (
            "no replies the user can read: sent emails only",
            EmailPlan { replies: None, ..plan(false) },
            None,
            format!(
                "SELECT Id, Subject, MessageDate, Incoming, FirstOpenedDate, LastOpenedDate, IsBounced, SystemModstamp FROM EmailMessage \
                 WHERE {} ORDER BY MessageDate DESC LIMIT 2000",
                &SENT[1..SENT.len() - 1]
            ),
        ),
    ];
    for (case, plan, since, expected) in cases {
        let query = query(&plan, USER, since);
        assert_eq!(query.to_string(), expected, "{case}");
        round_trips(case, &query);
    }
    let hostile = query(&plan(false), "0' OR Id != '", None).to_string();
    assert!(hostile.contains("CreatedById = '0\\' OR Id != \\''"), "the user id is escaped: {hostile}");
    let renamed = EmailPlan { relations: Some(RelationsPlan { children: "Relations".into(), relation: "Who".into() }), replies: Some("InReplyTo".into()) };
    let text = query(&renamed, USER, None).to_string();
    assert!(text.contains("InReplyTo.Subject") && text.contains("Who.Name FROM Relations"), "relationship names come from the plan: {text}");
}

/// A sent email as a real org answers it, with `over` replacing fields.
fn sent(over: serde_json::Value) -> serde_json::Value {
    let mut base = json!({
        "attributes": {"type": "EmailMessage", "url": "/services/data/v62.0/sobjects/EmailMessage/02s000000000001AAA"},
        "Id": "02s000000000001AAA", "Subject": "Pilot pricing", "MessageDate": "2026-11-29T09:00:00.000+0000",
        "Incoming": false, "FirstOpenedDate": null, "LastOpenedDate": null, "IsBounced": false, "SystemModstamp": "2026-11-29T09:00:00.000+0000",
        "EmailMessageRelations": {"totalSize": 2, "done": true, "records": [
            {"attributes": {"type": "EmailMessageRelation"}, "RelationId": "005000000000002AAA", "RelationObjectType": "User", "RelationType": "FromAddress", "Relation": {"attributes": {"type": "Name"}, "Name": "Ian Wright"}},
            {"attributes": {"type": "EmailMessageRelation"}, "RelationId": "003000000000009AAA", "RelationObjectType": "Contact", "RelationType": "CcAddress", "Relation": {"attributes": {"type": "Name"}, "Name": "Cc Contact"}},
            {"attributes": {"type": "EmailMessageRelation"}, "RelationId": "003000000000001AAA", "RelationObjectType": "Contact", "RelationType": "ToAddress", "Relation": {"attributes": {"type": "Name"}, "Name": "Maria Chen"}}
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
            "bounced: when Salesforce recorded it",
            sent(json!({"IsBounced": true, "SystemModstamp": "2026-11-29T09:03:00.000+0000"})),
            true,
            vec![("02s000000000001AAA:bounce", Kind::Bounce, "2026-11-29T09:03:00Z", false)],
            Some(maria.clone()),
        ),
        (
            "bounced, no stamp: at the send time",
            sent(json!({"IsBounced": true, "SystemModstamp": null})),
            true,
            vec![("02s000000000001AAA:bounce", Kind::Bounce, "2026-11-29T09:00:00Z", false)],
            Some(maria.clone()),
        ),
        ("bounced without a time at all", sent(json!({"IsBounced": true, "MessageDate": null, "SystemModstamp": null})), true, vec![], None),
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
                {"RelationId": "005000000000002AAA", "RelationObjectType": "User", "RelationType": "ToAddress", "Relation": {"Name": "Ian Wright"}}]}})),
            true,
            vec![("02s000000000001AAA:first-open", Kind::Open, "2026-11-29T10:00:00Z", false)],
            None,
        ),
        (
            "a lead recipient, its relations null",
            sent(json!({"FirstOpenedDate": "2026-11-29T10:00:00.000+0000", "EmailMessageRelations": {"totalSize": 1, "done": true, "records": [
                {"RelationId": "00Q000000000001AAA", "RelationObjectType": "Lead", "RelationType": "ToAddress", "Relation": null}]}})),
            true,
            vec![("02s000000000001AAA:first-open", Kind::Open, "2026-11-29T10:00:00Z", false)],
            Some(subject("00Q000000000001AAA", "Lead", "")),
        ),
        ("no id", sent(json!({"Id": null, "attributes": {"type": "EmailMessage"}, "IsBounced": true})), true, vec![], None),
        ("a malformed open time", sent(json!({"FirstOpenedDate": "soon"})), true, vec![], None),
    ];
    for (case, json, relations, expected, who) in cases {
        let events = sent_events(&record(json), &plan(relations));
        let got: Vec<(&str, Kind, i64, bool)> = events.iter().map(|e| (e.id.as_str(), e.kind, e.at.unix_millis(), e.repeated)).collect();
        let want: Vec<(&str, Kind, i64, bool)> = expected.iter().map(|(id, k, at, r)| (*id, *k, instant(at).unix_millis(), *r)).collect();
        assert_eq!(got, want, "{case}");
        for e in &events {
            assert_eq!(e.who, who, "{case}: the person");
            assert_eq!(e.email, Some(email("02s000000000001AAA", "Pilot pricing")), "{case}: the email");
            assert_eq!(e.sent, Some(instant("2026-11-29T09:00:00Z")), "{case}: the send time");
            assert!(e.tracked, "{case}: recorded by Salesforce's email tracking");
        }
    }
}

#[test]
fn replies_as_events_table() {
    let reply = |over: serde_json::Value| {
        let mut base = json!({
            "Id": "02s000000000009AAA", "Incoming": true, "MessageDate": "2026-11-30T07:00:00.000+0000", "ReplyToEmailMessageId": "02s000000000001AAA",
            "ReplyToEmailMessage": {"attributes": {"type": "EmailMessage"}, "Subject": "Pilot pricing"},
            "EmailMessageRelations": {"totalSize": 1, "done": true, "records": [
                {"RelationId": "005000000000002AAA", "RelationObjectType": "User", "RelationType": "ToAddress", "Relation": {"Name": "Ian Wright"}},
                {"RelationId": "003000000000001AAA", "RelationObjectType": "Contact", "RelationType": "FromAddress", "Relation": {"Name": "Maria Chen"}}]}
        });
        for (k, v) in over.as_object().expect("object") {
            base[k] = v.clone();
        }
        record(base)
    };
    let expected = Event {
        who: Some(subject("003000000000001AAA", "Contact", "Maria Chen")),
        email: Some(email("02s000000000001AAA", "Pilot pricing")),
        tracked: true,
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
        assert_eq!(reply_event(&reply(over), &plan(true)), want, "{case}");
    }
}

#[test]
fn a_sent_email_its_reply_and_a_scanner_open_make_one_alert() {
    let email_record = record(sent(json!({"FirstOpenedDate": "2026-11-29T09:00:04.000+0000", "LastOpenedDate": "2026-11-29T09:00:20.000+0000"})));
    let reply = record(
        json!({"Id": "02s000000000009AAA", "Incoming": true, "MessageDate": "2026-11-30T07:00:00.000+0000", "ReplyToEmailMessageId": "02s000000000001AAA"}),
    );
    let events: Vec<Event> = [email_record, reply].iter().flat_map(|r| events(r, &plan(true))).collect();
    let alerts = crate::feed::alerts::aggregate(&events, NOW);
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].key, "email:02s000000000001AAA");
    assert_eq!(alerts[0].summary(), "Replied - 1 open, 1 reply", "the scanner's two reads count once");
    assert_eq!(alerts[0].who.as_ref().map(|w| w.name.as_str()), Some("Maria Chen"), "the person from the sent email");
}
