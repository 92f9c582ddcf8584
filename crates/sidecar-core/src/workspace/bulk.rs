//! Saving grid edits. Changing a field of a selected row and pressing
//! Enter gives every selected row that value ([`plan_edit`]); changing a
//! row that is not selected changes just that row (when the user leaves the
//! field). The plan becomes an `edits::Change` (each row from the value it
//! showed to the new one), which the page checks for conflicts in one query
//! and saves in one `PATCH composite/sobjects` with `allOrNone: false`
//! (`edits::Change::requests`). The answers are shown per row: [`begin`]
//! (saving), [`hold`] (what the conflict check held back), [`merge`] (saved,
//! or failed with the org's message, keeping the rep's value), [`fail_all`]
//! (no answer at all).

use salesforce_rest::SaveResult;

use super::ColumnSpec;
use super::grid::{Row, RowStatus};
use super::selection::Selection;
use crate::api_error::ApiError;
use crate::edits::conflict::Verdict;
use crate::edits::{CellEdit, Change};
use crate::fields::{self, EditContext, FieldValue};
use crate::records::lookup::Picked;
use salesforce_rest::id::same_record;

/// Why an edit cannot be saved, in words for the rep.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("{0} is read-only here.")]
    ReadOnly(String),
    #[error("This column doesn't exist anymore.")]
    NoColumn,
}

/// One value for one field of some rows: what to send, and to which rows.
#[derive(Debug, Clone, PartialEq)]
pub struct EditPlan {
    pub object: String,
    /// Index of the edited column.
    pub column: usize,
    /// API name of the field.
    pub field: String,
    pub value: FieldValue,
    /// The rows' record ids, in request order.
    pub ids: Vec<String>,
}

/// The plan for the user's edit of `column` in row `edited_id`: every
/// selected row when that row is selected, else just that row.
/// Non-updateable fields (a parent's, formulas, system fields) are refused.
pub fn plan_edit(
    object: &str,
    columns: &[ColumnSpec],
    column: usize,
    value: FieldValue,
    edited_id: &str,
    selection: &Selection,
) -> Result<EditPlan, EditError> {
    let spec = columns.get(column).ok_or(EditError::NoColumn)?;
    if !spec.updateable {
        return Err(EditError::ReadOnly(spec.label().to_owned()));
    }
    let ids = if selection.contains(edited_id) { selection.ids().to_vec() } else { vec![edited_id.to_owned()] };
    Ok(EditPlan { object: object.to_owned(), column, field: spec.path.clone(), value, ids })
}

/// The message a failed row shows: the edited fields' own messages when
/// the org gave them, else the record's, else the general words.
fn row_message(errors: &[salesforce_rest::SaveError], edited: &[&str]) -> String {
    let own_field = |f: &str| edited.iter().any(|e| e.eq_ignore_ascii_case(f));
    match ApiError::from_save_errors(errors) {
        ApiError::Validation { top, by_field } => {
            let own: Vec<String> = by_field.iter().filter(|(f, _)| own_field(f)).map(|(_, m)| m.clone()).collect();
            let other: Vec<String> = by_field.iter().filter(|(f, _)| !own_field(f)).map(|(f, m)| format!("{f}: {m}")).collect();
            let parts: Vec<String> = own.into_iter().chain(top).chain(other).collect();
            if parts.is_empty() { "Couldn't save.".into() } else { parts.join(" ") }
        }
        other => other.user_message(),
    }
}

impl EditPlan {
    /// More than one row: the Enter-on-a-selected-row edit.
    pub fn is_bulk(&self) -> bool {
        self.ids.len() > 1
    }

    /// The change it makes: each planned row's field from what the org
    /// holds (as read, or saved since: `Row::org_value`, never a refused
    /// value the row still shows, which the conflict check would take for
    /// someone else's) to the plan's value. Rows not loaded are left out.
    pub fn change(&self, rows: &[Row]) -> Change {
        let after = fields::to_json(&self.value);
        let edits = self
            .ids
            .iter()
            .filter_map(|id| rows.iter().find(|r| r.id == *id))
            .map(|row| CellEdit {
                record_id: row.id.clone(),
                field: self.field.clone(),
                // From what the org holds, not from a refused value still shown.
                before: row.org_value(&self.field),
                after: after.clone(),
            })
            .collect();
        Change { object: self.object.clone(), edits }
    }
}

/// The grid column showing `field`.
fn column_of(columns: &[ColumnSpec], field: &str) -> Option<usize> {
    columns.iter().position(|c| c.path.eq_ignore_ascii_case(field))
}

/// Sets each edited cell of `change` to its `after` value (in the rows
/// present), and marks those rows `status`.
fn show(change: &Change, rows: &mut [Row], columns: &[ColumnSpec], ctx: &EditContext, picked: &Picked, status: &RowStatus) {
    for edit in &change.edits {
        let Some(column) = column_of(columns, &edit.field) else { continue };
        if let Some(row) = rows.iter_mut().find(|r| same_record(&r.id, &edit.record_id)) {
            row.set_value(column, fields::from_json(&columns[column].spec, &edit.after), columns, ctx, picked);
            row.mark_changed(&edit.field, *status == RowStatus::Saving);
            row.status = status.clone();
        }
    }
}

/// Shows the change's values in its rows, marked as saving (a lookup
/// picked by name shows that name); its cells are marked changed until saved.
pub fn begin(change: &Change, rows: &mut [Row], columns: &[ColumnSpec], ctx: &EditContext, picked: &Picked) {
    show(change, rows, columns, ctx, picked, &RowStatus::Saving);
}

/// Shows the org's values again in the change's cells (Take theirs, Discard):
/// nothing to save, so nothing marked.
pub fn restore(change: &Change, rows: &mut [Row], columns: &[ColumnSpec], ctx: &EditContext, picked: &Picked) {
    show(change, rows, columns, ctx, picked, &RowStatus::Idle);
    for edit in &change.edits {
        if let Some(row) = rows.iter_mut().find(|r| same_record(&r.id, &edit.record_id)) {
            row.set_org_value(&edit.field, edit.after.clone());
        }
    }
}

/// What came back, per row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    pub saved: Vec<String>,
    /// (record id, message).
    pub failed: Vec<(String, String)>,
}

/// Merges the collection's answer to `change` (one result per record,
/// in [`Change::record_ids`] order). A row without a result is failed: the
/// save is unknown, and retrying an update is harmless. A refused cell is
/// marked with the org's words (see [`flag_refused`]); a saved row whose
/// other cells are still marked says what is wrong with them, not "Saved".
pub fn merge(change: &Change, results: &[SaveResult], rows: &mut [Row], columns: &[ColumnSpec]) -> Merged {
    let mut merged = Merged::default();
    for (i, id) in change.record_ids().into_iter().enumerate() {
        let result = results.get(i).filter(|r| r.id.as_deref().is_none_or(|rid| same_record(rid, id)));
        let result = result.or_else(|| results.iter().find(|r| r.id.as_deref().is_some_and(|rid| same_record(rid, id))));
        let status = match result {
            Some(r) if r.success => {
                merged.saved.push(id.to_owned());
                RowStatus::Saved
            }
            Some(r) => {
                let fields: Vec<&str> = change.edits.iter().filter(|e| same_record(&e.record_id, id)).map(|e| e.field.as_str()).collect();
                let message = row_message(&r.errors, &fields);
                merged.failed.push((id.to_owned(), message.clone()));
                RowStatus::Failed(message)
            }
            None => {
                let message = "Salesforce didn't say whether this row was saved. Try again.".to_owned();
                merged.failed.push((id.to_owned(), message.clone()));
                RowStatus::Failed(message)
            }
        };
        if let Some(row) = rows.iter_mut().find(|r| same_record(&r.id, id)) {
            match &status {
                RowStatus::Saved => {
                    for edit in change.edits.iter().filter(|e| same_record(&e.record_id, id)) {
                        row.mark_changed(&edit.field, false);
                        row.set_org_value(&edit.field, edit.after.clone());
                        if let Some(column) = column_of(columns, &edit.field) {
                            row.unflag(column);
                        }
                    }
                }
                RowStatus::Failed(message) => flag_refused(change, message, std::slice::from_mut(row), columns),
                _ => {}
            }
            row.status = match status {
                RowStatus::Saved => flagged_status(row).unwrap_or(RowStatus::Saved),
                other => other,
            };
        }
    }
    merged
}

/// A row with marked cells says what is wrong with them, even once its
/// other cells are saved.
pub fn flagged_status(row: &Row) -> Option<RowStatus> {
    (!row.flagged.is_empty()).then(|| RowStatus::Failed(row.flagged.iter().map(|(_, words)| words.as_str()).collect::<Vec<_>>().join(" ")))
}

/// Marks the cells of `change` in `rows` with the org's refusal: they keep
/// the rep's value, which the org does not hold, until edited again,
/// retried or discarded, whatever else of the row is saved meanwhile.
pub fn flag_refused(change: &Change, message: &str, rows: &mut [Row], columns: &[ColumnSpec]) {
    for edit in &change.edits {
        let Some(column) = column_of(columns, &edit.field) else { continue };
        if let Some(row) = rows.iter_mut().find(|r| same_record(&r.id, &edit.record_id)) {
            row.flag(column, message);
        }
    }
}

/// The whole request failed (offline, session expired...): every row
/// keeps the rep's value and shows `message` (the error's words, or what
/// happens to the edit next).
pub fn fail_all(change: &Change, message: &str, rows: &mut [Row]) -> Merged {
    let failed: Vec<(String, String)> = change.record_ids().into_iter().map(|id| (id.to_owned(), message.to_owned())).collect();
    for row in rows.iter_mut().filter(|r| failed.iter().any(|(id, _)| same_record(id, &r.id))) {
        row.status = RowStatus::Failed(message.to_owned());
    }
    Merged { saved: Vec::new(), failed }
}

/// The fields the conflict check held back (`edits::conflict`), shown on
/// their rows: a conflict says what is there now and waits for Keep mine /
/// Take theirs (the cell keeps the rep's value); a field that already holds
/// the rep's value is saved; a record that is gone says so.
pub fn hold(held: &[(CellEdit, Verdict)], rows: &mut [Row], columns: &[ColumnSpec], ctx: &EditContext) {
    for (edit, verdict) in held {
        let Some(row) = rows.iter_mut().find(|r| same_record(&r.id, &edit.record_id)) else { continue };
        let column = column_of(columns, &edit.field);
        match verdict {
            Verdict::Same => {
                row.mark_changed(&edit.field, false);
                row.set_org_value(&edit.field, edit.after.clone());
            }
            Verdict::Clear => row.mark_changed(&edit.field, false),
            Verdict::Conflict { theirs, .. } => row.set_org_value(&edit.field, theirs.clone()),
            Verdict::Gone => {}
        }
        if matches!(verdict, Verdict::Same | Verdict::Clear)
            && let Some(column) = column
        {
            row.unflag(column);
        }
        row.status = match verdict {
            // Not "Saved" while another cell of the row is still refused.
            Verdict::Clear | Verdict::Same => flagged_status(row).unwrap_or(RowStatus::Saved),
            Verdict::Gone => RowStatus::Failed(ApiError::NotFound.user_message()),
            Verdict::Conflict { theirs, .. } => {
                let label = column.map_or(edit.field.as_str(), |c| columns[c].spec.label.as_str());
                let shown = column
                    .map(|c| fields::format_in(&columns[c].spec, &fields::from_json(&columns[c].spec, theirs), row.money(c, columns), ctx))
                    .unwrap_or_else(|| theirs.to_string());
                let shown = if shown.is_empty() { "empty".to_owned() } else { format!("\u{201c}{shown}\u{201d}") };
                RowStatus::Conflict(format!("Someone else changed {label} to {shown} after you loaded this list."))
            }
        };
    }
}
