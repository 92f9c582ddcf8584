//! The search term between `FIND {` and `}`: escaping user text into it, and
//! splitting it into the words a record must contain.
//!
//! Supported term syntax: whitespace-separated words (all must match),
//! `"quoted phrases"`, a trailing `*` for prefix matching, `OR` between
//! groups of words, `AND` (the default, so a no-op) and `AND NOT`/`NOT` before
//! a word or phrase to exclude it. A backslash makes the next character
//! literal. Parentheses are ignored (no grouping); `?` and a `*` in the
//! middle of a word are kept as literal characters.

use super::SearchTerm;

/// The characters SOSL reserves in a search term (dialect §6).
const RESERVED: &[char] = &['?', '&', '|', '!', '{', '}', '[', ']', '(', ')', '^', '~', '*', ':', '\\', '"', '\'', '+', '-'];

/// Backslash-escapes every reserved character, so the text is searched for
/// literally and cannot close the braces.
pub fn escape_sosl_term(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if RESERVED.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One thing a matching record must (or, if `exclude`, must not) contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchWord {
    /// Unescaped text; for phrases, words joined by single spaces.
    pub text: String,
    /// Came from `"..."`: the words must appear together, in order.
    pub phrase: bool,
    /// Ended with an unescaped `*`: matches any word starting with `text`.
    pub prefix: bool,
    /// Preceded by `NOT` / `AND NOT`.
    pub exclude: bool,
}

/// A raw word before operator handling, with whether it can be an operator.
struct Piece {
    word: SearchWord,
    /// Unquoted and without escapes, so `AND`/`OR`/`NOT` are operators.
    bare: bool,
}

fn pieces(raw: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut bare, mut prefix, mut in_phrase) = (true, false, false);
    let mut flush = |current: &mut String, bare: &mut bool, prefix: &mut bool, phrase: bool| {
        let text = if phrase { current.split_whitespace().collect::<Vec<_>>().join(" ") } else { current.clone() };
        if !text.is_empty() {
            let word = SearchWord { text, phrase, prefix: *prefix, exclude: false };
            out.push(Piece { word, bare: *bare && !phrase });
        }
        current.clear();
        *bare = true;
        *prefix = false;
    };
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
                bare = false;
            }
            '"' => {
                flush(&mut current, &mut bare, &mut prefix, in_phrase);
                in_phrase = !in_phrase;
            }
            '*' if !in_phrase && chars.peek().is_none_or(|n| n.is_whitespace() || matches!(n, '"' | ')')) => {
                prefix = true;
            }
            '(' | ')' if !in_phrase => flush(&mut current, &mut bare, &mut prefix, false),
            c if c.is_whitespace() && !in_phrase => flush(&mut current, &mut bare, &mut prefix, false),
            c => current.push(c),
        }
    }
    // An unclosed quote still counts as a phrase.
    flush(&mut current, &mut bare, &mut prefix, in_phrase);
    out
}

impl SearchTerm {
    /// The term as OR-ed groups of words: a record matches when, for some
    /// group, it contains every non-excluded word and none of the excluded.
    pub fn alternatives(&self) -> Vec<Vec<SearchWord>> {
        let mut groups = vec![Vec::new()];
        let mut exclude_next = false;
        for piece in pieces(&self.raw) {
            let op = if piece.bare { piece.word.text.to_ascii_uppercase() } else { String::new() };
            match op.as_str() {
                "AND" => {}
                "NOT" => exclude_next = true,
                "OR" => {
                    groups.push(Vec::new());
                    exclude_next = false;
                }
                _ => {
                    let word = SearchWord { exclude: exclude_next, ..piece.word };
                    exclude_next = false;
                    if let Some(group) = groups.last_mut() {
                        group.push(word);
                    }
                }
            }
        }
        groups.retain(|g| !g.is_empty());
        groups
    }

    /// Every word of every group: enough for terms without `OR`.
    pub fn words(&self) -> Vec<SearchWord> {
        self.alternatives().into_iter().flatten().collect()
    }

    /// Characters that carry meaning (escapes removed), for the "longer
    /// than one character" rule.
    pub(crate) fn significant_len(&self) -> usize {
        self.words().iter().map(|w| w.text.chars().count()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        let cases: &[(&str, &str)] = &[
            ("Acme", "Acme"),
            ("Acme Corp", "Acme Corp"),
            ("O'Brien-Smith", r"O\'Brien\-Smith"),
            ("a}b{c", r"a\}b\{c"),
            (r#"?&|!{}[]()^~*:\"'+-"#, r#"\?\&\|\!\{\}\[\]\(\)\^\~\*\:\\\"\'\+\-"#),
            ("ünï 🎉", "ünï 🎉"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_sosl_term(input), *expected, "{input}");
            // Escaped text reads back as itself, split only on whitespace.
            let words: Vec<String> = SearchTerm::literal(input).words().into_iter().map(|w| w.text).collect();
            assert_eq!(words, input.split_whitespace().collect::<Vec<_>>(), "{input}");
        }
    }

    /// Compact form: groups separated by `|`, words by `,`; `"..."` phrase,
    /// trailing `*` prefix, leading `-` excluded.
    fn show(raw: &str) -> String {
        SearchTerm::raw(raw)
            .alternatives()
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|w| {
                        let text = if w.phrase { format!("\"{}\"", w.text) } else { w.text.clone() };
                        format!("{}{text}{}", if w.exclude { "-" } else { "" }, if w.prefix { "*" } else { "" })
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn alternatives_table() {
        let cases: &[(&str, &str)] = &[
            ("Acme", "Acme"),
            ("  Acme   Corp ", "Acme,Corp"),
            ("Acme*", "Acme*"),
            ("Ac*me", "Ac*me"),
            (r"Acme\*", "Acme*"),
            ("\"Acme  Corp\" West", "\"Acme Corp\",West"),
            ("\"Acme Corp\"*", "\"Acme Corp\""),
            ("Acme OR Globex", "Acme|Globex"),
            ("Acme or Globex Inc", "Acme|Globex,Inc"),
            ("Acme AND Corp", "Acme,Corp"),
            ("Acme AND NOT Corp", "Acme,-Corp"),
            ("Acme NOT \"Big Corp\"", "Acme,-\"Big Corp\""),
            (r"\AND \OR", "AND,OR"),
            ("\"AND\"", "\"AND\""),
            ("(Acme OR Globex) AND Inc", "Acme|Globex,Inc"),
            (r"O\'Brien", "O'Brien"),
            ("\"unclosed phrase", "\"unclosed phrase\""),
            ("OR", ""),
            ("", ""),
            ("trailing\\", "trailing"),
        ];
        for (raw, expected) in cases {
            assert_eq!(show(raw), *expected, "{raw:?}");
        }
    }
}
