//! sObject Tree (REST API Developer Guide, "sObject Tree", "sObject Tree
//! Request Body", "sObject Tree Response Body" and "Create Nested Records",
//! developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobject_tree.htm):
//! - `POST /services/data/vNN.N/composite/tree/{Object}`
//!   `{"records":[{"attributes":{"type","referenceId"}, Field: value, ...,
//!   ChildRelationship: {"records":[...]}}]}` -> 201
//!   `{"hasErrors":false,"results":[{"referenceId","id"}]}`.
//!
//! Up to 200 records across all trees, of up to five types, up to five
//! levels deep; every root is of the URL's object, every child of the
//! object its child relationship (`Contacts`) names, and its lookup to the
//! parent is filled in with the parent's new id. Each `referenceId` is
//! unique in the request (case-sensitive) and made of letters, digits and
//! `_`, starting with a letter or digit.
//!
//! All or none: the records are created in one savepoint, all roots first,
//! then all second-level records, and so on (the order of the guide's
//! response example, and the groups in which Salesforce fires triggers),
//! each level in request order. The first record that fails rolls
//! everything back and the answer names only it: 400
//! `{"hasErrors":true,"results":[{"referenceId","errors":[{"statusCode","message","fields"}]}]}`.
//!
//! An unknown field is the exception: it fails the whole request with a
//! top-level `INVALID_FIELD` error array, which is what the Salesforce CLI's
//! `data import tree` expects (it reads the field and object out of
//! "No such column 'X' on sobject of type Y").
//!
//! Unsure (no source found, devorg's own words): the HTTP status of a
//! failed tree (400, as for other rejected saves), and the status codes and
//! messages of the request-level refusals (over 200 records, too deep, too
//! many types, a malformed or duplicate `referenceId`, a wrong `type`),
//! answered as a top-level `INVALID_INPUT` error array.

use std::collections::HashSet;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use salesforce_rest::{ErrorCode, RestError, SaveError};
use serde_json::{Map, Value as Json, json};

use super::reply::Reply;
use super::sobjects::{parse_body, resolve};
use crate::records::ops::{self, ApiErrors, Savepoint};
use crate::schema::{Field, Object, Schema};
use crate::{ApiError, State};

/// Records across all trees of one request.
pub const MAX_RECORDS: usize = 200;
/// Levels of one tree, the root being level 1.
pub const MAX_DEPTH: usize = 5;
/// Distinct objects in one request.
pub const MAX_TYPES: usize = 5;

pub fn router() -> Router<State> {
    Router::new().route("/services/data/{version}/composite/tree/{object}", post(tree))
}

/// One record of the request, flattened out of its tree.
#[derive(Debug)]
struct Node<'s> {
    reference_id: String,
    object: &'s Object,
    /// Field values, child relationships removed.
    fields: Map<String, Json>,
    /// The parent's index among the nodes, and the lookup that points at it.
    parent: Option<(usize, &'s Field)>,
    level: usize,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::InvalidInput, message)
}

/// The sObject Tree Request Body's rule for reference ids.
fn valid_reference_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `value` as a `{"records":[...]}` collection, or a clear refusal.
fn records_of<'v>(value: &'v Json, what: &str) -> Result<&'v Vec<Json>, ApiError> {
    value.get("records").and_then(Json::as_array).ok_or_else(|| invalid(format!("{what} needs a \"records\" array")))
}

/// The child relationship `name` of `parent` (case-insensitive), as
/// describe's childRelationships list it: the child object and its lookup.
fn child_relationship<'s>(schema: &'s Schema, parent: &'s Object, name: &str) -> Option<(&'s Object, &'s Field)> {
    schema.children_of(&parent.name).find(|(child, field)| Schema::child_relationship_name(child, field).is_some_and(|r| r.eq_ignore_ascii_case(name)))
}

/// Flattens the trees under `records` (all of type `object`) into `nodes`,
/// checking each record's shape on the way down.
fn flatten<'s>(
    schema: &'s Schema,
    object: &'s Object,
    records: &[Json],
    parent: Option<(usize, &'s Field)>,
    level: usize,
    nodes: &mut Vec<Node<'s>>,
) -> Result<(), ApiError> {
    if level > MAX_DEPTH {
        return Err(invalid(format!("sObject trees can be at most {MAX_DEPTH} levels deep")));
    }
    for record in records {
        let Some(body) = record.as_object() else { return Err(invalid("each element of \"records\" must be a record object")) };
        let attributes = body.get("attributes").and_then(Json::as_object);
        let ty = attributes.and_then(|a| a.get("type")).and_then(Json::as_str);
        let reference_id = attributes.and_then(|a| a.get("referenceId")).and_then(Json::as_str);
        let Some(reference_id) = reference_id.filter(|r| valid_reference_id(r)) else {
            return Err(invalid(format!(
                "every {} record needs attributes.referenceId: letters, digits and '_', starting with a letter or digit",
                object.name
            )));
        };
        if !ty.is_some_and(|t| t.eq_ignore_ascii_case(&object.name)) {
            return Err(invalid(format!("record {reference_id} must have attributes.type {}, not {}", object.name, ty.unwrap_or("(none)"))));
        }
        let index = nodes.len();
        let mut fields = Map::new();
        let mut children = Vec::new();
        for (key, value) in body.iter().filter(|(k, _)| k.as_str() != "attributes") {
            // A key that is not a field but names a child relationship holds children.
            match child_relationship(schema, object, key).filter(|_| object.field(key).is_none()) {
                Some((child, lookup)) => children.push((child, lookup, records_of(value, &format!("{reference_id}.{key}"))?)),
                None => {
                    fields.insert(key.clone(), value.clone());
                }
            }
        }
        nodes.push(Node { reference_id: reference_id.to_owned(), object, fields, parent, level });
        if nodes.len() > MAX_RECORDS {
            return Err(invalid(format!("an sObject Tree request can hold at most {MAX_RECORDS} records across all trees")));
        }
        for (child, lookup, records) in children {
            flatten(schema, child, records, Some((index, lookup)), level + 1, nodes)?;
        }
    }
    Ok(())
}

/// Request-wide checks once every record is known.
fn check(nodes: &[Node<'_>]) -> Result<(), ApiError> {
    let types: HashSet<&str> = nodes.iter().map(|n| n.object.name.as_str()).collect();
    if types.len() > MAX_TYPES {
        return Err(invalid(format!("an sObject Tree request can hold records of at most {MAX_TYPES} different types, not {}", types.len())));
    }
    let mut seen = HashSet::new();
    if let Some(dup) = nodes.iter().find(|n| !seen.insert(n.reference_id.as_str())) {
        return Err(invalid(format!("Duplicate referenceId '{}': each record needs its own", dup.reference_id)));
    }
    Ok(())
}

/// The failure answer: only the record that failed.
fn failed(reference_id: &str, errors: Vec<SaveError>) -> Reply {
    Reply::json(StatusCode::BAD_REQUEST, &json!({"hasErrors": true, "results": [{"referenceId": reference_id, "errors": errors}]}))
}

async fn tree(
    AxumState(state): AxumState<State>,
    Path((version_segment, object_name)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Reply, ApiError> {
    let conn = state.db.conn();
    let (session, _, object) = resolve(&state, &conn, &headers, &version_segment, &object_name)?;
    let body = parse_body(&body)?;
    let mut nodes = Vec::new();
    flatten(&state.schema, object, records_of(&body, "the request body")?, None, 1, &mut nodes)?;
    if nodes.is_empty() {
        return Err(invalid("\"records\" must hold at least one record"));
    }
    check(&nodes)?;

    // Level by level, each in request order (a stable sort keeps it).
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by_key(|&i| nodes[i].level);
    let transaction = Savepoint::begin(&conn)?;
    let mut ids: Vec<Option<String>> = vec![None; nodes.len()];
    let mut results = Vec::with_capacity(nodes.len());
    for i in order {
        let node = &nodes[i];
        let mut fields = node.fields.clone();
        if let Some((parent, lookup)) = node.parent {
            // Parents are created first, so their id is known; it replaces
            // whatever the record gave for its lookup, however spelled.
            fields.retain(|k, _| !k.eq_ignore_ascii_case(&lookup.name));
            fields.insert(lookup.name.clone(), ids[parent].clone().map_or(Json::Null, Json::String));
        }
        match ops::create(&conn, &session, node.object, &Json::Object(fields)) {
            Ok(id) => {
                results.push(json!({"referenceId": node.reference_id, "id": id.as_str()}));
                ids[i] = Some(id.to_string());
            }
            Err(e) => {
                let errors = e.save_errors(node.object)?;
                transaction.rollback()?;
                if let Some(unknown) = errors.iter().find(|e| e.status_code == ErrorCode::InvalidField) {
                    let error = RestError::new(ErrorCode::InvalidField, unknown.message.clone());
                    return Ok(ApiErrors(StatusCode::BAD_REQUEST, vec![error]).into());
                }
                return Ok(failed(&node.reference_id, errors));
            }
        }
    }
    transaction.commit()?;
    Ok(Reply::json(StatusCode::CREATED, &json!({"hasErrors": false, "results": results})))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_ids() {
        let cases = [("ref1", true), ("AccountRef_2", true), ("1st", true), ("_ref", false), ("ref-1", false), ("", false), ("réf", false)];
        for (id, want) in cases {
            assert_eq!(valid_reference_id(id), want, "{id}");
        }
    }
}
