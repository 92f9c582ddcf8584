//! Composite references: `@{refAccount.id}`, `@{refQuery.records[0].Id}`,
//! any nested path into an earlier subrequest's response body, substituted
//! in a subrequest's url and in every string of its body.

use std::collections::HashMap;

use serde_json::Value as Json;

/// The bodies of the subrequests run so far: `None` for a failed one, whose
/// values nothing may reference.
pub type Bodies = HashMap<String, Option<Json>>;

/// A reference that cannot be resolved; the message names it, as
/// Salesforce's PROCESSING_HALTED does ("Invalid reference specified. No
/// value for schoolRt.records[0].Id found in schoolRt", observed in
/// CumulusCI's composite tests).
#[derive(Debug, PartialEq, Eq)]
pub struct RefError(pub String);

/// `^[A-Za-z0-9_]+$`, the referenceIds Salesforce accepts.
pub fn valid_reference_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Follows `records[0].Id`-style `path` into `value`. Keys match exactly,
/// else case-insensitively (SaveResults say `id`, records say `Id`).
fn follow<'v>(value: &'v Json, path: &str) -> Option<&'v Json> {
    let mut current = value;
    for segment in path.split('.') {
        let (key, indexes) = segment.split_once('[').map_or((segment, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            let map = current.as_object()?;
            current = map.get(key).or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))?;
        }
        if !indexes.is_empty() {
            for index in format!("[{indexes}").split('[').filter(|s| !s.is_empty()) {
                let n: usize = index.strip_suffix(']')?.trim().parse().ok()?;
                current = current.as_array()?.get(n)?;
            }
        }
    }
    Some(current)
}

/// The value of one `name.path` expression.
fn lookup<'b>(expression: &str, bodies: &'b Bodies) -> Result<&'b Json, RefError> {
    let (name, path) = expression.split_once('.').unwrap_or((expression, ""));
    let missing = || RefError(format!("Invalid reference specified. No value for {expression} found in {name}"));
    let body = bodies.get(name).and_then(Option::as_ref).ok_or_else(missing)?;
    let value = if path.is_empty() { Some(body) } else { follow(body, path) };
    value.filter(|v| !v.is_null()).ok_or_else(missing)
}

fn as_text(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Substitutes every `@{...}` of `text`. A string that is exactly one
/// reference takes the referenced value itself (a number stays a number).
pub fn substitute_str(text: &str, bodies: &Bodies) -> Result<Json, RefError> {
    if let Some(inner) = text.strip_prefix("@{").and_then(|t| t.strip_suffix('}')).filter(|i| !i.contains('}')) {
        return lookup(inner, bodies).cloned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("@{") {
        let Some(len) = rest[start..].find('}') else { break };
        out.push_str(&rest[..start]);
        out.push_str(&as_text(lookup(&rest[start + 2..start + len], bodies)?));
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Ok(Json::String(out))
}

/// Substitutes references in every string of `value`.
pub fn substitute(value: &Json, bodies: &Bodies) -> Result<Json, RefError> {
    Ok(match value {
        Json::String(s) => substitute_str(s, bodies)?,
        Json::Array(items) => Json::Array(items.iter().map(|v| substitute(v, bodies)).collect::<Result<_, _>>()?),
        Json::Object(map) => Json::Object(map.iter().map(|(k, v)| Ok((k.clone(), substitute(v, bodies)?))).collect::<Result<_, _>>()?),
        other => other.clone(),
    })
}

/// The url with its references substituted, as text.
pub fn substitute_url(url: &str, bodies: &Bodies) -> Result<String, RefError> {
    substitute_str(url, bodies).map(|v| as_text(&v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn bodies() -> Bodies {
        let mut b = Bodies::new();
        b.insert("refAccount".into(), Some(json!({"id": "001000000000001AAA", "success": true, "errors": []})));
        b.insert("q".into(), Some(json!({"totalSize": 2, "records": [{"Id": "003A"}, {"Id": "003B", "Account": {"Name": "Acme"}}]})));
        b.insert("failed".into(), None);
        b
    }

    #[test]
    fn paths_strings_and_values() {
        let b = bodies();
        assert_eq!(
            substitute_url("/services/data/v62.0/sobjects/Account/@{refAccount.id}", &b),
            Ok("/services/data/v62.0/sobjects/Account/001000000000001AAA".into())
        );
        assert_eq!(substitute_str("@{q.records[1].Account.Name} & @{q.records[0].Id}", &b), Ok(json!("Acme & 003A")));
        assert_eq!(substitute_str("@{q.totalSize}", &b), Ok(json!(2)), "a whole-string reference keeps its type");
        assert_eq!(substitute(&json!({"a": ["@{refAccount.ID}"], "n": 1}), &b), Ok(json!({"a": ["001000000000001AAA"], "n": 1})));
        assert_eq!(substitute_str("no refs {here}", &b), Ok(json!("no refs {here}")));
    }

    #[test]
    fn unresolvable_references_name_themselves() {
        let b = bodies();
        for (text, expression, name) in
            [("@{failed.id}", "failed.id", "failed"), ("x @{nope.id}", "nope.id", "nope"), ("@{q.records[5].Id}", "q.records[5].Id", "q")]
        {
            assert_eq!(substitute_str(text, &b), Err(RefError(format!("Invalid reference specified. No value for {expression} found in {name}"))));
        }
        assert!(valid_reference_id("ref_Account1"));
        assert!(!valid_reference_id("ref-1") && !valid_reference_id(""));
    }
}
