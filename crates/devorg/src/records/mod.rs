//! Records: turning request JSON into column values (with Salesforce's
//! validation, then the schema's validation rules) and rows back into
//! response JSON.

pub mod currency;
pub mod derive;
pub mod encode;
pub mod history;
pub mod ops;
pub mod organization;
pub mod picklist_rows;
pub mod references;
pub mod rules;
pub mod store;

#[cfg(test)]
mod tests {
    //! Insert + derive + read back, on a real SQLite database.
    use serde_json::json;

    use super::encode::{Save, encode};
    use super::store;
    use crate::schema::Schema;

    #[test]
    fn insert_derives_and_reads_back() {
        let schema = Schema::builtin().expect("schema");
        let db = crate::Db::in_memory().expect("db");
        db.apply_schema(&schema).expect("ddl");
        let conn = db.conn();
        let user = salesforce_rest::SfId::mint("005", 1).expect("id");

        let account = schema.object("Account").expect("Account");
        let cols = encode(account, &json!({"Name": "Acme Robotics"}), Save::Create).expect("valid");
        let account_id = store::insert(&conn, account, cols, &user).expect("insert");
        assert_eq!(account_id.key_prefix(), "001");

        let contact = schema.object("Contact").expect("Contact");
        let cols = encode(contact, &json!({"FirstName": "Maria", "LastName": "Chen", "AccountId": account_id.short()}), Save::Create).expect("valid");
        let contact_id = store::insert(&conn, contact, cols, &user).expect("insert");
        let second = store::insert(&conn, account, encode(account, &json!({"Name": "B"}), Save::Create).expect("v"), &user).expect("ins");
        assert_ne!(second, account_id, "ids are unique per object");

        let task = schema.object("Task").expect("Task");
        let cols =
            encode(task, &json!({"Subject": "Call", "WhoId": contact_id.as_str(), "Status": "Completed", "Priority": "High"}), Save::Create).expect("valid");
        let task_id = store::insert(&conn, task, cols, &user).expect("insert");
        let got = store::get(&conn, task, &task_id, &[], "62.0").expect("get").expect("found");
        assert_eq!(got["attributes"]["url"], format!("/services/data/v62.0/sobjects/Task/{task_id}"));
        assert_eq!(got["IsClosed"], true);
        assert_eq!(got["IsHighPriority"], true);
        assert_eq!(got["AccountId"], account_id.as_str(), "derived through the contact");
        assert_eq!(got["OwnerId"], user.as_str());
        assert_eq!(got["TaskSubtype"], "Task", "picklist default");
        assert!(got["CompletedDateTime"].as_str().is_some_and(|s| s.ends_with("+0000")));
        assert_eq!(got["CreatedDate"], got["LastModifiedDate"]);

        let c = store::get(&conn, contact, &contact_id, &[contact.field("Name").expect("Name")], "62.0").expect("get").expect("found");
        assert_eq!(c, json!({"attributes": {"type": "Contact", "url": format!("/services/data/v62.0/sobjects/Contact/{contact_id}")}, "Name": "Maria Chen"}));
        // Reopening the task clears its completion; the owner is unchanged.
        let other = salesforce_rest::SfId::mint("005", 2).expect("id");
        let cols = encode(task, &json!({"Status": "In Progress"}), Save::Update).expect("valid");
        assert!(store::update(&conn, task, &task_id, cols, &other).expect("update"));
        let got = store::get(&conn, task, &task_id, &[], "62.0").expect("get").expect("found");
        assert_eq!(got["IsClosed"], false);
        assert_eq!(got["CompletedDateTime"], serde_json::Value::Null);
        assert_eq!(got["LastModifiedById"], other.as_str());
        assert_eq!(got["OwnerId"], user.as_str());

        // Deleted records are gone for get and for a second delete or update.
        assert!(store::delete(&conn, task, &task_id, &user).expect("delete"));
        assert!(store::get(&conn, task, &task_id, &[], "62.0").expect("get").is_none());
        assert!(!store::delete(&conn, task, &task_id, &user).expect("delete"));
        let cols = encode(task, &json!({"Status": "Completed"}), Save::Update).expect("valid");
        assert!(!store::update(&conn, task, &task_id, cols, &user).expect("update"));

        let missing = salesforce_rest::SfId::mint("003", 999).expect("id");
        assert!(store::get(&conn, contact, &missing, &[], "62.0").expect("get").is_none());
    }
}
