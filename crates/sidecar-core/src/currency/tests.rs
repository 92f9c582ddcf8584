//! Rates read from the org's answers, and conversions at the edges of
//! dated ranges.

use salesforce_rest::soql::Date;
use salesforce_rest::wire::Record;
use serde_json::json;

use super::*;

fn record(value: serde_json::Value) -> Record {
    serde_json::from_value(value).expect("record")
}

fn day(s: &str) -> Date {
    Date::parse(s).expect("date")
}

/// USD corporate; JPY 113 until 2026-07-01, then 150; EUR 0.85 then 0.9.
pub(crate) fn rates() -> Rates {
    let types = [
        record(json!({"IsoCode": "USD", "ConversionRate": 1.0, "DecimalPlaces": 2, "IsCorporate": true})),
        record(json!({"IsoCode": "EUR", "ConversionRate": 0.9, "DecimalPlaces": 2, "IsCorporate": false})),
        record(json!({"IsoCode": "JPY", "ConversionRate": 150.0, "DecimalPlaces": 0, "IsCorporate": false})),
        record(json!({"IsoCode": "XXX", "ConversionRate": 0, "DecimalPlaces": 2})),
    ];
    let dated = [
        record(json!({"IsoCode": "JPY", "ConversionRate": 113.0, "StartDate": "2023-01-01", "NextStartDate": "2026-07-01"})),
        record(json!({"IsoCode": "JPY", "ConversionRate": 150.0, "StartDate": "2026-07-01", "NextStartDate": null})),
        record(json!({"IsoCode": "EUR", "ConversionRate": 0.85, "StartDate": "2023-01-01", "NextStartDate": "2026-07-01"})),
        record(json!({"IsoCode": "EUR", "ConversionRate": 0.9, "StartDate": "2026-07-01"})),
    ];
    let user = [record(json!({"DefaultCurrencyIsoCode": "EUR"}))];
    let (currency, rates) = Rates::from_answers(&user, &types, &dated);
    assert_eq!(currency.as_deref(), Some("EUR"));
    rates
}

#[test]
fn answers_are_read() {
    let r = rates();
    assert_eq!(r.corporate, "USD");
    assert_eq!(r.currencies.iter().map(|c| c.iso.as_str()).collect::<Vec<_>>(), ["USD", "EUR", "JPY"], "a rate of 0 is skipped");
    assert_eq!((r.decimals("JPY"), r.decimals("usd"), r.decimals("CHF")), (Some(0), Some(2), None));
    assert_eq!(r.dated[1].next, None, "the last range runs to the end of time");
}

#[test]
fn conversions_at_the_edges_of_dated_ranges() {
    let r = rates();
    type Case<'a> = (f64, &'a str, &'a str, Option<&'a str>, Option<f64>);
    let cases: &[Case<'_>] = &[
        // The documentation's example: JPY 4,747,500 at 113 per USD.
        (4_747_500.0, "JPY", "USD", Some("2023-08-31"), Some(42_013.27)),
        // Last day of the first range, first day of the next.
        (4_747_500.0, "JPY", "USD", Some("2026-06-30"), Some(42_013.27)),
        (4_747_500.0, "JPY", "USD", Some("2026-07-01"), Some(31_650.0)),
        // Before the first range: the first range's rate.
        (4_747_500.0, "JPY", "USD", Some("2001-01-01"), Some(42_013.27)),
        // Far in the open-ended last range.
        (1_500.0, "JPY", "USD", Some("2099-12-31"), Some(10.0)),
        // Without a day: the currency's (current) rate.
        (4_747_500.0, "JPY", "USD", None, Some(31_650.0)),
        // Between two non-corporate currencies, rounded to the target's decimals.
        (4_747_500.0, "JPY", "EUR", Some("2023-08-31"), Some(35_711.28)),
        (100.0, "EUR", "JPY", Some("2026-07-01"), Some(16_667.0)),
        (100.0, "EUR", "EUR", Some("2026-07-01"), Some(100.0)),
        // A currency the org does not have.
        (100.0, "CHF", "EUR", None, None),
    ];
    for (amount, from, to, on, want) in cases {
        assert_eq!(r.convert(*amount, from, to, on.map(day)), *want, "{amount} {from} -> {to} on {on:?}");
    }
}

#[test]
fn queries_ask_dated_rates_only_where_the_org_has_them() {
    let texts = |user: &str, dated: bool| queries(user, dated).into_iter().map(|(r, q)| format!("{r}: {q}")).collect::<Vec<_>>();
    assert_eq!(
        texts("005000000000001AAA", true),
        [
            "user: SELECT DefaultCurrencyIsoCode FROM User WHERE Id = '005000000000001AAA'",
            "currencies: SELECT IsoCode, ConversionRate, DecimalPlaces, IsCorporate FROM CurrencyType",
            "dated: SELECT IsoCode, ConversionRate, StartDate, NextStartDate FROM DatedConversionRate ORDER BY IsoCode, StartDate",
        ]
    );
    assert_eq!(texts("x' OR Id != '", false)[0], "user: SELECT DefaultCurrencyIsoCode FROM User WHERE Id = 'x\\' OR Id != \\''");
    assert_eq!(queries("005", false).len(), 2);
    assert_eq!(dated_by("Opportunity"), Some("CloseDate"));
    assert_eq!(dated_by("Account"), None);
}

#[test]
fn rates_survive_storage() {
    let r = rates();
    let text = serde_json::to_string(&r).expect("json");
    assert_eq!(serde_json::from_str::<Rates>(&text).expect("back"), r);
}

#[test]
fn a_single_currency_orgs_currency() {
    let org = |v: serde_json::Value| record(v);
    let cases = [
        (Some(org(json!({"DefaultCurrencyIsoCode": "GBP", "DefaultLocaleSidKey": "en_US"}))), Some("GBP")),
        (Some(org(json!({"DefaultLocaleSidKey": "en_US"}))), Some("USD")),
        (Some(org(json!({"DefaultLocaleSidKey": "de_AT"}))), Some("EUR")),
        (Some(org(json!({"DefaultLocaleSidKey": "xx_QQ"}))), None),
        (Some(org(json!({"DefaultCurrencyIsoCode": null, "DefaultLocaleSidKey": "ja_JP"}))), Some("JPY")),
        (None, None),
    ];
    for (row, want) in cases {
        assert_eq!(org_currency(row.as_ref()).as_deref(), want, "{row:?}");
    }
    let text = |described: &[&str]| org_currency_query(described).map(|q| q.to_string());
    assert_eq!(text(&["Id", "Name", "DefaultLocaleSidKey"]).as_deref(), Some("SELECT DefaultLocaleSidKey FROM Organization"));
    assert_eq!(
        text(&["DefaultLocaleSidKey", "DefaultCurrencyIsoCode"]).as_deref(),
        Some("SELECT DefaultCurrencyIsoCode, DefaultLocaleSidKey FROM Organization")
    );
    assert_eq!(text(&["Id", "Name"]), None, "nothing to ask");
}

#[test]
fn the_users_context_from_the_orgs_answers() {
    let single = edit_context("en_GB", "Europe/London", Org::SingleCurrency(Some("USD".into())));
    assert_eq!((single.locale.key, single.currency.as_deref(), single.rates.is_none()), ("en_GB", Some("USD"), true));
    assert_eq!(edit_context("de_DE", "UTC", Org::SingleCurrency(None)).currency, None, "unknown: no guess from the rep's locale");
    let types = vec![
        record(json!({"IsoCode": "USD", "ConversionRate": 1.0, "DecimalPlaces": 2, "IsCorporate": true})),
        record(json!({"IsoCode": "EUR", "ConversionRate": 0.9, "DecimalPlaces": 2, "IsCorporate": false})),
    ];
    let multi = |user: Vec<Record>, currencies: Vec<Record>| edit_context("de_DE", "Europe/Berlin", Org::MultiCurrency { user, currencies, dated: Vec::new() });
    let lena = multi(vec![record(json!({"DefaultCurrencyIsoCode": "EUR"}))], types.clone());
    assert_eq!((lena.currency.as_deref(), lena.rates.as_ref().map(|r| r.corporate.as_str())), (Some("EUR"), Some("USD")));
    let unknown_user = multi(Vec::new(), types);
    assert_eq!(unknown_user.currency.as_deref(), Some("USD"), "the corporate currency when the user's is unreadable");
    let no_rates = multi(vec![record(json!({"DefaultCurrencyIsoCode": "EUR"}))], Vec::new());
    assert_eq!((no_rates.currency.as_deref(), no_rates.rates.is_none()), (Some("EUR"), true));
}
