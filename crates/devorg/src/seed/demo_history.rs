//! The `demo` profile's ownership changes, for My Feed's "Assigned to you":
//! three of Ian's records were another rep's until that rep handed them to
//! Ian in the last week, and the field history says so (two rows per change,
//! written by `records::history` as an API update would, back-dated):
//! - the lead Sofia Alvarez, from Leo Park (the SDR who qualified her), by
//!   Leo, 2 days ago;
//! - the first generated contact Ian owns, from Maya Patel, by Maya, 4 days ago;
//! - the first open generated opportunity Ian owns, from Nora Fischer, by
//!   Nora, 6 days ago.
//!
//! Each record is recorded as created by its first owner, and last modified
//! by the change. An org without the history object (`--without`) gets no rows.

use rusqlite::OptionalExtension;
use rusqlite::types::Value as Sql;
use salesforce_rest::SfId;

use super::SeedError;
use super::demo::Org;
use super::seeder::Seeder;

pub fn seed(s: &mut Seeder<'_>, org: &Org) -> Result<(), SeedError> {
    let [maya, leo, nora] = [0, 1, 2].map(|i| org.reps.get(i).cloned());
    let (Some(maya), Some(leo), Some(nora)) = (maya, leo, nora) else { return Ok(()) };
    let ian = &org.ian;
    if let Some(sofia) = org.leads.get(1) {
        reassign(s, "Lead", &sofia.id, &leo, ian, 2 * 1440 + 95)?;
    }
    let minutes = 4 * 1440 + 310;
    if let Some(contact) = org.contacts.iter().skip(2).find(|c| &c.owner == ian && created_before(s, "Contact", &c.id, minutes)) {
        reassign(s, "Contact", &contact.id, &maya, ian, minutes)?;
    }
    let minutes = 6 * 1440 + 170;
    let open = |o: &&super::demo::Opportunity| &o.owner == ian && !o.stage.starts_with("Closed");
    if let Some(opp) = org.opportunities.iter().skip(4).filter(open).find(|o| created_before(s, "Opportunity", &o.id, minutes)) {
        reassign(s, "Opportunity", &opp.id, &nora, ian, minutes)?;
    }
    Ok(())
}

/// Whether the record was created more than `minutes` before the seed's now.
fn created_before(s: &Seeder<'_>, object: &str, id: &SfId, minutes: i64) -> bool {
    let Ok(o) = s.object(object) else { return false };
    let sql = format!("SELECT \"CreatedDate\" FROM {} WHERE \"Id\" = ?1", o.table());
    let created: Option<String> = s.conn.query_row(&sql, [id.as_str()], |r| r.get(0)).optional().ok().flatten();
    created.is_some_and(|c| c < s.minutes_ago(minutes))
}

/// `from` gave the record (now `to`'s) to `to`, `minutes` ago.
fn reassign(s: &mut Seeder<'_>, object: &str, id: &SfId, from: &SfId, to: &SfId, minutes: i64) -> Result<(), SeedError> {
    let o = s.object(object)?;
    let Some(history) = o.tracked_by.as_ref().map(|h| h.object.clone()) else { return Ok(()) };
    let at = s.minutes_ago(minutes);
    crate::records::history::owner_changed(s.conn, o, id, from.as_str(), to.as_str(), from, &at)?;
    s.counted(&history, 2);
    s.set(object, id, "CreatedById", Sql::Text(from.to_string()))?;
    s.set(object, id, "LastModifiedById", Sql::Text(from.to_string()))?;
    s.set(object, id, "LastModifiedDate", Sql::Text(at.clone()))?;
    s.set(object, id, "SystemModstamp", Sql::Text(at))?;
    Ok(())
}
