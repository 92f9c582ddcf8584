//! The `demo` profile's email engagement for My Feed: tracked emails Ian sent
//! in the last 40 days (each logged as a completed email Task), some opened
//! (`IsOpened`, open dates), bounced or answered (an Incoming reply with the
//! same ThreadIdentifier): what Salesforce records on EmailMessage itself.
//! Every email has its EmailMessageRelation rows (FromAddress: the sender,
//! ToAddress: the recipient, each a User, Contact or Lead). What EmailMessage
//! does not record is `Engagement_Event__c`: link clicks (linked to their
//! email), web visits and form submissions. The demo-page people get
//! scripted, recent engagement so the feed's top is about them. An org
//! without EmailMessage, EmailMessageRelation or Engagement_Event__c
//! (`--without`) gets the rest.

use rusqlite::types::Value as Sql;
use salesforce_rest::SfId;
use serde_json::json;

use super::SeedError;
use super::demo::{Org, Person};
use super::seeder::Seeder;

const SUBJECTS: &[&str] = &[
    "Following up on our conversation",
    "Pricing overview for your team",
    "Quick question about your rollout",
    "Case study: 40% faster fulfilment",
    "Agenda for next week",
    "Your trial workspace is ready",
    "Proposal and next steps",
];

const PAGES: &[&str] =
    &["https://sidecar.devorg/pricing", "https://sidecar.devorg/case-studies/acme", "https://sidecar.devorg/demo", "https://sidecar.devorg/security"];

/// What happens to one email after it is sent.
struct Fate {
    sent_days_ago: i64,
    opens: i64,
    click: bool,
    bounce: bool,
    reply: bool,
}

struct Event<'a> {
    kind: &'a str,
    at: String,
    person: &'a Person,
    email: Option<&'a SfId>,
    url: Option<&'a str>,
    details: String,
}

fn event(s: &mut Seeder<'_>, ian: &SfId, e: &Event<'_>) -> Result<(), SeedError> {
    if !s.has("Engagement_Event__c") {
        return Ok(());
    }
    let lead = e.person.account.is_none();
    let inbox = e.email.is_some();
    let body = json!({
        "Type__c": e.kind, "Occurred_At__c": e.at, "Url__c": e.url, "Details__c": e.details,
        "Email_Message__c": e.email.map(SfId::as_str),
        "Contact__c": if lead { None } else { Some(e.person.id.as_str()) },
        "Lead__c": if lead { Some(e.person.id.as_str()) } else { None },
        "Account__c": e.person.account.as_ref().map(SfId::as_str),
        "Source__c": if inbox { "Inbox" } else { "Account Engagement" },
    });
    let id = s.create("Engagement_Event__c", &body, ian)?;
    s.stamp("Engagement_Event__c", &id, &e.at, &e.at)
}

pub fn seed(s: &mut Seeder<'_>, org: &Org) -> Result<(), SeedError> {
    let ian = &org.ian;
    // The demo-page people first, scripted: Sofia opened yesterday's email
    // this morning, David clicked, Maria and Jonas replied.
    let mut sends: Vec<(&Person, Fate)> = vec![
        (&org.leads[1], Fate { sent_days_ago: 1, opens: 3, click: false, bounce: false, reply: false }),
        (&org.contacts[0], Fate { sent_days_ago: 2, opens: 4, click: true, bounce: false, reply: true }),
        (&org.leads[0], Fate { sent_days_ago: 4, opens: 2, click: true, bounce: false, reply: false }),
        (&org.contacts[1], Fate { sent_days_ago: 6, opens: 1, click: false, bounce: false, reply: true }),
    ];
    let others: Vec<&Person> = org.contacts.iter().skip(2).chain(org.leads.iter().skip(2)).filter(|p| &p.owner == ian).collect();
    for (i, person) in others.iter().take(22).enumerate() {
        // One bounce in the last week for certain, a few more at random.
        let bounce = i == 0 || s.rng.chance(8);
        let opened = !bounce && s.rng.chance(70);
        let opens = if opened { s.rng.range(1, 4) } else { 0 };
        let fate = Fate {
            sent_days_ago: if i == 0 { 3 } else { s.rng.range(1, 38) },
            opens,
            click: opened && s.rng.chance(35),
            bounce,
            reply: opened && s.rng.chance(30),
        };
        sends.push((person, fate));
    }
    for (i, (person, fate)) in sends.iter().enumerate() {
        send(s, org, person, fate, SUBJECTS[i % SUBJECTS.len()], i)?;
    }

    // Web visits and form submissions (Account Engagement), newest first.
    let visitors: Vec<&Person> = sends.iter().map(|(p, _)| *p).collect();
    for (i, person) in visitors.iter().take(14).enumerate() {
        let kind = if i % 4 == 2 { "Form Submit" } else { "Web Visit" };
        let url = *s.rng.pick(PAGES);
        let minutes = i as i64 * 2 * 1440 + s.rng.range(0, 600);
        let details = if kind == "Form Submit" { format!("Submitted the form on {url}") } else { format!("Visited {url}") };
        let at = s.minutes_ago(minutes);
        event(s, ian, &Event { kind, at, person, email: None, url: Some(url), details })?;
    }
    Ok(())
}

/// Who an email is from or to: an EmailMessageRelation row.
fn relation(s: &mut Seeder<'_>, email: &SfId, kind: &str, who: &SfId, address: &str, at: &str, ian: &SfId) -> Result<(), SeedError> {
    if !s.has("EmailMessageRelation") {
        return Ok(());
    }
    let body = json!({"EmailMessageId": email.as_str(), "RelationId": who.as_str(), "RelationAddress": address, "RelationType": kind});
    let id = s.create("EmailMessageRelation", &body, ian)?;
    s.stamp("EmailMessageRelation", &id, at, at)
}

/// An RFC 5322 Message-ID for the `n`th demo email (`reply` for its answer).
fn message_id(n: usize, reply: bool) -> String {
    format!("<demo-{n:03}{}@sidecar.devorg>", if reply { "-re" } else { "" })
}

/// One tracked email from Ian and everything that followed it.
fn send(s: &mut Seeder<'_>, org: &Org, person: &Person, fate: &Fate, subject: &str, n: usize) -> Result<(), SeedError> {
    let ian = &org.ian;
    let sent_ago = fate.sent_days_ago * 1440 + s.rng.range(0, 480);
    let sent_at = s.minutes_ago(sent_ago);
    let first = person.name.split(' ').next().unwrap_or("there");
    let text = format!("Hi {first},\n\n{subject}: I put the details together below. Would a short call this week work?\n\nBest,\nIan");

    // The email is logged as a completed Task, as Salesforce's Inbox does.
    let body = json!({
        "Subject": format!("Email: {subject}"), "Status": "Completed", "Priority": "Normal", "Type": "Email", "TaskSubtype": "Email",
        "ActivityDate": sent_at.get(..10), "WhoId": person.id.as_str(), "WhatId": person.account.as_ref().map(SfId::as_str),
        "Description": text,
    });
    let task = s.create("Task", &body, ian)?;
    s.stamp("Task", &task, &sent_at, &sent_at)?;
    s.set("Task", &task, "CompletedDateTime", Sql::Text(sent_at.clone()))?;

    // Opens are spread between the send and now, oldest first.
    let mut opens: Vec<i64> = (0..fate.opens).map(|_| s.rng.range(0, sent_ago - 1)).collect();
    opens.sort_unstable_by(|a, b| b.cmp(a));
    if !s.has("EmailMessage") {
        return Ok(());
    }
    // RelatedToId: the contact's account; a lead's email relates to no record.
    let thread = message_id(n, false);
    let mut body = json!({
        "Subject": subject, "TextBody": text, "FromName": "Ian Wright", "FromAddress": super::DEMO_USER_IAN,
        "ToAddress": person.email, "MessageDate": sent_at, "Status": "3", "Incoming": false, "IsTracked": true,
        "IsBounced": fate.bounce, "IsOpened": !opens.is_empty(), "RelatedToId": person.account.as_ref().map(SfId::as_str),
        "ActivityId": task.as_str(), "MessageIdentifier": thread, "ThreadIdentifier": thread,
    });
    if let (Some(first), Some(last)) = (opens.first(), opens.last()) {
        body["FirstOpenedDate"] = json!(s.minutes_ago(*first));
        body["LastOpenedDate"] = json!(s.minutes_ago(*last));
    }
    let email = s.create("EmailMessage", &body, ian)?;
    s.stamp("EmailMessage", &email, &sent_at, &sent_at)?;
    relation(s, &email, "FromAddress", ian, super::DEMO_USER_IAN, &sent_at, ian)?;
    relation(s, &email, "ToAddress", &person.id, &person.email, &sent_at, ian)?;

    // Opens, bounces and replies are on EmailMessage; clicks are events.
    let mut events: Vec<(i64, &str, Option<&str>, String)> = Vec::new();
    if fate.click {
        let url = *s.rng.pick(PAGES);
        let at = opens.last().map_or(sent_ago / 2, |o| (o - 3).max(0));
        events.push((at, "Link Click", Some(url), format!("Clicked {url} in \"{subject}\"")));
    }
    if fate.reply {
        let at = opens.last().map_or(sent_ago / 2, |o| (o - 20).max(0));
        let reply_at = s.minutes_ago(at);
        let body = json!({
            "Subject": format!("Re: {subject}"), "TextBody": format!("Thanks Ian, this is helpful. Let's talk Thursday.\n\n{first}"),
            "FromName": person.name, "FromAddress": person.email, "ToAddress": super::DEMO_USER_IAN, "MessageDate": reply_at,
            "Status": if at < 600 { "0" } else { "1" }, "Incoming": true, "RelatedToId": person.account.as_ref().map(SfId::as_str),
            "ReplyToEmailMessageId": email.as_str(), "MessageIdentifier": message_id(n, true), "ThreadIdentifier": thread,
        });
        let reply = s.create("EmailMessage", &body, ian)?;
        s.stamp("EmailMessage", &reply, &reply_at, &reply_at)?;
        relation(s, &reply, "FromAddress", &person.id, &person.email, &reply_at, ian)?;
        relation(s, &reply, "ToAddress", ian, super::DEMO_USER_IAN, &reply_at, ian)?;
    }
    for (minutes, kind, url, details) in events {
        let at = s.minutes_ago(minutes);
        event(s, ian, &Event { kind, at, person, email: Some(&email), url, details })?;
    }
    Ok(())
}
