//! Table tests of the insights section's reducers: rows of (state,
//! action, expected state).

use std::rc::Rc;

use salesforce_rest::wire::Record;

use super::*;
use crate::insights::extract::{Company, Person};
use crate::insights::{Correction, Entity, Extraction};
use crate::settings::PrivacySettings;

fn settings(on: bool, blocked: &[&str], in_incognito: bool) -> PrivacySettings {
    PrivacySettings { contextual_insights: on, blocked_sites: blocked.iter().map(|s| (*s).to_owned()).collect(), in_incognito }
}

fn page(url: &str) -> Option<TabPage<'_>> {
    Some(TabPage { url: Some(url), incognito: false })
}

fn acme() -> Extraction {
    Extraction {
        companies: vec![Company {
            name: "Acme Robotics".into(),
            domain: Some("acmerobotics.com".into()),
            linkedin_url: None,
            confidence: 0.9,
            evidence: vec![],
        }],
        people: vec![Person {
            name: "Maria Chen".into(),
            title: None,
            email: Some("maria.chen@acmerobotics.com".into()),
            company: None,
            linkedin_url: None,
            phone: None,
            confidence: 0.9,
            evidence: vec![],
        }],
        ..Extraction::default()
    }
}

fn found() -> Found {
    Found { extraction: Rc::new(acme()), matches: Rc::new(Vec::new()), updates: Rc::new(Vec::new()) }
}

#[test]
fn hosts_of_page_addresses() {
    let cases = [
        ("https://www.acme.com/about?x=1", Some("www.acme.com")),
        ("http://127.0.0.1:8787/demo/index.html", Some("127.0.0.1")),
        ("https://user@Example.COM:8443/", Some("example.com")),
        ("https://acme.com#top", Some("acme.com")),
        ("chrome://extensions", None),
        ("file:///tmp/a.html", None),
    ];
    for (url, want) in cases {
        assert_eq!(host_of(url).as_deref(), want, "{url}");
    }
}

#[test]
fn decide_table() {
    let incognito = Some(TabPage { url: Some("https://acme.com/"), incognito: true });
    let no_url = Some(TabPage { url: None, incognito: false });
    // (case, settings, tab, what shows without reading)
    type Case<'a> = (&'a str, Option<PrivacySettings>, Option<TabPage<'a>>, Option<View>);
    let cases: Vec<Case<'_>> = vec![
        ("settings not read yet", None, page("https://acme.com/"), Some(View::Loading)),
        ("turned off", Some(settings(false, &[], false)), page("https://acme.com/"), Some(View::Off)),
        ("off wins over no tab", Some(settings(false, &[], false)), None, Some(View::Off)),
        ("no tab", Some(settings(true, &[], false)), None, Some(View::Quiet(NOT_A_PAGE))),
        ("a tab without a readable address", Some(settings(true, &[], false)), no_url, Some(View::Quiet(NOT_A_PAGE))),
        ("not a web page", Some(settings(true, &[], false)), page("chrome://extensions"), Some(View::Quiet(NOT_A_PAGE))),
        ("a blocked site", Some(settings(true, &["acme.com"], false)), page("https://www.acme.com/"), Some(View::Quiet(OFF_HERE))),
        ("a sensitive site", Some(settings(true, &[], false)), page("https://mail.google.com/mail"), Some(View::Quiet(OFF_HERE))),
        ("incognito, not allowed", Some(settings(true, &[], false)), incognito, Some(View::Quiet(OFF_HERE))),
        ("incognito, allowed: read", Some(settings(true, &[], true)), incognito, None),
        ("a web page: read", Some(settings(true, &[], false)), page("https://acme.com/"), None),
    ];
    for (case, settings, tab, want) in cases {
        assert_eq!(decide(settings.as_ref(), tab), want, "{case}");
    }
}

#[test]
fn insights_transitions_table() {
    let at = |ticket: u64, view: View| Insights { ticket, view, ..Insights::default() };
    let reading = || View::Page(Load::Loading);
    let cases: Vec<(&str, Insights, Action, Insights)> = vec![
        (
            "settings read",
            Insights::default(),
            Action::Settings(settings(true, &[], false)),
            Insights { settings: Some(settings(true, &[], false)), ..Insights::default() },
        ),
        ("the time zone", Insights::default(), Action::Zone("Europe/Paris".into()), Insights { zone: "Europe/Paris".into(), ..Insights::default() }),
        ("a look that reads the page", Insights::default(), Action::Look { ticket: 1, decided: None }, at(1, reading())),
        ("a look that needs no reading", at(1, reading()), Action::Look { ticket: 2, decided: Some(View::Off) }, at(2, View::Off)),
        ("the answer of the latest look", at(3, reading()), Action::Read { ticket: 3, outcome: Ok(found()) }, at(3, View::Page(Load::Loaded(found())))),
        (
            "why the latest look failed",
            at(3, reading()),
            Action::Read { ticket: 3, outcome: Err("This page can't be read: no".into()) },
            at(3, View::Page(Load::Failed("This page can't be read: no".into()))),
        ),
        ("an older look's answer is dropped", at(4, reading()), Action::Read { ticket: 3, outcome: Ok(found()) }, at(4, reading())),
        (
            "an older answer does not undo a quiet view",
            at(4, View::Quiet(OFF_HERE)),
            Action::Read { ticket: 3, outcome: Ok(found()) },
            at(4, View::Quiet(OFF_HERE)),
        ),
        ("added: read again", Insights::default(), Action::Again, Insights { again: 1, rereading: true, ..Insights::default() }),
        (
            // What the page showed stays up while it is read again (a toast's Undo with it).
            "the look that reads the same page again refreshes what is shown",
            Insights { rereading: true, ..at(1, View::Page(Load::Loaded(found()))) },
            Action::Look { ticket: 2, decided: None },
            at(2, View::Page(Load::Refreshing(found()))),
        ),
        ("another page: read from scratch", at(1, View::Page(Load::Loaded(found()))), Action::Look { ticket: 2, decided: None }, at(2, reading())),
    ];
    for (case, mut state, action, want) in cases {
        state.apply(action);
        assert_eq!(state, want, "{case}");
    }
}

fn candidate() -> Candidate {
    Candidate::Person(acme().people[0].clone())
}

fn existing() -> Existing {
    ("Lead".into(), "00QA".into(), "Maria Chen".into())
}

fn hit() -> crate::records::search::Hit {
    crate::records::search::Hit { object: "Account".into(), id: "001A".into(), title: "Acme Robotics".into(), subtitle: String::new() }
}

fn account() -> Record {
    Record::new("Account").with("Name", "Acme Robotics")
}

#[test]
fn found_transitions_table() {
    let x = Rc::new(acme());
    let mut corrected = Corrections::default();
    corrected.set(&x, Entity::Company(0), Correction::NotInCrm);
    let s = FoundScreen::default;
    let cases: Vec<(&str, FoundScreen, FoundAction, FoundScreen)> = vec![
        ("stored corrections", s(), FoundAction::StoredCorrections(corrected.clone()), FoundScreen { corrections: corrected.clone(), ..s() }),
        ("wrong match?", s(), FoundAction::Choose(Entity::Company(0)), FoundScreen { choosing: Some(Entity::Company(0)), ..s() }),
        (
            "wrong match? on another: its search starts empty",
            FoundScreen { choosing: Some(Entity::Company(0)), choose_text: "acme".into(), choose_hits: Load::Loaded(vec![hit()]), ..s() },
            FoundAction::Choose(Entity::Person(0)),
            FoundScreen { choosing: Some(Entity::Person(0)), ..s() },
        ),
        ("typing what to search", s(), FoundAction::ChooseText("acme".into()), FoundScreen { choose_text: "acme".into(), ..s() }),
        (
            "searching",
            FoundScreen { choose_text: "acme".into(), ..s() },
            FoundAction::ChooseSearching("acme".into()),
            FoundScreen { choose_text: "acme".into(), choose_searched: "acme".into(), choose_hits: Load::Loading, ..s() },
        ),
        (
            "found",
            FoundScreen { choosing: Some(Entity::Company(0)), choose_text: "acme ro".into(), choose_searched: "acme".into(), ..s() },
            FoundAction::ChooseHits { entity: Entity::Company(0), text: "acme".into(), answer: Ok(vec![hit()]) },
            FoundScreen {
                choosing: Some(Entity::Company(0)),
                choose_text: "acme ro".into(),
                choose_searched: "acme".into(),
                choose_hits: Load::Loaded(vec![hit()]),
                ..s()
            },
        ),
        (
            "the search failed",
            FoundScreen { choosing: Some(Entity::Company(0)), choose_searched: "acme".into(), ..s() },
            FoundAction::ChooseHits { entity: Entity::Company(0), text: "acme".into(), answer: Err("You're offline.".into()) },
            FoundScreen { choosing: Some(Entity::Company(0)), choose_searched: "acme".into(), choose_hits: Load::Failed("You're offline.".into()), ..s() },
        ),
        (
            "a late answer for another match's search is dropped",
            FoundScreen { choosing: Some(Entity::Person(0)), choose_hits: Load::Loading, ..s() },
            FoundAction::ChooseHits { entity: Entity::Company(0), text: String::new(), answer: Ok(vec![hit()]) },
            FoundScreen { choosing: Some(Entity::Person(0)), choose_hits: Load::Loading, ..s() },
        ),
        (
            "an older search's late answer is dropped",
            FoundScreen { choosing: Some(Entity::Company(0)), choose_searched: "acme corp".into(), choose_hits: Load::Loading, ..s() },
            FoundAction::ChooseHits { entity: Entity::Company(0), text: "acme".into(), answer: Ok(vec![hit()]) },
            FoundScreen { choosing: Some(Entity::Company(0)), choose_searched: "acme corp".into(), choose_hits: Load::Loading, ..s() },
        ),
        (
            "another record's update saved: this one's stays busy",
            FoundScreen { updating: Some("003B".into()), ..s() },
            FoundAction::Updated { id: "003A".into(), outcome: Ok("Maria Chen's Title was updated.".into()) },
            FoundScreen { updating: Some("003B".into()), notice: Some(Note::done("Maria Chen's Title was updated.")), ..s() },
        ),
        (
            "a correction: kept, to be stored, the choice closed",
            FoundScreen { choosing: Some(Entity::Company(0)), ..s() },
            FoundAction::Correct { extraction: x.clone(), entity: Entity::Company(0), correction: Correction::NotInCrm },
            FoundScreen { corrections: corrected.clone(), corrected: 1, ..s() },
        ),
        (
            "account details",
            s(),
            FoundAction::Details { account: "001A".into(), answer: Ok(account()) },
            FoundScreen { details: Some(("001A".into(), Load::Loaded(account()))), ..s() },
        ),
        (
            "account details refused",
            s(),
            FoundAction::Details { account: "001A".into(), answer: Err("This account can't be read.".into()) },
            FoundScreen { details: Some(("001A".into(), Load::Failed("This account can't be read.".into()))), ..s() },
        ),
        (
            "new task: the form opens, what was typed stays",
            FoundScreen { task_subject: "Call back".into(), ..s() },
            FoundAction::TaskFor { object: "Contact".into(), id: "003A".into() },
            FoundScreen { task_for: Some(("Contact".into(), "003A".into())), task_subject: "Call back".into(), ..s() },
        ),
        ("typing a subject", s(), FoundAction::TaskSubject("Send pricing".into()), FoundScreen { task_subject: "Send pricing".into(), ..s() }),
        ("picking a due date", s(), FoundAction::TaskDue("2026-12-01".into()), FoundScreen { task_due: "2026-12-01".into(), ..s() }),
        (
            "task created: the form closes and empties",
            FoundScreen { task_for: Some(("Contact".into(), "003A".into())), task_subject: "Send pricing".into(), task_due: "2026-12-01".into(), ..s() },
            FoundAction::TaskSaved(Ok(())),
            FoundScreen { notice: Some(Note::done("Task created.")), ..s() },
        ),
        (
            "task refused by the org: the form stays",
            FoundScreen { task_for: Some(("Contact".into(), "003A".into())), task_subject: "Send pricing".into(), ..s() },
            FoundAction::TaskSaved(Err("You can't create tasks.".into())),
            FoundScreen {
                task_for: Some(("Contact".into(), "003A".into())),
                task_subject: "Send pricing".into(),
                notice: Some(Note::failed("The task wasn't created: You can't create tasks.")),
                ..s()
            },
        ),
        ("call logged", s(), FoundAction::CallLogged(CallOutcome::Logged), FoundScreen { notice: Some(Note::done("Call logged.")), ..s() }),
        (
            "an update's change unticked",
            s(),
            FoundAction::ToggleChange { id: "003A".into(), field: "Title".into() },
            FoundScreen { skipped: vec![("003A".into(), "Title".into())], ..s() },
        ),
        (
            "and ticked again",
            FoundScreen { skipped: vec![("003A".into(), "Title".into())], ..s() },
            FoundAction::ToggleChange { id: "003A".into(), field: "Title".into() },
            s(),
        ),
        ("an update being saved", s(), FoundAction::Updating("003A".into()), FoundScreen { updating: Some("003A".into()), ..s() }),
        (
            "an update saved",
            FoundScreen { updating: Some("003A".into()), skipped: vec![("003A".into(), "Phone".into()), ("003B".into(), "Email".into())], ..s() },
            FoundAction::Updated { id: "003A".into(), outcome: Ok("Maria Chen's Title was updated.".into()) },
            FoundScreen { skipped: vec![("003B".into(), "Email".into())], notice: Some(Note::done("Maria Chen's Title was updated.")), ..s() },
        ),
        (
            "an update refused: what was unticked stays",
            FoundScreen { updating: Some("003A".into()), skipped: vec![("003A".into(), "Phone".into())], ..s() },
            FoundAction::Updated { id: "003A".into(), outcome: Err("You can't edit this contact.".into()) },
            FoundScreen {
                skipped: vec![("003A".into(), "Phone".into())],
                notice: Some(Note::failed("The update wasn't saved: You can't edit this contact.")),
                ..s()
            },
        ),
        (
            "no closed status",
            s(),
            FoundAction::CallLogged(CallOutcome::NoClosedStatus),
            FoundScreen { notice: Some(Note::failed("Your org has no status that closes a task, so a call can't be logged.")), ..s() },
        ),
        (
            "a call refused",
            s(),
            FoundAction::CallLogged(CallOutcome::Failed("offline".into())),
            FoundScreen { notice: Some(Note::failed("The call wasn't logged: offline")), ..s() },
        ),
        (
            "adding clears an earlier duplicate",
            FoundScreen { duplicate: Some((candidate(), existing())), ..s() },
            FoundAction::Adding("Maria Chen".into()),
            FoundScreen { adding: Some("Maria Chen".into()), ..s() },
        ),
        (
            "a duplicate found: not added",
            FoundScreen { adding: Some("Maria Chen".into()), ..s() },
            FoundAction::Duplicate(candidate(), existing()),
            FoundScreen { duplicate: Some((candidate(), existing())), ..s() },
        ),
        (
            "added: the form closes, the toast offers Undo",
            FoundScreen { adding: Some("Maria Chen".into()), ..s() },
            FoundAction::Added(created()),
            FoundScreen { created: Some(created()), ..s() },
        ),
        (
            "undo pressed: once",
            FoundScreen { created: Some(created()), ..s() },
            FoundAction::Undoing,
            FoundScreen { created: Some(created()), undoing: true, ..s() },
        ),
        (
            "undone",
            FoundScreen { created: Some(created()), undoing: true, ..s() },
            FoundAction::Undone(Ok("Maria Chen".into())),
            FoundScreen { notice: Some(Note::done("Maria Chen was removed from Salesforce.")), ..s() },
        ),
        (
            "not undone",
            FoundScreen { created: Some(created()), ..s() },
            FoundAction::Undone(Err("offline".into())),
            FoundScreen { notice: Some(Note::failed("It couldn't be removed: offline")), ..s() },
        ),
        (
            "not added",
            FoundScreen { adding: Some("Maria Chen".into()), ..s() },
            FoundAction::AddFailed { name: "Maria Chen".into(), why: "Last Name is required.".into() },
            FoundScreen { notice: Some(Note::failed("Maria Chen wasn't added: Last Name is required.")), ..s() },
        ),
    ];
    for (case, mut state, action, want) in cases {
        state.apply(action);
        assert_eq!(state, want, "{case}");
    }
}

#[test]
fn task_draft_table() {
    let open = |subject: &str, due: &str| FoundScreen {
        task_for: Some(("Contact".into(), "003A".into())),
        task_subject: subject.into(),
        task_due: due.into(),
        ..FoundScreen::default()
    };
    let subject_and_due = |r: &Record| (r.get_str("Subject").map(str::to_owned), r.get_str("ActivityDate").map(str::to_owned));
    /// The draft's (Subject, ActivityDate), or why there is none.
    type Draft = Option<Result<(Option<String>, Option<String>), String>>;
    let cases: Vec<(&str, FoundScreen, Draft)> = vec![
        ("the form closed", FoundScreen::default(), None),
        ("no subject", open("  ", "2026-12-01"), Some(Err("Give the task a subject.".into()))),
        ("a subject, trimmed, no date", open(" Send pricing ", ""), Some(Ok((Some("Send pricing".into()), None)))),
        ("a due date", open("Send pricing", "2026-12-01"), Some(Ok((Some("Send pricing".into()), Some("2026-12-01".into()))))),
        ("an unreadable date is left out", open("Send pricing", "tomorrow"), Some(Ok((Some("Send pricing".into()), None)))),
    ];
    for (case, state, want) in cases {
        assert_eq!(state.task_draft().map(|r| r.map(|t| subject_and_due(&t))), want, "{case}");
    }
}

#[test]
fn details_show_under_their_account_only() {
    let state = FoundScreen { details: Some(("001A".into(), Load::Loaded(account()))), ..FoundScreen::default() };
    assert_eq!(state.details_of("001A"), Some(&Load::Loaded(account())));
    assert_eq!(state.details_of("001B"), None);
    assert_eq!(FoundScreen::default().details_of("001A"), None);
}

fn created() -> crate::insights::screen::Created {
    crate::insights::screen::Created { object: "Lead".into(), id: "00Q000000000001AAA".into(), name: "Maria Chen".into(), of: None }
}

/// The add form: the describe's fields the rep may set, prefilled from
/// the page's draft, required ones said before anything is sent.
#[test]
fn the_add_form_is_prefilled_editable_and_says_what_is_missing() {
    use crate::insights::screen::AddForm;
    use salesforce_rest::wire::SObjectDescribe;
    let field = |name: &str, label: &str, nillable: bool| serde_json::json!({"name": name, "label": label, "type": "string", "createable": true, "nillable": nillable, "defaultedOnCreate": false});
    let describe: SObjectDescribe = serde_json::from_value(serde_json::json!({
        "name": "Lead", "label": "Lead",
        "fields": [field("FirstName", "First Name", true), field("LastName", "Last Name", false), field("Company", "Company", false),
                   field("Title", "Title", true), field("Email", "Email", true),
                   {"name": "Phone", "label": "Phone", "type": "phone", "createable": false, "nillable": true}],
    }))
    .expect("describe");
    let draft = Record::new("Lead").with("FirstName", "Priya").with("LastName", "Raman").with("Company", "Acme Robotics").with("LeadSource", "Web");
    let mut state = FoundScreen::default();
    state.apply(FoundAction::Compose(AddForm::new(candidate(), draft, &describe)));
    let form = state.form.clone().expect("form");
    assert_eq!(
        form.fields.iter().map(|f| (f.name.as_str(), f.value.as_str(), f.required)).collect::<Vec<_>>(),
        [("FirstName", "Priya", false), ("LastName", "Raman", true), ("Title", "", false), ("Company", "Acme Robotics", true), ("Email", "", false),],
        "Phone is not createable here: not offered"
    );
    assert_eq!(form.name(), "Priya Raman");
    state.apply(FoundAction::FormField(2, "VP Sales".into()));
    state.apply(FoundAction::FormField(3, "  ".into()));
    assert_eq!(state.form.as_ref().expect("form").record(), Err("Fill in Company first.".into()));
    state.apply(FoundAction::FormField(3, "Acme Robotics Inc.".into()));
    let record = state.form.as_ref().expect("form").record().expect("record");
    assert_eq!((record.get_str("Title"), record.get_str("Company"), record.get_str("LeadSource")), (Some("VP Sales"), Some("Acme Robotics Inc."), Some("Web")));
    assert_eq!(record.get("Email"), Some(&serde_json::Value::Null), "an empty field is sent as empty");
    state.apply(FoundAction::FormCancelled);
    assert_eq!(state.form, None);
}
