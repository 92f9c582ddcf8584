//! A multi-currency org (`devorg serve --multi-currency`): multiple
//! currencies and advanced currency management (dated exchange rates) on,
//! corporate currency USD. [`Schema::multi_currency`] adds what such an org
//! has and a single-currency org lacks:
//!
//! - the objects `CurrencyType` and `DatedConversionRate` (declared in
//!   `schema/currency.toml`), whose rows are [`CURRENCIES`] (kept by
//!   `records::currency`);
//! - `CurrencyIsoCode` on the objects of [`CURRENCY_FIELDS`] (and every
//!   custom object that is not a custom setting): a restricted picklist of
//!   the active currencies, labelled as Salesforce labels them
//!   ("USD - U.S. Dollar"), defaulted on create to the creating user's
//!   `DefaultCurrencyIsoCode` ("When the logged-in user creates any objects
//!   that have a currency ISO code, the API uses this currency ISO code if it
//!   is not explicitly specified": SOAP API Developer Guide,
//!   GetUserInfoResult.userDefaultCurrencyIsoCode);
//! - `User.DefaultCurrencyIsoCode` (the user's Currency in Locale Settings)
//!   besides `User.CurrencyIsoCode` (Salesforce Help, Knowledge Article
//!   000004369: a user record has both).
//!
//! Without the option none of this exists: no object, no field, no row.
//!
//! Rates: a `ConversionRate` is how many units of the currency one unit of
//! the corporate currency buys ("Conversion rate of this currency type
//! against the corporate currency", Object Reference, CurrencyType): an
//! amount in JPY is amount / rate in USD. A dated rate applies from its
//! `StartDate` up to, not including, its `NextStartDate` ("Effectively the
//! day after the end date for this exchange rate", Object Reference,
//! DatedConversionRate). That the first range starts on 0001-01-01 and the
//! last one's NextStartDate is 9999-12-31 is devorg's reading, not found in
//! the documentation: it keeps the common query `StartDate <= d AND
//! NextStartDate > d` true for every date.

use super::{Field, FieldType, Object, PicklistValue, Schema, SchemaError, load};

/// devorg's declaration of `CurrencyType` and `DatedConversionRate`.
const OBJECTS: &str = include_str!("../../schema/currency.toml");

/// The corporate currency: every other rate is against it.
pub const CORPORATE: &str = "USD";

/// The first day of the first dated range (devorg's reading, see above).
pub const FIRST_DAY: &str = "0001-01-01";

/// The NextStartDate of the last, open-ended dated range (devorg's reading).
pub const LAST_DAY: &str = "9999-12-31";

/// One currency of the org, with its dated exchange rates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Currency {
    pub iso_code: &'static str,
    /// Salesforce's name of the currency, as in its picklist labels
    /// ("USD - U.S. Dollar").
    pub name: &'static str,
    pub decimal_places: i64,
    pub active: bool,
    /// `(StartDate, ConversionRate)` in date order; the first starts on
    /// [`FIRST_DAY`], each ends where the next starts, the last on [`LAST_DAY`].
    pub rates: &'static [(&'static str, f64)],
}

impl Currency {
    /// The picklist label: "JPY - Japanese Yen".
    pub fn label(&self) -> String {
        format!("{} - {}", self.iso_code, self.name)
    }

    /// The rate of the last, open-ended range: CurrencyType's ConversionRate.
    pub fn current_rate(&self) -> f64 {
        self.rates.last().map_or(1.0, |(_, rate)| *rate)
    }

    /// `(StartDate, NextStartDate, ConversionRate)` of every dated range.
    pub fn ranges(&self) -> impl Iterator<Item = (&'static str, &'static str, f64)> + '_ {
        self.rates.iter().enumerate().map(|(i, (start, rate))| (*start, self.rates.get(i + 1).map_or(LAST_DAY, |(next, _)| *next), *rate))
    }

    pub fn corporate(&self) -> bool {
        self.iso_code == CORPORATE
    }
}

/// The org's currencies. The current JPY rate makes the Workspace help's
/// example hold: JPY 4,747,500 is USD 42,013.27 at 113.0. CAD is inactive:
/// known to the org but refused on records. Names as in Salesforce Help,
/// "Supported Currencies" (U.S. Dollar, Euro, Japanese Yen, British Pound,
/// Canadian Dollar).
pub const CURRENCIES: [Currency; 5] = [
    Currency { iso_code: "USD", name: "U.S. Dollar", decimal_places: 2, active: true, rates: &[(FIRST_DAY, 1.0)] },
    Currency {
        iso_code: "EUR",
        name: "Euro",
        decimal_places: 2,
        active: true,
        rates: &[(FIRST_DAY, 0.9), ("2025-01-01", 0.95), ("2025-07-01", 0.87), ("2026-01-01", 0.92)],
    },
    Currency {
        iso_code: "JPY",
        name: "Japanese Yen",
        decimal_places: 0,
        active: true,
        rates: &[(FIRST_DAY, 140.0), ("2025-01-01", 152.0), ("2025-07-01", 147.0), ("2026-01-01", 113.0)],
    },
    Currency {
        iso_code: "GBP",
        name: "British Pound",
        decimal_places: 2,
        active: true,
        rates: &[(FIRST_DAY, 0.79), ("2025-01-01", 0.8), ("2026-01-01", 0.78)],
    },
    Currency { iso_code: "CAD", name: "Canadian Dollar", decimal_places: 2, active: false, rates: &[(FIRST_DAY, 1.36)] },
];

/// The standard objects that get `CurrencyIsoCode`, and its label there.
/// The Object Reference lists the field on each of them ("Available only
/// for organizations with the multicurrency feature enabled"). "Account
/// Currency" and "Opportunity Currency" are the labels real orgs show (UI
/// tests of public Salesforce projects select fields by those labels); the
/// others follow that pattern (Task's "Activity Currency", as Task and
/// Event share the Activity label) and are devorg's reading, as is User's
/// "Currency ISO Code".
pub const CURRENCY_FIELDS: [(&str, &str); 9] = [
    ("Account", "Account Currency"),
    ("Contact", "Contact Currency"),
    ("Lead", "Lead Currency"),
    ("Opportunity", "Opportunity Currency"),
    ("Case", "Case Currency"),
    ("Contract", "Contract Currency"),
    ("Quote", "Quote Currency"),
    ("Task", "Activity Currency"),
    ("User", "Currency ISO Code"),
];

/// The active currencies, in [`CURRENCIES`] order.
pub fn active() -> impl Iterator<Item = &'static Currency> {
    CURRENCIES.iter().filter(|c| c.active)
}

/// The currency `iso_code`, if the org has it (active or not).
pub fn find(iso_code: &str) -> Option<&'static Currency> {
    CURRENCIES.iter().find(|c| c.iso_code == iso_code)
}

/// The picklist values of `currencies`, in ISO code order: SOQL sorts a
/// picklist by its values' order, so `ORDER BY IsoCode` sorts by code.
/// That Salesforce's currency picklists are in code order is devorg's
/// reading (the full ISO 4217 list a real org offers is not recorded here).
fn values(currencies: &mut dyn Iterator<Item = &'static Currency>, default: Option<&str>) -> Vec<PicklistValue> {
    let mut values: Vec<PicklistValue> =
        currencies.map(|c| PicklistValue { value: c.iso_code.to_owned(), label: c.label(), default: Some(c.iso_code) == default, closed: false }).collect();
    values.sort_by(|a, b| a.value.cmp(&b.value));
    values
}

/// A restricted picklist of currencies, `default` marking one value.
fn currency_picklist(name: &str, label: &str, currencies: &mut dyn Iterator<Item = &'static Currency>, default: Option<&str>) -> Field {
    let picklist = values(currencies, default);
    let mut f = load::system_field(name, label, FieldType::Picklist, &[], None);
    f.length = 3;
    f.caps = super::Capabilities::of_type(FieldType::Picklist, 3);
    f.system = false;
    f.createable = true;
    f.updateable = true;
    f.nillable = true;
    f.restricted = true;
    f.picklist = picklist;
    f.default = default.map(serde_json::Value::from);
    f
}

/// `CurrencyIsoCode` with the active currencies, defaulted on create by
/// `records::store::insert` (not by a static default: it is the user's).
pub fn currency_iso_code(label: &str) -> Field {
    currency_picklist("CurrencyIsoCode", label, &mut active(), None)
}

/// `User.DefaultCurrencyIsoCode`, "Currency" in the user's Locale Settings.
/// A user created without one gets the corporate currency: devorg's
/// reading (the Object Reference says only "Defaulted on create").
pub fn default_currency_iso_code() -> Field {
    currency_picklist("DefaultCurrencyIsoCode", "Currency", &mut active(), Some(CORPORATE))
}

/// The label of `CurrencyIsoCode` on `object`, if it gets one.
fn currency_field_label(object: &Object) -> Option<String> {
    if let Some((_, label)) = CURRENCY_FIELDS.iter().find(|(name, _)| *name == object.name) {
        return Some((*label).to_owned());
    }
    // Custom objects have a record currency too; custom settings are left out.
    (object.custom && !object.custom_setting).then(|| format!("{} Currency", object.label))
}

impl Schema {
    /// Whether this is a multi-currency org ([`Schema::multi_currency`]).
    pub fn is_multi_currency(&self) -> bool {
        self.object("CurrencyType").is_some()
    }

    /// The schema of the same org with multiple currencies and dated
    /// exchange rates on (see the module's documentation).
    pub fn multi_currency(self) -> Result<Self, SchemaError> {
        if self.is_multi_currency() {
            return Ok(self);
        }
        let mut objects = self.objects;
        for o in &mut objects {
            let Some(label) = currency_field_label(o) else { continue };
            if o.field("CurrencyIsoCode").is_none() {
                o.fields.push(currency_iso_code(&label));
            }
            if o.name == "User" && o.field("DefaultCurrencyIsoCode").is_none() {
                o.fields.push(default_currency_iso_code());
            }
            let (by_lower, by_relationship) = super::index_fields(&o.name, &o.fields)?;
            o.by_lower = by_lower;
            o.by_relationship = by_relationship;
        }
        let mut extra = load::parse_objects(OBJECTS)?;
        for o in &mut extra {
            for f in o.fields.iter_mut().filter(|f| f.name == "IsoCode") {
                f.picklist = values(&mut CURRENCIES.iter(), None);
            }
        }
        objects.extend(extra);
        // `link` fills every reference's targets again.
        for f in objects.iter_mut().flat_map(|o| o.fields.iter_mut()) {
            f.targets.clear();
        }
        load::link(objects)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_every_day_without_gaps() {
        for c in &CURRENCIES {
            let ranges: Vec<_> = c.ranges().collect();
            assert_eq!(ranges.first().map(|r| r.0), Some(FIRST_DAY), "{}", c.iso_code);
            assert_eq!(ranges.last().map(|r| r.1), Some(LAST_DAY), "{}", c.iso_code);
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].1, pair[1].0, "{}: one range ends where the next starts", c.iso_code);
                assert!(pair[0].0 < pair[1].0, "{}: in date order", c.iso_code);
            }
        }
        let jpy = find("JPY").expect("JPY");
        assert!((4_747_500.0 / jpy.current_rate() - 42_013.27).abs() < 0.01, "the Workspace help's example");
        assert_eq!(CURRENCIES.iter().filter(|c| c.corporate()).count(), 1);
        assert_eq!(find(CORPORATE).map(Currency::current_rate), Some(1.0));
    }

    #[test]
    fn currency_fields_only_in_a_multi_currency_org() {
        let single = Schema::builtin().expect("schema");
        assert!(!single.is_multi_currency());
        assert!(single.objects.iter().all(|o| o.field("CurrencyIsoCode").is_none()));
        let multi = single.multi_currency().expect("multi");
        assert!(multi.is_multi_currency());
        let cases = [
            ("Opportunity", Some("Opportunity Currency")),
            ("Account", Some("Account Currency")),
            ("Task", Some("Activity Currency")),
            ("User", Some("Currency ISO Code")),
            ("Engagement_Event__c", Some("Engagement Event Currency")),
            ("Sidecar_Settings__c", None),
            ("TaskStatus", None),
            ("EmailMessage", None),
            ("LeadHistory", None),
        ];
        for (object, label) in cases {
            let f = multi.object(object).and_then(|o| o.field("currencyisocode"));
            assert_eq!(f.map(|f| f.label.as_str()), label, "{object}");
        }
        let code = multi.object("Opportunity").and_then(|o| o.field("CurrencyIsoCode")).expect("field");
        let values: Vec<(&str, &str)> = code.picklist.iter().map(|p| (p.value.as_str(), p.label.as_str())).collect();
        assert_eq!(values, [("EUR", "EUR - Euro"), ("GBP", "GBP - British Pound"), ("JPY", "JPY - Japanese Yen"), ("USD", "USD - U.S. Dollar")]);
        assert!(code.restricted && code.createable && code.updateable && code.default.is_none());
        let user_default = multi.object("User").and_then(|o| o.field("DefaultCurrencyIsoCode")).expect("field");
        assert_eq!(user_default.default, Some(serde_json::Value::from("USD")));
        let iso = multi.object("CurrencyType").and_then(|o| o.field("IsoCode")).expect("IsoCode");
        assert_eq!(iso.picklist.len(), CURRENCIES.len(), "every currency, the inactive one too");
        assert!(multi.object("DatedConversionRate").is_some_and(|o| o.read_only() && o.field("IsDeleted").is_none()));
        let twice = multi.clone().multi_currency().expect("again");
        assert_eq!(twice.objects.len(), multi.objects.len());
        let targets = |s: &Schema| s.object("Task").and_then(|o| o.field("WhatId")).map(|f| f.targets.len());
        assert_eq!(targets(&multi), targets(&Schema::builtin().expect("schema")), "links once");
    }
}
