//! The `demo` profile in a multi-currency org (`--multi-currency`): two more
//! reps abroad, with their companies, deals in several currencies and to-dos.
//! Seeded after everything else, so every record of the single-currency demo
//! is there unchanged (in USD: Ian and the others default to USD).
//!
//! Lena Vogel works from Berlin (de_DE, German, EUR) and owns deals in EUR,
//! USD and JPY, among them the Workspace help's example, "Saito -
//! Ground-mounted Panels" at JPY 4,747,500 (USD 42,013.27 at the current
//! JPY rate of 113.0) on "Saito Family Laundromats.", and one closing on
//! 2026-12-31 or later. Kenji Sato works from Tokyo (ja_JP, Japanese, JPY)
//! and owns the Japanese companies and deals in JPY. Both have the Standard
//! User profile and the Sidecar User permission set, as Ian has, and to-dos
//! due today and this week.

use salesforce_rest::SfId;
use salesforce_rest::soql::Date;
use serde_json::json;

use super::demo::{Org, STAGES, create_dated};
use super::demo_activity::{create_task, todo};
use super::seeder::{NewUser, Seeder};
use super::{DEMO_PASSWORD, DEMO_USER_KENJI, DEMO_USER_LENA, SeedError};

/// The day at or after which one of Lena's deals closes, so that a bulk
/// edit of close dates has a deal far enough out to change.
const LATE_CLOSE: &str = "2026-12-31";

/// A company of the two reps: (name, city, country, industry, owner is Lena).
const COMPANIES: [(&str, &str, &str, &str, bool); 5] = [
    ("Saito Family Laundromats.", "Osaka", "JP", "Other", false),
    ("Kobayashi Foods", "Tokyo", "JP", "Food & Beverage", false),
    ("Tanaka Precision", "Nagoya", "JP", "Machinery", false),
    ("Bergmann Logistik GmbH", "Hamburg", "DE", "Transportation", true),
    ("Brauerei Hofmann", "München", "DE", "Food & Beverage", true),
];

/// One person per company, at the company's domain: (first, last, title, email).
const PEOPLE: [(&str, &str, &str, &str); 5] = [
    ("Haruto", "Saito", "Owner", "haruto.saito@saito-laundromats.jp"),
    ("Yui", "Kobayashi", "Head of IT", "yui.kobayashi@kobayashi-foods.jp"),
    ("Ren", "Tanaka", "Plant Manager", "ren.tanaka@tanaka-precision.jp"),
    ("Felix", "Bergmann", "Geschäftsführer", "felix.bergmann@bergmann-logistik.de"),
    ("Anna", "Hofmann", "Leiterin Einkauf", "anna.hofmann@brauerei-hofmann.de"),
];

/// A deal: (owner is Lena, company index or None for Initech, name, currency,
/// amount, stage index in `STAGES`, close in days from today).
type Deal = (bool, Option<usize>, &'static str, &'static str, f64, usize, i64);

pub fn seed(s: &mut Seeder<'_>, org: &Org) -> Result<(), SeedError> {
    let lena = s.user(
        NewUser {
            first: "Lena",
            last: "Vogel",
            username: DEMO_USER_LENA,
            alias: "lvogel",
            title: "Account Executive, DACH",
            time_zone: "Europe/Berlin",
            locale: "de_DE",
            language: "de",
            currency: "EUR",
            profile: &org.standard_profile,
        },
        Some(&org.admin),
        DEMO_PASSWORD,
    )?;
    let kenji = s.user(
        NewUser {
            first: "Kenji",
            last: "Sato",
            username: DEMO_USER_KENJI,
            alias: "ksato",
            title: "Account Executive, Japan",
            time_zone: "Asia/Tokyo",
            locale: "ja_JP",
            language: "ja",
            currency: "JPY",
            profile: &org.standard_profile,
        },
        Some(&org.admin),
        DEMO_PASSWORD,
    )?;
    for rep in [&lena, &kenji] {
        crate::access::assign_sidecar_user(s.conn, rep)?;
    }

    // Companies and people take their owner's currency (no CurrencyIsoCode given).
    let mut companies = Vec::new();
    let mut people = Vec::new();
    for ((name, city, country, industry, lenas), (first, last, title, email)) in COMPANIES.iter().zip(PEOPLE) {
        let owner = if *lenas { &lena } else { &kenji };
        let domain = email.split('@').nth(1).unwrap_or_default();
        let body = json!({
            "Name": name, "Website": format!("https://www.{domain}"), "Industry": industry, "Type": "Prospect", "Rating": "Warm",
            "BillingCity": city, "BillingCountry": country, "ShippingCity": city, "ShippingCountry": country,
            "AnnualRevenue": if *lenas { 48_000_000.0 } else { 3_800_000_000.0 },
        });
        let account = create_dated(s, "Account", &body, owner, 60)?;
        let body = json!({
            "FirstName": first, "LastName": last, "AccountId": account.as_str(), "Title": title, "Email": email,
            "MailingCity": city, "MailingCountry": country,
        });
        people.push(create_dated(s, "Contact", &body, owner, 50)?);
        companies.push(account);
    }

    let late = late_close(s.today);
    let deals: [Deal; 10] = [
        (true, Some(0), "Saito - Ground-mounted Panels", "JPY", 4_747_500.0, 0, 40),
        (true, Some(3), "Bergmann Logistik - Warehouse Robots", "EUR", 185_000.0, 7, 21),
        (true, Some(3), "Bergmann Logistik - Support Renewal", "EUR", 42_500.0, 6, late),
        (true, Some(4), "Brauerei Hofmann - Analytics Platform", "EUR", 68_000.0, 1, 75),
        (true, None, "Initech Software - EMEA Expansion", "USD", 64_000.0, 3, 55),
        (true, Some(4), "Brauerei Hofmann - Pilot Program", "EUR", 12_000.0, 8, -12),
        (false, Some(1), "Kobayashi Foods - Cloud Migration", "JPY", 12_800_000.0, 3, 55),
        (false, Some(2), "Tanaka Precision - Robotics Line", "JPY", 36_500_000.0, 4, 90),
        (false, Some(0), "Saito Family Laundromats. - Support Plan", "JPY", 980_000.0, 8, -20),
        (false, Some(1), "Kobayashi Foods - Analytics Pilot", "JPY", 2_200_000.0, 2, 30),
    ];
    let initech = org.accounts.get(1).map(|a| a.id.clone());
    let mut opportunities = Vec::new();
    for (lenas, company, name, currency, amount, stage, close) in deals {
        let (stage_name, probability, forecast) = STAGES[stage];
        let account = company.and_then(|c| companies.get(c)).or(initech.as_ref());
        let body = json!({
            "Name": name, "AccountId": account.map(SfId::as_str), "StageName": stage_name, "Amount": amount, "CurrencyIsoCode": currency,
            "Probability": probability, "ForecastCategoryName": forecast, "CloseDate": s.day(close), "Type": "New Customer",
            "LeadSource": "Partner Referral",
        });
        let owner = if lenas { &lena } else { &kenji };
        let created = if close < 0 { -close + 40 } else { 30 };
        opportunities.push(create_dated(s, "Opportunity", &body, owner, created)?);
    }

    let (saito, bergmann, hofmann, kobayashi, tanaka) = (&people[0], &people[3], &people[4], &people[1], &people[2]);
    let lenas = [
        todo("Follow up on the Bergmann contract redlines", Some(-2), "In Progress", "High", Some(bergmann), opportunities.get(1)),
        todo("Call Felix Bergmann about the renewal", Some(0), "Not Started", "High", Some(bergmann), opportunities.get(2)),
        todo("Send the Saito proposal in JPY", Some(0), "Not Started", "Normal", Some(saito), opportunities.first()),
        todo("Prepare the Hofmann analytics demo", Some(2), "Not Started", "Normal", Some(hofmann), opportunities.get(3)),
        todo("Confirm EMEA pricing with Initech", Some(4), "Not Started", "Low", None, opportunities.get(4)),
    ];
    for t in &lenas {
        create_task(s, &lena, t)?;
    }
    let kenjis = [
        todo("Call Yui Kobayashi about the migration plan", Some(0), "Not Started", "High", Some(kobayashi), opportunities.get(6)),
        todo("Send Tanaka Precision the robotics quote", Some(1), "In Progress", "Normal", Some(tanaka), opportunities.get(7)),
        todo("Book a site visit at Saito Family Laundromats.", Some(3), "Not Started", "Normal", Some(saito), companies.first()),
    ];
    for t in &kenjis {
        create_task(s, &kenji, t)?;
    }
    Ok(())
}

/// Days from `today` to the later of 120 days out and [`LATE_CLOSE`].
fn late_close(today: Date) -> i64 {
    let fixed = Date::parse(LATE_CLOSE).map_or(0, |d| d.days_since_epoch() - today.days_since_epoch());
    fixed.max(120)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_deal_closes_on_the_last_day_of_2026_or_later() {
        let cases = [("2026-03-10", 296), ("2026-12-03", 120), ("2025-12-31", 365)];
        for (today, days) in cases {
            let today = Date::parse(today).expect("date");
            assert_eq!(late_close(today), days, "{today}");
            assert!(today.add_days(late_close(today)).to_string().as_str() >= LATE_CLOSE);
        }
    }
}
