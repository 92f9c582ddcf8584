//! Saved workspaces: what each one retrieves (object, columns, owner scope,
//! AND filters, sort), the four defaults, the rules of the list (at most 10
//! per user, deleting the last brings the defaults back) and where the list
//! is stored (`chrome.storage.sync`, or local when over sync's quota).
//!
//! The JSON is stable (camelCase keys, enum names spelled out) because it
//! syncs between the user's browsers, which may run different versions.

use serde::{Deserialize, Serialize};

/// A user has at most this many workspaces, defaults included.
pub const MAX_WORKSPACES: usize = 10;
/// The grid never holds more records than this.
pub const MAX_RECORDS: u64 = 2000;
pub use crate::sync_quota::{SYNC_ITEM_BYTES, SYNC_TOTAL_BYTES};

/// Whose records: "records I own" or "all records I can see".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    #[default]
    Mine,
    All,
}

/// A filter operator; [`super::query::ops_for`] says which a field type takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Op {
    Equals,
    NotEquals,
    LessThan,
    GreaterThan,
    LessOrEqual,
    GreaterOrEqual,
    /// Text containing the value (`LIKE '%value%'`, wildcards escaped).
    Contains,
    StartsWith,
    /// Multi-select picklists: any of the values is selected.
    Includes,
    Excludes,
    IsEmpty,
    NotEmpty,
}

impl Op {
    /// How the Manage Workspace dialog and the filter summary name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Equals => "equals",
            Self::NotEquals => "doesn't equal",
            Self::LessThan => "is less than",
            Self::GreaterThan => "is greater than",
            Self::LessOrEqual => "is at most",
            Self::GreaterOrEqual => "is at least",
            Self::Contains => "contains",
            Self::StartsWith => "starts with",
            Self::Includes => "includes",
            Self::Excludes => "excludes",
            Self::IsEmpty => "is empty",
            Self::NotEmpty => "isn't empty",
        }
    }

    /// Whether the operator takes a value (is empty / isn't empty do not).
    pub fn needs_value(self) -> bool {
        !matches!(self, Self::IsEmpty | Self::NotEmpty)
    }
}

/// `field op value`; a workspace's filters are combined with AND.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// A field path of the workspace's object (`StageName`, `Account.Industry`).
    pub field: String,
    pub op: Op,
    /// As the user wrote it (`Prospecting`, `NEXT_WEEK`, `1,000`); parsed
    /// per the field's type when the query is built.
    #[serde(default)]
    pub value: String,
}

impl Filter {
    pub fn new(field: &str, op: Op, value: &str) -> Self {
        Self { field: field.to_owned(), op, value: value.to_owned() }
    }
}

/// The order records are retrieved (and first shown) in; nulls last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub field: String,
    #[serde(default)]
    pub descending: bool,
}

/// One saved workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: String,
    pub name: String,
    /// API name of the object (`Opportunity`, `Invoice__c`).
    pub object: String,
    /// Field paths, parents' fields included (`Account.Name`); `Id` is
    /// always retrieved and need not be listed.
    pub columns: Vec<String>,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub filters: Vec<Filter>,
    pub sort: Sort,
}

impl Workspace {
    fn new(id: &str, name: &str, object: &str, columns: &[&str], scope: Scope, sort: (&str, bool)) -> Self {
        Self {
            id: id.to_owned(),
            name: name.to_owned(),
            object: object.to_owned(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            scope,
            filters: Vec::new(),
            sort: Sort { field: sort.0.to_owned(), descending: sort.1 },
        }
    }

    fn with_filter(mut self, filter: Filter) -> Self {
        self.filters.push(filter);
        self
    }
}

/// The four workspaces every user starts with (and gets back after
/// deleting the last one).
pub fn defaults() -> Vec<Workspace> {
    vec![
        Workspace::new(
            "default-leads",
            "My Latest Leads",
            "Lead",
            &["Name", "Company", "Status", "Email", "Phone", "CreatedDate"],
            Scope::Mine,
            ("CreatedDate", true),
        )
        .with_filter(Filter::new("IsConverted", Op::Equals, "false")),
        Workspace::new(
            "default-opportunities",
            "My Open Opportunities",
            "Opportunity",
            &["AccountId", "Name", "Amount", "CloseDate", "StageName"],
            Scope::Mine,
            ("CloseDate", true),
        )
        .with_filter(Filter::new("IsClosed", Op::Equals, "false")),
        Workspace::new(
            "default-contacts",
            "Recently Updated Contacts",
            "Contact",
            &["Name", "AccountId", "Title", "Email", "Phone", "LastModifiedDate"],
            Scope::All,
            ("LastModifiedDate", true),
        ),
        Workspace::new(
            "default-accounts",
            "Recently Updated Accounts",
            "Account",
            &["Name", "Type", "Industry", "Phone", "BillingCity", "LastModifiedDate"],
            Scope::All,
            ("LastModifiedDate", true),
        ),
    ]
}

/// Why a change to the list was refused, in words for the rep.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkspaceError {
    #[error("You can have up to 10 workspaces. Delete one to add another.")]
    TooMany,
    #[error("This workspace doesn't exist anymore.")]
    NotFound,
    #[error("Give the workspace a name.")]
    NoName,
    #[error("Choose at least one column.")]
    NoColumns,
    #[error("Choose an object.")]
    NoObject,
}

/// The user's workspaces, in the order shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Workspaces {
    /// The JSON layout's version, for a later migration.
    #[serde(default = "layout_version")]
    pub version: u32,
    pub items: Vec<Workspace>,
    /// Numbers new ids (`ws-<n>`), never reused, so a stale id in an open
    /// tab cannot name another workspace.
    #[serde(default)]
    pub next_id: u32,
}

fn layout_version() -> u32 {
    1
}

impl Default for Workspaces {
    fn default() -> Self {
        Self { version: layout_version(), items: defaults(), next_id: 1 }
    }
}

impl Workspaces {
    /// The stored list; the defaults when nothing (or nothing readable) is stored.
    pub fn from_json(json: Option<&str>) -> Self {
        match json.and_then(|j| serde_json::from_str::<Self>(j).ok()) {
            Some(list) if !list.items.is_empty() => list,
            _ => Self::default(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn get(&self, id: &str) -> Option<&Workspace> {
        self.items.iter().find(|w| w.id == id)
    }

    /// Adds `workspace` with a new id (its own is ignored) and returns the id.
    pub fn add(&mut self, mut workspace: Workspace) -> Result<String, WorkspaceError> {
        if self.items.len() >= MAX_WORKSPACES {
            return Err(WorkspaceError::TooMany);
        }
        check(&workspace)?;
        let mut n = self.next_id.max(1);
        while self.get(&format!("ws-{n}")).is_some() {
            n += 1;
        }
        workspace.id = format!("ws-{n}");
        self.next_id = n + 1;
        let id = workspace.id.clone();
        self.items.push(workspace);
        Ok(id)
    }

    /// Replaces the workspace with `workspace.id`.
    pub fn update(&mut self, workspace: Workspace) -> Result<(), WorkspaceError> {
        check(&workspace)?;
        let slot = self.items.iter_mut().find(|w| w.id == workspace.id).ok_or(WorkspaceError::NotFound)?;
        *slot = workspace;
        Ok(())
    }

    /// Deletes a workspace; deleting the last one brings the defaults back.
    pub fn delete(&mut self, id: &str) -> Result<(), WorkspaceError> {
        let before = self.items.len();
        self.items.retain(|w| w.id != id);
        if self.items.len() == before {
            return Err(WorkspaceError::NotFound);
        }
        if self.items.is_empty() {
            self.items = defaults();
        }
        Ok(())
    }
}

fn check(workspace: &Workspace) -> Result<(), WorkspaceError> {
    if workspace.name.trim().is_empty() {
        return Err(WorkspaceError::NoName);
    }
    if workspace.object.trim().is_empty() {
        return Err(WorkspaceError::NoObject);
    }
    if workspace.columns.is_empty() {
        return Err(WorkspaceError::NoColumns);
    }
    Ok(())
}
