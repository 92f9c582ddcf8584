//! The records part of the panel (search, a record open, the create form)
//! as one reducer: the yew screen wraps [`Screen`] in `use_reducer`, renders
//! it, and performs the requests its actions report on (describe, the
//! record's read, the SOSL search, the save of pending edits).
//!
//! Pending edits live in the screen's saver (they must survive a closed
//! panel, so they are stored); the reducer only holds the copy the view shows.

use std::rc::Rc;

use salesforce_rest::wire::{DescribeGlobal, Record, SObjectDescribe};

use super::lookup::Match;
use super::search::Hit;
use super::spec::NameFields;
use crate::edits::pending::PendingEdits;
use crate::fields::EditContext;
use crate::load::{Load, Status};

/// A record open in the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub object: String,
    pub describe: Rc<SObjectDescribe>,
    pub record: Rc<Record>,
    pub key_fields: Rc<Vec<String>>,
    /// The Key Fields the user added (the layout's others are the org's):
    /// those the user may remove.
    pub added: Rc<Vec<String>>,
    /// The name fields of the Key Fields' lookup targets, when the record was read.
    pub names: Rc<NameFields>,
    /// Where it opens in Salesforce itself (`view::record_url`; none on devorg).
    pub salesforce_url: Option<String>,
}

impl Opened {
    /// The record as a lookup would name it (its describe's name field), for
    /// a record created from it.
    pub fn as_match(&self) -> Option<Match> {
        let id = self.record.id()?.to_owned();
        let name = self.describe.name_field().and_then(|f| self.record.get_str(&f.name)).unwrap_or(&id).to_owned();
        Some(Match { id, name, object: self.describe.name().to_owned() })
    }
}

/// The create form of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Creating {
    pub describe: Rc<SObjectDescribe>,
    /// The compact layout's fields (see `create::create_fields`).
    pub layout: Rc<Vec<String>>,
    /// Lookups the form starts with (`create::prefilled`), with their names.
    pub prefilled: Rc<Vec<(String, Match)>>,
    /// The org's messages for fields, from the last attempt.
    pub field_errors: Rc<Vec<(String, String)>>,
    /// The save: `Working` while it is sent, `Failed` with the org's message
    /// that names no field (a refusal naming only fields stays `Idle`: the
    /// messages are on the fields).
    pub save: Status,
}

impl Creating {
    /// A fresh form: nothing sent, no message.
    pub fn new(describe: Rc<SObjectDescribe>, layout: Vec<String>) -> Self {
        Self { describe, layout: Rc::new(layout), prefilled: Rc::default(), field_errors: Rc::default(), save: Status::Idle }
    }

    /// The form's lookups start as `create::prefilled` says for a record
    /// created from `from` by `user`.
    pub fn from_context(mut self, from: Option<&Match>, user: Option<&Match>) -> Self {
        let layout: Vec<&str> = self.layout.iter().map(String::as_str).collect();
        let fields = super::create::create_fields(&self.describe, &layout);
        self.prefilled = Rc::new(super::create::prefilled(&self.describe, &fields, from, user));
        self
    }
}

/// What the main area shows under the search.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Main {
    #[default]
    Nothing,
    Record(Load<Opened>),
    Create(Load<Creating>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Screen {
    pub search: Load<Vec<Hit>>,
    /// The number of the search the box shows (its answer is the one kept).
    pub search_sent: u64,
    pub main: Main,
    /// The unsaved edits, as the saver last published them.
    pub pending: Rc<PendingEdits>,
    /// A save is waiting for the network.
    pub offline: bool,
    /// The org's object list (for lookup checks), once read.
    pub global: Option<Rc<DescribeGlobal>>,
    pub ctx: Rc<EditContext>,
}

#[derive(Debug, Clone)]
pub enum Action {
    /// Search number `n` was sent (numbers grow with each Enter).
    SearchStarted(u64),
    /// Search `sent`'s hits, or why there are none (the text refused before
    /// any request, or the org's answer in the rep's words). An earlier
    /// search's answer arriving late is dropped: the first search also
    /// reads describes, so a later one can answer before it.
    Searched {
        sent: u64,
        answer: Result<Vec<Hit>, String>,
    },
    /// A record is being read (a hit, My Feed, a created record).
    OpenStarted,
    Opened(Result<Opened, String>),
    /// The create form of an object is being described.
    CreateStarted,
    CreateReady(Result<Creating, String>),
    /// The form is being sent.
    CreateSending,
    /// The org refused it: its messages by field, and the one naming none.
    CreateRefused {
        field_errors: Vec<(String, String)>,
        error: Option<String>,
    },
    /// Cancel on the form, or the record's close button: the main area empties.
    CreateCancelled,
    Pending(PendingEdits),
    Offline(bool),
    Global(Rc<DescribeGlobal>),
    Context(EditContext),
    /// The open record re-read after a save or a new Key Field, with the
    /// lookup names known then (ignored if another record is open).
    Reloaded(Rc<Record>, Rc<NameFields>),
    /// The open record's Key Fields, after the user added one.
    /// The Key Fields shown, and those of them the user added.
    KeyFields {
        shown: Rc<Vec<String>>,
        added: Rc<Vec<String>>,
    },
}

impl Screen {
    /// Applies `action`; the yew screen calls this from `Reducible::reduce`.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SearchStarted(n) => (self.search, self.search_sent) = (Load::Loading, n),
            Action::Searched { sent, answer } if sent == self.search_sent => self.search = Load::from(answer),
            Action::Searched { .. } => {}
            Action::OpenStarted => self.main = Main::Record(Load::Loading),
            Action::Opened(result) => self.main = Main::Record(Load::from(result)),
            Action::CreateStarted => self.main = Main::Create(Load::Loading),
            Action::CreateReady(result) => self.main = Main::Create(Load::from(result)),
            Action::CreateCancelled => self.main = Main::Nothing,
            Action::CreateSending => {
                if let Main::Create(Load::Loaded(form)) = &mut self.main {
                    form.save = Status::Working;
                }
            }
            Action::CreateRefused { field_errors, error } => {
                if let Main::Create(Load::Loaded(form)) = &mut self.main {
                    form.field_errors = Rc::new(field_errors);
                    form.save = error.map_or(Status::Idle, Status::Failed);
                }
            }
            Action::Pending(pending) => self.pending = Rc::new(pending),
            Action::Offline(offline) => self.offline = offline,
            Action::Global(global) => self.global = Some(global),
            Action::Context(ctx) => self.ctx = Rc::new(ctx),
            Action::Reloaded(record, names) => {
                if let Main::Record(Load::Loaded(open)) = &mut self.main
                    && open.record.id() == record.id()
                {
                    open.record = record;
                    open.names = names;
                }
            }
            Action::KeyFields { shown, added } => {
                if let Main::Record(Load::Loaded(open)) = &mut self.main {
                    open.key_fields = shown;
                    open.added = added;
                }
            }
        }
    }
}
