//! The saver of pending edits: a committed value becomes a pending edit at
//! once (kept in `chrome.storage.local`, so it survives closing the panel),
//! and one loop at a time sends them to the org, record by record. Offline
//! or a busy org: the edit waits and is retried with backoff. A refusal:
//! the edit stays, open, with the org's message. Each save is conditional
//! (`If-Unmodified-Since` from the record's `LastModifiedDate` when the rep
//! read it): a record someone changed meanwhile is read again and each
//! field judged (`PendingEdits::modified`), so nothing of theirs is
//! overwritten without the rep's Keep mine.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use salesforce_rest::SfId;
use sidecar_core::api_error::{ApiError, Backoff};
use sidecar_core::edits::pending::{PendingEdits, Waiting};
use sidecar_core::records::screen::Action;
use sidecar_core::records::spec::NameFields;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::read::read_record;
use super::state::State;
use crate::api::Crm;
use crate::platform::storage;

/// Unsaved edits, in `chrome.storage.local`.
pub const PENDING_KEY: &str = sidecar_core::settings::keys::PENDING_EDITS;

/// Retrying a save: soon at first, then at most every ten seconds (a panel
/// retry is one small request; the user is waiting to see it saved).
const SAVE_BACKOFF: Backoff = Backoff { base_ms: 1_000, cap_ms: 10_000, max_attempts: 8 };

/// 412s on one record in one run before its edits wait for the rep.
const MAX_REBASES: u32 = 3;

/// The panel's saver of pending edits: one loop at a time.
#[derive(Clone)]
pub struct Saver {
    pub crm: Crm,
    pub pending: Rc<RefCell<PendingEdits>>,
    pub running: Rc<Cell<bool>>,
    pub state: UseReducerHandle<State>,
    /// The lookup targets' name fields learned so far in this panel.
    pub names: Rc<RefCell<NameFields>>,
}

impl Saver {
    /// Publishes the pending edits to the view and to storage.
    pub fn publish(&self) {
        let snapshot = self.pending.borrow().clone();
        self.state.dispatch(Action::Pending(snapshot.clone()));
        spawn_local(async move {
            if let Err(e) = storage::set(PENDING_KEY, &snapshot).await {
                gloo::console::error!(format!("Sidecar could not keep your unsaved edits: {e}"));
            }
        });
    }

    /// The org could not be reached (`error`, retryable): says so and waits
    /// the backoff's pause. `false` when the backoff gives up (never while
    /// offline).
    async fn wait_for_org(&self, error: &ApiError, attempt: &mut u32) -> bool {
        self.state.dispatch(Action::Offline(true));
        let Some(ms) = SAVE_BACKOFF.next_delay_ms(error, *attempt, js_sys::Math::random()) else { return false };
        *attempt += 1;
        yew::platform::time::sleep(Duration::from_millis(ms)).await;
        true
    }

    /// Sends every pending edit not refused yet, retrying while offline.
    pub fn run(&self) {
        if self.running.replace(true) {
            return;
        }
        let saver = self.clone();
        spawn_local(async move {
            let mut attempt = 0;
            // 412s per record in this run: each reads the record and moves the
            // base of what is still clear, so the next try passes unless the
            // record keeps changing (the rep's own save in between moves the
            // stamp too); past a few, the edits wait for the rep.
            let mut modified: Vec<(String, u32)> = Vec::new();
            loop {
                let next = saver.pending.borrow().edits.iter().find(|e| e.waiting() == Waiting::Retry).map(|e| (e.object.clone(), e.id.clone()));
                let Some((object, id)) = next else { break };
                let (body, stamp) = {
                    let pending = saver.pending.borrow();
                    (pending.patch_body(&id), pending.stamp_of(&id).map(str::to_owned))
                };
                let Ok(record_id) = SfId::parse(&id) else {
                    saver.pending.borrow_mut().refused(&id, &[], Some("This record's id is not valid."));
                    saver.publish();
                    continue;
                };
                match saver.crm.update_unless_modified(&object, &record_id, &body, stamp.as_deref()).await {
                    Ok(()) => {
                        attempt = 0;
                        saver.pending.borrow_mut().saved(&id, &body);
                        saver.state.dispatch(Action::Offline(false));
                        let names = saver.names.borrow().clone();
                        if let Ok(describe) = saver.crm.describe(&object).await
                            && let Ok(record) = read_record(&saver.crm, &describe, &record_id, &names).await
                        {
                            saver.state.dispatch(Action::Reloaded(Rc::new(record), Rc::new(names)));
                        }
                    }
                    Err(e) if e.is_retryable() => {
                        if saver.wait_for_org(&e, &mut attempt).await {
                            continue;
                        }
                        saver.pending.borrow_mut().refused(&id, &[], Some(&e.user_message()));
                    }
                    // Changed by someone else since the rep read it: read it
                    // again and judge each field (`PendingEdits::modified`).
                    Err(ApiError::Modified) => {
                        let tries = match modified.iter_mut().find(|(m, _)| *m == id) {
                            Some((_, n)) => {
                                *n += 1;
                                *n
                            }
                            None => {
                                modified.push((id.clone(), 1));
                                1
                            }
                        };
                        if tries > MAX_REBASES {
                            let why = "This record keeps changing in Salesforce, so your change wasn't saved. Press Retry all to try again.";
                            saver.pending.borrow_mut().refused(&id, &[], Some(why));
                            saver.publish();
                            continue;
                        }
                        let names = saver.names.borrow().clone();
                        let fresh = match saver.crm.describe(&object).await {
                            Ok(describe) => read_record(&saver.crm, &describe, &record_id, &names).await,
                            Err(e) => Err(e),
                        };
                        match fresh {
                            Ok(record) => {
                                saver.pending.borrow_mut().modified(&id, Some(&record));
                                saver.state.dispatch(Action::Reloaded(Rc::new(record), Rc::new(names)));
                            }
                            Err(ApiError::NotFound) => saver.pending.borrow_mut().modified(&id, None),
                            // Unreachable now: the edits still wait; the next try reads it again.
                            Err(e) if e.is_retryable() && saver.wait_for_org(&e, &mut attempt).await => continue,
                            Err(e) => saver.pending.borrow_mut().refused(&id, &[], Some(&e.user_message())),
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
