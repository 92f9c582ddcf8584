//! The records screen's reducer: rows of (state before, action, state
//! after). What the user opened last is shown; a late re-read of another
//! record, or a save answer for a form no longer shown, changes nothing.

use std::rc::Rc;

use salesforce_rest::SfId;
use salesforce_rest::wire::Record;

use super::lead;
use crate::edits::pending::PendingEdits;
use crate::load::{Load, Status};
use crate::records::screen::{Action, Creating, Main, Opened, Screen};
use crate::records::search::Hit;
use crate::records::spec::NameFields;

fn lead_id(n: u64) -> String {
    SfId::mint("00Q", n).map(|id| id.to_string()).expect("id")
}

fn record(n: u64, name: &str) -> Rc<Record> {
    Rc::new(Record::new("Lead").with("Id", lead_id(n)).with("Name", name))
}

fn opened(n: u64, name: &str) -> Opened {
    Opened {
        object: "Lead".into(),
        describe: Rc::new(lead()),
        record: record(n, name),
        key_fields: Rc::new(vec!["Name".into(), "Company".into()]),
        added: Rc::default(),
        names: Rc::default(),
        salesforce_url: None,
    }
}

fn form(save: Status) -> Creating {
    Creating { save, ..Creating::new(Rc::new(lead()), vec!["Company".into()]) }
}

fn showing(main: Main) -> Screen {
    Screen { main, ..Screen::default() }
}

fn hits() -> Vec<Hit> {
    vec![Hit { object: "Lead".into(), id: lead_id(1), title: "Ada Lovelace".into(), subtitle: "Analytical Engines".into() }]
}

fn learned() -> Rc<NameFields> {
    let mut names = NameFields::default();
    names.unreadable("User");
    Rc::new(names)
}

#[test]
fn each_action_moves_the_screen_as_the_table_says() {
    let record_open = |o: Opened| showing(Main::Record(Load::Loaded(o)));
    let form_shown = |f: Creating| showing(Main::Create(Load::Loaded(f)));
    let refused = Creating { field_errors: Rc::new(vec![("Company".into(), "Required fields are missing: [Company]".into())]), ..form(Status::Idle) };
    let key_fields = Rc::new(vec!["Name".into(), "Company".into(), "Email".into()]);
    let offline = crate::api_error::ApiError::Offline.user_message();
    let cases: Vec<(&str, Screen, Action, Screen)> = vec![
        ("a search starts", Screen::default(), Action::SearchStarted(1), Screen { search: Load::Loading, search_sent: 1, ..Screen::default() }),
        (
            "its hits arrive",
            Screen { search: Load::Loading, search_sent: 1, ..Screen::default() },
            Action::Searched { sent: 1, answer: Ok(hits()) },
            Screen { search: Load::Loaded(hits()), search_sent: 1, ..Screen::default() },
        ),
        (
            "an earlier search's late answer is dropped",
            Screen { search: Load::Loading, search_sent: 2, ..Screen::default() },
            Action::Searched { sent: 1, answer: Ok(hits()) },
            Screen { search: Load::Loading, search_sent: 2, ..Screen::default() },
        ),
        (
            "a text refused before any request replaces earlier hits",
            Screen { search: Load::Loaded(hits()), search_sent: 3, ..Screen::default() },
            Action::Searched { sent: 3, answer: Err("Type at least 2 letters or digits to search.".into()) },
            Screen { search: Load::Failed("Type at least 2 letters or digits to search.".into()), search_sent: 3, ..Screen::default() },
        ),
        ("a hit is opened", record_open(opened(1, "Ada")), Action::OpenStarted, showing(Main::Record(Load::Loading))),
        ("it is read", showing(Main::Record(Load::Loading)), Action::Opened(Ok(opened(2, "Grace"))), record_open(opened(2, "Grace"))),
        (
            "it could not be read",
            showing(Main::Record(Load::Loading)),
            Action::Opened(Err(offline.clone())),
            showing(Main::Record(Load::Failed(offline.clone()))),
        ),
        (
            "the open record re-read after a save",
            record_open(opened(1, "Ada")),
            Action::Reloaded(record(1, "Ada King"), learned()),
            record_open(Opened { record: record(1, "Ada King"), names: learned(), ..opened(1, "Ada") }),
        ),
        ("another record's re-read is dropped", record_open(opened(1, "Ada")), Action::Reloaded(record(2, "Grace"), learned()), record_open(opened(1, "Ada"))),
        (
            "a re-read with a form shown is dropped",
            form_shown(form(Status::Idle)),
            Action::Reloaded(record(1, "Ada"), learned()),
            form_shown(form(Status::Idle)),
        ),
        (
            "a Key Field added",
            record_open(opened(1, "Ada")),
            Action::KeyFields { shown: key_fields.clone(), added: Rc::new(vec!["Email".into()]) },
            record_open(Opened { key_fields: key_fields.clone(), added: Rc::new(vec!["Email".into()]), ..opened(1, "Ada") }),
        ),
        (
            "an added Key Field removed",
            record_open(Opened { key_fields: key_fields.clone(), added: Rc::new(vec!["Email".into()]), ..opened(1, "Ada") }),
            Action::KeyFields { shown: Rc::new(vec!["Name".into(), "Company".into()]), added: Rc::default() },
            record_open(opened(1, "Ada")),
        ),
        ("Key Fields with no record open", Screen::default(), Action::KeyFields { shown: key_fields, added: Rc::default() }, Screen::default()),
        ("New… picked", record_open(opened(1, "Ada")), Action::CreateStarted, showing(Main::Create(Load::Loading))),
        ("the form is described", showing(Main::Create(Load::Loading)), Action::CreateReady(Ok(form(Status::Idle))), form_shown(form(Status::Idle))),
        (
            "the form could not be described",
            showing(Main::Create(Load::Loading)),
            Action::CreateReady(Err(offline.clone())),
            showing(Main::Create(Load::Failed(offline.clone()))),
        ),
        ("Save sends it", form_shown(form(Status::Idle)), Action::CreateSending, form_shown(form(Status::Working))),
        ("Save again clears the last message", form_shown(form(Status::Failed(offline.clone()))), Action::CreateSending, form_shown(form(Status::Working))),
        (
            "a refusal naming fields: on the fields, the form usable again",
            form_shown(form(Status::Working)),
            Action::CreateRefused { field_errors: refused.field_errors.to_vec(), error: None },
            form_shown(refused.clone()),
        ),
        (
            "a refusal naming none: said on the form",
            form_shown(form(Status::Working)),
            Action::CreateRefused { field_errors: Vec::new(), error: Some(offline.clone()) },
            form_shown(form(Status::Failed(offline.clone()))),
        ),
        (
            "a refusal for a form no longer shown",
            record_open(opened(1, "Ada")),
            Action::CreateRefused { field_errors: Vec::new(), error: Some(offline.clone()) },
            record_open(opened(1, "Ada")),
        ),
        ("Sending with no form shown", Screen::default(), Action::CreateSending, Screen::default()),
        ("Cancel", form_shown(form(Status::Idle)), Action::CreateCancelled, Screen::default()),
        ("a save waits for the network", Screen::default(), Action::Offline(true), Screen { offline: true, ..Screen::default() }),
        ("and gets through", Screen { offline: true, ..Screen::default() }, Action::Offline(false), Screen::default()),
    ];
    for (what, before, action, after) in cases {
        let mut screen = before;
        screen.apply(action);
        assert_eq!(screen, after, "{what}");
    }
}

#[test]
fn the_view_gets_the_saver_s_edits_and_the_user_s_conventions() {
    let mut pending = PendingEdits::default();
    pending.put("Lead", &lead_id(1), "Company", serde_json::json!("Analytical Engines"));
    let mut screen = Screen::default();
    screen.apply(Action::Pending(pending.clone()));
    assert_eq!(*screen.pending, pending);
    let ctx = crate::fields::EditContext::en_us("Europe/Paris");
    screen.apply(Action::Context(ctx.clone()));
    assert_eq!(*screen.ctx, ctx);
}
