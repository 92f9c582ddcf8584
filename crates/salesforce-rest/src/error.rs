//! Error shapes of the dialect (§1).
//!
//! Salesforce answers a failed request with a JSON *array* of
//! `{"message","errorCode","fields"?}` (top level), and a failed record inside
//! a collection with `{"success":false,"errors":[{"statusCode",...}]}`: the
//! same information under a different key, which clients check by name.

use serde::{Deserialize, Serialize};

/// Error codes we emit or react to. Unknown codes from a real org survive as
/// `Other` so nothing is lost when Salesforce adds one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    InvalidSessionId,
    MalformedQuery,
    MalformedId,
    InvalidField,
    InvalidFieldForInsertUpdate,
    InvalidType,
    /// The object does not allow the operation (a read-only sObject such as
    /// TaskStatus): "entity type cannot be inserted: Task Status".
    InvalidTypeForOperation,
    JsonParserError,
    RequiredFieldMissing,
    StringTooLong,
    InvalidOrNullForRestrictedPicklist,
    NumberOutsideValidRange,
    RequestLimitExceeded,
    InsufficientAccess,
    NotFound,
    MethodNotAllowed,
    UnsupportedMediaType,
    AllOrNoneOperationRolledBack,
    ProcessingHalted,
    UnknownException,
    EntityIsDeleted,
    InvalidCrossReferenceKey,
    MissingArgument,
    ExceededIdLimit,
    InvalidInput,
    /// A validation rule of the org refused the record.
    FieldCustomValidationException,
    Other(String),
}

impl ErrorCode {
    const TABLE: [(Self, &'static str); 26] = [
        (Self::InvalidSessionId, "INVALID_SESSION_ID"),
        (Self::MalformedQuery, "MALFORMED_QUERY"),
        (Self::MalformedId, "MALFORMED_ID"),
        (Self::InvalidField, "INVALID_FIELD"),
        (Self::InvalidFieldForInsertUpdate, "INVALID_FIELD_FOR_INSERT_UPDATE"),
        (Self::InvalidType, "INVALID_TYPE"),
        (Self::InvalidTypeForOperation, "INVALID_TYPE_FOR_OPERATION"),
        (Self::JsonParserError, "JSON_PARSER_ERROR"),
        (Self::RequiredFieldMissing, "REQUIRED_FIELD_MISSING"),
        (Self::StringTooLong, "STRING_TOO_LONG"),
        (Self::InvalidOrNullForRestrictedPicklist, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"),
        (Self::NumberOutsideValidRange, "NUMBER_OUTSIDE_VALID_RANGE"),
        (Self::RequestLimitExceeded, "REQUEST_LIMIT_EXCEEDED"),
        (Self::InsufficientAccess, "INSUFFICIENT_ACCESS"),
        (Self::NotFound, "NOT_FOUND"),
        (Self::MethodNotAllowed, "METHOD_NOT_ALLOWED"),
        (Self::UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"),
        (Self::AllOrNoneOperationRolledBack, "ALL_OR_NONE_OPERATION_ROLLED_BACK"),
        (Self::ProcessingHalted, "PROCESSING_HALTED"),
        (Self::UnknownException, "UNKNOWN_EXCEPTION"),
        (Self::EntityIsDeleted, "ENTITY_IS_DELETED"),
        (Self::InvalidCrossReferenceKey, "INVALID_CROSS_REFERENCE_KEY"),
        (Self::MissingArgument, "MISSING_ARGUMENT"),
        (Self::ExceededIdLimit, "EXCEEDED_ID_LIMIT"),
        (Self::InvalidInput, "INVALID_INPUT"),
        (Self::FieldCustomValidationException, "FIELD_CUSTOM_VALIDATION_EXCEPTION"),
    ];

    /// The wire spelling, e.g. `INVALID_SESSION_ID`.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Other(s) => s,
            known => Self::TABLE.iter().find(|(code, _)| code == known).map_or("UNKNOWN_EXCEPTION", |(_, s)| s),
        }
    }

    /// Parses the wire spelling; unknown codes are kept verbatim.
    pub fn parse(s: &str) -> Self {
        Self::TABLE.iter().find(|(_, name)| *name == s).map_or_else(|| Self::Other(s.to_owned()), |(code, _)| code.clone())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(d)?))
    }
}

/// One element of a top-level error array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestError {
    pub message: String,
    #[serde(rename = "errorCode")]
    pub error_code: ErrorCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<String>>,
}

impl RestError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { message: message.into(), error_code: code, fields: None }
    }

    pub fn with_fields(mut self, fields: Vec<String>) -> Self {
        self.fields = Some(fields);
        self
    }
}

/// One error of a per-record save result (key `statusCode`, not `errorCode`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveError {
    #[serde(rename = "statusCode")]
    pub status_code: ErrorCode,
    pub message: String,
    #[serde(default)]
    pub fields: Vec<String>,
}

impl SaveError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { status_code: code, message: message.into(), fields: Vec::new() }
    }
}

/// A top-level error reported for one record of a collection.
impl From<RestError> for SaveError {
    fn from(e: RestError) -> Self {
        Self { status_code: e.error_code, message: e.message, fields: e.fields.unwrap_or_default() }
    }
}

/// The result of saving one record: create, update or delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveResult {
    /// Absent on a failed create; present on updates and deletes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub success: bool,
    #[serde(default)]
    pub errors: Vec<SaveError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for (code, name) in ErrorCode::TABLE {
            assert_eq!(code.as_str(), name);
            assert_eq!(ErrorCode::parse(name), code);
        }
        assert_eq!(ErrorCode::parse("DUPLICATES_DETECTED"), ErrorCode::Other("DUPLICATES_DETECTED".into()), "unknown codes survive");
        assert_eq!(ErrorCode::parse("DUPLICATES_DETECTED").as_str(), "DUPLICATES_DETECTED");
    }

    #[test]
    fn top_level_error_array_matches_salesforce() {
        let body = vec![RestError::new(ErrorCode::InvalidSessionId, "Session expired or invalid")];
        assert_eq!(serde_json::to_string(&body).expect("json"), r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#);
        let parsed: Vec<RestError> =
            serde_json::from_str(r#"[{"message":"Required fields are missing: [LastName]","errorCode":"REQUIRED_FIELD_MISSING","fields":["LastName"]}]"#)
                .expect("parse");
        assert_eq!(parsed[0].fields.as_deref(), Some(&["LastName".to_owned()][..]));
    }

    #[test]
    fn save_result_uses_status_code() {
        let failed =
            SaveResult { id: None, success: false, errors: vec![SaveError { status_code: ErrorCode::MalformedId, message: "bad id".into(), fields: vec![] }] };
        assert_eq!(
            serde_json::to_string(&failed).expect("json"),
            r#"{"success":false,"errors":[{"statusCode":"MALFORMED_ID","message":"bad id","fields":[]}]}"#
        );
    }
}
