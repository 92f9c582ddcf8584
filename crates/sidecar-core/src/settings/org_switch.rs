//! The org's switch for Sidecar, "Use Salesforce Across the Web": the field
//! `Use_Across_The_Web__c` of the hierarchy custom setting `Sidecar_Settings__c`.
//!
//! A hierarchy custom setting has one row per *location*, named by the row's
//! `SetupOwnerId`: the organization (the org-wide default, id prefix `00D`),
//! a profile (`00e`) or a user (`005`). Salesforce resolves it for a user from
//! the most specific row that sets the field: the user's own row overrides
//! their profile's, which overrides the org's (Salesforce Developers, Visualforce
//! "$Setup" global variable: "1. Organization, the default value for everyone /
//! 2. Profile, which overrides the Organization value / 3. User, which overrides
//! both"; Apex Reference, "Hierarchy Custom Setting Methods", `getInstance()`:
//! "fields ... are merged based on the lowest level fields that are defined in
//! the hierarchy"). A row whose field is empty therefore does not decide: the
//! next level up does. No row at all means the org never turned Sidecar off.
//!
//! An unreadable setting is the subtle case: see [`when_unreadable`].

use salesforce_rest::soql::{CompareOp, Condition, FieldPath, Query, Value};
use salesforce_rest::wire::Record;

/// The custom setting's API name.
pub const SETTING: &str = "Sidecar_Settings__c";
/// Its switch field.
pub const FIELD: &str = "Use_Across_The_Web__c";
/// Sidecar's custom object, deployed with the setting from `salesforce/` and
/// granted by the same permission set (see [`when_unreadable`]).
pub const SIDECAR_OBJECT: &str = "Engagement_Event__c";

/// Which level of the hierarchy a row (or the answer) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    User,
    Profile,
    Org,
}

impl Level {
    /// The level of a `SetupOwnerId`, from its key prefix (User `005`,
    /// Profile `00e`, Organization `00D`); None for anything else.
    pub fn of(setup_owner_id: &str) -> Option<Self> {
        match setup_owner_id.get(..3)? {
            "005" => Some(Self::User),
            "00e" => Some(Self::Profile),
            "00D" => Some(Self::Org),
            _ => None,
        }
    }
}

/// Who the switch is resolved for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer<'a> {
    pub user_id: &'a str,
    /// `User.ProfileId` (every Salesforce user has one; None when it could not be read).
    pub profile_id: Option<&'a str>,
    pub org_id: &'a str,
}

/// What the org answers about Sidecar for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// On, decided at `Some(level)`, or by no row at all (`None`).
    On(Option<Level>),
    /// Turned off at that level.
    Off(Level),
    /// The user cannot read the setting although Sidecar is deployed in the
    /// org: they need the Sidecar User permission set ([`when_unreadable`]).
    NeedsAccess,
}

impl Status {
    /// Whether Sidecar may run (read the org, poll, notify) for the user.
    pub fn allowed(self) -> bool {
        matches!(self, Self::On(_))
    }

    /// What the rep reads instead of Sidecar (the panel and the Workspace),
    /// or None when Sidecar is on.
    pub fn message(self) -> Option<&'static str> {
        match self {
            Self::On(_) => None,
            Self::Off(Level::Org) => Some(TURNED_OFF_FOR_ORG),
            Self::Off(Level::Profile | Level::User) => Some("Your Salesforce admin has turned off Sidecar for you."),
            Self::NeedsAccess => Some(NEEDS_ACCESS),
        }
    }
}

/// The message of an org that turned Sidecar off org-wide.
pub const TURNED_OFF_FOR_ORG: &str = "Your Salesforce admin has turned off Sidecar for your org.";
/// The message of a user who cannot read the switch ([`when_unreadable`]).
pub const NEEDS_ACCESS: &str = "Sidecar can't read your org's Sidecar settings. Ask your Salesforce admin to assign you the Sidecar User permission set.";

/// `SELECT ProfileId FROM User WHERE Id = '<user>'`: the user's profile, which
/// neither the OAuth userinfo nor the identity URL answers (their fields are
/// user, org, names, email, locale and URLs; no profile).
pub fn profile_query(user_id: &str) -> Query {
    let mut query = Query::select(&["ProfileId"], "User");
    query.filter = Some(Condition::compare("Id", CompareOp::Eq, Value::string(user_id)));
    query
}

/// The rows that can decide for `viewer`: theirs, their profile's, the org's.
pub fn query(viewer: &Viewer<'_>) -> Query {
    let mut query = Query::select(&["SetupOwnerId", FIELD], SETTING);
    let owners = [Some(viewer.user_id), viewer.profile_id, Some(viewer.org_id)];
    query.filter =
        Some(Condition::In { field: FieldPath::new("SetupOwnerId"), values: owners.into_iter().flatten().map(Value::string).collect(), negated: false });
    query
}

/// The switch for `viewer` from the setting's rows (any order; rows of other
/// locations are ignored): the user's row, else the profile's, else the org's;
/// a row with no value for the field does not decide; no deciding row is on.
pub fn resolve(rows: &[Record], viewer: &Viewer<'_>) -> Status {
    let value_at = |owner: Option<&str>, level: Level| {
        let owner = owner?;
        rows.iter()
            .filter(|r| r.get_str("SetupOwnerId").is_some_and(|o| Level::of(o) == Some(level) && salesforce_rest::id::same_record(o, owner)))
            .find_map(|r| r.get(FIELD).and_then(serde_json::Value::as_bool))
            .map(|on| if on { Status::On(Some(level)) } else { Status::Off(level) })
    };
    value_at(Some(viewer.user_id), Level::User)
        .or_else(|| value_at(viewer.profile_id, Level::Profile))
        .or_else(|| value_at(Some(viewer.org_id), Level::Org))
        .unwrap_or(Status::On(None))
}

/// The setting's query answered `INVALID_TYPE` ("sObject type
/// 'Sidecar_Settings__c' is not supported"). Salesforce gives that same answer
/// for two different orgs, so the query alone cannot tell them apart:
/// - the org never deployed the setting: it never turned Sidecar off (on, as
///   an org without Sidecar's metadata has always been);
/// - the setting is deployed but the user may not read it: since Spring '20
///   (Setup > Schema Settings, "Restrict access to custom settings", on by
///   default) the API shows a custom setting only to users with Customize
///   Application, "View All Custom Settings", or the setting enabled under a
///   profile's or permission set's "Custom Setting Definitions" (Salesforce
///   Help, "Protection and Privacy Options for Custom Settings"); to anyone
///   else it is not there: the same "sObject type '...' is not supported"
///   (reported for such users in GitHub jamessimone/salesforce-round-robin#25).
///   That describeGlobal then leaves it out too is our reading of "not there",
///   not checked against a real org.
///
/// Reading it as "on" in the second case let any rep without the grant use
/// Sidecar in an org that turned it off. Sidecar's metadata ships as one
/// SFDX project (`salesforce/`: this setting and `Engagement_Event__c`) with
/// one permission set granting both, so the second signal is whether the
/// user sees `Engagement_Event__c` (describeGlobal): a user who sees Sidecar's
/// object but not its switch has part of Sidecar's access and not the rest:
/// they are told to ask for the permission set, and Sidecar stays idle. A user
/// who sees neither is in an org without Sidecar's metadata (or one that
/// granted nothing, which Sidecar cannot tell apart from it): on. The README
/// tells admins who deploy the switch to assign the permission set.
pub fn when_unreadable(sees_sidecar_object: bool) -> Status {
    if sees_sidecar_object { Status::NeedsAccess } else { Status::On(None) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "005000000000001EAA";
    const OTHER_USER: &str = "005000000000002EAA";
    const PROFILE: &str = "00e000000000001EAA";
    const OTHER_PROFILE: &str = "00e000000000002EAA";
    const ORG: &str = "00D000000000001EAA";

    fn row(owner: &str, value: serde_json::Value) -> Record {
        serde_json::from_value(serde_json::json!({"attributes": {"type": SETTING}, "SetupOwnerId": owner, FIELD: value})).expect("record")
    }

    fn missing_field(owner: &str) -> Record {
        serde_json::from_value(serde_json::json!({"attributes": {"type": SETTING}, "SetupOwnerId": owner})).expect("record")
    }

    #[test]
    fn queries() {
        let viewer = Viewer { user_id: USER, profile_id: Some(PROFILE), org_id: ORG };
        assert_eq!(
            query(&viewer).to_string(),
            "SELECT SetupOwnerId, Use_Across_The_Web__c FROM Sidecar_Settings__c WHERE SetupOwnerId IN ('005000000000001EAA', '00e000000000001EAA', '00D000000000001EAA')"
        );
        let no_profile = Viewer { profile_id: None, ..viewer };
        assert_eq!(
            query(&no_profile).to_string(),
            "SELECT SetupOwnerId, Use_Across_The_Web__c FROM Sidecar_Settings__c WHERE SetupOwnerId IN ('005000000000001EAA', '00D000000000001EAA')"
        );
        assert_eq!(profile_query("005' OR Id != '").to_string(), r"SELECT ProfileId FROM User WHERE Id = '005\' OR Id != \''");
    }

    #[test]
    fn levels_from_key_prefixes() {
        let cases = [(USER, Some(Level::User)), (PROFILE, Some(Level::Profile)), (ORG, Some(Level::Org)), ("001000000000001", None), ("00", None), ("", None)];
        for (id, want) in cases {
            assert_eq!(Level::of(id), want, "{id}");
        }
    }

    #[test]
    fn the_most_specific_row_with_a_value_decides() {
        use serde_json::json;
        let on = json!(true);
        let off = json!(false);
        let null = serde_json::Value::Null;
        let viewer = Viewer { user_id: USER, profile_id: Some(PROFILE), org_id: ORG };
        let cases: Vec<(&str, Vec<Record>, Status)> = vec![
            ("no rows: never turned off", vec![], Status::On(None)),
            ("org off", vec![row(ORG, off.clone())], Status::Off(Level::Org)),
            ("org on", vec![row(ORG, on.clone())], Status::On(Some(Level::Org))),
            ("org row in its 15-character form", vec![row(&ORG[..15], off.clone())], Status::Off(Level::Org)),
            ("profile off overrides org on", vec![row(ORG, on.clone()), row(PROFILE, off.clone())], Status::Off(Level::Profile)),
            ("profile on overrides org off", vec![row(PROFILE, on.clone()), row(ORG, off.clone())], Status::On(Some(Level::Profile))),
            ("user on overrides profile off", vec![row(ORG, off.clone()), row(PROFILE, off.clone()), row(USER, on.clone())], Status::On(Some(Level::User))),
            ("user off overrides all on", vec![row(USER, off.clone()), row(PROFILE, on.clone()), row(ORG, on.clone())], Status::Off(Level::User)),
            (
                "user row without a value: the profile decides",
                vec![row(USER, null.clone()), row(PROFILE, off.clone()), row(ORG, on.clone())],
                Status::Off(Level::Profile),
            ),
            ("field left out of the row: the org decides", vec![missing_field(USER), missing_field(PROFILE), row(ORG, off.clone())], Status::Off(Level::Org)),
            ("no level has a value", vec![row(USER, null.clone()), row(ORG, null.clone())], Status::On(None)),
            ("a non-boolean value does not decide", vec![row(PROFILE, json!("false")), row(ORG, off.clone())], Status::Off(Level::Org)),
            ("another user's row", vec![row(OTHER_USER, off.clone())], Status::On(None)),
            ("another profile's row", vec![row(OTHER_PROFILE, off.clone()), row(ORG, on.clone())], Status::On(Some(Level::Org))),
            ("a row with no owner", vec![missing_field("")], Status::On(None)),
        ];
        for (name, rows, want) in cases {
            assert_eq!(resolve(&rows, &viewer), want, "{name}");
        }
        // Without the profile id, profile rows cannot be matched: the org decides.
        let unknown_profile = Viewer { profile_id: None, ..viewer };
        assert_eq!(resolve(&[row(PROFILE, off.clone()), row(ORG, on.clone())], &unknown_profile), Status::On(Some(Level::Org)));
    }

    #[test]
    fn an_unreadable_setting() {
        assert_eq!(when_unreadable(true), Status::NeedsAccess);
        assert_eq!(when_unreadable(false), Status::On(None));
        assert!(!Status::NeedsAccess.allowed());
        assert!(!Status::Off(Level::Profile).allowed());
        assert!(Status::On(None).allowed());
        assert!(Status::On(Some(Level::User)).allowed());
    }

    #[test]
    fn messages() {
        let cases = [
            (Status::On(None), None),
            (Status::On(Some(Level::Profile)), None),
            (Status::Off(Level::Org), Some(TURNED_OFF_FOR_ORG)),
            (Status::Off(Level::Profile), Some("Your Salesforce admin has turned off Sidecar for you.")),
            (Status::Off(Level::User), Some("Your Salesforce admin has turned off Sidecar for you.")),
            (Status::NeedsAccess, Some(NEEDS_ACCESS)),
        ];
        for (status, want) in cases {
            assert_eq!(status.message(), want, "{status:?}");
        }
    }
}
