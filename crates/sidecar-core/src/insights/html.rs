//! Saved HTML → [`PageSnapshot`], natively, for tests and debugging (the
//! extension uses `snapshot.js` in the page instead). A small tolerant
//! tokenizer and tree builder, no dependencies; compiled only off wasm, so
//! the extension does not carry it.
//!
//! It follows `snapshot.js` rule for rule, so fixtures exercise the same
//! fields the browser produces.

use std::collections::BTreeMap;

use super::snapshot::{Card, Link, MicroItem, PageSnapshot, clip, limits};

const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
const RAW: &[&str] = &["script", "style", "textarea", "title", "noscript", "template", "xmp"];
const MAX_NODES: usize = 200_000;
const MAX_DEPTH: usize = 400;
const MAX_ATTR_CHARS: usize = 50_000;

#[derive(Debug, Default)]
struct Node {
    tag: String,
    attrs: Vec<(String, String)>,
    children: Vec<usize>,
    /// Text nodes: their (decoded) text; raw-text elements keep theirs here too.
    text: Option<String>,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    fn classes(&self) -> impl Iterator<Item = &str> {
        self.attr("class").unwrap_or("").split_whitespace()
    }
    fn has_class(&self, class: &str) -> bool {
        self.classes().any(|c| c.eq_ignore_ascii_case(class))
    }
    fn class_contains(&self, needle: &str) -> bool {
        self.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains(needle))
    }
}

#[derive(Debug)]
struct Doc {
    nodes: Vec<Node>,
}

/// Decodes the common character references; unknown ones stay as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.char_indices().take(12).find(|(_, c)| *c == ';').map(|(i, _)| i);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                n.and_then(char::from_u32)
            } else {
                named_entity(name)
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "mdash" => '—',
        "ndash" => '–',
        "middot" => '·',
        "bull" => '•',
        "hellip" => '…',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "rdquo" => '\u{201d}',
        "ldquo" => '\u{201c}',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "oacute" => 'ó',
        "iacute" => 'í',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "szlig" => 'ß',
        "ccedil" => 'ç',
        "euro" => '€',
        _ => return latin1_entity(name),
    })
}

/// The Latin-1 named references (HTML 4's `HTMLlat1` set, U+00A0 to
/// U+00FF in code point order, as the HTML standard's named character
/// references list them): a Spanish or French page's `&Iacute;` reads as
/// the browser reads it.
fn latin1_entity(name: &str) -> Option<char> {
    const NAMES: [&str; 96] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr", "deg", "plusmn",
        "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute",
        "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde",
        "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute",
        "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
        "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ];
    let at = NAMES.iter().position(|n| *n == name)?;
    char::from_u32(0xA0 + u32::try_from(at).ok()?)
}

fn parse(html: &str) -> Doc {
    // The input stream as a browser preprocesses it: CR LF and lone CR are LF.
    let normalized;
    let html = if html.contains('\r') {
        normalized = html.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        html
    };
    let mut nodes = vec![Node { tag: "#document".into(), ..Node::default() }];
    let mut stack: Vec<usize> = vec![0];
    let bytes = html.as_bytes();
    let mut i = 0;
    let push = |nodes: &mut Vec<Node>, stack: &[usize], node: Node| -> Option<usize> {
        if nodes.len() >= MAX_NODES {
            return None;
        }
        let id = nodes.len();
        nodes.push(node);
        let parent = stack.last().copied().unwrap_or(0);
        nodes[parent].children.push(id);
        Some(id)
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let end = html[i..].find('<').map_or(html.len(), |j| i + j);
            let text = decode_entities(&html[i..end]);
            push(&mut nodes, &stack, Node { text: Some(text), ..Node::default() });
            i = end;
            continue;
        }
        let rest = &html[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(html.len(), |j| i + 4 + j + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(html.len(), |j| i + j + 1);
            continue;
        }
        if let Some(after) = rest.strip_prefix("</") {
            let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>().to_ascii_lowercase();
            i = rest.find('>').map_or(html.len(), |j| i + j + 1);
            if let Some(pos) = stack.iter().rposition(|&n| nodes[n].tag == name)
                && pos > 0
            {
                stack.truncate(pos);
            }
            continue;
        }
        let name: String = rest[1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>().to_ascii_lowercase();
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
            push(&mut nodes, &stack, Node { text: Some("<".into()), ..Node::default() });
            i += 1;
            continue;
        }
        // Attributes up to the unquoted '>'.
        let mut j = i + 1 + name.len();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                self_closing = bytes[j] == b'/';
                j += 1;
            }
            if j >= bytes.len() {
                break;
            }
            if bytes[j] == b'>' {
                j += 1;
                break;
            }
            self_closing = false;
            let start = j;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            if j == start {
                j += 1; // a stray '=': skip it
                continue;
            }
            let key = html[start..j].to_ascii_lowercase();
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let quote = bytes[j];
                    let vstart = j + 1;
                    let vend = html[vstart..].find(quote as char).map_or(html.len(), |k| vstart + k);
                    value = decode_entities(clip(&html[vstart..vend], MAX_ATTR_CHARS));
                    j = (vend + 1).min(html.len());
                } else {
                    let vstart = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(clip(&html[vstart..j], MAX_ATTR_CHARS));
                }
            }
            if attrs.len() < 64 && !attrs.iter().any(|(k, _): &(String, String)| *k == key) {
                attrs.push((key, value));
            }
        }
        i = j;
        let is_raw = RAW.contains(&name.as_str());
        let is_void = VOID.contains(&name.as_str());
        let Some(id) = push(&mut nodes, &stack, Node { tag: name.clone(), attrs, ..Node::default() }) else { break };
        if is_raw {
            // Contents up to `</name` (any case), kept as written except
            // for `title`/`textarea`, whose entities are decoded.
            let close = format!("</{name}");
            let lower = html[i..].to_ascii_lowercase();
            let end = lower.find(&close).map_or(html.len(), |k| i + k);
            let raw = &html[i..end];
            nodes[id].text = Some(if matches!(name.as_str(), "title" | "textarea") { decode_entities(raw) } else { raw.to_owned() });
            i = html[end..].find('>').map_or(html.len(), |k| end + k + 1);
        } else if !is_void && !self_closing && stack.len() < MAX_DEPTH {
            // A link inside an open link: the open one ends first, so the
            // new one is its sibling (the standard's adoption agency for
            // `a`, in its simple case: only inline elements between them;
            // with a block between, the browser restructures and the new
            // link stays inside the block, as here).
            if name == "a"
                && let Some(open) = stack.iter().rposition(|&n| nodes[n].tag == "a")
                && open > 0
                && !stack[open + 1..].iter().any(|&n| SPECIAL.contains(&nodes[n].tag.as_str()))
            {
                let old_parent = stack[stack.len() - 1];
                stack.truncate(open);
                if let Some(&parent) = stack.last() {
                    nodes[old_parent].children.retain(|&c| c != id);
                    nodes[parent].children.push(id);
                }
            }
            // Implied ends: a new <p>/<li> closes an open one, a heading an
            // open heading of any level (the HTML standard's tree building,
            // "A start tag whose tag name is one of: h1...h6", as Chromium
            // builds `<h3> <h2>…</h2>`).
            let heading = |tag: &str| matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            if let Some(&top) = stack.last()
                && top != 0
                && (matches!(name.as_str(), "p" | "li") && nodes[top].tag == name || heading(&name) && heading(&nodes[top].tag))
            {
                stack.pop();
                if let Some(parent) = stack.last().copied() {
                    // re-parent the new node to the outer element
                    nodes[parent].children.push(id);
                    let old = top;
                    nodes[old].children.retain(|&c| c != id);
                }
            }
            stack.push(id);
        }
    }
    Doc { nodes }
}

/// The standard's "special" elements a link's adoption agency stops at
/// (those a page's content uses).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "button",
    "caption",
    "iframe",
    "marquee",
    "object",
    "select",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];
const INVISIBLE: &[&str] = &["script", "style", "noscript", "template", "head", "title", "textarea", "select", "input"];

impl Doc {
    fn hidden(&self, id: usize) -> bool {
        let n = &self.nodes[id];
        INVISIBLE.contains(&n.tag.as_str()) || n.attr("hidden").is_some()
    }

    /// Visible text (like `innerText`): blocks on their own lines.
    fn visible_text(&self, id: usize, out: &mut String, max: usize) {
        let mut stack = vec![(id, false)];
        while let Some((n, closing)) = stack.pop() {
            if out.len() > max * 4 {
                return;
            }
            let node = &self.nodes[n];
            if closing {
                out.push('\n');
                continue;
            }
            if let Some(t) = &node.text
                && node.tag.is_empty()
            {
                out.push_str(t);
                continue;
            }
            if self.hidden(n) {
                continue;
            }
            let block = BLOCK.contains(&node.tag.as_str());
            if block {
                out.push('\n');
                stack.push((n, true));
            }
            for &c in node.children.iter().rev() {
                stack.push((c, false));
            }
        }
    }

    /// Text content with whitespace collapsed (hidden elements included,
    /// scripts and styles not), like `textContent`, with a space before each
    /// block element. Raw-text elements inside (`<title>` of an SVG icon,
    /// `<noscript>`, `<textarea>`) add nothing; one read itself (a
    /// `<title itemprop=name>`) gives its own text.
    fn text(&self, id: usize) -> String {
        let root = &self.nodes[id];
        if !matches!(root.tag.as_str(), "" | "script" | "style" | "template")
            && let Some(own) = &root.text
        {
            return collapse(clip(own, limits::VALUE_CHARS * 8));
        }
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            let node = &self.nodes[n];
            if node.tag.is_empty() {
                if let Some(t) = &node.text {
                    out.push_str(t);
                    if out.len() > limits::VALUE_CHARS * 8 {
                        break;
                    }
                }
                continue;
            }
            if matches!(node.tag.as_str(), "script" | "style" | "template") {
                continue;
            }
            if BLOCK.contains(&node.tag.as_str()) {
                out.push(' ');
            }
            stack.extend(node.children.iter().rev());
        }
        collapse(&out)
    }

    /// Per node: whether it or an ancestor below `<body>` is part of a
    /// comment thread ([`commentish`]), as `inComment` in snapshot.js finds.
    fn in_comments(&self) -> Vec<bool> {
        let mut out = vec![false; self.nodes.len()];
        let mut stack: Vec<(usize, bool)> = vec![(0, false)];
        while let Some((id, inherited)) = stack.pop() {
            let n = &self.nodes[id];
            let own = !matches!(n.tag.as_str(), "" | "html" | "body") && commentish(n);
            let here = inherited || own;
            out[id] = here;
            stack.extend(n.children.iter().map(|&c| (c, here)));
        }
        out
    }

    /// Descendants of `id` in document order (not `id` itself).
    fn descendants(&self, id: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.nodes[id].children.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev());
        }
        out
    }

    /// Descendants of `id`, not looking inside elements for which `stop` holds
    /// (those are still returned).
    fn descendants_until(&self, id: usize, stop: impl Fn(&Node) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.nodes[id].children.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            out.push(n);
            if !stop(&self.nodes[n]) {
                stack.extend(self.nodes[n].children.iter().rev());
            }
        }
        out
    }
}

/// Runs of white space as one space, trimmed. White space as JavaScript's
/// `\s` has it (snapshot.js collapses with `/\s+/`): Unicode's, and the
/// zero-width no-break space U+FEFF too.
fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{feff}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn push_prop(props: &mut BTreeMap<String, Vec<String>>, key: &str, value: String) {
    if props.len() >= limits::PROPS_PER_ITEM && !props.contains_key(key) {
        return;
    }
    let values = props.entry(key.to_owned()).or_default();
    if values.len() < limits::META_VALUES_PER_KEY {
        values.push(clip(&value, limits::VALUE_CHARS).to_owned());
    }
}

/// The value of a microdata property element (as the microdata spec reads it).
fn prop_value(doc: &Doc, id: usize) -> String {
    let n = &doc.nodes[id];
    if let Some(c) = n.attr("content") {
        return collapse(c);
    }
    let attr = match n.tag.as_str() {
        "a" | "link" | "area" => "href",
        "img" | "audio" | "video" | "source" | "iframe" | "embed" => "src",
        "time" => "datetime",
        "meta" => "content",
        "data" | "meter" => "value",
        _ => "",
    };
    if !attr.is_empty()
        && let Some(v) = n.attr(attr)
    {
        return collapse(v);
    }
    doc.text(id)
}

fn schema_type(itemtype: &str) -> String {
    let first = itemtype.split_whitespace().next().unwrap_or("");
    first.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_owned()
}

/// Whether a class or id names a comment thread: "comment", "comments",
/// "commentlist", "comment-author", "comments-area", "js-comments",
/// "fb-comments"; not "commentary", "has-comments" or a feature flag that
/// mentions comments ("f_comment_nofollow_on"). snapshot.js has the same rule.
pub(crate) fn comment_word(v: &str) -> bool {
    let v = v.to_ascii_lowercase();
    let counted = ["has-", "no-", "show-", "with-"].iter().any(|p| v.starts_with(p));
    ["comment", "comments", "commentlist"].contains(&v.as_str())
        || v.starts_with("comment-")
        || v.starts_with("comments-")
        || (!counted && (v.ends_with("-comment") || v.ends_with("-comments")))
}

/// A comment thread's element: a class or its id says so ([`comment_word`]).
fn commentish(n: &Node) -> bool {
    n.classes().any(comment_word) || n.attr("id").is_some_and(comment_word)
}

/// Whether a link's address (lowercase) is an author's page on the site:
/// "/author/jane-doe", "/profile/teresa-newsome-1910837" (as snapshot.js has it).
pub(crate) fn author_path(href: &str) -> bool {
    super::snapshot::AUTHOR_PATHS.iter().any(|p| href.contains(p))
}

fn is_hcard(n: &Node) -> bool {
    n.has_class("h-card") || n.has_class("vcard")
}

const CARD_CLASSES: &[&str] = &["card", "team-member", "person", "member", "profile", "staff", "bio", "speaker", "employee"];
const VCARD_PROPS: &[&str] = &["fn", "n", "org", "title", "role", "email", "tel", "url", "note"];

/// Builds the snapshot `snapshot.js` would return for this HTML at `url`.
pub fn snapshot_from_html(html: &str, url: &str) -> PageSnapshot {
    let doc = parse(html);
    let mut s = PageSnapshot { url: url.to_owned(), ..PageSnapshot::default() };
    let all = doc.descendants(0);
    let comments = doc.in_comments();
    for &id in &all {
        let n = &doc.nodes[id];
        // A comment thread's people are readers, not the page's: its
        // bylines, cards and items are left out (as snapshot.js does).
        let in_comment = comments[id];
        match n.tag.as_str() {
            "title" if s.title.is_empty() => s.title = collapse(n.text.as_deref().unwrap_or("")),
            "meta" => {
                let key = n.attr("name").or(n.attr("property")).map(|k| k.trim().to_ascii_lowercase());
                // `value` where `content` is missing: some saved pages'
                // tooling rewrote every meta that way (snapshot.js does the same).
                if let (Some(key), Some(content)) = (key, n.attr("content").or(n.attr("value")))
                    && !key.is_empty()
                    && (s.meta.len() < limits::META_KEYS || s.meta.contains_key(&key))
                {
                    let values = s.meta.entry(key).or_default();
                    if values.len() < limits::META_VALUES_PER_KEY {
                        values.push(clip(content, limits::VALUE_CHARS).to_owned());
                    }
                }
            }
            "link" => {
                let rel = n.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && s.canonical.is_empty() {
                    s.canonical = clip(n.attr("href").unwrap_or("").trim(), limits::VALUE_CHARS).to_owned();
                }
            }
            "script" => {
                let kind = n.attr("type").unwrap_or("").to_ascii_lowercase();
                if kind.contains("ld+json") && s.json_ld.len() < limits::JSON_LD_BLOCKS {
                    s.json_ld.push(clip(n.text.as_deref().unwrap_or(""), limits::JSON_LD_CHARS).to_owned());
                }
            }
            "a" => {
                let href = n.attr("href").unwrap_or("").trim();
                let lower = href.to_ascii_lowercase();
                // An author's page once named (a byline's link is often
                // repeated by an author box; an avatar's link has no text).
                let author = !in_comment && author_path(&lower) && !s.links.iter().any(|l| l.href == href && !l.text.is_empty());
                if (lower.starts_with("mailto:") || lower.starts_with("tel:") || lower.contains("linkedin.com/") || author) && s.links.len() < limits::LINKS {
                    s.links.push(Link { href: clip(href, limits::VALUE_CHARS).to_owned(), text: clip(&doc.text(id), limits::VALUE_CHARS).to_owned() });
                }
            }
            "h1" | "h2" | "h3" if s.headings.len() < limits::HEADINGS => {
                let t = doc.text(id);
                if !t.is_empty() {
                    s.headings.push(clip(&t, limits::VALUE_CHARS).to_owned());
                }
            }
            _ => {}
        }
        if n.tag.is_empty() {
            continue;
        }
        // Bylines (a `<meta>` or `<link>` has no text to show).
        let rel_author = n.attr("rel").is_some_and(|r| r.to_ascii_lowercase().split_whitespace().any(|r| r == "author"));
        if (rel_author || n.class_contains("byline") || n.class_contains("author"))
            && n.tag != "meta"
            && n.tag != "link"
            && !is_hcard(n)
            && !in_comment
            && s.bylines.len() < limits::BYLINES
        {
            let t = doc.text(id);
            if !t.is_empty() && t.chars().count() <= 300 && !s.bylines.contains(&t) {
                s.bylines.push(t);
            }
        }
        // Microdata items.
        if n.attr("itemscope").is_some() && !in_comment && s.microdata.len() < limits::ITEMS {
            let mut item = MicroItem { kind: schema_type(n.attr("itemtype").unwrap_or("")), ..MicroItem::default() };
            let mut ids = doc.descendants_until(id, |d| d.attr("itemscope").is_some());
            // itemref: ids elsewhere in the document (one level, bounded).
            for r in n.attr("itemref").unwrap_or("").split_whitespace().take(10) {
                if let Some(&target) = all.iter().find(|&&t| doc.nodes[t].attr("id") == Some(r))
                    && target != id
                {
                    ids.push(target);
                    ids.extend(doc.descendants_until(target, |d| d.attr("itemscope").is_some()));
                }
            }
            for d in ids {
                let dn = &doc.nodes[d];
                if let Some(props) = dn.attr("itemprop") {
                    let value = if dn.attr("itemscope").is_some() {
                        // a nested item: its name, else its text
                        doc.descendants_until(d, |x| x.attr("itemscope").is_some())
                            .into_iter()
                            .find(|&x| doc.nodes[x].attr("itemprop") == Some("name"))
                            .map_or_else(|| doc.text(d), |x| prop_value(&doc, x))
                    } else {
                        prop_value(&doc, d)
                    };
                    for p in props.split_whitespace().take(5) {
                        push_prop(&mut item.props, p, value.clone());
                    }
                }
            }
            s.microdata.push(item);
        }
        // Microformats.
        if is_hcard(n) && !in_comment && s.microdata.len() < limits::ITEMS {
            let mut item = MicroItem { kind: "h-card".into(), ..MicroItem::default() };
            for d in doc.descendants_until(id, is_hcard) {
                let dn = &doc.nodes[d];
                if dn.tag.is_empty() || is_hcard(dn) {
                    continue;
                }
                for class in dn.classes() {
                    let c = class.to_ascii_lowercase();
                    let is_prop = ["p-", "u-", "e-", "dt-"].iter().any(|p| c.starts_with(p)) || VCARD_PROPS.contains(&c.as_str());
                    if !is_prop {
                        continue;
                    }
                    let value = if c.starts_with("u-") || c == "email" || c == "url" || c == "tel" {
                        dn.attr("href").map_or_else(|| doc.text(d), collapse)
                    } else {
                        doc.text(d)
                    };
                    push_prop(&mut item.props, &c, value);
                }
            }
            s.microdata.push(item);
        }
        // Person cards.
        if CARD_CLASSES.iter().any(|c| {
            n.classes().any(|k| {
                k.eq_ignore_ascii_case(c) || k.to_ascii_lowercase().starts_with(&format!("{c}-")) || k.to_ascii_lowercase().ends_with(&format!("-{c}"))
            })
        }) && !in_comment
            && s.cards.len() < limits::CARDS
            && let Some(card) = card(&doc, id)
        {
            s.cards.push(card);
        }
    }
    let mut text = String::new();
    doc.visible_text(0, &mut text, limits::TEXT_CHARS);
    let lines: Vec<String> = text.lines().map(collapse).filter(|l| !l.is_empty()).collect();
    s.text = clip(&lines.join("\n"), limits::TEXT_CHARS).to_owned();
    s
}

/// A person card: a small element with a heading-like name.
fn card(doc: &Doc, id: usize) -> Option<Card> {
    let text = doc.text(id);
    if text.is_empty() || text.chars().count() > 600 {
        return None;
    }
    let desc = doc.descendants(id);
    // Not a wrapper of other cards.
    if desc.iter().any(|&d| CARD_CLASSES.iter().any(|c| doc.nodes[d].has_class(c))) {
        return None;
    }
    let is_name = |n: &Node| {
        matches!(n.tag.as_str(), "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b")
            || n.has_class("name")
            || n.has_class("p-name")
            || n.has_class("fn")
            || n.attr("itemprop") == Some("name")
    };
    let name_id = desc.iter().copied().find(|&d| is_name(&doc.nodes[d]))?;
    let name = doc.text(name_id);
    let title_id = desc.iter().copied().find(|&d| {
        let n = &doc.nodes[d];
        ["title", "role", "position", "job"].iter().any(|k| n.class_contains(k)) || n.attr("itemprop") == Some("jobTitle")
    });
    let title = match title_id {
        Some(t) => doc.text(t),
        None => desc
            .iter()
            .copied()
            .filter(|&d| d > name_id && doc.nodes[d].tag == "p")
            .map(|d| doc.text(d))
            .find(|t| !t.is_empty() && !t.contains('@'))
            .unwrap_or_default(),
    };
    let href_of = |pred: &dyn Fn(&str) -> bool| {
        desc.iter().filter_map(|&d| doc.nodes[d].attr("href")).map(str::trim).find(|h| pred(&h.to_ascii_lowercase())).unwrap_or("").to_owned()
    };
    let email = href_of(&|h| h.starts_with("mailto:"));
    let linkedin = href_of(&|h| h.contains("linkedin.com/"));
    let v = limits::VALUE_CHARS;
    Some(Card {
        name: clip(&name, v).to_owned(),
        title: clip(&title, v).to_owned(),
        email: clip(&email, v).to_owned(),
        linkedin: clip(&linkedin, v).to_owned(),
        text: clip(&text, v).to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_threads_are_left_out() {
        for (word, thread) in [
            ("comments", true),
            ("commentlist", true),
            ("comment-author", true),
            ("js-comments", true),
            ("fb-comments", true),
            ("Comments-Area", true),
            ("commentary", false),
            ("has-comments", false),
            ("no-comments", false),
            ("f_comment_nofollow_on", false),
        ] {
            assert_eq!(comment_word(word), thread, "{word}");
        }
        let s = snapshot_from_html(
            r#"<body class="f_comment_nofollow_on"><article class="commentary"><p class="byline">By <a href="/author/jane-doe">Jane Doe</a></p></article>
               <ol class="commentlist"><li><span class="comment-author vcard"><b class="fn">Rae Reader</b></span>
               <a href="/author/rae">Rae Reader</a><div class="byline">By Rae Reader</div></li></ol></body>"#,
            "https://news.example.com/a",
        );
        assert_eq!(s.bylines, ["By Jane Doe"]);
        assert!(s.microdata.is_empty(), "{:?}", s.microdata);
        assert_eq!(s.links.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["Jane Doe"]);
    }

    #[test]
    fn links_in_links_and_line_ends_as_a_browser_reads_them() {
        // <a><a>: the outer link ends; with a block between, the inner stays inside it.
        let s = snapshot_from_html(
            r#"<span class="byline">by <a href="/author/julia"><a href="mailto:julia@x.com">Julia H</a></a></span>
               <a href="/post"><article><p class="byline">By <a href="/author/jane-doe">Jane Doe</a></p></article></a>"#,
            "https://x.com/",
        );
        let links: Vec<(&str, &str)> = s.links.iter().map(|l| (l.href.as_str(), l.text.as_str())).collect();
        assert_eq!(links, [("/author/julia", ""), ("mailto:julia@x.com", "Julia H"), ("/author/jane-doe", "Jane Doe")]);
        assert!(s.bylines.contains(&"By Jane Doe".to_owned()), "{:?}", s.bylines);
        let s = snapshot_from_html("<meta name=description content=\"a\r\nb\rc\">", "https://x.com/");
        assert_eq!(s.meta_first("description"), Some("a\nb\nc"));
    }

    #[test]
    fn tolerant_parse() {
        let s = snapshot_from_html(
            "<html><head><title>A &amp; B</title><meta property=og:site_name content='Acme'></head><body><div class=card><h3>Jo Bloggs</h3><p>CEO<p><a href=\"mailto:jo@acme.com\">mail</a></div><h1>Hi</h1></body>",
            "https://acme.com/",
        );
        assert_eq!(s.title, "A & B");
        assert_eq!(s.meta_first("og:site_name"), Some("Acme"));
        assert_eq!(s.headings, ["Jo Bloggs", "Hi"]);
        assert_eq!(s.cards.len(), 1);
        assert_eq!(s.cards[0].email, "mailto:jo@acme.com");
        for broken in ["<", "<a", "<a href='", "</", "<!--", "<script>", "<div><<>>&#xFFFFFFFF;&#0;&", "<a b=c d='e' f=\"g"] {
            let _ = snapshot_from_html(broken, "");
        }
    }
}
