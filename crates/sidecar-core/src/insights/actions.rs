//! What the panel does with a match or a candidate, as queries and
//! records: an account's open opportunities and contacts (one query with
//! two child subqueries), the duplicate check before "Add to Salesforce",
//! and the quick actions (a new task, a logged call). Values go into the
//! trees, so the renderer escapes them.

use salesforce_rest::SfId;
use salesforce_rest::soql::{CompareOp, Condition, Date, FieldPath, OrderBy, Query, SelectItem, Value, like};
use salesforce_rest::wire::Record;

use super::search::Candidate;

/// Rows shown per list under an account.
pub const DETAIL_ROWS: u64 = 5;

fn child(fields: &[&str], relationship: &str, filter: Option<Condition>, order: &str) -> SelectItem {
    let mut q = Query::select(fields, relationship);
    q.filter = filter;
    q.order_by = vec![OrderBy { field: FieldPath::new(order), descending: false, nulls: None }];
    q.limit = Some(DETAIL_ROWS);
    SelectItem::SubQuery(Box::new(q))
}

/// `SELECT Id, Name, (SELECT … FROM Opportunities WHERE IsClosed = false
/// ORDER BY CloseDate LIMIT 5), (SELECT … FROM Contacts ORDER BY Name LIMIT 5)
/// FROM Account WHERE Id = '<id>'`.
pub fn account_details_query(account: &SfId) -> Query {
    let mut q = Query::select(&["Id", "Name"], "Account");
    q.select.push(child(
        &["Id", "Name", "StageName", "CloseDate", "Amount"],
        "Opportunities",
        Some(Condition::compare("IsClosed", CompareOp::Eq, Value::Bool(false))),
        "CloseDate",
    ));
    q.select.push(child(&["Id", "Name", "Title"], "Contacts", None, "Name"));
    q.filter = Some(Condition::compare("Id", CompareOp::Eq, Value::string(account.as_str())));
    q
}

/// Records that may already be `candidate`: Leads and Contacts with its
/// email, or Accounts whose website has its domain. Empty when there is
/// nothing to check by (a person without email, a company without domain).
pub fn duplicate_queries(candidate: &Candidate) -> Vec<Query> {
    let by = |object: &str, fields: &[&str], filter: Condition| {
        let mut q = Query::select(fields, object);
        q.filter = Some(filter);
        q.limit = Some(1);
        q
    };
    match candidate {
        Candidate::Person(p) => match p.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(email) => {
                ["Lead", "Contact"].iter().map(|o| by(o, &["Id", "Name", "Email"], Condition::compare("Email", CompareOp::Eq, Value::string(email)))).collect()
            }
            None => Vec::new(),
        },
        Candidate::Company(c) => match c.domain.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(domain) => vec![by(
                "Account",
                &["Id", "Name", "Website"],
                Condition::Like { field: FieldPath::new("Website"), pattern: format!("%{}%", like::literal(domain)) },
            )],
            None => Vec::new(),
        },
    }
}

/// A Contact of `account` with `name` already: before adding a person
/// the page shows without an e-mail address to check by.
pub fn contact_in_account_query(name: &str, account: &SfId) -> Query {
    let mut q = Query::select(&["Id", "Name", "Email"], "Contact");
    q.filter = Some(Condition::And(vec![
        Condition::compare("AccountId", CompareOp::Eq, Value::string(account.as_str())),
        Condition::compare("Name", CompareOp::Eq, Value::string(name.trim())),
    ]));
    q.limit = Some(1);
    q
}

/// Who or what a task is about: Contacts and Leads go in `WhoId`,
/// anything else in `WhatId`.
fn about(object: &str, id: &str, task: Record) -> Record {
    match object {
        "Contact" | "Lead" => task.with("WhoId", id.to_owned()),
        _ => task.with("WhatId", id.to_owned()),
    }
}

/// A task to do about a matched record.
pub fn new_task(object: &str, id: &str, subject: &str, due: Option<Date>) -> Record {
    let mut task = Record::new("Task").with("Subject", subject.trim().to_owned());
    if let Some(due) = due {
        task = task.with("ActivityDate", due.to_string());
    }
    about(object, id, task)
}

/// A call logged now: a completed task of subtype Call, due today.
/// `closed_status` is the org's status that closes a task (`TaskStatus`).
pub fn logged_call(object: &str, id: &str, today: Date, closed_status: &str) -> Record {
    let task = Record::new("Task")
        .with("Subject", "Call")
        .with("TaskSubtype", "Call")
        .with("Status", closed_status.to_owned())
        .with("ActivityDate", today.to_string());
    about(object, id, task)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::extract::{Company, Person};

    #[test]
    fn account_details_are_one_query_with_two_child_lists() {
        let id = SfId::parse("001000000000001AAA").expect("id");
        let text = account_details_query(&id).to_string();
        assert_eq!(
            text,
            "SELECT Id, Name, (SELECT Id, Name, StageName, CloseDate, Amount FROM Opportunities WHERE IsClosed = false ORDER BY CloseDate LIMIT 5), \
             (SELECT Id, Name, Title FROM Contacts ORDER BY Name LIMIT 5) FROM Account WHERE Id = '001000000000001AAA'"
        );
        assert_eq!(salesforce_rest::soql::parse(&text).expect("parses").to_string(), text);
    }

    #[test]
    fn a_contact_of_the_account_by_name_escaped() {
        let id = SfId::parse("001000000000001AAA").expect("id");
        let text = contact_in_account_query("Tom O'Becker", &id).to_string();
        assert_eq!(text, "SELECT Id, Name, Email FROM Contact WHERE AccountId = '001000000000001AAA' AND Name = 'Tom O\\'Becker' LIMIT 1");
        assert_eq!(salesforce_rest::soql::parse(&text).expect("parses").to_string(), text);
    }

    #[test]
    fn duplicate_checks_escape_what_the_page_said() {
        let person = |email: Option<&str>| {
            Candidate::Person(Person {
                name: "X".into(),
                title: None,
                email: email.map(Into::into),
                company: None,
                linkedin_url: None,
                phone: None,
                confidence: 1.0,
                evidence: vec![],
            })
        };
        let company = |domain: Option<&str>| {
            Candidate::Company(Company { name: "X".into(), domain: domain.map(Into::into), linkedin_url: None, confidence: 1.0, evidence: vec![] })
        };
        let cases: Vec<(Candidate, Vec<&str>)> = vec![
            (
                person(Some("o'hara@x.com")),
                vec![
                    "SELECT Id, Name, Email FROM Lead WHERE Email = 'o\\'hara@x.com' LIMIT 1",
                    "SELECT Id, Name, Email FROM Contact WHERE Email = 'o\\'hara@x.com' LIMIT 1",
                ],
            ),
            (person(None), vec![]),
            (person(Some("  ")), vec![]),
            (company(Some("100%_real.com")), vec!["SELECT Id, Name, Website FROM Account WHERE Website LIKE '%100\\%\\_real.com%' LIMIT 1"]),
            (company(None), vec![]),
        ];
        for (candidate, want) in cases {
            let got: Vec<String> = duplicate_queries(&candidate).iter().map(ToString::to_string).collect();
            assert_eq!(got, want, "{candidate:?}");
            for q in &got {
                salesforce_rest::soql::parse(q).unwrap_or_else(|e| panic!("{q}: {e}"));
            }
        }
    }

    #[test]
    fn quick_actions_point_tasks_at_who_or_what() {
        let due = Date::new(2026, 12, 1).expect("date");
        let cases = [("Contact", "WhoId"), ("Lead", "WhoId"), ("Account", "WhatId"), ("Opportunity", "WhatId")];
        for (object, field) in cases {
            let task = new_task(object, "ID1", "  Follow up ", Some(due));
            assert_eq!(task.get_str(field), Some("ID1"), "{object}");
            assert_eq!((task.get_str("Subject"), task.get_str("ActivityDate")), (Some("Follow up"), Some("2026-12-01")));
            let call = logged_call(object, "ID1", due, "Completed");
            assert_eq!((call.get_str(field), call.get_str("Status"), call.get_str("TaskSubtype")), (Some("ID1"), Some("Completed"), Some("Call")));
        }
    }
}
