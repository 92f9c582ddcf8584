//! The insights section on Home as two reducers, one per component of the
//! panel (`src/side_panel/insights.rs` wraps each in `use_reducer`, renders
//! it, and performs the I/O its actions ask for):
//! - [`Insights`]: whether and what the section reads (the privacy
//!   settings, the active tab's page, the answer of the latest look, the
//!   user's time zone for "today");
//! - [`FoundScreen`]: what the user does with a page's matches and
//!   candidates (wrong match, account details, a task, a logged call,
//!   adding a Lead or an Account after the duplicate check).

use std::rc::Rc;

use salesforce_rest::soql::Date;
use salesforce_rest::wire::{Record, SObjectDescribe};

use super::actions::new_task;
use super::{AccountRef, Candidate, Correction, Corrections, Entity, Extraction, Match, PageUpdate};
use crate::load::Load;
use crate::records::search::Hit;
use crate::settings::PrivacySettings;

/// What the page held and the search found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub extraction: Rc<Extraction>,
    /// As the search ranked them, before the user's corrections.
    pub matches: Rc<Vec<Match>>,
    /// What the page shows differently for the exact Contact and Lead matches.
    pub updates: Rc<Vec<PageUpdate>>,
}

/// What the section shows.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    /// Settings not read yet.
    Loading,
    /// The feature is off: offer to turn it on.
    Off,
    /// Not on this page (a blocked or sensitive site, incognito, not a web page).
    Quiet(&'static str),
    /// The page: being read and matched, matched, or why it could not be.
    Page(Load<Found>),
}

/// "Open a web page…": no tab, or a tab that is not an http(s) page.
pub const NOT_A_PAGE: &str = "Open a web page to see what your CRM knows about it.";
/// The user's privacy settings leave this site (or incognito) out.
pub const OFF_HERE: &str = "Contextual insights are off on this site.";

/// The host of an http(s) address, lowercase, without user or port;
/// `None` for any other scheme (`chrome://`, `file://`).
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    Some(host.split(':').next().unwrap_or(host).to_ascii_lowercase())
}

/// The active tab as far as the decision needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TabPage<'a> {
    pub url: Option<&'a str>,
    pub incognito: bool,
}

/// What to show without reading the page, or `None`: read it.
pub fn decide(settings: Option<&PrivacySettings>, tab: Option<TabPage<'_>>) -> Option<View> {
    let settings = match settings {
        None => return Some(View::Loading),
        Some(s) if !s.contextual_insights => return Some(View::Off),
        Some(s) => s,
    };
    let Some(tab) = tab else { return Some(View::Quiet(NOT_A_PAGE)) };
    match tab.url.and_then(host_of) {
        None => Some(View::Quiet(NOT_A_PAGE)),
        Some(host) if !settings.contextual_allowed(&host, tab.incognito) => Some(View::Quiet(OFF_HERE)),
        Some(_) => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Insights {
    /// `None` until read from storage.
    pub settings: Option<PrivacySettings>,
    pub view: View,
    /// The user's time zone, for "today" in quick actions.
    pub zone: String,
    /// Bumped to read the page again (after adding a record).
    pub again: u32,
    /// The next look reads the same page again: what it shows stays up
    /// (refreshing), with what the rep is doing there (a toast's Undo).
    pub rereading: bool,
    /// The latest look's number: answers of older looks are dropped.
    pub ticket: u64,
}

impl Default for Insights {
    fn default() -> Self {
        Self { settings: None, view: View::Loading, zone: "UTC".to_owned(), again: 0, ticket: 0, rereading: false }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The privacy settings, read or changed.
    Settings(PrivacySettings),
    /// The user's time zone.
    Zone(String),
    /// The tab, the settings or `again` changed: look number `ticket`, with
    /// what [`decide`] answered (`None`: the page is being read).
    Look { ticket: u64, decided: Option<View> },
    /// The answer of look number `ticket`.
    Read { ticket: u64, outcome: Result<Found, String> },
    /// A record was added from the page: read it again.
    Again,
}

impl Insights {
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Settings(settings) => self.settings = Some(settings),
            Action::Zone(zone) => self.zone = zone,
            Action::Look { ticket, decided } => {
                self.ticket = ticket;
                let shown = match (&self.view, self.rereading) {
                    (View::Page(Load::Loaded(found) | Load::Refreshing(found)), true) => Some(found.clone()),
                    _ => None,
                };
                self.rereading = false;
                self.view = decided.unwrap_or(View::Page(shown.map_or(Load::Loading, Load::Refreshing)));
            }
            // The tab moved on meanwhile: this answer is for a page not shown.
            Action::Read { ticket, .. } if ticket != self.ticket => {}
            Action::Read { outcome, .. } => self.view = View::Page(outcome.into()),
            Action::Again => {
                self.again += 1;
                self.rereading = true;
            }
        }
    }
}

/// A duplicate found before adding: (object, id, name) of the existing record.
pub type Existing = (String, String, String);

/// A line the section says after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    /// It failed or was refused (shown as an error).
    pub failed: bool,
}

impl Note {
    pub fn done(text: impl Into<String>) -> Self {
        Self { text: text.into(), failed: false }
    }
    pub fn failed(text: impl Into<String>) -> Self {
        Self { text: text.into(), failed: true }
    }
}

/// How "Log a call" went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallOutcome {
    Logged,
    /// The org has no Task status that closes a task.
    NoClosedStatus,
    /// In words for a rep.
    Failed(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FoundScreen {
    pub corrections: Corrections,
    /// Bumped by each correction: the panel stores `corrections`.
    pub corrected: u64,
    /// The match whose "Wrong match?" is open.
    pub choosing: Option<Entity>,
    /// "Wrong match?": what the rep typed to search the org for the right
    /// record, and what the search found.
    pub choose_text: String,
    /// The text of the latest search sent (its answer is the one shown).
    pub choose_searched: String,
    pub choose_hits: Load<Vec<Hit>>,
    /// The first matched account's open opportunities and contacts (by its id).
    pub details: Option<(String, Load<Record>)>,
    /// The record (object, id) the task form is open for.
    pub task_for: Option<(String, String)>,
    pub task_subject: String,
    /// As typed in the date input (`YYYY-MM-DD`, or empty).
    pub task_due: String,
    pub notice: Option<Note>,
    /// The name of the candidate being added.
    pub adding: Option<String>,
    /// The candidate the org seems to have already, and the record it has.
    pub duplicate: Option<(Candidate, Existing)>,
    /// "Add as Lead/Account": the form the rep checks before anything is created.
    pub form: Option<AddForm>,
    /// The record just added, while its toast (with Undo) shows.
    pub created: Option<Created>,
    /// Undo was pressed: the delete is on its way (pressed once).
    pub undoing: bool,
    /// "Update from this page": the changes the rep unticked, as (record id, field).
    pub skipped: Vec<(String, String)>,
    /// The record whose update is being saved.
    pub updating: Option<String>,
}

/// The fields the add form shows, per object, in this order (those the
/// org's describe has and lets the user set); the draft's other values
/// (Lead Source, a LinkedIn URL) go along unchanged.
const FORM_FIELDS: [(&str, &[&str]); 3] = [
    ("Lead", &["FirstName", "LastName", "Title", "Company", "Email", "Phone", "Website"]),
    ("Contact", &["FirstName", "LastName", "Title", "Email", "Phone"]),
    ("Account", &["Name", "Website", "Phone"]),
];

/// One field of the add form: its value as the rep sees and edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddField {
    pub name: String,
    pub label: String,
    pub value: String,
    pub required: bool,
}

/// A candidate about to be added: the record to create, prefilled from
/// the page ([`lead_draft`](super::lead_draft) or the company), editable.
#[derive(Debug, Clone, PartialEq)]
pub struct AddForm {
    pub candidate: Candidate,
    pub object: String,
    pub fields: Vec<AddField>,
    /// The Account the record goes under (its name), when the draft sets it.
    pub of: Option<String>,
    draft: Record,
}

impl AddForm {
    /// The form for `draft` (a record of `describe`'s object).
    pub fn new(candidate: Candidate, draft: Record, describe: &SObjectDescribe) -> Self {
        let object = describe.name().to_owned();
        let names = FORM_FIELDS.iter().find(|(o, _)| *o == object).map_or(&[][..], |(_, f)| *f);
        let fields = names
            .iter()
            .filter_map(|name| describe.field(name).filter(|f| f.createable))
            .map(|f| AddField {
                name: f.name.clone(),
                label: f.label.clone(),
                value: draft.get_str(&f.name).unwrap_or_default().to_owned(),
                // Required: not nillable and no default (a Lead's Last Name and Company).
                required: !f.nillable && !f.defaulted_on_create,
            })
            .collect();
        Self { candidate, object, fields, of: None, draft }
    }

    /// The form of a record created under `account`: named as its Account
    /// only where the draft sets that Account (describe may not let it).
    pub fn under(mut self, account: Option<&AccountRef>) -> Self {
        self.of = account.filter(|a| self.draft.get_str("AccountId") == Some(a.id.as_str())).map(|a| a.name.clone());
        self
    }

    /// The record to create, or what must be filled in first.
    pub fn record(&self) -> Result<Record, String> {
        let missing: Vec<&str> = self.fields.iter().filter(|f| f.required && f.value.trim().is_empty()).map(|f| f.label.as_str()).collect();
        if !missing.is_empty() {
            return Err(format!("Fill in {} first.", missing.join(" and ")));
        }
        let mut record = self.draft.clone();
        for field in &self.fields {
            let value = field.value.trim();
            record = record.with(field.name.clone(), if value.is_empty() { serde_json::Value::Null } else { value.into() });
        }
        Ok(record)
    }

    /// The name the form gives the record, for what is said about it.
    pub fn name(&self) -> String {
        let value = |n: &str| self.fields.iter().find(|f| f.name == n).map_or("", |f| f.value.trim());
        let parts: Vec<&str> = ["FirstName", "LastName", "Name"].into_iter().map(value).filter(|v| !v.is_empty()).collect();
        if parts.is_empty() { "The record".to_owned() } else { parts.join(" ") }
    }
}

/// A record the add form created: what Undo deletes and the toast names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub object: String,
    pub id: String,
    pub name: String,
    /// The Account a Contact was added to (its name).
    pub of: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FoundAction {
    /// The corrections kept in storage.
    StoredCorrections(Corrections),
    /// "Wrong match?" on a match.
    Choose(Entity),
    /// Typed in "Wrong match?"'s search.
    ChooseText(String),
    /// The search for this text is on its way.
    ChooseSearching(String),
    /// What the search for `text` in `entity`'s "Wrong match?" found, or
    /// why it could not search.
    ChooseHits {
        entity: Entity,
        text: String,
        answer: Result<Vec<Hit>, String>,
    },
    /// The right record for an entity of `extraction` (or none).
    Correct {
        extraction: Rc<Extraction>,
        entity: Entity,
        correction: Correction,
    },
    /// The account's details, or why they could not be read.
    Details {
        account: String,
        answer: Result<Record, String>,
    },
    /// "New task" on a match.
    TaskFor {
        object: String,
        id: String,
    },
    TaskSubject(String),
    TaskDue(String),
    /// The task was created, or why not.
    TaskSaved(Result<(), String>),
    CallLogged(CallOutcome),
    /// A line to say (a task refused before saving).
    Say(Note),
    /// "Add as Lead/Account" on a candidate: its form, prefilled.
    Compose(AddForm),
    /// The rep changed field `n` of the form.
    FormField(usize, String),
    /// Cancel on the form.
    FormCancelled,
    /// Save on the form (by the candidate's name): the duplicate check starts.
    Adding(String),
    /// The org seems to have it already.
    Duplicate(Candidate, Existing),
    /// Created: the toast offers Undo; the page is read again.
    Added(Created),
    /// Undo on the toast: the delete is sent.
    Undoing,
    /// Deleted (its name), or why not.
    Undone(Result<String, String>),
    /// The toast closed (or timed out).
    ToastClosed,
    AddFailed {
        name: String,
        why: String,
    },
    /// "Update from this page": a change ticked or unticked.
    ToggleChange {
        id: String,
        field: String,
    },
    /// The update of record `id` is being saved.
    Updating(String),
    /// The update of record `id` saved (what is said about it), or why not.
    Updated {
        id: String,
        outcome: Result<String, String>,
    },
}

impl FoundScreen {
    pub fn apply(&mut self, action: FoundAction) {
        match action {
            FoundAction::StoredCorrections(c) => self.corrections = c,
            FoundAction::Choose(entity) => {
                self.choosing = Some(entity);
                self.choose_text.clear();
                self.choose_searched.clear();
                self.choose_hits = Load::Idle;
            }
            FoundAction::ChooseText(text) => self.choose_text = text,
            FoundAction::ChooseSearching(text) => {
                self.choose_hits = Load::Loading;
                self.choose_searched = text;
            }
            // An answer for a "Wrong match?" since closed, moved on, or
            // searched again for something else is dropped.
            FoundAction::ChooseHits { entity, text, .. } if self.choosing != Some(entity) || self.choose_searched != text => {}
            FoundAction::ChooseHits { answer, .. } => self.choose_hits = answer.into(),
            FoundAction::Correct { extraction, entity, correction } => {
                self.corrections.set(&extraction, entity, correction);
                self.corrected += 1;
                self.choosing = None;
            }
            FoundAction::Details { account, answer } => self.details = Some((account, answer.into())),
            FoundAction::TaskFor { object, id } => self.task_for = Some((object, id)),
            FoundAction::TaskSubject(s) => self.task_subject = s,
            FoundAction::TaskDue(d) => self.task_due = d,
            FoundAction::TaskSaved(Ok(())) => {
                self.notice = Some(Note::done("Task created."));
                self.task_for = None;
                self.task_subject.clear();
                self.task_due.clear();
            }
            FoundAction::TaskSaved(Err(why)) => self.notice = Some(Note::failed(format!("The task wasn't created: {why}"))),
            FoundAction::CallLogged(outcome) => {
                self.notice = Some(match outcome {
                    CallOutcome::Logged => Note::done("Call logged."),
                    CallOutcome::NoClosedStatus => Note::failed("Your org has no status that closes a task, so a call can't be logged."),
                    CallOutcome::Failed(why) => Note::failed(format!("The call wasn't logged: {why}")),
                });
            }
            FoundAction::Say(note) => self.notice = Some(note),
            FoundAction::Adding(name) => {
                self.adding = Some(name);
                self.duplicate = None;
            }
            FoundAction::Duplicate(candidate, existing) => {
                self.duplicate = Some((candidate, existing));
                self.adding = None;
            }
            FoundAction::Compose(form) => {
                self.form = Some(form);
                self.duplicate = None;
                self.created = None;
            }
            FoundAction::FormField(n, value) => {
                if let Some(field) = self.form.as_mut().and_then(|f| f.fields.get_mut(n)) {
                    field.value = value;
                }
            }
            FoundAction::FormCancelled => {
                self.form = None;
                self.duplicate = None;
            }
            FoundAction::Added(created) => {
                self.adding = None;
                self.form = None;
                self.duplicate = None;
                self.created = Some(created);
            }
            FoundAction::Undoing => self.undoing = true,
            FoundAction::Undone(Ok(name)) => {
                self.created = None;
                self.undoing = false;
                self.notice = Some(Note::done(format!("{name} was removed from Salesforce.")));
            }
            FoundAction::Undone(Err(why)) => {
                self.created = None;
                self.undoing = false;
                self.notice = Some(Note::failed(format!("It couldn't be removed: {why}")));
            }
            FoundAction::ToastClosed => self.created = None,
            FoundAction::AddFailed { name, why } => {
                self.notice = Some(Note::failed(format!("{name} wasn't added: {why}")));
                self.adding = None;
            }
            FoundAction::ToggleChange { id, field } => {
                let key = (id, field);
                match self.skipped.iter().position(|k| *k == key) {
                    Some(at) => {
                        self.skipped.remove(at);
                    }
                    None => self.skipped.push(key),
                }
            }
            FoundAction::Updating(id) => self.updating = Some(id),
            FoundAction::Updated { id, outcome } => {
                // Saved: the page is read again and the record now agrees;
                // what was unticked for other records stays unticked.
                if outcome.is_ok() {
                    self.skipped.retain(|(of, _)| *of != id);
                }
                if self.updating.as_ref() == Some(&id) {
                    self.updating = None;
                }
                self.notice = Some(match outcome {
                    Ok(words) => Note::done(words),
                    Err(why) => Note::failed(format!("The update wasn't saved: {why}")),
                });
            }
        }
    }

    /// The task the form would create, or why it would not (no subject);
    /// `None` while the form is closed. An unreadable due date is left out.
    pub fn task_draft(&self) -> Option<Result<Record, String>> {
        let (object, id) = self.task_for.as_ref()?;
        if self.task_subject.trim().is_empty() {
            return Some(Err("Give the task a subject.".to_owned()));
        }
        Some(Ok(new_task(object, id, &self.task_subject, Date::parse(&self.task_due).ok())))
    }

    /// The fields of `update` the rep left ticked.
    pub fn skipped_in(&self, update: &PageUpdate) -> Vec<String> {
        self.skipped.iter().filter(|(id, _)| *id == update.id).map(|(_, f)| f.clone()).collect()
    }

    /// The account details to show under the match of account `id`.
    pub fn details_of(&self, id: &str) -> Option<&Load<Record>> {
        self.details.as_ref().filter(|(for_id, _)| for_id == id).map(|(_, load)| load)
    }
}

#[cfg(test)]
mod tests;
