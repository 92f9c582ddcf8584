//! Real-looking CRM answers -> [`ApiError`], messages, and retry timing.

use salesforce_rest::{ErrorCode, SaveError};

use super::*;

fn validation(top: &[&str], by_field: &[(&str, &str)]) -> ApiError {
    ApiError::Validation {
        top: top.iter().map(|s| (*s).to_owned()).collect(),
        by_field: by_field.iter().map(|(f, m)| ((*f).to_owned(), (*m).to_owned())).collect(),
    }
}

const BAD_GATEWAY: &str = r#"<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"#;

#[test]
fn responses_table() {
    let cases: Vec<(u16, &str, ApiError)> = vec![
        (NO_RESPONSE, "", ApiError::Offline),
        (401, r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#, ApiError::SessionExpired),
        (401, "", ApiError::SessionExpired),
        (400, r#"{"error":"invalid_grant","error_description":"expired access/refresh token"}"#, ApiError::SessionExpired),
        (
            403,
            r#"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#,
            ApiError::LimitExceeded { retry_after_seconds: None, daily: true },
        ),
        (
            403,
            r#"[{"message":"ConcurrentPerOrgLongTxn Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#,
            ApiError::LimitExceeded { retry_after_seconds: None, daily: false },
        ),
        (429, "", ApiError::LimitExceeded { retry_after_seconds: None, daily: false }),
        (
            400,
            r#"[{"message":"insufficient access rights on object id","errorCode":"INSUFFICIENT_ACCESS_OR_READONLY","fields":[]}]"#,
            ApiError::NoAccess { message: "insufficient access rights on object id".into() },
        ),
        (
            403,
            r#"[{"message":"The REST API is not enabled for this Organization.","errorCode":"API_DISABLED_FOR_ORG"}]"#,
            ApiError::NoAccess { message: "The REST API is not enabled for this Organization.".into() },
        ),
        (403, "", ApiError::NoAccess { message: String::new() }),
        (404, r#"[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]"#, ApiError::NotFound),
        (404, "", ApiError::NotFound),
        // A conditional update that found the record changed (dialect §4; devorg answers with no body).
        (412, "", ApiError::Modified),
        (400, r#"[{"message":"entity is deleted","errorCode":"ENTITY_IS_DELETED","fields":[]}]"#, ApiError::NotFound),
        (
            400,
            r#"[{"message":"Required fields are missing: [LastName, Company]","errorCode":"REQUIRED_FIELD_MISSING","fields":["LastName","Company"]}]"#,
            validation(&[], &[("LastName", "This field is required."), ("Company", "This field is required.")]),
        ),
        (
            400,
            r#"[{"message":"Company: data value too large: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (max length=255)","errorCode":"STRING_TOO_LONG","fields":["Company"]},
                {"message":"Lead Status: bad value for restricted picklist field: Bogus","errorCode":"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST","fields":["Status"]}]"#,
            validation(&[], &[("Company", "Too long: at most 255 characters."), ("Status", "Choose one of the listed values.")]),
        ),
        (
            400,
            r#"[{"message":"Close Date must be in the future","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":["CloseDate"]},
                {"message":"Discounts over 20% need a manager's approval","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":[]}]"#,
            validation(&["Discounts over 20% need a manager's approval"], &[("CloseDate", "Close Date must be in the future")]),
        ),
        (
            400,
            r#"[{"message":"Account ID: id value of incorrect type: 003000000000001AAA","errorCode":"FIELD_INTEGRITY_EXCEPTION","fields":["AccountId"]}]"#,
            validation(&[], &[("AccountId", "Choose an existing record of the right type.")]),
        ),
        (
            400,
            r#"[{"message":"invalid cross reference id","errorCode":"INVALID_CROSS_REFERENCE_KEY","fields":["OwnerId"]}]"#,
            validation(&[], &[("OwnerId", "Choose an existing record of the right type.")]),
        ),
        (
            400,
            r#"[{"message":"Account ID: id value of incorrect type: 001' OR 1=1","errorCode":"MALFORMED_ID","fields":["AccountId"]}]"#,
            validation(&[], &[("AccountId", "This isn't a valid record id.")]),
        ),
        (
            400,
            r#"[{"message":"Cannot deserialize instance of int from VALUE_STRING value many or request may be missing a required field","errorCode":"JSON_PARSER_ERROR","fields":["NumberOfEmployees"]}]"#,
            validation(&[], &[("NumberOfEmployees", "This value has the wrong format for this field.")]),
        ),
        (
            400,
            r#"[{"message":"Employees: value outside of valid range on numeric field: 100000000","errorCode":"NUMBER_OUTSIDE_VALID_RANGE","fields":["NumberOfEmployees"]}]"#,
            validation(&[], &[("NumberOfEmployees", "This number is too large.")]),
        ),
        (
            400,
            r#"[{"message":"Unable to create/update fields: IsConverted. Please check the security settings of this field and verify that it is read/write for your profile or permission set.","errorCode":"INVALID_FIELD_FOR_INSERT_UPDATE","fields":["IsConverted"]}]"#,
            validation(&[], &[("IsConverted", "You can't edit this field.")]),
        ),
        (
            400,
            r#"[{"message":"No such column 'Nope__c' on sobject of type Lead","errorCode":"INVALID_FIELD"}]"#,
            validation(&["No such column 'Nope__c' on sobject of type Lead"], &[]),
        ),
        (
            400,
            r#"[{"message":"Email: invalid email address: not-an-email","errorCode":"INVALID_EMAIL_ADDRESS","fields":["Email"]}]"#,
            validation(&[], &[("Email", "This isn't a valid email address.")]),
        ),
        (
            400,
            r#"[{"message":"\nSELECT Nme FROM Lead\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nme' on entity 'Lead'.","errorCode":"MALFORMED_QUERY"}]"#,
            ApiError::Unexpected("MALFORMED_QUERY: \nSELECT Nme FROM Lead\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nme' on entity 'Lead'.".into()),
        ),
        (
            400,
            r#"[{"message":"unable to obtain exclusive access to this record","errorCode":"UNABLE_TO_LOCK_ROW","fields":[]}]"#,
            ApiError::Server { code: "UNABLE_TO_LOCK_ROW".into(), message: "unable to obtain exclusive access to this record".into() },
        ),
        (
            500,
            r#"[{"errorCode":"UNKNOWN_EXCEPTION","message":"An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)"}]"#,
            ApiError::Server {
                code: "UNKNOWN_EXCEPTION".into(),
                message: "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)".into(),
            },
        ),
        (502, BAD_GATEWAY, ApiError::Server { code: "HTTP 502".into(), message: "502 Bad Gateway".into() }),
        (503, "Service Unavailable", ApiError::Server { code: "HTTP 503".into(), message: "Service Unavailable".into() }),
        (500, "", ApiError::Server { code: "HTTP 500".into(), message: String::new() }),
        (400, "", ApiError::Unexpected("HTTP 400 with an empty answer".into())),
        (400, "[]", ApiError::Unexpected("HTTP 400: []".into())),
        (418, "I'm a teapot", ApiError::Unexpected("HTTP 418: I'm a teapot".into())),
    ];
    for (status, body, want) in cases {
        assert_eq!(ApiError::from_response(status, body), want, "{status} {body}");
    }
}

#[test]
fn save_errors_of_a_collection_record() {
    let err = |code: ErrorCode, message: &str, fields: &[&str]| SaveError {
        status_code: code,
        message: message.into(),
        fields: fields.iter().map(|f| (*f).to_owned()).collect(),
    };
    let cases: Vec<(Vec<SaveError>, ApiError)> = vec![
        (
            vec![err(ErrorCode::RequiredFieldMissing, "Required fields are missing: [LastName]", &["LastName"])],
            validation(&[], &[("LastName", "This field is required.")]),
        ),
        (
            vec![err(
                ErrorCode::AllOrNoneOperationRolledBack,
                "Record rolled back because not all records were valid and the request was using AllOrNone header",
                &[],
            )],
            validation(&["Not saved because another record in the same save failed."], &[]),
        ),
        (
            vec![err(ErrorCode::FieldCustomValidationException, "Amount can't be negative", &["Amount"])],
            validation(&[], &[("Amount", "Amount can't be negative")]),
        ),
        (vec![err(ErrorCode::EntityIsDeleted, "entity is deleted", &[])], ApiError::NotFound),
        (
            vec![err(ErrorCode::Other("INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY".into()), "insufficient access rights on cross-reference id", &[])],
            ApiError::NoAccess { message: "insufficient access rights on cross-reference id".into() },
        ),
        (vec![], ApiError::Unexpected("the record was not saved and Salesforce gave no reason".into())),
    ];
    for (errors, want) in cases {
        assert_eq!(ApiError::from_save_errors(&errors), want, "{errors:?}");
    }
}

#[test]
fn user_messages() {
    let limit = |s: Option<u64>, daily: bool| ApiError::LimitExceeded { retry_after_seconds: s, daily };
    let cases: Vec<(ApiError, &str)> = vec![
        (ApiError::Offline, "You're offline, or Salesforce can't be reached right now. Try again when you're back online."),
        (ApiError::SessionExpired, "Your Salesforce session expired. Log in again."),
        (limit(Some(1800), true), "Salesforce's daily API limit is reached; try again in 30 minutes."),
        (limit(Some(61), true), "Salesforce's daily API limit is reached; try again in 2 minutes."),
        (limit(Some(5), true), "Salesforce's daily API limit is reached; try again in 1 minute."),
        (limit(None, true), "Salesforce's daily API limit is reached; try again later."),
        (limit(None, false), "Salesforce is handling too many requests from your org; try again later."),
        (ApiError::NoAccess { message: "x".into() }, "You don't have access to this in Salesforce. Ask your Salesforce admin if you need it."),
        (ApiError::NotFound, "This record doesn't exist anymore: it may have been deleted or merged."),
        (validation(&["Discounts over 20% need approval."], &[]), "Couldn't save. Discounts over 20% need approval."),
        (validation(&[], &[("LastName", "This field is required.")]), "Couldn't save. Check the highlighted fields."),
        (ApiError::Server { code: "HTTP 502".into(), message: "502 Bad Gateway".into() }, "Salesforce had a problem (HTTP 502). Try again in a moment."),
        (ApiError::Unexpected("HTTP 400 with an empty answer".into()), "Something unexpected happened talking to Salesforce (HTTP 400 with an empty answer)."),
    ];
    for (error, want) in cases {
        assert_eq!(error.user_message(), want, "{error:?}");
    }
}

#[test]
fn retry_after_header() {
    let limited = ApiError::from_response(403, r#"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#);
    assert_eq!(limited.clone().with_retry_after(Some(" 120 ")), ApiError::LimitExceeded { retry_after_seconds: Some(120), daily: true });
    assert_eq!(limited.clone().with_retry_after(Some("Wed, 21 Oct 2026 07:28:00 GMT")), limited);
    assert_eq!(ApiError::NotFound.with_retry_after(Some("5")), ApiError::NotFound);
}

#[test]
fn backoff_is_exponential_capped_and_jittered() {
    let b = Backoff { base_ms: 1_000, cap_ms: 60_000, max_attempts: 5 };
    let cases: &[(u32, f64, u64)] = &[
        (0, 0.0, 500),
        (0, 1.0, 1_000),
        (1, 0.5, 1_500),
        (3, 0.0, 4_000),
        (6, 1.0, 60_000),
        (6, 0.0, 30_000),
        (200, 0.5, 45_000),
        (0, 7.0, 1_000),
        (0, -1.0, 500),
    ];
    for &(attempt, jitter, want) in cases {
        assert_eq!(b.delay_ms(attempt, jitter), want, "attempt {attempt} jitter {jitter}");
    }
    let server = ApiError::Server { code: "HTTP 503".into(), message: String::new() };
    assert_eq!(b.next_delay_ms(&server, 0, 1.0), Some(1_000));
    assert_eq!(b.next_delay_ms(&server, 5, 1.0), None, "gives up after max_attempts");
    assert_eq!(b.next_delay_ms(&ApiError::Offline, 50, 1.0), Some(60_000), "offline edits wait for the network, forever");
    assert_eq!(b.next_delay_ms(&ApiError::NotFound, 0, 0.0), None);
    assert_eq!(b.next_delay_ms(&validation(&["x"], &[]), 0, 0.0), None);
    assert_eq!(b.next_delay_ms(&ApiError::SessionExpired, 0, 0.0), None);
    let limited = ApiError::LimitExceeded { retry_after_seconds: Some(600), daily: true };
    assert_eq!(b.next_delay_ms(&limited, 0, 0.0), Some(600_000), "the server's wait wins over the cap");
}

#[test]
fn retryable() {
    assert!(ApiError::Offline.is_retryable());
    assert!(ApiError::LimitExceeded { retry_after_seconds: None, daily: false }.is_retryable());
    assert!(ApiError::Server { code: "HTTP 500".into(), message: String::new() }.is_retryable());
    for e in [ApiError::SessionExpired, ApiError::NotFound, ApiError::NoAccess { message: String::new() }, ApiError::Unexpected("x".into())] {
        assert!(!e.is_retryable(), "{e:?}");
    }
}

#[test]
fn unreadable_objects() {
    let cases = [
        (ApiError::NotFound, true),
        (ApiError::NoAccess { message: "insufficient access".into() }, true),
        (ApiError::Offline, false),
        (ApiError::SessionExpired, false),
        (ApiError::LimitExceeded { retry_after_seconds: None, daily: true }, false),
        (ApiError::Server { code: "HTTP 503".into(), message: String::new() }, false),
        (ApiError::Unexpected("x".into()), false),
    ];
    for (e, want) in cases {
        assert_eq!(e.means_unreadable(), want, "{e:?}");
    }
}
