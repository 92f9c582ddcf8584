//! Field values of the product's fifteen field types: what a user types in an
//! editor ([`parse`]), what the REST body carries ([`to_json`] /
//! [`from_json`]), what the panel shows ([`format`]) and what an editor input
//! starts with ([`edit_text`], which [`parse`] reads back to the same value).
//!
//! The accept/reject rules mirror devorg's server-side validation
//! (`crates/devorg/src/records/encode.rs`): same length, digit and range
//! limits, same email rule, numbers rounded to the field's scale (Salesforce
//! rounds rather than refuses), multi-select values in declared order without
//! duplicates, empty text meaning null. A value the client accepts is thus
//! not refused by the server for a reason the client could have known.
//!
//! [`FieldSpec`] is a plain struct so it can be built from describe metadata.

mod display;
mod error;
mod link;
mod money;
mod number;
mod parse;
mod time;

#[cfg(test)]
mod locale_tests;
#[cfg(test)]
mod tests;

pub use display::{edit_text, format, format_in, from_json, to_json};
pub use error::{FieldError, Problem};
pub use link::link_href;
pub use money::amount_text;
pub use parse::{parse, parse_in};
pub(crate) use time::local_to_utc;
pub use time::{day_and_month, example_date, example_date_time, format_date};

use std::rc::Rc;

use salesforce_rest::SfId;
use salesforce_rest::locale::Locale;
use salesforce_rest::soql::{Date, DateTime};

pub use salesforce_rest::FieldType;

use crate::currency::Rates;

/// The field types Sidecar edits. Any other type (ids, compound
/// address/location, base64, ...) is shown but never reaches an editor
/// ([`crate::records::editor_type`]); the editors read it as text.
pub const EDITABLE: [FieldType; 15] = [
    FieldType::String,
    FieldType::Phone,
    FieldType::Email,
    FieldType::Url,
    FieldType::Boolean,
    FieldType::Currency,
    FieldType::Int,
    FieldType::Double,
    FieldType::Percent,
    FieldType::Date,
    FieldType::Datetime,
    FieldType::Reference,
    FieldType::Picklist,
    FieldType::Multipicklist,
    FieldType::Textarea,
];

/// One value of a picklist (describe's `picklistValues[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PicklistOption {
    pub value: String,
    pub label: String,
    pub active: bool,
}

/// An object a lookup may point at, with its id key prefix (`001` = Account).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceTarget {
    pub object: String,
    pub key_prefix: String,
}

/// What the editors need to know about a field; describe metadata maps onto it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// API name (`LastName`): server errors name fields by it.
    pub name: String,
    /// What users see (`Last Name`): every message names the field by it.
    pub label: String,
    pub ty: FieldType,
    /// Maximum characters of text types; 0 means no limit known.
    pub length: u32,
    /// Total digits of currency/double/percent.
    pub precision: u32,
    /// Digits after the decimal point of currency/double/percent.
    pub scale: u32,
    /// Digits of an int.
    pub digits: u32,
    /// Empty is refused (describe: not nillable, no default, createable).
    pub required: bool,
    /// Only the listed active values are allowed.
    pub restricted: bool,
    pub picklist: Vec<PicklistOption>,
    /// Lookup targets; empty means any object.
    pub reference_to: Vec<ReferenceTarget>,
}

impl FieldSpec {
    /// A spec with no limits, for building others with struct update syntax.
    pub fn new(name: &str, label: &str, ty: FieldType) -> Self {
        Self {
            name: name.to_owned(),
            label: label.to_owned(),
            ty,
            length: 0,
            precision: 18,
            scale: 0,
            digits: 9,
            required: false,
            restricted: false,
            picklist: Vec::new(),
            reference_to: Vec::new(),
        }
    }

    /// The label of a picklist value, or the value itself when unknown.
    pub fn picklist_label<'a>(&'a self, value: &'a str) -> &'a str {
        self.picklist.iter().find(|o| o.value == value).map_or(value, |o| o.label.as_str())
    }
}

/// A typed field value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Null,
    /// string, phone, email, url, picklist and textarea values.
    Text(String),
    Bool(bool),
    /// currency, int, double and percent (percent as typed: 12.5 means 12.5%).
    Number(f64),
    Date(Date),
    /// Always held in UTC (offset 0), so equal instants compare equal.
    DateTime(DateTime),
    Id(SfId),
    /// Selected values in the picklist's declared order.
    Multi(Vec<String>),
}

/// The user's formats and currency: what parsing and display depend on.
#[derive(Debug, Clone, PartialEq)]
pub struct EditContext {
    /// `User.TimeZoneSidKey`; unknown zones behave as UTC.
    pub time_zone: String,
    /// `User.LocaleSidKey`'s formats: separators, date order, clock.
    pub locale: &'static Locale,
    /// The user's currency (ISO 4217): amounts with no currency of their own
    /// are in it, and a multi-currency org converts amounts to it. `None`
    /// when the org does not say (a single-currency org without
    /// `Organization.DefaultCurrencyIsoCode`): amounts then show no symbol
    /// rather than a guessed one.
    pub currency: Option<String>,
    /// A multi-currency org's currencies and rates; `None` in a
    /// single-currency org, whose amounts show the currency's symbol.
    pub rates: Option<Rc<Rates>>,
}

impl Default for EditContext {
    fn default() -> Self {
        Self::new("en_US", "UTC")
    }
}

impl EditContext {
    /// The formats of `LocaleSidKey` `locale` in `time_zone`, amounts in
    /// the locale's own currency (tests, benches; the extension says the
    /// org's with [`EditContext::with_currency`]).
    pub fn new(locale: &str, time_zone: &str) -> Self {
        let locale = Locale::of(locale);
        Self { time_zone: time_zone.to_owned(), locale, currency: Some(locale.currency_code.to_owned()), rates: None }
    }

    /// In a single-currency org: the org's currency, if it says.
    pub fn with_currency(self, currency: Option<String>) -> Self {
        Self { currency, ..self }
    }

    /// en_US conventions in `time_zone`.
    pub fn en_us(time_zone: &str) -> Self {
        Self::new("en_US", time_zone)
    }

    /// In a multi-currency org: the user's currency and the org's rates.
    pub fn with_rates(self, currency: &str, rates: Rates) -> Self {
        Self { currency: Some(currency.to_owned()), rates: Some(Rc::new(rates)), ..self }
    }

    /// The user's currency's code, empty when unknown.
    pub fn currency_code(&self) -> &str {
        self.currency.as_deref().unwrap_or_default()
    }

    /// The symbol of the user's currency in their locale (empty when the
    /// currency is unknown): the locale's own currency has its symbol
    /// (`€`, `R$`, `￥`), the euro and the pound are the same everywhere;
    /// any other currency is its ISO code, which no reader mistakes (a
    /// German rep's `$` could be any dollar).
    pub fn currency_symbol(&self) -> &str {
        match self.currency.as_deref() {
            None => "",
            Some(c) if c.eq_ignore_ascii_case(self.locale.currency_code) => self.locale.currency_symbol,
            Some("EUR") => "€",
            Some("GBP") => "£",
            Some(c) => c,
        }
    }

    /// Whether `code` names a currency a rep may type with an amount: the
    /// org's (its rates, the user's) or a common ISO 4217 code.
    pub(crate) fn knows_currency(&self, code: &str) -> bool {
        const COMMON: [&str; 36] = [
            "USD", "EUR", "JPY", "GBP", "CHF", "CAD", "AUD", "NZD", "CNY", "HKD", "SGD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "MXN", "BRL", "ARS", "CLP",
            "COP", "INR", "KRW", "ZAR", "TRY", "ILS", "AED", "SAR", "RUB", "TWD", "THB", "IDR", "MYR", "PHP", "VND",
        ];
        let upper = code.to_ascii_uppercase();
        COMMON.contains(&upper.as_str()) || self.currency_code().eq_ignore_ascii_case(code) || self.rates.as_deref().is_some_and(|r| r.decimals(code).is_some())
    }
}

/// The currency of an amount and, for dated exchange rates, its day: a
/// record's `CurrencyIsoCode` and (for opportunities) its close date.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Money<'a> {
    /// `None`: the user's currency.
    pub currency: Option<&'a str>,
    pub day: Option<Date>,
}

impl<'a> Money<'a> {
    /// The currency and day of the amounts of `record` itself (read with
    /// its `CurrencyIsoCode`, and its `CloseDate` for an opportunity).
    pub fn of_record(record: &'a salesforce_rest::wire::Record) -> Self {
        let day = record.object_type().and_then(crate::currency::dated_by).and_then(|field| record.get_str(field)).and_then(|d| Date::parse(d).ok());
        Self { currency: record.get_str("CurrencyIsoCode"), day }
    }
}
