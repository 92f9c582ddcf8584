//! What the box shows before anything is saved: each field as it is now
//! and as the instruction leaves it (editable: a new value is read by the
//! field's editor rules; a row can be dropped), the lookups' records
//! found by name (several: the rep picks), the tasks and contacts to
//! create, and what was not understood. [`Preview::resolved`] is what
//! one request saves.

use salesforce_rest::soql::Date;
use salesforce_rest::wire::Record;
use serde_json::Value as Json;

use super::save::{self, About, Resolved, TaskFields};
use super::{Plan, Problem, Step, Vocabulary};
use crate::edits::conflict::same_value;
use crate::edits::{CellEdit, Change};
use crate::fields::{self, EditContext, FieldSpec, FieldValue, format_date, from_json, to_json};
use crate::records::lookup::Match;

/// A field's new value: typed, or a record to find by name.
#[derive(Debug, Clone, PartialEq)]
pub enum After {
    /// `text` as the rep sees (and may edit) it; `value` what it reads as,
    /// or why it can't be saved.
    Value { text: String, value: Result<FieldValue, String> },
    /// Records named `name`; `chosen` when one is (the only one, or the
    /// rep's pick).
    Pick { name: String, choices: Vec<Match>, chosen: Option<usize> },
}

/// One field change.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub spec: FieldSpec,
    /// What the org holds now (as read for the preview), and as shown.
    pub before: Json,
    pub before_text: String,
    /// Several records whose values differ (the Workspace's rows): never
    /// "already" what the instruction says.
    pub mixed: bool,
    pub after: After,
}

impl Row {
    /// The value to send, when it is one.
    pub fn after_json(&self) -> Option<Json> {
        match &self.after {
            After::Value { value: Ok(v), .. } => Some(to_json(v)),
            After::Pick { choices, chosen: Some(i), .. } => choices.get(*i).map(|m| Json::String(m.id.clone())),
            _ => None,
        }
    }

    /// What it will hold, as shown.
    pub fn after_text(&self) -> String {
        match &self.after {
            After::Value { text, .. } => text.clone(),
            After::Pick { choices, chosen: Some(i), name } => choices.get(*i).map_or(name.clone(), |m| m.name.clone()),
            After::Pick { name, .. } => name.clone(),
        }
    }

    /// Why it can't be saved yet, in words.
    pub fn problem(&self) -> Option<String> {
        match &self.after {
            After::Value { value: Err(why), .. } => Some(why.clone()),
            After::Pick { name, choices, .. } if choices.is_empty() => Some(format!("No {} named \"{name}\" was found.", self.spec.label)),
            After::Pick { chosen: None, .. } => Some("Several records have this name: pick one.".into()),
            _ => None,
        }
    }

    /// Already what the record holds: nothing to save.
    pub fn unchanged(&self) -> bool {
        let empty = |v: &Json| v.is_null() || v.as_str() == Some("");
        !self.mixed && self.after_json().is_some_and(|a| same_value(&a, &self.before) || (empty(&a) && empty(&self.before)))
    }
}

/// A record to create.
#[derive(Debug, Clone, PartialEq)]
pub struct New {
    pub step: Step,
    /// "Log a call: pricing", "New task: Follow up, due Wed 12/16/2026".
    pub words: String,
}

/// The preview of one instruction about one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub object: String,
    pub record_id: String,
    /// The record's `LastModifiedDate` as read: the save is conditional on it.
    pub stamp: Option<String>,
    pub rows: Vec<Row>,
    pub news: Vec<New>,
    pub problems: Vec<Problem>,
    /// What was left out, said but not in the way ("Priya Raman is already
    /// a contact of this account.").
    pub notes: Vec<String>,
}

/// What the preview is built from besides the plan: the record as read
/// now, the lookups' records found by name (field → matches), the names
/// shown for its lookups now (field → name), and what a new task may
/// carry (the Task describe), which decides what can be promised.
#[allow(missing_debug_implementations)]
pub struct Read<'r> {
    pub record: &'r Record,
    pub found: &'r [(String, Vec<Match>)],
    pub names: &'r [(String, String)],
    pub task: Option<&'r dyn TaskFields>,
}

/// Records one composite request may create besides the record's update
/// (Salesforce's limit is 25 subrequests).
pub const MAX_NEW: usize = 24;

impl Preview {
    pub fn build(plan: &Plan, vocabulary: &Vocabulary, read: &Read<'_>, ctx: &EditContext) -> Self {
        let record = read.record;
        let mut rows = Vec::new();
        let mut news = Vec::new();
        for step in &plan.steps {
            let field = step.field().and_then(|f| vocabulary.field(f));
            match (step, field) {
                (Step::Set { .. } | Step::Find { .. }, Some(field)) => {
                    let spec = field.spec.clone();
                    let before = record.get(&spec.name).cloned().unwrap_or(Json::Null);
                    let before_text = shown(&spec, &before, read.names, ctx);
                    if let Some(after) = after_of(step, &spec, read.found, ctx) {
                        rows.push(Row { before_text, before, mixed: false, after, spec });
                    }
                }
                (Step::Set { .. } | Step::Find { .. }, None) => {}
                (other, _) => news.push(New { words: words(other, ctx), step: other.clone() }),
            }
        }
        let mut problems = plan.problems.clone();
        problems.extend(promises(&news, &vocabulary.object, read.task));
        if news.len() > MAX_NEW {
            problems.push(Problem { clause: String::new(), message: format!("That is more than {MAX_NEW} new records at once. Say fewer.") });
        }
        Self {
            object: vocabulary.object.clone(),
            record_id: record.id().unwrap_or_default().to_owned(),
            stamp: record.get_str("LastModifiedDate").map(str::to_owned),
            rows,
            news,
            problems,
            notes: Vec::new(),
        }
    }

    /// The rep typed `text` as row `i`'s new value.
    pub fn edit(&mut self, i: usize, text: &str, ctx: &EditContext) {
        if let Some(row) = self.rows.get_mut(i)
            && let After::Value { .. } = row.after
        {
            let value = fields::parse(&row.spec, text, ctx).map_err(|e| e.to_string());
            row.after = After::Value { text: text.to_owned(), value };
        }
    }

    /// The rep picked record `choice` for row `i`.
    pub fn choose(&mut self, i: usize, choice: usize) {
        if let Some(After::Pick { choices, chosen, .. }) = self.rows.get_mut(i).map(|r| &mut r.after)
            && choice < choices.len()
        {
            *chosen = Some(choice);
        }
    }

    pub fn drop_row(&mut self, i: usize) {
        if i < self.rows.len() {
            self.rows.remove(i);
        }
    }

    pub fn drop_new(&mut self, i: usize) {
        if i < self.news.len() {
            self.news.remove(i);
        }
    }

    /// A new contact that is already one: said, and not created.
    pub fn already(&mut self, i: usize, name: &str) {
        if i < self.news.len() {
            self.news.remove(i);
            self.notes.push(format!("{name} is already a contact of this account: not added again."));
        }
    }

    /// Something to save, and nothing unclear or invalid.
    pub fn ready(&self) -> bool {
        let changes = self.rows.iter().any(|r| !r.unchanged());
        self.problems.is_empty() && self.rows.iter().all(|r| r.problem().is_none()) && (changes || !self.news.is_empty())
    }

    /// What one request saves: the changed fields (from what was read)
    /// and the new records about this one.
    pub fn resolved(&self, today: Date, closed_status: &str, task: &dyn TaskFields) -> Resolved {
        let edits = self
            .rows
            .iter()
            .filter(|r| !r.unchanged())
            .filter_map(|r| Some(CellEdit { record_id: self.record_id.clone(), field: r.spec.name.clone(), before: r.before.clone(), after: r.after_json()? }))
            .collect();
        let about = About { object: self.object.clone(), id: self.record_id.clone() };
        let creates = self.news.iter().filter_map(|n| save::new_record(&n.step, &about, today, closed_status, task)).collect();
        Resolved { change: Change { object: self.object.clone(), edits }, creates }
    }

    /// Whether a call is logged (the org's closed task status is needed).
    pub fn logs_a_call(&self) -> bool {
        self.news.iter().any(|n| matches!(n.step, Step::LogCall { .. }))
    }
}

/// The new value a step gives a field: typed, or records found by name
/// (`found`: field → matches; the only one, or the only one named exactly
/// so, is chosen).
pub fn after_of(step: &Step, spec: &FieldSpec, found: &[(String, Vec<Match>)], ctx: &EditContext) -> Option<After> {
    match step {
        Step::Set { value, .. } => Some(After::Value { text: fields::edit_text(spec, value, ctx), value: Ok(value.clone()) }),
        Step::Find { name, field, .. } => {
            let choices = found.iter().find(|(n, _)| n.eq_ignore_ascii_case(field)).map(|(_, m)| m.clone()).unwrap_or_default();
            let exact: Vec<usize> = (0..choices.len()).filter(|&i| choices[i].name.eq_ignore_ascii_case(name.trim())).collect();
            let chosen = if choices.len() == 1 {
                Some(0)
            } else if let [one] = exact.as_slice() {
                Some(*one)
            } else {
                None
            };
            Some(After::Pick { name: name.clone(), choices, chosen })
        }
        _ => None,
    }
}

/// What the new records would promise that the org's Task describe does
/// not allow: a task about this object, a reminder, notes.
fn promises(news: &[New], object: &str, task: Option<&dyn TaskFields>) -> Vec<Problem> {
    let Some(task) = task else { return Vec::new() };
    let mut out = Vec::new();
    let mut say = |message: String| {
        if !out.iter().any(|p: &Problem| p.message == message) {
            out.push(Problem { clause: String::new(), message });
        }
    };
    for new in news {
        let about = if matches!(object, "Contact" | "Lead") { "WhoId" } else { "WhatId" };
        let is_task = matches!(new.step, Step::LogCall { .. } | Step::NewTask { .. });
        if is_task && !task.about(about, object) {
            say(format!("Tasks can't be linked to {object} records in this org."));
        }
        match &new.step {
            Step::NewTask { reminder: Some(_), .. } if !(task.has("IsReminderSet") && task.has("ReminderDateTime")) => {
                say("This org's tasks take no reminder. Say it without a time.".into());
            }
            Step::LogCall { notes } if !notes.is_empty() && !task.has("Description") => {
                say("This org's tasks take no comments. Log the call without them.".into())
            }
            _ => {}
        }
    }
    out
}

/// A value as the record view shows it (a lookup by its record's name).
fn shown(spec: &FieldSpec, value: &Json, names: &[(String, String)], ctx: &EditContext) -> String {
    if let Some((_, name)) = names.iter().find(|(f, _)| f.eq_ignore_ascii_case(&spec.name)) {
        return name.clone();
    }
    match from_json(spec, value) {
        FieldValue::Null => "(empty)".to_owned(),
        v => fields::format(spec, &v, ctx),
    }
}

/// A new record in words.
fn words(step: &Step, ctx: &EditContext) -> String {
    match step {
        Step::LogCall { notes } if notes.is_empty() => "Log a call (completed today)".into(),
        Step::LogCall { notes } => format!("Log a call (completed today): {notes}"),
        Step::NewTask { subject, due, reminder } => {
            let mut line = format!("New task: {subject}");
            if let Some(due) = due {
                line.push_str(&format!(", due {}", format_date(*due, ctx.locale)));
            }
            if let Some(at) = reminder {
                let spec = FieldSpec::new("ReminderDateTime", "Reminder", crate::fields::FieldType::Datetime);
                line.push_str(&format!(", reminder {}", fields::format(&spec, &FieldValue::DateTime(*at), ctx)));
            }
            line
        }
        Step::AddContact { first_name, last_name } => format!("New contact: {}", [first_name.as_str(), last_name].join(" ").trim()),
        Step::Set { .. } | Step::Find { .. } => String::new(),
    }
}
