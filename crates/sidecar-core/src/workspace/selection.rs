//! The rows checked for a bulk edit: at most 20, kept by record id (so a
//! re-sort or a filter does not change what is selected), in the order
//! they were checked.

/// A bulk edit changes at most this many rows.
pub const MAX_SELECTED: usize = 20;

/// Why a row could not be selected, in words for the rep.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("You can select up to 20 rows.")]
    Full,
}

/// The selected rows' record ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    ids: Vec<String>,
}

impl Selection {
    pub fn new() -> Self {
        Self::default()
    }

    /// Selects a row; a 21st is refused. `Ok(false)`: it already was.
    pub fn select(&mut self, id: &str) -> Result<bool, SelectionError> {
        if self.contains(id) {
            return Ok(false);
        }
        if self.ids.len() >= MAX_SELECTED {
            return Err(SelectionError::Full);
        }
        self.ids.push(id.to_owned());
        Ok(true)
    }

    /// Unselects a row; `false` when it was not selected.
    pub fn unselect(&mut self, id: &str) -> bool {
        let before = self.ids.len();
        self.ids.retain(|i| i != id);
        self.ids.len() != before
    }

    /// The checkbox (or Space) on a row; answers whether it is now selected.
    pub fn toggle(&mut self, id: &str) -> Result<bool, SelectionError> {
        if self.unselect(id) { Ok(false) } else { self.select(id) }
    }

    /// The unselect icon above the checkboxes.
    pub fn clear(&mut self) {
        self.ids.clear();
    }

    /// Keeps only rows still loaded (after a reload or a workspace change).
    pub fn retain_loaded<'a>(&mut self, loaded: impl IntoIterator<Item = &'a str>) {
        let loaded: std::collections::HashSet<&str> = loaded.into_iter().collect();
        self.ids.retain(|id| loaded.contains(id.as_str()));
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn is_full(&self) -> bool {
        self.ids.len() >= MAX_SELECTED
    }

    /// "4 of 20 rows selected." as above the grid.
    pub fn label(&self) -> String {
        format!("{} of {MAX_SELECTED} rows selected.", self.ids.len())
    }
}
