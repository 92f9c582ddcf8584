//! A workspace's SOQL and the words around it:
//! - [`records_query`]: `SELECT Id, <columns> FROM <object> WHERE <filters>
//!   AND OwnerId = <me> ORDER BY <sort> NULLS LAST LIMIT 2001`, and
//!   [`count_query`], its `SELECT COUNT()` for the dialog's live count. Both
//!   are `soql::Query` trees: the renderer escapes every value, and names
//!   are checked with [`super::is_field_path`];
//! - [`ops_for`] / [`parse_filter_value`]: the operators and values each
//!   field type takes (date literals such as `NEXT_WEEK` for dates);
//! - [`filter_summary`], [`header_line`] and [`cap_line`]: the text above the grid;
//! - [`wants_more`] and [`loading_text`]: following query batches up to 2,000.

use salesforce_rest::soql::{CompareOp, Condition, Date, DateLiteral, DateTime, FieldPath, Ident, Nulls, OrderBy, Query, SelectItem, Value, like};

use super::model::{Filter, MAX_RECORDS, Op, Scope, Workspace};
use super::{ColumnSpec, find, is_field_path};
use crate::fields::{self, EditContext, FieldSpec, FieldType, FieldValue};

/// Why a workspace's query cannot be built, in words for a rep.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(pub String);

/// The operators a field type takes, in the order the dialog lists them.
pub fn ops_for(ty: FieldType) -> &'static [Op] {
    use Op::*;
    match ty {
        FieldType::String | FieldType::Phone | FieldType::Email | FieldType::Url | FieldType::Textarea => {
            &[Equals, NotEquals, Contains, StartsWith, IsEmpty, NotEmpty]
        }
        FieldType::Currency | FieldType::Int | FieldType::Double | FieldType::Percent | FieldType::Date | FieldType::Datetime => {
            &[Equals, NotEquals, LessThan, GreaterThan, LessOrEqual, GreaterOrEqual, IsEmpty, NotEmpty]
        }
        FieldType::Boolean => &[Equals, NotEquals],
        FieldType::Picklist | FieldType::Reference => &[Equals, NotEquals, IsEmpty, NotEmpty],
        FieldType::Multipicklist => &[Includes, Excludes, Equals, NotEquals, IsEmpty, NotEmpty],
        // Not a column type: columns are editor types (`records::editor_type`).
        _ => &[IsEmpty, NotEmpty],
    }
}

/// A filter's value once read for its field's type.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterValue {
    /// is empty / isn't empty.
    Nothing,
    Value(FieldValue),
    /// Dates and datetimes: `TODAY`, `NEXT_WEEK`, `LAST_N_DAYS:30`...
    Literal(DateLiteral),
    /// Text for contains / starts with, as typed.
    Text(String),
    /// A datetime field compared with a whole day (`11/23/2026`): the
    /// user's local day, `[start, end)` in UTC, so "equals" means "on that day".
    Day {
        day: Date,
        start: DateTime,
        end: DateTime,
    },
}

/// `LAST_N_DAYS:30`, `next_week` -> the literal.
pub fn parse_date_literal(text: &str) -> Option<DateLiteral> {
    let text = text.trim();
    match text.split_once(':') {
        Some((name, n)) => DateLiteral::from_name(name.trim(), Some(n.trim().parse().ok()?)),
        None => DateLiteral::from_name(text, None),
    }
}

/// Reads the value of a filter on `column` with `op`.
pub fn parse_filter_value(column: &ColumnSpec, op: Op, text: &str, ctx: &EditContext) -> Result<FilterValue, QueryError> {
    let label = column.label();
    if !ops_for(column.ty()).contains(&op) {
        return Err(QueryError(format!("{label} can't be filtered with \"{}\".", op.label())));
    }
    if !op.needs_value() {
        return Ok(FilterValue::Nothing);
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(QueryError(format!("Enter a value for {label}.")));
    }
    if matches!(op, Op::Contains | Op::StartsWith) {
        return Ok(FilterValue::Text(text.to_owned()));
    }
    let ty = column.ty();
    if matches!(ty, FieldType::Date | FieldType::Datetime)
        && let Some(literal) = parse_date_literal(text)
    {
        return Ok(FilterValue::Literal(literal));
    }
    if ty == FieldType::Datetime
        && let Some(day) = whole_day(column, text, ctx)
    {
        return Ok(day);
    }
    match ty {
        // Any text may be looked for: no format or length rules.
        FieldType::String | FieldType::Phone | FieldType::Email | FieldType::Url | FieldType::Textarea => {
            Ok(FilterValue::Value(FieldValue::Text(text.to_owned())))
        }
        _ => {
            // Looking for a value is not saving one: no required or length
            // rule, and inactive picklist values are fine.
            let mut spec = column.spec.clone();
            spec.required = false;
            spec.length = 0;
            spec.picklist.iter_mut().for_each(|o| o.active = true);
            match fields::parse(&spec, text, ctx) {
                Ok(value) => Ok(FilterValue::Value(value)),
                Err(e) if matches!(ty, FieldType::Date | FieldType::Datetime) => {
                    Err(QueryError(format!("{e} You can also use a date literal like TODAY, NEXT_WEEK or LAST_N_DAYS:30.")))
                }
                Err(e) => Err(QueryError(e.to_string())),
            }
        }
    }
}

/// A date typed for a datetime field: that day on the user's wall clock.
fn whole_day(column: &ColumnSpec, text: &str, ctx: &EditContext) -> Option<FilterValue> {
    let date_spec = FieldSpec::new(&column.spec.name, &column.spec.label, FieldType::Date);
    let Ok(FieldValue::Date(day)) = fields::parse(&date_spec, text, ctx) else { return None };
    let midnight = |d: Date| match fields::parse(&column.spec, &format!("{d}T00:00"), ctx) {
        Ok(FieldValue::DateTime(dt)) => Some(dt),
        _ => None,
    };
    Some(FilterValue::Day { day, start: midnight(day)?, end: midnight(day.add_days(1))? })
}

/// A filter's value as the summary says it. An amount in a multi-currency
/// org has no currency: SOQL compares the number as each record holds it,
/// whatever its currency ("Querying Currency Fields in Multicurrency
/// Orgs"), so naming one would be untrue.
fn filter_text(column: &ColumnSpec, value: &FieldValue, ctx: &EditContext) -> String {
    if column.spec.ty == FieldType::Currency && ctx.rates.is_some() {
        let number = FieldSpec { ty: FieldType::Double, ..column.spec.clone() };
        return fields::format(&number, value, ctx);
    }
    fields::format(&column.spec, value, ctx)
}

/// The SOQL value of a typed value (the renderer escapes it).
pub fn soql_value(value: &FieldValue) -> Value {
    match value {
        FieldValue::Null => Value::Null,
        FieldValue::Text(s) => Value::string(s.clone()),
        FieldValue::Bool(b) => Value::Bool(*b),
        // f64's Display never uses exponents: always a SOQL number literal.
        FieldValue::Number(n) => Value::Number(n.to_string()),
        FieldValue::Date(d) => Value::Date(*d),
        FieldValue::DateTime(dt) => Value::DateTime(*dt),
        FieldValue::Id(id) => Value::string(id.to_string()),
        FieldValue::Multi(values) => Value::string(values.join(";")),
    }
}

fn column_of<'a>(known: &'a [ColumnSpec], path: &str) -> Result<&'a ColumnSpec, QueryError> {
    if !is_field_path(path) {
        return Err(QueryError(format!("\"{path}\" isn't a field name.")));
    }
    find(known, path).ok_or_else(|| QueryError(format!("The field {path} isn't available in this workspace.")))
}

/// The WHERE condition of one filter. `known` describes the fields used.
pub fn condition(filter: &Filter, known: &[ColumnSpec], ctx: &EditContext) -> Result<Condition, QueryError> {
    let column = column_of(known, &filter.field)?;
    let field = FieldPath::new(&column.path);
    let compare = |op, value| Condition::Compare { field: field.clone(), op, value };
    let value = parse_filter_value(column, filter.op, &filter.value, ctx)?;
    if let FilterValue::Day { start, end, .. } = value {
        let (from, to) = (Value::DateTime(start), Value::DateTime(end));
        return Ok(match filter.op {
            Op::Equals => Condition::And(vec![compare(CompareOp::Ge, from), compare(CompareOp::Lt, to)]),
            Op::NotEquals => Condition::Or(vec![compare(CompareOp::Lt, from), compare(CompareOp::Ge, to)]),
            Op::LessThan => compare(CompareOp::Lt, from),
            Op::GreaterOrEqual => compare(CompareOp::Ge, from),
            Op::GreaterThan => compare(CompareOp::Ge, to),
            _ => compare(CompareOp::Lt, to),
        });
    }
    let single = match &value {
        FilterValue::Value(v) => soql_value(v),
        FilterValue::Literal(l) => Value::DateLiteral(*l),
        FilterValue::Text(t) => Value::string(t.clone()),
        FilterValue::Nothing | FilterValue::Day { .. } => Value::Null,
    };
    let text = match &value {
        FilterValue::Text(t) => t.as_str(),
        _ => "",
    };
    Ok(match filter.op {
        Op::Equals => compare(CompareOp::Eq, single),
        Op::NotEquals => compare(CompareOp::Ne, single),
        Op::LessThan => compare(CompareOp::Lt, single),
        Op::GreaterThan => compare(CompareOp::Gt, single),
        Op::LessOrEqual => compare(CompareOp::Le, single),
        Op::GreaterOrEqual => compare(CompareOp::Ge, single),
        Op::IsEmpty => compare(CompareOp::Eq, Value::Null),
        Op::NotEmpty => compare(CompareOp::Ne, Value::Null),
        Op::Contains => Condition::Like { field, pattern: format!("%{}%", like::literal(text)) },
        Op::StartsWith => Condition::Like { field, pattern: format!("{}%", like::literal(text)) },
        Op::Includes | Op::Excludes => {
            let values = match value {
                FilterValue::Value(FieldValue::Multi(values)) => values,
                _ => Vec::new(),
            };
            Condition::Includes { field, values, excludes: filter.op == Op::Excludes }
        }
    })
}

/// Why the org would refuse a filter on `filter.field`, in words for the
/// rep, or `None` when the filter can be sent. A field that describe does
/// not know (any more) or says is not `filterable` (long text areas such
/// as `Description`) would fail the whole query with `INVALID_FIELD`, so
/// the filter is left out instead and the rep is told.
pub fn unusable_filter(filter: &Filter, known: &[ColumnSpec]) -> Option<String> {
    let name = if filter.field.is_empty() { "a field not chosen yet" } else { filter.field.as_str() };
    match find(known, &filter.field).filter(|_| is_field_path(&filter.field)) {
        None => Some(format!("The filter on {name} was left out: that field isn't available.")),
        Some(c) if !c.filterable => Some(format!("The filter on {} was left out: Salesforce can't filter on that field.", c.label())),
        Some(_) => None,
    }
}

/// Why the sort cannot be sent (see [`unusable_filter`]), or `None`. The
/// records then come in the org's order.
pub fn unusable_sort(workspace: &Workspace, known: &[ColumnSpec]) -> Option<String> {
    let field = &workspace.sort.field;
    match find(known, field).filter(|_| is_field_path(field)) {
        None => Some(format!("The sort by {field} was left out: that field isn't available.")),
        Some(c) if !c.sortable => Some(format!("The sort by {} was left out: Salesforce can't sort on that field.", c.label())),
        Some(_) => None,
    }
}

/// The notes for what a stored workspace asks that the org's describe no
/// longer allows (filters, sort), each left out of its queries; empty when
/// everything can be sent.
pub fn left_out(workspace: &Workspace, known: &[ColumnSpec]) -> Vec<String> {
    let filters = workspace.filters.iter().filter_map(|f| unusable_filter(f, known));
    filters.chain(unusable_sort(workspace, known)).collect()
}

/// The WHERE clause: every usable filter (see [`unusable_filter`]), and the
/// owner for "records I own".
fn filter_of(workspace: &Workspace, known: &[ColumnSpec], user_id: &str, ctx: &EditContext) -> Result<Option<Condition>, QueryError> {
    let usable = workspace.filters.iter().filter(|f| unusable_filter(f, known).is_none());
    let mut parts = usable.map(|f| condition(f, known, ctx)).collect::<Result<Vec<_>, _>>()?;
    if workspace.scope == Scope::Mine {
        parts.push(Condition::compare("OwnerId", CompareOp::Eq, Value::string(user_id)));
    }
    Ok(match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Condition::And(parts)),
    })
}

fn object_of(workspace: &Workspace) -> Result<Ident, QueryError> {
    if !is_field_path(&workspace.object) || workspace.object.contains('.') {
        return Err(QueryError(format!("\"{}\" isn't an object name.", workspace.object)));
    }
    Ok(Ident::new(workspace.object.clone()))
}

/// The records of a workspace, at most 2,000, in its sort order (nulls
/// last). Selects `Id`, the columns, and the names of lookup columns.
/// `known` describes the columns and every filter and sort field; filters
/// and a sort the org would refuse are left out ([`left_out`] says so).
pub fn records_query(workspace: &Workspace, known: &[ColumnSpec], user_id: &str, ctx: &EditContext) -> Result<Query, QueryError> {
    let mut select: Vec<String> = vec!["Id".into()];
    let mut add = |path: &str| {
        if !select.iter().any(|s| s.eq_ignore_ascii_case(path)) {
            select.push(path.to_owned());
        }
    };
    for path in &workspace.columns {
        let column = column_of(known, path)?;
        add(&column.path);
        if let Some(name) = &column.name_path {
            add(name);
        }
        if let Some(money) = &column.money {
            add(&money.currency);
            if let Some(day) = &money.day {
                add(day);
            }
        }
    }
    let order_by = match unusable_sort(workspace, known) {
        None => find(known, &workspace.sort.field)
            .map(|sort| OrderBy { field: FieldPath::new(&sort.path), descending: workspace.sort.descending, nulls: Some(Nulls::Last) })
            .into_iter()
            .collect(),
        Some(_) => Vec::new(),
    };
    Ok(Query {
        select: select.iter().map(|p| SelectItem::Field(FieldPath::new(p))).collect(),
        from: object_of(workspace)?,
        alias: None,
        filter: filter_of(workspace, known, user_id, ctx)?,
        group_by: Vec::new(),
        order_by,
        // One more than the grid holds: the answer's `totalSize` then says
        // whether more match (2,001) without a COUNT() request; the loader
        // never fetches that last row.
        limit: Some(MAX_RECORDS + 1),
        offset: None,
    })
}

/// `SELECT COUNT() FROM <object> WHERE <same filters>`: the live count.
pub fn count_query(workspace: &Workspace, known: &[ColumnSpec], user_id: &str, ctx: &EditContext) -> Result<Query, QueryError> {
    Ok(Query {
        select: vec![SelectItem::Count],
        from: object_of(workspace)?,
        alias: None,
        filter: filter_of(workspace, known, user_id, ctx)?,
        group_by: Vec::new(),
        order_by: Vec::new(),
        limit: None,
        offset: None,
    })
}

/// "Stage equals Prospecting AND Close Date is NEXT_WEEK"; "No filters"
/// when there are none. Values show as the grid shows them (labels of
/// picklist values, dates in the user's style).
pub fn filter_summary(workspace: &Workspace, known: &[ColumnSpec], ctx: &EditContext) -> String {
    if workspace.filters.is_empty() {
        return "No filters".into();
    }
    let parts: Vec<String> = workspace
        .filters
        .iter()
        .map(|f| {
            let Some(column) = find(known, &f.field) else {
                return format!("{} {} {}", f.field, f.op.label(), f.value).trim_end().to_owned();
            };
            let label = column.label();
            match parse_filter_value(column, f.op, &f.value, ctx) {
                Ok(FilterValue::Nothing) => format!("{label} {}", f.op.label()),
                Ok(FilterValue::Literal(l)) if f.op == Op::Equals => format!("{label} is {l}"),
                Ok(FilterValue::Literal(l)) => format!("{label} {} {l}", f.op.label()),
                Ok(FilterValue::Value(v)) => format!("{label} {} {}", f.op.label(), filter_text(column, &v, ctx)),
                Ok(FilterValue::Text(t)) => format!("{label} {} {t}", f.op.label()),
                Ok(FilterValue::Day { day, .. }) => {
                    format!("{label} {} {}", f.op.label(), fields::format(&column.spec, &FieldValue::Date(day), ctx))
                }
                Err(_) => format!("{label} {} {}", f.op.label(), f.value.trim()),
            }
        })
        .collect();
    parts.join(" AND ")
}

/// How a sort reads for a field type: "Oldest to Newest", "A to Z", ...
pub fn order_words(ty: FieldType, descending: bool) -> &'static str {
    match (ty, descending) {
        (FieldType::Date | FieldType::Datetime, false) => "Oldest to Newest",
        (FieldType::Date | FieldType::Datetime, true) => "Newest to Oldest",
        (FieldType::Currency | FieldType::Int | FieldType::Double | FieldType::Percent, false) => "Low to High",
        (FieldType::Currency | FieldType::Int | FieldType::Double | FieldType::Percent, true) => "High to Low",
        (_, false) => "A to Z",
        (_, true) => "Z to A",
    }
}

/// "Welcome, Ian. We're showing 16 record(s) sorted by Close Date in Newest
/// to Oldest order. You're seeing records that you own." The order is the
/// grid's when the rep sorted it by a column header (`grid_sort`: that
/// column and its direction), else the workspace's.
pub fn header_line(user_name: &str, shown: usize, workspace: &Workspace, known: &[ColumnSpec], grid_sort: Option<(&ColumnSpec, bool)>) -> String {
    let whose = if workspace.scope == Scope::Mine { "that you own" } else { "that you can see" };
    if let Some((column, descending)) = grid_sort {
        return format!(
            "Welcome, {user_name}. We're showing {shown} record(s) sorted by {} in {} order. You're seeing records {whose}.",
            column.label(),
            order_words(column.ty(), descending)
        );
    }
    let sort = &workspace.sort;
    if unusable_sort(workspace, known).is_some() {
        let whose = if workspace.scope == Scope::Mine { "that you own" } else { "that you can see" };
        return format!("Welcome, {user_name}. We're showing {shown} record(s). You're seeing records {whose}.");
    }
    let (label, ty) = find(known, &sort.field).map_or((sort.field.as_str(), FieldType::String), |c| (c.label(), c.ty()));
    let whose = match workspace.scope {
        Scope::Mine => "that you own",
        Scope::All => "that you can see",
    };
    format!(
        "Welcome, {user_name}. We're showing {shown} record(s) sorted by {label} in {} order. You're seeing records {whose}.",
        order_words(ty, sort.descending)
    )
}

/// When more records match than the 2,000 a workspace holds, which ones
/// are shown: "More than 2,000 records match. These are the first 2,000 by
/// Close Date (Newest to Oldest); add a filter to see the others."
/// `total_size` is the records query's `totalSize` (its LIMIT is 2,001, so
/// 2,001 means "more"); `None` when everything matching is shown.
pub fn cap_line(shown: usize, total_size: u64, workspace: &Workspace, known: &[ColumnSpec]) -> Option<String> {
    if total_size <= MAX_RECORDS || total_size <= shown as u64 {
        return None;
    }
    let which = match unusable_sort(workspace, known) {
        Some(_) => "in no particular order".to_owned(),
        None => {
            let sort = &workspace.sort;
            let (label, ty) = find(known, &sort.field).map_or((sort.field.as_str(), FieldType::String), |c| (c.label(), c.ty()));
            format!("by {label} ({})", order_words(ty, sort.descending))
        }
    };
    let shown = thousands(shown as u64);
    Some(format!("More than {shown} records match. These are the first {shown} {which}; add a filter to see the others."))
}

/// Whether to follow `nextRecordsUrl`: the org has more and the grid is
/// not at its 2,000 yet (LIMIT caps it too; this guards a server ignoring it).
pub fn wants_more(loaded: usize, done: bool) -> bool {
    !done && (loaded as u64) < MAX_RECORDS
}

/// The progress indicator while batches arrive: "Loading 400 of 2,000
/// records…" (`total_size` is the first batch's `totalSize`).
pub fn loading_text(loaded: usize, total_size: u64) -> String {
    let total = total_size.min(MAX_RECORDS);
    let loaded = (loaded as u64).min(total);
    format!("Loading {} of {} records…", thousands(loaded), thousands(total))
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
