//! [`PageSnapshot`] → the companies and people on the page ([`extract`]).
//!
//! Every signal becomes a candidate with a confidence and a piece of
//! evidence; candidates that name the same company (domain or name) or the
//! same person (name, e-mail or LinkedIn URL) are merged, their confidences
//! combined (`1 - Π(1 - c)`), and the result ranked by confidence.

use serde::Serialize;
use serde_json::Value;

use super::snapshot::{PageSnapshot, clip};
use super::text::{
    self, company_key, company_name, domain_of, email, emails_in_text, job_title, linkedin_company, linkedin_profile, not_company_domain, person_key,
    person_name, phone, platform_name,
};

/// A company found on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    pub name: String,
    /// Registrable domain (`acmerobotics.com`), if known.
    pub domain: Option<String>,
    pub linkedin_url: Option<String>,
    /// 0–1, two decimals.
    #[serde(serialize_with = "two_decimals")]
    pub confidence: f32,
    /// Where it was found (`"json-ld Organization"`, `"site domain"`, ...).
    pub evidence: Vec<String>,
}

/// A person found on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    /// The company's name (one of [`Extraction::companies`] when known).
    pub company: Option<String>,
    pub linkedin_url: Option<String>,
    #[serde(serialize_with = "two_decimals")]
    pub confidence: f32,
    pub evidence: Vec<String>,
}

/// An `f32` written as the two-decimal number it stands for (not 0.9700000286).
pub(crate) fn two_decimals<S: serde::Serializer>(c: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((f64::from(*c) * 100.0).round() / 100.0)
}

/// Everything found on one page, best first.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extraction {
    pub companies: Vec<Company>,
    pub people: Vec<Person>,
    /// Every plain e-mail address on the page, lowercase, in page order.
    pub emails: Vec<String>,
    /// Phone numbers from `tel:` links and structured data (`+` and digits).
    pub phones: Vec<String>,
}

impl Extraction {
    pub fn is_empty(&self) -> bool {
        self.companies.is_empty() && self.people.is_empty() && self.emails.is_empty() && self.phones.is_empty()
    }
}

const MAX_COMPANIES: usize = 20;
const MAX_PEOPLE: usize = 50;
const MAX_EMAILS: usize = 50;
const MAX_PHONES: usize = 20;
const MIN_CONFIDENCE: f32 = 0.3;
/// JSON-LD: nesting followed and objects visited per block.
const JSON_DEPTH: usize = 24;
const JSON_NODES: usize = 5_000;

/// How much a company name source is trusted for the display name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NameRank {
    Derived = 0,
    Title = 1,
    Copyright = 2,
    SiteName = 3,
    Structured = 5,
}

#[derive(Debug, Clone)]
struct CompanyCand {
    name: Option<(String, NameRank)>,
    domain: Option<String>,
    linkedin: Option<String>,
    confidence: f32,
    evidence: &'static str,
}

#[derive(Debug, Clone, Default)]
struct PersonCand {
    name: String,
    title: Option<String>,
    email: Option<String>,
    company: Option<String>,
    linkedin: Option<String>,
    confidence: f32,
    evidence: &'static str,
}

#[derive(Debug, Default)]
struct Found {
    companies: Vec<CompanyCand>,
    people: Vec<PersonCand>,
    emails: Vec<String>,
    phones: Vec<String>,
}

impl Found {
    fn company(&mut self, name: Option<&str>, rank: NameRank, domain: Option<String>, confidence: f32, evidence: &'static str) {
        let name = name.and_then(company_name).filter(|n| !platform_name(&company_key(n)) && !company_key(n).is_empty());
        let domain = domain.filter(|d| !not_company_domain(d));
        if name.is_none() && domain.is_none() {
            return;
        }
        self.companies.push(CompanyCand { name: name.map(|n| (n, rank)), domain, linkedin: None, confidence, evidence });
    }

    fn person(&mut self, p: PersonCand) {
        if let Some(e) = &p.email {
            self.email(e);
        }
        self.people.push(p);
    }

    fn email(&mut self, raw: &str) -> Option<String> {
        let e = email(raw)?;
        if !self.emails.contains(&e) && self.emails.len() < MAX_EMAILS {
            self.emails.push(e.clone());
        }
        Some(e)
    }

    fn phone(&mut self, raw: &str) {
        if let Some(p) = phone(raw)
            && !self.phones.contains(&p)
            && self.phones.len() < MAX_PHONES
        {
            self.phones.push(p);
        }
    }
}

/// Whether the page is one whose content must not be read: webmail,
/// online banking. Such pages yield nothing.
pub fn sensitive_page(s: &PageSnapshot) -> bool {
    let host = text::host(&s.url).unwrap_or_default();
    const WEBMAIL: &[&str] = &[
        "mail.google.com",
        "outlook.live.com",
        "outlook.office.com",
        "outlook.office365.com",
        "mail.yahoo.com",
        "mail.proton.me",
        "app.fastmail.com",
        "mail.zoho.com",
        "mail.aol.com",
        "webmail",
        "roundcube",
    ];
    if WEBMAIL.iter().any(|w| host == *w || host.starts_with(&format!("{w}.")) || host.starts_with("webmail.")) {
        return true;
    }
    let haystack = format!("{}\n{}\n{}", s.title, s.headings.join("\n"), clip(&s.text, 5_000)).to_lowercase();
    const BANKING: &[&str] = &[
        "online banking",
        "account balance",
        "available balance",
        "current balance",
        "routing number",
        "iban",
        "transfer funds",
        "recent transactions",
        "sort code",
        "account number",
        "bill pay",
    ];
    const MAIL: &[&str] = &["inbox", "compose", "drafts", "sent mail", "spam", "starred"];
    let count = |list: &[&str]| list.iter().filter(|m| haystack.contains(*m)).count();
    count(BANKING) >= 2 || count(MAIL) >= 4
}

/// The companies, people, e-mail addresses and phone numbers on the page.
pub fn extract(snapshot: &PageSnapshot) -> Extraction {
    if sensitive_page(snapshot) {
        return Extraction::default();
    }
    let s = snapshot;
    let mut f = Found::default();
    let url = text::clean(&s.url, 2_000);
    let url_domain = domain_of(&url);
    // A page served locally (devorg's demo) is known by its canonical URL.
    let page_domain = url_domain.clone().or_else(|| domain_of(&s.canonical)).or_else(|| s.meta_first("og:url").and_then(domain_of));

    if page_domain.as_deref() == Some("linkedin.com") {
        linkedin_page(s, &url, &mut f);
        return finish(f, None, false);
    }

    for block in &s.json_ld {
        if let Some(v) = parse_json_ld(block) {
            let mut budget = JSON_NODES;
            walk_json(&v, 0, &mut budget, &mut f);
        }
    }
    microdata(s, &mut f);
    authors(s, &mut f);
    bylines(s, &mut f);
    cards(s, &mut f);
    links(s, &mut f);
    for e in emails_in_text(&s.text, MAX_EMAILS) {
        f.email(&e);
    }
    people_near_emails(s, &mut f);

    // Personal page: the site is a person, not a company.
    let personal = s.meta_first("og:type").is_some_and(|t| t.eq_ignore_ascii_case("profile"))
        || page_domain.as_deref().is_some_and(|d| {
            let label = d.split('.').next().unwrap_or("").replace('-', "");
            f.people.iter().any(|p| person_key(&p.name).replace(' ', "") == label)
        });
    let site_domain = page_domain.filter(|d| !not_company_domain(d) && !personal);
    if let Some(domain) = &site_domain {
        site_company(s, domain, &mut f);
    }
    finish(f, site_domain, personal)
}

/// Company signals of the site itself: domain, `og:site_name`, copyright, title.
fn site_company(s: &PageSnapshot, domain: &str, f: &mut Found) {
    let label = domain.split('.').next().unwrap_or("").replace('-', "");
    let d = Some(domain.to_owned());
    f.company(None, NameRank::Derived, d.clone(), 0.5, "site domain");
    if let Some(site) = s.meta_first("og:site_name").or_else(|| s.meta_first("application-name")) {
        f.company(Some(site), NameRank::SiteName, d.clone(), 0.3, "og:site_name");
    }
    for line in s.text.lines().rev().take(400) {
        if let Some(name) = copyright(line) {
            f.company(Some(&name), NameRank::Copyright, d.clone(), 0.2, "copyright");
            break;
        }
    }
    const PAGE_WORDS: &[&str] = &[
        "home",
        "about",
        "about us",
        "team",
        "our team",
        "the team",
        "contact",
        "contact us",
        "careers",
        "jobs",
        "blog",
        "news",
        "press",
        "leadership",
        "people",
        "company",
        "welcome",
        "products",
        "pricing",
    ];
    let title = text::clean(&s.title, 300);
    let segments: Vec<&str> = title.leak_free_split(&[" | ", " - ", " — ", " – ", " · ", " :: ", ": "]);
    let generic_other = segments.len() == 2 && segments.iter().any(|seg| PAGE_WORDS.contains(&seg.to_lowercase().trim()));
    for seg in &segments {
        let key = company_key(seg);
        if key.is_empty() || PAGE_WORDS.contains(&seg.to_lowercase().trim()) {
            continue;
        }
        let matches_label = key == label || (label.len() >= 4 && key.starts_with(&label)) || (key.len() >= 4 && label.starts_with(&key));
        if matches_label || generic_other {
            f.company(Some(seg), NameRank::Title, d.clone(), 0.2, "page title");
        }
    }
}

trait SplitAny {
    fn leak_free_split(&self, seps: &[&str]) -> Vec<&str>;
}

impl SplitAny for String {
    fn leak_free_split(&self, seps: &[&str]) -> Vec<&str> {
        let mut parts = vec![self.as_str()];
        for sep in seps {
            parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
        }
        parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
    }
}

/// The holder in a copyright line: "© 2019–2026 Acme Robotics, Inc. All rights reserved."
fn copyright(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let at = ["©", "(c)", "copyright"].iter().filter_map(|m| lower.find(m).map(|i| i + m.len())).min()?;
    let rest = line.get(at..)?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || "-–—,©".contains(c) || c == '(' || c == ')');
    let rest = rest.strip_prefix("Copyright").unwrap_or(rest).trim();
    let lower = rest.to_lowercase();
    let end = ["all rights", " | ", " · ", " - ", "\u{2014}"].iter().filter_map(|m| lower.find(m)).min().unwrap_or(rest.len());
    let holder = rest.get(..end)?.trim().trim_end_matches(['.', ',', ' ']);
    if holder.is_empty() || holder.split(' ').count() > 6 {
        return None;
    }
    company_name(holder)
}

/// Lenient JSON-LD: as written, else with comments and trailing commas removed.
fn parse_json_ld(raw: &str) -> Option<Value> {
    let trimmed = raw.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
    let trimmed = trimmed.trim_start_matches("//<![CDATA[").trim_end_matches("//]]>").trim();
    if trimmed.is_empty() {
        return None;
    }
    if let Ok(v) = serde_json::from_str::<Value>(trimmed) {
        return Some(v);
    }
    serde_json::from_str::<Value>(&repair_json(trimmed)).ok()
}

/// Drops `//` and `/* */` comments and trailing commas (outside strings).
fn repair_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for n in chars.by_ref() {
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
            }
            '}' | ']' => {
                let trimmed = out.trim_end().len();
                if out[..trimmed].ends_with(',') {
                    out.truncate(trimmed - 1);
                }
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A string value: a string, `{"@value": ...}`, or the first of an array.
fn str_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s.as_str()),
        Value::Object(o) => o.get("@value").and_then(str_of),
        Value::Array(a) => a.iter().take(5).find_map(str_of),
        _ => None,
    }
}

fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(a)) => a.iter().take(10).filter_map(|t| t.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    }
}

const ORG_TYPES: &[&str] = &[
    "Organization",
    "Corporation",
    "LocalBusiness",
    "Company",
    "NGO",
    "EducationalOrganization",
    "NewsMediaOrganization",
    "OnlineBusiness",
    "OnlineStore",
    "ProfessionalService",
    "Store",
    "SoftwareCompany",
    "GovernmentOrganization",
];

fn is_org(kind: &str) -> bool {
    let kind = kind.rsplit(['/', ':']).next().unwrap_or(kind);
    ORG_TYPES.contains(&kind) || kind.ends_with("Organization") || kind.ends_with("Business")
}

fn is_person(kind: &str) -> bool {
    kind.rsplit(['/', ':']).next().unwrap_or(kind) == "Person"
}

/// All strings of `v` (string or array), bounded.
fn strings(v: Option<&Value>) -> Vec<&str> {
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().take(20).filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The organization a `worksFor`/`affiliation` value names: (name, domain).
fn org_ref(v: &Value) -> Option<(Option<String>, Option<String>)> {
    let v = match v {
        Value::Array(a) => a.first()?,
        v => v,
    };
    match v {
        Value::String(s) => Some((company_name(s), None)),
        Value::Object(o) => {
            let name = o.get("name").and_then(str_of).and_then(company_name);
            let domain = o.get("url").and_then(str_of).and_then(domain_of).filter(|d| !not_company_domain(d));
            (name.is_some() || domain.is_some()).then_some((name, domain))
        }
        _ => None,
    }
}

fn walk_json(v: &Value, depth: usize, budget: &mut usize, f: &mut Found) {
    if depth > JSON_DEPTH || *budget == 0 {
        return;
    }
    *budget -= 1;
    match v {
        Value::Array(a) => {
            for item in a.iter().take(500) {
                walk_json(item, depth + 1, budget, f);
            }
        }
        Value::Object(o) => {
            let kinds = types(v);
            if kinds.iter().any(|k| is_person(k)) {
                json_person(v, None, f);
            } else if kinds.iter().any(|k| is_org(k)) {
                json_org(v, f);
            }
            for (_, child) in o.iter().take(200) {
                if matches!(child, Value::Object(_) | Value::Array(_)) {
                    walk_json(child, depth + 1, budget, f);
                }
            }
        }
        _ => {}
    }
}

fn json_org(v: &Value, f: &mut Found) {
    let name = v.get("name").and_then(str_of).or_else(|| v.get("legalName").and_then(str_of));
    let domain = v.get("url").and_then(str_of).and_then(domain_of);
    let before = f.companies.len();
    f.company(name, NameRank::Structured, domain, 0.8, "json-ld Organization");
    let linkedin = strings(v.get("sameAs")).into_iter().find_map(linkedin_company);
    if f.companies.len() > before
        && let Some(c) = f.companies.last_mut()
    {
        c.linkedin = linkedin;
    }
    for e in strings(v.get("email")) {
        f.email(e);
    }
    for p in strings(v.get("telephone")) {
        f.phone(p);
    }
    let org_name = name.and_then(company_name);
    for key in ["founder", "founders", "employee", "employees", "member", "members", "ceo"] {
        let people: Vec<&Value> = match v.get(key) {
            Some(Value::Array(a)) => a.iter().take(50).collect(),
            Some(p @ Value::Object(_)) => vec![p],
            _ => Vec::new(),
        };
        for p in people {
            if types(p).iter().any(|k| is_person(k)) || p.get("@type").is_none() {
                json_person(p, org_name.as_deref(), f);
            }
        }
    }
}

fn json_person(v: &Value, company: Option<&str>, f: &mut Found) {
    let name = v.get("name").and_then(str_of).map(str::to_owned).or_else(|| {
        let given = v.get("givenName").and_then(str_of)?;
        let family = v.get("familyName").and_then(str_of)?;
        Some(format!("{given} {family}"))
    });
    let Some(name) = name.as_deref().and_then(person_name) else { return };
    let mut company = company.map(str::to_owned);
    for key in ["worksFor", "affiliation"] {
        if let Some((org, domain)) = v.get(key).and_then(org_ref) {
            if company.is_none() {
                company = org.clone().or_else(|| domain.clone());
            }
            f.company(org.as_deref(), NameRank::Structured, domain, 0.7, "json-ld worksFor");
            break;
        }
    }
    let mut links = strings(v.get("sameAs"));
    links.extend(strings(v.get("url")));
    for p in strings(v.get("telephone")) {
        f.phone(p);
    }
    let email = strings(v.get("email")).into_iter().find_map(|e| f.email(e));
    f.person(PersonCand {
        name,
        title: v.get("jobTitle").and_then(str_of).and_then(job_title),
        email,
        company,
        linkedin: links.into_iter().find_map(linkedin_profile),
        confidence: 0.85,
        evidence: "json-ld Person",
    });
}

fn first_prop<'a>(item: &'a super::snapshot::MicroItem, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| item.props.get(*k).and_then(|v| v.iter().map(|s| s.trim()).find(|s| !s.is_empty())))
}

fn microdata(s: &PageSnapshot, f: &mut Found) {
    for item in &s.microdata {
        let hcard = item.kind == "h-card";
        if hcard || is_person(&item.kind) {
            for p in item.props.iter().filter(|(k, _)| ["telephone", "p-tel", "tel"].contains(&k.as_str())).flat_map(|(_, v)| v) {
                f.phone(p);
            }
            let name = first_prop(item, &["name", "p-name", "fn"]).and_then(person_name);
            let org = first_prop(item, &["worksFor", "p-org", "org", "affiliation"]);
            if hcard && name.is_none() {
                // An organisation's h-card: name and org are the same.
                if let (Some(n), Some(o)) = (first_prop(item, &["p-name", "fn"]), org)
                    && company_key(n) == company_key(o)
                {
                    let domain = first_prop(item, &["u-url", "url"]).and_then(domain_of);
                    f.company(Some(o), NameRank::Structured, domain, 0.6, "h-card organization");
                }
                continue;
            }
            let Some(name) = name else { continue };
            let email = first_prop(item, &["email", "u-email"]).and_then(|e| f.email(e));
            let linkedin =
                item.props.iter().filter(|(k, _)| ["sameAs", "url", "u-url"].contains(&k.as_str())).flat_map(|(_, v)| v).find_map(|u| linkedin_profile(u));
            f.person(PersonCand {
                name,
                title: first_prop(item, &["jobTitle", "p-job-title", "title", "p-role", "role"]).and_then(job_title),
                email,
                company: org.and_then(company_name),
                linkedin,
                confidence: if hcard { 0.75 } else { 0.8 },
                evidence: if hcard { "h-card" } else { "microdata Person" },
            });
            if let Some(o) = org {
                f.company(Some(o), NameRank::Structured, None, 0.4, "microdata worksFor");
            }
        } else if is_org(&item.kind) {
            let domain = first_prop(item, &["url"]).and_then(domain_of);
            f.company(first_prop(item, &["name", "legalName"]), NameRank::Structured, domain, 0.75, "microdata Organization");
            if let Some(e) = first_prop(item, &["email"]) {
                f.email(e);
            }
            if let Some(p) = first_prop(item, &["telephone"]) {
                f.phone(p);
            }
        }
    }
}

/// Splits "A, B and C" into names.
fn name_list(s: &str) -> Vec<String> {
    let s = s.replace(" and ", ",").replace(" & ", ",").replace(';', ",");
    s.split(',').filter_map(person_name).take(10).collect()
}

fn authors(s: &PageSnapshot, f: &mut Found) {
    for key in ["author", "article:author", "dc.creator", "citation_author", "parsely-author", "sailthru.author", "byl"] {
        for value in s.meta_values(key).take(10) {
            if value.contains("://") {
                continue;
            }
            let value = value.trim_start_matches("By ").trim_start_matches("by ");
            for name in name_list(value) {
                f.person(PersonCand { name, confidence: 0.55, evidence: "meta author", ..PersonCand::default() });
            }
        }
    }
    if let (Some(first), Some(last)) = (s.meta_first("profile:first_name"), s.meta_first("profile:last_name"))
        && let Some(name) = person_name(&format!("{first} {last}"))
    {
        f.person(PersonCand { name, confidence: 0.6, evidence: "og profile", ..PersonCand::default() });
    }
}

/// "By Jonas Weber, Director of Customer Success · March 3, 2026".
fn bylines(s: &PageSnapshot, f: &mut Found) {
    for line in s.bylines.iter().take(20) {
        let line = text::clean(line, 300);
        let lower = line.to_lowercase();
        let mut rest = line.as_str();
        for prefix in ["written by", "posted by", "words by", "story by", "author:", "by:", "by"] {
            if lower.starts_with(prefix) && lower.len() > prefix.len() {
                rest = line.get(prefix.len()..).unwrap_or("").trim();
                break;
            }
        }
        let parts: Vec<&str> = rest.split(['·', '|', '•', '\u{2014}', '\u{2013}']).map(str::trim).collect();
        let head = parts.first().copied().unwrap_or("");
        let (names, title) = match head.split_once(',') {
            Some((n, t)) => (n, job_title(t)),
            None => (head, None),
        };
        let names = name_list(names);
        let single = names.len() == 1;
        for name in names {
            let title = if single { title.clone() } else { None };
            f.person(PersonCand { name, title, confidence: 0.55, evidence: "byline", ..PersonCand::default() });
        }
    }
}

fn cards(s: &PageSnapshot, f: &mut Found) {
    for card in &s.cards {
        let Some(name) = person_name(&card.name) else { continue };
        let email = f.email(&card.email);
        f.person(PersonCand {
            name,
            title: job_title(&card.title).filter(|t| !t.contains('@')),
            email,
            linkedin: linkedin_profile(&card.linkedin),
            confidence: 0.6,
            evidence: "team card",
            ..PersonCand::default()
        });
    }
}

fn links(s: &PageSnapshot, f: &mut Found) {
    for link in &s.links {
        let lower = link.href.trim().to_ascii_lowercase();
        if lower.starts_with("mailto:") {
            // cc/bcc recipients are addresses on the page too
            for part in link.href.split(['?', '&']).skip(1) {
                if let Some((k, v)) = part.split_once('=')
                    && ["cc", "bcc", "to"].contains(&k.to_ascii_lowercase().as_str())
                {
                    for e in v.split(',') {
                        f.email(e);
                    }
                }
            }
            let Some(e) = f.email(&link.href) else { continue };
            if let Some(name) = person_name(&link.text) {
                f.person(PersonCand { name, email: Some(e), confidence: 0.5, evidence: "mailto link", ..PersonCand::default() });
            }
        } else if lower.starts_with("tel:") {
            f.phone(&link.href);
        } else if let Some(url) = linkedin_company(&link.href) {
            // A company's own LinkedIn page: belongs to the site company if it says so.
            let text = link.text.replace(" on LinkedIn", "").replace("LinkedIn", "");
            let name = company_name(text.trim().trim_start_matches("Follow ").trim_start_matches("follow "));
            if let Some(name) = name {
                f.companies.push(CompanyCand {
                    name: Some((name, NameRank::SiteName)),
                    domain: None,
                    linkedin: Some(url),
                    confidence: 0.3,
                    evidence: "linkedin company link",
                });
            }
        }
    }
}

/// "Jane Doe\njane.doe@globex.com" or "Media contact: Jane Doe, jane.doe@…":
/// a name next to an address whose local part spells it.
fn people_near_emails(s: &PageSnapshot, f: &mut Found) {
    let lines: Vec<&str> = s.text.lines().take(2_000).collect();
    let emails = f.emails.clone();
    for e in emails.iter().take(30) {
        let Some(line_no) = lines.iter().position(|l| l.to_ascii_lowercase().contains(e.as_str())) else { continue };
        let mut context: Vec<&str> = Vec::new();
        for l in lines[line_no.saturating_sub(2)..=line_no].iter().rev() {
            context.extend(l.split([',', '|', '·', ':', ';', '(', ')', '–', '—', '<', '>']).map(str::trim));
        }
        let local = e.split('@').next().unwrap_or("");
        if let Some(name) = context.into_iter().filter_map(person_name).find(|n| local_matches(local, n)) {
            f.person(PersonCand { name, email: Some(e.clone()), confidence: 0.5, evidence: "name next to e-mail", ..PersonCand::default() });
        }
    }
}

fn ascii_fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'a'..='z' => Some(c),
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'í' | 'ì' | 'î' | 'ï' => Some('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => Some('o'),
            'ú' | 'ù' | 'û' | 'ü' => Some('u'),
            'ñ' => Some('n'),
            'ç' => Some('c'),
            _ => None,
        })
        .collect()
}

/// Whether an address's local part is spelled from `name`: first.last,
/// firstlast, flast, first, first_last, f.last, last.
fn local_matches(local: &str, name: &str) -> bool {
    let words: Vec<String> = name.split(' ').map(|w| ascii_fold(&w.to_lowercase())).filter(|w| !w.is_empty()).collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else { return false };
    if words.len() < 2 {
        return false;
    }
    let initial = &first[..1];
    let forms = [
        format!("{first}.{last}"),
        format!("{first}{last}"),
        format!("{first}_{last}"),
        format!("{first}-{last}"),
        format!("{initial}{last}"),
        format!("{initial}.{last}"),
        first.clone(),
        format!("{last}.{first}"),
    ];
    forms.iter().any(|f| f == local)
}

/// A LinkedIn profile or company page.
fn linkedin_page(s: &PageSnapshot, url: &str, f: &mut Found) {
    let canonical = if s.canonical.is_empty() { url } else { s.canonical.as_str() };
    let title = s.meta_first("og:title").map(str::to_owned).unwrap_or_else(|| s.title.clone());
    let title = text::clean(&title, 300);
    let title = title.trim_end_matches("| LinkedIn").trim_end_matches("LinkedIn").trim().trim_end_matches(['|', '-']).trim().to_owned();
    let parts: Vec<&str> = title.split(" - ").flat_map(|p| p.split(" – ")).flat_map(|p| p.split(" — ")).map(str::trim).collect();
    if let Some(profile) = linkedin_profile(url).or_else(|| linkedin_profile(canonical)) {
        let name = parts.first().and_then(|n| person_name(n)).or_else(|| s.headings.first().and_then(|h| person_name(h)));
        let Some(name) = name else { return };
        let (mut headline, mut company) = match parts.len() {
            0 | 1 => (None, None),
            2 => (Some(parts[1].to_owned()), Some(parts[1].to_owned())),
            _ => (Some(parts[1].to_owned()), Some(parts[parts.len() - 1].to_owned())),
        };
        // "VP Sales at Globex"
        if let Some(h) = headline.clone()
            && let Some((t, c)) = h.split_once(" at ")
        {
            headline = Some(t.to_owned());
            company = Some(c.to_owned());
        } else if parts.len() == 2 {
            headline = None;
        }
        let description = s.meta_first("og:description").or_else(|| s.meta_first("description")).unwrap_or("");
        if let Some(at) = description.find("Experience:") {
            let exp = description[at + "Experience:".len()..].split(['·', '|', '\n']).next().unwrap_or("").trim();
            if company.is_none() || parts.len() == 2 {
                company = Some(exp.to_owned()).filter(|e| !e.is_empty());
            }
        }
        let company = company.as_deref().and_then(company_name);
        if let Some(c) = &company {
            f.company(Some(c), NameRank::Title, None, 0.6, "linkedin profile");
        }
        f.person(PersonCand {
            name,
            title: headline.as_deref().and_then(job_title),
            email: None,
            company,
            linkedin: Some(profile),
            confidence: 0.95,
            evidence: "linkedin profile",
        });
    } else if let Some(page) = linkedin_company(url).or_else(|| linkedin_company(canonical)) {
        let name = parts.first().copied().unwrap_or("");
        // "Website https://acme.com" in the About section.
        let lines: Vec<&str> = s.text.lines().take(2_000).collect();
        let website = lines.iter().enumerate().find_map(|(i, l)| {
            let rest = l.trim().strip_prefix("Website")?.trim_start_matches(':').trim();
            let candidate = if rest.is_empty() { lines.get(i + 1).copied().unwrap_or("") } else { rest };
            domain_of(candidate.trim()).filter(|d| !not_company_domain(d))
        });
        let before = f.companies.len();
        f.company(Some(name), NameRank::Structured, website, 0.9, "linkedin company page");
        if f.companies.len() > before
            && let Some(c) = f.companies.last_mut()
        {
            c.linkedin = Some(page);
        }
    }
}

fn combine(a: f32, b: f32) -> f32 {
    (1.0 - (1.0 - a) * (1.0 - b)).min(0.99)
}

fn round(c: f32) -> f32 {
    (c * 100.0).round() / 100.0
}

fn push_evidence(evidence: &mut Vec<String>, e: &str) {
    if !evidence.iter().any(|x| x == e) && evidence.len() < 10 {
        evidence.push(e.to_owned());
    }
}

fn label_matches(key: &str, domain: &str) -> bool {
    let label = domain.split('.').next().unwrap_or("").replace('-', "");
    !key.is_empty() && (key == label || (label.len() >= 4 && key.starts_with(&label)) || (key.len() >= 4 && label.starts_with(key)))
}

/// Merges candidates, resolves people's companies and ranks everything.
fn finish(f: Found, site_domain: Option<String>, personal: bool) -> Extraction {
    // Companies: strongest name sources first, so names merge into them.
    let mut cands = f.companies;
    cands.sort_by(|a, b| {
        let ra = a.name.as_ref().map_or(NameRank::Derived, |n| n.1);
        let rb = b.name.as_ref().map_or(NameRank::Derived, |n| n.1);
        rb.cmp(&ra).then(b.domain.is_some().cmp(&a.domain.is_some()))
    });
    struct Merged {
        company: Company,
        rank: NameRank,
    }
    let mut merged: Vec<Merged> = Vec::new();
    for c in cands {
        let key = c.name.as_ref().map(|n| company_key(&n.0)).unwrap_or_default();
        let found = merged.iter().position(|m| {
            let same_domain = c.domain.is_some() && m.company.domain == c.domain;
            let domains_agree = c.domain.is_none() || m.company.domain.is_none() || same_domain;
            let same_name = !key.is_empty() && company_key(&m.company.name) == key;
            let name_fits_domain = (c.domain.is_none() && m.company.domain.as_deref().is_some_and(|d| label_matches(&key, d)))
                || (m.company.domain.is_none() && c.domain.as_deref().is_some_and(|d| label_matches(&company_key(&m.company.name), d)));
            let same_linkedin = c.linkedin.is_some() && m.company.linkedin_url == c.linkedin;
            same_domain || same_linkedin || (domains_agree && (same_name || name_fits_domain))
        });
        match found {
            Some(i) => {
                let m = &mut merged[i];
                m.company.confidence = combine(m.company.confidence, c.confidence);
                if m.company.domain.is_none() {
                    m.company.domain = c.domain;
                }
                if m.company.linkedin_url.is_none() {
                    m.company.linkedin_url = c.linkedin;
                }
                if let Some((name, rank)) = c.name
                    && rank > m.rank
                {
                    m.company.name = name;
                    m.rank = rank;
                }
                push_evidence(&mut m.company.evidence, c.evidence);
            }
            None => {
                let (name, rank) = match c.name {
                    Some(n) => n,
                    None => {
                        let domain = c.domain.clone().unwrap_or_default();
                        let label = domain.split('.').next().unwrap_or("");
                        let mut chars = label.chars();
                        let derived = chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default();
                        (derived, NameRank::Derived)
                    }
                };
                merged.push(Merged {
                    company: Company { name, domain: c.domain, linkedin_url: c.linkedin, confidence: c.confidence, evidence: vec![c.evidence.to_owned()] },
                    rank,
                });
            }
        }
    }
    let mut companies: Vec<Company> = merged.into_iter().map(|m| m.company).collect();

    // People.
    let mut people: Vec<Person> = Vec::new();
    let mut cands = f.people;
    cands.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    for p in cands {
        let key = person_key(&p.name);
        let found = people
            .iter()
            .position(|q| person_key(&q.name) == key || (p.email.is_some() && q.email == p.email) || (p.linkedin.is_some() && q.linkedin_url == p.linkedin));
        match found {
            Some(i) => {
                let q = &mut people[i];
                q.confidence = combine(q.confidence, p.confidence);
                q.title = q.title.take().or(p.title);
                q.email = q.email.take().or(p.email);
                q.company = q.company.take().or(p.company);
                q.linkedin_url = q.linkedin_url.take().or(p.linkedin);
                push_evidence(&mut q.evidence, p.evidence);
            }
            None => people.push(Person {
                name: p.name,
                title: p.title,
                email: p.email,
                company: p.company,
                linkedin_url: p.linkedin,
                confidence: p.confidence,
                evidence: vec![p.evidence.to_owned()],
            }),
        }
    }
    // Addresses on the page that spell a person's name.
    for person in &mut people {
        if person.email.is_none() {
            let matching: Vec<&String> = f.emails.iter().filter(|e| local_matches(e.split('@').next().unwrap_or(""), &person.name)).collect();
            if let [only] = matching.as_slice() {
                person.email = Some((*only).clone());
                push_evidence(&mut person.evidence, "matching e-mail");
            }
        }
    }
    // A company named like a person on the page is that person (a personal site).
    companies.retain(|c| {
        let key = company_key(&c.name);
        !people.iter().any(|p| person_key(&p.name).replace(' ', "") == key) || c.evidence.iter().any(|e| e.starts_with("json-ld"))
    });
    // People's companies: their own, else their e-mail's, else the site's.
    let site = site_domain.as_deref().and_then(|d| companies.iter().find(|c| c.domain.as_deref() == Some(d))).map(|c| c.name.clone());
    for person in &mut people {
        if let Some(name) = &person.company {
            let key = company_key(name);
            if let Some(c) = companies.iter().find(|c| company_key(&c.name) == key || c.domain.as_deref() == Some(name.as_str())) {
                person.company = Some(c.name.clone());
            }
            continue;
        }
        let email_domain = person.email.as_deref().and_then(|e| e.split('@').nth(1)).map(text::registrable);
        if let Some(d) = &email_domain
            && let Some(c) = companies.iter().find(|c| c.domain.as_deref() == Some(d.as_str()))
        {
            person.company = Some(c.name.clone());
        } else if !personal && email_domain.as_deref().is_none_or(|d| not_company_domain(d) || Some(d) == site_domain.as_deref()) {
            person.company = site.clone();
        }
    }
    for c in &mut companies {
        c.confidence = round(c.confidence);
    }
    for p in &mut people {
        p.confidence = round(p.confidence);
    }
    companies.retain(|c| c.confidence >= MIN_CONFIDENCE);
    people.retain(|p| p.confidence >= MIN_CONFIDENCE);
    companies.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    people.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    companies.truncate(MAX_COMPANIES);
    people.truncate(MAX_PEOPLE);
    Extraction { companies, people, emails: f.emails, phones: f.phones }
}
