//! Table tests of the To Do logic.

mod complete;
mod prefs;
mod screen;
mod task;
mod view;

use salesforce_rest::soql::{Date, DateTime};
use salesforce_rest::wire::Record;

use super::task::{Related, TodoTask};

fn date(s: &str) -> Date {
    Date::parse(s).expect(s)
}

fn instant(s: &str) -> DateTime {
    DateTime::parse(s).expect(s)
}

fn record(json: serde_json::Value) -> Record {
    serde_json::from_value(json).expect("record")
}

fn related(id: &str, name: &str, object: &str) -> Related {
    Related { id: id.to_owned(), name: name.to_owned(), object: object.to_owned() }
}

/// An open task with only an id and a subject; tests fill in the rest.
fn task(id: &str, subject: &str) -> TodoTask {
    TodoTask {
        id: id.to_owned(),
        subject: subject.to_owned(),
        description: String::new(),
        due: None,
        priority: "Normal".to_owned(),
        high_priority: false,
        status: "Not Started".to_owned(),
        closed: false,
        completed: None,
        created: None,
        modified: None,
        who: None,
        what: None,
        account: None,
    }
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}
