//! Escaping text for the inside of a SOQL single-quoted literal.
//!
//! The renderer calls these for every string it writes, so a value can never
//! end the literal early (`' OR Name != '` stays one string). Code that still
//! builds SOQL text by hand must call them too.

/// Escapes `s` for use between single quotes: `\` `'` `"` and newline, CR,
/// tab, backspace, form feed get a backslash escape. Everything else
/// (including non-ASCII) is literal in SOQL.
pub fn escape_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// Like [`escape_string`], and also escapes the LIKE wildcards `%` and `_`,
/// so `s` matches only itself: `format!("Name LIKE '{}%'", escape_like(s))`
/// is a "starts with" test.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if matches!(c, '%' | '_') {
            out.push('\\');
        }
        push_escaped(&mut out, c);
    }
    out
}

pub(crate) fn push_escaped(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\'' => out.push_str("\\'"),
        '"' => out.push_str("\\\""),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        c => out.push(c),
    }
}

/// Whether `s` is a field path SOQL can take as written (`Name`,
/// `Account.Owner.Name`, `Custom__c`): a name that comes from storage or a
/// page is checked with this before it is put into a query, as values are
/// escaped.
pub fn is_field_path(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() <= 6
        && parts.iter().all(|p| {
            let mut chars = p.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::super::ast::{Condition, Value};
    use super::super::parse;
    use super::*;

    const INJECTIONS: &[&str] = &[
        "' OR Name != '",
        "x' OR Id != null OR Name = 'y",
        "\\' OR Name != \\'",
        "\\",
        "'",
        "a\\'b",
        "') OR (Name = '",
        "%' OR Name LIKE '%",
        "line\nbreak\r\ttab\u{8}\u{c}",
        "quote\"double",
        "émoji 🎉 ünïcode",
        ":bind",
        "",
    ];

    #[test]
    fn escape_string_table() {
        let cases: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("O'Brien", r"O\'Brien"),
            (r"back\slash", r"back\\slash"),
            ("say \"hi\"", r#"say \"hi\""#),
            ("a\nb\rc\td\u{8}e\u{c}", r"a\nb\rc\td\be\f"),
            ("50%_off", "50%_off"),
            ("' OR Name != '", r"\' OR Name != \'"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_string(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn escape_like_table() {
        let cases: &[(&str, &str)] = &[("50%_off", r"50\%\_off"), ("O'Brien", r"O\'Brien"), (r"a\%", r"a\\\%")];
        for (input, expected) in cases {
            assert_eq!(escape_like(input), *expected, "{input:?}");
        }
    }

    /// Whatever the value, the rendered query parses back to one comparison
    /// against exactly that string.
    #[test]
    fn injection_attempts_stay_one_string() {
        for &attack in INJECTIONS {
            let text = format!("SELECT Id FROM Account WHERE Name = '{}'", escape_string(attack));
            let query = parse(&text).expect(&text);
            let Some(Condition::Compare { value, .. }) = query.filter else {
                panic!("not a single comparison: {text}");
            };
            assert_eq!(value, Value::String(attack.to_owned()), "{text}");
        }
    }

    /// A LIKE built with `escape_like` matches the text literally.
    #[test]
    fn like_injection_attempts_stay_literal() {
        for &attack in INJECTIONS {
            let text = format!("SELECT Id FROM Account WHERE Name LIKE '{}%'", escape_like(attack));
            let query = parse(&text).expect(&text);
            let Some(Condition::Like { pattern, .. }) = query.filter else {
                panic!("not a single LIKE: {text}");
            };
            assert_eq!(pattern, format!("{}%", super::super::like::literal(attack)), "{text}");
            assert!(super::super::like::matches(&pattern, &format!("{attack} and more")), "{text}");
            if !attack.is_empty() {
                assert!(!super::super::like::matches(&pattern, &format!("x{attack}")), "{text}");
            }
        }
    }
}
