//! The Manage Workspace dialog's reducer: rows of (state before, action,
//! state after), then what Save and Delete make of the draft and what the
//! dialog says about it. A describe or a count for a draft the user has
//! changed since is dropped; every change of the draft counts again.

use std::rc::Rc;

use salesforce_rest::wire::SObjectDescribe;
use serde_json::{Value, json};

use super::*;
use crate::workspace::columns::{FieldChoice, field_choices};
use crate::workspace::manage::{Action, Count, Edit, Manage, Mode, blank};
use crate::workspace::model::{Filter, Op, Scope, Sort, Workspace, Workspaces};
use crate::workspace::query::parse_filter_value;

fn offline() -> String {
    crate::api_error::ApiError::Offline.user_message()
}

fn field(name: &str, ty: &str, extra: Value) -> Value {
    let mut f = json!({"name": name, "label": name, "type": ty, "nillable": true, "updateable": true, "filterable": true, "sortable": true});
    if let (Some(f), Some(extra)) = (f.as_object_mut(), extra.as_object()) {
        f.extend(extra.clone());
    }
    f
}

fn describe(name: &str, fields: Vec<Value>) -> Rc<SObjectDescribe> {
    Rc::new(serde_json::from_value(json!({"name": name, "label": name, "fields": fields})).expect("describe"))
}

fn opportunity() -> Rc<SObjectDescribe> {
    describe(
        "Opportunity",
        vec![
            field("Name", "string", json!({"label": "Opportunity Name", "nameField": true})),
            field("Amount", "currency", json!({})),
            field("CreatedDate", "datetime", json!({"label": "Created Date", "updateable": false})),
            field("Description", "textarea", json!({"length": 32000, "filterable": false, "sortable": false})),
            field("AccountId", "reference", json!({"label": "Account ID", "relationshipName": "Account", "referenceTo": ["Account"]})),
        ],
    )
}

/// Case has no `Name`: its name field is `CaseNumber`.
fn case() -> Rc<SObjectDescribe> {
    describe(
        "Case",
        vec![
            field("CaseNumber", "string", json!({"label": "Case Number", "nameField": true, "updateable": false})),
            field("Subject", "string", json!({})),
            field("CreatedDate", "datetime", json!({"label": "Created Date", "updateable": false})),
        ],
    )
}

fn account() -> Rc<SObjectDescribe> {
    describe("Account", vec![field("Name", "string", json!({"label": "Account Name", "nameField": true})), field("Industry", "picklist", json!({}))])
}

/// A new dialog, then `f`.
fn dialog(f: impl FnOnce(&mut Manage)) -> Manage {
    let mut manage = Manage::new(Mode::New, &Workspaces::default());
    f(&mut manage);
    manage
}

/// A new dialog on Opportunity with its own fields offered, counted (3),
/// at draft revision 1.
fn counted() -> Manage {
    dialog(|m| {
        m.choices = field_choices(&opportunity(), "", None);
        m.draft.columns = vec!["Name".into(), "Amount".into(), "CloseDate".into()];
        m.draft.filters = vec![Filter::new("StageName", Op::Equals, "Prospecting")];
        m.revision = 1;
        m.count = Count::Matching(3);
    })
}

/// `before` changed by the user to `f(draft)`: counted again, one revision on.
fn recounted(before: &Manage, f: impl FnOnce(&mut Workspace)) -> Manage {
    let mut after = before.clone();
    f(&mut after.draft);
    after.revision += 1;
    after.count = Count::Counting;
    after
}

#[test]
fn each_action_moves_the_dialog_as_the_table_says() {
    let objects = vec![("Account".to_owned(), "Account".to_owned()), ("Case".to_owned(), "Case".to_owned())];
    let on_case = dialog(|m| {
        m.draft = Workspace { name: "Escalations".into(), ..blank("Case") };
        m.revision = 1;
    });
    let base = counted();
    let with_parent = |m: &Manage| {
        let mut m = m.clone();
        m.choices.extend(field_choices(&account(), "Account.", Some("Account")));
        m
    };
    let edit = |e: Edit| Action::Edit(e);
    let cases: Vec<(&str, Manage, Action, Manage)> = vec![
        ("describeGlobal's objects", dialog(|_| {}), Action::Objects(Ok(objects.clone())), dialog(|m| m.objects = objects.clone())),
        ("describeGlobal failed", dialog(|_| {}), Action::Objects(Err(offline())), dialog(|m| m.error = Some(offline()))),
        (
            "an untouched draft on Case starts on CaseNumber, newest first",
            on_case.clone(),
            Action::Described { object: "Case".into(), describe: case() },
            Manage {
                choices: field_choices(&case(), "", None),
                ..recounted(&on_case, |w| {
                    w.columns = vec!["CaseNumber".into()];
                    w.sort = Sort { field: "CreatedDate".into(), descending: true };
                })
            },
        ),
        (
            "a describe for an object the user left is dropped",
            on_case.clone(),
            Action::Described { object: "Opportunity".into(), describe: opportunity() },
            on_case.clone(),
        ),
        (
            "a draft the user changed keeps its columns and sort",
            Manage { choices: Vec::new(), ..base.clone() },
            Action::Described { object: "Opportunity".into(), describe: opportunity() },
            base.clone(),
        ),
        (
            "a parent's fields are offered after the object's",
            base.clone(),
            Action::ParentDescribed { object: "Opportunity".into(), relationship: "Account".into(), label: "Account".into(), describe: account() },
            with_parent(&base),
        ),
        (
            "a parent described again (the user came back to the object) is offered once",
            with_parent(&base),
            Action::ParentDescribed { object: "Opportunity".into(), relationship: "Account".into(), label: "Account".into(), describe: account() },
            with_parent(&base),
        ),
        (
            "a parent of an object the user left is dropped",
            on_case.clone(),
            Action::ParentDescribed { object: "Opportunity".into(), relationship: "Account".into(), label: "Account".into(), describe: account() },
            on_case.clone(),
        ),
        ("the name", base.clone(), edit(Edit::Name("Big deals".into())), recounted(&base, |w| w.name = "Big deals".into())),
        (
            "another object: the draft starts over on it, name kept, its fields to come",
            Manage { draft: Workspace { name: "Mine".into(), ..base.draft.clone() }, ..base.clone() },
            edit(Edit::Object("Case".into())),
            Manage { choices: Vec::new(), ..recounted(&base, |w| *w = Workspace { name: "Mine".into(), ..blank("Case") }) },
        ),
        ("all records I can see", base.clone(), edit(Edit::Scope(Scope::All)), recounted(&base, |w| w.scope = Scope::All)),
        ("a column added", base.clone(), edit(Edit::AddColumn("Description".into())), recounted(&base, |w| w.columns.push("Description".into()))),
        ("a column already shown (any case) is not added again", base.clone(), edit(Edit::AddColumn("amount".into())), base.clone()),
        ("the prompt is no column", base.clone(), edit(Edit::AddColumn(String::new())), base.clone()),
        ("a column up", base.clone(), edit(Edit::MoveColumnUp(2)), recounted(&base, |w| w.columns.swap(1, 2))),
        ("the first column up stays first", base.clone(), edit(Edit::MoveColumnUp(0)), base.clone()),
        ("a column down", base.clone(), edit(Edit::MoveColumnDown(0)), recounted(&base, |w| w.columns.swap(0, 1))),
        ("the last column down stays last", base.clone(), edit(Edit::MoveColumnDown(2)), base.clone()),
        ("a column removed", base.clone(), edit(Edit::RemoveColumn(1)), recounted(&base, |w| w.columns = vec!["Name".into(), "CloseDate".into()])),
        ("a column index gone meanwhile", base.clone(), edit(Edit::RemoveColumn(3)), base.clone()),
        ("the sort field", base.clone(), edit(Edit::SortField("Amount".into())), recounted(&base, |w| w.sort.field = "Amount".into())),
        ("the sort order", base.clone(), edit(Edit::SortDescending(false)), recounted(&base, |w| w.sort.descending = false)),
        ("a filter row", base.clone(), edit(Edit::AddFilter), recounted(&base, |w| w.filters.push(Filter::new("", Op::Equals, "")))),
        (
            "a filter's field: operator and value start over",
            base.clone(),
            edit(Edit::FilterField(0, "Amount".into())),
            recounted(&base, |w| w.filters[0] = Filter::new("Amount", Op::Equals, "")),
        ),
        ("a filter's operator", base.clone(), edit(Edit::FilterOp(0, Op::NotEquals)), recounted(&base, |w| w.filters[0].op = Op::NotEquals)),
        (
            "a filter's value",
            base.clone(),
            edit(Edit::FilterValue(0, "Qualification".into())),
            recounted(&base, |w| w.filters[0].value = "Qualification".into()),
        ),
        ("a filter removed", base.clone(), edit(Edit::RemoveFilter(0)), recounted(&base, |w| w.filters.clear())),
        ("a filter index gone meanwhile", base.clone(), edit(Edit::FilterValue(4, "x".into())), base.clone()),
        ("the fields described for this draft", base.clone(), Action::Known { revision: 1, known: columns() }, Manage { known: columns(), ..base.clone() }),
        ("the fields described for an older draft", base.clone(), Action::Known { revision: 0, known: columns() }, base.clone()),
        ("this draft's count", base.clone(), Action::Counted { revision: 1, count: Ok(12) }, Manage { count: Count::Matching(12), ..base.clone() }),
        ("an older draft's count", base.clone(), Action::Counted { revision: 0, count: Ok(12) }, base.clone()),
        (
            "this draft cannot be counted",
            base.clone(),
            Action::Counted { revision: 1, count: Err(offline()) },
            Manage { count: Count::Problem(offline()), ..base.clone() },
        ),
        ("Delete asks first", base.clone(), Action::ConfirmDelete(true), Manage { confirm_delete: true, ..base.clone() }),
        ("Keep it", Manage { confirm_delete: true, ..base.clone() }, Action::ConfirmDelete(false), base.clone()),
        (
            "a refused save",
            base.clone(),
            Action::Refused("Give the workspace a name.".into()),
            Manage { error: Some("Give the workspace a name.".into()), ..base.clone() },
        ),
    ];
    for (what, before, action, after) in cases {
        let mut manage = before;
        manage.apply(action);
        assert_eq!(manage, after, "{what}");
    }
}

#[test]
fn the_dialog_opens_on_the_workspace_or_a_new_one() {
    let list = Workspaces::default();
    let leads = list.get("default-leads").cloned().expect("default");
    assert_eq!(Manage::new(Mode::Edit("default-leads".into()), &list).draft, leads);
    assert_eq!(Manage::new(Mode::New, &list).draft, blank("Opportunity"));
    // Deleted in another tab meanwhile: a blank draft, whose save says so.
    let mut gone = Manage::new(Mode::Edit("ws-9".into()), &list);
    assert_eq!(gone.draft, blank("Opportunity"));
    gone.apply(Action::Edit(Edit::Name("Mine".into())));
    assert_eq!(gone.saved(&list, &ctx()).map(|_| ()), Err("This workspace doesn't exist anymore.".into()));
}

#[test]
fn save_trims_drops_unfinished_filters_and_stops_on_a_bad_value() {
    let list = Workspaces::default();
    let named = |name: &str, filters: Vec<Filter>| {
        dialog(|m| {
            m.draft.name = name.into();
            m.draft.filters = filters;
            m.known = columns();
        })
    };
    let amount = &columns()[AMOUNT];
    let bad_amount = parse_filter_value(amount, Op::GreaterThan, "lots", &ctx()).map(|_| ()).expect_err("not a number").to_string();
    /// The saved workspace's name and filters, or the refusal.
    type Saved = Result<(&'static str, Vec<Filter>), String>;
    let cases: Vec<(Manage, Saved)> = vec![
        (named("  Big deals ", vec![Filter::new("", Op::Equals, "")]), Ok(("Big deals", vec![]))),
        (
            named("Big deals", vec![Filter::new("Amount", Op::GreaterThan, "1,000"), Filter::new("", Op::Equals, "x")]),
            Ok(("Big deals", vec![Filter::new("Amount", Op::GreaterThan, "1,000")])),
        ),
        (named("Big deals", vec![Filter::new("Amount", Op::GreaterThan, "lots")]), Err(bad_amount)),
        // A field not described (yet) is the query's to refuse.
        (named("Big deals", vec![Filter::new("Unknown__c", Op::Equals, "x")]), Ok(("Big deals", vec![Filter::new("Unknown__c", Op::Equals, "x")]))),
        (named("   ", vec![]), Err("Give the workspace a name.".into())),
    ];
    for (manage, expected) in cases {
        let saved = manage.saved(&list, &ctx()).map(|(next, id)| {
            let w = next.get(&id).cloned().expect("saved");
            (w.name, w.filters)
        });
        assert_eq!(saved, expected.map(|(name, filters)| (name.to_owned(), filters)), "{:?}", manage.draft);
    }
    let mut full = list.clone();
    while full.items.len() < crate::workspace::model::MAX_WORKSPACES {
        full.add(Workspace { name: "More".into(), ..blank("Lead") }).expect("room");
    }
    assert_eq!(named("One too many", vec![]).saved(&full, &ctx()).map(|_| ()), Err("You can have up to 10 workspaces. Delete one to add another.".into()));

    let mut edited = Manage::new(Mode::Edit("default-leads".into()), &list);
    edited.apply(Action::Edit(Edit::Name("Hot leads".into())));
    let (next, id) = edited.saved(&list, &ctx()).expect("saved");
    assert_eq!((id.as_str(), next.get("default-leads").map(|w| w.name.as_str()), next.items.len()), ("default-leads", Some("Hot leads"), list.items.len()));
}

#[test]
fn delete_removes_the_edited_workspace_only() {
    let list = Workspaces::default();
    assert_eq!(Manage::new(Mode::New, &list).deleted(&list), None, "a new workspace has nothing to delete");
    let next = Manage::new(Mode::Edit("default-leads".into()), &list).deleted(&list).expect("edit").expect("deleted");
    assert!(next.get("default-leads").is_none() && next.items.len() == list.items.len() - 1);
    let gone = Manage::new(Mode::Edit("ws-9".into()), &list).deleted(&list).expect("edit");
    assert_eq!(gone, Err("This workspace doesn't exist anymore.".into()));
}

#[test]
fn what_the_dialog_offers_and_says() {
    let mut manage = counted();
    manage.choices.extend(field_choices(&account(), "Account.", Some("Account")));
    let paths = |it: &mut dyn Iterator<Item = &FieldChoice>| it.map(|c| c.path.clone()).collect::<Vec<_>>();
    // Shown columns are not offered again; the sort is the object's own sortable fields.
    assert_eq!(paths(&mut manage.addable_columns()), ["AccountId", "CreatedDate", "Description", "Account.Industry", "Account.Name"]);
    assert_eq!(paths(&mut manage.sort_choices()), ["AccountId", "Amount", "CreatedDate", "Name"]);
    assert!(!paths(&mut manage.filter_choices()).contains(&"Description".to_owned()), "describe says a long text area is not filterable");

    // Before the fields are described: a choice's label, or the path.
    assert_eq!((manage.label_of("account.industry"), manage.label_of("CloseDate")), ("Account Industry".into(), "CloseDate".into()));
    assert_eq!((manage.sort_note(), manage.filter_problem(0, &ctx())), (None, None), "nothing is judged before describe answers");
    manage.known = columns();
    assert_eq!(manage.label_of("CloseDate"), "Close Date");
    assert_eq!(manage.sort_note(), Some("The sort by CreatedDate was left out: that field isn't available.".into()));
    assert_eq!(manage.filter_problem(0, &ctx()), None, "StageName = Prospecting is fine");
    manage.draft.filters = vec![Filter::new("Probability", Op::Equals, "10")];
    assert_eq!(manage.filter_problem(0, &ctx()), Some("The filter on Probability was left out: that field isn't available.".into()));
    manage.draft.filters =
        vec![Filter::new("Amount", Op::GreaterThan, "lots"), Filter::new("Amount", Op::IsEmpty, "lots"), Filter::new("Amount", Op::Equals, " ")];
    let bad = parse_filter_value(&columns()[AMOUNT], Op::GreaterThan, "lots", &ctx()).map(|_| ()).expect_err("bad").to_string();
    assert_eq!(manage.filter_problem(0, &ctx()), Some(bad));
    assert_eq!((manage.filter_problem(1, &ctx()), manage.filter_problem(2, &ctx()), manage.filter_problem(3, &ctx())), (None, None, None));
    assert_eq!(manage.filter_column(0).map(|c| c.path.as_str()), Some("Amount"));

    let counts = [
        (Count::Counting, None),
        (Count::Matching(1), Some("1 matching record")),
        (Count::Matching(0), Some("0 matching records")),
        (Count::Problem("x".into()), None),
    ];
    for (count, text) in counts {
        assert_eq!(count.matching_text().as_deref(), text, "{count:?}");
    }
}
