//! Table tests of the feed logic.

mod alerts;
mod catalog;
mod email;
mod ownership;
mod poll;
mod screen;
mod seen;
mod source;
mod store;
mod view;

use std::collections::BTreeMap;

use salesforce_rest::soql::DateTime;
use salesforce_rest::wire::Record;

use super::alerts::Alert;
use super::catalog::{EmailPlan, HistoryPlan, OwnedPlan, Plan, RelationsPlan};
use super::source::{EmailRef, Event, Kind, Subject};

/// The tests' "now": 2026-11-30T12:00:00Z.
const NOW: i64 = 1_796_040_000_000;
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

fn instant(s: &str) -> DateTime {
    DateTime::parse(s).expect(s)
}

/// `ago` milliseconds before [`NOW`].
fn ago(ago: i64) -> DateTime {
    DateTime::from_unix_millis(NOW - ago)
}

fn record(json: serde_json::Value) -> Record {
    serde_json::from_value(json).expect("record")
}

fn subject(id: &str, object: &str, name: &str) -> Subject {
    Subject { id: id.to_owned(), object: object.to_owned(), name: name.to_owned() }
}

fn email(id: &str, subject: &str) -> EmailRef {
    EmailRef { id: id.to_owned(), subject: subject.to_owned() }
}

/// An event `at` milliseconds ago about Maria, on `email` if given.
fn event(id: &str, kind: Kind, at: i64, on: Option<&str>) -> Event {
    Event {
        id: id.to_owned(),
        kind,
        at: ago(at),
        who: Some(subject("003A", "Contact", "Maria Chen")),
        email: on.map(|e| email(e, "Pilot pricing")),
        url: None,
        details: String::new(),
        sent: None,
        repeated: false,
        tracked: false,
    }
}

/// An alert of one event of `kind`, `at` milliseconds ago.
fn alert(key: &str, kind: Kind, at: i64) -> Alert {
    Alert {
        key: key.to_owned(),
        kind,
        at: ago(at),
        who: None,
        email: None,
        url: None,
        counts: BTreeMap::from([(kind, 1)]),
        events: vec![key.to_owned()],
        opens_more: false,
        maybe_scanner: false,
    }
}

/// Leads, with their Owner history, as a plan names them from describe.
fn lead_plan() -> OwnedPlan {
    let history = HistoryPlan { object: "LeadHistory".into(), parent_field: "LeadId".into(), relationship: "Lead".into() };
    OwnedPlan { object: "Lead".into(), name_field: "Name".into(), history: Some(history) }
}

/// Cases, by their number, without history.
fn case_plan() -> OwnedPlan {
    OwnedPlan { object: "Case".into(), name_field: "CaseNumber".into(), history: None }
}

/// Email tracking with its people and replies, by the describe's names.
fn email_plan() -> EmailPlan {
    let relations = RelationsPlan { children: "EmailMessageRelations".into(), relation: "Relation".into() };
    EmailPlan { relations: Some(relations), replies: Some("ReplyToEmailMessage".into()) }
}

/// Every source: email tracking, Leads (with history) and Cases, engagement events.
fn full_plan() -> Plan {
    Plan { email: Some(email_plan()), owned: vec![lead_plan(), case_plan()], engagement: true }
}

/// `parse(render(query)) == query`: what is sent is the SOQL meant.
fn round_trips(case: &str, query: &salesforce_rest::soql::Query) {
    let text = query.to_string();
    let parsed = salesforce_rest::soql::parse(&text).unwrap_or_else(|e| panic!("{case}: {text} parses: {e:?}"));
    assert_eq!(&parsed, query, "{case}: parse(render(q)) == q");
}

fn keys(alerts: &[&Alert]) -> Vec<String> {
    alerts.iter().map(|a| a.key.clone()).collect()
}

#[test]
fn now_is_the_documented_instant() {
    assert_eq!(instant("2026-11-30T12:00:00Z").unix_millis(), NOW);
}
