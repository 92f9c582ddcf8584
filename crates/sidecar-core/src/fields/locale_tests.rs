//! Per locale, what the panel shows and what a rep may type: numbers,
//! amounts, percentages, dates and date-times "as Salesforce shows them".
//! The expected strings are CLDR 41's (Salesforce's ICU 71.1) with
//! Salesforce's four-digit years; `\u{a0}` is a no-break space, `\u{202f}`
//! a narrow one.

use salesforce_rest::soql::{Date, DateTime};

use super::*;
use crate::currency::{CurrencyRate, DatedRate, Rates};

fn field(ty: FieldType, scale: u32) -> FieldSpec {
    FieldSpec { precision: 18, scale, ..FieldSpec::new("F", "Field", ty) }
}

fn day(s: &str) -> Date {
    Date::parse(s).expect("date")
}

fn instant(s: &str) -> FieldValue {
    FieldValue::DateTime(DateTime::parse(s).expect("instant").to_utc())
}

/// (locale, number 1234567.891 at scale 2, amount -1234.5 in the locale's
/// currency, percent 12.5 at scale 1, 2026-12-31, 2026-12-31 16:05 UTC).
type Shown<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str);

const SHOWN: &[Shown<'_>] = &[
    ("en_US", "1,234,567.89", "-$1,234.50", "12.5%", "12/31/2026", "12/31/2026, 4:05 PM"),
    ("en_GB", "1,234,567.89", "-£1,234.50", "12.5%", "31/12/2026", "31/12/2026, 16:05"),
    ("de_DE", "1.234.567,89", "-1.234,50\u{a0}€", "12,5\u{a0}%", "31.12.2026", "31.12.2026, 16:05"),
    ("fr_FR", "1\u{202f}234\u{202f}567,89", "-1\u{202f}234,50\u{a0}€", "12,5\u{a0}%", "31/12/2026", "31/12/2026 16:05"),
    ("ja_JP", "1,234,567.89", "-￥1,234.50", "12.5%", "2026/12/31", "2026/12/31 16:05"),
    ("pt_BR", "1.234.567,89", "-R$\u{a0}1.234,50", "12,5%", "31/12/2026", "31/12/2026 16:05"),
    ("es_MX", "1,234,567.89", "-$1,234.50", "12.5\u{a0}%", "31/12/2026", "31/12/2026, 16:05"),
    ("es_ES", "1.234.567,89", "-1234,50\u{a0}€", "12,5\u{a0}%", "31/12/2026", "31/12/2026, 16:05"),
    ("en_AU", "1,234,567.89", "-$1,234.50", "12.5%", "31/12/2026", "31/12/2026, 4:05 pm"),
    ("en_CA", "1,234,567.89", "-$1,234.50", "12.5%", "2026-12-31", "2026-12-31, 4:05 p.m."),
    ("it_IT", "1.234.567,89", "-1.234,50\u{a0}€", "12,5%", "31/12/2026", "31/12/2026, 16:05"),
    ("nl_NL", "1.234.567,89", "-€\u{a0}1.234,50", "12,5%", "31-12-2026", "31-12-2026 16:05"),
    ("zh_CN", "1,234,567.89", "-¥1,234.50", "12.5%", "2026/12/31", "2026/12/31 16:05"),
];

#[test]
fn display_per_locale() {
    for (key, number, amount, percent, date, date_time) in SHOWN {
        let ctx = EditContext::new(key, "UTC");
        assert_eq!(ctx.locale.key, *key, "{key} is known");
        let show = |ty, scale, value: FieldValue| format(&field(ty, scale), &value, &ctx);
        assert_eq!(show(FieldType::Double, 2, FieldValue::Number(1_234_567.891)), *number, "{key} number");
        assert_eq!(show(FieldType::Currency, 2, FieldValue::Number(-1234.5)), *amount, "{key} amount");
        assert_eq!(show(FieldType::Percent, 1, FieldValue::Number(12.5)), *percent, "{key} percent");
        assert_eq!(show(FieldType::Date, 0, FieldValue::Date(day("2026-12-31"))), *date, "{key} date");
        assert_eq!(show(FieldType::Datetime, 0, instant("2026-12-31T16:05:00Z")), *date_time, "{key} date-time");
    }
}

/// What the display produces reads back, in every locale and type.
#[test]
fn display_parses_back_per_locale() {
    for (key, number, amount, percent, date, date_time) in SHOWN {
        let ctx = EditContext::new(key, "UTC");
        let read = |ty, scale, text: &str| parse(&field(ty, scale), text, &ctx);
        assert_eq!(read(FieldType::Double, 2, number), Ok(FieldValue::Number(1_234_567.89)), "{key} number");
        assert_eq!(read(FieldType::Currency, 2, amount), Ok(FieldValue::Number(-1234.5)), "{key} amount");
        assert_eq!(read(FieldType::Percent, 1, percent), Ok(FieldValue::Number(12.5)), "{key} percent");
        assert_eq!(read(FieldType::Date, 0, date), Ok(FieldValue::Date(day("2026-12-31"))), "{key} date");
        assert_eq!(read(FieldType::Datetime, 0, date_time), Ok(instant("2026-12-31T16:05:00Z")), "{key} date-time");
    }
}

/// What reps type: the locale's own forms read as meant; what the locale
/// would read differently, or a two-digit year, is refused with an example
/// in the rep's format.
#[test]
fn typing_per_locale() {
    type Case<'a> = (&'a str, FieldType, &'a str, Result<FieldValue, &'a str>);
    let n = |v: f64| Ok(FieldValue::Number(v));
    let d = |s: &str| Ok(FieldValue::Date(day(s)));
    let cases: &[Case<'_>] = &[
        ("de_DE", FieldType::Currency, "1.234,50", n(1234.5)),
        ("de_DE", FieldType::Currency, "1234,5 €", n(1234.5)),
        ("de_DE", FieldType::Currency, "1,5", n(1.5)),
        ("de_DE", FieldType::Currency, "1.5", Err("Field: enter a number like 1.250,00")),
        ("de_DE", FieldType::Int, "12.500", n(12_500.0)),
        ("de_DE", FieldType::Int, "12,5", Err("Field: enter a whole number like 1.250")),
        ("de_DE", FieldType::Percent, "12,5 %", n(12.5)),
        ("de_DE", FieldType::Percent, "x", Err("Field: enter a number like 12,5\u{a0}%")),
        ("de_DE", FieldType::Date, "31.12.2026", d("2026-12-31")),
        ("de_DE", FieldType::Date, "1.2.2026", d("2026-02-01")),
        ("de_DE", FieldType::Date, "31/12/2026", d("2026-12-31")),
        ("de_DE", FieldType::Date, "2026-12-31", d("2026-12-31")),
        ("de_DE", FieldType::Date, "31.12.26", Err("Field: enter the year in full, like 31.12.2026")),
        ("de_DE", FieldType::Date, "12/31/2026", Err("Field: enter a date like 31.12.2026")),
        ("en_GB", FieldType::Date, "31/12/2026", d("2026-12-31")),
        ("en_GB", FieldType::Date, "1/2/2026", d("2026-02-01")),
        ("en_GB", FieldType::Date, "12/31/2026", Err("Field: enter a date like 31/12/2026")),
        ("en_US", FieldType::Date, "1/2/2026", d("2026-01-02")),
        ("en_US", FieldType::Date, "31/12/2026", Err("Field: enter a date like 12/31/2026")),
        ("ja_JP", FieldType::Date, "2026/12/31", d("2026-12-31")),
        ("ja_JP", FieldType::Date, "2026/1/5", d("2026-01-05")),
        ("ja_JP", FieldType::Currency, "￥4,747,500", n(4_747_500.0)),
        ("fr_FR", FieldType::Currency, "1 234,50 €", n(1234.5)),
        ("fr_FR", FieldType::Double, "1234,5", n(1234.5)),
        ("pt_BR", FieldType::Currency, "R$ 1.234,50", n(1234.5)),
        ("pt_BR", FieldType::Currency, "-R$ 1.234,50", n(-1234.5)),
        ("es_MX", FieldType::Currency, "$1,234.50", n(1234.5)),
        ("es_MX", FieldType::Date, "31/12/2026", d("2026-12-31")),
        ("es_ES", FieldType::Currency, "12.345,00 €", n(12_345.0)),
        ("en_US", FieldType::Currency, "USD 1,234.50", n(1234.5)),
        ("en_US", FieldType::Currency, "-USD 1,234.50", n(-1234.5)),
        ("en_US", FieldType::Currency, "1.2k", n(1200.0)),
        // Three letters are a currency only when they name one.
        ("de_DE", FieldType::Currency, "5 Mio", Err("Field: enter a number like 1.250,00")),
        ("en_US", FieldType::Currency, "EUR 1,234.50", Err("Field: this amount is in USD; enter it without EUR, or change the record's currency first")),
    ];
    for (key, ty, input, want) in cases {
        let ctx = EditContext::new(key, "UTC");
        let got = parse(&field(*ty, 2), input, &ctx).map_err(|e| e.to_string());
        assert_eq!(got, want.clone().map_err(str::to_owned), "{key} {ty:?} <- {input:?}");
    }
    // 12- and 24-hour clocks, in the rep's zone.
    let berlin = EditContext::new("de_DE", "Europe/Berlin");
    let datetime = field(FieldType::Datetime, 0);
    assert_eq!(parse(&datetime, "31.12.2026, 16:05", &berlin), Ok(instant("2026-12-31T15:05:00Z")));
    assert_eq!(parse(&datetime, "31.12.2026 9:05", &berlin), Ok(instant("2026-12-31T08:05:00Z")));
    assert_eq!(format(&datetime, &instant("2026-07-01T07:05:00Z"), &berlin), "01.07.2026, 09:05");
    let tokyo = EditContext::new("ja_JP", "Asia/Tokyo");
    assert_eq!(format(&datetime, &instant("2026-07-01T00:05:00Z"), &tokyo), "2026/07/01 9:05");
}

fn multi_currency(locale: &str, currency: &str) -> EditContext {
    let currencies = [("USD", 1.0, 2), ("EUR", 0.9, 2), ("JPY", 150.0, 0)]
        .into_iter()
        .map(|(iso, rate, decimals)| CurrencyRate { iso: iso.into(), rate, decimals })
        .collect();
    let dated = vec![
        DatedRate { iso: "JPY".into(), rate: 113.0, start: day("2023-01-01"), next: Some(day("2026-07-01")) },
        DatedRate { iso: "EUR".into(), rate: 0.85, start: day("2023-01-01"), next: Some(day("2026-07-01")) },
    ];
    EditContext::new(locale, "Europe/Berlin").with_rates(currency, Rates { corporate: "USD".into(), currencies, dated })
}

/// A multi-currency org: the record's currency by its ISO code and its
/// decimals, then the user's in parentheses, dated by the close date.
#[test]
fn amounts_in_a_multi_currency_org() {
    let amount = field(FieldType::Currency, 2);
    let lena = multi_currency("de_DE", "EUR");
    let ian = multi_currency("en_US", "USD");
    type Case<'a> = (&'a EditContext, f64, Option<&'a str>, Option<&'a str>, &'a str);
    let cases: &[Case<'_>] = &[
        (&ian, 4_747_500.0, Some("JPY"), Some("2023-08-31"), "JPY 4,747,500 (USD 42,013.27)"),
        (&ian, 350_000.0, Some("USD"), Some("2023-08-31"), "USD 350,000.00"),
        (&ian, 350_000.0, None, None, "USD 350,000.00"),
        (&lena, 4_747_500.0, Some("JPY"), Some("2023-08-31"), "JPY 4.747.500 (EUR 35.711,28)"),
        (&lena, 4_747_500.0, Some("JPY"), Some("2026-12-31"), "JPY 4.747.500 (EUR 28.485,00)"),
        (&lena, 4_747_500.0, Some("JPY"), None, "JPY 4.747.500 (EUR 28.485,00)"),
        (&lena, -1234.5, Some("EUR"), None, "-EUR 1.234,50"),
        (&lena, 10.0, Some("CHF"), None, "CHF 10,00"),
    ];
    for (ctx, n, currency, on, want) in cases {
        let money = Money { currency: *currency, day: on.map(day) };
        assert_eq!(format_in(&amount, &FieldValue::Number(*n), money, ctx), *want, "{n} {currency:?} on {on:?} for {}", ctx.locale.key);
    }
    // What the display writes reads back, negative amounts included.
    for (shown, n) in [("-EUR 1.234,50", -1234.5), ("EUR -1.234,50", -1234.5), ("EUR 1.234,50", 1234.5)] {
        assert_eq!(parse_in(&amount, shown, Money { currency: Some("EUR"), day: None }, &lena), Ok(FieldValue::Number(n)), "{shown}");
    }
    // Typing an amount keeps the record's currency; another code is refused.
    let jpy = Money { currency: Some("JPY"), day: None };
    assert_eq!(parse_in(&amount, "JPY 5.000.000", jpy, &lena), Ok(FieldValue::Number(5_000_000.0)));
    assert_eq!(parse_in(&amount, "5.000.000", jpy, &lena), Ok(FieldValue::Number(5_000_000.0)));
    assert_eq!(
        parse_in(&amount, "EUR 5.000", jpy, &lena).map_err(|e| e.to_string()),
        Err("Field: this amount is in JPY; enter it without EUR, or change the record's currency first".to_owned())
    );
}

/// A single-currency org that does not say its currency: amounts show no
/// symbol rather than a guessed one.
#[test]
fn an_unknown_currency_shows_no_symbol() {
    let amount = field(FieldType::Currency, 2);
    let value = FieldValue::Number(-1234.5);
    let cases = [
        (EditContext::new("en_GB", "UTC").with_currency(None), "-1,234.50"),
        (EditContext::new("de_DE", "UTC").with_currency(None), "-1.234,50"),
        (EditContext::new("en_GB", "UTC").with_currency(Some("USD".into())), "-USD\u{a0}1,234.50"),
        (EditContext::new("de_DE", "UTC").with_currency(Some("USD".into())), "-1.234,50\u{a0}USD"),
        // pt_PT takes pt_BR's formats, never its currency.
        (EditContext::new("pt_PT", "UTC").with_currency(Some("EUR".into())), "-€\u{a0}1.234,50"),
    ];
    for (ctx, want) in cases {
        assert_eq!(format(&amount, &value, &ctx), want, "{} {:?}", ctx.locale.key, ctx.currency);
        assert_eq!(parse(&amount, want, &ctx), Ok(value.clone()), "{want} reads back");
    }
}

#[test]
fn amount_text_is_the_number_shown() {
    let cases = [
        ("-$1,234.50", "-1,234.50"),
        ("JPY 4.747.500 (EUR 28.485,00)", "4.747.500"),
        ("1.234,50\u{a0}€", "1.234,50"),
        ("12,5\u{a0}%", "12,5"),
        ("-R$\u{a0}1.234,50", "-1.234,50"),
        ("1\u{202f}234,50\u{a0}€", "1\u{202f}234,50"),
        ("", ""),
    ];
    for (shown, want) in cases {
        assert_eq!(amount_text(shown), want, "{shown}");
    }
}
