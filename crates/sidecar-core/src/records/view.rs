//! What a record view shows. Key Fields are the compact layout's fields
//! (what the org's admin chose) followed by the fields this user added
//! (remembered per object); the rest of the fields come on demand. The
//! record is read with one SOQL query that also asks for the names behind
//! lookups (`Owner.Name`), so the view shows names, not ids.

use salesforce_rest::SfId;
use salesforce_rest::soql::{CompareOp, Condition, FieldPath, Ident, Query, SelectItem, Value};
use salesforce_rest::wire::{FieldDescribe, SObjectDescribe};

use super::spec::{is_displayable, reference_name_path};

/// The Key Fields: layout fields the object has and the panel can show,
/// then the user's additions, without repeats (names as describe spells them).
pub fn key_fields(describe: &SObjectDescribe, layout: &[&str], added: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in layout.iter().copied().chain(added.iter().map(String::as_str)) {
        let Some(field) = describe.field(name).filter(|f| is_displayable(f)) else { continue };
        if !out.iter().any(|n| n.eq_ignore_ascii_case(&field.name)) {
            out.push(field.name.clone());
        }
    }
    out
}

/// Fields the user may add to Key Fields: every displayable field not shown
/// yet, by label.
pub fn addable_fields<'d>(describe: &'d SObjectDescribe, shown: &[String]) -> Vec<&'d FieldDescribe> {
    let mut out: Vec<&FieldDescribe> = describe
        .fields
        .iter()
        .filter(|f| is_displayable(f) && f.name != "Id" && !shown.iter().any(|s| s.eq_ignore_ascii_case(&f.name)))
        .collect();
    out.sort_by_key(|f| f.label.to_lowercase());
    out
}

/// "Show all fields": the displayable fields not in Key Fields, in describe order.
pub fn other_fields(describe: &SObjectDescribe, shown: &[String]) -> Vec<String> {
    describe
        .fields
        .iter()
        .filter(|f| is_displayable(f) && f.name != "Id" && !shown.iter().any(|s| s.eq_ignore_ascii_case(&f.name)))
        .map(|f| f.name.clone())
        .collect()
}

/// `SELECT Id, <fields>, <lookup names> FROM <object> WHERE Id = '<id>'`,
/// built as a tree (the id is a bound literal, escaped when rendered).
pub fn record_query(describe: &SObjectDescribe, id: &SfId, fields: &[String]) -> Query {
    let mut paths: Vec<String> = vec!["Id".into()];
    let mut push = |p: String| {
        if !paths.iter().any(|q| q.eq_ignore_ascii_case(&p)) {
            paths.push(p);
        }
    };
    for name in fields {
        let Some(field) = describe.field(name) else { continue };
        push(field.name.clone());
        if let Some(path) = reference_name_path(field) {
            push(path);
        }
    }
    let mut query = Query::select(&[], describe.name());
    query.select = paths.iter().map(|p| SelectItem::Field(FieldPath::new(p))).collect();
    query.from = Ident::new(describe.name());
    query.filter = Some(Condition::compare("Id", CompareOp::Eq, Value::string(id.as_str())));
    query
}
