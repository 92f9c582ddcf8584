//! A multi-currency org's currencies and conversion rates, and the user's
//! own currency: what an amount is converted with to show it in the user's
//! currency beside the record's ("JPY 4.747.500 (EUR 38.652,37)").
//!
//! Salesforce keeps the rates as units of each currency per one unit of the
//! corporate currency (`CurrencyType.ConversionRate`; the corporate currency
//! has 1). With advanced currency management on, `DatedConversionRate` holds
//! rates for date ranges `[StartDate, NextStartDate)`, and opportunities
//! convert with the rate of their close date; everything else converts with
//! the `CurrencyType` rate (Salesforce Help, "Manage Multiple Currencies",
//! "Edit Dated Exchange Rates", "About Advanced Currency Management"; the
//! Object Reference's `DatedConversionRate`, which exists only with advanced
//! currency management on). The last range has no `NextStartDate`.
//!
//! I/O is the caller's: [`queries`] are what to ask, [`Rates::from_answers`]
//! reads the answers.

use salesforce_rest::soql::escape::escape_string;
use salesforce_rest::soql::{self, Date, Query};
use salesforce_rest::wire::Record;

use crate::fields::EditContext;
use serde::{Deserialize, Serialize};

#[cfg(test)]
mod tests;

/// One active currency (`CurrencyType`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrencyRate {
    /// ISO 4217 code: `JPY`.
    pub iso: String,
    /// Units per one unit of the corporate currency.
    pub rate: f64,
    /// Digits after the decimal point an amount in it shows (JPY 0).
    pub decimals: u32,
}

/// A rate for a range of dates (`DatedConversionRate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedRate {
    pub iso: String,
    pub rate: f64,
    /// First day it applies.
    #[serde(with = "day")]
    pub start: Date,
    /// First day it no longer applies; `None` for the last range, which
    /// runs to the end of time.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "day::open")]
    pub next: Option<Date>,
}

/// Dates kept as `YYYY-MM-DD`.
mod day {
    use salesforce_rest::soql::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).map_err(|_| serde::de::Error::custom("not a date"))
    }

    /// The same for a range's open end, kept as nothing.
    pub mod open {
        use salesforce_rest::soql::Date;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
            match date {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
            let text = Option::<String>::deserialize(d)?;
            text.map(|t| Date::parse(&t).map_err(|_| serde::de::Error::custom("not a date"))).transpose()
        }
    }
}

/// The org's currencies, kept with the session.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Rates {
    /// The corporate currency's code.
    pub corporate: String,
    pub currencies: Vec<CurrencyRate>,
    /// Empty unless advanced currency management is on.
    pub dated: Vec<DatedRate>,
}

/// The date field whose day picks an object's dated rate, where advanced
/// currency management applies to the object.
pub fn dated_by(object: &str) -> Option<&'static str> {
    object.eq_ignore_ascii_case("Opportunity").then_some("CloseDate")
}

/// What to ask a multi-currency org (one whose describeGlobal lists
/// `CurrencyType`): the user's currency, the active currencies and, where
/// the org has `DatedConversionRate` (only with advanced currency
/// management on), the dated rates. One composite request.
pub fn queries(user_id: &str, dated: bool) -> Vec<(String, Query)> {
    let mut texts = vec![
        ("user", format!("SELECT DefaultCurrencyIsoCode FROM User WHERE Id = '{}'", escape_string(user_id))),
        // Inactive currencies too: records keep a currency deactivated since.
        ("currencies", "SELECT IsoCode, ConversionRate, DecimalPlaces, IsCorporate FROM CurrencyType".to_owned()),
    ];
    if dated {
        texts.push(("dated", "SELECT IsoCode, ConversionRate, StartDate, NextStartDate FROM DatedConversionRate ORDER BY IsoCode, StartDate".to_owned()));
    }
    // Fixed texts with an escaped id: they always parse (the tests check).
    texts.into_iter().filter_map(|(reference, text)| soql::parse(&text).ok().map(|q| (reference.to_owned(), q))).collect()
}

/// The `Organization` fields that say a single-currency org's currency,
/// among those its describe has: `DefaultCurrencyIsoCode` where the org
/// has it (public integrations read it; Salesforce's Object Reference does
/// not list it, so it is only asked when described), and the org's locale
/// (`DefaultLocaleSidKey`, Company Information's "Locale").
pub fn org_currency_query(described: &[&str]) -> Option<Query> {
    let fields: Vec<&str> =
        ["DefaultCurrencyIsoCode", "DefaultLocaleSidKey"].into_iter().filter(|f| described.iter().any(|d| d.eq_ignore_ascii_case(f))).collect();
    (!fields.is_empty()).then(|| Query::select(&fields, "Organization"))
}

/// A single-currency org's currency from its `Organization` row: its
/// `DefaultCurrencyIsoCode`, else the currency of its locale's territory
/// (Salesforce sets a single-currency org's currency with its "Currency
/// Locale", which is the org's locale unless an admin chose otherwise).
/// `None` when neither says: amounts then show no symbol.
pub fn org_currency(organization: Option<&Record>) -> Option<String> {
    let org = organization?;
    org.get_str("DefaultCurrencyIsoCode")
        .filter(|c| c.len() == 3)
        .map(str::to_owned)
        .or_else(|| org.get_str("DefaultLocaleSidKey").and_then(salesforce_rest::locale::territory_currency).map(str::to_owned))
}

/// The user's formats and currency from what the org answered: userinfo's
/// locale and zone; in a single-currency org `org_currency`; in a
/// multi-currency one the answers of [`queries`] (user, currencies,
/// dated rates). Rates that cannot be read leave the amounts in the
/// single-currency form, in the user's currency if known.
pub fn edit_context(locale: &str, zone: &str, org: Org) -> EditContext {
    let ctx = EditContext::new(locale, zone);
    match org {
        Org::SingleCurrency(currency) => ctx.with_currency(currency),
        Org::MultiCurrency { user, currencies, dated } => {
            let (user_currency, rates) = Rates::from_answers(&user, &currencies, &dated);
            let currency = user_currency.or_else(|| (!rates.corporate.is_empty()).then(|| rates.corporate.clone()));
            match currency {
                Some(currency) if !rates.currencies.is_empty() => ctx.with_rates(&currency, rates),
                currency => ctx.with_currency(currency),
            }
        }
    }
}

/// What an org said about its currencies.
#[derive(Debug, Clone, PartialEq)]
pub enum Org {
    /// No `CurrencyType`: one currency, if known.
    SingleCurrency(Option<String>),
    /// The records [`queries`] answered (empty where a query failed).
    MultiCurrency { user: Vec<Record>, currencies: Vec<Record>, dated: Vec<Record> },
}

impl Rates {
    /// Reads the answers of [`queries`]: the user's currency and the
    /// rates. Rows without a code or a positive rate are skipped (they
    /// could only convert wrongly).
    pub fn from_answers(user: &[Record], types: &[Record], dated: &[Record]) -> (Option<String>, Self) {
        let user_currency = user.first().and_then(|r| r.get_str("DefaultCurrencyIsoCode")).map(str::to_owned);
        let number = |r: &Record, field: &str| r.get(field).and_then(serde_json::Value::as_f64);
        let mut rates = Self::default();
        for r in types {
            let (Some(iso), Some(rate)) = (r.get_str("IsoCode"), number(r, "ConversionRate").filter(|n| *n > 0.0)) else { continue };
            if r.get("IsCorporate").and_then(serde_json::Value::as_bool) == Some(true) {
                rates.corporate = iso.to_owned();
            }
            let decimals = number(r, "DecimalPlaces").map_or(2, |d| d.clamp(0.0, 9.0) as u32);
            rates.currencies.push(CurrencyRate { iso: iso.to_owned(), rate, decimals });
        }
        for r in dated {
            let date = |field: &str| r.get_str(field).and_then(|s| Date::parse(s).ok());
            let (Some(iso), Some(rate), Some(start)) = (r.get_str("IsoCode"), number(r, "ConversionRate").filter(|n| *n > 0.0), date("StartDate")) else {
                continue;
            };
            rates.dated.push(DatedRate { iso: iso.to_owned(), rate, start, next: date("NextStartDate") });
        }
        (user_currency, rates)
    }

    fn currency(&self, iso: &str) -> Option<&CurrencyRate> {
        self.currencies.iter().find(|c| c.iso.eq_ignore_ascii_case(iso))
    }

    /// Digits after the decimal point of an amount in `iso`.
    pub fn decimals(&self, iso: &str) -> Option<u32> {
        self.currency(iso).map(|c| c.decimals)
    }

    /// Units of `iso` per unit of the corporate currency: on `day`, the
    /// dated rate whose range holds it (a day before the first range takes
    /// the first: Salesforce's first range stands for all time before the
    /// next); without a day or a dated rate, the currency's rate.
    fn rate(&self, iso: &str, day: Option<Date>) -> Option<f64> {
        let dated = day.and_then(|d| {
            let mut ranges = self.dated.iter().filter(|r| r.iso.eq_ignore_ascii_case(iso));
            let first = ranges.clone().min_by_key(|r| r.start);
            ranges.find(|r| r.start <= d && r.next.is_none_or(|next| d < next)).or(first.filter(|f| d < f.start))
        });
        dated.map(|r| r.rate).or_else(|| self.currency(iso).map(|c| c.rate))
    }

    /// `amount` in `from` as `to`, through the corporate currency, rounded
    /// to `to`'s decimals; `None` when either currency is unknown.
    pub fn convert(&self, amount: f64, from: &str, to: &str, day: Option<Date>) -> Option<f64> {
        if from.eq_ignore_ascii_case(to) {
            return Some(amount);
        }
        let converted = amount / self.rate(from, day)? * self.rate(to, day)?;
        let factor = 10f64.powi(self.decimals(to).unwrap_or(2) as i32);
        Some((converted * factor).round() / factor)
    }
}
