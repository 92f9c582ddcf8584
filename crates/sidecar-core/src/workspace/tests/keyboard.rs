//! The grid's keyboard rules.

use crate::workspace::keyboard::{Action, Cursor, Key};

#[test]
fn keys_move_edit_commit_cancel_and_toggle() {
    use Action::*;
    use Key::*;
    let mut c = Cursor::default();
    // (key, editable, action, row, column, editing) in a 3x2 grid.
    let table = [
        (Up, true, None, 0, 0, false),
        (Left, true, None, 0, 0, false),
        (Down, true, Moved, 1, 0, false),
        (Right, true, Moved, 1, 1, false),
        (Right, true, None, 1, 1, false),
        (Down, true, Moved, 2, 1, false),
        (Down, true, None, 2, 1, false),
        (Space, true, ToggleSelection(2), 2, 1, false),
        (Enter, false, None, 2, 1, false),
        (Enter, true, StartEdit, 2, 1, true),
        (Up, true, None, 2, 1, true),
        (Space, true, None, 2, 1, true),
        (Escape, true, Cancel, 2, 1, false),
        (Enter, true, StartEdit, 2, 1, true),
        (Enter, true, Commit, 2, 1, false),
        (Escape, true, None, 2, 1, false),
    ];
    for (i, (key, editable, action, row, column, editing)) in table.into_iter().enumerate() {
        assert_eq!(c.on_key(key, 3, 2, editable), action, "step {i}: {key:?}");
        assert_eq!((c.row, c.column, c.editing), (row, column, editing), "step {i}");
    }
}

#[test]
fn cursor_stays_inside_a_shrinking_grid() {
    let mut c = Cursor { row: 9, column: 4, editing: false };
    assert_eq!(c.on_key(Key::Up, 3, 2, true), Action::Moved);
    assert_eq!((c.row, c.column), (1, 1));
    assert_eq!(c.on_key(Key::Down, 0, 2, true), Action::None, "no rows, nothing to do");
    assert_eq!(Key::from_dom(" "), Some(Key::Space));
    assert_eq!(Key::from_dom("ArrowLeft"), Some(Key::Left));
    assert_eq!(Key::from_dom("a"), None);
}
