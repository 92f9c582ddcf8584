//! The Workspace tab's state and what each user action or answer does to
//! it, as one reducer (the yew page wraps it in `use_reducer` and performs
//! the I/O its actions ask for). Answers carry the load generation they
//! belong to, so a slow answer for a workspace the user has left is dropped.

use std::collections::HashMap;
use std::rc::Rc;

use salesforce_rest::SaveResult;

use super::ColumnSpec;
use super::bulk;
use super::grid::RowStatus;
use super::grid::{ColumnSort, GridView, Row};
use super::model::Workspaces;
use super::query::loading_text;
use super::selection::Selection;
use crate::api_error::ApiError;
use crate::edits::conflict::Verdict;
use crate::edits::history::History;
use crate::edits::{CellEdit, Change};
use crate::fields::EditContext;
use crate::load::Load;

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The saved list, as last read or written.
    pub workspaces: Workspaces,
    /// The workspace shown (an id of `workspaces`).
    pub current: Option<String>,
    /// The user's first name, for the header line.
    pub user_name: String,
    pub ctx: Rc<EditContext>,
    /// The shown columns, in order.
    pub columns: Rc<Vec<ColumnSpec>>,
    /// The columns plus the fields the filters and sort use.
    pub known: Rc<Vec<ColumnSpec>>,
    pub rows: Rc<Vec<Row>>,
    pub view: GridView,
    pub selection: Selection,
    /// Where the current workspace's records are, as every screen's loads
    /// are: `Loading` from the open to the last batch, `Loaded`, `Failed`
    /// in the rep's words. It carries nothing: the records are `rows`,
    /// shown batch by batch while it is still `Loading`.
    pub load: Load<()>,
    /// The first batch's `totalSize`, once the records are asked for:
    /// `None` while the fields are described. With `rows.len()`, the
    /// progress line (see [`Page::progress`]).
    pub total: Option<u64>,
    /// Bumped by every (re)load; answers of an older one are dropped.
    pub generation: u64,
    /// Per row id: the part of a change that failed there, for its Retry.
    pub failed: HashMap<String, Change>,
    /// Per row id: the rep's edits someone else's change held back, with
    /// their value as the base: what "Keep mine" sends.
    pub conflicts: HashMap<String, Change>,
    /// Saved changes, for undo and redo.
    pub history: History,
    /// Conflicts the last check held back, for the save's summary.
    pub held_conflicts: usize,
    /// A message for the rep above the grid (a refused selection, a save summary).
    pub notice: Option<String>,
}

impl Default for Page {
    fn default() -> Self {
        Self {
            workspaces: Workspaces::default(),
            current: None,
            user_name: String::new(),
            ctx: Rc::new(EditContext::default()),
            columns: Rc::default(),
            known: Rc::default(),
            rows: Rc::default(),
            view: GridView::default(),
            selection: Selection::new(),
            load: Load::Idle,
            total: None,
            generation: 0,
            failed: HashMap::new(),
            conflicts: HashMap::new(),
            history: History::default(),
            held_conflicts: 0,
            notice: None,
        }
    }
}

/// What a save was, for the undo history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    /// The rep's edit (or Retry, or Keep mine): saved rows can be undone.
    Edit,
    Undo,
    Redo,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The stored list was read, or the dialog changed it.
    Workspaces(Workspaces),
    /// Who is logged in: first name and time zone conventions.
    User {
        name: String,
        ctx: EditContext,
    },
    /// Show (and load) this workspace; also "Refresh".
    Open(String),
    /// Its fields are described.
    Columns {
        generation: u64,
        columns: Vec<ColumnSpec>,
        known: Vec<ColumnSpec>,
    },
    /// A batch of records; `done` when the last one is in.
    Batch {
        generation: u64,
        rows: Vec<Row>,
        total: u64,
        done: bool,
    },
    LoadFailed {
        generation: u64,
        message: String,
    },
    /// A column's filter box.
    FilterColumn(usize, String),
    Search(String),
    /// A click on a column header: ascending, then descending.
    SortBy(usize),
    /// A row's checkbox (or Space).
    Toggle(String),
    /// The unselect icon.
    ClearSelection,
    /// A change is being saved: show its values and "Saving" on its rows.
    EditBegin(Change),
    /// The conflict check held these fields back (`edits::conflict`).
    Held(Vec<(CellEdit, Verdict)>),
    /// The org's answer to the part of the change that was sent.
    EditDone(Change, Result<Vec<SaveResult>, ApiError>, SaveKind),
    /// "Take theirs" on a row in conflict: its cells show their values.
    TakeTheirs(String),
    Notice(Option<String>),
}

impl Page {
    /// The workspace shown.
    pub fn workspace(&self) -> Option<&super::model::Workspace> {
        self.current.as_deref().and_then(|id| self.workspaces.get(id))
    }

    /// Applies `action`; the yew page calls this from `Reducible::reduce`.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Workspaces(list) => {
                self.workspaces = list;
                if self.workspace().is_none() {
                    let first = self.workspaces.items.first().map(|w| w.id.clone());
                    if let Some(id) = first {
                        self.open(id);
                    }
                }
            }
            Action::User { name, ctx } => {
                self.user_name = name;
                self.ctx = Rc::new(ctx);
            }
            Action::Open(id) => self.open(id),
            Action::Columns { generation, columns, known } if generation == self.generation => {
                self.view.column_filters = vec![String::new(); columns.len()];
                self.columns = Rc::new(columns);
                self.known = Rc::new(known);
                self.total = Some(0);
            }
            Action::Batch { generation, rows, total, done } if generation == self.generation => {
                Rc::make_mut(&mut self.rows).extend(rows);
                self.total = Some(total);
                if done {
                    self.load = Load::Loaded(());
                }
            }
            Action::LoadFailed { generation, message } if generation == self.generation => {
                self.load = Load::Failed(message);
            }
            Action::Columns { .. } | Action::Batch { .. } | Action::LoadFailed { .. } => {}
            Action::FilterColumn(column, text) => {
                let filters = &mut self.view.column_filters;
                if filters.len() <= column {
                    filters.resize(column + 1, String::new());
                }
                filters[column] = text;
            }
            Action::Search(text) => self.view.search = text,
            Action::SortBy(column) => {
                let descending = matches!(self.view.sort, Some(s) if s.column == column && !s.descending);
                self.view.sort = Some(ColumnSort { column, descending });
            }
            Action::Toggle(id) => match self.selection.toggle(&id) {
                Ok(_) => self.notice = None,
                Err(e) => self.notice = Some(format!("{e} Unselect a row to select this one.")),
            },
            Action::ClearSelection => {
                self.selection.clear();
                self.notice = None;
            }
            Action::EditBegin(change) => {
                for id in change.record_ids() {
                    self.failed.remove(id);
                    self.conflicts.remove(id);
                }
                self.held_conflicts = 0;
                let rows = Rc::make_mut(&mut self.rows);
                bulk::begin(&change, rows, &self.columns, &self.ctx);
            }
            Action::Held(held) => {
                let rows = Rc::make_mut(&mut self.rows);
                bulk::hold(&held, rows, &self.columns, &self.ctx);
                for (edit, verdict) in held {
                    if let Verdict::Conflict { theirs, .. } = verdict {
                        let mine = CellEdit { before: theirs, ..edit };
                        let object = self.workspace().map(|w| w.object.clone()).unwrap_or_default();
                        self.conflicts.entry(mine.record_id.clone()).or_insert_with(|| Change { object, edits: Vec::new() }).edits.push(mine);
                    }
                }
                self.held_conflicts = self.conflicts.len();
                self.notice = conflict_notice(self.held_conflicts);
            }
            Action::EditDone(change, answer, kind) => {
                let rows = Rc::make_mut(&mut self.rows);
                let merged = match &answer {
                    Ok(results) => bulk::merge(&change, results, rows),
                    Err(error) => bulk::fail_all(&change, error, rows),
                };
                let ids: Vec<String> = merged.failed.iter().map(|(id, _)| id.clone()).collect();
                for id in &ids {
                    self.failed.insert(id.clone(), change.split(std::slice::from_ref(id)).0);
                }
                match kind {
                    SaveKind::Edit => self.history.record(change.split(&merged.saved).0),
                    SaveKind::Undo => self.history.undone(&merged.saved),
                    SaveKind::Redo => self.history.redone(&merged.saved),
                }
                let total = change.record_ids().len();
                let saved = save_notice(total + self.held_conflicts, merged.saved.len(), merged.failed.len());
                self.notice = match (saved, conflict_notice(self.held_conflicts)) {
                    (Some(s), Some(c)) => Some(format!("{s} {c}")),
                    (s, c) => s.or(c),
                };
            }
            Action::TakeTheirs(id) => {
                if let Some(mine) = self.conflicts.remove(&id) {
                    let theirs =
                        Change { object: mine.object.clone(), edits: mine.edits.iter().map(|e| CellEdit { after: e.before.clone(), ..e.clone() }).collect() };
                    let rows = Rc::make_mut(&mut self.rows);
                    bulk::begin(&theirs, rows, &self.columns, &self.ctx);
                    if let Some(row) = rows.iter_mut().find(|r| r.id == id) {
                        row.status = RowStatus::Idle;
                    }
                    self.notice = None;
                }
            }
            Action::Notice(notice) => self.notice = notice,
        }
    }

    fn open(&mut self, id: String) {
        self.current = Some(id);
        self.generation += 1;
        self.columns = Rc::default();
        self.known = Rc::default();
        self.rows = Rc::default();
        self.view = GridView::default();
        self.selection.clear();
        self.failed.clear();
        self.conflicts.clear();
        self.load = Load::Loading;
        self.total = None;
        self.notice = None;
    }

    /// Describing or receiving records: not yet an answer.
    pub fn in_progress(&self) -> bool {
        self.load.is_pending()
    }

    /// The progress line while loading, `None` otherwise.
    pub fn progress(&self) -> Option<String> {
        match (&self.load, self.total) {
            (Load::Loading, None) => Some("Getting the workspace ready…".into()),
            (Load::Loading, Some(total)) => Some(loading_text(self.rows.len(), total)),
            _ => None,
        }
    }

    /// The retry of the failed edit on row `id`, if it failed.
    pub fn retry_change(&self, id: &str) -> Option<Change> {
        self.failed.get(id).cloned()
    }

    /// "Keep mine" on a row in conflict: the rep's values over theirs (the
    /// check passes unless the fields change yet again).
    pub fn keep_mine(&self, id: &str) -> Option<Change> {
        self.conflicts.get(id).cloned()
    }

    /// Whether a row is mid-save (its cells wait for the answer).
    pub fn is_saving(&self, id: &str) -> bool {
        self.rows.iter().any(|r| r.id == id && r.status == RowStatus::Saving)
    }
}

/// "1 row was changed by someone else since …": what waits for the rep's choice.
fn conflict_notice(conflicts: usize) -> Option<String> {
    match conflicts {
        0 => None,
        1 => Some("1 row was changed by someone else since this list was loaded: nothing was overwritten. Choose Keep mine or Take theirs on the row.".into()),
        n => {
            Some(format!("{n} rows were changed by someone else since this list was loaded: nothing was overwritten. Choose Keep mine or Take theirs on each."))
        }
    }
}

/// "4 rows saved." / "3 of 4 rows saved. 1 couldn't be saved; its message
/// is on the row." `None` for a one-row edit that saved (the row shows it),
/// and when nothing was sent (every row held back).
fn save_notice(total: usize, saved: usize, failed: usize) -> Option<String> {
    if saved + failed == 0 {
        return None;
    }
    let rows = |n: usize| if n == 1 { "row" } else { "rows" };
    match (saved, failed) {
        (_, 0) if total == 1 => None,
        (_, 0) => Some(format!("{saved} {} saved.", rows(saved))),
        (0, _) if total == 1 => Some("Your change wasn't saved; the message is on the row. Fix it or press Retry.".into()),
        (0, _) => Some(format!("None of the {total} rows were saved; the messages are on the rows.")),
        _ => Some(format!("{saved} of {total} rows saved. {failed} {} couldn't be saved; the message is on the {}.", rows(failed), rows(failed))),
    }
}
