//! Field history: devorg tracks `Owner` on the objects that have a history
//! object (`history_of` in objects.toml: LeadHistory, ContactHistory,
//! OpportunityFieldHistory, CaseHistory, AccountHistory), as if the org's
//! admin had turned on Field History Tracking for it. Every update that
//! changes a record's OwnerId (REST PATCH, sObject Collections, Composite:
//! all go through `ops::update`; the seeds call [`owner_changed`] directly)
//! writes what Salesforce writes for a changed foreign key: "Two rows are
//! added to this object when foreign key fields change. One row contains
//! the foreign key object names that display in the online application ...
//! The other row contains the actual foreign key ID that is only returned to
//! and visible from the API" (Object Reference, "EntityHistory", Usage).
//!
//! Field is "Owner" in both rows. DataType is "Text" on the names row and
//! "EntityId" on the ids row: both are values of the DataType list the Object
//! Reference documents (ActivityFieldHistory), but which row carries which is
//! devorg's reading, not documented: clients must not rely on DataType to
//! tell the rows apart (an id-shaped NewValue does). CreatedById is the user
//! making the change, CreatedDate its time. The names row is written first.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use salesforce_rest::SfId;

use crate::schema::Object;

/// The record's owner before an update, when `object` tracks Owner.
pub fn owner_before(conn: &Connection, object: &Object, id: &SfId) -> rusqlite::Result<Option<String>> {
    if object.tracked_by.is_none() || !object.owned {
        return Ok(None);
    }
    let owner: Option<Option<String>> =
        conn.query_row(&format!("SELECT \"OwnerId\" FROM {} WHERE \"Id\" = ?1", object.table()), [id.as_str()], |r| r.get(0)).optional()?;
    Ok(owner.flatten())
}

/// After an update of `id` by `by` at `at`: writes the two history rows if
/// its owner is no longer `before` (see [`owner_before`]).
pub fn after_update(conn: &Connection, object: &Object, id: &SfId, before: Option<&str>, by: &SfId, at: &str) -> rusqlite::Result<()> {
    let Some(before) = before else { return Ok(()) };
    let now: Option<String> = owner_before(conn, object, id)?;
    match now {
        Some(now) if now != before => owner_changed(conn, object, id, before, &now, by, at),
        _ => Ok(()),
    }
}

/// Writes the names row and the ids row of an owner change from `old` to
/// `new` (user ids) on record `id` of `object`, made by `by` at `at`
/// (stored datetime text). Nothing when `object` has no history object.
pub fn owner_changed(conn: &Connection, object: &Object, id: &SfId, old: &str, new: &str, by: &SfId, at: &str) -> rusqlite::Result<()> {
    let Some(history) = &object.tracked_by else { return Ok(()) };
    let name = |user: &str| -> rusqlite::Result<Option<String>> {
        conn.query_row("SELECT \"Name\" FROM \"sobj_User\" WHERE \"Id\" = ?1", [user], |r| r.get(0)).optional().map(Option::flatten)
    };
    let names = (name(old)?, name(new)?);
    let rows = [("Text", names.0, names.1), ("EntityId", Some(old.to_owned()), Some(new.to_owned()))];
    for (data_type, old_value, new_value) in rows {
        let row_id = super::store::mint_prefixed(conn, &history.key_prefix)?;
        let values = [
            Sql::Text(row_id.to_string()),
            Sql::Text(id.to_string()),
            Sql::Text("Owner".into()),
            Sql::Text(data_type.into()),
            old_value.map_or(Sql::Null, Sql::Text),
            new_value.map_or(Sql::Null, Sql::Text),
            Sql::Integer(0),
            Sql::Text(by.to_string()),
            Sql::Text(at.to_owned()),
        ];
        conn.execute(
            &format!(
                "INSERT INTO {} (\"Id\", \"{}\", \"Field\", \"DataType\", \"OldValue\", \"NewValue\", \"IsDeleted\", \"CreatedById\", \"CreatedDate\") \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                history.table, history.field
            ),
            params_from_iter(values),
        )?;
    }
    Ok(())
}
