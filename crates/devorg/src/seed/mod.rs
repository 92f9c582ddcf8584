//! Deterministic seed data, so a fresh devorg is a usable org: `demo` is a
//! believable small sales org (the people and companies of the demo pages in
//! `crates/devorg/demo/`, Ian's to-dos, tracked emails and engagement alerts),
//! `bench` is tens of thousands of records for measuring the workspace. In a
//! multi-currency org (`--multi-currency`) the demo adds two reps abroad,
//! Lena Vogel and Kenji Sato, with deals in EUR, USD and JPY (`demo_currency`).
//!
//! Every record goes through the API's own validation and derived-field code
//! (`records::encode` + `records::store::insert`), so a seed bug fails loudly
//! instead of storing something the API could never have stored. Dates are
//! relative to an injected `today` and randomness comes from a fixed-seed
//! PRNG: the same `today` gives the same org, row for row.
//!
//! Seeding only fills an org with no users; there is no `--force` (delete the
//! database file to start over), so a seed can never clobber real work.

mod bench;
mod demo;
mod demo_activity;
mod demo_currency;
mod demo_email;
mod demo_history;
mod demo_service;
mod names;
mod rng;
mod seeder;

use std::fmt;
use std::str::FromStr;

use salesforce_rest::soql::Date;

use crate::Db;
use crate::schema::Schema;

/// The password of every seeded user (a local development org).
pub const DEMO_PASSWORD: &str = "sidecar";
/// The demo org's administrator, Avery Admin.
pub const DEMO_ADMIN: &str = "admin@sidecar.devorg";
/// Ian Wright, the sales rep the product docs follow ("Welcome, Ian.").
pub const DEMO_USER_IAN: &str = "ian@sidecar.devorg";
/// The other demo reps.
pub const DEMO_REPS: [&str; 3] = ["maya@sidecar.devorg", "leo@sidecar.devorg", "nora@sidecar.devorg"];
/// Lena Vogel, a rep in Berlin (de_DE, EUR): only in a multi-currency demo org.
pub const DEMO_USER_LENA: &str = "lena@sidecar.devorg";
/// Kenji Sato, a rep in Tokyo (ja_JP, JPY): only in a multi-currency demo org.
pub const DEMO_USER_KENJI: &str = "kenji@sidecar.devorg";
/// The bench profile's user, who owns every bench record.
pub const BENCH_USER: &str = "bench@sidecar.devorg";

/// Which org to seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Demo,
    Bench,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Self::Demo => "demo",
            Self::Bench => "bench",
        }
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "demo" => Ok(Self::Demo),
            "bench" => Ok(Self::Bench),
            other => Err(format!("unknown seed profile '{other}' (expected demo or bench)")),
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How many records of each object a seed created, in creation order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub profile: Profile,
    pub counts: Vec<(String, usize)>,
}

impl Summary {
    /// Records created of `object` (0 when none).
    pub fn count(&self, object: &str) -> usize {
        self.counts.iter().find(|(o, _)| o == object).map_or(0, |(_, n)| *n)
    }

    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

/// One line: `seeded demo org: 5 User, 43 Account, ...`.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.counts.iter().map(|(o, n)| format!("{n} {o}")).collect();
        write!(f, "seeded {} org ({} records): {}", self.profile, self.total(), parts.join(", "))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the database already has {users} user(s); seeding only fills an empty org (delete the database file to start over)")]
    NotEmpty { users: i64 },
    #[error("seed data for {object} failed validation: {message}")]
    Invalid { object: String, message: String },
    #[error("the schema has no object {0}")]
    UnknownObject(String),
    #[error("database error while seeding: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Db(#[from] crate::DbError),
}

/// How many users the org has (0 = a fresh org that may be seeded).
pub fn user_count(db: &Db, schema: &Schema) -> Result<i64, SeedError> {
    db.apply_schema(schema)?;
    let user = schema.object("User").ok_or_else(|| SeedError::UnknownObject("User".into()))?;
    Ok(db.conn().query_row(&format!("SELECT COUNT(*) FROM {}", user.table()), [], |r| r.get(0))?)
}

/// Today in the demo users' time zone (Ian's, America/Los_Angeles), from the
/// system clock: what the CLI passes to [`seed`], so "due today" is Ian's today.
pub fn today() -> Date {
    salesforce_rest::tz::local_date("America/Los_Angeles", crate::records::store::now_millis())
}

/// Seeds an empty org with `profile`, every date relative to `today`, in one
/// transaction (all or nothing). Refuses an org that already has users.
pub fn seed(db: &Db, schema: &Schema, profile: Profile, today: Date) -> Result<Summary, SeedError> {
    db.apply_schema(schema)?;
    let user = schema.object("User").ok_or_else(|| SeedError::UnknownObject("User".into()))?;
    let mut conn = db.conn();
    let tx = conn.transaction()?;
    let users: i64 = tx.query_row(&format!("SELECT COUNT(*) FROM {}", user.table()), [], |r| r.get(0))?;
    if users > 0 {
        return Err(SeedError::NotEmpty { users });
    }
    let mut seeder = seeder::Seeder::new(&tx, schema, today);
    match profile {
        Profile::Demo => {
            let org = demo::seed(&mut seeder)?;
            demo_service::seed(&mut seeder, &org)?;
            demo_activity::seed(&mut seeder, &org)?;
            demo_history::seed(&mut seeder, &org)?;
            // Last, so the single-currency demo's records are all there unchanged.
            if schema.is_multi_currency() {
                demo_currency::seed(&mut seeder, &org)?;
            }
        }
        Profile::Bench => bench::seed(&mut seeder)?,
    }
    let counts = seeder.into_counts();
    tx.commit()?;
    Ok(Summary { profile, counts })
}

/// The SetupOwnerId of the org-wide row of a hierarchy custom setting: the
/// org's id. Given in its 15-character form, which the API accepts and
/// stores with the computed suffix (`auth::ORG_ID`'s own suffix is not the
/// checksum of its first 15 characters, so the 18-character form is refused).
fn org_setup_owner() -> &'static str {
    crate::auth::ORG_ID.get(..15).unwrap_or(crate::auth::ORG_ID)
}
