//! A multi-currency org's rows and defaults (`schema::currency`).
//!
//! [`sync`] runs whenever the schema is applied to a database (start-up,
//! seeding, every profile including `none`), as for TaskStatus and
//! Organization: the org's currencies (CurrencyType) and their dated
//! exchange rates (DatedConversionRate) come with the org, not from a user,
//! so CreatedById and LastModifiedById stay null. A row already there is
//! left alone (matched by IsoCode, and StartDate for a dated rate); devorg
//! never deletes one. In a single-currency org it does nothing.
//!
//! The CurrencyIsoCode a record gets when its create does not give one (its
//! creator's DefaultCurrencyIsoCode) is `store::insert`'s.

use rusqlite::{Connection, OptionalExtension};

use super::ops::Savepoint;
use super::store::{mint_id, now_string};
use crate::schema::Schema;
use crate::schema::currency::CURRENCIES;

/// Inserts the currencies and dated rates of `schema::currency::CURRENCIES`
/// that are missing, in one savepoint.
pub fn sync(conn: &Connection, schema: &Schema) -> rusqlite::Result<()> {
    let (Some(types), Some(dated)) = (schema.object("CurrencyType"), schema.object("DatedConversionRate")) else { return Ok(()) };
    let save = Savepoint::begin(conn)?;
    let now = now_string();
    for c in &CURRENCIES {
        let known = conn.query_row(&format!("SELECT 1 FROM {} WHERE \"IsoCode\" = ?1", types.table()), [c.iso_code], |_| Ok(())).optional()?.is_some();
        if !known {
            let id = mint_id(conn, types)?;
            conn.execute(
                &format!(
                    "INSERT INTO {} (\"Id\", \"IsoCode\", \"ConversionRate\", \"DecimalPlaces\", \"IsActive\", \"IsCorporate\", \
                     \"CreatedDate\", \"LastModifiedDate\", \"SystemModstamp\") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7)",
                    types.table()
                ),
                rusqlite::params![id.as_str(), c.iso_code, c.current_rate(), c.decimal_places, c.active, c.corporate(), now],
            )?;
        }
        for (start, next, rate) in c.ranges() {
            let sql = format!("SELECT 1 FROM {} WHERE \"IsoCode\" = ?1 AND \"StartDate\" = ?2", dated.table());
            if conn.query_row(&sql, [c.iso_code, start], |_| Ok(())).optional()?.is_some() {
                continue;
            }
            let id = mint_id(conn, dated)?;
            conn.execute(
                &format!(
                    "INSERT INTO {} (\"Id\", \"IsoCode\", \"ConversionRate\", \"StartDate\", \"NextStartDate\", \
                     \"CreatedDate\", \"LastModifiedDate\", \"SystemModstamp\") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)",
                    dated.table()
                ),
                rusqlite::params![id.as_str(), c.iso_code, rate, start, next, now],
            )?;
        }
    }
    save.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_table_once_and_only_in_a_multi_currency_org() {
        let single = Schema::builtin().expect("schema");
        let db = crate::Db::in_memory().expect("db");
        db.apply_schema(&single).expect("single-currency");
        let multi = single.multi_currency().expect("multi");
        db.apply_schema(&multi).expect("multi-currency");
        db.apply_schema(&multi).expect("again");
        let conn = db.conn();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
        assert_eq!(count("SELECT COUNT(*) FROM \"sobj_CurrencyType\""), 5);
        assert_eq!(count("SELECT COUNT(*) FROM \"sobj_CurrencyType\" WHERE \"IsCorporate\" = 1 AND \"IsoCode\" = 'USD'"), 1);
        let ranges: usize = CURRENCIES.iter().map(|c| c.rates.len()).sum();
        assert_eq!(count("SELECT COUNT(*) FROM \"sobj_DatedConversionRate\""), i64::try_from(ranges).expect("fits"));
        let jpy: f64 = conn
            .query_row("SELECT \"ConversionRate\" FROM \"sobj_DatedConversionRate\" WHERE \"IsoCode\" = 'JPY' AND \"NextStartDate\" = '9999-12-31'", [], |r| {
                r.get(0)
            })
            .expect("JPY");
        assert!((jpy - 113.0).abs() < f64::EPSILON);
        let unknown = salesforce_rest::SfId::mint("005", 99).expect("id");
        assert_eq!(super::super::store::default_currency(&conn, &unknown).expect("default"), "USD");
    }
}
