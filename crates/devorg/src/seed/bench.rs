//! The `bench` profile: tens of thousands of records for measuring the
//! workspace, query and search at scale (5,000 accounts, 20,000 contacts,
//! 10,000 leads, 12,000 opportunities, 10,000 tasks), all owned by
//! [`BENCH_USER`](super::BENCH_USER). Records still go through the API's
//! validation; system dates are back-dated afterwards in one UPDATE per
//! object instead of one per record.

use salesforce_rest::SfId;
use serde_json::json;

use super::names::{CITIES, COMPANY_NOUNS, COMPANY_STEMS, DEALS, FIRST_NAMES, LAST_NAMES, LEAD_INDUSTRIES, LEAD_SOURCES, TASK_SUBJECTS, TITLES};
use super::seeder::{NewUser, Seeder};
use super::{BENCH_USER, DEMO_ADMIN, DEMO_PASSWORD, SeedError};

pub const ACCOUNTS: usize = 5_000;
pub const CONTACTS_PER_ACCOUNT: usize = 4;
pub const LEADS: usize = 10_000;
pub const OPPORTUNITIES: usize = 12_000;
pub const TASKS: usize = 10_000;

const STAGES: &[&str] = &[
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Id. Decision Makers",
    "Perception Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
];
const TASK_STATUSES: &[&str] = &["Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"];

fn user<'a>(first: &'a str, last: &'a str, username: &'a str, alias: &'a str, title: &'a str, profile: &'a SfId) -> NewUser<'a> {
    NewUser::us(first, last, username, alias, title, "America/Los_Angeles", profile)
}

pub fn seed(s: &mut Seeder<'_>) -> Result<(), SeedError> {
    let profiles = s.profiles()?;
    let admin = s.user(user("Avery", "Admin", DEMO_ADMIN, "aadmin", "System Administrator", &profiles.admin), None, DEMO_PASSWORD)?;
    crate::auth::make_admin(s.conn, &admin)?;
    let bench = s.user(user("Bailey", "Bench", BENCH_USER, "bbench", "Account Executive", &profiles.standard), Some(&admin), DEMO_PASSWORD)?;
    crate::access::assign_sidecar_user(s.conn, &bench)?;
    let body = json!({"Name": "Sidecar Settings (Organization)", "SetupOwnerId": super::org_setup_owner(), "Use_Across_The_Web__c": true});
    let settings = s.create("Sidecar_Settings__c", &body, &admin)?;
    let since = s.at(1000, 16 * 60);
    s.stamp("Sidecar_Settings__c", &settings, &since, &since)?;

    let mut accounts = Vec::with_capacity(ACCOUNTS);
    let mut contacts = Vec::with_capacity(ACCOUNTS * CONTACTS_PER_ACCOUNT);
    for i in 0..ACCOUNTS {
        let (stem, (noun, industry, tld)) = (*s.rng.pick(COMPANY_STEMS), *s.rng.pick(COMPANY_NOUNS));
        let (city, state, area) = *s.rng.pick(CITIES);
        let domain = format!("{}{}{i}.{tld}", stem.to_lowercase(), noun.to_lowercase());
        let body = json!({
            "Name": format!("{stem} {noun} {i:04}"), "Website": format!("https://www.{domain}"), "Industry": industry,
            "Phone": format!("+1 {area} 555 {:04}", i % 10_000), "BillingCity": city, "BillingState": state, "BillingCountry": "US",
            "Type": *s.rng.pick(&["Prospect", "Customer - Direct", "Customer - Channel"]), "NumberOfEmployees": s.rng.range(5, 20_000),
            "AnnualRevenue": s.rng.range(1, 5_000) * 10_000,
        });
        let account = s.create("Account", &body, &bench)?;
        for _ in 0..CONTACTS_PER_ACCOUNT {
            let (first, last) = (*s.rng.pick(FIRST_NAMES), *s.rng.pick(LAST_NAMES));
            let (title, department) = *s.rng.pick(TITLES);
            let n = contacts.len();
            let body = json!({
                "FirstName": first, "LastName": last, "AccountId": account.as_str(), "Title": title, "Department": department,
                "Email": format!("{}.{}{n}@{domain}", first.to_lowercase(), last.to_lowercase()), "MailingCity": city,
                "LeadSource": *s.rng.pick(LEAD_SOURCES),
            });
            contacts.push(s.create("Contact", &body, &bench)?);
        }
        accounts.push(account);
    }
    for i in 0..LEADS {
        let (first, last) = (*s.rng.pick(FIRST_NAMES), *s.rng.pick(LAST_NAMES));
        let (stem, (noun, _, tld)) = (*s.rng.pick(COMPANY_STEMS), *s.rng.pick(COMPANY_NOUNS));
        let body = json!({
            "FirstName": first, "LastName": last, "Company": format!("{stem} {noun} Prospects {i:05}"),
            "Email": format!("{}.{}@{}{}{i}.{tld}", first.to_lowercase(), last.to_lowercase(), stem.to_lowercase(), noun.to_lowercase()),
            "Status": *s.rng.pick(&["Open - Not Contacted", "Working - Contacted", "Closed - Not Converted"]),
            "LeadSource": *s.rng.pick(LEAD_SOURCES), "Industry": *s.rng.pick(LEAD_INDUSTRIES),
        });
        s.create("Lead", &body, &bench)?;
    }
    for i in 0..OPPORTUNITIES {
        let account = &accounts[i % accounts.len()];
        let stage = *s.rng.pick(STAGES);
        let close = if stage.starts_with("Closed") { -s.rng.range(1, 365) } else { s.rng.range(-20, 365) };
        let body = json!({
            "Name": format!("{} {i:05}", s.rng.pick(DEALS)), "AccountId": account.as_str(), "StageName": stage,
            "CloseDate": s.day(close), "Amount": s.rng.range(2, 400) * 1_000,
        });
        s.create("Opportunity", &body, &bench)?;
    }
    for i in 0..TASKS {
        let who = &contacts[(i * 7) % contacts.len()];
        let offset = s.rng.range(-60, 60);
        let due = if i % 10 == 0 { None } else { Some(s.day(offset)) };
        let body = json!({
            "Subject": *s.rng.pick(TASK_SUBJECTS), "ActivityDate": due, "WhoId": who.as_str(),
            "Status": *s.rng.pick(TASK_STATUSES), "Priority": *s.rng.pick(&["High", "Normal", "Low"]),
        });
        s.create("Task", &body, &bench)?;
    }
    for object in ["Account", "Contact", "Lead", "Opportunity", "Task"] {
        backdate(s, object)?;
    }
    Ok(())
}

/// Spreads CreatedDate over the last 400 days and LastModifiedDate between
/// it and yesterday, from each row's rowid (deterministic), in one UPDATE.
fn backdate(s: &Seeder<'_>, object: &str) -> Result<(), SeedError> {
    let o = s.object(object)?;
    let created_days = "((rowid * 7919) % 400 + 1)";
    let modified_days = format!("max(1, {created_days} * ((rowid * 31) % 100) / 100)");
    let minutes = "printf('+%d minutes', (rowid * 104729) % 540 + 900)";
    let stamp = |days: &str| format!("strftime('%Y-%m-%dT%H:%M:%S.000+0000', ?1, printf('-%d days', {days}), {minutes})");
    let sql = format!(
        "UPDATE {} SET \"CreatedDate\" = {}, \"LastModifiedDate\" = {m}, \"SystemModstamp\" = {m}",
        o.table(),
        stamp(created_days),
        m = stamp(&modified_days)
    );
    s.conn.execute(&sql, [s.today.to_string()])?;
    Ok(())
}
