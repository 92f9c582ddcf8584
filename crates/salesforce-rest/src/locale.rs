//! Salesforce locales (`User.LocaleSidKey`): how each writes numbers, amounts,
//! percents, dates and times, and its first day of the week.
//!
//! Salesforce formats with ICU 71.1, that is CLDR 41 data (Salesforce Help,
//! "Salesforce supported locales and their corresponding ICU formats",
//! "Supported Date and Time Formats (ICU)", "Supported Currencies (ICU)").
//! Each entry below is CLDR 41's data for the locale, with Salesforce's one
//! change: the short date (what record pages and list views show) has a
//! four-digit year (`1/28/2008, 4:30 PM`, `28.01.2008, 16:30`). The exact characters
//! matter: French groups digits with U+202F (narrow no-break space), and
//! several locales put U+00A0 (no-break space) between an amount and its
//! symbol.
//!
//! Only the locales listed are known. [`Locale::of`] falls back to another
//! locale of the same language (`de_AT` -> `de_DE`), then to `en_US`: a rep
//! in an unknown locale sees US formats rather than a guess at theirs.
//!
//! The extension formats with it (`sidecar_core::fields`); devorg uses the
//! first day of the week for `THIS_WEEK` and its kin.

/// The order of day, month and year in a numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `12/31/2026` (en_US).
    MonthDayYear,
    /// `31/12/2026`, `31.12.2026`.
    DayMonthYear,
    /// `2026/12/31` (ja_JP).
    YearMonthDay,
}

/// Where a currency's symbol goes, and what separates it from the digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Affix {
    pub before: bool,
    /// `""`, or U+00A0 (`R$ 1.234,50`, `1.234,50 €`).
    pub space: &'static str,
}

/// One locale's formats.
#[derive(Debug, PartialEq, Eq)]
pub struct Locale {
    /// `LocaleSidKey`: `de_DE`.
    pub key: &'static str,
    pub decimal: char,
    /// Groups thousands: `,` `.` U+202F U+00A0 `'`.
    pub group: char,
    /// Digits a number needs before it is grouped at all, beyond the first
    /// group: 1, or 2 in Spanish (`1234,50 €` but `12.345,00 €`).
    pub min_grouping: u8,
    pub date_order: DateOrder,
    /// Between the parts of a date: `/`, `.`, `-`.
    pub date_separator: char,
    /// Day and month with two digits (`01.02.2026`) or as few as needed (`1/2/2026`).
    pub pad_date: bool,
    /// `4:05 PM` (12-hour clock) or `16:05`.
    pub twelve_hour: bool,
    /// `09:05` or `9:05` (24-hour clocks only; 12-hour clocks never pad).
    pub pad_hour: bool,
    /// What follows a 12-hour time: `AM`/`PM`, `am`/`pm`, `a.m.`/`p.m.`.
    pub am_pm: [&'static str; 2],
    /// Between a date and a time: `", "` or `" "`.
    pub date_time_join: &'static str,
    pub currency: Affix,
    /// Between a percentage and `%`: `""` or a no-break space (`12,5 %`).
    pub percent_space: &'static str,
    /// 0 = Sunday, 1 = Monday (CLDR's `weekData` for the territory).
    pub first_day: u8,
    /// The territory's currency, ISO 4217.
    pub currency_code: &'static str,
    /// That currency's symbol in this locale (`€`, `R$`, `￥`).
    pub currency_symbol: &'static str,
}

const NBSP: &str = "\u{a0}";
const BEFORE: Affix = Affix { before: true, space: "" };
const BEFORE_SPACED: Affix = Affix { before: true, space: NBSP };
const AFTER_SPACED: Affix = Affix { before: false, space: NBSP };

/// A locale with the commonest choices: a 24-hour clock with padded hours,
/// `", "` between date and time, the symbol before the amount, `12%`, weeks
/// from Monday.
const fn locale(key: &'static str, decimal: char, group: char, date_order: DateOrder, date_separator: char, currency: (&'static str, &'static str)) -> Locale {
    Locale {
        key,
        decimal,
        group,
        min_grouping: 1,
        date_order,
        date_separator,
        pad_date: true,
        twelve_hour: false,
        pad_hour: true,
        am_pm: ["AM", "PM"],
        date_time_join: ", ",
        currency: BEFORE,
        percent_space: "",
        first_day: 1,
        currency_code: currency.0,
        currency_symbol: currency.1,
    }
}

use DateOrder::{DayMonthYear as Dmy, MonthDayYear as Mdy, YearMonthDay as Ymd};

const EUR: (&str, &str) = ("EUR", "€");
const NNBSP: char = '\u{202f}';

/// The known locales; the first is the fallback. Checked against CLDR 41's
/// JSON (npm `cldr-numbers-full`, `cldr-dates-full`, `cldr-core` 41.0.0)
/// and the rows of Salesforce's ICU table for en_US, en_GB, de_DE, fr_FR,
/// ja_JP and zh_CN. Not here, for now: locales whose formats need more
/// than these fields (en_IN's lakh grouping, fr_CA's `16 h 05`, de_CH's and
/// nl_NL's own negative amounts, sv_SE's minus sign, ko_KR's dates).
pub const LOCALES: &[Locale] = &[
    Locale { pad_date: false, twelve_hour: true, first_day: 0, ..locale("en_US", '.', ',', Mdy, '/', ("USD", "$")) },
    locale("en_GB", '.', ',', Dmy, '/', ("GBP", "£")),
    Locale { pad_date: false, twelve_hour: true, am_pm: ["am", "pm"], ..locale("en_AU", '.', ',', Dmy, '/', ("AUD", "$")) },
    Locale { twelve_hour: true, am_pm: ["a.m.", "p.m."], first_day: 0, ..locale("en_CA", '.', ',', Ymd, '-', ("CAD", "$")) },
    Locale { currency: AFTER_SPACED, percent_space: NBSP, ..locale("de_DE", ',', '.', Dmy, '.', EUR) },
    Locale { date_time_join: " ", currency: AFTER_SPACED, percent_space: NBSP, ..locale("fr_FR", ',', NNBSP, Dmy, '/', EUR) },
    Locale { date_time_join: " ", pad_hour: false, first_day: 0, ..locale("ja_JP", '.', ',', Ymd, '/', ("JPY", "￥")) },
    Locale { date_time_join: " ", currency: BEFORE_SPACED, first_day: 0, ..locale("pt_BR", ',', '.', Dmy, '/', ("BRL", "R$")) },
    Locale { percent_space: NBSP, first_day: 0, ..locale("es_MX", '.', ',', Dmy, '/', ("MXN", "$")) },
    Locale { min_grouping: 2, pad_date: false, pad_hour: false, currency: AFTER_SPACED, percent_space: NBSP, ..locale("es_ES", ',', '.', Dmy, '/', EUR) },
    Locale { currency: AFTER_SPACED, ..locale("it_IT", ',', '.', Dmy, '/', EUR) },
    Locale { date_time_join: " ", currency: BEFORE_SPACED, ..locale("nl_NL", ',', '.', Dmy, '-', EUR) },
    Locale { pad_date: false, date_time_join: " ", first_day: 0, ..locale("zh_CN", '.', ',', Ymd, '/', ("CNY", "¥")) },
];

/// The currency of a locale's territory (`de_AT` -> EUR, `en_IE` -> EUR),
/// ISO 4217, for the territories Salesforce orgs are commonly in; `None`
/// for the others (and for language-only keys).
pub fn territory_currency(key: &str) -> Option<&'static str> {
    const EURO: [&str; 20] = ["AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK"];
    const OTHERS: [(&str, &str); 24] = [
        ("US", "USD"),
        ("GB", "GBP"),
        ("JP", "JPY"),
        ("BR", "BRL"),
        ("MX", "MXN"),
        ("CA", "CAD"),
        ("AU", "AUD"),
        ("NZ", "NZD"),
        ("IN", "INR"),
        ("CN", "CNY"),
        ("HK", "HKD"),
        ("SG", "SGD"),
        ("CH", "CHF"),
        ("SE", "SEK"),
        ("NO", "NOK"),
        ("DK", "DKK"),
        ("PL", "PLN"),
        ("CZ", "CZK"),
        ("KR", "KRW"),
        ("ZA", "ZAR"),
        ("IL", "ILS"),
        ("AE", "AED"),
        ("AR", "ARS"),
        ("CO", "COP"),
    ];
    let territory = key.split('_').nth(1)?;
    if EURO.contains(&territory) {
        return Some("EUR");
    }
    OTHERS.iter().find(|(t, _)| *t == territory).map(|(_, c)| *c)
}

impl Locale {
    /// The formats of `LocaleSidKey` `key`: the locale itself, else the
    /// first known locale of its language, else en_US.
    pub fn of(key: &str) -> &'static Locale {
        let language = key.split(['_', '-']).next().unwrap_or_default();
        LOCALES
            .iter()
            .find(|l| l.key.eq_ignore_ascii_case(key))
            .or_else(|| LOCALES.iter().find(|l| l.key.split('_').next().is_some_and(|lang| lang.eq_ignore_ascii_case(language))))
            .unwrap_or(&LOCALES[0])
    }

    /// Whether weeks start on Monday (else Sunday).
    pub fn week_starts_monday(&self) -> bool {
        self.first_day == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_falls_back_by_language_then_to_en_us() {
        let cases = [
            ("de_DE", "de_DE"),
            ("de_AT", "de_DE"),
            ("ja", "ja_JP"),
            ("pt_BR", "pt_BR"),
            ("pt_PT", "pt_BR"),
            ("ko_KR", "en_US"),
            ("", "en_US"),
            ("EN_gb", "en_GB"),
        ];
        for (key, found) in cases {
            assert_eq!(Locale::of(key).key, found, "{key}");
        }
    }

    #[test]
    fn territory_currencies() {
        let cases = [
            ("en_US", Some("USD")),
            ("en_IE", Some("EUR")),
            ("de_AT", Some("EUR")),
            ("pt_BR", Some("BRL")),
            ("ja_JP", Some("JPY")),
            ("ja", None),
            ("xx_QQ", None),
        ];
        for (key, want) in cases {
            assert_eq!(territory_currency(key), want, "{key}");
        }
        for l in LOCALES {
            assert_eq!(territory_currency(l.key), Some(l.currency_code), "{} agrees with its entry", l.key);
        }
    }

    #[test]
    fn keys_are_unique() {
        for (i, l) in LOCALES.iter().enumerate() {
            assert!(LOCALES[..i].iter().all(|o| o.key != l.key), "{} twice", l.key);
        }
    }
}
