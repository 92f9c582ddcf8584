//! What the page gives us: [`PageSnapshot`], the plain data that
//! `snapshot.js` (run in the tab with `chrome.scripting.executeScript`)
//! returns. Nothing else of the page is read; extraction works on this only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Bounds on every part of a snapshot (the script applies the same ones;
/// [`PageSnapshot::bounded`] re-applies them to whatever the page returned).
pub mod limits {
    pub const TEXT_CHARS: usize = 20_000;
    pub const VALUE_CHARS: usize = 2_000;
    pub const META_KEYS: usize = 200;
    pub const META_VALUES_PER_KEY: usize = 30;
    pub const JSON_LD_BLOCKS: usize = 20;
    pub const JSON_LD_CHARS: usize = 100_000;
    pub const ITEMS: usize = 100;
    pub const PROPS_PER_ITEM: usize = 30;
    pub const LINKS: usize = 200;
    pub const HEADINGS: usize = 50;
    pub const BYLINES: usize = 20;
    pub const CARDS: usize = 100;
}

/// What a link to an author's page on a site has in its address (lowercase);
/// `snapshot.js` has the same list.
pub const AUTHOR_PATHS: &[&str] = &[
    "/author/",
    "/authors/",
    "/profile/",
    "/profiles/",
    "/people/",
    "/staff/",
    "/writer/",
    "/writers/",
    "/contributor/",
    "/contributors/",
    "/editors/",
    "/journalist/",
    "/journalists/",
    "/autor/",
    "/autoren/",
    "/auteur/",
    "/auteurs/",
];

/// A page as the extension sees it. Every field defaults to empty, so a
/// partial answer still deserializes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageSnapshot {
    /// `location.href`.
    pub url: String,
    /// `document.title`.
    pub title: String,
    /// `<link rel=canonical>` href, if any.
    pub canonical: String,
    /// `<meta name|property=K content=V>`: lowercased K → the Vs in page order.
    pub meta: BTreeMap<String, Vec<String>>,
    /// The raw text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// schema.org microdata items (`itemscope`) and microformats
    /// (`h-card`/`vcard`).
    pub microdata: Vec<MicroItem>,
    /// `mailto:`, `tel:` and LinkedIn links, and links to an author's
    /// page on the site ([`AUTHOR_PATHS`], outside comment threads).
    pub links: Vec<Link>,
    /// h1–h3 texts.
    pub headings: Vec<String>,
    /// Texts of `rel=author` and `class*=byline|author` elements.
    pub bylines: Vec<String>,
    /// Elements that look like a person card on a team page.
    pub cards: Vec<Card>,
    /// Visible text of the body, at most [`limits::TEXT_CHARS`] characters.
    pub text: String,
}

/// One microdata item or microformat.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MicroItem {
    /// The schema.org type's last segment (`Person`, `Organization`) or
    /// `h-card` for microformats (`vcard` included).
    #[serde(rename = "type")]
    pub kind: String,
    /// Property → values. Microformat properties keep their class name
    /// (`p-name`, `u-email`, `fn`, `org`).
    pub props: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// A person card: the name (its heading), title/role line, e-mail and
/// LinkedIn links, and the card's whole text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Card {
    pub name: String,
    pub title: String,
    pub email: String,
    pub linkedin: String,
    pub text: String,
}

/// `s` cut to at most `max` characters (on a char boundary).
pub(crate) fn clip(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

fn clip_owned(s: &mut String, max: usize) {
    let len = clip(s, max).len();
    s.truncate(len);
}

impl PageSnapshot {
    /// The snapshot with every part within [`limits`] (for snapshots that
    /// come from the page, which is not trusted to have run our script).
    pub fn bounded(mut self) -> Self {
        use limits::*;
        clip_owned(&mut self.url, VALUE_CHARS);
        clip_owned(&mut self.title, VALUE_CHARS);
        clip_owned(&mut self.canonical, VALUE_CHARS);
        clip_owned(&mut self.text, TEXT_CHARS);
        let meta = std::mem::take(&mut self.meta);
        self.meta = meta
            .into_iter()
            .take(META_KEYS)
            .map(|(mut k, mut vs)| {
                clip_owned(&mut k, 200);
                vs.truncate(META_VALUES_PER_KEY);
                vs.iter_mut().for_each(|v| clip_owned(v, VALUE_CHARS));
                (k, vs)
            })
            .collect();
        self.json_ld.truncate(JSON_LD_BLOCKS);
        self.json_ld.iter_mut().for_each(|j| clip_owned(j, JSON_LD_CHARS));
        self.microdata.truncate(ITEMS);
        for item in &mut self.microdata {
            clip_owned(&mut item.kind, 200);
            let props = std::mem::take(&mut item.props);
            item.props = props
                .into_iter()
                .take(PROPS_PER_ITEM)
                .map(|(k, mut vs)| {
                    vs.truncate(META_VALUES_PER_KEY);
                    vs.iter_mut().for_each(|v| clip_owned(v, VALUE_CHARS));
                    (k, vs)
                })
                .collect();
        }
        self.links.truncate(LINKS);
        for link in &mut self.links {
            clip_owned(&mut link.href, VALUE_CHARS);
            clip_owned(&mut link.text, VALUE_CHARS);
        }
        self.headings.truncate(HEADINGS);
        self.headings.iter_mut().for_each(|h| clip_owned(h, VALUE_CHARS));
        self.bylines.truncate(BYLINES);
        self.bylines.iter_mut().for_each(|b| clip_owned(b, VALUE_CHARS));
        self.cards.truncate(CARDS);
        for card in &mut self.cards {
            for s in [&mut card.name, &mut card.title, &mut card.email, &mut card.linkedin, &mut card.text] {
                clip_owned(s, VALUE_CHARS);
            }
        }
        self
    }

    /// The values of meta `key` (lowercase), empty ones skipped.
    pub fn meta_values(&self, key: &str) -> impl Iterator<Item = &str> {
        self.meta.get(key).into_iter().flatten().map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// The first non-empty value of meta `key`.
    pub fn meta_first(&self, key: &str) -> Option<&str> {
        self.meta_values(key).next()
    }
}
