//! The Workspace tab's state and what each user action or answer does to
//! it, as one reducer (the yew page wraps it in `use_reducer` and performs
//! the I/O its actions ask for). Answers carry the load generation they
//! belong to, so a slow answer for a workspace the user has left is dropped.

use std::collections::HashMap;
use std::rc::Rc;

use salesforce_rest::SaveResult;

use super::ColumnSpec;
use super::bulk::EditPlan;
use super::grid::RowStatus;
use super::grid::{ColumnSort, GridView, Row};
use super::model::Workspaces;
use super::query::loading_text;
use super::selection::Selection;
use crate::api_error::ApiError;
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
    /// Per row id: the edit that failed there, for its Retry.
    pub failed: HashMap<String, EditPlan>,
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
            notice: None,
        }
    }
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
    /// An edit is being saved: show its value and "Saving" on its rows.
    EditBegin(EditPlan),
    /// The org's answer to it.
    EditDone(EditPlan, Result<Vec<SaveResult>, ApiError>),
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
            Action::EditBegin(plan) => {
                for id in &plan.ids {
                    self.failed.remove(id);
                }
                let rows = Rc::make_mut(&mut self.rows);
                plan.begin(rows, &self.columns, &self.ctx);
            }
            Action::EditDone(plan, answer) => {
                let rows = Rc::make_mut(&mut self.rows);
                let merged = match &answer {
                    Ok(results) => plan.merge(results, rows),
                    Err(error) => plan.fail_all(error, rows),
                };
                for (id, _) in &merged.failed {
                    self.failed.insert(id.clone(), EditPlan { ids: vec![id.clone()], ..plan.clone() });
                }
                self.notice = save_notice(&plan, merged.saved.len(), merged.failed.len());
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
    pub fn retry_plan(&self, id: &str) -> Option<EditPlan> {
        self.failed.get(id).cloned()
    }

    /// Whether a row is mid-save (its cells wait for the answer).
    pub fn is_saving(&self, id: &str) -> bool {
        self.rows.iter().any(|r| r.id == id && r.status == RowStatus::Saving)
    }
}

/// "4 rows saved." / "3 of 4 rows saved. 1 couldn't be saved; its message
/// is on the row." `None` for a one-row edit that saved (the row shows it).
fn save_notice(plan: &EditPlan, saved: usize, failed: usize) -> Option<String> {
    let total = plan.ids.len();
    let rows = |n: usize| if n == 1 { "row" } else { "rows" };
    match (saved, failed) {
        (_, 0) if total == 1 => None,
        (_, 0) => Some(format!("{saved} {} saved.", rows(saved))),
        (0, _) if total == 1 => Some("Your change wasn't saved; the message is on the row. Fix it or press Retry.".into()),
        (0, _) => Some(format!("None of the {total} rows were saved; the messages are on the rows.")),
        _ => Some(format!("{saved} of {total} rows saved. {failed} {} couldn't be saved; the message is on the {}.", rows(failed), rows(failed))),
    }
}
