//! The records part of the panel: search, open a record, edit its Key
//! Fields in place, create a record. State is `sidecar_core::records::screen`'s
//! reducer; this component renders it and performs the requests its actions
//! report on, through the CRM client (`use_context::<Crm>()`): the named
//! hooks below for what runs on its own, callbacks for what the user starts.
//!
//! Edits never get lost: see [`super::saver`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use salesforce_rest::SfId;
use salesforce_rest::wire::Record;
use sidecar_core::api_error::ApiError;
use sidecar_core::edits::pending::{Origin, PendingEdit, PendingEdits, Resolution};
use sidecar_core::fields::{self, FieldValue};
use sidecar_core::load::Load;
use sidecar_core::panel::{Kept, OpenRequest};
use sidecar_core::records::lookup::Match;
use sidecar_core::records::screen::{Action, Creating, Main, Opened};
use sidecar_core::records::search::{self, Hit};
use sidecar_core::records::spec::NameFields;
use sidecar_core::records::{create, spec, view};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::read::{added_fields, layout_fields, learn_names, open_record, read_record, save_added_fields};
use super::saver::{PENDING_KEY, Saver};
use super::state::State;
use super::waiting_list::WaitingList;
use super::{CreateForm, InstructionBox, RecordView, Search};
use crate::api::{Crm, formats};
use crate::platform::storage;
use crate::widgets::{Notice, Tone};

#[derive(Debug, Clone, PartialEq, Default, Properties)]
pub struct RecordsHomeProps {
    #[prop_or_default]
    pub open_request: Option<OpenRequest>,
    /// Edits another screen could not send (To Do, offline), for this saver.
    #[prop_or_default]
    pub kept: Option<Kept>,
    /// A hand-over is kept (its `seq`): the panel forgets it.
    #[prop_or_default]
    pub on_kept_taken: Callback<u64>,
}

#[component]
pub fn RecordsHome(props: &RecordsHomeProps) -> Html {
    // The panel provides the client; a bare page (component tests) gets
    // one that reports being logged out.
    let crm = use_context::<Crm>().unwrap_or_default();
    let state = use_reducer(State::default);
    let saver = use_saver(&crm, &state);
    use_earlier_edits_and_user(&saver);

    let searches = use_mut_ref(|| 0u64);
    let on_search = search(&crm, &state, searches);
    let open = open(&saver);
    let on_open = open.reform(|hit: Hit| (hit.object, hit.id));
    use_open_request(props.open_request.clone(), open.clone());
    use_kept(props.kept.clone(), &saver, props.on_kept_taken.clone());
    let on_new = new_record(&crm, &state);

    let screen = &state.0;
    let main = match &screen.main {
        Main::Nothing | Main::Record(Load::Idle) | Main::Create(Load::Idle) => Html::default(),
        Main::Record(Load::Loading) | Main::Create(Load::Loading) => html! { <Notice>{ "Loading…" }</Notice> },
        Main::Record(Load::Failed(m)) | Main::Create(Load::Failed(m)) => html! { <Notice tone={Tone::Error}>{ m.clone() }</Notice> },
        Main::Record(Load::Loaded(opened) | Load::Refreshing(opened)) => record_view(opened, &state, &saver, &open),
        Main::Create(Load::Loaded(form) | Load::Refreshing(form)) => create_form(form, &state, &crm, &open),
    };

    html! {
        <div class="records" data-testid="records">
            <Search results={screen.search.clone()} on_search={on_search} {on_open} />
            <label class="new-record">
                <span>{ "New" }</span>
                <select data-testid="new-object" onchange={on_new} aria-label="Create a record">
                    <option value="" selected=true>{ "Create…" }</option>
                    { for create::CREATABLE.iter().map(|o| html! { <option value={*o}>{ *o }</option> }) }
                </select>
            </label>
            if screen.offline {
                <Notice class="offline" testid="offline-banner">{ ApiError::Offline.user_message() }</Notice>
            }
            <WaitingList pending={screen.pending.clone()} on_retry_all={retry_all(&saver)} on_discard={discard(&saver)} />
            { main }
        </div>
    }
}

/// The saver of this panel's pending edits, with the lookup names it and
/// the record reads share.
#[hook]
fn use_saver(crm: &Crm, state: &UseReducerHandle<State>) -> Saver {
    let pending = use_mut_ref(PendingEdits::default);
    let running = use_state(|| Rc::new(Cell::new(false)));
    let names = use_mut_ref(NameFields::default);
    Saver { crm: crm.clone(), pending, running: (*running).clone(), state: state.clone(), names }
}

/// Once: the unsaved edits of an earlier panel (then save them), the
/// user's time zone, and the object list (for lookup checks).
#[hook]
fn use_earlier_edits_and_user(saver: &Saver) {
    let saver = saver.clone();
    use_effect_with((), move |()| {
        spawn_local(async move {
            if let Ok(Some(stored)) = storage::get::<PendingEdits>(PENDING_KEY).await {
                // Earlier refusals are shown again; everything else is retried.
                // Edits made or handed over meanwhile are newer: they stay.
                let mut merged = stored;
                for edit in std::mem::take(&mut saver.pending.borrow_mut().edits) {
                    merged.keep(edit);
                }
                *saver.pending.borrow_mut() = merged;
                saver.publish();
                saver.run();
            }
            if let Ok(ctx) = formats::edit_context(&saver.crm).await {
                saver.state.dispatch(Action::Context(ctx));
            }
            if let Ok(global) = saver.crm.describe_global().await {
                saver.state.dispatch(Action::Global(global));
            }
        });
    });
}

/// Opens the record another screen asks for, each time it asks.
#[hook]
fn use_open_request(request: Option<OpenRequest>, open: Callback<(String, String)>) {
    use_effect_with(request, move |request| {
        if let Some(r) = request {
            open.emit((r.object.clone(), r.id.clone()));
        }
    });
}

/// "Retry all": every waiting change but the conflicts is sent now,
/// refused ones too (an admin may have fixed the rule).
fn retry_all(saver: &Saver) -> Callback<()> {
    let saver = saver.clone();
    Callback::from(move |()| {
        saver.pending.borrow_mut().retry_all("", js_sys::Date::now() as i64);
        saver.publish();
        saver.run();
    })
}

/// "Discard" on a waiting change: forgotten, here and in storage.
fn discard(saver: &Saver) -> Callback<(String, String)> {
    let saver = saver.clone();
    Callback::from(move |(id, field): (String, String)| {
        saver.pending.borrow_mut().discard(&id, &field);
        saver.publish();
    })
}

/// Takes the edits another screen hands over (each hand-over once): kept
/// in storage with this panel's own, and sent when the org answers.
#[hook]
fn use_kept(kept: Option<Kept>, saver: &Saver, on_taken: Callback<u64>) {
    let saver = saver.clone();
    use_effect_with(kept, move |kept| {
        if let Some(kept) = kept {
            for edit in &kept.edits {
                saver.pending.borrow_mut().keep(edit.clone());
            }
            saver.publish();
            saver.run();
            on_taken.emit(kept.seq);
        }
    });
}

/// The search box's Enter: one SOSL request asking what the org's
/// describes say each object has (cached after the first search), or why
/// the text cannot be searched.
fn search(crm: &Crm, state: &UseReducerHandle<State>, searches: Rc<RefCell<u64>>) -> Callback<String> {
    let (crm, state) = (crm.clone(), state.clone());
    Callback::from(move |text: String| {
        let sent = {
            let mut n = searches.borrow_mut();
            *n += 1;
            *n
        };
        state.dispatch(Action::SearchStarted(sent));
        let (crm, state) = (crm.clone(), state.clone());
        spawn_local(async move {
            let answer = crm.search_hits(&text, &search::SEARCHED.map(|(object, _)| object)).await;
            state.dispatch(Action::Searched { sent, answer });
        });
    })
}

/// Opens a record by object and id (a hit, My Feed, a created record).
fn open(saver: &Saver) -> Callback<(String, String)> {
    let (crm, state, names) = (saver.crm.clone(), saver.state.clone(), saver.names.clone());
    Callback::from(move |(object, id): (String, String)| {
        let Ok(id) = SfId::parse(&id) else { return };
        state.dispatch(Action::OpenStarted);
        let (crm, state, names) = (crm.clone(), state.clone(), names.clone());
        spawn_local(async move {
            let opened = open_record(&crm, &object, &id, &names).await.map_err(|e| e.user_message());
            state.dispatch(Action::Opened(opened));
        });
    })
}

/// The "Create…" list: the chosen object's create form, described.
fn new_record(crm: &Crm, state: &UseReducerHandle<State>) -> Callback<Event> {
    let (crm, state) = (crm.clone(), state.clone());
    Callback::from(move |e: Event| {
        let select = e.target_unchecked_into::<HtmlSelectElement>();
        let object = select.value();
        select.set_value("");
        if object.is_empty() {
            return;
        }
        // Created from the record on screen: the form starts under it.
        let from = match &state.0.main {
            Main::Record(Load::Loaded(opened)) => opened.as_match(),
            _ => None,
        };
        state.dispatch(Action::CreateStarted);
        let (crm, state) = (crm.clone(), state.clone());
        spawn_local(async move {
            let user = crm.me().await.ok().map(|me| Match { id: me.user_id.clone(), name: me.name.clone(), object: "User".into() });
            let form = match futures::join!(crm.describe(&object), layout_fields(&crm, &object)) {
                (Ok(describe), Ok(layout)) => Ok(Creating::new(describe, layout).from_context(from.as_ref(), user.as_ref())),
                (Err(e), _) | (_, Err(e)) => Err(e.user_message()),
            };
            state.dispatch(Action::CreateReady(form));
        });
    })
}

fn record_view(opened: &Opened, state: &UseReducerHandle<State>, saver: &Saver, open: &Callback<(String, String)>) -> Html {
    let object = opened.object.clone();
    let id = opened.record.id().unwrap_or_default().to_owned();
    let on_commit = {
        let (saver, object, id, record, describe) = (saver.clone(), object.clone(), id.clone(), opened.record.clone(), opened.describe.clone());
        Callback::from(move |(field, value): (String, FieldValue)| {
            // The field as the rep read it, and when the record was last
            // changed: the save is conditional on both (see `saver`).
            let edit = PendingEdit {
                before: Some(record.get(&field).cloned().unwrap_or(serde_json::Value::Null)),
                stamp: record.get_str("LastModifiedDate").map(str::to_owned),
                label: describe.field(&field).map(spec::display_label).unwrap_or_else(|| field.clone()),
                record_name: describe.name_field().and_then(|f| record.get_str(&f.name)).unwrap_or_default().to_owned(),
                origin: Some(Origin::Record),
                ..PendingEdit::new(&object, &id, &field, fields::to_json(&value))
            };
            saver.pending.borrow_mut().keep(edit);
            saver.publish();
            saver.run();
        })
    };
    let on_resolve = {
        let (saver, id) = (saver.clone(), id.clone());
        Callback::from(move |(field, resolution): (String, Resolution)| {
            saver.pending.borrow_mut().resolve(&id, &field, resolution, js_sys::Date::now() as i64);
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
        let (state, object, describe, key, mine) = (state.clone(), object.clone(), opened.describe.clone(), opened.key_fields.clone(), opened.added.clone());
        let (crm, names, id) = (saver.crm.clone(), saver.names.clone(), id.clone());
        Callback::from(move |name: String| {
            let mut fields = (*key).clone();
            fields.push(name.clone());
            let fields = view::key_fields(&describe, &[], &fields);
            let mut added = (*mine).clone();
            added.push(name.clone());
            let added = view::key_fields(&describe, &[], &added);
            state.dispatch(Action::KeyFields { shown: Rc::new(fields.clone()), added: Rc::new(added) });
            let (object, crm, names, describe, state, id) = (object.clone(), crm.clone(), names.clone(), describe.clone(), state.clone(), id.clone());
            spawn_local(async move {
                // A lookup added to Key Fields: its record's name, read again.
                if learn_names(&crm, &describe, &fields, &names).await
                    && let Ok(record_id) = SfId::parse(&id)
                {
                    let snapshot = names.borrow().clone();
                    if let Ok(record) = read_record(&crm, &describe, &record_id, &snapshot).await {
                        state.dispatch(Action::Reloaded(Rc::new(record), Rc::new(snapshot)));
                    }
                }
                // Remember the user's additions only; the layout may change.
                let mut added = added_fields(&object).await;
                if !added.iter().any(|f| f.eq_ignore_ascii_case(&name)) {
                    added.push(name);
                }
                if let Err(e) = save_added_fields(&object, &added).await {
                    gloo::console::error!(format!("Sidecar could not remember the field: {e}"));
                }
            });
        })
    };
    // A field the user added, taken out of Key Fields again (here and in
    // what follows the user to other machines).
    let on_remove_field = {
        let (state, object, key, mine) = (state.clone(), object.clone(), opened.key_fields.clone(), opened.added.clone());
        Callback::from(move |name: String| {
            state.dispatch(Action::KeyFields { shown: Rc::new(view::without(&key, &name)), added: Rc::new(view::without(&mine, &name)) });
            let object = object.clone();
            spawn_local(async move {
                let added = view::without(&added_fields(&object).await, &name);
                if let Err(e) = save_added_fields(&object, &added).await {
                    gloo::console::error!(format!("Sidecar could not forget the field: {e}"));
                }
            });
        })
    };
    let on_close = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::CreateCancelled))
    };
    // An instruction saved or undone: the record as the org holds it now.
    let on_instructed = {
        let (crm, state, names, describe, id) = (saver.crm.clone(), state.clone(), saver.names.clone(), opened.describe.clone(), id.clone());
        Callback::from(move |()| {
            let (crm, state, names, describe) = (crm.clone(), state.clone(), names.clone(), describe.clone());
            let Ok(record_id) = SfId::parse(&id) else { return };
            spawn_local(async move {
                let snapshot = names.borrow().clone();
                if let Ok(record) = read_record(&crm, &describe, &record_id, &snapshot).await {
                    state.dispatch(Action::Reloaded(Rc::new(record), Rc::new(snapshot)));
                }
            });
        })
    };
    let screen = &state.0;
    let instructions = html! { <InstructionBox key={format!("{object}/{id}")} object={object.clone()} record_id={id.clone()} on_saved={on_instructed} /> };
    html! {
        <RecordView describe={opened.describe.clone()} global={screen.global.clone()} record={opened.record.clone()}
            key_fields={opened.key_fields.clone()} added={opened.added.clone()} names={opened.names.clone()} pending={screen.pending.clone()} ctx={screen.ctx.clone()}
            salesforce_url={opened.salesforce_url.clone().map(AttrValue::from)} {instructions}
            {on_commit} {on_add_field} {on_remove_field} {on_discard} {on_resolve} on_open={open.clone()} {on_close} />
    }
}

fn create_form(form: &Creating, state: &UseReducerHandle<State>, crm: &Crm, open: &Callback<(String, String)>) -> Html {
    let object = form.describe.name().to_owned();
    let on_submit = {
        let (state, crm, open, object) = (state.clone(), crm.clone(), open.clone(), object.clone());
        Callback::from(move |values: Vec<(String, FieldValue)>| {
            state.dispatch(Action::CreateSending);
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
                        state.dispatch(Action::CreateRefused { field_errors: by_field, error });
                    }
                    Err(e) => state.dispatch(Action::CreateRefused { field_errors: Vec::new(), error: Some(e.user_message()) }),
                }
            });
        })
    };
    let on_cancel = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::CreateCancelled))
    };
    html! {
        <CreateForm describe={form.describe.clone()} global={state.0.global.clone()} layout={form.layout.clone()} prefilled={form.prefilled.clone()} ctx={state.0.ctx.clone()}
            field_errors={form.field_errors.clone()} error={form.save.failure().map(|m| AttrValue::from(m.to_owned()))} busy={form.save.is_working()}
            {on_submit} {on_cancel} />
    }
}
