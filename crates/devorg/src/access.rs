//! Which objects a user may use through the API, where devorg models it:
//! custom settings. Every other object is open to every user (devorg has no
//! object permissions; records are limited by sharing, `query::rows`).
//!
//! Salesforce, since Spring '20 with Setup > Schema Settings > "Restrict access
//! to custom settings" (on by default, and always on here), shows a custom
//! setting through the API only to users who have, through their profile or a
//! permission set, "Customize Application", "View All Custom Settings", or that
//! setting enabled under "Custom Setting Definitions" (Salesforce Help,
//! "Protection and Privacy Options for Custom Settings" and "Grant Read Access
//! to All Custom Settings"). To anyone else the setting does not exist: a
//! query answers INVALID_TYPE "sObject type 'X' is not supported..." (as
//! reported for such users, GitHub jamessimone/salesforce-round-robin#25).
//! devorg also answers a describe or a record URL 404 NOT_FOUND and leaves the
//! setting out of describeGlobal, as for an object the org never had: our
//! reading of "does not exist", not checked against a real org.
//!
//! devorg's model, kept minimal: a devorg admin (`devorg_admins`) reads them
//! all; otherwise the two permissions are checkboxes of the user's `Profile` (`PermissionsCustomizeApplication`,
//! `PermissionsViewAllCustomSettings`, real Profile fields); a permission set's
//! "Custom Setting Definitions" are rows of `devorg_custom_setting_access`
//! (user, setting), written by the seeds when they assign the SFDX project's
//! `Sidecar_User` permission set ([`SIDECAR_USER_SETTINGS`]). devorg has no
//! PermissionSet or PermissionSetAssignment records.

use rusqlite::{Connection, OptionalExtension};

use crate::ApiError;
use crate::auth::Session;
use crate::schema::Object;

pub const DDL: &str = "CREATE TABLE IF NOT EXISTS devorg_custom_setting_access (
    user_id TEXT NOT NULL, setting TEXT NOT NULL COLLATE NOCASE, PRIMARY KEY (user_id, setting));";

/// The custom settings the `Sidecar_User` permission set of
/// `salesforce/force-app/main/default/permissionsets/` enables under "Custom
/// Setting Definitions" (its `customSettingAccesses`; a metadata test keeps
/// the two in step).
pub const SIDECAR_USER_SETTINGS: &[&str] = &["Sidecar_Settings__c"];

/// Gives `user` the custom setting accesses of the `Sidecar_User`
/// permission set (what assigning it does for custom settings).
pub fn assign_sidecar_user(conn: &Connection, user: &salesforce_rest::SfId) -> rusqlite::Result<()> {
    for setting in SIDECAR_USER_SETTINGS {
        conn.execute("INSERT OR IGNORE INTO devorg_custom_setting_access (user_id, setting) VALUES (?1, ?2)", [user.as_str(), setting])?;
    }
    Ok(())
}

/// Whether the session's user may use `object` through the API.
pub fn visible(conn: &Connection, session: &Session, object: &Object) -> Result<bool, ApiError> {
    // A devorg admin (`auth::make_admin`: sees every record, the seeds'
    // System Administrator) has Customize Application whatever its profile.
    if !object.custom_setting || session.admin {
        return Ok(true);
    }
    let by_profile: Option<bool> = conn
        .query_row(
            "SELECT p.\"PermissionsCustomizeApplication\" = 1 OR p.\"PermissionsViewAllCustomSettings\" = 1
             FROM \"sobj_User\" u JOIN \"sobj_Profile\" p ON p.\"Id\" = u.\"ProfileId\" WHERE u.\"Id\" = ?1",
            [session.user.as_str()],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| ApiError::internal(&e))?;
    if by_profile == Some(true) {
        return Ok(true);
    }
    let granted = conn
        .query_row("SELECT 1 FROM devorg_custom_setting_access WHERE user_id = ?1 AND setting = ?2", [session.user.as_str(), object.name.as_str()], |_| Ok(()))
        .optional()
        .map_err(|e| ApiError::internal(&e))?;
    Ok(granted.is_some())
}
