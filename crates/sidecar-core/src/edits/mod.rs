//! Never losing an edit, and never overwriting a colleague's without asking.
//! The pieces every editing screen shares, as plain data with their rules:
//! - [`Change`]: one saved change (a cell, a bulk edit, a paste) as the
//!   fields it set, each from `before` to `after`, and the requests that save
//!   it (one `PATCH composite/sobjects` per 200 records, Salesforce's limit);
//! - [`conflict`]: before a change is sent, one query re-reads the fields it
//!   sets; a field someone else changed since is a conflict for the rep to
//!   settle, never overwritten;
//! - [`history`]: the Workspace's undo and redo of saved changes;
//! - [`pending`]: edits that could not be saved, kept in the extension's
//!   storage and tried again;
//! - [`tsv`]: blocks of cells pasted from (and copied to) spreadsheets.

pub mod conflict;
pub mod history;
pub mod pending;
pub mod tsv;

use salesforce_rest::id::same_record;
use salesforce_rest::wire::{CollectionRequest, Record};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// The most records one `composite/sobjects` request may carry
/// (Salesforce's sObject Collections limit).
pub const RECORDS_PER_REQUEST: usize = 200;

/// One field of one record set from `before` (what the rep saw) to `after`
/// (what the rep chose), as the REST body carries the values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellEdit {
    pub record_id: String,
    pub field: String,
    pub before: Json,
    pub after: Json,
}

/// One change the rep made at once: a cell, a bulk edit of the selected
/// rows, a paste, a fill-down. Saved, undone and redone as one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub object: String,
    pub edits: Vec<CellEdit>,
}

impl Change {
    /// The change that takes this one back: every field from `after` to `before`.
    pub fn inverse(&self) -> Self {
        let edits = self
            .edits
            .iter()
            .map(|e| CellEdit { record_id: e.record_id.clone(), field: e.field.clone(), before: e.after.clone(), after: e.before.clone() })
            .collect();
        Self { object: self.object.clone(), edits }
    }

    /// The records it touches, each once, in first-edit order.
    pub fn record_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for edit in &self.edits {
            if !ids.iter().any(|id| same_record(id, &edit.record_id)) {
                ids.push(&edit.record_id);
            }
        }
        ids
    }

    /// The bodies of `PATCH composite/sobjects` that save it: one record
    /// per touched record with all its fields, at most
    /// [`RECORDS_PER_REQUEST`] per request, `allOrNone: false` so the rows
    /// that pass are saved even when others fail.
    pub fn requests(&self) -> Vec<CollectionRequest<Record>> {
        let records: Vec<Record> = self
            .record_ids()
            .into_iter()
            .map(|id| {
                let fields = self.edits.iter().filter(|e| same_record(&e.record_id, id));
                fields.fold(Record::new(self.object.clone()).with("id", id.to_owned()), |record, e| record.with(e.field.clone(), e.after.clone()))
            })
            .collect();
        records.chunks(RECORDS_PER_REQUEST).map(|chunk| CollectionRequest { all_or_none: false, records: chunk.to_vec() }).collect()
    }

    /// The part of this change whose records are in `ids` (saved ones,
    /// clear ones), and the rest.
    pub fn split(&self, ids: &[String]) -> (Self, Self) {
        let (inside, outside): (Vec<CellEdit>, Vec<CellEdit>) = self.edits.iter().cloned().partition(|e| ids.iter().any(|id| same_record(id, &e.record_id)));
        (Self { object: self.object.clone(), edits: inside }, Self { object: self.object.clone(), edits: outside })
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cell(id: &str, field: &str, before: Json, after: Json) -> CellEdit {
        CellEdit { record_id: id.into(), field: field.into(), before, after }
    }

    #[test]
    fn a_change_saves_each_record_once_with_all_its_fields() {
        let change = Change {
            object: "Opportunity".into(),
            edits: vec![
                cell("006000000000001AAA", "Amount", json!(1), json!(2)),
                cell("006000000000002AAA", "Amount", json!(1), json!(3)),
                cell("006000000000001", "StageName", json!("A"), json!("B")),
            ],
        };
        let requests = change.requests();
        assert_eq!(requests.len(), 1);
        let body = serde_json::to_value(&requests[0]).expect("the test's value");
        assert_eq!(
            body,
            json!({"allOrNone": false, "records": [
                {"attributes": {"type": "Opportunity"}, "id": "006000000000001AAA", "Amount": 2, "StageName": "B"},
                {"attributes": {"type": "Opportunity"}, "id": "006000000000002AAA", "Amount": 3},
            ]})
        );
        let back = change.inverse();
        assert_eq!(back.edits[2], cell("006000000000001", "StageName", json!("B"), json!("A")));
        assert_eq!(back.inverse(), change);
    }

    #[test]
    fn more_than_200_records_take_as_few_requests_as_possible() {
        for (rows, want) in [(1, vec![1]), (200, vec![200]), (201, vec![200, 1]), (450, vec![200, 200, 50])] {
            let edits = (0..rows).map(|i| cell(&format!("006{i:012}AAA"), "Amount", json!(0), json!(i))).collect();
            let sizes: Vec<usize> = Change { object: "Opportunity".into(), edits }.requests().iter().map(|r| r.records.len()).collect();
            assert_eq!(sizes, want, "{rows} rows");
        }
    }

    #[test]
    fn splitting_by_record() {
        let change = Change {
            object: "Lead".into(),
            edits: vec![cell("00Q000000000001EAA", "Title", json!(null), json!("CFO")), cell("00Q000000000002EAA", "Title", json!(null), json!("CEO"))],
        };
        let (saved, rest) = change.split(&["00Q000000000002".into()]);
        assert_eq!(saved.edits.len(), 1);
        assert_eq!(saved.edits[0].after, json!("CEO"));
        assert_eq!(rest.record_ids(), ["00Q000000000001EAA"]);
    }
}
