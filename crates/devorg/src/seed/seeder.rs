//! The seeding toolbox the profiles share: create a record through the API's
//! validation, create a user with a password, back-date system timestamps,
//! and turn "n days ago" into stored date and datetime text.

use rusqlite::Connection;
use rusqlite::types::Value as Sql;
use salesforce_rest::soql::{Date, DateTime};
use salesforce_rest::{RestError, SfId};
use serde_json::{Value as Json, json};

use super::SeedError;
use super::rng::Rng;
use crate::records::encode::{Save, encode};
use crate::records::{rules, store};
use crate::schema::{Object, Schema};

/// The fixed PRNG seed: the org depends only on `today`.
const RNG_SEED: u64 = 0x5EED_DE40_2026;

/// A user to create (see [`Seeder::user`]).
#[derive(Debug, Clone, Copy)]
pub struct NewUser<'a> {
    pub first: &'a str,
    pub last: &'a str,
    pub username: &'a str,
    pub alias: &'a str,
    pub title: &'a str,
    pub time_zone: &'a str,
    /// `LocaleSidKey` (number and date formats): `en_US`, `de_DE`, `ja_JP`.
    pub locale: &'a str,
    /// `LanguageLocaleKey` (the UI's language): `en_US`, `de`, `ja`.
    pub language: &'a str,
    /// `DefaultCurrencyIsoCode`, the currency of the records the user
    /// creates; only a multi-currency org has the field (a single-currency
    /// org's seed leaves it out, see [`fit`]).
    pub currency: &'a str,
    /// `User.ProfileId` (see [`Seeder::profiles`]).
    pub profile: &'a SfId,
}

impl<'a> NewUser<'a> {
    /// A user in the United States (en_US, USD), as every single-currency
    /// demo and bench user is.
    pub fn us(first: &'a str, last: &'a str, username: &'a str, alias: &'a str, title: &'a str, time_zone: &'a str, profile: &'a SfId) -> Self {
        Self { first, last, username, alias, title, time_zone, locale: "en_US", language: "en_US", currency: "USD", profile }
    }
}

/// The two standard profiles every seeded org has.
#[derive(Debug, Clone)]
pub struct Profiles {
    /// "System Administrator": Customize Application and View All Custom Settings.
    pub admin: SfId,
    /// "Standard User": neither, so custom settings come from a permission set.
    pub standard: SfId,
}

#[derive(Debug)]
pub struct Seeder<'c> {
    pub conn: &'c Connection,
    pub schema: &'c Schema,
    pub today: Date,
    pub rng: Rng,
    counts: Vec<(String, usize)>,
}

impl<'c> Seeder<'c> {
    pub fn new(conn: &'c Connection, schema: &'c Schema, today: Date) -> Self {
        Self { conn, schema, today, rng: Rng::new(RNG_SEED), counts: Vec::new() }
    }

    pub fn into_counts(self) -> Vec<(String, usize)> {
        self.counts
    }

    /// Whether the org has `object` (`--without` may have removed it): seeds
    /// skip the records of an object the org does not have.
    pub fn has(&self, object: &str) -> bool {
        self.schema.object(object).is_some()
    }

    pub fn object(&self, name: &str) -> Result<&'c Object, SeedError> {
        self.schema.object(name).ok_or_else(|| SeedError::UnknownObject(name.to_owned()))
    }

    /// Adds `n` to the created count of `object`.
    pub fn counted(&mut self, object: &str, n: usize) {
        match self.counts.iter_mut().find(|(o, _)| o == object) {
            Some((_, count)) => *count += n,
            None => self.counts.push((object.to_owned(), n)),
        }
    }

    /// Creates one record exactly as `POST /sobjects/{object}` would (field
    /// checks, then validation rules), owned (and created) by `owner`.
    pub fn create(&mut self, object: &str, body: &Json, owner: &SfId) -> Result<SfId, SeedError> {
        let o = self.object(object)?;
        let invalid = |errors: Vec<RestError>| SeedError::Invalid {
            object: object.to_owned(),
            message: errors.iter().map(|e| format!("{} {}", e.error_code.as_str(), e.message)).collect::<Vec<_>>().join("; "),
        };
        let body = fit(self.conn, o, body, &self.day(0))?;
        let columns = encode(o, &body, Save::Create).map_err(invalid)?;
        // Data loads run validation rules in Salesforce too: seed data must pass them.
        rules::check(self.conn, o, None, &columns)?.map_err(invalid)?;
        let id = store::insert(self.conn, o, columns, owner)?;
        self.counted(object, 1);
        Ok(id)
    }

    /// Creates the standard profiles, before any user (every user has one).
    /// Created by the first user to come (ids are minted in order, so the
    /// placeholder is that user's id, as for the first user itself).
    pub fn profiles(&mut self) -> Result<Profiles, SeedError> {
        let placeholder = SfId::mint("005", 1).map_err(|e| SeedError::Invalid { object: "Profile".into(), message: e.to_string() })?;
        let mut profile = |name: &str, permitted: bool| {
            let body = json!({
                "Name": name, "UserType": "Standard",
                "PermissionsCustomizeApplication": permitted, "PermissionsViewAllCustomSettings": permitted,
            });
            let id = self.create("Profile", &body, &placeholder)?;
            let since = self.at(1000, 16 * 60);
            self.stamp("Profile", &id, &since, &since)?;
            Ok::<_, SeedError>(id)
        };
        Ok(Profiles { admin: profile("System Administrator", true)?, standard: profile("Standard User", false)? })
    }

    /// Creates an active user who logs in with `password`. The first
    /// user has no creator yet, so it is recorded as created by itself.
    pub fn user(&mut self, u: NewUser<'_>, creator: Option<&SfId>, password: &str) -> Result<SfId, SeedError> {
        let body = json!({
            "FirstName": u.first, "LastName": u.last, "Username": u.username, "Email": u.username, "Alias": u.alias,
            "Title": u.title, "TimeZoneSidKey": u.time_zone, "LocaleSidKey": u.locale, "LanguageLocaleKey": u.language,
            "EmailEncodingKey": "UTF-8", "ProfileId": u.profile.as_str(), "DefaultCurrencyIsoCode": u.currency,
            // Explicit: an org's describe may default IsActive to false.
            "IsActive": true,
        });
        let placeholder = SfId::mint("005", 1).map_err(|e| SeedError::Invalid { object: "User".into(), message: e.to_string() })?;
        let id = self.create("User", &body, creator.unwrap_or(&placeholder))?;
        if creator.is_none() {
            let user = self.object("User")?;
            self.conn.execute(&format!("UPDATE {} SET \"CreatedById\" = ?1, \"LastModifiedById\" = ?1 WHERE \"Id\" = ?1", user.table()), [id.as_str()])?;
        }
        crate::oauth::set_password(self.conn, &id, password)?;
        // Users (and the org's setup) date from well before any record.
        let since = self.at(1000, 16 * 60);
        self.stamp("User", &id, &since, &since)?;
        Ok(id)
    }

    /// Back-dates CreatedDate, LastModifiedDate and SystemModstamp (stored
    /// datetime text, see [`Seeder::at`]).
    pub fn stamp(&self, object: &str, id: &SfId, created: &str, modified: &str) -> Result<(), SeedError> {
        let o = self.object(object)?;
        // Objects without some audit fields (EmailMessageRelation) stamp what they have.
        let mut sets = Vec::new();
        let mut values = vec![Sql::Text(id.to_string())];
        for (field, value) in [("CreatedDate", created), ("LastModifiedDate", modified), ("SystemModstamp", modified)] {
            if o.field(field).is_some() {
                values.push(Sql::Text(value.to_owned()));
                sets.push(format!("\"{field}\" = ?{}", values.len()));
            }
        }
        if !sets.is_empty() {
            self.conn.execute(&format!("UPDATE {} SET {} WHERE \"Id\" = ?1", o.table(), sets.join(", ")), rusqlite::params_from_iter(values))?;
        }
        Ok(())
    }

    /// Sets a field the API computes (CompletedDateTime, ClosedDate) to a
    /// back-dated value. `field` must exist in the schema.
    pub fn set(&self, object: &str, id: &SfId, field: &str, value: Sql) -> Result<(), SeedError> {
        let o = self.object(object)?;
        let f = o.field(field).ok_or_else(|| SeedError::UnknownObject(format!("{object}.{field}")))?;
        self.conn.execute(&format!("UPDATE {} SET \"{}\" = ?2 WHERE \"Id\" = ?1", o.table(), f.name), rusqlite::params![id.as_str(), value])?;
        Ok(())
    }

    /// `today + offset` as a stored date (`YYYY-MM-DD`).
    pub fn day(&self, offset: i64) -> String {
        self.today.add_days(offset).to_string()
    }

    /// A stored datetime `days_ago` days before today at `minute` minutes
    /// after midnight UTC. Times today are kept before 01:30 UTC so a seed
    /// run later the same day never shows an event in the future.
    pub fn at(&self, days_ago: i64, minute: i64) -> String {
        let minute = if days_ago <= 0 { minute.clamp(0, 90) } else { minute.clamp(0, 1439) };
        let millis = (self.today.days_since_epoch() - days_ago.max(0)) * 86_400_000 + minute * 60_000;
        DateTime::from_unix_millis(millis).to_utc_string()
    }

    /// A working-hours datetime `days_ago` days back (15:00-23:59 UTC is
    /// 7am-4pm on the US west coast).
    pub fn work_time(&mut self, days_ago: i64) -> String {
        let minute = self.rng.range(15 * 60, 23 * 60 + 59);
        self.at(days_ago, minute)
    }
}

/// A seed record fitted to the schema that is loaded, which may be a real
/// org's (`--describes`): fields the object lacks or cannot create are left
/// out, a value a restricted picklist does not offer becomes its default (or
/// first) value, text is cut to the field's length, and required fields the
/// seed does not know are filled with a plain value of their type (a lookup
/// with the first record of its target). With devorg's own schema every
/// seed record already fits and passes through unchanged.
fn fit(conn: &Connection, o: &Object, body: &Json, today: &str) -> Result<Json, SeedError> {
    let Some(given) = body.as_object() else { return Ok(body.clone()) };
    let mut out = serde_json::Map::new();
    for (key, value) in given {
        let Some(f) = o.field(key).filter(|f| f.createable) else { continue };
        out.insert(f.name.clone(), fit_value(f, value));
    }
    for f in o.fields.iter().filter(|f| f.required && f.default.is_none()) {
        if out.contains_key(&f.name) {
            continue;
        }
        if let Some(value) = filler(conn, f, today)? {
            out.insert(f.name.clone(), value);
        }
    }
    Ok(Json::Object(out))
}

fn fit_value(f: &crate::schema::Field, value: &Json) -> Json {
    use crate::schema::FieldType;
    match (f.ty, value) {
        (FieldType::Picklist, Json::String(v)) if f.restricted && !f.picklist.is_empty() && f.picklist_value(v).is_none() => {
            let fallback = f.picklist.iter().find(|p| p.default).or(f.picklist.first());
            fallback.map_or(Json::Null, |p| Json::from(p.value.clone()))
        }
        (t, Json::String(v)) if t.is_text() && f.length > 0 && v.chars().count() > f.length as usize => {
            Json::from(v.chars().take(f.length as usize).collect::<String>())
        }
        _ => value.clone(),
    }
}

/// A valid value for a required field the seed does not set; `None` when
/// there is none to give (the save then reports the field as missing).
fn filler(conn: &Connection, f: &crate::schema::Field, today: &str) -> Result<Option<Json>, SeedError> {
    use crate::schema::FieldType;
    use rusqlite::OptionalExtension;
    Ok(match f.ty {
        FieldType::Picklist | FieldType::Multipicklist | FieldType::Combobox => {
            f.picklist.iter().find(|p| p.default).or(f.picklist.first()).map(|p| Json::from(p.value.clone()))
        }
        FieldType::Email => Some(json!("seed@example.com")),
        FieldType::Phone => Some(json!("+1 415 555 0100")),
        FieldType::Url => Some(json!("https://example.com")),
        FieldType::Currency | FieldType::Double | FieldType::Percent | FieldType::Int | FieldType::Long => Some(json!(0)),
        FieldType::Date => Some(json!(today)),
        FieldType::Datetime => Some(json!(format!("{today}T00:00:00.000+0000"))),
        FieldType::Reference => {
            let mut found = None;
            for t in &f.targets {
                let sql = format!("SELECT \"Id\" FROM {} LIMIT 1", t.table);
                found = conn.query_row(&sql, [], |r| r.get::<_, String>(0)).optional()?;
                if found.is_some() {
                    break;
                }
            }
            found.map(Json::from)
        }
        t if t.is_text() => Some(Json::from(f.label.chars().take(f.length.max(1) as usize).collect::<String>())),
        _ => None,
    })
}

impl Seeder<'_> {
    /// A stored datetime `minutes` before the seed's "now": today 01:30 UTC,
    /// the latest time a seeded event may have (see [`Seeder::at`]).
    pub fn minutes_ago(&self, minutes: i64) -> String {
        let anchor = self.today.days_since_epoch() * 86_400_000 + 90 * 60_000;
        DateTime::from_unix_millis(anchor - minutes.max(0) * 60_000).to_utc_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_records_must_pass_the_validation_rules() {
        let schema = Schema::builtin().expect("schema");
        let db = crate::Db::in_memory().expect("db");
        db.apply_schema(&schema).expect("ddl");
        let conn = db.conn();
        let mut s = Seeder::new(&conn, &schema, Date::parse("2026-03-09").expect("date"));
        let owner = SfId::mint("005", 1).expect("id");
        let won = json!({"Name": "Deal", "StageName": "Closed Won", "CloseDate": "2026-03-01"});
        let refused = s.create("Opportunity", &won, &owner).map(drop).map_err(|e| e.to_string());
        assert_eq!(
            refused,
            Err("seed data for Opportunity failed validation: FIELD_CUSTOM_VALIDATION_EXCEPTION Enter an Amount before moving an opportunity to Proposal/Price Quote or later.".to_owned())
        );
        let mut priced = won;
        priced["Amount"] = json!(1000);
        assert!(s.create("Opportunity", &priced, &owner).is_ok());
        assert_eq!(s.into_counts(), vec![("Opportunity".to_owned(), 1)]);
    }
}
