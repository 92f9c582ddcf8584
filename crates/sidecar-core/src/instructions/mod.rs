//! The instruction box: what a rep types about a record ("stage
//! negotiation, close date next friday, amount 50k", "log a call: pricing,
//! follow up in 2 weeks") read into a [`Plan`] of changes and new records,
//! shown to the rep before anything is saved.
//!
//! There is no language model here, on purpose: [`understand`] is a
//! deterministic parser driven by the record's describe ([`Vocabulary`]),
//! so it is exact, instant, private (nothing leaves the browser to read
//! it) and says plainly what it did not understand ([`Problem`]), with a
//! suggestion when a field's name is close to one the object has.
//! - [`split`]: the instruction into clauses (commas, semicolons, "and");
//! - [`naming`]: a clause's field, by label, API name or synonym, loosely
//!   (case, plurals, small typos);
//! - [`when`]: dates and times as reps say them ("next friday", "in 2
//!   weeks", "end of quarter" by the org's fiscal year, "tomorrow at 9");
//! - [`values`]: a value by the field's type in the user's locale ("50k",
//!   "60%", picklist values matched loosely);
//! - [`commands`]: what is not a field change: a logged call, a follow-up
//!   or a reminder task, a new contact;
//! - [`preview`]: what the rep sees before saving (field: now → then,
//!   editable; records to create; lookups to pick);
//! - [`save`]: the plan, once lookups are resolved, as ONE composite
//!   request (and its undo);
//! - [`screen`]: the box as a reducer (preview, save, undo, ↑ recall);
//! - [`complete`]: Tab completion of field names and picklist values.

pub mod commands;
pub mod complete;
pub mod naming;
pub mod preview;
pub mod save;
pub mod screen;
pub mod split;
pub mod values;
pub mod when;

#[cfg(test)]
mod table_tests;
#[cfg(test)]
mod tests;

use salesforce_rest::soql::{Date, DateTime};
use salesforce_rest::wire::{DescribeGlobal, SObjectDescribe};

use crate::fields::{EditContext, FieldSpec, FieldValue, to_json};
use crate::records::spec::{field_spec, is_displayable};

/// The longest instruction read (characters): a rep's sentence, not a page.
pub const MAX_CHARS: usize = 1_000;

/// One field the box may name.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub spec: FieldSpec,
    /// Describe's `updateable` (for this user): only those may be set.
    pub updateable: bool,
}

/// What an instruction may speak of: the record's object and its fields
/// (from describe), and whether tasks and contacts may be created from it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Vocabulary {
    /// API name of the object (`Opportunity`).
    pub object: String,
    pub fields: Vec<Field>,
    /// Tasks may be created about it (one record, Task createable);
    /// otherwise `no_tasks` says why.
    pub tasks: bool,
    pub no_tasks: String,
    /// Contacts may be added to it (an Account, Contact createable);
    /// otherwise `no_contacts` says why.
    pub contacts: bool,
    pub no_contacts: String,
}

impl Vocabulary {
    /// The displayable fields of `describe`; `tasks` and `contacts` say
    /// what the org lets this user create (describeGlobal's `createable`).
    pub fn of(describe: &SObjectDescribe, global: Option<&DescribeGlobal>) -> Self {
        let createable = |object: &str| global.and_then(|g| g.object(object)).is_some_and(|o| o.createable);
        let fields = describe
            .fields
            .iter()
            .filter(|f| is_displayable(f) && f.name != "Id")
            .filter_map(|f| Some(Field { spec: field_spec(f, global)?, updateable: f.updateable }))
            .collect();
        let object = describe.name().to_owned();
        let account = object == "Account";
        // Without describeGlobal nothing says what may be created.
        let refused = |what: &str| match global {
            Some(_) => format!("Salesforce doesn't let you create {what} here."),
            None => format!("Sidecar couldn't check whether you may create {what} here. Try again."),
        };
        Self {
            contacts: account && createable("Contact"),
            no_contacts: if account { refused("contacts") } else { "Contacts are added to an account: open the account to add one.".into() },
            tasks: createable("Task"),
            no_tasks: refused("tasks"),
            object,
            fields,
        }
    }

    /// What the Workspace's rows may speak of: their fields, no new records.
    pub fn rows(object: &str, fields: Vec<Field>) -> Self {
        Self {
            object: object.to_owned(),
            fields,
            tasks: false,
            no_tasks: "Tasks and calls are logged on one record: open it in the side panel.".into(),
            contacts: false,
            no_contacts: "Contacts are added from one account: open it in the side panel.".into(),
        }
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.spec.name.eq_ignore_ascii_case(name))
    }
}

/// What the box needs besides the words: the user's formats and zone,
/// today in that zone, and the org's fiscal year.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub ctx: EditContext,
    pub today: Date,
    /// Now (milliseconds since the epoch): a reminder is not set in the past.
    pub now_millis: i64,
    /// `Organization.FiscalYearStartMonth` (1 = January, Salesforce's
    /// default): "end of quarter" is the fiscal quarter's end.
    pub fiscal_start_month: u8,
}

/// One thing the instruction asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A field set to a value (`Null` clears it).
    Set { field: String, label: String, value: FieldValue },
    /// A lookup set to the record named `name`, found before anything is
    /// saved (`objects`: what the lookup may point at; `me` for the user).
    Find { field: String, label: String, name: String, objects: Vec<String> },
    /// A call logged now: a completed task, with what was said.
    LogCall { notes: String },
    /// A task to do: a follow-up, a reminder, a to-do.
    NewTask { subject: String, due: Option<Date>, reminder: Option<DateTime> },
    /// A contact of the account, checked for a duplicate before it is added.
    AddContact { first_name: String, last_name: String },
}

impl Step {
    /// One line for tests and logs (no record data besides the values).
    pub fn summary(&self) -> String {
        match self {
            Self::Set { field, value, .. } => match to_json(value) {
                serde_json::Value::String(s) => format!("{field} = {s}"),
                other => format!("{field} = {other}"),
            },
            Self::Find { field, name, objects, .. } => format!("{field} = find {} '{name}'", objects.join("/")),
            Self::LogCall { notes } => format!("call: {notes}"),
            Self::NewTask { subject, due, reminder } => {
                let mut line = format!("task '{subject}'");
                if let Some(due) = due {
                    line.push_str(&format!(" due {due}"));
                }
                if let Some(at) = reminder {
                    line.push_str(&format!(" remind {}", at.to_utc_string()));
                }
                line
            }
            Self::AddContact { first_name, last_name } => format!("contact {first_name} / {last_name}"),
        }
    }

    /// The field it sets, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Set { field, .. } | Self::Find { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// A part of the instruction that was not understood, in the rep's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The clause as typed.
    pub clause: String,
    pub message: String,
}

/// What the box understood: the steps in the order typed, and what it did not.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub problems: Vec<Problem>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty() && self.problems.is_empty()
    }

    /// Whether it can be applied as understood: something to do, nothing unclear.
    pub fn ready(&self) -> bool {
        !self.steps.is_empty() && self.problems.is_empty()
    }

    /// One line per step, then one per problem (`? …`): the table tests' form.
    pub fn lines(&self) -> Vec<String> {
        let steps = self.steps.iter().map(Step::summary);
        steps.chain(self.problems.iter().map(|p| format!("? {}", p.message))).collect()
    }
}

/// Reads `text` about a record of `vocabulary`'s object.
pub fn understand(text: &str, vocabulary: &Vocabulary, setting: &Setting) -> Plan {
    let mut plan = Plan::default();
    let clean: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return plan;
    }
    if clean.chars().count() > MAX_CHARS {
        plan.problems.push(Problem {
            clause: String::new(),
            message: format!("That is too long for an instruction (more than {MAX_CHARS} characters). Say one or two changes at a time."),
        });
        return plan;
    }
    let starts = |clause: &str| commands::starts_command(clause) || values::starts_change(clause, vocabulary);
    for clause in split::clauses(clean, &starts) {
        match read_clause(&clause, vocabulary, setting) {
            Ok(step) => {
                if let Some(field) = step.field()
                    && let Some(earlier) = plan.steps.iter().find(|s| s.field().is_some_and(|f| f.eq_ignore_ascii_case(field)))
                {
                    let label = label_of(earlier);
                    plan.problems.push(Problem { clause: clause.clone(), message: format!("{label} is set twice. Keep one of the two values.") });
                    continue;
                }
                plan.steps.push(step);
            }
            Err(message) => {
                // Words after a call's notes or a text value continue it
                // ("log a call: pricing, timing, competition"), unless they
                // name a field or a command (that one's problem is said).
                if let Some(last) = plan.steps.last_mut()
                    && plan.problems.is_empty()
                    && values::may_continue(&clause)
                    && !starts(&clause)
                    && continue_text(last, &clause, vocabulary)
                {
                    continue;
                }
                plan.problems.push(Problem { clause, message });
            }
        }
    }
    plan
}

fn label_of(step: &Step) -> &str {
    match step {
        Step::Set { label, .. } | Step::Find { label, .. } => label,
        _ => "",
    }
}

/// Appends `clause` to the free text of `step` (a call's notes, a task's
/// subject, a text field's value) when it can hold it.
fn continue_text(step: &mut Step, clause: &str, vocabulary: &Vocabulary) -> bool {
    match step {
        Step::LogCall { notes } => {
            notes.push_str(if notes.is_empty() { "" } else { ", " });
            notes.push_str(clause);
            true
        }
        Step::Set { field, value: FieldValue::Text(text), .. } => {
            let Some(spec) = vocabulary.field(field).map(|f| &f.spec) else { return false };
            let free = matches!(spec.ty, crate::fields::FieldType::String | crate::fields::FieldType::Textarea);
            let joined = format!("{text}, {clause}");
            let fits = spec.length == 0 || joined.chars().count() <= spec.length as usize;
            if free && fits {
                *text = joined;
            }
            free && fits
        }
        _ => false,
    }
}

/// One clause: a command (a call, a task, a contact) or a field change. A
/// field named exactly by at least the command's words wins ("follow up
/// date next friday" on an org with a Follow Up Date field).
fn read_clause(clause: &str, vocabulary: &Vocabulary, setting: &Setting) -> Result<Step, String> {
    let field_words = values::exact_field_words(clause, vocabulary);
    match commands::command_words(clause) {
        Some(n) if field_words.is_none_or(|f| f < n) => {
            commands::read(clause, vocabulary, setting).unwrap_or_else(|| values::read_change(clause, vocabulary, setting))
        }
        _ => values::read_change(clause, vocabulary, setting),
    }
}
