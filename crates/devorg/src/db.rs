//! The SQLite file behind devorg. One connection behind a mutex: SQLite
//! serializes writers anyway, and WAL lets readers of other processes (a
//! developer's `sqlite3` shell) look while devorg runs.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot open the devorg database {path}: {source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

#[derive(Debug)]
pub struct Db {
    conn: Mutex<Connection>,
}

impl Db {
    /// Opens (creating if needed) the database file and brings its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        let conn = Connection::open(path).map_err(|source| DbError::Open { path: path.display().to_string(), source })?;
        Self::init(conn)
    }

    /// A private in-memory database, for tests that do not care about files.
    pub fn in_memory() -> Result<Self, DbError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Self, DbError> {
        // journal_mode returns a row, so it is queried rather than executed.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;
             CREATE TABLE IF NOT EXISTS devorg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT OR IGNORE INTO devorg_meta (key, value) VALUES ('schema_version', '1');",
        )?;
        Ok(Self { conn: Mutex::new(conn) })
    }

    /// The connection, for one unit of work. A poisoned lock only means an
    /// earlier request panicked mid-way; SQLite rolled its transaction back,
    /// so the connection is still sound.
    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Creates the tables of every object of `schema` that do not exist yet,
    /// and brings the rows devorg keeps itself (TaskStatus: the values of
    /// Task.Status; a multi-currency org's currencies) in line with the
    /// schema. Idempotent.
    pub fn apply_schema(&self, schema: &crate::schema::Schema) -> Result<(), DbError> {
        let conn = self.conn();
        conn.execute_batch(crate::auth::DDL)?;
        conn.execute_batch(crate::access::DDL)?;
        conn.execute_batch(crate::query::DDL)?;
        conn.execute_batch(crate::oauth::DDL)?;
        conn.execute_batch(&crate::schema::ddl::create_all(schema))?;
        crate::schema::ddl::add_missing_columns(&conn, schema)?;
        crate::records::picklist_rows::sync(&conn, schema)?;
        crate::records::organization::sync(&conn, schema)?;
        crate::records::currency::sync(&conn, schema)?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64, DbError> {
        let v: String = self.conn().query_row("SELECT value FROM devorg_meta WHERE key = 'schema_version'", [], |r| r.get(0))?;
        Ok(v.parse().unwrap_or(0))
    }
}
