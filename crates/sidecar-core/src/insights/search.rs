//! The ONE search for a page: the extraction's e-mail addresses, domains,
//! names and LinkedIn URLs become a single SOSL request over Accounts,
//! Contacts and Leads (every term an escaped phrase, OR-ed, bounded in
//! number and length); its answer becomes ranked [`Match`]es, and whatever
//! is not in the CRM becomes [`Candidate`]s with a prefilled Lead ([`lead_draft`]).
//!
//! What the search returns and what a draft sets come from the org's
//! describes ([`SearchPlan`], [`only_createable`]): a LinkedIn URL field is
//! custom (no standard object has one), so it is used only where describe
//! shows a URL field that says LinkedIn.

use salesforce_rest::FieldType;
use salesforce_rest::soql::FieldPath;
use salesforce_rest::sosl::{Returning, Search, SearchScope, SearchTerm, escape_sosl_term};
use salesforce_rest::wire::{FieldDescribe, Record, SObjectDescribe};
use serde::Serialize;

use super::extract::{Company, Extraction, Person};
use super::text::{self, company_key, domain_of, linkedin_company, linkedin_profile, not_company_domain, person_key};

/// Objects searched and the standard fields wanted from each (those the
/// org's describe has; [`SearchPlan`] adds a LinkedIn URL field found there).
pub const RETURNING: [(&str, &[&str]); 3] = [
    ("Account", &["Id", "Name", "Website", "Industry"]),
    ("Contact", &["Id", "Name", "Email", "Title", "Phone", "AccountId"]),
    ("Lead", &["Id", "Name", "Email", "Company", "Title", "Phone"]),
];

/// The field of `describe` holding a LinkedIn URL: a `url` field whose API
/// name or label says LinkedIn (`LinkedIn_URL__c`, "LinkedIn Profile"), the
/// name counting first. Salesforce has no standard one, so most orgs have none.
pub fn linkedin_field(describe: &SObjectDescribe) -> Option<&FieldDescribe> {
    let says = |s: &str| s.to_ascii_lowercase().contains("linkedin");
    let urls = || describe.fields.iter().filter(|f| f.field_type == FieldType::Url && !f.deprecated_and_hidden);
    urls().find(|f| says(&f.name)).or_else(|| urls().find(|f| says(&f.label)))
}

/// One object of the search: the fields returned (as describe spells
/// them) and its LinkedIn URL field, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searched {
    pub object: String,
    pub fields: Vec<String>,
    pub linkedin: Option<String>,
}

/// What the one search asks of each object, from the org's describes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchPlan {
    pub objects: Vec<Searched>,
}

impl SearchPlan {
    /// The plan for the describes at hand: each object of [`RETURNING`]
    /// whose describe is there (one the user cannot read is not searched),
    /// with the wanted fields it has and its LinkedIn URL field.
    pub fn from_describes(describes: &[&SObjectDescribe]) -> Self {
        let objects = RETURNING
            .iter()
            .filter_map(|(object, wanted)| {
                let describe = describes.iter().find(|d| d.name().eq_ignore_ascii_case(object))?;
                let mut fields: Vec<String> = wanted.iter().filter_map(|w| describe.field(w)).map(|f| f.name.clone()).collect();
                let linkedin = linkedin_field(describe).map(|f| f.name.clone());
                fields.extend(linkedin.clone());
                Some(Searched { object: describe.name().to_owned(), fields, linkedin })
            })
            .collect();
        Self { objects }
    }

    /// The LinkedIn URL field of `object`, if it has one.
    pub fn linkedin(&self, object: &str) -> Option<&str> {
        self.objects.iter().find(|o| o.object.eq_ignore_ascii_case(object)).and_then(|o| o.linkedin.as_deref())
    }
}

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

/// The one search for the page over the objects of `plan`, or `None` when
/// nothing was found on the page (or nothing can be searched).
pub fn insights_search(x: &Extraction, plan: &SearchPlan) -> Option<Search> {
    let terms = search_terms(x);
    if terms.is_empty() || plan.objects.is_empty() {
        return None;
    }
    let returning = plan
        .objects
        .iter()
        .map(|o| Returning { fields: o.fields.iter().map(|f| FieldPath::new(f)).collect(), limit: Some(PER_OBJECT), ..Returning::new(&o.object, &[]) })
        .collect();
    Some(Search { term: search_term(&terms), scope: Some(SearchScope::All), returning, limit: Some(PER_OBJECT * plan.objects.len() as u64) })
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

fn best_company(record: &Record, companies: &[Company], linkedin_field: Option<&str>) -> Option<(Why, usize)> {
    let website = record.get_str("Website").and_then(domain_of);
    let linkedin = linkedin_field.and_then(|f| record.get_str(f)).and_then(linkedin_company);
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

fn best_person(record: &Record, people: &[Person], linkedin_field: Option<&str>) -> Option<(Why, usize)> {
    let email = record.get_str("Email").map(|e| e.trim().to_ascii_lowercase());
    let linkedin = linkedin_field.and_then(|f| record.get_str(f)).and_then(linkedin_profile);
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
/// nothing are left out. `plan` names each object's LinkedIn URL field.
pub fn rank(x: &Extraction, records: &[Record], plan: &SearchPlan) -> Vec<Match> {
    let mut out: Vec<Match> = records
        .iter()
        .filter_map(|r| {
            let object = r.object_type()?;
            let id = r.id()?;
            let (why, entity) = match object {
                "Account" => best_company(r, &x.companies, plan.linkedin(object)).map(|(w, i)| (w, Entity::Company(i)))?,
                "Contact" | "Lead" => best_person(r, &x.people, plan.linkedin(object)).map(|(w, i)| (w, Entity::Person(i)))?,
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
    let companies = x.companies.iter().enumerate().filter(|(i, _)| !exact(Entity::Company(*i))).map(|(_, c)| Candidate::Company(c.clone()));
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

/// `record` with only the fields `describe` has and lets the user create
/// (createable), as describe spells them: a draft never names a field the
/// org would refuse (`INVALID_FIELD`, `INVALID_FIELD_FOR_INSERT_UPDATE`).
pub fn only_createable(record: Record, describe: &SObjectDescribe) -> Record {
    let mut out = Record { attributes: record.attributes, fields: serde_json::Map::new() };
    for (name, value) in record.fields {
        if let Some(field) = describe.field(&name).filter(|f| f.createable) {
            out.fields.insert(field.name.clone(), value);
        }
    }
    out
}

/// A new Lead prefilled from the page: name, company, e-mail, title,
/// website, LinkedIn URL (in the Lead's LinkedIn URL field, when
/// [`linkedin_field`] finds one), `LeadSource` "Web"; only the fields the
/// Lead `describe` has and lets the user create ([`only_createable`]). A
/// company's Lead has no LastName (the user adds the contact person).
pub fn lead_draft(candidate: &Candidate, describe: &SObjectDescribe) -> Record {
    let linkedin = linkedin_field(describe).map(|f| f.name.clone());
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
            if let (Some(l), Some(field)) = (&p.linkedin_url, &linkedin) {
                lead = lead.with(field.as_str(), l.as_str());
            }
        }
        Candidate::Company(c) => {
            lead = lead.with("Company", c.name.as_str());
            if let Some(d) = &c.domain {
                lead = lead.with("Website", d.as_str());
            }
            if let (Some(l), Some(field)) = (&c.linkedin_url, &linkedin) {
                lead = lead.with(field.as_str(), l.as_str());
            }
        }
    }
    only_createable(lead.with("LeadSource", "Web"), describe)
}
