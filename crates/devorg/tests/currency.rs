//! A multi-currency org (`--multi-currency`, `devorg::schema::currency`):
//! CurrencyType and DatedConversionRate through describe and SOQL, the
//! CurrencyIsoCode field (describe, default on create, refusal of a code the
//! org does not offer, values kept in the record's currency), the demo's
//! reps abroad and their userinfo; and none of it without the option.

mod common;

use axum::http::StatusCode;
use common::Org;
use salesforce_rest::SfId;
use salesforce_rest::soql::Date;
use serde_json::{Value, json};

use devorg::seed::{self, Profile};

fn today() -> Date {
    Date::new(2026, 3, 10).expect("date")
}

fn multi_currency() -> devorg::schema::Schema {
    devorg::schema::Schema::builtin().and_then(devorg::schema::Schema::multi_currency).expect("schema")
}

/// A multi-currency org seeded with the demo.
fn demo() -> Org {
    let org = Org::with_schema(multi_currency());
    seed::seed(&org.state.db, &org.state.schema, Profile::Demo, today()).expect("seed");
    org
}

/// A session for the seeded user `username`.
fn session(org: &Org, username: &str) -> String {
    let conn = org.state.db.conn();
    let id: String = conn.query_row("SELECT \"Id\" FROM \"sobj_User\" WHERE \"Username\" = ?1", [username], |r| r.get(0)).expect(username);
    devorg::auth::issue(&conn, &SfId::parse(&id).expect("id"), 3600).expect("token")
}

fn records(answer: &common::Answer) -> Vec<Value> {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body["records"].as_array().cloned().unwrap_or_default()
}

fn field<'a>(describe: &'a Value, name: &str) -> Option<&'a Value> {
    describe["fields"].as_array().and_then(|fields| fields.iter().find(|f| f["name"] == name))
}

#[tokio::test]
async fn currencies_and_dated_rates_are_queryable_and_described() {
    let org = Org::with_schema(multi_currency());
    let token = org.token(1, false);
    let active = records(&org.query(&token, "SELECT IsoCode, ConversionRate, DecimalPlaces, IsCorporate FROM CurrencyType WHERE IsActive = true").await);
    let rows: Vec<(String, f64, i64, bool)> = active
        .iter()
        .map(|r| {
            let text = r["IsoCode"].as_str().unwrap_or_default().to_owned();
            (text, r["ConversionRate"].as_f64().unwrap_or(-1.0), r["DecimalPlaces"].as_i64().unwrap_or(-1), r["IsCorporate"] == true)
        })
        .collect();
    assert_eq!(
        rows,
        vec![("USD".into(), 1.0, 2, true), ("EUR".into(), 0.92, 2, false), ("JPY".into(), 113.0, 0, false), ("GBP".into(), 0.78, 2, false)],
        "active currencies, current rates against USD"
    );
    assert_eq!(records(&org.query(&token, "SELECT IsoCode FROM CurrencyType WHERE IsActive = false").await)[0]["IsoCode"], "CAD");

    let dated =
        records(&org.query(&token, "SELECT IsoCode, ConversionRate, StartDate, NextStartDate FROM DatedConversionRate ORDER BY IsoCode, StartDate").await);
    let jpy: Vec<(String, String, f64)> = dated
        .iter()
        .filter(|r| r["IsoCode"] == "JPY")
        .map(|r| {
            (
                r["StartDate"].as_str().unwrap_or_default().to_owned(),
                r["NextStartDate"].as_str().unwrap_or_default().to_owned(),
                r["ConversionRate"].as_f64().unwrap_or(-1.0),
            )
        })
        .collect();
    let range = |start: &str, next: &str, rate: f64| (start.to_owned(), next.to_owned(), rate);
    assert_eq!(
        jpy,
        vec![
            range("0001-01-01", "2025-01-01", 140.0),
            range("2025-01-01", "2025-07-01", 152.0),
            range("2025-07-01", "2026-01-01", 147.0),
            range("2026-01-01", "9999-12-31", 113.0),
        ]
    );
    assert_eq!(dated.first().map(|r| r["IsoCode"].clone()), Some(json!("CAD")), "ORDER BY IsoCode");

    // A date's rate is the range with StartDate <= date < NextStartDate: at the
    // edges, the new rate starts on its StartDate.
    let cases = [("2025-12-31", 147.0), ("2026-01-01", 113.0), ("2024-12-31", 140.0), ("2025-01-01", 152.0), ("2030-06-30", 113.0)];
    for (day, want) in cases {
        let soql = format!("SELECT ConversionRate FROM DatedConversionRate WHERE IsoCode = 'JPY' AND StartDate <= {day} AND NextStartDate > {day}");
        let got = records(&org.query(&token, &soql).await);
        assert_eq!(got.len(), 1, "{day}");
        assert_eq!(got[0]["ConversionRate"].as_f64(), Some(want), "{day}");
    }

    let global = org.get("/services/data/v62.0/sobjects", &token).await.body;
    for name in ["CurrencyType", "DatedConversionRate"] {
        let entry = global["sobjects"].as_array().and_then(|all| all.iter().find(|o| o["name"] == name).cloned()).expect(name);
        assert_eq!((entry["queryable"].clone(), entry["createable"].clone()), (json!(true), json!(false)), "{name}");
        let describe = org.get(&format!("/services/data/v62.0/sobjects/{name}/describe"), &token).await;
        assert_eq!(describe.status, StatusCode::OK, "{name}");
        assert!(field(&describe.body, "IsDeleted").is_none(), "{name} has no recycle bin");
    }
    let describe = org.get("/services/data/v62.0/sobjects/CurrencyType/describe", &token).await.body;
    let rate = field(&describe, "ConversionRate").expect("ConversionRate");
    assert_eq!((rate["type"].clone(), rate["precision"].clone(), rate["scale"].clone()), (json!("double"), json!(18), json!(6)));
    assert_eq!(field(&describe, "IsCorporate").map(|f| f["label"].clone()), Some(json!("Corporate Currency")));
    let refused = org.send("POST", "/services/data/v62.0/sobjects/CurrencyType", Some(&token), &[], r#"{"IsoCode":"CHF"}"#).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "devorg keeps the currencies: {}", refused.body);
}

#[tokio::test]
async fn currency_iso_code_is_described_defaulted_and_checked() {
    let org = demo();
    let (ian, lena) = (session(&org, seed::DEMO_USER_IAN), session(&org, seed::DEMO_USER_LENA));
    let describe = org.get("/services/data/v62.0/sobjects/Opportunity/describe", &ian).await.body;
    let code = field(&describe, "CurrencyIsoCode").expect("CurrencyIsoCode");
    for (key, want) in [
        ("type", json!("picklist")),
        ("label", json!("Opportunity Currency")),
        ("restrictedPicklist", json!(true)),
        ("defaultedOnCreate", json!(true)),
        ("createable", json!(true)),
        ("updateable", json!(true)),
        ("filterable", json!(true)),
        ("length", json!(3)),
    ] {
        assert_eq!(code[key], want, "{key}");
    }
    let labels: Vec<&str> = code["picklistValues"].as_array().expect("values").iter().filter_map(|p| p["label"].as_str()).collect();
    assert_eq!(labels, ["EUR - Euro", "GBP - British Pound", "JPY - Japanese Yen", "USD - U.S. Dollar"]);
    let account = org.get("/services/data/v62.0/sobjects/Account/describe", &ian).await.body;
    assert_eq!(field(&account, "CurrencyIsoCode").map(|f| f["label"].clone()), Some(json!("Account Currency")));

    // Created without a currency, a record is in its creator's default currency.
    let body = json!({"Name": "Currency default", "StageName": "Prospecting", "CloseDate": "2026-06-30", "Amount": 1000});
    for (token, want) in [(&ian, "USD"), (&lena, "EUR")] {
        let id = org.create(token, "Opportunity", body.clone()).await;
        let read = org.get(&format!("/services/data/v62.0/sobjects/Opportunity/{id}?fields=CurrencyIsoCode,Amount"), token).await.body;
        assert_eq!((read["CurrencyIsoCode"].clone(), read["Amount"].clone()), (json!(want), json!(1000.0)), "amounts are kept as given, never converted");
    }
    let id = org
        .create(
            &lena,
            "Opportunity",
            json!({"Name": "In yen", "StageName": "Prospecting", "CloseDate": "2026-06-30", "Amount": 4_747_500, "CurrencyIsoCode": "JPY"}),
        )
        .await;
    let read = org.query(&lena, &format!("SELECT Amount, CurrencyIsoCode FROM Opportunity WHERE Id = '{id}'")).await;
    assert_eq!((records(&read)[0]["Amount"].clone(), records(&read)[0]["CurrencyIsoCode"].clone()), (json!(4_747_500.0), json!("JPY")));

    // A code the org does not offer, unknown or inactive, is refused as a
    // restricted picklist refuses any other value.
    for bad in ["XYZ", "CAD", "usd"] {
        let mut with = body.clone();
        with["CurrencyIsoCode"] = json!(bad);
        let answer = org.send("POST", "/services/data/v62.0/sobjects/Opportunity", Some(&ian), &[], &with.to_string()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(
            answer.body,
            json!([{"message": format!("Opportunity Currency: bad value for restricted picklist field: {bad}"), "errorCode": "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "fields": ["CurrencyIsoCode"]}]),
            "{bad}"
        );
    }
    let update = org.send("PATCH", &format!("/services/data/v62.0/sobjects/Opportunity/{id}"), Some(&lena), &[], r#"{"CurrencyIsoCode":"GBP"}"#).await;
    assert_eq!(update.status, StatusCode::NO_CONTENT, "{}", update.body);
    let filtered = org.query(&lena, "SELECT Name FROM Opportunity WHERE CurrencyIsoCode = 'GBP'").await;
    assert_eq!(records(&filtered).len(), 1);
}

#[tokio::test]
async fn the_demo_has_reps_abroad_with_deals_in_their_currencies() {
    let org = demo();
    let lena = session(&org, seed::DEMO_USER_LENA);
    let users = org.query(&lena, "SELECT Username, LocaleSidKey, LanguageLocaleKey, TimeZoneSidKey, DefaultCurrencyIsoCode FROM User ORDER BY Username").await;
    let got: Vec<Vec<String>> = records(&users)
        .iter()
        .map(|u| {
            ["Username", "LocaleSidKey", "LanguageLocaleKey", "TimeZoneSidKey", "DefaultCurrencyIsoCode"]
                .iter()
                .map(|k| u[*k].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .collect();
    let row = |cells: [&str; 5]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    assert!(got.contains(&row([seed::DEMO_USER_LENA, "de_DE", "de", "Europe/Berlin", "EUR"])), "{got:?}");
    assert!(got.contains(&row([seed::DEMO_USER_KENJI, "ja_JP", "ja", "Asia/Tokyo", "JPY"])), "{got:?}");
    assert!(got.contains(&row([seed::DEMO_USER_IAN, "en_US", "en_US", "America/Los_Angeles", "USD"])), "{got:?}");

    for (username, locale, language, zone) in [(seed::DEMO_USER_LENA, "de_DE", "de", "Europe/Berlin"), (seed::DEMO_USER_KENJI, "ja_JP", "ja", "Asia/Tokyo")] {
        let token = session(&org, username);
        let info = org.send("GET", "/services/oauth2/userinfo", Some(&token), &[], "").await;
        assert_eq!(info.status, StatusCode::OK, "{}", info.body);
        assert_eq!(
            (info.body["locale"].clone(), info.body["language"].clone(), info.body["zoneinfo"].clone()),
            (json!(locale), json!(language), json!(zone)),
            "{username}"
        );
    }

    // The Workspace help's example: JPY 4,747,500 closing in the 113.0 range.
    let saito = org
        .query(
            &lena,
            "SELECT Amount, CurrencyIsoCode, CloseDate, StageName, Account.Name, Owner.Username FROM Opportunity WHERE Name = 'Saito - Ground-mounted Panels'",
        )
        .await;
    let saito = records(&saito).first().cloned().expect("Saito");
    assert_eq!(
        (
            saito["Amount"].clone(),
            saito["CurrencyIsoCode"].clone(),
            saito["StageName"].clone(),
            saito["Account"]["Name"].clone(),
            saito["Owner"]["Username"].clone()
        ),
        (json!(4_747_500.0), json!("JPY"), json!("Prospecting"), json!("Saito Family Laundromats."), json!(seed::DEMO_USER_LENA))
    );
    let close = saito["CloseDate"].as_str().expect("CloseDate");
    let rate = org
        .query(&lena, &format!("SELECT ConversionRate FROM DatedConversionRate WHERE IsoCode = 'JPY' AND StartDate <= {close} AND NextStartDate > {close}"))
        .await;
    let rate = records(&rate)[0]["ConversionRate"].as_f64().expect("rate");
    assert!((4_747_500.0 / rate - 42_013.27).abs() < 0.01, "USD {}", 4_747_500.0 / rate);

    let mine = records(&org.query(&lena, "SELECT CurrencyIsoCode, CloseDate FROM Opportunity WHERE Owner.Username = 'lena@sidecar.devorg'").await);
    let currencies: std::collections::BTreeSet<&str> = mine.iter().filter_map(|o| o["CurrencyIsoCode"].as_str()).collect();
    assert_eq!(currencies.into_iter().collect::<Vec<_>>(), ["EUR", "JPY", "USD"]);
    assert!(mine.iter().any(|o| o["CloseDate"].as_str().is_some_and(|d| d >= "2026-12-31")), "one deal worth a bulk edit of its close date");
    let kenji = session(&org, seed::DEMO_USER_KENJI);
    let his = records(&org.query(&kenji, "SELECT CurrencyIsoCode FROM Opportunity WHERE Owner.Username = 'kenji@sidecar.devorg'").await);
    assert!(his.len() >= 3 && his.iter().all(|o| o["CurrencyIsoCode"] == "JPY"), "{his:?}");

    // To-dos due today for both, as Ian has.
    for (token, username) in [(&lena, seed::DEMO_USER_LENA), (&kenji, seed::DEMO_USER_KENJI)] {
        let soql = format!("SELECT Subject FROM Task WHERE Owner.Username = '{username}' AND IsClosed = false AND ActivityDate = {}", today());
        assert!(!records(&org.query(token, &soql).await).is_empty(), "{username} has something due today");
    }
    // Ian's records, seeded before the two reps, are all in USD.
    let ian = session(&org, seed::DEMO_USER_IAN);
    let theirs = records(&org.query(&ian, "SELECT CurrencyIsoCode FROM Account WHERE Owner.Username = 'ian@sidecar.devorg'").await);
    assert!(!theirs.is_empty() && theirs.iter().all(|a| a["CurrencyIsoCode"] == "USD"));
}

#[tokio::test]
async fn a_single_currency_org_has_no_currency_anywhere() {
    let org = Org::new();
    let summary = seed::seed(&org.state.db, &org.state.schema, Profile::Demo, today()).expect("seed");
    let token = session(&org, seed::DEMO_USER_IAN);
    let global = org.get("/services/data/v62.0/sobjects", &token).await.body;
    let names: Vec<&str> = global["sobjects"].as_array().expect("sobjects").iter().filter_map(|o| o["name"].as_str()).collect();
    assert!(!names.contains(&"CurrencyType") && !names.contains(&"DatedConversionRate"));
    for object in names.iter().filter(|n| !n.ends_with("History")) {
        let describe = org.get(&format!("/services/data/v62.0/sobjects/{object}/describe"), &token).await.body;
        assert!(field(&describe, "CurrencyIsoCode").is_none() && field(&describe, "DefaultCurrencyIsoCode").is_none(), "{object}");
    }
    let answer = org.query(&token, "SELECT IsoCode FROM CurrencyType").await;
    assert_eq!((answer.status, answer.body[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("INVALID_TYPE")));
    let answer = org.query(&token, "SELECT CurrencyIsoCode FROM Opportunity").await;
    assert_eq!((answer.status, answer.body[0]["errorCode"].clone()), (StatusCode::BAD_REQUEST, json!("INVALID_FIELD")));

    // The multi-currency demo is the same demo plus the two reps abroad and theirs.
    let multi = Org::with_schema(multi_currency());
    let more = seed::seed(&multi.state.db, &multi.state.schema, Profile::Demo, today()).expect("seed");
    let added = [("User", 2), ("Account", 5), ("Contact", 5), ("Opportunity", 10), ("Task", 8)];
    for (object, _) in &summary.counts {
        let extra = added.iter().find(|(o, _)| o == object).map_or(0, |(_, n)| *n);
        assert_eq!(more.count(object), summary.count(object) + extra, "{object}");
    }
    assert!(records(&org.query(&token, "SELECT Id FROM User WHERE Username = 'lena@sidecar.devorg'").await).is_empty());
}
