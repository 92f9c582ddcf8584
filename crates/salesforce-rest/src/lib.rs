//! The Salesforce REST dialect as plain data, shared by the extension (which
//! sends requests and parses answers) and devorg (which parses requests and
//! emits answers). Nothing here does I/O, so everything is tested natively.
//!
//! The shapes follow `docs/rest-dialect.md`; each module names the
//! section it implements.

pub mod conditional;
pub mod error;
pub mod field_type;
pub mod id;
pub mod locale;
pub mod rules;
pub mod soql;
pub mod sosl;
pub mod tz;
pub mod version;
pub mod wire;

pub use error::{ErrorCode, RestError, SaveError, SaveResult};
pub use field_type::FieldType;
pub use id::{IdError, SfId};
pub use version::{ApiVersion, VersionError, VersionInfo};
pub use wire::{
    CompactLayout, CompactLayouts, CompositeRequest, CompositeResponse, DescribeGlobal, FieldDescribe, GlobalSObject, Identity, OAuthError, QueryResponse,
    Record, SObjectDescribe, TokenResponse, UserInfo,
};
