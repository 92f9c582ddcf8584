//! Lookups must point at a live record of an object the field allows, as in
//! Salesforce. An id of another object (a Contact id in `AccountId`) is
//! FIELD_INTEGRITY_EXCEPTION "Account ID: id value of incorrect type"; a
//! well-formed id of no live record is INVALID_CROSS_REFERENCE_KEY. Both name
//! the field, so the extension shows the error on it.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension};
use salesforce_rest::{ErrorCode, RestError};

use crate::schema::{Field, FieldType};

/// Checks every reference value being saved; all problems at once.
pub fn check(conn: &Connection, columns: &[(&Field, Sql)]) -> rusqlite::Result<Result<(), Vec<RestError>>> {
    let mut errors = Vec::new();
    for (field, value) in columns {
        let (FieldType::Reference, Sql::Text(id)) = (field.ty, value) else { continue };
        let prefix = id.get(..3).unwrap_or_default();
        let target = field.targets.iter().find(|t| t.key_prefix == prefix);
        let Some(target) = target else {
            errors.push(
                RestError::new(ErrorCode::Other("FIELD_INTEGRITY_EXCEPTION".into()), format!("{}: id value of incorrect type: {id}", field.label))
                    .with_fields(vec![field.name.clone()]),
            );
            continue;
        };
        let live = if target.soft_delete { " AND \"IsDeleted\" = 0" } else { "" };
        let sql = format!("SELECT 1 FROM {} WHERE \"Id\" = ?1{live}", target.table);
        if conn.query_row(&sql, [id], |_| Ok(())).optional()?.is_none() {
            errors.push(
                RestError::new(ErrorCode::InvalidCrossReferenceKey, format!("invalid cross reference id: {} {id}", field.label))
                    .with_fields(vec![field.name.clone()]),
            );
        }
    }
    Ok(if errors.is_empty() { Ok(()) } else { Err(errors) })
}
