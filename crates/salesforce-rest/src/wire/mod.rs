//! Typed request and response bodies of the REST dialect: the one wire format
//! the extension's client parses and devorg emits (architecture rule "One
//! wire format").
//!
//! Every shape is lenient the way a client must be against real orgs, whose
//! answers vary by API version and edition: unknown keys are ignored, missing
//! keys take their default, and `null` where a boolean, number or list is
//! expected reads as the default too. Serializing writes every key the
//! dialect defines, in Salesforce's order, so devorg's answers re-serialize
//! to themselves (crates/devorg/tests/wire.rs checks it for every endpoint).
//!
//! - [`describe`]: describeGlobal, describe, versions, the resource directory (§3).
//! - [`field`]: one field's describe, its type and picklist values (§3).
//! - [`layout`]: compact layouts (§3).
//! - [`record`]: records and query answers (§5, §6).
//! - [`composite`]: sObject Collections and Composite (§4).
//! - [`oauth`]: token, userinfo and identity answers (§2).
//! - [`limits`]: `/limits` and the `Sforce-Limit-Info` header (§0, §3).

pub mod composite;
pub mod describe;
pub mod field;
pub mod layout;
pub mod limits;
pub mod oauth;
pub mod record;

pub use composite::{CollectionRequest, CollectionRetrieveRequest, CompositeRequest, CompositeResponse, CompositeSubrequest, CompositeSubresponse};
pub use describe::{ChildRelationship, DescribeGlobal, GlobalSObject, RecordTypeInfo, ResourceDirectory, SObjectDescribe, ScopeInfo};
pub use field::{DescribeType, FieldDescribe, FieldType, PicklistValue};
pub use layout::{CompactLayout, CompactLayouts, CompactLayoutsByObject, LayoutComponent, LayoutItem, RecordTypeCompactLayoutMapping};
pub use limits::{ApiUsage, Limit, Limits};
pub use oauth::{Identity, IdentityStatus, OAuthError, Photos, TokenResponse, UserInfo};
pub use record::{Attributes, QueryResponse, Record};

pub use crate::sosl::SearchResponse;
pub use crate::version::VersionInfo;

use serde::{Deserialize, Deserializer};

/// `null` reads as the default: real orgs send `null` for some booleans and
/// lists that devorg always fills (e.g. `listviewable`, `referenceTo`).
pub(crate) fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests;
