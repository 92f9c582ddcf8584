//! WHERE and ORDER BY as SQL with bound parameters, with SOQL's semantics
//! where they differ from SQL's:
//! - string comparisons ignore case;
//! - `!=` and `NOT IN` also match null fields, and `NOT` of a comparison
//!   on a null field is true (SOQL has no three-valued logic);
//! - a date literal is a range of days in the *user's* time zone (`=` means
//!   within it, `<` before it, `>` after it);
//! - picklists sort in their defined order, not alphabetically;
//! - values must match the field's type, with Salesforce's error messages;
//! - a field describe calls not `filterable` cannot be in WHERE, one not
//!   `sortable` cannot be in ORDER BY (`Field::caps`, never the type).

use rusqlite::types::Value as Bound;
use salesforce_rest::ErrorCode;
use salesforce_rest::soql::{CompareOp, Condition, Date, DateLiteral, FieldPath, OrderBy, Pos, Value};
use salesforce_rest::{SfId, tz};

use super::QueryError;
use super::joins::{Joins, Resolved};
use super::params::Sql;
use crate::schema::FieldType;

/// Who is asking, for date literals.
#[derive(Debug, Clone)]
pub struct Context {
    pub today: Date,
    /// `TimeZoneSidKey` of the user.
    pub zone: String,
    /// Weeks start on Monday where the user's locale (`LocaleSidKey`) says
    /// so (`salesforce_rest::locale`: CLDR's first day of its territory).
    pub week_starts_monday: bool,
}

/// A literal resolved against a field's type.
enum Operand {
    Null,
    Scalar(Bound),
    /// Half-open `[start, end)`, from a date literal.
    Range(Bound, Bound),
}

fn type_error(field: &str, pos: Pos, ty: &str, quoted: bool) -> QueryError {
    let quotes = if quoted { "should be enclosed in quotes" } else { "should not be enclosed in quotes" };
    QueryError {
        code: ErrorCode::InvalidField,
        message: format!("value of filter criterion for field '{field}' must be of type {ty} and {quotes}"),
        pos: Some(pos),
    }
}

fn operand(resolved: &Resolved<'_>, value: &Value, pos: Pos, ctx: &Context) -> Result<Operand, QueryError> {
    let field = resolved.field;
    let name = field.name.as_str();
    let ty = field.ty;
    Ok(match (ty, value) {
        (_, Value::Null) => Operand::Null,
        (FieldType::Boolean, Value::Bool(b)) => Operand::Scalar(Bound::Integer(i64::from(*b))),
        (FieldType::Boolean, _) => return Err(type_error(name, pos, "boolean", false)),
        (t, Value::Number(n)) if t.is_number() => match n.parse::<i64>() {
            Ok(i) => Operand::Scalar(Bound::Integer(i)),
            Err(_) => Operand::Scalar(Bound::Real(n.parse::<f64>().map_err(|_| type_error(name, pos, "double", false))?)),
        },
        (t, _) if t.is_number() => {
            return Err(type_error(name, pos, if t == FieldType::Int { "int" } else { "double" }, false));
        }
        (FieldType::Date, Value::Date(d)) => Operand::Scalar(Bound::Text(d.to_string())),
        (FieldType::Date, Value::DateLiteral(lit)) => {
            let (start, end) = lit.range(ctx.today, ctx.week_starts_monday);
            Operand::Range(Bound::Text(start.to_string()), Bound::Text(end.to_string()))
        }
        (FieldType::Date, _) => return Err(type_error(name, pos, "date", false)),
        (FieldType::Datetime, Value::DateTime(dt)) => Operand::Scalar(Bound::Text(dt.to_utc_string())),
        (FieldType::Datetime, Value::DateLiteral(lit)) => datetime_range(*lit, ctx),
        (FieldType::Datetime, _) => return Err(type_error(name, pos, "dateTime", false)),
        (FieldType::Id | FieldType::Reference, Value::String(s)) if s.is_empty() => Operand::Null,
        (FieldType::Id | FieldType::Reference, Value::String(s)) => match SfId::parse(s) {
            Ok(id) => Operand::Scalar(Bound::Text(id.to_string())),
            Err(_) => {
                return Err(QueryError {
                    code: ErrorCode::Other("INVALID_QUERY_FILTER_OPERATOR".into()),
                    message: format!("invalid ID field: {s}"),
                    pos: Some(pos),
                });
            }
        },
        (_, Value::String(s)) => Operand::Scalar(Bound::Text(s.clone())),
        (_, _) => return Err(type_error(name, pos, "string", true)),
    })
}

/// A date literal on a datetime field: the user's local days as UTC instants.
fn datetime_range(lit: DateLiteral, ctx: &Context) -> Operand {
    let (start, end) = lit.range(ctx.today, ctx.week_starts_monday);
    let instant = |d: Date| {
        let millis = tz::start_of_local_day(&ctx.zone, d);
        Bound::Text(salesforce_rest::soql::DateTime::from_unix_millis(millis).to_utc_string())
    };
    Operand::Range(instant(start), instant(end))
}

/// Text compares ignore case, as Salesforce's do.
fn collate(resolved: &Resolved<'_>) -> &'static str {
    if resolved.field.ty.is_text() { " COLLATE NOCASE" } else { "" }
}

fn path_pos(path: &FieldPath) -> Pos {
    path.parts.first().map_or(Pos::default(), |p| p.pos)
}

/// Builds the SQL of a condition, adding joins for relationship paths.
pub fn condition(cond: &Condition, joins: &mut Joins<'_>, sql: &mut Sql, ctx: &Context) -> Result<String, QueryError> {
    Ok(match cond {
        Condition::And(parts) | Condition::Or(parts) => {
            let glue = if matches!(cond, Condition::And(_)) { " AND " } else { " OR " };
            let parts = parts.iter().map(|c| condition(c, joins, sql, ctx)).collect::<Result<Vec<_>, _>>()?;
            format!("({})", parts.join(glue))
        }
        // `(x) IS 1` is false for NULL, so NOT of an unknown is true, as in SOQL.
        Condition::Not(inner) => format!("(NOT (({}) IS 1))", condition(inner, joins, sql, ctx)?),
        Condition::Compare { field, op, value } => {
            let resolved = filter_column(field, joins, sql)?;
            let operand = operand(&resolved, value, path_pos(field), ctx)?;
            compare(&resolved, *op, operand, sql, path_pos(field))?
        }
        Condition::Like { field, pattern } => {
            let resolved = filter_column(field, joins, sql)?;
            if !resolved.field.ty.is_text() || resolved.field.ty == FieldType::Multipicklist {
                return Err(QueryError {
                    code: ErrorCode::Other("INVALID_QUERY_FILTER_OPERATOR".into()),
                    message: format!("invalid operator on {} field: {}", resolved.field.ty.as_str(), resolved.field.name),
                    pos: Some(path_pos(field)),
                });
            }
            // The AST keeps `\%`, `\_` and `\\` escaped, exactly SQLite's ESCAPE '\' form.
            let p = sql.bind(Bound::Text(pattern.clone()));
            format!("({} LIKE {p} ESCAPE '\\')", resolved.sql)
        }
        Condition::In { field, values, negated } => {
            let resolved = filter_column(field, joins, sql)?;
            let mut scalars = Vec::new();
            let mut alternatives = Vec::new();
            for value in values {
                match operand(&resolved, value, path_pos(field), ctx)? {
                    Operand::Null => alternatives.push(format!("{} IS NULL", resolved.sql)),
                    Operand::Scalar(v) => scalars.push(sql.bind(v)),
                    Operand::Range(start, end) => {
                        let (s, e) = (sql.bind(start), sql.bind(end));
                        alternatives.push(format!("({c} >= {s} AND {c} < {e})", c = resolved.sql));
                    }
                }
            }
            if !scalars.is_empty() {
                alternatives.insert(0, format!("{}{} IN ({})", resolved.sql, collate(&resolved), scalars.join(", ")));
            }
            let any = if alternatives.is_empty() { "0".to_owned() } else { format!("({})", alternatives.join(" OR ")) };
            if *negated { format!("(NOT ({any} IS 1))") } else { any }
        }
        Condition::Includes { field, values, excludes } => {
            let resolved = filter_column(field, joins, sql)?;
            if resolved.field.ty != FieldType::Multipicklist {
                return Err(QueryError {
                    code: ErrorCode::Other("INVALID_QUERY_FILTER_OPERATOR".into()),
                    message: format!("includes or excludes operator only valid on multipicklist field: {}", resolved.field.name),
                    pos: Some(path_pos(field)),
                });
            }
            // 'a;b' means the field holds both a and b; the list is OR-ed.
            let haystack = format!("(';' || lower(IFNULL({}, '')) || ';')", resolved.sql);
            let mut any = Vec::new();
            for value in values {
                let all: Vec<String> = value
                    .split(';')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| format!("instr({haystack}, {}) > 0", sql.bind(Bound::Text(format!(";{};", v.to_lowercase())))))
                    .collect();
                any.push(if all.is_empty() { "0".to_owned() } else { format!("({})", all.join(" AND ")) });
            }
            let any = format!("({})", any.join(" OR "));
            if *excludes { format!("(NOT {any})") } else { any }
        }
    })
}

/// A field in WHERE: it must be `filterable` in describe. Salesforce answers
/// INVALID_FIELD "field 'Description' can not be filtered in a query call"
/// (wording and code as reported from real orgs, e.g.
/// github.com/trailheadapps/lwc-recipes/issues/926; no official page lists it).
fn filter_column<'s>(path: &FieldPath, joins: &mut Joins<'s>, sql: &mut Sql) -> Result<Resolved<'s>, QueryError> {
    let resolved = column(path, joins, sql)?;
    if !resolved.field.caps.filterable {
        return Err(QueryError {
            code: ErrorCode::InvalidField,
            message: format!("field '{}' can not be filtered in a query call", resolved.field.name),
            pos: Some(path_pos(path)),
        });
    }
    Ok(resolved)
}

/// Salesforce's refusal of a field describe says is not `sortable` in ORDER BY.
/// The wording is the one real orgs answer; the error code is MALFORMED_QUERY
/// as reproduced against live orgs by third-party projects (not documented by
/// Salesforce, and one other source reports INVALID_FIELD: unsure).
pub fn not_sortable(name: &str, pos: Pos) -> QueryError {
    QueryError { code: ErrorCode::MalformedQuery, message: format!("field '{name}' can not be sorted in a query call"), pos: Some(pos) }
}

fn column<'s>(path: &FieldPath, joins: &mut Joins<'s>, sql: &mut Sql) -> Result<Resolved<'s>, QueryError> {
    let mut resolved = joins.resolve(path)?;
    if resolved.sql.is_empty() {
        // `What.Type`: the object name of the matched target.
        resolved.sql = joins.nodes[resolved.node].type_sql(sql);
    }
    Ok(resolved)
}

fn compare(resolved: &Resolved<'_>, op: CompareOp, operand: Operand, sql: &mut Sql, pos: Pos) -> Result<String, QueryError> {
    let c = &resolved.sql;
    let nocase = collate(resolved);
    Ok(match (op, operand) {
        (CompareOp::Eq, Operand::Null) => format!("({c} IS NULL)"),
        (CompareOp::Ne, Operand::Null) => format!("({c} IS NOT NULL)"),
        (_, Operand::Null) => {
            return Err(QueryError {
                code: ErrorCode::Other("INVALID_QUERY_FILTER_OPERATOR".into()),
                message: format!("invalid operator on null value for field: {}", resolved.field.name),
                pos: Some(pos),
            });
        }
        (op, Operand::Scalar(v)) => {
            let p = sql.bind(v);
            match op {
                CompareOp::Eq => format!("({c} = {p}{nocase})"),
                CompareOp::Ne => format!("({c} IS NULL OR {c} <> {p}{nocase})"),
                CompareOp::Lt => format!("({c} < {p}{nocase})"),
                CompareOp::Le => format!("({c} <= {p}{nocase})"),
                CompareOp::Gt => format!("({c} > {p}{nocase})"),
                CompareOp::Ge => format!("({c} >= {p}{nocase})"),
            }
        }
        (op, Operand::Range(start, end)) => {
            let (s, e) = (sql.bind(start), sql.bind(end));
            match op {
                CompareOp::Eq => format!("({c} >= {s} AND {c} < {e})"),
                CompareOp::Ne => format!("({c} IS NULL OR {c} < {s} OR {c} >= {e})"),
                CompareOp::Lt => format!("({c} < {s})"),
                CompareOp::Le => format!("({c} < {e})"),
                CompareOp::Gt => format!("({c} >= {e})"),
                CompareOp::Ge => format!("({c} >= {s})"),
            }
        }
    })
}

/// `ORDER BY` terms, then the id so pages are stable.
pub fn order_by(order: &[OrderBy], joins: &mut Joins<'_>, sql: &mut Sql) -> Result<String, QueryError> {
    let mut terms = order_terms(order, joins, sql)?;
    terms.push("t0.\"Id\" ASC".into());
    Ok(terms.join(", "))
}

/// The SQL of each `ORDER BY` term, in order.
pub fn order_terms(order: &[OrderBy], joins: &mut Joins<'_>, sql: &mut Sql) -> Result<Vec<String>, QueryError> {
    let mut terms = Vec::new();
    for o in order {
        let resolved = column(&o.field, joins, sql)?;
        if !resolved.field.caps.sortable {
            return Err(not_sortable(&resolved.field.name, path_pos(&o.field)));
        }
        let key = if resolved.field.ty == FieldType::Picklist && !resolved.field.picklist.is_empty() {
            // Picklists sort by their defined order; unknown values after known ones.
            let mut case = format!("CASE WHEN {} IS NULL THEN NULL", resolved.sql);
            for (i, value) in resolved.field.picklist.iter().enumerate() {
                let p = sql.bind(Bound::Text(value.value.clone()));
                case.push_str(&format!(" WHEN {} = {p} THEN {i}", resolved.sql));
            }
            case.push_str(&format!(" ELSE {} END", resolved.field.picklist.len()));
            case
        } else {
            format!("{}{}", resolved.sql, collate(&resolved))
        };
        let dir = if o.descending { "DESC" } else { "ASC" };
        let nulls = if o.nulls_first() { "NULLS FIRST" } else { "NULLS LAST" };
        terms.push(format!("{key} {dir} {nulls}"));
    }
    Ok(terms)
}
