//! SOQL text to [`Query`] (dialect §8): a hand-written recursive-descent
//! parser over the lexer's tokens.
//!
//! It refuses what Salesforce refuses within the subset (mixed AND/OR without
//! parentheses, bind variables, `OFFSET` over 2000, more than five
//! relationship hops) and everything outside the subset (HAVING, ROLLUP,
//! CUBE, TYPEOF, semi-joins, ORDER BY an aggregate, ...), always with a
//! position. `GROUP BY` takes field paths only. Recursion is capped at
//! [`MAX_DEPTH`] so hostile input cannot overflow the stack.

mod condition;
#[cfg(test)]
mod no_panic_tests;
#[cfg(test)]
mod parity_tests;
#[cfg(test)]
mod tests;

use super::ast::{AggregateFn, FieldPath, Ident, Nulls, OrderBy, Pos, Query, SelectItem};
use super::error::SoqlError;
use super::lexer::{Tok, Token, tokenize};

/// Deepest nesting of parentheses, `NOT`s and subqueries accepted.
pub const MAX_DEPTH: u32 = 64;
/// Salesforce's cap on `OFFSET`.
pub const MAX_OFFSET: u64 = 2000;
/// Salesforce's cap on child-to-parent hops in one path (`a.b.c.d.e.Field`).
pub const MAX_RELATIONSHIP_HOPS: usize = 5;

/// Words that are never a field, object or alias name. (`ORDER` and `GROUP`
/// are missing on purpose: `Order` and `Group` are standard objects, and
/// `OrderItem.Order` a relationship.)
const RESERVED: &[&str] = &[
    "AND", "ASC", "DESC", "EXCLUDES", "FALSE", "FIRST", "FROM", "HAVING", "IN", "INCLUDES", "LAST", "LIKE", "LIMIT", "NOT", "NULL", "NULLS", "OFFSET", "OR",
    "SELECT", "TRUE", "WHERE", "WITH",
];
/// Words that additionally cannot be an alias, because a clause starts there.
const NOT_ALIAS: &[&str] = &["ORDER", "GROUP", "BY", "USING", "FOR", "TYPEOF", "UPDATE"];

/// Parses one SOQL query of the supported subset.
pub fn parse(text: &str) -> Result<Query, SoqlError> {
    let mut p = Parser::new(text)?;
    let query = p.query()?;
    p.expect_eof()?;
    Ok(query)
}

/// Parses a bare WHERE condition (parameterizedSearch's `where`).
pub fn parse_condition(text: &str) -> Result<super::ast::Condition, SoqlError> {
    let mut p = Parser::new(text)?;
    let cond = p.condition()?;
    p.expect_eof()?;
    Ok(cond)
}

/// Parses a bare ORDER BY list without the keywords (`Name DESC, Id`).
pub fn parse_order_by(text: &str) -> Result<Vec<OrderBy>, SoqlError> {
    let mut p = Parser::new(text)?;
    let order = p.order_list()?;
    p.expect_eof()?;
    Ok(order)
}

/// The token cursor shared by the SOQL and SOSL parsers.
#[derive(Debug)]
pub(crate) struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    at: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str) -> Result<Self, SoqlError> {
        Ok(Self::from_tokens(src, tokenize(src)?))
    }

    /// `tokens` must end with `Tok::Eof`.
    pub(crate) fn from_tokens(src: &'a str, tokens: Vec<Token>) -> Self {
        Self { src, tokens, at: 0, depth: 0 }
    }

    pub(crate) fn peek(&self) -> &Token {
        self.peek_at(0)
    }

    pub(crate) fn peek_at(&self, n: usize) -> &Token {
        // The last token is always Eof, so running off the end sees Eof.
        let i = (self.at + n).min(self.tokens.len().saturating_sub(1));
        &self.tokens[i]
    }

    pub(crate) fn bump(&mut self) -> Token {
        let token = self.peek().clone();
        if self.at + 1 < self.tokens.len() {
            self.at += 1;
        }
        token
    }

    pub(crate) fn text(&self, token: &Token) -> &'a str {
        self.src.get(token.start..token.end).unwrap_or("")
    }

    /// Whether `token` is the word `kw` (any case).
    pub(crate) fn is_kw(&self, token: &Token, kw: &str) -> bool {
        token.tok == Tok::Word && self.text(token).eq_ignore_ascii_case(kw)
    }

    pub(crate) fn peek_kw(&self, kw: &str) -> bool {
        self.is_kw(self.peek(), kw)
    }

    pub(crate) fn eat_kw(&mut self, kw: &str) -> bool {
        let hit = self.peek_kw(kw);
        if hit {
            self.bump();
        }
        hit
    }

    pub(crate) fn expect_kw(&mut self, kw: &str) -> Result<Token, SoqlError> {
        if self.peek_kw(kw) { Ok(self.bump()) } else { Err(self.unexpected()) }
    }

    pub(crate) fn expect(&mut self, tok: &Tok) -> Result<Token, SoqlError> {
        if &self.peek().tok == tok { Ok(self.bump()) } else { Err(self.unexpected()) }
    }

    pub(crate) fn expect_eof(&self) -> Result<(), SoqlError> {
        if self.peek().tok == Tok::Eof { Ok(()) } else { Err(self.unexpected()) }
    }

    /// Salesforce's wording for a token that cannot stand here.
    pub(crate) fn unexpected(&self) -> SoqlError {
        let token = self.peek();
        let message = match &token.tok {
            Tok::Eof => "unexpected token: '<EOF>'".to_owned(),
            Tok::Colon => "Bind variables only allowed in Apex code".to_owned(),
            Tok::Str { .. } => format!("unexpected token: {}", self.text(token)),
            _ => format!("unexpected token: '{}'", self.text(token)),
        };
        SoqlError::malformed(token.pos, message)
    }

    /// Counts one level of nesting; pair with [`Parser::leave`].
    pub(crate) fn enter(&mut self) -> Result<(), SoqlError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SoqlError::malformed(self.peek().pos, "query is nested too deeply"));
        }
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// A name that is not a reserved word (`also_not` adds more refusals).
    pub(crate) fn name(&mut self, also_not: &[&str]) -> Result<Ident, SoqlError> {
        let token = self.peek();
        let text = self.text(token);
        let reserved = RESERVED.iter().chain(also_not).any(|r| r.eq_ignore_ascii_case(text));
        if token.tok != Tok::Word || reserved {
            return Err(self.unexpected());
        }
        let token = self.bump();
        Ok(Ident { name: self.text(&token).to_owned(), pos: token.pos })
    }

    /// An optional alias: a following word that is not reserved.
    pub(crate) fn alias(&mut self) -> Option<Ident> {
        let token = self.peek();
        let text = self.text(token);
        let reserved = RESERVED.iter().chain(NOT_ALIAS).any(|r| r.eq_ignore_ascii_case(text));
        (token.tok == Tok::Word && !reserved).then(|| {
            let token = self.bump();
            Ident { name: self.text(&token).to_owned(), pos: token.pos }
        })
    }

    /// `Name`, `Account.Owner.Name`.
    pub(crate) fn path(&mut self) -> Result<FieldPath, SoqlError> {
        let mut parts = vec![self.name(&[])?];
        while self.peek().tok == Tok::Dot {
            self.bump();
            let part = self.name(&[])?;
            // An alias prefix adds one part; anything longer is refused now,
            // the exact hop count once the alias is known (`check_hops`).
            if parts.len() > MAX_RELATIONSHIP_HOPS + 1 {
                return Err(too_many_hops(part.pos));
            }
            parts.push(part);
        }
        Ok(FieldPath { parts })
    }

    /// A non-negative integer (LIMIT/OFFSET).
    pub(crate) fn integer(&mut self) -> Result<(u64, Pos), SoqlError> {
        let token = self.peek();
        let text = self.text(token);
        if token.tok != Tok::Number || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.unexpected());
        }
        let pos = token.pos;
        let n = text.parse().map_err(|_| SoqlError::out_of_range(pos, format!("number too large: {text}")))?;
        self.bump();
        Ok((n, pos))
    }

    pub(crate) fn offset(&mut self) -> Result<u64, SoqlError> {
        let (n, pos) = self.integer()?;
        if n > MAX_OFFSET {
            return Err(SoqlError::out_of_range(pos, format!("Maximum SOQL offset allowed is {MAX_OFFSET}")));
        }
        Ok(n)
    }

    /// `a, b.c`: one or more paths separated by commas (GROUP BY).
    fn path_list(&mut self) -> Result<Vec<FieldPath>, SoqlError> {
        let mut list = vec![self.path()?];
        while self.peek().tok == Tok::Comma {
            self.bump();
            list.push(self.path()?);
        }
        Ok(list)
    }

    pub(crate) fn order_list(&mut self) -> Result<Vec<OrderBy>, SoqlError> {
        let mut list = Vec::new();
        loop {
            let field = self.path()?;
            let descending = if self.eat_kw("DESC") {
                true
            } else {
                self.eat_kw("ASC");
                false
            };
            let nulls = if self.eat_kw("NULLS") {
                if self.eat_kw("FIRST") {
                    Some(Nulls::First)
                } else {
                    self.expect_kw("LAST")?;
                    Some(Nulls::Last)
                }
            } else {
                None
            };
            list.push(OrderBy { field, descending, nulls });
            if self.peek().tok != Tok::Comma {
                return Ok(list);
            }
            self.bump();
        }
    }

    /// `SELECT ... [OFFSET n]`, stopping before `)` or end of input.
    fn query(&mut self) -> Result<Query, SoqlError> {
        self.expect_kw("SELECT")?;
        let select = self.select_list()?;
        self.expect_kw("FROM")?;
        let from = self.name(&[])?;
        if self.peek().tok == Tok::Dot {
            // `FROM Account.Contacts` in subqueries: outside the subset.
            return Err(self.unexpected());
        }
        let alias = self.alias();
        let filter = if self.eat_kw("WHERE") { Some(self.condition()?) } else { None };
        let group_by = if self.eat_kw("GROUP") {
            self.expect_kw("BY")?;
            self.path_list()?
        } else {
            Vec::new()
        };
        let order_by = if self.eat_kw("ORDER") {
            self.expect_kw("BY")?;
            self.order_list()?
        } else {
            Vec::new()
        };
        let limit = if self.eat_kw("LIMIT") { Some(self.integer()?.0) } else { None };
        let offset = if self.eat_kw("OFFSET") { Some(self.offset()?) } else { None };
        let query = Query { select, from, alias, filter, group_by, order_by, limit, offset };
        check_hops(&query)?;
        Ok(query)
    }

    fn select_list(&mut self) -> Result<Vec<SelectItem>, SoqlError> {
        let mut items = Vec::new();
        loop {
            let start = self.peek().clone();
            let item = self.select_item()?;
            if (item == SelectItem::Count && !items.is_empty()) || items.contains(&SelectItem::Count) {
                return Err(SoqlError::malformed(start.pos, "COUNT() must be the only element in the SELECT list"));
            }
            items.push(item);
            if self.peek().tok != Tok::Comma {
                return Ok(items);
            }
            self.bump();
        }
    }

    fn select_item(&mut self) -> Result<SelectItem, SoqlError> {
        if self.peek().tok == Tok::LParen {
            if !self.is_kw(self.peek_at(1), "SELECT") {
                self.bump();
                return Err(self.unexpected());
            }
            self.bump();
            self.enter()?;
            let sub = self.query()?;
            self.expect(&Tok::RParen)?;
            self.leave();
            return Ok(SelectItem::SubQuery(Box::new(sub)));
        }
        if self.peek().tok != Tok::Word || self.peek_at(1).tok != Tok::LParen {
            return Ok(SelectItem::Field(self.path()?));
        }
        let function = self.bump();
        let name = self.text(&function).to_ascii_uppercase();
        self.bump(); // (
        if name == "COUNT" && self.peek().tok == Tok::RParen {
            self.bump();
            // `COUNT() c` is accepted; the alias means nothing for COUNT().
            self.alias();
            return Ok(SelectItem::Count);
        }
        let aggregate = match name.as_str() {
            "COUNT" => Some(AggregateFn::Count),
            "COUNT_DISTINCT" => Some(AggregateFn::CountDistinct),
            "MIN" => Some(AggregateFn::Min),
            "MAX" => Some(AggregateFn::Max),
            "SUM" => Some(AggregateFn::Sum),
            "AVG" => Some(AggregateFn::Avg),
            "TOLABEL" => None,
            _ => {
                let message = format!("Unknown or unsupported function: {}", self.text(&function));
                return Err(SoqlError::malformed(function.pos, message));
            }
        };
        let field = self.path()?;
        self.expect(&Tok::RParen)?;
        Ok(match aggregate {
            Some(function) => SelectItem::Aggregate { function, field, alias: self.alias() },
            None => SelectItem::ToLabel(field),
        })
    }
}

fn too_many_hops(pos: Pos) -> SoqlError {
    SoqlError::malformed(pos, format!("A driving SObject type can only be followed by {MAX_RELATIONSHIP_HOPS} levels of relationships"))
}

/// Refuses paths with more than [`MAX_RELATIONSHIP_HOPS`] hops, not counting
/// a leading `FROM` alias. Subqueries are checked when they are parsed.
fn check_hops(query: &Query) -> Result<(), SoqlError> {
    let check = |path: &FieldPath| {
        let aliased = query.alias.as_ref().zip(path.parts.first()).is_some_and(|(a, p)| p.is(&a.name));
        let hops = path.parts.len().saturating_sub(1 + usize::from(aliased));
        match path.parts.last() {
            Some(last) if hops > MAX_RELATIONSHIP_HOPS => Err(too_many_hops(last.pos)),
            _ => Ok(()),
        }
    };
    for item in &query.select {
        match item {
            SelectItem::Field(p) | SelectItem::ToLabel(p) | SelectItem::Aggregate { field: p, .. } => check(p)?,
            SelectItem::Count | SelectItem::SubQuery(_) => {}
        }
    }
    for path in &query.group_by {
        check(path)?;
    }
    for order in &query.order_by {
        check(&order.field)?;
    }
    if let Some(filter) = &query.filter {
        condition::for_each_path(filter, &mut |p| check(p))?;
    }
    Ok(())
}
