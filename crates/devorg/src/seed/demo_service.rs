//! The `demo` profile's service and paperwork: cases on customer accounts
//! (open and closed), contracts (activated, draft, in approval) and quotes
//! on late-stage opportunities.

use rusqlite::types::Value as Sql;
use serde_json::json;

use super::SeedError;
use super::demo::{Account, Org, Person};
use super::names::CASE_SUBJECTS;
use super::seeder::Seeder;

fn first_contact<'o>(org: &'o Org, account: &Account) -> Option<&'o Person> {
    org.contacts.iter().find(|c| c.account.as_ref() == Some(&account.id))
}

pub fn seed(s: &mut Seeder<'_>, org: &Org) -> Result<(), SeedError> {
    let customers: Vec<&Account> = org.accounts.iter().filter(|a| a.customer).collect();
    let statuses = ["New", "Working", "Escalated", "Closed", "Closed", "Working", "New", "Closed"];
    for (i, (subject, kind, reason)) in CASE_SUBJECTS.iter().enumerate() {
        let Some(account) = customers.get(i % customers.len().max(1)) else { break };
        let contact = first_contact(org, account);
        let status = statuses[i % statuses.len()];
        let body = json!({
            "Subject": subject, "Status": status, "Priority": (["High", "Medium", "Low"][i % 3]), "Origin": (["Email", "Phone", "Web"][i % 3]),
            "Type": kind, "Reason": reason, "AccountId": account.id.as_str(), "ContactId": contact.map(|c| c.id.as_str()),
            "SuppliedEmail": contact.map(|c| c.email.as_str()), "IsEscalated": status == "Escalated",
            "Description": format!("{subject}. Reported by {}.", contact.map_or("the customer", |c| c.name.as_str())),
        });
        let id = s.create("Case", &body, &account.owner)?;
        let opened = s.rng.range(2, 50);
        let closed = s.rng.range(0, opened - 1);
        let (created_at, modified_at) = (s.work_time(opened), s.work_time(closed));
        s.stamp("Case", &id, &created_at, &modified_at)?;
        if status == "Closed" {
            s.set("Case", &id, "ClosedDate", Sql::Text(modified_at))?;
        }
    }

    let contract_statuses = ["Activated", "Activated", "Activated", "Draft", "In Approval Process", "Activated"];
    for (i, account) in customers.iter().take(contract_statuses.len()).enumerate() {
        let start = -s.rng.range(30, 700);
        let body = json!({
            "AccountId": account.id.as_str(), "Status": contract_statuses[i], "StartDate": s.day(start),
            "ContractTerm": ([12, 24, 36][i % 3]), "OwnerExpirationNotice": "60",
            "Description": format!("Master subscription agreement with {}.", account.name),
        });
        let id = s.create("Contract", &body, &account.owner)?;
        let (created_at, modified_at) = (s.work_time(-start + 14), s.work_time(-start));
        s.stamp("Contract", &id, &created_at, &modified_at)?;
    }

    let quote_statuses = ["Draft", "Needs Review", "Approved", "Presented", "Accepted", "Denied", "In Review"];
    let late = org.opportunities.iter().filter(|o| matches!(o.stage, "Proposal/Price Quote" | "Negotiation/Review"));
    for (i, opp) in late.take(quote_statuses.len()).enumerate() {
        let expires = s.rng.range(7, 45);
        let contact = org.accounts.iter().find(|a| a.id == opp.account).and_then(|a| first_contact(org, a));
        let body = json!({
            "Name": format!("{} Quote", opp.name), "OpportunityId": opp.id.as_str(), "ContactId": contact.map(|c| c.id.as_str()),
            "Email": contact.map(|c| c.email.as_str()), "Status": quote_statuses[i], "ExpirationDate": s.day(expires),
            "Discount": ([0.0, 2.5, 5.0, 7.5][i % 4]), "Tax": 0, "ShippingHandling": ([0, 250, 500][i % 3]),
        });
        let id = s.create("Quote", &body, &opp.owner)?;
        let created = s.rng.range(2, 30);
        let (created_at, modified_at) = (s.work_time(created), s.work_time(created / 2));
        s.stamp("Quote", &id, &created_at, &modified_at)?;
    }
    Ok(())
}
