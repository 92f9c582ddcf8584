//! The `demo` profile's activity, what the side panel's To Do List and My
//! Feed show: Ian's tasks in every due bucket (overdue by more and less than
//! 30 days, today, tomorrow, this week, later, no date), with every status
//! and priority and some completed this week; other reps' tasks; Ian's
//! tracked emails (opened, clicked, bounced, replied to) and engagement
//! events of every type in the last 40 days.

use rusqlite::types::Value as Sql;
use salesforce_rest::SfId;
use serde_json::json;

use super::SeedError;
use super::demo::{Org, Person};
use super::names::TASK_SUBJECTS;
use super::seeder::Seeder;

/// One to-do. `completed_days_ago` is set for completed tasks.
pub(super) struct Todo<'a> {
    subject: &'a str,
    due: Option<i64>,
    status: &'a str,
    priority: &'a str,
    who: Option<&'a SfId>,
    what: Option<&'a SfId>,
    completed_days_ago: Option<i64>,
}

pub(super) fn todo<'a>(subject: &'a str, due: Option<i64>, status: &'a str, priority: &'a str, who: Option<&'a SfId>, what: Option<&'a SfId>) -> Todo<'a> {
    Todo { subject, due, status, priority, who, what, completed_days_ago: None }
}

pub(super) fn create_task(s: &mut Seeder<'_>, owner: &SfId, t: &Todo<'_>) -> Result<SfId, SeedError> {
    let lower = t.subject.to_lowercase();
    let kind = if lower.starts_with("call") || lower.contains(" call") {
        "Call"
    } else if lower.starts_with("email") || lower.starts_with("send") {
        "Email"
    } else if lower.contains("review") || lower.contains("demo") {
        "Meeting"
    } else {
        "Other"
    };
    let mut body = json!({
        "Subject": t.subject, "Status": t.status, "Priority": t.priority, "Type": kind,
        "ActivityDate": t.due.map(|d| s.day(d)), "WhoId": t.who.map(SfId::as_str), "WhatId": t.what.map(SfId::as_str),
        "TaskSubtype": match kind { "Call" => "Call", "Email" => "Email", _ => "Task" },
    });
    if t.due == Some(0) && t.status != "Completed" {
        body["IsReminderSet"] = json!(true);
        body["ReminderDateTime"] = json!(format!("{}T17:00:00Z", s.day(0)));
    }
    let id = s.create("Task", &body, owner)?;
    let created = s.rng.range(1, 20) + t.due.map_or(10, |d| (-d).max(0));
    let created_at = s.work_time(created);
    match t.completed_days_ago {
        Some(done) => {
            let done_at = s.work_time(done.min(created));
            s.stamp("Task", &id, &created_at, &done_at)?;
            s.set("Task", &id, "CompletedDateTime", Sql::Text(done_at))?;
        }
        None => s.stamp("Task", &id, &created_at, &created_at)?,
    }
    Ok(id)
}

pub fn seed(s: &mut Seeder<'_>, org: &Org) -> Result<(), SeedError> {
    ian_tasks(s, org)?;
    other_tasks(s, org)?;
    super::demo_email::seed(s, org)
}

fn ian_tasks(s: &mut Seeder<'_>, org: &Org) -> Result<(), SeedError> {
    let ian = &org.ian;
    let (maria, jonas) = (&org.contacts[0].id, &org.contacts[1].id);
    let (david, sofia) = (&org.leads[0].id, &org.leads[1].id);
    let (acme, initech) = (&org.accounts[0].id, &org.accounts[1].id);
    let opp = |account: &SfId, n: usize| org.opportunities.iter().filter(|o| &o.account == account).nth(n).map(|o| &o.id);
    let (acme_deal, acme_renewal, initech_deal) = (opp(acme, 0), opp(acme, 1), opp(initech, 0));
    let theirs: Vec<&Person> = org.contacts.iter().skip(2).filter(|c| &c.owner == ian).collect();
    let other = |n: usize| theirs.get(n).copied();
    let (o1, o2, o3, o4, o5) = (other(0), other(1), other(2), other(3), other(4));
    let mut todos = vec![
        todo("Send revised proposal to Maria", Some(-45), "Not Started", "High", Some(maria), acme_deal),
        todo("Follow up on pricing questions", Some(-38), "Waiting on someone else", "Normal", Some(jonas), Some(initech)),
        todo("Check in after trade show", Some(-33), "Deferred", "Low", who(o1), account_of(o1)),
        todo("Call David about the pilot", Some(-1), "In Progress", "High", Some(david), None),
        todo("Email Sofia the intro deck", Some(-3), "Not Started", "Normal", Some(sofia), None),
        todo("Prepare QBR slides for Acme", Some(-7), "In Progress", "Normal", Some(maria), Some(acme)),
        todo("Confirm budget and timeline", Some(-14), "Waiting on someone else", "Low", who(o2), account_of(o2)),
        todo("Call Maria Chen", Some(0), "Not Started", "High", Some(maria), Some(acme)),
        todo("Send Quote", Some(0), "Not Started", "Normal", Some(jonas), initech_deal),
        todo("Review Northwind supplier questionnaire", Some(0), "In Progress", "Low", Some(sofia), None),
        todo("Schedule demo with the Initech support team", Some(1), "Not Started", "Normal", Some(jonas), Some(initech)),
        todo("Call Sofia Alvarez", Some(1), "Not Started", "High", Some(sofia), None),
        todo("Send case study", Some(3), "Not Started", "Low", who(o3), account_of(o3)),
        todo("Prepare renewal offer", Some(5), "In Progress", "High", Some(maria), acme_renewal),
        todo("Book quarterly business review", Some(12), "Not Started", "Normal", who(o4), account_of(o4)),
        todo("Send Letter", Some(25), "Deferred", "Low", who(o5), account_of(o5)),
        todo("Plan next year's Acme account strategy", Some(60), "Not Started", "Normal", None, Some(acme)),
        todo("Update LinkedIn connections", None, "Not Started", "Low", None, None),
        todo("Read Jonas's post on scaling support", None, "Not Started", "Normal", Some(jonas), Some(initech)),
        todo("Clean up stale leads", None, "Waiting on someone else", "High", None, None),
    ];
    for (subject, due, priority, who, what, done) in [
        ("Call", -2, "Normal", maria, Some(acme), 1),
        ("Send Quote", -5, "High", jonas, initech_deal, 4),
        ("Intro call with David", -6, "Normal", david, None, 6),
        ("Log notes from the Northwind call", 0, "Low", sofia, None, 0),
    ] {
        let mut t = todo(subject, Some(due), "Completed", priority, Some(who), what);
        t.completed_days_ago = Some(done);
        todos.push(t);
    }
    for t in &todos {
        create_task(s, ian, t)?;
    }
    Ok(())
}

fn account_of(p: Option<&Person>) -> Option<&SfId> {
    p.and_then(|p| p.account.as_ref())
}

fn who(p: Option<&Person>) -> Option<&SfId> {
    p.map(|p| &p.id)
}

const STATUSES: &[&str] = &["Not Started", "Not Started", "In Progress", "Waiting on someone else", "Deferred", "Completed", "Completed"];

/// Sixty more tasks spread over every rep, on their own contacts and leads.
fn other_tasks(s: &mut Seeder<'_>, org: &Org) -> Result<(), SeedError> {
    for _ in 0..60 {
        let lead = s.rng.chance(30);
        let pool = if lead { &org.leads } else { &org.contacts };
        let person = s.rng.pick(pool).clone();
        let what = person.account.clone();
        let status = *s.rng.pick(STATUSES);
        let due = if s.rng.chance(15) { None } else { Some(s.rng.range(-60, 30)) };
        let subject = *s.rng.pick(TASK_SUBJECTS);
        let priority = *s.rng.pick(&["High", "Normal", "Normal", "Low"]);
        let mut t = todo(subject, due, status, priority, Some(&person.id), what.as_ref());
        if status == "Completed" {
            t.completed_days_ago = Some(s.rng.range(0, 40));
        }
        create_task(s, &person.owner, &t)?;
    }
    Ok(())
}
