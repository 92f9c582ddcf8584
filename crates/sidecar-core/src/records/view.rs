//! What a record view shows. Key Fields are the compact layout's fields
//! (what the org's admin chose) followed by the fields this user added
//! (remembered per object); the rest of the fields come on demand. The
//! record is read with SOQL that also asks for the names behind lookups
//! (`Owner.Name`, `Parent.CaseNumber`: the target's name field, from its
//! describe), so the view shows names, not ids; an object with many
//! fields is read in several queries, each URL within Salesforce's limit.

use salesforce_rest::SfId;
use salesforce_rest::soql::{CompareOp, Condition, FieldPath, Ident, Query, SelectItem, Value};
use salesforce_rest::wire::{FieldDescribe, Record, SObjectDescribe};

use super::spec::{NameFields, is_displayable, reference_name_path};

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

/// The Key Fields that are the user's own additions (as describe spells
/// them): in `added`, shown, and not the layout's (which the user cannot
/// remove).
pub fn user_added(describe: &SObjectDescribe, layout: &[&str], added: &[String]) -> Vec<String> {
    let shown = key_fields(describe, &[], added);
    shown.into_iter().filter(|f| !layout.iter().any(|l| l.eq_ignore_ascii_case(f))).collect()
}

/// `list` without the field `name` (as describe spells it, or in any case):
/// what is left once the user removes a field from Key Fields.
pub fn without(list: &[String], name: &str) -> Vec<String> {
    list.iter().filter(|f| !f.eq_ignore_ascii_case(name)).cloned().collect()
}

/// Fields the user may add to Key Fields: every displayable field not shown
/// yet, by label.
pub fn addable_fields<'d>(describe: &'d SObjectDescribe, shown: &[String]) -> Vec<&'d FieldDescribe> {
    let mut out: Vec<&FieldDescribe> =
        describe.fields.iter().filter(|f| is_displayable(f) && f.name != "Id" && !shown.iter().any(|s| s.eq_ignore_ascii_case(&f.name))).collect();
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

/// The paths a record read selects: `Id`, each field, and the name behind
/// each lookup where one can be asked for ([`reference_name_path`]),
/// without repeats.
pub fn read_paths(describe: &SObjectDescribe, fields: &[String], names: &NameFields) -> Vec<String> {
    let mut paths: Vec<String> = vec!["Id".into()];
    let mut push = |p: String| {
        if !paths.iter().any(|q| q.eq_ignore_ascii_case(&p)) {
            paths.push(p);
        }
    };
    for name in fields {
        let Some(field) = describe.field(name) else { continue };
        push(field.name.clone());
        if let Some(path) = reference_name_path(field, names) {
            push(path);
        }
    }
    paths
}

/// Bytes the encoded SOQL of one read may take in its URL. Salesforce
/// refuses a request whose URI and headers together pass 16,384 bytes
/// (431, or 414 for the URI alone: knowledge article 000386264, "Maximum
/// number of rows returned by SOQL queries over the REST API"); a read
/// keeps its URL within 8 KB, leaving the other half to the headers (the
/// bearer token...), of which 256 bytes go to `https://<My Domain>` and
/// `/services/data/vNN.0/query?q=`.
pub const MAX_ENCODED_SOQL: usize = 8_192 - 256;

/// Bytes `text` takes once encoded as `encodeURIComponent` does (what the
/// client sends): letters, digits and `-_.!~*'()` as they are, every
/// other UTF-8 byte as `%XX`.
pub fn encoded_len(text: &str) -> usize {
    text.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) { 1 } else { 3 }).sum()
}

/// `SELECT <paths> FROM <object> WHERE Id = '<id>'`, built as a tree (the
/// id is a bound literal, escaped when rendered).
fn read_query(describe: &SObjectDescribe, id: &SfId, paths: &[String]) -> Query {
    let mut query = Query::select(&[], describe.name());
    query.select = paths.iter().map(|p| SelectItem::Field(FieldPath::new(p))).collect();
    query.from = Ident::new(describe.name());
    query.filter = Some(Condition::compare("Id", CompareOp::Eq, Value::string(id.as_str())));
    query
}

/// The queries reading one record's `fields` (with lookup names): as few
/// as fit, each selecting `Id` and whose encoded SOQL stays within
/// `max_encoded` bytes ([`MAX_ENCODED_SOQL`]), however many fields the
/// object has. A field's value and its name path stay in the same query.
/// [`merge`] puts the answers back together.
pub fn record_queries(describe: &SObjectDescribe, id: &SfId, fields: &[String], names: &NameFields, max_encoded: usize) -> Vec<Query> {
    let base = encoded_len(&read_query(describe, id, &["Id".to_owned()]).to_string());
    let separator = encoded_len(", ");
    let mut chunks: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = vec!["Id".into()];
    let mut size = base;
    // Groups of paths kept together: a field and the name behind it.
    let mut groups: Vec<Vec<String>> = Vec::new();
    for path in read_paths(describe, fields, names).into_iter().skip(1) {
        match groups.last_mut() {
            Some(group) if path.contains('.') => group.push(path),
            _ => groups.push(vec![path]),
        }
    }
    for group in groups {
        let cost: usize = group.iter().map(|p| separator + encoded_len(p)).sum();
        if size + cost > max_encoded && current.len() > 1 {
            chunks.push(std::mem::replace(&mut current, vec!["Id".into()]));
            size = base;
        }
        size += cost;
        current.extend(group);
    }
    chunks.push(current);
    chunks.iter().map(|paths| read_query(describe, id, paths)).collect()
}

/// One record from the answers of [`record_queries`]: the first answer,
/// with the fields of the others added (the same record, read in parts).
pub fn merge(parts: Vec<Record>) -> Option<Record> {
    let mut parts = parts.into_iter();
    let mut record = parts.next()?;
    for part in parts {
        for (name, value) in part.fields {
            record.fields.entry(name).or_insert(value);
        }
    }
    Some(record)
}

/// The object a lookup's value `id` is a record of: the target whose key
/// prefix starts the id (a polymorphic lookup such as `WhoId`), or the
/// only target. `None` when describe does not say (no target matches).
pub fn lookup_target<'s>(spec: &'s crate::fields::FieldSpec, id: &str) -> Option<&'s str> {
    let prefix = id.get(..3)?;
    match spec.reference_to.as_slice() {
        [only] => Some(only.object.as_str()),
        targets => targets.iter().find(|t| t.key_prefix.eq_ignore_ascii_case(prefix)).map(|t| t.object.as_str()),
    }
}

/// Where the record opens in Salesforce's own UI: Lightning Experience's
/// record page, `{instance}/lightning/r/{object}/{id}/view` (the URL
/// Salesforce documents for linking to a record page, "lightning/r/...").
/// `None` on devorg, which has no UI of its own, and for what is not an
/// https instance or an API name and id.
pub fn record_url(login: &crate::login::LoginHost, instance_url: &str, object: &str, id: &str) -> Option<String> {
    if *login == crate::login::LoginHost::Devorg || !instance_url.starts_with("https://") {
        return None;
    }
    let id = SfId::parse(id).ok()?;
    let api_name = !object.is_empty() && object.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    api_name.then(|| format!("{}/lightning/r/{object}/{id}/view", instance_url.trim_end_matches('/')))
}
