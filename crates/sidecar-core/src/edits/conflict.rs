//! Whether saving a change would overwrite someone else's. Before a bulk
//! edit, a paste, an undo or a replayed offline edit is sent, ONE query
//! ([`fresh_query`]) re-reads the fields it sets on its records; each field
//! is then judged ([`judge`]) against what the rep saw (`CellEdit::before`):
//! - the same value: clear to save (another field of the record may have
//!   changed; the save does not touch it, so nothing of theirs is lost);
//! - already the rep's value: nothing to save;
//! - another value: a conflict, shown as theirs / yours until the rep
//!   chooses; never overwritten in silence;
//! - the record is gone (deleted, or no longer visible): not saved.
//!
//! Values are compared, not only `LastModifiedDate`: a stamp says that the
//! record changed, not which field, and has whole seconds in
//! `If-Unmodified-Since`. A single-record save also sends that header
//! (`salesforce_rest::conditional`), so a change made between the check and
//! the save is refused by the org (412) rather than overwritten.
//!
//! The conflict check plus the save cost two requests for up to 200 rows.

use salesforce_rest::soql::{Condition, DateTime, FieldPath, Ident, Query, SelectItem, Value, is_field_path};
use salesforce_rest::wire::Record;
use serde_json::Value as Json;

use super::{CellEdit, Change};
use salesforce_rest::id::same_record;

/// Why the check cannot be built: a name that is not a field path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" isn't a field name.")]
pub struct NotAField(pub String);

/// `SELECT Id, <fields> [, LastModifiedDate, LastModifiedBy.Name] FROM
/// <object> WHERE Id IN (<ids>)`: what the org holds now for the fields
/// `change` sets. `audit`: the object's describe has `LastModifiedDate`
/// (and `LastModifiedById`), so the answer can say when and by whom.
pub fn fresh_query(change: &Change, audit: bool) -> Result<Query, NotAField> {
    let mut select = vec!["Id".to_owned()];
    for edit in &change.edits {
        if !is_field_path(&edit.field) || edit.field.contains('.') {
            return Err(NotAField(edit.field.clone()));
        }
        if !select.iter().any(|f| f.eq_ignore_ascii_case(&edit.field)) {
            select.push(edit.field.clone());
        }
    }
    if audit {
        for field in ["LastModifiedDate", "LastModifiedBy.Name"] {
            if !select.iter().any(|f| f.eq_ignore_ascii_case(field)) {
                select.push(field.to_owned());
            }
        }
    }
    if !is_field_path(&change.object) || change.object.contains('.') {
        return Err(NotAField(change.object.clone()));
    }
    let ids = change.record_ids().into_iter().map(|id| Value::String(id.to_owned())).collect();
    Ok(Query {
        select: select.iter().map(|f| SelectItem::Field(FieldPath::new(f))).collect(),
        from: Ident::new(change.object.clone()),
        alias: None,
        filter: Some(Condition::In { field: FieldPath::new("Id"), values: ids, negated: false }),
        group_by: Vec::new(),
        order_by: Vec::new(),
        limit: None,
        offset: None,
    })
}

/// What the check found for one field.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The field holds what the rep saw: save.
    Clear,
    /// The field already holds the rep's value: nothing to send.
    Same,
    /// Someone else set `theirs`; `when` and `who` from the record's audit
    /// fields when the query had them.
    Conflict { theirs: Json, when: Option<String>, who: Option<String> },
    /// The record was not in the answer: deleted, merged or no longer shared.
    Gone,
}

/// Judges one field against the re-read records.
pub fn judge(edit: &CellEdit, fresh: &[Record]) -> Verdict {
    let Some(record) = fresh.iter().find(|r| r.get_str("Id").is_some_and(|id| same_record(id, &edit.record_id))) else { return Verdict::Gone };
    let now = record.get(&edit.field).unwrap_or(&Json::Null);
    if same_value(now, &edit.before) {
        Verdict::Clear
    } else if same_value(now, &edit.after) {
        Verdict::Same
    } else {
        Verdict::Conflict {
            theirs: now.clone(),
            when: record.get_str("LastModifiedDate").map(str::to_owned),
            who: record.get_str("LastModifiedBy.Name").map(str::to_owned),
        }
    }
}

/// A change checked: the part to save, and each other field with its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub clear: Change,
    pub held: Vec<(CellEdit, Verdict)>,
}

/// Splits `change` by the re-read records: the clear fields to save now,
/// the others held with why.
pub fn check(change: &Change, fresh: &[Record]) -> Checked {
    let mut clear = Change { object: change.object.clone(), edits: Vec::new() };
    let mut held = Vec::new();
    for edit in &change.edits {
        match judge(edit, fresh) {
            Verdict::Clear => clear.edits.push(edit.clone()),
            verdict => held.push((edit.clone(), verdict)),
        }
    }
    Checked { clear, held }
}

/// The same field value in the forms the org and the extension write it:
/// `100` and `100.0`; one instant with or without milliseconds or offset
/// (`…T09:00:00.000+0000` and `…T09:00:00Z`); 15- and 18-character ids;
/// multi-select values in any order.
pub fn same_value(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::String(x), Json::String(y)) => {
            x == y
                || matches!((DateTime::parse(x), DateTime::parse(y)), (Ok(p), Ok(q)) if p.unix_millis() == q.unix_millis())
                || (looks_like_id(x) && looks_like_id(y) && same_record(x, y))
                || (x.contains(';') && y.contains(';') && sorted(x) == sorted(y))
        }
        _ => a == b,
    }
}

fn looks_like_id(s: &str) -> bool {
    matches!(s.len(), 15 | 18) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn sorted(multi: &str) -> Vec<&str> {
    let mut values: Vec<&str> = multi.split(';').collect();
    values.sort_unstable();
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const A: &str = "006000000000001AAA";
    const B: &str = "006000000000002AAA";

    fn cell(id: &str, field: &str, before: Json, after: Json) -> CellEdit {
        CellEdit { record_id: id.into(), field: field.into(), before, after }
    }

    fn record(fields: Json) -> Record {
        serde_json::from_value(fields).expect("the test's value")
    }

    #[test]
    fn one_query_reads_the_fields_of_every_record() {
        let change = Change {
            object: "Opportunity".into(),
            edits: vec![cell(A, "Amount", json!(1), json!(2)), cell(B, "Amount", json!(1), json!(2)), cell(A, "StageName", json!("a"), json!("b"))],
        };
        let soql = fresh_query(&change, true).expect("the test's value").to_string();
        assert_eq!(soql, format!("SELECT Id, Amount, StageName, LastModifiedDate, LastModifiedBy.Name FROM Opportunity WHERE Id IN ('{A}', '{B}')"));
        assert_eq!(
            fresh_query(&change, false).expect("the test's value").to_string(),
            format!("SELECT Id, Amount, StageName FROM Opportunity WHERE Id IN ('{A}', '{B}')")
        );
    }

    #[test]
    fn names_and_ids_cannot_break_out_of_the_query() {
        let hostile = Change { object: "Opportunity".into(), edits: vec![cell("x') OR Name LIKE ('%", "Amount", json!(1), json!(2))] };
        let soql = fresh_query(&hostile, false).expect("the test's value").to_string();
        assert!(soql.ends_with(r"WHERE Id IN ('x\') OR Name LIKE (\'%')"), "{soql}");
        for field in ["Amount FROM User --", "Account.Name", ""] {
            let bad = Change { object: "Opportunity".into(), edits: vec![cell(A, field, json!(1), json!(2))] };
            assert_eq!(fresh_query(&bad, false), Err(NotAField(field.into())), "{field}");
        }
        let bad = Change { object: "Opportunity WHERE".into(), edits: vec![cell(A, "Amount", json!(1), json!(2))] };
        assert!(fresh_query(&bad, false).is_err());
    }

    #[test]
    fn judging_each_field() {
        let fresh = [
            record(json!({"Id": A, "Amount": 100.0, "StageName": "Negotiation", "CloseDate": "2026-12-24",
                          "LastModifiedDate": "2026-12-02T10:32:00.000+0000", "LastModifiedBy": {"Name": "Maria Chen"}})),
            record(json!({"Id": &B[..15], "Amount": null, "AccountId": "001000000000001AAA", "Tags__c": "b;a"})),
        ];
        let conflict =
            |theirs: Json, who: Option<&str>, when: Option<&str>| Verdict::Conflict { theirs, when: when.map(str::to_owned), who: who.map(str::to_owned) };
        let cases: Vec<(CellEdit, Verdict)> = vec![
            // What the rep saw: clear, however the number is written.
            (cell(A, "Amount", json!(100), json!(200)), Verdict::Clear),
            (cell(A, "amount", json!(100.0), json!(200)), Verdict::Clear),
            // Someone set another stage since.
            (
                cell(A, "StageName", json!("Prospecting"), json!("Closed Won")),
                conflict(json!("Negotiation"), Some("Maria Chen"), Some("2026-12-02T10:32:00.000+0000")),
            ),
            // Someone set the rep's own value: nothing to do.
            (cell(A, "CloseDate", json!("2026-12-01"), json!("2026-12-24")), Verdict::Same),
            // Emptied by someone else.
            (cell(B, "Amount", json!(5), json!(6)), conflict(json!(null), None, None)),
            // Ids of either length, multi-select values in any order.
            (cell(B, "AccountId", json!("001000000000001"), json!("001000000000002AAA")), Verdict::Clear),
            (cell(B, "Tags__c", json!("a;b"), json!("c")), Verdict::Clear),
            // A field the answer lacks reads as empty.
            (cell(B, "Description", json!(null), json!("x")), Verdict::Clear),
            // A record not in the answer is gone.
            (cell("006000000000003AAA", "Amount", json!(1), json!(2)), Verdict::Gone),
        ];
        for (edit, want) in cases {
            assert_eq!(judge(&edit, &fresh), want, "{edit:?}");
        }
    }

    #[test]
    fn a_checked_change_saves_only_the_clear_fields() {
        let fresh = [record(json!({"Id": A, "Amount": 100})), record(json!({"Id": B, "Amount": 999}))];
        let change = Change { object: "Opportunity".into(), edits: vec![cell(A, "Amount", json!(100), json!(5)), cell(B, "Amount", json!(100), json!(5))] };
        let checked = check(&change, &fresh);
        assert_eq!(checked.clear.edits, vec![cell(A, "Amount", json!(100), json!(5))]);
        assert_eq!(checked.held, vec![(cell(B, "Amount", json!(100), json!(5)), Verdict::Conflict { theirs: json!(999), when: None, who: None })]);
    }

    #[test]
    fn same_value_rules() {
        let cases = [
            (json!(1), json!(1.0), true),
            (json!(1), json!(1.5), false),
            (json!("2026-12-01T09:00:00.000+0000"), json!("2026-12-01T09:00:00Z"), true),
            (json!("2026-12-01T10:00:00+01:00"), json!("2026-12-01T09:00:00Z"), true),
            (json!("2026-12-01T09:00:01Z"), json!("2026-12-01T09:00:00Z"), false),
            (json!("a;b;c"), json!("c;a;b"), true),
            (json!("a;b"), json!("a;c"), false),
            (json!("Acme"), json!("acme"), false),
            (json!(null), json!(""), false),
            (json!(true), json!("true"), false),
        ];
        for (a, b, want) in cases {
            assert_eq!(same_value(&a, &b), want, "{a} vs {b}");
        }
    }
}
