//! Records: turning request JSON into column values (with Salesforce's
//! validation) and rows back into response JSON.

pub mod encode;
pub mod derive;
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
        let cols = encode(contact, &json!({"FirstName": "Maria", "LastName": "Chen", "AccountId": account_id.short()}), Save::Create)
            .expect("valid");
        let contact_id = store::insert(&conn, contact, cols, &user).expect("insert");
        let second = store::insert(&conn, account, encode(account, &json!({"Name": "B"}), Save::Create).expect("v"), &user).expect("ins");
        assert_ne!(second, account_id, "ids are unique per object");

        let task = schema.object("Task").expect("Task");
        let cols = encode(task, &json!({"Subject": "Call", "WhoId": contact_id.as_str(), "Status": "Completed", "Priority": "High"}), Save::Create)
            .expect("valid");
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
        let missing = salesforce_rest::SfId::mint("003", 999).expect("id");
        assert!(store::get(&conn, contact, &missing, &[], "62.0").expect("get").is_none());
    }
}
