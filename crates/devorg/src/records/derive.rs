//! Fields Salesforce computes from others, recomputed after every save in
//! one UPDATE per object (so they can never disagree with their inputs):
//! - Contact/Lead/User `Name` = "First Last";
//! - Task `IsClosed` from Status (the picklist's closed values),
//!   `IsHighPriority` from Priority, `CompletedDateTime` when it closes,
//!   `AccountId` from WhatId (Account) or the WhoId contact's account;
//! - Opportunity `IsClosed`/`IsWon` from StageName; Case `IsClosed` and
//!   `ClosedDate`; Contract `EndDate`; autonumbers (CaseNumber, ...);
//! - EmailMessageRelation `RelationObjectType` from RelationId's object, and
//!   `RelationAddress`, when not given, from its Email ("If the value is not
//!   set, it is auto-populated from RelationId", Object Reference).

use rusqlite::Connection;
use salesforce_rest::SfId;

use crate::schema::Object;

/// SQL list of the closed values of a status picklist, quoted from the schema.
fn closed_list(object: &Object, field: &str) -> String {
    let values: Vec<String> =
        object.field(field).map(|f| f.closed_values().map(|p| format!("'{}'", p.value.replace('\'', "''"))).collect()).unwrap_or_default();
    if values.is_empty() { "NULL".to_owned() } else { values.join(", ") }
}

/// A compound field (`BillingAddress`) as Salesforce returns it: an object
/// of its components (`street`, `city`, `postalCode`, `latitude`...), which
/// describe names through `compoundFieldName`; null when every component is
/// empty. Kept as JSON text in its own column, so reads need no join.
fn compound(object: &Object, field: &crate::schema::Field) -> Option<String> {
    let parts: Vec<(String, &str)> = object
        .fields
        .iter()
        .filter(|c| c.recorded.as_ref().and_then(|r| r.get("compoundFieldName")).and_then(|v| v.as_str()) == Some(field.name.as_str()))
        .map(|c| (component_key(&field.name, &c.name), c.name.as_str()))
        .collect();
    if parts.is_empty() {
        return None;
    }
    let columns: Vec<String> = parts.iter().map(|(_, c)| format!("\"{c}\"")).collect();
    let pairs: Vec<String> = parts.iter().map(|(k, c)| format!("'{k}', \"{c}\"")).collect();
    Some(format!(
        "\"{}\" = CASE WHEN COALESCE({}) IS NULL THEN NULL ELSE json_object({}) END",
        field.name,
        if columns.len() == 1 { format!("{}, NULL", columns[0]) } else { columns.join(", ") },
        pairs.join(", ")
    ))
}

/// `BillingAddress` + `BillingPostalCode` -> `postalCode`;
/// `Site__c` + `Site__Latitude__s` -> `latitude`.
fn component_key(compound: &str, component: &str) -> String {
    let stem = compound.trim_end_matches("__c").trim_end_matches("Address");
    let rest = component.strip_prefix(stem).unwrap_or(component).trim_start_matches("__").trim_end_matches("__s");
    let mut chars = rest.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// RelationObjectType and RelationAddress from RelationId's record, over
/// whichever of Contact, Lead and User the schema has.
fn relation(object: &Object) -> Vec<String> {
    let Some(field) = object.field("RelationId") else { return Vec::new() };
    let kind: Vec<String> = field.targets.iter().map(|t| format!("WHEN '{}' THEN '{}'", t.key_prefix, t.object.replace('\'', "''"))).collect();
    let email: Vec<String> = field.targets.iter().map(|t| format!("(SELECT e.\"Email\" FROM {} e WHERE e.\"Id\" = \"RelationId\")", t.table)).collect();
    let mut sets = Vec::new();
    if object.field("RelationObjectType").is_some() {
        let cases = if kind.is_empty() { "NULL".to_owned() } else { format!("CASE substr(\"RelationId\", 1, 3) {} ELSE NULL END", kind.join(" ")) };
        sets.push(format!("\"RelationObjectType\" = {cases}"));
    }
    if object.field("RelationAddress").is_some() && !email.is_empty() {
        sets.push(format!("\"RelationAddress\" = COALESCE(\"RelationAddress\", {}, NULL)", email.join(", ")));
    }
    sets
}

pub fn refresh(conn: &Connection, object: &Object, id: &SfId, now: &str) -> rusqlite::Result<()> {
    let closed = |field: &str| closed_list(object, field);
    let sets: Vec<String> = match object.name.as_str() {
        "Contact" | "Lead" | "User" => vec!["\"Name\" = TRIM(IFNULL(\"FirstName\", '') || ' ' || IFNULL(\"LastName\", ''))".into()],
        "Task" => vec![
            format!("\"IsClosed\" = (\"Status\" IN ({}))", closed("Status")),
            "\"IsHighPriority\" = (\"Priority\" = 'High')".into(),
            format!("\"CompletedDateTime\" = CASE WHEN \"Status\" IN ({}) THEN IFNULL(\"CompletedDateTime\", ?2) ELSE NULL END", closed("Status")),
            "\"AccountId\" = CASE \
               WHEN substr(\"WhatId\", 1, 3) = '001' THEN \"WhatId\" \
               WHEN substr(\"WhatId\", 1, 3) = '006' THEN (SELECT \"AccountId\" FROM \"sobj_Opportunity\" o WHERE o.\"Id\" = \"WhatId\") \
               WHEN substr(\"WhoId\", 1, 3) = '003' THEN (SELECT \"AccountId\" FROM \"sobj_Contact\" c WHERE c.\"Id\" = \"WhoId\") \
               ELSE NULL END"
                .into(),
        ],
        "Opportunity" => vec![format!("\"IsClosed\" = (\"StageName\" IN ({}))", closed("StageName")), "\"IsWon\" = (\"StageName\" = 'Closed Won')".into()],
        "Case" => vec![
            format!("\"IsClosed\" = (\"Status\" IN ({}))", closed("Status")),
            format!("\"ClosedDate\" = CASE WHEN \"Status\" IN ({}) THEN IFNULL(\"ClosedDate\", ?2) ELSE NULL END", closed("Status")),
            "\"CaseNumber\" = IFNULL(\"CaseNumber\", printf('%08d', (SELECT COUNT(*) FROM \"sobj_Case\")))".into(),
        ],
        "Contract" => vec![
            "\"ContractNumber\" = IFNULL(\"ContractNumber\", printf('%08d', (SELECT COUNT(*) FROM \"sobj_Contract\")))".into(),
            "\"EndDate\" = CASE WHEN \"StartDate\" IS NULL OR \"ContractTerm\" IS NULL THEN NULL \
               ELSE date(\"StartDate\", '+' || \"ContractTerm\" || ' months', '-1 day') END"
                .into(),
        ],
        "Quote" => vec!["\"QuoteNumber\" = IFNULL(\"QuoteNumber\", printf('%08d', (SELECT COUNT(*) FROM \"sobj_Quote\")))".into()],
        "EmailMessageRelation" => relation(object),
        "Engagement_Event__c" => {
            vec!["\"Name\" = IFNULL(\"Name\", printf('EE-%06d', (SELECT COUNT(*) FROM \"sobj_Engagement_Event__c\")))".into()]
        }
        _ => Vec::new(),
    };
    let mut sets = sets;
    sets.extend(object.fields.iter().filter(|f| f.ty.is_compound()).filter_map(|f| compound(object, f)));
    if sets.is_empty() {
        return Ok(());
    }
    let sql = format!("UPDATE {} SET {} WHERE \"Id\" = ?1", object.table(), sets.join(", "));
    // ?2 is only referenced by some objects; SQLite requires every bound
    // parameter to exist in the statement, so bind it only when used.
    if sql.contains("?2") {
        conn.execute(&sql, rusqlite::params![id.as_str(), now])?;
    } else {
        conn.execute(&sql, rusqlite::params![id.as_str()])?;
    }
    Ok(())
}
