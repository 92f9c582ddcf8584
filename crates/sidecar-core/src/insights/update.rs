//! From the page to the CRM, both ways:
//! - [`contact_draft`]: a person on a matched Account's page becomes a
//!   Contact of that Account (a Lead when no Account matched, see
//!   [`lead_draft`](super::lead_draft));
//! - [`page_updates`]: where a matched Contact or Lead shows a different
//!   title, phone or e-mail on the page, the change as a preview (old →
//!   new), saved in one request ([`PageUpdate::record`]).
//!
//! Only the search's exact matches are updated (the same e-mail or LinkedIn
//! profile), for the person they matched: a namesake is never changed, and
//! a record the rep picked with "Wrong match?" is not either (the search
//! did not read its fields). Only fields the object's describe lets the
//! user update are offered.

use salesforce_rest::wire::{Record, SObjectDescribe};
use serde_json::Value;

use super::extract::{Extraction, Person};
use super::search::{Entity, Match, linkedin_field, only_createable, split_name};

/// The Account a person on the page is added to, as the match named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRef {
    pub id: String,
    pub name: String,
}

/// The Account the page belongs to: the first exact Account match (by
/// website domain, LinkedIn page, or the rep's own choice).
pub fn matched_account(matches: &[Match]) -> Option<AccountRef> {
    matches.iter().find(|m| m.object == "Account" && m.exact).map(|m| AccountRef { id: m.id.clone(), name: m.name.clone() })
}

/// A new Contact of `account` prefilled from the page: name, title,
/// e-mail, phone, LinkedIn URL (in the Contact's LinkedIn URL field, when
/// describe has one); only the fields the Contact `describe` lets the user
/// create.
pub fn contact_draft(person: &Person, account: &AccountRef, describe: &SObjectDescribe) -> Record {
    let (first, last) = split_name(&person.name);
    let mut contact = Record::new("Contact").with("LastName", last).with("AccountId", account.id.clone());
    if let Some(first) = first {
        contact = contact.with("FirstName", first);
    }
    for (field, value) in [("Title", &person.title), ("Email", &person.email), ("Phone", &person.phone)] {
        if let Some(v) = value {
            contact = contact.with(field, v.clone());
        }
    }
    if let (Some(url), Some(field)) = (&person.linkedin_url, linkedin_field(describe)) {
        contact = contact.with(field.name.clone(), url.clone());
    }
    only_createable(contact, describe)
}

/// One field the page shows differently from the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The field's API name, as describe spells it.
    pub field: String,
    pub label: String,
    /// What the record has (`None`: empty).
    pub old: Option<String>,
    /// What the page shows.
    pub new: String,
}

/// The changes the page offers for one matched record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUpdate {
    /// The person on the page whose details these are.
    pub entity: Entity,
    pub object: String,
    pub id: String,
    pub name: String,
    pub changes: Vec<Change>,
}

impl PageUpdate {
    /// The one PATCH that saves the changes not `skipped` (by field), or
    /// `None` when every change was skipped.
    pub fn record(&self, skipped: &[String]) -> Option<Record> {
        let mut record = Record::new(&self.object);
        let mut any = false;
        for c in self.changes.iter().filter(|c| !skipped.contains(&c.field)) {
            record = record.with(c.field.clone(), c.new.clone());
            any = true;
        }
        any.then_some(record)
    }
}

/// What is said once an update is saved: "Maria Chen's Title was
/// updated.", "Maria Chen's Title and Phone were updated."
pub fn updated_words(name: &str, labels: &[&str]) -> String {
    let list = match labels {
        [] => return format!("{name} was updated."),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    let verb = if labels.len() == 1 { "was" } else { "were" };
    format!("{name}'s {list} {verb} updated.")
}

/// The fields compared, with how their values are compared: a title as
/// words (case and spacing aside), an e-mail address case-insensitively,
/// a phone number by its digits.
const COMPARED: [&str; 3] = ["Title", "Email", "Phone"];

fn same(field: &str, a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    match field {
        "Phone" => {
            // "+1 415 555 0100" and "(415) 555-0100" are the same number.
            let (a, b) = (digits(a), digits(b));
            a == b || (a.len() >= 10 && b.len() >= 10 && (a.ends_with(&b) || b.ends_with(&a)))
        }
        _ => words(a) == words(b),
    }
}

fn page_value(person: &Person, field: &str) -> Option<String> {
    match field {
        "Title" => person.title.clone(),
        "Email" => person.email.clone(),
        "Phone" => person.phone.clone(),
        _ => None,
    }
}

/// For each exact Contact or Lead match, the fields where the page shows
/// something else than the record (`records`: the search's answer, with
/// the compared fields it returned). A field the answer did not include,
/// or that describe does not let the user update, is not offered.
pub fn page_updates(x: &Extraction, matches: &[Match], records: &[Record], describes: &[&SObjectDescribe]) -> Vec<PageUpdate> {
    let mut out: Vec<PageUpdate> = Vec::new();
    for m in matches.iter().filter(|m| m.exact && matches!(m.object.as_str(), "Contact" | "Lead")) {
        let Entity::Person(i) = m.entity else { continue };
        let (Some(person), Some(record)) = (x.people.get(i), records.iter().find(|r| r.id() == Some(m.id.as_str()))) else { continue };
        let Some(describe) = describes.iter().find(|d| d.name().eq_ignore_ascii_case(&m.object)) else { continue };
        if out.iter().any(|u| u.id == m.id) {
            continue;
        }
        let changes: Vec<Change> = COMPARED
            .iter()
            .filter_map(|name| {
                let field = describe.field(name).filter(|f| f.updateable)?;
                let new = page_value(person, name)?;
                // Only what the answer carried: a field not asked for is not "empty".
                let old = match record.fields.get(&field.name)? {
                    Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
                    _ => None,
                };
                if old.as_deref().is_some_and(|o| same(name, o, &new)) {
                    return None;
                }
                Some(Change { field: field.name.clone(), label: field.label.clone(), old, new })
            })
            .collect();
        if !changes.is_empty() {
            out.push(PageUpdate { entity: m.entity, object: m.object.clone(), id: m.id.clone(), name: m.name.clone(), changes });
        }
    }
    out
}

#[cfg(test)]
mod tests;
