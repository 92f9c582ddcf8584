//! Fields Salesforce computes from others, recomputed after every save in
//! one UPDATE per object (so they can never disagree with their inputs):
//! - Contact/Lead/User `Name` = "First Last";
//! - Task `IsClosed` from Status (the picklist's closed values),
//!   `IsHighPriority` from Priority, `CompletedDateTime` when it closes,
//!   `AccountId` from WhatId (Account) or the WhoId contact's account;
//! - Opportunity `IsClosed`/`IsWon` from StageName; Case `IsClosed` and
//!   `ClosedDate`; Contract `EndDate`; autonumbers (CaseNumber, ...).

use rusqlite::Connection;
use salesforce_rest::SfId;

use crate::schema::Object;

/// SQL list of the closed values of a status picklist, quoted from the schema.
fn closed_list(object: &Object, field: &str) -> String {
    let values: Vec<String> = object
        .field(field)
        .map(|f| f.closed_values().map(|p| format!("'{}'", p.value.replace('\'', "''"))).collect())
        .unwrap_or_default();
    if values.is_empty() { "NULL".to_owned() } else { values.join(", ") }
}

pub fn refresh(conn: &Connection, object: &Object, id: &SfId, now: &str) -> rusqlite::Result<()> {
    let closed = |field: &str| closed_list(object, field);
    let sets: Vec<String> = match object.name.as_str() {
        "Contact" | "Lead" | "User" => vec!["\"Name\" = TRIM(IFNULL(\"FirstName\", '') || ' ' || IFNULL(\"LastName\", ''))".into()],
        "Task" => vec![
            format!("\"IsClosed\" = (\"Status\" IN ({}))", closed("Status")),
            "\"IsHighPriority\" = (\"Priority\" = 'High')".into(),
            format!(
                "\"CompletedDateTime\" = CASE WHEN \"Status\" IN ({}) THEN IFNULL(\"CompletedDateTime\", ?2) ELSE NULL END",
                closed("Status")
            ),
            "\"AccountId\" = CASE \
               WHEN substr(\"WhatId\", 1, 3) = '001' THEN \"WhatId\" \
               WHEN substr(\"WhatId\", 1, 3) = '006' THEN (SELECT \"AccountId\" FROM \"sobj_Opportunity\" o WHERE o.\"Id\" = \"WhatId\") \
               WHEN substr(\"WhoId\", 1, 3) = '003' THEN (SELECT \"AccountId\" FROM \"sobj_Contact\" c WHERE c.\"Id\" = \"WhoId\") \
               ELSE NULL END"
                .into(),
        ],
        "Opportunity" => vec![
            format!("\"IsClosed\" = (\"StageName\" IN ({}))", closed("StageName")),
            "\"IsWon\" = (\"StageName\" = 'Closed Won')".into(),
        ],
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
        "Engagement_Event__c" => {
            vec!["\"Name\" = IFNULL(\"Name\", printf('EE-%06d', (SELECT COUNT(*) FROM \"sobj_Engagement_Event__c\")))".into()]
        }
        _ => Vec::new(),
    };
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
