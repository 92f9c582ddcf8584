//! The Workspace tab's state and what each user action or answer does to
//! it, as one reducer (the yew page wraps it in `use_reducer` and performs
//! the I/O its actions ask for). Answers carry the load generation they
//! belong to, so a slow answer for a workspace the user has left is dropped.

use std::collections::HashMap;
use std::rc::Rc;

use salesforce_rest::SaveResult;
use salesforce_rest::id::same_record;

use super::ColumnSpec;
use super::bulk;
use super::grid::RowStatus;
use super::grid::{ColumnSort, GridView, Row};
use super::model::Workspaces;
use super::query::loading_text;
use super::selection::Selection;
use crate::api_error::{ApiError, Backoff};
use crate::edits::conflict::Verdict;
use crate::edits::history::History;
use crate::edits::pending::{Origin, Outcome, PendingEdit, PendingEdits, Resolution, Theirs};
use crate::edits::{CellEdit, Change};
use crate::fields::EditContext;
use crate::load::Load;
use crate::records::lookup::{Match, Picked};

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
    /// Edits the org could not take yet, kept in the extension's storage and
    /// retried (`edits::pending`); `None` until read from storage.
    pub pending: Option<PendingEdits>,
    /// Whose edits this tab sends: the logged-in user's id.
    pub owner: String,
    /// Pasted texts that could not be used, for the failures file.
    pub refused: Vec<super::paste::Refused>,
    /// The paste being saved: its refused cells and the cells that fell
    /// outside the grid, for the save's summary.
    pub last_paste: Option<(usize, usize)>,
    /// A message for the rep above the grid (a refused selection, a save summary).
    pub notice: Option<String>,
    /// Records the rep picked in a lookup by name: their names, shown in
    /// place of their ids (kept across workspaces: a name is a name).
    pub picked: Picked,
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
            pending: None,
            owner: String::new(),
            refused: Vec::new(),
            last_paste: None,
            notice: None,
            picked: Picked::default(),
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
    /// The org's answer to the part of the change that was sent, at `now`
    /// (milliseconds since the epoch, for the retry of what could not be sent).
    EditDone(Change, Result<Vec<SaveResult>, ApiError>, SaveKind, i64),
    /// The edits kept from earlier (storage), and whose they are.
    Pending {
        owner: String,
        pending: PendingEdits,
    },
    /// The retry loop sends these kept edits now: not due again for a while.
    Retrying(Change, i64),
    /// The browser is online again: kept edits are due now.
    Reachable(i64),
    /// "Take theirs" on a row in conflict: its cells show their values.
    TakeTheirs(String),
    /// A paste's cells that could not be used (marked on their rows), and
    /// how many fell outside the grid.
    PasteRefused(Vec<super::paste::Refused>, usize),
    Notice(Option<String>),
    /// A record picked in a lookup by name (its id is committed next).
    Picked(Match),
    /// "Discard" on a row whose change failed or waits: its cells back to
    /// the values the rep saw before the change, its kept edits forgotten.
    Discard(String),
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
                    self.show_pending();
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
                // A new value for a field replaces its failed or held one;
                // the row's other fields keep theirs (and their marks).
                let touched = |e: &CellEdit| change.edits.iter().any(|c| same_record(&c.record_id, &e.record_id) && c.field.eq_ignore_ascii_case(&e.field));
                for id in change.record_ids() {
                    for waiting in [&mut self.failed, &mut self.conflicts] {
                        if let Some(old) = waiting.get_mut(id) {
                            old.edits.retain(|e| !touched(e));
                            if old.edits.is_empty() {
                                waiting.remove(id);
                            }
                        }
                    }
                }
                self.refused.retain(|r| !change.edits.iter().any(|e| same_record(&e.record_id, &r.record_id) && e.field.eq_ignore_ascii_case(&r.field)));
                self.held_conflicts = 0;
                let rows = Rc::make_mut(&mut self.rows);
                bulk::begin(&change, rows, &self.columns, &self.ctx, &self.picked);
            }
            Action::Held(held) => {
                let rows = Rc::make_mut(&mut self.rows);
                bulk::hold(&held, rows, &self.columns, &self.ctx);
                for (edit, verdict) in held {
                    if let Some(pending) = &mut self.pending {
                        let outcome = match &verdict {
                            Verdict::Conflict { theirs, when, .. } => Outcome::Conflict(Theirs { value: theirs.clone(), stamp: when.clone() }),
                            Verdict::Gone => Outcome::Refused(ApiError::NotFound.user_message()),
                            Verdict::Same | Verdict::Clear => Outcome::Saved,
                        };
                        pending.settle(&edit.record_id, &edit.field, &edit.after, outcome, 0);
                    }
                    if let Verdict::Conflict { theirs, .. } = verdict {
                        let mine = CellEdit { before: theirs, ..edit };
                        let object = self.workspace().map(|w| w.object.clone()).unwrap_or_default();
                        self.conflicts.entry(mine.record_id.clone()).or_insert_with(|| Change { object, edits: Vec::new() }).edits.push(mine);
                    }
                }
                self.held_conflicts = self.conflicts.len();
                self.notice = conflict_notice(self.held_conflicts);
            }
            Action::EditDone(change, answer, kind, now) => {
                // Kept for later: what the org could not take now, and what a
                // new login will let through.
                let unsent = answer.as_ref().err().filter(|e| (e.is_retryable() || **e == ApiError::SessionExpired) && self.pending.is_some());
                if let Some(error) = unsent {
                    self.keep_unsent(&change, error, now);
                }
                let rows = Rc::make_mut(&mut self.rows);
                let merged = match &answer {
                    Ok(results) => bulk::merge(&change, results, rows, &self.columns),
                    // Kept for later: the rows say so, truthfully.
                    Err(_) if unsent.is_some() => bulk::fail_all(&change, KEPT, rows),
                    Err(error) => {
                        bulk::flag_refused(&change, &error.user_message(), rows, &self.columns);
                        bulk::fail_all(&change, &error.user_message(), rows)
                    }
                };
                // A saved row with a field still held for the rep's choice says so.
                for id in &merged.saved {
                    if let Some(held) = self.conflicts.get(id) {
                        let held: Vec<(CellEdit, Verdict)> =
                            held.edits.iter().map(|e| (e.clone(), Verdict::Conflict { theirs: e.before.clone(), when: None, who: None })).collect();
                        bulk::hold(&held, rows, &self.columns, &self.ctx);
                    }
                }
                if let Some(pending) = &mut self.pending {
                    for edit in &change.edits {
                        if merged.saved.iter().any(|id| same_record(id, &edit.record_id)) {
                            pending.settle(&edit.record_id, &edit.field, &edit.after, Outcome::Saved, now);
                        } else if let Some((_, message)) = merged.failed.iter().find(|(id, _)| same_record(id, &edit.record_id))
                            && !answer.as_ref().is_err_and(ApiError::is_retryable)
                        {
                            pending.settle(&edit.record_id, &edit.field, &edit.after, Outcome::Refused(message.clone()), now);
                        }
                    }
                }
                let ids: Vec<String> = merged.failed.iter().map(|(id, _)| id.clone()).collect();
                for id in &ids {
                    let part = change.split(std::slice::from_ref(id)).0;
                    match self.failed.get_mut(id) {
                        Some(earlier) => earlier.edits.extend(part.edits),
                        None => drop(self.failed.insert(id.clone(), part)),
                    }
                }
                match kind {
                    SaveKind::Edit => self.history.record(change.split(&merged.saved).0),
                    SaveKind::Undo => self.history.undone(&merged.saved),
                    SaveKind::Redo => self.history.redone(&merged.saved),
                }
                let total = change.record_ids().len();
                let saved = save_notice(total + self.held_conflicts, merged.saved.len(), merged.failed.len());
                let pasted = self.last_paste.take().and_then(|(refused, left_out)| paste_notice(refused, left_out));
                let notes: Vec<String> = [saved, conflict_notice(self.held_conflicts), pasted].into_iter().flatten().collect();
                self.notice = (!notes.is_empty()).then(|| notes.join(" "));
            }
            Action::Pending { owner, pending } => {
                self.owner = owner;
                self.pending = Some(pending);
                self.show_pending();
            }
            Action::Retrying(change, now) => {
                if let Some(pending) = &mut self.pending {
                    for edit in &change.edits {
                        if let Some(kept) = pending.edits.iter_mut().find(|e| same_record(&e.id, &edit.record_id) && e.field.eq_ignore_ascii_case(&edit.field))
                        {
                            kept.next_try = now + IN_FLIGHT_MS;
                        }
                    }
                }
            }
            Action::PasteRefused(refused, left_out) => {
                self.last_paste = Some((refused.len(), left_out));
                let rows = Rc::make_mut(&mut self.rows);
                for cell in &refused {
                    if let Some(row) = rows.iter_mut().find(|r| same_record(&r.id, &cell.record_id)) {
                        row.flag(cell.column, &format!("Pasted \u{201c}{}\u{201d} not used: {}", cell.text, cell.message));
                        row.status = bulk::flagged_status(row).unwrap_or(RowStatus::Idle);
                    }
                }
                self.notice = paste_notice(refused.len(), left_out);
                self.refused.retain(|old| !refused.iter().any(|new| new.record_id == old.record_id && new.column == old.column));
                self.refused.extend(refused);
            }
            Action::Reachable(now) => {
                if let Some(pending) = &mut self.pending {
                    pending.reachable(&self.owner, now);
                }
            }
            Action::TakeTheirs(id) => {
                if let Some(pending) = &mut self.pending
                    && let Some(mine) = self.conflicts.get(&id)
                {
                    for edit in &mine.edits {
                        pending.resolve(&edit.record_id, &edit.field, Resolution::TakeTheirs, 0);
                    }
                }
                if let Some(mine) = self.conflicts.remove(&id) {
                    let theirs =
                        Change { object: mine.object.clone(), edits: mine.edits.iter().map(|e| CellEdit { after: e.before.clone(), ..e.clone() }).collect() };
                    let rows = Rc::make_mut(&mut self.rows);
                    bulk::restore(&theirs, rows, &self.columns, &self.ctx, &self.picked);
                    self.notice = None;
                }
            }
            Action::Notice(notice) => self.notice = notice,
            Action::Picked(pick) => self.picked.learn(&pick),
            Action::Discard(id) => self.discard(&id),
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
        self.refused.clear();
        self.load = Load::Loading;
        self.total = None;
        self.notice = None;
    }

    /// Forgets the rep's unsaved change on row `id`: the part that failed
    /// or waits for a choice, and what is kept in storage for it (after a
    /// reload, only the kept edits know it). Its cells show their earlier
    /// values again; nothing is sent.
    fn discard(&mut self, id: &str) {
        let object = self.workspace().map(|w| w.object.clone()).unwrap_or_default();
        let mut edits: Vec<CellEdit> = [self.failed.remove(id), self.conflicts.remove(id)].into_iter().flatten().flat_map(|c| c.edits).collect();
        if let Some(pending) = &mut self.pending {
            for kept in pending.edits.iter().filter(|e| same_record(&e.id, id)) {
                if !edits.iter().any(|e| e.field.eq_ignore_ascii_case(&kept.field)) {
                    let before = kept.before.clone().unwrap_or(serde_json::Value::Null);
                    edits.push(CellEdit { record_id: kept.id.clone(), field: kept.field.clone(), before, after: kept.value.clone() });
                }
            }
            for edit in &edits {
                pending.discard(&edit.record_id, &edit.field);
            }
        }
        self.refused.retain(|r| !same_record(&r.record_id, id));
        let rows = Rc::make_mut(&mut self.rows);
        // Back to what the org holds as far as the row knows (a change's
        // `before` may be an earlier value the org refused too).
        let org = |edit: &CellEdit| rows.iter().find(|r| same_record(&r.id, id)).map_or_else(|| edit.before.clone(), |r| r.org_value(&edit.field));
        let back = Change { object, edits: edits.iter().map(|e| CellEdit { after: org(e), ..e.clone() }).collect() };
        bulk::restore(&back, rows, &self.columns, &self.ctx, &self.picked);
        if let Some(row) = rows.iter_mut().find(|r| same_record(&r.id, id)) {
            row.flagged.clear();
            row.status = RowStatus::Idle;
        }
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

    /// Keeps the edits of `change` that the org could not take (offline, busy)
    /// in [`Page::pending`], to be sent again after a pause.
    fn keep_unsent(&mut self, change: &Change, error: &ApiError, now: i64) {
        let (owner, columns) = (self.owner.clone(), self.columns.clone());
        let Some(pending) = &mut self.pending else { return };
        for edit in &change.edits {
            let attempts = pending.get(&edit.record_id, &edit.field).map_or(0, |e| e.attempts);
            let delay = match error {
                ApiError::SessionExpired => Some(LOGIN_WAIT_MS),
                _ => RETRY.next_delay_ms(error, attempts, 0.5),
            };
            let Some(delay) = delay else {
                pending.settle(&edit.record_id, &edit.field, &edit.after, Outcome::Refused(error.user_message()), now);
                continue;
            };
            if pending.get(&edit.record_id, &edit.field).is_none_or(|kept| kept.value != edit.after) {
                let label = columns.iter().find(|c| c.path.eq_ignore_ascii_case(&edit.field)).map_or_else(|| edit.field.clone(), |c| c.spec.label.clone());
                pending.keep(PendingEdit {
                    owner: owner.clone(),
                    before: Some(edit.before.clone()),
                    label,
                    origin: Some(Origin::Workspace),
                    ..PendingEdit::new(&change.object, &edit.record_id, &edit.field, edit.after.clone())
                });
            }
            let retry_in_ms = i64::try_from(delay).unwrap_or(i64::MAX);
            pending.settle(&edit.record_id, &edit.field, &edit.after, Outcome::Unreachable { reason: error.user_message(), retry_in_ms }, now);
        }
    }

    /// The kept edits of rows on screen: the rep's values in their cells,
    /// with what waits for what (a conflict gets its Keep mine / Take theirs).
    fn show_pending(&mut self) {
        let Some(pending) = &self.pending else { return };
        let owner = self.owner.clone();
        let rows = Rc::make_mut(&mut self.rows);
        for edit in pending.of(&owner) {
            let Some(column) = self.columns.iter().position(|c| c.path.eq_ignore_ascii_case(&edit.field)) else { continue };
            let Some(row) = rows.iter_mut().find(|r| same_record(&r.id, &edit.id)) else { continue };
            row.set_value(column, crate::fields::from_json(&self.columns[column].spec, &edit.value), &self.columns, &self.ctx, &self.picked);
            row.mark_changed(&edit.field, true);
            row.status = match (&edit.error, &edit.conflict) {
                (_, Some(theirs)) => {
                    let mine = CellEdit { record_id: edit.id.clone(), field: edit.field.clone(), before: theirs.value.clone(), after: edit.value.clone() };
                    let held = [(mine.clone(), Verdict::Conflict { theirs: theirs.value.clone(), when: None, who: None })];
                    bulk::hold(&held, std::slice::from_mut(row), &self.columns, &self.ctx);
                    self.conflicts.insert(row.id.clone(), Change { object: edit.object.clone(), edits: vec![mine] });
                    continue;
                }
                (Some(refused), None) => {
                    row.flag(column, refused);
                    RowStatus::Failed(refused.clone())
                }
                (None, None) => RowStatus::Failed(KEPT.into()),
            };
        }
    }

    /// `owner`'s kept edits due at `now`, as one change per object: what the
    /// retry loop sends (through the same conflict check as any edit).
    pub fn due_changes(&self, now: i64) -> Vec<Change> {
        let Some(pending) = &self.pending else { return Vec::new() };
        let mut changes: Vec<Change> = Vec::new();
        for edit in pending.due(&self.owner, now) {
            let cell = CellEdit {
                record_id: edit.id.clone(),
                field: edit.field.clone(),
                before: edit.before.clone().unwrap_or(edit.value.clone()),
                after: edit.value.clone(),
            };
            match changes.iter_mut().find(|c| c.object == edit.object) {
                Some(change) => change.edits.push(cell),
                None => changes.push(Change { object: edit.object.clone(), edits: vec![cell] }),
            }
        }
        changes
    }

    /// The line saying what waits, when anything does.
    pub fn pending_summary(&self) -> Option<String> {
        self.pending.as_ref().and_then(|p| p.summary(&self.owner))
    }

    /// The failures as a CSV file a spreadsheet opens: one line per field
    /// that was not saved (id, field, value, error): edits the org refused
    /// or could not take, and pasted texts that could not be used. `None`
    /// when nothing failed.
    pub fn failures_csv(&self) -> Option<String> {
        let mut lines: Vec<[String; 4]> = Vec::new();
        for (id, change) in &self.failed {
            let message = match self.rows.iter().find(|r| r.id == *id).map(|r| &r.status) {
                Some(RowStatus::Failed(m)) => m.clone(),
                _ => String::new(),
            };
            for edit in &change.edits {
                let value = match &edit.after {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                };
                lines.push([edit.record_id.clone(), edit.field.clone(), value, message.clone()]);
            }
        }
        lines.sort();
        for cell in &self.refused {
            lines.push([cell.record_id.clone(), cell.field.clone(), cell.text.clone(), cell.message.clone()]);
        }
        if lines.is_empty() {
            return None;
        }
        let mut csv = String::from("Id,Field,Value,Error\r\n");
        for line in lines {
            csv.push_str(&line.iter().map(|cell| csv_cell(cell)).collect::<Vec<_>>().join(","));
            csv.push_str("\r\n");
        }
        Some(csv)
    }

    /// Every failed row's change, as one change to retry together.
    pub fn retry_all(&self) -> Option<Change> {
        let mut changes = self.failed.values();
        let mut all = changes.next()?.clone();
        for change in changes.filter(|c| c.object == all.object) {
            all.edits.extend(change.edits.iter().cloned());
        }
        Some(all)
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

/// "1 pasted cell couldn't be used; …": what a paste left out.
fn paste_notice(refused: usize, left_out: usize) -> Option<String> {
    let refused = match refused {
        0 => None,
        1 => Some("1 pasted cell couldn't be used; it's marked in the grid, and in Download failures.".to_owned()),
        n => Some(format!("{n} pasted cells couldn't be used; they're marked in the grid, and in Download failures.")),
    };
    let outside = match left_out {
        0 => None,
        1 => Some("1 pasted cell fell outside the grid and was left out.".to_owned()),
        n => Some(format!("{n} pasted cells fell outside the grid and were left out.")),
    };
    let notes: Vec<String> = [refused, outside].into_iter().flatten().collect();
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
/// break; a leading `=`, `+`, `-` or `@` is prefixed with `'` so that a
/// spreadsheet shows the text instead of running it as a formula.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// A row whose edit the org could not take yet.
pub use crate::edits::pending::KEPT;

/// Retrying kept edits: soon at first, then every minute at most (a rep
/// waits for their edit; one small query per try); offline never gives up
/// (`Backoff::next_delay_ms`).
const RETRY: Backoff = Backoff { base_ms: 2_000, cap_ms: 60_000, max_attempts: 12 };

/// After an expired session, a kept edit is tried again this often (a login
/// in the panel makes it go through).
const LOGIN_WAIT_MS: u64 = 30_000;

/// A kept edit being sent is not due again before its answer (or this long).
const IN_FLIGHT_MS: i64 = 60_000;

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
