//! The To Do screen's effects, as named hooks: the cache read on mount
//! ([`use_todo_cache`]), the org asked once it allows Sidecar
//! ([`use_todo_loader`]), and again on focus or the worker's word
//! ([`use_todo_refresh_triggers`]); plus the one-shot effects the screen's
//! callbacks start (refresh, save the prefs, complete or reschedule a task).

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use salesforce_rest::SfId;
use salesforce_rest::soql::Date;
use salesforce_rest::wire::Record;
use serde_json::{Map, Value};
use sidecar_core::api_error::ApiError;
use sidecar_core::edits::conflict::{Verdict, check, fresh_query};
use sidecar_core::edits::pending::{KEPT, PendingEdit, PendingEdits, Waiting};
use sidecar_core::messages::Message;
use sidecar_core::settings::keys::PENDING_EDITS as PENDING_KEY;
use sidecar_core::todo::complete::{Statuses, optimistic, status_patch, statuses_query};
use sidecar_core::todo::prefs::{TodoPrefs, storage_key};
use sidecar_core::todo::reschedule;
use sidecar_core::todo::screen::{Action, Cache, cache_key};
use sidecar_core::todo::task::{TodoTask, tasks_query};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::state::TodoState;
use crate::api::Crm;
use crate::platform::{runtime, storage, synced};

pub type Handle = UseReducerHandle<TodoState>;

/// The user the org is asked for: empty until the org allows Sidecar, so
/// focus and the worker's word ask nothing before that.
pub type Asked = Rc<RefCell<String>>;

/// What the browser holds for the To Do List: whose session is stored,
/// their cached tasks, their labels and stars.
struct Stored {
    user_id: String,
    cache: Option<Cache>,
    prefs: TodoPrefs,
}

/// Reads [`Stored`] from the browser alone (no network): the stored
/// session's user, then their cache and prefs at once. `None`: logged out.
async fn read_stored(crm: Crm) -> Option<Stored> {
    let user_id = crm.auth().stored_user_id().await?;
    let (cache_key, prefs_key) = (cache_key(&user_id), storage_key(&user_id));
    let (cache, prefs) = futures::join!(storage::get::<Cache>(&cache_key), synced::load(&prefs_key));
    // An unreadable cache (an older shape) is no cache: the org fills it again.
    let cache = cache.ok().flatten();
    let prefs = TodoPrefs::from_json(prefs.ok().flatten().as_deref());
    Some(Stored { user_id, cache, prefs })
}

thread_local! {
    /// The read [`prefetch_cache`] started, for the next [`use_todo_cache`] to take.
    static PREFETCHED: RefCell<Option<oneshot::Receiver<Option<Stored>>>> = const { RefCell::new(None) };
}

/// Starts reading the cache as the panel starts, while it still works out
/// whether a session is stored, so the list paints as soon as the To Do
/// screen mounts (the read takes two trips to the browser's storage).
pub fn prefetch_cache(crm: &Crm) {
    let (send, receive) = oneshot::channel();
    PREFETCHED.with(|slot| *slot.borrow_mut() = Some(receive));
    let crm = crm.clone();
    spawn_local(async move {
        send.send(read_stored(crm).await).ok();
    });
}

/// On mount, from the browser alone (no network): whose session is stored,
/// their cached tasks and their labels and stars (what [`prefetch_cache`]
/// read, or read now). The cached list paints before the org has said
/// anything, even who the user is; it is the stored session's user's own
/// cache (keyed by their id), so never another user's.
///
/// The prefetched read serves only a screen mounted while the panel is
/// resuming the session it was read for (`online` false at mount); mounted
/// after a login (`online`), the screen reads afresh, so a read made for
/// whoever was stored when the panel opened never reaches the next user.
#[hook]
pub fn use_todo_cache(crm: &Crm, state: &Handle, online: bool) {
    let (crm, state) = (crm.clone(), state.clone());
    use_effect_with((), move |()| {
        // Always taken, so no later mount uses it.
        let prefetched = PREFETCHED.with(|slot| slot.borrow_mut().take()).filter(|_| !online);
        spawn_local(async move {
            let stored = match prefetched {
                Some(receive) => receive.await.ok().flatten(),
                None => read_stored(crm).await,
            };
            let Some(Stored { user_id, cache, prefs }) = stored else { return };
            state.dispatch(Action::User(user_id.clone()));
            state.dispatch(Action::Cached { user_id, cache, prefs });
        });
    });
}

/// Once `online` (logged in, and the org allows Sidecar): the user's zone,
/// their tasks, the org's task statuses and priorities. Nothing goes to the
/// org before, so a rep whose admin turned Sidecar off sends no query.
#[hook]
pub fn use_todo_loader(crm: &Crm, state: &Handle, asked: &Asked, online: bool) {
    let (crm, state, asked) = (crm.clone(), state.clone(), asked.clone());
    use_effect_with(online, move |&online| {
        if online {
            spawn_local(async move {
                let user_id = match crm.auth().session().await {
                    Ok(session) => session.user_id,
                    Err(e) => return state.dispatch(Action::Failed(e.user_message())),
                };
                state.dispatch(Action::User(user_id.clone()));
                *asked.borrow_mut() = user_id.clone();
                refresh(&crm, &state, &user_id, false);
                if let Ok(me) = crm.me().await {
                    state.dispatch(Action::Zone { zone: me.zoneinfo.clone(), locale: me.locale.clone() });
                }
                match crm.query::<Record>(&statuses_query()).await {
                    Ok(page) => state.dispatch(Action::Statuses(Statuses::from_records(&page.records))),
                    Err(e) => state.dispatch(Action::Notice(Some(format!("Task statuses couldn't be read: {}", e.user_message())))),
                }
                if let Ok(describe) = crm.describe("Task").await {
                    let order = describe.field("Priority").map(|f| f.picklist_values.iter().map(|p| p.value.clone()).collect()).unwrap_or_default();
                    state.dispatch(Action::PriorityOrder(order));
                }
            });
        }
    });
}

/// Asks again when the panel regains focus, or the worker's alarm says so.
#[hook]
pub fn use_todo_refresh_triggers(crm: &Crm, state: &Handle, asked: &Asked) {
    let (crm, state, asked) = (crm.clone(), state.clone(), asked.clone());
    use_effect_with((), move |()| {
        let on_focus = {
            let (crm, state, asked) = (crm.clone(), state.clone(), asked.clone());
            gloo::events::EventListener::new(&gloo::utils::window(), "focus", move |_| refresh(&crm, &state, &asked.borrow(), false))
        };
        let on_message = runtime::on_message(move |message| {
            if matches!(message, Message::Refresh { .. }) {
                refresh(&crm, &state, &asked.borrow(), false);
            }
        })
        .ok();
        move || drop((on_focus, on_message))
    });
}

/// Asks the org for `user_id`'s tasks, and caches them with the user's
/// zone. `now`: show them even while the pointer is over the list (after
/// the user's own change). No user yet: nothing is asked.
pub fn refresh(crm: &Crm, state: &Handle, user_id: &str, now: bool) {
    let user_id = user_id.to_owned();
    if user_id.is_empty() {
        return;
    }
    state.dispatch(Action::Asking);
    let (crm, state) = (crm.clone(), state.clone());
    spawn_local(async move {
        match crm.query_all_pages::<Record>(&tasks_query(&user_id), 2000).await {
            Ok(records) => {
                // What still waits in the kept list, before the tasks: a task
                // shown as kept keeps the rep's version only while it waits.
                let kept = storage::get::<PendingEdits>(PENDING_KEY).await.ok().flatten().unwrap_or_default();
                let waiting = kept.edits.iter().filter(|e| e.object == "Task").map(|e| {
                    let why = match e.waiting() {
                        Waiting::Retry => None,
                        Waiting::Refused => e.error.clone(),
                        Waiting::Conflict => Some("someone else changed this task meanwhile.".to_owned()),
                    };
                    (e.id.clone(), why)
                });
                state.dispatch(Action::KeptState(waiting.collect()));
                let tasks = records.iter().filter_map(TodoTask::from_record).collect();
                state.dispatch(Action::Tasks { tasks, now });
                // userinfo is asked once per page (`Crm::me`); the zone lets the next open group by the user's day.
                let (zone, locale) = crm.me().await.map(|me| (me.zoneinfo.clone(), me.locale.clone())).unwrap_or_default();
                storage::set(&cache_key(&user_id), &Cache { zone, locale, records }).await.ok();
            }
            Err(e) => state.dispatch(Action::Failed(e.user_message())),
        }
    });
}

/// Saves the prefs (labels, stars, order) where they fit; `action` shows them.
pub fn save_prefs(state: &Handle, prefs: TodoPrefs, action: Action) {
    let (state, key) = (state.clone(), storage_key(&state.user_id));
    state.dispatch(action);
    spawn_local(async move {
        if let Err(e) = synced::save(&key, &prefs.to_json()).await {
            state.dispatch(Action::Notice(Some(format!("Your labels and stars couldn't be saved: {}", e.message))));
        }
    });
}

/// The checkbox: completes (or reopens) at once, rolls back with the
/// org's reason when the update fails.
pub fn set_done(crm: &Crm, state: &Handle, on_keep: &Callback<Vec<PendingEdit>>, task: &TodoTask, done: bool) {
    let (Some(shown), Some(patch)) = (optimistic(task, &state.statuses, done), status_patch(&state.statuses, done)) else {
        let why = "Your org has no status that closes a task, so it can't be completed here.".to_owned();
        return state.dispatch(Action::ChangeDone { id: task.id.clone(), outcome: Err((why, task.clone())) });
    };
    change(crm, state, on_keep, task, shown, patch);
}

/// Moves a task's due date: shown at once, rolled back with the org's
/// reason when the update fails.
pub fn reschedule(crm: &Crm, state: &Handle, on_keep: &Callback<Vec<PendingEdit>>, task: &TodoTask, date: Date) {
    change(crm, state, on_keep, task, reschedule::shown(task, date), reschedule::patch(date));
}

/// Shows `shown` at once and sends `patch`, only if the task is as the
/// list read it (`If-Unmodified-Since`). The org's refusal brings `task`
/// back with its reason; an org that cannot be reached (offline, busy)
/// keeps the change shown and hands it to `on_keep` (Home's saver keeps it
/// in storage and sends it when the org answers).
fn change(crm: &Crm, state: &Handle, on_keep: &Callback<Vec<PendingEdit>>, task: &TodoTask, shown: TodoTask, patch: Map<String, Value>) {
    let Ok(id) = SfId::parse(&task.id) else { return };
    let old = task.clone();
    // A task whose earlier change waits in Home's saver: this one joins it
    // there (the latest value is the one sent), or the older one, sent
    // later, would undo it.
    if state.errors.get(&task.id).is_some_and(|e| e == KEPT) {
        on_keep.emit(old.kept_edits(&patch));
        state.dispatch(Action::ChangeBegin { shown });
        return state.dispatch(Action::ChangeKept(id.to_string()));
    }
    state.dispatch(Action::ChangeBegin { shown });
    let (crm, state, on_keep) = (crm.clone(), state.clone(), on_keep.clone());
    spawn_local(async move {
        match save(&crm, &id, &old, &patch).await {
            Ok(()) => {
                state.dispatch(Action::ChangeDone { id: id.to_string(), outcome: Ok(()) });
                refresh(&crm, &state, &state.user_id, false);
            }
            // Someone else changed the task since the list was read: nothing
            // is overwritten; the list shows the task as it is now.
            Err(ApiError::Modified) => {
                let why = "Someone else changed this task after your list was loaded, so your change wasn't saved. Here it is as it is now.".to_owned();
                state.dispatch(Action::ChangeDone { id: id.to_string(), outcome: Err((why, old)) });
                refresh(&crm, &state, &state.user_id, true);
            }
            Err(e) if e.is_retryable() => {
                on_keep.emit(old.kept_edits(&patch));
                state.dispatch(Action::ChangeKept(id.to_string()));
            }
            Err(e) => state.dispatch(Action::ChangeDone { id: id.to_string(), outcome: Err((e.user_message(), old)) }),
        }
    });
}

/// Saves `patch` only if `task` is as the list read it. A 412 says the
/// task's stamp moved: someone else's change, or this list's own earlier
/// one (a second reschedule before the list is read again). One query then
/// judges the fields themselves (`edits::conflict`): still what the rep
/// saw, and the change is sent again on the new stamp; changed by someone
/// else, and it is `ApiError::Modified`; gone, `ApiError::NotFound`.
async fn save(crm: &Crm, id: &SfId, task: &TodoTask, patch: &Map<String, Value>) -> Result<(), ApiError> {
    match crm.update_unless_modified("Task", id, patch, task.modified.as_deref()).await {
        Err(ApiError::Modified) => {
            let change = task.change(patch);
            let query = fresh_query(&change, true).map_err(|e| ApiError::Unexpected(e.to_string()))?;
            let fresh = crm.query::<Record>(&query).await?.records;
            let checked = check(&change, &fresh);
            if checked.held.iter().any(|(_, v)| matches!(v, Verdict::Conflict { .. })) {
                return Err(ApiError::Modified);
            }
            if checked.held.iter().any(|(_, v)| *v == Verdict::Gone) {
                return Err(ApiError::NotFound);
            }
            let stamp = fresh.first().and_then(|r| r.get_str("LastModifiedDate"));
            crm.update_unless_modified("Task", id, patch, stamp).await
        }
        other => other,
    }
}
