//! Lookups by name: a rep types part of a record's name and picks it, as in
//! Salesforce's own lookup fields, instead of typing a record id.
//!
//! - [`targets`]: the objects a lookup searches: every target of the field
//!   the org lets the user search (all of them for a polymorphic lookup
//!   such as a Task's `WhatId`), users only for `OwnerId` (as the original
//!   does: a queue is not a rep's pick);
//! - [`search`]: ONE SOSL request over them, in their name fields, each
//!   typed word a prefix (escaped as the global search escapes it), active
//!   users only;
//! - [`matches`]: the answer as the choices the editor lists.
//!
//! The name field of each target comes from its describe ([`NameFields`]):
//! `Name` on most objects, `CaseNumber` on Case, `Subject` on Task. A target
//! whose name field is unknown (not described, or has none) is not searched:
//! `RETURNING X(Id, Name)` on an object without `Name` fails the whole
//! search with `INVALID_FIELD` on a real org.

use std::collections::HashMap;

use salesforce_rest::soql::{CompareOp, Condition, Value};
use salesforce_rest::sosl::{Returning, Search, SearchScope};
use salesforce_rest::wire::{DescribeGlobal, Record};

use super::search::{SearchInputError, term};
use super::spec::NameFields;
use crate::fields::FieldSpec;

/// Choices listed per object: a lookup list is short, the rep types more.
pub const PER_OBJECT: u64 = 7;

/// One record a lookup may point at, as its list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub id: String,
    pub name: String,
    /// Its object's API name (`Account`), for the list's label.
    pub object: String,
}

/// The objects the lookup `spec` searches, in the field's order.
/// `OwnerId` searches users only (when the field may point at users). With
/// `global`, objects the org does not let the user search are left out.
pub fn targets(spec: &FieldSpec, global: Option<&DescribeGlobal>) -> Vec<String> {
    let all = spec.reference_to.iter().map(|t| t.object.as_str());
    let owner = spec.name.eq_ignore_ascii_case("OwnerId") && spec.reference_to.iter().any(|t| t.object.eq_ignore_ascii_case("User"));
    all.filter(|object| !owner || object.eq_ignore_ascii_case("User"))
        .filter(|object| global.is_none_or(|g| g.object(object).is_some_and(|o| o.searchable)))
        .map(str::to_owned)
        .collect()
}

/// The targets of `targets` whose name field `names` does not know yet:
/// the describes to read before [`search`].
pub fn undescribed<'a>(targets: &'a [String], names: &NameFields) -> Vec<&'a str> {
    targets.iter().filter(|t| !names.knows(t)).map(String::as_str).collect()
}

/// The search for `text` over `targets` (those with a known name field).
/// `None` when no target can be searched.
pub fn search(text: &str, targets: &[String], names: &NameFields) -> Result<Option<Search>, SearchInputError> {
    let term = term(text)?;
    let returning: Vec<Returning> = targets
        .iter()
        .filter_map(|object| {
            let name = names.name_field(object)?;
            let mut returning = Returning::new(object, &["Id", name]);
            returning.limit = Some(PER_OBJECT);
            if object.eq_ignore_ascii_case("User") {
                // An inactive user cannot own records.
                returning.filter = Some(Condition::compare("IsActive", CompareOp::Eq, Value::Bool(true)));
            }
            Some(returning)
        })
        .collect();
    if returning.is_empty() {
        return Ok(None);
    }
    let limit = PER_OBJECT * returning.len() as u64;
    Ok(Some(Search { term, scope: Some(SearchScope::Name), returning, limit: Some(limit) }))
}

/// The choices in a search answer, in the answer's order. Records with no
/// id, or of an object not searched, are skipped; a record with an empty
/// name is listed as "(no name)".
pub fn matches(records: &[Record], names: &NameFields) -> Vec<Match> {
    records
        .iter()
        .filter_map(|record| {
            let object = record.object_type()?;
            let name_field = names.name_field(object)?;
            let name = record.get_str(name_field).filter(|n| !n.trim().is_empty()).unwrap_or("(no name)");
            Some(Match { id: record.id()?.to_owned(), name: name.to_owned(), object: object.to_owned() })
        })
        .collect()
}

/// The names of records picked by name, by id (15 or 18 characters
/// alike): what a lookup shows after a pick, before any record is read again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picked(HashMap<String, String>);

impl Picked {
    pub fn learn(&mut self, pick: &Match) {
        self.0.insert(key(&pick.id).to_owned(), pick.name.clone());
    }

    /// The name of the record `id`, if it was picked.
    pub fn name(&self, id: &str) -> Option<&str> {
        self.0.get(key(id)).map(String::as_str)
    }
}

/// The name a lookup holding `id` shows: the one read with the record when
/// `id` is still the record's own (`read`: its id and name as read),
/// else the one picked by name, else none (the id is shown: a name read
/// for another id would be wrong).
pub fn shown_name<'a>(id: &str, read: Option<(&str, &'a str)>, picked: &'a Picked) -> Option<&'a str> {
    read.filter(|(own, _)| salesforce_rest::id::same_record(own, id)).map(|(_, name)| name).or_else(|| picked.name(id))
}

/// An id's case-sensitive 15-character form.
fn key(id: &str) -> &str {
    id.get(..15).unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use salesforce_rest::wire::DescribeGlobal;
    use serde_json::json;

    use super::*;
    use crate::fields::{FieldType, ReferenceTarget};

    fn lookup(name: &str, to: &[&str]) -> FieldSpec {
        FieldSpec {
            reference_to: to.iter().map(|o| ReferenceTarget { object: (*o).to_owned(), key_prefix: "000".into() }).collect(),
            ..FieldSpec::new(name, name, FieldType::Reference)
        }
    }

    fn global(objects: &[(&str, bool)]) -> DescribeGlobal {
        let sobjects: Vec<_> = objects.iter().map(|(name, searchable)| json!({ "name": name, "searchable": searchable, "keyPrefix": "000" })).collect();
        serde_json::from_value(json!({ "encoding": "UTF-8", "maxBatchSize": 200, "sobjects": sobjects })).expect("global")
    }

    fn names(known: &[(&str, Option<&str>)]) -> NameFields {
        let mut names = NameFields::default();
        for (object, field) in known {
            let fields: Vec<_> = field.iter().map(|f| json!({ "name": f, "type": "string", "nameField": true })).collect();
            match field {
                Some(_) => names.learn(&serde_json::from_value(json!({ "name": object, "fields": fields })).expect("describe")),
                None => names.unreadable(object),
            }
        }
        names
    }

    #[test]
    fn targets_per_field() {
        let g = global(&[("Account", true), ("Opportunity", true), ("User", true), ("Group", true), ("Solution", false)]);
        // (field, its targets, describeGlobal, the objects searched)
        type Case<'a> = (&'a str, &'a [&'a str], Option<&'a DescribeGlobal>, &'a [&'a str]);
        let cases: [Case<'_>; 6] = [
            ("AccountId", &["Account"], Some(&g), &["Account"]),
            // Polymorphic: every searchable target, in the field's order.
            ("WhatId", &["Opportunity", "Solution", "Account"], Some(&g), &["Opportunity", "Account"]),
            // OwnerId: users, never queues.
            ("OwnerId", &["Group", "User"], Some(&g), &["User"]),
            ("ownerid", &["User"], None, &["User"]),
            // An owner field that cannot point at users keeps its targets.
            ("OwnerId", &["Group"], Some(&g), &["Group"]),
            // Not in describeGlobal at all: not searched.
            ("Custom__c", &["Gone__c"], Some(&g), &[]),
        ];
        for (field, to, global, want) in cases {
            assert_eq!(targets(&lookup(field, to), global), want.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(), "{field} {to:?}");
        }
    }

    #[test]
    fn one_sosl_in_name_fields_escaped() {
        let n = names(&[("Account", Some("Name")), ("Case", Some("CaseNumber")), ("User", Some("Name")), ("OpportunityHistory", None)]);
        let cases: [(&str, &[&str], Option<&str>); 5] = [
            ("acme", &["Account"], Some("FIND {acme*} IN NAME FIELDS RETURNING Account(Id, Name LIMIT 7) LIMIT 7")),
            ("00012", &["Case", "Account"], Some("FIND {00012*} IN NAME FIELDS RETURNING Case(Id, CaseNumber LIMIT 7), Account(Id, Name LIMIT 7) LIMIT 14")),
            ("maria ch", &["User"], Some("FIND {maria* ch*} IN NAME FIELDS RETURNING User(Id, Name WHERE IsActive = true LIMIT 7) LIMIT 7")),
            // Typed SOSL syntax is searched for, not obeyed.
            ("a} OR {b", &["Account"], Some("FIND {a\\} \"OR\" \\{b} IN NAME FIELDS RETURNING Account(Id, Name LIMIT 7) LIMIT 7")),
            // No target with a known name field: nothing to search.
            ("acme", &["OpportunityHistory", "Unknown__c"], None),
        ];
        for (text, objects, want) in cases {
            let objects: Vec<String> = objects.iter().map(|s| (*s).to_owned()).collect();
            let got = search(text, &objects, &n).expect("search").map(|s| s.to_string());
            assert_eq!(got.as_deref(), want, "{text}");
        }
        assert_eq!(search("a", &["Account".to_owned()], &n), Err(SearchInputError::TooShort));
    }

    #[test]
    fn picked_names_by_either_id_form() {
        let mut picked = Picked::default();
        picked.learn(&Match { id: "001000000000001AAA".into(), name: "Acme".into(), object: "Account".into() });
        assert_eq!(picked.name("001000000000001"), Some("Acme"));
        assert_eq!(picked.name("001000000000001AAA"), Some("Acme"));
        assert_eq!(picked.name("001000000000001aaa"), Some("Acme"), "the suffix only encodes case");
        assert_eq!(picked.name("001000000000002AAA"), None);
        assert_eq!(picked.name("short"), None);
    }

    #[test]
    fn the_name_shown_is_never_another_records() {
        let mut picked = Picked::default();
        picked.learn(&Match { id: "001000000000002AAA".into(), name: "Globex".into(), object: "Account".into() });
        let read = Some(("001000000000001AAA", "Acme"));
        let cases = [
            ("001000000000001", read, Some("Acme")),
            ("001000000000002AAA", read, Some("Globex")),
            ("001000000000003AAA", read, None),
            ("001000000000002AAA", None, Some("Globex")),
        ];
        for (id, read, want) in cases {
            assert_eq!(shown_name(id, read, &picked), want, "{id}");
        }
    }

    #[test]
    fn undescribed_targets() {
        let n = names(&[("Account", Some("Name")), ("OpportunityHistory", None)]);
        let objects = vec!["Account".to_owned(), "opportunityhistory".to_owned(), "Case".to_owned()];
        assert_eq!(undescribed(&objects, &n), vec!["Case"]);
    }

    #[test]
    fn matches_from_answer() {
        let n = names(&[("Account", Some("Name")), ("Case", Some("CaseNumber"))]);
        let records: Vec<Record> = serde_json::from_value(json!([
            { "attributes": { "type": "Account" }, "Id": "001000000000001AAA", "Name": "Acme Robotics" },
            { "attributes": { "type": "Case" }, "Id": "500000000000001AAA", "CaseNumber": "00001026" },
            { "attributes": { "type": "Account" }, "Id": "001000000000002AAA", "Name": "  " },
            { "attributes": { "type": "Lead" }, "Id": "00Q000000000001AAA", "Name": "Not searched" },
            { "attributes": { "type": "Account" }, "Name": "No id" }
        ]))
        .expect("records");
        let got = matches(&records, &n);
        let want =
            [("001000000000001AAA", "Acme Robotics", "Account"), ("500000000000001AAA", "00001026", "Case"), ("001000000000002AAA", "(no name)", "Account")];
        assert_eq!(got, want.map(|(id, name, object)| Match { id: id.into(), name: name.into(), object: object.into() }));
    }
}
