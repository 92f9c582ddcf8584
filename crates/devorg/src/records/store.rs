//! Reading and writing records in SQLite: ids minted per object, system
//! fields stamped on every save, derived fields recomputed (see `derive`),
//! rows rendered back as Salesforce JSON.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use salesforce_rest::SfId;
use salesforce_rest::soql::DateTime;
use serde_json::{Map, Value as Json};

use crate::schema::{Field, FieldType, Object};

/// Milliseconds since the epoch, now.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Now, in the stored (and wire) form.
pub fn now_string() -> String {
    DateTime::from_unix_millis(now_millis()).to_utc_string()
}

/// The next id for `object`, from a per-prefix counter in `devorg_meta`.
pub fn mint_id(conn: &Connection, object: &Object) -> rusqlite::Result<SfId> {
    mint_prefixed(conn, &object.key_prefix)
}

/// The next id with key prefix `prefix` (objects sharing a prefix, the
/// field history objects, share its counter).
pub fn mint_prefixed(conn: &Connection, prefix: &str) -> rusqlite::Result<SfId> {
    let key = format!("seq_{prefix}");
    conn.execute(
        "INSERT INTO devorg_meta (key, value) VALUES (?1, '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        [&key],
    )?;
    let seq: i64 = conn.query_row("SELECT CAST(value AS INTEGER) FROM devorg_meta WHERE key = ?1", [&key], |r| r.get(0))?;
    SfId::mint(prefix, u64::try_from(seq).unwrap_or(0)).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// The stored form of a field's `default`, which a create that does not
/// give the field stores.
pub fn default_value(field: &Field) -> Option<Sql> {
    match &field.default {
        Some(Json::Bool(b)) => Some(Sql::Integer(i64::from(*b))),
        Some(Json::String(s)) => Some(Sql::Text(s.clone())),
        Some(Json::Number(n)) => Some(n.as_i64().map_or_else(|| Sql::Real(n.as_f64().unwrap_or(0.0)), Sql::Integer)),
        _ => None,
    }
}

/// The currency of a record `user` creates without one, in a multi-currency
/// org (`schema::currency`): the user's DefaultCurrencyIsoCode, or the
/// corporate currency for a user devorg does not know (the first seeded user
/// is created by a placeholder id).
pub fn default_currency(conn: &Connection, user: &SfId) -> rusqlite::Result<String> {
    let found: Option<Option<String>> =
        conn.query_row("SELECT \"DefaultCurrencyIsoCode\" FROM \"sobj_User\" WHERE \"Id\" = ?1", [user.as_str()], |r| r.get(0)).optional()?;
    Ok(found.flatten().unwrap_or_else(|| crate::schema::currency::CORPORATE.to_owned()))
}

/// Inserts a validated record as `user`, filling defaults, system and
/// derived fields. Returns the new id.
pub fn insert(conn: &Connection, object: &Object, columns: Vec<(&Field, Sql)>, user: &SfId) -> rusqlite::Result<SfId> {
    let id = mint_id(conn, object)?;
    let now = now_string();
    let mut row: Vec<(String, Sql)> = columns.into_iter().map(|(f, v)| (f.name.clone(), v)).collect();
    for field in &object.fields {
        if row.iter().any(|(n, _)| *n == field.name) {
            continue;
        }
        let value = match field.name.as_str() {
            "Id" => Sql::Text(id.to_string()),
            "OwnerId" | "CreatedById" | "LastModifiedById" => Sql::Text(user.to_string()),
            "CreatedDate" | "LastModifiedDate" | "SystemModstamp" => Sql::Text(now.clone()),
            "IsDeleted" => Sql::Integer(0),
            // A multi-currency org: the record is in its creator's currency.
            "CurrencyIsoCode" => Sql::Text(default_currency(conn, user)?),
            _ => match default_value(field) {
                Some(value) => value,
                None => continue,
            },
        };
        row.push((field.name.clone(), value));
    }
    let names: Vec<String> = row.iter().map(|(n, _)| format!("\"{n}\"")).collect();
    let marks: Vec<String> = (1..=row.len()).map(|i| format!("?{i}")).collect();
    conn.execute(
        &format!("INSERT INTO {} ({}) VALUES ({})", object.table(), names.join(", "), marks.join(", ")),
        params_from_iter(row.iter().map(|(_, v)| v)),
    )?;
    super::derive::refresh(conn, object, &id, &now)?;
    Ok(id)
}

/// Updates a validated record as `user`; `Ok(false)` when there is no such
/// live record. Stamps LastModified*/SystemModstamp and refreshes derived fields.
pub fn update(conn: &Connection, object: &Object, id: &SfId, columns: Vec<(&Field, Sql)>, user: &SfId) -> rusqlite::Result<bool> {
    let now = now_string();
    let mut row: Vec<(String, Sql)> = columns.into_iter().map(|(f, v)| (f.name.clone(), v)).collect();
    // An object may lack some audit fields (EmailMessageRelation: no LastModified*).
    for (name, value) in [("LastModifiedDate", &now), ("SystemModstamp", &now), ("LastModifiedById", &user.to_string())] {
        if object.field(name).is_some() {
            row.push((name.into(), Sql::Text(value.clone())));
        }
    }
    let sets: Vec<String> = row.iter().enumerate().map(|(i, (n, _))| format!("\"{n}\" = ?{}", i + 2)).collect();
    let mut sql = format!("UPDATE {} SET {} WHERE \"Id\" = ?1", object.table(), sets.join(", "));
    if object.field("IsDeleted").is_some() {
        sql.push_str(" AND \"IsDeleted\" = 0");
    }
    let values = std::iter::once(Sql::Text(id.to_string())).chain(row.into_iter().map(|(_, v)| v));
    let changed = conn.execute(&sql, params_from_iter(values))?;
    if changed == 1 {
        super::derive::refresh(conn, object, id, &now)?;
    }
    Ok(changed == 1)
}

/// Moves a record to the recycle bin (`IsDeleted = 1`, invisible to query,
/// visible to queryAll). `Ok(false)` when there is no such live record.
pub fn delete(conn: &Connection, object: &Object, id: &SfId, user: &SfId) -> rusqlite::Result<bool> {
    let now = now_string();
    let changed = if object.field("IsDeleted").is_some() {
        let mut sets = vec!["\"IsDeleted\" = 1".to_owned()];
        let mut values = vec![Sql::Text(id.to_string())];
        for (name, value) in [("LastModifiedDate", &now), ("SystemModstamp", &now), ("LastModifiedById", &user.to_string())] {
            if object.field(name).is_some() {
                values.push(Sql::Text(value.clone()));
                sets.push(format!("\"{name}\" = ?{}", values.len()));
            }
        }
        conn.execute(&format!("UPDATE {} SET {} WHERE \"Id\" = ?1 AND \"IsDeleted\" = 0", object.table(), sets.join(", ")), params_from_iter(values))?
    } else {
        conn.execute(&format!("DELETE FROM {} WHERE \"Id\" = ?1", object.table()), [id.as_str()])?
    };
    Ok(changed == 1)
}

/// Reads one record's fields (all when `fields` is empty), or `None`.
pub fn get(conn: &Connection, object: &Object, id: &SfId, fields: &[&Field], version: &str) -> rusqlite::Result<Option<Json>> {
    let chosen: Vec<&Field> = if fields.is_empty() { object.fields.iter().collect() } else { fields.to_vec() };
    let columns: Vec<String> = chosen.iter().map(|f| format!("\"{}\"", f.name)).collect();
    let live = if object.field("IsDeleted").is_some() { " AND \"IsDeleted\" = 0" } else { "" };
    let sql = format!("SELECT {} FROM {} WHERE \"Id\" = ?1{live}", columns.join(", "), object.table());
    conn.query_row(&sql, [id.as_str()], |row| {
        let mut map = Map::new();
        map.insert("attributes".into(), attributes(object, id, version));
        for (i, field) in chosen.iter().enumerate() {
            map.insert(field.name.clone(), to_json(field, row.get::<_, Sql>(i)?));
        }
        Ok(Json::Object(map))
    })
    .optional()
}

/// `{"type": "Account", "url": "/services/data/v62.0/sobjects/Account/001..."}`
pub fn attributes(object: &Object, id: &SfId, version: &str) -> Json {
    serde_json::json!({ "type": object.name, "url": format!("/services/data/v{version}/sobjects/{}/{id}", object.name) })
}

/// A stored value as Salesforce JSON for its field type.
pub fn to_json(field: &Field, value: Sql) -> Json {
    match (field.ty, value) {
        (_, Sql::Null) => Json::Null,
        (FieldType::Boolean, Sql::Integer(i)) => Json::Bool(i != 0),
        (FieldType::Int | FieldType::Long, Sql::Integer(i)) => i.into(),
        (_, Sql::Integer(i)) => i.into(),
        (_, Sql::Real(r)) => serde_json::Number::from_f64(r).map_or(Json::Null, Json::Number),
        // Compound fields are kept as their JSON object (see derive::compound).
        (t, Sql::Text(s)) if t.is_compound() => serde_json::from_str(&s).unwrap_or(Json::Null),
        (_, Sql::Text(s)) => Json::String(s),
        (_, Sql::Blob(_)) => Json::Null,
    }
}
