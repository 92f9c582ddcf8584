//! The Manage Workspace dialog's state and what each user change or
//! answer does to it, as one reducer (the yew dialog wraps it in
//! `use_reducer`, renders it, and performs the requests its actions report
//! on: describeGlobal, the object's describe and its parents', the live
//! `COUNT()`).
//!
//! Answers never undo what the user did meanwhile: a describe is applied
//! only while the draft is still on its object, and a count only for the
//! draft it was asked for ([`Manage::revision`]).

use std::rc::Rc;

use salesforce_rest::wire::SObjectDescribe;

use super::ColumnSpec;
use super::columns::{FieldChoice, field_choices, starting_point};
use super::model::{Filter, Op, Scope, Sort, Workspace, Workspaces};
use super::query::{parse_filter_value, unusable_filter, unusable_sort};
use crate::fields::EditContext;

/// The object a new workspace starts on.
pub const NEW_OBJECT: &str = "Opportunity";

/// Whether the dialog creates a workspace or edits one (by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    New,
    Edit(String),
}

/// What the live count shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Count {
    Counting,
    Matching(u64),
    /// In words for the rep.
    Problem(String),
}

impl Count {
    /// "1 matching record", "12 matching records"; `None` unless counted.
    pub fn matching_text(&self) -> Option<String> {
        match self {
            Count::Matching(n) => Some(format!("{n} matching record{}", if *n == 1 { "" } else { "s" })),
            Count::Counting | Count::Problem(_) => None,
        }
    }
}

/// A change the user made to the draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Name(String),
    /// Another object: the draft starts over on it (name and id kept).
    Object(String),
    Scope(Scope),
    /// A field path; one already listed (any case) is not added twice.
    AddColumn(String),
    MoveColumnUp(usize),
    MoveColumnDown(usize),
    RemoveColumn(usize),
    SortField(String),
    SortDescending(bool),
    /// An empty filter row.
    AddFilter,
    /// A filter's field: its operator and value start over.
    FilterField(usize, String),
    FilterOp(usize, Op),
    FilterValue(usize, String),
    RemoveFilter(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The objects a workspace may list (`columns::workspace_objects`), or
    /// why describeGlobal failed.
    Objects(Result<Vec<(String, String)>, String>),
    /// The describe of `object`: its fields become the choices, and an
    /// untouched draft gets the object's starting column and sort.
    Described {
        object: String,
        describe: Rc<SObjectDescribe>,
    },
    /// A parent's describe, reached through `relationship` (`Account`) of
    /// `object`; its fields are offered as "`label` Field".
    ParentDescribed {
        object: String,
        relationship: String,
        label: String,
        describe: Rc<SObjectDescribe>,
    },
    Edit(Edit),
    /// The draft's columns, filter and sort fields, described for the
    /// count of draft `revision`.
    Known {
        revision: u64,
        known: Vec<ColumnSpec>,
    },
    /// The count of draft `revision`, or why there is none.
    Counted {
        revision: u64,
        count: Result<u64, String>,
    },
    /// Delete pressed (true), or "Keep it" (false).
    ConfirmDelete(bool),
    /// Save or delete refused, in the rep's words.
    Refused(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Manage {
    pub mode: Mode,
    /// The workspace as the dialog shows it.
    pub draft: Workspace,
    /// (API name, label) of the objects offered.
    pub objects: Vec<(String, String)>,
    /// Field choices of the draft's object, own then parents', with what
    /// describe lets a workspace filter and sort on.
    pub choices: Vec<FieldChoice>,
    /// The draft's columns, filter and sort fields, described.
    pub known: Vec<ColumnSpec>,
    pub count: Count,
    /// Bumped by every change of the draft; the count asked for an older
    /// draft is dropped.
    pub revision: u64,
    /// Why a save or delete was refused, or describeGlobal failed.
    pub error: Option<String>,
    /// Delete was pressed: "Yes, delete" or "Keep it" are shown.
    pub confirm_delete: bool,
}

/// A new draft on `object`, before its describe arrives (then
/// `starting_point` replaces the column and sort where the object lacks them).
pub fn blank(object: &str) -> Workspace {
    Workspace {
        id: String::new(),
        name: String::new(),
        object: object.to_owned(),
        columns: vec!["Name".into()],
        scope: Scope::Mine,
        filters: Vec::new(),
        sort: Sort { field: "CreatedDate".into(), descending: true },
    }
}

impl Manage {
    /// The dialog as it opens: the edited workspace (a new one when `list`
    /// no longer has it), or a blank one on [`NEW_OBJECT`].
    pub fn new(mode: Mode, list: &Workspaces) -> Self {
        let existing = match &mode {
            Mode::Edit(id) => list.get(id).cloned(),
            Mode::New => None,
        };
        Self {
            mode,
            draft: existing.unwrap_or_else(|| blank(NEW_OBJECT)),
            objects: Vec::new(),
            choices: Vec::new(),
            known: Vec::new(),
            count: Count::Counting,
            revision: 0,
            error: None,
            confirm_delete: false,
        }
    }

    /// Applies `action`; the yew dialog calls this from `Reducible::reduce`.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Objects(Ok(objects)) => self.objects = objects,
            Action::Objects(Err(why)) => self.error = Some(why),
            Action::Described { object, describe } if object == self.draft.object => {
                // A new draft's guessed start (Name, CreatedDate) becomes
                // what describe allows (Case has CaseNumber, not Name).
                let untouched = blank(&object);
                if self.draft.columns == untouched.columns && self.draft.sort == untouched.sort {
                    let (columns, sort) = starting_point(&describe);
                    self.set_draft(Workspace { columns, sort, ..self.draft.clone() });
                }
                self.choices = field_choices(&describe, "", None);
            }
            Action::ParentDescribed { object, relationship, label, describe } if object == self.draft.object => {
                // Once each: the user may leave the object and come back
                // while the first describes are still arriving.
                for choice in field_choices(&describe, &format!("{relationship}."), Some(&label)) {
                    if !self.choices.iter().any(|c| c.path.eq_ignore_ascii_case(&choice.path)) {
                        self.choices.push(choice);
                    }
                }
            }
            Action::Described { .. } | Action::ParentDescribed { .. } => {}
            Action::Edit(edit) => {
                let mut next = self.draft.clone();
                edited(&mut next, edit);
                if next.object != self.draft.object {
                    self.choices.clear();
                }
                self.set_draft(next);
            }
            Action::Known { revision, known } if revision == self.revision => self.known = known,
            Action::Counted { revision, count } if revision == self.revision => {
                self.count = match count {
                    Ok(n) => Count::Matching(n),
                    Err(why) => Count::Problem(why),
                };
            }
            Action::Known { .. } | Action::Counted { .. } => {}
            Action::ConfirmDelete(confirm) => self.confirm_delete = confirm,
            Action::Refused(why) => self.error = Some(why),
        }
    }

    /// A changed draft is counted again.
    fn set_draft(&mut self, draft: Workspace) {
        if draft != self.draft {
            self.draft = draft;
            self.count = Count::Counting;
            self.revision += 1;
        }
    }

    /// The list with the draft saved into it, and the workspace to open;
    /// or why it cannot be saved. A filter left without a field is
    /// dropped; a value its field cannot take stops the save.
    pub fn saved(&self, list: &Workspaces, ctx: &EditContext) -> Result<(Workspaces, String), String> {
        let mut workspace = self.draft.clone();
        workspace.name = workspace.name.trim().to_owned();
        workspace.filters.retain(|f| !f.field.is_empty());
        for f in &workspace.filters {
            if let Some(column) = super::find(&self.known, &f.field)
                && let Err(why) = parse_filter_value(column, f.op, &f.value, ctx)
            {
                return Err(why.to_string());
            }
        }
        let mut next = list.clone();
        let saved = match &self.mode {
            Mode::New => next.add(workspace),
            Mode::Edit(_) => {
                let id = workspace.id.clone();
                next.update(workspace).map(|()| id)
            }
        };
        saved.map(|id| (next, id)).map_err(|why| why.to_string())
    }

    /// The list without the edited workspace, or why it cannot be deleted
    /// (`None` for a new one: there is nothing to delete).
    pub fn deleted(&self, list: &Workspaces) -> Option<Result<Workspaces, String>> {
        let Mode::Edit(id) = &self.mode else { return None };
        let mut next = list.clone();
        Some(next.delete(id).map(|()| next).map_err(|why| why.to_string()))
    }

    /// How the dialog names a field path: its described label, else its
    /// choice's label, else the path itself.
    pub fn label_of(&self, path: &str) -> String {
        super::find(&self.known, path)
            .map(|c| c.label().to_owned())
            .or_else(|| self.choices.iter().find(|c| c.path.eq_ignore_ascii_case(path)).map(|c| c.label.clone()))
            .unwrap_or_else(|| path.to_owned())
    }

    /// The fields "Add a column" offers: those not shown yet.
    pub fn addable_columns(&self) -> impl Iterator<Item = &FieldChoice> {
        self.choices.iter().filter(|f| !self.draft.columns.iter().any(|c| c.eq_ignore_ascii_case(&f.path)))
    }

    /// The fields the sort offers: the object's own that describe says are
    /// sortable (never a long text area).
    pub fn sort_choices(&self) -> impl Iterator<Item = &FieldChoice> {
        self.choices.iter().filter(|f| !f.path.contains('.') && f.sortable)
    }

    /// The fields a filter offers: those describe says are filterable.
    pub fn filter_choices(&self) -> impl Iterator<Item = &FieldChoice> {
        self.choices.iter().filter(|f| f.filterable)
    }

    /// A stored sort the org no longer allows (said, and left out of the count).
    pub fn sort_note(&self) -> Option<String> {
        (!self.known.is_empty()).then(|| unusable_sort(&self.draft, &self.known)).flatten()
    }

    /// The described field of filter `i`, once known.
    pub fn filter_column(&self, i: usize) -> Option<&ColumnSpec> {
        self.draft.filters.get(i).and_then(|f| super::find(&self.known, &f.field))
    }

    /// What is wrong with filter `i`: a field the org no longer allows it
    /// on (left out of the count), else a value its field cannot take.
    pub fn filter_problem(&self, i: usize, ctx: &EditContext) -> Option<String> {
        let filter = self.draft.filters.get(i)?;
        let unusable = (!filter.field.is_empty() && !self.known.is_empty()).then(|| unusable_filter(filter, &self.known)).flatten();
        let value_problem = self
            .filter_column(i)
            .filter(|_| filter.op.needs_value() && !filter.value.trim().is_empty())
            .and_then(|c| parse_filter_value(c, filter.op, &filter.value, ctx).err());
        unusable.or(value_problem.map(|e| e.to_string()))
    }
}

/// `draft` after `edit`. Indexes out of range (a row removed meanwhile)
/// change nothing.
fn edited(draft: &mut Workspace, edit: Edit) {
    let columns = draft.columns.len();
    match edit {
        Edit::Name(name) => draft.name = name,
        Edit::Object(object) => *draft = Workspace { name: draft.name.clone(), id: draft.id.clone(), ..blank(&object) },
        Edit::Scope(scope) => draft.scope = scope,
        Edit::AddColumn(path) => {
            if !path.is_empty() && !draft.columns.iter().any(|c| c.eq_ignore_ascii_case(&path)) {
                draft.columns.push(path);
            }
        }
        Edit::MoveColumnUp(i) if i < columns => draft.columns.swap(i, i.saturating_sub(1)),
        Edit::MoveColumnDown(i) if i < columns => draft.columns.swap(i, (i + 1).min(columns - 1)),
        Edit::RemoveColumn(i) if i < columns => {
            draft.columns.remove(i);
        }
        Edit::MoveColumnUp(_) | Edit::MoveColumnDown(_) | Edit::RemoveColumn(_) => {}
        Edit::SortField(field) => draft.sort.field = field,
        Edit::SortDescending(descending) => draft.sort.descending = descending,
        Edit::AddFilter => draft.filters.push(Filter::new("", Op::Equals, "")),
        Edit::FilterField(i, field) => {
            if let Some(f) = draft.filters.get_mut(i) {
                *f = Filter { field, op: Op::Equals, value: String::new() };
            }
        }
        Edit::FilterOp(i, op) => {
            if let Some(f) = draft.filters.get_mut(i) {
                f.op = op;
            }
        }
        Edit::FilterValue(i, value) => {
            if let Some(f) = draft.filters.get_mut(i) {
                f.value = value;
            }
        }
        Edit::RemoveFilter(i) => {
            if i < draft.filters.len() {
                draft.filters.remove(i);
            }
        }
    }
}
