use salesforce_rest::wire::{Record, SObjectDescribe};
use serde_json::{Value, json};

use super::*;
use crate::insights::search::Why;

fn describe(object: &str, fields: &[(&str, bool)]) -> SObjectDescribe {
    let fields: Vec<Value> = fields
        .iter()
        .map(|(name, writable)| json!({"name": name, "label": name.replace("Id", " ID"), "type": "string", "createable": writable, "updateable": writable}))
        .collect();
    serde_json::from_value(json!({"name": object, "fields": fields})).expect("describe")
}

fn person(name: &str) -> Person {
    Person { name: name.to_owned(), confidence: 0.8, evidence: vec!["h-card".to_owned()], ..Person::default() }
}

fn matched(object: &str, id: &str, name: &str, why: Why, entity: Entity) -> Match {
    Match { object: object.to_owned(), id: id.to_owned(), name: name.to_owned(), why, exact: why.exact(), confidence: 0.9, entity }
}

#[test]
fn a_person_on_a_matched_accounts_page_becomes_its_contact() {
    let contact = describe("Contact", &[("FirstName", true), ("LastName", true), ("AccountId", true), ("Title", true), ("Email", true), ("Phone", false)]);
    let tom = Person { title: Some("Office Manager".into()), phone: Some("+14155550100".into()), ..person("Tom Becker") };
    let account = AccountRef { id: "001000000000001AAA".into(), name: "Acme Robotics".into() };
    let draft = contact_draft(&tom, &account, &contact);
    assert_eq!(draft.object_type(), Some("Contact"));
    let fields = serde_json::to_value(&draft.fields).expect("json");
    // Phone is not createable here: left out, as describe says.
    assert_eq!(fields, json!({"FirstName": "Tom", "LastName": "Becker", "AccountId": "001000000000001AAA", "Title": "Office Manager"}));

    let matches = [
        matched("Account", "001B", "Name Only Co", Why::NameOnly, Entity::Company(1)),
        matched("Account", "001A", "Acme Robotics", Why::SameDomain, Entity::Company(0)),
    ];
    assert_eq!(matched_account(&matches), Some(AccountRef { id: "001A".into(), name: "Acme Robotics".into() }));
    assert_eq!(matched_account(&matches[..1]), None, "a namesake account is not the page's");
}

#[test]
fn the_page_offers_what_it_shows_differently() {
    let contact = describe("Contact", &[("Title", true), ("Email", true), ("Phone", true)]);
    let lead = describe("Lead", &[("Title", false), ("Email", true), ("Phone", true)]);
    let x = Extraction {
        people: vec![
            Person {
                title: Some("Chief Operating Officer".into()),
                email: Some("maria.chen@acmerobotics.com".into()),
                phone: Some("+1 415 555 0100".into()),
                ..person("Maria Chen")
            },
            Person { title: Some("Head of Sales".into()), phone: Some("+44 20 7946 0000".into()), ..person("David Okafor") },
            Person { title: Some("CTO".into()), ..person("Tom Namesake") },
        ],
        ..Extraction::default()
    };
    let records = vec![
        Record::new("Contact")
            .with("Id", "003A")
            .with("Name", "Maria Chen")
            .with("Title", "VP  engineering")
            .with("Email", "MARIA.CHEN@acmerobotics.com")
            .with("Phone", "(415) 555-0100"),
        Record::new("Lead").with("Id", "00QA").with("Name", "David Okafor").with("Title", "Sales").with("Phone", Value::Null),
        Record::new("Contact").with("Id", "003B").with("Name", "Tom Namesake").with("Title", "Intern"),
    ];
    let matches = [
        matched("Contact", "003A", "Maria Chen", Why::SameEmail, Entity::Person(0)),
        matched("Lead", "00QA", "David Okafor", Why::SameLinkedIn, Entity::Person(1)),
        matched("Contact", "003B", "Tom Namesake", Why::NameOnly, Entity::Person(2)),
    ];
    let updates = page_updates(&x, &matches, &records, &[&contact, &lead]);
    type Shown<'a> = (&'a str, Option<&'a str>, &'a str);
    let got: Vec<(&str, Vec<Shown<'_>>)> =
        updates.iter().map(|u| (u.id.as_str(), u.changes.iter().map(|c| (c.field.as_str(), c.old.as_deref(), c.new.as_str())).collect())).collect();
    assert_eq!(
        got,
        [
            // Same e-mail (case aside) and the same number written otherwise: only the title.
            ("003A", vec![("Title", Some("VP  engineering"), "Chief Operating Officer")]),
            // The Lead's Title is not updateable here; its empty phone gets the page's.
            ("00QA", vec![("Phone", None, "+44 20 7946 0000")]),
            // A namesake is never changed.
        ]
    );
    let patch = updates[0].record(&[]).expect("one change");
    assert_eq!(serde_json::to_value(&patch.fields).expect("json"), json!({"Title": "Chief Operating Officer"}));
    assert_eq!(updates[0].record(&["Title".to_owned()]), None);
}

#[test]
fn what_is_said_once_saved() {
    assert_eq!(updated_words("Maria Chen", &["Title"]), "Maria Chen's Title was updated.");
    assert_eq!(updated_words("Maria Chen", &["Title", "Phone"]), "Maria Chen's Title and Phone were updated.");
    assert_eq!(updated_words("Maria Chen", &["Title", "Email", "Phone"]), "Maria Chen's Title, Email and Phone were updated.");
}
