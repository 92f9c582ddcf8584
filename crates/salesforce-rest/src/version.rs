//! API versions (dialect §0, §3): `vNN.N` path segments, the range we accept,
//! and the list `GET /services/data` returns.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The oldest and newest versions devorg answers to; clients in the wild use
/// 44.0 (rustforce), 50.0 (jsforce) and 59.0 (simple-salesforce).
pub const OLDEST: ApiVersion = ApiVersion(31);
pub const NEWEST: ApiVersion = ApiVersion(66);
/// The version the extension itself speaks.
pub const PREFERRED: ApiVersion = ApiVersion(62);

/// A major API version; Salesforce only ever uses `.0` minors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApiVersion(pub u16);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionError {
    #[error("'{0}' is not an API version like v62.0")]
    Malformed(String),
    #[error("API version {0} is not supported (use {OLDEST} to {NEWEST})")]
    Unsupported(ApiVersion),
}

impl ApiVersion {
    /// Parses a path segment: `v62.0`, `62.0` or the alias `latest`.
    pub fn parse_segment(segment: &str) -> Result<Self, VersionError> {
        if segment.eq_ignore_ascii_case("latest") {
            return Ok(NEWEST);
        }
        let digits = segment.strip_prefix('v').unwrap_or(segment);
        let major = digits.strip_suffix(".0").and_then(|m| m.parse::<u16>().ok()).ok_or_else(|| VersionError::Malformed(segment.to_owned()))?;
        let version = Self(major);
        if (OLDEST..=NEWEST).contains(&version) { Ok(version) } else { Err(VersionError::Unsupported(version)) }
    }

    /// `/services/data/v62.0`
    pub fn base_path(self) -> String {
        format!("/services/data/v{self}")
    }

    /// The release name Salesforce shows for a version: v62.0 is Winter '25,
    /// three releases a year counting from v20.0 = Winter '11 (Winter comes
    /// first: v21.0 is Spring '11, v23.0 Winter '12).
    pub fn release_label(self) -> String {
        let n = i32::from(self.0) - 20;
        let season = ["Winter", "Spring", "Summer"][n.rem_euclid(3) as usize];
        let year = 11 + n.div_euclid(3);
        format!("{season} '{:02}", year.rem_euclid(100))
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.0", self.0)
    }
}

/// One entry of `GET /services/data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub label: String,
    pub url: String,
    pub version: String,
}

/// What `GET /services/data` returns: every supported version, oldest first.
pub fn all_versions() -> Vec<VersionInfo> {
    (OLDEST.0..=NEWEST.0).map(ApiVersion).map(|v| VersionInfo { label: v.release_label(), url: v.base_path(), version: v.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_segments() {
        let cases = [
            ("v62.0", Ok(ApiVersion(62))),
            ("50.0", Ok(ApiVersion(50))),
            ("latest", Ok(NEWEST)),
            ("v31.0", Ok(OLDEST)),
            ("v30.0", Err(VersionError::Unsupported(ApiVersion(30)))),
            ("v67.0", Err(VersionError::Unsupported(ApiVersion(67)))),
            ("v62", Err(VersionError::Malformed("v62".into()))),
            ("v62.1", Err(VersionError::Malformed("v62.1".into()))),
            ("vx.0", Err(VersionError::Malformed("vx.0".into()))),
            ("", Err(VersionError::Malformed(String::new()))),
        ];
        for (input, want) in cases {
            assert_eq!(ApiVersion::parse_segment(input), want, "{input:?}");
        }
    }

    #[test]
    fn release_labels_match_salesforce() {
        let cases = [(20, "Winter '11"), (21, "Spring '11"), (22, "Summer '11"), (59, "Winter '24"), (62, "Winter '25"), (64, "Summer '25")];
        for (v, label) in cases {
            assert_eq!(ApiVersion(v).release_label(), label, "v{v}");
        }
    }

    #[test]
    fn version_list_is_complete_and_ordered() {
        let all = all_versions();
        assert_eq!(all.first().map(|v| v.url.as_str()), Some("/services/data/v31.0"));
        assert_eq!(all.last().map(|v| v.version.as_str()), Some("66.0"));
        assert_eq!(all.len(), usize::from(NEWEST.0 - OLDEST.0 + 1));
    }
}
