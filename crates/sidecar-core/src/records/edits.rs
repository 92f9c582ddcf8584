//! Edits the org has not accepted yet. An edit stays here, with the user's
//! value, from the moment it is committed in an editor until the org saves
//! it: while offline, while a save is in flight, and after a refusal (with
//! the org's message). Nothing the user typed is dropped on a failure; the
//! panel persists this list so it survives closing the panel.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

/// One field of one record, as the user set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingEdit {
    pub object: String,
    pub id: String,
    pub field: String,
    /// The value as the REST body carries it (`fields::to_json`).
    pub value: Json,
    /// Why the last save failed, in words for the rep; `None` = not tried
    /// yet or waiting for the network.
    pub error: Option<String>,
}

/// Unsaved edits, at most one per (record, field): a newer value replaces
/// an older one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PendingEdits {
    pub edits: Vec<PendingEdit>,
}

impl PendingEdits {
    /// Records `value` for a field, replacing an earlier unsaved value.
    pub fn put(&mut self, object: &str, id: &str, field: &str, value: Json) {
        self.edits.retain(|e| !(e.id == id && e.field.eq_ignore_ascii_case(field)));
        self.edits.push(PendingEdit { object: object.into(), id: id.into(), field: field.into(), value, error: None });
    }

    pub fn get(&self, id: &str, field: &str) -> Option<&PendingEdit> {
        self.edits.iter().find(|e| e.id == id && e.field.eq_ignore_ascii_case(field))
    }

    /// Records with unsaved edits, each once, in the order first edited.
    pub fn records(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for e in &self.edits {
            if !out.iter().any(|(_, id)| *id == e.id) {
                out.push((e.object.clone(), e.id.clone()));
            }
        }
        out
    }

    /// The PATCH body saving every unsaved edit of record `id`.
    pub fn patch_body(&self, id: &str) -> Map<String, Json> {
        self.edits.iter().filter(|e| e.id == id).map(|e| (e.field.clone(), e.value.clone())).collect()
    }

    /// The org saved record `id` with the body of [`Self::patch_body`]:
    /// those edits are done (newer edits made meanwhile stay).
    pub fn saved(&mut self, id: &str, sent: &Map<String, Json>) {
        self.edits.retain(|e| !(e.id == id && sent.get(&e.field) == Some(&e.value)));
    }

    /// The org refused: field-level messages go to their fields, a general
    /// one to every edit of the record. The values stay.
    pub fn refused(&mut self, id: &str, by_field: &[(String, String)], general: Option<&str>) {
        for e in self.edits.iter_mut().filter(|e| e.id == id) {
            let own = by_field.iter().find(|(f, _)| f.eq_ignore_ascii_case(&e.field)).map(|(_, m)| m.as_str());
            e.error = own.or(general).map(str::to_owned);
        }
    }

    /// Forgets the unsaved value of a field (the user cancelled it).
    pub fn discard(&mut self, id: &str, field: &str) {
        self.edits.retain(|e| !(e.id == id && e.field.eq_ignore_ascii_case(field)));
    }
}
