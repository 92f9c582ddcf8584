//! Aggregation per email, the window, summaries and ages.

use super::*;
use crate::feed::alerts::{WINDOW_DAYS, age, aggregate};

/// (key, headline, age in millis, summary, event ids)
type Expected<'a> = (&'a str, Kind, i64, &'a str, &'a [&'a str]);

#[test]
fn aggregate_table() {
    let on_a = Some("02sA");
    let on_b = Some("02sB");
    let cases: Vec<(&str, Vec<Event>, Vec<Expected<'_>>)> = vec![
        ("no events", vec![], vec![]),
        ("a single open: singular", vec![event("e1", Kind::Open, HOUR, on_a)], vec![("email:02sA", Kind::Open, HOUR, "Opened - 1 open", &["e1"])]),
        (
            "opens only: plural",
            vec![event("e1", Kind::Open, 3 * HOUR, on_a), event("e2", Kind::Open, 2 * HOUR, on_a), event("e3", Kind::Open, HOUR, on_a)],
            vec![("email:02sA", Kind::Open, HOUR, "Opened - 3 opens", &["e3", "e2", "e1"])],
        ),
        (
            "four opens and a reply: one alert, the reply headlines, the latest time",
            vec![
                event("e1", Kind::Open, 5 * HOUR, on_a),
                event("e2", Kind::Open, 4 * HOUR, on_a),
                event("e3", Kind::Reply, 3 * HOUR, on_a),
                event("e4", Kind::Open, 2 * HOUR, on_a),
                event("e5", Kind::Open, HOUR, on_a),
            ],
            vec![("email:02sA", Kind::Reply, HOUR, "Replied - 4 opens, 1 reply", &["e5", "e4", "e3", "e2", "e1"])],
        ),
        (
            "a click beats opens",
            vec![event("e1", Kind::Open, 3 * HOUR, on_a), event("e2", Kind::Click, 2 * HOUR, on_a), event("e3", Kind::Open, HOUR, on_a)],
            vec![("email:02sA", Kind::Click, HOUR, "Clicked - 2 opens, 1 click", &["e3", "e2", "e1"])],
        ),
        (
            "a bounce beats a click",
            vec![event("e1", Kind::Click, 2 * HOUR, on_a), event("e2", Kind::Bounce, HOUR, on_a)],
            vec![("email:02sA", Kind::Bounce, HOUR, "Bounced - 1 click, 1 bounce", &["e2", "e1"])],
        ),
        (
            "a reply beats a bounce, and counts keep their order whatever came first",
            vec![event("e1", Kind::Bounce, HOUR, on_a), event("e2", Kind::Reply, 2 * HOUR, on_a)],
            vec![("email:02sA", Kind::Reply, HOUR, "Replied - 1 reply, 1 bounce", &["e1", "e2"])],
        ),
        (
            "two of everything: all plural, in the order opens, clicks, replies, bounces",
            vec![
                event("b1", Kind::Bounce, 8 * HOUR, on_a),
                event("b2", Kind::Bounce, 7 * HOUR, on_a),
                event("r1", Kind::Reply, 6 * HOUR, on_a),
                event("r2", Kind::Reply, 5 * HOUR, on_a),
                event("c1", Kind::Click, 4 * HOUR, on_a),
                event("c2", Kind::Click, 3 * HOUR, on_a),
                event("o1", Kind::Open, 2 * HOUR, on_a),
                event("o2", Kind::Open, HOUR, on_a),
            ],
            vec![("email:02sA", Kind::Reply, HOUR, "Replied - 2 opens, 2 clicks, 2 replies, 2 bounces", &["o2", "o1", "c2", "c1", "r2", "r1", "b2", "b1"])],
        ),
        (
            "two emails: two alerts, newest first (by latest event, not by headline)",
            vec![event("a1", Kind::Reply, 5 * HOUR, on_a), event("b1", Kind::Open, 2 * HOUR, on_b), event("a2", Kind::Open, HOUR, on_a)],
            vec![
                ("email:02sA", Kind::Reply, HOUR, "Replied - 1 open, 1 reply", &["a2", "a1"]),
                ("email:02sB", Kind::Open, 2 * HOUR, "Opened - 1 open", &["b1"]),
            ],
        ),
        (
            "visits are alerts of their own, even naming an email",
            vec![event("v1", Kind::Visit, 2 * HOUR, None), event("v2", Kind::Visit, HOUR, None), event("v3", Kind::Visit, 3 * HOUR, on_a)],
            vec![
                ("event:v2", Kind::Visit, HOUR, "Visited", &["v2"]),
                ("event:v1", Kind::Visit, 2 * HOUR, "Visited", &["v1"]),
                ("event:v3", Kind::Visit, 3 * HOUR, "Visited", &["v3"]),
            ],
        ),
        (
            "opens without an email are alerts of their own",
            vec![event("o1", Kind::Open, 2 * HOUR, None), event("o2", Kind::Open, HOUR, None)],
            vec![("event:o2", Kind::Open, HOUR, "Opened - 1 open", &["o2"]), ("event:o1", Kind::Open, 2 * HOUR, "Opened - 1 open", &["o1"])],
        ),
        ("an assignment", vec![event("00Q1", Kind::Assigned, DAY, None)], vec![("event:00Q1", Kind::Assigned, DAY, "Assigned to you", &["00Q1"])]),
        (
            "ties in time by key",
            vec![event("z", Kind::Visit, HOUR, None), event("a2", Kind::Open, HOUR, on_b), event("a1", Kind::Open, HOUR, on_a)],
            vec![
                ("email:02sA", Kind::Open, HOUR, "Opened - 1 open", &["a1"]),
                ("email:02sB", Kind::Open, HOUR, "Opened - 1 open", &["a2"]),
                ("event:z", Kind::Visit, HOUR, "Visited", &["z"]),
            ],
        ),
        (
            "the same event twice counts once",
            vec![
                event("e1", Kind::Open, HOUR, on_a),
                event("e1", Kind::Open, HOUR, on_a),
                event("v", Kind::Visit, HOUR, None),
                event("v", Kind::Visit, HOUR, None),
            ],
            vec![("email:02sA", Kind::Open, HOUR, "Opened - 1 open", &["e1"]), ("event:v", Kind::Visit, HOUR, "Visited", &["v"])],
        ),
        (
            "events of one email at the same instant: ids in order (two opens at once count once)",
            vec![event("e2", Kind::Open, HOUR, on_a), event("e1", Kind::Click, HOUR, on_a), event("e0", Kind::Open, HOUR, on_a)],
            vec![("email:02sA", Kind::Click, HOUR, "Clicked - 1 open, 1 click", &["e0", "e1", "e2"])],
        ),
    ];
    for (case, events, expected) in cases {
        let got: Vec<(String, Kind, i64, String, Vec<String>)> =
            aggregate(&events, NOW).iter().map(|a| (a.key.clone(), a.kind, NOW - a.at.unix_millis(), a.summary(), a.events.clone())).collect();
        let want: Vec<(String, Kind, i64, String, Vec<String>)> =
            expected.iter().map(|(k, kind, at, s, ev)| ((*k).to_owned(), *kind, *at, (*s).to_owned(), ev.iter().map(|e| (*e).to_owned()).collect())).collect();
        assert_eq!(got, want, "{case}");
    }
}

#[test]
fn the_window_at_its_edges() {
    assert_eq!(WINDOW_DAYS, 30);
    let cases: &[(&str, i64, bool)] = &[
        ("just now", 0, true),
        ("29 days ago", 29 * DAY, true),
        ("a millisecond inside 30 days", 30 * DAY - 1, true),
        ("exactly 30 days", 30 * DAY, true),
        ("a millisecond past 30 days", 30 * DAY + 1, false),
        ("31 days ago", 31 * DAY, false),
        ("in the future (clock skew)", -5 * MINUTE, true),
    ];
    for (case, at, kept) in cases {
        for (what, ev) in [("an email's open", event("e", Kind::Open, *at, Some("02sA"))), ("a visit", event("e", Kind::Visit, *at, None))] {
            assert_eq!(aggregate(&[ev], NOW).len(), usize::from(*kept), "{case}: {what}");
        }
    }
}

#[test]
fn an_email_straddling_the_window_counts_only_recent_events() {
    let events = [
        event("old1", Kind::Open, 31 * DAY, Some("02sA")),
        event("old2", Kind::Click, 30 * DAY + 1, Some("02sA")),
        event("new", Kind::Open, 29 * DAY, Some("02sA")),
    ];
    let alerts = aggregate(&events, NOW);
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].summary(), "Opened - 1 open");
    assert_eq!(alerts[0].events, ["new"]);
    assert_eq!(alerts[0].counts, BTreeMap::from([(Kind::Open, 1)]));
}

#[test]
fn an_email_alert_takes_the_newest_known_person_subject_and_url() {
    let mut newest = event("e3", Kind::Open, HOUR, Some("02sA"));
    newest.who = None;
    newest.email = Some(email("02sA", ""));
    let mut click = event("e2", Kind::Click, 2 * HOUR, Some("02sA"));
    click.url = Some("https://acme.com/pricing".to_owned());
    click.who = Some(subject("003B", "Contact", "Jonas Berg"));
    click.email = Some(email("02sA", "Re: Pilot pricing"));
    let oldest = event("e1", Kind::Open, 3 * HOUR, Some("02sA"));
    let alerts = aggregate(&[oldest, newest, click], NOW);
    assert_eq!(alerts.len(), 1);
    let alert = &alerts[0];
    assert_eq!(alert.who, Some(subject("003B", "Contact", "Jonas Berg")), "the newest event with a person");
    assert_eq!(alert.email, Some(email("02sA", "Re: Pilot pricing")), "the newest non-blank subject");
    assert_eq!(alert.url.as_deref(), Some("https://acme.com/pricing"), "the newest URL");
    assert_eq!(alert.at, ago(HOUR));
    assert_eq!(alert.summary(), "Clicked - 2 opens, 1 click", "an email's click shows counts, not the URL");
}

#[test]
fn summary_table() {
    let with = |kind: Kind, url: Option<&str>, on: bool, counts: &[(Kind, u32)]| Alert {
        url: url.map(str::to_owned),
        email: on.then(|| email("02sA", "Pilot pricing")),
        counts: counts.iter().copied().collect(),
        ..alert("k", kind, HOUR)
    };
    let cases: Vec<(&str, Alert, &str)> = vec![
        ("a visit", with(Kind::Visit, Some("https://acme.com/pricing"), false, &[(Kind::Visit, 1)]), "Visited - acme.com/pricing"),
        ("http and a trailing slash", with(Kind::Visit, Some("http://acme.com/"), false, &[(Kind::Visit, 1)]), "Visited - acme.com"),
        ("an upper-case scheme", with(Kind::Visit, Some(" HTTPS://Acme.com/x/ "), false, &[(Kind::Visit, 1)]), "Visited - Acme.com/x"),
        ("no scheme", with(Kind::Visit, Some("acme.com/demo"), false, &[(Kind::Visit, 1)]), "Visited - acme.com/demo"),
        ("a visit without a URL", with(Kind::Visit, None, false, &[(Kind::Visit, 1)]), "Visited"),
        ("a click without an email: its URL", with(Kind::Click, Some("https://acme.com/demo"), false, &[(Kind::Click, 1)]), "Clicked - acme.com/demo"),
        ("a click without an email nor a URL", with(Kind::Click, None, false, &[(Kind::Click, 1)]), "Clicked"),
        ("an email's click: counts", with(Kind::Click, Some("https://acme.com/demo"), true, &[(Kind::Click, 1)]), "Clicked - 1 click"),
        ("an assignment", with(Kind::Assigned, None, false, &[(Kind::Assigned, 1)]), "Assigned to you"),
        ("zero counts are left out", with(Kind::Reply, None, true, &[(Kind::Open, 0), (Kind::Reply, 1)]), "Replied - 1 reply"),
        ("no counts: the label alone", with(Kind::Open, None, true, &[]), "Opened"),
        ("one bounce", with(Kind::Bounce, None, true, &[(Kind::Bounce, 1)]), "Bounced - 1 bounce"),
        ("many opens", with(Kind::Open, None, true, &[(Kind::Open, 12)]), "Opened - 12 opens"),
        ("singular and plural mixed", with(Kind::Reply, None, true, &[(Kind::Reply, 1), (Kind::Open, 4)]), "Replied - 4 opens, 1 reply"),
        (
            "one of each",
            with(Kind::Reply, None, true, &[(Kind::Bounce, 1), (Kind::Reply, 1), (Kind::Click, 1), (Kind::Open, 1)]),
            "Replied - 1 open, 1 click, 1 reply, 1 bounce",
        ),
    ];
    for (case, alert, summary) in cases {
        assert_eq!(alert.summary(), summary, "{case}");
    }
}

#[test]
fn age_table() {
    let cases: &[(&str, i64, &str)] = &[
        ("now", 0, "just now"),
        ("59 seconds", 59_999, "just now"),
        ("in the future", -HOUR, "just now"),
        ("a minute", MINUTE, "1m ago"),
        ("five minutes and change", 5 * MINUTE + 59_000, "5m ago"),
        ("59 minutes", HOUR - 1, "59m ago"),
        ("an hour", HOUR, "1h ago"),
        ("three hours", 3 * HOUR + 20 * MINUTE, "3h ago"),
        ("just under a day", DAY - 1, "23h ago"),
        ("a day", DAY, "1d ago"),
        ("twelve days", 12 * DAY + 23 * HOUR, "12d ago"),
        ("thirty days", 30 * DAY, "30d ago"),
    ];
    for (case, elapsed, text) in cases {
        assert_eq!(age(&ago(*elapsed), NOW), *text, "{case}");
    }
    let offset = instant("2026-11-30T13:55:00+02:00");
    assert_eq!(age(&offset, NOW), "5m ago", "the offset is honoured");
}

/// An open of email 02sA `at` ms ago, the email sent `sent` ms ago.
fn open(id: &str, at: i64, sent: Option<i64>, repeated: bool) -> Event {
    Event { sent: sent.map(ago), repeated, ..event(id, Kind::Open, at, Some("02sA")) }
}

#[test]
fn mail_scanners_and_bursts_table() {
    const SECOND: i64 = 1000;
    let sent = Some(2 * HOUR);
    // (case, events, summary, headline time)
    let cases: Vec<(&str, Vec<Event>, &str)> = vec![
        ("one open an hour after sending", vec![open("o1", HOUR, sent, false)], "Opened - 1 open"),
        ("one open 5 s after sending: a scanner, said so", vec![open("o1", 2 * HOUR - 5 * SECOND, sent, false)], "Opened (possibly by a mail scanner)"),
        ("29 s after sending: still a scanner", vec![open("o1", 2 * HOUR - 29 * SECOND, sent, false)], "Opened (possibly by a mail scanner)"),
        ("30 s after sending: a person", vec![open("o1", 2 * HOUR - 30 * SECOND, sent, false)], "Opened - 1 open"),
        ("an open without a known send time: a person", vec![open("o1", 2 * HOUR - 5 * SECOND, None, false)], "Opened - 1 open"),
        (
            "a scanner's burst of opens in a minute counts once",
            vec![
                open("o1", 2 * HOUR - 2 * SECOND, sent, false),
                open("o2", 2 * HOUR - 20 * SECOND, sent, false),
                open("o3", 2 * HOUR - 61 * SECOND, sent, false),
            ],
            "Opened (possibly by a mail scanner)",
        ),
        (
            "a scanner, then the person an hour later: both count once, no scanner note",
            vec![open("o1", 2 * HOUR - 2 * SECOND, sent, false), open("o2", HOUR, sent, false)],
            "Opened - 2 opens",
        ),
        (
            "a person's opens a minute or more apart all count",
            vec![open("o1", 3 * MINUTE, sent, false), open("o2", 2 * MINUTE, sent, false), open("o3", MINUTE, sent, false)],
            "Opened - 3 opens",
        ),
        ("opens 59 s apart count once", vec![open("o1", 3 * MINUTE, sent, false), open("o2", 3 * MINUTE - 59 * SECOND, sent, false)], "Opened - 1 open"),
        (
            "EmailMessage's first and last open: at least two",
            vec![open("02sA:first-open", 3 * HOUR / 2, sent, false), open("02sA:last-open", HOUR, sent, true)],
            "Opened - 2+ opens",
        ),
        (
            "a first and last open within a minute: once, not \"2+\"",
            vec![open("02sA:first-open", HOUR, sent, false), open("02sA:last-open", HOUR - 30 * SECOND, sent, true)],
            "Opened - 1 open",
        ),
        (
            "a scanner's open and a reply: the reply headlines, the open counts once",
            vec![open("o1", 2 * HOUR - 2 * SECOND, sent, false), event("r1", Kind::Reply, HOUR, Some("02sA"))],
            "Replied - 1 open, 1 reply",
        ),
    ];
    for (case, events, summary) in cases {
        let alerts = aggregate(&events, NOW);
        assert_eq!(alerts.len(), 1, "{case}");
        assert_eq!(alerts[0].summary(), summary, "{case}");
        let newest = events.iter().map(|e| e.at.unix_millis()).max().expect("events");
        assert_eq!(alerts[0].at_millis(), newest, "{case}: the alert is as new as its newest event, counted or not");
    }
}

#[test]
fn a_record_assigned_twice_is_one_alert_at_the_latest() {
    let assigned = |id: &str, record: &str, at: i64| Event { who: Some(subject(record, "Lead", "Ana Silva")), ..event(id, Kind::Assigned, at, None) };
    let events = vec![
        assigned("00QA", "00QA", 3 * DAY),  // created for the user
        assigned("017H1", "00QA", DAY),     // reassigned to them later
        assigned("017H2", "00QB", 2 * DAY), // another lead
    ];
    let alerts = aggregate(&events, NOW);
    let got: Vec<(&str, i64)> = alerts.iter().map(|a| (a.key.as_str(), a.at_millis())).collect();
    assert_eq!(got, [("event:017H1", NOW - DAY), ("event:017H2", NOW - 2 * DAY)]);
}

#[test]
fn an_engagement_tools_copies_count_only_where_the_email_records_nothing() {
    let email_open = |id: &str, at: i64| Event { tracked: true, ..event(id, Kind::Open, at, Some("02sA")) };
    let tool = |id: &str, kind: Kind, at: i64| event(id, kind, at, Some("02sA"));
    let cases: Vec<(&str, Vec<Event>, &str)> = vec![
        ("the tool alone: its opens count", vec![tool("t1", Kind::Open, 2 * HOUR), tool("t2", Kind::Open, HOUR)], "Opened - 2 opens"),
        (
            "the email recorded an open: the tool's open and reply of it are copies",
            vec![email_open("02sA:first-open", 2 * HOUR), tool("t1", Kind::Open, 2 * HOUR), tool("t2", Kind::Reply, HOUR)],
            "Opened - 1 open",
        ),
        (
            "the tool's click stays (the email records none)",
            vec![email_open("02sA:first-open", 2 * HOUR), tool("t1", Kind::Click, HOUR)],
            "Clicked - 1 open, 1 click",
        ),
    ];
    for (case, events, summary) in cases {
        let alerts = aggregate(&events, NOW);
        assert_eq!(alerts.iter().map(Alert::summary).collect::<Vec<_>>(), [summary], "{case}");
    }
}
