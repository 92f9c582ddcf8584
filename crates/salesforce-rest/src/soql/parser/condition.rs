//! The WHERE grammar: AND/OR/NOT with parentheses, comparisons, LIKE,
//! `[NOT] IN`, `INCLUDES`/`EXCLUDES`, and literal values.
//!
//! SOQL has no precedence between AND and OR: `a AND b OR c` is an error, so
//! a parenthesis level holds one connective only, and the tree mirrors the
//! parentheses exactly.

use super::super::ast::{Condition, DateLiteral, FieldPath, Value};
use super::super::date_literal;
use super::super::error::SoqlError;
use super::super::lexer::Tok;
use super::Parser;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Connective {
    And,
    Or,
}

impl Parser<'_> {
    /// `a AND b AND c` or `a OR b`, never both at one level.
    pub(crate) fn condition(&mut self) -> Result<Condition, SoqlError> {
        let first = self.unary()?;
        let mut operands = vec![first];
        let mut connective = None;
        loop {
            let next = if self.peek_kw("AND") {
                Connective::And
            } else if self.peek_kw("OR") {
                Connective::Or
            } else {
                break;
            };
            if connective.is_some_and(|c| c != next) {
                // Salesforce points at the second connective.
                return Err(self.unexpected());
            }
            connective = Some(next);
            self.bump();
            operands.push(self.unary()?);
        }
        Ok(match connective {
            None => operands.pop().unwrap_or(Condition::And(Vec::new())),
            Some(Connective::And) => Condition::And(operands),
            Some(Connective::Or) => Condition::Or(operands),
        })
    }

    /// `NOT x`, `( cond )` or a simple comparison.
    fn unary(&mut self) -> Result<Condition, SoqlError> {
        self.enter()?;
        let cond = if self.eat_kw("NOT") {
            Condition::Not(Box::new(self.unary()?))
        } else if self.peek().tok == Tok::LParen {
            self.bump();
            let inner = self.condition()?;
            self.expect(&Tok::RParen)?;
            inner
        } else {
            self.simple()?
        };
        self.leave();
        Ok(cond)
    }

    fn simple(&mut self) -> Result<Condition, SoqlError> {
        let field = self.path()?;
        if let Tok::Op(op) = self.peek().tok {
            self.bump();
            let value = self.value()?;
            return Ok(Condition::Compare { field, op, value });
        }
        if self.eat_kw("LIKE") {
            let Tok::Str { pattern, .. } = &self.peek().tok else {
                return Err(self.unexpected());
            };
            let pattern = pattern.clone();
            self.bump();
            return Ok(Condition::Like { field, pattern });
        }
        let negated = self.peek_kw("NOT") && self.is_kw(self.peek_at(1), "IN");
        if negated {
            self.bump();
        }
        if self.eat_kw("IN") {
            let values = self.list(Self::value)?;
            return Ok(Condition::In { field, values, negated });
        }
        let excludes = self.peek_kw("EXCLUDES");
        if excludes || self.peek_kw("INCLUDES") {
            self.bump();
            let values = self.list(Self::string)?;
            return Ok(Condition::Includes { field, values, excludes });
        }
        Err(self.unexpected())
    }

    /// `( item {, item} )`, at least one item.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Result<T, SoqlError>) -> Result<Vec<T>, SoqlError> {
        self.expect(&Tok::LParen)?;
        let mut items = vec![item(self)?];
        while self.peek().tok == Tok::Comma {
            self.bump();
            items.push(item(self)?);
        }
        self.expect(&Tok::RParen)?;
        Ok(items)
    }

    fn string(&mut self) -> Result<String, SoqlError> {
        let Tok::Str { value, .. } = &self.peek().tok else {
            return Err(self.unexpected());
        };
        let value = value.clone();
        self.bump();
        Ok(value)
    }

    /// A literal: string, number, boolean, null, date, date-time or date literal.
    fn value(&mut self) -> Result<Value, SoqlError> {
        let token = self.peek().clone();
        let value = match &token.tok {
            Tok::Str { value, .. } => Value::String(value.clone()),
            Tok::Number => Value::Number(self.text(&token).to_owned()),
            Tok::Date(d) => Value::Date(*d),
            Tok::DateTime(dt) => Value::DateTime(*dt),
            Tok::Word => {
                let word = self.text(&token);
                if word.eq_ignore_ascii_case("TRUE") {
                    Value::Bool(true)
                } else if word.eq_ignore_ascii_case("FALSE") {
                    Value::Bool(false)
                } else if word.eq_ignore_ascii_case("NULL") {
                    Value::Null
                } else if let Some((literal, needs_n)) = date_literal::lookup(word) {
                    self.bump();
                    return Ok(Value::DateLiteral(if needs_n { self.date_literal_n(literal)? } else { literal }));
                } else {
                    return Err(self.unexpected());
                }
            }
            _ => return Err(self.unexpected()),
        };
        self.bump();
        Ok(value)
    }

    /// The `:n` of `LAST_N_DAYS:n`, written without spaces.
    fn date_literal_n(&mut self, literal: DateLiteral) -> Result<DateLiteral, SoqlError> {
        let name_end = self.tokens.get(self.at.wrapping_sub(1)).map_or(0, |t| t.end);
        let colon = self.peek().clone();
        if colon.tok != Tok::Colon || colon.start != name_end {
            return Err(SoqlError::malformed(colon.pos, format!("expecting ':' after {}", literal.name())));
        }
        self.bump();
        let number = self.peek().clone();
        let text = self.text(&number);
        if number.tok != Tok::Number || number.start != colon.end || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.unexpected());
        }
        let n = text.parse().map_err(|_| SoqlError::out_of_range(number.pos, format!("number too large: {text}")))?;
        self.bump();
        Ok(literal.with_n(n))
    }
}

/// Calls `f` on every field path of a condition tree.
pub(crate) fn for_each_path<E>(cond: &Condition, f: &mut impl FnMut(&FieldPath) -> Result<(), E>) -> Result<(), E> {
    match cond {
        Condition::And(items) | Condition::Or(items) => items.iter().try_for_each(|c| for_each_path(c, f)),
        Condition::Not(inner) => for_each_path(inner, f),
        Condition::Compare { field, .. } | Condition::Like { field, .. } | Condition::In { field, .. } | Condition::Includes { field, .. } => f(field),
    }
}
