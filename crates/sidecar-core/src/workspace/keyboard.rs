//! The grid's keyboard: arrows move the active cell, Enter starts an edit
//! (or commits it), Escape cancels it, Space toggles the row's selection.
//! [`Cursor::on_key`] answers what the grid should do; the yew grid
//! performs it (parses the editor's text, plans the save, scrolls).

/// The keys the grid handles itself (others go to the editor or the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Left,
    Right,
    Enter,
    Escape,
    Space,
}

impl Key {
    /// `KeyboardEvent.key` to a key; `None` for the ones the grid ignores.
    pub fn from_dom(key: &str) -> Option<Self> {
        Some(match key {
            "ArrowUp" => Self::Up,
            "ArrowDown" => Self::Down,
            "ArrowLeft" => Self::Left,
            "ArrowRight" => Self::Right,
            "Enter" => Self::Enter,
            "Escape" | "Esc" => Self::Escape,
            " " | "Spacebar" => Self::Space,
            _ => return None,
        })
    }
}

/// What the grid should do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing (a key the current mode does not use, or a move at an edge).
    None,
    /// The active cell moved; scroll it into view.
    Moved,
    /// Open the active cell's editor.
    StartEdit,
    /// Parse the editor's text and save it (every selected row when the
    /// row is selected, see `bulk::plan_edit`).
    Commit,
    /// Close the editor, restoring the cell.
    Cancel,
    /// Toggle the selection of the row at this visible position.
    ToggleSelection(usize),
}

/// The active cell, by visible row position and column, and whether its
/// editor is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
    pub column: usize,
    pub editing: bool,
}

impl Cursor {
    /// Applies `key` in a grid of `rows` visible rows and `columns` columns.
    /// While editing, arrows and Space belong to the editor; `editable`
    /// says whether the active cell may be edited.
    pub fn on_key(&mut self, key: Key, rows: usize, columns: usize, editable: bool) -> Action {
        if self.editing {
            return match key {
                Key::Enter => {
                    self.editing = false;
                    Action::Commit
                }
                Key::Escape => {
                    self.editing = false;
                    Action::Cancel
                }
                _ => Action::None,
            };
        }
        if rows == 0 || columns == 0 {
            return Action::None;
        }
        self.clamp(rows, columns);
        let before = (self.row, self.column);
        match key {
            Key::Up => self.row = self.row.saturating_sub(1),
            Key::Down => self.row = (self.row + 1).min(rows - 1),
            Key::Left => self.column = self.column.saturating_sub(1),
            Key::Right => self.column = (self.column + 1).min(columns - 1),
            Key::Enter if editable => {
                self.editing = true;
                return Action::StartEdit;
            }
            Key::Space => return Action::ToggleSelection(self.row),
            Key::Enter | Key::Escape => return Action::None,
        }
        if (self.row, self.column) == before { Action::None } else { Action::Moved }
    }

    /// Keeps the cursor inside the grid after rows were filtered away.
    pub fn clamp(&mut self, rows: usize, columns: usize) {
        self.row = self.row.min(rows.saturating_sub(1));
        self.column = self.column.min(columns.saturating_sub(1));
    }
}
