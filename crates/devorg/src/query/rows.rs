//! Running a [`Plan`] in SQLite and turning rows into Salesforce's JSON:
//! `attributes` first, fields in SELECT order, parent records as nested
//! objects (or `null`), child relationships as `{"totalSize","done","records"}`.

use std::collections::HashMap;

use rusqlite::types::Value as Bound;
use rusqlite::{Connection, Row, params_from_iter};
use serde_json::{Map, Value as Json, json};

use super::plan::{AggregateColumn, Child, Output, Plan};
use crate::ApiError;
use crate::auth::Session;
use crate::records::store;
use crate::schema::{Object, Sharing};

/// Who runs the query and whether deleted records count (queryAll).
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub session: &'a Session,
    pub all_rows: bool,
}

/// Which rows a statement reads.
enum Restrict<'a> {
    /// The query's own WHERE, LIMIT and OFFSET.
    Query,
    /// The query's WHERE only (aggregates: one result row, nothing to page).
    Whole,
    /// The query's WHERE, GROUP BY, ORDER BY, LIMIT and OFFSET (one row per group).
    Grouped,
    /// The query's WHERE and ORDER BY, every row (SOSL filters them further).
    Ordered,
    /// Exactly these root ids (the next page of a cursor).
    Ids(&'a [String]),
    /// Children of these parents, through `column` (plus the subquery's WHERE).
    Parents(usize, &'a [String]),
}

fn statement(plan: &Plan<'_>, scope: &Scope<'_>, select: &str, restrict: &Restrict<'_>) -> (String, Vec<Bound>) {
    let mut params = plan.sql.params.clone();
    let mut bind = |v: Bound| {
        params.push(v);
        format!("?{}", params.len())
    };
    let root: &Object = plan.joins.root();
    let mut wheres = Vec::new();
    if !scope.all_rows && root.field("IsDeleted").is_some() {
        wheres.push("t0.\"IsDeleted\" = 0".to_owned());
    }
    if root.sharing == Sharing::Private && root.owned && !scope.session.admin {
        wheres.push(format!("t0.\"OwnerId\" = {}", bind(Bound::Text(scope.session.user.to_string()))));
    }
    // A history row is readable by whoever may read its parent record.
    if let Some(h) = &root.history_of
        && let Some(parent) = plan.joins.schema.object(&h.object)
        && parent.sharing == Sharing::Private
        && parent.owned
        && !scope.session.admin
    {
        let user = bind(Bound::Text(scope.session.user.to_string()));
        wheres.push(format!("t0.\"{}\" IN (SELECT p.\"Id\" FROM {} p WHERE p.\"OwnerId\" = {user})", h.field, parent.table()));
    }
    let list = |ids: &[String], bind: &mut dyn FnMut(Bound) -> String| ids.iter().map(|id| bind(Bound::Text(id.clone()))).collect::<Vec<_>>().join(", ");
    match restrict {
        Restrict::Query | Restrict::Whole | Restrict::Grouped | Restrict::Ordered => wheres.extend(plan.filter.clone()),
        Restrict::Ids(ids) => wheres.push(format!("t0.\"Id\" IN ({})", list(ids, &mut bind))),
        Restrict::Parents(column, ids) => {
            wheres.push(format!("{} IN ({})", plan.columns[*column], list(ids, &mut bind)));
            wheres.extend(plan.filter.clone());
        }
    }
    let mut sql = format!("SELECT {select} {}", plan.joins.from_clause());
    if !wheres.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&wheres.join(" AND "));
    }
    if matches!(restrict, Restrict::Grouped) {
        sql.push_str(&format!(" GROUP BY {}", plan.group_by.join(", ")));
    }
    if matches!(restrict, Restrict::Query | Restrict::Grouped) {
        let limit = plan.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let offset = plan.offset.map_or(0, |o| i64::try_from(o).unwrap_or(0));
        let order = &plan.order;
        sql.push_str(&format!(" ORDER BY {order} LIMIT {} OFFSET {}", bind(Bound::Integer(limit)), bind(Bound::Integer(offset))));
    } else if !matches!(restrict, Restrict::Whole) {
        sql.push_str(&format!(" ORDER BY {}", plan.order));
    }
    (sql, params)
}

/// `SELECT COUNT() ...`: the number of matching records (LIMIT applies).
pub fn count(conn: &Connection, plan: &Plan<'_>, scope: &Scope<'_>) -> Result<u64, ApiError> {
    let (sql, params) = statement(plan, scope, "t0.\"Id\"", &Restrict::Query);
    let sql = format!("SELECT COUNT(*) FROM ({sql})");
    let n: i64 = conn.query_row(&sql, params_from_iter(params), |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Aggregates: one `AggregateResult` record, or one per group with GROUP BY.
/// Grouped fields are keyed by their own name, as Salesforce flattens them.
pub fn aggregate(conn: &Connection, plan: &Plan<'_>, scope: &Scope<'_>, columns: &[AggregateColumn<'_>]) -> Result<Vec<Json>, ApiError> {
    let select = plan.columns[1..].join(", ");
    // Without GROUP BY, LIMIT/OFFSET apply to result rows, of which there is one.
    let restrict = if plan.group_by.is_empty() { Restrict::Whole } else { Restrict::Grouped };
    let (sql, params) = statement(plan, scope, &select, &restrict);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let mut records = Vec::new();
    while let Some(row) = rows.next()? {
        let mut record = Map::new();
        record.insert("attributes".into(), json!({"type": "AggregateResult"}));
        for (i, column) in columns.iter().enumerate() {
            let raw = row.get::<_, Bound>(i)?;
            let value = match column {
                AggregateColumn::Group { field, label } => {
                    let value = store::to_json(field, raw);
                    match value.as_str().and_then(|v| field.picklist_value(v)) {
                        Some(p) if *label => Json::String(p.label.clone()),
                        _ => value,
                    }
                }
                AggregateColumn::Function { .. } => match raw {
                    Bound::Integer(n) => n.into(),
                    Bound::Real(r) => serde_json::Number::from_f64(r).map_or(Json::Null, Json::Number),
                    Bound::Text(s) => Json::String(s),
                    Bound::Null | Bound::Blob(_) => Json::Null,
                },
            };
            record.insert(column.key().to_owned(), value);
        }
        records.push(Json::Object(record));
    }
    Ok(records)
}

/// Every matching id, and the JSON of the first `batch` of them.
pub fn first_page(conn: &Connection, plan: &Plan<'_>, scope: &Scope<'_>, version: &str, batch: usize) -> Result<(Vec<String>, Vec<Json>), ApiError> {
    let (sql, params) = statement(plan, scope, &plan.columns.join(", "), &Restrict::Query);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let mut ids = Vec::new();
    let mut records = Vec::new();
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        if records.len() < batch {
            records.push(record(plan, row, version)?);
        }
        ids.push(id);
    }
    attach_children(conn, plan, scope, version, &ids[..records.len()], &mut records)?;
    Ok((ids, records))
}

/// The records of `ids`, in that order (a cursor page). Records deleted
/// since the cursor opened are skipped.
pub fn page_of(conn: &Connection, plan: &Plan<'_>, scope: &Scope<'_>, version: &str, ids: &[String]) -> Result<Vec<Json>, ApiError> {
    let mut by_id: HashMap<String, Json> = HashMap::new();
    // SQLite binds at most 32766 parameters; pages are at most 2000 ids.
    let (sql, params) = statement(plan, scope, &plan.columns.join(", "), &Restrict::Ids(ids));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    while let Some(row) = rows.next()? {
        by_id.insert(row.get(0)?, record(plan, row, version)?);
    }
    let present: Vec<String> = ids.iter().filter(|id| by_id.contains_key(*id)).cloned().collect();
    let mut records: Vec<Json> = present.iter().filter_map(|id| by_id.remove(id)).collect();
    attach_children(conn, plan, scope, version, &present, &mut records)?;
    Ok(records)
}

/// A record's non-null text columns, each as (text, is a phone), for SOSL
/// to match its terms against.
pub type TextColumns = [(String, bool)];

/// SOSL: the records, in the query's order, whose text columns (from
/// `first_text` on, phone columns flagged in `phones`) satisfy `keep`; `offset`
/// matches are skipped, at most `limit` returned.
#[allow(clippy::too_many_arguments)]
pub fn matching(
    conn: &Connection,
    plan: &Plan<'_>,
    scope: &Scope<'_>,
    version: &str,
    first_text: usize,
    phones: &[bool],
    keep: &dyn Fn(&TextColumns) -> bool,
    offset: usize,
    limit: usize,
) -> Result<Vec<Json>, ApiError> {
    let (sql, params) = statement(plan, scope, &plan.columns.join(", "), &Restrict::Ordered);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let (mut skipped, mut out) = (0, Vec::new());
    while out.len() < limit
        && let Some(row) = rows.next()?
    {
        let mut values = Vec::with_capacity(phones.len());
        for (i, phone) in phones.iter().enumerate() {
            if let Some(text) = row.get::<_, Option<String>>(first_text + i)? {
                values.push((text, *phone));
            }
        }
        if !keep(&values) {
            continue;
        }
        if skipped < offset {
            skipped += 1;
            continue;
        }
        out.push(record(plan, row, version)?);
    }
    Ok(out)
}

/// Fills each record's child relationships (one statement per subquery).
fn attach_children(conn: &Connection, plan: &Plan<'_>, scope: &Scope<'_>, version: &str, ids: &[String], records: &mut [Json]) -> Result<(), ApiError> {
    for child in &plan.children {
        let mut by_parent = children_of(conn, child, scope, version, ids)?;
        for (id, record) in ids.iter().zip(records.iter_mut()) {
            let value = match by_parent.remove(id) {
                Some(list) if !list.is_empty() => json!({"totalSize": list.len(), "done": true, "records": list}),
                _ => Json::Null,
            };
            if let Some(map) = record.as_object_mut()
                && let Some(slot) = map.get_mut(&child.key)
            {
                *slot = value;
            }
        }
    }
    Ok(())
}

fn children_of(conn: &Connection, child: &Child<'_>, scope: &Scope<'_>, version: &str, parents: &[String]) -> Result<HashMap<String, Vec<Json>>, ApiError> {
    let mut out: HashMap<String, Vec<Json>> = HashMap::new();
    let plan = &child.plan;
    for chunk in parents.chunks(2000) {
        let (sql, params) = statement(plan, scope, &plan.columns.join(", "), &Restrict::Parents(child.parent_column, chunk));
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(params))?;
        while let Some(row) = rows.next()? {
            let parent: String = row.get(child.parent_column)?;
            let list = out.entry(parent).or_default();
            if child.limit.is_none_or(|l| (list.len() as u64) < l) {
                list.push(record(plan, row, version)?);
            }
        }
    }
    Ok(out)
}

/// One row as a record: `{"attributes":{...}, fields and parents in SELECT order}`.
fn record(plan: &Plan<'_>, row: &Row<'_>, version: &str) -> Result<Json, rusqlite::Error> {
    let root = plan.joins.root();
    let id: String = row.get(0)?;
    let mut map = Map::new();
    map.insert("attributes".into(), attributes(&root.name, &id, version));
    for output in &plan.outputs {
        match output {
            Output::Field { node, field, column, label } => {
                let value = row.get::<_, Bound>(*column)?;
                let mut value = store::to_json(field, value);
                if *label && let Some(p) = value.as_str().and_then(|v| field.picklist_value(v)) {
                    value = Json::String(p.label.clone());
                }
                if let Some(slot) = parent_slot(&mut map, plan, row, *node, version)? {
                    slot.insert(field.name.clone(), value);
                }
            }
            // Filled by attach_children; the key keeps its SELECT position.
            Output::Child(i) => {
                map.insert(plan.children[*i].key.clone(), Json::Null);
            }
        }
    }
    Ok(Json::Object(map))
}

/// The JSON object holding the fields of join `node`, created on first use;
/// `None` when the relationship is empty (the parent key is then `null`).
fn parent_slot<'m>(
    map: &'m mut Map<String, Json>,
    plan: &Plan<'_>,
    row: &Row<'_>,
    node: usize,
    version: &str,
) -> Result<Option<&'m mut Map<String, Json>>, rusqlite::Error> {
    if node == 0 {
        return Ok(Some(map));
    }
    let Some(parent) = parent_slot(map, plan, row, plan.parent_of(node), version)? else { return Ok(None) };
    let key = &plan.joins.nodes[node].key;
    if !parent.contains_key(key) {
        let value = match plan.node_columns.get(node).copied().flatten() {
            Some((id_col, type_col)) => match (row.get::<_, Option<String>>(id_col)?, row.get::<_, Option<String>>(type_col)?) {
                (Some(id), Some(ty)) => {
                    let mut m = Map::new();
                    m.insert("attributes".into(), attributes(&ty, &id, version));
                    Json::Object(m)
                }
                _ => Json::Null,
            },
            None => Json::Null,
        };
        parent.insert(key.clone(), value);
    }
    Ok(match parent.get_mut(key) {
        Some(Json::Object(m)) => Some(m),
        _ => None,
    })
}

fn attributes(ty: &str, id: &str, version: &str) -> Json {
    json!({"type": ty, "url": format!("/services/data/v{version}/sobjects/{ty}/{id}")})
}
