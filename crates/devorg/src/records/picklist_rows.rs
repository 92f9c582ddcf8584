//! Objects whose records are a status picklist's values (`rows_from` in
//! objects.toml): TaskStatus has one row per Task.Status value, so a client
//! can ask which statuses close a task (`SELECT ApiName, IsClosed FROM
//! TaskStatus`), which describe of Task.Status does not say.
//!
//! The picklist declaration is the only source: [`sync`] runs whenever the
//! schema is applied to a database (start-up, seeding, every profile
//! including `none`) and brings the rows in line with it. A value keeps its
//! row, and so its id, for as long as it is a value; a row changes only when
//! its value's label, closed flag, default flag or position changes; a value
//! dropped from the picklist loses its row. Run twice, it writes nothing.
//!
//! CreatedById and LastModifiedById stay null: in Salesforce these rows come
//! with the org, not from a user, and an org seeded with `none` has no user.

use std::collections::HashMap;

use rusqlite::Connection;
use rusqlite::types::Value as Sql;

use super::ops::Savepoint;
use super::store::{mint_id, now_string};
use crate::schema::{Object, PicklistValue, Schema};

/// One row as stored: MasterLabel, IsClosed, IsDefault, SortOrder.
type Row = (Option<String>, bool, bool, i64);

fn wanted(value: &PicklistValue, position: usize) -> Row {
    (Some(value.label.clone()), value.closed, value.default, i64::try_from(position + 1).unwrap_or(i64::MAX))
}

/// Brings the rows of every `rows_from` object of `schema` in line with its
/// picklist, in one savepoint.
pub fn sync(conn: &Connection, schema: &Schema) -> rusqlite::Result<()> {
    let save = Savepoint::begin(conn)?;
    for object in &schema.objects {
        let Some(from) = &object.rows_from else { continue };
        // The loader checked that the picklist exists.
        let Some(field) = schema.object(&from.object).and_then(|o| o.field(&from.field)) else { continue };
        sync_object(conn, object, &field.picklist)?;
    }
    save.commit()
}

fn sync_object(conn: &Connection, object: &Object, values: &[PicklistValue]) -> rusqlite::Result<()> {
    let table = object.table();
    let mut stored: HashMap<String, (String, Row)> = HashMap::new();
    {
        let mut stmt = conn.prepare(&format!("SELECT \"Id\", \"ApiName\", \"MasterLabel\", \"IsClosed\", \"IsDefault\", \"SortOrder\" FROM {table}"))?;
        let rows = stmt.query_map([], |r| {
            let row: Row = (
                r.get(2)?,
                r.get::<_, Option<bool>>(3)?.unwrap_or(false),
                r.get::<_, Option<bool>>(4)?.unwrap_or(false),
                r.get::<_, Option<i64>>(5)?.unwrap_or(0),
            );
            Ok((r.get::<_, Option<String>>(1)?.unwrap_or_default(), (r.get::<_, String>(0)?, row)))
        })?;
        for row in rows {
            let (api_name, value) = row?;
            stored.insert(api_name, value);
        }
    }
    let now = now_string();
    for (position, value) in values.iter().enumerate() {
        let (label, closed, default, sort) = wanted(value, position);
        match stored.remove(&value.value) {
            Some((_, row)) if row == (label.clone(), closed, default, sort) => {}
            Some((id, _)) => {
                conn.execute(
                    &format!(
                        "UPDATE {table} SET \"MasterLabel\" = ?2, \"IsClosed\" = ?3, \"IsDefault\" = ?4, \"SortOrder\" = ?5, \
                         \"LastModifiedDate\" = ?6, \"SystemModstamp\" = ?6 WHERE \"Id\" = ?1"
                    ),
                    rusqlite::params![id, label, closed, default, sort, now],
                )?;
            }
            None => {
                let id = mint_id(conn, object)?;
                conn.execute(
                    &format!(
                        "INSERT INTO {table} (\"Id\", \"ApiName\", \"MasterLabel\", \"IsClosed\", \"IsDefault\", \"SortOrder\", \
                         \"CreatedDate\", \"LastModifiedDate\", \"SystemModstamp\") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7)"
                    ),
                    rusqlite::params![id.as_str(), value.value, label, closed, default, sort, now],
                )?;
            }
        }
    }
    // Values no longer in the picklist.
    for (id, _) in stored.into_values() {
        conn.execute(&format!("DELETE FROM {table} WHERE \"Id\" = ?1"), [Sql::Text(id)])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(conn: &Connection) -> Vec<(String, String, String, bool, bool, i64)> {
        let mut stmt = conn
            .prepare("SELECT \"Id\", \"ApiName\", \"MasterLabel\", \"IsClosed\", \"IsDefault\", \"SortOrder\" FROM \"sobj_TaskStatus\" ORDER BY \"SortOrder\"")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))).expect("rows").collect::<Result<_, _>>().expect("rows")
    }

    #[test]
    fn task_status_rows_follow_the_picklist_and_keep_their_ids() {
        let schema = Schema::builtin().expect("schema");
        let db = crate::Db::in_memory().expect("db");
        db.apply_schema(&schema).expect("ddl + rows");
        let first = rows(&db.conn());
        let status = schema.object("Task").and_then(|t| t.field("Status")).expect("Task.Status");
        let names: Vec<&str> = first.iter().map(|r| r.1.as_str()).collect();
        let values: Vec<&str> = status.picklist.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(names, values, "one row per value, in picklist order");
        assert!(first.iter().all(|r| r.0.starts_with("01J") && r.0.len() == 18));
        let closed: Vec<&str> = first.iter().filter(|r| r.3).map(|r| r.1.as_str()).collect();
        assert_eq!(closed, ["Completed"]);
        let default: Vec<&str> = first.iter().filter(|r| r.4).map(|r| r.1.as_str()).collect();
        assert_eq!(default, ["Not Started"]);

        // Applying again changes nothing, not even a timestamp.
        let stamp = |conn: &Connection| -> Vec<String> {
            let mut stmt = conn.prepare("SELECT \"SystemModstamp\" FROM \"sobj_TaskStatus\" ORDER BY \"Id\"").expect("prepare");
            stmt.query_map([], |r| r.get(0)).expect("rows").collect::<Result<_, _>>().expect("rows")
        };
        let before = stamp(&db.conn());
        db.apply_schema(&schema).expect("again");
        assert_eq!(rows(&db.conn()), first);
        assert_eq!(stamp(&db.conn()), before);

        // A changed picklist: a value moved, one dropped, one added, another
        // closes. Surviving values keep their ids; the new one gets a new id.
        let mut changed = schema.clone();
        let task = changed.objects.iter_mut().find(|o| o.name == "Task").expect("Task");
        let field = task.fields.iter_mut().find(|f| f.name == "Status").expect("Status");
        field.picklist.retain(|p| p.value != "Deferred");
        field.picklist.swap(0, 1);
        field.picklist.push(PicklistValue { value: "Cancelled".into(), label: "Cancelled".into(), default: false, closed: true });
        db.apply_schema(&changed).expect("resync");
        let after = rows(&db.conn());
        let names: Vec<&str> = after.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(names, ["In Progress", "Not Started", "Completed", "Waiting on someone else", "Cancelled"]);
        let id_of = |rows: &[(String, String, String, bool, bool, i64)], name: &str| rows.iter().find(|r| r.1 == name).map(|r| r.0.clone());
        for name in ["In Progress", "Not Started", "Completed", "Waiting on someone else"] {
            assert_eq!(id_of(&after, name), id_of(&first, name), "{name} keeps its id");
        }
        assert!(!first.iter().any(|r| Some(&r.0) == id_of(&after, "Cancelled").as_ref()), "a new value gets a new id");
        assert_eq!(after.iter().filter(|r| r.3).count(), 2);
    }
}
