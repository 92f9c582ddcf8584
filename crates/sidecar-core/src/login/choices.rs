//! The options page's "Where do you log in?" as data: which choices a build
//! offers (the local devorg only in the developer build, never in the build
//! for real users), the words a sales rep reads for each, which choice a
//! saved [`LoginHost`] stands for, and the host a choice makes when saved.
//! The options page only renders these.

use super::{LoginHost, LoginHostError};

/// Which build is running: the developer's (`cargo xtask build`, `cargo
/// xtask run`, the tests) or the one for real users (`cargo xtask build
/// --store`, Cargo feature `store`), which has no access to this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    Developer,
    Store,
}

impl Build {
    /// The build this code was compiled into.
    pub const CURRENT: Self = if cfg!(feature = "store") { Self::Store } else { Self::Developer };
}

/// One kind of place to log in, as the options page offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostKind {
    Production,
    Sandbox,
    MyDomain,
    Devorg,
}

impl HostKind {
    /// The radio's value (and its id's suffix): the stored [`LoginHost`]'s
    /// `kind`, so a test or a developer reading storage sees one spelling.
    pub fn value(self) -> &'static str {
        match self {
            Self::Production => "production",
            Self::Sandbox => "sandbox",
            Self::MyDomain => "custom",
            Self::Devorg => "devorg",
        }
    }

    /// The kind a saved host is.
    pub fn of(host: &LoginHost) -> Self {
        match host {
            LoginHost::Production => Self::Production,
            LoginHost::Sandbox => Self::Sandbox,
            LoginHost::Custom(_) => Self::MyDomain,
            LoginHost::Devorg => Self::Devorg,
        }
    }

    /// The host to save for this choice; My Domain reads what the rep typed.
    pub fn host(self, typed_domain: &str) -> Result<LoginHost, LoginHostError> {
        match self {
            Self::Production => Ok(LoginHost::Production),
            Self::Sandbox => Ok(LoginHost::Sandbox),
            Self::MyDomain => LoginHost::custom(typed_domain),
            Self::Devorg => Ok(LoginHost::Devorg),
        }
    }

    /// Whether this is a Salesforce org, which needs the Consumer Key of an
    /// app the org's admin created (devorg accepts its own id).
    pub fn is_salesforce(self) -> bool {
        !matches!(self, Self::Devorg)
    }

    /// A host of this kind, standing in for the one the rep will type (a
    /// My Domain's address): for what depends only on the kind, such as
    /// `settings::client_id_after_pick`.
    pub fn stand_in(self) -> LoginHost {
        match self {
            Self::Production => LoginHost::Production,
            Self::Sandbox => LoginHost::Sandbox,
            Self::MyDomain => LoginHost::Custom(String::new()),
            Self::Devorg => LoginHost::Devorg,
        }
    }
}

/// A choice as a sales rep reads it: a title, the address it logs in at
/// when it has one fixed address, and a line saying what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostChoice {
    pub kind: HostKind,
    pub title: &'static str,
    pub address: Option<&'static str>,
    pub detail: &'static str,
}

const PRODUCTION: HostChoice = HostChoice {
    kind: HostKind::Production,
    title: "Production",
    address: Some("login.salesforce.com"),
    detail: "Your company's everyday Salesforce, the one most people use at work.",
};

const SANDBOX: HostChoice = HostChoice {
    kind: HostKind::Sandbox,
    title: "Sandbox",
    address: Some("test.salesforce.com"),
    detail: "A test copy of your company's Salesforce, for trying things out.",
};

const MY_DOMAIN: HostChoice =
    HostChoice { kind: HostKind::MyDomain, title: "My Domain", address: None, detail: "Your company's own Salesforce address, like acme.my.salesforce.com." };

const DEVORG: HostChoice = HostChoice {
    kind: HostKind::Devorg,
    title: "Local development org (devorg, this computer)",
    address: Some(super::DEVORG_URL),
    detail: "For developers of Sidecar: the local org that cargo xtask run starts.",
};

/// The choices a build offers, in the order shown. The build for real users
/// never offers devorg: it has no access to this machine, and a rep has no
/// devorg to log in to.
pub fn host_choices(build: Build) -> &'static [HostChoice] {
    match build {
        Build::Store => &[PRODUCTION, SANDBOX, MY_DOMAIN],
        Build::Developer => &[PRODUCTION, SANDBOX, MY_DOMAIN, DEVORG],
    }
}

/// The choice selected when the page opens: the saved host's, or none when
/// nothing was saved yet (the page then asks rather than pretending a
/// default was picked) or the saved host is one this build does not offer
/// (devorg, saved by a developer build).
pub fn chosen(saved: Option<&LoginHost>, build: Build) -> Option<HostKind> {
    let kind = HostKind::of(saved?);
    host_choices(build).iter().any(|c| c.kind == kind).then_some(kind)
}

/// The host to save: the picked choice's, refused when nothing is picked.
pub fn host_to_save(picked: Option<HostKind>, typed_domain: &str) -> Result<LoginHost, LoginHostError> {
    picked.ok_or(LoginHostError::NotChosen)?.host(typed_domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_per_build() {
        use HostKind::*;
        let cases: &[(Build, &[HostKind])] = &[(Build::Store, &[Production, Sandbox, MyDomain]), (Build::Developer, &[Production, Sandbox, MyDomain, Devorg])];
        for (build, want) in cases {
            let kinds: Vec<HostKind> = host_choices(*build).iter().map(|c| c.kind).collect();
            assert_eq!(&kinds, want, "{build:?}");
        }
        // Nothing in the build for real users speaks of this machine.
        for choice in host_choices(Build::Store) {
            let words = format!("{} {:?} {}", choice.title, choice.address, choice.detail).to_ascii_lowercase();
            for never in ["devorg", "127.0.0.1", "localhost", "developer"] {
                assert!(!words.contains(never), "{choice:?} mentions {never}");
            }
        }
        assert_eq!(Build::CURRENT, if cfg!(feature = "store") { Build::Store } else { Build::Developer });
    }

    #[test]
    fn choice_words_name_the_real_addresses() {
        let cases = [
            (HostKind::Production, Some("login.salesforce.com")),
            (HostKind::Sandbox, Some("test.salesforce.com")),
            (HostKind::MyDomain, None),
            (HostKind::Devorg, Some("http://127.0.0.1:8787")),
        ];
        for (kind, address) in cases {
            let choice = host_choices(Build::Developer).iter().find(|c| c.kind == kind).expect("offered");
            assert_eq!(choice.address, address, "{kind:?}");
            // The address shown is where the host really logs in.
            if let (Some(address), Ok(host)) = (address, kind.host("")) {
                assert!(host.origin().ends_with(address), "{kind:?}: {} vs {address}", host.origin());
            }
        }
    }

    #[test]
    fn chosen_from_what_was_saved() {
        let custom = LoginHost::Custom("https://acme.my.salesforce.com".into());
        let cases = [
            (None, Build::Developer, None),
            (None, Build::Store, None),
            (Some(LoginHost::Production), Build::Store, Some(HostKind::Production)),
            (Some(LoginHost::Sandbox), Build::Developer, Some(HostKind::Sandbox)),
            (Some(custom.clone()), Build::Store, Some(HostKind::MyDomain)),
            (Some(LoginHost::Custom("http://127.0.0.1:9999".into())), Build::Developer, Some(HostKind::MyDomain)),
            (Some(LoginHost::Devorg), Build::Developer, Some(HostKind::Devorg)),
            // Saved by a developer build: the build for real users asks again.
            (Some(LoginHost::Devorg), Build::Store, None),
        ];
        for (saved, build, want) in cases {
            assert_eq!(chosen(saved.as_ref(), build), want, "{saved:?} {build:?}");
        }
    }

    #[test]
    fn host_to_save_per_choice() {
        let cases: &[(Option<HostKind>, &str, Result<LoginHost, LoginHostError>)] = &[
            (None, "", Err(LoginHostError::NotChosen)),
            (None, "acme.my.salesforce.com", Err(LoginHostError::NotChosen)),
            (Some(HostKind::Production), "ignored", Ok(LoginHost::Production)),
            (Some(HostKind::Sandbox), "", Ok(LoginHost::Sandbox)),
            (Some(HostKind::Devorg), "", Ok(LoginHost::Devorg)),
            (Some(HostKind::MyDomain), " Acme.my.salesforce.com/home ", Ok(LoginHost::Custom("https://acme.my.salesforce.com".into()))),
            (Some(HostKind::MyDomain), "", Err(LoginHostError::Empty)),
            (Some(HostKind::MyDomain), "http://acme.my.salesforce.com", Err(LoginHostError::InsecureRemote("acme.my.salesforce.com".into()))),
        ];
        for (picked, typed, want) in cases {
            assert_eq!(&host_to_save(*picked, typed), want, "{picked:?} {typed:?}");
        }
    }

    #[test]
    fn values_round_trip_to_the_stored_kind() {
        for choice in host_choices(Build::Developer) {
            let host = choice.kind.host("acme.my.salesforce.com").expect("host");
            assert_eq!(HostKind::of(&host), choice.kind);
            let json = serde_json::to_value(&host).expect("json");
            assert_eq!(json["kind"], choice.kind.value(), "the radio's value is the stored kind");
        }
    }

    #[test]
    fn only_devorg_is_not_salesforce() {
        assert!(HostKind::Production.is_salesforce() && HostKind::MyDomain.is_salesforce() && !HostKind::Devorg.is_salesforce());
    }
}
