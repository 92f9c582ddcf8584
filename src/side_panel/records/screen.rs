//! The records part of the panel: search, open a record, edit its Key
//! Fields in place, create a record. Loads go through the CRM client
//! (`use_context::<Crm>()`); the rules are `sidecar_core::records`'.
//!
//! Edits never get lost: a committed value becomes a pending edit at once
//! (kept in `chrome.storage.local`, so it survives closing the panel), the
//! field shows it, and a saver sends pending edits to the org one record at
//! a time. Offline or a busy org: the edit waits and is retried with
//! backoff. A refusal: the edit stays, open, with the org's message.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use salesforce_rest::SfId;
use salesforce_rest::wire::{DescribeGlobal, Record, SObjectDescribe};
use sidecar_core::api_error::{ApiError, Backoff};
use sidecar_core::fields::{self, EditContext, FieldValue};
use sidecar_core::records::edits::PendingEdits;
use sidecar_core::records::search::{self, Hit};
use sidecar_core::records::spec::NameFields;
use sidecar_core::records::{create, spec, view};
use sidecar_core::settings::keys;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{CreateForm, Load, RecordView, Search};
use crate::api::Crm;
use crate::platform::storage;

/// Unsaved edits, in `chrome.storage.local`.
const PENDING_KEY: &str = keys::PENDING_EDITS;

/// The fields a user added to an object's Key Fields.
fn added_fields_key(object: &str) -> String {
    keys::key_fields(object)
}

/// Retrying a save: soon at first, then at most every ten seconds (a panel
/// retry is one small request; the user is waiting to see it saved).
const SAVE_BACKOFF: Backoff = Backoff { base_ms: 1_000, cap_ms: 10_000, max_attempts: 8 };

#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub object: String,
    pub describe: Rc<SObjectDescribe>,
    pub record: Rc<Record>,
    pub key_fields: Rc<Vec<String>>,
    /// The name fields of the Key Fields' lookup targets, when the record was read.
    pub names: Rc<NameFields>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Creating {
    pub describe: Rc<SObjectDescribe>,
    pub layout: Rc<Vec<String>>,
    pub field_errors: Rc<Vec<(String, String)>>,
    pub error: Option<String>,
    pub busy: bool,
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
pub struct RecordsState {
    pub search: Load<Vec<Hit>>,
    pub main: Main,
    pub pending: Rc<PendingEdits>,
    pub offline: bool,
    pub global: Option<Rc<DescribeGlobal>>,
    pub ctx: Rc<EditContext>,
}

#[derive(Debug, Clone)]
pub enum RecordsAction {
    Search(Load<Vec<Hit>>),
    Main(Main),
    Pending(PendingEdits),
    Offline(bool),
    Global(Rc<DescribeGlobal>),
    Context(EditContext),
    /// The open record re-read after a save or a new Key Field, with the
    /// lookup names known then (ignored if another record is open).
    Reloaded(Rc<Record>, Rc<NameFields>),
    KeyFields(Rc<Vec<String>>),
    CreateFailed {
        field_errors: Vec<(String, String)>,
        error: Option<String>,
    },
    CreateBusy,
}

impl Reducible for RecordsState {
    type Action = RecordsAction;

    fn reduce(self: Rc<Self>, action: RecordsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            RecordsAction::Search(load) => next.search = load,
            RecordsAction::Main(main) => next.main = main,
            RecordsAction::Pending(p) => next.pending = Rc::new(p),
            RecordsAction::Offline(offline) => next.offline = offline,
            RecordsAction::Global(g) => next.global = Some(g),
            RecordsAction::Context(ctx) => next.ctx = Rc::new(ctx),
            RecordsAction::Reloaded(record, names) => {
                if let Main::Record(Load::Loaded(open)) = &mut next.main
                    && open.record.id() == record.id()
                {
                    open.record = record;
                    open.names = names;
                }
            }
            RecordsAction::KeyFields(fields) => {
                if let Main::Record(Load::Loaded(open)) = &mut next.main {
                    open.key_fields = fields;
                }
            }
            RecordsAction::CreateFailed { field_errors, error } => {
                if let Main::Create(Load::Loaded(form)) = &mut next.main {
                    form.field_errors = Rc::new(field_errors);
                    form.error = error;
                    form.busy = false;
                }
            }
            RecordsAction::CreateBusy => {
                if let Main::Create(Load::Loaded(form)) = &mut next.main {
                    form.busy = true;
                    form.error = None;
                }
            }
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

/// The layout's field names of `object` (empty when it has none).
async fn layout_fields(crm: &Crm, object: &str) -> Result<Vec<String>, ApiError> {
    let layouts = crm.compact_layout(object).await?;
    Ok(layouts.primary().map(|l| l.field_names().into_iter().map(str::to_owned).collect()).unwrap_or_default())
}

/// Learns the name fields of the lookup targets of `shown` not known yet:
/// one describe per target (cached by the client), asked together. A
/// target that cannot be described shows ids. Whether any was asked.
async fn learn_names(crm: &Crm, describe: &SObjectDescribe, shown: &[String], names: &RefCell<NameFields>) -> bool {
    let mut targets = spec::missing_name_targets(describe, shown, &names.borrow());
    // What describeGlobal does not list, this user cannot describe: ids, no request.
    if let Ok(global) = crm.describe_global().await {
        targets.retain(|t| {
            let listed = global.object(t).is_some();
            if !listed {
                names.borrow_mut().unreadable(t);
            }
            listed
        });
    }
    let answers = futures::future::join_all(targets.iter().map(|t| crm.describe(t))).await;
    for (target, answer) in targets.iter().zip(answers) {
        match answer {
            Ok(d) => names.borrow_mut().learn(&d),
            // Offline: asked again next time; refused (not accessible): ids.
            Err(ApiError::Offline) => {}
            Err(_) => names.borrow_mut().unreadable(target),
        }
    }
    !targets.is_empty()
}

/// Every field the view can show, with the lookup names `names` allows, in
/// as many queries as keep each URL under Salesforce's limit, merged.
async fn read_record(crm: &Crm, describe: &SObjectDescribe, id: &SfId, names: &NameFields) -> Result<Record, ApiError> {
    let fields: Vec<String> = describe.fields.iter().filter(|f| spec::is_displayable(f)).map(|f| f.name.clone()).collect();
    let mut parts = Vec::new();
    for query in view::record_queries(describe, id, &fields, names, view::MAX_ENCODED_SOQL) {
        let answer = crm.query::<Record>(&query).await?;
        parts.push(answer.records.into_iter().next().ok_or(ApiError::NotFound)?);
    }
    view::merge(parts).ok_or(ApiError::NotFound)
}

async fn open_record(crm: &Crm, object: &str, id: &SfId, names: &RefCell<NameFields>) -> Result<Opened, ApiError> {
    let describe = crm.describe(object).await?;
    let layout = layout_fields(crm, object).await?;
    let added: Vec<String> = storage::get(&added_fields_key(object)).await.ok().flatten().unwrap_or_default();
    let layout: Vec<&str> = layout.iter().map(String::as_str).collect();
    let key_fields = Rc::new(view::key_fields(&describe, &layout, &added));
    // Names are asked for the Key Fields' lookups only: the others' targets
    // would cost a describe each for fields shown only on demand.
    learn_names(crm, &describe, &key_fields, names).await;
    let snapshot = names.borrow().clone();
    let record = Rc::new(read_record(crm, &describe, id, &snapshot).await?);
    Ok(Opened { object: object.to_owned(), describe, record, key_fields, names: Rc::new(snapshot) })
}

/// The panel's saver of pending edits: one loop at a time.
#[derive(Clone)]
struct Saver {
    crm: Crm,
    pending: Rc<RefCell<PendingEdits>>,
    running: Rc<Cell<bool>>,
    state: UseReducerHandle<RecordsState>,
    /// The lookup targets' name fields learned so far in this panel.
    names: Rc<RefCell<NameFields>>,
}

impl Saver {
    /// Publishes the pending edits to the view and to storage.
    fn publish(&self) {
        let snapshot = self.pending.borrow().clone();
        self.state.dispatch(RecordsAction::Pending(snapshot.clone()));
        spawn_local(async move {
            if let Err(e) = storage::set(PENDING_KEY, &snapshot).await {
                gloo::console::error!(format!("Sidecar could not keep your unsaved edits: {e}"));
            }
        });
    }

    /// Sends every pending edit not refused yet, retrying while offline.
    fn run(&self) {
        if self.running.replace(true) {
            return;
        }
        let saver = self.clone();
        spawn_local(async move {
            let mut attempt = 0;
            loop {
                let next = saver.pending.borrow().edits.iter().find(|e| e.error.is_none()).map(|e| (e.object.clone(), e.id.clone()));
                let Some((object, id)) = next else { break };
                let body = saver.pending.borrow().patch_body(&id);
                let Ok(record_id) = SfId::parse(&id) else {
                    saver.pending.borrow_mut().refused(&id, &[], Some("This record's id is not valid."));
                    saver.publish();
                    continue;
                };
                match saver.crm.update(&object, &record_id, &body).await {
                    Ok(()) => {
                        attempt = 0;
                        saver.pending.borrow_mut().saved(&id, &body);
                        saver.state.dispatch(RecordsAction::Offline(false));
                        let names = saver.names.borrow().clone();
                        if let Ok(describe) = saver.crm.describe(&object).await
                            && let Ok(record) = read_record(&saver.crm, &describe, &record_id, &names).await
                        {
                            saver.state.dispatch(RecordsAction::Reloaded(Rc::new(record), Rc::new(names)));
                        }
                    }
                    Err(e) if e.is_retryable() => {
                        saver.state.dispatch(RecordsAction::Offline(true));
                        let jitter = js_sys::Math::random();
                        let wait = SAVE_BACKOFF.next_delay_ms(&e, attempt, jitter);
                        match wait {
                            Some(ms) => {
                                attempt += 1;
                                yew::platform::time::sleep(Duration::from_millis(ms)).await;
                                continue;
                            }
                            None => saver.pending.borrow_mut().refused(&id, &[], Some(&e.user_message())),
                        }
                    }
                    Err(ApiError::Validation { top, by_field }) => {
                        let general = if top.is_empty() { None } else { Some(top.join(" ")) };
                        saver.pending.borrow_mut().refused(&id, &by_field, general.as_deref().or(Some("Salesforce did not save this change.")));
                    }
                    Err(e) => saver.pending.borrow_mut().refused(&id, &[], Some(&e.user_message())),
                }
                saver.publish();
            }
            saver.running.set(false);
        });
    }
}

/// A record another screen asks Home to open (My Feed's alerts): object,
/// id, and a number that changes with every request (the same record may
/// be asked for twice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequest {
    pub object: String,
    pub id: String,
    pub seq: u64,
}

#[derive(Debug, Clone, PartialEq, Default, Properties)]
pub struct RecordsHomeProps {
    #[prop_or_default]
    pub open_request: Option<OpenRequest>,
}

#[component]
pub fn RecordsHome(props: &RecordsHomeProps) -> Html {
    // The panel provides the client; a bare page (component tests) gets
    // one that reports being logged out.
    let crm = use_context::<Crm>().unwrap_or_default();
    let state = use_reducer(RecordsState::default);
    let pending = use_mut_ref(PendingEdits::default);
    let running = use_state(|| Rc::new(Cell::new(false)));
    let names = use_mut_ref(NameFields::default);
    let saver = Saver { crm: crm.clone(), pending: pending.clone(), running: (*running).clone(), state: state.clone(), names: names.clone() };

    // Once: the unsaved edits of an earlier panel (then save them), the
    // user's time zone, and the object list (for lookup checks).
    {
        let (saver, crm, state) = (saver.clone(), crm.clone(), state.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                if let Ok(Some(stored)) = storage::get::<PendingEdits>(PENDING_KEY).await {
                    // Earlier refusals are shown again; everything else is retried.
                    *saver.pending.borrow_mut() = stored;
                    saver.publish();
                    saver.run();
                }
                if let Ok(user) = crm.me().await {
                    state.dispatch(RecordsAction::Context(EditContext::en_us(&user.zoneinfo)));
                }
                if let Ok(global) = crm.describe_global().await {
                    state.dispatch(RecordsAction::Global(global));
                }
            });
        });
    }

    let on_search = {
        let (crm, state) = (crm.clone(), state.clone());
        Callback::from(move |text: String| {
            let sosl = match search::global_search(&text) {
                Ok(s) => s,
                Err(e) => return state.dispatch(RecordsAction::Search(Load::Failed(e.to_string()))),
            };
            state.dispatch(RecordsAction::Search(Load::Loading));
            let (crm, state) = (crm.clone(), state.clone());
            spawn_local(async move {
                let load = match crm.search(&sosl).await {
                    Ok(answer) => {
                        let records: Vec<Record> = answer.search_records.into_iter().filter_map(|r| serde_json::from_value(r).ok()).collect();
                        Load::Loaded(search::hits(&records))
                    }
                    Err(e) => Load::Failed(e.user_message()),
                };
                state.dispatch(RecordsAction::Search(load));
            });
        })
    };

    let open = {
        let (crm, state, names) = (crm.clone(), state.clone(), names.clone());
        Callback::from(move |(object, id): (String, String)| {
            let Ok(id) = SfId::parse(&id) else { return };
            state.dispatch(RecordsAction::Main(Main::Record(Load::Loading)));
            let (crm, state, names) = (crm.clone(), state.clone(), names.clone());
            spawn_local(async move {
                let load = match open_record(&crm, &object, &id, &names).await {
                    Ok(opened) => Load::Loaded(opened),
                    Err(e) => Load::Failed(e.user_message()),
                };
                state.dispatch(RecordsAction::Main(Main::Record(load)));
            });
        })
    };
    let on_open = {
        let open = open.clone();
        Callback::from(move |hit: Hit| open.emit((hit.object, hit.id)))
    };

    {
        let open = open.clone();
        use_effect_with(props.open_request.clone(), move |request| {
            if let Some(r) = request {
                open.emit((r.object.clone(), r.id.clone()));
            }
        });
    }

    let on_new = {
        let (crm, state) = (crm.clone(), state.clone());
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let object = select.value();
            select.set_value("");
            if object.is_empty() {
                return;
            }
            state.dispatch(RecordsAction::Main(Main::Create(Load::Loading)));
            let (crm, state) = (crm.clone(), state.clone());
            spawn_local(async move {
                let load = match futures::join!(crm.describe(&object), layout_fields(&crm, &object)) {
                    (Ok(describe), Ok(layout)) => {
                        Load::Loaded(Creating { describe, layout: Rc::new(layout), field_errors: Rc::default(), error: None, busy: false })
                    }
                    (Err(e), _) | (_, Err(e)) => Load::Failed(e.user_message()),
                };
                state.dispatch(RecordsAction::Main(Main::Create(load)));
            });
        })
    };

    let main = match &state.main {
        Main::Nothing => Html::default(),
        Main::Record(Load::Loading) | Main::Create(Load::Loading) => html! { <p class="muted" role="status">{ "Loading…" }</p> },
        Main::Record(Load::Failed(m)) | Main::Create(Load::Failed(m)) => html! { <p class="error" role="alert">{ m.clone() }</p> },
        Main::Record(Load::Idle) | Main::Create(Load::Idle) => Html::default(),
        Main::Record(Load::Loaded(opened)) => record_view(opened, &state, &saver),
        Main::Create(Load::Loaded(form)) => create_form(form, &state, &crm, &open),
    };

    html! {
        <div class="records" data-testid="records">
            <Search results={state.search.clone()} on_search={on_search} {on_open} />
            <label class="new-record">
                <span>{ "New" }</span>
                <select data-testid="new-object" onchange={on_new} aria-label="Create a record">
                    <option value="" selected=true>{ "Create…" }</option>
                    { for create::CREATABLE.iter().map(|o| html! { <option value={*o}>{ *o }</option> }) }
                </select>
            </label>
            if state.offline {
                <p class="offline" role="status" data-testid="offline-banner">{ ApiError::Offline.user_message() }</p>
            }
            { main }
        </div>
    }
}

fn record_view(opened: &Opened, state: &UseReducerHandle<RecordsState>, saver: &Saver) -> Html {
    let object = opened.object.clone();
    let id = opened.record.id().unwrap_or_default().to_owned();
    let on_commit = {
        let (saver, object, id) = (saver.clone(), object.clone(), id.clone());
        Callback::from(move |(field, value): (String, FieldValue)| {
            saver.pending.borrow_mut().put(&object, &id, &field, fields::to_json(&value));
            saver.publish();
            saver.run();
        })
    };
    let on_discard = {
        let (saver, id) = (saver.clone(), id.clone());
        Callback::from(move |field: String| {
            saver.pending.borrow_mut().discard(&id, &field);
            saver.publish();
        })
    };
    let on_add_field = {
        let (state, object, describe, key) = (state.clone(), object.clone(), opened.describe.clone(), opened.key_fields.clone());
        let (crm, names, id) = (saver.crm.clone(), saver.names.clone(), id.clone());
        Callback::from(move |name: String| {
            let mut fields = (*key).clone();
            fields.push(name.clone());
            let fields = view::key_fields(&describe, &[], &fields);
            state.dispatch(RecordsAction::KeyFields(Rc::new(fields.clone())));
            let (object, crm, names, describe, state, id) = (object.clone(), crm.clone(), names.clone(), describe.clone(), state.clone(), id.clone());
            spawn_local(async move {
                // A lookup added to Key Fields: its record's name, read again.
                if learn_names(&crm, &describe, &fields, &names).await
                    && let Ok(record_id) = SfId::parse(&id)
                {
                    let snapshot = names.borrow().clone();
                    if let Ok(record) = read_record(&crm, &describe, &record_id, &snapshot).await {
                        state.dispatch(RecordsAction::Reloaded(Rc::new(record), Rc::new(snapshot)));
                    }
                }
                // Remember the user's additions only; the layout may change.
                let key = added_fields_key(&object);
                let mut added: Vec<String> = storage::get(&key).await.ok().flatten().unwrap_or_default();
                if !added.iter().any(|f| f.eq_ignore_ascii_case(&name)) {
                    added.push(name);
                }
                if let Err(e) = storage::set(&key, &added).await {
                    gloo::console::error!(format!("Sidecar could not remember the field: {e}"));
                }
            });
        })
    };
    html! {
        <RecordView describe={opened.describe.clone()} global={state.global.clone()} record={opened.record.clone()}
            key_fields={opened.key_fields.clone()} names={opened.names.clone()} pending={state.pending.clone()} ctx={state.ctx.clone()}
            {on_commit} {on_add_field} {on_discard} />
    }
}

fn create_form(form: &Creating, state: &UseReducerHandle<RecordsState>, crm: &Crm, open: &Callback<(String, String)>) -> Html {
    let object = form.describe.name().to_owned();
    let on_submit = {
        let (state, crm, open, object) = (state.clone(), crm.clone(), open.clone(), object.clone());
        Callback::from(move |values: Vec<(String, FieldValue)>| {
            state.dispatch(RecordsAction::CreateBusy);
            let mut record = Record::new(object.clone());
            for (name, value) in create::body(&values) {
                record = record.with(name, value);
            }
            let (state, crm, open, object) = (state.clone(), crm.clone(), open.clone(), object.clone());
            spawn_local(async move {
                match crm.create(&object, &record).await {
                    Ok(id) => open.emit((object, id.to_string())),
                    Err(ApiError::Validation { top, by_field }) => {
                        let error = if top.is_empty() { None } else { Some(top.join(" ")) };
                        state.dispatch(RecordsAction::CreateFailed { field_errors: by_field, error });
                    }
                    Err(e) => state.dispatch(RecordsAction::CreateFailed { field_errors: Vec::new(), error: Some(e.user_message()) }),
                }
            });
        })
    };
    let on_cancel = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(RecordsAction::Main(Main::Nothing)))
    };
    html! {
        <CreateForm describe={form.describe.clone()} global={state.global.clone()} layout={form.layout.clone()} ctx={state.ctx.clone()}
            field_errors={form.field_errors.clone()} error={form.error.clone().map(AttrValue::from)} busy={form.busy}
            {on_submit} {on_cancel} />
    }
}
