//! Contextual insights on Home: what the CRM knows about the companies and
//! people on the page in the active tab, and "Add to Salesforce" for the
//! ones it doesn't. The page is read in the tab by `snapshot.js`
//! (`chrome.scripting`), understood by `sidecar_core::insights` in the
//! panel, and matched with ONE search per page; only the search terms
//! leave the browser, for the user's own org. Results are kept for the
//! session per page address.
//!
//! State and transitions are `sidecar_core::insights::screen`'s two
//! reducers ([`Insights`] for the section, [`FoundView`] for a page's
//! matches); the components render them and dispatch, and named hooks do
//! the I/O (settings, time zone, reading the page, corrections, account
//! details).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use salesforce_rest::SfId;
use salesforce_rest::soql::Date;
use salesforce_rest::wire::{Record, SObjectDescribe};
use sidecar_core::api_error::ApiError;
use sidecar_core::insights::actions::{account_details_query, contact_in_account_query, duplicate_queries, logged_call};
use sidecar_core::insights::corrections::correction_objects;
use sidecar_core::insights::screen::{self, Action, AddForm, CallOutcome, Created, Found, FoundAction, FoundScreen, Note, TabPage, View, decide};
use sidecar_core::insights::search::RETURNING;
use sidecar_core::insights::{
    AccountRef, Candidate, Correction, Corrections, Entity, Match, PageSnapshot, PageUpdate, SearchPlan, Why, contact_draft, extract, insights_search,
    lead_draft, matched_account, only_createable, page_updates, rank, shown, unmatched, updated_words,
};
use sidecar_core::load::Load;
use sidecar_core::messages::Message;
use sidecar_core::settings::keys::INSIGHTS_CORRECTIONS as CORRECTIONS_KEY;
use sidecar_core::settings::{PrivacySettings, keys};
use sidecar_core::todo::complete::{Statuses, statuses_query};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::records::InstructionBox;
use crate::api::Crm;
use crate::platform::tabs::Tab;
use crate::platform::{permissions, runtime, scripting, storage};
use crate::widgets::{Notice, ObjectIcon, Tone};

/// Waits this long after the tab settles before reading it.
const DEBOUNCE_MS: u32 = 300;

/// Pages read this session, by address.
type Cache = Rc<RefCell<HashMap<String, Found>>>;

/// [`screen::Insights`] as a yew reducer.
#[derive(Debug, Clone, PartialEq, Default)]
struct SectionState(screen::Insights);

impl Reducible for SectionState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        if next == self.0 { self } else { Rc::new(SectionState(next)) }
    }
}

/// [`FoundScreen`] as a yew reducer.
#[derive(Debug, Clone, PartialEq, Default)]
struct FoundState(FoundScreen);

impl Reducible for FoundState {
    type Action = FoundAction;

    fn reduce(self: Rc<Self>, action: FoundAction) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        if next == self.0 { self } else { Rc::new(FoundState(next)) }
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct InsightsProps {
    pub tab: Option<Tab>,
    /// Open (object, id) on Home.
    pub on_open: Callback<(String, String)>,
}

fn why_words(why: Why) -> &'static str {
    match why {
        Why::ChosenByYou => "You chose it",
        Why::SameLinkedIn => "Same LinkedIn profile",
        Why::SameEmail => "Same email",
        Why::SameDomain => "Same website domain",
        Why::SameNameAndCompany => "Same name and company",
        Why::NameOnly => "Name only",
    }
}

/// What the search returns per object, from the org's describes of the
/// searched objects (cached by the client; one the user cannot read is
/// not searched), and those describes.
async fn search_plan(crm: &Crm) -> (SearchPlan, Vec<Rc<SObjectDescribe>>) {
    let describes = futures::future::join_all(RETURNING.iter().map(|(object, _)| crm.describe(object))).await;
    let readable: Vec<Rc<SObjectDescribe>> = describes.into_iter().filter_map(Result::ok).collect();
    (SearchPlan::from_describes(&readable.iter().map(|d| &**d).collect::<Vec<_>>()), readable)
}

/// Reads the tab and matches it: one search request, unless cached.
async fn understand(crm: &Crm, tab_id: i32, url: &str, cache: &RefCell<HashMap<String, Found>>) -> Result<Found, String> {
    if let Some(found) = cache.borrow().get(url).cloned() {
        return Ok(found);
    }
    let raw = scripting::run_file(tab_id, "snapshot.js").await.map_err(|e| format!("This page can't be read: {}", e.message))?;
    let snapshot: PageSnapshot = serde_wasm_bindgen::from_value(raw).map_err(|e| format!("This page couldn't be understood: {e}"))?;
    // What the panel lists: the page's people and companies after the cut-off
    // (the search looks for those, not for every name in a sidebar).
    let extraction = shown(extract(&snapshot.bounded()));
    let (plan, describes) = search_plan(crm).await;
    let records: Vec<Record> = match insights_search(&extraction, &plan) {
        Some(search) => crm.search_records(&search).await.map_err(|e| e.user_message())?,
        None => Vec::new(),
    };
    let matches = rank(&extraction, &records, &plan);
    let updates = page_updates(&extraction, &matches, &records, &describes.iter().map(|d| &**d).collect::<Vec<_>>());
    let found = Found { extraction: Rc::new(extraction), matches: Rc::new(matches), updates: Rc::new(updates) };
    cache.borrow_mut().insert(url.to_owned(), found.clone());
    Ok(found)
}

/// The record "Add to Salesforce" creates: a Contact of the page's Account
/// (`to`) or a Lead for a person, an Account for a company; only with
/// fields the object's describe lets the user create.
async fn new_record(crm: &Crm, candidate: &Candidate, to: Option<&AccountRef>) -> Result<(&'static str, Record), ApiError> {
    match candidate {
        Candidate::Person(p) if let Some(account) = to => Ok(("Contact", contact_draft(p, account, &*crm.describe("Contact").await?))),
        Candidate::Person(_) => Ok(("Lead", lead_draft(candidate, &*crm.describe("Lead").await?))),
        Candidate::Company(c) => {
            let mut account = Record::new("Account").with("Name", c.name.clone());
            if let Some(domain) = &c.domain {
                account = account.with("Website", format!("https://{domain}"));
            }
            Ok(("Account", only_createable(account, &*crm.describe("Account").await?)))
        }
    }
}

fn candidate_name(c: &Candidate) -> String {
    match c {
        Candidate::Person(p) => p.name.clone(),
        Candidate::Company(c) => c.name.clone(),
    }
}

/// The user's time zone, for "today" in quick actions.
#[hook]
fn use_time_zone(crm: &Crm, dispatch: UseReducerDispatcher<SectionState>) {
    let crm = crm.clone();
    use_effect_with((), move |()| {
        spawn_local(async move {
            if let Ok(user) = crm.me().await {
                dispatch.dispatch(Action::Zone(user.zoneinfo.clone()));
            }
        });
    });
}

/// The privacy settings, now and whenever they change.
#[hook]
fn use_privacy_settings(dispatch: UseReducerDispatcher<SectionState>) {
    use_effect_with((), move |()| {
        let load = move || {
            let dispatch = dispatch.clone();
            spawn_local(async move {
                let stored = storage::get::<PrivacySettings>(keys::PRIVACY).await.ok().flatten().unwrap_or_default();
                dispatch.dispatch(Action::Settings(stored));
            });
        };
        load();
        let listener = runtime::on_message(move |m| {
            if m == Message::SettingsChanged {
                load();
            }
        })
        .ok();
        move || drop(listener)
    });
}

/// The page in the active tab, once it settles: looks again whenever the
/// tab, its address, the settings or `again` change. Each look has a
/// number; the reducer drops the answer of a look that is not the latest.
#[hook]
fn use_page_reading(crm: &Crm, tab: Option<Tab>, state: &screen::Insights, cache: Cache, dispatch: UseReducerDispatcher<SectionState>) {
    let crm = crm.clone();
    let ticket = use_mut_ref(|| 0_u64);
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let key = (tab.as_ref().map(|t| (t.id, t.url.clone())), state.settings.clone(), state.again);
    use_effect_with(key, move |(_, settings, _)| {
        let next = *ticket.borrow() + 1;
        *ticket.borrow_mut() = next;
        *timer.borrow_mut() = None;
        let decided = decide(settings.as_ref(), tab.as_ref().map(|t| TabPage { url: t.url.as_deref(), incognito: t.incognito }));
        let reading = decided.is_none();
        dispatch.dispatch(Action::Look { ticket: next, decided });
        let Some(Tab { id, url: Some(url), .. }) = tab.filter(|_| reading) else { return };
        let run = move || {
            spawn_local(async move {
                let outcome = understand(&crm, id, &url, &cache).await;
                dispatch.dispatch(Action::Read { ticket: next, outcome });
            });
        };
        *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(DEBOUNCE_MS, run));
    });
}

#[component]
pub fn Insights(props: &InsightsProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let state = use_reducer(SectionState::default);
    let cache: Cache = use_mut_ref(HashMap::<String, Found>::new);
    let dispatch = state.dispatcher();

    use_time_zone(&crm, dispatch.clone());
    use_privacy_settings(dispatch.clone());
    use_page_reading(&crm, props.tab.clone(), &state.0, cache.clone(), dispatch.clone());

    let enable = {
        let (settings, dispatch) = (state.0.settings.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let (settings, dispatch) = (settings.clone(), dispatch.clone());
            spawn_local(async move {
                // Reading pages needs access to them: asked now, in the click.
                let granted = permissions::ensure_origins(&["https://*/*".to_owned()]).await.unwrap_or(false);
                if !granted {
                    return;
                }
                let next = PrivacySettings { contextual_insights: true, ..settings.unwrap_or_default() };
                if storage::set(keys::PRIVACY, &next).await.is_ok() {
                    dispatch.dispatch(Action::Settings(next));
                    runtime::send(&Message::SettingsChanged).await.ok();
                }
            });
        })
    };

    let body = match &state.0.view {
        View::Loading => html! {},
        View::Off => html! {
            <div class="insights-off">
                <p class="muted">{ "See what your CRM knows about the companies and people on the pages you visit. Only search terms go to your org; page content stays in your browser." }</p>
                <button type="button" class="button" data-testid="enable-insights" onclick={enable}>{ "Enable Contextual Insights" }</button>
            </div>
        },
        View::Quiet(why) => html! { <Notice testid="insights-quiet">{ *why }</Notice> },
        View::Page(Load::Idle | Load::Loading) => html! { <Notice>{ "Reading this page…" }</Notice> },
        View::Page(Load::Failed(why)) => html! { <Notice tone={Tone::Error} testid="insights-error">{ why.clone() }</Notice> },
        View::Page(Load::Loaded(found) | Load::Refreshing(found)) => html! {
            <FoundView found={found.clone()} url={props.tab.as_ref().and_then(|t| t.url.clone()).unwrap_or_default()}
                zone={state.0.zone.clone()} on_open={props.on_open.clone()}
                on_added={{ let (cache, dispatch) = (cache.clone(), dispatch.clone()); let url = props.tab.as_ref().and_then(|t| t.url.clone());
                    Callback::from(move |()| {
                        // Read the page again: the new record now matches.
                        if let Some(url) = &url {
                            cache.borrow_mut().remove(url);
                        }
                        dispatch.dispatch(Action::Again);
                    }) }} />
        },
    };

    html! {
        <section class="insights" data-testid="insights" aria-label="On this page">
            <h2 class="insights-title">{ "On this page" }</h2>
            { body }
        </section>
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
struct FoundProps {
    found: Found,
    url: String,
    zone: String,
    on_open: Callback<(String, String)>,
    /// A record was created from the page: read it again.
    on_added: Callback<()>,
}

/// The corrections kept in storage, read on mount.
#[hook]
fn use_stored_corrections(dispatch: UseReducerDispatcher<FoundState>) {
    use_effect_with((), move |()| {
        spawn_local(async move {
            if let Ok(Some(stored)) = storage::get::<Corrections>(CORRECTIONS_KEY).await {
                dispatch.dispatch(FoundAction::StoredCorrections(stored));
            }
        });
    });
}

/// Each correction: the corrections are stored.
#[hook]
fn use_store_corrections(state: &FoundScreen) {
    let corrections = state.corrections.clone();
    use_effect_with(state.corrected, move |&corrected| {
        if corrected > 0 {
            spawn_local(async move {
                storage::set(CORRECTIONS_KEY, &corrections).await.ok();
            });
        }
    });
}

/// The first account's open opportunities and contacts: one query, again
/// whenever the first matched account changes.
#[hook]
fn use_account_details(crm: &Crm, account: Option<String>, dispatch: UseReducerDispatcher<FoundState>) {
    let crm = crm.clone();
    use_effect_with(account, move |account: &Option<String>| {
        let Some(id) = account.clone() else { return };
        let Ok(sf) = SfId::parse(&id) else { return };
        spawn_local(async move {
            let answer = match crm.query::<Record>(&account_details_query(&sf)).await {
                Ok(mut page) if !page.records.is_empty() => Ok(page.records.remove(0)),
                Ok(_) => Err("This account can't be read.".to_owned()),
                Err(e) => Err(e.user_message()),
            };
            dispatch.dispatch(FoundAction::Details { account: id, answer });
        });
    });
}

/// Logs a call on (object, id): the org's closing status, then the task.
async fn log_a_call(crm: &Crm, object: &str, id: &str, today: Date) -> CallOutcome {
    let statuses = match crm.query::<Record>(&statuses_query()).await {
        Ok(page) => Statuses::from_records(&page.records),
        Err(e) => return CallOutcome::Failed(e.user_message()),
    };
    let Some(closed) = statuses.closed else { return CallOutcome::NoClosedStatus };
    match crm.create("Task", &logged_call(object, id, today, &closed)).await {
        Ok(_) => CallOutcome::Logged,
        Err(e) => CallOutcome::Failed(e.user_message()),
    }
}

/// The record the org seems to have already for `candidate`:
/// (object, id, name) of the first duplicate query's first record. A new
/// Contact is also looked for among its Account's Contacts, by the name
/// the form gives it (as the rep may have corrected it).
async fn existing(crm: &Crm, candidate: &Candidate, record: &Record) -> Option<screen::Existing> {
    let mut queries = duplicate_queries(candidate);
    if let (Some("Contact"), Some(account)) = (record.object_type(), record.get_str("AccountId").and_then(|a| SfId::parse(a).ok())) {
        let typed: Vec<&str> = ["FirstName", "LastName"].into_iter().filter_map(|f| record.get_str(f)).filter(|v| !v.trim().is_empty()).collect();
        let name = if typed.is_empty() { candidate_name(candidate) } else { typed.join(" ") };
        queries.push(contact_in_account_query(&name, &account));
    }
    for query in queries {
        if let Ok(page) = crm.query::<Record>(&query).await
            && let Some(r) = page.records.first()
        {
            return Some((r.object_type().unwrap_or("").to_owned(), r.id().unwrap_or("").to_owned(), r.get_str("Name").unwrap_or("").to_owned()));
        }
    }
    None
}

/// The matches (as the user corrected them), an account's open
/// opportunities and contacts, quick actions, and what can be added.
#[component]
fn FoundView(props: &FoundProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let state = use_reducer(FoundState::default);
    let dispatch = state.dispatcher();
    let s = &state.0;

    let x = props.found.extraction.clone();
    let matches = s.corrections.apply(&x, &props.found.matches);
    let candidates = unmatched(&x, &matches);
    let account = matches.iter().find(|m| m.object == "Account").map(|m| m.id.clone());
    // The page's Account: a person on it is added as its Contact.
    let page_account = matched_account(&matches);
    // Updates for the records still matched exactly, to the same person, once corrected.
    let updates: Vec<&PageUpdate> =
        props.found.updates.iter().filter(|u| matches.iter().any(|m| m.exact && m.why != Why::ChosenByYou && m.id == u.id && m.entity == u.entity)).collect();

    use_stored_corrections(dispatch.clone());
    use_store_corrections(s);
    use_account_details(&crm, account, dispatch.clone());

    let send = |action: FoundAction| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let correct = |entity: Entity, correction: Correction| send(FoundAction::Correct { extraction: x.clone(), entity, correction });

    let today = || -> Date { sidecar_core::todo::view::today(&props.zone, js_sys::Date::now() as i64) };
    let log_call = |object: String, id: String| {
        let (crm, dispatch, today) = (crm.clone(), dispatch.clone(), today());
        Callback::from(move |_: MouseEvent| {
            let (crm, dispatch, object, id) = (crm.clone(), dispatch.clone(), object.clone(), id.clone());
            spawn_local(async move {
                dispatch.dispatch(FoundAction::CallLogged(log_a_call(&crm, &object, &id, today).await));
            });
        })
    };
    let save_task = {
        let (crm, dispatch, draft) = (crm.clone(), dispatch.clone(), s.task_draft());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let record = match draft.clone() {
                None => return,
                Some(Err(why)) => return dispatch.dispatch(FoundAction::Say(Note::failed(why))),
                Some(Ok(record)) => record,
            };
            let (crm, dispatch) = (crm.clone(), dispatch.clone());
            spawn_local(async move {
                let saved = crm.create("Task", &record).await.map(drop).map_err(|e| e.user_message());
                dispatch.dispatch(FoundAction::TaskSaved(saved));
            });
        })
    };

    // "Add as Lead/Account": the form, prefilled from the page; nothing is created yet.
    let compose = |candidate: Candidate, to: Option<AccountRef>| {
        let (crm, dispatch) = (crm.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let (crm, dispatch, candidate, to) = (crm.clone(), dispatch.clone(), candidate.clone(), to.clone());
            spawn_local(async move {
                let form = match new_record(&crm, &candidate, to.as_ref()).await {
                    Ok((object, draft)) => crm.describe(object).await.map(|describe| AddForm::new(candidate.clone(), draft, &describe).under(to.as_ref())),
                    Err(e) => Err(e),
                };
                match form {
                    Ok(form) => dispatch.dispatch(FoundAction::Compose(form)),
                    Err(e) => dispatch.dispatch(FoundAction::AddFailed { name: candidate_name(&candidate), why: e.user_message() }),
                }
            });
        })
    };
    // Save on the form: after checking the org doesn't have it already
    // (unless the rep said "add anyway"), one create; the toast offers Undo.
    let save = {
        let (crm, dispatch, on_added, form) = (crm.clone(), dispatch.clone(), props.on_added.clone(), s.form.clone());
        Rc::new(move |checked: bool| {
            let Some(form) = form.clone() else { return };
            let record = match form.record() {
                Ok(record) => record,
                Err(why) => return dispatch.dispatch(FoundAction::Say(Note::failed(why))),
            };
            let (crm, dispatch, on_added) = (crm.clone(), dispatch.clone(), on_added.clone());
            let of = form.of.clone();
            dispatch.dispatch(FoundAction::Adding(candidate_name(&form.candidate)));
            spawn_local(async move {
                if !checked && let Some(found) = existing(&crm, &form.candidate, &record).await {
                    return dispatch.dispatch(FoundAction::Duplicate(form.candidate.clone(), found));
                }
                match crm.create(&form.object, &record).await {
                    Ok(id) => {
                        on_added.emit(());
                        dispatch.dispatch(FoundAction::Added(Created { object: form.object.clone(), id: id.to_string(), name: form.name(), of }));
                    }
                    Err(e) => dispatch.dispatch(FoundAction::AddFailed { name: form.name(), why: e.user_message() }),
                }
            });
        })
    };
    let on_save = {
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save(false);
        })
    };
    let add_anyway = Callback::from(move |_: MouseEvent| save(true));
    // Undo on the toast: the record just added is deleted.
    let undo = {
        let (crm, dispatch, on_added, created) = (crm.clone(), dispatch.clone(), props.on_added.clone(), s.created.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(created) = created.clone() else { return };
            let (crm, dispatch, on_added) = (crm.clone(), dispatch.clone(), on_added.clone());
            dispatch.dispatch(FoundAction::Undoing);
            spawn_local(async move {
                let answer = match SfId::parse(&created.id) {
                    Ok(id) => crm.delete(&created.object, &id).await.map_err(|e| e.user_message()),
                    Err(_) => Err("its id can't be read.".to_owned()),
                };
                if answer.is_ok() {
                    on_added.emit(());
                }
                dispatch.dispatch(FoundAction::Undone(answer.map(|()| created.name.clone())));
            });
        })
    };

    // "Wrong match?": the org searched for the right record by what was typed.
    let search_right = |entity: Entity| {
        let (crm, dispatch, text) = (crm.clone(), dispatch.clone(), s.choose_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // This search's answer, or its refusal, is the one to show.
            dispatch.dispatch(FoundAction::ChooseSearching(text.clone()));
            let (crm, dispatch, text) = (crm.clone(), dispatch.clone(), text.clone());
            spawn_local(async move {
                let answer = crm.search_hits(&text, correction_objects(entity)).await;
                dispatch.dispatch(FoundAction::ChooseHits { entity, text, answer });
            });
        })
    };
    // "Update from this page": the ticked changes, in one request.
    let save_update = |update: &PageUpdate| {
        let (crm, dispatch, on_added, update, skipped) = (crm.clone(), dispatch.clone(), props.on_added.clone(), update.clone(), s.skipped_in(update));
        Callback::from(move |_: MouseEvent| {
            let Some(record) = update.record(&skipped) else { return };
            let labels: Vec<String> = update.changes.iter().filter(|c| !skipped.contains(&c.field)).map(|c| c.label.clone()).collect();
            let (crm, dispatch, on_added, update) = (crm.clone(), dispatch.clone(), on_added.clone(), update.clone());
            dispatch.dispatch(FoundAction::Updating(update.id.clone()));
            spawn_local(async move {
                let saved = match SfId::parse(&update.id) {
                    Ok(id) => crm.update(&update.object, &id, &record.fields).await.map_err(|e| e.user_message()),
                    Err(_) => Err("its id can't be read.".to_owned()),
                };
                if saved.is_ok() {
                    // Read the page again: the record now agrees with it.
                    on_added.emit(());
                }
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                dispatch.dispatch(FoundAction::Updated { id: update.id.clone(), outcome: saved.map(|()| updated_words(&update.name, &labels)) });
            });
        })
    };
    let update_box = |update: &PageUpdate| -> Html {
        let skipped = s.skipped_in(update);
        let busy = s.updating.as_deref() == Some(update.id.as_str());
        let nothing = skipped.len() == update.changes.len();
        html! {
            <div class="insight-update" role="group" aria-label={format!("Update {} from this page", update.name)} data-testid="insight-update">
                <span class="muted small">{ "This page shows something else:" }</span>
                <ul>{ for update.changes.iter().map(|c| {
                    let toggle = send(FoundAction::ToggleChange { id: update.id.clone(), field: c.field.clone() });
                    html! {
                        <li data-testid="insight-change" data-field={c.field.clone()}>
                            <label>
                                <input type="checkbox" checked={!skipped.contains(&c.field)} onclick={toggle} disabled={busy} />
                                <span class="insight-change-field">{ format!("{}: ", c.label) }</span>
                                <span class="insight-change-old muted">{ c.old.clone().unwrap_or_else(|| "(empty)".to_owned()) }</span>
                                { " → " }
                                <span class="insight-change-new">{ c.new.clone() }</span>
                            </label>
                        </li>
                    }
                }) }</ul>
                <button type="button" class="button" data-testid="insight-update-save" disabled={busy || nothing} onclick={save_update(update)}>
                    { if busy { "Saving…".to_owned() } else { format!("Update {}", update.name) } }
                </button>
            </div>
        }
    };

    if matches.is_empty() && candidates.is_empty() {
        return html! { <Notice testid="insights-empty">{ "No companies or people found on this page." }</Notice> };
    }
    let account_details = |id: &str| -> Html {
        match s.details_of(id) {
            None | Some(Load::Idle | Load::Loading) => html! {},
            Some(Load::Failed(why)) => html! { <Notice class="small">{ why.clone() }</Notice> },
            Some(Load::Loaded(record) | Load::Refreshing(record)) => {
                let list = |relationship: &str, line: &dyn Fn(&Record) -> String| -> Vec<(String, String, String)> {
                    record
                        .children(relationship)
                        .map(|p| p.records.iter().map(|r| (r.id().unwrap_or("").to_owned(), line(r), r.object_type().unwrap_or("").to_owned())).collect())
                        .unwrap_or_default()
                };
                let opps = list("Opportunities", &|r| format!("{} · {}", r.get_str("Name").unwrap_or(""), r.get_str("StageName").unwrap_or("")));
                let contacts = list("Contacts", &|r| [r.get_str("Name"), r.get_str("Title")].into_iter().flatten().collect::<Vec<_>>().join(" · "));
                let rows = |title: &str, testid: &str, rows: Vec<(String, String, String)>, object: &str| {
                    let object = object.to_owned();
                    html! {
                        <div class="insight-details" data-testid={testid.to_owned()}>
                            <span class="muted small">{ format!("{title} ({})", rows.len()) }</span>
                            <ul>{ for rows.into_iter().map(|(id, line, _)| {
                                let (on_open, object) = (props.on_open.clone(), object.clone());
                                html! { <li><button type="button" class="link truncate" title={line.clone()} onclick={Callback::from(move |_: MouseEvent| on_open.emit((object.clone(), id.clone())))}>{ line }</button></li> }
                            }) }</ul>
                        </div>
                    }
                };
                html! { <>{ rows("Open opportunities", "account-opportunities", opps, "Opportunity") }{ rows("Contacts", "account-contacts", contacts, "Contact") }</> }
            }
        }
    };

    html! {
        <>
            if !matches.is_empty() {
                <ul class="insights-list" data-testid="insight-matches">
                    { for matches.iter().map(|m| {
                        let open = { let (on_open, o, id) = (props.on_open.clone(), m.object.clone(), m.id.clone()); Callback::from(move |_: MouseEvent| on_open.emit((o.clone(), id.clone()))) };
                        let entity = m.entity;
                        let wrong = send(FoundAction::Choose(entity));
                        let others: Vec<&Match> = props.found.matches.iter().filter(|o| o.entity == entity && o.id != m.id).collect();
                        let task = send(FoundAction::TaskFor { object: m.object.clone(), id: m.id.clone() });
                        html! {
                            <li key={format!("{}/{}", m.object, m.id)} class="insight" data-testid="insight-match" data-object={m.object.clone()} data-id={m.id.clone()}>
                                <ObjectIcon object={m.object.clone()} label={Some(AttrValue::from(m.object.clone()))} small=true />
                                <button type="button" class="link insight-name" title={m.name.clone()} onclick={open}>{ &m.name }</button>
                                <span class={classes!("insight-why", m.exact.then_some("exact"))} data-testid="insight-why">
                                    { format!("{} · {}%", why_words(m.why), (m.confidence * 100.0).round()) }
                                </span>
                                <span class="insight-actions">
                                    <button type="button" class="link" data-testid="insight-new-task" onclick={task}>{ "New task" }</button>
                                    <button type="button" class="link" data-testid="insight-log-call" onclick={log_call(m.object.clone(), m.id.clone())}>{ "Log a call" }</button>
                                    <button type="button" class="link" data-testid="insight-wrong" onclick={wrong}>{ "Wrong match?" }</button>
                                </span>
                                if s.choosing == Some(entity) {
                                    <div class="insight-choose" role="group" aria-label="The right record" data-testid="insight-choose">
                                        { for others.iter().map(|o| html! {
                                            <button type="button" class="button" onclick={correct(entity, Correction::Record { object: o.object.clone(), id: o.id.clone(), name: o.name.clone() })}>
                                                { format!("{} ({})", o.name, o.object) }
                                            </button>
                                        }) }
                                        <button type="button" class="button" data-testid="insight-none" onclick={correct(entity, Correction::NotInCrm)}>{ "None of these" }</button>
                                        <form class="insight-choose-search" onsubmit={search_right(entity)} role="search">
                                            <input class="field-input" type="search" aria-label="Search Salesforce for the right record" placeholder="Search Salesforce…"
                                                data-testid="insight-choose-search" value={s.choose_text.clone()}
                                                oninput={{ let d = dispatch.clone(); Callback::from(move |e: InputEvent| d.dispatch(FoundAction::ChooseText(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))) }} />
                                            <button type="submit" class="button" data-testid="insight-choose-go">{ "Search" }</button>
                                        </form>
                                        { match &s.choose_hits {
                                            Load::Idle => html! {},
                                            Load::Loading | Load::Refreshing(_) => html! { <span class="muted small">{ "Searching…" }</span> },
                                            Load::Failed(why) => html! { <span class="field-message" role="alert">{ why.clone() }</span> },
                                            Load::Loaded(hits) if hits.is_empty() => html! { <span class="muted small" data-testid="insight-choose-none">{ "Nothing found." }</span> },
                                            Load::Loaded(hits) => html! { <>{ for hits.iter().map(|h| html! {
                                                <button type="button" class="button" data-testid="insight-choose-hit" title={h.subtitle.clone()}
                                                    onclick={correct(entity, Correction::Record { object: h.object.clone(), id: h.id.clone(), name: h.title.clone() })}>
                                                    { format!("{} ({})", h.title, h.object) }
                                                </button>
                                            }) }</> },
                                        } }
                                    </div>
                                }
                                if let Some(update) = updates.iter().find(|u| u.id == m.id) { { update_box(update) } }
                                // An exact match takes instructions, as the original's does.
                                if m.exact { <InstructionBox key={format!("{}/{}", m.object, m.id)} object={m.object.clone()} record_id={m.id.clone()} on_saved={props.on_added.clone()} /> }
                                if m.object == "Account" { { account_details(&m.id) } }
                                if s.task_for.as_ref().is_some_and(|(o, id)| *o == m.object && *id == m.id) {
                                    <form class="insight-task" onsubmit={save_task.clone()} data-testid="insight-task-form">
                                        <input class="field-input" aria-label="Task subject" placeholder="Subject" data-testid="insight-task-subject" value={s.task_subject.clone()}
                                            oninput={{ let d = dispatch.clone(); Callback::from(move |e: InputEvent| if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { d.dispatch(FoundAction::TaskSubject(i.value())) }) }} />
                                        <input class="field-input" type="date" aria-label="Due date" value={s.task_due.clone()}
                                            oninput={{ let d = dispatch.clone(); Callback::from(move |e: InputEvent| if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { d.dispatch(FoundAction::TaskDue(i.value())) }) }} />
                                        <button type="submit" class="button" data-testid="insight-task-save">{ "Save Task" }</button>
                                    </form>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
            if let Some(n) = &s.notice {
                <Notice tone={if n.failed { Tone::Error } else { Tone::Quiet }} testid="insight-notice">{ n.text.clone() }</Notice>
            }
            if let Some((_, (object, id, name))) = &s.duplicate {
                <Notice tone={Tone::Attention} testid="insight-duplicate">
                    { format!("{name} is already in Salesforce ({object}). ") }
                    <button type="button" class="link" onclick={{ let (on_open, o, id) = (props.on_open.clone(), object.clone(), id.clone()); Callback::from(move |_: MouseEvent| on_open.emit((o.clone(), id.clone()))) }}>{ "Open it to update" }</button>
                    { " or " }
                    <button type="button" class="link" data-testid="insight-add-anyway" onclick={add_anyway.clone()} disabled={s.adding.is_some()}>{ "add anyway" }</button>
                </Notice>
            }
            if !candidates.is_empty() {
                <h3 class="insights-sub">{ "Not in Salesforce yet" }</h3>
                <ul class="insights-list" data-testid="insight-candidates">
                    { for candidates.iter().map(|c| {
                        let name = candidate_name(c);
                        let detail = match c {
                            Candidate::Person(p) => [p.title.clone(), p.company.clone(), p.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · "),
                            Candidate::Company(co) => co.domain.clone().unwrap_or_default(),
                        };
                        let busy = s.adding.as_deref() == Some(name.as_str());
                        let kind = if matches!(c, Candidate::Person(_)) { "person" } else { "company" };
                        let form = s.form.as_ref().filter(|f| f.candidate == *c);
                        html! {
                            <li class="insight" data-testid="insight-candidate" data-kind={kind} data-name={name.clone()}>
                                <span class="insight-name truncate" title={name.clone()}>{ name.clone() }</span>
                                if !detail.is_empty() { <span class="insight-detail muted truncate" title={detail.clone()}>{ detail }</span> }
                                if form.is_none() {
                                    <span class="insight-adds">
                                    if let (Some(account), "person") = (&page_account, kind) {
                                        <button type="button" class="button" data-testid="insight-add-contact" disabled={busy} onclick={compose(c.clone(), Some(account.clone()))}
                                            title={format!("Add as a Contact of {}", account.name)}>
                                            { "Add as Contact" }
                                        </button>
                                    }
                                    <button type="button" class="button" data-testid="insight-add" disabled={busy} onclick={compose(c.clone(), None)}>
                                        { if kind == "person" { "Add as Lead" } else { "Add as Account" } }
                                    </button>
                                    </span>
                                }
                                if let Some(form) = form {
                                    { add_form(form, busy, &on_save, &dispatch) }
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
            if let Some(created) = &s.created {
                <div class="toast" role="status" data-testid="toast">
                    <span class="utility-icon icon-success" aria-hidden="true"></span>
                    <span class="toast-words">{ added_words(created) }</span>
                    <button type="button" class="button" data-testid="toast-undo" onclick={undo} disabled={s.undoing}>{ if s.undoing { "Undoing…" } else { "Undo" } }</button>
                    <button type="button" class="icon-button" aria-label="Close" title="Close" data-testid="toast-close"
                        onclick={{ let dispatch = dispatch.clone(); Callback::from(move |_: MouseEvent| dispatch.dispatch(FoundAction::ToastClosed)) }}>
                        <span class="utility-icon icon-close" aria-hidden="true"></span>
                    </button>
                </div>
            }
        </>
    }
}

/// "Priya Raman was added as a Lead.", "Initech was added as an Account.",
/// "Tom Becker was added as a Contact of Acme Robotics."
fn added_words(created: &Created) -> String {
    let article = if created.object.starts_with(['A', 'E', 'I', 'O', 'U']) { "an" } else { "a" };
    let of = created.of.as_ref().map(|a| format!(" of {a}")).unwrap_or_default();
    format!("{} was added as {article} {}{of}.", created.name, created.object)
}

/// The add form of a candidate: its prefilled fields, Save and Cancel.
fn add_form(form: &AddForm, busy: bool, on_save: &Callback<SubmitEvent>, dispatch: &UseReducerDispatcher<FoundState>) -> Html {
    let cancel = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(FoundAction::FormCancelled))
    };
    html! {
        <form class="insight-add-form" data-testid="insight-add-form" onsubmit={on_save.clone()} novalidate=true
            aria-label={format!("New {}", form.object)}>
            { for form.fields.iter().enumerate().map(|(n, field)| {
                let id = format!("add-{}", field.name);
                let oninput = {
                    let dispatch = dispatch.clone();
                    Callback::from(move |e: InputEvent| dispatch.dispatch(FoundAction::FormField(n, e.target_unchecked_into::<web_sys::HtmlInputElement>().value())))
                };
                html! {
                    <div class="field-editor">
                        <label class="field-label" for={id.clone()}>
                            if field.required { <abbr class="field-required" title="required">{ "*" }</abbr> }
                            { field.label.clone() }
                        </label>
                        <input class="field-input" id={id.clone()} data-testid={id} value={field.value.clone()} {oninput}
                            aria-required={field.required.then_some("true")} />
                    </div>
                }
            }) }
            <div class="form-actions">
                <button type="button" class="button" data-testid="insight-add-cancel" onclick={cancel} disabled={busy}>{ "Cancel" }</button>
                <button type="submit" class="button brand" data-testid="insight-add-save" disabled={busy}>{ if busy { "Saving…" } else { "Save" } }</button>
            </div>
        </form>
    }
}
