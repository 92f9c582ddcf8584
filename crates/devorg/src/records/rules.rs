//! Validation rules (`validation` in `schema/objects.toml`), as Salesforce
//! runs them: after the system validation of `encode` and `references` has
//! passed, every rule of the object is tested on the record as it will be
//! after the save (the stored record overlaid with the request's fields; on
//! create, defaults for fields not given). A rule whose conditions all hold
//! refuses the save with FIELD_CUSTOM_VALIDATION_EXCEPTION, its message, and
//! its field (if it names one) in `fields`. Every failing rule is reported,
//! in declaration order, as Salesforce reports them all at once.
//!
//! Rules run on every save, not only when a tested field changes: a record
//! that breaks a rule cannot be saved until it is fixed, as in Salesforce.

use std::collections::HashMap;

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension};
use salesforce_rest::{ErrorCode, RestError, SfId};

use crate::schema::{Field, Object, Test, ValidationRule};

/// The value of each field a rule tests, as it will be stored after the save.
pub type After<'a> = HashMap<&'a str, Sql>;

/// Checks `object`'s rules for a save of `columns`: a create when `stored`
/// is `None`, else an update of that (live, visible) record.
pub fn check(conn: &Connection, object: &Object, stored: Option<&SfId>, columns: &[(&Field, Sql)]) -> rusqlite::Result<Result<(), Vec<RestError>>> {
    if object.validation.is_empty() {
        return Ok(Ok(()));
    }
    let after = after_save(conn, object, stored, columns)?;
    let errors: Vec<RestError> = violated(&object.validation, &after).map(error).collect();
    Ok(if errors.is_empty() { Ok(()) } else { Err(errors) })
}

/// The rules of `rules` whose every condition holds on `after` (a field
/// missing from it is null).
pub fn violated<'r>(rules: &'r [ValidationRule], after: &After<'_>) -> impl Iterator<Item = &'r ValidationRule> {
    rules.iter().filter(|rule| rule.when.iter().all(|c| holds(&c.test, after.get(c.field.as_str()).unwrap_or(&Sql::Null))))
}

fn holds(test: &Test, value: &Sql) -> bool {
    match test {
        Test::Blank(blank) => is_blank(value) == *blank,
        Test::In(values) => text(value).is_some_and(|t| values.iter().any(|v| *v == t)),
    }
}

/// Null, or empty text (which `encode` stores as null anyway).
fn is_blank(value: &Sql) -> bool {
    match value {
        Sql::Null => true,
        Sql::Text(s) => s.is_empty(),
        _ => false,
    }
}

/// A stored value as an `in` condition compares it. The schema refuses `in`
/// on numbers, so an integer here is a boolean (stored 0/1).
fn text(value: &Sql) -> Option<&str> {
    match value {
        Sql::Text(s) => Some(s),
        Sql::Integer(i) => Some(if *i == 0 { "false" } else { "true" }),
        _ => None,
    }
}

fn error(rule: &ValidationRule) -> RestError {
    RestError::new(ErrorCode::FieldCustomValidationException, rule.message.clone()).with_fields(rule.field.iter().cloned().collect())
}

/// The tested fields' values after the save: given in `columns`, else
/// stored (update) or the field's default (create).
fn after_save<'o>(conn: &Connection, object: &'o Object, stored: Option<&SfId>, columns: &[(&Field, Sql)]) -> rusqlite::Result<After<'o>> {
    let mut tested: Vec<&'o str> = object.validation.iter().flat_map(|r| r.when.iter().map(|c| c.field.as_str())).collect();
    tested.sort_unstable();
    tested.dedup();
    let before: Vec<Sql> = match stored {
        Some(id) => read(conn, object, id, &tested)?,
        None => tested.iter().map(|name| object.field(name).and_then(super::store::default_value).unwrap_or(Sql::Null)).collect(),
    };
    Ok(tested
        .into_iter()
        .zip(before)
        .map(|(name, before)| {
            let given = columns.iter().find(|(f, _)| f.name == name).map(|(_, v)| v.clone());
            (name, given.unwrap_or(before))
        })
        .collect())
}

/// The stored values of `fields` (all null if the record is gone, which
/// the update itself then reports).
fn read(conn: &Connection, object: &Object, id: &SfId, fields: &[&str]) -> rusqlite::Result<Vec<Sql>> {
    let columns: Vec<String> = fields.iter().map(|f| format!("\"{f}\"")).collect();
    let sql = format!("SELECT {} FROM {} WHERE \"Id\" = ?1", columns.join(", "), object.table());
    let row = conn.query_row(&sql, [id.as_str()], |r| (0..fields.len()).map(|i| r.get::<_, Sql>(i)).collect::<rusqlite::Result<Vec<Sql>>>()).optional()?;
    Ok(row.unwrap_or_else(|| vec![Sql::Null; fields.len()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::encode::{Save, encode};
    use crate::records::store;
    use crate::schema::{Condition, Schema};
    use serde_json::json;

    fn rule(name: &str, field: Option<&str>, when: Vec<Condition>) -> ValidationRule {
        ValidationRule { name: name.into(), field: field.map(str::to_owned), message: format!("{name} failed"), when }
    }

    fn cond(field: &str, test: Test) -> Condition {
        Condition { field: field.into(), test }
    }

    fn one_of(values: &[&str]) -> Test {
        Test::In(values.iter().map(|v| (*v).to_owned()).collect())
    }

    #[test]
    fn conditions_table() {
        let text = |s: &str| Sql::Text(s.into());
        let cases: Vec<(Test, Sql, bool)> = vec![
            (Test::Blank(true), Sql::Null, true),
            (Test::Blank(true), text(""), true),
            (Test::Blank(true), text("x"), false),
            (Test::Blank(true), Sql::Real(0.0), false),
            (Test::Blank(true), Sql::Integer(0), false),
            (Test::Blank(false), Sql::Null, false),
            (Test::Blank(false), Sql::Real(12.5), true),
            (one_of(&["Closed Won", "Negotiation/Review"]), text("Negotiation/Review"), true),
            (one_of(&["Closed Won"]), text("closed won"), false),
            (one_of(&["Closed Won"]), Sql::Null, false),
            (one_of(&["true"]), Sql::Integer(1), true),
            (one_of(&["true"]), Sql::Integer(0), false),
            (one_of(&["false"]), Sql::Integer(0), true),
        ];
        for (test, value, want) in cases {
            assert_eq!(holds(&test, &value), want, "{test:?} on {value:?}");
        }
    }

    #[test]
    fn a_rule_fires_only_when_every_condition_holds() {
        let rules = vec![
            rule("Amount", Some("Amount"), vec![cond("Amount", Test::Blank(true)), cond("StageName", one_of(&["Closed Won"]))]),
            rule("Next", None, vec![cond("NextStep", Test::Blank(true))]),
        ];
        let after = |pairs: &[(&'static str, Sql)]| pairs.iter().cloned().collect::<After<'static>>();
        let names = |after: &After<'_>| violated(&rules, after).map(|r| r.name.as_str()).collect::<Vec<_>>();
        let won = Sql::Text("Closed Won".into());
        let step = Sql::Text("Call".into());
        assert_eq!(names(&after(&[("StageName", won.clone()), ("NextStep", step.clone())])), ["Amount"], "missing fields are null");
        assert_eq!(names(&after(&[("StageName", won.clone()), ("Amount", Sql::Real(5.0)), ("NextStep", step)])), Vec::<&str>::new());
        assert_eq!(names(&after(&[("StageName", Sql::Text("Prospecting".into()))])), ["Next"]);
        assert_eq!(names(&after(&[("StageName", won)])), ["Amount", "Next"], "all failing rules, in order");
    }

    #[test]
    fn errors_name_the_rule_field_or_none() {
        let with = error(&rule("A", Some("Amount"), vec![]));
        assert_eq!(
            serde_json::to_value(&with).expect("json"),
            json!({"message": "A failed", "errorCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "fields": ["Amount"]})
        );
        assert_eq!(error(&rule("B", None, vec![])).fields, Some(vec![]));
    }

    /// The builtin Opportunity rule on a real database: a create sees the
    /// request (and defaults), an update the stored record under the request.
    #[test]
    fn create_and_update_merge_with_the_stored_record() {
        let schema = Schema::builtin().expect("schema");
        let db = crate::Db::in_memory().expect("db");
        db.apply_schema(&schema).expect("ddl");
        let conn = db.conn();
        let user = SfId::mint("005", 1).expect("id");
        let opp = schema.object("Opportunity").expect("Opportunity");
        let codes = |stored: Option<&SfId>, body: serde_json::Value, save: Save| {
            let columns = encode(opp, &body, save).expect("field checks pass");
            check(&conn, opp, stored, &columns).expect("sql").map_err(|errors| errors.into_iter().map(|e| e.error_code.as_str().to_owned()).collect::<Vec<_>>())
        };
        let late = |stage: &str, amount: serde_json::Value| json!({"Name": "D", "CloseDate": "2026-12-31", "StageName": stage, "Amount": amount});
        let refused = Err(vec!["FIELD_CUSTOM_VALIDATION_EXCEPTION".to_owned()]);
        assert_eq!(codes(None, late("Closed Won", json!(null)), Save::Create), refused);
        assert_eq!(codes(None, json!({"Name": "D", "CloseDate": "2026-12-31", "StageName": "Closed Won"}), Save::Create), refused, "not given is null");
        assert_eq!(codes(None, late("Closed Won", json!(10)), Save::Create), Ok(()));
        assert_eq!(codes(None, late("Prospecting", json!(null)), Save::Create), Ok(()));

        let columns = encode(opp, &late("Prospecting", json!(null)), Save::Create).expect("valid");
        let early = store::insert(&conn, opp, columns, &user).expect("insert");
        assert_eq!(codes(Some(&early), json!({"StageName": "Negotiation/Review"}), Save::Update), refused, "stored Amount is null");
        assert_eq!(codes(Some(&early), json!({"StageName": "Negotiation/Review", "Amount": 5}), Save::Update), Ok(()));
        assert_eq!(codes(Some(&early), json!({"NextStep": "Call"}), Save::Update), Ok(()));

        let columns = encode(opp, &late("Negotiation/Review", json!(100)), Save::Create).expect("valid");
        let late_id = store::insert(&conn, opp, columns, &user).expect("insert");
        assert_eq!(codes(Some(&late_id), json!({"Amount": null}), Save::Update), refused, "stored stage is late");
        assert_eq!(codes(Some(&late_id), json!({"Amount": null, "StageName": "Closed Lost"}), Save::Update), Ok(()));
        assert_eq!(codes(Some(&late_id), json!({"NextStep": "Call"}), Save::Update), Ok(()));
    }
}
