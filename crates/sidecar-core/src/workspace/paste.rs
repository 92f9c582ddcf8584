//! A block of cells pasted into the grid (read by `edits::tsv`) at the
//! active cell: each text parsed by its column's type the way the cell
//! editor does, with a message per cell that cannot be used, before
//! anything is sent.

use super::ColumnSpec;
use super::grid::Row;
use crate::edits::{CellEdit, Change};
use crate::fields::{self, EditContext, FieldValue, Money};

/// One pasted cell: where it lands and what it becomes.
#[derive(Debug, Clone, PartialEq)]
pub struct PastedCell {
    /// Index of the row among the grid's shown rows.
    pub row: usize,
    /// Index of the column among the grid's columns.
    pub column: usize,
    /// What was pasted there.
    pub text: String,
    /// The value to save, or why this text cannot go in this cell.
    pub value: Result<FieldValue, String>,
}

/// What a paste does: the cells it fills, and how much of the block fell
/// outside the grid (more rows or columns than there are from the active
/// cell), which the grid reports rather than drops in silence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paste {
    pub cells: Vec<PastedCell>,
    pub rows_outside: usize,
    pub columns_outside: usize,
}

/// A pasted text that cannot go in its cell: marked on the grid and listed
/// in the failures file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub record_id: String,
    pub column: usize,
    /// The field's API name.
    pub field: String,
    pub text: String,
    pub message: String,
}

impl Paste {
    /// Pasted cells that fell outside the grid (counted per cell).
    pub fn left_out(&self, block: &[Vec<String>]) -> usize {
        let total: usize = block.iter().map(Vec::len).sum();
        total.saturating_sub(self.cells.len())
    }

    /// The cells that cannot be used, with their messages.
    pub fn errors(&self) -> impl Iterator<Item = (&PastedCell, &str)> {
        self.cells.iter().filter_map(|c| c.value.as_ref().err().map(|e| (c, e.as_str())))
    }

    /// The change the paste makes to `targets` (the rows its row indices
    /// name: the shown rows from the active one down) and the cells
    /// refused. A cell that already holds the pasted value is no edit.
    pub fn change(&self, targets: &[&Row], columns: &[ColumnSpec], object: &str) -> (Change, Vec<Refused>) {
        let mut change = Change { object: object.to_owned(), edits: Vec::new() };
        let mut refused = Vec::new();
        for cell in &self.cells {
            let (Some(row), Some(spec)) = (targets.get(cell.row), columns.get(cell.column)) else { continue };
            match &cell.value {
                Ok(value) => {
                    if row.value(cell.column, columns) != value {
                        change.edits.push(CellEdit {
                            record_id: row.id.clone(),
                            field: spec.path.clone(),
                            // From what the org holds, not from a refused value still shown.
                            before: row.org_value(&spec.path),
                            after: fields::to_json(value),
                        });
                    }
                }
                Err(message) => refused.push(Refused {
                    record_id: row.id.clone(),
                    column: cell.column,
                    field: spec.path.clone(),
                    text: cell.text.clone(),
                    message: message.clone(),
                }),
            }
        }
        (change, refused)
    }
}

/// Places `block` with its top-left cell at (`row`, `column`) of a grid of
/// `row_count` rows over `columns`, parsing each text by its column's type
/// the way the cell editor does (`fields::parse_in`: an amount typed with
/// another currency's code than its row's, `currency(row, column)`, is
/// refused). A column the grid may not edit (a parent's field, a formula)
/// refuses its cells by name. Nothing is sent: the grid shows the errors
/// first and saves the rest.
pub fn plan(
    block: &[Vec<String>],
    (row, column): (usize, usize),
    row_count: usize,
    columns: &[ColumnSpec],
    ctx: &EditContext,
    currency: &dyn Fn(usize, usize) -> Option<String>,
) -> Paste {
    let mut paste = Paste::default();
    let widest = block.iter().map(Vec::len).max().unwrap_or(0);
    paste.rows_outside = (row + block.len()).saturating_sub(row_count.max(row));
    paste.columns_outside = (column + widest).saturating_sub(columns.len().max(column));
    for (r, cells) in block.iter().enumerate().take(row_count.saturating_sub(row)) {
        for (c, text) in cells.iter().enumerate() {
            let Some(spec) = columns.get(column + c) else { break };
            let value = if spec.updateable {
                let currency = currency(row + r, column + c);
                fields::parse_in(&spec.spec, text.trim(), Money { currency: currency.as_deref(), day: None }, ctx).map_err(|e| e.message())
            } else {
                Err(format!("{} is read-only here.", spec.spec.label))
            };
            paste.cells.push(PastedCell { row: row + r, column: column + c, text: text.clone(), value });
        }
    }
    paste
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{FieldSpec, FieldType, PicklistOption};

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect()
    }

    fn columns() -> Vec<ColumnSpec> {
        let stage = FieldSpec {
            restricted: true,
            picklist: ["Prospecting", "Closed Won"].iter().map(|v| PicklistOption { value: (*v).into(), label: (*v).into(), active: true }).collect(),
            ..FieldSpec::new("StageName", "Stage", FieldType::Picklist)
        };
        vec![
            ColumnSpec::new("Name", FieldSpec { length: 120, required: true, ..FieldSpec::new("Name", "Name", FieldType::String) }),
            ColumnSpec::new("Amount", FieldSpec { precision: 18, scale: 2, ..FieldSpec::new("Amount", "Amount", FieldType::Currency) }),
            ColumnSpec::new("StageName", stage),
            ColumnSpec::new("Account.Name", FieldSpec::new("Name", "Account Name", FieldType::String)),
        ]
    }

    #[test]
    fn a_pasted_block_is_parsed_by_column_type() {
        let ctx = EditContext::default();
        let block = cells(&[&["1,200.50", "Closed Won"], &["lots", "Prospecting"], &["", "Negotiation"]]);
        let paste = plan(&block, (1, 1), 10, &columns(), &ctx, &|_, _| None);
        let got: Vec<(usize, usize, Result<FieldValue, String>)> = paste.cells.iter().map(|c| (c.row, c.column, c.value.clone())).collect();
        assert_eq!(got.len(), 6);
        assert_eq!(got[0], (1, 1, Ok(FieldValue::Number(1200.5))));
        assert_eq!(got[1], (1, 2, Ok(FieldValue::Text("Closed Won".into()))));
        assert_eq!((got[2].0, got[2].1), (2, 1));
        assert!(got[2].2.as_ref().is_err_and(|e| e.starts_with("Amount")), "{:?}", got[2].2);
        assert_eq!(got[3], (2, 2, Ok(FieldValue::Text("Prospecting".into()))));
        // An empty amount clears it; a value the restricted picklist lacks is refused.
        assert_eq!(got[4], (3, 1, Ok(FieldValue::Null)));
        assert!(got[5].2.as_ref().is_err_and(|e| e.starts_with("Stage")), "{:?}", got[5].2);
        assert_eq!((paste.rows_outside, paste.columns_outside), (0, 0));
        assert_eq!(paste.errors().count(), 2);
    }

    #[test]
    fn cells_past_the_grid_or_in_read_only_columns_are_reported() {
        let ctx = EditContext::default();
        // Three rows from row 8 of 10: one row falls outside; from column 2
        // the block's three columns reach one past the last.
        let block = cells(&[&["Prospecting", "Acme", "x"], &["Prospecting", "Acme", "x"], &["Prospecting", "Acme", "x"]]);
        let paste = plan(&block, (8, 2), 10, &columns(), &ctx, &|_, _| None);
        assert_eq!((paste.rows_outside, paste.columns_outside), (1, 1));
        assert_eq!(paste.cells.len(), 4);
        assert!(paste.cells.iter().filter(|c| c.column == 3).all(|c| c.value == Err("Account Name is read-only here.".into())));
        // A required name cannot be emptied by a paste.
        let paste = plan(&cells(&[&[""]]), (0, 0), 10, &columns(), &ctx, &|_, _| None);
        assert!(paste.cells[0].value.as_ref().is_err_and(|e| e == "Name is required"), "{:?}", paste.cells[0].value);
    }

    /// An amount pasted with its currency's code lands only on a row in
    /// that currency: saving `EUR 5` on a JPY row would store 5 yen.
    #[test]
    fn a_pasted_amount_keeps_its_rows_currency() {
        let amount = ColumnSpec::new("Amount", FieldSpec { scale: 2, ..FieldSpec::new("Amount", "Amount", FieldType::Currency) });
        let ctx = EditContext::new("de_DE", "Europe/Berlin");
        let block = cells(&[&["JPY 5.000"], &["JPY 5.000"], &["5.000"]]);
        let currency = |row: usize, _: usize| Some(if row == 0 { "JPY" } else { "EUR" }.to_owned());
        let paste = plan(&block, (0, 0), 3, &[amount], &ctx, &currency);
        let values: Vec<Result<FieldValue, String>> = paste.cells.iter().map(|c| c.value.clone()).collect();
        assert_eq!(
            values,
            [
                Ok(FieldValue::Number(5000.0)),
                Err("Amount: this amount is in EUR; enter it without JPY, or change the record's currency first".to_owned()),
                Ok(FieldValue::Number(5000.0)),
            ]
        );
    }
}
