//! The ONE search for a page: the extraction's e-mail addresses, domains,
//! names and LinkedIn URLs become a single SOSL request over Accounts,
//! Contacts and Leads (every term an escaped phrase, OR-ed, bounded in
//! number and length); its answer becomes ranked [`Match`]es, and whatever
//! is not in the CRM becomes [`Candidate`]s with a prefilled Lead ([`lead_draft`]).

use salesforce_rest::soql::FieldPath;
use salesforce_rest::sosl::{Returning, Search, SearchScope, SearchTerm, escape_sosl_term};
use salesforce_rest::wire::Record;
use serde::Serialize;

use super::extract::{Company, Extraction, Person};
use super::text::{self, company_key, domain_of, linkedin_company, linkedin_profile, not_company_domain, person_key};

/// Objects searched and the fields returned.
pub const RETURNING: [(&str, &[&str]); 3] = [
    ("Account", &["Id", "Name", "Website", "LinkedIn_URL__c", "Industry"]),
    ("Contact", &["Id", "Name", "Email", "Title", "AccountId", "LinkedIn_URL__c"]),
    ("Lead", &["Id", "Name", "Email", "Company", "Title", "LinkedIn_URL__c"]),
];
/// Records returned per object.
pub const PER_OBJECT: u64 = 10;
/// Terms in one search, all kinds together.
pub const MAX_TERMS: usize = 20;
/// Characters per term.
pub const MAX_TERM_CHARS: usize = 80;

/// The search terms for an extraction, most specific first: e-mail
/// addresses, LinkedIn profiles, company domains, people's names, company
/// names. Cleaned (single spaces, no invisible characters), at least two
/// letters or digits, no duplicates (ignoring case), at most [`MAX_TERMS`].
pub fn search_terms(x: &Extraction) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut add = |raw: &str, budget: &mut usize| {
        if *budget == 0 || terms.len() >= MAX_TERMS {
            return;
        }
        let t = text::clean(raw, MAX_TERM_CHARS);
        if t.chars().filter(|c| c.is_alphanumeric()).count() < 2 || terms.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
            return;
        }
        terms.push(t);
        *budget -= 1;
    };
    let mut n = 8;
    for e in x.people.iter().filter_map(|p| p.email.as_deref()).chain(x.emails.iter().map(String::as_str)) {
        add(e, &mut n);
    }
    let mut n = 3;
    for l in x.people.iter().filter_map(|p| p.linkedin_url.as_deref()).chain(x.companies.iter().filter_map(|c| c.linkedin_url.as_deref())) {
        add(l.trim_start_matches("https://").trim_start_matches("www."), &mut n);
    }
    let mut n = 3;
    for d in x.companies.iter().filter_map(|c| c.domain.as_deref()) {
        add(d, &mut n);
    }
    let mut n = 6;
    for p in &x.people {
        add(&p.name, &mut n);
    }
    let mut n = 3;
    for c in &x.companies {
        add(&c.name, &mut n);
    }
    terms
}

/// The SOSL term: each term an escaped phrase, OR-ed.
pub fn search_term(terms: &[String]) -> SearchTerm {
    SearchTerm::raw(terms.iter().map(|t| format!("\"{}\"", escape_sosl_term(t))).collect::<Vec<_>>().join(" OR "))
}

/// The one search for the page, or `None` when nothing was found.
pub fn insights_search(x: &Extraction) -> Option<Search> {
    let terms = search_terms(x);
    if terms.is_empty() {
        return None;
    }
    let returning = RETURNING
        .iter()
        .map(|(object, fields)| Returning {
            fields: fields.iter().map(|f| FieldPath::new(f)).collect(),
            limit: Some(PER_OBJECT),
            ..Returning::new(object, &[])
        })
        .collect();
    Some(Search {
        term: search_term(&terms),
        scope: Some(SearchScope::All),
        returning,
        limit: Some(PER_OBJECT * RETURNING.len() as u64),
    })
}

/// Why a record matches something on the page, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Why {
    /// The user picked this record for this company or person ("Wrong match?").
    ChosenByYou,
    SameLinkedIn,
    SameEmail,
    SameDomain,
    /// A Lead with the person's name and company.
    SameNameAndCompany,
    NameOnly,
}

impl Why {
    /// Whether the reason identifies the record (not just a namesake).
    pub fn exact(self) -> bool {
        matches!(self, Self::ChosenByYou | Self::SameLinkedIn | Self::SameEmail | Self::SameDomain)
    }

    fn confidence(self) -> f32 {
        match self {
            Self::ChosenByYou => 1.0,
            Self::SameLinkedIn => 0.99,
            Self::SameEmail => 0.95,
            Self::SameDomain => 0.9,
            Self::SameNameAndCompany => 0.75,
            Self::NameOnly => 0.5,
        }
    }
}

/// Which extracted entity a match is for (index into the extraction's list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Entity {
    Company(usize),
    Person(usize),
}

/// A CRM record that matches something on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Match {
    pub object: String,
    pub id: String,
    pub name: String,
    pub why: Why,
    pub exact: bool,
    #[serde(serialize_with = "super::extract::two_decimals")]
    pub confidence: f32,
    pub entity: Entity,
}

fn best_company(record: &Record, companies: &[Company]) -> Option<(Why, usize)> {
    let website = record.get_str("Website").and_then(domain_of);
    let linkedin = record.get_str("LinkedIn_URL__c").and_then(linkedin_company);
    let key = record.get_str("Name").map(company_key).unwrap_or_default();
    companies
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let why = if linkedin.is_some() && c.linkedin_url == linkedin {
                Why::SameLinkedIn
            } else if website.is_some() && c.domain == website {
                Why::SameDomain
            } else if !key.is_empty() && company_key(&c.name) == key {
                Why::NameOnly
            } else {
                return None;
            };
            Some((why, i))
        })
        .min()
}

fn best_person(record: &Record, people: &[Person]) -> Option<(Why, usize)> {
    let email = record.get_str("Email").map(|e| e.trim().to_ascii_lowercase());
    let linkedin = record.get_str("LinkedIn_URL__c").and_then(linkedin_profile);
    let key = record.get_str("Name").map(person_key).unwrap_or_default();
    let company = record.get_str("Company").map(company_key);
    people
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let why = if linkedin.is_some() && p.linkedin_url == linkedin {
                Why::SameLinkedIn
            } else if email.is_some() && p.email.as_deref() == email.as_deref() {
                Why::SameEmail
            } else if !key.is_empty() && person_key(&p.name) == key {
                let same_company = company.as_deref().is_some_and(|c| !c.is_empty() && p.company.as_deref().map(company_key).as_deref() == Some(c));
                if same_company { Why::SameNameAndCompany } else { Why::NameOnly }
            } else {
                return None;
            };
            Some((why, i))
        })
        .min()
}

/// The search answer's records that match the extraction, best first:
/// exact matches (LinkedIn URL, then e-mail, then website domain) before
/// name-only ones. Records of other objects, without an id, or matching
/// nothing are left out.
pub fn rank(x: &Extraction, records: &[Record]) -> Vec<Match> {
    let mut out: Vec<Match> = records
        .iter()
        .filter_map(|r| {
            let object = r.object_type()?;
            let id = r.id()?;
            let (why, entity) = match object {
                "Account" => best_company(r, &x.companies).map(|(w, i)| (w, Entity::Company(i)))?,
                "Contact" | "Lead" => best_person(r, &x.people).map(|(w, i)| (w, Entity::Person(i)))?,
                _ => return None,
            };
            let entity_confidence = match entity {
                Entity::Company(i) => x.companies[i].confidence,
                Entity::Person(i) => x.people[i].confidence,
            };
            Some(Match {
                object: object.to_owned(),
                id: id.to_owned(),
                name: r.get_str("Name").unwrap_or("").to_owned(),
                why,
                exact: why.exact(),
                confidence: ((why.confidence() * (0.7 + 0.3 * entity_confidence)) * 100.0).round() / 100.0,
                entity,
            })
        })
        .collect();
    out.sort_by(|a, b| b.exact.cmp(&a.exact).then(a.why.cmp(&b.why)).then(b.confidence.total_cmp(&a.confidence)));
    out
}

/// Something on the page the CRM does not have (yet).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Candidate {
    Person(Person),
    Company(Company),
}

/// The people, then companies, of the extraction that no match identifies
/// exactly: what the panel offers to add to Salesforce.
pub fn unmatched(x: &Extraction, matches: &[Match]) -> Vec<Candidate> {
    let exact = |e: Entity| matches.iter().any(|m| m.exact && m.entity == e);
    let people = x.people.iter().enumerate().filter(|(i, _)| !exact(Entity::Person(*i))).map(|(_, p)| Candidate::Person(p.clone()));
    let companies =
        x.companies.iter().enumerate().filter(|(i, _)| !exact(Entity::Company(*i))).map(|(_, c)| Candidate::Company(c.clone()));
    people.chain(companies).collect()
}

/// `(FirstName, LastName)`: the last word is the last name, unless a
/// particle ("van", "de") starts it; a single word is the last name only.
pub fn split_name(name: &str) -> (Option<String>, String) {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [] => (None, String::new()),
        [only] => (None, (*only).to_owned()),
        [first, rest @ ..] => (Some((*first).to_owned()), rest.join(" ")),
    }
}

/// A new Lead prefilled from the page: name, company, e-mail, title,
/// website, LinkedIn URL, `LeadSource` "Web". A company's Lead has no
/// LastName (the user adds the contact person).
pub fn lead_draft(candidate: &Candidate) -> Record {
    let mut lead = Record::new("Lead");
    match candidate {
        Candidate::Person(p) => {
            let (first, last) = split_name(&p.name);
            if let Some(first) = first {
                lead = lead.with("FirstName", first);
            }
            lead = lead.with("LastName", last);
            if let Some(c) = &p.company {
                lead = lead.with("Company", c.as_str());
            }
            if let Some(e) = &p.email {
                lead = lead.with("Email", e.as_str());
                if let Some(d) = e.split('@').nth(1).map(text::registrable).filter(|d| !not_company_domain(d)) {
                    lead = lead.with("Website", d);
                }
            }
            if let Some(t) = &p.title {
                lead = lead.with("Title", t.as_str());
            }
            if let Some(l) = &p.linkedin_url {
                lead = lead.with("LinkedIn_URL__c", l.as_str());
            }
        }
        Candidate::Company(c) => {
            lead = lead.with("Company", c.name.as_str());
            if let Some(d) = &c.domain {
                lead = lead.with("Website", d.as_str());
            }
            if let Some(l) = &c.linkedin_url {
                lead = lead.with("LinkedIn_URL__c", l.as_str());
            }
        }
    }
    lead.with("LeadSource", "Web")
}
