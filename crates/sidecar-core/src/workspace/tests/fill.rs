//! Fill-down (Ctrl+D) and copy (Ctrl+C) over the rows shown.

use serde_json::json;

use super::*;
use crate::fields::FieldValue;
use crate::workspace::bulk::EditError;
use crate::workspace::fill::{FillError, Shown, copy_text, fill_down};
use crate::workspace::selection::Selection;

/// Four rows, shown sorted 3, 1, 4, 2 (indexes 2, 0, 3, 1).
fn grid() -> (Vec<Row>, Vec<usize>) {
    let records: Vec<Record> = (1..=4)
        .map(|n| {
            record(
                n,
                json!({
                    "Name": format!("Deal {n}"), "Amount": n * 1000, "CloseDate": format!("2027-0{n}-15"),
                    "AccountId": account_id(n), "Account": {"attributes": {"type": "Account"}, "Name": format!("Account \"{n}\"")}
                }),
            )
        })
        .collect();
    (rows(&records), vec![2, 0, 3, 1])
}

fn selection(ids: &[u64]) -> Selection {
    let mut s = Selection::new();
    for n in ids {
        s.select(&id(*n)).expect("select");
    }
    s
}

#[test]
fn fill_down_copies_the_first_selected_row_shown_or_the_cell_above() {
    let (rows, visible) = grid();
    let shown = Shown { rows: &rows, visible: &visible };
    let cols = columns();
    // (selected, active position, column) → (value, target rows) or the error.
    type Case<'a> = (&'a [u64], usize, usize, Result<(FieldValue, Vec<u64>), FillError>);
    let cases: [Case<'_>; 6] = [
        // Selected 1, 2 and 3, shown 3, 1, 2: row 3's value goes to 1 and 2.
        (&[1, 2, 3], 0, AMOUNT, Ok((FieldValue::Number(3000.0), vec![1, 2]))),
        (&[2, 4], 3, CLOSE, Ok((FieldValue::Date(salesforce_rest::soql::Date::parse("2027-04-15").expect("date")), vec![2]))),
        // One row selected (or none): the active cell takes the one above.
        (&[4], 2, AMOUNT, Ok((FieldValue::Number(1000.0), vec![4]))),
        (&[], 1, NAME, Ok((FieldValue::Text("Deal 3".into()), vec![1]))),
        (&[], 0, NAME, Err(FillError::Nothing)),
        (&[1, 2], 0, INDUSTRY, Err(FillError::Edit(EditError::ReadOnly("Account Industry".into())))),
    ];
    for (selected, position, column, want) in cases {
        let got = fill_down("Opportunity", &cols, shown, &selection(selected), position, column).map(|plan| (plan.value, plan.ids));
        let want = want.map(|(value, ids)| (value, ids.into_iter().map(id).collect::<Vec<_>>()));
        assert_eq!(got, want, "{selected:?} at {position}, column {column}");
    }
}

#[test]
fn copy_writes_the_selected_rows_as_paste_reads_them() {
    let (rows, visible) = grid();
    let shown = Shown { rows: &rows, visible: &visible };
    let cols: Vec<ColumnSpec> = columns().into_iter().filter(|c| ["Name", "Amount", "CloseDate", "AccountId"].contains(&c.path.as_str())).collect();
    let ctx = ctx();
    // Shown order, every column; a lookup as its name, quoted when it needs it.
    let text = copy_text(&cols, shown, &selection(&[2, 3]), 0, 0, &ctx);
    assert_eq!(text, "Deal 3\t3000\t3/15/2027\t\"Account \"\"3\"\"\"\r\nDeal 2\t2000\t2/15/2027\t\"Account \"\"2\"\"\"\r\n");
    // Nothing selected: the active cell alone, no line break.
    assert_eq!(copy_text(&cols, shown, &Selection::new(), 1, 1, &ctx), "1000");
    assert_eq!(copy_text(&cols, shown, &Selection::new(), 9, 1, &ctx), "");
}
