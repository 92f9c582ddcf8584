//! A field's type (describe's `type`): the one enum the extension, its logic
//! crate and devorg share. Its spelling is describe's (`multipicklist`,
//! `anyType`, `encryptedstring`); a type this list lacks has none here, and
//! each reader says what it does with one: the wire keeps the recorded
//! spelling ([`crate::wire::field::DescribeType`]), devorg stores it as
//! `AnyType`, the editors do not edit it.
//!
//! The list is the types Sidecar and devorg have rules for: a subset of
//! Salesforce's field types ("DisplayType Enum", Apex Reference Guide,
//! developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_enum_Schema_DisplayType.htm),
//! which also has `complexvalue`, `datacategorygroupreference`, `json`,
//! `floatarray` and more that arrive as unknown here.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// describe's `type`, for the types Sidecar and devorg know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    Id,
    String,
    Phone,
    Email,
    Url,
    Boolean,
    Currency,
    Int,
    Long,
    Double,
    Percent,
    Date,
    Datetime,
    Time,
    Reference,
    Picklist,
    Multipicklist,
    Textarea,
    Combobox,
    /// Compound fields (`BillingAddress`, a geolocation): read-only, made of
    /// their component fields (`compoundFieldName` in describe).
    Address,
    Location,
    Base64,
    EncryptedString,
    AnyType,
}

impl FieldType {
    /// Every type, in describe's spelling.
    pub const ALL: [(Self, &'static str); 24] = [
        (Self::Id, "id"),
        (Self::String, "string"),
        (Self::Phone, "phone"),
        (Self::Email, "email"),
        (Self::Url, "url"),
        (Self::Boolean, "boolean"),
        (Self::Currency, "currency"),
        (Self::Int, "int"),
        (Self::Long, "long"),
        (Self::Double, "double"),
        (Self::Percent, "percent"),
        (Self::Date, "date"),
        (Self::Datetime, "datetime"),
        (Self::Time, "time"),
        (Self::Reference, "reference"),
        (Self::Picklist, "picklist"),
        (Self::Multipicklist, "multipicklist"),
        (Self::Textarea, "textarea"),
        (Self::Combobox, "combobox"),
        (Self::Address, "address"),
        (Self::Location, "location"),
        (Self::Base64, "base64"),
        (Self::EncryptedString, "encryptedstring"),
        (Self::AnyType, "anyType"),
    ];

    /// describe's spelling, e.g. `multipicklist`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::String => "string",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Url => "url",
            Self::Boolean => "boolean",
            Self::Currency => "currency",
            Self::Int => "int",
            Self::Long => "long",
            Self::Double => "double",
            Self::Percent => "percent",
            Self::Date => "date",
            Self::Datetime => "datetime",
            Self::Time => "time",
            Self::Reference => "reference",
            Self::Picklist => "picklist",
            Self::Multipicklist => "multipicklist",
            Self::Textarea => "textarea",
            Self::Combobox => "combobox",
            Self::Address => "address",
            Self::Location => "location",
            Self::Base64 => "base64",
            Self::EncryptedString => "encryptedstring",
            Self::AnyType => "anyType",
        }
    }

    /// Reads describe's spelling; `None` for a type not in the list
    /// (`json`, `complexvalue`, `datacategorygroupreference`, a newer one).
    pub fn from_describe(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, s)| *s == name).map(|(t, _)| *t)
    }

    /// describe's `soapType` of a field of this type.
    pub fn soap_type(self) -> &'static str {
        match self {
            Self::Id | Self::Reference => "tns:ID",
            Self::Boolean => "xsd:boolean",
            Self::Currency | Self::Double | Self::Percent => "xsd:double",
            Self::Int => "xsd:int",
            Self::Long => "xsd:long",
            Self::Date => "xsd:date",
            Self::Time => "xsd:time",
            Self::Base64 => "xsd:base64Binary",
            Self::Address => "urn:address",
            Self::Location => "urn:location",
            Self::AnyType => "xsd:anyType",
            Self::Datetime => "xsd:dateTime",
            _ => "xsd:string",
        }
    }

    /// Values are JSON numbers.
    pub fn is_number(self) -> bool {
        matches!(self, Self::Currency | Self::Int | Self::Long | Self::Double | Self::Percent)
    }

    /// Text-like types: values are strings limited by the field's `length`.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Self::String
                | Self::Phone
                | Self::Email
                | Self::Url
                | Self::Textarea
                | Self::Combobox
                | Self::Picklist
                | Self::Multipicklist
                | Self::EncryptedString
        )
    }

    /// A compound field, whose value is an object made of other fields.
    pub fn is_compound(self) -> bool {
        matches!(self, Self::Address | Self::Location)
    }
}

impl std::fmt::Display for FieldType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FieldType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Strict: a type not in the list is an error (devorg's own declarations
/// use it). A describe is read leniently through `DescribeType`.
impl<'de> Deserialize<'de> for FieldType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Self::from_describe(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown field type `{name}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::FieldType;

    #[test]
    fn every_type_reads_back_from_its_spelling() {
        for (ty, name) in FieldType::ALL {
            assert_eq!(ty.as_str(), name);
            assert_eq!(FieldType::from_describe(name), Some(ty));
            assert_eq!(serde_json::to_value(ty).expect("json"), name);
            assert_eq!(serde_json::from_value::<FieldType>(name.into()).expect("type"), ty);
        }
        assert_eq!(FieldType::from_describe("json"), None);
        assert_eq!(FieldType::from_describe("AnyType"), None, "describe's spelling is case-sensitive");
        assert!(serde_json::from_value::<FieldType>("complexvalue".into()).is_err());
    }
}
