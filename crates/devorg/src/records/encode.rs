//! Request JSON -> SQLite values, validated as Salesforce validates a save:
//! unknown fields, read-only fields, types, lengths, restricted picklists,
//! and (on create) required fields. Every problem found is reported, each
//! with Salesforce's code, message and field list.
//!
//! Storage encodings: booleans 0/1, numbers REAL/INTEGER, dates
//! `YYYY-MM-DD`, datetimes in the wire form `YYYY-MM-DDThh:mm:ss.SSS+0000`
//! (UTC, fixed width, so text order is time order), multi-select picklists
//! `a;b` in declared order.

use rusqlite::types::Value as Sql;
use salesforce_rest::soql::{Date, DateTime};
use salesforce_rest::{ErrorCode, RestError};
use serde_json::Value as Json;

use crate::schema::{Field, FieldType, Object};

/// Create (required fields apply, createable checked) or update (updateable checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Save {
    Create,
    Update,
}

/// Validates `body` (a JSON object of field -> value) for `object`.
/// `attributes` is ignored, as Salesforce does.
pub fn encode<'o>(object: &'o Object, body: &Json, save: Save) -> Result<Vec<(&'o Field, Sql)>, Vec<RestError>> {
    let Some(map) = body.as_object() else {
        return Err(vec![RestError::new(ErrorCode::JsonParserError, "Cannot deserialize instance of SObject from a value that is not a JSON object")]);
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut read_only = Vec::new();
    for (key, value) in map {
        if key == "attributes" {
            continue;
        }
        let Some(field) = object.field(key) else {
            errors.push(RestError::new(ErrorCode::InvalidField, format!("No such column '{key}' on sobject of type {}", object.name)));
            continue;
        };
        if field.name == "Id" {
            // The same answer to a create and an update: REST API Developer
            // Guide, "Create a Record" (its error example), and a PATCH with an
            // Id recorded against a real org (both 400 INVALID_FIELD).
            errors.push(RestError::new(ErrorCode::InvalidField, "The Id field should not be specified in the sobject data."));
            continue;
        }
        let writable = match save {
            Save::Create => field.createable,
            Save::Update => field.updateable,
        };
        if !writable {
            read_only.push(field.name.clone());
            continue;
        }
        match encode_value(field, value) {
            Ok(sql) => out.push((field, sql)),
            Err(e) => errors.push(e),
        }
    }
    if !read_only.is_empty() {
        errors.push(
            RestError::new(
                ErrorCode::InvalidFieldForInsertUpdate,
                format!(
                    "Unable to create/update fields: {}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                    read_only.join(", ")
                ),
            )
            .with_fields(read_only),
        );
    }
    // Required fields: missing on create, or set to null on either.
    let missing: Vec<String> = object
        .fields
        .iter()
        .filter(|f| f.required)
        .filter(|f| {
            let given = out.iter().find(|(g, _)| g.name == f.name).map(|(_, v)| v);
            match (save, given) {
                (_, Some(Sql::Null)) => true,
                (Save::Create, None) => f.default.is_none(),
                _ => false,
            }
        })
        .map(|f| f.name.clone())
        .collect();
    if !missing.is_empty() && errors.is_empty() {
        errors.push(RestError::new(ErrorCode::RequiredFieldMissing, format!("Required fields are missing: [{}]", missing.join(", "))).with_fields(missing));
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

fn json_kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "VALUE_NULL",
        Json::Bool(true) => "VALUE_TRUE",
        Json::Bool(false) => "VALUE_FALSE",
        Json::Number(n) if n.is_f64() => "VALUE_NUMBER_FLOAT",
        Json::Number(_) => "VALUE_NUMBER_INT",
        Json::String(_) => "VALUE_STRING",
        Json::Array(_) => "START_ARRAY",
        Json::Object(_) => "START_OBJECT",
    }
}

fn type_error(field: &Field, v: &Json, type_name: &str) -> RestError {
    let shown: String = match v {
        Json::String(s) => s.chars().take(80).collect(),
        other => other.to_string().chars().take(80).collect(),
    };
    RestError::new(
        ErrorCode::JsonParserError,
        format!("Cannot deserialize instance of {type_name} from {} value {shown} or request may be missing a required field", json_kind(v)),
    )
    .with_fields(vec![field.name.clone()])
}

fn field_error(field: &Field, code: ErrorCode, message: String) -> RestError {
    RestError::new(code, message).with_fields(vec![field.name.clone()])
}

/// One value, checked against its field.
pub fn encode_value(field: &Field, v: &Json) -> Result<Sql, RestError> {
    if v.is_null() {
        return if field.ty == FieldType::Boolean { Err(type_error(field, v, "boolean")) } else { Ok(Sql::Null) };
    }
    match field.ty {
        FieldType::Boolean => v.as_bool().map(|b| Sql::Integer(i64::from(b))).ok_or_else(|| type_error(field, v, "boolean")),
        FieldType::Int | FieldType::Long => {
            let n = v.as_i64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64));
            let n = n.ok_or_else(|| type_error(field, v, "int"))?;
            let max = 10i64.saturating_pow(field.digits.clamp(1, 18));
            if n.abs() >= max {
                return Err(field_error(
                    field,
                    ErrorCode::NumberOutsideValidRange,
                    format!("{}: value outside of valid range on numeric field: {n}", field.label),
                ));
            }
            Ok(Sql::Integer(n))
        }
        FieldType::Currency | FieldType::Double | FieldType::Percent => {
            // Numbers may arrive as JSON strings from some clients; Salesforce accepts both.
            let n = v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().parse::<f64>().ok())).filter(|n| n.is_finite());
            let n = n.ok_or_else(|| type_error(field, v, "double"))?;
            let integer_digits = field.precision.saturating_sub(field.scale).clamp(1, 18);
            if n.abs() >= 10f64.powi(integer_digits as i32) {
                return Err(field_error(
                    field,
                    ErrorCode::NumberOutsideValidRange,
                    format!("{}: value outside of valid range on numeric field: {n}", field.label),
                ));
            }
            let factor = 10f64.powi(field.scale as i32);
            Ok(Sql::Real((n * factor).round() / factor))
        }
        FieldType::Date => {
            let s = v.as_str().ok_or_else(|| type_error(field, v, "date"))?;
            // Salesforce also accepts a datetime for a date field and keeps the day.
            let day = s.get(..10).unwrap_or(s);
            let date = Date::parse(day).map_err(|_| type_error(field, v, "date"))?;
            Ok(Sql::Text(date.to_string()))
        }
        FieldType::Datetime => {
            let s = v.as_str().ok_or_else(|| type_error(field, v, "datetime"))?;
            let dt = DateTime::parse(s).map_err(|_| type_error(field, v, "datetime"))?;
            Ok(Sql::Text(dt.to_utc_string()))
        }
        FieldType::Reference | FieldType::Id => {
            let s = v.as_str().ok_or_else(|| type_error(field, v, "id"))?;
            if s.is_empty() {
                return Ok(Sql::Null);
            }
            let id = salesforce_rest::SfId::parse(s).map_err(|_| {
                field_error(field, ErrorCode::MalformedId, format!("{}: id value of incorrect type: {}", field.label, s.chars().take(40).collect::<String>()))
            })?;
            Ok(Sql::Text(id.to_string()))
        }
        _ => encode_text(field, v),
    }
}

fn encode_text(field: &Field, v: &Json) -> Result<Sql, RestError> {
    let s = match v {
        Json::String(s) => s.clone(),
        // Salesforce coerces scalars into text fields.
        Json::Number(n) => n.to_string(),
        Json::Bool(b) => b.to_string(),
        other => return Err(type_error(field, other, "String")),
    };
    if s.is_empty() {
        return Ok(Sql::Null);
    }
    let s = match field.ty {
        FieldType::Picklist if field.restricted && field.picklist_value(&s).is_none() => {
            return Err(field_error(
                field,
                ErrorCode::InvalidOrNullForRestrictedPicklist,
                format!("{}: bad value for restricted picklist field: {s}", field.label),
            ));
        }
        FieldType::Multipicklist => {
            let mut chosen: Vec<&str> = s.split(';').map(str::trim).filter(|p| !p.is_empty()).collect();
            if let Some(bad) = chosen.iter().find(|c| field.restricted && field.picklist_value(c).is_none()) {
                return Err(field_error(
                    field,
                    ErrorCode::InvalidOrNullForRestrictedPicklist,
                    format!("{}: bad value for restricted picklist field: {bad}", field.label),
                ));
            }
            // Declared order, no duplicates: what Salesforce stores.
            let rank = |c: &str| field.picklist.iter().position(|p| p.value == c).unwrap_or(usize::MAX);
            chosen.sort_by_key(|c| rank(c));
            chosen.dedup();
            chosen.join(";")
        }
        FieldType::Email if !salesforce_rest::rules::is_email(&s) => {
            return Err(field_error(field, ErrorCode::Other("INVALID_EMAIL_ADDRESS".into()), format!("{}: invalid email address: {s}", field.label)));
        }
        _ => s,
    };
    let chars = s.chars().count();
    if field.length > 0 && chars > field.length as usize {
        let shown: String = s.chars().take(40).collect();
        return Err(field_error(
            field,
            ErrorCode::StringTooLong,
            format!("{}: data value too large: {shown}{} (max length={})", field.label, if chars > 40 { "..." } else { "" }, field.length),
        ));
    }
    Ok(Sql::Text(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;
    use serde_json::json;

    /// An error as (code, fields), enough to compare against a table.
    type Errs = Vec<(String, Vec<String>)>;

    fn codes(object: &str, body: Json, save: Save) -> Result<Vec<(String, Sql)>, Errs> {
        let schema = Schema::builtin().expect("schema");
        let o = schema.object(object).expect("object");
        encode(o, &body, save)
            .map(|cols| cols.into_iter().map(|(f, v)| (f.name.clone(), v)).collect())
            .map_err(|errs| errs.into_iter().map(|e| (e.error_code.as_str().to_owned(), e.fields.unwrap_or_default())).collect())
    }

    fn err(code: &str, fields: &[&str]) -> Errs {
        vec![(code.to_owned(), fields.iter().map(|f| (*f).to_owned()).collect())]
    }

    #[test]
    fn validation_table() {
        use Save::*;
        let long = "x".repeat(256);
        let cases: Vec<(&str, Json, Save, Result<(), Errs>)> = vec![
            ("Lead", json!({"LastName": "Doe", "Company": "Acme"}), Create, Ok(())),
            ("Lead", json!({"lastname": "Doe", "company": "Acme", "attributes": {"type": "Lead"}}), Create, Ok(())),
            ("Lead", json!({"Company": "Acme"}), Create, Err(err("REQUIRED_FIELD_MISSING", &["LastName"]))),
            ("Lead", json!({"Company": "Acme"}), Update, Ok(())),
            ("Lead", json!({"LastName": null}), Update, Err(err("REQUIRED_FIELD_MISSING", &["LastName"]))),
            ("Lead", json!({"LastName": "D", "Company": "A", "Nope__c": 1}), Create, Err(vec![("INVALID_FIELD".into(), vec![])])),
            ("Lead", json!({"Id": "00Q000000000001", "LastName": "D", "Company": "A"}), Create, Err(vec![("INVALID_FIELD".into(), vec![])])),
            ("Lead", json!({"LastName": "D", "Company": "A", "IsConverted": true}), Create, Err(err("INVALID_FIELD_FOR_INSERT_UPDATE", &["IsConverted"]))),
            ("Lead", json!({"Status": "Bogus"}), Update, Err(err("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", &["Status"]))),
            ("Lead", json!({"Email": "not-an-email"}), Update, Err(err("INVALID_EMAIL_ADDRESS", &["Email"]))),
            ("Lead", json!({"Email": "a@b.co"}), Update, Ok(())),
            ("Lead", json!({"Company": long}), Update, Err(err("STRING_TOO_LONG", &["Company"]))),
            ("Lead", json!({"NumberOfEmployees": "many"}), Update, Err(err("JSON_PARSER_ERROR", &["NumberOfEmployees"]))),
            ("Lead", json!({"NumberOfEmployees": 100_000_000}), Update, Err(err("NUMBER_OUTSIDE_VALID_RANGE", &["NumberOfEmployees"]))),
            ("Lead", json!({"HasOptedOutOfEmail": "yes"}), Update, Err(err("JSON_PARSER_ERROR", &["HasOptedOutOfEmail"]))),
            ("Lead", json!({"HasOptedOutOfEmail": null}), Update, Err(err("JSON_PARSER_ERROR", &["HasOptedOutOfEmail"]))),
            ("Opportunity", json!({"CloseDate": "2026-02-30"}), Update, Err(err("JSON_PARSER_ERROR", &["CloseDate"]))),
            ("Opportunity", json!({"CloseDate": "2026-02-28"}), Update, Ok(())),
            ("Opportunity", json!({"Amount": "12.345"}), Update, Ok(())),
            ("Opportunity", json!({"Amount": 1e30}), Update, Err(err("NUMBER_OUTSIDE_VALID_RANGE", &["Amount"]))),
            ("Opportunity", json!({"AccountId": "001' OR 1=1"}), Update, Err(err("MALFORMED_ID", &["AccountId"]))),
            ("Task", json!({"ReminderDateTime": "2026-11-23T09:30:00-08:00"}), Update, Ok(())),
            ("Task", json!({"ReminderDateTime": "tomorrow"}), Update, Err(err("JSON_PARSER_ERROR", &["ReminderDateTime"]))),
            ("Task", json!({"TaskSubtype": "Call"}), Update, Err(err("INVALID_FIELD_FOR_INSERT_UPDATE", &["TaskSubtype"]))),
            ("Task", json!({"IsClosed": true}), Create, Err(err("INVALID_FIELD_FOR_INSERT_UPDATE", &["IsClosed"]))),
            ("Lead", json!(["not", "an", "object"]), Create, Err(vec![("JSON_PARSER_ERROR".into(), vec![])])),
        ];
        for (object, body, save, want) in cases {
            let got = codes(object, body.clone(), save).map(drop);
            assert_eq!(got, want, "{object} {save:?} {body}");
        }
    }

    #[test]
    fn values_are_normalized_for_storage() {
        let got = codes("Lead", json!({"Product_Interest__c": "Cloud;Robotics;Cloud", "Email": "", "AnnualRevenue": 1234.6}), Save::Update).expect("valid");
        let value = |name: &str| got.iter().find(|(f, _)| f == name).map(|(_, v)| v.clone()).expect(name);
        assert_eq!(value("Product_Interest__c"), Sql::Text("Robotics;Cloud".into()), "declared order, no duplicates");
        assert_eq!(value("Email"), Sql::Null, "empty text is null, as in Salesforce");
        assert_eq!(value("AnnualRevenue"), Sql::Real(1235.0), "rounded to the field's scale");
        let dt = codes("Task", json!({"ReminderDateTime": "2026-11-23T09:30:00-08:00"}), Save::Update).expect("valid");
        assert_eq!(dt[0].1, Sql::Text("2026-11-23T17:30:00.000+0000".into()));
    }
}
