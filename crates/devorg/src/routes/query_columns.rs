//! `GET /services/data/vNN.N/query?q=SOQL&columns=true`: the query's
//! columns instead of its records. Undocumented, but the Salesforce CLI's
//! `sf data query` asks it before every query to lay out its table and CSV
//! (`retrieveColumns` in @salesforce/plugin-data's `commands/data/query.js`,
//! which reads `columnMetadata` and fails without it).
//!
//! The shape is the one recorded in that plugin's tests
//! (salesforcecli/plugin-data, `test/test-files/queryFields.exemplars.ts`):
//! `{"columnMetadata":[column]}`, each column
//! `{"aggregate","apexType","booleanType","columnName","custom","displayName",
//! "foreignKeyName","insertable","joinColumns","numberType","textType","updatable"}`:
//! - a field: its API name as declared (`Id` for `id`), its Apex type
//!   (`Id` for ids and lookups, `String` for text), createable/updateable;
//! - a parent path (`Owner.Name`): one column named for the relationship,
//!   `foreignKeyName` its lookup (`OwnerId`), `apexType` null, the parent's
//!   fields in `joinColumns` (fields of one relationship share its column);
//! - a subquery: the child relationship, `aggregate` true, `apexType` null,
//!   its fields in `joinColumns`;
//! - an aggregate function: `aggregate` true, `columnName` its alias or
//!   `exprN`, `displayName` like `avg(Amount)`, `numberType` true except for
//!   MIN/MAX of a non-number.
//!
//! The query is checked as if it were run (the same errors), but not run.
//! Unsure: a real answer may carry keys beyond `columnMetadata` (no recorded
//! one was found), and the Apex types of numbers and dates, and the flags of
//! compound fields (the exemplars' Contact `Name` is not insertable), are
//! devorg's reading of the Apex type names, not a recording.

use rusqlite::Connection;
use salesforce_rest::soql::{self, AggregateFn, FieldPath, Query, SelectItem};
use serde_json::{Value as Json, json};

use crate::auth::Session;
use crate::query::plan::Plan;
use crate::query::{self, QueryError};
use crate::schema::{Field, FieldType, Object, Schema};
use crate::{ApiError, State};

/// The `columns=true` answer for `text`, or the error running it would give.
pub fn metadata(state: &State, conn: &Connection, session: &Session, text: &str) -> Result<Json, ApiError> {
    let parsed = soql::parse(text).map_err(|e| QueryError::from(e).into_api(text))?;
    let ctx = query::context(conn, session)?;
    Plan::new(&state.schema, &parsed, &ctx).map_err(|e| e.into_api(text))?;
    Ok(json!({"columnMetadata": columns(&state.schema, &parsed)}))
}

/// The Apex type describe's field type maps to.
fn apex_type(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Id | FieldType::Reference => "Id",
        FieldType::Boolean => "Boolean",
        FieldType::Int => "Integer",
        FieldType::Double => "Double",
        FieldType::Currency | FieldType::Percent => "Decimal",
        FieldType::Date => "Date",
        FieldType::Datetime => "Datetime",
        _ => "String",
    }
}

/// One entry of `columnMetadata`, every key the recorded ones have.
fn column(name: &str, display: &str, apex: Option<&str>, flags: Flags, foreign_key: Option<&str>, join: Vec<Json>) -> Json {
    json!({
        "aggregate": flags.aggregate,
        "apexType": apex,
        "booleanType": flags.boolean,
        "columnName": name,
        "custom": flags.custom,
        "displayName": display,
        "foreignKeyName": foreign_key,
        "insertable": flags.insertable,
        "joinColumns": join,
        "numberType": flags.number,
        "textType": flags.text,
        "updatable": flags.updatable,
    })
}

#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    aggregate: bool,
    boolean: bool,
    custom: bool,
    insertable: bool,
    number: bool,
    text: bool,
    updatable: bool,
}

fn field_column(field: &Field) -> Json {
    let flags = Flags {
        boolean: field.ty == FieldType::Boolean,
        custom: field.custom,
        insertable: field.createable,
        number: field.ty.is_number(),
        text: field.ty.is_text() && !matches!(field.ty, FieldType::Id | FieldType::Reference),
        updatable: field.updateable,
        ..Flags::default()
    };
    column(&field.name, &field.name, Some(apex_type(field.ty)), flags, None, Vec::new())
}

/// The object a lookup leads to: its one target, or for a polymorphic
/// lookup the first target that has `next` (the plan already checked it).
fn target<'s>(schema: &'s Schema, lookup: &Field, next: &str) -> Option<&'s Object> {
    let mut targets = lookup.reference_to.iter().filter_map(|t| schema.object(t));
    let first = schema.object(lookup.reference_to.first()?)?;
    Some(targets.find(|o| o.field(next).is_some() || o.relationship(next).is_some()).unwrap_or(first))
}

/// Columns of plain and parent fields, parent paths grouped under their
/// relationship in order of first appearance.
fn path_columns(schema: &Schema, object: &Object, paths: &[&[soql::Ident]]) -> Vec<Json> {
    let mut out: Vec<(String, Json, Vec<Vec<soql::Ident>>)> = Vec::new();
    for parts in paths {
        let Some((first, rest)) = parts.split_first() else { continue };
        if rest.is_empty() {
            if let Some(field) = object.field(&first.name) {
                out.push((String::new(), field_column(field), Vec::new()));
            }
            continue;
        }
        let Some(lookup) = object.relationship(&first.name) else { continue };
        let relationship = lookup.relationship_name.clone().unwrap_or_else(|| first.name.clone());
        match out.iter_mut().find(|(r, _, _)| r.eq_ignore_ascii_case(&relationship)) {
            Some((_, _, subpaths)) => subpaths.push(rest.to_vec()),
            None => {
                let placeholder = Json::Null;
                out.push((relationship, placeholder, vec![rest.to_vec()]));
            }
        }
    }
    out.into_iter()
        .map(|(relationship, plain, subpaths)| {
            if subpaths.is_empty() {
                return plain;
            }
            let Some(lookup) = object.relationship(&relationship) else { return plain };
            let next = subpaths.first().and_then(|p| p.first()).map_or("", |i| i.name.as_str());
            let join = match target(schema, lookup, next) {
                Some(parent) => path_columns(schema, parent, &subpaths.iter().map(Vec::as_slice).collect::<Vec<_>>()),
                None => Vec::new(),
            };
            let flags = Flags { custom: lookup.custom, ..Flags::default() };
            column(&relationship, &relationship, None, flags, Some(&lookup.name), join)
        })
        .collect()
}

fn columns(schema: &Schema, query: &Query) -> Vec<Json> {
    let Some(object) = schema.object(&query.from.name) else { return Vec::new() };
    let mut out = Vec::new();
    let mut pending: Vec<&[soql::Ident]> = Vec::new();
    let mut expr = 0;
    // Plain fields are grouped per relationship up to the next other item.
    let flush = |pending: &mut Vec<&[soql::Ident]>, out: &mut Vec<Json>| {
        out.extend(path_columns(schema, object, pending));
        pending.clear();
    };
    for item in &query.select {
        match item {
            SelectItem::Field(path) | SelectItem::ToLabel(path) => pending.push(strip_alias(query, path)),
            SelectItem::SubQuery(sub) => {
                flush(&mut pending, &mut out);
                let child = schema
                    .children_of(&object.name)
                    .find(|(c, f)| Schema::child_relationship_name(c, f).is_some_and(|r| r.eq_ignore_ascii_case(&sub.from.name)));
                if let Some((child, field)) = child {
                    let name = Schema::child_relationship_name(child, field).unwrap_or_else(|| sub.from.name.clone());
                    let paths: Vec<&[soql::Ident]> =
                        sub.select.iter().filter_map(|s| if let SelectItem::Field(p) = s { Some(p.parts.as_slice()) } else { None }).collect();
                    let flags = Flags { aggregate: true, ..Flags::default() };
                    out.push(column(&name, &name, None, flags, None, path_columns(schema, child, &paths)));
                }
            }
            SelectItem::Aggregate { function, field, alias } => {
                flush(&mut pending, &mut out);
                let name = alias.as_ref().map_or_else(
                    || {
                        let n = format!("expr{expr}");
                        expr += 1;
                        n
                    },
                    |a| a.name.clone(),
                );
                let written: Vec<&str> = field.parts.iter().map(|p| p.name.as_str()).collect();
                let display = format!("{}({})", function_name(*function), written.join("."));
                let leaf = resolve(schema, object, strip_alias(query, field));
                let numeric = match function {
                    AggregateFn::Min | AggregateFn::Max => leaf.is_some_and(|f| f.ty.is_number()),
                    _ => true,
                };
                let flags = Flags { aggregate: true, number: numeric, ..Flags::default() };
                out.push(column(&name, &display, None, flags, None, Vec::new()));
            }
            SelectItem::Count => {}
        }
    }
    flush(&mut pending, &mut out);
    out
}

/// `a.Name` with `FROM Account a` is `Name`.
fn strip_alias<'q>(query: &Query, path: &'q FieldPath) -> &'q [soql::Ident] {
    match (&query.alias, path.parts.split_first()) {
        (Some(alias), Some((first, rest))) if !rest.is_empty() && first.name.eq_ignore_ascii_case(&alias.name) => rest,
        _ => &path.parts,
    }
}

/// The field at the end of a path.
fn resolve<'s>(schema: &'s Schema, object: &'s Object, parts: &[soql::Ident]) -> Option<&'s Field> {
    let (last, hops) = parts.split_last()?;
    let mut current = object;
    for hop in hops {
        let lookup = current.relationship(&hop.name)?;
        current = target(schema, lookup, &last.name)?;
    }
    current.field(&last.name)
}

fn function_name(function: AggregateFn) -> &'static str {
    match function {
        AggregateFn::Count => "count",
        AggregateFn::CountDistinct => "count_distinct",
        AggregateFn::Min => "min",
        AggregateFn::Max => "max",
        AggregateFn::Sum => "sum",
        AggregateFn::Avg => "avg",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(columns: &[Json]) -> Vec<String> {
        columns
            .iter()
            .map(|c| {
                let join = c["joinColumns"].as_array().map(|j| names(j)).unwrap_or_default();
                if join.is_empty() {
                    c["columnName"].as_str().unwrap_or("?").to_owned()
                } else {
                    format!("{}[{}]", c["columnName"].as_str().unwrap_or("?"), join.join(","))
                }
            })
            .collect()
    }

    #[test]
    fn columns_of_queries() {
        let schema = Schema::builtin().expect("schema");
        let cases = [
            ("SELECT id, name FROM Contact", vec!["Id", "Name"]),
            (
                "SELECT Name, Owner.Name, Account.Name, Account.Owner.Email, Owner.Email FROM Contact",
                vec!["Name", "Owner[Name,Email]", "Account[Name,Owner[Email]]"],
            ),
            ("SELECT Name, (SELECT LastName FROM Contacts) FROM Account", vec!["Name", "Contacts[LastName]"]),
            ("SELECT COUNT(Id), MAX(Name) maxName, MIN(AnnualRevenue) FROM Account", vec!["expr0", "maxName", "expr1"]),
            ("SELECT a.Name FROM Account a", vec!["Name"]),
        ];
        for (soql, want) in cases {
            let query = soql::parse(soql).expect(soql);
            assert_eq!(names(&columns(&schema, &query)), want, "{soql}");
        }
        let query = soql::parse("SELECT Id, AccountId, Owner.Name, AVG(Amount) FROM Opportunity").expect("parse");
        let cols = columns(&schema, &query);
        assert_eq!(cols[0]["apexType"], "Id");
        assert_eq!(cols[1]["apexType"], "Id", "a lookup's Apex type is Id");
        assert_eq!(cols[1]["textType"], false);
        assert_eq!(cols[2]["foreignKeyName"], "OwnerId");
        assert_eq!(cols[2]["apexType"], Json::Null);
        assert_eq!(cols[2]["joinColumns"][0]["textType"], true);
        assert_eq!(
            (cols[3]["displayName"].as_str(), cols[3]["aggregate"].as_bool(), cols[3]["numberType"].as_bool()),
            (Some("avg(Amount)"), Some(true), Some(true))
        );
    }
}
