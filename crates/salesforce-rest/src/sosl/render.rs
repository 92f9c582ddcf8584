//! [`Search`] back to canonical SOSL text (`Display`).
//!
//! The term is written as stored, except that anything able to end the braces
//! early (an unescaped `{` or `}`, a trailing lone backslash) is escaped, so a
//! hand-built [`SearchTerm::raw`](super::SearchTerm::raw) cannot inject
//! clauses. Values inside WHERE go through the SOQL renderer (escaped).

use std::fmt::{self, Display, Formatter, Write};

use super::{Returning, Search, SearchTerm};
use crate::soql::render::{write_clauses, write_list};

impl Display for SearchTerm {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut chars = self.raw.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(next) => {
                        f.write_char('\\')?;
                        f.write_char(next)?;
                    }
                    None => f.write_str("\\\\")?,
                },
                '{' | '}' => {
                    f.write_char('\\')?;
                    f.write_char(c)?;
                }
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

impl Display for Returning {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.object.fmt(f)?;
        let has_clauses = self.filter.is_some() || !self.order_by.is_empty() || self.limit.is_some() || self.offset.is_some();
        if self.fields.is_empty() && !has_clauses {
            return Ok(());
        }
        f.write_char('(')?;
        if self.fields.is_empty() {
            // SOSL needs a field before any clause; Id is what a bare object returns anyway.
            f.write_str("Id")?;
        } else {
            write_list(f, &self.fields)?;
        }
        write_clauses(f, self.filter.as_ref(), &self.order_by, self.limit, self.offset)?;
        f.write_char(')')
    }
}

impl Display for Search {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "FIND {{{}}}", self.term)?;
        if let Some(scope) = self.scope {
            write!(f, " IN {} FIELDS", scope.as_str())?;
        }
        if !self.returning.is_empty() {
            f.write_str(" RETURNING ")?;
            write_list(f, &self.returning)?;
        }
        if let Some(limit) = self.limit {
            write!(f, " LIMIT {limit}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Returning, Search, SearchScope, SearchTerm, parse};
    use crate::soql::{CompareOp, Condition, Value};

    #[test]
    fn hand_built_searches_cannot_inject() {
        let mut account = Returning::new("Account", &[]);
        account.filter = Some(Condition::compare("Name", CompareOp::Eq, Value::string("x') RETURNING User(Id")));
        let search = Search {
            term: SearchTerm::raw("Acme} RETURNING User(Password) {x\\"),
            scope: Some(SearchScope::Name),
            returning: vec![account, Returning::new("Contact", &["Id", "Account.Name"])],
            limit: Some(10),
        };
        let text = search.to_string();
        assert_eq!(
            text,
            r"FIND {Acme\} RETURNING User(Password) \{x\\} IN NAME FIELDS RETURNING Account(Id WHERE Name = 'x\') RETURNING User(Id'), Contact(Id, Account.Name) LIMIT 10"
        );
        let parsed = parse(&text).expect(&text);
        assert_eq!(parsed.returning.len(), 2);
        assert_eq!(parsed.limit, Some(10));
    }
}
