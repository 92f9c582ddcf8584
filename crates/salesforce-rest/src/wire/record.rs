//! Records and query answers (§4, §5, §6): `GET …/sobjects/{T}/{id}`, the
//! elements of `records` / `searchRecords`, and `GET …/query?q=` /
//! `queryAll` / `query/{locator}`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `{"type":"Account","url":"/services/data/v62.0/sobjects/Account/001…"}`.
/// Aggregate rows and collection requests carry no `url`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attributes {
    #[serde(rename = "type")]
    pub object_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Attributes {
    pub fn of(object_type: impl Into<String>) -> Self {
        Self { object_type: object_type.into(), url: None }
    }
}

/// One record: `attributes`, then its fields in the order the org sent them
/// (the workspace's `serde_json` keeps order). Parent relationships are
/// nested records (`"Account":{"attributes":…,"Name":"Acme"}` or `null`),
/// child subqueries nested query answers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Record {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Attributes>,
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// The key of `map` equal to `name` ignoring ASCII case, exact match first.
///
/// One pass comparing keys rather than a hash lookup: a record has a
/// handful of fields, and this runs for every cell of a 2,000-row grid,
/// where hashing each name costs more than comparing a few short keys.
fn lookup<'m>(map: &'m Map<String, Value>, name: &str) -> Option<&'m Value> {
    if map.len() > 32 {
        return map.get(name).or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v));
    }
    let mut folded = None;
    for (key, value) in map {
        if key.len() != name.len() {
            continue;
        }
        if key == name {
            return Some(value);
        }
        if folded.is_none() && key.eq_ignore_ascii_case(name) {
            folded = Some(value);
        }
    }
    folded
}

impl Record {
    /// A new record of `object_type` (for collection and composite requests).
    pub fn new(object_type: impl Into<String>) -> Self {
        Self { attributes: Some(Attributes::of(object_type)), fields: Map::new() }
    }

    /// Sets a field, builder style.
    pub fn with(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.fields.insert(name.into(), value.into());
        self
    }

    /// `attributes.type`.
    pub fn object_type(&self) -> Option<&str> {
        self.attributes.as_ref().map(|a| a.object_type.as_str())
    }

    /// `Id` (or `id`, as collection updates spell it), else the last
    /// segment of `attributes.url`: a `?fields=` read need not list `Id`.
    pub fn id(&self) -> Option<&str> {
        lookup(&self.fields, "Id").and_then(Value::as_str).or_else(|| {
            let url = self.attributes.as_ref()?.url.as_deref()?;
            url.rsplit('/').next().filter(|s| !s.is_empty())
        })
    }

    /// A value by dotted path through parent relationships, any case:
    /// `get("Account.Owner.Name")`. `None` when a key is missing; a null
    /// relationship on the way yields `Some(Value::Null)`, as SOQL does.
    pub fn get(&self, path: &str) -> Option<&Value> {
        let mut parts = path.split('.');
        let mut value = lookup(&self.fields, parts.next()?)?;
        for part in parts {
            match value {
                Value::Null => return Some(value),
                Value::Object(map) => value = lookup(map, part)?,
                _ => return None,
            }
        }
        Some(value)
    }

    /// [`Record::get`] as text (`None` for null, numbers and the like).
    pub fn get_str(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(Value::as_str)
    }

    /// A child subquery's answer (`Contacts`); `None` when absent or `null`.
    pub fn children(&self, relationship: &str) -> Option<QueryResponse<Record>> {
        lookup(&self.fields, relationship).filter(|v| v.is_object()).and_then(|v| serde_json::from_value(v.clone()).ok())
    }
}

/// `GET …/query?q=`: one batch of records; `nextRecordsUrl` (root-relative,
/// only while `!done`) fetches the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryResponse<T = Value> {
    #[serde(default)]
    pub total_size: u64,
    #[serde(default = "yes")]
    pub done: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_records_url: Option<String>,
    #[serde(default = "Vec::new")]
    pub records: Vec<T>,
}

fn yes() -> bool {
    true
}

impl<T> QueryResponse<T> {
    /// The query locator (`01g…-2000`), the last segment of `nextRecordsUrl`:
    /// how jsforce rebuilds the next URL on its own base.
    pub fn next_locator(&self) -> Option<&str> {
        self.next_records_url.as_deref().and_then(|u| u.trim_end_matches('/').rsplit('/').next()).filter(|s| !s.is_empty())
    }
}

impl QueryResponse<Value> {
    /// The same answer with records of another shape (usually [`Record`]).
    pub fn into_typed<T: DeserializeOwned>(self) -> Result<QueryResponse<T>, serde_json::Error> {
        let records = self.records.into_iter().map(serde_json::from_value).collect::<Result<_, _>>()?;
        Ok(QueryResponse { total_size: self.total_size, done: self.done, next_records_url: self.next_records_url, records })
    }
}
