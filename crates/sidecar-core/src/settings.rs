//! The user's settings from the options page, besides the login host
//! ([`crate::login`]): the OAuth client id and the privacy settings that
//! contextual features obey. Also the `chrome.storage` keys every part of
//! the extension uses, in one place.

use serde::{Deserialize, Serialize};

use crate::login::LoginHost;

/// Keys in `chrome.storage`, every one the extension uses (nothing else
/// spells one). Changing one loses the stored value on upgrade. A key per
/// user or object is a function: `feed_dismissed(user_id)`.
pub mod keys {
    /// `chrome.storage.local`: the [`LoginHost`](crate::login::LoginHost).
    pub const LOGIN_HOST: &str = "loginHost";
    /// `chrome.storage.local`: the OAuth client id (a string).
    pub const CLIENT_ID: &str = "clientId";
    /// `chrome.storage.local`: the [`PrivacySettings`](super::PrivacySettings).
    pub const PRIVACY: &str = "privacy";
    /// `chrome.storage.local`: the [`FeedSettings`](super::FeedSettings).
    pub const FEED: &str = "feed";
    /// `chrome.storage.session`: the record a clicked My Feed notification
    /// asks the side panel to open (`feed::seen::PendingOpen`), for a
    /// panel that opens after the click.
    pub const FEED_OPEN: &str = "feedOpen";
    /// `chrome.storage.session`: the access token ([`crate::oauth::StoredAccess`]).
    pub const ACCESS: &str = "sidecarAccess";
    /// `chrome.storage.local`: the refresh token and where it is valid ([`crate::oauth::StoredLogin`]).
    pub const LOGIN: &str = "sidecarLogin";
    /// `chrome.storage.sync` (local when too big): the Workspaces ([`crate::workspace::model::Workspaces`]).
    pub const WORKSPACES: &str = "workspaces";
    /// `chrome.storage.local`: the user's insights corrections ([`crate::insights::corrections`]).
    pub const INSIGHTS_CORRECTIONS: &str = "insightsCorrections";
    /// `chrome.storage.local`: the record panel's unsaved edits ([`crate::edits::pending`]).
    pub const PENDING_EDITS: &str = "pendingEdits";
    /// `chrome.storage.local`: the Workspace's unsaved edits, apart from the
    /// panel's so that two pages never rewrite one list at the same time.
    pub const WORKSPACE_PENDING_EDITS: &str = "workspacePendingEdits";

    /// `chrome.storage.sync` while it fits, else `local` (`platform::synced`
    /// in the extension): the fields a user added to an object's Key Fields,
    /// as a JSON text; they follow the user to other machines.
    pub fn key_fields(object: &str) -> String {
        format!("{KEY_FIELDS}{object}")
    }

    /// `chrome.storage.local`: the My Feed alerts a user dismissed.
    pub fn feed_dismissed(user_id: &str) -> String {
        format!("{FEED_DISMISSED}{user_id}")
    }

    /// `chrome.storage.local`: what of My Feed a user has seen.
    pub fn feed_seen(user_id: &str) -> String {
        format!("{FEED_SEEN}{user_id}")
    }

    /// `chrome.storage.local`: what My Feed's looks found for a user
    /// (`feed::store::Stored`), so a poll asks only for what changed.
    pub fn feed_store(user_id: &str) -> String {
        format!("{FEED_STORE}{user_id}")
    }

    /// `chrome.storage.local`: which My Feed sources a user's org offers
    /// (`feed::catalog::Catalog`, with when it was read).
    pub fn feed_catalog(user_id: &str) -> String {
        format!("{FEED_CATALOG}{user_id}")
    }

    /// `chrome.storage.session`: an org's describe answer kept for a user
    /// (`describe_cache::Kept`), by its path (`/sobjects/Account/describe`).
    pub fn describe_cache(user_id: &str, path: &str) -> String {
        format!("{DESCRIBE_CACHE}{user_id}{path}")
    }

    /// `chrome.storage.local`: a user's cached To Do tasks (their records).
    pub fn todo_cache(user_id: &str) -> String {
        format!("{TODO_CACHE}{user_id}")
    }

    /// `chrome.storage.session`: a user's `User.ProfileId`.
    pub fn profile_id(user_id: &str) -> String {
        format!("{PROFILE_ID}{user_id}")
    }

    const KEY_FIELDS: &str = "keyFields.";
    const FEED_DISMISSED: &str = "feedDismissed.";
    const FEED_SEEN: &str = "feedSeen.";
    const FEED_STORE: &str = "feedStore.";
    const FEED_CATALOG: &str = "feedCatalog.";
    const TODO_CACHE: &str = "todoCache.";
    const DESCRIBE_CACHE: &str = "describeCache.";
    const PROFILE_ID: &str = "profileId.";

    #[cfg(test)]
    mod tests {
        use super::*;

        /// Two values under one key would overwrite each other; a prefix
        /// that is another key's start would let a user or object id land
        /// on it (`feed` + `Seen.x`).
        #[test]
        fn keys_are_distinct() {
            let fixed =
                [LOGIN_HOST, CLIENT_ID, PRIVACY, FEED, FEED_OPEN, ACCESS, LOGIN, WORKSPACES, INSIGHTS_CORRECTIONS, PENDING_EDITS, WORKSPACE_PENDING_EDITS];
            let prefixes = [KEY_FIELDS, FEED_DISMISSED, FEED_SEEN, FEED_STORE, FEED_CATALOG, TODO_CACHE, PROFILE_ID];
            let all: Vec<&str> = fixed.iter().chain(&prefixes).copied().collect();
            for (i, a) in all.iter().enumerate() {
                for b in &all[i + 1..] {
                    assert_ne!(a, b);
                }
            }
            for p in prefixes {
                assert!(p.ends_with('.'), "{p}: a prefix ends with a separator");
                for other in all.iter().filter(|o| **o != p) {
                    assert!(!other.starts_with(p), "{other} starts with the prefix {p}");
                }
            }
            let id = "005000000000001AAA";
            assert_eq!(
                [key_fields("Account"), feed_dismissed(id), feed_seen(id), feed_store(id), feed_catalog(id), todo_cache(id), profile_id(id)],
                [
                    "keyFields.Account",
                    "feedDismissed.005000000000001AAA",
                    "feedSeen.005000000000001AAA",
                    "feedStore.005000000000001AAA",
                    "feedCatalog.005000000000001AAA",
                    "todoCache.005000000000001AAA",
                    "profileId.005000000000001AAA"
                ]
            );
        }
    }
}

/// My Feed: how often the worker looks for new alerts (the background
/// refresh alarm's period, clamped by `messages::refresh_period_minutes`)
/// and whether new alerts raise desktop notifications.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FeedSettings {
    pub poll_minutes: u32,
    pub notify: bool,
}

impl Default for FeedSettings {
    fn default() -> Self {
        Self { poll_minutes: crate::messages::DEFAULT_REFRESH_MINUTES, notify: false }
    }
}

/// The client id devorg accepts out of the box.
pub const DEVORG_CLIENT_ID: &str = "SidecarDevorg";

/// The client id to offer before the user typed one: devorg's own; a real
/// org needs the Consumer Key of its connected app, which only the admin knows.
pub fn default_client_id(host: &LoginHost) -> &'static str {
    match host {
        LoginHost::Devorg => DEVORG_CLIENT_ID,
        _ => "",
    }
}

/// The client id field after the user picks another login host: devorg's
/// default id means nothing to a real org (cleared), and an empty field for
/// devorg gets devorg's id; anything the user typed is kept.
pub fn client_id_after_host_change(current: &str, new_host: &LoginHost) -> String {
    match new_host {
        LoginHost::Devorg if current.trim().is_empty() => DEVORG_CLIENT_ID.to_owned(),
        LoginHost::Devorg => current.to_owned(),
        _ if current.trim() == DEVORG_CLIENT_ID => String::new(),
        _ => current.to_owned(),
    }
}

/// The client id field after the rep picks a kind of org on the options
/// page: [`client_id_after_host_change`] for a host of that kind.
pub fn client_id_after_pick(current: &str, kind: crate::login::choices::HostKind) -> String {
    client_id_after_host_change(current, &kind.stand_in())
}

/// Whether a saved client id is one the user typed (a Consumer Key), not
/// nothing or devorg's own: the options page then shows its "Advanced"
/// part open, so the value that decides every login is in sight.
pub fn is_custom_client_id(saved: Option<&str>) -> bool {
    saved.map(str::trim).is_some_and(|id| !id.is_empty() && id != DEVORG_CLIENT_ID)
}

/// Why a typed client id was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientIdError {
    #[error("Enter the Consumer Key your Salesforce admin gave you, under Advanced.")]
    Empty,
    #[error("A Consumer Key has no spaces: check that it was copied whole.")]
    Whitespace,
}

/// Validates a typed OAuth client id (a connected app's Consumer Key):
/// surrounding space is trimmed, inner space refused.
pub fn client_id(input: &str) -> Result<String, ClientIdError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        Err(ClientIdError::Empty)
    } else if trimmed.chars().any(char::is_whitespace) {
        Err(ClientIdError::Whitespace)
    } else {
        Ok(trimmed.to_owned())
    }
}

/// What contextual features (insights about the page in the active tab) may do.
/// Stored under [`keys::PRIVACY`]; missing fields take their defaults, so
/// a setting added later does not reset the others.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PrivacySettings {
    /// Contextual insights at all (off until the user turns them on).
    pub contextual_insights: bool,
    /// Sites (normalized hosts, matching their subdomains too) where they stay off.
    pub blocked_sites: Vec<String>,
    /// Also in incognito windows.
    pub in_incognito: bool,
}

/// Sites where contextual insights never run, whatever the settings say:
/// web mail, banking, health. Each matches its subdomains too.
pub const SENSITIVE_SITES: &[&str] = &[
    "mail.google.com",
    "outlook.live.com",
    "outlook.office.com",
    "outlook.office365.com",
    "mail.yahoo.com",
    "mail.proton.me",
    "mail.aol.com",
    "fastmail.com",
    "icloud.com",
    "paypal.com",
    "chase.com",
    "wellsfargo.com",
    "citi.com",
    "hsbc.com",
    "barclays.co.uk",
    "mychart.com",
    "mychart.org",
    "healthcare.gov",
    "patient.info",
];

/// Top-level domains that are sensitive as a whole (`.bank` is restricted to verified banks).
const SENSITIVE_TLDS: &[&str] = &["bank", "insurance", "health"];

/// Why a typed site was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteError {
    #[error("Enter a site, for example example.com.")]
    Empty,
    #[error("\"{0}\" is not a site. Enter a domain such as example.com.")]
    Invalid(String),
    #[error("{0} is already in the list.")]
    Duplicate(String),
}

/// Reads a typed site: `example.com`, `https://www.Example.com/path`,
/// `*.example.com` all become a bare lowercase host (`*.` is implied:
/// an entry always covers its subdomains).
pub fn normalize_site(input: &str) -> Result<String, SiteError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(SiteError::Empty);
    }
    let invalid = || SiteError::Invalid(trimmed.to_owned());
    let rest = match trimmed.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => rest,
        Some(_) => return Err(invalid()),
        None => trimmed,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(invalid());
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.parse::<u16>().is_ok() => host,
        Some(_) => return Err(invalid()),
        None => authority,
    };
    let host = host.strip_prefix("*.").unwrap_or(host).trim_end_matches('.').to_ascii_lowercase();
    let labels_ok = host.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    });
    if !labels_ok || !(host.contains('.') || host == "localhost") {
        return Err(invalid());
    }
    Ok(host)
}

/// Whether `host` is `site` or one of its subdomains.
fn covers(site: &str, host: &str) -> bool {
    host == site || host.strip_suffix(site).is_some_and(|prefix| prefix.ends_with('.'))
}

/// Whether `host` is on the built-in sensitive list (web mail, banking, health).
pub fn is_sensitive(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let tld = host.rsplit('.').next().unwrap_or_default();
    SENSITIVE_SITES.iter().any(|site| covers(site, &host))
        || SENSITIVE_TLDS.contains(&tld)
        // Online banking lives on hosts like `onlinebanking.example.com` or `mybank.de`.
        || host.split('.').any(|label| label.contains("bank"))
}

impl PrivacySettings {
    /// Adds a typed site to the blocked list.
    pub fn add_site(&mut self, input: &str) -> Result<(), SiteError> {
        let site = normalize_site(input)?;
        if self.blocked_sites.contains(&site) {
            return Err(SiteError::Duplicate(site));
        }
        self.blocked_sites.push(site);
        Ok(())
    }

    /// Removes a site from the blocked list (no-op when absent).
    pub fn remove_site(&mut self, site: &str) {
        self.blocked_sites.retain(|s| s != site);
    }

    /// Whether contextual insights may look at a page on `host`, in an
    /// incognito window or not.
    pub fn contextual_allowed(&self, host: &str, incognito: bool) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.contextual_insights && (!incognito || self.in_incognito) && !is_sensitive(&host) && !self.blocked_sites.iter().any(|site| covers(site, &host))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_id_after_a_pick() {
        use crate::login::choices::HostKind;
        let cases = [
            ("", HostKind::Devorg, "SidecarDevorg"),
            ("SidecarDevorg", HostKind::Production, ""),
            ("SidecarDevorg", HostKind::MyDomain, ""),
            ("3MVG9abc", HostKind::Sandbox, "3MVG9abc"),
            ("3MVG9abc", HostKind::Devorg, "3MVG9abc"),
            ("", HostKind::Production, ""),
        ];
        for (current, kind, want) in cases {
            assert_eq!(super::client_id_after_pick(current, kind), want, "{current:?} -> {kind:?}");
        }
    }

    #[test]
    fn client_ids_are_validated() {
        let cases: &[(&str, Result<&str, ClientIdError>)] = &[
            ("SidecarDevorg", Ok("SidecarDevorg")),
            ("  3MVG9abc.DEF_123  ", Ok("3MVG9abc.DEF_123")),
            ("", Err(ClientIdError::Empty)),
            ("   ", Err(ClientIdError::Empty)),
            ("3MVG9 abc", Err(ClientIdError::Whitespace)),
            ("3MVG9\tabc", Err(ClientIdError::Whitespace)),
        ];
        for (input, want) in cases {
            assert_eq!(client_id(input), want.clone().map(str::to_owned), "{input:?}");
        }
    }

    #[test]
    fn default_client_id_only_for_devorg() {
        assert_eq!(default_client_id(&LoginHost::Devorg), "SidecarDevorg");
        assert_eq!(default_client_id(&LoginHost::Production), "");
        assert_eq!(default_client_id(&LoginHost::Sandbox), "");
        assert_eq!(default_client_id(&LoginHost::Custom("https://acme.my.salesforce.com".into())), "");
    }

    #[test]
    fn custom_client_ids() {
        let cases =
            [(None, false), (Some(""), false), (Some("  "), false), (Some("SidecarDevorg"), false), (Some(" SidecarDevorg "), false), (Some("3MVG9abc"), true)];
        for (saved, want) in cases {
            assert_eq!(is_custom_client_id(saved), want, "{saved:?}");
        }
    }

    #[test]
    fn client_id_follows_host_changes() {
        let custom = LoginHost::Custom("https://acme.my.salesforce.com".into());
        let cases = [
            ("SidecarDevorg", LoginHost::Production, ""),
            ("SidecarDevorg", custom.clone(), ""),
            ("3MVG9abc", LoginHost::Sandbox, "3MVG9abc"),
            ("", LoginHost::Production, ""),
            ("", LoginHost::Devorg, "SidecarDevorg"),
            ("  ", LoginHost::Devorg, "SidecarDevorg"),
            ("3MVG9abc", LoginHost::Devorg, "3MVG9abc"),
            ("SidecarDevorg", LoginHost::Devorg, "SidecarDevorg"),
        ];
        for (current, host, want) in cases {
            assert_eq!(client_id_after_host_change(current, &host), want, "{current:?} -> {host:?}");
        }
    }

    #[test]
    fn sites_are_normalized() {
        let cases: &[(&str, Result<&str, SiteError>)] = &[
            ("example.com", Ok("example.com")),
            ("  https://www.Example.com/path?q=1 ", Ok("www.example.com")),
            ("*.example.com", Ok("example.com")),
            ("http://example.com:8080/", Ok("example.com")),
            ("example.com.", Ok("example.com")),
            ("localhost", Ok("localhost")),
            ("", Err(SiteError::Empty)),
            ("example", Err(SiteError::Invalid("example".into()))),
            ("exa mple.com", Err(SiteError::Invalid("exa mple.com".into()))),
            ("ftp://example.com", Err(SiteError::Invalid("ftp://example.com".into()))),
            ("javascript:alert(1)", Err(SiteError::Invalid("javascript:alert(1)".into()))),
            ("https://user@example.com", Err(SiteError::Invalid("https://user@example.com".into()))),
            ("example..com", Err(SiteError::Invalid("example..com".into()))),
            ("-example.com", Err(SiteError::Invalid("-example.com".into()))),
            ("example.com:99999", Err(SiteError::Invalid("example.com:99999".into()))),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_site(input), want.clone().map(str::to_owned), "{input:?}");
        }
    }

    #[test]
    fn blocked_list_add_and_remove() {
        let mut settings = PrivacySettings::default();
        assert_eq!(settings.add_site("Example.com"), Ok(()));
        assert_eq!(settings.add_site("https://example.com/x"), Err(SiteError::Duplicate("example.com".into())));
        assert_eq!(settings.add_site("nope"), Err(SiteError::Invalid("nope".into())));
        assert_eq!(settings.add_site("news.site.org"), Ok(()));
        assert_eq!(settings.blocked_sites, ["example.com", "news.site.org"]);
        settings.remove_site("example.com");
        settings.remove_site("absent.com");
        assert_eq!(settings.blocked_sites, ["news.site.org"]);
    }

    #[test]
    fn sensitive_sites() {
        let cases = [
            ("mail.google.com", true),
            ("MAIL.GOOGLE.COM.", true),
            ("outlook.live.com", true),
            ("www.icloud.com", true),
            ("www.chase.com", true),
            ("onlinebanking.example.de", true),
            ("mybank.com", true),
            ("secure.example.bank", true),
            ("acme.mychart.org", true),
            ("google.com", false),
            ("docs.google.com", false),
            ("notchase.com", false),
            ("acme.my.salesforce.com", false),
            ("www.linkedin.com", false),
        ];
        for (host, want) in cases {
            assert_eq!(is_sensitive(host), want, "{host}");
        }
    }

    #[test]
    fn contextual_allowed() {
        let on = PrivacySettings { contextual_insights: true, blocked_sites: vec!["example.com".into()], in_incognito: false };
        let cases = [
            (PrivacySettings::default(), "www.acme.com", false, false),
            (on.clone(), "www.acme.com", false, true),
            (on.clone(), "www.acme.com", true, false),
            (PrivacySettings { in_incognito: true, ..on.clone() }, "www.acme.com", true, true),
            (on.clone(), "example.com", false, false),
            (on.clone(), "shop.example.com", false, false),
            (on.clone(), "notexample.com", false, true),
            (on.clone(), "mail.google.com", false, false),
        ];
        for (settings, host, incognito, want) in cases {
            assert_eq!(settings.contextual_allowed(host, incognito), want, "{settings:?} {host} {incognito}");
        }
    }

    #[test]
    fn stored_form_is_stable_and_tolerant() {
        let settings = PrivacySettings { contextual_insights: true, blocked_sites: vec!["example.com".into()], in_incognito: false };
        let json = serde_json::to_string(&settings).expect("json");
        assert_eq!(json, r#"{"contextualInsights":true,"blockedSites":["example.com"],"inIncognito":false}"#);
        assert_eq!(serde_json::from_str::<PrivacySettings>(&json).expect("parse"), settings);
        // Older or newer stored forms: missing fields default, unknown ones are skipped.
        let partial: PrivacySettings = serde_json::from_str(r#"{"contextualInsights":true,"future":1}"#).expect("parse");
        assert_eq!(partial, PrivacySettings { contextual_insights: true, ..PrivacySettings::default() });
    }
}

/// "Use Salesforce Across the Web", the org's switch for Sidecar: the
/// hierarchy custom setting `Sidecar_Settings__c`, resolved user, profile, org.
pub mod org_switch;
