//! The org's describes (describeGlobal, an object's describe, its compact
//! layouts), kept for the browser session in `chrome.storage.session` so
//! that a side panel or Workspace tab opened again does not ask the org for
//! them again: each page kept them only for its own life, so every panel
//! opened cost three describes before its first insight, every Workspace tab
//! the object list and a describe before its first query.
//!
//! An answer is kept as the org sent it (its JSON text, read again the same
//! way) with when it was read, per user (`settings::keys::describe_cache`),
//! and trusted for [`FRESH_MILLIS`]: a field an admin adds or hides shows
//! within the hour, as a page opened meanwhile always saw it at once. A
//! clock set back counts as stale. Nothing sensitive is kept (describes are
//! metadata), and `storage.session` is gone when the browser closes.

use serde::{Deserialize, Serialize};

/// How long a kept describe is trusted.
pub const FRESH_MILLIS: i64 = 60 * 60 * 1000;

/// One kept answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Kept {
    /// When it was read (unix millis).
    pub read_at: i64,
    /// The answer's body, as the org sent it.
    pub body: String,
}

impl Kept {
    /// Read less than [`FRESH_MILLIS`] before `now_millis`.
    pub fn is_fresh(&self, now_millis: i64) -> bool {
        (0..FRESH_MILLIS).contains(&(now_millis - self.read_at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_describe_is_trusted_for_an_hour() {
        let kept = Kept { read_at: 1_000_000, body: "{}".into() };
        let cases: &[(&str, i64, bool)] = &[
            ("just read", 1_000_000, true),
            ("59 minutes on", 1_000_000 + FRESH_MILLIS - 60_000, true),
            ("an hour on", 1_000_000 + FRESH_MILLIS, false),
            ("a clock set back", 999_999, false),
        ];
        for (case, now, fresh) in cases {
            assert_eq!(kept.is_fresh(*now), *fresh, "{case}");
        }
    }
}
