//! Loading a workspace: describe the fields its columns, filters and sort
//! name (following lookups to their parents), then retrieve its records
//! batch by batch (query, then `nextRecordsUrl`) up to 2,000, reporting
//! each batch so the grid and its progress line fill in as they arrive.

use std::collections::HashMap;

use salesforce_rest::wire::Record;
use salesforce_rest::{DescribeGlobal, SObjectDescribe};
use sidecar_core::api_error::ApiError;
use sidecar_core::fields::EditContext;
use sidecar_core::workspace::columns::{Resolved, key, resolve, unreadable};
use sidecar_core::workspace::grid::Row;
use sidecar_core::workspace::model::MAX_RECORDS;
use sidecar_core::workspace::model::Workspace;
use sidecar_core::workspace::page::Action;
use sidecar_core::workspace::query::{left_out, records_query, wants_more};
use sidecar_core::workspace::{ColumnSpec, MoneyPaths};
use yew::Callback;

use crate::api::Crm;

/// Describes fetched so far, by [`key`], shared by every path of one load
/// (and by the Manage Workspace dialog).
#[derive(Default, Clone)]
pub struct Describes {
    pub global: Option<std::rc::Rc<DescribeGlobal>>,
    pub objects: HashMap<String, SObjectDescribe>,
}

impl Describes {
    /// Resolves `path` from `object`, describing objects as the path needs.
    pub async fn column(&mut self, crm: &Crm, object: &str, path: &str) -> Result<Result<ColumnSpec, String>, ApiError> {
        if self.global.is_none() {
            self.global = Some(crm.describe_global().await?);
        }
        loop {
            match resolve(object, path, &self.objects, self.global.as_deref()) {
                Resolved::Column(column) => return Ok(Ok(column)),
                Resolved::Unknown(why) => return Ok(Err(why)),
                Resolved::NeedDescribe(name) => {
                    let describe = crm.describe(&name).await?;
                    self.objects.insert(key(&name), (*describe).clone());
                }
                // Only for the lookup's name: a target this user cannot
                // describe leaves the column showing ids.
                Resolved::NeedNameDescribe(name) => {
                    let describe = match crm.describe(&name).await {
                        Ok(describe) => (*describe).clone(),
                        Err(ApiError::Offline) => return Err(ApiError::Offline),
                        Err(_) => unreadable(&name),
                    };
                    self.objects.insert(key(&name), describe);
                }
            }
        }
    }

    /// The paths of `paths` the org's describes have: an amount's currency
    /// (`None` when the object has no `CurrencyIsoCode`), and its day.
    pub async fn money(&mut self, crm: &Crm, object: &str, paths: MoneyPaths) -> Result<Option<MoneyPaths>, ApiError> {
        if self.column(crm, object, &paths.currency).await?.is_err() {
            return Ok(None);
        }
        let day = match paths.day {
            Some(day) if self.column(crm, object, &day).await?.is_ok() => Some(day),
            _ => None,
        };
        Ok(Some(MoneyPaths { currency: paths.currency, day }))
    }

    /// The workspace's columns (those that can be shown; the others are
    /// named in the second value) and every field it uses.
    pub async fn workspace_columns(&mut self, crm: &Crm, workspace: &Workspace) -> Result<(Vec<ColumnSpec>, Vec<ColumnSpec>, Vec<String>), ApiError> {
        let mut columns = Vec::new();
        let mut known: Vec<ColumnSpec> = Vec::new();
        let mut skipped = Vec::new();
        for path in &workspace.columns {
            match self.column(crm, &workspace.object, path).await? {
                Ok(column) => {
                    known.push(column.clone());
                    columns.push(column);
                }
                Err(why) => skipped.push(why),
            }
        }
        let others = workspace.filters.iter().map(|f| &f.field).chain(std::iter::once(&workspace.sort.field));
        for path in others {
            if known.iter().any(|c| c.path.eq_ignore_ascii_case(path)) {
                continue;
            }
            // An unknown filter or sort field is left out of the query, with a note (query::left_out).
            if let Ok(column) = self.column(crm, &workspace.object, path).await? {
                known.push(column);
            }
        }
        Ok((columns, known, skipped))
    }
}

/// Loads `workspace` for load `generation`, dispatching `Columns`, then a
/// `Batch` per query batch, or `LoadFailed`.
pub async fn load(crm: Crm, workspace: Workspace, user_id: String, ctx: EditContext, generation: u64, dispatch: Callback<Action>) {
    let fail = |message: String| Action::LoadFailed { generation, message };
    let mut describes = Describes::default();
    let (mut columns, mut known, skipped) = match describes.workspace_columns(&crm, &workspace).await {
        Ok(found) => found,
        Err(e) => return dispatch.emit(fail(e.user_message())),
    };
    if let Some(rates) = ctx.rates.as_deref() {
        let dated = !rates.dated.is_empty();
        for column in columns.iter_mut() {
            let Some(paths) = column.money_paths(&workspace.object, dated) else { continue };
            column.money = match describes.money(&crm, &workspace.object, paths).await {
                Ok(money) => money,
                Err(e) => return dispatch.emit(fail(e.user_message())),
            };
            if let Some(same) = known.iter_mut().find(|k| k.path == column.path) {
                same.money = column.money.clone();
            }
        }
    }
    if columns.is_empty() {
        return dispatch.emit(fail(format!("None of this workspace's columns can be shown: {}", skipped.join(" "))));
    }
    let query = match records_query(&Workspace { columns: columns.iter().map(|c| c.path.clone()).collect(), ..workspace.clone() }, &known, &user_id, &ctx) {
        Ok(q) => q,
        Err(e) => return dispatch.emit(fail(format!("{e} Edit the workspace to fix it."))),
    };
    // What the org's describe no longer allows is left out of the query, said here.
    let mut notes = Vec::new();
    if !skipped.is_empty() {
        notes.push(format!("Some columns can't be shown: {}", skipped.join(" ")));
    }
    notes.extend(left_out(&workspace, &known));
    if !notes.is_empty() {
        dispatch.emit(Action::Notice(Some(format!("{} Edit the workspace to fix it.", notes.join(" ")))));
    }
    dispatch.emit(Action::Columns { generation, columns: columns.clone(), known });
    let mut page = match crm.query::<Record>(&query).await {
        Ok(page) => page,
        Err(e) => return dispatch.emit(fail(e.user_message())),
    };
    let total = page.total_size;
    let mut loaded = 0;
    loop {
        // The query asks for one row more than the grid holds (its
        // totalSize says whether more match); that row is never shown.
        page.records.truncate(usize::try_from(MAX_RECORDS).unwrap_or(usize::MAX).saturating_sub(loaded));
        loaded += page.records.len();
        let more = wants_more(loaded, page.done);
        // The rows take the records over (the next page only needs the locator).
        let rows: Vec<Row> = std::mem::take(&mut page.records).into_iter().map(Row::from_record).collect();
        dispatch.emit(Action::Batch { generation, rows, total, done: !more });
        if !more {
            return;
        }
        page = match crm.query_more(&page).await {
            Ok(Some(next)) => next,
            Ok(None) => return dispatch.emit(Action::Batch { generation, rows: Vec::new(), total, done: true }),
            Err(e) => return dispatch.emit(fail(format!("Only {loaded} records could be loaded: {}", e.user_message()))),
        };
    }
}
