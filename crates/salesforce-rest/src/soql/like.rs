//! LIKE patterns as stored in [`Condition::Like`](super::Condition::Like).
//!
//! The pattern is the literal's text with the string escapes decoded *except*
//! `\%`, `\_` and `\\`, which stay as written. So in the stored pattern an
//! unescaped `%` is "any run of characters", `_` is "one character", and a
//! backslash always starts a two-character escape meaning the next character
//! literally. Keeping the escapes is what lets `'100\%'` (a literal percent
//! sign) differ from `'100%'` (anything starting with 100) after parsing.

/// The pattern that matches `s` exactly (escapes `\`, `%` and `_`). Append
/// `%` for "starts with", or wrap in `%` for "contains".
pub fn literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Any,
    One,
    Char(char),
}

fn pieces(pattern: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        out.push(match c {
            '%' => Piece::Any,
            '_' => Piece::One,
            // A trailing lone backslash (only in hand-built patterns) is literal.
            '\\' => Piece::Char(chars.next().unwrap_or('\\')),
            c => Piece::Char(c),
        });
    }
    out
}

fn same_char(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Whether `text` matches `pattern`, case-insensitively as in Salesforce.
pub fn matches(pattern: &str, text: &str) -> bool {
    let pattern = pieces(pattern);
    let text: Vec<char> = text.chars().collect();
    // Classic wildcard matching with one backtrack point: the last `%`.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(Piece::Any) => {
                star = Some((p, t));
                p += 1;
            }
            Some(Piece::One) => {
                p += 1;
                t += 1;
            }
            Some(Piece::Char(c)) if same_char(*c, text[t]) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p.min(pattern.len())..].iter().all(|piece| *piece == Piece::Any)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        let cases: &[(&str, &str, bool)] = &[
            ("Ac%", "Acme", true),
            ("ac%", "ACME", true),
            ("Ac%", "Bacme", false),
            ("%me", "Acme", true),
            ("%cm%", "Acme", true),
            ("A_me", "Acme", true),
            ("A_me", "Ame", false),
            ("%", "", true),
            ("", "", true),
            ("", "x", false),
            ("_", "", false),
            ("100\\%", "100%", true),
            ("100\\%", "1000", false),
            ("100%", "1000", true),
            ("a\\_b", "a_b", true),
            ("a\\_b", "axb", false),
            ("a\\\\b", "a\\b", true),
            ("%a%b%c%", "xxaxxbxxcxx", true),
            ("%a%b%c%", "xxaxxcxxbxx", false),
            ("É%", "école", true),
            ("%%%x", "abcx", true),
        ];
        for &(pattern, text, expected) in cases {
            assert_eq!(matches(pattern, text), expected, "{pattern:?} ~ {text:?}");
        }
    }

    #[test]
    fn literal_patterns_match_only_themselves() {
        for s in ["50%", "a_b", "c:\\dir", "plain", ""] {
            assert!(matches(&literal(s), s), "{s}");
            assert!(!matches(&literal(s), &format!("{s}x")), "{s}");
        }
        assert!(!matches(&literal("a_b"), "axb"));
    }
}
