//! One record at a time, as plain functions over a connection: create,
//! read, update and delete with the sharing check inside. The single-record
//! endpoints, sObject Collections and Composite all call these, so a record
//! saved one way is validated exactly as it is saved another.
//!
//! Failures are a [`RecordError`], which each caller renders its own way:
//! a top-level error array with an HTTP status ([`RecordError::top_level`])
//! or the per-record `SaveError`s of a collection ([`RecordError::save_errors`]).

use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension};
use salesforce_rest::{ErrorCode, RestError, SaveError, SfId};
use serde_json::Value as Json;

use super::encode::{Save, encode};
use super::store;
use crate::ApiError;
use crate::auth::Session;
use crate::schema::{Field, Object, Sharing};

/// Why one record could not be read or saved.
#[derive(Debug)]
pub enum RecordError {
    /// The text is not a record id at all.
    MalformedId(String),
    /// A well-formed id of another object.
    WrongObject(SfId),
    /// No such record, or one the session may not see (Private sharing).
    Missing(SfId),
    /// The record is in the recycle bin.
    Deleted(SfId),
    /// The body failed validation: every problem found.
    Invalid(Vec<RestError>),
    /// The object cannot be written this way at all (TaskStatus is
    /// read-only): what could not be done, "inserted", "updated" or "deleted".
    ReadOnly(&'static str),
    /// SQLite failed: not the caller's fault, never reported per record.
    Internal(ApiError),
}

impl From<rusqlite::Error> for RecordError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Internal(ApiError::from(e))
    }
}

fn incorrect_type(object: &Object, raw: &str) -> String {
    format!("{} ID: id value of incorrect type: {raw}", object.name)
}

/// Salesforce's words for a save its object does not allow, naming the
/// object by its label: "entity type cannot be inserted: Task Status".
fn cannot_be(object: &Object, done: &str) -> String {
    format!("entity type cannot be {done}: {}", object.label)
}

/// Refuses any save to a read-only object, before its id or body is looked at.
fn writable(object: &Object, done: &'static str) -> Result<(), RecordError> {
    if object.read_only() { Err(RecordError::ReadOnly(done)) } else { Ok(()) }
}

impl RecordError {
    /// As the single-record API answers: 400 for a malformed id or an
    /// invalid body, 404 NOT_FOUND for anything the session cannot reach.
    pub fn top_level(self, object: &Object) -> ApiErrors {
        match self {
            Self::MalformedId(raw) => ApiErrors(StatusCode::BAD_REQUEST, vec![RestError::new(ErrorCode::MalformedId, incorrect_type(object, &raw))]),
            Self::WrongObject(_) | Self::Missing(_) | Self::Deleted(_) => {
                let e = ApiError::not_found();
                ApiErrors(e.status, vec![e.error])
            }
            Self::Invalid(errors) => ApiErrors(StatusCode::BAD_REQUEST, errors),
            Self::ReadOnly(done) => ApiErrors(StatusCode::BAD_REQUEST, vec![RestError::new(ErrorCode::InvalidTypeForOperation, cannot_be(object, done))]),
            Self::Internal(e) => ApiErrors(e.status, vec![e.error]),
        }
    }

    /// As sObject Collections answer for one record; `Err` only for
    /// internal failures, which fail the whole request instead.
    pub fn save_errors(self, object: &Object) -> Result<Vec<SaveError>, ApiError> {
        let one = |code, message: String, fields: &[&str]| {
            let mut e = SaveError::new(code, message);
            e.fields = fields.iter().map(|f| (*f).to_owned()).collect();
            Ok(vec![e])
        };
        match self {
            Self::MalformedId(raw) => one(ErrorCode::MalformedId, incorrect_type(object, &raw), &["Id"]),
            Self::WrongObject(id) => one(ErrorCode::MalformedId, incorrect_type(object, id.as_str()), &["Id"]),
            Self::Missing(_) => one(ErrorCode::InvalidCrossReferenceKey, "invalid cross reference id".into(), &[]),
            Self::Deleted(_) => one(ErrorCode::EntityIsDeleted, "entity is deleted".into(), &[]),
            Self::Invalid(errors) => Ok(errors.into_iter().map(SaveError::from).collect()),
            Self::ReadOnly(done) => one(ErrorCode::InvalidTypeForOperation, cannot_be(object, done), &[]),
            Self::Internal(e) => Err(e),
        }
    }
}

/// A status and a top-level error array.
#[derive(Debug)]
pub struct ApiErrors(pub StatusCode, pub Vec<RestError>);

/// Parses `raw` as an id of `object`.
pub fn parse_id(object: &Object, raw: &str) -> Result<SfId, RecordError> {
    let id = SfId::parse(raw).map_err(|_| RecordError::MalformedId(raw.to_owned()))?;
    if id.key_prefix() != object.key_prefix {
        return Err(RecordError::WrongObject(id));
    }
    Ok(id)
}

/// Checks that `id` is a live record of `object` the session may see.
pub fn locate(conn: &Connection, session: &Session, object: &Object, id: &SfId) -> Result<(), RecordError> {
    let owner_column = if object.owned { "\"OwnerId\"" } else { "NULL" };
    let deleted_column = if object.field("IsDeleted").is_some() { "\"IsDeleted\"" } else { "0" };
    let row: Option<(Option<String>, bool)> = conn
        .query_row(&format!("SELECT {owner_column}, {deleted_column} FROM {} WHERE \"Id\" = ?1", object.table()), [id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((owner, deleted)) = row else { return Err(RecordError::Missing(id.clone())) };
    let hidden = object.sharing == Sharing::Private && !session.admin && owner.as_deref() != Some(session.user.as_str());
    match (hidden, deleted) {
        (true, _) => Err(RecordError::Missing(id.clone())),
        (false, true) => Err(RecordError::Deleted(id.clone())),
        (false, false) => Ok(()),
    }
}

/// Resolves `raw` for `object` and checks the session may see it.
pub fn visible_id(conn: &Connection, session: &Session, object: &Object, raw: &str) -> Result<SfId, RecordError> {
    let id = parse_id(object, raw)?;
    locate(conn, session, object, &id)?;
    Ok(id)
}

/// The fields named in a `fields=A,B` list, or INVALID_FIELD.
pub fn fields<'o, 'n>(object: &'o Object, names: impl IntoIterator<Item = &'n str>) -> Result<Vec<&'o Field>, ApiError> {
    let mut out = Vec::new();
    for name in names.into_iter().map(str::trim).filter(|n| !n.is_empty()) {
        let field = object.field(name).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidField,
                format!("No such column '{name}' on entity '{}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", object.name),
            )
        })?;
        out.push(field);
    }
    Ok(out)
}

/// Creates a record from `body` (field -> value) owned by the session's user.
/// Checks run in Salesforce's order: the fields (`encode`, `references`),
/// then the object's validation rules, so a field error wins over a rule.
pub fn create(conn: &Connection, session: &Session, object: &Object, body: &Json) -> Result<SfId, RecordError> {
    writable(object, "inserted")?;
    let columns = encode(object, body, Save::Create).map_err(RecordError::Invalid)?;
    super::references::check(conn, &columns)?.map_err(RecordError::Invalid)?;
    super::rules::check(conn, object, None, &columns)?.map_err(RecordError::Invalid)?;
    Ok(store::insert(conn, object, columns, &session.user)?)
}

/// One record's `fields` (all when empty), URLs in `version`.
pub fn read(conn: &Connection, session: &Session, object: &Object, raw_id: &str, fields: &[&Field], version: &str) -> Result<Json, RecordError> {
    let id = visible_id(conn, session, object, raw_id)?;
    store::get(conn, object, &id, fields, version)?.ok_or(RecordError::Missing(id))
}

/// Updates the fields of `body` on a visible record.
pub fn update(conn: &Connection, session: &Session, object: &Object, raw_id: &str, body: &Json) -> Result<SfId, RecordError> {
    writable(object, "updated")?;
    let id = visible_id(conn, session, object, raw_id)?;
    let columns = encode(object, body, Save::Update).map_err(RecordError::Invalid)?;
    super::references::check(conn, &columns)?.map_err(RecordError::Invalid)?;
    super::rules::check(conn, object, Some(&id), &columns)?.map_err(RecordError::Invalid)?;
    // Owner is history-tracked on objects with a history object (records::history).
    let owner = if columns.iter().any(|(f, _)| f.name == "OwnerId") { super::history::owner_before(conn, object, &id)? } else { None };
    if !store::update(conn, object, &id, columns, &session.user)? {
        return Err(RecordError::Missing(id));
    }
    super::history::after_update(conn, object, &id, owner.as_deref(), &session.user, &store::now_string())?;
    Ok(id)
}

/// Whether the visible record `raw_id` was last modified after the whole
/// second holding `since_millis` (what `If-Unmodified-Since` asks: its
/// value has whole seconds, so a change within that second is not "after").
/// An object without `LastModifiedDate` never was.
pub fn modified_after(conn: &Connection, session: &Session, object: &Object, raw_id: &str, since_millis: i64) -> Result<bool, RecordError> {
    let id = visible_id(conn, session, object, raw_id)?;
    if object.field("LastModifiedDate").is_none() {
        return Ok(false);
    }
    let stamp: Option<String> =
        conn.query_row(&format!("SELECT \"LastModifiedDate\" FROM {} WHERE \"Id\" = ?1", object.table()), [id.as_str()], |r| r.get(0))?;
    let modified = stamp.as_deref().and_then(|s| salesforce_rest::soql::DateTime::parse(s).ok()).map(|t| t.unix_millis());
    Ok(modified.is_some_and(|m| m.div_euclid(1000) > since_millis.div_euclid(1000)))
}

/// Moves a visible record to the recycle bin.
pub fn delete(conn: &Connection, session: &Session, object: &Object, raw_id: &str) -> Result<SfId, RecordError> {
    writable(object, "deleted")?;
    let id = visible_id(conn, session, object, raw_id)?;
    if !store::delete(conn, object, &id, &session.user)? {
        return Err(RecordError::Missing(id));
    }
    Ok(id)
}

/// A SAVEPOINT on the connection: writes since [`Savepoint::begin`] are kept
/// by [`Savepoint::commit`] and undone by [`Savepoint::rollback`] or by
/// dropping it (an early return). Savepoints nest, so a collection inside a
/// composite request gets its own.
#[derive(Debug)]
pub struct Savepoint<'c> {
    conn: &'c Connection,
    open: bool,
}

impl<'c> Savepoint<'c> {
    pub fn begin(conn: &'c Connection) -> rusqlite::Result<Self> {
        conn.execute_batch("SAVEPOINT devorg_save")?;
        Ok(Self { conn, open: true })
    }

    pub fn commit(mut self) -> rusqlite::Result<()> {
        self.open = false;
        self.conn.execute_batch("RELEASE devorg_save")
    }

    pub fn rollback(mut self) -> rusqlite::Result<()> {
        self.open = false;
        self.conn.execute_batch("ROLLBACK TO devorg_save; RELEASE devorg_save")
    }
}

impl Drop for Savepoint<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK TO devorg_save; RELEASE devorg_save");
        }
    }
}
