//! The grid's two other spreadsheet keys, as Excel and Sheets have them
//! (paste is [`super::paste`]):
//! - fill-down (Ctrl+D): in the active column, the first selected row's
//!   value (in the order shown) goes to every other selected row: one
//!   change, saved like any bulk edit (conflict check, one request, undo);
//!   with fewer than two rows selected, the active cell takes the value of
//!   the cell above it;
//! - copy (Ctrl+C): the selected rows, every column, as tab-separated text
//!   (the active cell alone when no row is selected). Each cell is written
//!   as an editor starts with it (`fields::edit_text`, which paste reads
//!   back), except lookups, which are written as the names the grid shows.

use super::ColumnSpec;
use super::bulk::{EditError, EditPlan};
use super::grid::Row;
use super::selection::Selection;
use crate::edits::tsv;
use crate::fields::{self, EditContext, FieldType};

/// Why Ctrl+D did nothing, in words for the rep.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FillError {
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("Nothing to fill: select the rows to fill (the first one's value goes to the others), or move below the cell to copy.")]
    Nothing,
}

/// The rows shown: `visible` holds indexes into `rows`, in the order shown.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub rows: &'a [Row],
    pub visible: &'a [usize],
}

impl<'a> Shown<'a> {
    fn at(&self, position: usize) -> Option<&'a Row> {
        self.rows.get(*self.visible.get(position)?)
    }

    /// The selected rows, in the order shown.
    fn selected(&self, selection: &Selection) -> Vec<&'a Row> {
        self.visible.iter().filter_map(|&i| self.rows.get(i)).filter(|r| selection.contains(&r.id)).collect()
    }
}

/// Ctrl+D in `column` with the active cell at `position`: the edit to save.
pub fn fill_down(object: &str, columns: &[ColumnSpec], shown: Shown<'_>, selection: &Selection, position: usize, column: usize) -> Result<EditPlan, FillError> {
    let spec = columns.get(column).ok_or(EditError::NoColumn)?;
    if !spec.updateable {
        return Err(EditError::ReadOnly(spec.label().to_owned()).into());
    }
    let (source, targets) = rows_of(shown, selection, position).ok_or(FillError::Nothing)?;
    Ok(EditPlan {
        object: object.to_owned(),
        column,
        field: spec.path.clone(),
        value: source.value(column, columns).clone(),
        ids: targets.iter().map(|r| r.id.clone()).collect(),
    })
}

/// The row Ctrl+D copies from and the rows it fills: the first selected
/// row shown and the other selected ones, or (fewer than two selected) the
/// row above the active one and the active one.
pub fn rows_of<'a>(shown: Shown<'a>, selection: &Selection, position: usize) -> Option<(&'a Row, Vec<&'a Row>)> {
    match shown.selected(selection).as_slice() {
        [first, rest @ ..] if !rest.is_empty() => Some((first, rest.to_vec())),
        _ => Some((shown.at(position.checked_sub(1)?)?, vec![shown.at(position)?])),
    }
}

/// Ctrl+C: the clipboard text for the selection, or for the active cell
/// at (`position`, `column`) when no row is selected.
pub fn copy_text(columns: &[ColumnSpec], shown: Shown<'_>, selection: &Selection, position: usize, column: usize, ctx: &EditContext) -> String {
    let cell = |row: &Row, c: usize| -> String {
        let Some(spec) = columns.get(c) else { return String::new() };
        if spec.spec.ty == FieldType::Reference {
            return row.display(c, columns, ctx).to_owned();
        }
        fields::edit_text(&spec.spec, row.value(c, columns), ctx)
    };
    let selected = shown.selected(selection);
    if selected.is_empty() {
        return shown.at(position).map(|row| cell(row, column)).unwrap_or_default();
    }
    let block: Vec<Vec<String>> = selected.iter().map(|row| (0..columns.len()).map(|c| cell(row, c)).collect()).collect();
    tsv::write(&block)
}
