//! What went wrong talking to the CRM, as the extension's REST client reports
//! it: a failed HTTP answer ([`ApiError::from_response`]) or a failed record
//! of a collection save ([`ApiError::from_save_errors`]) becomes one
//! [`ApiError`] with a plain-words [`ApiError::user_message`], validation
//! problems attached to the fields they concern, and a [`Backoff`] that says
//! when to try again.
//!
//! Salesforce answers errors with `[{"message","errorCode","fields"?}]`
//! (dialect §1); gateways in front of it answer HTML or nothing at all, so
//! the status code decides when the body says nothing useful.

use salesforce_rest::{RestError, SaveError};
use serde_json::Value as Json;

/// Status the client passes when the request never got an answer (fetch
/// rejected, `navigator.onLine` false).
pub const NO_RESPONSE: u16 = 0;

/// A failed CRM call, by what the user can do about it. Displays as
/// [`ApiError::user_message`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.user_message())]
pub enum ApiError {
    /// No answer: the network is down or the org unreachable.
    Offline,
    /// The access token expired or was revoked; the user must log in again.
    SessionExpired,
    /// The user's profile does not allow this (`message` is Salesforce's).
    NoAccess { message: String },
    /// The org's API limits are used up. `daily`: the 24-hour request
    /// allowance, rather than too many requests at once.
    LimitExceeded { retry_after_seconds: Option<u64>, daily: bool },
    /// The record does not exist (deleted, merged, or a wrong id).
    NotFound,
    /// A conditional update (`If-Unmodified-Since`) found the record changed
    /// since it was read: `412 Precondition Failed`, nothing saved.
    Modified,
    /// The save was refused: `top` for the record, `by_field` as
    /// (field API name, message) for the editors.
    Validation { top: Vec<String>, by_field: Vec<(String, String)> },
    /// Salesforce (or a gateway before it) failed; trying again may work.
    Server { code: String, message: String },
    /// An answer the client did not expect: most likely a bug of ours.
    Unexpected(String),
}

/// Codes that mean our request was wrong, not the user's data.
const CLIENT_BUG_CODES: [&str; 8] = [
    "MALFORMED_QUERY",
    "INVALID_TYPE",
    "METHOD_NOT_ALLOWED",
    "UNSUPPORTED_MEDIA_TYPE",
    "MISSING_ARGUMENT",
    "INVALID_QUERY_LOCATOR",
    "EXCEEDED_ID_LIMIT",
    "API_CURRENTLY_DISABLED",
];

/// Codes of transient trouble on Salesforce's side, whatever the status.
const TRANSIENT_CODES: [&str; 4] = ["SERVER_UNAVAILABLE", "UNABLE_TO_LOCK_ROW", "UNKNOWN_EXCEPTION", "REQUEST_RUNNING_TOO_LONG"];

impl ApiError {
    /// Classifies a failed answer: its HTTP status and raw body (JSON error
    /// array, an OAuth error object, HTML from a gateway, or nothing).
    pub fn from_response(status: u16, body: &str) -> Self {
        if status == NO_RESPONSE {
            return Self::Offline;
        }
        let json: Option<Json> = serde_json::from_str(body).ok();
        let errors: Vec<RestError> = match &json {
            Some(Json::Array(items)) => items.iter().filter_map(|item| serde_json::from_value(item.clone()).ok()).collect(),
            Some(Json::Object(map)) => {
                // OAuth endpoints: {"error":"invalid_grant","error_description":"expired access/refresh token"}.
                if let Some(code) = map.get("error").and_then(Json::as_str) {
                    if matches!(code, "invalid_grant" | "invalid_token" | "invalid_client") || status == 401 {
                        return Self::SessionExpired;
                    }
                }
                serde_json::from_value(Json::Object(map.clone())).map(|e| vec![e]).unwrap_or_default()
            }
            _ => Vec::new(),
        };
        if errors.is_empty() {
            return Self::from_status(status, body);
        }
        Self::classify(status, errors)
    }

    /// Classifies the errors of one failed record of a collection save.
    pub fn from_save_errors(errors: &[SaveError]) -> Self {
        if errors.is_empty() {
            return Self::Unexpected("the record was not saved and Salesforce gave no reason".into());
        }
        let errors = errors.iter().map(|e| RestError::new(e.status_code.clone(), e.message.clone()).with_fields(e.fields.clone())).collect();
        Self::classify(400, errors)
    }

    /// Sets the wait a `Retry-After` header asked for (seconds), if any.
    pub fn with_retry_after(mut self, header: Option<&str>) -> Self {
        if let Self::LimitExceeded { retry_after_seconds, .. } = &mut self {
            if let Some(seconds) = header.and_then(|h| h.trim().parse::<u64>().ok()) {
                *retry_after_seconds = Some(seconds);
            }
        }
        self
    }

    fn from_status(status: u16, body: &str) -> Self {
        match status {
            401 => Self::SessionExpired,
            403 => Self::NoAccess { message: String::new() },
            404 => Self::NotFound,
            412 => Self::Modified,
            429 => Self::LimitExceeded { retry_after_seconds: None, daily: false },
            500..=599 => Self::Server { code: format!("HTTP {status}"), message: summary(body) },
            _ if body.trim().is_empty() => Self::Unexpected(format!("HTTP {status} with an empty answer")),
            _ => Self::Unexpected(format!("HTTP {status}: {}", summary(body))),
        }
    }

    /// The most actionable error wins: a dead session or a spent limit makes
    /// field errors moot.
    fn classify(status: u16, errors: Vec<RestError>) -> Self {
        let has = |pred: &dyn Fn(&str) -> bool| errors.iter().find(|e| pred(e.error_code.as_str()));
        if has(&|c| c == "INVALID_SESSION_ID").is_some() || status == 401 {
            return Self::SessionExpired;
        }
        if status == 412 {
            return Self::Modified;
        }
        if let Some(e) = has(&|c| c == "REQUEST_LIMIT_EXCEEDED") {
            return Self::LimitExceeded { retry_after_seconds: None, daily: e.message.contains("TotalRequests") };
        }
        if let Some(e) = has(&|c| c.starts_with("INSUFFICIENT_ACCESS") || c == "INSUFFICIENT_PRIVILEGES") {
            return Self::NoAccess { message: e.message.clone() };
        }
        if status == 403 && has(&|c| !c.starts_with("FIELD_") && !c.contains("VALIDATION")).is_some() {
            return Self::NoAccess { message: errors[0].message.clone() };
        }
        if has(&|c| c == "NOT_FOUND" || c == "ENTITY_IS_DELETED").is_some() || status == 404 {
            return Self::NotFound;
        }
        if let Some(e) = has(&|c| TRANSIENT_CODES.contains(&c)) {
            return Self::Server { code: e.error_code.as_str().to_owned(), message: e.message.clone() };
        }
        if status >= 500 {
            return Self::Server { code: errors[0].error_code.as_str().to_owned(), message: errors[0].message.clone() };
        }
        if let Some(e) = has(&|c| CLIENT_BUG_CODES.contains(&c)) {
            return Self::Unexpected(format!("{}: {}", e.error_code.as_str(), e.message));
        }
        let mut top = Vec::new();
        let mut by_field = Vec::new();
        for e in errors {
            let fields = e.fields.clone().unwrap_or_default();
            if fields.is_empty() {
                top.push(top_message(&e));
            } else {
                let message = field_message(&e);
                by_field.extend(fields.into_iter().map(|f| (f, message.clone())));
            }
        }
        Self::Validation { top, by_field }
    }

    /// What to tell the user, in plain words.
    pub fn user_message(&self) -> String {
        match self {
            Self::Offline => "You're offline, or Salesforce can't be reached right now. Try again when you're back online.".into(),
            Self::SessionExpired => "Your Salesforce session expired. Log in again.".into(),
            Self::NoAccess { .. } => "You don't have access to this in Salesforce. Ask your Salesforce admin if you need it.".into(),
            Self::LimitExceeded { retry_after_seconds, daily } => {
                let what = if *daily { "Salesforce's daily API limit is reached" } else { "Salesforce is handling too many requests from your org" };
                match retry_after_seconds {
                    Some(seconds) => {
                        let minutes = seconds.div_ceil(60).max(1);
                        format!("{what}; try again in {minutes} minute{}.", if minutes == 1 { "" } else { "s" })
                    }
                    None => format!("{what}; try again later."),
                }
            }
            Self::NotFound => "This record doesn't exist anymore: it may have been deleted or merged.".into(),
            Self::Modified => "Someone else changed this record after you opened it; nothing was overwritten.".into(),
            Self::Validation { top, by_field } => {
                let mut parts = vec!["Couldn't save.".to_owned()];
                parts.extend(top.iter().cloned());
                if !by_field.is_empty() {
                    parts.push("Check the highlighted fields.".into());
                }
                parts.join(" ")
            }
            Self::Server { code, .. } => format!("Salesforce had a problem ({code}). Try again in a moment."),
            Self::Unexpected(detail) => format!("Something unexpected happened talking to Salesforce ({detail})."),
        }
    }

    /// Whether trying the same request again later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Offline | Self::LimitExceeded { .. } | Self::Server { .. })
    }

    /// Whether a describe that failed so says the user cannot read the
    /// object (404, or 403 for their profile): the object is left out of
    /// what is asked of the org. Anything else (offline, an expired
    /// session, a server error) is the caller's failure to say.
    pub fn means_unreadable(&self) -> bool {
        matches!(self, Self::NotFound | Self::NoAccess { .. })
    }
}

/// The message shown under a field, in plain words where Salesforce's is
/// technical; admins' validation-rule messages are kept as written.
fn field_message(e: &RestError) -> String {
    match e.error_code.as_str() {
        "REQUIRED_FIELD_MISSING" => "This field is required.".into(),
        "STRING_TOO_LONG" => match max_length(&e.message) {
            Some(max) => format!("Too long: at most {max} characters."),
            None => "This is too long.".into(),
        },
        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST" => "Choose one of the listed values.".into(),
        "NUMBER_OUTSIDE_VALID_RANGE" => "This number is too large.".into(),
        "MALFORMED_ID" => "This isn't a valid record id.".into(),
        "INVALID_CROSS_REFERENCE_KEY" | "FIELD_INTEGRITY_EXCEPTION" => "Choose an existing record of the right type.".into(),
        "INVALID_EMAIL_ADDRESS" => "This isn't a valid email address.".into(),
        "JSON_PARSER_ERROR" => "This value has the wrong format for this field.".into(),
        "INVALID_FIELD_FOR_INSERT_UPDATE" => "You can't edit this field.".into(),
        c if c.starts_with("INVALID_FIELD") => "This field isn't available.".into(),
        _ => e.message.clone(),
    }
}

fn top_message(e: &RestError) -> String {
    match e.error_code.as_str() {
        "ALL_OR_NONE_OPERATION_ROLLED_BACK" | "PROCESSING_HALTED" => "Not saved because another record in the same save failed.".into(),
        _ => e.message.clone(),
    }
}

/// `Company: data value too large: xxx... (max length=255)` -> 255.
fn max_length(message: &str) -> Option<u32> {
    let rest = &message[message.find("max length=")? + "max length=".len()..];
    rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// A short description of a non-JSON body: an HTML page's title, else its
/// first words.
fn summary(body: &str) -> String {
    let lower = body.to_ascii_lowercase();
    if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>")) {
        if start + 7 <= end {
            return body[start + 7..end].trim().to_owned();
        }
    }
    let words: Vec<&str> = body.split_whitespace().collect();
    let text = words.join(" ");
    if text.chars().count() > 120 { format!("{}…", text.chars().take(120).collect::<String>()) } else { text }
}

/// Exponential backoff with a cap and caller-supplied jitter, so retries of
/// many queued edits spread out and tests are deterministic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Wait before the first retry (before jitter).
    pub base_ms: u64,
    /// Longest wait between two tries.
    pub cap_ms: u64,
    /// Retries before giving up; being offline never gives up (edits are
    /// never lost, they wait for the network).
    pub max_attempts: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Self { base_ms: 1_000, cap_ms: 300_000, max_attempts: 8 }
    }
}

impl Backoff {
    /// The wait before retry number `attempt` (0-based). `jitter` in 0..=1
    /// (e.g. `Math.random()`) picks within the upper half of the window, so
    /// a wait is never shorter than half its step.
    pub fn delay_ms(&self, attempt: u32, jitter: f64) -> u64 {
        let step = self.base_ms.saturating_mul(1u64 << attempt.min(40)).min(self.cap_ms);
        let half = step / 2;
        half + (half as f64 * jitter.clamp(0.0, 1.0)).round() as u64
    }

    /// When to retry after `error`, or `None` to stop and show it.
    pub fn next_delay_ms(&self, error: &ApiError, attempt: u32, jitter: f64) -> Option<u64> {
        if !error.is_retryable() || (attempt >= self.max_attempts && *error != ApiError::Offline) {
            return None;
        }
        let delay = self.delay_ms(attempt, jitter);
        Some(match error {
            // The server's own wait wins, even past the cap.
            ApiError::LimitExceeded { retry_after_seconds: Some(s), .. } => delay.max(s.saturating_mul(1000)),
            _ => delay,
        })
    }
}

#[cfg(test)]
mod tests;
