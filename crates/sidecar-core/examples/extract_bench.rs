//! `cargo run --release -p sidecar-core --example extract_bench -- [--runs N] [--warmup N]`:
//! times contextual insights' extraction (`snapshot_from_html`, then
//! `extract`) on three large pages generated here, deterministically, from
//! realistic content (nothing large is committed), and prints one JSON line
//! with every sample, for `cargo xtask bench extraction`.
//!
//! The reference, timed in the same loop, is the least any extraction must
//! do with the page: one linear pass over the same bytes (lowercase the whole
//! HTML and count `<` and `@`). Each page's output is checked against what the
//! page is known to hold, so a broken or short-circuited extraction shows as a
//! failure rather than a fast time.

use std::hint::black_box;
use std::time::Instant;

use serde_json::json;
use sidecar_core::insights::snapshot::limits;
use sidecar_core::insights::{Extraction, PageSnapshot, extract, snapshot_from_html};

/// Every page is at least 300 KiB.
const MIN_BYTES: usize = 300 * 1024;
/// `extract` keeps the best 50 people (`MAX_PEOPLE`, private to the module).
const MAX_PEOPLE: usize = 50;

const FIRST: &[&str] = &[
    "Maria", "David", "Priya", "Tomás", "Aisha", "Kenji", "Olivia", "Lukas", "Fatima", "Noah", "Chloé", "Mateo", "Ingrid", "Samuel", "Yuki", "Amara", "Jonas",
    "Leila", "Rafael", "Hannah", "Omar", "Sofia", "Ethan", "Zainab", "Lars", "Mei", "Gabriel", "Nadia", "Victor", "Elena", "Kwame", "Isabel", "Arjun", "Clara",
    "Diego", "Freya", "Hugo", "Anika", "Felix", "Rosa",
];
const LAST: &[&str] = &[
    "Chen",
    "Okafor",
    "Raman",
    "Alvarez",
    "Bello",
    "Tanaka",
    "Bennett",
    "Schmidt",
    "Haddad",
    "Williams",
    "Dubois",
    "Rossi",
    "Larsen",
    "Mensah",
    "Sato",
    "Nwosu",
    "Weber",
    "Karimi",
    "Costa",
    "Fischer",
    "Farouk",
    "Moreau",
    "Brooks",
    "Abiola",
    "Nilsson",
    "Wong",
    "Silva",
    "Petrova",
    "Lindqvist",
    "Marchetti",
    "Asante",
    "Navarro",
    "Patel",
    "Novak",
    "Herrera",
    "Hansen",
    "Laurent",
    "Kapoor",
    "Becker",
    "Ortega",
];
const TITLES: &[&str] = &[
    "Software Engineer",
    "Senior Software Engineer",
    "Staff Engineer",
    "Product Manager",
    "Account Executive",
    "Customer Success Manager",
    "Data Scientist",
    "Robotics Engineer",
    "Field Service Technician",
    "Recruiter",
    "Head of Marketing",
    "Controller",
    "Solutions Architect",
    "UX Designer",
    "Support Engineer",
    "Sales Director",
];
const WORDS: &[&str] = &[
    "warehouse",
    "robots",
    "fleet",
    "picking",
    "throughput",
    "customers",
    "teams",
    "shift",
    "orders",
    "inventory",
    "sensor",
    "navigation",
    "safety",
    "uptime",
    "deployment",
    "operators",
    "the",
    "a",
    "and",
    "with",
    "for",
    "every",
    "across",
    "our",
    "new",
    "faster",
    "without",
    "between",
    "during",
    "data",
    "model",
    "pipeline",
    "dashboard",
    "latency",
    "workflow",
    "quarter",
    "pilot",
    "rollout",
    "integration",
    "schedule",
    "forecast",
    "capacity",
    "support",
    "we",
    "they",
    "it",
    "that",
    "was",
    "is",
    "are",
    "into",
    "from",
    "on",
    "in",
    "to",
    "of",
    "more",
    "less",
    "than",
];

/// xorshift32, seeded: the same pages on every run and machine.
struct Rng(u32);

impl Rng {
    fn next(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next() as usize % list.len()]
    }
    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<&str> = (0..words).map(|_| self.pick(WORDS)).collect();
        let first = s[0].to_owned();
        let mut out = first[..1].to_uppercase() + &first[1..];
        s.remove(0);
        for w in s {
            out.push(' ');
            out.push_str(w);
        }
        out.push('.');
        out
    }
    fn paragraph(&mut self, sentences: usize) -> String {
        let n = 8 + self.next() as usize % 14;
        (0..sentences).map(|_| self.sentence(n)).collect::<Vec<_>>().join(" ")
    }
    /// Minified-looking JavaScript or CSS, as real pages inline it.
    fn code(&mut self, bytes: usize, css: bool) -> String {
        let mut out = String::with_capacity(bytes + 200);
        while out.len() < bytes {
            let (a, b, n) = (self.pick(WORDS), self.pick(WORDS), self.next() % 1000);
            if css {
                out.push_str(&format!(".{a}-{b}-{n}{{margin:0 {n}px;color:#{:06x};display:flex}}", self.next() & 0xff_ffff));
            } else {
                out.push_str(&format!("function {a}_{n}(e,t){{var r=e&&e.{b}||[];return r.length>{n}?t(r):null}};"));
            }
        }
        out
    }
}

fn person(i: usize) -> (String, String) {
    let (first, last) = (FIRST[i % FIRST.len()], LAST[(i / FIRST.len() + i) % LAST.len()]);
    let ascii = |s: &str| s.to_lowercase().replace('á', "a").replace('é', "e");
    (format!("{first} {last}"), format!("{}.{}", ascii(first), ascii(last)))
}

fn icon(rng: &mut Rng) -> String {
    let d: Vec<String> = (0..12).map(|_| format!("{}.{} {}", rng.next() % 24, rng.next() % 100, rng.next() % 24)).collect();
    format!("<svg class=\"icon\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"><path d=\"M{}Z\"/></svg>", d.join("L"))
}

fn head(rng: &mut Rng, title: &str, extra: &str) -> String {
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n{extra}\n"
    );
    for i in 0..4 {
        h.push_str(&format!("<style data-chunk=\"{i}\">{}</style>\n", rng.code(12_000, true)));
    }
    for i in 0..6 {
        h.push_str(&format!("<script>/* chunk {i} */{}</script>\n", rng.code(10_000, false)));
    }
    h.push_str("</head>\n");
    h
}

/// A mega-menu and a long footer: sitemap columns, offices, social links.
fn chrome(rng: &mut Rng, company: &str, domain: &str) -> (String, String) {
    let mut nav = String::from("<header class=\"site-header\"><nav class=\"mega-menu\" aria-label=\"Main\"><ul>\n");
    for section in 0..8 {
        nav.push_str(&format!("<li class=\"menu-section\"><button>{}</button><ul class=\"submenu\">", rng.pick(WORDS)));
        for item in 0..14 {
            let (a, b) = (rng.pick(WORDS), rng.pick(WORDS));
            nav.push_str(&format!("<li><a href=\"/{a}/{b}-{section}-{item}\">{}{a} {b}</a></li>", icon(rng)));
        }
        nav.push_str("</ul></li>\n");
    }
    nav.push_str("</ul></nav></header>\n");
    let mut footer = String::from("<footer class=\"site-footer\"><div class=\"sitemap\">\n");
    for col in 0..10 {
        footer.push_str(&format!("<div class=\"col\"><h4>{}</h4><ul>", rng.pick(WORDS)));
        for item in 0..25 {
            let (a, b) = (rng.pick(WORDS), rng.pick(WORDS));
            footer.push_str(&format!("<li><a href=\"/{a}/{b}-{col}-{item}\">{a} {b}</a></li>"));
        }
        footer.push_str("</ul></div>\n");
    }
    footer.push_str("</div><div class=\"offices\">");
    for (i, city) in ["San Francisco", "Austin", "Berlin", "London", "Singapore", "Tokyo", "São Paulo", "Toronto"].iter().enumerate() {
        footer.push_str(&format!(
            "<address><strong>{city}</strong><br>{} Market Street, Suite {}<br><a href=\"tel:+1415555{:04}\">+1 415 555 {:04}</a></address>",
            100 + i * 37,
            200 + i,
            100 + i,
            100 + i
        ));
    }
    footer.push_str(&format!(
        "</div><p class=\"social\"><a href=\"https://www.linkedin.com/company/{0}\">Follow {1} on LinkedIn</a> · <a href=\"mailto:press@{domain}\">Press</a></p>\
         <p class=\"legal\">© 2012–2026 {1}, Inc. All rights reserved.</p></footer>\n",
        domain.split('.').next().unwrap_or(""),
        company
    ));
    (nav, footer)
}

fn org_json_ld(company: &str, domain: &str) -> String {
    json!({
        "@context": "https://schema.org", "@type": "Organization", "name": company, "legalName": format!("{company}, Inc."),
        "url": format!("https://www.{domain}/"), "logo": format!("https://www.{domain}/logo.svg"),
        "email": format!("hello@{domain}"), "telephone": "+1 415 555 0100",
        "founder": {"@type": "Person", "name": "Maria Chen", "jobTitle": "Chief Executive Officer"},
        "address": {"@type": "PostalAddress", "streetAddress": "100 Market Street", "addressLocality": "San Francisco", "postalCode": "94105", "addressCountry": "US"},
        "sameAs": [format!("https://www.linkedin.com/company/{}", domain.split('.').next().unwrap_or("")), "https://twitter.com/northwind"],
        "contactPoint": [{"@type": "ContactPoint", "contactType": "sales", "telephone": "+1 415 555 0199", "email": format!("sales@{domain}")}],
    })
    .to_string()
}

struct Page {
    id: &'static str,
    name: &'static str,
    url: &'static str,
    html: String,
    /// What must be found: failures, and a one-line summary of what was.
    check: fn(&PageSnapshot, &Extraction) -> (Vec<String>, String),
}

const COMPANY: &str = "Northwind Robotics";
const DOMAIN: &str = "northwindrobotics.com";

/// A company home page: inline CSS/JS chunks, a mega-menu, 60 product and
/// customer-story sections, Organization JSON-LD and a long footer.
fn company_page() -> Page {
    let mut rng = Rng(0x5eed_0001);
    let meta = format!(
        "<meta property=\"og:site_name\" content=\"{COMPANY}\">\n<meta property=\"og:type\" content=\"website\">\n\
         <link rel=\"canonical\" href=\"https://www.{DOMAIN}/\">\n<script type=\"application/ld+json\">{}</script>",
        org_json_ld(COMPANY, DOMAIN)
    );
    let mut html = head(&mut rng, &format!("{COMPANY} | Autonomous mobile robots for warehouses"), &meta);
    let (nav, footer) = chrome(&mut rng, COMPANY, DOMAIN);
    html.push_str("<body class=\"home\">\n");
    html.push_str(&nav);
    html.push_str("<main>\n<h1>Robots that pick, pack and move, on every shift</h1>\n");
    for i in 0..60 {
        html.push_str(&format!("<section class=\"feature\" id=\"f{i}\"><h2>{}</h2>", rng.sentence(5)));
        for _ in 0..4 {
            html.push_str(&format!("<p>{}</p>", rng.paragraph(5)));
        }
        html.push_str(&format!("<div class=\"media\">{}{}</div></section>\n", icon(&mut rng), icon(&mut rng)));
    }
    html.push_str(&format!("<script id=\"__NEXT_DATA__\" type=\"application/json\">{}</script>\n", rng.code(30_000, false)));
    html.push_str("</main>\n");
    html.push_str(&footer);
    html.push_str("</body>\n</html>\n");
    Page {
        id: "company_home",
        name: "company home page",
        url: "https://www.northwindrobotics.com/",
        html,
        check: |_, x| {
            let mut failures = Vec::new();
            match x.companies.first() {
                Some(c) if c.name == COMPANY && c.domain.as_deref() == Some(DOMAIN) => {}
                other => failures.push(format!("company_home: first company is {other:?}, not {COMPANY} ({DOMAIN})")),
            }
            if !x.people.iter().any(|p| p.name == "Maria Chen") {
                failures.push("company_home: the JSON-LD founder Maria Chen was not found".into());
            }
            if !x.phones.iter().any(|p| p == "+14155550100") || !x.emails.iter().any(|e| e == &format!("hello@{DOMAIN}")) {
                failures.push(format!("company_home: phones {:?} / emails {:?} miss the JSON-LD contact", x.phones, x.emails));
            }
            (failures, summary(x))
        },
    }
}

const TEAM_CARDS: usize = 400;

/// A team directory: 400 person cards (h-card and schema.org Person), each
/// with a title, e-mail, phone, LinkedIn and a short bio; the Organization
/// JSON-LD at the end of the body, as many sites put it (found only if the
/// whole page was read).
fn team_page() -> Page {
    let mut rng = Rng(0x5eed_0002);
    let meta = format!("<meta property=\"og:site_name\" content=\"{COMPANY}\">\n<link rel=\"canonical\" href=\"https://www.{DOMAIN}/about/team\">");
    let mut html = head(&mut rng, &format!("Our team - {COMPANY}"), &meta);
    let (nav, footer) = chrome(&mut rng, COMPANY, DOMAIN);
    html.push_str("<body class=\"team\">\n");
    html.push_str(&nav);
    html.push_str("<main>\n<h1>Our team</h1>\n<div class=\"grid\">\n");
    for i in 0..TEAM_CARDS {
        let (name, local) = person(i);
        let initials: String = name.split(' ').filter_map(|w| w.chars().next()).collect();
        html.push_str(&format!(
            "<div class=\"card h-card\" itemscope itemtype=\"https://schema.org/Person\">\n\
             <div class=\"avatar\" aria-hidden=\"true\">{initials}</div>\n\
             <h3 class=\"p-name\" itemprop=\"name\">{name}</h3>\n\
             <p class=\"p-job-title muted\" itemprop=\"jobTitle\">{}</p>\n\
             <p><a class=\"u-email\" href=\"mailto:{local}@{DOMAIN}\"><span itemprop=\"email\">{local}@{DOMAIN}</span></a></p>\n\
             <p><a class=\"p-tel\" href=\"tel:+1415556{i:04}\"><span itemprop=\"telephone\">+1 415 556 {i:04}</span></a></p>\n\
             <p class=\"p-note\">{}</p>\n\
             <a class=\"u-url\" href=\"https://www.linkedin.com/in/{}\">LinkedIn</a>\n\
             <span class=\"p-org\" itemprop=\"worksFor\" hidden>{COMPANY}</span>\n</div>\n",
            rng.pick(TITLES),
            rng.sentence(14),
            local.replace('.', "-"),
        ));
    }
    html.push_str("</div>\n</main>\n");
    html.push_str(&footer);
    html.push_str(&format!("<script type=\"application/ld+json\">{}</script>\n</body>\n</html>\n", org_json_ld(COMPANY, DOMAIN)));
    Page {
        id: "team_directory",
        name: "team directory, 400 person cards",
        url: "https://www.northwindrobotics.com/about/team",
        html,
        check: |s, x| {
            let mut failures = Vec::new();
            if s.cards.len() < limits::CARDS || s.microdata.len() < limits::ITEMS {
                failures.push(format!(
                    "team_directory: snapshot has {} cards and {} items, expected the limits ({} and {})",
                    s.cards.len(),
                    s.microdata.len(),
                    limits::CARDS,
                    limits::ITEMS
                ));
            }
            let complete = x.people.iter().filter(|p| p.email.is_some() && p.title.is_some() && p.company.as_deref() == Some(COMPANY)).count();
            if x.people.len() < MAX_PEOPLE || complete < MAX_PEOPLE {
                failures.push(format!(
                    "team_directory: {} people ({complete} with e-mail, title and company), expected {MAX_PEOPLE} (extract's cap)",
                    x.people.len()
                ));
            }
            let (first, local) = person(0);
            if !x.people.iter().any(|p| p.name == first && p.email.as_deref() == Some(&format!("{local}@{DOMAIN}"))) {
                failures.push(format!("team_directory: the first card, {first}, is missing"));
            }
            if !x.companies.first().is_some_and(|c| c.name == COMPANY && c.evidence.iter().any(|e| e.contains("json-ld"))) {
                failures.push("team_directory: the JSON-LD Organization at the end of the body was not read".into());
            }
            (failures, summary(x))
        },
    }
}

const COMMENTS: usize = 300;

/// A long blog post: Article JSON-LD, meta author, a byline, 40 sections of
/// prose, and 300 comments with WordPress-style vcard authors and replies.
fn blog_page() -> Page {
    let mut rng = Rng(0x5eed_0003);
    let (company, domain) = ("Tailspin Analytics", "tailspin-analytics.com");
    let ld = json!({
        "@context": "https://schema.org", "@type": "BlogPosting",
        "headline": "What two years of warehouse telemetry taught us about forecasting",
        "datePublished": "2026-02-11",
        "author": {"@type": "Person", "name": "Elena Marchetti", "jobTitle": "Head of Data Science"},
        "publisher": {"@type": "Organization", "name": company, "url": format!("https://www.{domain}")},
    });
    let meta = format!(
        "<meta name=\"author\" content=\"Elena Marchetti\">\n<meta property=\"og:site_name\" content=\"{company} Blog\">\n\
         <meta property=\"og:type\" content=\"article\">\n<script type=\"application/ld+json\">{ld}</script>"
    );
    let mut html = head(&mut rng, &format!("What two years of warehouse telemetry taught us about forecasting — {company} Blog"), &meta);
    let (nav, footer) = chrome(&mut rng, company, domain);
    html.push_str("<body class=\"post\">\n");
    html.push_str(&nav);
    html.push_str(
        "<main><article class=\"post\">\n<h1>What two years of warehouse telemetry taught us about forecasting</h1>\n\
         <p class=\"byline\">By <span class=\"author\">Elena Marchetti</span>, Head of Data Science · <time datetime=\"2026-02-11\">February 11, 2026</time></p>\n",
    );
    for _ in 0..40 {
        html.push_str(&format!("<h2>{}</h2>\n", rng.sentence(6)));
        for _ in 0..3 {
            html.push_str(&format!("<p>{}</p>\n", rng.paragraph(6)));
        }
    }
    html.push_str("</article>\n<section id=\"comments\" class=\"comments\"><h2>300 comments</h2><ol class=\"comment-list\">\n");
    for i in 0..COMMENTS {
        let (name, _) = person(i * 7 + 3);
        html.push_str(&format!(
            "<li class=\"comment\" id=\"comment-{i}\"><article class=\"comment-body\"><footer class=\"comment-meta\">\
             <div class=\"comment-author vcard\"><img class=\"avatar\" src=\"/avatars/{i}.png\" alt=\"\"><b class=\"fn\">{name}</b> <span class=\"says\">says:</span></div>\
             <div class=\"comment-metadata\"><a href=\"#comment-{i}\"><time datetime=\"2026-02-{:02}\">February {}, 2026</time></a></div></footer>\
             <div class=\"comment-content\"><p>{}</p></div><div class=\"reply\"><a class=\"comment-reply-link\" href=\"?replytocom={i}#respond\">Reply</a></div></article></li>\n",
            12 + i % 16,
            12 + i % 16,
            rng.paragraph(3),
        ));
    }
    html.push_str("</ol></section></main>\n");
    html.push_str(&footer);
    html.push_str("</body>\n</html>\n");
    Page {
        id: "blog_post",
        name: "long blog post, 300 comments",
        url: "https://www.tailspin-analytics.com/blog/warehouse-telemetry-forecasting",
        html,
        check: |_, x| {
            let mut failures = Vec::new();
            match x.people.iter().find(|p| p.name == "Elena Marchetti") {
                Some(p) if p.title.as_deref() == Some("Head of Data Science") => {}
                other => failures.push(format!("blog_post: the author is {other:?}, expected Elena Marchetti, Head of Data Science")),
            }
            if !x.companies.iter().any(|c| c.name == "Tailspin Analytics" && c.domain.as_deref() == Some("tailspin-analytics.com")) {
                failures.push(format!("blog_post: the publisher Tailspin Analytics is missing: {:?}", x.companies.first()));
            }
            (failures, summary(x))
        },
    }
}

fn summary(x: &Extraction) -> String {
    format!(
        "{} companies (first: {}), {} people (first: {}), {} e-mails, {} phones",
        x.companies.len(),
        x.companies.first().map_or("-", |c| c.name.as_str()),
        x.people.len(),
        x.people.first().map_or("-", |p| p.name.as_str()),
        x.emails.len(),
        x.phones.len()
    )
}

/// The floor: one pass over the bytes that any extraction must at least read.
fn reference(html: &str) -> usize {
    let lower = black_box(html).to_ascii_lowercase();
    let mut count = 0;
    for &b in lower.as_bytes() {
        count += usize::from(b == b'<') + usize::from(b == b'@');
    }
    black_box(count)
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (runs, warmup) = (arg(&args, "--runs", 30), arg(&args, "--warmup", 5));
    let pages = [company_page(), team_page(), blog_page()];
    let mut out = Vec::new();
    for page in &pages {
        let (mut snapshot_ms, mut extract_ms, mut total_ms, mut reference_ms) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let first = extract(&snapshot_from_html(&page.html, page.url));
        let mut failures = Vec::new();
        if page.html.len() < MIN_BYTES {
            failures.push(format!("{}: the page is {} bytes, under the {MIN_BYTES} this bench is about", page.id, page.html.len()));
        }
        for run in 0..warmup + runs {
            let started = Instant::now();
            reference(&page.html);
            let r = ms(started);
            let started = Instant::now();
            let snapshot = snapshot_from_html(black_box(&page.html), black_box(page.url));
            let s = ms(started);
            let started = Instant::now();
            let x = extract(black_box(&snapshot));
            let e = ms(started);
            if x != first && failures.is_empty() {
                failures.push(format!("{}: run {run} extracted something else than the first run", page.id));
            }
            if run >= warmup {
                reference_ms.push(r);
                snapshot_ms.push(s);
                extract_ms.push(e);
                total_ms.push(s + e);
            }
        }
        let snapshot = snapshot_from_html(&page.html, page.url);
        let (checks, found) = (page.check)(&snapshot, &first);
        failures.extend(checks);
        out.push(json!({
            "id": page.id, "name": page.name, "url": page.url, "bytes": page.html.len(),
            "snapshot": {"cards": snapshot.cards.len(), "items": snapshot.microdata.len(), "json_ld": snapshot.json_ld.len(),
                         "links": snapshot.links.len(), "bylines": snapshot.bylines.len(), "text_chars": snapshot.text.chars().count()},
            "found": found, "failures": failures,
            "samples": {"snapshot": snapshot_ms, "extract": extract_ms, "total": total_ms, "reference": reference_ms},
        }));
    }
    println!("{}", json!({"runs": runs, "warmup": warmup, "pages": out}));
}
