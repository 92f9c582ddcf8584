//! The instruction box on a record (an open record, or the exact match of
//! the page in insights): what the rep types about it
//! (`sidecar_core::instructions`), previewed, then saved in one request.
//!
//! - Enter previews: the record is read again (what each field holds now,
//!   and its `LastModifiedDate`, which the save is conditional on), the
//!   lookups' records are found by name, a new contact is checked against
//!   the account's contacts. The text is read in the browser; what reaches
//!   the org is the names looked up and the values saved.
//! - Enter again (or Save) sends ONE `POST /composite`, all or none.
//! - Ctrl+Z (⌘Z) in the box a save or undo left empty, or Undo, takes the last one back: the
//!   fields that still hold its values, and the records it created.
//! - `/` (outside a text field) or Ctrl+/ focuses the box; ↑ and ↓ recall
//!   earlier instructions; Tab completes a field's name or a picklist value.
//!
//! Nothing is read before the box is used: the describe, the user's formats
//! and the fiscal year are asked for on its first focus (all cached).

use std::cell::RefCell;
use std::rc::Rc;

use salesforce_rest::SfId;
use salesforce_rest::wire::{Record, SObjectDescribe};
use sidecar_core::api_error::ApiError;
use sidecar_core::edits::conflict;
use sidecar_core::fields::EditContext;
use sidecar_core::insights::actions::contact_in_account_query;
use sidecar_core::instructions::preview::{Preview, Read};
use sidecar_core::instructions::save::{self, Applied, Outcome, Resolved};
use sidecar_core::instructions::screen::{Action, BoxState, HISTORY};
use sidecar_core::instructions::{Problem, Setting, Step, Vocabulary, understand};
use sidecar_core::load::Load;
use sidecar_core::records::spec::{NameFields, reference_name_path};
use sidecar_core::todo::complete::{Statuses, statuses_query};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::read::{learn_names, read_record};
use crate::api::{Crm, formats};
use crate::widgets::{BoxKeys, BoxReducer, box_key, find_named, preview_area, use_focus_shortcut};

thread_local! {
    /// Instructions given in this panel, for ↑ (memory only: never stored).
    static GIVEN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct InstructionBoxProps {
    pub object: AttrValue,
    pub record_id: AttrValue,
    /// Something was saved (or undone): the record's view reads it again.
    #[prop_or_default]
    pub on_saved: Callback<()>,
}

/// What the box reads once, on its first focus (all cached by `Crm`).
#[derive(Clone)]
struct Known {
    describe: Rc<SObjectDescribe>,
    vocabulary: Rc<Vocabulary>,
    ctx: EditContext,
    fiscal_start_month: u8,
}

impl Known {
    /// The setting now: today and the time move while the panel stays open.
    fn setting(&self) -> Setting {
        let now = js_sys::Date::now() as i64;
        let today = sidecar_core::todo::view::today(&self.ctx.time_zone, now);
        Setting { ctx: self.ctx.clone(), today, now_millis: now, fiscal_start_month: self.fiscal_start_month }
    }
}

async fn know(crm: &Crm, object: &str) -> Result<Known, String> {
    let describe = crm.describe(object).await.map_err(|e| e.user_message())?;
    let global = crm.describe_global().await.ok();
    let ctx = formats::edit_context(crm).await.map_err(|e| e.user_message())?;
    let fiscal_start_month = crm.fiscal_start_month().await;
    let vocabulary = Vocabulary::of(&describe, global.as_deref());
    Ok(Known { describe, vocabulary: Rc::new(vocabulary), ctx, fiscal_start_month })
}

/// What the box knows, read now if it was not yet (and its formats given to the reducer).
async fn known_now(crm: &Crm, known: &Rc<RefCell<Option<Known>>>, object: &str, state: &UseReducerHandle<BoxReducer>) -> Result<Known, String> {
    let kept = known.borrow().clone();
    if let Some(k) = kept {
        return Ok(k);
    }
    let k = know(crm, object).await?;
    state.dispatch(Action::Context(k.ctx.clone()));
    *known.borrow_mut() = Some(k.clone());
    Ok(k)
}

#[component]
pub fn InstructionBox(props: &InstructionBoxProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let state = use_reducer(|| BoxReducer(BoxState::with_history(GIVEN.with(|g| g.borrow().clone()))));
    let known = use_mut_ref(|| None::<Known>);
    let input = use_node_ref();
    use_focus_shortcut(input.clone());
    let s = &state.0;

    // First focus: what the box needs to read an instruction.
    let onfocus = {
        let (crm, known, state, object) = (crm.clone(), known.clone(), state.clone(), props.object.to_string());
        Callback::from(move |_: FocusEvent| {
            if known.borrow().is_some() {
                return;
            }
            let (crm, known, state, object) = (crm.clone(), known.clone(), state.clone(), object.clone());
            spawn_local(async move {
                // A failure is said when the rep presses Enter.
                known_now(&crm, &known, &object, &state).await.ok();
            });
        })
    };
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(Action::Text(e.target_unchecked_into::<HtmlInputElement>().value())))
    };
    let preview = {
        let (crm, known, state, object, id) = (crm.clone(), known.clone(), state.clone(), props.object.to_string(), props.record_id.to_string());
        Callback::from(move |()| {
            let (crm, known, state, object, id) = (crm.clone(), known.clone(), state.clone(), object.clone(), id.clone());
            let text = state.0.text.clone();
            if text.trim().is_empty() {
                return;
            }
            if state.0.saving {
                return;
            }
            state.dispatch(Action::PreviewStarted(text.clone()));
            let asked = state.0.asked;
            spawn_local(async move {
                let result = match known_now(&crm, &known, &object, &state).await {
                    Ok(k) => preview_of(&crm, &k, &id, &text).await,
                    Err(e) => Err(e),
                };
                state.dispatch(Action::Previewed(asked, result));
            });
        })
    };
    let save = {
        let (crm, known, state, on_saved) = (crm.clone(), known.clone(), state.clone(), props.on_saved.clone());
        Callback::from(move |()| {
            let Load::Loaded(preview) = &state.0.preview else { return };
            let Some(k) = known.borrow().clone() else { return };
            if state.0.saving {
                return;
            }
            let (crm, state, on_saved, preview, text) = (crm.clone(), state.clone(), on_saved.clone(), preview.clone(), state.0.previewed.clone());
            state.dispatch(Action::Saving(text.clone()));
            spawn_local(async move {
                match save_preview(&crm, &k, &preview).await {
                    Ok((applied, words)) => {
                        GIVEN.with(|g| {
                            let mut given = g.borrow_mut();
                            given.retain(|t| *t != text);
                            given.push(text.clone());
                            let over = given.len().saturating_sub(HISTORY);
                            given.drain(..over);
                        });
                        state.dispatch(Action::Saved(applied, words));
                        on_saved.emit(());
                    }
                    Err((message, stale)) => state.dispatch(Action::SaveFailed { message, stale }),
                }
            });
        })
    };
    let undo = {
        let (crm, state, on_saved, known) = (crm.clone(), state.clone(), props.on_saved.clone(), known.clone());
        Callback::from(move |()| {
            let Some(applied) = state.0.done.last().cloned() else { return };
            if state.0.saving {
                return;
            }
            // The record's LastModifiedDate is asked for only if its describe has it.
            let audit = known.borrow().as_ref().is_some_and(|k| k.describe.field("LastModifiedDate").is_some());
            let (crm, state, on_saved) = (crm.clone(), state.clone(), on_saved.clone());
            state.dispatch(Action::Undoing);
            spawn_local(async move {
                let result = undo_applied(&crm, &applied, audit).await;
                if result.is_ok() {
                    on_saved.emit(());
                }
                state.dispatch(Action::Undone(result));
            });
        })
    };
    let onkeydown = {
        let (state, known) = (state.clone(), known.clone());
        let keys = BoxKeys { preview: preview.clone(), save: save.clone(), undo: undo.clone() };
        Callback::from(move |e: KeyboardEvent| {
            let vocabulary = known.borrow().as_ref().map(|k| k.vocabulary.clone());
            box_key(&e, &state, vocabulary.as_deref(), &keys);
        })
    };

    let busy = s.saving || matches!(s.preview, Load::Loading);
    html! {
        <section class="instructions" aria-label="Instructions for this record" data-testid="instructions">
            <input ref={input} class="field-input instruction-input" type="text" data-testid="instruction-input" autocomplete="off" spellcheck="false"
                aria-label="Tell Sidecar what to change on this record" placeholder="Tell Sidecar what to change… ( / )"
                value={s.text.clone()} {oninput} {onkeydown} {onfocus} maxlength={sidecar_core::instructions::MAX_CHARS.to_string()} />
            { preview_area(&state, busy, &save) }
            if let Some(note) = &s.note {
                <p class={classes!("instruction-note", note.failed.then_some("field-message"))} role={if note.failed { "alert" } else { "status" }} data-testid="instruction-note">
                    { note.text.clone() }
                    if !note.failed && !s.done.is_empty() {
                        { " " }
                        <button type="button" class="link" data-testid="instruction-undo" disabled={s.saving}
                            onclick={{ let undo = undo.clone(); Callback::from(move |_: MouseEvent| undo.emit(())) }}>{ "Undo (Ctrl+Z)" }</button>
                    }
                </p>
            }
        </section>
    }
}

/// Reads `text` about the record, and the record as it is now.
async fn preview_of(crm: &Crm, k: &Known, id: &str, text: &str) -> Result<Preview, String> {
    let setting = k.setting();
    let plan = understand(text, &k.vocabulary, &setting);
    let record_id = SfId::parse(id).map_err(|_| "This record's id is not valid.".to_owned())?;
    let fields: Vec<String> = plan.steps.iter().filter_map(Step::field).map(str::to_owned).collect();
    let names = RefCell::new(NameFields::default());
    learn_names(crm, &k.describe, &fields, &names).await;
    let names = names.into_inner();
    let record = read_record(crm, &k.describe, &record_id, &names).await.map_err(|e| e.user_message())?;
    // The lookups' names now, and the records named in the instruction.
    let shown: Vec<(String, String)> = fields
        .iter()
        .filter_map(|f| {
            let field = k.describe.field(f)?;
            let path = reference_name_path(field, &names)?;
            Some((field.name.clone(), record.get_str(&path)?.to_owned()))
        })
        .collect();
    let found = find_named(crm, &k.vocabulary, &plan).await?;
    // What the org's tasks may carry, when the instruction makes one.
    let makes_tasks = plan.steps.iter().any(|s| matches!(s, Step::LogCall { .. } | Step::NewTask { .. }));
    let task = if makes_tasks { Some(crm.describe("Task").await.map_err(|e| e.user_message())?) } else { None };
    let task_fields = task.as_deref().map(|t| t as &dyn sidecar_core::instructions::save::TaskFields);
    let read = Read { record: &record, found: &found, names: &shown, task: task_fields };
    let mut preview = Preview::build(&plan, &k.vocabulary, &read, &setting.ctx);
    // A new contact the account has already: said, not added twice.
    let mut i = 0;
    while i < preview.news.len() {
        if let Step::AddContact { first_name, last_name } = &preview.news[i].step {
            let name = [first_name.as_str(), last_name].join(" ").trim().to_owned();
            match crm.query::<Record>(&contact_in_account_query(&name, &record_id)).await {
                Ok(page) if !page.records.is_empty() => {
                    preview.already(i, &name);
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    let message = format!("Sidecar couldn't check whether {name} is already a contact: {}", e.user_message());
                    preview.problems.push(Problem { clause: name, message });
                }
            }
        }
        i += 1;
    }
    Ok(preview)
}

/// Saves a preview in one request; `Err((message, stale))`.
async fn save_preview(crm: &Crm, k: &Known, preview: &Preview) -> Result<(Applied, String), (String, bool)> {
    let closed = if preview.logs_a_call() {
        let statuses = crm.query::<Record>(&statuses_query()).await.map(|page| Statuses::from_records(&page.records));
        match statuses {
            Ok(Statuses { closed: Some(closed), .. }) => closed,
            Ok(_) => return Err(("This org has no status that closes a task, so the call can't be logged.".into(), false)),
            Err(e) => return Err((format!("{} Nothing was saved.", e.user_message()), false)),
        }
    } else {
        String::new()
    };
    let task =
        if preview.news.is_empty() { None } else { Some(crm.describe("Task").await.map_err(|e| (format!("{} Nothing was saved.", e.user_message()), false))?) };
    let today = k.setting().today;
    let resolved = match &task {
        Some(task) => preview.resolved(today, &closed, &**task),
        None => preview.resolved(today, &closed, &NoTasks),
    };
    if resolved.is_empty() {
        return Err(("Nothing to save: the record holds these values already.".into(), false));
    }
    let request = save::request(&resolved, &Crm::data_path(), preview.stamp.as_deref());
    let answer = crm.composite(&request).await.map_err(|e| match e {
        // Sent, and no answer (or a gateway's): it may have been saved.
        ApiError::Offline | ApiError::Server { .. } => {
            ("Salesforce didn't answer clearly, so Sidecar can't tell whether it was saved. Open the record to check before trying again.".to_owned(), true)
        }
        e => (format!("{} Nothing was saved.", e.user_message()), false),
    })?;
    match save::outcome(&resolved, &answer) {
        Outcome::Saved { change, created } => {
            let words = saved_words(&resolved);
            Ok((Applied { change, created }, words))
        }
        Outcome::Modified => {
            Err(("Someone changed this record in Salesforce since the preview, so nothing was saved. Press Enter to see it as it is now.".into(), true))
        }
        Outcome::Refused(why) => Err((format!("Salesforce refused it, so nothing was saved: {why}"), false)),
    }
}

/// "Saved 3 changes and 2 tasks."
fn saved_words(resolved: &Resolved) -> String {
    let changes = resolved.change.edits.len();
    let tasks = resolved.creates.iter().filter(|r| r.object_type() == Some("Task")).count();
    let contacts = resolved.creates.len() - tasks;
    let mut parts = Vec::new();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if changes > 0 {
        parts.push(plural(changes, "change", "changes"));
    }
    if tasks > 0 {
        parts.push(plural(tasks, "task", "tasks"));
    }
    if contacts > 0 {
        parts.push(plural(contacts, "contact", "contacts"));
    }
    format!("Saved {}.", parts.join(" and "))
}

/// Takes `applied` back: the fields that still hold its values (the
/// others were changed since and are left), conditional on the record not
/// changing after that check, and the records it created that nobody
/// changed since, deleted; in one request after the checks.
async fn undo_applied(crm: &Crm, applied: &Applied, audit: bool) -> Result<String, String> {
    let inverse = applied.change.inverse();
    let (clear, held, stamp) = if inverse.is_empty() {
        (inverse, 0, None)
    } else {
        let query = conflict::fresh_query(&inverse, audit).map_err(|e| e.to_string())?;
        let fresh = crm.query_all_pages::<Record>(&query, inverse.edits.len()).await.map_err(|e| e.user_message())?;
        let stamp = fresh.first().and_then(|r| r.get_str("LastModifiedDate")).map(str::to_owned);
        let checked = conflict::check(&inverse, &fresh);
        (checked.clear, checked.held.len(), stamp)
    };
    // The created records nobody changed since, object by object.
    let mut delete = Vec::new();
    let mut objects: Vec<&str> = applied.created.iter().map(|(o, _)| o.as_str()).collect();
    objects.sort_unstable();
    objects.dedup();
    for object in objects {
        let mine: Vec<(String, String)> = applied.created.iter().filter(|(o, _)| o == object).cloned().collect();
        let ids: Vec<&str> = mine.iter().map(|(_, id)| id.as_str()).collect();
        let read = crm.query_all_pages::<Record>(&save::created_query(object, &ids), ids.len()).await.map_err(|e| e.user_message())?;
        delete.extend(save::untouched(&mine, &read));
    }
    let kept = applied.created.len().saturating_sub(delete.len());
    let request = save::undo_request(&clear, stamp.as_deref(), &delete, &Crm::data_path());
    if request.composite_request.is_empty() {
        return Ok("Nothing was undone: what it changed was changed again since in Salesforce.".into());
    }
    let answer = crm.composite(&request).await.map_err(|e| match e {
        ApiError::Offline | ApiError::Server { .. } => {
            "Salesforce didn't answer clearly, so Sidecar can't tell whether it was undone. Open the record to check.".to_owned()
        }
        e => format!("{} Nothing was undone.", e.user_message()),
    })?;
    match save::outcome(&Resolved { change: clear, creates: Vec::new() }, &answer) {
        Outcome::Saved { .. } => Ok(undone_words(held, kept)),
        Outcome::Modified => Err("This record changed in Salesforce meanwhile, so nothing was undone.".into()),
        Outcome::Refused(why) => Err(format!("Salesforce refused the undo, so nothing was undone: {why}")),
    }
}

/// "Undone.", or what was left: fields someone changed since, records
/// someone changed (or deleted) since.
fn undone_words(fields: usize, records: usize) -> String {
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (fields, records) {
        (0, 0) => "Undone.".into(),
        (f, 0) => format!("Undone, except {} someone changed since, left as they are.", count(f, "field", "fields")),
        (0, r) => format!("Undone, except {} someone changed or deleted since, left as they are.", count(r, "new record", "new records")),
        (f, r) => {
            format!("Undone, except {} and {} someone changed since, left as they are.", count(f, "field", "fields"), count(r, "new record", "new records"))
        }
    }
}

/// No new records: nothing to ask of the Task describe.
struct NoTasks;

impl sidecar_core::instructions::save::TaskFields for NoTasks {
    fn has(&self, _: &str) -> bool {
        false
    }

    fn about(&self, _: &str, _: &str) -> bool {
        false
    }
}
