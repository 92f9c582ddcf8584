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
    self, byline_name, company_key, company_name, domain_of, email, emails_in_text, job_title, linkedin_company, linkedin_profile, not_company_domain,
    person_key, person_name, phone, platform_name,
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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    /// The company's name (one of [`Extraction::companies`] when known).
    pub company: Option<String>,
    pub linkedin_url: Option<String>,
    /// A phone number given for the person (`+` and digits), if any.
    pub phone: Option<String>,
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
    /// The copyright holder is often the owner ("Condé Nast"), not the site.
    Copyright = 1,
    Title = 2,
    /// What the site calls itself (`og:site_name`).
    SiteName = 3,
    /// Structured data's organization (JSON-LD, microdata): its own name
    /// for itself ("Initech Software" where the blog is "Initech Blog").
    /// Where it does not fit the domain ("Tamedia" on tagesanzeiger.ch),
    /// a name that does comes first.
    Structured = 4,
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
    phone: Option<String>,
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

/// Evidence of a name in a byline, or an author link, after the page's
/// first: someone else's (related articles); [`super::shown`] leaves out
/// people with nothing more.
pub(crate) const OTHER_BYLINE: &str = "other byline";
pub(crate) const OTHER_AUTHOR_LINK: &str = "other author link";

/// Evidence from data that describes a person as one (not a byline or a
/// meta author, where publishers sign with their own name).
const PERSON_DATA: &[&str] = &["json-ld Person", "microdata Person", "h-card", "og profile"];

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

    let blocks: Vec<Value> = s.json_ld.iter().filter_map(|b| parse_json_ld(b)).collect();
    let ids = json_ids(&blocks);
    for v in &blocks {
        let mut budget = JSON_NODES;
        walk_json(v, 0, &mut budget, &ids, &mut f);
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
            let label = domain_label(d);
            // The person's own site ("Jane Doe" on janedoe.dev), not a
            // publisher whose name reads like one and signs with it beside
            // its writers ("La Tercera" over "Isabel Caro, Rocío Latorre"):
            // the site does not name itself, or the page describes the
            // person as one, or names nobody else.
            let named = s.meta_first("og:site_name").is_some();
            let key_of = |name: &str| person_key(name).replace(' ', "");
            let nobody_else = |key: &str| f.people.iter().all(|q| key_of(&q.name) == key);
            f.people.iter().any(|p| {
                let key = key_of(&p.name);
                key == label && (!named || PERSON_DATA.contains(&p.evidence) || nobody_else(&key))
            })
        });
    let site_domain = page_domain.filter(|d| !not_company_domain(d) && !personal);
    if let Some(domain) = &site_domain {
        site_company(s, domain, &mut f);
    }
    finish(f, site_domain, personal)
}

/// Company signals of the site itself: domain, `og:site_name`, copyright, title.
fn site_company(s: &PageSnapshot, domain: &str, f: &mut Found) {
    let label = domain_label(domain);
    let d = Some(domain.to_owned());
    f.company(None, NameRank::Derived, d.clone(), 0.5, "site domain");
    let site_name = s.meta_first("og:site_name").or_else(|| s.meta_first("application-name"));
    if let Some(site) = site_name {
        if company_name(site).is_some() {
            f.company(Some(site), NameRank::SiteName, d.clone(), 0.3, "og:site_name");
        } else {
            // "電子書籍 | BOOK☆WALKER": the part that names the site.
            for part in site.split(['|', '｜']).map(str::trim) {
                f.company(Some(part), NameRank::SiteName, d.clone(), 0.3, "og:site_name");
            }
        }
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
    let segments: Vec<&str> = title.leak_free_split(&["|", " - ", " — ", " – ", " · ", " :: ", ": ", " » ", " « ", "_", " － "]);
    let generic_other = segments.len() == 2 && segments.iter().any(|seg| PAGE_WORDS.contains(&seg.to_lowercase().trim()));
    let mut fitting = false;
    for seg in &segments {
        let key = company_key(seg);
        if key.is_empty() || PAGE_WORDS.contains(&seg.to_lowercase().trim()) {
            continue;
        }
        let matches_label = label_matches(&key, domain) || (key.len() >= 4 && label.starts_with(&key));
        fitting |= matches_label;
        if matches_label || generic_other {
            f.company(Some(seg), NameRank::Title, d.clone(), 0.2, "page title");
        }
    }
    // No name that fits the domain and no og:site_name: the title's short
    // end is the site's name ("… - The New York Times", "O'Reilly Japan - …").
    if !fitting && site_name.is_none() && segments.len() >= 2 {
        let short = |seg: &str, other: &str| seg.split(' ').count() <= 5 && seg.chars().count() < other.chars().count();
        let (first, last) = (segments[0], segments[segments.len() - 1]);
        let end = if short(last, first) { Some(last) } else { short(first, last).then_some(first) };
        if let Some(end) = end.filter(|e| !PAGE_WORDS.contains(&e.to_lowercase().as_str())) {
            f.company(Some(end), NameRank::Title, d.clone(), 0.2, "page title");
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

/// The holder in a copyright line: "© 2019–2026 Acme Robotics, Inc. All
/// rights reserved.", "Copyright (c) 2022, OTRS", "COPYRIGHT NDTV
/// CONVERGENCE LIMITED 2020".
fn copyright(line: &str) -> Option<String> {
    // Offsets found in the line itself (ASCII case aside): lowercasing
    // changes byte lengths ("İ"), so its offsets would not fit the line.
    let at = ["©", "(c)", "copyright"].iter().filter_map(|m| find_ascii_ci(line, m).map(|i| i + m.len())).min()?;
    let mut rest = line.get(at..)?.trim();
    // What comes before the holder: years, "(c)", "Copyright", punctuation.
    loop {
        let before = rest.len();
        rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || "-–—,.:©()".contains(c));
        for word in ["copyright", "c)"] {
            if rest.get(..word.len()).is_some_and(|head| head.eq_ignore_ascii_case(word)) {
                rest = rest.get(word.len()..).unwrap_or("");
            }
        }
        if rest.len() == before {
            break;
        }
    }
    let end = ["all rights", " | ", " · ", " - ", "\u{2014}", ". ", "alle rechte", "tous droits", "todos los derechos"]
        .iter()
        .filter_map(|m| find_ascii_ci(rest, m))
        .min()
        .unwrap_or(rest.len());
    let holder = rest.get(..end)?.trim();
    // Trailing years ("… LLC 2018", "… 2019-2026") and punctuation; a
    // number in the name stays ("Channel 4").
    let mut holder = holder.trim_end_matches(|c: char| c.is_whitespace() || ",.&".contains(c));
    while let Some((rest, last)) = holder.rsplit_once(' ') {
        let years = last.split(['-', '–', '—']).all(|y| y.len() == 4 && y.starts_with(['1', '2']) && y.bytes().all(|b| b.is_ascii_digit()));
        if !years {
            break;
        }
        holder = rest.trim_end_matches(|c: char| c.is_whitespace() || ",.&".contains(c));
    }
    if holder.is_empty() || holder.split(' ').count() > 6 {
        return None;
    }
    company_name(holder)
}

/// Where `needle` starts in `hay`, ASCII letters' case aside (other
/// characters as written); on a character boundary.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    (0..hay.len()).find(|&i| hay.is_char_boundary(i) && hay.as_bytes().get(i..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n)))
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

/// JSON-LD nodes by `@id`, across the page's blocks (a Yoast `@graph`
/// names the article's author as `{"@id": "…/#/schema/person/…"}`).
type JsonIds<'a> = std::collections::HashMap<&'a str, &'a Value>;

fn json_ids(blocks: &[Value]) -> JsonIds<'_> {
    fn collect<'a>(v: &'a Value, depth: usize, budget: &mut usize, out: &mut JsonIds<'a>) {
        if depth > JSON_DEPTH || *budget == 0 {
            return;
        }
        *budget -= 1;
        match v {
            Value::Array(a) => a.iter().take(500).for_each(|x| collect(x, depth + 1, budget, out)),
            Value::Object(o) => {
                // A node, not a reference: it says more than its id.
                if let Some(id) = o.get("@id").and_then(Value::as_str)
                    && o.len() > 1
                {
                    out.entry(id).or_insert(v);
                }
                o.values().take(200).for_each(|x| collect(x, depth + 1, budget, out));
            }
            _ => {}
        }
    }
    let mut out = JsonIds::new();
    let mut budget = JSON_NODES;
    for b in blocks {
        collect(b, 0, &mut budget, &mut out);
    }
    out
}

/// Whether a schema.org type is a piece of writing whose `author` is the
/// page's author (`NewsArticle`, `BlogPosting`, `ScholarlyArticle`, ...).
fn is_writing(kind: &str) -> bool {
    let kind = kind.rsplit(['/', ':']).next().unwrap_or(kind);
    kind.ends_with("Article") || kind.ends_with("Posting") || ["Report", "Review", "Book", "Thesis"].contains(&kind)
}

/// The authors of a piece of writing: names, Person nodes, `@id`
/// references to them, in an array or alone.
fn json_authors(v: &Value, ids: &JsonIds<'_>, f: &mut Found) {
    let authors: Vec<&Value> = ["author", "creator"]
        .iter()
        .filter_map(|k| v.get(*k))
        .flat_map(|a| match a {
            Value::Array(items) => items.iter().take(30).collect(),
            one => vec![one],
        })
        .collect();
    for author in authors {
        let node = match author.get("@id").and_then(Value::as_str) {
            Some(id) if author.as_object().is_some_and(|o| o.len() == 1) => ids.get(id).copied(),
            _ => Some(author),
        };
        match node {
            Some(Value::String(name)) => {
                for (name, _) in byline_people(name) {
                    f.person(PersonCand { name, confidence: 0.6, evidence: "json-ld author", ..PersonCand::default() });
                }
            }
            Some(node @ Value::Object(_)) if !types(node).iter().any(|k| is_org(k)) => {
                if let Some(name) = node.get("name").and_then(str_of).and_then(person_name) {
                    f.person(PersonCand { name, confidence: 0.6, evidence: "json-ld author", ..PersonCand::default() });
                }
            }
            _ => {}
        }
    }
}

fn walk_json(v: &Value, depth: usize, budget: &mut usize, ids: &JsonIds<'_>, f: &mut Found) {
    if depth > JSON_DEPTH || *budget == 0 {
        return;
    }
    *budget -= 1;
    match v {
        Value::Array(a) => {
            for item in a.iter().take(500) {
                walk_json(item, depth + 1, budget, ids, f);
            }
        }
        Value::Object(o) => {
            let kinds = types(v);
            if kinds.iter().any(|k| is_person(k)) {
                json_person(v, None, f);
            } else if kinds.iter().any(|k| is_org(k)) {
                json_org(v, f);
            }
            if kinds.iter().any(|k| is_writing(k)) {
                json_authors(v, ids, f);
            }
            for (_, child) in o.iter().take(200) {
                if matches!(child, Value::Object(_) | Value::Array(_)) {
                    walk_json(child, depth + 1, budget, ids, f);
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
    let phone = strings(v.get("telephone")).into_iter().find_map(phone);
    f.person(PersonCand {
        phone,
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
            let phone = first_prop(item, &["telephone", "p-tel", "tel"]).and_then(phone);
            let linkedin =
                item.props.iter().filter(|(k, _)| ["sameAs", "url", "u-url"].contains(&k.as_str())).flat_map(|(_, v)| v).find_map(|u| linkedin_profile(u));
            f.person(PersonCand {
                name,
                title: first_prop(item, &["jobTitle", "p-job-title", "title", "p-role", "role"]).and_then(job_title),
                email,
                company: org.and_then(company_name),
                linkedin,
                phone,
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
        } else if is_writing(&item.kind) {
            // `itemprop=author` on an article: its text (or the nested
            // Person's name) names the author.
            for value in item.props.get("author").into_iter().flatten().take(10) {
                for (name, _) in byline_people(&unglue(value)) {
                    f.person(PersonCand { name, confidence: 0.6, evidence: "microdata author", ..PersonCand::default() });
                }
            }
        }
    }
}

/// Words that open a byline, in the languages of the pages reps read
/// ("By", "Von", "Par", "Por", "Written by", "著者"); lowercase.
const BYLINE_OPENERS: &[&str] = &[
    "written by",
    "posted by",
    "words by",
    "story by",
    "text by",
    "reported by",
    "author:",
    "authors:",
    "autor:",
    "autorin:",
    "auteur :",
    "auteur:",
    "text:",
    "texto:",
    "by:",
    "by",
    "von",
    "par",
    "por",
    "door",
    "di",
    "投稿者",
    "著者",
    "作者",
    "筆者",
    "記者",
    "文",
    "著",
    "監訳",
    "訳",
    "イラスト",
    "翻訳者",
    "翻訳",
];

/// Where a byline's names end: a date, a time, a count, or the words that
/// introduce them ("on", "in", "Updated", "Hace").
const BYLINE_STOPS: &[&str] = &["on", "in", "at", "updated", "published", "posted", "hace", "am", "um", "em", "för", "share", "follow", "comments", "min"];

/// Words that start a date only before one ("le 3 mars", "le mercredi 12
/// mars", "el 5 de mayo"): before a capital they are part of a name ("John
/// le Carré").
const DATE_ARTICLES: &[&str] = &["le", "el", "il"];

fn month(word: &str) -> bool {
    const MONTHS: &[&str] = &[
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "januar",
        "februar",
        "märz",
        "mai",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "janvier",
        "février",
        "mars",
        "avril",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    MONTHS.contains(&word.trim_end_matches(['.', ',']).to_lowercase().as_str())
}

/// An element's text with a separator where the page's elements ran
/// together: a capital after lowercase letters where one side is a
/// byline's furniture ("Howard BlumeStaff Writer", "José Miguel
/// WilsonHace 13 horas", "View ORCID ProfileElizabeth Raupach"), and a
/// digit after a letter ("谢若含2017-03-01"). A name with an inner capital
/// stays whole ("VanderMeer", "McDonald"). Only for text read from
/// elements: a meta tag's or JSON-LD's name is as written.
fn unglue(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let word_at = |from: usize, step_back: bool| -> String {
        if step_back {
            let start = chars[..from].iter().rposition(|c| !c.is_alphabetic()).map_or(0, |p| p + 1);
            chars[start..from].iter().collect()
        } else {
            // The capitalised word starting here: up to the next non-letter or the next inner capital.
            let mut end = from + 1;
            while end < chars.len() && chars[end].is_alphabetic() && !(chars[end].is_uppercase() && chars[end - 1].is_lowercase()) {
                end += 1;
            }
            chars[from..end].iter().collect()
        }
    };
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let boundary = c.is_uppercase() && prev.is_some_and(char::is_lowercase);
        if (boundary && (text::furniture(&word_at(i, true)) || text::furniture(&word_at(i, false)) || month(&word_at(i, false))))
            || (c.is_ascii_digit() && prev.is_some_and(char::is_alphabetic))
        {
            out.push_str(" · ");
        }
        out.push(c);
    }
    out
}

/// `part` without its opening word ("By", "Von", "Par", "著者"), and a
/// repeated "by" where two elements said it ("Byby", "By by"). Only one
/// opener otherwise: "By Von Miller" keeps its name. Compared without
/// lowercasing the text (that changes byte lengths: "İ").
fn strip_openers(part: &str) -> &str {
    let mut rest = part.trim();
    let mut stripped = false;
    loop {
        let next_opener = BYLINE_OPENERS.iter().filter(|o| !stripped || **o == "by").find_map(|opener| {
            let head = rest.get(..opener.len())?;
            // "di" is Italian's "by" only in lowercase: "Di Zhang" is a name.
            let same = if *opener == "di" { head == *opener } else { head.eq_ignore_ascii_case(opener) };
            if !same {
                return None;
            }
            let r = rest.get(opener.len()..)?;
            // A word ("By Jane", "ByJane" where elements touch, "Byby"), not
            // "Bylund"; a one-character role ("文●", "著 ") apart from the
            // name, not "文小刚".
            let next = r.chars().next();
            let word_ends = if opener.is_ascii() {
                opener.ends_with(':') || next.is_none_or(|c| !c.is_lowercase() || r.get(..2).is_some_and(|b| b.eq_ignore_ascii_case("by")))
            } else {
                opener.chars().count() > 1 || next.is_none_or(|c| !c.is_alphanumeric())
            };
            word_ends.then_some(r)
        });
        match next_opener {
            Some(r) => {
                rest = r.trim_start_matches([' ', ':', '●', '：', '・']).trim();
                stripped = true;
            }
            None => return rest,
        }
    }
}

/// The names in a byline's part, cut where its date or furniture starts:
/// "Isabel Caro, Rocío Latorre y José Miguel Wilson", "JOSH HASKELL, DAVID
/// CAPLAN and PATRICK REEVELL December 16, 2016", "Michael Larabel in Valve".
fn names_in(part: &str) -> (Vec<String>, Vec<String>) {
    let words: Vec<&str> = part.split(' ').collect();
    let digit = |i: usize| words.get(i).is_some_and(|w: &&str| w.starts_with(|c: char| c.is_ascii_digit()));
    // A month only next to a number: "Theresa May" is a name, "May 3" a date.
    // Words in capitals after a name written normally are the next
    // element's label: "Meg Wagner NEW YORK DAILY NEWS".
    let caps = |i: usize| words.get(i).is_some_and(|w: &&str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase));
    let end = (1..words.len())
        .find(|&i| {
            digit(i)
                || (month(words[i]) && (digit(i + 1) || digit(i - 1)))
                || BYLINE_STOPS.contains(&words[i])
                || (DATE_ARTICLES.contains(&words[i]) && (digit(i + 1) || words.get(i + 1).is_some_and(|w| month(w) || w.starts_with(char::is_lowercase))))
                || (caps(i) && caps(i + 1) && words[i - 1].starts_with(char::is_uppercase) && words[i - 1].chars().any(char::is_lowercase))
        })
        .unwrap_or(words.len());
    let head = words[..end].join(" ");
    let mut names = Vec::new();
    let mut rest = Vec::new();
    let normalised =
        [" and ", " & ", " und ", " et ", " y ", " e ", " og ", " ja ", " with ", "、", "，", ";"].iter().fold(head, |acc, sep| acc.replace(sep, ","));
    for piece in normalised.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match byline_name(piece) {
            Some(n) => names.push(n),
            None => rest.push(piece.to_owned()),
        }
    }
    (names, rest)
}

/// The people a byline names, with the title when it names one person:
/// "By Jonas Weber, Director of Customer Success · March 3, 2026",
/// "Politik · Jochen Bittner, Tina Hildebrandt", "Saibal Dasgupta / TNN".
pub(crate) fn byline_people(line: &str) -> Vec<(String, Option<String>)> {
    let mut line = text::clean(line, 300);
    // Role words inside a CJK byline ("著者 お米ゴハン イラスト 汐街コナ") part its names.
    for role in BYLINE_OPENERS.iter().filter(|o| !o.is_ascii() && o.chars().count() > 1) {
        line = line.replace(role, "/");
    }
    let mut found: Vec<(String, Option<String>)> = Vec::new();
    for part in line.split(['·', '|', '•', '\u{2014}', '\u{2013}', '/', '／', '●', '\n']).map(str::trim) {
        let part = strip_openers(part);
        if part.is_empty() {
            continue;
        }
        let (names, rest) = names_in(part);
        let title = match (names.as_slice(), rest.first()) {
            ([_], Some(t)) if part.contains(',') => job_title(t),
            _ => None,
        };
        for name in names.into_iter().take(10) {
            if !found.iter().any(|(n, _)| person_key(n) == person_key(&name)) {
                found.push((name, title.clone()));
            }
        }
        if found.len() >= 10 {
            break;
        }
    }
    if found.len() > 1 {
        for f in &mut found {
            f.1 = None;
        }
    }
    found
}

fn authors(s: &PageSnapshot, f: &mut Found) {
    // Slack's and Twitter's cards: "Written by" in label1, the name in data1.
    let card_author = s.meta_first("twitter:label1").is_some_and(|l| ["written by", "author", "von", "par"].contains(&l.to_lowercase().trim()));
    let keys = ["author", "article:author", "dc.creator", "dcterms.creator", "citation_author", "parsely-author", "sailthru.author", "byl"];
    for key in keys.into_iter().chain(card_author.then_some("twitter:data1")) {
        for value in s.meta_values(key).take(30) {
            if value.contains("://") {
                // An author page's address: its last segment may spell the name.
                if let Some(name) = slug_name(value, &s.text) {
                    f.person(PersonCand { name, confidence: 0.5, evidence: "meta author", ..PersonCand::default() });
                }
                continue;
            }
            for (name, _) in byline_people(value) {
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

/// The name an author page's address spells ("…/editors/jon-fingas" →
/// "Jon Fingas"), when the page shows that name.
fn slug_name(url: &str, page_text: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?.trim_end_matches('/');
    let last = path.rsplit('/').next()?;
    if last.contains('.') || !last.contains('-') {
        return None;
    }
    let words: Vec<&str> = last.split('-').filter(|w| !w.is_empty()).collect();
    if !(2..=4).contains(&words.len()) || words.iter().any(|w| !w.bytes().all(|b| b.is_ascii_alphabetic())) {
        return None;
    }
    let spaced = words.join(" ");
    // Found in the page as it spells it (its capitals), ASCII case aside:
    // the match is ASCII, so its ends are character boundaries.
    let at = page_text.as_bytes().windows(spaced.len()).position(|w| w.eq_ignore_ascii_case(spaced.as_bytes()))?;
    person_name(page_text.get(at..at + spaced.len())?)
}

/// Names in the page's bylines (`rel=author`, `class*=byline|author`); the
/// first bylines are the article's, later ones are often a list of others'.
fn bylines(s: &PageSnapshot, f: &mut Found) {
    // The first byline that names someone is the page's; an element nested
    // in it repeats those names. Bylines naming others come after: related
    // articles, "more from", an author list.
    let mut article: Vec<String> = Vec::new();
    for line in s.bylines.iter().take(20) {
        let people = byline_people(&unglue(line));
        let theirs = !people.is_empty() && (article.is_empty() || people.iter().all(|(n, _)| article.contains(&person_key(n))));
        if article.is_empty() {
            article = people.iter().map(|(n, _)| person_key(n)).collect();
        }
        let (confidence, evidence) = if theirs { (0.55, "byline") } else { (0.35, OTHER_BYLINE) };
        for (name, title) in people {
            f.person(PersonCand { name, title, confidence, evidence, ..PersonCand::default() });
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
    // The first author link is the page's author; later ones name others
    // (related articles), as with bylines.
    let mut first_author: Option<String> = None;
    for link in &s.links {
        let lower_href = link.href.trim().to_ascii_lowercase();
        let author_page = !lower_href.starts_with("mailto:") && !lower_href.starts_with("tel:") && !lower_href.contains("linkedin.com/");
        if author_page && super::snapshot::AUTHOR_PATHS.iter().any(|p| lower_href.contains(p)) {
            for (name, _) in byline_people(&unglue(&link.text)).into_iter().take(1) {
                let key = person_key(&name);
                let theirs = first_author.get_or_insert_with(|| key.clone()) == &key;
                let (confidence, evidence) = if theirs { (0.5, "author link") } else { (0.35, OTHER_AUTHOR_LINK) };
                f.person(PersonCand { name, confidence, evidence, ..PersonCand::default() });
            }
            continue;
        }
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
            // The link's own words, before anything run into them ("Jane SmithEditor").
            if let Some(name) = unglue(&link.text).split(" · ").next().and_then(person_name) {
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
            phone: None,
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

/// A domain's first label, hyphens dropped: "tages-anzeiger.ch" → "tagesanzeiger".
fn domain_label(domain: &str) -> String {
    domain.split('.').next().unwrap_or("").replace('-', "")
}

/// Whether a company name (its key) fits a domain, loosely, for merging
/// names into the site's company: "Acme Robotics" and acmerobotics.com,
/// "Hamburger Abendblatt" and abendblatt.de, "India" and indiatimes.com.
fn label_matches(key: &str, domain: &str) -> bool {
    let label = domain_label(domain);
    !key.is_empty()
        && (key == label
            || (label.len() >= 4 && key.starts_with(&label))
            || (key.len() >= 4 && label.starts_with(key))
            || (label.len() >= 5 && key.ends_with(&label)))
}

/// How good a name is for a company with `domain`: one that spells the
/// domain first ("Tages-Anzeiger" over its owner "Tamedia"; not the section
/// "India News" on indiatimes.com), then by its source.
fn name_quality(name: &str, rank: NameRank, domain: Option<&str>) -> (bool, NameRank) {
    let spells = |key: &str, d: &str| {
        let label = domain_label(d);
        label.len() >= 3 && (key == label || key.starts_with(&label) || (label.len() >= 5 && key.len() <= 2 * label.len() && key.ends_with(&label)))
    };
    (domain.is_some_and(|d| spells(&company_key(name), d)), rank)
}

/// Merges candidates, resolves people's companies and ranks everything.
fn finish(f: Found, site_domain: Option<String>, personal: bool) -> Extraction {
    // Every name a company went by, before merging keeps the best one.
    let company_keys: Vec<String> = f.companies.iter().filter_map(|c| c.name.as_ref()).map(|(n, _)| company_key(n)).collect();
    // Companies: strongest name sources first, so names merge into them.
    let mut cands = f.companies;
    let quality = |c: &CompanyCand| c.name.as_ref().map_or((false, NameRank::Derived), |(n, r)| name_quality(n, *r, c.domain.as_deref()));
    cands.sort_by(|a, b| quality(b).cmp(&quality(a)).then(b.domain.is_some().cmp(&a.domain.is_some())));
    struct Merged {
        company: Company,
        rank: NameRank,
    }
    impl Merged {
        fn quality(&self) -> (bool, NameRank) {
            name_quality(&self.company.name, self.rank, self.company.domain.as_deref())
        }
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
                    && name_quality(&name, rank, m.company.domain.as_deref()) > m.quality()
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
                q.phone = q.phone.take().or(p.phone);
                push_evidence(&mut q.evidence, p.evidence);
            }
            None => people.push(Person {
                name: p.name,
                title: p.title,
                email: p.email,
                company: p.company,
                linkedin_url: p.linkedin,
                phone: p.phone,
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
    // A "person" named like a company on the page is the publisher signing
    // ("La Tercera", "Badische Zeitung" as the author), unless the site is
    // that person's own.
    if !personal {
        people.retain(|p| {
            let key = person_key(&p.name).replace(' ', "");
            !companies.iter().any(|c| company_key(&c.name) == key) && !company_keys.contains(&key)
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_in_their_real_forms() {
        let people = |line: &str| {
            byline_people(&unglue(line)).into_iter().map(|(n, t)| format!("{n}{}", t.map(|t| format!(" ({t})")).unwrap_or_default())).collect::<Vec<_>>()
        };
        for (line, want) in [
            ("By Jonas Weber, Director of Customer Success · March 3, 2026", &["Jonas Weber (Director of Customer Success)"][..]),
            ("Byby JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL December 16, 2016, 4:19 PM", &["Josh Haskell", "David Caplan", "Patrick Reevell"]),
            ("ByTravis Haney", &["Travis Haney"]),
            ("Politik · Jochen Bittner, Tina Hildebrandt", &["Jochen Bittner", "Tina Hildebrandt"]),
            ("Isabel Caro, Rocío Latorre y José Miguel WilsonHace 13 horas", &["Isabel Caro", "Rocío Latorre", "José Miguel Wilson"]),
            ("Written by Michael Larabel in Valve on 1 June 2019 at 08:34 PM EDT. 51 Comments", &["Michael Larabel"]),
            ("Saibal Dasgupta / TNN / Updated: Oct 9, 2019, 11:05 IST", &["Saibal Dasgupta"]),
            ("By Meg Wagner NEW YORK DAILY NEWSDec 16, 2016 at 1:38 pm", &["Meg Wagner"]),
            ("Von Heike Buchter", &["Heike Buchter"]),
            ("Par Chokri GHARBI", &["Chokri Gharbi"]),
            ("Words by Ada Lovelace and Charles Babbage", &["Ada Lovelace", "Charles Babbage"]),
            ("著者 お米ゴハン イラスト 汐街コナ", &["お米ゴハン", "汐街コナ"]),
            ("谢若含2017-03-01 14:27:02", &["谢若含"]),
            ("Howard BlumeStaff Writer", &["Howard Blume"]),
            ("By Theresa May", &["Theresa May"]),
            ("By John le Carré", &["John le Carré"]),
            ("Par Jean Dupont le 12 mars 2020", &["Jean Dupont"]),
            ("By Di Zhang", &["Di Zhang"]),
            ("文● オカモト／ASCII編集部", &["オカモト"]),
            ("文小刚", &["文小刚"]),
            ("By TJ Miller", &["TJ Miller"]),
            ("By İsmail İnce", &["İsmail İnce"]),
            ("By İbrahim İnce İlhan", &["İbrahim İnce İlhan"]),
            ("By Von Miller", &["Von Miller"]),
            ("di Mario Rossi", &["Mario Rossi"]),
            ("Par Jean Dupont le mercredi 12 mars 2020", &["Jean Dupont"]),
            ("By Jeff VanderMeer", &["Jeff VanderMeer"]),
            ("View ORCID ProfileElizabeth Raupach", &["Elizabeth Raupach"]),
            // "By" is a word, not the start of one.
            ("Bylund Smith", &["Bylund Smith"]),
            ("Staff", &[]),
            ("<script>alert(1)</script>", &[]),
        ] {
            assert_eq!(people(line), want, "{line}");
        }
    }

    #[test]
    fn microdata_authors_of_an_article() {
        let html = r#"<html><head><title>T</title></head><body><article itemscope itemtype="https://schema.org/BlogPosting">
            <h1 itemprop="headline">Post</h1><p>By <span itemprop="author">Ada Lovelace</span> and
            <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Charles Babbage</span></span></p>
            </article></body></html>"#;
        let x = extract(&super::super::snapshot_from_html(html, "https://blog.example.org/post"));
        let names: Vec<&str> = x.people.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"Ada Lovelace") && names.contains(&"Charles Babbage"), "{names:?}");
    }

    #[test]
    fn a_personal_site_that_names_itself_is_still_its_owners() {
        let html = r#"<html><head><title>Notes - Jane Doe</title><meta property="og:site_name" content="Jane Doe">
            <meta name="author" content="Jane Doe"></head><body><h1>Notes</h1><p>By Jane Doe</p><footer>© 2024 Jane Doe</footer></body></html>"#;
        let x = extract(&super::super::snapshot_from_html(html, "https://janedoe.dev/notes"));
        assert_eq!(x.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Jane Doe"]);
        assert!(x.companies.is_empty(), "{:?}", x.companies);
        // A publication signing with its name beside its writers is not a person.
        let html = r#"<html><head><title>La agenda - La Tercera</title><meta property="og:site_name" content="La Tercera"></head><body>
            <div class="byline">Isabel Caro y Rocío Latorre</div><div class="author">La Tercera</div></body></html>"#;
        let x = extract(&super::super::snapshot_from_html(html, "https://www.latercera.com/x"));
        assert_eq!(x.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Isabel Caro", "Rocío Latorre"]);
        assert_eq!(x.companies.first().map(|c| c.name.as_str()), Some("La Tercera"));
    }

    #[test]
    fn copyright_holders() {
        for (line, want) in [
            ("© 2019–2026 Acme Robotics, Inc. All rights reserved.", Some("Acme Robotics")),
            ("Copyright (c) 2022, OTRS", Some("OTRS")),
            ("COPYRIGHT NDTV CONVERGENCE LIMITED 2020", Some("NDTV CONVERGENCE")),
            ("© ABC News Internet Ventures. All", Some("ABC News Internet Ventures")),
            ("© S&P Dow Jones Indices LLC 2018. All rights reserved", Some("S&P Dow Jones Indices")),
            ("© 2026 Channel 4", Some("Channel 4")),
            ("© 2024 İstanbul Medya A.Ş. Tüm hakları saklıdır", Some("İstanbul Medya A.Ş")),
            ("© İİİ 2024 Acme Robotics. All rights reserved", Some("İİİ 2024 Acme Robotics")),
            ("No holder here", None),
        ] {
            assert_eq!(copyright(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn author_page_addresses_spell_names_the_page_shows() {
        assert_eq!(slug_name("https://www.engadget.com/editors/jon-fingas", "Lyft ... By Jon Fingas, @jonfingas").as_deref(), Some("Jon Fingas"));
        // Not on the page: not a name to show.
        assert_eq!(slug_name("https://example.com/author/jane-doe", "Nothing here"), None);
        assert_eq!(slug_name("https://www.facebook.com/laurenjgwriter", "Lauren"), None);
    }
}
