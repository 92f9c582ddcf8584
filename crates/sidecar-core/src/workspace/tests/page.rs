//! The Workspace tab's reducer: stale answers dropped, the list's first
//! workspace opened, selection refusals and save summaries as notices.

use salesforce_rest::SaveResult;
use serde_json::json;

use super::*;
use crate::api_error::ApiError;
use crate::edits::conflict::Verdict;
use crate::fields::FieldValue;
use crate::load::Load;
use crate::workspace::bulk::plan_edit;
use crate::workspace::grid::ColumnSort;
use crate::workspace::grid::RowStatus;
use crate::workspace::model::Workspaces;
use crate::workspace::page::{Action, Page, SaveKind};

fn loaded_page() -> Page {
    let mut page = Page::default();
    page.apply(Action::Workspaces(Workspaces::default()));
    assert_eq!(page.current.as_deref(), Some("default-leads"), "the first workspace opens");
    assert_eq!((page.load.clone(), page.progress().as_deref()), (Load::Loading, Some("Getting the workspace ready…")));
    let generation = page.generation;
    page.apply(Action::Columns { generation, columns: columns(), known: columns() });
    let batch = rows(&(1..=5).map(|n| record(n, json!({"Name": format!("Opp {n}")}))).collect::<Vec<_>>());
    page.apply(Action::Batch { generation, rows: batch[..3].to_vec(), total: 5, done: false });
    assert_eq!(page.progress().as_deref(), Some("Loading 3 of 5 records…"));
    page.apply(Action::Batch { generation, rows: batch[3..].to_vec(), total: 5, done: true });
    assert_eq!((page.rows.len(), page.load.clone()), (5, Load::Loaded(())));
    page
}

/// The page after a reload: `owner`'s kept edits read from storage, then
/// the first workspace's five records loaded.
fn reloaded_with(owner: &str, pending: crate::edits::pending::PendingEdits) -> Page {
    let mut page = Page::default();
    page.apply(Action::Pending { owner: owner.into(), pending });
    page.apply(Action::Workspaces(Workspaces::default()));
    let generation = page.generation;
    page.apply(Action::Columns { generation, columns: columns(), known: columns() });
    let batch = rows(&(1..=5).map(|n| record(n, json!({"Name": format!("Opp {n}")}))).collect::<Vec<_>>());
    page.apply(Action::Batch { generation, rows: batch, total: 5, done: true });
    page
}

#[test]
fn answers_for_a_workspace_the_user_left_are_dropped() {
    let mut page = loaded_page();
    let old = page.generation;
    page.apply(Action::Open("default-accounts".into()));
    assert!(page.rows.is_empty() && page.selection.is_empty());
    for stale in [
        Action::Columns { generation: old, columns: columns(), known: columns() },
        Action::Batch { generation: old, rows: rows(&[record(9, json!({}))]), total: 1, done: true },
        Action::LoadFailed { generation: old, message: "late".into() },
    ] {
        page.apply(stale);
    }
    assert_eq!((page.rows.len(), page.columns.len(), page.load.clone()), (0, 0, Load::Loading));
    let generation = page.generation;
    page.apply(Action::LoadFailed { generation, message: "You're offline.".into() });
    assert_eq!(page.load, Load::Failed("You're offline.".into()));
}

#[test]
fn a_deleted_current_workspace_opens_the_first_left() {
    let mut page = loaded_page();
    let mut list = page.workspaces.clone();
    list.delete("default-leads").expect("delete");
    page.apply(Action::Workspaces(list));
    assert_eq!(page.current.as_deref(), Some("default-opportunities"));
}

#[test]
fn header_clicks_sort_up_then_down_and_filters_grow_as_needed() {
    let mut page = loaded_page();
    let steps = [(CLOSE, false), (CLOSE, true), (CLOSE, false), (NAME, false)];
    for (column, descending) in steps {
        page.apply(Action::SortBy(column));
        assert_eq!(page.view.sort, Some(ColumnSort { column, descending }));
    }
    page.apply(Action::FilterColumn(40, "Am".into()));
    assert_eq!(page.view.column_filters.len(), 41);
}

#[test]
fn a_21st_row_is_refused_with_a_notice() {
    let mut page = loaded_page();
    for n in 1..=20 {
        page.apply(Action::Toggle(id(n)));
    }
    assert_eq!(page.notice, None);
    page.apply(Action::Toggle(id(21)));
    assert_eq!(page.notice.as_deref(), Some("You can select up to 20 rows. Unselect a row to select this one."));
    assert!(!page.selection.contains(&id(21)));
    page.apply(Action::ClearSelection);
    assert!(page.selection.is_empty() && page.notice.is_none());
}

#[test]
fn a_partly_failed_bulk_edit_is_summed_up_and_retryable_per_row() {
    let mut page = loaded_page();
    for n in 1..=4 {
        page.apply(Action::Toggle(id(n)));
    }
    let plan = plan_edit("Opportunity", &page.columns, AMOUNT, FieldValue::Number(5.0), &id(1), &page.selection).expect("plan");
    let change = plan.change(&page.rows);
    page.apply(Action::EditBegin(change.clone()));
    assert!(page.is_saving(&id(4)) && !page.is_saving(&id(5)));
    let answer: Vec<SaveResult> = serde_json::from_value(json!([
        {"id": id(1), "success": true, "errors": []},
        {"id": id(2), "success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "message": "Amount is too small", "fields": ["Amount"]}]},
        {"id": id(3), "success": true, "errors": []},
        {"id": id(4), "success": true, "errors": []}
    ]))
    .expect("results");
    page.apply(Action::EditDone(change.clone(), Ok(answer), SaveKind::Edit, 0));
    assert_eq!(page.notice.as_deref(), Some("3 of 4 rows saved. 1 row couldn't be saved; the message is on the row."));
    let failed = page.rows.iter().find(|r| r.id == id(2)).expect("row");
    assert_eq!(failed.status, RowStatus::Failed("Amount is too small".into()));
    assert_eq!(*failed.value(AMOUNT, &page.columns), FieldValue::Number(5.0), "the user's value stays");
    let retry = page.retry_change(&id(2)).expect("retry");
    assert_eq!(retry.record_ids(), [id(2)]);
    assert_eq!(page.retry_change(&id(1)), None);
    // The saved rows can be undone: back to the values they showed.
    let undo = page.history.undo().expect("undo");
    assert_eq!(undo.record_ids(), [id(1), id(3), id(4)]);

    page.apply(Action::EditBegin(retry.clone()));
    assert_eq!(page.retry_change(&id(2)), None, "a retry in flight is no longer failed");
    page.apply(Action::EditDone(retry, Err(ApiError::Offline), SaveKind::Edit, 0));
    assert!(page.notice.as_deref().is_some_and(|n| n.starts_with("Your change wasn't saved")), "{:?}", page.notice);
    assert!(page.retry_change(&id(2)).is_some());
}

#[test]
fn a_saved_single_edit_needs_no_notice() {
    let mut page = loaded_page();
    let plan = plan_edit("Opportunity", &page.columns, NAME, FieldValue::Text("New".into()), &id(5), &page.selection).expect("plan");
    let change = plan.change(&page.rows);
    page.apply(Action::EditBegin(change.clone()));
    let ok: Vec<SaveResult> = serde_json::from_value(json!([{"id": id(5), "success": true, "errors": []}])).expect("results");
    page.apply(Action::EditDone(change, Ok(ok), SaveKind::Edit, 0));
    assert_eq!(page.notice, None);
    assert_eq!(page.rows[4].status, RowStatus::Saved);
}

#[test]
fn the_load_is_in_progress_exactly_while_it_shows_progress() {
    /// (load, total, rows so far) -> (in progress, the progress line)
    type Case = (Load<()>, Option<u64>, u64, bool, Option<&'static str>);
    let cases: [Case; 6] = [
        (Load::Idle, None, 0, false, None),
        (Load::Loading, None, 0, true, Some("Getting the workspace ready…")),
        (Load::Loading, Some(0), 0, true, Some("Loading 0 of 0 records…")),
        (Load::Loading, Some(2100), 3, true, Some("Loading 3 of 2,000 records…")),
        (Load::Loaded(()), Some(3), 3, false, None),
        (Load::Failed("offline".into()), Some(2100), 3, false, None),
    ];
    for (load, total, loaded, busy, line) in cases {
        let page = Page {
            load: load.clone(),
            total,
            rows: std::rc::Rc::new(rows(&(1..=loaded).map(|n| record(n, json!({}))).collect::<Vec<_>>())),
            ..Page::default()
        };
        assert_eq!((page.in_progress(), page.progress().as_deref()), (busy, line), "{load:?} {total:?} {loaded}");
    }
}

#[test]
fn a_field_someone_else_changed_waits_for_the_reps_choice() {
    let mut page = loaded_page();
    for n in 1..=3 {
        page.apply(Action::Toggle(id(n)));
    }
    let plan = plan_edit("Opportunity", &page.columns, NAME, FieldValue::Text("Renewal".into()), &id(1), &page.selection).expect("plan");
    let change = plan.change(&page.rows);
    page.apply(Action::EditBegin(change.clone()));
    // The check re-read the rows: row 2's name is now someone else's.
    let fresh: Vec<salesforce_rest::wire::Record> = serde_json::from_value(json!([
        {"Id": id(1), "Name": "Opp 1"}, {"Id": id(2), "Name": "Opp 2 (renamed by Maria)"}, {"Id": id(3), "Name": "Opp 3"}
    ]))
    .expect("records");
    let checked = crate::edits::conflict::check(&change, &fresh);
    assert_eq!(checked.clear.record_ids(), [id(1), id(3)]);
    page.apply(Action::Held(checked.held.clone()));
    let row = |page: &Page, n: u64| page.rows.iter().find(|r| r.id == id(n)).expect("row").clone();
    assert_eq!(
        row(&page, 2).status,
        RowStatus::Conflict("Someone else changed Name to \u{201c}Opp 2 (renamed by Maria)\u{201d} after you loaded this list.".into())
    );
    assert_eq!(*row(&page, 2).value(NAME, &page.columns), FieldValue::Text("Renewal".into()), "the rep's value stays in the cell");

    let ok: Vec<SaveResult> = serde_json::from_value(json!([{"id": id(1), "success": true}, {"id": id(3), "success": true}])).expect("results");
    page.apply(Action::EditDone(checked.clear.clone(), Ok(ok), SaveKind::Edit, 0));
    assert_eq!(
        page.notice.as_deref(),
        Some(
            "2 rows saved. 1 row was changed by someone else since this list was loaded: nothing was overwritten. Choose Keep mine or Take theirs on the row."
        )
    );
    // Keep mine: the rep's value over theirs, with theirs as the base.
    let mine = page.keep_mine(&id(2)).expect("keep mine");
    assert_eq!((&mine.edits[0].before, &mine.edits[0].after), (&json!("Opp 2 (renamed by Maria)"), &json!("Renewal")));
    // Take theirs: the cell shows their value; nothing is sent.
    page.apply(Action::TakeTheirs(id(2)));
    assert_eq!(
        (row(&page, 2).status, row(&page, 2).value(NAME, &page.columns).clone()),
        (RowStatus::Idle, FieldValue::Text("Opp 2 (renamed by Maria)".into()))
    );
    assert_eq!(page.keep_mine(&id(2)), None);

    // Undo takes back what was saved, and only that.
    let undo = page.history.undo().expect("undo");
    assert_eq!(undo.record_ids(), [id(1), id(3)]);
    assert!(undo.edits.iter().all(|e| e.before == json!("Renewal")));
    page.apply(Action::EditBegin(undo.clone()));
    assert_eq!(*row(&page, 1).value(NAME, &page.columns), FieldValue::Text("Opp 1".into()));
    let ok: Vec<SaveResult> = serde_json::from_value(json!([{"id": id(1), "success": true}, {"id": id(3), "success": true}])).expect("results");
    page.apply(Action::EditDone(undo, Ok(ok), SaveKind::Undo, 0));
    assert!(!page.history.can_undo() && page.history.can_redo());
    // A record that is gone says so.
    let gone = vec![(crate::edits::CellEdit { record_id: id(4), field: "Name".into(), before: json!("Opp 4"), after: json!("x") }, Verdict::Gone)];
    page.apply(Action::Held(gone));
    assert!(matches!(row(&page, 4).status, RowStatus::Failed(m) if m.contains("doesn't exist anymore")));
}

#[test]
fn an_edit_the_org_could_not_take_is_kept_retried_and_shown_after_a_reload() {
    use crate::edits::pending::PendingEdits;
    use crate::workspace::page::KEPT;
    const ME: &str = "005000000000001AAA";
    let mut page = loaded_page();
    page.apply(Action::Pending { owner: ME.into(), pending: PendingEdits::default() });
    assert_eq!(page.pending_summary(), None);
    let plan = plan_edit("Opportunity", &page.columns, NAME, FieldValue::Text("Offline edit".into()), &id(2), &page.selection).expect("plan");
    let change = plan.change(&page.rows);
    page.apply(Action::EditBegin(change.clone()));
    page.apply(Action::EditDone(change.clone(), Err(ApiError::Offline), SaveKind::Edit, 1_000));
    let row = |page: &Page, n: u64| page.rows.iter().find(|r| r.id == id(n)).expect("row").clone();
    assert_eq!(row(&page, 2).status, RowStatus::Failed(KEPT.into()));
    assert_eq!(page.pending_summary().as_deref(), Some("1 change not saved yet, kept on this computer. It will be sent when Salesforce can be reached."));
    let kept = page.pending.clone().expect("pending");
    assert_eq!((kept.edits[0].before.clone(), kept.edits[0].value.clone(), kept.edits[0].owner.as_str()), (Some(json!("Opp 2")), json!("Offline edit"), ME));

    // Due after the pause, as the change it was; not twice while in flight.
    assert!(page.due_changes(1_000).is_empty());
    let due = page.due_changes(10_000);
    assert_eq!(due, vec![change.clone()]);
    page.apply(Action::Retrying(due[0].clone(), 10_000));
    assert!(page.due_changes(10_001).is_empty());

    // A reload: the kept edit is in the rep's cell again, saying so.
    let reloaded = reloaded_with(ME, kept.clone());
    assert_eq!(*row(&reloaded, 2).value(NAME, &reloaded.columns), FieldValue::Text("Offline edit".into()));
    assert_eq!(row(&reloaded, 2).status, RowStatus::Failed(KEPT.into()));

    // Sent and saved: nothing waits any more.
    let ok: Vec<SaveResult> = serde_json::from_value(json!([{"id": id(2), "success": true}])).expect("results");
    page.apply(Action::EditDone(change.clone(), Ok(ok), SaveKind::Edit, 20_000));
    assert_eq!(page.pending_summary(), None);
    assert!(page.pending.as_ref().is_some_and(|p| p.edits.is_empty()));

    // Kept again, then someone else changes it: the conflict waits on the row, after a reload too.
    page.apply(Action::EditDone(change.clone(), Err(ApiError::Offline), SaveKind::Edit, 30_000));
    let theirs = crate::edits::conflict::Verdict::Conflict { theirs: json!("Theirs"), when: None, who: None };
    page.apply(Action::Held(vec![(change.edits[0].clone(), theirs)]));
    let mut reloaded = reloaded_with(ME, page.pending.clone().expect("pending"));
    assert!(matches!(row(&reloaded, 2).status, RowStatus::Conflict(ref m) if m.contains("Theirs")));
    assert_eq!(reloaded.keep_mine(&id(2)).map(|c| c.edits[0].before.clone()), Some(json!("Theirs")));
    assert!(reloaded.due_changes(i64::MAX).is_empty(), "a conflict waits for the rep");
    reloaded.apply(Action::TakeTheirs(id(2)));
    assert_eq!(reloaded.pending_summary(), None);
}

#[test]
fn a_pasted_block_marks_what_it_cannot_use_saves_the_rest_and_lists_the_failures() {
    let mut page = loaded_page();
    // Amount, then Employees: three rows from row 2, one amount unusable.
    let block = crate::edits::tsv::parse("1200\t10\r\nlots\t20\r\n=HYPERLINK(\"x\")\t30\r\n");
    let targets: Vec<&crate::workspace::grid::Row> = page.rows[1..].iter().collect();
    let paste = crate::workspace::paste::plan(&block, (0, AMOUNT), targets.len(), &page.columns, &page.ctx, &|_, _| None);
    let (change, refused) = paste.change(&targets, &page.columns, "Opportunity");
    assert_eq!(change.edits.len(), 4, "{change:?}");
    assert_eq!(refused.iter().map(|r| (r.record_id.clone(), r.text.as_str())).collect::<Vec<_>>(), [(id(3), "lots"), (id(4), "=HYPERLINK(\"x\")")]);
    assert_eq!(paste.left_out(&block), 0);
    page.apply(Action::PasteRefused(refused, 0));
    page.apply(Action::EditBegin(change.clone()));
    let ok: Vec<SaveResult> =
        serde_json::from_value(json!([{"id": id(2), "success": true}, {"id": id(3), "success": true}, {"id": id(4), "success": true}])).expect("results");
    page.apply(Action::EditDone(change.clone(), Ok(ok), SaveKind::Edit, 0));
    let row = |page: &Page, n: u64| page.rows.iter().find(|r| r.id == id(n)).expect("row").clone();
    assert_eq!(row(&page, 2).status, RowStatus::Saved);
    assert_eq!(row(&page, 3).flagged.iter().map(|(c, _)| *c).collect::<Vec<_>>(), [AMOUNT]);
    assert!(
        matches!(row(&page, 3).status, RowStatus::Failed(ref m) if m.starts_with("Pasted \u{201c}lots\u{201d} not used: Amount")),
        "{:?}",
        row(&page, 3).status
    );
    assert_eq!(page.notice.as_deref(), Some("3 rows saved. 2 pasted cells couldn't be used; they're marked in the grid, and in Download failures."));
    // The failures file: what failed, a formula kept as text.
    let csv = page.failures_csv().expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "Id,Field,Value,Error");
    assert!(lines[1].starts_with(&format!("{},Amount,lots,\"Amount: enter a number", id(3))), "{csv}");
    assert!(lines[2].starts_with(&format!("{},Amount,\"'=HYPERLINK(\"\"x\"\")\",", id(4))), "{csv}");
    // One undo takes the whole paste back.
    assert_eq!(page.history.undo().map(|c| c.edits.len()), Some(4));
    // Typing a good amount in the marked cell clears its mark.
    let fix = plan_edit("Opportunity", &page.columns, AMOUNT, FieldValue::Number(7.0), &id(3), &page.selection).expect("plan");
    page.apply(Action::EditBegin(fix.change(&page.rows)));
    assert!(row(&page, 3).flagged.is_empty());
    assert_eq!(page.failures_csv().map(|c| c.lines().count()), Some(2), "the fixed cell leaves the file");
}

#[test]
fn a_lookup_picked_by_name_shows_that_name_and_an_undo_the_read_one() {
    let mut page = Page::default();
    page.apply(Action::Workspaces(Workspaces::default()));
    let generation = page.generation;
    page.apply(Action::Columns { generation, columns: columns(), known: columns() });
    let read = record(1, json!({"AccountId": account_id(1), "Account": {"attributes": {"type": "Account"}, "Name": "Acme"}}));
    page.apply(Action::Batch { generation, rows: rows(&[read]), total: 1, done: true });
    let ctx = page.ctx.clone();
    assert_eq!(page.rows[0].display(ACCOUNT, &page.columns, &ctx), "Acme");

    let globex = crate::records::lookup::Match { id: account_id(2), name: "Globex".into(), object: "Account".into() };
    let chosen = FieldValue::Id(salesforce_rest::SfId::parse(&account_id(2)).expect("id"));
    let cases: [(Option<&crate::records::lookup::Match>, &FieldValue, String); 3] = [
        // Not picked here (a pasted id): the id, never a wrong name.
        (None, &chosen, account_id(2)),
        (Some(&globex), &chosen, "Globex".to_owned()),
        // Back to the row's own account (an undo): the name read with the row.
        (None, &FieldValue::Id(salesforce_rest::SfId::parse(&account_id(1)).expect("id")), "Acme".to_owned()),
    ];
    for (pick, value, want) in cases {
        if let Some(pick) = pick {
            page.apply(Action::Picked(pick.clone()));
        }
        let plan = plan_edit("Opportunity", &page.columns, ACCOUNT, value.clone(), &id(1), &page.selection).expect("plan");
        page.apply(Action::EditBegin(plan.change(&page.rows)));
        assert_eq!(page.rows[0].display(ACCOUNT, &page.columns, &ctx), want);
    }
}

#[test]
fn changed_cells_are_marked_until_saved_and_discard_puts_the_row_back() {
    use crate::edits::pending::PendingEdits;
    const ME: &str = "005000000000001AAA";
    let mut page = loaded_page();
    page.apply(Action::Pending { owner: ME.into(), pending: PendingEdits::default() });
    let row = |page: &Page, n: u64| page.rows.iter().find(|r| r.id == id(n)).expect("row").clone();
    let edit = |page: &mut Page, n: u64, text: &str, answer: Result<Vec<SaveResult>, ApiError>| {
        let plan = plan_edit("Opportunity", &page.columns, NAME, FieldValue::Text(text.into()), &id(n), &page.selection).expect("plan");
        let change = plan.change(&page.rows);
        page.apply(Action::EditBegin(change.clone()));
        page.apply(Action::EditDone(change, answer, SaveKind::Edit, 1_000));
    };
    // Kept while offline, and refused by the org: both go back on Discard.
    edit(&mut page, 2, "Offline edit", Err(ApiError::Offline));
    let refused: Vec<SaveResult> = serde_json::from_value(
        json!([{"id": id(3), "success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "message": "No.", "fields": ["Name"]}]}]),
    )
    .expect("results");
    edit(&mut page, 3, "Refused edit", Ok(refused.clone()));
    // Typed again after a refusal: the change still starts from the org's value
    // (else the conflict check would see the refused value as someone else's).
    let again = plan_edit("Opportunity", &page.columns, NAME, FieldValue::Text("Second try".into()), &id(3), &page.selection).expect("plan");
    assert_eq!(again.change(&page.rows).edits[0].before, json!("Opp 3"));
    edit(&mut page, 3, "Second try", Ok(refused));
    assert!(page.retry_change(&id(3)).is_some());
    assert!(row(&page, 2).is_changed("Name") && row(&page, 3).is_changed("Name"), "the rep's unsaved values are marked");
    edit(&mut page, 5, "Saved edit", Ok(serde_json::from_value(json!([{"id": id(5), "success": true}])).expect("results")));
    assert!(!row(&page, 5).is_changed("Name"), "saved: no longer marked");
    for n in [2, 3] {
        page.apply(Action::Discard(id(n)));
        assert_eq!((*row(&page, n).value(NAME, &page.columns)).clone(), FieldValue::Text(format!("Opp {n}")), "row {n}");
        assert_eq!(row(&page, n).status, RowStatus::Idle);
        assert!(!row(&page, n).is_changed("Name"));
        assert!(page.retry_change(&id(n)).is_none());
    }
    assert!(page.pending.as_ref().is_some_and(|p| p.edits.is_empty()), "nothing kept, nothing sent later");
    assert_eq!(page.pending_summary(), None);

    // After a reload only the kept edit knows the change: Discard still puts the row back.
    edit(&mut page, 4, "Kept edit", Err(ApiError::Offline));
    let mut reloaded = reloaded_with(ME, page.pending.clone().expect("pending"));
    assert_eq!(*row(&reloaded, 4).value(NAME, &reloaded.columns), FieldValue::Text("Kept edit".into()));
    assert!(row(&reloaded, 4).is_changed("Name"), "a kept edit is marked after a reload too");
    reloaded.apply(Action::Discard(id(4)));
    assert_eq!(*row(&reloaded, 4).value(NAME, &reloaded.columns), FieldValue::Text("Opp 4".into()));
    assert!(reloaded.pending.as_ref().is_some_and(|p| p.edits.is_empty()));
}

/// Row 2's `column` set to `value` and saved, the org answering `answer`.
fn save(page: &mut Page, column: usize, value: FieldValue, answer: serde_json::Value) {
    let plan = plan_edit("Opportunity", &page.columns, column, value, &id(2), &page.selection).expect("plan");
    let change = plan.change(&page.rows);
    page.apply(Action::EditBegin(change.clone()));
    let results: Vec<SaveResult> = serde_json::from_value(answer).expect("results");
    page.apply(Action::EditDone(change, Ok(results), SaveKind::Edit, 1_000));
}

/// Issue 18: a Stage the org refused, then an Amount saved on the same row.
/// The row must not say "Saved" while its Stage cell still shows a value the
/// org does not hold: the refusal stays on the row, its cell marked, and its
/// Retry and Discard still work.
#[test]
fn a_refused_cell_stays_marked_when_another_cell_of_its_row_is_saved() {
    let mut page = loaded_page();
    let refusal = "Stage can't go back to Prospecting.";
    save(
        &mut page,
        STAGE,
        FieldValue::Text("Prospecting".into()),
        json!([{"id": id(2), "success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "message": refusal, "fields": ["StageName"]}]}]),
    );
    assert_eq!(page.rows[1].status, RowStatus::Failed(refusal.into()));
    assert_eq!(page.rows[1].flagged, [(STAGE, refusal.to_owned())], "the refused cell is marked with the org's words");

    save(&mut page, AMOUNT, FieldValue::Number(500.0), json!([{"id": id(2), "success": true}]));
    let row = &page.rows[1];
    assert_eq!(row.status, RowStatus::Failed(refusal.into()), "not \"Saved\": the Stage shown is not what the org holds");
    assert_eq!(row.flagged, [(STAGE, refusal.to_owned())]);
    assert!(row.is_changed("StageName") && !row.is_changed("Amount"));
    assert_eq!(row.org_value("StageName"), serde_json::Value::Null, "the org still holds the Stage it had");
    assert_eq!(row.org_value("Amount").as_f64(), Some(500.0));
    let retry = page.retry_change(&id(2)).expect("the refused Stage can still be retried");
    assert_eq!(retry.edits.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["StageName"]);
    assert!(page.failures_csv().is_some_and(|csv| csv.contains("StageName")), "and is listed in the failures");

    // Typing the Stage again clears its mark; saving it makes the row saved.
    save(&mut page, STAGE, FieldValue::Text("Qualification".into()), json!([{"id": id(2), "success": true}]));
    assert_eq!((page.rows[1].status.clone(), page.rows[1].flagged.len()), (RowStatus::Saved, 0));
    assert!(page.retry_change(&id(2)).is_none());
}

#[test]
fn discard_after_a_partial_save_shows_the_org_values() {
    let mut page = loaded_page();
    save(
        &mut page,
        NAME,
        FieldValue::Text("Refused".into()),
        json!([{"id": id(2), "success": false, "errors": [{"statusCode": "X", "message": "No.", "fields": ["Name"]}]}]),
    );
    save(&mut page, AMOUNT, FieldValue::Number(7.0), json!([{"id": id(2), "success": true}]));
    page.apply(Action::Discard(id(2)));
    let row = &page.rows[1];
    assert_eq!((row.value(NAME, &page.columns).clone(), row.value(AMOUNT, &page.columns).clone()), (FieldValue::Text("Opp 2".into()), FieldValue::Number(7.0)));
    assert_eq!((row.status.clone(), row.flagged.len()), (RowStatus::Idle, 0));
}

/// The conflict check finding another cell already saved (`Same`) does not
/// make a row with a refused cell say "Saved" either.
#[test]
fn a_cell_held_as_already_saved_does_not_hide_a_refused_one() {
    let mut page = loaded_page();
    let refusal = "No.";
    save(
        &mut page,
        STAGE,
        FieldValue::Text("Prospecting".into()),
        json!([{"id": id(2), "success": false, "errors": [{"statusCode": "X", "message": refusal, "fields": ["StageName"]}]}]),
    );
    let plan = plan_edit("Opportunity", &page.columns, AMOUNT, FieldValue::Number(10.0), &id(2), &page.selection).expect("plan");
    let change = plan.change(&page.rows);
    page.apply(Action::EditBegin(change.clone()));
    page.apply(Action::Held(vec![(change.edits[0].clone(), Verdict::Same)]));
    assert_eq!(page.rows[1].status, RowStatus::Failed(refusal.into()));
    assert!(!page.rows[1].is_changed("Amount") && page.rows[1].is_changed("StageName"));
}
