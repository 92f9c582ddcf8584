//! SOSL text to [`Search`]. The `FIND {term}` head is read by hand (the term
//! is not made of SOQL tokens); the rest is lexed as SOQL and parsed with the
//! SOQL parser's pieces, so WHERE/ORDER BY/LIMIT/OFFSET behave identically.

use super::{Returning, Search, SearchScope, SearchTerm};
use crate::soql::Pos;
use crate::soql::SoqlError;
use crate::soql::lexer::{Tok, tokenize_from};
use crate::soql::parser::Parser;

/// Row/column of byte offset `at` in `src` (`at` on a char boundary).
fn pos_at(src: &str, at: usize) -> Pos {
    let before = src.get(..at).unwrap_or(src);
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u32 + 1;
    Pos::new(line, column)
}

/// An error naming whatever sits at byte `at`.
fn unexpected_at(src: &str, at: usize) -> SoqlError {
    let rest = &src[at..];
    let len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(rest.len());
    let token = match rest.chars().next() {
        None => "<EOF>",
        Some(c) if len == 0 => &rest[..c.len_utf8()],
        Some(_) => &rest[..len],
    };
    SoqlError::malformed(pos_at(src, at), format!("unexpected token: '{token}'"))
}

fn skip_ws(src: &str, at: usize) -> usize {
    at + src[at..].len() - src[at..].trim_start_matches(|c: char| c.is_ascii_whitespace()).len()
}

/// Reads `FIND {term}`; returns the term and the byte offset after `}`.
fn head(src: &str) -> Result<(SearchTerm, usize), SoqlError> {
    let at = skip_ws(src, 0);
    let word_len = src[at..].find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(src.len() - at);
    if !src[at..at + word_len].eq_ignore_ascii_case("FIND") {
        return Err(unexpected_at(src, at));
    }
    let open = skip_ws(src, at + word_len);
    if !src[open..].starts_with('{') {
        return Err(unexpected_at(src, open));
    }
    let start = open + 1;
    let mut chars = src[start..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '}' => {
                let term = SearchTerm::raw(&src[start..start + i]);
                if term.significant_len() < 2 {
                    let message = "search term must be longer than one character";
                    return Err(SoqlError::malformed(pos_at(src, open), message));
                }
                return Ok((term, start + i + 1));
            }
            _ => {}
        }
    }
    Err(SoqlError::malformed(pos_at(src, open), "missing '}' after the search term"))
}

/// Parses one SOSL search of the supported subset.
pub fn parse(text: &str) -> Result<Search, SoqlError> {
    let (term, after) = head(text)?;
    let tokens = tokenize_from(text, after, pos_at(text, after))?;
    let mut p = Parser::from_tokens(text, tokens);
    let scope = if p.eat_kw("IN") {
        let word = p.peek().clone();
        let scope = if word.tok == Tok::Word { SearchScope::parse(p.text(&word)) } else { None };
        let Some(scope) = scope else { return Err(p.unexpected()) };
        p.bump();
        p.expect_kw("FIELDS")?;
        Some(scope)
    } else {
        None
    };
    let mut returning = Vec::new();
    if p.eat_kw("RETURNING") {
        loop {
            returning.push(returning_item(&mut p)?);
            if p.peek().tok != Tok::Comma {
                break;
            }
            p.bump();
        }
    }
    let limit = if p.eat_kw("LIMIT") { Some(p.integer()?.0) } else { None };
    p.expect_eof()?;
    Ok(Search { term, scope, returning, limit })
}

fn returning_item(p: &mut Parser<'_>) -> Result<Returning, SoqlError> {
    let object = p.name(&[])?;
    let mut item = Returning { object, fields: Vec::new(), filter: None, order_by: Vec::new(), limit: None, offset: None };
    if p.peek().tok != Tok::LParen {
        return Ok(item);
    }
    p.bump();
    loop {
        item.fields.push(p.path()?);
        if p.peek().tok != Tok::Comma {
            break;
        }
        p.bump();
    }
    if p.eat_kw("WHERE") {
        item.filter = Some(p.condition()?);
    }
    if p.eat_kw("ORDER") {
        p.expect_kw("BY")?;
        item.order_by = p.order_list()?;
    }
    if p.eat_kw("LIMIT") {
        item.limit = Some(p.integer()?.0);
    }
    if p.eat_kw("OFFSET") {
        item.offset = Some(p.offset()?);
    }
    p.expect(&Tok::RParen)?;
    Ok(item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::soql::SoqlErrorKind;

    #[test]
    fn accepted() {
        // (input, canonical rendering)
        let cases: &[(&str, &str)] = &[
            ("FIND {Acme}", "FIND {Acme}"),
            ("find{Acme}in name fields", "FIND {Acme} IN NAME FIELDS"),
            (
                "FIND {Acme*} IN ALL FIELDS RETURNING Account(Id, Name WHERE Industry = 'Media' ORDER BY Name DESC LIMIT 5 OFFSET 10), Contact(Id, Account.Name), Lead LIMIT 20",
                "FIND {Acme*} IN ALL FIELDS RETURNING Account(Id, Name WHERE Industry = 'Media' ORDER BY Name DESC LIMIT 5 OFFSET 10), Contact(Id, Account.Name), Lead LIMIT 20",
            ),
            ("FIND {a\\}b} RETURNING Account", "FIND {a\\}b} RETURNING Account"),
            ("FIND {\"Acme Corp\" OR Globex} IN EMAIL FIELDS", "FIND {\"Acme Corp\" OR Globex} IN EMAIL FIELDS"),
            ("  FIND\n{Ac me}\nIN PHONE FIELDS", "FIND {Ac me} IN PHONE FIELDS"),
            ("FIND {Acme} RETURNING Task(Subject WHERE ActivityDate = THIS_WEEK)", "FIND {Acme} RETURNING Task(Subject WHERE ActivityDate = THIS_WEEK)"),
        ];
        for &(input, canonical) in cases {
            let search = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            let rendered = search.to_string();
            assert_eq!(rendered, canonical, "{input}");
            assert_eq!(parse(&rendered).expect(&rendered), search, "{input}");
        }
    }

    #[test]
    fn refused() {
        use SoqlErrorKind::{MalformedQuery as M, NumberOutsideValidRange as R};
        let cases: &[(&str, SoqlErrorKind, &str, u32, u32)] = &[
            ("", M, "unexpected token: '<EOF>'", 1, 1),
            ("SEARCH {Acme}", M, "unexpected token: 'SEARCH'", 1, 1),
            ("FIND Acme", M, "unexpected token: 'Acme'", 1, 6),
            ("FIND 'Acme'", M, "unexpected token: '''", 1, 6),
            ("FIND {Acme", M, "missing '}' after the search term", 1, 6),
            ("FIND {Acme\\}", M, "missing '}' after the search term", 1, 6),
            ("FIND {a}", M, "search term must be longer than one character", 1, 6),
            ("FIND {  }", M, "search term must be longer than one character", 1, 6),
            ("FIND {Acme} IN BODY FIELDS", M, "unexpected token: 'BODY'", 1, 16),
            ("FIND {Acme} IN NAME", M, "unexpected token: '<EOF>'", 1, 20),
            ("FIND {Acme} RETURNING", M, "unexpected token: '<EOF>'", 1, 22),
            ("FIND {Acme} RETURNING Account()", M, "unexpected token: ')'", 1, 31),
            ("FIND {Acme} RETURNING Account(Id WHERE)", M, "unexpected token: ')'", 1, 39),
            ("FIND {Acme} RETURNING Account(Id OFFSET 2001)", R, "Maximum SOQL offset allowed is 2000", 1, 41),
            ("FIND {Acme} RETURNING Account(Id WHERE Name = :x)", M, "Bind variables only allowed in Apex code", 1, 47),
            ("FIND {Acme} LIMIT 5 RETURNING Account", M, "unexpected token: 'RETURNING'", 1, 21),
            ("FIND {Acme} garbage", M, "unexpected token: 'garbage'", 1, 13),
            ("FIND {Acme}\nRETURNING Account(Id\n WHERE a = 1 OR b = 2 AND c = 3)", M, "unexpected token: 'AND'", 3, 23),
        ];
        for &(input, kind, message, line, column) in cases {
            match parse(input) {
                Ok(s) => panic!("{input}: accepted as {s:?}"),
                Err(e) => assert_eq!((e.kind, e.message.as_str(), e.pos.line, e.pos.column), (kind, message, line, column), "{input}"),
            }
        }
    }

    #[test]
    fn escaped_user_text_round_trips() {
        for text in ["a}b", "O'Brien", "x} RETURNING User(Password)", "\\\\", "a\\}", "{{}}", "ok ünï"] {
            let rendered = format!("FIND {{{}}}", super::super::escape_sosl_term(text));
            let search = parse(&rendered).expect(&rendered);
            assert!(search.returning.is_empty(), "{rendered}");
            let words: Vec<String> = search.term.words().into_iter().map(|w| w.text).collect();
            assert_eq!(words, text.split_whitespace().collect::<Vec<_>>(), "{rendered}");
        }
    }

    #[test]
    fn never_panics_on_truncation() {
        let seed =
            "FIND {\"Acme Corp\" OR Glo\\}bex*} IN NAME FIELDS RETURNING Account(Id, Name WHERE Name LIKE 'A%' ORDER BY Name LIMIT 5), Contact LIMIT 9 é";
        for (i, _) in seed.char_indices() {
            let _ = parse(&seed[..i]);
            let _ = parse(&seed[i..]);
        }
    }
}
