//! The references for devorg's latency figures: the same work done directly
//! on devorg's SQLite file with rusqlite, in process, no HTTP, no SOQL, no
//! JSON. The ratio HTTP / raw is then what devorg's layers cost on top of the
//! storage itself. SQL here is hand-written against devorg's table layout
//! (`sobj_<Object>`, one column per field); values are bound, never spliced.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail};
use rusqlite::{Connection, OpenFlags, types::Value};

/// A connection to the server's database file with devorg's own pragmas
/// (the file is in WAL mode, so it can read while the server idles).
pub fn open(db: &Path) -> anyhow::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(db, flags).with_context(|| format!("opening {}", db.display()))?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")?;
    Ok(conn)
}

/// SQLite joins before it sorts, so this reads and sorts all 12,000 of the
/// owner's rows (no index on CloseDate, as in devorg): the honest floor for
/// the SOQL query, which must do the same.
pub const READ_OPPORTUNITIES: &str = "SELECT o.*, a.\"Name\" FROM sobj_Opportunity o \
     LEFT JOIN sobj_Account a ON a.\"Id\" = o.\"AccountId\" \
     WHERE o.\"OwnerId\" = ?1 AND o.\"IsDeleted\" = 0 ORDER BY o.\"CloseDate\" DESC LIMIT 2000";

/// The 2,000-row query's rows: every column of the owner's opportunities,
/// newest close date first, joined with the account's name. Returns the
/// elapsed milliseconds; errors unless exactly `expected` rows came back.
pub fn read_opportunities(conn: &Connection, owner: &str, expected: usize) -> anyhow::Result<f64> {
    let started = Instant::now();
    let mut stmt = conn.prepare_cached(READ_OPPORTUNITIES)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query([owner])?;
    let mut read: Vec<Vec<Value>> = Vec::with_capacity(expected);
    while let Some(row) = rows.next()? {
        read.push((0..columns).map(|i| row.get::<_, Value>(i)).collect::<Result<_, _>>()?);
    }
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    if read.len() != expected {
        bail!("the raw read found {} rows, expected {expected}", read.len());
    }
    Ok(elapsed)
}

/// The collection update's writes: one transaction of one UPDATE per record
/// (the field, the modification stamps). Returns the elapsed milliseconds.
pub fn update_opportunities(conn: &mut Connection, ids: &[String], user: &str, value: &str) -> anyhow::Result<f64> {
    let started = Instant::now();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    {
        let now = stamp();
        let mut stmt = tx.prepare_cached(
            "UPDATE sobj_Opportunity SET \"NextStep\" = ?1, \"LastModifiedDate\" = ?2, \"SystemModstamp\" = ?2, \
             \"LastModifiedById\" = ?3 WHERE \"Id\" = ?4",
        )?;
        for id in ids {
            if stmt.execute(rusqlite::params![value, now, user, id])? != 1 {
                bail!("the raw update found no Opportunity {id}");
            }
        }
    }
    tx.commit()?;
    Ok(started.elapsed().as_secs_f64() * 1000.0)
}

/// A Salesforce-style UTC datetime for the modification stamps.
fn stamp() -> String {
    let millis = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    // Only needs to look like devorg's stamps; the exact value is irrelevant.
    format!("2026-01-01T00:00:00.{:03}+0000", millis % 1000)
}
