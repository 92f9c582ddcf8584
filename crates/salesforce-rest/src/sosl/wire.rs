//! JSON bodies of the search resources (dialect §6): the request of
//! `POST …/parameterizedSearch` and the `{"searchRecords":[...]}` answer that
//! both search resources share.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::{Returning, Search, SearchScope, SearchTerm};
use crate::soql::{Ident, SoqlError, parse_condition, parse_order_by};

/// `{"q","fields","sobjects":[...],"in","overallLimit","defaultLimit"}`.
/// Unknown keys (`spellCorrection`, `snippet`, ...) are ignored.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParameterizedSearch {
    /// The search text, in term syntax but without braces.
    pub q: String,
    /// Fields returned for objects that do not list their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sobjects: Vec<SearchObjectSpec>,
    #[serde(rename = "in", default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<SearchScope>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_limit: Option<u64>,
    /// Per-object limit for objects without their own (at most 2000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_limit: Option<u64>,
}

/// One entry of `sobjects`: `{"name","fields","where","limit","orderBy"}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchObjectSpec {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<String>>,
    /// A SOQL condition, as text (`"Industry = 'Media'"`).
    #[serde(rename = "where", default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// A SOQL ORDER BY list without the keywords (`"Name DESC"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_by: Option<String>,
}

/// `{"searchRecords":[record, ...]}` (API v36+).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResponse {
    pub search_records: Vec<Json>,
}

impl ParameterizedSearch {
    /// The equivalent SOSL tree, so devorg answers both resources with one
    /// executor. `where`/`orderBy` errors carry positions within those strings.
    pub fn to_search(&self) -> Result<Search, SoqlError> {
        let returning = self
            .sobjects
            .iter()
            .map(|spec| {
                let fields = spec.fields.as_ref().unwrap_or(&self.fields);
                Ok(Returning {
                    object: Ident::new(spec.name.as_str()),
                    fields: fields.iter().map(|f| crate::soql::FieldPath::new(f)).collect(),
                    filter: spec.filter.as_deref().map(parse_condition).transpose()?,
                    order_by: spec.order_by.as_deref().map(parse_order_by).transpose()?.unwrap_or_default(),
                    limit: spec.limit.or(self.default_limit),
                    offset: None,
                })
            })
            .collect::<Result<_, SoqlError>>()?;
        Ok(Search { term: SearchTerm::raw(self.q.as_str()), scope: self.scope, returning, limit: self.overall_limit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_round_trips_and_converts() {
        let body = r#"{
            "q": "Acme*",
            "fields": ["Id", "Name"],
            "sobjects": [
                {"name": "Account", "where": "Industry = 'Media'", "limit": 5, "orderBy": "Name DESC"},
                {"name": "Contact", "fields": ["Id", "Email"]}
            ],
            "in": "NAME",
            "overallLimit": 50,
            "defaultLimit": 10,
            "spellCorrection": false
        }"#;
        let request: ParameterizedSearch = serde_json::from_str(body).expect("parses");
        assert_eq!(request.scope, Some(SearchScope::Name));
        assert_eq!(request.sobjects[0].filter.as_deref(), Some("Industry = 'Media'"));
        let json = serde_json::to_value(&request).expect("serializes");
        assert_eq!(json["in"], "NAME");
        assert_eq!(json["sobjects"][0]["orderBy"], "Name DESC");
        assert_eq!(json["sobjects"][0]["where"], "Industry = 'Media'");
        assert!(json.get("spellCorrection").is_none());
        let back: ParameterizedSearch = serde_json::from_value(json).expect("round trip");
        assert_eq!(back, request);
        assert_eq!(
            request.to_search().expect("converts").to_string(),
            "FIND {Acme*} IN NAME FIELDS RETURNING Account(Id, Name WHERE Industry = 'Media' ORDER BY Name DESC LIMIT 5), Contact(Id, Email LIMIT 10) LIMIT 50"
        );
    }

    #[test]
    fn minimal_request_and_bad_fragments() {
        let request: ParameterizedSearch = serde_json::from_str(r#"{"q":"Acme"}"#).expect("parses");
        assert_eq!(serde_json::to_string(&request).expect("serializes"), r#"{"q":"Acme"}"#);
        assert_eq!(request.to_search().expect("converts").to_string(), "FIND {Acme}");
        let bad = [
            (r#"{"q":"x","sobjects":[{"name":"Account","where":"Name = "}]}"#, "unexpected token: '<EOF>'"),
            (r#"{"q":"x","sobjects":[{"name":"Account","orderBy":"Name SIDEWAYS"}]}"#, "unexpected token: 'SIDEWAYS'"),
        ];
        for (body, message) in bad {
            let request: ParameterizedSearch = serde_json::from_str(body).expect(body);
            assert_eq!(request.to_search().expect_err(body).message, message, "{body}");
        }
        assert!(serde_json::from_str::<ParameterizedSearch>(r#"{"q":"x","in":"BODY"}"#).is_err());
    }

    #[test]
    fn response_shape() {
        let response = SearchResponse { search_records: vec![serde_json::json!({"attributes": {"type": "Account"}, "Id": "001"})] };
        let json = serde_json::to_string(&response).expect("serializes");
        // Keys keep their order (serde_json preserve_order), as Salesforce sends them.
        assert_eq!(json, r#"{"searchRecords":[{"attributes":{"type":"Account"},"Id":"001"}]}"#);
    }
}
