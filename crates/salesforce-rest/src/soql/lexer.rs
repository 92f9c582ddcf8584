//! SOQL text to tokens, with 1-based row/column positions for diagnostics.
//!
//! Words (identifiers and keywords alike) are one token kind: SOQL keywords
//! are context-dependent (`Order` is an object, `ORDER BY` a clause), so the
//! parser decides. String literals are decoded here, twice: as a plain value
//! and as a LIKE pattern (see [`Tok::Str`]), because which one is meant
//! depends on the operator in front of it.

use super::ast::{CompareOp, Date, DateTime, Pos};
use super::date::{Scanned, scan_date_time};
use super::error::SoqlError;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// Identifier or keyword; its text is `src[start..end]`.
    Word,
    /// A single-quoted literal. `value` has every escape decoded; `pattern`
    /// is the LIKE form, where `\%`, `\_` and `\\` stay escaped so literal
    /// wildcards and backslashes remain distinguishable from wildcards.
    Str {
        value: String,
        pattern: String,
    },
    /// `42`, `-1.5`, as written (`src[start..end]`).
    Number,
    Date(Date),
    DateTime(DateTime),
    Op(CompareOp),
    LParen,
    RParen,
    Comma,
    Dot,
    Colon,
    Eof,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub pos: Pos,
    /// Byte span in the source, always on char boundaries.
    pub start: usize,
    pub end: usize,
}

struct Lexer<'a> {
    src: &'a str,
    /// Byte offset of the next char.
    at: usize,
    line: u32,
    column: u32,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.at..].chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.src[self.at..].chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Pos {
        Pos::new(self.line, self.column)
    }

    fn bump_while(&mut self, f: impl Fn(char) -> bool) {
        while self.peek().is_some_and(&f) {
            self.bump();
        }
    }

    fn string(&mut self, pos: Pos) -> Result<Tok, SoqlError> {
        self.bump(); // opening quote
        let (mut value, mut pattern) = (String::new(), String::new());
        loop {
            let Some(c) = self.bump() else {
                return Err(SoqlError::malformed(pos, "unterminated string literal"));
            };
            match c {
                '\'' => return Ok(Tok::Str { value, pattern }),
                '\\' => {
                    let e = self.bump();
                    let decoded = match e {
                        Some('n' | 'N') => '\n',
                        Some('r' | 'R') => '\r',
                        Some('t' | 'T') => '\t',
                        Some('b' | 'B') => '\u{8}',
                        Some('f' | 'F') => '\u{c}',
                        Some(c @ ('\'' | '"' | '\\' | '%' | '_')) => c,
                        Some(other) => {
                            return Err(SoqlError::malformed(pos, format!("Invalid string literal: illegal character sequence '\\{other}'")));
                        }
                        None => return Err(SoqlError::malformed(pos, "unterminated string literal")),
                    };
                    value.push(decoded);
                    if matches!(decoded, '%' | '_' | '\\') {
                        pattern.push('\\');
                    }
                    pattern.push(decoded);
                }
                c => {
                    value.push(c);
                    pattern.push(c);
                }
            }
        }
    }

    /// A number, or a date/date-time when it starts with `dddd-`.
    fn number(&mut self, pos: Pos) -> Result<Tok, SoqlError> {
        let rest = &self.src.as_bytes()[self.at..];
        let looks_like_date = rest.len() > 5 && rest[..4].iter().all(u8::is_ascii_digit) && rest[4] == b'-';
        if looks_like_date {
            let Some((scanned, len)) = scan_date_time(rest) else {
                let end = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || b"-:+.".contains(c)).count();
                let text = String::from_utf8_lossy(&rest[..end]);
                return Err(SoqlError::malformed(pos, format!("invalid date or dateTime '{text}'")));
            };
            for _ in 0..len {
                self.bump();
            }
            return Ok(match scanned {
                Scanned::Date(d) => Tok::Date(d),
                Scanned::DateTime(dt) => Tok::DateTime(dt),
            });
        }
        if self.peek() == Some('-') {
            self.bump();
        }
        self.bump_while(|c| c.is_ascii_digit());
        if self.peek() == Some('.') && self.peek_second().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            self.bump_while(|c| c.is_ascii_digit());
        }
        Ok(Tok::Number)
    }

    fn next(&mut self) -> Result<Token, SoqlError> {
        self.bump_while(|c| c.is_ascii_whitespace());
        let (pos, start) = (self.pos(), self.at);
        let Some(c) = self.peek() else {
            return Ok(Token { tok: Tok::Eof, pos, start, end: start });
        };
        let tok = match c {
            c if c.is_ascii_alphabetic() => {
                self.bump_while(|c| c.is_ascii_alphanumeric() || c == '_');
                Tok::Word
            }
            c if c.is_ascii_digit() => self.number(pos)?,
            '-' if self.peek_second().is_some_and(|c| c.is_ascii_digit()) => self.number(pos)?,
            '\'' => self.string(pos)?,
            _ => {
                self.bump();
                let next = self.peek();
                let mut two = |tok| {
                    self.bump();
                    tok
                };
                match (c, next) {
                    ('(', _) => Tok::LParen,
                    (')', _) => Tok::RParen,
                    (',', _) => Tok::Comma,
                    ('.', _) => Tok::Dot,
                    (':', _) => Tok::Colon,
                    ('=', _) => Tok::Op(CompareOp::Eq),
                    ('!', Some('=')) => two(Tok::Op(CompareOp::Ne)),
                    ('<', Some('>')) => two(Tok::Op(CompareOp::Ne)),
                    ('<', Some('=')) => two(Tok::Op(CompareOp::Le)),
                    ('>', Some('=')) => two(Tok::Op(CompareOp::Ge)),
                    ('<', _) => Tok::Op(CompareOp::Lt),
                    ('>', _) => Tok::Op(CompareOp::Gt),
                    _ => {
                        return Err(SoqlError::malformed(pos, format!("unexpected character: '{c}'")));
                    }
                }
            }
        };
        Ok(Token { tok, pos, start, end: self.at })
    }
}

/// Splits `src` into tokens, ending with [`Tok::Eof`].
pub(crate) fn tokenize(src: &str) -> Result<Vec<Token>, SoqlError> {
    tokenize_from(src, 0, Pos::new(1, 1))
}

/// Tokenizes `src[start..]`, whose first char sits at `pos` (used by SOSL,
/// which reads its `{term}` by hand and lexes the rest). `start` must be a
/// char boundary.
pub(crate) fn tokenize_from(src: &str, start: usize, pos: Pos) -> Result<Vec<Token>, SoqlError> {
    let mut lexer = Lexer { src, at: start.min(src.len()), line: pos.line, column: pos.column };
    let mut tokens = Vec::new();
    loop {
        let token = lexer.next()?;
        let done = token.tok == Tok::Eof;
        tokens.push(token);
        if done {
            return Ok(tokens);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact spelling of a token stream: words and numbers as text,
    /// strings as `'value'|pattern`, punctuation as itself.
    fn show(src: &str) -> Result<String, String> {
        let tokens = tokenize(src).map_err(|e| format!("{}@{}:{}", e.message, e.pos.line, e.pos.column))?;
        let parts: Vec<String> = tokens
            .iter()
            .map(|t| match &t.tok {
                Tok::Word | Tok::Number => src[t.start..t.end].to_owned(),
                Tok::Str { value, pattern } => format!("'{value}'|{pattern}"),
                Tok::Date(d) => format!("D{d}"),
                Tok::DateTime(dt) => format!("DT{dt}"),
                Tok::Op(op) => format!("{op:?}"),
                Tok::LParen => "(".into(),
                Tok::RParen => ")".into(),
                Tok::Comma => ",".into(),
                Tok::Dot => ".".into(),
                Tok::Colon => ":".into(),
                Tok::Eof => format!("EOF@{}:{}", t.pos.line, t.pos.column),
            })
            .collect();
        Ok(parts.join(" "))
    }

    #[test]
    fn tokens() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("SELECT Id FROM Account", Ok("SELECT Id FROM Account EOF@1:23")),
            ("a.b__r.c__c", Ok("a . b__r . c__c EOF@1:12")),
            ("x=1 x!=-2 x<>3.5 x<=4 x>=5 x<6 x>7", Ok("x Eq 1 x Ne -2 x Ne 3.5 x Le 4 x Ge 5 x Lt 6 x Gt 7 EOF@1:35")),
            ("LAST_N_DAYS:30", Ok("LAST_N_DAYS : 30 EOF@1:15")),
            (":name", Ok(": name EOF@1:6")),
            ("d = 2024-02-29", Ok("d Eq D2024-02-29 EOF@1:15")),
            ("2024-02-29T10:00:00.5+0100)", Ok("DT2024-02-29T10:00:00.500+01:00 ) EOF@1:28")),
            ("1.x", Ok("1 . x EOF@1:4")),
            ("(a,b)", Ok("( a , b ) EOF@1:6")),
            ("SELECT\n  Id", Ok("SELECT Id EOF@2:5")),
            // Strings: value vs LIKE pattern.
            (r"'a\'b'", Ok("'a'b'|a'b EOF@1:7")),
            (r"'50\%'", Ok("'50%'|50\\% EOF@1:7")),
            (r"'a\_b\\c'", Ok("'a_b\\c'|a\\_b\\\\c EOF@1:10")),
            (r"'%_'", Ok("'%_'|%_ EOF@1:5")),
            (r#"'\n\T\"'"#, Ok("'\n\t\"'|\n\t\" EOF@1:9")),
            ("'héllo' x", Ok("'héllo'|héllo x EOF@1:10")),
            // Errors.
            ("'abc", Err("unterminated string literal@1:1")),
            (r"x = 'a\", Err("unterminated string literal@1:5")),
            (r"'\q'", Err("Invalid string literal: illegal character sequence '\\q'@1:1")),
            ("x = 2023-02-30", Err("invalid date or dateTime '2023-02-30'@1:5")),
            ("2023-01-01T10:00:00", Err("invalid date or dateTime '2023-01-01T10:00:00'@1:1")),
            ("a ; b", Err("unexpected character: ';'@1:3")),
            ("é", Err("unexpected character: 'é'@1:1")),
            ("a\n  !", Err("unexpected character: '!'@2:3")),
            ("_x", Err("unexpected character: '_'@1:1")),
        ];
        for (src, expected) in cases {
            let expected = expected.map(str::to_owned).map_err(str::to_owned);
            assert_eq!(show(src), expected, "{src:?}");
        }
    }
}
