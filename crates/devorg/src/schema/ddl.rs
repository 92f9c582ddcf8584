//! The SQLite layout of the schema: one table per object (`sobj_<Name>`), one
//! typed column per field, indexes on what queries filter by (owner, parent
//! references). Values keep SOQL's ordering when compared by SQLite:
//! dates as `YYYY-MM-DD`, datetimes as UTC `YYYY-MM-DDThh:mm:ss.SSS+0000`,
//! booleans as 0/1, multi-select picklists as `a;b`.

use super::{FieldType, Object, Schema};

/// The SQLite column type of a field.
pub fn column_type(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Boolean | FieldType::Int | FieldType::Long => "INTEGER",
        FieldType::Currency | FieldType::Double | FieldType::Percent => "REAL",
        _ => "TEXT",
    }
}

/// `CREATE TABLE IF NOT EXISTS` + indexes for one object. Names come from the
/// checked-in schema, never from a request, and are quoted regardless.
pub fn create_table(object: &Object) -> String {
    let columns: Vec<String> = object
        .fields
        .iter()
        .map(|f| {
            let constraint = if f.name == "Id" { " PRIMARY KEY" } else { "" };
            format!("\"{}\" {}{constraint}", f.name, column_type(f.ty))
        })
        .collect();
    let mut sql = format!("CREATE TABLE IF NOT EXISTS {} ({});\n", object.table(), columns.join(", "));
    for f in object.fields.iter().filter(|f| f.ty == FieldType::Reference && f.name != "CreatedById" && f.name != "LastModifiedById") {
        sql.push_str(&format!(
            "CREATE INDEX IF NOT EXISTS \"idx_{obj}_{field}\" ON {table} (\"{field}\");\n",
            obj = object.name,
            field = f.name,
            table = object.table()
        ));
    }
    sql
}

/// Adds the columns of fields a table lacks: a database made with another
/// schema (devorg's own, then `--describes` of a real org) keeps its rows and
/// gains the new fields, empty. Columns of fields no longer declared stay,
/// unread.
pub fn add_missing_columns(conn: &rusqlite::Connection, schema: &Schema) -> rusqlite::Result<()> {
    for object in &schema.objects {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", object.table()))?;
        let have: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(1))?.collect::<Result<_, _>>()?;
        for f in object.fields.iter().filter(|f| !have.iter().any(|h| h.eq_ignore_ascii_case(&f.name))) {
            conn.execute_batch(&format!("ALTER TABLE {} ADD COLUMN \"{}\" {}", object.table(), f.name, column_type(f.ty)))?;
        }
    }
    Ok(())
}

/// The whole schema's DDL.
pub fn create_all(schema: &Schema) -> String {
    schema.objects.iter().map(create_table).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_gets_a_table_with_typed_columns() {
        let schema = Schema::builtin().expect("schema");
        let conn = rusqlite::Connection::open_in_memory().expect("sqlite");
        conn.execute_batch(&create_all(&schema)).expect("ddl applies");
        conn.execute_batch(&create_all(&schema)).expect("ddl is idempotent");
        for object in &schema.objects {
            let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", object.table())).expect("pragma");
            let columns: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(1)?, r.get(2)?))).expect("rows").collect::<Result<_, _>>().expect("cols");
            assert_eq!(columns.len(), object.fields.len(), "{}", object.name);
            for (field, (name, ty)) in object.fields.iter().zip(&columns) {
                assert_eq!(&field.name, name);
                assert_eq!(column_type(field.ty), ty, "{}.{}", object.name, name);
            }
        }
        let task = schema.object("Task").expect("Task");
        let sql = create_table(task);
        assert!(sql.contains("\"idx_Task_WhoId\""));
        assert!(sql.contains("\"idx_Task_OwnerId\""));
    }
}
