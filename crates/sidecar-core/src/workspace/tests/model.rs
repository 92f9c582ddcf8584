//! Saved workspaces: defaults, limits, ids, JSON, storage area.

use crate::settings::keys::WORKSPACES as STORAGE_KEY;
use crate::sync_quota::fits_sync;
use crate::workspace::model::{MAX_WORKSPACES, Op, Scope, Workspace, WorkspaceError, Workspaces, defaults};

fn custom(name: &str) -> Workspace {
    Workspace { id: String::new(), name: name.into(), ..defaults()[1].clone() }
}

#[test]
fn four_defaults() {
    let list = Workspaces::default();
    let summary: Vec<(&str, &str, Scope)> = list.items.iter().map(|w| (w.name.as_str(), w.object.as_str(), w.scope)).collect();
    assert_eq!(
        summary,
        [
            ("My Latest Leads", "Lead", Scope::Mine),
            ("My Open Opportunities", "Opportunity", Scope::Mine),
            ("Recently Updated Contacts", "Contact", Scope::All),
            ("Recently Updated Accounts", "Account", Scope::All),
        ]
    );
    let opps = &list.items[1];
    assert_eq!((opps.filters[0].field.as_str(), opps.filters[0].op, opps.filters[0].value.as_str()), ("IsClosed", Op::Equals, "false"));
    assert_eq!((opps.sort.field.as_str(), opps.sort.descending), ("CloseDate", true));
    assert_eq!((list.items[0].sort.field.as_str(), list.items[0].sort.descending), ("CreatedDate", true));
}

#[test]
fn at_most_ten_and_fresh_ids() {
    let mut list = Workspaces::default();
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(list.add(custom(&format!("Mine {i}"))).expect("room"));
    }
    assert_eq!(list.items.len(), MAX_WORKSPACES);
    assert_eq!(list.add(custom("Eleventh")), Err(WorkspaceError::TooMany));
    assert_eq!(WorkspaceError::TooMany.to_string(), "You can have up to 10 workspaces. Delete one to add another.");
    assert_eq!(ids[0], "ws-1");
    list.delete(&ids[5]).expect("delete");
    let again = list.add(custom("Again")).expect("room");
    assert!(!ids.contains(&again), "ids are never reused: {again}");
}

#[test]
fn add_and_update_check_the_workspace() {
    let mut list = Workspaces::default();
    assert_eq!(list.add(custom("  ")), Err(WorkspaceError::NoName));
    assert_eq!(list.add(Workspace { columns: vec![], ..custom("x") }), Err(WorkspaceError::NoColumns));
    let mut opps = list.items[1].clone();
    opps.name = "Pipeline".into();
    opps.scope = Scope::All;
    list.update(opps.clone()).expect("update a default");
    assert_eq!(list.get("default-opportunities"), Some(&opps));
    assert_eq!(list.update(Workspace { id: "nope".into(), ..opps }), Err(WorkspaceError::NotFound));
}

#[test]
fn deleting_the_last_brings_defaults_back() {
    let mut list = Workspaces::default();
    let extra = list.add(custom("Mine")).expect("room");
    for id in ["default-leads", "default-opportunities", "default-contacts", "default-accounts"] {
        list.delete(id).expect("delete");
    }
    assert_eq!(list.items.len(), 1);
    assert_eq!(list.delete("default-leads"), Err(WorkspaceError::NotFound));
    list.delete(&extra).expect("delete the last");
    assert_eq!(list.items, defaults());
}

#[test]
fn json_is_stable_and_corrupt_storage_means_defaults() {
    let mut list = Workspaces::default();
    list.add(custom("Mine")).expect("room");
    let json = list.to_json();
    assert!(json.contains(r#""scope":"mine""#) && json.contains(r#""op":"equals""#) && json.contains(r#""nextId":2"#), "{json}");
    assert_eq!(Workspaces::from_json(Some(&json)), list);
    for bad in [None, Some(""), Some("{"), Some(r#"{"items":[]}"#), Some(r#"{"items":[{"id":1}]}"#)] {
        assert_eq!(Workspaces::from_json(bad), Workspaces::default(), "{bad:?}");
    }
    // Older or foreign writers may omit optional keys.
    let minimal = r#"{"items":[{"id":"a","name":"A","object":"Case","columns":["Subject"],"sort":{"field":"CreatedDate"}}]}"#;
    let read = Workspaces::from_json(Some(minimal));
    assert_eq!((read.items[0].scope, read.items[0].filters.len(), read.items[0].sort.descending), (Scope::Mine, 0, false));
}

/// The list is stored by `platform::synced`: in `chrome.storage.sync`
/// while it fits sync's quotas (the key counts), else in local.
#[test]
fn the_workspace_list_goes_to_sync_while_it_fits() {
    let key = STORAGE_KEY.len();
    let table = [
        (0, 0, true),
        (8192 - key, 0, true),
        (8192 - key + 1, 0, false),
        (200_000, 0, false),
        (4000, 102_400 - 4000 - key, true),
        (4000, 102_400 - 4000 - key + 1, false),
    ];
    for (len, others, sync) in table {
        assert_eq!(fits_sync(STORAGE_KEY, len, others), sync, "{len} + {others}");
    }
    let ten = {
        let mut list = Workspaces::default();
        while list.add(custom("A workspace with a long name")).is_ok() {}
        list
    };
    assert!(fits_sync(STORAGE_KEY, ten.to_json().len(), 2000), "ten ordinary workspaces fit in sync");
}
