//! Blocks of cells as spreadsheets put them on the clipboard (`text/plain`):
//! cells separated by tabs, rows by line breaks (`\r\n` from Excel, `\n`
//! from Google Sheets), and a cell holding a tab, a line break or a quote
//! written in double quotes with its quotes doubled. Excel ends the block
//! with a line break; that does not make an empty last row.
//!
//! [`parse`] reads such text; [`write`] writes a selection the same way, so
//! a copy from the grid pastes into Excel and back unchanged; [`plan`] turns
//! a pasted block into typed values for the grid's cells, each parsed by its
//! column's type, with a message per cell that cannot be used.

use crate::fields::{self, EditContext, FieldValue};
use crate::workspace::ColumnSpec;

/// The rows of cells in `text`. A quote opens a quoted cell only at the
/// start of a cell, and only when a closing quote ends the cell; anything
/// else is read as written (a stray quote in text typed elsewhere).
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_suffix("\r\n").or_else(|| text.strip_suffix('\n')).unwrap_or(text);
    if text.is_empty() {
        return Vec::new();
    }
    let mut rows = vec![Vec::new()];
    let mut rest = text;
    loop {
        let (cell, after) = quoted_cell(rest).unwrap_or_else(|| plain_cell(rest));
        if let Some(row) = rows.last_mut() {
            row.push(cell);
        }
        if let Some(next) = after.strip_prefix('\t') {
            rest = next;
        } else if let Some(next) = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).or_else(|| after.strip_prefix('\r')) {
            rows.push(Vec::new());
            rest = next;
        } else {
            break;
        }
    }
    rows
}

/// A cell up to the next tab or line break, as written.
fn plain_cell(text: &str) -> (String, &str) {
    let end = text.find(['\t', '\n', '\r']).unwrap_or(text.len());
    (text[..end].to_owned(), &text[end..])
}

/// A cell in quotes: `"a ""b""\tc"` is `a "b"<tab>c`. `None` unless the
/// text starts with a quote and a closing quote is followed by the end of
/// the cell.
fn quoted_cell(text: &str) -> Option<(String, &str)> {
    let mut chars = text.strip_prefix('"')?.char_indices();
    let mut cell = String::new();
    while let Some((i, c)) = chars.next() {
        if c != '"' {
            cell.push(c);
            continue;
        }
        let after = &text[1 + i + 1..];
        if after.starts_with('"') {
            cell.push('"');
            chars.next();
        } else if after.is_empty() || after.starts_with(['\t', '\n', '\r']) {
            return Some((cell, after));
        } else {
            return None;
        }
    }
    None
}

/// `rows` as clipboard text: tabs between cells, `\r\n` after each row (as
/// Excel writes it), quotes around cells that need them.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| quote(cell)).collect();
        out.push_str(&cells.join("\t"));
        out.push_str("\r\n");
    }
    out
}

fn quote(cell: &str) -> String {
    if cell.contains(['\t', '\n', '\r', '"']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell.to_owned() }
}

/// One pasted cell: where it lands and what it becomes.
#[derive(Debug, Clone, PartialEq)]
pub struct PastedCell {
    /// Index of the row among the grid's shown rows.
    pub row: usize,
    /// Index of the column among the grid's columns.
    pub column: usize,
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

impl Paste {
    /// The cells that cannot be used, with their messages.
    pub fn errors(&self) -> impl Iterator<Item = (&PastedCell, &str)> {
        self.cells.iter().filter_map(|c| c.value.as_ref().err().map(|e| (c, e.as_str())))
    }
}

/// Places `block` with its top-left cell at (`row`, `column`) of a grid of
/// `row_count` rows over `columns`, parsing each text by its column's type
/// the way the cell editor does (`fields::parse`). A column the grid may not
/// edit (a parent's field, a formula) refuses its cells by name. Nothing is
/// sent: the grid shows the errors first and saves the rest.
pub fn plan(block: &[Vec<String>], row: usize, column: usize, row_count: usize, columns: &[ColumnSpec], ctx: &EditContext) -> Paste {
    let mut paste = Paste::default();
    let widest = block.iter().map(Vec::len).max().unwrap_or(0);
    paste.rows_outside = (row + block.len()).saturating_sub(row_count.max(row));
    paste.columns_outside = (column + widest).saturating_sub(columns.len().max(column));
    for (r, cells) in block.iter().enumerate().take(row_count.saturating_sub(row)) {
        for (c, text) in cells.iter().enumerate() {
            let Some(spec) = columns.get(column + c) else { break };
            let value = if spec.updateable {
                fields::parse(&spec.spec, text.trim(), ctx).map_err(|e| e.message())
            } else {
                Err(format!("{} is read-only here.", spec.spec.label))
            };
            paste.cells.push(PastedCell { row: row + r, column: column + c, value });
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

    #[test]
    fn reading_clipboard_text() {
        let cases: Vec<(&str, Vec<Vec<String>>)> = vec![
            ("", vec![]),
            ("\r\n", vec![]),
            ("Acme", cells(&[&["Acme"]])),
            // Excel: CRLF after every row, including the last.
            ("Acme\t1200\r\nGlobex\t900\r\n", cells(&[&["Acme", "1200"], &["Globex", "900"]])),
            // Google Sheets: LF, no final line break.
            ("Acme\t1200\nGlobex\t900", cells(&[&["Acme", "1200"], &["Globex", "900"]])),
            // Empty cells keep their places.
            ("\t\tx\n\t\t", cells(&[&["", "", "x"], &["", "", ""]])),
            // A quoted cell may hold tabs, line breaks and doubled quotes.
            ("\"a\tb\"\tc\r\n\"line 1\nline 2\"\td", cells(&[&["a\tb", "c"], &["line 1\nline 2", "d"]])),
            ("\"say \"\"hi\"\"\"\tx", cells(&[&["say \"hi\"", "x"]])),
            ("\"\"\tx", cells(&[&["", "x"]])),
            // A stray quote is text as written.
            ("5\" screen\tx", cells(&[&["5\" screen", "x"]])),
            ("\"Hi\" he said\tx", cells(&[&["\"Hi\" he said", "x"]])),
            ("\"unclosed\tx", cells(&[&["\"unclosed", "x"]])),
            // Old Mac line breaks.
            ("a\rb", cells(&[&["a"], &["b"]])),
            // Only one final line break is dropped: an empty row stays.
            ("a\n\n", cells(&[&["a"], &[""]])),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), want, "{text:?}");
        }
    }

    #[test]
    fn writing_reads_back_the_same() {
        let blocks =
            [cells(&[&["Acme", "1,200.00"], &["Globex", ""]]), cells(&[&["a\tb", "say \"hi\""], &["line 1\nline 2", "\r"]]), cells(&[&["\"Hi\" he said"]])];
        for block in blocks {
            assert_eq!(parse(&write(&block)), block, "{block:?}");
        }
        assert_eq!(write(&cells(&[&["a", "b\tc"]])), "a\t\"b\tc\"\r\n");
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
        let paste = plan(&block, 1, 1, 10, &columns(), &ctx);
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
        let paste = plan(&block, 8, 2, 10, &columns(), &ctx);
        assert_eq!((paste.rows_outside, paste.columns_outside), (1, 1));
        assert_eq!(paste.cells.len(), 4);
        assert!(paste.cells.iter().filter(|c| c.column == 3).all(|c| c.value == Err("Account Name is read-only here.".into())));
        // A required name cannot be emptied by a paste.
        let paste = plan(&cells(&[&[""]]), 0, 0, 10, &columns(), &ctx);
        assert!(paste.cells[0].value.as_ref().is_err_and(|e| e == "Name is required"), "{:?}", paste.cells[0].value);
    }
}
