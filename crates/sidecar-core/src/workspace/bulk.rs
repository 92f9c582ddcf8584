//! Saving grid edits. Changing a field of a selected row and pressing
//! Enter gives every selected row that value, saved in ONE `PATCH
//! composite/sobjects` with `allOrNone: false`; changing a row that is not
//! selected saves just that row (when the user leaves the field). The
//! answer (`Vec<SaveResult>`, in request order) is merged back per row:
//! saved rows show the new value, failed rows keep the user's value and the
//! org's message, and the failed ones make a retry plan.

use salesforce_rest::SaveResult;
use salesforce_rest::wire::{CollectionRequest, Record};
use serde_json::{Map, Value as Json};

use super::ColumnSpec;
use super::grid::{Row, RowStatus};
use super::selection::Selection;
use crate::api_error::ApiError;
use crate::fields::{self, EditContext, FieldValue};

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

/// The message a failed row shows: the field's own message when the org
/// gave one, else the record's, else the general words.
fn row_message(errors: &[salesforce_rest::SaveError], field: &str) -> String {
    match ApiError::from_save_errors(errors) {
        ApiError::Validation { top, by_field } => {
            let own: Vec<String> = by_field.iter().filter(|(f, _)| f.eq_ignore_ascii_case(field)).map(|(_, m)| m.clone()).collect();
            let other: Vec<String> = by_field.iter().filter(|(f, _)| !f.eq_ignore_ascii_case(field)).map(|(f, m)| format!("{f}: {m}")).collect();
            let parts: Vec<String> = own.into_iter().chain(top).chain(other).collect();
            if parts.is_empty() { "Couldn't save.".into() } else { parts.join(" ") }
        }
        other => other.user_message(),
    }
}

/// What came back, per row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    pub saved: Vec<String>,
    /// (record id, message).
    pub failed: Vec<(String, String)>,
    /// The same edit for the failed rows only; `None` when all saved.
    pub retry: Option<EditPlan>,
}

impl EditPlan {
    /// More than one row: the Enter-on-a-selected-row edit.
    pub fn is_bulk(&self) -> bool {
        self.ids.len() > 1
    }

    /// The body of `PATCH …/composite/sobjects`: one record per row with
    /// `attributes.type`, `id` and the field; `allOrNone: false` so the
    /// rows that pass are saved even when others fail.
    pub fn request(&self) -> CollectionRequest<Record> {
        let value = fields::to_json(&self.value);
        let records = self.ids.iter().map(|id| Record::new(self.object.clone()).with("id", id.clone()).with(self.field.clone(), value.clone())).collect();
        CollectionRequest { all_or_none: false, records }
    }

    /// The body of `PATCH …/sobjects/{object}/{id}` for a one-row edit.
    pub fn patch_body(&self) -> Map<String, Json> {
        let mut body = Map::new();
        body.insert(self.field.clone(), fields::to_json(&self.value));
        body
    }

    /// Shows the value in every planned row, marked as saving.
    pub fn begin(&self, rows: &mut [Row], columns: &[ColumnSpec], ctx: &EditContext) {
        for row in rows.iter_mut().filter(|r| self.ids.contains(&r.id)) {
            row.set_value(self.column, self.value.clone(), columns, ctx);
            row.status = RowStatus::Saving;
        }
    }

    /// Merges the collection's answer (one result per record, in request
    /// order). A row without a result is failed: the save is unknown, and
    /// retrying an update is harmless.
    pub fn merge(&self, results: &[SaveResult], rows: &mut [Row]) -> Merged {
        let mut merged = Merged::default();
        for (i, id) in self.ids.iter().enumerate() {
            let result = results.get(i).filter(|r| r.id.as_deref().is_none_or(|rid| same_id(rid, id)));
            let result = result.or_else(|| results.iter().find(|r| r.id.as_deref().is_some_and(|rid| same_id(rid, id))));
            let status = match result {
                Some(r) if r.success => {
                    merged.saved.push(id.clone());
                    RowStatus::Saved
                }
                Some(r) => {
                    let message = row_message(&r.errors, &self.field);
                    merged.failed.push((id.clone(), message.clone()));
                    RowStatus::Failed(message)
                }
                None => {
                    let message = "Salesforce didn't say whether this row was saved. Try again.".to_owned();
                    merged.failed.push((id.clone(), message.clone()));
                    RowStatus::Failed(message)
                }
            };
            if let Some(row) = rows.iter_mut().find(|r| r.id == *id) {
                row.status = status;
            }
        }
        if !merged.failed.is_empty() {
            merged.retry = Some(Self { ids: merged.failed.iter().map(|(id, _)| id.clone()).collect(), ..self.clone() });
        }
        merged
    }

    /// The whole request failed (offline, session expired...): every row
    /// keeps the user's value and shows why; the plan is the retry.
    pub fn fail_all(&self, error: &ApiError, rows: &mut [Row]) -> Merged {
        let message = error.user_message();
        for row in rows.iter_mut().filter(|r| self.ids.contains(&r.id)) {
            row.status = RowStatus::Failed(message.clone());
        }
        Merged { saved: Vec::new(), failed: self.ids.iter().map(|id| (id.clone(), message.clone())).collect(), retry: Some(self.clone()) }
    }
}

/// 15- and 18-character forms of one id are the same record.
fn same_id(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 15 && b.len() >= 15 && a.get(..15) == b.get(..15))
}
