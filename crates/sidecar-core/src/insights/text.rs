//! Cleaning and recognising the small pieces of text extraction works with:
//! names, titles, e-mail addresses, phone numbers, domains and LinkedIn URLs.
//! Everything here takes untrusted page text and never panics.

use super::snapshot::clip;

/// Characters removed outright: controls, bidi marks and overrides,
/// zero-width characters and the BOM.
fn invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{00ad}')
}

/// Trimmed, whitespace collapsed, invisible characters removed, full-width
/// ASCII folded to ASCII; at most `max` characters.
pub fn clean(s: &str, max: usize) -> String {
    let s = clip(s, max * 4);
    let folded: String = s
        .chars()
        .filter(|&c| !invisible(c) || c.is_whitespace())
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' | '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    let collapsed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    clip(&collapsed, max).to_owned()
}

fn combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Markup, URLs, code: never part of a name.
fn suspicious(s: &str) -> bool {
    let lower = s.to_lowercase();
    s.contains(['<', '>', '{', '}', '[', ']', '@', '=', '\\', '/', '|', '"', ';', '`', '$'])
        || ["http", "javascript:", "data:", "www.", "alert("].iter().any(|m| lower.contains(m))
        || s.chars().filter(|&c| combining(c)).count() > 2
}

const NOT_PEOPLE: &[&str] = &[
    "admin",
    "administrator",
    "staff",
    "team",
    "editor",
    "editors",
    "editorial",
    "contributor",
    "contributors",
    "guest",
    "anonymous",
    "unknown",
    "webmaster",
    "support",
    "sales",
    "info",
    "marketing",
    "press",
    "news",
    "newsroom",
    "home",
    "about",
    "contact",
    "blog",
    "the",
    "our",
    "us",
    "careers",
    "jobs",
    "company",
    "inc",
    "llc",
    "ltd",
    "gmbh",
    "corp",
    "team",
    "group",
    "office",
    "hello",
    "welcome",
    "read",
    "more",
    "view",
    "profile",
    "linkedin",
    "follow",
    "login",
    "account",
    "services",
    "products",
    "solutions",
    "privacy",
    "policy",
    "terms",
    "board",
    "leadership",
    "management",
    "director",
    "manager",
    "engineer",
    "engineering",
    "ceo",
    "cto",
    "cfo",
    "founder",
    "vp",
    "head",
    "chief",
    "customer",
    "success",
    "and",
    "of",
    "for",
    "at",
    "in",
    "on",
    "by",
    "with",
    "all",
    "rights",
    "reserved",
    "robotics",
    "software",
    "analytics",
    "labs",
    "systems",
    "technologies",
    "media",
    "partners",
    "consulting",
    "bank",
    "banking",
    "mail",
    "inbox",
    // Bylines' furniture: desks, roles, dates and buttons next to the name.
    "writer",
    "reporter",
    "correspondent",
    "columnist",
    "senior",
    "desk",
    "author",
    "authors",
    "archives",
    "redaktion",
    "rédaction",
    "equipe",
    "équipe",
    "twitter",
    "facebook",
    "email",
    "e-mail",
    "share",
    "comments",
    "updated",
    "published",
    "posted",
    "culture",
    "opinion",
    "politics",
    "politik",
    "business",
    "technology",
    "science",
    "world",
    "january",
    "february",
    "march",
    "july",
    "september",
    "october",
    "november",
    "december",
    "feb",
    "apr",
    "jul",
    "aug",
    "oct",
    "nov",
    "dec",
    "president",
    "elect",
    "watch",
    "live",
    "tips",
    "reply",
    "hey",
    "but",
    "why",
    "here's",
    "details",
    "recent",
    "stories",
    "international",
    "programme",
    "program",
    "foundation",
    "institute",
    "university",
    "association",
    "council",
    "agency",
    "society",
    "club",
    "über",
];
/// A byline's furniture rather than a name's part: a desk, a role, a date
/// word, a button ("Staff", "CEO", "Updated", "Twitter", "Profile").
pub fn furniture(word: &str) -> bool {
    let lower = word.to_lowercase();
    NOT_PEOPLE.contains(&lower.as_str()) || ["hace", "published", "updated", "staff", "twitter", "profile", "orcid"].contains(&lower.as_str())
}

/// Words of the buttons and banners written in capitals ("SUBSCRIBE NOW",
/// "SIGN UP", "READ MORE"): a name in capitals has none of them.
const NOT_NAMES_IN_CAPITALS: &[&str] = &[
    "subscribe",
    "now",
    "sign",
    "up",
    "log",
    "register",
    "menu",
    "search",
    "close",
    "open",
    "next",
    "previous",
    "more",
    "read",
    "listen",
    "download",
    "free",
    "new",
    "breaking",
    "live",
    "top",
    "latest",
    "back",
    "skip",
    "main",
    "content",
    "cookie",
    "cookies",
    "accept",
    "continue",
];
const PARTICLES: &[&str] =
    &["van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "el", "dos", "das", "ten", "ter", "y", "zu"];

fn cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// Whether `word` is two words run together: a capital after six or more
/// lowercase letters ("TrapaniCEO", "ProfileElizabeth", where a page's
/// inline elements touch). Names with an inner capital have a shorter
/// prefix: "McDonald", "MacArthur", "DeSoto", "VanderMeer", "AbdelRahman".
pub fn glued(word: &str) -> bool {
    let mut lower_run = 0;
    for c in word.chars() {
        if c.is_uppercase() && lower_run >= 6 {
            return true;
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
    }
    false
}

/// A name's generation ("John Smith III", "Henry VIII").
const ROMAN: &[&str] = &["II", "III", "IV", "VI", "VII", "VIII", "IX"];

/// "JOSH" → "Josh", "LI" → "Li": a word written in capitals, as a name is
/// spelled. Initials ("TJ", "T.C.") and Roman numerals ("III") stay.
fn unshout(word: &str) -> String {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let vowel = word.chars().any(|c| "AEIOUY".contains(c));
    let roman = ROMAN.contains(&word);
    if letters < 2 || (letters == 2 && !vowel) || roman || word.chars().any(char::is_lowercase) || word.contains('.') {
        return word.to_owned();
    }
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase())
        } else {
            out.extend(c.to_lowercase())
        }
        start = matches!(c, '-' | '\'' | '\u{2019}');
    }
    out
}

/// A cleaned person's name, if `s` plausibly is one: 2–5 capitalised words
/// of letters (particles like "van" allowed, initials like "T.C."), or 2–6
/// CJK characters. Words in capitals longer than initials read as a banner
/// or a place ("SAN FRANCISCO"), not a name: see [`byline_name`].
pub fn person_name(s: &str) -> Option<String> {
    name(s, false)
}

/// [`person_name`] for a byline or an author tag, where publishers write
/// names in capitals: "JOSH HASKELL", "Chokri GHARBI" come back spelled as
/// names ("Josh Haskell", "Chokri Gharbi").
pub fn byline_name(s: &str) -> Option<String> {
    name(s, true)
}

fn name(s: &str, capitals: bool) -> Option<String> {
    let name = clean(s, 120);
    if name.is_empty() || name.chars().count() > 70 || suspicious(&name) {
        return None;
    }
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() == 1 {
        let n = name.chars().count();
        return (name.chars().all(cjk) && (2..=6).contains(&n)).then_some(name);
    }
    if words.len() > 5 {
        return None;
    }
    let mut capitalised = 0;
    for (i, w) in words.iter().enumerate() {
        // "Solá-Sant...", "Why…": cut short or not a name.
        if w.chars().count() > 30 || glued(w) || w.contains("..") || w.contains('…') {
            return None;
        }
        if !w.chars().all(|c| c.is_alphabetic() || combining(c) || matches!(c, '-' | '\'' | '\u{2019}' | '.')) {
            return None;
        }
        let first = w.chars().next()?;
        if !first.is_alphabetic() {
            return None;
        }
        let lower = w.to_lowercase();
        if NOT_PEOPLE.contains(&lower.trim_end_matches('.')) {
            return None;
        }
        if first.is_lowercase() {
            if i == 0 || i + 1 == words.len() || !PARTICLES.contains(&lower.as_str()) {
                return None;
            }
        } else {
            capitalised += 1;
        }
        // ALL CAPS words longer than initials ("SAN", "FRANCISCO"; not "TJ", "T.C.").
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let roman = ROMAN.contains(w);
        if !capitals && letters > 2 && !roman && !w.contains('.') && w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase) {
            return None;
        }
    }
    // All in capitals, a button or a banner rather than a byline: "SUBSCRIBE NOW".
    let shouted = words.iter().all(|w| w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase));
    if shouted && words.iter().any(|w| NOT_NAMES_IN_CAPITALS.contains(&w.to_lowercase().as_str())) {
        return None;
    }
    (capitalised >= 2).then(|| words.iter().map(|w| unshout(w)).collect::<Vec<_>>().join(" "))
}

/// A cleaned job title: short, no markup or addresses.
pub fn job_title(s: &str) -> Option<String> {
    let t = clean(s, 120);
    let t = t.trim_matches(|c: char| c == ',' || c == '·' || c == '-' || c.is_whitespace()).to_owned();
    if t.is_empty() || t.chars().count() > 100 || t.split(' ').count() > 12 || suspicious(&t) || !t.chars().any(char::is_alphabetic) {
        return None;
    }
    if t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(t)
}

const LEGAL: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "llp",
    "ltd",
    "limited",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "oy",
    "ab",
    "as",
    "kk",
    "pty",
    "pte",
    "ug",
    "kg",
    "se",
    "lp",
];
const GENERIC_SITE_WORDS: &[&str] = &["blog", "news", "newsroom", "careers", "jobs", "team", "official", "site", "homepage", "website", "press", "home"];

/// A company's display name: cleaned, legal suffix ("Inc.", ", Ltd.") removed.
pub fn company_name(s: &str) -> Option<String> {
    let name = clean(s, 120);
    if name.is_empty() || name.chars().count() > 80 || name.split(' ').count() > 8 || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    let lower = name.to_lowercase();
    // Letters, digits and the punctuation names use, CJK's too
    // ("ギズモード・ジャパン", "BOOK☆WALKER", "ライフハッカー[日本版]"); no emoji.
    if !name.chars().all(|c| c.is_alphanumeric() || c == ' ' || "&.,'’-!+()[]・☆★".contains(c) || ('\u{3001}'..='\u{303f}').contains(&c))
        || name.contains(['<', '>', '{', '}', '@', '=', '\\', '|', '"', '`', '$'])
        || ["http", "javascript:", "data:", "alert("].iter().any(|m| lower.contains(m))
        || name.chars().filter(|&c| combining(c)).count() > 2
    {
        return None;
    }
    let mut words: Vec<&str> = name.split(' ').collect();
    while words.len() > 1 {
        let last = words[words.len() - 1].trim_matches(|c: char| c == '.' || c == ',').to_lowercase().replace('.', "");
        if LEGAL.contains(&last.as_str()) {
            words.pop();
        } else {
            break;
        }
    }
    let out = words.join(" ").trim_end_matches([',', '.', ' ']).to_owned();
    (!out.is_empty() && out.chars().any(char::is_alphabetic)).then_some(out)
}

/// The comparison key of a company name: lowercase letters and digits only,
/// legal suffixes and site words ("Blog", "News") dropped.
pub fn company_key(s: &str) -> String {
    let lower = s.to_lowercase().replace('&', " and ");
    let mut words: Vec<String> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    while words.len() > 1 {
        let last = words[words.len() - 1].as_str();
        if LEGAL.contains(&last) || GENERIC_SITE_WORDS.contains(&last) {
            words.pop();
        } else {
            break;
        }
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.concat()
}

/// The comparison key of a person's name.
pub fn person_key(s: &str) -> String {
    clean(s, 120).to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A lowercase e-mail address from `s` (a `mailto:` href or text), if it is
/// a plain one: ASCII, one `@`, a dotted domain; no quotes or spaces.
pub fn email(s: &str) -> Option<String> {
    let s = clip(s.trim(), 400);
    let s = match s.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("mailto:") => &s[7..],
        _ => s,
    };
    let s = s.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(s);
    let e = decoded.trim().to_ascii_lowercase();
    if e.len() > 254 || e.chars().any(|c| !c.is_ascii() || c.is_whitespace()) {
        return None;
    }
    let (local, domain) = e.split_once('@')?;
    if local.is_empty()
        || local.len() > 64
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
        || !local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-'".contains(c))
    {
        return None;
    }
    let domain = valid_domain(domain)?;
    if ["noreply", "no-reply", "donotreply", "do-not-reply", "mailer-daemon"].contains(&local)
        || ["example.com", "example.org", "example.net", "domain.com", "email.com", "yourcompany.com"].contains(&domain.as_str())
    {
        return None;
    }
    Some(format!("{local}@{domain}"))
}

fn valid_domain(d: &str) -> Option<String> {
    let d = d.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = d.split('.').collect();
    if labels.len() < 2 || d.len() > 253 {
        return None;
    }
    for l in &labels {
        if l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-') || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return None;
        }
    }
    let tld = labels[labels.len() - 1];
    (tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())).then_some(d)
}

/// E-mail addresses written in `text` (at most `max`).
pub fn emails_in_text(text: &str, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let bytes = text.as_bytes();
    let local_char = |b: u8| b.is_ascii_alphanumeric() || b"._%+-'".contains(&b);
    let domain_char = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
    for (at, _) in text.match_indices('@') {
        if out.len() >= max {
            break;
        }
        let mut start = at;
        while start > 0 && local_char(bytes[start - 1]) && at - start < 64 {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && domain_char(bytes[end]) && end - at < 254 {
            end += 1;
        }
        while start < at && bytes[start] == b'\'' {
            start += 1;
        }
        // `a@b@c.com`, `o"brien@…`: part of something that is not an address.
        let before = if start > 0 { bytes[start - 1] } else { b' ' };
        let before2 = if start > 1 { bytes[start - 2] } else { b' ' };
        if start == at || end == at + 1 || before == b'@' || (before == b'"' && before2.is_ascii_alphanumeric()) {
            continue;
        }
        if let Some(e) = email(&text[start..end])
            && !out.contains(&e)
        {
            out.push(e);
        }
    }
    out
}

/// A phone number from a `tel:` href or text: `+` and 7–15 digits, or `None`.
pub fn phone(s: &str) -> Option<String> {
    let s = clip(s.trim(), 100);
    let s = match s.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("tel:") => &s[4..],
        _ => s,
    };
    let s = percent_decode(s);
    let s = s.split([';', ',']).next().unwrap_or("");
    let s = clean(s, 60);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        match c {
            '+' if i == 0 => out.push('+'),
            '0'..='9' => out.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' => {}
            _ => return None,
        }
    }
    let digits = out.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits).then_some(out)
}

/// The host of an `http(s)` URL (or of a bare `host/path`), lowercased,
/// without `www.`, port or user; `None` for IPs, `localhost` and non-web schemes.
pub fn host(url: &str) -> Option<String> {
    let url = clean(url, 2_000);
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) {
        r
    } else if let Some(r) = lower.strip_prefix("//") {
        r
    } else if lower.contains("://") || lower.contains(':') && !lower.contains('.') {
        return None;
    } else {
        &lower
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or("");
    let hostname = authority.split(':').next().unwrap_or("");
    let hostname = hostname.strip_prefix("www.").unwrap_or(hostname);
    let d = valid_domain(hostname)?;
    Some(d)
}

const TWO_PART_SUFFIXES: &[&str] = &[
    "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "com.au", "net.au", "org.au", "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "com.br",
    "com.mx", "com.ar", "com.cn", "com.hk", "com.sg", "com.tw", "co.in", "co.kr", "co.za", "com.tr", "co.il", "com.pl", "com.es", "co.id", "com.my", "com.ph",
    "com.vn", "com.sa", "com.eg",
];

/// The registrable domain of a host (`blog.acme.co.uk` → `acme.co.uk`).
pub fn registrable(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    if n <= 2 {
        return host.to_owned();
    }
    let last_two = format!("{}.{}", labels[n - 2], labels[n - 1]);
    let keep = if TWO_PART_SUFFIXES.contains(&last_two.as_str()) { 3 } else { 2 };
    labels[n.saturating_sub(keep)..].join(".")
}

/// The registrable domain of a URL, if it has one.
pub fn domain_of(url: &str) -> Option<String> {
    host(url).map(|h| registrable(&h))
}

/// Domains that never identify the company on a page: webmail, social
/// networks, blogging platforms, hosting, link shorteners, search engines.
pub const NOT_COMPANY_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "zoho.com",
    "fastmail.com",
    "yandex.com",
    "yandex.ru",
    "qq.com",
    "163.com",
    "linkedin.com",
    "lnkd.in",
    "medium.com",
    "substack.com",
    "github.com",
    "github.io",
    "gitlab.com",
    "wordpress.com",
    "blogspot.com",
    "blogger.com",
    "tumblr.com",
    "wix.com",
    "wixsite.com",
    "squarespace.com",
    "weebly.com",
    "webflow.io",
    "netlify.app",
    "vercel.app",
    "herokuapp.com",
    "pages.dev",
    "notion.site",
    "google.com",
    "bing.com",
    "duckduckgo.com",
    "facebook.com",
    "instagram.com",
    "twitter.com",
    "x.com",
    "t.co",
    "youtube.com",
    "youtu.be",
    "tiktok.com",
    "reddit.com",
    "wikipedia.org",
    "crunchbase.com",
    "glassdoor.com",
    "indeed.com",
    "bit.ly",
    "tinyurl.com",
    "ow.ly",
    "buff.ly",
    "goo.gl",
    "is.gd",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "t.ly",
    "tiny.cc",
    "bitly.com",
    "amazonaws.com",
    "cloudfront.net",
    "apple.com",
    "microsoft.com",
    "office.com",
    "live.net",
    "example.com",
    "example.org",
    "example.net",
];

/// Whether `domain` (registrable) is one of [`NOT_COMPANY_DOMAINS`] or
/// under a reserved top-level domain (`.invalid`, `.test`, `.localhost`, `.local`).
pub fn not_company_domain(domain: &str) -> bool {
    NOT_COMPANY_DOMAINS.contains(&domain) || [".invalid", ".test", ".localhost", ".local"].iter().any(|tld| domain.ends_with(tld))
}

/// Platform names that are never the company on a page ("Medium", "LinkedIn").
pub fn platform_name(key: &str) -> bool {
    NOT_COMPANY_DOMAINS.iter().any(|d| d.split('.').next().is_some_and(|label| label == key)) || ["blogger", "wordpress", "outlook", "gmail"].contains(&key)
}

fn slug(path: &str) -> Option<String> {
    let slug: String = path.split(['/', '?', '#']).next()?.to_owned();
    let slug = percent_decode(&slug).to_lowercase();
    (!slug.is_empty() && slug.chars().count() <= 100 && slug.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')).then_some(slug)
}

/// `https://www.linkedin.com/in/SLUG` for a LinkedIn profile URL.
pub fn linkedin_profile(url: &str) -> Option<String> {
    linkedin(url, "in")
}

/// `https://www.linkedin.com/company/SLUG` for a LinkedIn company URL.
pub fn linkedin_company(url: &str) -> Option<String> {
    linkedin(url, "company")
}

fn linkedin(url: &str, kind: &str) -> Option<String> {
    let url = clean(url, 2_000);
    let lower = url.to_lowercase();
    let host = host(&lower)?;
    if registrable(&host) != "linkedin.com" {
        return None;
    }
    let at = lower.find("linkedin.com/")? + "linkedin.com/".len();
    let path = lower.get(at..)?;
    let rest = path.strip_prefix(kind)?.strip_prefix('/')?;
    Some(format!("https://www.linkedin.com/{kind}/{}", slug(rest)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for (input, want) in [
            ("Maria Chen", Some("Maria Chen")),
            ("  Jonas\u{200b}  Weber ", Some("Jonas Weber")),
            ("Ludwig van Beethoven", Some("Ludwig van Beethoven")),
            ("José Núñez-García", Some("José Núñez-García")),
            ("Siobhán O'Neill", Some("Siobhán O'Neill")),
            ("王小明", Some("王小明")),
            ("Ｋｅｎｊｉ Ｓａｔｏ", Some("Kenji Sato")),
            ("Madonna", None),
            ("admin", None),
            ("<img src=x onerror=alert(1)>", None),
            ("Ana 👩‍💻 Souza", None),
            ("Our Team", None),
            ("Director of Sales", None),
            ("", None),
            // Capitals are how some bylines spell names; the name comes back as one.
            ("JOSH HASKELL", None),
            ("SAN FRANCISCO", None),
            ("T.C. Sottek", Some("T.C. Sottek")),
            ("Jun Zhao", Some("Jun Zhao")),
            ("Tom DiChristopher", Some("Tom DiChristopher")),
            ("Bradon R. McDonald", Some("Bradon R. McDonald")),
            // Elements run together, cut short, or not a person at all.
            ("Gina TrapaniCEO", None),
            ("Jeff VanderMeer", Some("Jeff VanderMeer")),
            ("J.R.R. Tolkien", Some("J.R.R. Tolkien")),
            ("Henry VIII", Some("Henry VIII")),
            ("Sep Kamvar", Some("Sep Kamvar")),
            ("Howard BlumeStaff Writer", None),
            ("View ORCID ProfileElizabeth Raupach", None),
            ("Frances Solá-Sant...", None),
            ("Here's Why...", None),
            ("Senior Business Writer", None),
            ("Rebecca Hersher Twitter", None),
            ("Flora International", None),
            ("President Elect", None),
            ("December 16", None),
        ] {
            assert_eq!(person_name(input).as_deref(), want, "{input}");
        }
        // In a byline, names are written in capitals; banners are not names.
        for (input, want) in [
            ("JOSH HASKELL", Some("Josh Haskell")),
            ("Chokri GHARBI", Some("Chokri Gharbi")),
            ("TJ MILLER", Some("TJ Miller")),
            ("WEI LI", Some("Wei Li")),
            ("JOHN SMITH III", Some("John Smith III")),
            ("T.C. Sottek", Some("T.C. Sottek")),
            ("SUBSCRIBE NOW", None),
            ("READ MORE STORIES", None),
        ] {
            assert_eq!(byline_name(input).as_deref(), want, "{input}");
        }
        assert_eq!(company_name("Acme Robotics, Inc.").as_deref(), Some("Acme Robotics"));
        assert_eq!(company_key("Initech Blog"), "initech");
        assert_eq!(company_key("Acme Robotics, Inc."), "acmerobotics");
        for (input, want) in [
            ("ギズモード・ジャパン", Some("ギズモード・ジャパン")),
            ("BOOK☆WALKER", Some("BOOK☆WALKER")),
            ("ライフハッカー［日本版］", Some("ライフハッカー[日本版]")),
            ("Org 👨‍👩‍👧‍👦", None),
            ("Acme <script>", None),
        ] {
            assert_eq!(company_name(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn addresses() {
        assert_eq!(email("mailto:Maria.Chen@AcmeRobotics.com?subject=hi").as_deref(), Some("maria.chen@acmerobotics.com"));
        assert_eq!(email("mailto:%22q%22@x.com"), None);
        assert_eq!(email("a@b@c.com"), None);
        assert_eq!(email("o'connor@acme.com").as_deref(), Some("o'connor@acme.com"));
        assert_eq!(phone("tel:+1 (415) 555-0134").as_deref(), Some("+14155550134"));
        assert_eq!(phone("tel:+1 CALL-NOW"), None);
        assert_eq!(domain_of("https://www.acmerobotics.com/team").as_deref(), Some("acmerobotics.com"));
        assert_eq!(domain_of("https://blog.acme.co.uk/x").as_deref(), Some("acme.co.uk"));
        assert_eq!(domain_of("http://127.0.0.1:8787/demo/"), None);
        assert_eq!(domain_of("javascript:alert(1)"), None);
        assert_eq!(linkedin_profile("https://de.linkedin.com/in/Sofia-Alvarez-NW/?trk=x").as_deref(), Some("https://www.linkedin.com/in/sofia-alvarez-nw"));
        assert_eq!(linkedin_company("https://www.linkedin.com/company/acme-robotics/").as_deref(), Some("https://www.linkedin.com/company/acme-robotics"));
        assert_eq!(emails_in_text("write to jo@acme.com, or x@y", 10), ["jo@acme.com"]);
    }
}
