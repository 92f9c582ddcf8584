//! The `demo` profile: a small believable sales org around Ian Wright.
//! Users and the org setting, then accounts with their contacts, leads,
//! opportunities in every stage, cases, contracts and quotes; Ian's to-dos,
//! tracked emails and engagement alerts are in `demo_activity` and the
//! service side in `demo_service`, both seeded after this by `seed::seed`.
//!
//! The companies and people of the demo pages (`crates/devorg/demo/README.md`,
//! "Expected in CRM") are created first, with exactly the pages' details.

use salesforce_rest::SfId;
use serde_json::{Value as Json, json};

use super::names::{CITIES, COMPANY_NOUNS, COMPANY_STEMS, DEALS, FIRST_NAMES, LAST_NAMES, LEAD_INDUSTRIES, LEAD_SOURCES, PRODUCTS, STREETS, TITLES};
use super::seeder::{NewUser, Seeder};
use super::{DEMO_ADMIN, DEMO_PASSWORD, DEMO_REPS, DEMO_USER_IAN, SeedError};

/// An account and what its contacts' emails are made of.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: SfId,
    pub name: String,
    pub owner: SfId,
    pub customer: bool,
}

/// A contact or lead.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: SfId,
    pub name: String,
    pub email: String,
    pub owner: SfId,
    /// The contact's account (None for leads).
    pub account: Option<SfId>,
}

#[derive(Debug, Clone)]
pub struct Opportunity {
    pub id: SfId,
    pub name: String,
    pub account: SfId,
    pub owner: SfId,
    pub stage: &'static str,
}

/// What the activity part of the demo hangs off.
#[derive(Debug)]
pub struct Org {
    /// Avery Admin, who created the users.
    pub admin: SfId,
    /// The "Standard User" profile, the reps'.
    pub standard_profile: SfId,
    pub ian: SfId,
    pub reps: Vec<SfId>,
    pub accounts: Vec<Account>,
    pub contacts: Vec<Person>,
    pub leads: Vec<Person>,
    pub opportunities: Vec<Opportunity>,
}

/// (stage, probability, forecast category)
pub(super) const STAGES: [(&str, u8, &str); 10] = [
    ("Prospecting", 10, "Pipeline"),
    ("Qualification", 10, "Pipeline"),
    ("Needs Analysis", 20, "Pipeline"),
    ("Value Proposition", 50, "Pipeline"),
    ("Id. Decision Makers", 60, "Pipeline"),
    ("Perception Analysis", 70, "Best Case"),
    ("Proposal/Price Quote", 75, "Best Case"),
    ("Negotiation/Review", 90, "Commit"),
    ("Closed Won", 100, "Closed"),
    ("Closed Lost", 0, "Omitted"),
];

/// The users, the setting and the records; the [`Org`] they make, which
/// `demo_service` and `demo_activity` add to (the caller runs them, so
/// neither they nor this module need the other).
pub fn seed(s: &mut Seeder<'_>) -> Result<Org, SeedError> {
    let profiles = s.profiles()?;
    let (sysadmin, standard) = (&profiles.admin, &profiles.standard);
    let admin = s.user(user("Avery", "Admin", DEMO_ADMIN, "aadmin", "System Administrator", "America/Los_Angeles", sysadmin), None, DEMO_PASSWORD)?;
    crate::auth::make_admin(s.conn, &admin)?;
    let ian = s.user(user("Ian", "Wright", DEMO_USER_IAN, "iwright", "Account Executive", "America/Los_Angeles", standard), Some(&admin), DEMO_PASSWORD)?;
    let mut reps = Vec::new();
    for (username, (first, last, alias, title, zone)) in DEMO_REPS.iter().zip([
        ("Maya", "Patel", "mpatel", "Account Executive", "America/Chicago"),
        ("Leo", "Park", "lpark", "Sales Development Representative", "America/New_York"),
        ("Nora", "Fischer", "nfischer", "Account Executive", "Europe/Berlin"),
    ]) {
        reps.push(s.user(user(first, last, username, alias, title, zone, standard), Some(&admin), DEMO_PASSWORD)?);
    }
    // The reps have the Sidecar User permission set (salesforce/), which lets
    // Standard User profiles read the org's switch (crate::access).
    for rep in std::iter::once(&ian).chain(&reps) {
        crate::access::assign_sidecar_user(s.conn, rep)?;
    }
    // The org-wide row of the hierarchy setting: SetupOwnerId is the org.
    let settings = s.create(
        "Sidecar_Settings__c",
        &json!({"Name": "Sidecar Settings (Organization)", "SetupOwnerId": super::org_setup_owner(), "Use_Across_The_Web__c": true}),
        &admin,
    )?;
    let since = s.at(1000, 16 * 60);
    s.stamp("Sidecar_Settings__c", &settings, &since, &since)?;

    let mut org =
        Org { admin, standard_profile: standard.clone(), ian, reps, accounts: Vec::new(), contacts: Vec::new(), leads: Vec::new(), opportunities: Vec::new() };
    page_records(s, &mut org)?;
    generated_accounts(s, &mut org)?;
    generated_leads(s, &mut org)?;
    opportunities(s, &mut org)?;
    Ok(org)
}

fn user<'a>(first: &'a str, last: &'a str, username: &'a str, alias: &'a str, title: &'a str, time_zone: &'a str, profile: &'a SfId) -> NewUser<'a> {
    NewUser::us(first, last, username, alias, title, time_zone, profile)
}

/// A fictional phone number (555-01xx), never one printed on a demo page.
fn phone(s: &mut Seeder<'_>, area: &str) -> String {
    let mut n = s.rng.range(100, 199);
    if [134, 178, 190].contains(&n) {
        n += 1;
    }
    format!("+1 {area} 555 0{n}")
}

/// Creates a record and back-dates it: created `created` days ago, last
/// modified some day since.
pub(super) fn create_dated(s: &mut Seeder<'_>, object: &str, body: &Json, owner: &SfId, created: i64) -> Result<SfId, SeedError> {
    let id = s.create(object, body, owner)?;
    let modified = s.rng.range(0, created.min(45));
    let (created_at, modified_at) = (s.work_time(created), s.work_time(modified));
    s.stamp(object, &id, &created_at, &modified_at)?;
    Ok(id)
}

/// Acme Robotics, Initech Software, Northwind Traders and their people.
fn page_records(s: &mut Seeder<'_>, org: &mut Org) -> Result<(), SeedError> {
    let ian = org.ian.clone();
    let body = json!({
        "Name": "Acme Robotics", "Website": "https://acmerobotics.com", "Phone": "+1 415 555 0134",
        "Industry": "Machinery", "Type": "Customer - Direct", "Rating": "Hot", "Ownership": "Private",
        "Description": "Autonomous warehouse robots.", "NumberOfEmployees": 420, "AnnualRevenue": 68_000_000,
        "BillingStreet": "500 Howard Street, Suite 300", "BillingCity": "San Francisco", "BillingState": "CA",
        "BillingPostalCode": "94105", "BillingCountry": "US",
        "LinkedIn_URL__c": "https://www.linkedin.com/company/acme-robotics",
        "Product_Interest__c": "Robotics;Analytics;Support", "Customer_Since__c": s.day(-540), "Health_Score__c": 82.5,
    });
    let acme = create_dated(s, "Account", &body, &ian, 700)?;
    let body = json!({
        "Name": "Initech Software", "Website": "https://initech.io", "Phone": "+1 512 555 0147",
        "Industry": "Technology", "Type": "Prospect", "Rating": "Warm", "Ownership": "Private",
        "Description": "Workflow automation for finance and operations teams.", "NumberOfEmployees": 180,
        "BillingCity": "Austin", "BillingState": "TX", "BillingCountry": "US", "Product_Interest__c": "Analytics;Cloud",
    });
    let initech = create_dated(s, "Account", &body, &ian, 120)?;
    let body = json!({
        "Name": "Northwind Traders", "Website": "https://northwindtraders.com", "Phone": "+1 206 555 0112",
        "Industry": "Food & Beverage", "Type": "Prospect", "Rating": "Warm",
        "Description": "Specialty food imports.", "NumberOfEmployees": 950,
        "BillingCity": "Seattle", "BillingState": "WA", "BillingCountry": "US",
    });
    let northwind = create_dated(s, "Account", &body, &ian, 60)?;
    for (id, name, customer) in [(&acme, "Acme Robotics", true), (&initech, "Initech Software", false), (&northwind, "Northwind Traders", false)] {
        org.accounts.push(Account { id: id.clone(), name: name.into(), owner: ian.clone(), customer });
    }

    let body = json!({
        "FirstName": "Maria", "LastName": "Chen", "AccountId": acme.as_str(), "Title": "VP Engineering", "Department": "Engineering",
        "Email": "maria.chen@acmerobotics.com", "Phone": "+1 415 555 0161", "LeadSource": "Trade Show",
        "MailingCity": "San Francisco", "MailingState": "CA", "MailingCountry": "US",
    });
    let maria = create_dated(s, "Contact", &body, &ian, 500)?;
    let body = json!({
        "FirstName": "Jonas", "LastName": "Weber", "AccountId": initech.as_str(), "Title": "Director of Customer Success",
        "Department": "Customer Success", "Email": "jonas.weber@initech.io", "LeadSource": "Web",
        "MailingCity": "Austin", "MailingState": "TX", "MailingCountry": "US",
    });
    let jonas = create_dated(s, "Contact", &body, &ian, 90)?;
    org.contacts.push(Person { id: maria, name: "Maria Chen".into(), email: "maria.chen@acmerobotics.com".into(), owner: ian.clone(), account: Some(acme) });
    org.contacts.push(Person { id: jonas, name: "Jonas Weber".into(), email: "jonas.weber@initech.io".into(), owner: ian.clone(), account: Some(initech) });

    let body = json!({
        "FirstName": "David", "LastName": "Okafor", "Company": "Acme Robotics", "Title": "Head of Sales",
        "Email": "david.okafor@acmerobotics.com", "Phone": "+1 415 555 0178", "Website": "https://acmerobotics.com",
        "Status": "Working - Contacted", "LeadSource": "Partner Referral", "Industry": "Manufacturing", "Rating": "Hot",
        "City": "San Francisco", "State": "CA", "Country": "US", "Product_Interest__c": "Robotics",
    });
    let david = create_dated(s, "Lead", &body, &ian, 25)?;
    let body = json!({
        "FirstName": "Sofia", "LastName": "Alvarez", "Company": "Northwind Traders", "Title": "Procurement Lead",
        "Email": "sofia.alvarez@northwindtraders.com", "Phone": "+1 206 555 0190", "Website": "https://northwindtraders.com",
        "LinkedIn_URL__c": "https://www.linkedin.com/in/sofia-alvarez-nw", "Status": "Open - Not Contacted", "LeadSource": "Web",
        "Industry": "Retail", "Rating": "Warm", "City": "Seattle", "State": "WA", "Country": "US", "IsUnreadByOwner": true,
    });
    let sofia = create_dated(s, "Lead", &body, &ian, 9)?;
    org.leads.push(Person { id: david, name: "David Okafor".into(), email: "david.okafor@acmerobotics.com".into(), owner: ian.clone(), account: None });
    org.leads.push(Person { id: sofia, name: "Sofia Alvarez".into(), email: "sofia.alvarez@northwindtraders.com".into(), owner: ian, account: None });
    Ok(())
}

/// Ian owns about 40% of what is generated; the other reps share the rest.
fn owner(s: &mut Seeder<'_>, org: &Org) -> SfId {
    if s.rng.chance(40) { org.ian.clone() } else { s.rng.pick(&org.reps).clone() }
}

/// A company name not used yet: (name, domain, industry).
fn company(s: &mut Seeder<'_>, used: &mut Vec<String>) -> (String, String, &'static str) {
    loop {
        let stem = s.rng.pick(COMPANY_STEMS);
        let (noun, industry, tld) = *s.rng.pick(COMPANY_NOUNS);
        let name = format!("{stem} {noun}");
        if !used.contains(&name) {
            used.push(name.clone());
            return (name, format!("{}{}.{tld}", stem.to_lowercase(), noun.to_lowercase()), industry);
        }
    }
}

/// A person's name not used yet: (first, last).
fn person_name(s: &mut Seeder<'_>, used: &mut Vec<String>) -> (&'static str, &'static str) {
    loop {
        let (first, last) = (*s.rng.pick(FIRST_NAMES), *s.rng.pick(LAST_NAMES));
        let name = format!("{first} {last}");
        if !used.contains(&name) {
            used.push(name);
            return (first, last);
        }
    }
}

fn products(s: &mut Seeder<'_>) -> String {
    PRODUCTS.iter().filter(|_| s.rng.chance(35)).copied().collect::<Vec<_>>().join(";")
}

const ACCOUNT_TYPES: &[&str] =
    &["Customer - Direct", "Customer - Direct", "Customer - Channel", "Prospect", "Prospect", "Channel Partner / Reseller", "Technology Partner"];

/// 42 accounts, each with 3-8 contacts at its domain.
fn generated_accounts(s: &mut Seeder<'_>, org: &mut Org) -> Result<(), SeedError> {
    let mut used: Vec<String> = org.accounts.iter().map(|a| a.name.clone()).collect();
    let mut people: Vec<String> = Vec::new();
    for _ in 0..42 {
        let (name, domain, industry) = company(s, &mut used);
        let (city, state, area) = *s.rng.pick(CITIES);
        let kind = *s.rng.pick(ACCOUNT_TYPES);
        let customer = kind.starts_with("Customer");
        let owner = owner(s, org);
        let employees = s.rng.range(12, 8000);
        let mut body = json!({
            "Name": name, "Website": format!("https://www.{domain}"), "Phone": phone(s, area), "Industry": industry, "Type": kind,
            "Rating": *s.rng.pick(&["Hot", "Warm", "Cold"]), "Ownership": *s.rng.pick(&["Public", "Private", "Private", "Subsidiary"]),
            "NumberOfEmployees": employees, "AnnualRevenue": employees * s.rng.range(90, 400) * 1000,
            "BillingStreet": format!("{} {}", s.rng.range(10, 2999), s.rng.pick(STREETS)), "BillingCity": city, "BillingState": state,
            "BillingPostalCode": format!("{:05}", s.rng.range(10_000, 99_999)), "BillingCountry": "US",
            "ShippingCity": city, "ShippingCountry": "US", "Product_Interest__c": products(s),
            "AccountNumber": format!("CD{:06}", s.rng.range(100_000, 999_999)),
        });
        if customer {
            let since = -s.rng.range(60, 1500);
            body["Customer_Since__c"] = json!(s.day(since));
            body["Health_Score__c"] = json!(s.rng.range(300, 990) as f64 / 10.0);
        }
        if s.rng.chance(50) {
            body["LinkedIn_URL__c"] = json!(format!("https://www.linkedin.com/company/{}", name.to_lowercase().replace(' ', "-")));
        }
        let created = s.rng.range(20, 900);
        let id = create_dated(s, "Account", &body, &owner, created)?;
        for _ in 0..s.rng.range(3, 8) {
            let (first, last) = person_name(s, &mut people);
            let (title, department) = *s.rng.pick(TITLES);
            let email = format!("{}.{}@{domain}", first.to_lowercase(), last.to_lowercase());
            let mut body = json!({
                "FirstName": first, "LastName": last, "AccountId": id.as_str(), "Title": title, "Department": department,
                "Email": email, "Phone": phone(s, area), "LeadSource": *s.rng.pick(LEAD_SOURCES),
                "MailingCity": city, "MailingState": state, "MailingCountry": "US",
                "Salutation": *s.rng.pick(&["Mr.", "Ms.", "Dr."]),
            });
            if s.rng.chance(30) {
                body["MobilePhone"] = json!(phone(s, area));
            }
            if s.rng.chance(8) {
                body["HasOptedOutOfEmail"] = json!(true);
            }
            // Contacts usually belong to the account's owner.
            let contact_owner = if s.rng.chance(85) { owner.clone() } else { self::owner(s, org) };
            let created = s.rng.range(5, created);
            let contact = create_dated(s, "Contact", &body, &contact_owner, created)?;
            org.contacts.push(Person { id: contact, name: format!("{first} {last}"), email, owner: contact_owner, account: Some(id.clone()) });
        }
        org.accounts.push(Account { id, name, owner, customer });
    }
    Ok(())
}

const LEAD_STATUSES: &[&str] = &["Open - Not Contacted", "Open - Not Contacted", "Working - Contacted", "Working - Contacted", "Closed - Not Converted"];

/// 78 leads at companies that are not accounts.
fn generated_leads(s: &mut Seeder<'_>, org: &mut Org) -> Result<(), SeedError> {
    let mut used: Vec<String> = org.accounts.iter().map(|a| a.name.clone()).collect();
    let mut people: Vec<String> = org.contacts.iter().chain(&org.leads).map(|p| p.name.clone()).collect();
    for i in 0..78 {
        let (company, domain, _) = company(s, &mut used);
        let (first, last) = person_name(s, &mut people);
        let (city, state, area) = *s.rng.pick(CITIES);
        let (title, _) = *s.rng.pick(TITLES);
        let email = format!("{}.{}@{domain}", first.to_lowercase(), last.to_lowercase());
        let mut body = json!({
            "FirstName": first, "LastName": last, "Company": company, "Title": title, "Email": email, "Phone": phone(s, area),
            "Website": format!("https://www.{domain}"), "Status": *s.rng.pick(LEAD_STATUSES), "LeadSource": *s.rng.pick(LEAD_SOURCES),
            "Industry": *s.rng.pick(LEAD_INDUSTRIES), "Rating": *s.rng.pick(&["Hot", "Warm", "Cold"]),
            "NumberOfEmployees": s.rng.range(5, 3000), "City": city, "State": state, "Country": "US", "Product_Interest__c": products(s),
        });
        // The newest few are unread, as freshly assigned web leads are.
        if i % 13 == 0 {
            body["IsUnreadByOwner"] = json!(true);
        }
        let owner = owner(s, org);
        let created = s.rng.range(1, 120);
        let id = create_dated(s, "Lead", &body, &owner, created)?;
        org.leads.push(Person { id, name: format!("{first} {last}"), email, owner, account: None });
    }
    Ok(())
}

/// 0-3 opportunities per account; the first ten cover every stage in order,
/// and the demo-page companies get scripted ones for Ian.
fn opportunities(s: &mut Seeder<'_>, org: &mut Org) -> Result<(), SeedError> {
    let scripted = [(0, "Warehouse Automation", 7), (0, "Support Renewal", 8), (1, "Analytics Platform", 6), (2, "Pilot Program", 1)];
    let mut plan: Vec<(usize, String, usize)> = scripted.iter().map(|(a, deal, stage)| (*a, format!("{} - {deal}", org.accounts[*a].name), *stage)).collect();
    for (a, account) in org.accounts.iter().enumerate().skip(3) {
        for _ in 0..s.rng.range(0, 3) {
            let stage = if plan.len() < 14 { plan.len() - 4 } else { s.rng.below(STAGES.len()) };
            plan.push((a, format!("{} - {}", account.name, s.rng.pick(DEALS)), stage));
        }
    }
    for (a, name, stage) in plan {
        let account = org.accounts[a].clone();
        let (stage_name, probability, forecast) = STAGES[stage % STAGES.len()];
        let closed = stage_name.starts_with("Closed");
        let close = if closed {
            -s.rng.range(3, 300)
        } else if s.rng.chance(12) {
            -s.rng.range(1, 20)
        } else {
            s.rng.range(3, 150)
        };
        let amount = s.rng.range(10, 500) * 500;
        let body = json!({
            "Name": &name, "AccountId": account.id.as_str(), "StageName": stage_name, "Amount": amount, "Probability": probability,
            "ForecastCategoryName": forecast, "CloseDate": s.day(close), "LeadSource": *s.rng.pick(LEAD_SOURCES),
            "Type": if account.customer { "Existing Customer - Upgrade" } else { "New Customer" },
            "NextStep": if closed { "" } else { *s.rng.pick(&["Send proposal", "Schedule demo", "Legal review", "Confirm budget", "Executive sponsor call"]) },
        });
        let owner = if s.rng.chance(90) { account.owner.clone() } else { owner(s, org) };
        let created = if closed { -close + s.rng.range(20, 120) } else { s.rng.range(5, 150) };
        let id = create_dated(s, "Opportunity", &body, &owner, created)?;
        org.opportunities.push(Opportunity { id, name, account: account.id, owner, stage: stage_name });
    }
    Ok(())
}
