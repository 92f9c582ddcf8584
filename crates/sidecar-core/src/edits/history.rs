//! The Workspace's undo (Ctrl+Z / ⌘Z) and redo (Ctrl+Shift+Z) of saved
//! changes, as far back as this session's changes go (up to [`LIMIT`]).
//!
//! Undo is itself a save: [`History::undo`] gives the change that takes the
//! last one back (every row to its previous value, in one request), which
//! goes through the same conflict check as any edit: its `before` values are
//! what the rep's change left, so a field someone changed since is a
//! conflict, not silently reverted. Only what the org saved moves:
//! [`History::undone`] with the saved records moves that part to the redo
//! stack and leaves the rest to undo again. A new change clears redo, as
//! every editor does.

use super::Change;

/// Changes kept for undo. A session of editing rarely needs more; each
/// holds at most a 2,000-row bulk edit's values.
pub const LIMIT: usize = 100;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    /// Saved changes, oldest first.
    done: Vec<Change>,
    /// Undone changes, the most recently undone last.
    undone: Vec<Change>,
}

impl History {
    /// A change the org saved (only the saved rows of it).
    pub fn record(&mut self, change: Change) {
        if change.is_empty() {
            return;
        }
        self.done.push(change);
        if self.done.len() > LIMIT {
            self.done.remove(0);
        }
        self.undone.clear();
    }

    /// The change that undoes the last saved one, to send; `None` when
    /// there is nothing to undo.
    pub fn undo(&self) -> Option<Change> {
        self.done.last().map(Change::inverse)
    }

    /// The undo was sent and the org saved the records `saved` (ids): that
    /// part may be redone; the rest stays to undo again.
    pub fn undone(&mut self, saved: &[String]) {
        shift(&mut self.done, &mut self.undone, saved);
    }

    /// The change that redoes the last undone one, to send.
    pub fn redo(&self) -> Option<Change> {
        self.undone.last().cloned()
    }

    /// The redo was sent and the org saved the records `saved`.
    pub fn redone(&mut self, saved: &[String]) {
        shift(&mut self.undone, &mut self.done, saved);
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}

/// Moves the saved part (records `saved`) of `from`'s last change onto
/// `to`; the rest stays on `from`.
fn shift(from: &mut Vec<Change>, to: &mut Vec<Change>, saved: &[String]) {
    if let Some(change) = from.pop() {
        let (moved, left) = change.split(saved);
        if !left.is_empty() {
            from.push(left);
        }
        if !moved.is_empty() {
            to.push(moved);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::CellEdit;
    use super::*;
    use serde_json::{Value as Json, json};

    fn change(edits: &[(&str, Json, Json)]) -> Change {
        Change {
            object: "Opportunity".into(),
            edits: edits.iter().map(|(id, b, a)| CellEdit { record_id: (*id).into(), field: "Amount".into(), before: b.clone(), after: a.clone() }).collect(),
        }
    }

    const A: &str = "006000000000001AAA";
    const B: &str = "006000000000002AAA";

    #[test]
    fn undo_and_redo_walk_the_changes_in_order() {
        let mut history = History::default();
        assert_eq!((history.undo(), history.redo()), (None, None));
        history.record(change(&[(A, json!(1), json!(2))]));
        history.record(change(&[(A, json!(2), json!(3)), (B, json!(10), json!(3))]));

        // Undo the bulk edit: both rows back, in one change.
        let back = history.undo().expect("the test's value");
        assert_eq!(back, change(&[(A, json!(3), json!(2)), (B, json!(3), json!(10))]));
        history.undone(&[A.into(), B.into()]);
        // Then the first edit.
        assert_eq!(history.undo().expect("the test's value"), change(&[(A, json!(2), json!(1))]));
        history.undone(&[A.into()]);
        assert!(!history.can_undo());

        // Redo comes back in the order undone.
        assert_eq!(history.redo().expect("the test's value"), change(&[(A, json!(1), json!(2))]));
        history.redone(&[A.into()]);
        assert_eq!(history.redo().expect("the test's value"), change(&[(A, json!(2), json!(3)), (B, json!(10), json!(3))]));

        // A new change clears what could be redone.
        history.record(change(&[(B, json!(10), json!(11))]));
        assert!(!history.can_redo());
        assert_eq!(history.undo().expect("the test's value"), change(&[(B, json!(11), json!(10))]));
    }

    #[test]
    fn a_partly_saved_undo_leaves_the_rest_to_undo() {
        let mut history = History::default();
        history.record(change(&[(A, json!(1), json!(5)), (B, json!(2), json!(5))]));
        // B was changed by someone else since: only A went back.
        history.undone(&[A[..15].to_owned()]);
        assert_eq!(history.undo().expect("the test's value"), change(&[(B, json!(5), json!(2))]));
        assert_eq!(history.redo().expect("the test's value"), change(&[(A, json!(1), json!(5))]));
        // Nothing saved: nothing moves.
        history.undone(&[]);
        assert_eq!(history.undo().expect("the test's value"), change(&[(B, json!(5), json!(2))]));
    }

    #[test]
    fn history_is_bounded_and_ignores_empty_changes() {
        let mut history = History::default();
        history.record(change(&[]));
        assert!(!history.can_undo());
        for i in 0..(LIMIT as i64 + 5) {
            history.record(change(&[(A, json!(i), json!(i + 1))]));
        }
        let mut count = 0;
        while history.can_undo() {
            history.undone(&[A.into()]);
            count += 1;
        }
        assert_eq!(count, LIMIT);
    }
}
