//! Edits the org has not accepted yet. An edit stays here, with the rep's
//! value, from the moment it is committed in an editor until the org saves
//! it: while offline, while a save is in flight, after a refusal (with the
//! org's message), and while a conflict waits for the rep's choice. The
//! extension keeps the list in its storage (`settings::keys::PENDING_EDITS`),
//! so an edit survives a reload, a closed panel and a browser restart.
//!
//! An edit waits for one of three reasons ([`Waiting`]); only the first is
//! retried without the rep:
//! - `Retry`: the org could not be reached or was busy (offline, 5xx,
//!   limits): tried again after a pause (`api_error::Backoff`, chosen by the
//!   caller), at once when the org answers again ([`PendingEdits::reachable`]),
//!   and on "Retry all";
//! - `Refused`: the org said no (a validation rule, a required field): the
//!   same request would fail the same way, so it waits for the rep to change
//!   the value, "Retry all" (after an admin fixed the rule) or "Discard";
//! - `Conflict`: someone else changed the field after the rep read it
//!   (`edits::conflict`): it waits for Keep mine / Take theirs
//!   ([`PendingEdits::resolve`]).
//!
//! An edit belongs to the user who made it in the org it was made in
//! (`owner`); another user's edits are neither shown nor sent. The stored
//! form is the one earlier versions wrote (`object, id, field, value,
//! error`) with optional additions, so edits kept before an update are read.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use salesforce_rest::id::same_record;
use salesforce_rest::soql::DateTime;
use salesforce_rest::wire::Record;

use super::conflict::same_value;
use crate::api_error::ApiError;

/// What a screen says of an edit the org could not take yet (offline,
/// busy), kept here and sent later.
pub const KEPT: &str = "Not saved yet: kept on this computer, and sent when Salesforce can be reached.";

/// Where an edit was made, for the list of waiting changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    Workspace,
    Record,
    Todo,
}

/// What someone else saved in the field since the rep read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theirs {
    pub value: Json,
    /// The record's `LastModifiedDate` with their change, when known.
    #[serde(default)]
    pub stamp: Option<String>,
}

/// One field of one record, as the rep set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingEdit {
    pub object: String,
    /// The record's id.
    pub id: String,
    pub field: String,
    /// The rep's value, as the REST body carries it (`fields::to_json`).
    pub value: Json,
    /// The org refused the last save: why, in words for the rep.
    pub error: Option<String>,
    /// `<org's instance URL> <user id>`; empty for edits kept before owners
    /// were recorded, which belong to whoever is logged in.
    #[serde(default)]
    pub owner: String,
    /// The field's value when the rep read it: the conflict check's base.
    #[serde(default)]
    pub before: Option<Json>,
    /// The record's `LastModifiedDate` when the rep read it.
    #[serde(default)]
    pub stamp: Option<String>,
    /// The field's label and the record's name, for the list of waiting changes.
    #[serde(default)]
    pub label: String,
    #[serde(default, rename = "recordName")]
    pub record_name: String,
    #[serde(default)]
    pub origin: Option<Origin>,
    /// Why it waits for the org (offline, busy): the last try's words.
    #[serde(default)]
    pub unreachable: Option<String>,
    /// Automatic tries that found the org unreachable, for the backoff.
    #[serde(default)]
    pub attempts: u32,
    /// When to try again (milliseconds since the epoch); 0 = now.
    #[serde(default, rename = "nextTry")]
    pub next_try: i64,
    #[serde(default)]
    pub conflict: Option<Theirs>,
}

/// Why an edit still waits, derived from its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    Retry,
    Refused,
    Conflict,
}

impl PendingEdit {
    /// A new edit of `field` of record `id` to `value`.
    pub fn new(object: &str, id: &str, field: &str, value: Json) -> Self {
        Self {
            object: object.into(),
            id: id.into(),
            field: field.into(),
            value,
            error: None,
            owner: String::new(),
            before: None,
            stamp: None,
            label: String::new(),
            record_name: String::new(),
            origin: None,
            unreachable: None,
            attempts: 0,
            next_try: 0,
            conflict: None,
        }
    }

    pub fn waiting(&self) -> Waiting {
        if self.conflict.is_some() {
            Waiting::Conflict
        } else if self.error.is_some() {
            Waiting::Refused
        } else {
            Waiting::Retry
        }
    }

    fn is(&self, id: &str, field: &str) -> bool {
        same_record(&self.id, id) && self.field.eq_ignore_ascii_case(field)
    }

    /// Whether `owner` may see and send it.
    pub fn belongs_to(&self, owner: &str) -> bool {
        self.owner.is_empty() || self.owner == owner
    }
}

/// How a try to save a pending edit ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Saved,
    /// Worth trying again (`ApiError::is_retryable`) in `retry_in_ms`.
    Unreachable {
        reason: String,
        retry_in_ms: i64,
    },
    Refused(String),
    /// The conflict check found the field changed by someone else.
    Conflict(Theirs),
}

/// The rep's answer to a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Save the rep's value over theirs, now.
    KeepMine,
    /// Drop the rep's edit; the record keeps theirs.
    TakeTheirs,
}

/// Unsaved edits, at most one per (record, field), oldest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PendingEdits {
    pub edits: Vec<PendingEdit>,
}

impl PendingEdits {
    /// Records `value` for a field, replacing an earlier unsaved value.
    pub fn put(&mut self, object: &str, id: &str, field: &str, value: Json) {
        self.keep(PendingEdit::new(object, id, field, value));
    }

    /// Keeps `edit`, replacing an earlier unsaved value of the same field:
    /// the latest value is sent once, and the first edit's `before` and
    /// `stamp` stay (the conflict check compares with what the rep first
    /// read). The edit moves to the end: the newest is tried last.
    pub fn keep(&mut self, mut edit: PendingEdit) {
        if let Some(i) = self.edits.iter().position(|e| e.is(&edit.id, &edit.field)) {
            let old = self.edits.remove(i);
            if old.before.is_some() {
                edit.before = old.before;
                edit.stamp = old.stamp;
            }
        }
        self.edits.push(edit);
    }

    pub fn get(&self, id: &str, field: &str) -> Option<&PendingEdit> {
        self.edits.iter().find(|e| e.is(id, field))
    }

    /// `owner`'s edits, oldest first.
    pub fn of<'a>(&'a self, owner: &'a str) -> impl Iterator<Item = &'a PendingEdit> + 'a {
        self.edits.iter().filter(move |e| e.belongs_to(owner))
    }

    /// Records with unsaved edits, each once, in the order first edited.
    pub fn records(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for e in &self.edits {
            if !out.iter().any(|(_, id)| same_record(id, &e.id)) {
                out.push((e.object.clone(), e.id.clone()));
            }
        }
        out
    }

    /// `owner`'s edits to try at `now`: waiting for the org, their time come.
    pub fn due<'a>(&'a self, owner: &'a str, now: i64) -> impl Iterator<Item = &'a PendingEdit> + 'a {
        self.of(owner).filter(move |e| e.waiting() == Waiting::Retry && e.next_try <= now)
    }

    /// When `owner`'s next automatic try is due, if one waits for it.
    pub fn next_try(&self, owner: &str) -> Option<i64> {
        self.of(owner).filter(|e| e.waiting() == Waiting::Retry).map(|e| e.next_try).min()
    }

    /// The PATCH body saving every unsaved edit of record `id` (but those
    /// waiting for the rep's Keep mine / Take theirs).
    pub fn patch_body(&self, id: &str) -> Map<String, Json> {
        self.edits.iter().filter(|e| same_record(&e.id, id) && e.conflict.is_none()).map(|e| (e.field.clone(), e.value.clone())).collect()
    }

    /// The `LastModifiedDate` the record `id` must still have for its
    /// [`Self::patch_body`] to be saved (`If-Unmodified-Since`): the
    /// earliest of its edits' stamps, when every one has a stamp (edits
    /// kept before stamps were recorded are sent without the condition).
    pub fn stamp_of(&self, id: &str) -> Option<&str> {
        let mut stamps = self.edits.iter().filter(|e| same_record(&e.id, id) && e.conflict.is_none()).map(|e| e.stamp.as_deref());
        let first = stamps.next()??;
        stamps.try_fold(first, |earliest, stamp| {
            let stamp = stamp?;
            let later = matches!((DateTime::parse(stamp), DateTime::parse(earliest)), (Ok(a), Ok(b)) if a.unix_millis() >= b.unix_millis());
            Some(if later { earliest } else { stamp })
        })
    }

    /// The org refused record `id`'s conditional save: it changed after the
    /// rep read it (412). `fresh` is the record read again (`None`: gone).
    /// Each edit is judged by its field's value, as the Workspace's check
    /// does (`edits::conflict`): still what the rep first read (someone
    /// changed other fields), or already the rep's value, and its base moves
    /// to `fresh`, so the next try goes through; someone else's value, and
    /// it waits for Keep mine / Take theirs (as it does when the base is
    /// unknown); the record gone, and it is refused.
    pub fn modified(&mut self, id: &str, fresh: Option<&Record>) {
        for edit in self.edits.iter_mut().filter(|e| same_record(&e.id, id) && e.conflict.is_none()) {
            let Some(record) = fresh else {
                edit.error = Some(ApiError::NotFound.user_message());
                continue;
            };
            let now = record.get(&edit.field).cloned().unwrap_or(Json::Null);
            let stamp = record.get_str("LastModifiedDate").map(str::to_owned);
            // No base known: only the rep can tell whether theirs may go.
            let unchanged = edit.before.as_ref().is_some_and(|before| same_value(before, &now));
            if unchanged || same_value(&now, &edit.value) {
                edit.before = Some(now);
                edit.stamp = stamp;
            } else {
                edit.conflict = Some(Theirs { value: now, stamp });
            }
        }
    }

    /// The org saved record `id` with the body of [`Self::patch_body`]:
    /// those edits are done (newer edits made meanwhile stay).
    pub fn saved(&mut self, id: &str, sent: &Map<String, Json>) {
        self.edits.retain(|e| !(same_record(&e.id, id) && sent.get(&e.field) == Some(&e.value)));
    }

    /// The org refused: field-level messages go to their fields, a general
    /// one to every edit of the record. The values stay.
    pub fn refused(&mut self, id: &str, by_field: &[(String, String)], general: Option<&str>) {
        for e in self.edits.iter_mut().filter(|e| same_record(&e.id, id)) {
            let own = by_field.iter().find(|(f, _)| f.eq_ignore_ascii_case(&e.field)).map(|(_, m)| m.as_str());
            e.error = own.or(general).map(str::to_owned);
        }
    }

    /// Records how a try to save `value` into this field ended. An answer
    /// about a value the rep has changed since settles nothing: the newer
    /// value still waits, due now.
    pub fn settle(&mut self, id: &str, field: &str, value: &Json, outcome: Outcome, now: i64) {
        let Some(i) = self.edits.iter().position(|e| e.is(id, field)) else { return };
        let edit = &mut self.edits[i];
        if edit.value != *value {
            edit.next_try = now;
            return;
        }
        match outcome {
            Outcome::Saved => {
                self.edits.remove(i);
            }
            Outcome::Unreachable { reason, retry_in_ms } => {
                edit.unreachable = Some(reason);
                edit.attempts = edit.attempts.saturating_add(1);
                edit.next_try = now.saturating_add(retry_in_ms);
            }
            Outcome::Refused(reason) => edit.error = Some(reason),
            Outcome::Conflict(theirs) => edit.conflict = Some(theirs),
        }
    }

    /// The org answers again: `owner`'s edits waiting for it are due now.
    pub fn reachable(&mut self, owner: &str, now: i64) {
        for edit in self.edits.iter_mut().filter(|e| e.belongs_to(owner) && e.waiting() == Waiting::Retry) {
            edit.next_try = now;
        }
    }

    /// "Retry all": every edit of `owner` but the conflicts is tried now,
    /// refused ones included (an admin may have fixed the rule). A conflict
    /// still needs the rep's choice.
    pub fn retry_all(&mut self, owner: &str, now: i64) {
        for edit in self.edits.iter_mut().filter(|e| e.belongs_to(owner) && e.conflict.is_none()) {
            edit.error = None;
            edit.next_try = now;
        }
    }

    /// Forgets the unsaved value of a field (the rep cancelled or discarded it).
    pub fn discard(&mut self, id: &str, field: &str) {
        self.edits.retain(|e| !e.is(id, field));
    }

    /// The rep's answer to a conflict. Keep mine tries the rep's value now,
    /// with their change as the new base (so the check passes unless the
    /// field changes yet again); Take theirs drops the edit.
    pub fn resolve(&mut self, id: &str, field: &str, resolution: Resolution, now: i64) {
        let Some(i) = self.edits.iter().position(|e| e.is(id, field)) else { return };
        let Some(theirs) = self.edits[i].conflict.take() else { return };
        match resolution {
            Resolution::TakeTheirs => {
                self.edits.remove(i);
            }
            Resolution::KeepMine => {
                let edit = &mut self.edits[i];
                edit.before = Some(theirs.value);
                edit.stamp = theirs.stamp;
                edit.error = None;
                edit.attempts = 0;
                edit.next_try = now;
            }
        }
    }

    /// The line above a screen's list of waiting changes; `None` when none wait.
    pub fn summary(&self, owner: &str) -> Option<String> {
        let (mut total, mut conflicts, mut refused) = (0, 0, 0);
        for edit in self.of(owner) {
            total += 1;
            match edit.waiting() {
                Waiting::Conflict => conflicts += 1,
                Waiting::Refused => refused += 1,
                Waiting::Retry => {}
            }
        }
        if total == 0 {
            return None;
        }
        let changes = |n: usize| if n == 1 { "1 change".to_owned() } else { format!("{n} changes") };
        let was = |n: usize| if n == 1 { "1 was".to_owned() } else { format!("{n} were") };
        let mut line = format!("{} not saved yet, kept on this computer.", changes(total));
        let retried = total - conflicts - refused;
        if retried > 0 {
            let who = if retried == total { if total == 1 { "It".to_owned() } else { "They".to_owned() } } else { changes(retried) };
            line.push_str(&format!(" {who} will be sent when Salesforce can be reached."));
        }
        if refused > 0 {
            line.push_str(&format!(" {} refused by Salesforce: change or discard.", was(refused)));
        }
        if conflicts > 0 {
            line.push_str(&format!(" {} also changed by someone else: choose which value to keep.", was(conflicts)));
        }
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ME: &str = "https://acme.my.salesforce.com 005000000000001AAA";
    const OTHER: &str = "https://acme.my.salesforce.com 005000000000002AAA";
    const OPP: &str = "006000000000001AAA";

    fn edit(owner: &str, field: &str, before: Json, value: Json) -> PendingEdit {
        PendingEdit {
            owner: owner.into(),
            before: Some(before),
            stamp: Some("2026-12-01T09:00:00.000+0000".into()),
            origin: Some(Origin::Workspace),
            ..PendingEdit::new("Opportunity", OPP, field, value)
        }
    }

    fn offline(ms: i64) -> Outcome {
        Outcome::Unreachable { reason: "You're offline.".into(), retry_in_ms: ms }
    }

    #[test]
    fn a_second_edit_of_the_same_field_keeps_the_first_base() {
        let mut pending = PendingEdits::default();
        pending.keep(edit(ME, "Amount", json!(100), json!(200)));
        pending.keep(PendingEdit { stamp: Some("later".into()), ..edit(ME, "amount", json!(200), json!(300)) });
        assert_eq!(pending.edits.len(), 1);
        let kept = &pending.edits[0];
        assert_eq!((&kept.before, &kept.value, kept.stamp.as_deref()), (&Some(json!(100)), &json!(300), Some("2026-12-01T09:00:00.000+0000")));
        // The 15-character form of the id is the same record.
        assert!(pending.get(&OPP[..15], "AMOUNT").is_some());
    }

    #[test]
    fn edits_belong_to_their_owner() {
        let mut pending = PendingEdits::default();
        pending.keep(edit(ME, "Amount", json!(1), json!(2)));
        pending.keep(PendingEdit { id: "006000000000002AAA".into(), ..edit(OTHER, "Amount", json!(1), json!(3)) });
        // Kept by an earlier version: no owner, so it is whoever's logged in.
        pending.put("Lead", "00Q000000000001AAA", "Title", json!("CFO"));
        let mine: Vec<&str> = pending.of(ME).map(|e| e.field.as_str()).collect();
        assert_eq!(mine, ["Amount", "Title"]);
        assert_eq!(pending.due(OTHER, 0).count(), 2);
        assert_eq!(
            pending.summary(OTHER).expect("the test's value"),
            "2 changes not saved yet, kept on this computer. They will be sent when Salesforce can be reached."
        );
    }

    /// Each outcome of a try: still pending? waiting for what? attempts.
    #[test]
    fn how_a_try_ends() {
        let cases: Vec<(Outcome, Option<(Waiting, u32)>)> = vec![
            (Outcome::Saved, None),
            (offline(5000), Some((Waiting::Retry, 1))),
            (Outcome::Refused("Amount: must be positive".into()), Some((Waiting::Refused, 0))),
            (Outcome::Conflict(Theirs { value: json!(150), stamp: None }), Some((Waiting::Conflict, 0))),
        ];
        for (outcome, want) in cases {
            let mut pending = PendingEdits::default();
            pending.keep(edit(ME, "Amount", json!(100), json!(200)));
            pending.settle(OPP, "Amount", &json!(200), outcome.clone(), 1000);
            assert_eq!(pending.get(OPP, "Amount").map(|e| (e.waiting(), e.attempts)), want, "{outcome:?}");
        }
    }

    #[test]
    fn unreachable_tries_wait_their_turn() {
        let mut pending = PendingEdits::default();
        pending.keep(edit(ME, "Amount", json!(100), json!(200)));
        assert_eq!(pending.due(ME, 0).count(), 1);
        pending.settle(OPP, "Amount", &json!(200), offline(15_000), 1_000);
        assert_eq!(pending.next_try(ME), Some(16_000));
        assert_eq!(pending.due(ME, 15_999).count(), 0);
        assert_eq!(pending.due(ME, 16_000).count(), 1);
        assert_eq!(pending.get(OPP, "Amount").and_then(|e| e.unreachable.as_deref()), Some("You're offline."));
        // The org answers again: due at once.
        pending.reachable(ME, 2_000);
        assert_eq!(pending.due(ME, 2_000).count(), 1);
    }

    #[test]
    fn an_answer_for_an_older_value_does_not_settle_a_newer_one() {
        let mut pending = PendingEdits::default();
        pending.keep(edit(ME, "Amount", json!(100), json!(200)));
        // While 200 was on its way, the rep typed 300.
        pending.keep(edit(ME, "Amount", json!(200), json!(300)));
        pending.settle(OPP, "Amount", &json!(200), Outcome::Saved, 50);
        assert_eq!(pending.get(OPP, "Amount").map(|e| &e.value), Some(&json!(300)));
        assert_eq!(pending.due(ME, 50).count(), 1);
    }

    #[test]
    fn retry_all_discard_and_conflict_choices() {
        let mut pending = PendingEdits::default();
        pending.keep(edit(ME, "Amount", json!(100), json!(200)));
        pending.keep(edit(ME, "StageName", json!("Prospecting"), json!("Closed Won")));
        pending.keep(edit(ME, "CloseDate", json!("2026-12-01"), json!("2026-12-24")));
        pending.settle(OPP, "Amount", &json!(200), Outcome::Refused("Amount: must be positive".into()), 0);
        let theirs = Theirs { value: json!("Negotiation"), stamp: Some("s2".into()) };
        pending.settle(OPP, "StageName", &json!("Closed Won"), Outcome::Conflict(theirs), 0);
        pending.settle(OPP, "CloseDate", &json!("2026-12-24"), offline(60_000), 0);

        // Retry all: the refused one is due too; the conflict is not.
        pending.retry_all(ME, 7);
        let due: Vec<&str> = pending.due(ME, 7).map(|e| e.field.as_str()).collect();
        assert_eq!(due, ["Amount", "CloseDate"]);

        // Keep mine: their value is the new base, tried now.
        pending.resolve(OPP, "StageName", Resolution::KeepMine, 9);
        let kept = pending.get(OPP, "StageName").expect("the test's value");
        assert_eq!(
            (&kept.before, kept.stamp.as_deref(), &kept.value, kept.waiting()),
            (&Some(json!("Negotiation")), Some("s2"), &json!("Closed Won"), Waiting::Retry)
        );
        assert_eq!(pending.due(ME, 9).count(), 3);

        // Take theirs drops a conflicted edit; resolving a non-conflict does nothing.
        pending.settle(OPP, "StageName", &json!("Closed Won"), Outcome::Conflict(Theirs { value: json!("Closed Lost"), stamp: None }), 10);
        pending.resolve(OPP, "Amount", Resolution::TakeTheirs, 10);
        assert!(pending.get(OPP, "Amount").is_some());
        pending.resolve(OPP, "StageName", Resolution::TakeTheirs, 10);
        assert!(pending.get(OPP, "StageName").is_none());

        pending.discard(OPP, "closedate");
        assert_eq!(pending.of(ME).map(|e| e.field.as_str()).collect::<Vec<_>>(), ["Amount"]);
    }

    #[test]
    fn the_summary_says_what_will_happen() {
        let mut pending = PendingEdits::default();
        assert_eq!(pending.summary(ME), None);
        pending.keep(edit(ME, "Amount", json!(100), json!(200)));
        assert_eq!(
            pending.summary(ME).expect("the test's value"),
            "1 change not saved yet, kept on this computer. It will be sent when Salesforce can be reached."
        );
        pending.keep(edit(ME, "StageName", json!("A"), json!("B")));
        pending.keep(edit(ME, "CloseDate", json!("A"), json!("B")));
        pending.settle(OPP, "StageName", &json!("B"), Outcome::Refused("no".into()), 0);
        pending.settle(OPP, "CloseDate", &json!("B"), Outcome::Conflict(Theirs { value: json!("C"), stamp: None }), 0);
        assert_eq!(
            pending.summary(ME).expect("the test's value"),
            "3 changes not saved yet, kept on this computer. 1 change will be sent when Salesforce can be reached. \
             1 was refused by Salesforce: change or discard. 1 was also changed by someone else: choose which value to keep."
        );
        assert_eq!(pending.summary(OTHER), None);
    }

    #[test]
    fn edits_kept_by_an_earlier_version_are_read() {
        let stored = r#"{"edits":[{"object":"Lead","id":"00QA","field":"Title","value":"VP","error":null},
                                  {"object":"Lead","id":"00QA","field":"Phone","value":"555","error":"Phone: too long"}]}"#;
        let pending: PendingEdits = serde_json::from_str(stored).expect("the test's value");
        assert_eq!(pending.edits.iter().map(PendingEdit::waiting).collect::<Vec<_>>(), [Waiting::Retry, Waiting::Refused]);
        assert_eq!(pending.edits[0], PendingEdit::new("Lead", "00QA", "Title", json!("VP")));
        let round: PendingEdits = serde_json::from_str(&serde_json::to_string(&pending).expect("the test's value")).expect("the test's value");
        assert_eq!(round, pending);
    }
}

#[cfg(test)]
mod conditional_tests {
    use serde_json::json;

    use super::*;

    const ID: &str = "003000000000001AAA";

    fn kept(field: &str, before: Option<Json>, value: Json, stamp: Option<&str>) -> PendingEdit {
        PendingEdit { before, stamp: stamp.map(str::to_owned), ..PendingEdit::new("Contact", ID, field, value) }
    }

    #[test]
    fn the_condition_is_the_earliest_stamp_when_every_edit_has_one() {
        let cases: [(&[Option<&str>], Option<&str>); 4] = [
            (&[Some("2026-12-01T09:00:05.000+0000"), Some("2026-12-01T08:00:00.000+0000")], Some("2026-12-01T08:00:00.000+0000")),
            (&[Some("2026-12-01T09:00:05.000+0000")], Some("2026-12-01T09:00:05.000+0000")),
            // An edit kept before stamps were recorded: sent without the condition.
            (&[Some("2026-12-01T09:00:05.000+0000"), None], None),
            (&[], None),
        ];
        for (stamps, want) in cases {
            let mut pending = PendingEdits::default();
            for (i, stamp) in stamps.iter().enumerate() {
                pending.keep(kept(&format!("F{i}"), Some(json!("a")), json!("b"), *stamp));
            }
            assert_eq!(pending.stamp_of(ID), want, "{stamps:?}");
        }
    }

    #[test]
    fn a_changed_record_is_judged_field_by_field() {
        let mut pending = PendingEdits::default();
        pending.keep(kept("Title", Some(json!("VP")), json!("CEO"), Some("2026-12-01T09:00:00.000+0000")));
        pending.keep(kept("Phone", Some(json!("555")), json!("556"), Some("2026-12-01T09:00:00.000+0000")));
        pending.keep(kept("Email", Some(json!("a@x.com")), json!("b@x.com"), Some("2026-12-01T09:00:00.000+0000")));
        pending.keep(kept("Department", None, json!("Sales"), Some("2026-12-01T09:00:00.000+0000")));
        let fresh: Record = serde_json::from_value(json!({
            "attributes": {"type": "Contact"}, "Id": ID, "LastModifiedDate": "2026-12-02T10:00:00.000+0000",
            // Title: someone else's value; Phone: untouched (another field changed);
            // Email: already the rep's; Department: base unknown.
            "Title": "CTO", "Phone": "555", "Email": "b@x.com", "Department": "Ops"
        }))
        .expect("record");
        pending.modified(ID, Some(&fresh));
        let stamp = Some("2026-12-02T10:00:00.000+0000".to_owned());
        let state = |field: &str| pending.get(ID, field).map(|e| (e.waiting(), e.before.clone(), e.stamp.clone())).expect("kept");
        assert_eq!(state("Title").0, Waiting::Conflict);
        assert_eq!(pending.get(ID, "Title").and_then(|e| e.conflict.clone()), Some(Theirs { value: json!("CTO"), stamp: stamp.clone() }));
        assert_eq!(state("Phone"), (Waiting::Retry, Some(json!("555")), stamp.clone()), "rebased: the next try goes through");
        assert_eq!(state("Email"), (Waiting::Retry, Some(json!("b@x.com")), stamp.clone()));
        assert_eq!(state("Department").0, Waiting::Conflict, "no base: the rep decides");
        // The next try sends the rebased fields, with the new condition; the conflicts wait.
        assert_eq!(Json::Object(pending.patch_body(ID)), json!({"Phone": "556", "Email": "b@x.com"}));
        assert_eq!(pending.stamp_of(ID), stamp.as_deref());

        pending.modified(ID, None);
        assert_eq!(pending.get(ID, "Phone").and_then(|e| e.error.clone()), Some(ApiError::NotFound.user_message()), "the record is gone");
    }
}
