//! The Organization object's one row: the org itself, with devorg's org id
//! (`auth::ORG_ID`, the id in identity URLs and userinfo). Salesforce creates
//! it with the org, so [`sync`] inserts it whenever the schema is applied to
//! a database (start-up, seeding, every profile including `none`); a row
//! already there is left alone. The API only reads it (`Object::read_only`).
//!
//! The values describe what devorg imitates, a Developer Edition org
//! (15,000 API requests a day): not a sandbox, no trial end, no namespace,
//! Ian's locale and time zone, a January fiscal year (Salesforce's default).
//! InstanceName (the pod, such as NA123) stays null: devorg runs on no pod.
//! CreatedById and LastModifiedById stay null, as for TaskStatus's rows: an
//! org seeded with `none` has no user.

use rusqlite::Connection;

use super::store::now_string;
use crate::schema::Schema;

pub const NAME: &str = "Sidecar devorg";

/// Inserts the org's row if the schema has Organization and the row is missing.
pub fn sync(conn: &Connection, schema: &Schema) -> rusqlite::Result<()> {
    let Some(object) = schema.object("Organization") else { return Ok(()) };
    let now = now_string();
    conn.execute(
        &format!(
            "INSERT OR IGNORE INTO {} (\"Id\", \"Name\", \"DefaultLocaleSidKey\", \"TimeZoneSidKey\", \"LanguageLocaleKey\", \
             \"ReceivesInfoEmails\", \"ReceivesAdminInfoEmails\", \"FiscalYearStartMonth\", \"UsesStartDateAsFiscalYearName\", \
             \"OrganizationType\", \"IsSandbox\", \"IsReadOnly\", \"IsDeleted\", \"CreatedDate\", \"LastModifiedDate\", \"SystemModstamp\") \
             VALUES (?1, ?2, 'en_US', 'America/Los_Angeles', 'en_US', 0, 0, 1, 0, 'Developer Edition', 0, 0, 0, ?3, ?3, ?3)",
            object.table()
        ),
        rusqlite::params![crate::auth::ORG_ID, NAME, now],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_with_the_org_id_inserted_once() {
        let schema = Schema::builtin().expect("schema");
        let db = crate::Db::in_memory().expect("db");
        db.apply_schema(&schema).expect("ddl");
        db.apply_schema(&schema).expect("again");
        let conn = db.conn();
        let rows: Vec<(String, String, bool)> = conn
            .prepare("SELECT \"Id\", \"OrganizationType\", \"IsSandbox\" FROM \"sobj_Organization\"")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("read");
        assert_eq!(rows, vec![(crate::auth::ORG_ID.to_owned(), "Developer Edition".to_owned(), false)]);
    }
}
