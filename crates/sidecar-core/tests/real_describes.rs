//! What the extension sends, checked against describes recorded from real
//! orgs (`<workspace root>/../shared/fixtures/real-orgs/*/X.json`, raw
//! `GET /sobjects/X/describe` bodies; CI has them at that place, so their
//! absence fails the test). For each folder (one org), a deterministic
//! generator builds everything a user can pick in Manage Workspace (every
//! object offered, every column including parents' fields, a filter with
//! every operator offered on every field offered for filtering, every sort
//! offered, and a stored workspace naming fields describe refuses), the
//! record read of every object, the insights SOSL, the global search and
//! the To Do List's query, and asserts that every field they name exists,
//! is filterable where filtered and sortable where sorted, and that parent
//! paths go through relationships that exist to fields that exist on the
//! target (when the target's describe is in the folder).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use salesforce_rest::soql::{Condition, FieldPath, Query, SelectItem};
use salesforce_rest::sosl::Search;
use salesforce_rest::wire::{FieldDescribe, SObjectDescribe};
use salesforce_rest::{FieldType, SfId};
use sidecar_core::fields::EditContext;
use sidecar_core::insights::{Candidate, Company, Extraction, Person, SearchPlan, insights_search};
use sidecar_core::records::spec::{self, NameFields};
use sidecar_core::records::{search, view};
use sidecar_core::workspace::ColumnSpec;
use sidecar_core::workspace::columns::{self, Resolved, field_choices, key, parents, resolve, unreadable};
use sidecar_core::workspace::model::{Filter, Scope, Sort, Workspace, defaults};
use sidecar_core::workspace::query::{count_query, left_out, ops_for, parse_filter_value, records_query};

const ME: &str = "005000000000001AAA";

/// The fields of Salesforce's `Name` object that a polymorphic
/// relationship (`What`, `Who`, `Owner`) reaches (Object Reference, "Name").
const NAME_OBJECT_FIELDS: [&str; 4] = ["Id", "Name", "Type", "Alias"];

fn real_orgs() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = root.join("../shared/fixtures/real-orgs");
    assert!(dir.is_dir(), "the real describes are missing: expected {} (the repository's parent holds shared/)", dir.display());
    dir
}

/// One org: its describes by [`key`].
struct Org {
    name: String,
    describes: HashMap<String, SObjectDescribe>,
}

impl Org {
    fn get(&self, object: &str) -> Option<&SObjectDescribe> {
        self.describes.get(&key(object))
    }
}

use std::collections::BTreeMap;

use sidecar_core::feed::catalog::{FieldList, ObjectList};

fn orgs() -> Vec<Org> {
    let mut out = Vec::new();
    let mut folders: Vec<PathBuf> = std::fs::read_dir(real_orgs()).expect("real-orgs").filter_map(|e| e.ok().map(|e| e.path())).collect();
    folders.sort();
    for folder in folders.into_iter().filter(|p| p.is_dir()) {
        let mut describes = HashMap::new();
        for file in std::fs::read_dir(&folder).expect("folder").filter_map(|e| e.ok().map(|e| e.path())) {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            if !name.ends_with(".json") || name.starts_with('_') {
                continue;
            }
            let text = std::fs::read_to_string(&file).expect("read");
            let Ok(describe) = serde_json::from_str::<SObjectDescribe>(&text) else { continue };
            if describe.fields.is_empty() {
                continue; // not a describe (recorded exchanges)
            }
            describes.insert(key(describe.name()), describe);
        }
        if !describes.is_empty() {
            out.push(Org { name: folder.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned(), describes });
        }
    }
    assert!(out.len() >= 3, "expected the three describe folders, found {}", out.len());
    out
}

/// How a path was checked.
#[derive(Debug, PartialEq)]
enum Checked<'a> {
    /// The field at the end of the path, found in its object's describe.
    Field(&'a FieldDescribe),
    /// A field of the `Name` object behind a polymorphic relationship.
    NameObject,
    /// A parent whose describe is not in the folder: the hop exists, the rest can't be checked here.
    Beyond,
}

/// Walks `path` from `object`: every hop a relationship of a lookup that
/// exists, the last part a field that exists.
fn check_path<'a>(org: &'a Org, object: &str, path: &FieldPath) -> Result<Checked<'a>, String> {
    let parts: Vec<&str> = path.parts.iter().map(|p| p.name.as_str()).collect();
    let mut current = org.get(object).ok_or_else(|| format!("no describe of {object}"))?;
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return current.field(part).map(Checked::Field).ok_or_else(|| format!("{}: no field {part} in {path}", current.name()));
        }
        let lookup = current
            .field_for_relationship(part)
            .filter(|f| f.field_type == FieldType::Reference)
            .ok_or_else(|| format!("{}: no relationship {part} in {path}", current.name()))?;
        match lookup.reference_to.as_slice() {
            [target] => match org.get(target) {
                Some(next) => current = next,
                None => return Ok(Checked::Beyond),
            },
            [] => return Err(format!("{}: {part} points at nothing", current.name())),
            _ => {
                let rest = &parts[i + 1..];
                return if rest.len() == 1 && NAME_OBJECT_FIELDS.contains(&rest[0]) {
                    Ok(Checked::NameObject)
                } else {
                    Err(format!("{}: {path} goes past a polymorphic relationship", current.name()))
                };
            }
        }
    }
    Err(format!("empty path {path}"))
}

fn condition_paths<'c>(c: &'c Condition, out: &mut Vec<&'c FieldPath>) {
    match c {
        Condition::And(parts) | Condition::Or(parts) => parts.iter().for_each(|p| condition_paths(p, out)),
        Condition::Not(inner) => condition_paths(inner, out),
        Condition::Compare { field, .. } | Condition::Like { field, .. } | Condition::In { field, .. } | Condition::Includes { field, .. } => {
            out.push(field);
        }
    }
}

/// The start of a (generated, very long) query, for a failure message.
fn short(query: &Query) -> String {
    query.to_string().chars().take(400).collect()
}

/// Asserts every field `query` names exists, filterable in WHERE, sortable
/// in ORDER BY; counts the paths checked.
fn check_query(org: &Org, query: &Query, context: &str) -> usize {
    let object = query.from.name.as_str();
    let mut checked = 0;
    for item in &query.select {
        match item {
            SelectItem::Field(path) => {
                check_path(org, object, path).unwrap_or_else(|e| panic!("{}: {context}: SELECT {e}\n{}", org.name, short(query)));
                checked += 1;
            }
            // `(SELECT … FROM Contacts)`: a child relationship of the object,
            // whose fields are the child object's.
            SelectItem::SubQuery(sub) => {
                let parent = org.get(object).unwrap_or_else(|| panic!("{}: no describe of {object}", org.name));
                let relationship = parent
                    .child_relationship(&sub.from.name)
                    .unwrap_or_else(|| panic!("{}: {context}: {object} has no child relationship {}", org.name, sub.from.name));
                if org.get(&relationship.child_sobject).is_some() {
                    let mut sub = (**sub).clone();
                    sub.from.name = relationship.child_sobject.clone();
                    checked += check_query(org, &sub, &format!("{context} ({})", relationship.child_sobject));
                }
            }
            _ => {}
        }
    }
    let mut filtered = Vec::new();
    if let Some(filter) = &query.filter {
        condition_paths(filter, &mut filtered);
    }
    for path in filtered {
        if let Checked::Field(f) = check_path(org, object, path).unwrap_or_else(|e| panic!("{}: {context}: WHERE {e}\n{}", org.name, short(query))) {
            assert!(f.filterable, "{}: {context}: {path} is not filterable\n{}", org.name, short(query));
        }
        checked += 1;
    }
    for order in &query.order_by {
        if let Checked::Field(f) = check_path(org, object, &order.field).unwrap_or_else(|e| panic!("{}: {context}: ORDER BY {e}\n{}", org.name, short(query))) {
            assert!(f.sortable, "{}: {context}: {} is not sortable\n{}", org.name, order.field, short(query));
        }
        checked += 1;
    }
    checked
}

/// Resolves `path` as the loader does: describes from the folder; a lookup
/// target the folder lacks is unreadable (its column shows ids). `None`
/// when the path needs a parent the folder lacks, or names nothing shown.
fn column(org: &Org, describes: &mut HashMap<String, SObjectDescribe>, object: &str, path: &str) -> Option<ColumnSpec> {
    loop {
        match resolve(object, path, describes, None) {
            Resolved::Column(c) => return Some(c),
            Resolved::Unknown(_) => return None,
            Resolved::NeedDescribe(o) => {
                let d = org.get(&o)?.clone();
                describes.insert(key(&o), d);
            }
            Resolved::NeedNameDescribe(o) => {
                let d = org.get(&o).cloned().unwrap_or_else(|| unreadable(&o));
                describes.insert(key(&o), d);
            }
        }
    }
}

/// A value the dialog would accept for a filter on `column` with `op`.
fn sample_value(column: &ColumnSpec, op: sidecar_core::workspace::model::Op, ctx: &EditContext) -> Option<String> {
    let mut candidates: Vec<String> = column.spec.picklist.iter().take(1).map(|o| o.value.clone()).collect();
    candidates.extend(["x", "1", "12/03/2026", "TODAY", "true", "001000000000001AAA"].map(str::to_owned));
    candidates.into_iter().find(|v| parse_filter_value(column, op, v, ctx).is_ok())
}

fn workspace(object: &str, columns: Vec<String>, filters: Vec<Filter>, sort: &str, descending: bool, scope: Scope) -> Workspace {
    Workspace {
        id: "ws-1".into(),
        name: "Generated".into(),
        object: object.to_owned(),
        columns,
        scope,
        filters,
        sort: Sort { field: sort.to_owned(), descending },
    }
}

#[test]
fn manage_workspace_choices_build_queries_the_org_accepts() {
    let ctx = EditContext::default();
    for org in orgs() {
        let mut checked = 0;
        let mut filters_built = 0;
        for object in columns::STANDARD_OBJECTS {
            let Some(describe) = org.get(object) else { continue };
            let mut choices = field_choices(describe, "", None);
            for (relationship, label, target) in parents(describe) {
                if let Some(parent) = org.get(&target) {
                    choices.extend(field_choices(parent, &format!("{relationship}."), Some(&label)));
                }
            }
            let mut describes: HashMap<String, SObjectDescribe> = HashMap::new();
            let known: Vec<ColumnSpec> = choices.iter().filter_map(|c| column(&org, &mut describes, object, &c.path)).collect();
            assert!(!known.is_empty(), "{}: {object}: no columns", org.name);
            // The dialog's flags are describe's, and the columns agree.
            for c in &choices {
                if let Some(col) = known.iter().find(|k| k.path == c.path) {
                    assert_eq!((col.filterable, col.sortable), (c.filterable, c.sortable), "{}: {}", org.name, c.path);
                }
            }
            let paths: Vec<String> = known.iter().map(|c| c.path.clone()).collect();
            // Every operator offered, on every field offered as a filter.
            let mut filters = Vec::new();
            for choice in choices.iter().filter(|c| c.filterable) {
                let Some(col) = known.iter().find(|k| k.path == choice.path) else { continue };
                for &op in ops_for(col.ty()) {
                    if let Some(value) = sample_value(col, op, &ctx) {
                        filters.push(Filter::new(&col.path, op, &value));
                    }
                }
            }
            filters_built += filters.len();
            let sort = choices.iter().find(|c| c.sortable && !c.path.contains('.')).map(|c| c.path.clone()).unwrap_or_default();
            for scope in [Scope::Mine, Scope::All] {
                let ws = workspace(object, paths.clone(), filters.clone(), &sort, true, scope);
                assert!(left_out(&ws, &known).is_empty(), "{}: {object}: offered choices left out: {:?}", org.name, left_out(&ws, &known));
                let q = records_query(&ws, &known, ME, &ctx).unwrap_or_else(|e| panic!("{}: {object}: {e}", org.name));
                checked += check_query(&org, &q, &format!("{object} records"));
                let q = count_query(&ws, &known, ME, &ctx).unwrap_or_else(|e| panic!("{}: {object}: {e}", org.name));
                checked += check_query(&org, &q, &format!("{object} count"));
            }
            // Every sort offered (own fields), both ways.
            for choice in choices.iter().filter(|c| c.sortable && !c.path.contains('.')) {
                let ws = workspace(object, vec![choice.path.clone()], Vec::new(), &choice.path, false, Scope::All);
                let q = records_query(&ws, &known, ME, &ctx).unwrap_or_else(|e| panic!("{}: {object}: {e}", org.name));
                assert_eq!(q.order_by.len(), 1, "{}: {object}: sort by {} kept", org.name, choice.path);
                checked += check_query(&org, &q, &format!("{object} sorted by {}", choice.path));
            }
            // A new workspace's starting column and sort.
            let (start, sort) = columns::starting_point(describe);
            assert!(!start.is_empty(), "{}: {object}: a starting column", org.name);
            let ws = workspace(object, start, Vec::new(), &sort.field, sort.descending, Scope::Mine);
            assert!(left_out(&ws, &known).is_empty(), "{}: {object}: {:?}", org.name, left_out(&ws, &known));
            let q = records_query(&ws, &known, ME, &ctx).unwrap_or_else(|e| panic!("{}: {object}: {e}", org.name));
            checked += check_query(&org, &q, &format!("{object} new workspace"));
            // A stored workspace naming what describe refuses: left out, said.
            let refused: Vec<Filter> = known
                .iter()
                .filter(|c| !c.filterable)
                .map(|c| Filter::new(&c.path, sidecar_core::workspace::model::Op::IsEmpty, ""))
                .chain(std::iter::once(Filter::new("No_Longer_There__c", sidecar_core::workspace::model::Op::Equals, "x")))
                .collect();
            let unsortable = known.iter().find(|c| !c.sortable).map(|c| c.path.clone()).unwrap_or_else(|| "Gone__c".into());
            let ws = workspace(object, paths.clone(), refused.clone(), &unsortable, false, Scope::Mine);
            assert_eq!(left_out(&ws, &known).len(), refused.len() + 1, "{}: {object}", org.name);
            let q = records_query(&ws, &known, ME, &ctx).unwrap_or_else(|e| panic!("{}: {object}: {e}", org.name));
            assert!(q.order_by.is_empty(), "{}: {object}: {q}", org.name);
            checked += check_query(&org, &q, &format!("{object} stored with refused fields"));
        }
        // The four default workspaces, where the folder has their object.
        for ws in defaults() {
            if org.get(&ws.object).is_none() {
                continue;
            }
            let mut describes = HashMap::new();
            let fields = ws.columns.iter().chain(ws.filters.iter().map(|f| &f.field)).chain(std::iter::once(&ws.sort.field));
            let known: Vec<ColumnSpec> = fields.filter_map(|p| column(&org, &mut describes, &ws.object, p)).collect();
            assert!(left_out(&ws, &known).is_empty(), "{}: {}: {:?}", org.name, ws.name, left_out(&ws, &known));
            let q = records_query(&ws, &known, ME, &ctx).unwrap_or_else(|e| panic!("{}: {}: {e}", org.name, ws.name));
            assert_eq!(q.select.len(), 1 + ws.columns.len() + usize::from(q.to_string().contains("Account.Name")), "{}: every column kept: {q}", org.name);
            checked += check_query(&org, &q, &ws.name);
        }
        println!("{}: {checked} field paths checked, {filters_built} filters", org.name);
        assert!(checked > 100 && filters_built > 50, "{}: the generator checked too little", org.name);
    }
}

#[test]
fn record_reads_ask_only_for_fields_and_names_the_org_has() {
    let id = SfId::parse("001000000000001").expect("id");
    for org in orgs() {
        let mut name_paths = 0;
        for describe in org.describes.values() {
            // What the panel learns: the folder's describes; others unreadable.
            let fields: Vec<String> = describe.fields.iter().filter(|f| spec::is_displayable(f)).map(|f| f.name.clone()).collect();
            let mut names = NameFields::default();
            for target in spec::missing_name_targets(describe, &fields, &NameFields::default()) {
                match org.get(&target) {
                    Some(d) => names.learn(d),
                    None => names.unreadable(&target),
                }
            }
            let queries = view::record_queries(describe, &id, &fields, &names, view::MAX_ENCODED_SOQL);
            for q in &queries {
                assert!(view::encoded_len(&q.to_string()) <= view::MAX_ENCODED_SOQL, "{}: {}", org.name, describe.name());
                check_query(&org, q, &format!("{} record read", describe.name()));
                for item in &q.select {
                    let SelectItem::Field(path) = item else { continue };
                    if path.parts.len() < 2 {
                        continue;
                    }
                    name_paths += 1;
                    // A name path names the target's name field, or the Name object's.
                    match check_path(&org, describe.name(), path) {
                        Ok(Checked::Field(f)) => assert!(f.name_field, "{}: {path} is not a name field", org.name),
                        Ok(Checked::NameObject) => {}
                        other => panic!("{}: {}: {path}: {other:?}", org.name, describe.name()),
                    }
                }
            }
        }
        println!("{}: {name_paths} lookup names asked", org.name);
        assert!(name_paths > 0, "{}: no lookup name checked", org.name);
    }
}

/// Every RETURNING field exists on its object.
fn check_search(org: &Org, search: &Search, context: &str) {
    for r in &search.returning {
        for path in &r.fields {
            check_path(org, &r.object.name, path).unwrap_or_else(|e| panic!("{}: {context}: {e}\n{search}", org.name));
        }
    }
}

#[test]
fn searches_and_task_queries_name_fields_the_org_has() {
    let x = Extraction {
        companies: vec![Company {
            name: "Acme Robotics".into(),
            domain: Some("acmerobotics.com".into()),
            linkedin_url: Some("https://www.linkedin.com/company/acme-robotics".into()),
            confidence: 0.9,
            evidence: Vec::new(),
        }],
        people: vec![Person {
            name: "Maria Chen".into(),
            title: Some("VP".into()),
            email: Some("maria.chen@acmerobotics.com".into()),
            company: Some("Acme Robotics".into()),
            linkedin_url: Some("https://www.linkedin.com/in/mariachen".into()),
            phone: None,
            confidence: 0.9,
            evidence: Vec::new(),
        }],
        emails: Vec::new(),
        phones: Vec::new(),
    };
    for org in orgs() {
        let describes: Vec<&SObjectDescribe> = org.describes.values().collect();
        let plan = SearchPlan::from_describes(&describes);
        if let Some(search) = insights_search(&x, &plan) {
            check_search(&org, &search, "insights");
            assert!(!search.to_string().contains("LinkedIn"), "{}: no LinkedIn field in these orgs: {search}", org.name);
        }
        // The panel's global search, over the objects this folder has.
        let global_plan = search::GlobalPlan::from_describes(&describes);
        match search::global_search("acme", &global_plan) {
            Ok(global) => check_search(&org, &global, "global search"),
            // A projection's describes say neither `searchable` nor `nameField`;
            // the full ones must leave something to search.
            Err(e) => assert!(org.name.ends_with("-projection"), "{}: {e}", org.name),
        }
        // The To Do List's query.
        if org.get("Task").is_some() {
            check_query(&org, &sidecar_core::todo::task::tasks_query(ME), "tasks");
        }
        // Insights' quick actions: the account's details, the duplicate
        // checks before "Add to Salesforce", the tasks they create.
        if org.get("Account").is_some() {
            let account = SfId::parse("001000000000001").expect("id");
            check_query(&org, &sidecar_core::insights::actions::account_details_query(&account), "account details");
        }
        for candidate in [Candidate::Person(x.people[0].clone()), Candidate::Company(x.companies[0].clone())] {
            for q in sidecar_core::insights::actions::duplicate_queries(&candidate) {
                if org.get(&q.from.name).is_some() {
                    check_query(&org, &q, "duplicate check");
                }
            }
        }
        if let Some(task) = org.get("Task") {
            let today = salesforce_rest::soql::Date::parse("2026-12-03").expect("date");
            let call = sidecar_core::insights::actions::logged_call("Contact", "003000000000001AAA", today, "Completed");
            let todo = sidecar_core::insights::actions::new_task("Account", "001000000000001AAA", "Follow up", Some(today));
            for name in call.fields.keys().chain(todo.fields.keys()) {
                assert!(task.field(name).is_some(), "{}: Task has no {name}", org.name);
            }
        }
        // My Feed: the plan the org's own describes give, and each of its
        // queries, as a poll asks them (since a time).
        let list: ObjectList = serde_json::from_value(
            serde_json::json!({"sobjects": org.describes.values().map(|d| serde_json::json!({"name": d.name(), "queryable": true})).collect::<Vec<_>>()}),
        )
        .expect("object list");
        let described: BTreeMap<String, FieldList> = org
            .describes
            .values()
            .map(|d| (d.name().to_owned(), serde_json::to_value(d).and_then(serde_json::from_value).expect("a describe reads as a field list")))
            .collect();
        let catalog = sidecar_core::feed::catalog::plan(&list, &described);
        if org.get("EmailMessage").is_some() {
            assert!(catalog.plan.email.as_ref().is_some_and(|e| e.replies.is_some()), "{}: email tracking and replies: {:?}", org.name, catalog.sources);
        }
        let since = salesforce_rest::soql::DateTime::parse("2026-12-03T10:00:00Z").expect("since");
        for (part, q) in sidecar_core::feed::poll::queries(&catalog.plan, ME, Some(since)) {
            check_query(&org, &q, &format!("My Feed {part:?}"));
        }
    }
}
