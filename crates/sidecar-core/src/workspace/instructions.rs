//! The instruction box over the Workspace's selected rows: the same reader
//! (`crate::instructions`) with the workspace's editable columns as its
//! vocabulary, field changes only (tasks are logged on one record, in the
//! side panel). The preview shows, per field, what the selected rows hold
//! now and what they will; the change it makes is a bulk edit
//! ([`super::bulk::EditPlan`]), saved by the grid's own path: the conflict
//! check, one request per 200 rows, and the grid's undo.

use serde_json::Value as Json;

use super::ColumnSpec;
use super::bulk::EditPlan;
use super::grid::Row as GridRow;
use super::selection::Selection;
use crate::edits::Change;
use crate::fields::{EditContext, FieldValue};
use crate::instructions::preview::{After, Preview, Row, after_of};
use crate::instructions::{Field, Plan, Vocabulary};
use crate::records::lookup::Match;
use salesforce_rest::SfId;

/// What the box may change: the workspace object's own columns (a parent's
/// field, `Account.Name`, is read-only here as in the grid).
pub fn vocabulary(object: &str, columns: &[ColumnSpec]) -> Vocabulary {
    let fields = columns.iter().filter(|c| !c.path.contains('.')).map(|c| Field { spec: c.spec.clone(), updateable: c.updateable }).collect();
    Vocabulary::rows(object, fields)
}

/// The preview of `plan` over the selected rows: per field, the values the
/// rows hold now (up to three, "…" for more) and the new one.
pub fn preview(
    plan: &Plan,
    object: &str,
    columns: &[ColumnSpec],
    rows: &[GridRow],
    selection: &Selection,
    found: &[(String, Vec<Match>)],
    ctx: &EditContext,
) -> Preview {
    let selected: Vec<&GridRow> = rows.iter().filter(|r| selection.contains(&r.id)).collect();
    let mut out = Vec::new();
    for step in &plan.steps {
        let Some(column) = step.field().and_then(|f| columns.iter().position(|c| c.path.eq_ignore_ascii_case(f))) else { continue };
        let spec = columns[column].spec.clone();
        let Some(after) = after_of(step, &spec, found, ctx) else { continue };
        let values: Vec<Json> = selected.iter().map(|r| r.org_value(&spec.name)).collect();
        let mut shown: Vec<String> = Vec::new();
        for row in &selected {
            let text = row.display(column, columns, ctx);
            let text = if text.is_empty() { "(empty)" } else { text };
            if !shown.iter().any(|s| s == text) {
                shown.push(text.to_owned());
            }
        }
        let more = if shown.len() > 3 { ", …" } else { "" };
        shown.truncate(3);
        let mixed = values.windows(2).any(|w| w[0] != w[1]);
        let before = values.first().cloned().unwrap_or(Json::Null);
        out.push(Row { before_text: format!("{}{more}", shown.join(", ")), before, mixed, after, spec });
    }
    Preview {
        object: object.to_owned(),
        record_id: String::new(),
        stamp: None,
        rows: out,
        news: Vec::new(),
        problems: plan.problems.clone(),
        notes: Vec::new(),
    }
}

/// The bulk edit the preview asks for on the selected rows, and the
/// records picked for lookups (the grid shows their names).
pub fn change(preview: &Preview, columns: &[ColumnSpec], rows: &[GridRow], selection: &Selection) -> (Change, Vec<Match>) {
    let mut change = Change { object: preview.object.clone(), edits: Vec::new() };
    let mut picked = Vec::new();
    for row in preview.rows.iter().filter(|r| !r.unchanged()) {
        let Some(column) = columns.iter().position(|c| c.path.eq_ignore_ascii_case(&row.spec.name)) else { continue };
        let value = match &row.after {
            After::Value { value: Ok(v), .. } => v.clone(),
            After::Pick { choices, chosen: Some(i), .. } => {
                let Some(m) = choices.get(*i) else { continue };
                let Ok(id) = SfId::parse(&m.id) else { continue };
                picked.push(m.clone());
                FieldValue::Id(id)
            }
            _ => continue,
        };
        let plan = EditPlan { object: preview.object.clone(), column, field: row.spec.name.clone(), value, ids: selection.ids().to_vec() };
        change.edits.extend(plan.change(rows).edits);
    }
    (change, picked)
}
