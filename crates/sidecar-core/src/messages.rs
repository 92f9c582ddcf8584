//! What the service worker and the extension pages (side panel, Workspace,
//! options) tell each other over `chrome.runtime.sendMessage`: one tagged
//! enum, so every sender and listener agrees on the shape, plus the names and
//! periods of the worker's alarms.
//!
//! The wire form is JSON with a `type` tag, e.g. `{"type":"refresh","reason":"alarm"}`.
//! Decoding is version-tolerant: after an update, an old page and a new
//! worker (or the reverse) may briefly run side by side, so a message type
//! one side does not know is ignored ([`Message::decode`] gives `None`)
//! rather than treated as an error, and unknown extra fields are skipped.

use serde::{Deserialize, Serialize};

/// A message between the service worker and the extension pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Message {
    /// Pages reload their data quietly (keeping what they show meanwhile).
    Refresh { reason: RefreshReason },
    /// The user signed out (options page): pages drop their data and show the login prompt.
    SignedOut,
    /// A login or token refresh stored a new session: pages re-read it from storage.
    SessionChanged,
    /// A setting in `chrome.storage.local` changed (login host, client id,
    /// privacy): pages and the worker re-read the settings they use.
    SettingsChanged,
    /// The worker found Sidecar off for the user at a poll (the org's switch,
    /// `settings::org_switch`): pages stop and show `message` instead of
    /// refreshing their records.
    TurnedOff { message: String },
    /// The worker's My Feed poll stored what it found (`feed::store`): an
    /// open feed reads it from storage instead of asking the org again.
    FeedPolled,
    /// The user clicked a desktop notification of My Feed (the worker):
    /// the panel opens that record on Home.
    OpenRecord { object: String, id: String },
}

/// Why a [`Message::Refresh`] was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RefreshReason {
    /// The periodic background alarm ([`REFRESH_ALARM`]) fired.
    Alarm,
    /// The user asked for it.
    User,
    /// A reason added by a newer version: still a refresh.
    #[serde(other)]
    Other,
}

impl Message {
    /// Reads a received message; `None` for anything that is not a message
    /// this version knows (another sender's shape, a newer message type).
    pub fn decode(value: serde_json::Value) -> Option<Self> {
        serde_json::from_value(value).ok()
    }

    /// The JSON sent over `chrome.runtime.sendMessage`.
    pub fn encode(&self) -> serde_json::Value {
        // A derive over unit/struct variants with plain fields cannot fail to serialize.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// The name of the service worker's background-refresh alarm.
pub const REFRESH_ALARM: &str = "sidecar-refresh";

/// Background refresh period when no setting says otherwise.
pub const DEFAULT_REFRESH_MINUTES: u32 = 5;

/// Bounds for a configured refresh period: Chrome does not fire alarms more
/// often than every 30 seconds, and more than an hour is no longer "background refresh".
pub const MIN_REFRESH_MINUTES: u32 = 1;
pub const MAX_REFRESH_MINUTES: u32 = 60;

/// The refresh period to schedule for an optional user setting, clamped to
/// the supported range.
pub fn refresh_period_minutes(setting: Option<u32>) -> u32 {
    setting.unwrap_or(DEFAULT_REFRESH_MINUTES).clamp(MIN_REFRESH_MINUTES, MAX_REFRESH_MINUTES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wire_form_round_trips() {
        let cases = [
            (Message::Refresh { reason: RefreshReason::Alarm }, json!({"type": "refresh", "reason": "alarm"})),
            (Message::Refresh { reason: RefreshReason::User }, json!({"type": "refresh", "reason": "user"})),
            (Message::SignedOut, json!({"type": "signedOut"})),
            (Message::SessionChanged, json!({"type": "sessionChanged"})),
            (Message::SettingsChanged, json!({"type": "settingsChanged"})),
            (Message::TurnedOff { message: "Off.".into() }, json!({"type": "turnedOff", "message": "Off."})),
        ];
        for (message, wire) in cases {
            assert_eq!(message.encode(), wire, "{message:?}");
            assert_eq!(Message::decode(wire.clone()), Some(message), "{wire}");
        }
    }

    #[test]
    fn decoding_tolerates_other_versions_and_senders() {
        let cases = [
            // A newer message type: ignored.
            (json!({"type": "somethingNew", "x": 1}), None),
            // Not a Sidecar message at all.
            (json!("hello"), None),
            (json!({"greeting": "hi"}), None),
            (json!(null), None),
            // Wrong case: types are exact.
            (json!({"type": "SignedOut"}), None),
            // Missing a required field.
            (json!({"type": "refresh"}), None),
            // Extra fields from a newer version: skipped.
            (json!({"type": "signedOut", "at": 123}), Some(Message::SignedOut)),
            // A newer refresh reason: still a refresh.
            (json!({"type": "refresh", "reason": "push"}), Some(Message::Refresh { reason: RefreshReason::Other })),
        ];
        for (wire, want) in cases {
            assert_eq!(Message::decode(wire.clone()), want, "{wire}");
        }
    }

    #[test]
    fn refresh_period_is_clamped() {
        let cases = [(None, 5), (Some(0), 1), (Some(1), 1), (Some(15), 15), (Some(60), 60), (Some(1_000), 60)];
        for (setting, want) in cases {
            assert_eq!(refresh_period_minutes(setting), want, "{setting:?}");
        }
    }
}
