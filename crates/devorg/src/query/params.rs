//! The bound parameters of the SQL a query becomes: the one buffer the
//! plan, its joins and its filters all add to (kept apart from each so none
//! of them needs another to bind a value).

use rusqlite::types::Value as Bound;

/// Bound parameters, numbered (`?1`, `?2`, ...) so the order in which
/// clauses are built does not matter.
#[derive(Debug, Default)]
pub struct Sql {
    pub params: Vec<Bound>,
}

impl Sql {
    pub fn bind(&mut self, value: Bound) -> String {
        self.params.push(value);
        format!("?{}", self.params.len())
    }
}
