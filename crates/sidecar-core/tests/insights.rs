//! Contextual insights against saved pages (`fixtures/insights/*.html`,
//! each with `NAME.expected.json`): per-fixture and total precision and
//! recall (`cargo test -p sidecar-core --test insights -- --nocapture`
//! prints the table), plus search, ranking and fuzz tests.

use std::path::Path;

use salesforce_rest::sosl::{escape_sosl_term, parse};
use salesforce_rest::wire::{Record, SObjectDescribe};
use serde_json::{Value, json};
use sidecar_core::insights::search::{Entity, SearchPlan, search_terms};
use sidecar_core::insights::text::{company_key, person_key};
use sidecar_core::insights::{
    Candidate, Company, Extraction, PageSnapshot, Person, Why, extract, insights_search, lead_draft, rank, shown, snapshot_from_html, unmatched,
};

/// A field of a test describe: name, type, createable.
type TestField<'a> = (&'a str, &'a str, bool);

/// A describe of `object` with `fields`.
fn describe(object: &str, fields: &[TestField<'_>]) -> SObjectDescribe {
    let fields: Vec<Value> =
        fields.iter().map(|(name, ty, createable)| json!({"name": name, "label": name.replace('_', " "), "type": ty, "createable": createable})).collect();
    serde_json::from_value(json!({"name": object, "fields": fields})).expect("describe")
}

/// The demo org's schema: the three objects with a `LinkedIn_URL__c` url field.
fn devorg_describes() -> Vec<SObjectDescribe> {
    let common = [("Id", "id", false), ("Name", "string", false), ("LinkedIn_URL__c", "url", true)];
    let own: [(&str, &[TestField<'_>]); 3] = [
        ("Account", &[("Website", "url", true), ("Industry", "picklist", true)]),
        ("Contact", &[("Email", "email", true), ("Title", "string", true), ("AccountId", "reference", true)]),
        (
            "Lead",
            &[
                ("FirstName", "string", true),
                ("LastName", "string", true),
                ("Email", "email", true),
                ("Company", "string", true),
                ("Title", "string", true),
                ("Website", "url", true),
                ("LeadSource", "picklist", true),
            ],
        ),
    ];
    own.iter().map(|(object, fields)| describe(object, &[&common[..], fields].concat())).collect()
}

fn plan() -> SearchPlan {
    let describes = devorg_describes();
    SearchPlan::from_describes(&describes.iter().collect::<Vec<_>>())
}

fn lead() -> SObjectDescribe {
    devorg_describes().remove(2)
}

fn dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/insights"))
}

fn field<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn company_matches(want: &Value, got: &Company) -> bool {
    match (field(want, "domain"), &got.domain) {
        (Some(d), Some(g)) if d == g => true,
        _ => field(want, "name").is_some_and(|n| company_key(n) == company_key(&got.name)),
    }
}

fn person_matches(want: &Value, got: &Person) -> bool {
    let same = |k: &str, have: Option<&str>, norm: fn(&str) -> String| match field(want, k) {
        None => true,
        Some(w) => have.is_some_and(|h| norm(h) == norm(w)),
    };
    field(want, "name").is_some_and(|n| person_key(n) == person_key(&got.name))
        && same("email", got.email.as_deref(), |s| s.to_ascii_lowercase())
        && same("title", got.title.as_deref(), |s| s.to_lowercase())
        && same("company", got.company.as_deref(), company_key)
}

struct Score {
    name: String,
    expected: usize,
    found: usize,
    extracted: usize,
    correct: usize,
    missing: Vec<String>,
    extra: Vec<String>,
}

fn score(name: &str, x: &Extraction, want: &Value) -> Score {
    let list = |k: &str| want.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
    let (wc, wp, we) = (list("companies"), list("people"), list("emails"));
    let mut s = Score { name: name.to_owned(), expected: 0, found: 0, extracted: 0, correct: 0, missing: vec![], extra: vec![] };
    for w in &wc {
        s.expected += 1;
        if x.companies.iter().any(|g| company_matches(w, g)) { s.found += 1 } else { s.missing.push(format!("company {w}")) }
    }
    for w in &wp {
        s.expected += 1;
        if x.people.iter().any(|g| person_matches(w, g)) { s.found += 1 } else { s.missing.push(format!("person {w}")) }
    }
    for w in &we {
        s.expected += 1;
        if x.emails.iter().any(|g| Some(g.as_str()) == w.as_str()) { s.found += 1 } else { s.missing.push(format!("email {w}")) }
    }
    let (mut used_c, mut used_p, mut used_e) = (vec![false; wc.len()], vec![false; wp.len()], vec![false; we.len()]);
    for g in &x.companies {
        s.extracted += 1;
        // Precision counts an entity as right when it is an expected one not
        // already claimed (a duplicate counts as extra).
        let right = claim(&mut used_c, &wc, |w| {
            field(w, "domain").is_some_and(|d| g.domain.as_deref() == Some(d)) || field(w, "name").is_some_and(|n| company_key(n) == company_key(&g.name))
        });
        if right { s.correct += 1 } else { s.extra.push(format!("company {} ({:?})", g.name, g.domain)) }
    }
    for g in &x.people {
        s.extracted += 1;
        let right = claim(&mut used_p, &wp, |w| field(w, "name").is_some_and(|n| person_key(n) == person_key(&g.name)));
        if right { s.correct += 1 } else { s.extra.push(format!("person {}", g.name)) }
    }
    for g in &x.emails {
        s.extracted += 1;
        if claim(&mut used_e, &we, |w| w.as_str() == Some(g.as_str())) { s.correct += 1 } else { s.extra.push(format!("email {g}")) }
    }
    s
}

/// Marks the first unclaimed expected entity that `fits`; whether there was one.
fn claim(used: &mut [bool], want: &[Value], fits: impl Fn(&Value) -> bool) -> bool {
    match want.iter().enumerate().position(|(i, w)| !used[i] && fits(w)) {
        Some(i) => {
            used[i] = true;
            true
        }
        None => false,
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// devorg's demo pages are fixtures too, read where devorg serves them
/// from (no copies to drift): fixture name → path under `crates/devorg/demo`.
const DEMO_PAGES: &[(&str, &str)] = &[
    ("demo-acme-home", "acme-robotics/index.html"),
    ("demo-acme-team", "acme-robotics/team.html"),
    ("demo-acme-news", "acme-robotics/news.html"),
    ("demo-hostile", "hostile/index.html"),
    ("demo-initech-blog", "initech/blog/scaling-support.html"),
    ("demo-sofia-alvarez", "sofia-alvarez/index.html"),
    ("demo-umbrella", "umbrella-analytics/index.html"),
];

fn html_of(name: &str) -> Vec<u8> {
    let path = match DEMO_PAGES.iter().find(|(n, _)| *n == name) {
        Some((_, page)) => Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../devorg/demo")).join(page),
        None => dir().join(format!("{name}.html")),
    };
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixtures() -> Vec<(String, String, Value)> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("fixtures dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".expected.json").map(str::to_owned))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let html = String::from_utf8_lossy(&html_of(&n)).into_owned();
            let want: Value = serde_json::from_slice(&std::fs::read(dir().join(format!("{n}.expected.json"))).expect(&n)).expect(&n);
            (n, html, want)
        })
        .collect()
}

#[test]
fn fixtures_precision_and_recall() {
    let all = fixtures();
    assert!(all.len() >= 30, "{} fixtures", all.len());
    let mut scores = Vec::new();
    for (name, html, want) in &all {
        let url = field(want, "url").unwrap_or("");
        let x = extract(&snapshot_from_html(html, url));
        // The search for every page renders and parses.
        if let Some(search) = insights_search(&x, &plan()) {
            parse(&search.to_string()).unwrap_or_else(|e| panic!("{name}: {e}: {search}"));
        }
        scores.push(score(name, &x, want));
    }
    println!("{:<24} {:>8} {:>8} {:>9} {:>7}", "fixture", "expected", "found", "extracted", "correct");
    let (mut e, mut f, mut x, mut c) = (0, 0, 0, 0);
    for s in &scores {
        println!(
            "{:<24} {:>8} {:>8} {:>9} {:>7}   P={:.2} R={:.2}",
            s.name,
            s.expected,
            s.found,
            s.extracted,
            s.correct,
            ratio(s.correct, s.extracted),
            ratio(s.found, s.expected)
        );
        for m in &s.missing {
            println!("    missing: {m}");
        }
        for m in &s.extra {
            println!("    extra:   {m}");
        }
        (e, f, x, c) = (e + s.expected, f + s.found, x + s.extracted, c + s.correct);
    }
    let (precision, recall) = (ratio(c, x), ratio(f, e));
    println!("{:<24} {:>8} {:>8} {:>9} {:>7}   P={precision:.3} R={recall:.3}", "TOTAL", e, f, x, c);
    let missing: Vec<String> = scores.iter().flat_map(|s| s.missing.iter().map(move |m| format!("{}: {m}", s.name))).collect();
    assert!(missing.is_empty(), "not found:\n{}", missing.join("\n"));
    assert!(precision >= 0.8, "precision {precision:.3}");
}

/// The panel's cut-off hides nothing the fixtures expect: every expected
/// person and company is still shown (`shown`), on team pages, directories
/// and articles alike.
#[test]
fn the_panel_shows_what_the_fixtures_expect() {
    let mut hidden = Vec::new();
    for (name, html, want) in fixtures() {
        let panel = shown(extract(&snapshot_from_html(&html, field(&want, "url").unwrap_or(""))));
        let list = |k: &str| want.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
        for w in list("people") {
            if !panel.people.iter().any(|g| person_matches(&w, g)) {
                hidden.push(format!("{name}: person {w}"));
            }
        }
        for w in list("companies") {
            if !panel.companies.iter().any(|g| company_matches(&w, g)) {
                hidden.push(format!("{name}: company {w}"));
            }
        }
    }
    assert!(hidden.is_empty(), "hidden by the cut-off:\n{}", hidden.join("\n"));
}

#[test]
fn sensitive_pages_yield_nothing() {
    for name in ["webmail", "banking"] {
        let (_, html, want) = fixtures().into_iter().find(|(n, _, _)| n == name).expect(name);
        let x = extract(&snapshot_from_html(&html, field(&want, "url").unwrap_or("")));
        assert!(x.is_empty(), "{name}: {x:?}");
    }
}

#[test]
fn snapshot_json_is_camel_case_and_tolerant() {
    let s = snapshot_from_html("<title>T</title><script type='application/ld+json'>{}</script>", "https://a.com/");
    let v = serde_json::to_value(&s).expect("json");
    assert!(v.get("jsonLd").is_some() && v.get("microdata").is_some() && v.get("cards").is_some());
    // What the script returns may be partial or oversized: defaults and bounds apply.
    let partial: PageSnapshot = serde_json::from_value(json!({"url": "https://a.com", "text": "x".repeat(50_000)})).expect("partial");
    assert_eq!(partial.bounded().text.len(), 20_000);
}

fn demo_extraction(name: &str) -> Extraction {
    let (_, html, want) = fixtures().into_iter().find(|(n, _, _)| n == name).expect(name);
    extract(&snapshot_from_html(&html, field(&want, "url").unwrap_or("")))
}

#[test]
fn one_search_per_page() {
    let x = demo_extraction("demo-acme-team");
    let search = insights_search(&x, &plan()).expect("search");
    let text = search.to_string();
    assert!(text.starts_with("FIND {\"maria.chen@acmerobotics.com\" OR "), "{text}");
    assert!(text.contains("\"acmerobotics.com\""), "{text}");
    assert!(text.contains("\"Tom Becker\""), "{text}");
    assert!(
        text.ends_with(
            "IN ALL FIELDS RETURNING Account(Id, Name, Website, Industry, LinkedIn_URL__c LIMIT 10), \
         Contact(Id, Name, Email, Title, AccountId, LinkedIn_URL__c LIMIT 10), \
         Lead(Id, Name, Email, Company, Title, LinkedIn_URL__c LIMIT 10) LIMIT 30"
        ),
        "{text}"
    );
    let parsed = parse(&text).expect("parses");
    assert_eq!(parsed.term.alternatives().len(), search_terms(&x).len());
    assert!(insights_search(&Extraction::default(), &plan()).is_none());
}

fn record(object: &str, id: &str, fields: Value) -> Record {
    let mut r = Record::new(object).with("Id", id);
    if let Value::Object(map) = fields {
        for (k, v) in map {
            r = r.with(k, v);
        }
    }
    r
}

#[test]
fn ranking_and_drafts() {
    let x = demo_extraction("demo-acme-team");
    let records = vec![
        record("Lead", "00Q1", json!({"Name": "Tom Becker", "Company": "Other Co"})),
        record("Account", "0011", json!({"Name": "Acme Robotics", "Website": "https://acmerobotics.com"})),
        record("Contact", "0031", json!({"Name": "Maria Chen", "Email": "MARIA.CHEN@acmerobotics.com"})),
        record("Lead", "00Q2", json!({"Name": "D. Okafor", "Email": "david.okafor@acmerobotics.com", "LinkedIn_URL__c": ""})),
        record("Opportunity", "0061", json!({"Name": "Acme Robotics"})),
        record("Contact", "0032", json!({"Name": "Somebody Else", "Email": "x@y.com"})),
    ];
    let matches = rank(&x, &records, &plan());
    let got: Vec<(&str, Why, bool)> = matches.iter().map(|m| (m.id.as_str(), m.why, m.exact)).collect();
    assert_eq!(got, [("0031", Why::SameEmail, true), ("00Q2", Why::SameEmail, true), ("0011", Why::SameDomain, true), ("00Q1", Why::NameOnly, false),]);
    let left = unmatched(&x, &matches);
    let names: Vec<&str> = left
        .iter()
        .map(|c| match c {
            Candidate::Person(p) => p.name.as_str(),
            Candidate::Company(c) => c.name.as_str(),
        })
        .collect();
    assert_eq!(names, ["Priya Raman", "Tom Becker"]);
    let draft = lead_draft(&left[0], &lead());
    assert_eq!(draft.object_type(), Some("Lead"));
    let fields: Value = serde_json::to_value(&draft.fields).expect("json");
    assert_eq!(
        fields,
        json!({
            "FirstName": "Priya", "LastName": "Raman", "Company": "Acme Robotics", "Email": "priya.raman@acmerobotics.com",
            "Website": "acmerobotics.com", "Title": "Chief Technology Officer", "LeadSource": "Web",
        })
    );

    // LinkedIn: an exact profile match comes first.
    let x = demo_extraction("demo-sofia-alvarez");
    let records = vec![
        record("Contact", "0039", json!({"Name": "Sofia Alvarez"})),
        record("Lead", "00Q9", json!({"Name": "Sofia A.", "LinkedIn_URL__c": "https://linkedin.com/in/sofia-alvarez-nw/"})),
    ];
    let matches = rank(&x, &records, &plan());
    assert_eq!(matches[0].id, "00Q9");
    assert_eq!(matches[0].why, Why::SameLinkedIn);
    assert_eq!(matches[0].entity, Entity::Person(0));
    let company = Candidate::Company(x.companies[0].clone());
    let fields = serde_json::to_value(&lead_draft(&company, &lead()).fields).expect("json");
    assert_eq!(fields, json!({"Company": "Northwind Traders", "Website": "northwindtraders.com", "LeadSource": "Web"}));
}

#[test]
fn an_org_without_a_linkedin_field_is_never_asked_for_one() {
    // Most orgs: no LinkedIn field at all; a URL field labelled LinkedIn counts.
    let x = demo_extraction("demo-sofia-alvarez");
    let plain = [
        describe("Account", &[("Id", "id", false), ("Name", "string", true), ("Website", "url", true)]),
        describe("Lead", &[("Id", "id", false), ("Name", "string", false), ("LastName", "string", true), ("Company", "string", true)]),
    ];
    let plan = SearchPlan::from_describes(&plain.iter().collect::<Vec<_>>());
    let text = insights_search(&x, &plan).expect("search").to_string();
    assert!(text.ends_with("RETURNING Account(Id, Name, Website LIMIT 10), Lead(Id, Name, Company LIMIT 10) LIMIT 20"), "{text}");
    // The profile URL on a record is not read from a field the plan lacks.
    let records = vec![record("Lead", "00Q9", json!({"Name": "Sofia A.", "LinkedIn_URL__c": "https://linkedin.com/in/sofia-alvarez-nw/"}))];
    assert!(rank(&x, &records, &plan).is_empty());
    // A draft sets only createable fields the Lead has (no Title, Email, LeadSource, LinkedIn here).
    let person = Candidate::Person(x.people[0].clone());
    let fields = serde_json::to_value(&lead_draft(&person, &plain[1]).fields).expect("json");
    assert_eq!(fields.as_object().map(|m| m.keys().cloned().collect::<Vec<_>>()), Some(vec!["LastName".to_owned(), "Company".to_owned()]), "{fields}");
    // A url field labelled "LinkedIn Profile" is found by its label.
    let labelled = describe("Contact", &[("Id", "id", false), ("Profile__c", "url", true), ("Email", "email", true)]);
    let mut labelled = labelled;
    labelled.fields[1].label = "LinkedIn Profile".into();
    assert_eq!(sidecar_core::insights::linkedin_field(&labelled).map(|f| f.name.as_str()), Some("Profile__c"));
    let text_field = describe("Contact", &[("LinkedIn__c", "string", true)]);
    assert!(sidecar_core::insights::linkedin_field(&text_field).is_none(), "a url field only");
}

/// xorshift64*: deterministic, no dependencies.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PIECES: &[&str] = &[
    "?",
    "&",
    "|",
    "!",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "^",
    "~",
    "*",
    ":",
    "\\",
    "\"",
    "'",
    "+",
    "-",
    " ",
    "  ",
    "\t",
    "\n",
    "AND",
    "OR",
    "NOT",
    "and",
    "or",
    "} RETURNING User(Id) {",
    "' OR Name LIKE '%",
    "SELECT Id FROM User",
    "LIMIT 1",
    "WHERE",
    "\\\\",
    "\\}",
    "Acme",
    "Robotics",
    "Maria",
    "Chen",
    "O'Brien",
    "Zoë",
    "Jürgen",
    "山田",
    "ليلى",
    "\u{202e}",
    "\u{200f}",
    "\u{200b}",
    "\u{feff}",
    "👩‍💻",
    "Ｋ",
    "é",
    "@",
    ".",
    "com",
    "x",
    "1",
    "%22",
    "<script>",
    "</script>",
    "javascript:",
    "{\"@type\":\"Person\"}",
    "\u{0}",
    "\u{7f}",
];

fn random_text(rng: &mut Rng) -> String {
    let n = 1 + rng.below(12);
    (0..n).map(|_| rng.pick(PIECES)).collect()
}

#[test]
fn fuzz_search_terms_always_escaped_and_parse() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for case in 0..4_000 {
        let person = |rng: &mut Rng| Person {
            name: random_text(rng),
            title: Some(random_text(rng)),
            email: Some(format!("{}@{}.com", random_text(rng), random_text(rng))),
            company: Some(random_text(rng)),
            linkedin_url: Some(format!("https://www.linkedin.com/in/{}", random_text(rng))),
            phone: None,
            confidence: 0.5,
            evidence: vec![],
        };
        let company = |rng: &mut Rng| Company {
            name: random_text(rng),
            domain: Some(format!("{}.{}", random_text(rng), random_text(rng))),
            linkedin_url: None,
            confidence: 0.5,
            evidence: vec![],
        };
        let x = Extraction {
            companies: (0..rng.below(6)).map(|_| company(&mut rng)).collect(),
            people: (0..rng.below(12)).map(|_| person(&mut rng)).collect(),
            emails: (0..rng.below(4)).map(|_| random_text(&mut rng)).collect(),
            phones: vec![],
        };
        let terms = search_terms(&x);
        assert!(terms.len() <= 20);
        let Some(search) = insights_search(&x, &plan()) else {
            assert!(terms.is_empty());
            continue;
        };
        let text = search.to_string();
        let parsed = parse(&text).unwrap_or_else(|e| panic!("case {case}: {e}\n{text}"));
        assert_eq!(parsed.returning.len(), 3, "case {case}: {text}");
        // Every term is there escaped, and reads back as exactly one phrase.
        let groups = parsed.term.alternatives();
        assert_eq!(groups.len(), terms.len(), "case {case}: {text}");
        for (term, group) in terms.iter().zip(&groups) {
            assert!(text.contains(&format!("\"{}\"", escape_sosl_term(term))), "case {case}: {term:?} in {text}");
            assert_eq!(group.len(), 1, "case {case}: {term:?}");
            assert!(group[0].phrase && !group[0].exclude && !group[0].prefix, "case {case}: {term:?}");
            assert_eq!(group[0].text, term.split_whitespace().collect::<Vec<_>>().join(" "), "case {case}");
        }
    }
}

#[test]
fn fuzz_extraction_never_panics() {
    let mut rng = Rng(0xdead_beef_0bad_f00d);
    for case in 0..3_000 {
        let t = |rng: &mut Rng| random_text(rng);
        let json_ld = match rng.below(4) {
            0 => serde_json::to_string(&json!({"@type": "Person", "name": t(&mut rng), "email": t(&mut rng),
                "worksFor": {"@type": "Organization", "name": t(&mut rng), "url": t(&mut rng)}}))
            .unwrap_or_default(),
            1 => serde_json::to_string(&json!({"@graph": [{"@type": ["Organization"], "name": t(&mut rng), "url": format!("https://{}", t(&mut rng)),
                "founder": [{"name": t(&mut rng)}]}]}))
            .unwrap_or_default(),
            2 => t(&mut rng),
            _ => "[".repeat(rng.below(400)),
        };
        let html = format!(
            "<title>{}</title><meta name=author content=\"{}\"><meta property=og:site_name content='{}'>\
             <script type=application/ld+json>{json_ld}</script><div class=card><h3>{}</h3><p class=role>{}</p>\
             <a href=\"mailto:{}\">{}</a><a href=\"tel:{}\">x</a></div><p class=byline>By {}</p><footer>© {}</footer>",
            t(&mut rng),
            t(&mut rng),
            t(&mut rng),
            t(&mut rng),
            t(&mut rng),
            t(&mut rng),
            t(&mut rng),
            t(&mut rng),
            t(&mut rng),
            t(&mut rng)
        );
        let url = format!("https://{}/{}", t(&mut rng), t(&mut rng));
        let x = extract(&snapshot_from_html(&html, &url));
        if let Some(search) = insights_search(&x, &plan()) {
            parse(&search.to_string()).unwrap_or_else(|e| panic!("case {case}: {e}\n{search}"));
        }
        for p in &x.people {
            assert!(!p.name.contains(['<', '>', '{', '}']), "case {case}: {p:?}");
        }
    }
    // Oversized input stays bounded and quick.
    let huge = format!("<p>{}</p><a href='mailto:{}@x.com'>x</a>{}", "a".repeat(2_000_000), "b".repeat(100_000), "<div>".repeat(50_000));
    let x = extract(&snapshot_from_html(&huge, "https://huge.com"));
    assert!(x.emails.is_empty());
}
