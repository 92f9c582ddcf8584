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
    ///
    /// Checks in this order: [`LabelError::TooMany`] (already
    /// [`MAX_LABELS`]), [`LabelError::NoName`], [`LabelError::Duplicate`].
    /// The id is `l<next_id>` (skipping any id still in use), and `next_id`
    /// moves past it, so a deleted label's id never comes back. A blank
    /// `color` picks one of [`COLORS`] in turn.
    pub fn add_label(&mut self, name: &str, color: &str) -> Result<LabelId, LabelError> {
        if self.labels.len() >= MAX_LABELS {
            return Err(LabelError::TooMany);
        }
        let name = self.check_name(None, name)?;
        let mut n = self.next_id;
        while self.label(&format!("l{n}")).is_some() {
            n = n.saturating_add(1);
        }
        let id = format!("l{n}");
        self.next_id = n.saturating_add(1);
        let color = match color.trim() {
            "" => COLORS[self.labels.len() % COLORS.len()].to_owned(),
            c => c.to_owned(),
        };
        self.labels.push(Label { id: id.clone(), name, color });
        Ok(id)
    }
    /// Renames a label (trimmed, unique ignoring case among the others; a
    /// change of case alone is allowed).
    pub fn rename_label(&mut self, id: &str, name: &str) -> Result<(), LabelError> {
        if self.label(id).is_none() {
            return Err(LabelError::NotFound);
        }
        let name = self.check_name(Some(id), name)?;
        if let Some(label) = self.labels.iter_mut().find(|l| l.id == id) {
            label.name = name;
        }
        Ok(())
    }
    /// The trimmed `name`, if no label other than `except` has it (ignoring case).
    fn check_name(&self, except: Option<&str>, name: &str) -> Result<String, LabelError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(LabelError::NoName);
        }
        let folded = name.to_lowercase();
        let taken = self.labels.iter().any(|l| Some(l.id.as_str()) != except && l.name.trim().to_lowercase() == folded);
        if taken {
            return Err(LabelError::Duplicate);
        }
        Ok(name.to_owned())
    }
    /// Deletes a label and takes it off every task.
    pub fn delete_label(&mut self, id: &str) -> Result<(), LabelError> {
        let at = self.labels.iter().position(|l| l.id == id).ok_or(LabelError::NotFound)?;
        self.labels.remove(at);
        for ids in self.task_labels.values_mut() {
            ids.retain(|l| l != id);
        }
        self.task_labels.retain(|_, ids| !ids.is_empty());
        Ok(())
    }
    pub fn label(&self, id: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.id == id)
    }
    /// The labels on a task, in the labels' order.
    pub fn labels_of(&self, task_id: &str) -> Vec<&Label> {
        let Some(on) = self.task_labels.get(task_id) else { return Vec::new() };
        self.labels.iter().filter(|l| on.contains(&l.id)).collect()
    }
    /// Puts a label on a task, or takes it off; answers whether it is on now.
    /// [`LabelError::NotFound`] for a label that doesn't exist (deleted in
    /// another browser, say); a task left with no labels loses its entry.
    pub fn toggle_label(&mut self, task_id: &str, label: &str) -> Result<bool, LabelError> {
        if self.label(label).is_none() {
            return Err(LabelError::NotFound);
        }
        let ids = self.task_labels.entry(task_id.to_owned()).or_default();
        let on = if ids.iter().any(|l| l == label) {
            ids.retain(|l| l != label);
            false
        } else {
            ids.push(label.to_owned());
            true
        };
        if ids.is_empty() {
            self.task_labels.remove(task_id);
        }
        Ok(on)
    }
    /// Stars or unstars a task; answers whether it is starred now.
    pub fn toggle_star(&mut self, task_id: &str) -> bool {
        if self.starred.remove(task_id) {
            false
        } else {
            self.starred.insert(task_id.to_owned());
            true
        }
    }
    pub fn is_starred(&self, task_id: &str) -> bool {
        self.starred.contains(task_id)
    }
    /// Drag and drop: `moved` goes just before `before` (to the end when
    /// `None`), within `shown` (the ids as currently listed), which becomes
    /// the manual order's prefix for those ids.
    ///
    /// The new order is `shown` with `moved` in its new place, then the
    /// ids of the old order that are not shown, in their old order. A
    /// `before` that is not shown means the end; `before == moved` leaves
    /// `moved` where it is; a `moved` that is not shown is inserted too.
    pub fn move_task(&mut self, shown: &[String], moved: &str, before: Option<&str>) {
        let mut list: Vec<String> = Vec::with_capacity(shown.len() + 1);
        for id in shown {
            if !list.contains(id) {
                list.push(id.clone());
            }
        }
        if before != Some(moved) || !list.iter().any(|id| id == moved) {
            list.retain(|id| id != moved);
            let at = before.and_then(|b| list.iter().position(|id| id == b)).unwrap_or(list.len());
            list.insert(at, moved.to_owned());
        }
        let mut seen: BTreeSet<String> = list.iter().cloned().collect();
        for id in &self.order {
            if seen.insert(id.clone()) {
                list.push(id.clone());
            }
        }
        self.order = list;
    }
    /// Forgets stars, labels and order of tasks no longer listed (done and
    /// older than a week, deleted), so the synced item stays small.
    pub fn prune(&mut self, listed: &[String]) {
        let listed: BTreeSet<&str> = listed.iter().map(String::as_str).collect();
        self.task_labels.retain(|id, _| listed.contains(id.as_str()));
        self.starred.retain(|id| listed.contains(id.as_str()));
        self.order.retain(|id| listed.contains(id.as_str()));
    }
}
