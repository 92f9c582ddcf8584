//! SOSL execution (dialect §6), shared by `GET …/search?q=` and both forms
//! of `…/parameterizedSearch`: each RETURNING object is read with its SOQL
//! WHERE / ORDER BY (the same planner as queries, so sharing and deleted
//! records behave the same), and its text fields in the `IN ... FIELDS`
//! group are matched against the term by `matcher`.

pub mod matcher;

use axum::http::StatusCode;
use rusqlite::Connection;
use salesforce_rest::ErrorCode;
use salesforce_rest::soql::{FieldPath, Query, SelectItem, SoqlError, SoqlErrorKind};
use salesforce_rest::sosl::{Returning, Search, SearchScope};
use serde_json::{Value as Json, json};

use crate::auth::Session;
use crate::query::plan::{Plan, unsupported_object};
use crate::query::{QueryError, context};
use crate::schema::{FieldType, Object, SearchGroup};
use crate::{ApiError, State};

/// Salesforce's cap on search results, overall and per object.
pub const MAX_RESULTS: u64 = 2000;

/// A refused SOSL text: Salesforce says MALFORMED_SEARCH, not MALFORMED_QUERY.
pub fn syntax_error(e: SoqlError, text: &str) -> ApiError {
    let mut error = QueryError::from(e.clone());
    if e.kind == SoqlErrorKind::MalformedQuery {
        error.code = ErrorCode::Other("MALFORMED_SEARCH".into());
    }
    error.into_api(text)
}

/// The fields of `object` a term is matched against for `scope`.
fn scope_fields(object: &Object, scope: SearchScope) -> Vec<&crate::schema::Field> {
    object
        .fields
        .iter()
        .filter(|f| f.ty.is_text() && f.ty != FieldType::Id)
        .filter(|f| match scope {
            SearchScope::All => true,
            SearchScope::Name => f.search == Some(SearchGroup::Name) || f.name_field,
            SearchScope::Email => f.search == Some(SearchGroup::Email) || f.ty == FieldType::Email,
            SearchScope::Phone => f.search == Some(SearchGroup::Phone) || f.ty == FieldType::Phone,
        })
        .collect()
}

/// Objects searched when a search names none: the searchable business objects.
fn default_returning(state: &State) -> Vec<Returning> {
    state
        .schema
        .objects
        .iter()
        .filter(|o| !o.custom_setting && o.name != "User" && o.fields.iter().any(|f| f.search.is_some()))
        .map(|o| Returning::new(&o.name, &[]))
        .collect()
}

/// Runs `search` as `session`: `{"searchRecords":[...]}`. `text` is the
/// request as written, quoted in error messages.
pub fn run(state: &State, conn: &Connection, session: &Session, version: &str, search: &Search, text: &str) -> Result<Json, ApiError> {
    let ctx = context(conn, session)?;
    let groups = search.term.alternatives();
    let scope = search.scope.unwrap_or(SearchScope::All);
    let returning = if search.returning.is_empty() { default_returning(state) } else { search.returning.clone() };
    let mut remaining = search.limit.unwrap_or(MAX_RESULTS).min(MAX_RESULTS);
    let mut records = Vec::new();
    for item in &returning {
        if remaining == 0 {
            break;
        }
        let object = state.schema.object(&item.object.name).ok_or_else(|| unsupported_object(&item.object).into_api(text))?;
        if !crate::access::visible(conn, session, object)? {
            return Err(unsupported_object(&item.object).into_api(text));
        }
        let fields = if item.fields.is_empty() { vec![FieldPath::new("Id")] } else { item.fields.clone() };
        let query = Query {
            select: fields.into_iter().map(SelectItem::Field).collect(),
            from: item.object.clone(),
            alias: None,
            filter: item.filter.clone(),
            group_by: Vec::new(),
            order_by: item.order_by.clone(),
            limit: None,
            offset: None,
        };
        let mut plan = Plan::new(&state.schema, &query, &ctx).map_err(|e| e.into_api(text))?;
        let searched = scope_fields(object, scope);
        let first_text = plan.columns.len();
        plan.columns.extend(searched.iter().map(|f| format!("t0.\"{}\"", f.name)));
        let phones: Vec<bool> = searched.iter().map(|f| f.ty == FieldType::Phone).collect();
        let limit = item.limit.unwrap_or(MAX_RESULTS).min(remaining);
        let offset = usize::try_from(item.offset.unwrap_or(0)).unwrap_or(usize::MAX);
        let scope_rows = crate::query::Scope { session, all_rows: false };
        let found = crate::query::matching(
            conn,
            &plan,
            &scope_rows,
            version,
            first_text,
            &phones,
            &|values| matcher::matches(&groups, &values.iter().map(|(text, phone)| matcher::Haystack::new(text, *phone)).collect::<Vec<_>>()),
            offset,
            usize::try_from(limit).unwrap_or(usize::MAX),
        )?;
        remaining = remaining.saturating_sub(found.len() as u64);
        records.extend(found);
    }
    Ok(json!({ "searchRecords": records }))
}

/// A 400 for a search request that cannot be read at all.
pub fn bad_request(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::Other("INVALID_SEARCH".into()), message)
}
