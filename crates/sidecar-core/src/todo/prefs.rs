//! The user's own To Do settings: up to 10 labels with colors, labels on
//! tasks, stars, and the drag order. Stored in `chrome.storage.sync` under
//! [`storage_key`] (per user), never sent to the org. The JSON is stable
//! (camelCase) because it syncs between browsers that may run different versions.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub const MAX_LABELS: usize = 10;

/// The label colors offered (CSS colors, readable with white text).
pub const COLORS: [&str; 8] = ["#ba0517", "#dd7a01", "#2e844a", "#0176d3", "#5a1ba9", "#c23934", "#3e3e3c", "#0b827c"];

pub type LabelId = String;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub id: LabelId,
    pub name: String,
    pub color: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabelError {
    #[error("You can have up to 10 labels. Delete one to add another.")]
    TooMany,
    #[error("Give the label a name.")]
    NoName,
    #[error("You already have a label with that name.")]
    Duplicate,
    #[error("This label doesn't exist anymore.")]
    NotFound,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TodoPrefs {
    pub labels: Vec<Label>,
    /// Task id → its labels' ids.
    pub task_labels: BTreeMap<String, Vec<LabelId>>,
    pub starred: BTreeSet<String>,
    /// Task ids in the user's drag order.
    pub order: Vec<String>,
    /// Numbers new label ids, never reused.
    pub next_id: u32,
}

/// The `chrome.storage.sync` key of a user's prefs.
pub fn storage_key(user_id: &str) -> String {
    format!("todo.{user_id}")
}

impl TodoPrefs {
    pub fn from_json(json: Option<&str>) -> Self {
        json.and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default()
    }
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    /// Adds a label (trimmed name, unique ignoring case); answers its id.
    pub fn add_label(&mut self, name: &str, color: &str) -> Result<LabelId, LabelError> {
        let _ = (name, color);
        todo!("helper")
    }
    pub fn rename_label(&mut self, id: &str, name: &str) -> Result<(), LabelError> {
        let _ = (id, name);
        todo!("helper")
    }
    /// Deletes a label and takes it off every task.
    pub fn delete_label(&mut self, id: &str) -> Result<(), LabelError> {
        let _ = id;
        todo!("helper")
    }
    pub fn label(&self, id: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.id == id)
    }
    /// The labels on a task, in the labels' order.
    pub fn labels_of(&self, task_id: &str) -> Vec<&Label> {
        let _ = task_id;
        todo!("helper")
    }
    /// Puts a label on a task, or takes it off; answers whether it is on now.
    pub fn toggle_label(&mut self, task_id: &str, label: &str) -> Result<bool, LabelError> {
        let _ = (task_id, label);
        todo!("helper")
    }
    /// Stars or unstars a task; answers whether it is starred now.
    pub fn toggle_star(&mut self, task_id: &str) -> bool {
        let _ = task_id;
        todo!("helper")
    }
    pub fn is_starred(&self, task_id: &str) -> bool {
        self.starred.contains(task_id)
    }
    /// Drag and drop: `moved` goes just before `before` (to the end when
    /// `None`), within `shown` (the ids as currently listed), which becomes
    /// the manual order's prefix for those ids.
    pub fn move_task(&mut self, shown: &[String], moved: &str, before: Option<&str>) {
        let _ = (shown, moved, before);
        todo!("helper")
    }
    /// Forgets stars, labels and order of tasks no longer listed (done and
    /// older than a week, deleted), so the synced item stays small.
    pub fn prune(&mut self, listed: &[String]) {
        let _ = listed;
        todo!("helper")
    }
}
