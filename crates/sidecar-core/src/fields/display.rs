//! Typed value <-> REST JSON, and the text the panel shows or puts in an
//! editor.

use salesforce_rest::SfId;
use salesforce_rest::soql::{Date, DateTime};
use serde_json::Value as Json;

use super::money::format_amount;
use super::number::{grouped, plain, push_grouped};
use super::time::{edit_date_time, format_date, format_date_time};
use super::{EditContext, FieldSpec, FieldType, FieldValue, Money};

/// The value as a REST request body carries it: dates `YYYY-MM-DD`,
/// datetimes `YYYY-MM-DDThh:mm:ss.SSS+0000`, numbers as JSON numbers (whole
/// ones as integers, which int fields require), multi-selects `a;b`.
pub fn to_json(value: &FieldValue) -> Json {
    match value {
        FieldValue::Null => Json::Null,
        FieldValue::Text(s) => Json::String(s.clone()),
        FieldValue::Bool(b) => Json::Bool(*b),
        FieldValue::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Json::from(*n as i64),
        FieldValue::Number(n) => serde_json::Number::from_f64(*n).map_or(Json::Null, Json::Number),
        FieldValue::Date(d) => Json::String(d.to_string()),
        FieldValue::DateTime(dt) => Json::String(dt.to_utc_string()),
        FieldValue::Id(id) => Json::String(id.to_string()),
        FieldValue::Multi(values) => Json::String(values.join(";")),
    }
}

/// Reads a value of `spec`'s field from a REST response. Nothing is dropped:
/// a value of an unexpected shape comes back as text.
pub fn from_json(spec: &FieldSpec, json: &Json) -> FieldValue {
    let text = || match json {
        Json::String(s) if s.is_empty() => FieldValue::Null,
        Json::String(s) => FieldValue::Text(s.clone()),
        other => FieldValue::Text(other.to_string()),
    };
    if json.is_null() {
        return FieldValue::Null;
    }
    match spec.ty {
        FieldType::Boolean => json.as_bool().map_or_else(text, FieldValue::Bool),
        FieldType::Currency | FieldType::Int | FieldType::Double | FieldType::Percent => {
            json.as_f64().or_else(|| json.as_str().and_then(|s| s.trim().parse().ok())).map_or_else(text, FieldValue::Number)
        }
        FieldType::Date => {
            // A datetime where a date was expected keeps its day, as Salesforce does.
            json.as_str().and_then(|s| Date::parse(s.get(..10)?).ok()).map_or_else(text, FieldValue::Date)
        }
        FieldType::Datetime => json.as_str().and_then(|s| DateTime::parse(s).ok()).map_or_else(text, |dt| FieldValue::DateTime(dt.to_utc())),
        FieldType::Reference => json.as_str().and_then(|s| SfId::parse(s).ok()).map_or_else(text, FieldValue::Id),
        FieldType::Multipicklist => match json.as_str() {
            Some(s) => {
                let values: Vec<String> = s.split(';').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect();
                if values.is_empty() { FieldValue::Null } else { FieldValue::Multi(values) }
            }
            None => text(),
        },
        _ => text(),
    }
}

/// The value as the panel shows it, in the user's locale: `$1,234.50`,
/// `12.50%`, `11/23/2026` (`1.234,50 €`, `12,5 %`, `23.11.2026` in
/// German), datetimes on the user's wall clock, picklist labels; empty
/// for null. Amounts are in the user's currency: see [`format_in`].
pub fn format(spec: &FieldSpec, value: &FieldValue, ctx: &EditContext) -> String {
    format_in(spec, value, Money::default(), ctx)
}

/// [`format`] for a value of a record in `money`'s currency: a
/// multi-currency org shows `JPY 4.747.500 (EUR 38.652,37)`.
pub fn format_in(spec: &FieldSpec, value: &FieldValue, money: Money<'_>, ctx: &EditContext) -> String {
    let scale = spec.scale.min(18) as usize;
    match value {
        FieldValue::Null => String::new(),
        FieldValue::Bool(true) => "Yes".into(),
        FieldValue::Bool(false) => "No".into(),
        FieldValue::Number(n) => match spec.ty {
            FieldType::Currency => format_amount(*n, scale, money, ctx),
            FieldType::Percent => {
                let mut out = String::with_capacity(12);
                push_grouped(&mut out, *n, scale, ctx, "");
                out.push_str(ctx.locale.percent_space);
                out.push('%');
                out
            }
            FieldType::Int => grouped(*n, 0, ctx),
            _ => grouped(*n, scale, ctx),
        },
        FieldValue::Date(d) => format_date(*d, ctx.locale),
        FieldValue::DateTime(dt) => format_date_time(*dt, ctx),
        FieldValue::Id(id) => id.to_string(),
        FieldValue::Text(s) if spec.ty == FieldType::Picklist => spec.picklist_label(s).to_owned(),
        FieldValue::Text(s) => s.clone(),
        FieldValue::Multi(values) => values.iter().map(|v| spec.picklist_label(v)).collect::<Vec<_>>().join("; "),
    }
}

/// What the field's editor starts with; [`super::parse`] reads it back to
/// the same value. Dates and datetimes are as shown, in the user's locale
/// (`31.12.2026`, `31.12.2026, 16:05`: a rep edits what they read);
/// numbers are ungrouped with the user's decimal separator; picklists hold
/// values, not labels.
pub fn edit_text(spec: &FieldSpec, value: &FieldValue, ctx: &EditContext) -> String {
    match value {
        FieldValue::Null if spec.ty == FieldType::Boolean => "false".into(),
        FieldValue::Null => String::new(),
        FieldValue::Bool(b) => b.to_string(),
        FieldValue::Number(n) => plain(*n, ctx),
        FieldValue::Date(d) => format_date(*d, ctx.locale),
        FieldValue::DateTime(dt) => edit_date_time(*dt, ctx),
        FieldValue::Id(id) => id.to_string(),
        FieldValue::Text(s) => s.clone(),
        FieldValue::Multi(values) => values.join(";"),
    }
}
