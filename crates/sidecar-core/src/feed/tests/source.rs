//! The queries, type values, and records read as events.

use serde_json::json;

use super::*;
use crate::feed::source::{event_from_record, events_query};

#[test]
fn events_query_renders_exactly_and_round_trips() {
    let fields = "Id, Type__c, Occurred_At__c, Url__c, Details__c, Email_Message__c, Email_Message__r.Subject, Contact__c, \
                  Contact__r.Name, Lead__c, Lead__r.Name, Account__c, Account__r.Name, SystemModstamp";
    let cases: &[(&str, &str, &str)] = &[
        ("a user id", "005000000000001AAA", "'005000000000001AAA'"),
        ("a quote and a backslash are escaped", "005'x\\", "'005\\'x\\\\'"),
        ("an empty id", "", "''"),
    ];
    for (case, user, literal) in cases {
        let query = events_query(user, None);
        let expected = format!(
            "SELECT {fields} FROM Engagement_Event__c WHERE OwnerId = {literal} AND Occurred_At__c = LAST_N_DAYS:30 \
             ORDER BY Occurred_At__c DESC LIMIT 2000"
        );
        assert_eq!(query.to_string(), expected, "{case}");
        round_trips(case, &query);
    }
    let since = events_query("005000000000001AAA", Some(instant("2026-11-30T11:59:00Z")));
    assert!(since.to_string().contains("AND Occurred_At__c = LAST_N_DAYS:30 AND SystemModstamp >= 2026-11-30T11:59:00Z ORDER BY"), "{since}");
    round_trips("since", &since);
}

#[test]
fn kinds_from_type_values_and_labels() {
    let cases: &[(&str, Option<Kind>)] = &[
        ("Email Open", Some(Kind::Open)),
        ("Email Reply", Some(Kind::Reply)),
        ("Link Click", Some(Kind::Click)),
        ("Email Bounce", Some(Kind::Bounce)),
        ("Web Visit", Some(Kind::Visit)),
        ("Form Submit", Some(Kind::Visit)),
        (" Email Open ", Some(Kind::Open)),
        ("email open", None),
        ("Email Forward", None),
        ("", None),
    ];
    for (value, kind) in cases {
        assert_eq!(Kind::from_type(value), *kind, "{value:?}");
    }
    let labels: &[(Kind, &str)] = &[
        (Kind::Open, "Opened"),
        (Kind::Reply, "Replied"),
        (Kind::Click, "Clicked"),
        (Kind::Bounce, "Bounced"),
        (Kind::Visit, "Visited"),
        (Kind::Assigned, "Assigned to you"),
    ];
    for (kind, label) in labels {
        assert_eq!(kind.label(), *label, "{kind:?}");
    }
}

/// A full record as the org answers [`events_query`].
fn full() -> serde_json::Value {
    json!({
        "attributes": {"type": "Engagement_Event__c", "url": "/services/data/v62.0/sobjects/Engagement_Event__c/a01000000000001AAA"},
        "Id": "a01000000000001AAA",
        "Type__c": "Email Open",
        "Occurred_At__c": "2026-11-29T15:00:00.000+0000",
        "Url__c": null,
        "Details__c": "Opened on iPhone",
        "Email_Message__c": "02s000000000001AAA",
        "Email_Message__r": {"attributes": {"type": "EmailMessage", "url": "/services/data/v62.0/sobjects/EmailMessage/02s000000000001AAA"}, "Subject": "Pilot pricing"},
        "Contact__c": "003000000000001AAA",
        "Contact__r": {"attributes": {"type": "Contact"}, "Name": "Maria Chen"},
        "Lead__c": null,
        "Lead__r": null,
        "Account__c": "001000000000001AAA",
        "Account__r": {"attributes": {"type": "Account"}, "Name": "Acme"}
    })
}

/// `full()` with some fields replaced (null removes nothing: it sets null).
fn with(changes: serde_json::Value) -> serde_json::Value {
    let mut base = full();
    for (k, v) in changes.as_object().expect("object") {
        base[k] = v.clone();
    }
    base
}

fn without(fields: &[&str]) -> serde_json::Value {
    let mut base = full();
    for f in fields {
        base.as_object_mut().expect("object").remove(*f);
    }
    base
}

#[test]
fn events_from_records_table() {
    let maria = || Some(subject("003000000000001AAA", "Contact", "Maria Chen"));
    let pilot = || Some(email("02s000000000001AAA", "Pilot pricing"));
    let expected = |kind: Kind, who: Option<Subject>, on: Option<EmailRef>, url: Option<&str>, details: &str| {
        Some(Event {
            id: "a01000000000001AAA".to_owned(),
            kind,
            at: instant("2026-11-29T15:00:00Z"),
            who,
            email: on,
            url: url.map(str::to_owned),
            details: details.to_owned(),
            sent: None,
            repeated: false,
            tracked: false,
        })
    };
    let cases: Vec<(&str, serde_json::Value, Option<Event>)> = vec![
        ("a full open", full(), expected(Kind::Open, maria(), pilot(), None, "Opened on iPhone")),
        (
            "a click with its URL",
            with(json!({"Type__c": "Link Click", "Url__c": "https://acme.com/pricing"})),
            expected(Kind::Click, maria(), pilot(), Some("https://acme.com/pricing"), "Opened on iPhone"),
        ),
        ("a blank URL is none", with(json!({"Url__c": "  "})), expected(Kind::Open, maria(), pilot(), None, "Opened on iPhone")),
        (
            "no contact: the lead",
            with(json!({"Contact__c": null, "Contact__r": null, "Lead__c": "00Q000000000001AAA", "Lead__r": {"Name": "Sofia Ruiz"}})),
            expected(Kind::Open, Some(subject("00Q000000000001AAA", "Lead", "Sofia Ruiz")), pilot(), None, "Opened on iPhone"),
        ),
        (
            "no contact nor lead: the account",
            with(json!({"Contact__c": null, "Contact__r": null})),
            expected(Kind::Open, Some(subject("001000000000001AAA", "Account", "Acme")), pilot(), None, "Opened on iPhone"),
        ),
        (
            "nobody at all",
            with(json!({"Contact__c": null, "Contact__r": null, "Account__c": null, "Account__r": null})),
            expected(Kind::Open, None, pilot(), None, "Opened on iPhone"),
        ),
        (
            "the person's id only from the relationship",
            without(&["Contact__c"]).pipe(|mut v| {
                v["Contact__r"] = json!({"Id": "003000000000002AAA", "Name": "Jonas Berg"});
                v
            }),
            expected(Kind::Open, Some(subject("003000000000002AAA", "Contact", "Jonas Berg")), pilot(), None, "Opened on iPhone"),
        ),
        (
            "an id without its relationship: no name",
            without(&["Contact__r", "Email_Message__r"]),
            expected(Kind::Open, Some(subject("003000000000001AAA", "Contact", "")), Some(email("02s000000000001AAA", "")), None, "Opened on iPhone"),
        ),
        (
            "no email: a visit",
            with(json!({"Type__c": "Web Visit", "Email_Message__c": null, "Email_Message__r": null, "Url__c": "https://acme.com/"})),
            expected(Kind::Visit, maria(), None, Some("https://acme.com/"), "Opened on iPhone"),
        ),
        (
            "a form submit is a visit",
            with(json!({"Type__c": "Form Submit", "Email_Message__c": null, "Email_Message__r": null})),
            expected(Kind::Visit, maria(), None, None, "Opened on iPhone"),
        ),
        (
            "a time with another offset is the same instant",
            with(json!({"Occurred_At__c": "2026-11-29T16:00:00+01:00"})),
            expected(Kind::Open, maria(), pilot(), None, "Opened on iPhone"),
        ),
        (
            "null and non-text fields become empty",
            with(json!({"Details__c": null, "Contact__r": {"Name": 42}, "Email_Message__r": {"Subject": null}})),
            expected(Kind::Open, Some(subject("003000000000001AAA", "Contact", "")), Some(email("02s000000000001AAA", "")), None, ""),
        ),
        ("the id from attributes.url", without(&["Id"]), expected(Kind::Open, maria(), pilot(), None, "Opened on iPhone")),
        ("no id at all", without(&["Id", "attributes"]), None),
        (
            "a blank id",
            with(json!({"Id": ""})).pipe(|mut v| {
                v.as_object_mut().expect("object").remove("attributes");
                v
            }),
            None,
        ),
        ("an unknown type", with(json!({"Type__c": "Email Forward"})), None),
        ("a null type", with(json!({"Type__c": null})), None),
        ("no time", without(&["Occurred_At__c"]), None),
        ("a malformed time", with(json!({"Occurred_At__c": "yesterday"})), None),
        ("a time without a zone", with(json!({"Occurred_At__c": "2026-11-29T15:00:00"})), None),
        ("a number for the time", with(json!({"Occurred_At__c": 1_796_000_000})), None),
        ("an empty record", json!({}), None),
    ];
    for (case, json, event) in cases {
        assert_eq!(event_from_record(&record(json)), event, "{case}");
    }
}

/// `value.pipe(f)`: tweak a JSON value inline in a table.
trait Pipe: Sized {
    fn pipe(self, f: impl FnOnce(Self) -> Self) -> Self {
        f(self)
    }
}

impl Pipe for serde_json::Value {}
